"""Exports neutralise cells a spreadsheet would run as formulas."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import load_workbook

from etl.exports import neutralise, to_csv_bytes, to_xlsx_bytes

DANGEROUS = ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\x00y"]


def test_neutralise_each_formula_prefix():
    for value in DANGEROUS:
        assert neutralise(value).startswith("'")
    assert neutralise("Polda Kalbar") == "Polda Kalbar" and neutralise(5) == 5


def test_csv_and_xlsx_exports_are_inert():
    frame = pd.DataFrame({"notes": DANGEROUS, "n": range(len(DANGEROUS))})
    text = to_csv_bytes(frame).decode("utf-8-sig")
    assert "\n=1+2" not in text and "'=1+2" in text
    sheet = load_workbook(io.BytesIO(to_xlsx_bytes(frame))).active
    values = [sheet.cell(row=r, column=1).value for r in range(2, 2 + len(DANGEROUS))]
    assert all(str(v).startswith("'") for v in values)
    assert all(sheet.cell(row=r, column=1).data_type != "f" for r in range(2, 2 + len(DANGEROUS)))
