"""Draft records from Indonesian news text: rule-based extraction over the gazetteer.

Each extracted field keeps the text span it came from and a confidence; nothing is committed
here. Drafts are reviewed by staff and then go through the same validation and batch path as
a CSV upload (see :func:`drafts_to_csv`).
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache

from etl.gazetteer import PlaceError, default_gazetteer
from etl.parsing import MONTHS, ParseError, parse_count
from etl.schemas import COLUMNS

MAX_CHARS = 1_000_000
ANALYSED_CHARS = 30_000  # an article's lead holds its date, place and organizer; longer texts are cut
_WEEKDAY = r"(?:Senin|Selasa|Rabu|Kamis|Jum'?at|Sabtu|Minggu|Ahad)"
_MONTH = r"(?:" + "|".join(sorted((m for m in MONTHS if len(m) > 3), key=len, reverse=True)) + r")"
_RELEVANT = re.compile(r"\bTPPO\b|perdagangan orang|human trafficking", re.IGNORECASE)

ACTIVITY_KEYWORDS = [
    ("rakor", r"\brapat koordinasi\b|\brakor\b"),
    ("sosialisasi", r"\bsosialisasi\b|\bpenyuluhan\b"),
    ("seminar", r"\bseminar\b|\bwebinar\b|\bdiskusi publik\b"),
    ("pelatihan", r"\bpelatihan\b|\bbimtek\b"),
    ("mou", r"\bnota kesepahaman\b|\bMoU\b|\bperjanjian kerja ?sama\b"),
    ("patroli_siber", r"\bpatroli (?:siber|cyber)\b|\bcyber patrol\b"),
    ("pengawasan", r"\bpengawasan (?:terhadap )?(?:LPK|P3MI|BLKLN)\b"),
]
PILLAR_KEYWORDS = [
    ("pencegahan", r"\bpencegahan\b"),
    ("rehabilitasi_kesehatan", r"rehabilitasi (?:medis|kesehatan)"),
    ("rehabilitasi_sosial", r"rehabilitasi sosial"),
    ("pemulangan_reintegrasi", r"\bpemulangan\b|\breintegrasi\b"),
    ("penegakan_hukum", r"penegak+an hukum"),
    ("kerja_sama_koordinasi", r"\bkerja ?sama\b|\bkoordinasi\b"),
]
_CAP = r"[A-Z][\w'-]*"
UNIT_PATTERNS = [
    rf"\bPolrestabes\s+{_CAP}(?:\s+{_CAP})?",
    rf"\bPolresta\s+{_CAP}(?:\s+{_CAP})?",
    rf"\bPolres\s+{_CAP}(?:\s+{_CAP})?(?:\s+\({_CAP}\))?",
    rf"\bPolda\s+{_CAP}(?:\s+{_CAP})?",
    rf"\bKantor Imigrasi Kelas [IV]+\s+(?:Non\s+)?(?:TPI\s+)?{_CAP}",
    r"\bPerwakilan Ombudsman RI\s+(?:Provinsi\s+)?Kalimantan\s+\w+|\bPerwakilan Ombudsman RI\s+" + _CAP,
    r"\bKepolisian Negara Republik Indonesia\b",
    rf"\bKanwil\s+(?:Dirjen\s+|Ditjen\s+)?{_CAP}(?:\s+{_CAP})?",
    rf"\bKantor Wilayah\s+{_CAP}\s+{_CAP}(?:\s+{_CAP})?",
    rf"\bPem(?:kot|kab|prov)\s+{_CAP}",
]
PARTNER_PATTERNS = [
    *UNIT_PATTERNS,
    r"\bDisnakertrans\b(?:\s+Kabupaten\s+" + _CAP + r"(?:\s+" + _CAP + r")?)?",
    r"\bUPTD PPA\b",
    r"\bP2TP2A\b(?:\s+Kabupaten\s+" + _CAP + r")?",
    r"\bBLK\b",
    r"\bKemenPPPA\b",
    r"\bKementerian (?:Sosial|Kesehatan|Dalam Negeri)\b",
    r"\bDP3AKB\b(?:\s+Kota\s+" + _CAP + r")?",
    r"\bDinas Sosial(?:\s+Kota\s+" + _CAP + r")?",
    r"\bSatker Bareskrim Mabes Polri\b",
]


@dataclass
class Extracted:
    """One field: its value, the text it came from, where, and how sure the rule is (0-1)."""

    value: object
    evidence: str = ""
    start: int = -1
    confidence: float = 0.0


@dataclass
class Draft:
    kind: str  # "activities" or "enforcement"
    fields: dict[str, Extracted]
    notes: list[str] = field(default_factory=list)

    def record(self, source_file: str = "") -> dict:
        """Template field names plus kind, source_file, evidence and confidence (CLI --json)."""
        row = {name: _plain(f.value) for name, f in self.fields.items()}
        row["notes"] = "; ".join(self.notes) or None
        row.update(
            kind=self.kind,
            source_file=source_file,
            evidence={k: f.evidence for k, f in self.fields.items() if f.evidence},
            confidence={k: round(f.confidence, 2) for k, f in self.fields.items()},
        )
        return row


@dataclass
class NewsResult:
    drafts: list[Draft]
    message_id: str = ""
    message_en: str = ""


def _plain(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "; ".join(map(str, value))
    return value


def html_to_text(markup: str) -> str:
    """Visible text of an HTML page (scripts and styles dropped, block tags become new lines)."""
    markup = re.sub(r"(?is)<(script|style|noscript)[^>]*>.*?</\1>", " ", markup)
    markup = re.sub(r"(?i)<br\s*/?>|</(p|div|h[1-6]|li|tr)>", "\n", markup)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def _find(pattern: str, text: str, flags: int = 0) -> re.Match | None:
    return re.search(pattern, text, flags)


def _make_date(day: int, month: int, year: int | None) -> dt.date | None:
    try:
        return dt.date(year, month, day) if year else None
    except ValueError:
        return None


def article_year(text: str, published: dt.date | None) -> tuple[int | None, str]:
    """The year of the article: from a full date in the text, else from the publication date."""
    full = _find(r"\b\d{1,2}/\d{1,2}/(\d{4})\b", text) or _find(rf"\b\d{{1,2}}\s+{_MONTH}\s+(\d{{4}})\b", text, re.I)
    if full:
        return int(full.group(1)), full.group(0)
    if published:
        return published.year, ""
    return None, ""


def find_event_date(text: str, published: dt.date | None = None) -> tuple[Extracted, Extracted | None, list[str]]:
    """(start date, end date or None, notes). Weekday forms without a year use the article's year."""
    notes: list[str] = []
    period = _find(rf"\b(\d{{1,2}})\s*(?:hingga|sampai|s\.d\.?|-|–)\s*(\d{{1,2}})\s+({_MONTH})\s+(\d{{4}})", text, re.I)
    patterns = [
        rf"{_WEEKDAY}\s*,?\s*\(?(\d{{1,2}})/(\d{{1,2}})/(\d{{2,4}})\)?",
        rf"{_WEEKDAY}\s*,?\s*(\d{{1,2}})\s+({_MONTH})\s+(\d{{4}})",
        rf"{_WEEKDAY}\s*,?\s*\((\d{{1,2}})/(\d{{1,2}})\)",
        r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b",
        rf"\b(\d{{1,2}})\s+({_MONTH})\s+(\d{{4}})\b",
    ]
    found = [(number, m) for number, pattern in enumerate(patterns) if (m := _find(pattern, text, re.I))]
    anchored = [f for f in found if f[0] <= 2]  # a weekday marks the event's own date
    pool = anchored or found
    best = min(pool, key=lambda f: f[1].start()) if pool else None
    year, year_evidence = article_year(text, published)
    if best is None:
        if period:
            start = _make_date(int(period.group(1)), MONTHS[period.group(3).lower()], int(period.group(4)))
            end = _make_date(int(period.group(2)), MONTHS[period.group(3).lower()], int(period.group(4)))
            return (
                Extracted(start, period.group(0), period.start(), 0.8),
                Extracted(end, period.group(0), period.start(), 0.8),
                notes,
            )
        return Extracted(None), None, ["tanggal tidak ditemukan / no date found"]
    number, match = best
    groups = match.groups()
    if number in (0, 3):
        day, month, raw_year = int(groups[0]), int(groups[1]), groups[2]
        found_year = int(raw_year) + (2000 if len(raw_year) == 2 else 0)
        return Extracted(_make_date(day, month, found_year), match.group(0), match.start(), 0.95), None, notes
    if number in (1, 4):
        day, month, found_year = int(groups[0]), MONTHS[groups[1].lower()], int(groups[2])
        return Extracted(_make_date(day, month, found_year), match.group(0), match.start(), 0.95), None, notes
    day, month = int(groups[0]), int(groups[1])
    if year is None:
        notes.append(f"tahun tidak diketahui untuk '{match.group(0)}' / year unknown")
        return Extracted(None, match.group(0), match.start(), 0.0), None, notes
    date = _make_date(day, month, year)
    if date and not published and not year_evidence:
        notes.append("tahun dari tanggal terbit / year from the publication date")
    source = "tanggal terbit" if not year_evidence else f"'{year_evidence}'"
    notes.append(f"tahun {year} diambil dari {source} / year taken from the article")
    return Extracted(date, match.group(0), match.start(), 0.7), None, notes


