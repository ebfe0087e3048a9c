"""Turn a raw table into typed, validated records, reporting every problem at once.

Each problem names the 1-based data row (header excluded), the column, the value and the
reason in Bahasa Indonesia and English. Nothing here writes anything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import lru_cache

import pandas as pd
import pandera.pandas as pa

from etl import vocab
from etl.gazetteer import Gazetteer, PlaceError, default_gazetteer, normalize
from etl.parsing import ParseError, is_blank, looks_like_formula, parse_bool, parse_count, parse_date
from etl.readers import RawTable, ReadError, read_table
from etl.schemas import COLUMNS, COUNT_COLUMNS, ColumnSpec, Kind, header_map, typed_schema

_URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


@dataclass
class Issue:
    """One problem: where it is, what was there, and why it is refused."""

    row: int | None
    column: str | None
    value: str
    message_id: str
    message_en: str

    def message(self, lang: str = "id") -> str:
        return self.message_id if lang == "id" else self.message_en

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["message"] = self.message_id
        return data


@dataclass
class ValidationResult:
    """Typed records plus every issue found; ``ok`` only when there are no issues."""

    kind: Kind
    rows: int
    frame: pd.DataFrame
    issues: list[Issue] = field(default_factory=list)
    source: RawTable | None = None

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def valid_rows(self) -> int:
        bad = {i.row for i in self.issues if i.row is not None}
        if any(i.row is None for i in self.issues):
            return 0
        return self.rows - len(bad)

    def issues_frame(self, lang: str = "id") -> pd.DataFrame:
        return pd.DataFrame(
            [{"row": i.row, "column": i.column, "value": i.value, "message": i.message(lang)} for i in self.issues],
            columns=["row", "column", "value", "message"],
        )

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "rows": self.rows,
            "valid": self.valid_rows,
            "errors": [
                {
                    "row": i.row,
                    "column": i.column,
                    "value": i.value,
                    "message": i.message_id,
                    "message_en": i.message_en,
                }
                for i in self.issues
            ],
        }


def detect_kind(columns: list[str]) -> Kind | None:
    """Guess the record kind from the header (None when neither fits)."""
    names = {normalize(str(c).replace("_", " ")) for c in columns}
    scores = {kind: len(names & set(header_map(kind))) for kind in COLUMNS}
    enforcement_marks = {"reporting unit", "unit pelapor", "period end", "periode akhir"}
    activity_marks = {"activity type", "jenis kegiatan", "title", "judul"}
    if names & enforcement_marks and not names & activity_marks:
        return "enforcement"
    if names & activity_marks and not names & enforcement_marks:
        return "activities"
    best = max(scores, key=scores.get)  # type: ignore[arg-type]
    return best if scores[best] >= 3 else None


def validate_bytes(
    data: bytes,
    kind: Kind | None = None,
    gazetteer: Gazetteer | None = None,
    max_rows: int | None = None,
) -> ValidationResult:
    """Read and validate an uploaded file; read failures become a single file-level issue."""
    try:
        table = read_table(data, max_rows=max_rows)
    except ReadError as exc:
        return ValidationResult(
            kind or "enforcement", 0, pd.DataFrame(), [Issue(None, None, "", exc.message_id, exc.message_en)]
        )
    kind = kind or detect_kind(list(table.frame.columns))
    if kind is None:
        issue = Issue(
            None,
            None,
            ", ".join(map(str, table.frame.columns))[:200],
            "judul kolom tidak cocok dengan templat penegakan hukum maupun kegiatan",
            "the header matches neither the enforcement nor the activities template",
        )
        return ValidationResult("enforcement", len(table.frame), pd.DataFrame(), [issue], table)
    result = validate_frame(table.frame, kind, gazetteer)
    result.source = table
    return result


def _cell_text(value: object) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    return str(value)


class _RowChecker:
    """Parses the cells of one row into typed values, collecting issues."""

    def __init__(self, gazetteer: Gazetteer, issues: list[Issue]) -> None:
        self.gazetteer = gazetteer
        self.issues = issues
        self.row = 0
        self._seen: set[tuple[int, str]] = set()

    def fail(self, column: str, value: object, message_id: str, message_en: str) -> None:
        """Record a problem; only the first problem of a cell is reported."""
        if (self.row, column) in self._seen:
            return
        self._seen.add((self.row, column))
        self.issues.append(Issue(self.row, column, _cell_text(value)[:200], message_id, message_en))

    def parse(self, column: str, value: object, parser: Callable[[object], object]) -> object:
        try:
            return parser(value)
        except ParseError as exc:
            self.fail(column, value, exc.message_id, exc.message_en)
            return None

    def choice(self, column: str, value: object, synonyms: dict[str, str], allowed: str) -> str | None:
        if is_blank(value):
            return None
        key = vocab.lookup(str(value), synonyms)
        if key is None:
            self.fail(column, value, f"nilai tidak dikenal; pilihan: {allowed}", f"unknown value; choose: {allowed}")
        return key

    def place(self, column: str, value: object, level: str, province_code: str | None = None):
        if is_blank(value):
            return None
        try:
            return _resolve(self.gazetteer, str(value).strip(), level, province_code)
        except PlaceError as exc:
            self.fail(column, value, exc.message_id, exc.message_en)
            return None


@lru_cache(maxsize=4096)
def _resolve_cached(gazetteer_id: int, name: str, level: str, province_code: str | None):
    return _GAZETTEERS[gazetteer_id].resolve(name, level, province_code)  # type: ignore[arg-type]


_GAZETTEERS: dict[int, Gazetteer] = {}


def _resolve(gazetteer: Gazetteer, name: str, level: str, province_code: str | None):
    _GAZETTEERS[id(gazetteer)] = gazetteer
    return _resolve_cached(id(gazetteer), name, level, province_code)


def _map_headers(raw: pd.DataFrame, kind: Kind, issues: list[Issue]) -> pd.DataFrame:
    mapping = header_map(kind)
    renamed: dict[str, str] = {}
    for column in raw.columns:
        key = normalize(str(column).replace("_", " "))
        target = mapping.get(key)
        if target is None:
            issues.append(
                Issue(None, str(column), "", "kolom tidak dikenal dalam templat", "column not in the template")
            )
        elif target in renamed.values():
            issues.append(Issue(None, str(column), "", "kolom ganda", "duplicate column"))
        else:
            renamed[column] = target
    frame = raw[list(renamed)].rename(columns=renamed)
    for spec in COLUMNS[kind]:
        if spec.required and spec.name not in frame.columns:
            issues.append(
                Issue(
                    None,
                    spec.name,
                    "",
                    f"kolom wajib '{spec.name}' ({spec.name_id}) tidak ada",
                    f"required column '{spec.name}' ({spec.name_id}) is missing",
                )
            )
    for spec in COLUMNS[kind]:
        if spec.name not in frame.columns:
            frame[spec.name] = None
    return frame


def validate_frame(raw: pd.DataFrame, kind: Kind, gazetteer: Gazetteer | None = None) -> ValidationResult:
    """Validate a raw frame of one record kind; returns typed records and all issues."""
    gazetteer = gazetteer or default_gazetteer()
    issues: list[Issue] = []
    frame = _map_headers(raw, kind, issues)
    if any(i.row is None and i.column is not None and "wajib" in i.message_id for i in issues):
        return ValidationResult(kind, len(raw), pd.DataFrame(), issues)
    checker = _RowChecker(gazetteer, issues)
    specs = {s.name: s for s in COLUMNS[kind]}
    parse_row = _parse_enforcement if kind == "enforcement" else _parse_activity
    records = []
    for position, cells in enumerate(frame.to_dict("records"), start=1):
        checker.row = position
        _check_text_cells(checker, cells, specs)
        record = parse_row(checker, cells)
        record["row_number"] = position
        records.append(record)
    typed = pd.DataFrame(records, dtype=object)
    for column in COUNT_COLUMNS[kind]:
        typed[column] = pd.array(typed[column].tolist(), dtype="Int64")
    _check_schema(typed, kind, issues)
    issues.sort(key=lambda i: (i.row or 0, i.column or ""))
    if not issues:
        typed["natural_key"] = typed.apply(lambda r: natural_key(kind, r), axis=1)
        typed["content_hash"] = typed.apply(lambda r: content_hash(kind, r), axis=1)
        duplicated = typed["natural_key"].duplicated(keep=False)
        typed["duplicate_in_file"] = duplicated
    return ValidationResult(kind, len(raw), typed, issues)


def _check_text_cells(checker: _RowChecker, cells: dict, specs: dict[str, ColumnSpec]) -> None:
    for name, value in cells.items():
        if isinstance(value, str) and looks_like_formula(value) and specs[name].cell != "count":
            checker.fail(
                name,
                value,
                "nilai diawali karakter rumus (= + - @): tidak diizinkan",
                "value starts with a spreadsheet formula character (= + - @): not allowed",
            )
            cells[name] = None
        elif isinstance(value, str) and value.startswith("=") and specs[name].cell == "count":
            checker.fail(
                name,
                value,
                "rumus spreadsheet tidak diizinkan; isi angkanya",
                "spreadsheet formulas are not allowed; enter the number",
            )
            cells[name] = None


def _text(value: object) -> str | None:
    return None if is_blank(value) else str(value).strip()


def _source(checker: _RowChecker, cells: dict) -> tuple[str | None, str | None]:
    url, name = _text(cells.get("source_url")), _text(cells.get("source_name"))
    if url and not _URL_RE.match(url):
        checker.fail(
            "source_url",
            url,
            "bukan alamat web (harus diawali http:// atau https://)",
            "not a web address (must start with http:// or https://)",
        )
    if not url and not name:
        checker.fail(
            "source_url",
            "",
            "sumber wajib diisi: setiap angka harus punya sumber",
            "source is required: every figure needs its source",
        )
    return url, name


def _dates(checker: _RowChecker, cells: dict, start_col: str, end_col: str):
    start = checker.parse(start_col, cells.get(start_col), parse_date)
    end = checker.parse(end_col, cells.get(end_col), parse_date)
    if start is not None and end is not None and end.end < start.start:
        checker.fail(
            end_col, cells.get(end_col), "tanggal akhir sebelum tanggal mulai", "end date is before the start date"
        )
    return start, end


def _parse_enforcement(checker: _RowChecker, cells: dict) -> dict:
    record: dict = {"reporting_unit": _text(cells.get("reporting_unit"))}
    if record["reporting_unit"] is None:
        checker.fail("reporting_unit", "", "unit pelapor wajib diisi", "reporting unit is required")
    scope = checker.choice("scope", cells.get("scope"), vocab.SCOPE_SYNONYMS, "nasional, provinsi, kabupaten")
    province = checker.place("province", cells.get("province"), "province")
    regency = checker.place("regency", cells.get("regency"), "regency", province.code if province else None)
    if regency is not None and province is not None and regency.province_code != province.code:
        checker.fail(
            "regency",
            cells.get("regency"),
            f"{regency.name} tidak berada di provinsi {province.name}",
            f"{regency.name} is not in the province {province.name}",
        )
    if province is None and regency is not None:
        province = checker.gazetteer.by_code(regency.province_code)
    if scope is None:
        scope = "regency" if regency else "province" if province else "national"
    if scope != "national" and province is None and record["reporting_unit"] and is_blank(cells.get("province")):
        try:  # "Polda Kalbar" names its province
            unit = checker.gazetteer.resolve(record["reporting_unit"], "province")
            province = unit
        except PlaceError:
            checker.fail(
                "province",
                "",
                "provinsi wajib diisi untuk cakupan provinsi/kabupaten",
                "province is required for province or regency scope",
            )
    if scope == "regency" and regency is None and is_blank(cells.get("regency")):
        checker.fail(
            "regency", "", "kabupaten/kota wajib diisi untuk cakupan kabupaten", "regency is required for regency scope"
        )
    start, end = _dates(checker, cells, "period_start", "period_end")
    announced = checker.parse("announced_date", cells.get("announced_date"), parse_date)
    if (
        end is None
        and announced is None
        and is_blank(cells.get("period_end"))
        and is_blank(cells.get("announced_date"))
    ):
        checker.fail(
            "period_end",
            "",
            "tanggal wajib: isi periode akhir atau tanggal rilis",
            "a date is required: fill period end or announced date",
        )
    counts = {name: checker.parse(name, cells.get(name), parse_count) for name in COUNT_COLUMNS["enforcement"]}
    if all(v is None for v in counts.values()) and not any(
        not is_blank(cells.get(n)) for n in COUNT_COLUMNS["enforcement"]
    ):
        checker.fail(
            "police_reports",
            "",
            "tidak ada angka: isi minimal satu kolom jumlah",
            "no figures: fill at least one count column",
        )
    url, source_name = _source(checker, cells)
    status = checker.choice(
        "verification_status",
        cells.get("verification_status"),
        vocab.VERIFICATION_SYNONYMS,
        "draf, terverifikasi, dipersoalkan, digantikan",
    )
    record.update(
        scope=scope,
        province_code=province.code if province else None,
        regency_code=regency.code if regency else None,
        period_start=start.start if start else None,
        period_start_precision=start.precision if start else None,
        period_end=end.end if end else None,
        period_end_precision=end.precision if end else None,
        cumulative=checker.parse("cumulative", cells.get("cumulative"), parse_bool),
        announced_date=announced.start if announced else None,
        source_url=url,
        source_name=source_name,
        verification_status=status or "draft",
        **counts,
    )
    for name in (
        "notes",
        "record_ref",
        "series",
        "source_agency",
        "corroborating_urls",
        "list_id",
        "list_status",
        "coverage_note",
        "conflict_note",
        "modus_pmi_prt",
        "modus_psk",
        "modus_abk",
        "modus_child_exploitation",
        "modus_other",
        "modus_unit",
    ):
        record[name] = _text(cells.get(name))
    if record["series"] and record["series"] not in vocab.SERIES:
        checker.fail(
            "series",
            record["series"],
            "seri tidak dikenal; pilihan: " + ", ".join(vocab.SERIES),
            "unknown series; choose: " + ", ".join(vocab.SERIES),
        )
    record["series"] = record["series"] or "upload"
    return record


def _parse_activity(checker: _RowChecker, cells: dict) -> dict:
    start, end = _dates(checker, cells, "date", "end_date")
    if start is None and is_blank(cells.get("date")):
        checker.fail("date", "", "tanggal kegiatan wajib diisi", "activity date is required")
    province = checker.place("province", cells.get("province"), "province")
    regency = checker.place("regency", cells.get("regency"), "regency", province.code if province else None)
    if regency is not None and province is not None and regency.province_code != province.code:
        checker.fail(
            "regency",
            cells.get("regency"),
            f"{regency.name} tidak berada di provinsi {province.name}",
            f"{regency.name} is not in the province {province.name}",
        )
    if province is None and regency is not None:
        province = checker.gazetteer.by_code(regency.province_code)
    if province is None and is_blank(cells.get("province")) and is_blank(cells.get("regency")):
        checker.fail("province", "", "provinsi atau kabupaten/kota wajib diisi", "province or regency is required")
    activity_type = checker.choice(
        "activity_type", cells.get("activity_type"), vocab.ACTIVITY_TYPE_SYNONYMS, ", ".join(vocab.ACTIVITY_TYPES)
    )
    if activity_type is None and is_blank(cells.get("activity_type")):
        checker.fail("activity_type", "", "jenis kegiatan wajib diisi", "activity type is required")
    for name in ("title", "organizer"):
        if is_blank(cells.get(name)):
            checker.fail(name, "", f"kolom {name} wajib diisi", f"{name} is required")
    pillars = []
    for part in _split_list(cells.get("pillar")):
        key = vocab.lookup(part, vocab.PILLAR_SYNONYMS)
        if key is None:
            checker.fail(
                "pillar",
                part,
                "bidang tidak dikenal; pilihan: " + ", ".join(vocab.PILLARS),
                "unknown pillar; choose: " + ", ".join(vocab.PILLARS),
            )
        elif key not in pillars:
            pillars.append(key)
    url, source_name = _source(checker, cells)
    return {
        "date": start.start if start else None,
        "date_precision": start.precision if start else None,
        "end_date": end.end if end else None,
        "province_code": province.code if province else None,
        "regency_code": regency.code if regency else None,
        "activity_type": activity_type,
        "title": _text(cells.get("title")),
        "organizer": _text(cells.get("organizer")),
        "organizer_type": checker.choice(
            "organizer_type",
            cells.get("organizer_type"),
            vocab.ORGANIZER_TYPE_SYNONYMS,
            ", ".join(vocab.ORGANIZER_TYPES),
        ),
        "partners": "; ".join(_split_list(cells.get("partners"))) or None,
        "pillars": ";".join(pillars) or None,
        "target_group": _text(cells.get("target_group")),
        "participants": checker.parse("participants", cells.get("participants"), parse_count),
        "mode": checker.choice("mode", cells.get("mode"), vocab.MODE_SYNONYMS, "luring, daring, hibrida"),
        "source_url": url,
        "source_name": source_name,
        "notes": _text(cells.get("notes")),
        "record_ref": _text(cells.get("record_ref")),
        "verification_status": checker.choice(
            "verification_status", cells.get("verification_status"), vocab.VERIFICATION_SYNONYMS, "draf, terverifikasi"
        )
        or "draft",
    }


def _split_list(value: object) -> list[str]:
    if is_blank(value):
        return []
    return [p.strip() for p in re.split(r"[;\n]", str(value)) if p.strip()]


_TEMPLATE_COLUMN = {"province_code": "province", "regency_code": "regency"}
_SCHEMA_MESSAGES = {
    "non_negative": ("jumlah tidak boleh negatif", "count must not be negative"),
    "not_future": ("tanggal di masa depan", "date is in the future"),
    "not_nullable": ("nilai wajib diisi", "value is required"),
}


def _check_schema(typed: pd.DataFrame, kind: Kind, issues: list[Issue]) -> None:
    """Run the pandera value rules lazily and turn each failure case into an issue."""
    already = {(i.row, i.column) for i in issues}
    try:
        typed_schema(kind).validate(typed, lazy=True)
    except pa.errors.SchemaErrors as exc:
        for case in exc.failure_cases.to_dict("records"):
            index, column = case.get("index"), case.get("column")
            if index is None or pd.isna(index):
                continue
            row = int(typed.loc[int(index), "row_number"])
            column = _TEMPLATE_COLUMN.get(column, column)
            if (row, column) in already:
                continue  # already reported with a more precise reason
            check = str(case.get("check", ""))
            key = next((k for k in _SCHEMA_MESSAGES if k in check), None)
            message_id, message_en = _SCHEMA_MESSAGES.get(key, (f"aturan gagal: {check}", f"rule failed: {check}"))
            issues.append(Issue(row, column, _cell_text(case.get("failure_case")), message_id, message_en))
            already.add((row, column))


_KEY_FIELDS: dict[Kind, tuple[str, ...]] = {
    "enforcement": (
        "reporting_unit",
        "scope",
        "province_code",
        "regency_code",
        "period_start",
        "period_end",
        "cumulative",
        "announced_date",
        "source_url",
        "source_name",
    ),
    "activities": ("date", "province_code", "regency_code", "activity_type", "title", "source_url", "source_name"),
}


def _jsonable(value: object) -> object:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value


def natural_key(kind: Kind, record) -> str:
    """Stable identity of a record: its ``record_ref`` or a hash of the fields that define it."""
    ref = record.get("record_ref")
    if ref is not None and not is_blank(ref):
        return f"ref:{ref}"
    parts = [_jsonable(record.get(f)) for f in _KEY_FIELDS[kind]]
    parts = [normalize(p) if isinstance(p, str) else p for p in parts]
    digest = hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()[:32]
    return f"h:{digest}"


def record_values(kind: Kind, record) -> dict[str, object]:
    """The stored fields of a record as JSON-ready values."""
    from etl.store import record_columns

    return {name: _jsonable(record.get(name)) for name in record_columns(kind)}


def content_hash(kind: Kind, record) -> str:
    """Hash of every stored value except the verification status (set by corrections, not by files):
    equal hashes mean an unchanged record."""
    values = record_values(kind, record)
    values.pop("verification_status", None)
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()[:32]
