"""The one figure choice (etl.analysis.figures): whole records, documented tie-break, periods, conflicts per metric,
police areas, population, no-record-is-not-zero, one event one count."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from etl.analysis import events
from etl.analysis.figures import choose_records, province_figures
from etl.analysis.periods import Period, parse_period, period_presets

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def inputs(seeded_inputs):
    return seeded_inputs


def figures(inputs, metric, key="since_satgas"):
    return province_figures(inputs, metric, period_presets(TODAY)[key], today=TODAY).set_index("province_code")


def test_every_province_has_a_row_and_missing_is_nan_not_zero(inputs):
    result = figures(inputs, "police_reports")
    assert len(result) == 38
    assert pd.isna(result.loc["75", "value"]) and not result.loc["75", "has_data"]  # Gorontalo: no record
    assert (result["value"].dropna() > 0).all()


def test_since_satgas_takes_the_latest_running_total_never_a_sum(inputs):
    result = figures(inputs, "police_reports")
    # Kalbar: lists of 11, 13, 19 and 22 June report 26, 32, 42, 43 LP; the map shows 43, not their sum.
    assert result.loc["61", "value"] == 43 and result.loc["61", "record_ref"] == "P110"
    assert result.loc["61", "series"] == "satgas_running_total"
    assert (result.loc["61", "period_start"], result.loc["61", "period_end"]) == (
        dt.date(2023, 6, 5),
        dt.date(2023, 6, 22),
    )
    # Regional period reports (not running totals) are left out of the "since Satgas" view.
    assert result.loc["12", "record_ref"].startswith("P")


def test_tie_break_is_newest_announcement_not_row_order(inputs):
    # Jatim Jan-Jun 2023: Ditreskrimum (3 cases, announced 13 June) and Satgas Polda Jatim (24, 18 June).
    assert figures(inputs, "cases", "2023").loc["35", "value"] == 24
    reordered = inputs.enforcement.iloc[::-1]
    jatim = reordered[reordered["cases"].notna() & (reordered["province_code"] == "35")]
    chosen = choose_records(jatim[jatim["reference_date"].dt.year == 2023], "province_code")
    assert chosen.iloc[0]["record_ref"] == "R016"


def test_the_chosen_figure_is_one_whole_record(inputs):
    result = figures(inputs, "victims_rescued", "2023")
    records = inputs.enforcement.set_index("record_ref")
    for code, row in result[result["value"].notna()].iterrows():
        record = records.loc[row["record_ref"]]
        assert row["value"] == record["victims_rescued"], code
        assert row["source_url"] == record["source_url"], code
        start = record["period_start"]
        assert row["period_start"] == (None if pd.isna(start) else start.date()), code
        assert row["period_end"] == record["reference_date"].date(), code


def test_ntt_2023_is_the_polda_year_total_and_since_satgas_the_satgas_list(inputs):
    year = figures(inputs, "victims_rescued", "2023").loc["53"]
    assert year["value"] == 255 and year["series"] == "regional_report"
    assert (year["period_start"], year["period_end"]) == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert year["conflict"] and [o["value"] for o in year["other_values"]] == [256]
    satgas = figures(inputs, "victims_rescued").loc["53"]
    assert satgas["value"] == 128 and satgas["period_end"] == dt.date(2023, 6, 22)
    assert satgas["stale"] and satgas["partial"]  # three years old, and not the whole window


def test_conflicts_mark_only_the_metric_they_concern(inputs):
    suspects = figures(inputs, "suspects", "2023").loc["53"]  # R022: its victims are disputed, its 53 suspects not
    assert suspects["value"] == 53 and not suspects["conflict"]
    kaltara = figures(inputs, "victims_rescued").loc["65"]  # 233 (Wakabareskrim) against 148 (Polda, same day)
    assert kaltara["conflict"] and 148 in [o["value"] for o in kaltara["other_values"]]
    assert kaltara["conflict_reason_id"] and kaltara["conflict_reason_en"]


def test_police_areas_use_the_whole_area_or_say_not_comparable(inputs):
    result = figures(inputs, "victims_rescued", "2023")
    papua = result.loc["91"]
    assert papua["value"] == 10 and pd.isna(papua["rate_per_100k"]) and "Papua Pegunungan" in papua["rate_note_en"]
    for code in ("93", "94", "95"):
        assert result.loc[code, "covered_by"] == "91" and "Polda Papua" in result.loc[code, "area_note_en"]
    assert result.loc["96", "covered_by"] == "92"
    metro = result.loc["31"]
    assert (
        pd.isna(metro["rate_per_100k"])
        and "Not comparable" in metro["rate_note_en"]
        and "Bekasi" in metro["rate_note_en"]
    )
    jateng = result.loc["33"]
    assert jateng["rate_per_100k"] == pytest.approx(179 / 37_892_300 * 100_000)


def test_population_falls_back_to_labelled_dukcapil_never_to_mirrors(inputs):
    table = inputs.denominators
    assert table["61"].source == "BPS 2024" and table["61"].population == 5_695_500
    assert table["93"].source.startswith("Dukcapil") and "Dukcapil" in table["93"].note_en
    assert "91" not in table and "95" not in table  # Papua, Papua Pegunungan: only encyclopedia mirrors exist


def test_combined_national_and_polda_entry_is_not_comparable(inputs):
    combined = inputs.enforcement[inputs.enforcement["record_ref"] == "P048"]
    chosen = province_figures(
        inputs.__class__(
            combined,
            *[getattr(inputs, n) for n in ("activities", "population", "police_units", "conflicts", "provinces")],
        ),
        "victims_rescued",
        Period(dt.date(2023, 6, 5), dt.date(2023, 6, 30)),
        ["65"],
        today=TODAY,
    ).iloc[0]
    assert chosen["value"] == 246 and not chosen["comparable"] and pd.isna(chosen["rate_per_100k"])


def test_one_national_online_meeting_joined_from_two_places_counts_once(inputs):
    activities = inputs.activities
    june = activities[activities["date"] == pd.Timestamp("2025-06-04")]
    assert len(june) == 2 and events.count_events(june) == 1
    assert events.count_events(activities) == len(activities) - 1
    per_province = figures(inputs, "activities", "2025")
    assert per_province.loc["74", "value"] == 1 and per_province.loc["64", "value"] == 1  # each place took part


def test_periods_parse_presets_years_and_ranges():
    assert parse_period("2024") == Period(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert parse_period("2023-06-05:2023-06-30").running_totals_only
    with pytest.raises(ValueError):
        parse_period("2023-07-01:2023-06-01")


def test_same_day_events_in_different_places_stay_apart_and_two_outlets_merge():
    day = pd.Timestamp("2025-03-10")
    frame = pd.DataFrame(
        {
            "date": [day] * 4,
            "activity_type": ["sosialisasi"] * 4,
            "title": [
                "Sosialisasi pencegahan TPPO di Kolaka",
                "Sosialisasi pencegahan TPPO di Bone",
                "Polres Kolaka gelar sosialisasi pencegahan TPPO di Kolaka",  # a second outlet, same event
                "Sosialisasi pencegahan TPPO bagi pelajar",
            ],
            "mode": ["offline"] * 4,
            "province_code": ["74", "73", "74", "74"],
            "regency_code": ["74.01", "73.08", "74.01", "74.04"],
        }
    )
    ids = events.event_ids(frame)
    assert ids[0] == ids[2] and len({ids[0], ids[1], ids[3]}) == 3
    assert events.count_events(frame) == 3
