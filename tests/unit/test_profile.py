"""Province profile: headline figures with sources, coverage notes, pillars and gaps."""

from __future__ import annotations

import datetime as dt

import pytest

from etl import store
from etl.profile import province_profile


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    from etl.seed import init_store

    engine = store.make_engine(f"sqlite:///{tmp_path_factory.mktemp('p') / 'p.db'}")
    init_store(engine)
    return engine


def profile(engine, code):
    return province_profile(
        code,
        store.enforcement_frame(engine),
        store.activities_frame(engine),
        store.police_units_frame(engine),
        today=dt.date(2026, 11, 23),
    )


def test_kalbar_headlines_each_have_period_unit_and_source(engine):
    result = profile(engine, "61")
    by_metric = {h.metric: h for h in result.headlines}
    assert by_metric["victims_rescued"].value == 161 and by_metric["victims_rescued"].record_ref == "P114"
    assert all(h.source_url.startswith("https://") for h in result.headlines)
    assert by_metric["cases"].period_start == dt.date(2023, 6, 6)
    assert result.last_record == dt.date(2025, 11, 17)
    assert "pemulangan_reintegrasi" in result.pillars_missing and "pencegahan" in result.pillars_touched
    assert result.years_without_records == [2024, 2026]
    assert result.regency_activity_counts == {"61.72": 1}
    assert set(result.records["kind"]) == {"enforcement", "activity"}


def test_coverage_notes_for_metro_jaya_areas(engine):
    jabar = profile(engine, "32")
    assert any(unit == "Polda Metro Jaya" for unit, _, _ in jabar.coverage_notes)
    papua_tengah = profile(engine, "94")
    assert any(unit == "Polda Papua" for unit, _, _ in papua_tengah.coverage_notes)


def test_province_without_records(engine):
    result = profile(engine, "75")
    assert result.headlines == [] and result.last_record is None
    assert set(result.missing_metrics) == {"police_reports", "cases", "suspects", "victims_rescued"}
    assert len(result.pillars_missing) == 6
