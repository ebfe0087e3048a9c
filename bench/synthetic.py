"""Seeded, deterministic synthetic records for the benchmark - never for the real store.

Every synthetic record names its source as ``DATA SINTETIS`` with a URL under ``sintetis.invalid``
(a reserved top-level domain that cannot resolve), so it can never pass for a published figure.

Skew: a province's weight is its BPS 2024 population times a log-normal "reporting intensity"
factor (a few Poldas publish far more than others); inside a province, regencies follow a Zipf
law (the capital and a few migrant-sending regencies dominate). Counts are log-normal, most rows
report a handful of cases and a few report hundreds. Frames hold text as a staff member's CSV
would: Indonesian headers, day-first dates, ``1.006``-style thousands.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from etl import config, vocab
from etl.gazetteer import default_gazetteer
from etl.parsing import parse_decimal
from etl.schemas import COLUMNS, Kind

SOURCE_NAME = "DATA SINTETIS (benchmark Pantau TPPO)"
SOURCE_HOST = "https://sintetis.invalid"
FIRST_MONTH = (2023, 1)
MONTHS = 36  # Jan 2023 - Dec 2025
ACTIVITY_DAYS = (dt.date(2023, 6, 5), dt.date(2025, 12, 31))


@dataclass(frozen=True)
class Places:
    """Province and regency tables with sampling weights."""

    province_codes: np.ndarray
    province_names: np.ndarray
    province_weights: np.ndarray
    regency_codes: np.ndarray
    regency_names: np.ndarray
    regency_province: np.ndarray  # index into province arrays
    regency_weights: np.ndarray  # overall probability of each regency


def _population_by_province() -> dict[str, float]:
    """Persons per province from the first usable row of the seed population table (a sampling weight only)."""
    gazetteer = default_gazetteer()
    frame = pd.read_csv(config.SEED_DIR / "population.csv", dtype=str)
    population: dict[str, float] = {}
    for row in frame.itertuples():
        value = parse_decimal(row.population)
        code = gazetteer.resolve(row.province, "province").code
        if value and code not in population:
            population[code] = value * (1000 if row.unit.startswith("thousand") else 1)
    return population


@lru_cache(maxsize=4)
def places(seed: int = 7) -> Places:
    """The 38 provinces and 514 regencies/cities with skewed weights (deterministic for ``seed``)."""
    rng = np.random.default_rng(seed)
    gazetteer = default_gazetteer()
    provinces = sorted(gazetteer.provinces.values(), key=lambda p: p.code)
    population = _population_by_province()
    known = np.median(list(population.values()))
    weights = np.array([population.get(p.code, known) for p in provinces], dtype=float)
    weights *= rng.lognormal(0.0, 0.5, len(provinces))
    weights /= weights.sum()
    index = {p.code: i for i, p in enumerate(provinces)}
    regencies = sorted(gazetteer.regencies.values(), key=lambda r: r.code)
    regency_province = np.array([index[r.province_code] for r in regencies])
    regency_weights = np.zeros(len(regencies))
    for i in range(len(provinces)):
        members = np.flatnonzero(regency_province == i)
        zipf = 1.0 / np.arange(1, len(members) + 1) ** 1.1
        regency_weights[members] = weights[i] * rng.permutation(zipf / zipf.sum())
    return Places(
        np.array([p.code for p in provinces]),
        np.array([p.name for p in provinces], dtype=object),
        weights,
        np.array([r.code for r in regencies]),
        np.array([r.name for r in regencies], dtype=object),
        regency_province,
        regency_weights / regency_weights.sum(),
    )


def _indonesian_count(values: np.ndarray, rng: np.random.Generator, blank_share: float) -> np.ndarray:
    """Counts as text: thousands with a dot (``1.006``), some cells blank (not reported)."""
    text = np.array([f"{v:,}".replace(",", ".") for v in values.tolist()], dtype=object)
    text[rng.random(len(values)) < blank_share] = ""
    return text


def _day_first(dates: pd.DatetimeIndex | pd.Series) -> np.ndarray:
    return np.asarray(pd.DatetimeIndex(dates).strftime("%d/%m/%Y"), dtype=object)


def _header(kind: Kind) -> dict[str, str]:
    return {spec.name: spec.name_id for spec in COLUMNS[kind]}


def enforcement_frame(rows: int, seed: int = 1) -> pd.DataFrame:
    """``rows`` enforcement figures: monthly Polda (15 %) and Polres (85 %) releases, Indonesian CSV text."""
    rng = np.random.default_rng(seed)
    table = places()
    extra = int(rows * 1.02) + 50  # a few draws repeat a unit, month and release; dropped below
    regency = rng.choice(len(table.regency_codes), extra, p=table.regency_weights)
    province = table.regency_province[regency]
    by_province = rng.random(extra) < 0.15
    month = rng.integers(0, MONTHS, extra)
    year = FIRST_MONTH[0] + month // 12
    month_no = month % 12 + 1
    start = pd.to_datetime({"year": year, "month": month_no, "day": np.ones(extra, dtype=int)})
    last_day = np.array([calendar.monthrange(y, m)[1] for y, m in zip(year.tolist(), month_no.tolist(), strict=True)])
    end = start + pd.to_timedelta(last_day - 1, unit="D")
    announced = end + pd.to_timedelta(rng.integers(1, 20, extra), unit="D")
    release = rng.integers(0, max(1, extra // 6), extra)  # about six figures per press release
    reports = np.round(rng.lognormal(1.0, 1.1, extra) * (1 + 20 * table.province_weights[province])).astype(int)
    suspects = np.round(reports * rng.uniform(0.8, 1.6, extra)).astype(int)
    victims = np.round(reports * rng.uniform(1.0, 6.0, extra)).astype(int)
    unit = np.where(
        by_province,
        "Polda " + table.province_names[province],
        "Polres " + pd.Series(table.regency_names[regency]).str.replace(r"^(Kabupaten|Kota) ", "", regex=True),
    )
    frame = pd.DataFrame(
        {
            "reporting_unit": unit,
            "scope": np.where(by_province, "provinsi", "kabupaten"),
            "province": table.province_names[province],
            "regency": np.where(by_province, "", table.regency_names[regency]),
            "period_start": _day_first(start),
            "period_end": _day_first(end),
            "cumulative": "tidak",
            "announced_date": _day_first(announced),
            "police_reports": _indonesian_count(reports, rng, 0.0),
            "suspects": _indonesian_count(suspects, rng, 0.15),
            "victims_rescued": _indonesian_count(victims, rng, 0.10),
            "source_url": [f"{SOURCE_HOST}/rilis/{seed}-{r}" for r in release.tolist()],
            "source_name": SOURCE_NAME,
        }
    )
    key = ["reporting_unit", "regency", "period_end", "source_url"]
    frame = frame.drop_duplicates(key).head(rows).reset_index(drop=True)
    return frame.rename(columns=_header("enforcement"))


_ORGANIZERS = {
    "police": "Polres {place}",
    "local_government": "Dinas PPPA {place}",
    "immigration": "Kantor Imigrasi {place}",
    "ministry": "BP3MI",
    "ngo": "Lembaga masyarakat {place}",
}


def activities_frame(rows: int, seed: int = 2) -> pd.DataFrame:
    """``rows`` prevention activities at regency level, one news link each, Indonesian CSV text."""
    rng = np.random.default_rng(seed)
    table = places()
    regency = rng.choice(len(table.regency_codes), rows, p=table.regency_weights)
    province = table.regency_province[regency]
    span = (ACTIVITY_DAYS[1] - ACTIVITY_DAYS[0]).days
    date = pd.Timestamp(ACTIVITY_DAYS[0]) + pd.to_timedelta(rng.integers(0, span + 1, rows), unit="D")
    types = np.array(list(vocab.ACTIVITY_TYPES))
    type_weights = np.array([0.25, 0.35, 0.08, 0.08, 0.04, 0.06, 0.09, 0.05])
    activity_type = types[rng.choice(len(types), rows, p=type_weights / type_weights.sum())]
    organizer_types = np.array(list(_ORGANIZERS))
    organizer_type = organizer_types[rng.choice(len(organizer_types), rows, p=[0.45, 0.3, 0.1, 0.1, 0.05])]
    short = pd.Series(table.regency_names[regency]).str.replace(r"^(Kabupaten|Kota) ", "", regex=True).to_numpy()
    organizer = [_ORGANIZERS[o].format(place=p) for o, p in zip(organizer_type.tolist(), short.tolist(), strict=True)]
    labels = {key: label for key, (label, _) in vocab.ACTIVITY_TYPES.items()}
    title = [f"{labels[t]} pencegahan TPPO di {p}" for t, p in zip(activity_type.tolist(), short.tolist(), strict=True)]
    pillars = np.array(
        ["pencegahan", "pencegahan; kerja sama dan koordinasi", "penegakan hukum", "rehabilitasi sosial"]
    )
    frame = pd.DataFrame(
        {
            "date": _day_first(date),
            "province": table.province_names[province],
            "regency": table.regency_names[regency],
            "activity_type": activity_type,
            "title": title,
            "organizer": organizer,
            "organizer_type": organizer_type,
            "pillar": pillars[rng.choice(len(pillars), rows, p=[0.6, 0.2, 0.1, 0.1])],
            "target_group": "masyarakat umum",
            "participants": _indonesian_count(np.round(rng.lognormal(3.5, 0.9, rows)).astype(int), rng, 0.3),
            "mode": np.where(rng.random(rows) < 0.85, "luring", "daring"),
            "source_url": [f"{SOURCE_HOST}/kegiatan/{seed}-{i}" for i in range(rows)],
            "source_name": SOURCE_NAME,
        }
    )
    return frame.rename(columns=_header("activities"))


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as a staff member's Excel would save it: ';' separated, UTF-8."""
    return frame.to_csv(sep=";", index=False).encode("utf-8")
