"""Indonesian number and date formats."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.parsing import ParseError, looks_like_formula, parse_bool, parse_count, parse_date, parse_decimal


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.006", 1006),
        ("1006", 1006),
        ("2.797", 2797),
        ("1 006", 1006),
        ("1,006", 1006),
        ("12", 12),
        ("12,0", 12),
        ("1.234.567", 1234567),
        (" 42 ", 42),
        ("-5", -5),
        (7, 7),
        (7.0, 7),
        ("", None),
        (None, None),
    ],
)
def test_parse_count(text, value):
    assert parse_count(text) == value


@pytest.mark.parametrize("text", ["banyak", "1,5", "1.5", "12a", "1.00"])
def test_parse_count_rejects(text):
    with pytest.raises(ParseError) as info:
        parse_count(text)
    assert "bilangan bulat" in info.value.message_id


@pytest.mark.parametrize(
    ("text", "value"),
    [("5.554,8", 5554.8), ("5554,8", 5554.8), ("5554.8", 5554.8), ("15.588", 15588.0), ("1,234.5", 1234.5)],
)
def test_parse_decimal(text, value):
    assert parse_decimal(text) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("2023-06-09", "2023-06-09", "day"),
        ("9/6/2023", "2023-06-09", "day"),
        ("09/06/2023", "2023-06-09", "day"),
        ("9-6-2023", "2023-06-09", "day"),
        ("9.6.2023", "2023-06-09", "day"),
        ("9/6/23", "2023-06-09", "day"),
        ("9 Juni 2023", "2023-06-09", "day"),
        ("9 June 2023", "2023-06-09", "day"),
        ("4 Juni 2025", "2025-06-04", "day"),
        ("Rabu, 4 Juni 2025", "2025-06-04", "day"),
        ("Jumat (9/6/2023)", "2023-06-09", "day"),
        ("Jum'at, 9 Juni 2023", "2023-06-09", "day"),
        ("17 Agustus 2023", "2023-08-17", "day"),
        ("1 Desember 2024", "2024-12-01", "day"),
        ("2 Mei 2025", "2025-05-02", "day"),
        ("31 Okt 2023", "2023-10-31", "day"),
        ("2023-06", "2023-06", "month"),
        ("Juni 2023", "2023-06", "month"),
        ("2020", "2020", "year"),
        ("2023-06-09T00:00:00", "2023-06-09", "day"),
    ],
)
def test_parse_date(text, iso, precision):
    parsed = parse_date(text)
    assert parsed.iso() == iso
    assert parsed.precision == precision


def test_month_and_year_precision_end_dates():
    assert parse_date("2023-02").end == dt.date(2023, 2, 28)
    assert parse_date("2024-02").end == dt.date(2024, 2, 29)
    assert parse_date("2023").end == dt.date(2023, 12, 31)


def test_weekday_short_form_needs_a_year():
    assert parse_date("Rabu (4/6)", default_year=2025).start == dt.date(2025, 6, 4)
    with pytest.raises(ParseError) as info:
        parse_date("Senin (17/11)")
    assert "tahun" in info.value.message_id


@pytest.mark.parametrize("text", ["31/02/2023", "32 Juni 2023", "2023-13-01", "kemarin", "9 Juny 2023"])
def test_impossible_or_unreadable_dates(text):
    with pytest.raises(ParseError):
        parse_date(text)


def test_excel_datetime_passes_through():
    assert parse_date(dt.datetime(2023, 6, 9, 0, 0)).start == dt.date(2023, 6, 9)


def test_bool_and_formula():
    assert parse_bool("ya") is True and parse_bool("Tidak") is False and parse_bool("") is None
    assert looks_like_formula("=SUM(A1)") and looks_like_formula("@cmd") and looks_like_formula("+foo")
    assert looks_like_formula("\tx") and not looks_like_formula("-5") and not looks_like_formula("Polda")


@pytest.mark.parametrize("text", ["99999999999999999999999", "2147483648", "-3.000.000.000"])
def test_parse_count_refuses_numbers_the_store_cannot_hold(text):
    with pytest.raises(ParseError) as info:
        parse_count(text)
    assert "terlalu besar" in info.value.message_id and "too large" in info.value.message_en
    assert parse_count("2147483647") == 2_147_483_647
