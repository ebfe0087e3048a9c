"""Fair comparison of provinces, source reconciliation, and public-mode suppression (pure pandas)."""

from __future__ import annotations

import math

import pandas as pd

from etl.analysis import periods
from etl.analysis.figures import ENFORCEMENT_METRICS, FigureInputs, province_figures
from etl.queries import flag_conflicts

COMPARE_METRICS = ("police_reports", "cases", "suspects", "victims_rescued", "activities")
SUPPRESSED = "<5"


def compare_table(inputs: FigureInputs, codes: list[str], period: periods.Period) -> pd.DataFrame:
    """One row per province: each metric's chosen figure (``etl.analysis.figures``) with its per-100,000 rate,
    period, series, source and conflict; activities per case, pillars covered, latest record and completeness.

    Derived measures are empty (NaN) where their inputs have no record: never 0 for "no record".
    """
    table = pd.DataFrame({"province_code": codes}).set_index("province_code")
    for metric in COMPARE_METRICS:
        values = province_figures(inputs, metric, period, codes).set_index("province_code")
        table[metric] = values["value"]
        table[f"{metric}_per_100k"] = values["rate_per_100k"]
        for column in _FIGURE_COLUMNS:
            table[f"{metric}_{column}"] = values[column]
    table["province"] = values["province"]
    table["population"] = values["population"]
    cases, activity_count = table["cases"], table["activities"]
    table["activities_per_case"] = (activity_count / cases).where((cases > 0) & activity_count.notna())
    activities = inputs.activities
    dates = activities["date"]
    inside = activities[(dates >= pd.Timestamp(period.start)) & (dates <= pd.Timestamp(period.end))]
    pillars = inside.dropna(subset=["pillars"]).assign(pillar=lambda f: f["pillars"].str.split(";")).explode("pillar")
    covered = pillars.groupby("province_code")["pillar"].nunique()
    table["pillars_covered"] = covered.reindex(table.index).where(activity_count.notna())
    enforcement = inputs.enforcement
    enf_dates = enforcement[["province_code", "reference_date"]].rename(columns={"reference_date": "date"})
    all_dates = pd.concat([enf_dates, activities[["province_code", "date"]]], ignore_index=True).dropna()
    all_dates = all_dates[
        (all_dates["date"] >= pd.Timestamp(period.start)) & (all_dates["date"] <= pd.Timestamp(period.end))
    ]
    table["latest_record"] = all_dates.groupby("province_code")["date"].max().reindex(table.index)
    months = max(1, (period.end.year - period.start.year) * 12 + period.end.month - period.start.month + 1)
    with_months = (
        all_dates.assign(month=all_dates["date"].dt.to_period("M")).groupby("province_code")["month"].nunique()
    )
    table["completeness"] = (with_months.reindex(table.index) / months).clip(upper=1.0)  # NaN: no record at all
    return table.reset_index()


_FIGURE_COLUMNS = (
    "period_start",
    "period_end",
    "series",
    "source_url",
    "record_ref",
    "conflict",
    "other_values",
    "comparable",
    "area_note_id",
    "area_note_en",
    "rate_note_id",
    "rate_note_en",
    "covered_by_unit",
    "stale",
    "partial",
)


def ranking(table: pd.DataFrame, metric: str, per_capita: bool, min_count: int) -> dict[str, pd.DataFrame]:
    """Ranked provinces (count at least ``min_count``), those below the minimum, and those without data."""
    value_column = f"{metric}_per_100k" if per_capita else metric
    if metric != "activities":  # a combined national + Polda entry is never ranked as a province
        comparable = table[f"{metric}_comparable"].fillna(False).astype(bool) | table[metric].isna()
        not_comparable, table = table[~comparable], table[comparable]
    else:
        not_comparable = table.iloc[0:0]
    counts = table[metric]
    no_data = table[counts.isna()]
    too_few = table[counts.notna() & (counts < min_count)]
    ranked = table[counts.notna() & (counts >= min_count) & table[value_column].notna()]
    ranked = ranked.sort_values(value_column, ascending=False).assign(rank=lambda f: range(1, len(f) + 1))
    no_rate = table[counts.notna() & (counts >= min_count) & table[value_column].isna()]
    return {
        "ranked": ranked,
        "below_minimum": too_few,
        "no_data": no_data,
        "no_population": no_rate,
        "not_comparable": not_comparable,
    }


