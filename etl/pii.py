"""Personal-data guard for uploads: no NIK, phone numbers, e-mail addresses or personal-name columns.

Uses the detector of the ``lokal-id`` package; a cheap pre-filter keeps it fast on large files.
"""

from __future__ import annotations

import re

import pandas as pd
from lokal import detect_pii, field_type

from etl.gazetteer import normalize
from etl.issues import Issue

_VALUE_TYPES = ("NIK", "KK", "PHONE", "EMAIL", "PASSPORT")
_CANDIDATE = re.compile(r"\d[\d .\-]{8,}\d|@")
_NAME_HEADER = re.compile(r"\b(nama|name)\b")
_LABELS = {
    "NIK": ("NIK", "national ID number (NIK)"),
    "KK": ("nomor KK", "family card number"),
    "PHONE": ("nomor telepon", "phone number"),
    "EMAIL": ("alamat e-mail", "e-mail address"),
    "PASSPORT": ("nomor paspor", "passport number"),
    "NAME": ("nama orang", "personal name"),
    "ADDRESS": ("alamat", "address"),
    "BIRTH_DATE": ("tanggal lahir", "birth date"),
}


def _mask(value: str) -> str:
    return value[:3] + "…" + value[-2:] if len(value) > 6 else "…"


def personal_data_issues(frame: pd.DataFrame) -> list:
    """Issues for personal-data columns and cells; cell values are masked in the messages."""
    from etl.schemas import header_map

    known = set(header_map("enforcement")) | set(header_map("activities"))
    issues = []
    for column in frame.columns:
        header = str(column)
        if normalize(header.replace("_", " ")) in known:
            continue  # template columns hold counts and agency names, not people (e.g. "tersangka" = suspects)
        tokens = normalize(header.replace("_", " ")).split()
        kind = field_type(header) or next((field_type(token) for token in tokens if field_type(token)), None)
        kind = kind or ("NAME" if _NAME_HEADER.search(" ".join(tokens)) else None)
        if kind:
            label_id, label_en = _LABELS.get(kind, (kind, kind))
            issues.append(
                Issue(
                    None,
                    header,
                    "",
                    f"kolom ini tampak berisi data pribadi ({label_id}): tidak boleh diunggah",
                    f"this column looks like personal data ({label_en}): it may not be uploaded",
                )
            )
    for column in frame.columns:
        values = frame[column]
        found = _personal_values(set(values.unique().tolist()))  # each distinct value is scanned once
        if not found:
            continue
        for position, value in enumerate(values.tolist(), start=1):
            if value in found:
                match = found[value]
                label_id, label_en = _LABELS.get(match.type, (match.type, match.type))
                issues.append(
                    Issue(
                        position,
                        str(column),
                        _mask(match.value),
                        f"berisi data pribadi ({label_id}): hapus sebelum mengunggah",
                        f"contains personal data ({label_en}): remove it before uploading",
                    )
                )
    return issues


def _personal_values(values: set) -> dict:
    """Value -> its first high-confidence personal-data match, for the values that have one."""
    found = {}
    for value in values:
        if isinstance(value, str) and _CANDIDATE.search(value):
            matches = list(detect_pii(value, types=_VALUE_TYPES, min_confidence="high"))
            if matches:
                found[value] = matches[0]
    return found
