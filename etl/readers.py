"""Read uploaded CSV/XLSX bytes into a raw frame of cells, checking the content, not the name.

CSV: encoding sniffing (BOM, UTF-8, then charset detection), delimiter sniffing (``,`` ``;``
tab ``|``), CRLF. XLSX: first sheet, formulas refused. The result keeps every cell as read
(strings for CSV, Python values for XLSX); :mod:`etl.validation` turns it into typed records.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import warnings
import zipfile
from dataclasses import dataclass
from decimal import Decimal

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
    """Read CSV or XLSX ``data``; raise :class:`ReadError` for anything else or over the limits.

    The limits (bytes, rows, columns, characters per cell; for XLSX also the unzipped sizes and the sheet's
    cells) are checked while the file streams, before anything is parsed whole, so that a hostile file costs
    seconds, not minutes.
    """
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
        table = _read_xlsx(data, max_rows)
    else:
        for magic, name in _MAGIC.items():
            if data.startswith(magic):
                raise ReadError(f"berkas ini {name}, bukan CSV atau XLSX", f"this file is {name}, not CSV or XLSX")
        table = _read_csv(data, max_rows)
    frame = table.frame
    if frame.empty:
        raise ReadError("hanya ada baris judul, tidak ada baris data", "header only: no data rows")
    if len(frame) > max_rows:
        raise _too_many_rows(len(frame), max_rows)
    return table


def _too_many_rows(rows: int | str, max_rows: int) -> ReadError:
    shown = f"{rows:,}" if isinstance(rows, int) else rows
    return ReadError(
        f"terlalu banyak baris: {shown}, batas {max_rows:,}; bagi berkas menjadi beberapa bagian",
        f"too many rows: {shown}, limit {max_rows:,}; split the file into parts",
    )


def _too_many_columns(columns: int | str) -> ReadError:
    shown = f"{columns:,}" if isinstance(columns, int) else columns
    limit = config.UPLOAD_MAX_COLUMNS
    return ReadError(
        f"terlalu banyak kolom: {shown}, batas {limit:,}; periksa pemisah kolom",
        f"too many columns: {shown}, limit {limit:,}; check the delimiter",
    )


def _cell_too_long(row: int, column: str, length: int) -> ReadError:
    limit = config.UPLOAD_MAX_CELL_CHARS
    return ReadError(
        f"baris {row}, kolom {column}: sel berisi {length:,} karakter, batas {limit:,}",
        f"row {row}, column {column}: the cell holds {length:,} characters, limit {limit:,}",
    )


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
    # each sample line is cut at 4,000 characters: the sniffer's cost must not grow with one huge line
    sample_lines = [line[:4000] for line in head.splitlines()[:20] if line.strip()]
    sample = "\n".join(sample_lines)
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        header = sample_lines[0] if sample_lines else ""
        counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","


def _check_csv_header(text: str, delimiter: str) -> None:
    """Refuse a header wider than the column limit before pandas sees it (pandas renames duplicate
    names in time that grows with the square of their number: 80,000 columns took 101 s)."""
    limit = config.UPLOAD_MAX_COLUMNS
    stripped = text.lstrip("\r\n")
    end = stripped.find("\n")
    line = stripped if end < 0 else stripped[:end]
    if line.count(delimiter) < limit:
        return
    if len(line) > limit * 1000:
        raise _too_many_columns(f"> {limit:,}")
    fields = next(csv.reader([line], delimiter=delimiter), [])
    if len(fields) > limit:
        raise _too_many_columns(len(fields))


def _read_csv(data: bytes, max_rows: int | None = None) -> RawTable:
    max_rows = config.UPLOAD_MAX_ROWS if max_rows is None else max_rows
    text, encoding = _decode(data)
    text = text.lstrip("\ufeff")
    delimiter = _sniff_delimiter(text)
    _check_csv_header(text, delimiter)
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
                nrows=max_rows + 1,  # reading stops one row past the limit
            )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error) as exc:
        reason = _parser_reason(exc)
        raise ReadError(f"CSV tidak dapat dibaca: {reason}", f"CSV could not be read: {reason}") from exc
    if len(frame) > max_rows:
        raise _too_many_rows(f"> {max_rows:,}", max_rows)
    if any(issubclass(w.category, pd.errors.ParserWarning) for w in caught):
        _refuse_cells_beyond_header(text, delimiter, len(frame.columns))  # pandas drops them silently
    frame.columns = [str(c).strip() for c in frame.columns]
    _check_cell_lengths(frame)
    frame = frame.loc[~(frame == "").all(axis=1)].reset_index(drop=True)
    if len(frame.columns) < 2:
        raise ReadError(
            "hanya satu kolom terbaca: pemisah kolom tidak dikenali (gunakan koma atau titik koma)",
            "only one column found: unrecognised delimiter (use comma or semicolon)",
        )
    return RawTable(frame, "csv", encoding, delimiter)


def _parser_reason(exc: Exception) -> str:
    """The parser's reason in one short line (a tokenizer message can quote a whole line)."""
    text = " ".join(str(exc).split())
    return text if len(text) <= 200 else text[:200] + "…"


