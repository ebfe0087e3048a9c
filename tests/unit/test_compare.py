"""Fair comparison: per-capita rates, ranking rules, reconciliation, suppression, exports, PDF brief."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from etl import compare, store
from etl.analysis import periods
from etl.analysis.figures import load_inputs
from etl.exports import with_metadata_csv, with_metadata_xlsx


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    from etl.seed import init_store

    engine = store.make_engine(f"sqlite:///{tmp_path_factory.mktemp('c') / 'c.db'}")
    init_store(engine)
    return engine


@pytest.fixture(scope="module")
def table(engine):
    codes = store.provinces_frame(engine)["code"].tolist()
    period = periods.Period(periods.SATGAS_START, dt.date(2026, 1, 1))
    return compare.compare_table(load_inputs(engine), codes, period).set_index("province_code")


def test_per_capita_rates_use_bps_2024(table):
    assert table.loc["21", "victims_rescued"] == 85
    assert table.loc["21", "victims_rescued_per_100k"] == pytest.approx(85 / 2_183_300 * 100_000)
    assert pd.isna(table.loc["91", "victims_rescued_per_100k"])  # Polda Papua's 2023 area: no official population
    assert "Papua Pegunungan" in table.loc["91", "victims_rescued_rate_note_en"]
    assert table.loc["61", "pillars_covered"] == 5
    assert pd.isna(table.loc["75", "pillars_covered"])  # Gorontalo: no activity recorded - not 0
    assert pd.isna(table.loc["75", "completeness"]) and pd.isna(table.loc["75", "activities_per_case"])


def test_activities_per_case_only_where_cases_exist(engine, table):
    assert pd.isna(table.loc["61", "activities_per_case"])  # Kalbar: activities but no Satgas "cases" figure
    codes = store.provinces_frame(engine)["code"].tolist()
    year = compare.compare_table(
        load_inputs(engine), codes, periods.Period(dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    ).set_index("province_code")
    assert year.loc["61", "cases"] == 36 and pd.isna(year.loc["61", "activities_per_case"])  # no 2023 activity
    assert year["activities_per_case"].notna().sum() == ((year["cases"] > 0) & year["activities"].notna()).sum()


def test_completeness_is_share_of_months_with_records(table):
    months = (2026 - 2023) * 12 + 1 - 6 + 1  # June 2023 .. January 2026
    assert table.loc["11", "completeness"] == pytest.approx(1 / months)
    assert table["completeness"].min() >= 0 and table["completeness"].max() <= 1


def test_ranking_rules(table):
    groups = compare.ranking(table.reset_index(), "victims_rescued", True, 10)
    ranked = groups["ranked"]
    assert ranked["victims_rescued"].min() >= 10
    assert list(ranked["rank"]) == list(range(1, len(ranked) + 1))
    assert ranked["victims_rescued_per_100k"].is_monotonic_decreasing
    assert set(groups["below_minimum"]["province_code"]) == set(table.index[table["victims_rescued"] < 10])
    assert "75" in set(groups["no_data"]["province_code"])
    assert "91" in set(groups["no_population"]["province_code"])  # enough victims, no population
    assert ranked.iloc[0]["province_code"] == "65"  # Kaltara: 233 victims, 739,800 people


def test_reconciliation_shows_every_source_side_by_side(engine):
    rows = compare.reconcile(
        store.enforcement_frame(engine), "national", None, periods.Period(dt.date(2023, 6, 22), dt.date(2023, 6, 22))
    )
    reports = rows[rows["metric"] == "police_reports"]
    assert sorted(reports["value"]) == [472, 494] and reports["differs"].all()
    assert set(reports["source_outlet"]) == {"voi.id", "kaltaratoday.com"}
    assert set(reports["values_for_date"]) == {"472 / 494"}
    jateng = compare.reconcile(
        store.enforcement_frame(engine),
        "province",
        "33",
        periods.Period(dt.date(2023, 6, 19), dt.date(2023, 6, 19)),
        store.conflicts_frame(engine),
    )
    victims = jateng[jateng["metric"] == "victims_rescued"]
    assert victims["differs"].all()  # cakra gives 150 against 152
    assert [o["value"] for o in victims["other_values"].iloc[0]] == [150] and victims["reason_en"].iloc[0]
    assert not jateng[jateng["metric"] != "victims_rescued"]["differs"].any()  # undisputed metrics: no mark


def test_reconciliation_compares_releases_without_a_period_start(engine):
    enforcement = store.enforcement_frame(engine)
    undated = enforcement[(enforcement["scope"] == "national") & enforcement["period_start"].isna()]
    day = undated["reference_date"].iloc[0]
    second = undated[undated["reference_date"] == day].head(1).assign(police_reports=9_999, record_ref="X1")
    rows = compare.reconcile(pd.concat([enforcement, second]), "national", None, periods.Period(day.date(), day.date()))
    reports = rows[rows["metric"] == "police_reports"]
    assert len(reports) == 2 and reports["differs"].all()
    assert reports["values_for_date"].map(type).eq(str).all() and "9999" in reports["values_for_date"].iloc[0]


def test_suppression_and_the_subtraction_case():
    frame = pd.DataFrame(
        {
            "code": ["a", "b", "c", "d"],
            "activities": [3.0, 12.0, 7.0, 40.0],
            "activities_per_100k": [0.3, 1.2, 0.7, 4.0],
        }
    )
    total = frame["activities"].sum()  # 62, computed before suppression and shown
    shown = compare.suppress(frame, ["activities"], {"activities": "activities_per_100k"})
    assert shown.loc[0, "activities"] == "<5" and shown.loc[0, "activities_per_100k"] == "<5"
    # 62 - 12 - 40 would reveal 7... and so the smallest other cell is hidden too:
    assert shown.loc[2, "activities"] == "<5"
    assert not compare.is_recoverable(shown["activities"], total)
    visible = pd.to_numeric(shown["activities"], errors="coerce").sum()
    assert total - visible == 10  # the two hidden cells together; neither alone can be recovered
    none_small = compare.suppress(frame.assign(activities=[5.0, 12.0, 7.0, 40.0]), ["activities"], {})
    assert (none_small["activities"] != "<5").all()


def test_exports_carry_filters_snapshot_sources_and_are_inert():
    frame = pd.DataFrame({"Provinsi": ["Kalimantan Barat", "=cmd()"], "Korban": ["161", "@x"]})
    filters = {"period": "since_satgas", "provinces": "61, 65"}
    sources = ["https://kaltaratoday.com/read/satgas"]
    text = with_metadata_csv(frame, filters, "2026-11-23", sources).decode("utf-8-sig")
    assert text.startswith("# snapshot: 2026-11-23") and "# source 1: https://kaltaratoday.com" in text
    assert "'=cmd()" in text and "\n=cmd" not in text
    back = pd.read_csv(io.StringIO(text), comment="#")
    assert list(back.columns) == ["Provinsi", "Korban"] and len(back) == 2
    book = load_workbook(io.BytesIO(with_metadata_xlsx(frame, filters, "2026-11-23", sources)))
    assert book.sheetnames == ["data", "filters", "sources"]
    assert book["data"]["A3"].value == "'=cmd()" and book["data"]["A3"].data_type != "f"
    assert [c.value for c in book["filters"]["A"]][1:] == ["snapshot", "period", "provinces"]
    assert book["sources"]["B2"].value == sources[0]


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("id", ["Ringkasan provinsi", "Korban diselamatkan", "Sumber"]),
        ("en", ["Province brief", "Victims rescued", "Sources"]),
    ],
)
def test_pdf_brief_content(engine, lang, words):
    from etl.brief import brief_for

    pdf = brief_for(engine, "61", lang, filters="2023")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for word in [*words, "Kalimantan Barat", "161", "kaltaratoday.com", "cahyadsn/wilayah_boundaries"]:
        assert word in text, word
    links = [a.get_object()["/A"]["/URI"] for a in reader.pages[0].get("/Annots", [])]
    assert "https://kaltaratoday.com/read/satgas-tppo-ungkap-ratusan-kasus-di-indonesia/" in links


def test_pdf_brief_in_public_mode_hides_small_counts(engine):
    from etl.brief import brief_for

    text = PdfReader(io.BytesIO(brief_for(engine, "62", "id", public_mode=True))).pages[0].extract_text()
    assert "<5" in text  # Kalteng: 3 police reports and 3 victims are shown as "<5"
