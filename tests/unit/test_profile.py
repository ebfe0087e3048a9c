"""Province profile: headline figures are the chosen figures of the period; records, coverage, pillars, gaps."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.analysis.periods import period_presets
from etl.profile import province_profile

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def inputs(seeded_inputs):
    return seeded_inputs


def profile(inputs, code, period="since_satgas"):
    return province_profile(code, inputs, period_presets(TODAY)[period], today=TODAY)


def test_kalbar_headlines_each_have_period_unit_and_source(inputs):
    result = profile(inputs, "61")
    by_metric = result.headlines.set_index("metric")
    assert by_metric.loc["victims_rescued", "value"] == 161 and by_metric.loc["victims_rescued", "record_ref"] == "P114"
    shown = result.headlines[result.headlines["value"].notna()]
    assert all(url.startswith("https://") for url in shown["source_url"])
    assert shown["period_end"].notna().all() and shown["series"].notna().all()
    assert result.missing_metrics == ["cases"]  # since the Satgas: no running total of cases for Kalbar
    year = profile(inputs, "61", "2023").headlines.set_index("metric")
    assert year.loc["cases", "value"] == 36 and year.loc["cases", "period_start"] == dt.date(2023, 6, 6)
    assert result.last_record == dt.date(2025, 11, 17)
    assert "pemulangan_reintegrasi" in result.pillars_missing and "pencegahan" in result.pillars_touched
    assert result.years_without_records == [2024, 2026]
    assert result.regency_activity_counts == {"61.72": 1}
    assert set(result.records["kind"]) == {"enforcement", "activity"}


def test_coverage_notes_for_metro_jaya_areas(inputs):
    jabar = profile(inputs, "32")
    assert any(unit == "Polda Metro Jaya" for unit, _, _ in jabar.coverage_notes)
    papua_tengah = profile(inputs, "94", "2023")
    assert any(unit == "Polda Papua" for unit, _, _ in papua_tengah.coverage_notes)
    victims = papua_tengah.headlines.set_index("metric").loc["victims_rescued"]
    assert victims["covered_by"] == "91" and "Polda Papua" in victims["area_note_id"]  # not a bare "no data"
    assert "victims_rescued" not in papua_tengah.missing_metrics


def test_province_without_records(inputs):
    result = profile(inputs, "75")
    assert result.headlines["value"].isna().all() and result.last_record is None
    assert set(result.missing_metrics) == {"police_reports", "cases", "suspects", "victims_rescued"}
    assert len(result.pillars_missing) == 6


def test_records_mark_only_the_disputed_metric(inputs):
    ntt = profile(inputs, "53", "2023")
    record = ntt.records[ntt.records["record_ref"] == "R022"].iloc[0]
    assert record["conflict_metrics"] == ["victims_rescued"]  # 255 against 256; its 53 suspects are undisputed
