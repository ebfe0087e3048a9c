"""The denominator of every per-capita rate: which population figure, from which source, for which area."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from etl.analysis.areas import Area


@dataclass(frozen=True)
class Denominator:
    """Persons living in an area, with the source and basis of the figure (or why there is none)."""

    population: float | None
    source: str  # e.g. "BPS 2024" or "Dukcapil Semester I 2025 (registrasi, bukan BPS)"
    source_url: str | None
    note_id: str = ""
    note_en: str = ""


def _basis(row: pd.Series) -> str:
    org = str(row["source_org"] or "")
    return "bps" if org.startswith("BPS") else "dukcapil" if "Dukcapil" in org else "other"


def _period_key(text: str) -> tuple[int, int]:
    """Sort key of a reference period such as ``2024``, ``Semester I 2025`` or ``Semester II 2024``."""
    year = max((int(y) for y in re.findall(r"\b(20\d\d)\b", text or "")), default=0)
    half = 2 if re.search(r"Semester II\b", text or "") else 1
    return year, half


def denominators(population: pd.DataFrame) -> dict[str, Denominator]:
    """Area code (province ``61`` or regency ``32.16``) -> the population used for its rates.

    BPS rows marked usable for rates come first; where BPS has no value, the latest Dukcapil registration
    count is used and labelled as such; unofficial figures (encyclopedia mirrors) are never used.
    """
    frame = population[population["population"].notna()].copy()
    if "regency_code" not in frame:
        frame["regency_code"] = None
    frame["code"] = frame["regency_code"].where(frame["regency_code"].notna(), frame["province_code"])
    frame["basis"] = frame.apply(_basis, axis=1)
    chosen: dict[str, Denominator] = {}
    for code, rows in frame.groupby("code"):
        bps = rows[(rows["basis"] == "bps") & rows["use_for_rates"].astype(bool)]
        if not bps.empty:
            row = bps.iloc[0]
            chosen[code] = Denominator(float(row["population"]), f"BPS {row['reference_period']}", row["source_url"])
            continue
        registered = rows[rows["basis"] == "dukcapil"]
        if registered.empty:
            continue
        row = registered.loc[max(registered.index, key=lambda i: _period_key(registered.at[i, "reference_period"]))]
        chosen[code] = Denominator(
            float(row["population"]),
            f"Dukcapil {row['reference_period']}",
            row["source_url"],
            "Angka BPS tidak tersedia; dipakai jumlah penduduk terdaftar Dukcapil (registrasi, bukan estimasi BPS).",
            "No BPS figure; Dukcapil registration count used (administrative registrations, not a BPS estimate).",
        )
    return chosen


NO_POPULATION = (
    "Tidak ada angka penduduk resmi (BPS atau Dukcapil) untuk {names}.",
    "No official population figure (BPS or Dukcapil) for {names}.",
)


def area_denominator(area: Area, table: dict[str, Denominator], names: dict[str, str]) -> Denominator:
    """The population of the whole area a figure covers, or none with the reason.

    A one-province area takes the province's figure. A wider or narrower area (Polda Metro Jaya; the 2023 Papua
    Poldas; Polda Jawa Barat without Bekasi and Depok) adds and subtracts its parts, and only when every part
    has a figure from the same basis; otherwise the rate is "not comparable" and the note names what is missing.
    """
    if area.combined:
        return Denominator(
            None,
            "",
            None,
            "Tidak dapat dibandingkan: angka gabungan Satgas nasional dan Polda.",
            "Not comparable: a combined figure of the national Satgas and a Polda.",
        )
    parts = [*area.provinces, *area.regencies, *area.excludes]
    missing = [p for p in parts if p not in table]
    if missing:
        label = ", ".join(names.get(p, p) for p in missing)
        if area.is_province:
            return Denominator(
                None, "", None, NO_POPULATION[0].format(names=label), NO_POPULATION[1].format(names=label)
            )
        return Denominator(
            None,
            "",
            None,
            f"Tidak dapat dibandingkan: wilayah {area.unit} mencakup {label}, yang tidak punya angka penduduk resmi.",
            f"Not comparable: the area of {area.unit} includes {label}, which has no official population figure.",
        )
    if area.is_province:
        return table[area.main_code]
    sources = {table[p].source for p in parts}
    listed = "; ".join(sorted(sources))
    if len(sources) > 1:
        return Denominator(
            None,
            "",
            None,
            f"Tidak dapat dibandingkan: penduduk wilayah {area.unit} hanya tersedia dari sumber berbeda ({listed}).",
            f"Not comparable: the population of {area.unit}'s area comes only from different sources ({listed}).",
        )
    total = sum(table[p].population for p in (*area.provinces, *area.regencies)) - sum(
        table[p].population for p in area.excludes
    )
    first = table[parts[0]]
    return Denominator(
        total,
        first.source,
        first.source_url,
        f"Penduduk seluruh wilayah {area.unit}.",
        f"Population of the whole area of {area.unit}.",
    )
