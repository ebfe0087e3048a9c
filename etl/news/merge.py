"""One event, one draft: drafts of the same event are merged listing every source, and drafts of an event the
store already holds are marked.

Same event is decided conservatively (a missed merge leaves staff a duplicate to reject; a wrong merge would
lose an event):

- **Activities**: both dated, at most ``MAX_DAYS_APART`` day apart; the same province (both known) and, when
  both name one, the same regency/city; activity types equal or compatible (``COMPATIBLE_TYPES``; "lainnya"
  goes with any); organizers similar when both are given (the distinctive words of one within the other's, the
  same kind of unit for the same area - "Polres Tanbu" and "Polres Tanah Bumbu" - or one among the other's
  partners). Titles are not compared: two outlets write two headlines. (``etl.analysis.events`` groups stored
  records of one event by exact date, place and title for counting; a draft is held to these rules instead.)
- **Enforcement**: the same scope and area (province, and regency when both known); reporting units similar when
  both given; the same period (end, and start when both known) or, without a period end, announcement dates at
  most ``MAX_DAYS_APART`` day apart; every figure both give is equal, and they share at least one.

A merged draft keeps one primary ``source_url`` (the first draft's that has one) and lists the others: in
``corroborating_urls`` for enforcement (an existing store column), in the notes as "sumber lain / other
sources: ..." for activities (which have no such column).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

import pandas as pd

from etl.gazetteer import PlaceError, default_gazetteer, normalize
from etl.news import TEMPLATE_FIELDS, Draft, drafts_to_csv
from etl.news.batch import ArticleResult, valid_url
from etl.parsing import ParseError, is_blank, parse_count, parse_date
from etl.schemas import COUNT_COLUMNS
from etl.vocab import ACTIVITY_TYPE_SYNONYMS, SCOPE_SYNONYMS

MAX_DAYS_APART = 1
COMPATIBLE_TYPES = ({"sosialisasi", "seminar"}, {"rakor", "mou"})
OTHER_SOURCES = "sumber lain / other sources"
_GENERIC = {
    "kantor",
    "kelas",
    "tpi",
    "non",
    "i",
    "ii",
    "iii",
    "iv",
    "kabupaten",
    "kab",
    "kota",
    "provinsi",
    "prov",
    "ri",
    "republik",
    "indonesia",
    "negara",
    "dan",
    "di",
    "dengan",
    "bersama",
    "the",
    "of",
}


@dataclass
class Source:
    """Where a draft came from: the article (file name) and its URL or written source name."""

    article: str
    url: str | None = None
    name: str | None = None

    def label(self) -> str:
        return self.url or self.name or self.article


@dataclass
class Evidence:
    article: str
    text: str
    start: int = -1


@dataclass
class QueueDraft:
    """A draft in the review queue: template fields (plain values), each field's confidence and evidence, every
    source, and - once known - the stored record it repeats and the rejection reason."""

    key: str
    kind: str
    record: dict[str, object]
    confidence: dict[str, float] = field(default_factory=dict)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)
    stored: str | None = None
    rejected: str | None = None

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(s.article for s in self.sources))


def _blank(value: object) -> bool:
    """None, NaN, NaT, <NA>, blank text or an empty list."""
    if isinstance(value, list | tuple | dict):
        return not value
    return is_blank(value) or bool(pd.isna(value))


def queue_draft(key: str, draft: Draft, article: str) -> QueueDraft:
    """One extracted draft as a queue entry (template fields only; the rest kept as evidence and confidence)."""
    row = draft.record(article)
    record = {name: row.get(name) for name in TEMPLATE_FIELDS[draft.kind]}
    record["notes"] = "; ".join(draft.notes) or None  # the extractor's notes, editable like every field
    evidence = {
        name: Evidence(article, f.evidence, f.start) for name, f in draft.fields.items() if f.evidence and f.start >= 0
    }
    confidence = {name: round(float(f.confidence), 2) for name, f in draft.fields.items()}
    source = Source(article, valid_url(record.get("source_url")), record.get("source_name") or None)
    return QueueDraft(key, draft.kind, record, confidence, evidence, [source])


def build_queue(results: list[ArticleResult]) -> list[QueueDraft]:
    """Every draft of a batch, drafts of one event merged (keys ``D1``, ``D2``, ... in article order)."""
    drafts = [queue_draft("", d, r.name) for r in results for d in r.drafts]
    return [_relabel(group, n) for n, group in enumerate(merge_drafts(drafts), start=1)]


def _relabel(draft: QueueDraft, number: int) -> QueueDraft:
    draft.key = f"D{number}"
    return draft


def merge_drafts(drafts: list[QueueDraft]) -> list[QueueDraft]:
    """Drafts grouped by event (a draft joins a group only when it is the same event as every member), each
    group merged into one draft."""
    groups: list[list[tuple[QueueDraft, _Facts]]] = []
    for draft in drafts:
        facts = facts_of(draft.kind, draft.record)
        for group in groups:
            if all(same_event(facts, other) for _, other in group):
                group.append((draft, facts))
                break
        else:
            groups.append([(draft, facts)])
    return [_merged([d for d, _ in group]) for group in groups]


def _merged(members: list[QueueDraft]) -> QueueDraft:
    if len(members) == 1:
        return members[0]
    primary = next((d for d in members if valid_url(d.record.get("source_url"))), members[0])
    others = [d for d in members if d is not primary]
    merged = QueueDraft(
        primary.key,
        primary.kind,
        dict(primary.record),
        dict(primary.confidence),
        dict(primary.evidence),
        list(primary.sources),
    )
    notes = [n for n in str(primary.record.get("notes") or "").split("; ") if n]
    for other in others:
        for name, value in other.record.items():
            if name in ("notes", "source_url", "source_name"):
                continue
            mine = merged.record.get(name)
            if _blank(mine) and not _blank(value):
                merged.record[name] = value
                merged.confidence[name] = other.confidence.get(name, 0.0)
                if name in other.evidence:
                    merged.evidence[name] = other.evidence[name]
            elif name in ("partners", "pillar") and not _blank(value):
                merged.record[name] = _union(mine, value)
            elif name in ("date", "period_end", "announced_date") and not _blank(value) and value != mine:
                notes.append(f"{name} {value} menurut / according to {other.articles[0]}")
        for source in other.sources:
            if all(source.label() != s.label() for s in merged.sources):
                merged.sources.append(source)
        notes.extend(n for n in str(other.record.get("notes") or "").split("; ") if n and n not in notes)
    merged.record["notes"] = "; ".join(notes) or None
    return merged


def _union(a: object, b: object) -> str:
    items: dict[str, str] = {}
    for value in (a, b):
        for item in str(value or "").split(";"):
            if item.strip():
                items.setdefault(normalize(item), item.strip())
    return "; ".join(items.values())


@dataclass(frozen=True)
class _Facts:
    """What the same-event rules compare, normalised (place codes, vocabulary keys, dates, counts)."""

    kind: str
    date: dt.date | None = None
    province: str | None = None
    regency: str | None = None
    activity_type: str | None = None
    organizer: str | None = None
    partners: tuple[str, ...] = ()
    scope: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    figures: tuple[tuple[str, int], ...] = ()


def _date(value: object) -> dt.date | None:
    if _blank(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    try:
        parsed = parse_date(value)
    except ParseError:
        return None
    return parsed.start if parsed is not None and parsed.precision == "day" else None


def _place(name: object, level: str) -> tuple[str | None, str | None]:
    """(province code, regency code) of a place name or code; (None, None) when blank or unknown."""
    if _blank(name):
        return None, None
    try:
        place = default_gazetteer().resolve(str(name))
    except PlaceError:
        return None, None
    if place.level == "regency":
        return place.province_code, place.code if level == "regency" else None
    return place.code, None


def _text(value: object) -> str | None:
    return None if _blank(value) else str(value).strip()


def facts_of(kind: str, record: dict) -> _Facts:
    """The same-event facts of a draft record (names) or a stored row (codes)."""
    province, _ = _place(_first_present(record, "province_code", "province"), "province")
    regency_province, regency = _place(_first_present(record, "regency_code", "regency"), "regency")
    province = province or regency_province
    if kind == "activities":
        raw_type = _text(record.get("activity_type"))
        return _Facts(
            kind,
            date=_date(record.get("date")),
            province=province,
            regency=regency,
            activity_type=ACTIVITY_TYPE_SYNONYMS.get(normalize(raw_type), raw_type) if raw_type else None,
            organizer=_text(record.get("organizer")),
            partners=tuple(p.strip() for p in str(record.get("partners") or "").split(";") if p.strip()),
        )
    figures = []
    for name in COUNT_COLUMNS["enforcement"]:
        if _blank(record.get(name)):
            continue
        try:
            value = parse_count(record.get(name))
        except ParseError:
            continue
        if value is not None:
            figures.append((name, value))
    raw_scope = _text(record.get("scope"))
    scope = SCOPE_SYNONYMS.get(normalize(raw_scope), raw_scope) if raw_scope else None
    if scope is None:
        scope = "regency" if regency else ("province" if province else "national")
    return _Facts(
        kind,
        date=_date(record.get("announced_date")),
        province=province,
        regency=regency,
        organizer=_text(record.get("reporting_unit")),
        scope=scope,
        period_start=_date(record.get("period_start")),
        period_end=_date(record.get("period_end")),
        figures=tuple(figures),
    )


def _close(a: dt.date | None, b: dt.date | None) -> bool:
    return a is not None and b is not None and abs((a - b).days) <= MAX_DAYS_APART


def _same_area(a: _Facts, b: _Facts) -> bool:
    if a.regency and b.regency and a.regency != b.regency:
        return False
    return a.province == b.province


def _types_compatible(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    if a == b or "lainnya" in (a, b):
        return True
    return any({a, b} <= pair for pair in COMPATIBLE_TYPES)


def _words(name: str) -> set[str]:
    return {w for w in normalize(name).split() if w not in _GENERIC and len(w) > 1}


def _unit_key(name: str) -> tuple[str, str] | None:
    """(first word, area code) of a unit named after its area ("Polres Tanbu" -> ("polres", "63.10"))."""
    words = normalize(name).split()
    if len(words) < 2:
        return None
    try:
        place = default_gazetteer().resolve(" ".join(words[1:]))
    except PlaceError:
        return None
    return words[0], place.code


def similar_units(a: str, b: str) -> bool:
    """Two names of one agency: one's distinctive words within the other's (at least 60 % of the shorter name's
    words shared), or the same kind of unit for the same area."""
    words_a, words_b = _words(a), _words(b)
    if words_a and words_b and len(words_a & words_b) / min(len(words_a), len(words_b)) >= 0.6:
        return True
    key_a, key_b = _unit_key(a), _unit_key(b)
    return key_a is not None and key_a == key_b


def _organizers_agree(a: _Facts, b: _Facts) -> bool:
    if not a.organizer or not b.organizer:
        return True
    if similar_units(a.organizer, b.organizer):
        return True
    return any(similar_units(a.organizer, p) for p in b.partners) or any(
        similar_units(b.organizer, p) for p in a.partners
    )


def same_event(a: _Facts, b: _Facts) -> bool:
    """The module's same-event rules for two drafts, or a draft and a stored row."""
    if a.kind != b.kind or not _same_area(a, b):
        return False
    if a.kind == "activities":
        return (
            a.province is not None
            and _close(a.date, b.date)
            and _types_compatible(a.activity_type, b.activity_type)
            and _organizers_agree(a, b)
        )
    if a.scope != b.scope or (a.scope != "national" and a.province is None):
        return False
    if a.organizer and b.organizer and not similar_units(a.organizer, b.organizer):
        return False
    if a.period_end or b.period_end:
        if a.period_end != b.period_end:
            return False
        if a.period_start and b.period_start and a.period_start != b.period_start:
            return False
    elif not _close(a.date, b.date):
        return False
    figures_a, figures_b = dict(a.figures), dict(b.figures)
    shared = figures_a.keys() & figures_b.keys()
    return bool(shared) and all(figures_a[k] == figures_b[k] for k in shared)


