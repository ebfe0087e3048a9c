"""Per-province values, activity points and national series follow the data rules."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from etl import metrics, store


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


def values(frames, metric, key="since_satgas"):
    period = metrics.period_presets(dt.date(2026, 1, 1))[key]
    result = metrics.province_values(
        frames["enforcement"], frames["activities"], frames["population"], metric, period, frames["codes"]
    )
    return result.set_index("province_code")


def test_every_province_has_a_row_and_missing_is_nan_not_zero(frames):
    result = values(frames, "police_reports")
    assert len(result) == 38
    assert pd.isna(result.loc["75", "value"]) and not result.loc["75", "has_data"]  # Gorontalo: no record
    assert (result["value"].dropna() > 0).all()


def test_since_satgas_takes_the_latest_running_total_never_a_sum(frames):
    result = values(frames, "police_reports")
    # Kalbar: lists of 11, 13, 19 and 22 June report 26, 32, 42, 43 LP; the map shows 43, not their sum.
    assert result.loc["61", "value"] == 43 and result.loc["61", "record_ref"] == "P110"
    assert result.loc["61", "alternatives"] == 3
    # Regional period reports (not running totals) are left out of the "since Satgas" view.
    assert result.loc["12", "record_ref"].startswith("P")


def test_calendar_year_window_uses_figures_inside_the_year(frames):
    result = values(frames, "victims_rescued", "2024")
    assert result["has_data"].sum() == 2
    assert result.loc["65", "value"] == 102 and result.loc["33", "value"] == 40


def test_per_capita_needs_population(frames):
    result = values(frames, "victims_rescued")
    assert result.loc["61", "per_100k"] == pytest.approx(161 / 5_695_500 * 100_000)
    papua = result.loc["91"]  # Papua has a figure but no BPS 2024 population in the data
    assert papua["has_data"] and not papua["has_population"] and pd.isna(papua["per_100k"])


def test_activities_are_counted_per_province(frames):
    result = values(frames, "activities", "2025")
    assert result.loc["74", "value"] == 1 and result.loc["64", "value"] == 1 and result.loc["61", "value"] == 1
    assert pd.isna(result.loc["11", "value"])


def test_activity_points_group_by_regency(frames):
    period = metrics.Period(dt.date(2023, 1, 1), dt.date(2025, 12, 31))
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
