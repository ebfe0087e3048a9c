"""CSV/XLSX reading: content sniffing, encodings, delimiters, and files that are not tables."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from etl.readers import ReadError, read_table

HEADER = "unit_pelapor;provinsi;periode_akhir;laporan_polisi;sumber_url"
ROW = "Polda Kalbar;Kalbar;13/6/2023;1.006;https://contoh.go.id/a"


def test_semicolon_crlf_bom_utf8():
    data = ("\ufeff" + HEADER + "\r\n" + ROW + "\r\n").encode("utf-8")
    table = read_table(data)
    assert table.delimiter == ";" and table.encoding == "utf-8-sig"
    assert table.frame.columns[0] == "unit_pelapor"
    assert table.frame.iloc[0]["laporan_polisi"] == "1.006"  # kept as text; parsed later


def test_windows_1252_with_accents():
    data = (HEADER + "\r\n" + ROW.replace("Kalbar;", "Kalbar;") + ";\r\n").encode("cp1252")
    data = data.replace(b"Polda Kalbar", "Polda Kalbar — é".encode("cp1252"))
    table = read_table(data)
    assert table.encoding != "utf-8"
    assert "é" in table.frame.iloc[0]["unit_pelapor"]


def test_comma_and_tab_delimiters():
    for sep in (",", "\t"):
        text = HEADER.replace(";", sep) + "\n" + ROW.replace(";", sep).replace("1.006", "1006") + "\n"
        assert read_table(text.encode()).delimiter == sep


def test_quoted_fields_with_delimiters_inside():
    text = HEADER + '\n"Polda; Kalbar";Kalbar;13/6/2023;5;https://a.id/x\n'
    assert read_table(text.encode()).frame.iloc[0]["unit_pelapor"] == "Polda; Kalbar"


def test_xlsx_first_sheet_with_real_types():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["unit_pelapor", "periode_akhir", "laporan_polisi"])
    import datetime as dt

    sheet.append(["Polda Kalbar", dt.datetime(2023, 6, 13), 1006])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(buffer.getvalue())
    assert table.file_format == "xlsx"
    assert table.frame.iloc[0]["laporan_polisi"] == 1006


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "kosong"),
        (b"   \n\n", "kosong"),
        ((HEADER + "\n").encode(), "tidak ada baris data"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "PNG"),
        (b"%PDF-1.7\n...", "PDF"),
        (b"\xd0\xcf\x11\xe0" + b"\x00" * 50, "XLS"),
        (b"just one column\nvalue\n", "pemisah"),
    ],
)
def test_refused_files(data, fragment):
    with pytest.raises(ReadError) as info:
        read_table(data)
    assert fragment in info.value.message_id
    assert info.value.message_en


def test_zip_renamed_to_csv():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("data.txt", "hello")
    with pytest.raises(ReadError) as info:
        read_table(buffer.getvalue())
    assert "bukan XLSX" in info.value.message_id


def test_limits():
    data = (HEADER + "\n" + "\n".join([ROW] * 11) + "\n").encode()
    with pytest.raises(ReadError, match="too many rows"):
        read_table(data, max_rows=10)
    with pytest.raises(ReadError, match="too large"):
        read_table(data, max_bytes=100)


def test_a_value_beyond_the_last_column_is_refused_not_dropped():
    data = b"provinsi;laporan_polisi\nJawa Timur;12;\nBali;4;catatan nyasar\n"
    with pytest.raises(ReadError) as refused:
        read_table(data)
    assert "baris 2" in refused.value.message_id and "catatan nyasar" in refused.value.message_id
    assert "row 2" in refused.value.message_en


def test_a_trailing_delimiter_alone_is_accepted():
    table = read_table(b"provinsi;laporan_polisi\nJawa Timur;12;\nBali;4;\n")
    assert table.frame.to_dict("records") == [
        {"provinsi": "Jawa Timur", "laporan_polisi": "12"},
        {"provinsi": "Bali", "laporan_polisi": "4"},
    ]
