"""Everything about one province: headline figures with sources, coverage notes, records, pillars, gaps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from etl import vocab
from etl.analysis.figures import ENFORCEMENT_METRICS, FigureInputs, province_figures
from etl.analysis.periods import Period
from etl.queries import flag_conflicts

STAGE_COLUMNS = ("stage_lidik", "stage_sidik", "stage_p21")
MODUS_COLUMNS = ("modus_pmi_prt", "modus_psk", "modus_abk", "modus_child_exploitation", "modus_other")


@dataclass
class ProvinceProfile:
    code: str
    headlines: pd.DataFrame  # the chosen figure of each metric (etl.analysis.figures), with or without a value
    coverage_notes: list[tuple[str, str, str]]  # (unit, note_id, note_en)
    records: pd.DataFrame
    activities: pd.DataFrame
    pillars_touched: list[str]
    pillars_missing: list[str]
    last_record: dt.date | None
    missing_metrics: list[str]
    years_without_records: list[int]
    regency_activity_counts: dict[str, int] = field(default_factory=dict)


def _date(value) -> dt.date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def province_profile(
    code: str,
    inputs: FigureInputs,
    period: Period,
    today: dt.date | None = None,
) -> ProvinceProfile:
    """Assemble the profile of province ``code``: its headline figures for ``period`` are the ones every other page
    shows (``etl.analysis.figures.province_figures``); its records and activities are listed whatever their date."""
    today = today or dt.date.today()
    enforcement, activities, police_units = inputs.enforcement, inputs.activities, inputs.police_units
    mine = enforcement[enforcement["province_code"] == code]
    mine = (
        flag_conflicts(mine, inputs.conflicts) if not mine.empty else mine.assign(conflict=False, conflict_metrics="")
    )
    headlines = pd.concat(
        [province_figures(inputs, metric, period, [code], today) for metric in ENFORCEMENT_METRICS], ignore_index=True
    )
    notes = []
    for _, unit in police_units.iterrows():
        covers = str(unit["covers"] or "").split(";")
        if unit["level"] == "province" and (unit["code"] == code or any(c.split(".")[0] == code for c in covers)):
            notes.append((unit["unit"], unit["note_id"] or "", unit["note_en"] or ""))
    acts = activities[activities["province_code"] == code].sort_values("date", ascending=False)
    touched: list[str] = []
    for value in acts["pillars"].dropna():
        for pillar in str(value).split(";"):
            if pillar and pillar not in touched:
                touched.append(pillar)
    touched = [p for p in vocab.PILLARS if p in touched]
    missing = [p for p in vocab.PILLARS if p not in touched]
    records = _records_table(mine, acts)
    dates = [
        d
        for d in (
            mine["reference_date"].max() if not mine.empty else None,
            acts["date"].max() if not acts.empty else None,
        )
        if d is not None and pd.notna(d)
    ]
    years_with = set(mine["reference_date"].dropna().dt.year) | set(acts["date"].dropna().dt.year)
    return ProvinceProfile(
        code=code,
        headlines=headlines,
        coverage_notes=notes,
        records=records,
        activities=acts,
        pillars_touched=touched,
        pillars_missing=missing,
        last_record=_date(max(dates)) if dates else None,
        missing_metrics=headlines.loc[headlines["value"].isna() & headlines["covered_by"].isna(), "metric"].tolist(),
        years_without_records=[y for y in range(2023, today.year + 1) if y not in years_with],
        regency_activity_counts=acts.dropna(subset=["regency_code"]).groupby("regency_code").size().to_dict(),
    )


RECORD_FIGURES = (*ENFORCEMENT_METRICS, "cases_completed", *STAGE_COLUMNS)
RECORD_TEXT_FIGURES = (*MODUS_COLUMNS, "stage_other")


def _records_table(enforcement: pd.DataFrame, activities: pd.DataFrame) -> pd.DataFrame:
    """Every record of the province, newest first: kind, date, what it says (case stages and modus included),
    source, status, and which of its metrics another source disputes (``conflict_metrics``)."""
    rows = []
    for _, r in enforcement.iterrows():
        figures = {m: int(r[m]) for m in RECORD_FIGURES if m in r and pd.notna(r[m])}
        figures.update({m: str(r[m]) for m in RECORD_TEXT_FIGURES if m in r and isinstance(r[m], str) and r[m]})
        metrics_disputed = set(str(r["conflict_metrics"]).split())
        rows.append(
            {
                "kind": "enforcement",
                "date": r["reference_date"],
                "period_start": r["period_start"],
                "description": r["reporting_unit"],
                "figures": figures,
                "regency_code": r["regency_code"],
                "source_url": r["source_url"],
                "source_name": r["source_name"],
                "source_outlet": r["source_outlet"],
                "verification_status": r["verification_status"],
                "conflict": bool(metrics_disputed),
                "conflict_metrics": sorted(metrics_disputed),
                "record_ref": r["record_ref"],
                "series": r["series"],
            }
        )
    for _, a in activities.iterrows():
        rows.append(
            {
                "kind": "activity",
                "date": a["date"],
                "period_start": None,
                "description": f"{a['title']} — {a['organizer']}",
                "figures": {"activity_type": a["activity_type"]},
                "regency_code": a["regency_code"],
                "source_url": a["source_url"],
                "source_name": a["source_name"],
                "source_outlet": a["source_outlet"],
                "verification_status": a["verification_status"],
                "conflict": False,
                "conflict_metrics": [],
                "record_ref": a["record_ref"],
                "series": None,
            }
        )
    columns = [
        "kind",
        "date",
        "period_start",
        "description",
        "figures",
        "regency_code",
        "source_url",
        "source_name",
        "source_outlet",
        "verification_status",
        "conflict",
        "conflict_metrics",
        "record_ref",
        "series",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values("date", ascending=False, na_position="last").reset_index(drop=True)