def _first(patterns: list[tuple[str, str]], text: str) -> tuple[str | None, re.Match | None]:
    best: tuple[str | None, re.Match | None] = (None, None)
    for key, pattern in patterns:
        match = _find(pattern, text, re.I)
        if match and (best[1] is None or match.start() < best[1].start()):
            best = (key, match)
    return best


def _units(text: str, patterns: list[str]) -> list[re.Match]:
    found = []
    for pattern in patterns:
        found.extend(re.finditer(pattern, text))
    found.sort(key=lambda m: m.start())
    return found


def _clean_unit(name: str) -> str:
    """Drop words after a police/government unit's place ("Polres Kolaka Rakor" -> "Polres Kolaka")."""
    name = re.sub(r"\s+\([A-Z]\w+\)$", "", name)
    words = name.split()
    if words and re.match(r"Pol(?:da|res|resta|restabes)$|Pem(?:kot|kab|prov)$", words[0]):
        for size in range(len(words), 1, -1):
            candidate = " ".join(words[:size])
            if _resolve(candidate) is not None:
                return candidate
    return name


@lru_cache(maxsize=2048)
def _resolve(name: str):
    try:
        return default_gazetteer().resolve(name)
    except PlaceError:
        return None


def _dateline(text: str) -> tuple[str, int] | None:
    head = text[:300]
    for pattern in (
        r"//\s*([A-Z][A-Za-z]+)",
        r"(?m)^\s*([A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+)?)\s*[-–]\s*\S",
        r"(?m)^\s*[\w.]+\.(?:com|id),\s*([A-Z]+)[-–]",
        r"(?m)^\s*([A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+)?)\s*,\s*[\w.]+\.(?:com|id|co\.id)",
        r"(?m)^\s*[\w.]+\.(?:com|id)\s*,\s*([A-Z][A-Z]+)\s*[-–]",
    ):
        match = re.search(pattern, head)
        if match:
            name = re.sub(r"\s+(?:POST|NEWS|TRIBUN|EKSPRES|ONLINE|TIMES)$", "", match.group(1), flags=re.I)
            if _resolve(name):
                return name, match.start(1)
    return None


