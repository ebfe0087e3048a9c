"""The committed seed data equals a fresh build from ../shared/reference-data and keeps every fact."""

from __future__ import annotations

import csv

from etl import config
from etl.seed_build import build_files
from etl.validation import validate_bytes


def _rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_committed_seed_matches_a_fresh_build(shared_dir):
    for name, text in build_files(shared_dir / "reference-data").items():
        assert (config.SEED_DIR / name).read_text(encoding="utf-8") == text, f"rebuild {name}: python -m etl seed-build"


def test_every_reference_row_is_in_the_seed_with_its_source(shared_dir):
    reference = shared_dir / "reference-data"
    expected = {}
    for name in ("national_timeline.csv", "by_polda.csv", "regional_reports.csv"):
        for row in _rows(reference / name):
            expected[row["record_id"]] = row["source_url"]
    seed = {r["record_ref"]: r for r in _rows(config.SEED_DIR / "enforcement.csv")}
    assert set(seed) == set(expected) and len(seed) == 178
    for ref, url in expected.items():
        assert url and seed[ref]["source_url"] == url


def test_numbers_are_copied_as_published(shared_dir):
    seed = {r["record_ref"]: r for r in _rows(config.SEED_DIR / "enforcement.csv")}
    for row in _rows(shared_dir / "reference-data" / "national_timeline.csv"):
        mine = seed[row["record_id"]]
        assert (mine["police_reports"], mine["suspects"], mine["victims_rescued"]) == (
            row["police_reports_lp"],
            row["suspects"],
            row["victims"],
        )
        assert mine["cumulative"] == ("ya" if row["row_type"] == "cumulative_since_satgas" else mine["cumulative"])
    for row in _rows(shared_dir / "reference-data" / "by_polda.csv"):
        mine = seed[row["record_id"]]
        values = [mine[c] for c in ("police_reports", "suspects", "victims_rescued") if mine[c]]
        assert values == [row["value"]]


def test_conflicts_from_the_sources_are_flagged():
    seed = {r["record_ref"]: r for r in _rows(config.SEED_DIR / "enforcement.csv")}
    for ref in ("N007", "N010", "N020", "N023", "N030", "N031", "P014", "P094"):
        assert seed[ref]["conflict_note"].startswith("CONFLICT"), ref
    assert seed["N003"]["conflict_note"] == ""


def test_population_gaps_stay_blank(shared_dir):
    rows = {
        r["province"]: r
        for r in _rows(config.SEED_DIR / "population.csv")
        if r["use_for_rates"] != "yes" and r["source_org"].startswith("BPS")
    }
    assert {"Papua", "Papua Selatan", "Papua Tengah", "Papua Pegunungan", "Papua Barat Daya"} <= set(rows)
    assert all(r["population"] == "" for r in rows.values())


def test_seed_files_pass_validation_and_activities_have_sources():
    for kind, name in (("enforcement", "enforcement.csv"), ("activities", "activities.csv")):
        result = validate_bytes((config.SEED_DIR / name).read_bytes(), kind)  # type: ignore[arg-type]
        assert result.ok, result.issues[:3]
    activities = validate_bytes((config.SEED_DIR / "activities.csv").read_bytes(), "activities").frame
    assert len(activities) == 5
    assert set(activities["regency_code"]) == {"62.04", "74.01", "63.10", "61.72", "64.71"}
    assert activities["source_url"].notna().sum() + activities["source_name"].notna().sum() >= 5
