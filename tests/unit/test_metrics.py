"""Per-province values, activity points and national series follow the data rules."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from etl import metrics, store
from etl.analysis import periods


@pytest.fixture(scope="module")
def frames(tmp_path_factory):
    from etl.seed import init_store

    engine = store.make_engine(f"sqlite:///{tmp_path_factory.mktemp('m') / 'm.db'}")
    init_store(engine)
    return {
        "enforcement": store.enforcement_frame(engine),
        "activities": store.activities_frame(engine),
        "population": store.population_frame(engine),
        "codes": store.provinces_frame(engine)["code"].tolist(),
    }


def test_activity_points_group_by_regency(frames):
    period = periods.Period(dt.date(2023, 1, 1), dt.date(2025, 12, 31))
    points = metrics.activity_points(frames["activities"], period)
    assert {p["code"] for p in points} == {"62.04", "74.01", "63.10", "61.72", "64.71"}
    many = pd.concat([frames["activities"]] * 40, ignore_index=True)
    grouped = metrics.activity_points(many, period, per_place=5)
    assert len(grouped) == 5 and {p["count"] for p in grouped} == {40}
    assert all(len(p["items"]) == 5 for p in grouped)


def test_national_series_marks_conflicts_and_skips_their_increments(frames):
    series = metrics.national_running_totals(frames["enforcement"])
    reports = series[series["metric"] == "police_reports"].set_index("date")
    june22 = reports.loc[pd.Timestamp("2023-06-22")]
    assert sorted(june22["value"]) == [472, 494] and june22["conflict"].all()
    assert june22["increment"].isna().all()
    assert pd.isna(reports.loc[pd.Timestamp("2023-06-24"), "increment"])  # follows a conflicting date
    assert reports.loc[pd.Timestamp("2023-06-13"), "increment"] == 242 - 190


def test_milestones_have_sources():
    frame = metrics.milestones()
    assert {"2023-02-22", "2023-06-05"} <= {d.date().isoformat() for d in frame["date"]}
    assert frame["source_url"].str.startswith("https://").all()
