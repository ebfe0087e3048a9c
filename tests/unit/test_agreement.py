"""One true figure everywhere: every province, metric and period preset gives the same value, period and source
on the map's data, the compare table, the profile's headline, the CSV/XLSX export rows, the CLI and the brief."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from etl import compare
from etl.analysis.figure_text import export_rows
from etl.analysis.figures import ENFORCEMENT_METRICS, FIGURE_METRICS, figure_records, province_figures
from etl.analysis.periods import period_presets
from etl.exports import with_metadata_xlsx
from etl.profile import province_profile

TODAY = dt.date(2026, 11, 23)
PRESETS = period_presets(TODAY)


@pytest.fixture
def inputs(seeded_inputs):
    return seeded_inputs


def _same(a, b) -> bool:
    return (pd.isna(a) and pd.isna(b)) if (a is None or b is None or pd.isna(a) or pd.isna(b)) else a == b


@pytest.mark.parametrize("key", list(PRESETS))
def test_every_surface_shows_the_same_figure(inputs, key):
    period = PRESETS[key]
    codes = inputs.provinces["code"].tolist()
    table = compare.compare_table(inputs, codes, period).set_index("province_code")
    profiles = {
        code: province_profile(code, inputs, period, today=TODAY).headlines.set_index("metric") for code in codes
    }
    checked = disagreements = 0
    for metric in FIGURE_METRICS:
        chosen = province_figures(inputs, metric, period, today=TODAY).set_index("province_code")
        sources: list[str] = []
        exported = export_rows(chosen.reset_index(), "en", sources).set_index("province_code")
        cli = {r["province_code"]: r for r in figure_records(chosen.reset_index())}
        for code in codes:
            figure = chosen.loc[code]
            surfaces = {
                "compare": (
                    table.loc[code, metric],
                    table.loc[code, f"{metric}_period_end"],
                    table.loc[code, f"{metric}_source_url"],
                ),
                "export": (
                    exported.loc[code, "value"],
                    exported.loc[code, "period_end"],
                    sources[exported.loc[code, "source_no"] - 1] if pd.notna(exported.loc[code, "source_no"]) else None,
                ),
                "cli": (
                    cli[code]["value"],
                    dt.date.fromisoformat(cli[code]["period_end"]) if cli[code]["period_end"] else None,
                    cli[code]["source_url"],
                ),
            }
            if metric in ENFORCEMENT_METRICS:
                headline = profiles[code].loc[metric]
                surfaces["profile"] = (headline["value"], headline["period_end"], headline["source_url"])
            expected = (figure["value"], figure["period_end"], figure["source_url"])
            for name, got in surfaces.items():
                checked += 1
                if not all(_same(g, e) for g, e in zip(got, expected, strict=True)):
                    disagreements += 1
                    pytest.fail(f"{key} {metric} {code}: {name} shows {got}, the chosen figure is {expected}")
    assert disagreements == 0 and checked >= 38 * 5 * 3


def test_xlsx_export_keeps_numbers_as_numbers(inputs):
    chosen = province_figures(inputs, "victims_rescued", PRESETS["2023"], today=TODAY)
    sources: list[str] = []
    rows = export_rows(chosen, "id", sources)
    book = load_workbook(io.BytesIO(with_metadata_xlsx(rows, {"periode": "2023"}, "2026-11-23", sources)))
    sheet = book["data"]
    header = [c.value for c in sheet[1]]
    ntt = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "53")
    record = dict(zip(header, ntt, strict=True))
    assert record["nilai"] == 255 and isinstance(record["nilai"], int)
    assert record["periode_mulai"].date() == dt.date(2023, 1, 1) and record["periode_akhir"].date() == dt.date(
        2023, 12, 31
    )
    assert record["seri"] == "Laporan daerah" and record["beda_sumber"] == "ya" and "256" in record["nilai_lain"]
    assert isinstance(record["no_sumber"], int) and sources[record["no_sumber"] - 1].startswith("https://")
    gorontalo = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "75")
    assert gorontalo[header.index("nilai")] is None  # no record: an empty cell, never 0


def test_brief_prints_the_chosen_figure_and_its_period(inputs, seeded_sqlite):
    from pypdf import PdfReader

    from etl.brief import brief_for

    engine = seeded_sqlite
    for key in ("since_satgas", "2023"):
        chosen = province_figures(inputs, "victims_rescued", PRESETS[key], ["53", "65"], today=TODAY).set_index(
            "province_code"
        )
        pdf = brief_for(engine, ["53", "65"], "en", False, key, PRESETS[key])
        pages = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
        for text, code in zip(pages, ["53", "65"], strict=True):
            value = int(chosen.loc[code, "value"])
            assert f"Victims rescued: {value:,}" in text, (key, code)