def mark_stored(queue: list[QueueDraft], activities: pd.DataFrame, enforcement: pd.DataFrame) -> None:
    """Set ``stored`` on each draft whose event a stored record already holds (a description of that record)."""
    frames = {"activities": activities, "enforcement": enforcement}
    for draft in queue:
        facts = facts_of(draft.kind, draft.record)
        frame = frames[draft.kind]
        if frame is None or frame.empty:
            continue
        for row in _candidates(facts, frame).to_dict("records"):
            if same_event(facts, facts_of(draft.kind, row)):
                draft.stored = _describe(draft.kind, row)
                break


def _candidates(facts: _Facts, frame: pd.DataFrame) -> pd.DataFrame:
    """Stored rows worth comparing (same date window, or same period end) - a quick cut before the rules."""
    if facts.kind == "activities":
        if facts.date is None:
            return frame.iloc[0:0]
        day = pd.Timestamp(facts.date)
        dates = pd.to_datetime(frame["date"])
        window = pd.Timedelta(days=MAX_DAYS_APART)
        return frame[(dates >= day - window) & (dates <= day + window)]
    if facts.period_end is not None:
        return frame[pd.to_datetime(frame["period_end"]) == pd.Timestamp(facts.period_end)]
    if facts.date is None:
        return frame.iloc[0:0]
    day, window = pd.Timestamp(facts.date), pd.Timedelta(days=MAX_DAYS_APART)
    announced = pd.to_datetime(frame["announced_date"])
    return frame[(announced >= day - window) & (announced <= day + window)]