def _check_cell_lengths(frame: pd.DataFrame) -> None:
    """Refuse the first cell longer than the per-cell character limit (row 1 = first data row)."""
    limit = config.UPLOAD_MAX_CELL_CHARS
    for position, column in enumerate(frame.columns):
        lengths = frame.iloc[:, position].str.len()
        if len(lengths) and lengths.max() > limit:
            row = int(lengths.to_numpy().argmax())
            raise _cell_too_long(row + 1, str(column)[:60], int(lengths.iloc[row]))


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


_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s>/]")
_XLSX_VALUE_TYPES = (str, int, float, bool, dt.datetime, dt.date, dt.time, dt.timedelta, Decimal)


def _check_archive(archive: zipfile.ZipFile) -> None:
    """Refuse an XLSX whose parts would unzip beyond the limits (sizes as declared; zipfile never
    inflates an entry past its declared size)."""
    infos = archive.infolist()
    if len(infos) > 500:
        raise ReadError(
            f"XLSX berisi {len(infos):,} bagian: terlalu banyak", f"XLSX holds {len(infos):,} parts: too many"
        )
    total = sum(info.file_size for info in infos)
    if total > config.XLSX_MAX_UNZIPPED_BYTES:
        raise ReadError(
            f"isi XLSX terlalu besar setelah diekstrak: {total:,} byte, batas {config.XLSX_MAX_UNZIPPED_BYTES:,}",
            f"the XLSX unzips to {total:,} bytes, limit {config.XLSX_MAX_UNZIPPED_BYTES:,}",
        )
    shared = sum(info.file_size for info in infos if info.filename.lower().endswith("sharedstrings.xml"))
    if shared > config.XLSX_MAX_SHARED_STRINGS_BYTES:
        limit = config.XLSX_MAX_SHARED_STRINGS_BYTES
        raise ReadError(
            f"teks XLSX (sharedStrings) terlalu besar: {shared:,} byte, batas {limit:,}",
            f"the XLSX text table (sharedStrings) is too large: {shared:,} bytes, limit {limit:,}",
        )


def _scan_sheet(archive: zipfile.ZipFile, path: str, max_rows: int) -> None:
    """Count the sheet's rows and cells while it unzips, stopping at the first limit passed."""
    rows = cells = 0
    carry = b""
    max_cells = config.UPLOAD_MAX_CELLS
    with archive.open(path) as stream:
        while chunk := stream.read(1 << 20):
            buffer = carry + chunk
            cut = buffer.rfind(b"<", max(0, len(buffer) - 64))  # a tag cut by the chunk is counted next time
            cut = len(buffer) if cut < 0 else cut
            part = buffer[:cut]
            carry = buffer[cut:]
            rows += len(_ROW_TAG.findall(part))
            cells += len(_CELL_TAG.findall(part))
            if rows > max_rows + 1:
                raise _too_many_rows(f"> {max_rows:,}", max_rows)
            if cells > max_cells:
                raise ReadError(
                    f"lembar kerja berisi lebih dari {max_cells:,} sel",
                    f"the sheet holds more than {max_cells:,} cells",
                )