def find_place(text: str, organizer: re.Match | None) -> tuple[Extracted, Extracted, list[str]]:
    """(province, regency, notes): the event's venue first, then the organizer's area, then the dateline."""
    notes: list[str] = []
    candidates = []
    venue = _find(rf"\b[Dd]i\s+((?:Kabupaten|Kab\.|Kota)\s+{_CAP}(?:\s+{_CAP})?)", text)
    if venue:
        candidates.append(("venue", venue.group(1), venue.start(1), 0.9))
    hotel = _find(rf"\b(?:Hotel|Aula|Gedung)\s+(?:{_CAP}\s+){{0,3}}({_CAP})\b", text)
    if hotel:
        candidates.append(("venue", hotel.group(1), hotel.start(1), 0.6))
    if organizer:
        candidates.append(("organizer", _clean_unit(organizer.group(0)), organizer.start(), 0.75))
    line = _dateline(text)
    if line:
        candidates.append(("dateline", line[0], line[1], 0.6))
    chosen = None
    for origin, name, start, confidence in candidates:
        place = _resolve(name)
        if place is None:
            continue
        if chosen is None:
            chosen = (origin, name, start, confidence, place)
        elif chosen[4].level == "province" and place.level == "regency" and place.province_code == chosen[4].code:
            chosen = (origin, name, start, confidence, place)  # the same province, more precisely
        elif place.province_code != chosen[4].province_code or (
            place.level == "regency" and chosen[4].level == "regency" and place.code != chosen[4].code
        ):
            notes.append(f"{origin} '{name}' menunjuk {place.name} / points to {place.name}")
    if chosen is None:
        return Extracted(None), Extracted(None), ["tempat tidak ditemukan / no place found"]
    origin, name, start, confidence, place = chosen
    gazetteer = default_gazetteer()
    province = gazetteer.by_code(place.province_code)
    regency = Extracted(place.name, name, start, confidence) if place.level == "regency" else Extracted(None)
    return Extracted(province.name, name, start, confidence), regency, notes


