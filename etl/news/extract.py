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
from etl.news.dates import event_date, find_dates
from etl.news.figures import find_figures as stated_figures
from etl.news.figures import is_running_total
from etl.news.kinds import ENFORCEMENT_CONTEXT, ORGANISING, activity_type
from etl.news.places import choose_place, headline_span
from etl.parsing import MONTHS
from etl.schemas import COLUMNS

MAX_CHARS = 1_000_000
ANALYSED_CHARS = 30_000  # an article's lead holds its date, place and organizer; longer texts are cut
_WEEKDAY = r"(?:Senin|Selasa|Rabu|Kamis|Jum'?at|Sabtu|Minggu|Ahad)"
_MONTH = r"(?:" + "|".join(sorted((m for m in MONTHS if len(m) > 3), key=len, reverse=True)) + r")"
_RELEVANT = re.compile(
    r"\bTPPO\b|perdagangan (?:orang|manusia)|trafficking|penyelundupan (?:orang|manusia)|\bTPPM\b|"
    r"pekerja migran|\bC?PMI\b|\bTKI\b|\bTKW\b",
    re.IGNORECASE,
)

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


def _ex(mention, confidence: float) -> Extracted:
    if mention is None or mention.date is None:
        return Extracted(None)
    return Extracted(mention.date, mention.text.strip(), mention.start, confidence)


def find_event_date(text: str, published: dt.date | None = None) -> tuple[Extracted, Extracted | None, list[str]]:
    """(start date, end date or None, notes) of the event: see :mod:`etl.news.dates`."""
    notes: list[str] = []
    event, _statement = event_date(text, published)
    if event is None:
        undated = [m for m in find_dates(text) if m.role == "event" and not m.has_year] or [
            m for m in find_dates(text) if not m.has_year
        ]
        if undated:
            notes.append(f"tahun tidak diketahui untuk '{undated[0].text.strip()}' / year unknown")
            return Extracted(None, undated[0].text.strip(), undated[0].start, 0.0), None, notes
        return Extracted(None), None, ["tanggal tidak ditemukan / no date found"]
    confidence = 0.9 if event.role == "event" else 0.7
    if event.weekday is not None and event.date.weekday() != event.weekday:
        notes.append(f"hari '{event.text.strip()}' tidak cocok dengan tanggalnya / weekday does not match the date")
        confidence = 0.6
    if not re.search(r"(?:19|20)\d\d|/\d\d\b", event.text):
        notes.append(
            f"tahun {event.date.year} dari teks atau tanggal terbit / "
            f"year {event.date.year} from the text or the publication date"
        )
    end = Extracted(event.end, event.text.strip(), event.start, confidence) if event.end else None
    return Extracted(event.date, event.text.strip(), event.start, confidence), end, notes


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


def find_place(text: str, organizer: re.Match | None = None) -> tuple[Extracted, Extracted, list[str]]:
    """(province, regency, notes) of the event: see :mod:`etl.news.places`."""
    choice = choose_place(text)
    if choice.province is None:
        return Extracted(None), Extracted(None), list(choice.notes)
    pm = choice.province_mention
    province = Extracted(choice.province.name, pm.text if pm else "", pm.start if pm else -1, choice.confidence)
    regency = Extracted(None)
    if choice.regency is not None and choice.regency_mention is not None:
        rm = choice.regency_mention
        regency = Extracted(choice.regency.name, rm.text, rm.start, min(0.9, choice.confidence))
    return province, regency, list(choice.notes)


_POLICE_UNIT = re.compile(
    rf"\b(?:Polda|Polresta|Polrestabes|Polres(?:\s+Metro)?)\s+{_CAP}(?:\s+{_CAP}){{0,2}}"
    r"|\bSatgas TPPO (?:Bareskrim )?Polri\b|\bBareskrim Polri\b|\bKorpolairud Baharkam Polri\b|\bKorpolairud\b"
)
_NATIONAL = re.compile(r"seluruh Indonesia|\bnasional\b|\bdata Polri\b|Satgas TPPO Polri|Bareskrim|Mabes Polri", re.I)
_RANGE = re.compile(
    rf"(?:sejak|dari|mulai|per tanggal|periode)?\s*(\d{{1,2}})(?:\s+({_MONTH}))?\s*"
    rf"(?:hingga|sampai(?: dengan)?|s\.?d\.?|-|–)\s*(\d{{1,2}})\s+({_MONTH})(?:\s+(\d{{4}}))?",
    re.I,
)
_YEARS = re.compile(r"\bperiode\s+((?:19|20)\d\d)\s*(?:-|–|hingga|sampai)\s*((?:19|20)\d\d)\b", re.I)


def _period(text: str, year: int | None) -> tuple[Extracted, Extracted]:
    """An explicit period near the figures: "5 hingga 13 Juni 2023", "periode 2022-2025"."""
    years = _YEARS.search(text)
    if years:
        return (
            Extracted(dt.date(int(years.group(1)), 1, 1), years.group(0), years.start(), 0.7),
            Extracted(dt.date(int(years.group(2)), 12, 31), years.group(0), years.start(), 0.5),
        )
    match = _RANGE.search(text)
    if match:
        end_year = int(match.group(5)) if match.group(5) else year
        end_month = MONTHS[match.group(4).lower()]
        start_month = MONTHS[match.group(2).lower()] if match.group(2) else end_month
        if end_year:
            start_year = end_year - 1 if start_month > end_month else end_year
            start = _make_date(int(match.group(1)), start_month, start_year)
            end = _make_date(int(match.group(3)), end_month, end_year)
            if start and end and start <= end:
                return (
                    Extracted(start, match.group(0).strip(), match.start(), 0.85),
                    Extracted(end, match.group(0).strip(), match.start(), 0.85),
                )
    return Extracted(None), Extracted(None)


