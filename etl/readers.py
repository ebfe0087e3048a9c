"""Read uploaded CSV/XLSX bytes into a raw frame of cells, checking the content, not the name.

CSV: encoding sniffing (BOM, UTF-8, then charset detection), delimiter sniffing (``,`` ``;``
tab ``|``), CRLF. XLSX: first sheet, formulas refused. The result keeps every cell as read
(strings for CSV, Python values for XLSX); :mod:`etl.validation` turns it into typed records.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from dataclasses import dataclass

import pandas as pd

from etl import config


class ReadError(ValueError):
    """The file cannot be read at all; the message is in Bahasa Indonesia and English."""

    def __init__(self, message_id: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_id = message_id
        self.message_en = message_en


@dataclass(frozen=True)
class RawTable:
    """Cells as read, with what was detected about the file."""

    frame: pd.DataFrame
    file_format: str  # "csv" or "xlsx"
    encoding: str | None = None
    delimiter: str | None = None


_MAGIC = {
    b"%PDF": "PDF",
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF8": "GIF",
    b"\xd0\xcf\x11\xe0": "XLS/DOC (format lama / legacy Office)",
    b"\x1f\x8b": "GZIP",
    b"7z\xbc\xaf": "7z",
    b"Rar!": "RAR",
}


def read_table(data: bytes, max_rows: int | None = None, max_bytes: int | None = None) -> RawTable:
    """Read CSV or XLSX ``data``; raise :class:`ReadError` for anything else or over the limits."""
    max_rows = config.UPLOAD_MAX_ROWS if max_rows is None else max_rows
    max_bytes = config.UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    if len(data) > max_bytes:
        raise ReadError(
            f"berkas terlalu besar: {len(data):,} byte, batas {max_bytes:,} byte",
            f"file too large: {len(data):,} bytes, limit {max_bytes:,} bytes",
        )
    if not data.strip():
        raise ReadError("berkas kosong", "the file is empty")
    if data.startswith(b"PK\x03\x04"):
        table = _read_xlsx(data)
    else:
        for magic, name in _MAGIC.items():
            if data.startswith(magic):
                raise ReadError(f"berkas ini {name}, bukan CSV atau XLSX", f"this file is {name}, not CSV or XLSX")
        table = _read_csv(data)
    frame = table.frame
    if frame.empty:
        raise ReadError("hanya ada baris judul, tidak ada baris data", "header only: no data rows")
    if len(frame) > max_rows:
        raise ReadError(
            f"terlalu banyak baris: {len(frame):,}, batas {max_rows:,}",
            f"too many rows: {len(frame):,}, limit {max_rows:,}",
        )
    return table


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if data.count(b"\x00") > len(data) // 100:
        raise ReadError("berkas biner, bukan teks CSV", "binary file, not CSV text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if re.search(rb"[\xc2-\xf4][\x80-\xbf]+", data[: exc.start]):
            line = data[: exc.start].count(b"\n") + 1
            raise ReadError(
                f"berkas mencampur pengodean teks (UTF-8 dan lainnya), mulai baris {line}: simpan ulang sebagai UTF-8",
                f"the file mixes text encodings (UTF-8 and another), from line {line}: save it again as UTF-8",
            ) from exc
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    encoding = best.encoding if best is not None else "cp1252"
    # Indonesian Excel exports are Windows-1252 when not UTF-8; prefer it to exotic guesses.
    if encoding not in {"cp1252", "latin_1", "iso8859_15", "utf_16", "ascii"}:
        encoding = "cp1252"
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        raise ReadError("pengodean teks tidak dikenali", "unrecognised text encoding") from exc


def _sniff_delimiter(text: str) -> str:
    head = text[:200_000]  # enough for 20 lines; splitting a whole 100,000-row file cost more than sniffing
    sample_lines = [line for line in head.splitlines()[:20] if line.strip()]
    sample = "\n".join(sample_lines)
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        header = sample_lines[0] if sample_lines else ""
        counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","


def _read_csv(data: bytes) -> RawTable:
    text, encoding = _decode(data)
    text = text.lstrip("\ufeff")
    delimiter = _sniff_delimiter(text)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", pd.errors.ParserWarning)
            # UTF-8 bytes go to the C parser as they are (checked by the decode above): no re-encoding
            source = io.BytesIO(data) if encoding.startswith("utf-8") else io.StringIO(text)
            frame = pd.read_csv(
                source,
                encoding="utf-8-sig" if encoding.startswith("utf-8") else None,
                sep=delimiter,
                dtype=str,
                keep_default_na=False,
                skip_blank_lines=True,
                index_col=False,  # a trailing delimiter must not turn the first column into an index
            )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error) as exc:
        raise ReadError(f"CSV tidak dapat dibaca: {exc}", f"CSV could not be read: {exc}") from exc
    if any(issubclass(w.category, pd.errors.ParserWarning) for w in caught):
        _refuse_cells_beyond_header(text, delimiter, len(frame.columns))  # pandas drops them silently
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.loc[~(frame == "").all(axis=1)].reset_index(drop=True)
    if len(frame.columns) < 2:
        raise ReadError(
            "hanya satu kolom terbaca: pemisah kolom tidak dikenali (gunakan koma atau titik koma)",
            "only one column found: unrecognised delimiter (use comma or semicolon)",
        )
    return RawTable(frame, "csv", encoding, delimiter)


def _refuse_cells_beyond_header(text: str, delimiter: str, width: int) -> None:
    """Raise for the first data row with a value beyond the last header column (empty cells there,
    as a trailing delimiter leaves, are fine)."""
    rows = (row for row in csv.reader(io.StringIO(text), delimiter=delimiter) if any(c.strip() for c in row))
    next(rows, None)  # the header
    for number, row in enumerate(rows, start=1):
        extra = [cell for cell in row[width:] if cell.strip()]
        if extra:
            value = extra[0][:60]
            raise ReadError(
                f"baris {number}: ada nilai di luar kolom terakhir ('{value}'); periksa pemisah kolom dan tanda kutip",
                f"row {number}: a value beyond the last column ('{value}'); check the delimiter and quotes",
            )


def _read_xlsx(data: bytes) -> RawTable:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile as exc:
        raise ReadError("berkas ZIP rusak", "corrupt ZIP file") from exc
    if "xl/workbook.xml" not in names:
        raise ReadError("berkas ZIP ini bukan XLSX", "this ZIP file is not an XLSX workbook")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise ReadError(f"XLSX tidak dapat dibaca: {exc}", f"XLSX could not be read: {exc}") from exc
    sheet = workbook.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    rows = [r for r in rows if any(v is not None and str(v).strip() for v in r)]
    if not rows:
        raise ReadError("berkas kosong", "the file is empty")
    header = [str(v).strip() if v is not None else "" for v in rows[0]]
    width = max(i + 1 for i, h in enumerate(header) if h) if any(header) else 0
    body = [[*r[:width], *([None] * (width - len(r)))][:width] for r in rows[1:]]
    frame = pd.DataFrame(body, columns=header[:width], dtype=object)
    return RawTable(frame, "xlsx")
