"""What an article reports: a prevention activity (and its type), enforcement figures, or neither.

The type comes from the sentence that reports the event being held (an organising verb:
"menggelar", "digelar", "melaksanakan", "berlangsung" ...), not from the first keyword anywhere:
headlines and background paragraphs name other things ("sosialisasi" as a wish, "patroli" as a
programme). A formal title ("bertajuk Rapat Koordinasi ...") outranks the word the reporter used
for it; the body outranks the headline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ACTIVITY_TYPES: list[tuple[str, str]] = [
    (
        "mou",
        r"\bnota kesep(?:ahaman|akatan)\b|\bMoU\b|\bperjanjian kerja ?sama\b|\bPKS\b|\bpenandatanganan kerja ?sama\b",
    ),
    ("patroli_siber", r"\bpatroli (?:siber|cyber)\b|\bcyber patrol\b"),
    (
        "pengawasan",
        r"\bpengawasan (?:terhadap |ke )?(?:LPK|P3MI|BLKLN|perusahaan|lembaga|tempat|penampungan)\b|"
        r"\binspeksi mendadak\b|\bsidak\b|\bmonitoring (?:LPK|P3MI|perusahaan)\b",
    ),
    ("pelatihan", r"\bpelatihan\b|\bbimtek\b|\bbimbingan teknis\b|\bworkshop\b|\blokakarya\b|\btraining\b"),
    ("seminar", r"\bseminar\b|\bwebinar\b|\bdiskusi publik\b|\btalk ?show\b|\bdialog publik\b|\bFGD\b|\bdiskusi\b"),
    (
        "rakor",
        r"\brapat koordinasi\b|\brakor\b|\bpertemuan koordinasi\b|\bkoordinasi lintas\b|"
        r"\b(?:rapat|pertemuan)\s+(?:\w+\s+){0,3}gugus tugas\b|\brapat\b",
    ),
    (
        "sosialisasi",
        r"\bsosialisasi\b|\bpenyuluhan\b|\bpenerangan hukum\b|\bedukasi\b|\bkampanye\b|\bmasuk sekolah\b|"
        r"\bgoes to (?:school|campus)\b",
    ),
    (
        "lainnya",
        r"\bdesa binaan\b|\bperingatan hari\b|\bhari dunia anti\b|\bdeklarasi\b|\bpencanangan\b|\bpeluncuran\b|"
        r"\blaunching\b|\bapel\b",
    ),
]
_TYPE_RE = [(key, re.compile(pattern, re.IGNORECASE)) for key, pattern in ACTIVITY_TYPES]
ORGANISING = re.compile(
    r"\b(?:menggelar|gelar|digelar|menyelenggarakan|diselenggarakan|melaksanakan|laksanakan|dilaksanakan|"
    r"mengadakan|adakan|diadakan|berlangsung|menjalin|menandatangani|ditandatangani|penandatanganan|"
    r"meneken|teken|memberikan|menjadi narasumber|hadir|dihadiri|membuka|dibuka|melakukan|mengikuti|"
    r"menetapkan|meresmikan|bertempat)\b",
    re.IGNORECASE,
)
_TITLE = re.compile(r"\b(?:bertajuk|bertema|berjudul|dengan tema|mengusung tema|tajuk)\b", re.IGNORECASE)
ENFORCEMENT_CONTEXT = re.compile(
    r"\b(?:tersangka|ditangkap|menangkap|mengungkap|ungkap|pengungkapan|diungkap|dibongkar|membongkar|"
    r"menggagalkan|digagalkan|meringkus|diringkus|membekuk|menciduk|laporan polisi|Satgas TPPO|penyidik\w*)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TypeChoice:
    """The activity type, the words it was read from, where, and how sure the rule is."""

    key: str
    evidence: str
    start: int
    confidence: float


def _types_in(chunk: str) -> list[tuple[int, str, re.Match]]:
    found = []
    for key, pattern in _TYPE_RE:
        for match in pattern.finditer(chunk):
            found.append((match.start(), key, match))
    found.sort(key=lambda f: (f[0], [k for k, _ in ACTIVITY_TYPES].index(f[1])))
    return found


def _sentences(text: str, start: int) -> list[tuple[int, str]]:
    return [(start + m.start(), m.group(0)) for m in re.finditer(r"[^.!?\n]+[.!?]?", text[start:])]


def activity_type(text: str, body_start: int) -> TypeChoice | None:
    """The type of the activity the article reports, or None when no sentence reports one being held."""
    for offset, sentence in _sentences(text, body_start):
        title = _TITLE.search(sentence)
        if title:
            found = _types_in(sentence[title.end() : title.end() + 120])
            if found:
                position, key, match = found[0]
                return TypeChoice(key, match.group(0), offset + title.end() + position, 0.9)
    for offset, sentence in _sentences(text, body_start):
        verb = ORGANISING.search(sentence)
        if not verb:
            continue
        found = _types_in(sentence)
        if found:
            # the type named nearest the organising verb
            position, key, match = min(found, key=lambda f: abs(f[0] - verb.start()))
            return TypeChoice(key, match.group(0), offset + position, 0.85)
    head = _types_in(text[:body_start])
    if head:
        position, key, match = head[0]
        return TypeChoice(key, match.group(0), position, 0.6)
    return None