def _first_present(row: dict, *names: str) -> object:
    return next((row[n] for n in names if n in row and not _blank(row[n])), None)


def _describe(kind: str, row: dict) -> str:
    ref = _first_present(row, "record_ref") or f"id {row.get('id')}"
    when = _date(
        _first_present(row, "date") if kind == "activities" else _first_present(row, "period_end", "announced_date")
    )
    what = _first_present(row, "title" if kind == "activities" else "reporting_unit")
    source = _first_present(row, "source_url", "source_name")
    parts = [str(ref), when.isoformat() if when else "", str(what or ""), str(source or "")]
    return " · ".join(p for p in parts if p)


def source_problems(drafts: list[QueueDraft]) -> list[tuple[str, str, str]]:
    """(draft key, message_id, message_en) for each draft without a valid source URL or a written source name."""
    problems = []
    for draft in drafts:
        url, name = draft.record.get("source_url"), draft.record.get("source_name")
        if not _blank(url) and valid_url(url) is None:
            problems.append(
                (
                    draft.key,
                    "URL sumber tidak sah (harus diawali http:// atau https://)",
                    "invalid source URL (must start with http:// or https://)",
                )
            )
        elif _blank(url) and _blank(name):
            problems.append(
                (
                    draft.key,
                    "URL sumber wajib; jika tidak ada, tulis alasannya di nama sumber",
                    "a source URL is required; if there is none, write the reason as the source name",
                )
            )
    return problems


