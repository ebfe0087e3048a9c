"""Dates in Indonesian news text, and which one is the event's.

Forms read: ``Rabu (4/6/2025)``, ``(19/03/24)``, ``4-6-2024``, ``Jumat, 22 November 2024``,
``14-16 Agustus 2019`` (a range: its first day), and forms without a year (``Selasa (27/6)``,
``28 September lalu``). Each mention is classed by its sentence: an *event* sentence (the activity
is held, the arrest is made: "menggelar", "berlangsung", "ditangkap", "pada ...") or a *statement*
sentence ("ujar", "kata", "menjelaskan", "dikonfirmasi").

A date written without a year gets one only from evidence: another full date of the same day and
month in the text, or the publication date the user gave - and only when a stated weekday agrees
with it. Without such evidence the date stays empty: no date is invented. Crawl metadata
(``date 2024-11-02``) and ISO dates in page chrome are not read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from etl.parsing import MONTHS

WEEKDAYS = {
    "senin": 0,
    "selasa": 1,
    "rabu": 2,
    "kamis": 3,
    "jumat": 4,
    "jum'at": 4,
    "jum’at": 4,
    "sabtu": 5,
    "minggu": 6,
    "ahad": 6,
}
_WEEKDAY = r"(?P<weekday>Senin|Selasa|Rabu|Kamis|Jum['’]?at|Sabtu|Minggu|Ahad)"
_MONTH = r"(?P<month>" + "|".join(sorted((m for m in MONTHS if len(m) >= 3), key=len, reverse=True)) + r")\.?"
_SEP = r"\s*(?:-|–|—|hingga|sampai|s\.?\s?d\.?|dan)\s*"
PATTERNS = [
    # weekday-anchored forms first: they mark the event's own day
    rf"(?:{_WEEKDAY}\s*(?:malam|pagi|siang|sore|kemarin|lalu)?\s*,?\s*(?:tanggal\s*)?\(?\s*)?"
    rf"\b(?P<day>\d{{1,2}})(?:{_SEP}(?P<day2>\d{{1,2}}))?\s+{_MONTH}\s+(?P<year>(?:19|20)\d{{2}})\b",
    rf"(?:{_WEEKDAY}\s*(?:malam|pagi|siang|sore|kemarin|lalu)?\s*,?\s*\(?\s*)?"
    r"\b(?P<day>\d{1,2})[/.-](?P<monthnum>\d{1,2})[/.-](?P<year>(?:19|20)?\d{2})\b(?![/.-]\d)",
    rf"{_WEEKDAY}\s*(?:malam|pagi|siang|sore|kemarin|lalu)?\s*,?\s*\(\s*(?P<day>\d{{1,2}})\s*/\s*(?P<monthnum>\d{{1,2}})\s*\)",
    rf"(?:{_WEEKDAY}\s*,?\s*)?\b(?P<day>\d{{1,2}})(?:{_SEP}(?P<day2>\d{{1,2}}))?\s+{_MONTH}(?!\s*(?:19|20)\d{{2}})\b",
]
_COMPILED = [re.compile(p, re.IGNORECASE) for p in PATTERNS]
_STATEMENT = re.compile(
    r"\b(?:ujar\w*|kata\w*|mengatakan|menjelaskan|jelas\w*|tutur\w*|terang\w*|ungkap\w*|menyampaikan|"
    r"sampai\w*|dikonfirmasi|konfirmasi|keterangan|diterima|melaporkan|dilansir|rilis|konferensi pers|"
    r"tegas\w*|sebut\w*|papar\w*|imbuh\w*|tambah\w*|pungkas\w*|kepada wartawan)\b",
    re.IGNORECASE,
)
_EVENT = re.compile(
    r"\b(?:menggelar|digelar|gelar|berlangsung|dilaksanakan|melaksanakan|laksanakan|diadakan|mengadakan|"
    r"diselenggarakan|menyelenggarakan|bertempat|dibuka|ditandatangani|penandatanganan|pelaksanaan|"
    r"ditangkap|menangkap|diamankan|mengamankan|menggagalkan|digagalkan|menciduk|dibekuk|diringkus|"
    r"penangkapan|penggerebekan|menggerebek|terungkap|mengungkap|dibongkar|membongkar)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    """A date in the text; ``date`` is None when no year could be given to it."""

    date: dt.date | None
    end: dt.date | None
    day: int
    month: int
    weekday: int | None
    start: int
    text: str
    has_year: bool
    role: str  # "event", "statement" or "plain"


def _sentence(text: str, start: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    right_candidates = [i for i in (text.find(". ", start), text.find("\n", start)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left:right]


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[DateMention]:
    """Every date form in the text, in order; overlapping forms keep the first pattern's reading."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in _COMPILED:
        for match in pattern.finditer(text):
            span = match.span()
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            groups = match.groupdict()
            day = int(groups["day"])
            month = MONTHS.get((groups.get("month") or "").lower().rstrip(".")) or int(groups.get("monthnum") or 0)
            if not 1 <= month <= 12 or not 1 <= day <= 31:
                continue
            before = text[max(0, span[0] - 6) : span[0]]
            if re.search(r"\bdate\s*$|\d[-/]$", before):
                continue  # crawl metadata or part of a longer number
            raw_year = groups.get("year")
            year = None
            if raw_year:
                year = int(raw_year) + (2000 if len(raw_year) == 2 else 0)
            weekday = WEEKDAYS.get((groups.get("weekday") or "").lower().replace("’", "'"))
            date = _date(year, month, day) if year else None
            end = None
            if year and groups.get("day2"):
                end = _date(year, month, int(groups["day2"]))
            sentence = _sentence(text, span[0])
            near = text[max(0, span[0] - 25) : span[0]]
            if end is not None or re.search(
                r"\b(?:pada|tanggal|digelar|berlangsung|dilaksanakan)\s*(?:hari\s*)?$", near, re.I
            ):
                role = "event"  # "pada 14-16 Agustus": the event's own days, even in a reported sentence
            elif _EVENT.search(sentence):
                role = "event"
            else:
                role = "statement" if _STATEMENT.search(sentence) else "plain"
            taken.append(span)
            shown = match.group(0)
            if "(" in shown and ")" not in shown and text[span[1] : span[1] + 1] == ")":
                shown += ")"
            found.append(DateMention(date, end, day, month, weekday, span[0], shown, year is not None, role))
    found.sort(key=lambda m: m.start)
    return found


