"""Hostile files built by the tests themselves (nothing binary is committed)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="data" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{dimension}<sheetData>'
)
_SHEET_TAIL = "</sheetData></worksheet>"


def raw_xlsx(rows: Iterable[str], shared: list[str] | None = None, dimension: str | None = None) -> bytes:
    """An XLSX written by hand: ``rows`` are ``<row>`` XML fragments streamed into the sheet."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        strings = "".join(f"<si><t>{s}</t></si>" for s in shared or [])
        archive.writestr(
            "xl/sharedStrings.xml",
            '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
            f'2006/main" count="{len(shared or [])}" uniqueCount="{len(shared or [])}">{strings}</sst>',
        )
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            dim = f'<dimension ref="{dimension}"/>' if dimension else ""
            sheet.write(_SHEET_HEAD.format(dimension=dim).encode())
            batch: list[str] = []
            for row in rows:
                batch.append(row)
                if len(batch) >= 10_000:
                    sheet.write("".join(batch).encode())
                    batch = []
            sheet.write("".join(batch).encode())
            sheet.write(_SHEET_TAIL.encode())
    return buffer.getvalue()


def inline_row(number: int, values: list[str]) -> str:
    cells = "".join(f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{v}</t></is></c>' for i, v in enumerate(values))
    return f'<row r="{number}">{cells}</row>'


def tiny_rows(count: int) -> Iterator[str]:
    """A header and ``count`` rows of one number each (3 million of them zip to a few MB)."""
    yield inline_row(1, ["unit_pelapor", "laporan_polisi"])
    for number in range(2, count + 2):
        yield f'<row r="{number}"><c r="A{number}"><v>1</v></c></row>'


def three_million_rows_xlsx(dimension: bool = False) -> bytes:
    return raw_xlsx(tiny_rows(3_000_000), dimension="A1:B3000001" if dimension else None)


def huge_shared_string_xlsx(chars: int = 60_000_000) -> bytes:
    """One shared string of ``chars`` characters (a few hundred KB zipped)."""
    rows = [
        inline_row(1, ["unit_pelapor", "provinsi"]),
        '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="inlineStr"><is><t>Kalbar</t></is></c></row>',
    ]
    return raw_xlsx(rows, shared=["a" * chars])


def array_formula_xlsx() -> bytes:
    """An enforcement row whose count is an array formula (openpyxl reads it as an object)."""
    header = ["unit_pelapor", "provinsi", "periode_akhir", "laporan_polisi", "sumber_url"]
    row = (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Polda Kalbar</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>Kalbar</t></is></c>'
        '<c r="C2" t="inlineStr"><is><t>2023-06-13</t></is></c>'
        '<c r="D2"><f t="array" ref="D2">SUM(1+2)</f><v>3</v></c>'
        '<c r="E2" t="inlineStr"><is><t>https://a.id/1</t></is></c></row>'
    )
    return raw_xlsx([inline_row(1, header), row])


def one_line_csv(megabytes: int = 19) -> bytes:
    """``a,a,a,...`` on a single line."""
    return b"a," * (megabytes * 1024 * 1024 // 2)
