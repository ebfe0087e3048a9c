"""The newest national figure of each series, and how old it is: what the overview leads with."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from etl.analysis import conflicts as conflict_rules
from etl.analysis.figures import STALE_DAYS, choose_records, series_kind

NATIONAL_METRICS = ("police_reports", "cases", "cases_completed", "suspects", "victims_rescued")


def newest_national(enforcement: pd.DataFrame, conflicts: pd.DataFrame, today: dt.date | None = None) -> pd.DataFrame:
    """One row per national series and metric: the newest figure (the same tie-break as every page), its own
    period, source, age in days, whether it is more than 12 months old, and the other sources' values."""
    today = today or dt.date.today()
    national = enforcement[enforcement["scope"] == "national"]
    rows = []
    for metric in NATIONAL_METRICS:
        part = national[national[metric].notna()]
        if part.empty:
            continue
        part = part.assign(_kind=part.apply(series_kind, axis=1))
        part = part[part["_kind"].isin(("satgas_running_total", "calendar_year", "partial_year"))]
        for _, record in choose_records(part, "_kind").iterrows():
            end = record["reference_date"].date() if pd.notna(record["reference_date"]) else None
            ref = record["record_ref"] if isinstance(record["record_ref"], str) else None
            disagreement = conflict_rules.for_figure(conflicts, ref, metric, float(record[metric]), part.iloc[0:0])
            rows.append(
                {
                    "series": record["_kind"],
                    "metric": metric,
                    "value": int(record[metric]),
                    "period_start": record["period_start"].date() if pd.notna(record["period_start"]) else None,
                    "period_end": end,
                    "announced_date": record["announced_date"].date() if pd.notna(record["announced_date"]) else None,
                    "source_url": record["source_url"],
                    "source_outlet": record["source_outlet"],
                    "record_ref": ref,
                    "age_days": (today - end).days if end else None,
                    "stale": bool(end and (today - end).days > STALE_DAYS),
                    "conflict": disagreement.conflict,
                    "other_values": disagreement.other_values,
                }
            )
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    return frame.sort_values(["period_end", "series", "metric"], ascending=[False, True, True]).reset_index(drop=True)
