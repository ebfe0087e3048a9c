"""Parse Indonesian-style numbers and dates from text cells.

``1.006`` is one thousand and six; ``5.554,8`` is 5554.8; dates are day-first (``9/6/2023``),
may carry a weekday (``Jumat (9/6/2023)``, ``Rabu, 4 Juni 2025``), Indonesian or English month
names, or be ISO (``2023-06-09``) with reduced precision (``2023-06``, ``2023``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Precision = Literal["day", "month", "year"]

MONTHS: dict[str, int] = {
    "januari": 1,
    "jan": 1,
    "january": 1,
    "februari": 2,
    "feb": 2,
    "pebruari": 2,
    "february": 2,
    "maret": 3,
    "mar": 3,
    "march": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "may": 5,
    "juni": 6,
    "jun": 6,
    "june": 6,
    "juli": 7,
    "jul": 7,
    "july": 7,
    "agustus": 8,
    "agu": 8,
    "agt": 8,
    "ags": 8,
    "aug": 8,
    "august": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "oct": 10,
    "october": 10,
    "november": 11,
    "nov": 11,
    "nopember": 11,
    "desember": 12,
    "des": 12,
    "dec": 12,
    "december": 12,
}
WEEKDAYS = (
    "senin",
    "selasa",
    "rabu",
    "kamis",
    "jumat",
    "jum'at",
    "sabtu",
    "minggu",
    "ahad",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\x00")


class ParseError(ValueError):
    """A cell that cannot be read; carries the reason in Bahasa Indonesia and English."""

    def __init__(self, message_id: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_id = message_id
        self.message_en = message_en


@dataclass(frozen=True)
class ParsedDate:
    """A date with its precision; ``end`` is the last day the value can mean."""

    start: dt.date
    precision: Precision

    @property
    def end(self) -> dt.date:
        if self.precision == "day":
            return self.start
        if self.precision == "month":
            last = calendar.monthrange(self.start.year, self.start.month)[1]
            return self.start.replace(day=last)
        return self.start.replace(month=12, day=31)

    def iso(self) -> str:
        if self.precision == "year":
            return f"{self.start.year:04d}"
        if self.precision == "month":
            return f"{self.start.year:04d}-{self.start.month:02d}"
        return self.start.isoformat()


def is_blank(value: object) -> bool:
    """True for None, NaN and cells holding only whitespace."""
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    return isinstance(value, str) and not value.strip()


def looks_like_formula(value: object) -> bool:
    """True when a text cell would be run as a formula by a spreadsheet (checked after trimming)."""
    from etl.plaintext import starts_like_formula

    return starts_like_formula(value)


MAX_COUNT = 2_147_483_647  # the largest value an INTEGER column holds on PostgreSQL


def parse_count(value: object) -> int | None:
    """A whole count: ``1.006`` -> 1006, ``1 006`` -> 1006, ``1006`` -> 1006; blank -> None.

    Negative numbers are returned as such (the schema rejects them with its own message); a count
    beyond what the store holds is refused.
    """
    count = _whole_number(value)
    if count is not None and abs(count) > MAX_COUNT:
        raise ParseError(
            "angka terlalu besar untuk sebuah jumlah (maksimum 2.147.483.647)",
            "number too large for a count (at most 2,147,483,647)",
        )
    return count


def _whole_number(value: object) -> int | None:
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ParseError("bukan bilangan bulat", "not a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ParseError("bukan bilangan bulat", "not a whole number")
    text = str(value).strip().replace("\u00a0", " ")
    sign = -1 if text.startswith("-") else 1
    body = text.lstrip("+-").strip()
    if re.fullmatch(r"\d+", body):
        return sign * int(body)
    if re.fullmatch(r"\d{1,3}([. ]\d{3})+", body):  # 1.006 / 1 006 (Indonesian thousands)
        return sign * int(re.sub(r"[. ]", "", body))
    if re.fullmatch(r"\d{1,3}(,\d{3})+", body):  # 1,006 (English thousands; counts are whole)
        return sign * int(body.replace(",", ""))
    if re.fullmatch(r"\d+,0+", body):  # 12,0 from a spreadsheet with decimal commas
        return sign * int(body.split(",")[0])
    raise ParseError(
        "bukan bilangan bulat (contoh yang benar: 1006 atau 1.006)",
        "not a whole number (valid examples: 1006 or 1.006)",
    )


def parse_decimal(value: object) -> float | None:
    """A decimal in Indonesian or international style: ``5.554,8`` and ``5554.8`` -> 5554.8."""
    if is_blank(value):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", text):
        return float(text.replace(".", "").replace(",", "."))
    if re.fullmatch(r"-?\d+,\d+", text):
        return float(text.replace(",", "."))
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", text):
        return float(text.replace(",", ""))
    if re.fullmatch(r"-?\d+(\.\d+)?", text):
        return float(text)
    raise ParseError("bukan angka", "not a number")


_DATE_ERROR = (
    "tanggal tidak dapat dibaca (contoh: 2023-06-09, 9/6/2023, 9 Juni 2023)",
    "unreadable date (examples: 2023-06-09, 9/6/2023, 9 June 2023)",
)


def _make(year: int, month: int, day: int | None) -> ParsedDate:
    try:
        if day is None:
            return ParsedDate(dt.date(year, month, 1), "month")
        return ParsedDate(dt.date(year, month, day), "day")
    except ValueError as exc:
        raise ParseError(
            f"tanggal tidak ada di kalender: {day or ''}/{month}/{year}",
            f"impossible date: {day or ''}/{month}/{year}",
        ) from exc


def parse_date(value: object, default_year: int | None = None) -> ParsedDate | None:
    """Parse one date cell; blank -> None. ``default_year`` completes ``Rabu (4/6)``."""
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return ParsedDate(value.date(), "day")
    if isinstance(value, dt.date):
        return ParsedDate(value, "day")
    text = str(value).strip().casefold()
    text = re.sub(r"^(" + "|".join(WEEKDAYS) + r")\b[\s,]*", "", text)
    text = text.strip("() ").strip()
    text = re.sub(r"\s+", " ", text)
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ][\d:.]+z?)?", text):
        return _make(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", text):
        return _make(int(m[1]), int(m[2]), None)
    if m := re.fullmatch(r"(\d{4})", text):
        return ParsedDate(dt.date(int(m[1]), 1, 1), "year")
    if m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})", text):
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        return _make(year, int(m[2]), int(m[1]))
    if m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})", text):
        if default_year is None:
            raise ParseError("tahun tidak disebutkan", "the year is not given")
        return _make(default_year, int(m[2]), int(m[1]))
    if m := re.fullmatch(r"(\d{1,2}) ([a-z]+)\.? (\d{4})", text):
        month = MONTHS.get(m[2])
        if month:
            return _make(int(m[3]), month, int(m[1]))
    if m := re.fullmatch(r"([a-z]+)\.? (\d{4})", text):
        month = MONTHS.get(m[1])
        if month:
            return _make(int(m[2]), month, None)
    raise ParseError(*_DATE_ERROR)


def parse_bool(value: object) -> bool | None:
    """Yes/no in Bahasa Indonesia or English; blank -> None."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text in {"ya", "y", "yes", "true", "1", "benar", "kumulatif", "cumulative"}:
        return True
    if text in {"tidak", "t", "no", "n", "false", "0", "salah", "periode", "period"}:
        return False
    raise ParseError("isi 'ya' atau 'tidak'", "use 'yes' or 'no'")