def _first_sheet_path(archive: zipfile.ZipFile) -> str:
    """The part holding the workbook's first sheet (as openpyxl picks it)."""
    from xml.etree import ElementTree

    relationship = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    first = next((e for e in workbook.iter() if e.tag.endswith("}sheet") or e.tag == "sheet"), None)
    if first is None or first.get(relationship) is None:
        raise ReadError("XLSX tanpa lembar kerja", "the XLSX has no worksheet")
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    target = next((e.get("Target") for e in rels if e.get("Id") == first.get(relationship)), None)
    if not target:
        raise ReadError("XLSX tanpa lembar kerja", "the XLSX has no worksheet")
    path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    parts: list[str] = []
    for piece in path.split("/"):  # "xl/../xl/worksheets/sheet1.xml" as a plain part name
        if piece == "..":
            parts = parts[:-1]
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _plain_value(value: object, row: int, header: str) -> object:
    """A cell value as read, or a refusal for formula objects and over-long text."""
    if value is None:
        return None
    if not isinstance(value, _XLSX_VALUE_TYPES):
        kind = type(value).__name__
        raise ReadError(
            f"baris {row}, kolom {header}: rumus ({kind}) tidak diizinkan; tempel sebagai nilai (Paste Values)",
            f"row {row}, column {header}: a formula ({kind}) is not allowed; paste it as values",
        )
    if isinstance(value, str) and len(value) > config.UPLOAD_MAX_CELL_CHARS:
        raise _cell_too_long(row, header, len(value))
    return value


def _read_xlsx(data: bytes, max_rows: int | None = None) -> RawTable:
    from openpyxl import load_workbook

    max_rows = config.UPLOAD_MAX_ROWS if max_rows is None else max_rows
    max_columns = config.UPLOAD_MAX_COLUMNS
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ReadError("berkas ZIP rusak", "corrupt ZIP file") from exc
    with archive:
        if "xl/workbook.xml" not in set(archive.namelist()):
            raise ReadError("berkas ZIP ini bukan XLSX", "this ZIP file is not an XLSX workbook")
        _check_archive(archive)
        try:
            # scanned before openpyxl opens it: without a <dimension>, opening parses the whole sheet
            _scan_sheet(archive, _first_sheet_path(archive), max_rows)
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
            sheet = workbook.worksheets[0]
            body = _xlsx_rows(sheet, max_rows, max_columns)
            workbook.close()
        except ReadError:
            raise
        except Exception as exc:  # openpyxl and zipfile raise many types for damaged files
            reason = " ".join(str(exc).split())[:200]
            raise ReadError(f"XLSX tidak dapat dibaca: {reason}", f"XLSX could not be read: {reason}") from exc
    header, rows = body
    frame = pd.DataFrame(rows, columns=header, dtype=object)
    return RawTable(frame, "xlsx")


def _xlsx_rows(sheet, max_rows: int, max_columns: int) -> tuple[list[str], list[list[object]]]:
    """The header (first non-blank row) and the data rows cut to its width; blank rows dropped."""
    header: list[str] | None = None
    width = 0
    rows: list[list[object]] = []
    for row in sheet.iter_rows(max_col=max_columns + 1, values_only=True):
        if not any(v is not None and str(v).strip() for v in row):
            continue
        if header is None:
            names = ["" if v is None else str(_plain_value(v, 0, _column_letter(i))).strip() for i, v in enumerate(row)]
            if len(names) > max_columns and names[max_columns]:
                raise _too_many_columns(f"> {max_columns:,}")
            width = max((i + 1 for i, h in enumerate(names) if h), default=0)
            header = names[:width]
            continue
        number = len(rows) + 1
        if number > max_rows:
            raise _too_many_rows(f"> {max_rows:,}", max_rows)
        rows.append([_plain_value(v, number, header[i] or _column_letter(i)) for i, v in enumerate(row[:width])])
    if header is None:
        raise ReadError("berkas kosong", "the file is empty")
    return header, rows
