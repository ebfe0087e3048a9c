"""Turn a raw table into typed, validated records, reporting every problem at once.

Each problem names the 1-based data row (header excluded), the column, the value and the
reason in Bahasa Indonesia and English. Nothing here writes anything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pandera.pandas as pa

from etl.cells import FrameChecker, cell_text
from etl.gazetteer import Gazetteer, default_gazetteer, normalize
from etl.issues import Issue
from etl.parsing import is_blank
from etl.readers import RawTable, ReadError, read_table
from etl.record_rules import activity_columns, enforcement_columns
from etl.schemas import COLUMNS, COUNT_COLUMNS, Kind, header_map, typed_schema


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
    checker = FrameChecker(frame, gazetteer, issues)
    for spec in COLUMNS[kind]:
        checker.refuse_formulas(spec.name, count_cell=spec.cell == "count")
    columns = enforcement_columns(checker) if kind == "enforcement" else activity_columns(checker)
    typed = pd.DataFrame({name: pd.Series(values, dtype=object) for name, values in columns.items()})
    typed["row_number"] = np.arange(1, len(frame) + 1)
    for column in COUNT_COLUMNS[kind]:
        typed[column] = _nullable_ints(columns[column])
    _check_schema(typed, kind, issues)
    issues.sort(key=lambda i: (i.row or 0, i.column or ""))
    if not issues:
        typed["natural_key"] = natural_keys(kind, typed)
        contents = content_json(kind, typed)  # kept as Python strings: no Arrow copy of 100,000 JSON texts
        typed[CONTENT_JSON] = pd.Series(contents, index=typed.index, dtype=object)
        typed["content_hash"] = pd.Series(_sha(contents), index=typed.index, dtype=object)
        typed["duplicate_in_file"] = typed["natural_key"].duplicated(keep=False)
    return ValidationResult(kind, len(raw), typed, issues)


def _nullable_ints(values: np.ndarray) -> pd.arrays.IntegerArray:
    """An object array of Python ints and None as a nullable Int64 array."""
    missing = pd.isna(values)
    return pd.arrays.IntegerArray(np.where(missing, 0, values).astype(np.int64), missing)


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
            issues.append(Issue(row, column, cell_text(case.get("failure_case")), message_id, message_en))
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


def record_values(kind: Kind, record) -> dict[str, object]:
    """The stored fields of a record as JSON-ready values."""
    from etl.store import record_columns

    return {name: _jsonable(record.get(name)) for name in record_columns(kind)}


# -- identity and content hashes, a whole frame at a time (each distinct value is encoded once) ----


_SEGMENT_SHARE = 16  # a segment of columns grows while its distinct value combinations stay under rows / 16


def _factorized(values: pd.Series, transform=None, prefix: str = "", suffix: str = "") -> tuple[np.ndarray, list[str]]:
    """Codes per row and, per code, ``prefix`` + JSON text + ``suffix`` of the value after :func:`_jsonable`
    (and ``transform`` of strings): each distinct value is encoded once."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    texts = []
    for value in [*uniques.tolist(), None]:  # the last text is for missing values (code -1)
        plain = _jsonable(value)
        if transform is not None and isinstance(plain, str):
            plain = transform(plain)
        texts.append(prefix + json.dumps(plain, default=str) + suffix)
    return np.where(codes < 0, len(texts) - 1, codes), texts


def _joined_rows(columns: list[tuple[np.ndarray, list[str]]], separator: str = ", ") -> list[str]:
    """``separator.join`` of each row's texts, given column-wise as (codes, texts).

    Neighbouring columns are merged while their distinct combinations stay few, and the text of each
    combination is built once; only the few resulting segments are joined per row.
    """
    rows = len(columns[0][0])
    limit = max(rows // _SEGMENT_SHARE, 1)
    segments = []
    codes, texts = columns[0]
    for next_codes, next_texts in columns[1:]:
        combined, pairs = pd.factorize(codes.astype(np.int64) * len(next_texts) + next_codes)
        if len(pairs) <= limit:
            left, right = np.divmod(pairs, len(next_texts))
            texts = [texts[a] + separator + next_texts[b] for a, b in zip(left.tolist(), right.tolist(), strict=True)]
            codes = combined
        else:
            segments.append((codes, texts))
            codes, texts = next_codes, next_texts
    segments.append((codes, texts))
    per_row = [np.array(texts, dtype=object)[codes].tolist() for codes, texts in segments]
    if len(per_row) == 1:
        return per_row[0]
    return [separator.join(row) for row in zip(*per_row, strict=True)]


def _column_values(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame[name] if name in frame.columns else pd.Series([None] * len(frame), index=frame.index, dtype=object)


def json_objects(frame: pd.DataFrame, names: list[str]) -> list[str]:
    """``json.dumps({name: value})`` of each row, for ``names`` in the given order."""
    if frame.empty:
        return []
    last = len(names) - 1
    columns = [
        _factorized(
            _column_values(frame, name),
            prefix=("{" if i == 0 else "") + json.dumps(name) + ": ",
            suffix="}" * (i == last),
        )
        for i, name in enumerate(names)
    ]
    return _joined_rows(columns)


def _sha(texts: list[str]) -> list[str]:
    return [hashlib.sha256(text.encode()).hexdigest()[:32] for text in texts]


def natural_keys(kind: Kind, frame: pd.DataFrame) -> list[str]:
    """Stable identity of each record: ``ref:<record_ref>``, or ``h:`` + SHA-256 of the JSON list of the
    defining fields (text normalised). Stored in the database: changing the recipe breaks re-uploads."""
    if frame.empty:
        return []
    fields = _KEY_FIELDS[kind]
    columns = [
        _factorized(_column_values(frame, name), normalize, "[" * (i == 0), "]" * (i == len(fields) - 1))
        for i, name in enumerate(fields)
    ]
    hashes = _sha(_joined_rows(columns))
    refs = _column_values(frame, "record_ref")
    if refs.isna().all():
        return ["h:" + h for h in hashes]
    return [
        f"ref:{ref}" if ref is not None and not is_blank(ref) else f"h:{h}"
        for ref, h in zip(refs.tolist(), hashes, strict=True)
    ]


CONTENT_JSON = "_content_json"  # column of the validated frame: the JSON the content hash is taken of


def content_json(kind: Kind, frame: pd.DataFrame) -> list[str]:
    """Each record's stored values as JSON with sorted keys, verification status left out (set by
    corrections, not by files). The store keeps it as the version of an inserted record."""
    from etl.store import record_columns

    return json_objects(frame, sorted(n for n in record_columns(kind) if n != "verification_status"))


def content_hashes(kind: Kind, frame: pd.DataFrame) -> list[str]:
    """SHA-256 of :func:`content_json`: equal hashes mean an unchanged record."""
    return _sha(content_json(kind, frame))
