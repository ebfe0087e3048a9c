"""Score the news extractor against hand-labelled articles (``python -m etl news-eval DIR``).

``DIR`` holds ``articles/*.txt`` and ``labels.csv`` in the ``news-dev`` format (``file, url, kind,
event_date, province, regency_or_city, activity_type, organizer, cases, suspects,
victims_rescued, notes``). A field counts as found when some draft from that article carries the
labelled value, the measure the intake issue was written against:

- province, regency/city: labelled places of activity and enforcement articles, compared by code;
- activity type: activity articles;
- date: labelled event dates; an activity's date, or an enforcement draft's period start, period
  end or announcement date. Articles labelled without a date (the text gives no year) count as
  "invented" when a draft carries any date;
- figures: each labelled count (cases match ``cases`` or ``police_reports``);
- refused: ``other`` and ``offtopic`` articles that give no draft at all.

``half`` splits the set by file number (odd = "a", even = "b") so that rules can be developed on
one half and reported on the other, untouched.
"""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass, field
from pathlib import Path

from etl.gazetteer import PlaceError, default_gazetteer
from etl.news.extract import Draft, extract

FIELDS = ("province", "regency", "activity_type", "date", "figures", "refused")
FIGURES = ("cases", "suspects", "victims_rescued")
TARGETS = {
    "province": 0.95,
    "regency": 0.85,
    "activity_type": 0.92,
    "date": 0.90,
    "figures": 0.90,
    "refused": 0.90,
}


@dataclass
class Score:
    """Per-field found/total, the misses (file, expected, got) and timing."""

    found: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: dict[str, list[tuple[str, str, str]]] = field(default_factory=lambda: {f: [] for f in FIELDS})
    invented_dates: list[str] = field(default_factory=list)
    undated: int = 0
    articles: int = 0
    seconds: float = 0.0
    slowest: float = 0.0

    def add(self, name: str, file: str, ok: bool, expected: object, got: object) -> None:
        self.total[name] += 1
        if ok:
            self.found[name] += 1
        else:
            self.misses[name].append((file, str(expected), str(got)))

    def as_dict(self) -> dict:
        return {
            "articles": self.articles,
            "fields": {
                f: {
                    "found": self.found[f],
                    "total": self.total[f],
                    "share": round(self.found[f] / self.total[f], 3) if self.total[f] else None,
                    "target": TARGETS[f],
                }
                for f in FIELDS
            },
            "invented_dates": {"count": len(self.invented_dates), "of": self.undated, "files": self.invented_dates},
            "seconds_total": round(self.seconds, 3),
            "seconds_slowest": round(self.slowest, 3),
            "misses": {f: [list(m) for m in self.misses[f]] for f in FIELDS},
        }


def _code(name: str | None, level: str) -> str | None:
    if not name:
        return None
    try:
        return default_gazetteer().resolve(name, level=level).code  # type: ignore[arg-type]
    except PlaceError:
        return None


def _values(drafts: list[Draft], *names: str) -> list[object]:
    out = []
    for draft in drafts:
        for name in names:
            extracted = draft.fields.get(name)
            if extracted is not None and extracted.value not in (None, "", []):
                value = extracted.value
                out.append(value.isoformat() if hasattr(value, "isoformat") else value)
    return out


def _dates(drafts: list[Draft]) -> list[object]:
    out = []
    for draft in drafts:
        names = ("date",) if draft.kind == "activities" else ("period_start", "period_end", "announced_date")
        out.extend(_values([draft], *names))
    return out


def select(rows: list[dict], half: str) -> list[dict]:
    """Rows of one half ("a": odd file numbers, "b": even) or all of them."""
    if half == "all":
        return rows
    parity = 1 if half == "a" else 0
    return [r for r in rows if int("".join(ch for ch in r["file"] if ch.isdigit()) or 0) % 2 == parity]


def evaluate(directory: Path, half: str = "all") -> Score:
    """Run the extractor on every labelled article of ``directory`` and score it."""
    with (directory / "labels.csv").open(encoding="utf-8", newline="") as handle:
        rows = select(list(csv.DictReader(handle)), half)
    score = Score()
    for row in rows:
        text = (directory / "articles" / row["file"]).read_text(encoding="utf-8", errors="replace")
        started = time.perf_counter()
        drafts = extract(text, source_url=row.get("url") or None).drafts
        took = time.perf_counter() - started
        score.seconds += took
        score.slowest = max(score.slowest, took)
        score.articles += 1
        file, kind = row["file"], row["kind"]
        if kind not in ("activity", "enforcement"):
            score.add("refused", file, not drafts, "no draft", f"{len(drafts)} draft(s)")
            continue
        if row["province"]:
            want = _code(row["province"], "province")
            got = [_code(v, "province") for v in _values(drafts, "province")]
            score.add("province", file, want in got, row["province"], _values(drafts, "province"))
        if row["regency_or_city"]:
            want = _code(row["regency_or_city"], "regency")
            got = [_code(v, "regency") for v in _values(drafts, "regency")]
            score.add("regency", file, want in got, row["regency_or_city"], _values(drafts, "regency"))
        if kind == "activity" and row["activity_type"]:
            got = _values([d for d in drafts if d.kind == "activities"], "activity_type")
            score.add("activity_type", file, row["activity_type"] in got, row["activity_type"], got)
        dates = _dates(drafts)
        if row["event_date"]:
            score.add("date", file, row["event_date"] in dates, row["event_date"], dates)
        else:
            score.undated += 1
            if dates:
                score.invented_dates.append(file)
        enforcement = [d for d in drafts if d.kind == "enforcement"]
        for name in FIGURES:
            if row[name]:
                names = ("cases", "police_reports") if name == "cases" else (name,)
                got = _values(enforcement, *names)
                score.add("figures", file, int(row[name]) in got, f"{name}={row[name]}", got)
    return score


def report(score: Score, title: str = "") -> str:
    """Plain-text table: field, found/total, share, target; then the misses."""
    lines = [title] if title else []
    lines.append(f"{'field':<15}{'found':>8}{'share':>8}{'target':>8}")
    for name in FIELDS:
        total = score.total[name]
        share = score.found[name] / total if total else 0.0
        mark = "" if share >= TARGETS[name] else "  < target"
        lines.append(f"{name:<15}{score.found[name]:>4}/{total:<3}{share:>8.0%}{TARGETS[name]:>8.0%}{mark}")
    lines.append(
        f"dates invented where the text gives no year: {len(score.invented_dates)}/{score.undated}"
        + (f" ({', '.join(score.invented_dates)})" if score.invented_dates else "")
    )
    lines.append(f"{score.articles} articles in {score.seconds:.2f} s (slowest {score.slowest * 1000:.0f} ms)")
    for name in FIELDS:
        for file, expected, got in score.misses[name]:
            lines.append(f"  miss {name:<13} {file}: expected {expected}; got {got}")
    return "\n".join(lines)