def complete_year(mention: DateMention, mentions: list[DateMention], published: dt.date | None) -> DateMention:
    """Give a year-less date the year that the text or the publication date supports, if any."""
    if mention.has_year:
        return mention
    years = [
        m.date.year for m in mentions if m.has_year and m.date and (m.month, m.day) == (mention.month, mention.day)
    ]
    if not years and published:
        years = [published.year, published.year - 1]
    if not years and mention.weekday is not None:
        # a weekday pins the year among the years the text itself gives (statement dates, periods)
        years = sorted({m.date.year for m in mentions if m.has_year and m.date}, reverse=True)
    for year in years:
        date = _date(year, mention.month, mention.day)
        if date is None:
            continue
        if published and date > published:
            continue
        if mention.weekday is not None and date.weekday() != mention.weekday:
            continue
        if (
            mention.weekday is None
            and not published
            and (mention.month, mention.day) not in {(m.month, m.day) for m in mentions if m.has_year}
        ):
            continue
        return DateMention(
            date, None, mention.day, mention.month, mention.weekday, mention.start, mention.text, True, mention.role
        )
    return mention


def event_date(text: str, published: dt.date | None = None) -> tuple[DateMention | None, DateMention | None]:
    """(event date, statement date).

    The event date is the first date in an event sentence - or, when no sentence reads as the
    event, the first dated mention. When the event's own date has no year it stays empty rather
    than borrowing another date. The statement date is the first dated statement sentence.
    """
    raw = find_dates(text)
    mentions = [complete_year(m, raw, published) for m in raw]
    dated = [m for m in mentions if m.date is not None]
    events = [m for m in mentions if m.role == "event"]
    first = events[0] if events else (dated[0] if dated else None)
    event = first if first is not None and first.date is not None else None
    statements = [m for m in dated if m.role == "statement"]
    statement = statements[0] if statements else (dated[0] if dated else None)
    return event, statement
