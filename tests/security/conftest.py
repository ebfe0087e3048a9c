"""Helpers of the security suite: a store dump to prove nothing was written, and formula counting."""

from __future__ import annotations

import csv
import io

import sqlalchemy as sa
from openpyxl import load_workbook

from etl import store
from etl.plaintext import starts_like_formula
from tests.app.conftest import drawn_maps, seeded_url  # noqa: F401 - the AppTest fixtures


def dump(engine) -> dict[str, list]:
    """Every row of every table, for before/after comparisons."""
    with engine.connect() as conn:
        return {t.name: sorted(map(repr, conn.execute(sa.select(t)).all())) for t in store.metadata.sorted_tables}


def _formula(value: object) -> bool:
    return isinstance(value, str) and (starts_like_formula(value) or "\r" in value)


def xlsx_formula_cells(data: bytes) -> list[str]:
    """Cells of every sheet that a spreadsheet would run: formula type, or text starting like one."""
    workbook = load_workbook(io.BytesIO(data))
    found = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or _formula(cell.value):
                    found.append(f"{sheet.title}!{cell.coordinate}={cell.value!r}")
    return found


def csv_formula_cells(data: bytes) -> list[str]:
    """Fields starting like a formula, read properly and also line by line (a reader that splits rows at
    any CR or LF, quotes or not, as some tools do)."""
    text = data.decode("utf-8-sig")
    found = [repr(f) for row in csv.reader(io.StringIO(text, newline="")) for f in row if _formula(f)]
    for line in text.splitlines():
        found += [repr(f) for f in next(csv.reader([line]), []) if _formula(f)]
    return found