def find_figures(text: str, published: dt.date | None) -> list[Draft]:
    """Enforcement figures (police reports, cases, suspects, victims) with their scope."""
    drafts = []
    number = r"(\d{1,3}(?:\.\d{3})+|\d+)"
    for sentence_match in re.finditer(r"[^.!?\n]*(?:\.(?=\d)[^.!?\n]*)*[.!?\n]", text):
        sentence = sentence_match.group(0)
        figures: dict[str, Extracted] = {}
        for key, pattern in (
            ("police_reports", rf"{number}\s+laporan polisi"),
            ("cases", rf"kasus\s+{number}|{number}\s+kasus"),
            ("suspects", rf"{number}\s+tersangka"),
            ("victims_rescued", rf"menyel\w*\s+{number}\s+(?:orang|korban)|{number}\s+korban"),
        ):
            match = re.search(pattern, sentence, re.I)
            if match:
                raw = next(g for g in match.groups() if g)
                try:
                    value = parse_count(raw)
                except ParseError:
                    continue
                figures[key] = Extracted(value, match.group(0), sentence_match.start() + match.start(), 0.85)
        if len(figures) < 2:
            continue  # a lone number is too weak to be a published figure set
        national = bool(re.search(r"seluruh Indonesia|nasional|data Polri|Polri", sentence, re.I))
        fields = dict(figures)
        fields["scope"] = Extracted(
            "national" if national else "province",
            sentence.strip()[:80],
            sentence_match.start(),
            0.8 if national else 0.4,
        )
        fields["reporting_unit"] = Extracted("Polri" if national else None, "Polri" if national else "", -1, 0.6)
        period = re.search(
            rf"(\d{{1,2}})\s*(?:hingga|sampai|s\.d\.?|-|–)\s*(\d{{1,2}})\s+({_MONTH})\s+(\d{{4}})", sentence, re.I
        )
        if period:
            month, year = MONTHS[period.group(3).lower()], int(period.group(4))
            fields["period_start"] = Extracted(
                _make_date(int(period.group(1)), month, year),
                period.group(0),
                sentence_match.start() + period.start(),
                0.9,
            )
            fields["period_end"] = Extracted(
                _make_date(int(period.group(2)), month, year),
                period.group(0),
                sentence_match.start() + period.start(),
                0.9,
            )
            fields["cumulative"] = Extracted("ya", period.group(0), -1, 0.6)
        elif published:
            fields["announced_date"] = Extracted(published, "", -1, 0.5)
        drafts.append(Draft("enforcement", fields))
    return drafts


_ORGANISING = re.compile(r"\b(?:menggelar|menyelenggarakan|gelar|mengikuti|melaksanakan|melakukan|mengadakan)\b", re.I)


def _title_line(text: str) -> str | None:
    for line in text.strip().splitlines()[:6]:
        line = line.strip()
        if 20 <= len(line) <= 160 and _RELEVANT.search(line) and not line.endswith("."):
            return line
    return None


def _organizer(text: str, units: list[re.Match]) -> re.Match | None:
    """The unit named first in the first body sentence that organises or joins the activity."""
    title = _title_line(text)
    body_start = text.find(title) + len(title) if title else 0
    keyword = "|".join(pattern for _, pattern in ACTIVITY_KEYWORDS)
    for sentence in re.finditer(r"[^.!?\n]+[.!?]?", text[body_start:]):
        chunk = sentence.group(0)
        if re.search(keyword, chunk, re.I) and _ORGANISING.search(chunk):
            start, end = body_start + sentence.start(), body_start + sentence.end()
            inside = [u for u in units if start <= u.start() < end]
            if inside:
                return inside[0]
    return units[0] if units else None


def _unit_key(name: str | None) -> tuple:
    """Two mentions of one unit ("Polres Barito Selatan", "Polres Barsel") share a key."""
    if not name:
        return ()
    place = _resolve(name)
    head = name.split()[0].lower()
    return (head, place.code) if place else (name.lower(),)


def _title(text: str, kind: str | None, organizer: str | None) -> Extracted:
    first = _title_line(text)
    if first:
        return Extracted(first, first, text.find(first), 0.8)
    label = {
        "rakor": "Rapat koordinasi",
        "sosialisasi": "Sosialisasi",
        "seminar": "Seminar",
        "pelatihan": "Pelatihan",
        "mou": "Penandatanganan MoU",
        "patroli_siber": "Patroli siber",
        "pengawasan": "Pengawasan",
    }.get(kind or "", "Kegiatan")
    return Extracted(f"{label} pencegahan TPPO" + (f" oleh {organizer}" if organizer else ""), "", -1, 0.4)


