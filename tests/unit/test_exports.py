"""Exports neutralise cells a spreadsheet would run as formulas."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import load_workbook

from etl.exports import neutralise, to_csv_bytes, to_xlsx_bytes

DANGEROUS = ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\x00y"]


def test_neutralise_each_formula_prefix():
    for value in DANGEROUS[:4]:
        assert neutralise(value).startswith("'")
    # a tab or NUL in front becomes a space: nothing left for a spreadsheet to run or a reader to split on
    assert neutralise("\tx") == " x" and neutralise("\x00y") == " y"
    for value in (" =1+2", "\u00a0@cmd", "\n=HYPERLINK()", "\r+x", "\ufeff=1"):
        assert neutralise(value).startswith("'"), repr(value)
    assert "\r" not in neutralise("a\r=1+2") and "\n" not in neutralise("a\n=1")
    assert neutralise("Polda Kalbar") == "Polda Kalbar" and neutralise(5) == 5


def test_csv_and_xlsx_exports_are_inert():
    frame = pd.DataFrame({"notes": DANGEROUS, "n": range(len(DANGEROUS))})
    text = to_csv_bytes(frame).decode("utf-8-sig")
    assert "\n=1+2" not in text and "'=1+2" in text
    sheet = load_workbook(io.BytesIO(to_xlsx_bytes(frame))).active
    values = [sheet.cell(row=r, column=1).value for r in range(2, 2 + len(DANGEROUS))]
    assert all(str(v).startswith("'") or not str(v).strip().startswith(("=", "+", "-", "@")) for v in values)
    assert all(sheet.cell(row=r, column=1).data_type != "f" for r in range(2, 2 + len(DANGEROUS)))
