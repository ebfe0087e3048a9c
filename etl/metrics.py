"""Activity points for the maps, the national running-total series, activities per month and milestones.

Which figure a province shows lives in ``etl.analysis.figures``; periods in ``etl.analysis.periods``.
Running totals are never added together: increments come only from consecutive totals of one series.
"""

from __future__ import annotations

import csv
from functools import lru_cache

import pandas as pd

from etl import config
from etl.analysis.conflicts import documented_metrics
from etl.analysis.figures import FIGURE_METRICS
from etl.analysis.periods import Period
from etl.queries import flag_conflicts

MAP_METRICS = FIGURE_METRICS  # the measures the map can colour by


@lru_cache(maxsize=1)
def area_points() -> dict[str, tuple[float, float]]:
    """Representative (lat, lng) of every province and regency, from the boundary source."""
    with open(config.REFERENCE_DIR / "area_points.csv", encoding="utf-8", newline="") as handle:
        return {r["code"]: (float(r["lat"]), float(r["lng"])) for r in csv.DictReader(handle)}


def activity_points(activities: pd.DataFrame, period: Period, per_place: int = 5) -> list[dict]:
    """Activities inside ``period`` grouped by regency (or province when no regency is given).

    One point per place keeps the map light at national zoom; each point carries the count,
    the dominant activity type and the latest ``per_place`` activities for its popup.
    """
    dates = activities["date"]
    inside = activities[(dates >= pd.Timestamp(period.start)) & (dates <= pd.Timestamp(period.end))]
    if inside.empty:
        return []
    inside = inside.assign(place=inside["regency_code"].fillna(inside["province_code"]))
    points = area_points()
    result = []
    for place, group in inside.groupby("place"):
        if place not in points:
            continue
        group = group.sort_values("date", ascending=False)
        lat, lng = points[place]
        result.append(
            {
                "code": place,
                "province_code": group["province_code"].iloc[0],
                "lat": lat,
                "lng": lng,
                "count": len(group),
                "main_type": group["activity_type"].mode().iloc[0],
                "items": [
                    {
                        "date": row["date"].date().isoformat(),
                        "activity_type": row["activity_type"],
                        "title": row["title"],
                        "organizer": row["organizer"],
                        "source_url": row["source_url"] if isinstance(row["source_url"], str) else None,
                        "source_name": row["source_name"] if isinstance(row["source_name"], str) else None,
                    }
                    for _, row in group.head(per_place).iterrows()
                ],
            }
        )
    return result


def national_running_totals(enforcement: pd.DataFrame, conflicts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Long frame of the national Satgas running totals: one row per reported value.

    ``conflict`` marks a value another source gives differently (same date, or a documented conflict on that
    record's metric); ``conflict_note`` is the documented reason (English) and ``conflict_note_id`` the Indonesian.
    ``increment`` is the change from the previous reported date of the same metric, computed only
    where both dates have exactly one reported value (conflicting dates get no increment).
    """
    frame = enforcement[(enforcement["scope"] == "national") & (enforcement["series"] == "cumulative_since_satgas")]
    frame = flag_conflicts(frame, conflicts) if not frame.empty else frame.assign(conflict=False, conflict_metrics="")
    reasons = documented_metrics(conflicts)
    rows = []
    for metric in ("police_reports", "suspects", "victims_rescued"):
        part = frame[frame[metric].notna()]
        for _, record in part.iterrows():
            reason_id, note = reasons.get(str(record["record_ref"]), {}).get(metric, ("", ""))
            rows.append(
                {
                    "metric": metric,
                    "date": record["reference_date"],
                    "value": int(record[metric]),
                    "record_ref": record["record_ref"],
                    "source_url": record["source_url"],
                    "source_outlet": record["source_outlet"],
                    "announced_date": record["announced_date"],
                    "conflict": metric in str(record["conflict_metrics"]).split(),
                    "conflict_note": note,
                    "conflict_note_id": reason_id,
                }
            )
    series = pd.DataFrame(
        rows,
        columns=[
            "metric",
            "date",
            "value",
            "record_ref",
            "source_url",
            "source_outlet",
            "announced_date",
            "conflict",
            "conflict_note",
            "conflict_note_id",
        ],
    )
    if series.empty:
        return series.assign(increment=pd.Series(dtype="Int64"), values_on_date=pd.Series(dtype=int))
    series = series.sort_values(["metric", "date", "record_ref"]).reset_index(drop=True)
    series["values_on_date"] = series.groupby(["metric", "date"])["value"].transform("nunique")
    series["increment"] = pd.array([pd.NA] * len(series), dtype="Int64")
    for _metric, part in series.groupby("metric", sort=False):
        by_date = part.groupby("date")["value"].agg(["nunique", "first"])
        previous = by_date.shift(1)
        single = (by_date["nunique"] == 1) & (previous["nunique"] == 1)
        change = (by_date["first"] - previous["first"]).where(single)
        for index, row in part.iterrows():
            value = change.get(row["date"])
            if pd.notna(value):
                series.loc[index, "increment"] = int(value)
    return series


def activities_by_month(activities: pd.DataFrame, province_code: str | None = None) -> pd.DataFrame:
    """Count of activities per month and type (optionally for one province)."""
    frame = activities if province_code is None else activities[activities["province_code"] == province_code]
    if frame.empty:
        return pd.DataFrame(columns=["month", "activity_type", "count"])
    months = frame["date"].dt.to_period("M").dt.to_timestamp()
    grouped = frame.assign(month=months).groupby(["month", "activity_type"]).size().rename("count")
    return grouped.reset_index()


def milestones() -> pd.DataFrame:
    """Dated events annotated on the timeline, each with its source."""
    frame = pd.read_csv(config.REFERENCE_DIR / "milestones.csv", dtype=str, keep_default_na=False)
    frame["date"] = pd.to_datetime(frame["date"])
    return frame
