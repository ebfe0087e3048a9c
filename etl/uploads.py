"""The upload path shared by the page and the CLI: read, validate, guard personal data, preview, commit."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd
from sqlalchemy.engine import Engine

from etl import store
from etl.batches import changes_table
from etl.pii import personal_data_issues
from etl.schemas import Kind
from etl.validation import ValidationResult, validate_bytes

PREVIEW_ROWS = 1000  # rows of each preview part shown on the page (a 100,000-row file is saved whole)


@dataclass
class UploadCheck:
    """A checked file: its issues (all of them) or, when clean, what committing it would do."""

    file_name: str
    sha256: str
    result: ValidationResult
    preview: store.Preview | None = None
    changes: pd.DataFrame | None = None

    @property
    def summary(self) -> store.BatchSummary | None:
        return self.preview.summary if self.preview is not None else None

    @property
    def parts(self) -> dict[str, pd.DataFrame]:
        return self.preview.parts if self.preview is not None else {}

    @property
    def ok(self) -> bool:
        return self.result.ok

    def shown_part(self, name: str, lang: str = "en", limit: int = PREVIEW_ROWS) -> tuple[pd.DataFrame, int]:
        """The first ``limit`` rows of a preview part (new, changes, unchanged, duplicate) as shown on the page,
        and how many rows the part holds."""
        if name == "changes":
            changes = self.changes if self.changes is not None else pd.DataFrame()
            return changes.head(limit), len(changes)
        return self.part_frame(name, lang, limit), len(self.parts.get(name, ()))

    def part_frame(self, name: str, lang: str = "en", limit: int | None = None) -> pd.DataFrame:
        """Rows of one preview part (new, changed, unchanged, duplicate), the first ``limit`` of them, with
        place names beside codes and, for ``lang="id"``, the template's Indonesian column names."""
        from etl.gazetteer import default_gazetteer
        from etl.schemas import COLUMNS

        frame = self.parts.get(name, pd.DataFrame())
        frame = frame if limit is None else frame.head(limit)
        hidden = [
            c for c in frame.columns if c.startswith("_") or c in ("natural_key", "content_hash", "duplicate_in_file")
        ]
        frame = frame.drop(columns=hidden).reset_index(drop=True)
        gazetteer = default_gazetteer()
        for column, label in (("province_code", "province"), ("regency_code", "regency")):
            if column in frame:
                names = frame[column].map(lambda c: gazetteer.by_code(c).name if isinstance(c, str) else None)
                frame.insert(frame.columns.get_loc(column), label, names)
        if lang == "id":
            names_id = {spec.name: spec.name_id for spec in COLUMNS[self.result.kind]}
            frame = frame.rename(columns={c: names_id.get(c, c) for c in frame.columns})
        return frame


def check_upload(engine: Engine, data: bytes, file_name: str, kind: Kind | None = None) -> UploadCheck:
    """Validate ``data``; with no issue, diff it against the store. Nothing is written."""
    digest = hashlib.sha256(data).hexdigest()
    result = validate_bytes(data, kind)
    if result.source is not None:
        result.issues.extend(personal_data_issues(result.source.frame))
        result.issues.sort(key=lambda i: (i.row or 0, i.column or ""))
    check = UploadCheck(file_name, digest, result)
    if result.ok:
        check.preview = store.preview_batch(engine, result.kind, result.frame)
        check.changes = changes_table(check.parts, result.kind)
    return check


def commit_upload(engine: Engine, check: UploadCheck, user_name: str) -> store.BatchSummary:
    """Commit a clean, previewed file as one batch."""
    if not check.ok:
        raise ValueError("a file with errors is never committed")
    result = check.result
    return store.commit_batch(
        engine, result.kind, result.frame, check.file_name, check.sha256, user_name, preview=check.preview
    )