def reconcile(
    enforcement: pd.DataFrame,
    scope: str,
    province_code: str | None,
    period: periods.Period,
    conflicts: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every reported value for a place and period, one row per record and metric, side by side.

    ``differs`` marks values that disagree with another source for the same metric and date range.
    """
    frame = enforcement[enforcement["scope"] == scope]
    if province_code:
        frame = frame[frame["province_code"] == province_code]
    ref = frame["reference_date"]
    frame = frame[(ref >= pd.Timestamp(period.start)) & (ref <= pd.Timestamp(period.end))]
    frame = flag_conflicts(frame, conflicts) if not frame.empty else frame.assign(conflict=False, conflict_metrics="")
    rows = []
    for _, record in frame.iterrows():
        for metric in (*ENFORCEMENT_METRICS, "cases_completed"):
            if pd.isna(record[metric]):
                continue
            rows.append(
                {
                    "reference_date": record["reference_date"],
                    "period_start": record["period_start"],
                    "metric": metric,
                    "value": int(record[metric]),
                    "reporting_unit": record["reporting_unit"],
                    "series": record["series"],
                    "source_outlet": record["source_outlet"],
                    "source_agency": record["source_agency"],
                    "announced_date": record["announced_date"],
                    "source_url": record["source_url"],
                    "record_ref": record["record_ref"],
                    "conflict_note": record["conflict_note"] if isinstance(record["conflict_note"], str) else "",
                }
            )
    columns = [
        "reference_date",
        "period_start",
        "metric",
        "value",
        "reporting_unit",
        "series",
        "source_outlet",
        "source_agency",
        "announced_date",
        "source_url",
        "record_ref",
        "conflict_note",
    ]
    result = pd.DataFrame(rows, columns=columns)
    if result.empty:
        return result.assign(differs=pd.Series(dtype=bool), values_for_date=pd.Series(dtype=str))
    key = [result["reference_date"].astype(str), result["period_start"].astype(str), result["metric"]]
    same_date = result.groupby(key, dropna=False)["value"]  # records without a period start are compared too
    distinct = same_date.transform("nunique")
    documented = _documented(conflicts, result)
    result["differs"] = (distinct > 1) | documented["reason_en"].ne("")
    result["values_for_date"] = same_date.transform(lambda s: " / ".join(str(v) for v in sorted(set(s)))).astype(str)
    result["other_values"] = documented["other_values"]
    result["reason_id"], result["reason_en"] = documented["reason_id"], documented["reason_en"]
    return result.sort_values(["reference_date", "metric", "value"]).reset_index(drop=True)


def _documented(conflicts: pd.DataFrame | None, rows: pd.DataFrame) -> pd.DataFrame:
    """Per reconciliation row: the documented conflict on that record's metric (other values and reason)."""
    from etl.analysis.conflicts import for_figure

    empty = rows.iloc[0:0]
    found = [
        for_figure(conflicts, ref if isinstance(ref, str) else None, metric, float(value), empty)
        if conflicts is not None
        else None
        for ref, metric, value in zip(rows["record_ref"], rows["metric"], rows["value"], strict=True)
    ]
    return pd.DataFrame(
        {
            "other_values": [f.other_values if f else [] for f in found],
            "reason_id": [f.reason_id if f else "" for f in found],
            "reason_en": [f.reason_en if f else "" for f in found],
        },
        index=rows.index,
    )


def suppress(table: pd.DataFrame, count_columns: list[str], rate_columns: dict[str, str]) -> pd.DataFrame:
    """Public mode: counts 1-4 shown as "<5", with complementary suppression.

    Column totals are computed before suppression by the caller. If a column has exactly one
    suppressed cell, the total minus the shown cells would reveal it, so the next smallest shown
    cell is suppressed too. Rates derived from a suppressed count are suppressed with it.
    """
    out = table.copy().astype(object)
    for column in count_columns:
        values = pd.to_numeric(table[column], errors="coerce")
        small = values.between(1, 4)
        if small.sum() == 1:
            others = values[~small & values.notna() & (values > 0)]
            if not others.empty:
                small.loc[others.idxmin()] = True
        out.loc[small, column] = SUPPRESSED
        if column in rate_columns:
            out.loc[small, rate_columns[column]] = SUPPRESSED
    return out


def is_recoverable(shown: pd.Series, total: float) -> bool:
    """True when exactly one cell is hidden, so total minus the shown cells would reveal it."""
    hidden = shown.astype(str) == SUPPRESSED
    return int(hidden.sum()) == 1 and not math.isnan(total)
