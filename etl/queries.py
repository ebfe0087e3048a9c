"""Read-side answers built from the store's frames: conflicts, latest figures, overview stats."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd
from sqlalchemy.engine import Engine

from etl import store
from etl.analysis.conflicts import documented_metrics

HEADLINE_METRICS = ("police_reports", "suspects", "victims_rescued")
METRIC_COLUMNS = ("police_reports", "cases", "cases_completed", "suspects", "victims_rescued")


def flag_conflicts(frame: pd.DataFrame, conflicts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Add ``conflict`` and ``conflict_metrics``: the metrics of each record that another record of the same place,
    series type and period gives differently, or that a documented conflict (``conflicts``, the store's
    ``figure_conflicts``) names for that record. A note alone marks nothing: undisputed metrics carry no mark."""
    frame = frame.copy()
    frame["conflict_metrics"] = ""
    if frame.empty:
        frame["conflict"] = False
        return frame
    keys = ["scope", "province_code", "regency_code", "cumulative", "period_start", "reference_date"]
    grouped = frame.assign(**{k: frame[k].astype(str) for k in keys}).groupby(keys, dropna=False)
    for metric in METRIC_COLUMNS:
        distinct = grouped[metric].transform(lambda s: s.dropna().nunique())
        hit = (distinct > 1) & frame[metric].notna()
        frame.loc[hit, "conflict_metrics"] = (
            frame.loc[hit, "conflict_metrics"].str.cat(pd.Series(metric, index=frame.index[hit]), sep=" ").str.strip()
        )
    documented = documented_metrics(conflicts)
    if documented:
        frame["conflict_metrics"] = [
            " ".join(sorted(set(found.split()) | (documented.get(ref, {}).keys() & set(METRIC_COLUMNS))))
            for found, ref in zip(frame["conflict_metrics"], frame["record_ref"], strict=True)
        ]
    frame["conflict"] = frame["conflict_metrics"] != ""
    return frame


@dataclass
class LatestFigure:
    """The latest published value of one national running-total metric, with its source."""

    metric: str
    value: int
    date: str
    record_ref: str | None
    source_url: str | None
    source_name: str | None
    source_outlet: str | None
    conflict: bool


def latest_national(enforcement: pd.DataFrame, conflicts: pd.DataFrame | None = None) -> dict[str, LatestFigure]:
    """Per metric, the latest value of the national running total since the Satgas (never a sum)."""
    series = enforcement[(enforcement["scope"] == "national") & (enforcement["series"] == "cumulative_since_satgas")]
    series = flag_conflicts(series, conflicts) if not series.empty else series
    latest: dict[str, LatestFigure] = {}
    for metric in HEADLINE_METRICS:
        rows = series[series[metric].notna()].sort_values(["reference_date", "announced_date"])
        if rows.empty:
            continue
        row = rows.iloc[-1]
        latest[metric] = LatestFigure(
            metric,
            int(row[metric]),
            row["reference_date"].date().isoformat(),
            row["record_ref"],
            row["source_url"] if isinstance(row["source_url"], str) else None,
            row["source_name"] if isinstance(row["source_name"], str) else None,
            row["source_outlet"] if isinstance(row["source_outlet"], str) else None,
            metric in str(row["conflict_metrics"]).split(),
        )
    return latest


def provinces_with_data(enforcement: pd.DataFrame, activities: pd.DataFrame) -> list[str]:
    """Province codes that have at least one enforcement record or activity."""
    codes = set(enforcement["province_code"].dropna()) | set(activities["province_code"].dropna())
    return sorted(str(c) for c in codes)


def freshness(enforcement: pd.DataFrame, activities: pd.DataFrame) -> dict[str, str | None]:
    """Dates of the latest enforcement record and activity."""
    last_enf = enforcement["reference_date"].max() if not enforcement.empty else None
    last_act = activities["date"].max() if not activities.empty else None
    return {
        "latest_enforcement_date": last_enf.date().isoformat() if pd.notna(last_enf) else None,
        "latest_activity_date": last_act.date().isoformat() if pd.notna(last_act) else None,
    }


def data_as_of(enforcement: pd.DataFrame, activities: pd.DataFrame) -> str | None:
    """ISO date of the newest record (figure announced or period end, activity date): "data as of"."""
    dates = [
        d
        for d in (
            enforcement["announced_date"].max() if not enforcement.empty else None,
            enforcement["reference_date"].max() if not enforcement.empty else None,
            activities["date"].max() if not activities.empty else None,
        )
        if d is not None and pd.notna(d)
    ]
    return max(dates).date().isoformat() if dates else None


def stats(engine: Engine) -> dict[str, object]:
    """Counts per table, provinces with data, latest national figures and freshness."""
    enforcement = store.enforcement_frame(engine)
    activities = store.activities_frame(engine)
    conflicts = store.conflicts_frame(engine)
    flagged = flag_conflicts(enforcement, conflicts)
    counts = store.table_counts(engine)
    series_counts = enforcement["series"].value_counts().sort_index().to_dict()
    return {
        "schema_version": store.current_version(engine),
        "tables": counts,
        "enforcement_by_series": {str(k): int(v) for k, v in series_counts.items()},
        "enforcement_with_conflict": int(flagged["conflict"].sum()),
        "provinces_with_data": provinces_with_data(enforcement, activities),
        "provinces_with_data_count": len(provinces_with_data(enforcement, activities)),
        "population_provinces_for_rates": int(
            store.population_frame(engine).query("use_for_rates")["province_code"].nunique()
        ),
        "latest_national": {k: asdict(v) for k, v in latest_national(enforcement, conflicts).items()},
        **freshness(enforcement, activities),
    }


@dataclass
class Overview:
    """Everything the overview page shows, computed from the record frames."""

    provinces_with_data: int
    provinces_total: int
    enforcement_records: int
    activities_recorded: int
    latest_enforcement_date: str | None
    latest_activity_date: str | None
    year_totals: pd.DataFrame


def calendar_year_totals(enforcement: pd.DataFrame, conflicts: pd.DataFrame | None = None) -> pd.DataFrame:
    """National calendar-year releases, one row per release (conflicting releases both kept and marked)."""
    rows = enforcement[(enforcement["scope"] == "national") & (enforcement["series"] == "calendar_year")]
    rows = flag_conflicts(rows, conflicts) if not rows.empty else rows.assign(conflict=False)
    columns = ["year", *METRIC_COLUMNS, "announced_date", "source_url", "source_outlet", "conflict", "record_ref"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    rows = rows.assign(year=rows["period_start"].dt.year)
    return rows.sort_values(["year", "announced_date"])[columns].reset_index(drop=True)


def overview(
    enforcement: pd.DataFrame,
    activities: pd.DataFrame,
    conflicts: pd.DataFrame | None = None,
    provinces_total: int = 38,
) -> Overview:
    """The national overview: coverage, counts, freshness and the calendar-year releases (the newest figure of each
    series comes from ``etl.analysis.freshness``)."""
    fresh = freshness(enforcement, activities)
    return Overview(
        provinces_with_data=len(provinces_with_data(enforcement, activities)),
        provinces_total=provinces_total,
        enforcement_records=len(enforcement),
        activities_recorded=len(activities),
        latest_enforcement_date=fresh["latest_enforcement_date"],
        latest_activity_date=fresh["latest_activity_date"],
        year_totals=calendar_year_totals(enforcement, conflicts),
    )