def commit_records(drafts: list[QueueDraft]) -> list[dict]:
    """The records to upload: the reviewed fields, the extractor's notes and every other source."""
    records = []
    for draft in drafts:
        record = dict(draft.record)
        primary = _text(record.get("source_url")) or _text(record.get("source_name"))
        rest = [s for s in draft.sources[1:] if s.label() != primary]  # the first source is the draft's own
        others = [s.label() for s in rest if s.label() != s.article]
        unnamed = [s.article for s in rest if s.label() == s.article]
        notes = [n for n in (_text(record.get("notes")),) if n]
        if draft.kind == "enforcement":
            urls = [o for o in others if valid_url(o)]
            if urls:
                record["corroborating_urls"] = "; ".join(urls)
            others = [o for o in others if not valid_url(o)]
        if others or unnamed:
            notes.append(f"{OTHER_SOURCES}: " + "; ".join([*others, *(f"{a} (tanpa URL / no URL)" for a in unnamed)]))
        record["notes"] = "; ".join(dict.fromkeys(notes)) or None
        records.append(record)
    return records


def upload_csv(drafts: list[QueueDraft], kind: str) -> bytes:
    """Approved drafts of one kind as a template CSV (``drafts_to_csv``), plus ``corroborating_urls`` for
    enforcement, for the normal validation, preview and batch commit."""
    records = commit_records([d for d in drafts if d.kind == kind])
    payload = drafts_to_csv(records, kind)
    if kind != "enforcement" or not any(r.get("corroborating_urls") for r in records):
        return payload
    rows = list(csv.reader(io.StringIO(payload.decode("utf-8"), newline="")))
    rows[0].append("corroborating_urls")
    for row, record in zip(rows[1:], records, strict=True):
        row.append(record.get("corroborating_urls") or "")
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def apply_edits(drafts: list[QueueDraft], edited: pd.DataFrame) -> None:
    """Write reviewed values back into the drafts: ``edited`` has a ``key`` column and template columns;
    blank cells become None, everything else plain text (validation parses it at upload)."""
    by_key = {d.key: d for d in drafts}
    for row in edited.to_dict("records"):
        draft = by_key.get(row.get("key"))
        if draft is None:
            continue
        for name in TEMPLATE_FIELDS[draft.kind]:
            if name in row:
                value = row[name]
                draft.record[name] = None if _blank(value) else str(value).strip()
