"""Police areas that are not one province: whose figure covers what, and how provinces inside it are told."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from etl.gazetteer import normalize


@dataclass(frozen=True)
class Area:
    """The area a reporting unit's figure covers (province and regency codes), with its note."""

    unit: str
    main_code: str
    provinces: tuple[str, ...]  # whole provinces inside the area
    regencies: tuple[str, ...]  # regencies/cities of other provinces inside the area
    excludes: tuple[str, ...]  # regencies of the main province policed by another unit
    note_id: str
    note_en: str
    combined: bool = False  # a national task force and a Polda reported together

    @property
    def is_province(self) -> bool:
        return self.provinces == (self.main_code,) and not self.regencies and not self.excludes and not self.combined


COMBINED_NOTE = (
    "Angka gabungan Satgas TPPO Bareskrim (nasional) dan Polda; bukan angka satu provinsi.",
    "A combined figure of the national Satgas (Bareskrim) and the Polda; not a one-province figure.",
)


def _codes(text: object) -> list[str]:
    return [c.strip() for c in str(text or "").split(";") if c.strip()] if isinstance(text, str) else []


def _valid(unit: pd.Series, day: dt.date | None) -> bool:
    if day is None:
        return True
    start, end = unit["valid_from"], unit["valid_to"]
    return (start is None or pd.isna(start) or start <= day) and (end is None or pd.isna(end) or day <= end)


def area_of(
    reporting_unit: str, province_code: str, coverage_note: str | None, day: dt.date | None, units: pd.DataFrame
) -> Area:
    """The area of a province-scope figure announced by ``reporting_unit`` for a period ending ``day``.

    The longest police-unit name contained in the reporting unit wins ("Polda Papua Barat" before "Polda Papua");
    a unit valid only in some years (the 2023 Papua Poldas) applies only then.
    """
    text = normalize(reporting_unit or "")
    combined = str(coverage_note or "").lower().startswith("combined") or ("bareskrim" in text and "polda" in text)
    candidates = units[units["level"] == "province"]
    best = None
    for _, unit in candidates.iterrows():
        name = normalize(unit["unit"])
        matches = name and name in text and unit["code"] == province_code and _valid(unit, day)
        if matches and (best is None or len(name) > len(normalize(best["unit"]))):
            best = unit
    if best is None:
        note = COMBINED_NOTE if combined else ("", "")
        return Area(reporting_unit, province_code, (province_code,), (), (), *note, combined=combined)
    covers = _codes(best["covers"]) or [province_code]
    provinces = tuple(c for c in covers if "." not in c)
    regencies = tuple(c for c in covers if "." in c)
    note_id, note_en = best["note_id"] or "", best["note_en"] or ""
    if combined:
        note_id, note_en = COMBINED_NOTE
    return Area(
        best["unit"],
        province_code,
        provinces,
        regencies,
        tuple(_codes(best.get("excludes"))),
        note_id,
        note_en,
        combined,
    )
