"""The rules that turn checked cells into enforcement and activity records, applied column by column.

Each function returns the typed columns of the records (one array per stored field) and reports
problems through the :class:`etl.cells.FrameChecker`. The order of the checks decides which problem
of a cell is reported when there are several.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np

from etl import vocab
from etl.cells import ColumnValues, FrameChecker, attribute, object_array
from etl.gazetteer import PlaceError
from etl.parsing import parse_bool, parse_count, parse_date
from etl.schemas import COLUMNS, COUNT_COLUMNS

_URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
Columns = dict[str, np.ndarray]

ENFORCEMENT_TEXT = tuple(  # free-text columns kept as written (stripped)
    spec.name
    for spec in COLUMNS["enforcement"]
    if spec.cell == "text" and spec.name not in ("reporting_unit", "source_name")
)


def _dates(checker: FrameChecker, start_col: str, end_col: str) -> tuple[ColumnValues, ColumnValues]:
    start = checker.parse(start_col, parse_date)
    end = checker.parse(end_col, parse_date)
    start_day, end_day = start.map(lambda d: d.start), end.map(lambda d: d.end)
    both = start.present & end.present
    reversed_ = np.zeros(checker.rows, dtype=bool)
    reversed_[both] = end_day[both] < start_day[both]
    checker.fail(reversed_, end_col, "tanggal akhir sebelum tanggal mulai", "end date is before the start date")
    return start, end


def _places(checker: FrameChecker) -> tuple[np.ndarray, np.ndarray]:
    """Province and regency per row; a regency outside the named province is reported."""
    province = checker.place("province", "province")
    regency = checker.place("regency", "regency", attribute(province, "code"))
    both = np.array([p is not None and r is not None for p, r in zip(province, regency, strict=True)], dtype=bool)
    outside = both.copy()
    outside[both] = attribute(regency[both], "province_code") != attribute(province[both], "code")
    checker.fail(
        outside,
        "regency",
        lambda p: f"{regency[p].name} tidak berada di provinsi {province[p].name}",
        lambda p: f"{regency[p].name} is not in the province {province[p].name}",
    )
    from_regency = np.array([p is None and r is not None for p, r in zip(province, regency, strict=True)], dtype=bool)
    if from_regency.any():
        province[from_regency] = [checker.gazetteer.by_code(r.province_code) for r in regency[from_regency]]
    return province, regency


def _source(checker: FrameChecker) -> tuple[np.ndarray, np.ndarray]:
    url, name = checker.text("source_url"), checker.text("source_name")
    urls = url.rows
    checker.fail(
        url.map(lambda u: not _URL_RE.match(u)).astype(bool),
        "source_url",
        "bukan alamat web (harus diawali http:// atau https://)",
        "not a web address (must start with http:// or https://)",
        urls,
    )
    checker.fail(
        ~url.present & ~name.present,
        "source_url",
        "sumber wajib diisi: setiap angka harus punya sumber",
        "source is required: every figure needs its source",
        "",
    )
    return urls, name.rows


def _required(checker: FrameChecker, mask: np.ndarray, column: str, message_id: str, message_en: str) -> None:
    checker.fail(mask, column, message_id, message_en, "")


def _date_columns(prefix: str, parsed: ColumnValues, last_day: bool) -> Columns:
    return {
        prefix: parsed.map((lambda d: d.end) if last_day else (lambda d: d.start)),
        f"{prefix}_precision": parsed.map(lambda d: d.precision),
    }


def _default(values: np.ndarray, fallback: str) -> np.ndarray:
    return object_array([v if v is not None else fallback for v in values.tolist()])


def enforcement_columns(checker: FrameChecker) -> Columns:
    """Typed enforcement columns; problems are reported to ``checker``."""
    rows = checker.rows
    unit = checker.text("reporting_unit")
    _required(checker, ~unit.present, "reporting_unit", "unit pelapor wajib diisi", "reporting unit is required")
    scope = checker.choice("scope", vocab.SCOPE_SYNONYMS, "nasional, provinsi, kabupaten").rows
    province, regency = _places(checker)
    inferred = np.where(
        np.array([r is not None for r in regency]),
        "regency",
        np.where(np.array([p is not None for p in province]), "province", "national"),
    )
    scope = np.where(np.array([s is None for s in scope]), inferred, scope).astype(object)
    units = unit.rows
    needs_province = (
        (scope != "national") & np.array([p is None for p in province]) & unit.present & checker.blank("province")
    )
    for position in np.flatnonzero(needs_province).tolist():
        try:  # "Polda Kalbar" names its province
            province[position] = checker.gazetteer.resolve(units[position], "province")
        except PlaceError:
            _required(
                checker,
                _one(rows, position),
                "province",
                "provinsi wajib diisi untuk cakupan provinsi/kabupaten",
                "province is required for province or regency scope",
            )
    _required(
        checker,
        (scope == "regency") & np.array([r is None for r in regency]) & checker.blank("regency"),
        "regency",
        "kabupaten/kota wajib diisi untuk cakupan kabupaten",
        "regency is required for regency scope",
    )
    start, end = _dates(checker, "period_start", "period_end")
    announced = checker.parse("announced_date", parse_date)
    _required(
        checker,
        ~end.present & ~announced.present & checker.blank("period_end") & checker.blank("announced_date"),
        "period_end",
        "tanggal wajib: isi periode akhir atau tanggal rilis",
        "a date is required: fill period end or announced date",
    )
    last_day = np.array(end.map(lambda d: d.end), dtype="datetime64[D]")  # None -> NaT, which compares False
    announced_day = np.array(announced.map(lambda d: d.start), dtype="datetime64[D]")
    today = np.datetime64(dt.date.today())  # a future end is refused later as "in the future", the more precise reason
    late = (announced_day < last_day) & (last_day <= today)
    checker.fail(
        late,
        "period_end",
        "periode berakhir setelah tanggal rilis: sebuah angka tidak bisa mencakup hari setelah diumumkan",
        "the period ends after the announced date: a figure cannot cover days after it was announced",
    )
    counts = {name: checker.parse(name, parse_count) for name in COUNT_COLUMNS["enforcement"]}
    no_figures = np.ones(rows, dtype=bool)
    for name, parsed in counts.items():
        no_figures &= ~parsed.present & checker.blank(name)
    _required(
        checker,
        no_figures,
        "police_reports",
        "tidak ada angka: isi minimal satu kolom jumlah",
        "no figures: fill at least one count column",
    )
    url, source_name = _source(checker)
    status = checker.choice(
        "verification_status", vocab.VERIFICATION_SYNONYMS, "draf, terverifikasi, dipersoalkan, digantikan"
    ).rows
    columns: Columns = {
        "reporting_unit": units,
        "scope": scope,
        "province_code": attribute(province, "code"),
        "regency_code": attribute(regency, "code"),
        **_date_columns("period_start", start, last_day=False),
        **_date_columns("period_end", end, last_day=True),
        "cumulative": checker.parse("cumulative", parse_bool).rows,
        "announced_date": announced.map(lambda d: d.start),
        "source_url": url,
        "source_name": source_name,
        "verification_status": _default(status, "draft"),
        **{name: parsed.rows for name, parsed in counts.items()},
    }
    for name in ENFORCEMENT_TEXT:
        columns[name] = checker.text(name).rows
    series = checker.text("series")
    checker.fail(
        series.map(lambda s: s not in vocab.SERIES).astype(bool),
        "series",
        "seri tidak dikenal; pilihan: " + ", ".join(vocab.SERIES),
        "unknown series; choose: " + ", ".join(vocab.SERIES),
        series.rows,
    )
    columns["series"] = _default(columns["series"], "upload")
    return columns


def _one(rows: int, position: int) -> np.ndarray:
    mask = np.zeros(rows, dtype=bool)
    mask[position] = True
    return mask


def split_list(value: object) -> list[str]:
    """Parts of a ``;``- or line-separated cell."""
    return [p.strip() for p in re.split(r"[;\n]", str(value)) if p.strip()]


def _pillars(value: object) -> tuple[str | None, str | None]:
    """(pillar keys joined by ';', first unknown part)."""
    keys: list[str] = []
    unknown = None
    for part in split_list(value):
        key = vocab.lookup(part, vocab.PILLAR_SYNONYMS)
        if key is None:
            unknown = unknown or part
        elif key not in keys:
            keys.append(key)
    return ";".join(keys) or None, unknown


def activity_columns(checker: FrameChecker) -> Columns:
    """Typed activity columns; problems are reported to ``checker``."""
    start, end = _dates(checker, "date", "end_date")
    _required(
        checker,
        ~start.present & checker.blank("date"),
        "date",
        "tanggal kegiatan wajib diisi",
        "activity date is required",
    )
    province, regency = _places(checker)
    _required(
        checker,
        np.array([p is None for p in province]) & checker.blank("province") & checker.blank("regency"),
        "province",
        "provinsi atau kabupaten/kota wajib diisi",
        "province or regency is required",
    )
    activity_type = checker.choice("activity_type", vocab.ACTIVITY_TYPE_SYNONYMS, ", ".join(vocab.ACTIVITY_TYPES))
    _required(
        checker,
        ~activity_type.present & checker.blank("activity_type"),
        "activity_type",
        "jenis kegiatan wajib diisi",
        "activity type is required",
    )
    for name in ("title", "organizer"):
        _required(checker, checker.blank(name), name, f"kolom {name} wajib diisi", f"{name} is required")
    pillars = checker.values("pillar").map(_pillars)
    unknown = object_array([p[1] if p is not None else None for p in pillars.tolist()])
    checker.fail(
        np.array([u is not None for u in unknown]),
        "pillar",
        "bidang tidak dikenal; pilihan: " + ", ".join(vocab.PILLARS),
        "unknown pillar; choose: " + ", ".join(vocab.PILLARS),
        unknown,
    )
    url, source_name = _source(checker)
    status = checker.choice("verification_status", vocab.VERIFICATION_SYNONYMS, "draf, terverifikasi").rows
    return {
        "date": start.map(lambda d: d.start),
        "date_precision": start.map(lambda d: d.precision),
        "end_date": end.map(lambda d: d.end),
        "province_code": attribute(province, "code"),
        "regency_code": attribute(regency, "code"),
        "activity_type": activity_type.rows,
        "title": checker.text("title").rows,
        "organizer": checker.text("organizer").rows,
        "organizer_type": checker.choice(
            "organizer_type", vocab.ORGANIZER_TYPE_SYNONYMS, ", ".join(vocab.ORGANIZER_TYPES)
        ).rows,
        "partners": checker.values("partners").map(lambda v: "; ".join(split_list(v)) or None),
        "pillars": object_array([p[0] if p is not None else None for p in pillars.tolist()]),
        "target_group": checker.text("target_group").rows,
        "participants": checker.parse("participants", parse_count).rows,
        "mode": checker.choice("mode", vocab.MODE_SYNONYMS, "luring, daring, hibrida").rows,
        "source_url": url,
        "source_name": source_name,
        "notes": checker.text("notes").rows,
        "record_ref": checker.text("record_ref").rows,
        "verification_status": _default(status, "draft"),
    }