def _make_date(day: int, month: int, year: int | None) -> dt.date | None:
    try:
        return dt.date(year, month, day) if year else None
    except ValueError:
        return None


def enforcement_draft(text: str, body_start: int = 0, published: dt.date | None = None, need: int = 1) -> Draft | None:
    """Figures the article states, with the unit, area, scope, period and announcement date; or None."""
    found = stated_figures(text, body_start)
    if len(found) < need or not ENFORCEMENT_CONTEXT.search(text):
        return None
    fields: dict[str, Extracted] = {
        metric: Extracted(f.value, f.evidence, f.start, f.confidence) for metric, f in found.items()
    }
    sentences = " ".join(text[max(0, f.start - 200) : f.start + 200] for f in found.values())
    units = [m for m in _POLICE_UNIT.finditer(text)]
    national = bool(_NATIONAL.search(sentences)) and not any(
        m.group(0).startswith(("Polda", "Polres"))
        and m.start() < min(f.start for f in found.values()) + 200
        and abs(m.start() - min(f.start for f in found.values())) < 300
        for m in units
    )
    event, statement = event_date(text, published)
    running = is_running_total(text, found)
    notes: list[str] = []
    if national:
        fields["scope"] = Extracted("national", sentences.strip()[:80], -1, 0.8)
        unit = next((m.group(0) for m in units if "Polri" in m.group(0) or "Korpolairud" in m.group(0)), "Polri")
        fields["reporting_unit"] = Extracted(unit, unit, -1, 0.7)
        fields["province"] = Extracted(None)
        fields["regency"] = Extracted(None)
    else:
        unit_match = units[0] if units else None
        unit = _clean_unit(unit_match.group(0)) if unit_match else None
        area = _resolve(unit) if unit else None
        province, regency, place_notes = find_place(text)
        notes.extend(place_notes)
        if area is not None and area.level == "province" and running:
            province = Extracted(default_gazetteer().by_code(area.province_code).name, unit, unit_match.start(), 0.85)
            regency = Extracted(None)
        scope = "regency" if regency.value else "province"
        fields["scope"] = Extracted(scope, unit or "", -1, 0.6)
        fields["reporting_unit"] = Extracted(unit, unit or "", unit_match.start() if unit_match else -1, 0.7)
        fields["province"] = province
        fields["regency"] = regency
    start, end = _period(sentences, (statement.date.year if statement and statement.date else None))
    if start.value is None and not running and event is not None and event.date is not None:
        start = end = Extracted(event.date, event.text.strip(), event.start, 0.75)
    if end.value is None and running and statement is not None and statement.date is not None:
        end = Extracted(statement.date, statement.text.strip(), statement.start, 0.6)
        notes.append("akhir periode = tanggal pernyataan / period end = statement date")
    fields["period_start"] = start
    fields["period_end"] = end
    fields["cumulative"] = Extracted("ya" if running else "tidak", "", -1, 0.6)
    announced = statement if statement is not None else event
    if announced is not None and announced.date is not None:
        fields["announced_date"] = Extracted(announced.date, announced.text.strip(), announced.start, 0.7)
    elif published:
        fields["announced_date"] = Extracted(published, "", -1, 0.5)
    return Draft("enforcement", fields, notes)


def find_figures(text: str, published: dt.date | None) -> list[Draft]:
    """Enforcement figures of a text as at most one draft (see :func:`enforcement_draft`)."""
    draft = enforcement_draft(text, 0, published)
    return [draft] if draft else []


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
        if re.search(keyword, chunk, re.I) and ORGANISING.search(chunk):
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
    body_start = headline_span(text)[1]
    kind = activity_type(text, body_start)
    figures_draft = enforcement_draft(text, body_start, published)
    if kind is not None and (kind.confidence >= 0.85 or figures_draft is None):
        drafts.append(_activity_draft(text, kind, published, source_url, source_name))
        if figures_draft is not None:
            figures_draft = enforcement_draft(text, body_start, published, need=2)
    if figures_draft is not None:
        figures_draft.fields["source_url"] = Extracted(source_url, "", -1, 1.0 if source_url else 0.0)
        figures_draft.fields["source_name"] = Extracted(source_name, "", -1, 1.0 if source_name else 0.0)
        drafts.append(figures_draft)
    if not drafts:
        return NewsResult([], "tidak ada kegiatan atau angka yang dikenali", "no activity or figure recognised")
    if truncated:
        for draft in drafts:
            draft.notes.append(
                f"hanya {ANALYSED_CHARS:,} karakter pertama dianalisis / only the first "
                f"{ANALYSED_CHARS:,} characters were analysed"
            )
    return NewsResult(drafts)


def _activity_draft(
    text: str, kind, published: dt.date | None, source_url: str | None, source_name: str | None
) -> Draft:
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
    province, regency, place_notes = find_place(text)
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
        "activity_type": Extracted(kind.key, kind.evidence, kind.start, kind.confidence),
        "title": _title(text, kind.key, organizer_name),
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
    return Draft("activities", fields, notes + place_notes)


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
