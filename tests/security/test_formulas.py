"""One formula guard at the edge: hostile text is refused or normalised on the way in, and every export,
error file and brief input comes out with 0 cells a spreadsheet would run (counted with openpyxl and a CSV
reader, also a naive line-splitting one)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa

from etl import store
from etl.analysis.figure_text import export_rows
from etl.analysis.figures import load_inputs, province_figures
from etl.analysis.periods import period_presets
from etl.exports import to_csv_bytes, to_xlsx_bytes, with_metadata_csv, with_metadata_xlsx
from etl.uploads import check_upload, commit_upload
from tests.security import hostile
from tests.security.conftest import csv_formula_cells, dump, xlsx_formula_cells

HEADER = "unit_pelapor;provinsi;periode_akhir;laporan_polisi;sumber_url;catatan_cakupan"
ROW = "Polda Kalbar {n};Kalbar;13/6/2023;{n};https://contoh.go.id/{n};{note}"

# Each of these passed the old check (leading whitespace, NBSP, newline or BOM before the formula start).
REFUSED_STARTS = [" =1+2", "\u00a0@SUM(A1)", '\n=HYPERLINK("http://x")', "\r\n+cmd|' /C calc'!A0", "\ufeff=1", "\t-2+3"]


def _csv(notes: list[str]) -> bytes:
    lines = [HEADER] + [ROW.format(n=i + 1, note='"' + note.replace('"', '""') + '"') for i, note in enumerate(notes)]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


@pytest.mark.parametrize("value", REFUSED_STARTS)
def test_formula_after_trimming_is_refused_with_row_and_column(seeded_engine, value):
    before = dump(seeded_engine)
    check = check_upload(seeded_engine, _csv(["catatan biasa", value]), "f.csv")
    assert not check.ok
    [issue] = check.result.issues
    assert (issue.row, issue.column) == (2, "coverage_note")
    assert "rumus" in issue.message_id and "formula" in issue.message_en
    assert dump(seeded_engine) == before


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x7f", "\u202e"])
def test_control_characters_are_refused_by_name(seeded_engine, char):
    check = check_upload(seeded_engine, _csv([f"awal{char}akhir"]), "f.csv")
    [issue] = check.result.issues
    assert (issue.row, issue.column) == (1, "coverage_note")
    assert f"U+{ord(char):04X}" in issue.message_id and f"U+{ord(char):04X}" in issue.message_en


def test_line_breaks_inside_a_cell_are_stored_as_spaces(seeded_engine):
    check = check_upload(seeded_engine, _csv(["Polda Kalbar\r=1+2", "baris\n@dua", "a\u2028-b\u200b"]), "f.csv")
    assert check.ok, check.result.issues
    commit_upload(seeded_engine, check, "staf")
    with seeded_engine.connect() as conn:
        notes = set(conn.execute(sa.select(store.enforcement.c.coverage_note)).scalars())
    assert {"Polda Kalbar =1+2", "baris @dua", "a -b"} <= notes
    assert not any(isinstance(n, str) and ("\r" in n or "\n" in n) for n in notes)


def test_xlsx_array_formula_is_refused_with_row_and_column(seeded_engine):
    before = dump(seeded_engine)
    check = check_upload(seeded_engine, hostile.array_formula_xlsx(), "f.xlsx")
    [issue] = check.result.issues
    assert "laporan_polisi" in issue.message_id and "baris 1" in issue.message_id
    assert "ArrayFormula" in issue.message_en and "paste" in issue.message_en
    assert dump(seeded_engine) == before


def _poison(engine) -> None:
    """Records as an older version stored them, before the guard: text starting like a formula, CR inside."""
    bad = [" =1+2", '=HYPERLINK("http://x","klik")', "a\r=2+3", "\u00a0@SUM(A1)", "\n-cmd", "x\n=1", "+A1"]
    with store.write_transaction(engine) as conn:
        rows = conn.execute(sa.select(store.enforcement.c.id).where(store.enforcement.c.scope == "province")).all()
        for (record_id,), value in zip(rows, bad * 3, strict=False):
            conn.execute(
                store.enforcement.update()
                .where(store.enforcement.c.id == record_id)
                .values(reporting_unit=value, coverage_note=value)
            )


def test_every_export_has_zero_formula_cells(seeded_engine, tmp_path):
    _poison(seeded_engine)
    frames = {
        kind: (store.enforcement_frame if kind == "enforcement" else store.activities_frame)(seeded_engine)
        for kind in ("enforcement", "activities")
    }
    assert frames["enforcement"]["reporting_unit"].astype(str).str.contains("=").sum() >= 7
    exports: dict[str, bytes] = {}
    for kind, frame in frames.items():
        exports[f"{kind}.csv"] = to_csv_bytes(frame)
        exports[f"{kind}.xlsx"] = to_xlsx_bytes(frame, kind)
    inputs = load_inputs(seeded_engine)
    figures = pd.concat(
        [province_figures(inputs, m, period_presets()["since_satgas"]) for m in ("police_reports", "suspects")]
    )
    sources: list[str] = []
    rows = export_rows(figures, "id", sources)
    filters = {"period": "=1+1", "provinces": "Kalbar\r=2+2"}
    exports["compare.csv"] = with_metadata_csv(rows, filters, dt.date.today().isoformat(), sources)
    exports["compare.xlsx"] = with_metadata_xlsx(rows, filters, dt.date.today().isoformat(), sources)
    check = check_upload(seeded_engine, _csv(REFUSED_STARTS), "f.csv")
    exports["errors.csv"] = to_csv_bytes(check.result.issues_frame("id"))
    header = pd.DataFrame({"=cmd": ["x"], " @a": ["y"]})
    exports["header.csv"], exports["header.xlsx"] = to_csv_bytes(header), to_xlsx_bytes(header)

    counted = {
        name: (xlsx_formula_cells(data) if name.endswith(".xlsx") else csv_formula_cells(data))
        for name, data in exports.items()
    }
    assert counted == {name: [] for name in exports}
    # the values are still there, made inert (apostrophe), not dropped
    assert "'=HYPERLINK" in exports["enforcement.csv"].decode("utf-8-sig")
    assert "' =1+2" in exports["errors.csv"].decode("utf-8-sig")


def test_counters_can_fail():
    """The counting helpers find what the guard removes (so a 0 above means something)."""
    raw = pd.DataFrame({"a": ["=1+2", "x\r=3", " @b", "-5"]}).to_csv(index=False).encode()
    assert len(csv_formula_cells(raw)) >= 3
    from io import BytesIO

    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["=1+2", " @x", "ok"])
    buffer = BytesIO()
    workbook.save(buffer)
    assert len(xlsx_formula_cells(buffer.getvalue())) == 2