def extract(
    text: str, source_url: str | None = None, published: dt.date | None = None, source_name: str | None = None
) -> NewsResult:
    """Draft records from one article. Empty or non-TPPO text gives no draft and a clear message."""
    if not text or not text.strip():
        return NewsResult([], "teks kosong", "empty text")
    if len(text) > MAX_CHARS:
        return NewsResult(
            [], f"teks terlalu panjang (> {MAX_CHARS:,} karakter)", f"text too long (> {MAX_CHARS:,} characters)"
        )
    if re.search(r"<(html|body|p|div)\b", text[:5000], re.I):
        text = html_to_text(text)
    truncated = len(text) > ANALYSED_CHARS
    text = text[:ANALYSED_CHARS]
    if not _RELEVANT.search(text):
        return NewsResult(
            [], "teks ini tidak tentang TPPO (perdagangan orang)", "this text is not about TPPO (trafficking)"
        )
    drafts: list[Draft] = []
    kind, kind_match = _first(ACTIVITY_KEYWORDS, text)
    if kind is not None:
        units = _units(text, UNIT_PATTERNS)
        organizer = _organizer(text, units)
        organizer_name = _clean_unit(organizer.group(0)) if organizer else None
        seen = {_unit_key(organizer_name)} if organizer_name else set()
        partners = []
        for match in _units(text, PARTNER_PATTERNS):
            name = _clean_unit(match.group(0))
            key = _unit_key(name)
            if key in seen:
                continue
            seen.add(key)
            partners.append(name)
        date, end_date, notes = find_event_date(text, published)
        province, regency, place_notes = find_place(text, organizer)
        mode = (
            "hybrid"
            if re.search(r"\bhybrid\b|\bhibrida?\b", text, re.I)
            else ("online" if re.search(r"\bvirtual\b|\bdaring\b|\bzoom\b", text, re.I) else "offline")
        )
        pillars = [key for key, pattern in PILLAR_KEYWORDS if re.search(pattern, text, re.I)]
        fields = {
            "date": date,
            "end_date": end_date or Extracted(None),
            "province": province,
            "regency": regency,
            "activity_type": Extracted(kind, kind_match.group(0), kind_match.start(), 0.85),
            "title": _title(text, kind, organizer_name),
            "organizer": Extracted(
                organizer_name,
                organizer.group(0) if organizer else "",
                organizer.start() if organizer else -1,
                0.7 if organizer else 0.0,
            ),
            "partners": Extracted(partners[:8], "; ".join(partners[:8]), -1, 0.6),
            "pillar": Extracted(pillars, ", ".join(pillars), -1, 0.6),
            "mode": Extracted(mode, "", -1, 0.8 if mode != "offline" else 0.5),
            "source_url": Extracted(source_url, "", -1, 1.0 if source_url else 0.0),
            "source_name": Extracted(source_name, "", -1, 1.0 if source_name else 0.0),
        }
        drafts.append(Draft("activities", fields, notes + place_notes))
    for draft in find_figures(text, published):
        draft.fields["source_url"] = Extracted(source_url, "", -1, 1.0 if source_url else 0.0)
        draft.fields["source_name"] = Extracted(source_name, "", -1, 1.0 if source_name else 0.0)
        drafts.append(draft)
    if not drafts:
        return NewsResult([], "tidak ada kegiatan atau angka yang dikenali", "no activity or figure recognised")
    if truncated:
        for draft in drafts:
            draft.notes.append(
                f"hanya {ANALYSED_CHARS:,} karakter pertama dianalisis / only the first "
                f"{ANALYSED_CHARS:,} characters were analysed"
            )
    return NewsResult(drafts)


TEMPLATE_FIELDS = {  # the upload template's columns, plus the source name for articles without a URL
    kind: [*(c.name for c in COLUMNS[kind] if c.template), "source_name"] for kind in ("activities", "enforcement")
}


def drafts_to_csv(records: list[dict], kind: str) -> bytes:
    """Reviewed drafts of one kind as a template CSV, to go through the normal upload path."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=TEMPLATE_FIELDS[kind], extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({k: ("" if record.get(k) is None else _plain(record.get(k))) for k in TEMPLATE_FIELDS[kind]})
    return buffer.getvalue().encode("utf-8")
