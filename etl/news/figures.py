"""Enforcement figures stated in a news text: police reports, cases, suspects, victims rescued.

Indonesian number grammar: ``1.006`` is one thousand and six, ``2.149`` two thousand one hundred
forty-nine; small counts are often words (``dua tersangka``, ``empat korban``), sometimes both
(``3 (tiga) orang``). Vague amounts (``puluhan``, ``belasan``) are not numbers and are skipped.

What counts as what:

- ``police_reports``: "laporan polisi" / "LP";
- ``cases``: "kasus" / "perkara" of the trafficking itself;
- ``suspects``: "tersangka", or perpetrators arrested ("pelaku", "mucikari" with an arrest
  verb); wanted persons (DPO) are not suspects;
- ``victims_rescued``: victims only when the sentence says rescued or sent home
  ("diselamatkan", "menyelamatkan", "penyelamatan", "dipulangkan"); victims "diamankan" (secured),
  found or counted are not rescued.

The body outranks the headline, and the first statement of a measure (the total) outranks later
breakdowns (``Polres A satu kasus, Polres B dua kasus``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER_WORDS = {
    "satu": 1,
    "se": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
    "sepuluh": 10,
    "sebelas": 11,
    "seratus": 100,
    "seribu": 1000,
}
_DIGITS = r"\d{1,3}(?:\.\d{3})+(?!\d)|\d+(?![.,]\d)"
_UNITS = "satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan"
_WORDS = (
    rf"(?:(?:dua|tiga|empat|lima|enam|tujuh|delapan|sembilan)\s+(?:belas|puluh(?:\s+(?:{_UNITS}))?)|{_UNITS}|"
    r"sepuluh|sebelas|seorang|kedua|ketiga|keempat|kelima|keenam)"
)
NUMBER = rf"(?P<num>{_DIGITS}|{_WORDS})(?:\s*\((?:{_WORDS}|{_DIGITS})\))?"
_PEOPLE = (
    r"(?:orang\s+)?(?:perempuan|wanita|anak|warga|pekerja migran(?: Indonesia)?|PMI|CPMI|"
    r"calon (?:pekerja migran|PMI)|TKI|TKW|korban|orang)"
)
METRIC_PATTERNS: dict[str, list[str]] = {
    "police_reports": [
        rf"{NUMBER}\s+(?:laporan polisi|LP)\b",
        r"(?:laporan polisi|LP)\s+(?:sebanyak|berjumlah)\s+" + NUMBER,
    ],
    "cases": [
        rf"{NUMBER}\s+(?:kasus|perkara)\b",
        rf"\b(?:kasus|perkara)\s+(?:TPPO\s+)?(?:sebanyak|berjumlah|mencapai)\s+{NUMBER}",
        rf"\b(?:mengungkap|ungkap|pengungkapan)\s+(?:kasus|perkara)\s+(?:TPPO\s+)?(?:sebanyak\s+)?{NUMBER}",
    ],
    "suspects": [
        rf"{NUMBER}\s+(?:orang\s+)?(?:tersangka|pelaku|mucikari)\b",
        rf"\btersangka\s+(?:sebanyak\s+|berjumlah\s+|ada\s+)?{NUMBER}(?:\s+orang)?\b",
        rf"\b(?:menangkap|mengamankan|menciduk|membekuk|meringkus)\s+{NUMBER}\s+orang\b",
    ],
    "victims_rescued": [
        rf"\b(?:menyel[ae]\w*|selamatkan|memulangkan)\s+(?:sebanyak\s+)?{NUMBER}\s+{_PEOPLE}",
        rf"{NUMBER}\s+{_PEOPLE}(?:\s+\w+){{0,8}}?\s+(?:berhasil\s+)?(?:diselamatkan|dipulangkan|terselamatkan)",
        rf"\bkorban\s+(?:yang\s+)?(?:berhasil\s+)?diselamatkan\s+(?:sebanyak\s+|berjumlah\s+)?{NUMBER}",
        rf"\bpenyelamatan\s+(?:terhadap\s+)?{NUMBER}\s+{_PEOPLE}",
        rf"\b(?:{NUMBER})\s+{_PEOPLE}\s+yang\s+(?:bisa|berhasil|dapat)\s+(?:kita\s+|kami\s+)?selamatkan",
    ],
}
_COMPILED = {k: [re.compile(p, re.IGNORECASE) for p in v] for k, v in METRIC_PATTERNS.items()}
_NOT_A_COUNT = re.compile(r"^\s*(?:tahun|persen|%|juta|miliar|triliun|ribu|hari|bulan|jam|km|kg)\b", re.I)
_DPO = re.compile(r"\bDPO\b|daftar pencarian orang|buron", re.I)
_BREAKDOWN = re.compile(r"\b(?:rincian|terdiri|masing-masing|yakni|antara lain)\b", re.I)


@dataclass(frozen=True)
class Figure:
    """One stated count: measure, value, the words it was read from and where."""

    metric: str
    value: int
    evidence: str
    start: int
    confidence: float


def to_int(raw: str) -> int | None:
    """``2.149`` -> 2149, ``dua`` -> 2, ``dua belas`` -> 12, ``tiga puluh dua`` -> 32, ``kedua`` -> 2."""
    raw = raw.strip().lower()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw):
        return int(raw.replace(".", ""))
    if raw.isdigit():
        return int(raw)
    raw = {"seorang": "satu"}.get(raw, raw)
    if raw.startswith("ke") and raw[2:] in NUMBER_WORDS:
        return NUMBER_WORDS[raw[2:]]
    parts = raw.split()
    if len(parts) >= 2 and parts[1] == "belas":
        return NUMBER_WORDS.get(parts[0], 0) + 10 if parts[0] in NUMBER_WORDS else None
    if len(parts) >= 2 and parts[1] == "puluh":
        tens = NUMBER_WORDS.get(parts[0])
        units = NUMBER_WORDS.get(parts[2], 0) if len(parts) > 2 else 0
        return tens * 10 + units if tens else None
    return NUMBER_WORDS.get(raw)


def _sentences(text: str) -> list[tuple[int, str]]:
    out = []
    for match in re.finditer(r"[^.!?\n]+(?:\.(?=\d)[^.!?\n]*)*[.!?]?", text):
        out.append((match.start(), match.group(0)))
    return out


def find_figures(text: str, body_start: int = 0) -> dict[str, Figure]:
    """The first stated value of each measure in the body (the headline only as a fallback)."""
    body: dict[str, Figure] = {}
    head: dict[str, Figure] = {}
    for offset, sentence in _sentences(text):
        breakdown = bool(_BREAKDOWN.search(sentence))
        for metric, patterns in _COMPILED.items():
            target = body if offset >= body_start else head
            if metric in target:
                continue
            for pattern in patterns:
                match = pattern.search(sentence)
                if not match:
                    continue
                after = sentence[match.end("num") :]
                if _NOT_A_COUNT.match(after):
                    continue
                if metric == "suspects" and _DPO.search(sentence[match.start() : match.end() + 60]):
                    continue
                if sentence[: match.start("num")].rstrip().lower().endswith("rp"):
                    continue
                value = to_int(match.group("num"))
                if value is None:
                    continue
                confidence = 0.6 if breakdown else 0.85
                target[metric] = Figure(metric, value, match.group(0), offset + match.start(), confidence)
                break
    return {**head, **body}


_RUNNING = re.compile(
    r"\b(?:sejak|selama|periode|kurun waktu|hingga|sampai dengan|s\.?d\.?|total|jumlah keseluruhan|sepanjang)\b",
    re.IGNORECASE,
)


def is_running_total(text: str, figures: dict[str, Figure]) -> bool:
    """A recap over a period ("selama periode 2022-2025", "sejak 5 Juni") rather than one operation."""
    for figure in figures.values():
        left = max(text.rfind("\n", 0, figure.start), 0)
        sentence = text[left : figure.start + 200]
        if _RUNNING.search(sentence):
            return True
    return False
