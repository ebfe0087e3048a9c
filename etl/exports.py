"""Exports of record frames to CSV and XLSX with spreadsheet formulas neutralised.

Every text cell (header and metadata lines included) goes through :func:`etl.plaintext.inert_text`: control
characters, line breaks included, become spaces, so no cell can split a row; a formula start after trimming
gets an apostrophe.
"""

from __future__ import annotations

import io

import pandas as pd

from etl.plaintext import inert_text


def neutralise(value: object) -> object:
    """A text cell no spreadsheet runs (see :func:`etl.plaintext.inert_text`); other values unchanged."""
    if isinstance(value, str):
        return inert_text(value)
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells cannot run as formulas (header included)."""
    safe = frame.copy()
    for column in safe.columns:
        if (
            safe[column].dtype == object
            or pd.api.types.is_string_dtype(safe[column])
            or isinstance(safe[column].dtype, pd.CategoricalDtype)
        ):
            safe[column] = safe[column].astype(object).map(neutralise)
    safe.columns = [neutralise(str(c)) for c in safe.columns]
    return safe


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    return safe_frame(frame).to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(frame: pd.DataFrame, sheet_name: str = "data") -> bytes:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    buffer = io.BytesIO()
    safe = safe_frame(frame)
    for column in safe.columns:
        if pd.api.types.is_datetime64_any_dtype(safe[column]):
            safe[column] = safe[column].dt.date
        else:  # control characters (NUL, ...) cannot be stored in XLSX: drop them
            safe[column] = safe[column].map(lambda v: ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe.to_excel(writer, index=False, sheet_name=sheet_name)
    return buffer.getvalue()


def with_metadata_csv(frame: pd.DataFrame, filters: dict[str, str], snapshot: str, sources: list[str]) -> bytes:
    """CSV of ``frame`` preceded by '#' lines: filters, snapshot date and the sources of its figures."""
    lines = [f"# snapshot: {snapshot}"] + [f"# {key}: {value}" for key, value in filters.items()]
    lines += [f"# source {n}: {url}" for n, url in enumerate(sources, start=1)]
    header = "\n".join(str(neutralise(line)) for line in lines) + "\n"
    return header.encode("utf-8-sig") + safe_frame(frame).to_csv(index=False).encode("utf-8")


def with_metadata_xlsx(frame: pd.DataFrame, filters: dict[str, str], snapshot: str, sources: list[str]) -> bytes:
    """XLSX: the table, then a sheet with the filters and snapshot, then a sheet of sources."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    meta = pd.DataFrame({"key": ["snapshot", *filters], "value": [snapshot, *filters.values()]})
    listed = pd.DataFrame({"n": range(1, len(sources) + 1), "source_url": sources})
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, part in (("data", frame), ("filters", meta), ("sources", listed)):
            safe = safe_frame(part)
            for column in safe.columns:
                if pd.api.types.is_datetime64_any_dtype(safe[column]):
                    safe[column] = safe[column].dt.date
                else:
                    safe[column] = safe[column].map(
                        lambda v: ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v
                    )
            safe.to_excel(writer, index=False, sheet_name=name)
    return buffer.getvalue()
