"""Where an article's event happened: every place mention, weighed by the role it plays.

A news text names many places: the venue, the dateline, the organizing unit's area, the victims'
home towns, the destination abroad, places in other stories. Each mention of a province, regency
or city (official names, the alias table, ``data/reference/towns.csv`` for towns and common
abbreviations) gets a weight from its role:

- dateline ("TARAKAN -", "Palu, KemenP2MI (7/11) -") and venue ("bertempat di ...", "di Aula ...
  Trenggalek", "di Kabupaten X") count most;
- the area a unit names ("Polres Tarakan", "Pemkab OKU Selatan", "Dinas ... Kabupaten Banjar");
- the headline, then plain mentions, later ones less;
- origins and destinations ("asal Kupang", "ke Malaysia", "berasal dari") hardly count.

The province is the one with the most weight (a regency's weight counts for its province); the
regency or city is the heaviest one inside that province, and only when it was named as such or
in a strong role. A name shared by a kabupaten and a kota ("Kupang") stays empty unless the text
says which.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from etl import config
from etl.gazetteer import Place, PlaceError, default_gazetteer, normalize

WEIGHTS = {"dateline": 5.0, "venue": 4.0, "unit": 3.0, "plain": 1.0, "origin": 0.15}
HEADLINE_BONUS = 1.5
LATE_FACTOR = 0.6  # mentions after the lead count less
LEAD_CHARS = 1500

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_UNIT = re.compile(
    r"\b(?:Polres|Polresta|Polrestabes|Polda|Polsek|Kapolres|Kapolresta|Kapolda|Mapolres|Mapolda|Satreskrim|"
    r"Pemkab|Pemkot|Pemprov|Pemerintah|Imigrasi|Kanim|Kanwil|Kejari|Kejati|Kejaksaan|Dinas|Sudin|Suku Dinas|"
    r"Bupati|Wali ?[Kk]ota|Walikota|Gubernur|Sekda|Sekretaris Daerah|DPRD|BP3MI|BP2MI|Ombudsman|Bappeda|UPTD|"
    r"P2TP2A|DP3A\w*|Disnaker\w*|Kodim|Kemenag|Kementerian Agama|Balai|Universitas|Fakultas|Kampus)\b"
    r"[^.\n;]{0,60}$"
)
_VENUE = re.compile(
    r"\b(?:[Bb]ertempat|berlangsung|digelar|dilaksanakan|diadakan|diselenggarakan|dipusatkan)?\s*\bdi\s+"
    r"(?:(?:[A-Z][\w.'’/,-]*|dan|and|&|de|ke|\d+,?|daerah|kawasan|wilayah|jalan|kecamatan|desa|kelurahan)\s+){0,10}$"
)
_ORIGIN = re.compile(
    r"\b(?:asal|berasal dari|dari|ke|menuju|tujuan|warga|dikirim ke|diberangkatkan ke|pulang ke|negara)\s+"
    r"(?:[A-Z][\w'’-]*\s+){0,2}$"
)
_TYPE_HINT = re.compile(
    r"\b(Kabupaten|Kab\.?|Pemkab|Bupati|Polres|Kota|Pemkot|Wali ?[Kk]ota|Walikota|Polresta|Polrestabes|"
    r"Provinsi|Prov\.?|Pemprov|Gubernur|Polda|Kapolda)\s*$"
)
_KOTA_HINTS = {"kota", "pemkot", "wali kota", "walikota", "polresta", "polrestabes"}
_KAB_HINTS = {"kabupaten", "kab", "kab.", "pemkab", "bupati", "polres"}
_PROVINCE_HINTS = {"provinsi", "prov", "prov.", "pemprov", "gubernur", "polda", "kapolda"}
_STOP = {"indonesia", "selatan", "utara", "barat", "timur", "tengah", "kota", "kabupaten", "raya", "baru"}


@dataclass(frozen=True)
class Mention:
    """One place named in the text: candidates (same name, several places), role, weight, span."""

    places: tuple[Place, ...]
    role: str
    weight: float
    start: int
    end: int
    text: str
    typed: bool  # "Kabupaten X" / "Kota X" / "Polres X": the text says which kind of area


@dataclass(frozen=True)
class PlaceChoice:
    """The chosen province and regency/city with the mention each came from and a confidence."""

    province: Place | None
    regency: Place | None
    province_mention: Mention | None
    regency_mention: Mention | None
    confidence: float
    notes: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def lexicon() -> dict[str, tuple[tuple[Place, str | None], ...]]:
    """Normalised name -> (place, kabupaten/kota or None) for provinces, regency stems, aliases, towns."""
    gazetteer = default_gazetteer()
    found: dict[str, list[tuple[Place, str | None]]] = defaultdict(list)
    for stem, entries in gazetteer._by_stem.items():
        if stem in _STOP or len(stem) < 3:
            continue
        for entry in entries:
            found[stem].append((entry.place, entry.regency_type))
    for alias, entries in gazetteer.aliases.items():
        for entry in entries:
            found[alias].append((entry.place, entry.regency_type))
    with (config.REFERENCE_DIR / "towns.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            place = gazetteer.resolve(row["target"], level=row["level"])  # type: ignore[arg-type]
            kind = "kota" if place.name.startswith("Kota") else "kabupaten"
            found[normalize(row["town"])].append((place, kind))
    return {key: tuple(dict.fromkeys(value)) for key, value in found.items()}


def dateline_span(text: str) -> tuple[int, int] | None:
    """The dateline at the head of the body ("TARAKAN -", "Palu, Outlet (7/11) -"), as a text span."""
    offset = 0
    for number, line in enumerate(text.splitlines(keepends=True)):
        if number > 14 or offset > 2500:
            break
        match = re.match(r"^\W{0,3}(.{2,90}?)\s*(?:[-–—]{1,2}|:)\s+\S", line)
        if match:
            prefix = match.group(1)
            words = prefix.split()
            if ("," in prefix or "(" in prefix or prefix.isupper() or len(words) <= 3) and not re.search(
                r"\b(?:yang|dan|dengan|untuk|ini|itu)\b", prefix
            ):
                # "TRENGGALEK, Media Ponorogo": the place is the first part that names one; the
                # outlet's name after it is not a place ("benuanta.co.id, TARAKAN": the second part)
                begin = offset + match.start(1)
                for part in re.finditer(r"[^,]+", prefix):
                    if _names_place(part.group(0)):
                        return begin + part.start(), begin + part.end()
                return begin, offset + match.end(1)
        offset += len(line)
    return None


def _names_place(chunk: str) -> bool:
    names = lexicon()
    words = _WORD.findall(chunk)
    return any(
        normalize(" ".join(words[i : i + size])) in names
        for i in range(len(words))
        for size in (1, 2, 3)
        if i + size <= len(words) and words[i][0].isupper()
    )


def headline_span(text: str) -> tuple[int, int]:
    """The first non-empty line, when it reads like a headline (short, no final full stop)."""
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            if len(stripped) <= 200 and not stripped.endswith("."):
                return offset, offset + len(line)
            return (0, 0)
        offset += len(line)
    return (0, 0)


def _role(text: str, start: int, dateline: tuple[int, int] | None) -> str:
    if dateline and dateline[0] <= start < dateline[1]:
        return "dateline"
    before = text[max(0, start - 90) : start]
    before = before.split("\n")[-1]
    if _VENUE.search(before):
        return "venue"
    if _UNIT.search(before):
        return "unit"
    if _ORIGIN.search(before):
        return "origin"
    return "plain"


def _hint(before: str) -> str | None:
    match = _TYPE_HINT.search(before)
    if not match:
        return None
    word = match.group(1).lower()
    if word in _KOTA_HINTS:
        return "kota"
    if word in _KAB_HINTS:
        return "kabupaten"
    if word in _PROVINCE_HINTS:
        return "province"
    return None


def find_mentions(text: str) -> list[Mention]:
    """Every place name in ``text`` (longest name first), with its role and weight."""
    names = lexicon()
    words = list(_WORD.finditer(text))
    dateline = dateline_span(text)
    head = headline_span(text)
    mentions: list[Mention] = []
    index = 0
    while index < len(words):
        word = words[index]
        if not word.group(0)[0].isupper():
            index += 1
            continue
        for size in (4, 3, 2, 1):
            chunk = words[index : index + size]
            if len(chunk) < size:
                continue
            start, end = chunk[0].start(), chunk[-1].end()
            if "\n" in text[start:end]:
                continue
            key = normalize(text[start:end])
            if key not in names:
                continue
            if (
                size == 1
                and word.group(0).isupper()
                and len(word.group(0)) <= 3
                and key
                not in {
                    "ntb",
                    "ntt",
                    "diy",
                    "dki",
                    "oku",
                    "oki",
                    "hsu",
                    "hss",
                    "hst",
                    "tts",
                    "ttu",
                    "sbd",
                    "pbd",
                    "kku",
                    "ppu",
                }
            ):
                break
            before = text[max(0, start - 40) : start].split("\n")[-1]
            hint = _hint(before)
            candidates = list(names[key])
            if hint in ("kota", "kabupaten"):
                typed = [c for c in candidates if c[1] == hint]
                candidates = typed or candidates
            elif hint == "province":
                provinces = [c for c in candidates if c[0].level == "province"]
                candidates = provinces or candidates
            elif len(candidates) > 1 and any(c[0].level == "province" for c in candidates):
                candidates = [c for c in candidates if c[0].level == "province"]
            role = _role(text, start, dateline)
            if role == "plain" and mentions and mentions[-1].role == "origin":
                between = text[mentions[-1].end : start]
                if re.fullmatch(r"\s*(?:,|dan|serta|,\s*dan)\s*(?:Provinsi\s+|Kabupaten\s+|Kota\s+)?", between):
                    role = "origin"  # "berasal dari NTB, Jawa Barat dan Banten": the whole list
            weight = WEIGHTS[role] * (1.0 if start < LEAD_CHARS else LATE_FACTOR)
            if head[0] <= start < head[1]:
                weight += HEADLINE_BONUS
            places = tuple(dict.fromkeys(c[0] for c in candidates))
            mentions.append(Mention(places, role, weight, start, end, text[start:end], hint is not None))
            index += size - 1
            break
        index += 1
    return mentions


def choose_place(text: str, mentions: list[Mention] | None = None) -> PlaceChoice:
    """Province and regency/city of the event from the weighed mentions."""
    mentions = find_mentions(text) if mentions is None else mentions
    if not mentions:
        return PlaceChoice(None, None, None, None, 0.0, ("tempat tidak ditemukan / no place found",))
    gazetteer = default_gazetteer()
    province_weight: dict[str, float] = defaultdict(float)
    province_best: dict[str, Mention] = {}
    for mention in mentions:
        codes = {p.province_code for p in mention.places}
        for code in codes:
            province_weight[code] += mention.weight / len(codes)
            if code not in province_best or mention.weight > province_best[code].weight:
                province_best[code] = mention
    ranked = sorted(province_weight.items(), key=lambda kv: (-kv[1], province_best[kv[0]].start))
    code, weight = ranked[0]
    total = sum(province_weight.values())
    confidence = round(min(0.95, 0.4 + 0.55 * weight / total), 2)
    province = gazetteer.by_code(code)
    regency_weight: dict[str, float] = defaultdict(float)
    regency_best: dict[str, Mention] = {}
    for mention in mentions:
        inside = [p for p in mention.places if p.level == "regency" and p.province_code == code]
        if not inside:
            continue
        if len(inside) > 1 and not mention.typed:
            continue  # "Kupang": the kabupaten or the kota? the text does not say
        place = inside[0]
        regency_weight[place.code] += mention.weight
        if place.code not in regency_best or mention.weight > regency_best[place.code].weight:
            regency_best[place.code] = mention
    # the strongest role decides, repetition only adds a little: four mentions of the organizer's
    # "Kantor Imigrasi Ponorogo" do not outweigh the venue in Trenggalek
    regency_weight = {
        code: regency_best[code].weight + 0.25 * (total - regency_best[code].weight)
        for code, total in regency_weight.items()
    }
    regency = None
    if regency_weight:
        best_code, best_weight = max(regency_weight.items(), key=lambda kv: (kv[1], -regency_best[kv[0]].start))
        strong = regency_best[best_code].role in ("dateline", "venue", "unit") or best_weight >= 2.0
        if strong:
            regency = gazetteer.by_code(best_code)
    notes = []
    for mention in mentions:
        if mention.role == "dateline" and regency is not None and regency not in mention.places:
            pointed = next((p for p in mention.places if p.level == "regency"), None)
            if pointed is not None:
                notes.append(f"dateline '{mention.text}' menunjuk {pointed.name} / dateline points to {pointed.name}")
    if len(ranked) > 1 and ranked[1][1] >= 0.6 * weight:
        other = gazetteer.by_code(ranked[1][0])
        notes.append(f"juga disebut: {other.name} / also named: {other.name}")
    return PlaceChoice(
        province,
        regency,
        province_best[code],
        regency_best.get(regency.code) if regency else None,
        confidence,
        tuple(notes),
    )


def unit_area(name: str) -> Place | None:
    """The area a police or government unit's name points to ("Polres Tarakan" -> Kota Tarakan)."""
    try:
        return default_gazetteer().resolve(name)
    except PlaceError:
        return None
