"""Validation: every problem at once, with row, column, value and a bilingual reason."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook

from etl.validation import validate_bytes
from tests.conftest import FIXTURES


def test_indonesian_excel_csv_with_ten_errors_reports_exactly_those_rows():
    result = validate_bytes((FIXTURES / "enforcement_excel_id_10_errors.csv").read_bytes())
    assert result.kind == "enforcement" and result.rows == 14
    assert result.source.delimiter == ";" and result.source.encoding != "utf-8"
    assert [i.row for i in result.issues] == list(range(2, 12))
    by_row = {i.row: i for i in result.issues}
    expected = {
        2: ("province", "tidak dikenal"),
        3: ("regency", "ambigu"),
        4: ("period_end", "kalender"),
        5: ("period_end", "masa depan"),
        6: ("police_reports", "negatif"),
        7: ("reporting_unit", "rumus"),
        8: ("source_url", "sumber wajib"),
        9: ("period_end", "tanggal wajib"),
        10: ("police_reports", "bilangan bulat"),
        11: ("source_url", "alamat web"),
    }
    for row, (column, fragment) in expected.items():
        assert by_row[row].column == column, row
        assert fragment in by_row[row].message_id, (row, by_row[row].message_id)
        assert by_row[row].message_en and by_row[row].message_en != by_row[row].message_id
    assert by_row[6].value == "-5" and by_row[3].value == "Kupang"
    assert result.valid_rows == 4 and not result.ok


def test_corrected_file_parses_indonesian_formats():
    result = validate_bytes((FIXTURES / "enforcement_excel_id_corrected.csv").read_bytes())
    assert result.ok, result.issues
    frame = result.frame.set_index("row_number")
    assert frame.loc[4, "police_reports"] == 1006 and frame.loc[4, "scope"] == "national"
    assert frame.loc[1, "province_code"] == "61" and frame.loc[1, "cumulative"] is True
    assert frame.loc[1, "period_end"] == dt.date(2023, 6, 13)
    assert frame.loc[3, "regency_code"] == "53.01" and frame.loc[3, "period_start"] == dt.date(2023, 6, 5)
    assert frame.loc[6, "period_start"] == dt.date(2023, 1, 1) and frame.loc[6, "period_start_precision"] == "month"
    assert frame.loc[6, "period_end"] == dt.date(2023, 6, 13)
    assert frame.loc[12, "announced_date"] == dt.date(2024, 11, 18) and frame.loc[12, "regency_code"] == "65.03"
    assert frame.loc[14, "announced_date"] == dt.date(2026, 1, 9)
    assert frame["natural_key"].is_unique


def test_english_headers_and_activities_kind_detected():
    text = (
        "date,province,regency,activity_type,title,organizer,pillar,mode,source_url\n"
        "21/6/2023,,Kab. Tanah Bumbu,Sosialisasi,Sosialisasi TPPO,Imigrasi Batulicin,Pencegahan; koordinasi,"
        "luring,https://a.id/1\n"
    )
    result = validate_bytes(text.encode())
    assert result.kind == "activities" and result.ok, result.issues
    row = result.frame.iloc[0]
    assert row["province_code"] == "63" and row["regency_code"] == "63.10"
    assert row["pillars"] == "pencegahan;kerja_sama_koordinasi" and row["mode"] == "offline"


def test_activity_errors_all_reported():
    text = (
        "tanggal;provinsi;jenis_kegiatan;judul;penyelenggara;peserta;sumber_url\n"
        ";Kalbar;rakor;Rakor;Polda;10;https://a.id/1\n"
        "1/1/2023;Atlantis;konser;Judul;Polda;-3;https://a.id/2\n"
        "2/1/2023;Kalbar;rakor;<script>alert(1)</script>;Polda;;https://a.id/3\n"
    )
    result = validate_bytes(text.encode())
    found = {(i.row, i.column) for i in result.issues}
    assert found == {(1, "date"), (2, "province"), (2, "activity_type"), (2, "participants")}
    # HTML in text is stored as text, not refused: escaping happens where it is shown.
    assert all(i.row != 3 for i in result.issues)


def test_xlsx_formula_cells_refused():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["unit_pelapor", "provinsi", "periode_akhir", "laporan_polisi", "sumber_url"])
    sheet.append(["Polda Kalbar", "Kalbar", dt.datetime(2023, 6, 13), "=1+2", "https://a.id/1"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = validate_bytes(buffer.getvalue())
    assert [(i.row, i.column) for i in result.issues] == [(1, "police_reports")]
    assert "rumus" in result.issues[0].message_id


def test_unknown_columns_and_missing_required_columns():
    result = validate_bytes(b"unit_pelapor;provinsi;periode_akhir;laporan_polisi;warna\nA;Kalbar;1/1/2023;1;x\n")
    messages = [(i.column, i.message_id) for i in result.issues]
    assert ("warna", "kolom tidak dikenal dalam templat") in messages
    assert any(c == "source_url" and "wajib" in m for c, m in messages)


def test_unreadable_file_is_one_file_level_issue():
    result = validate_bytes(b"%PDF-1.4 hello")
    assert len(result.issues) == 1 and result.issues[0].row is None and "PDF" in result.issues[0].message_id


def test_json_shape_matches_cli_contract():
    result = validate_bytes((FIXTURES / "enforcement_excel_id_10_errors.csv").read_bytes())
    data = result.to_json()
    assert data["rows"] == 14 and data["valid"] == 4 and len(data["errors"]) == 10
    assert set(data["errors"][0]) >= {"row", "column", "value", "message"}


def _assert_stored_recipe(frame) -> None:
    """Each record's content JSON, content hash and (without a reference) natural key are exactly what
    ``json.dumps`` of the record gives: they are stored, so the column-wise encoder must never drift."""
    import hashlib
    import json

    from etl.gazetteer import normalize
    from etl.store import record_columns
    from etl.validation import _KEY_FIELDS, CONTENT_JSON, _jsonable

    names = sorted(n for n in record_columns("enforcement") if n != "verification_status")
    for record in frame.to_dict("records"):
        expected_json = json.dumps({name: _jsonable(record.get(name)) for name in names}, default=str)
        assert record[CONTENT_JSON] == expected_json
        assert record["content_hash"] == hashlib.sha256(expected_json.encode()).hexdigest()[:32]
        if not record.get("record_ref"):
            fields = [_jsonable(record.get(name)) for name in _KEY_FIELDS["enforcement"]]
            fields = [normalize(v) if isinstance(v, str) else v for v in fields]
            key = hashlib.sha256(json.dumps(fields, default=str).encode()).hexdigest()[:32]
            assert record["natural_key"] == f"h:{key}"


def test_identity_and_content_hash_follow_their_stored_recipe():
    result = validate_bytes((FIXTURES / "enforcement_excel_id_corrected.csv").read_bytes())
    assert result.ok
    _assert_stored_recipe(result.frame)


def test_column_wise_keys_and_hashes_match_the_recipe_on_varied_rows():
    """Segments of columns are merged while their combinations are few: 3,000 varied synthetic rows."""
    from bench import synthetic
    from etl.validation import validate_frame

    result = validate_frame(synthetic.enforcement_frame(3_000, seed=11), "enforcement")
    assert result.ok and result.frame["natural_key"].str.startswith("h:").all()
    _assert_stored_recipe(result.frame)


def test_a_count_too_large_is_reported_with_its_row_and_nothing_crashes():
    data = (
        b"unit_pelapor;provinsi;periode_akhir;tersangka;sumber_url\n"
        b"Polda Kalbar;Kalbar;30/6/2024;99999999999999999999999;https://a.id/1\n"
        b"Polda Kalbar;Kalbar;30/6/2024;5;https://a.id/2\n"
    )
    result = validate_bytes(data)
    assert [(i.row, i.column, i.value) for i in result.issues] == [(1, "suspects", "99999999999999999999999")]
    assert "terlalu besar" in result.issues[0].message_id


def test_a_period_ending_after_its_announcement_is_refused_with_row_and_column():
    text = (
        "reporting_unit,province,period_start,period_end,victims_rescued,source_url,announced_date\n"
        "Polda Jatim,Jatim,2023-01,2023-06,255,https://contoh.go.id/1,2023-06-13\n"
        "Polda Jatim,Jatim,2023-01,2023-06-13,255,https://contoh.go.id/2,2023-06-13\n"
    )
    result = validate_bytes(text.encode(), "enforcement")
    assert [(i.row, i.column) for i in result.issues] == [(1, "period_end")]
    assert "setelah tanggal rilis" in result.issues[0].message_id
    assert "after the announced date" in result.issues[0].message_en
