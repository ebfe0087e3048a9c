"""Column-wise cell checking: each distinct value of a column is parsed once, then spread to its rows.

A 100,000-row upload holds a few thousand distinct dates, places and labels; parsing those instead
of every cell is what makes validation fast. Problems are collected as :class:`etl.validation.Issue`
with the 1-based data row; only the first problem of a cell is reported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np
import pandas as pd

from etl import vocab
from etl.gazetteer import Gazetteer, Place, PlaceError
from etl.issues import Issue
from etl.parsing import ParseError, is_blank
from etl.plaintext import character_name, normalise_cell, refused_character, starts_like_formula

Message = str | Callable[[int], str]


def cell_text(value: object) -> str:
    """A cell as shown in an error message."""
    if is_blank(value):
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    return str(value)


def object_array(values: list) -> np.ndarray:
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


class ColumnValues:
    """Per-row results of one column, computed on its distinct values (``codes`` index ``uniques``; -1 = none)."""

    def __init__(self, codes: np.ndarray, uniques: np.ndarray) -> None:
        self.codes = codes
        self.uniques = uniques

    @property
    def rows(self) -> np.ndarray:
        """One value per row (None where the cell was blank or refused)."""
        return np.append(self.uniques, None)[self.codes]

    def map(self, func: Callable[[object], object]) -> np.ndarray:
        """``func`` of each row's value (None stays None), computed once per distinct value."""
        mapped = object_array([None if u is None else func(u) for u in self.uniques])
        return np.append(mapped, None)[self.codes]

    @property
    def present(self) -> np.ndarray:
        """True where the row has a value."""
        return np.append(np.array([u is not None for u in self.uniques], dtype=bool), False)[self.codes]


class FrameChecker:
    """Checks the cells of a frame whose columns carry template names; collects issues."""

    def __init__(self, frame: pd.DataFrame, gazetteer: Gazetteer, issues: list[Issue]) -> None:
        self.frame = frame.reset_index(drop=True)
        self.rows = len(self.frame)
        self.gazetteer = gazetteer
        self.issues = issues
        self._seen: set[tuple[int, str]] = set()
        self._factors: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    # -- reporting ------------------------------------------------------------------------

    def fail(
        self,
        mask: np.ndarray,
        column: str,
        message_id: Message,
        message_en: Message,
        values: np.ndarray | str | None = None,
    ) -> None:
        """Report a problem in ``column`` for every row where ``mask`` holds (first problem per cell wins).

        ``values`` gives the value to show per row, or one text for all (default: the cell as read); messages may be
        functions of the 0-based row position.
        """
        for position in np.flatnonzero(mask).tolist():
            key = (position + 1, column)
            if key in self._seen:
                continue
            self._seen.add(key)
            if isinstance(values, str):
                value: object = values
            else:
                value = values[position] if values is not None else self.cell(column, position)
            self.issues.append(
                Issue(
                    position + 1,
                    column,
                    cell_text(value)[:200],
                    message_id(position) if callable(message_id) else message_id,
                    message_en(position) if callable(message_en) else message_en,
                )
            )

    # -- raw cells ------------------------------------------------------------------------

    def _factor(self, column: str) -> tuple[np.ndarray, np.ndarray]:
        """Codes per row and distinct non-blank values of ``column`` (blank cells get -1)."""
        if column not in self._factors:
            codes, uniques = pd.factorize(self.frame[column], use_na_sentinel=True)
            uniques = object_array([normalise_cell(u) if isinstance(u, str) else u for u in uniques.tolist()])
            blank = np.array([is_blank(u) for u in uniques], dtype=bool)
            if blank.any():
                codes = np.where(np.append(blank, True)[codes], -1, codes)
            self._factors[column] = (codes, uniques)
        return self._factors[column]

    def cell(self, column: str, position: int) -> object:
        codes, uniques = self._factor(column)
        code = codes[position]
        return None if code < 0 else uniques[code]

    def blank(self, column: str) -> np.ndarray:
        """True where the cell is empty (or was refused as a formula)."""
        return self._factor(column)[0] < 0

    def values(self, column: str) -> ColumnValues:
        return ColumnValues(*self._factor(column))

    def refuse_formulas(self, column: str, count_cell: bool) -> None:
        """Report control characters and formula-like text (checked after trimming leading whitespace, NBSP
        and line breaks) and treat those cells as empty from here on."""
        codes, uniques = self._factor(column)
        errors: list[tuple[str, str] | None] = []
        for value in uniques.tolist():
            char = refused_character(value) if isinstance(value, str) else None
            if char is not None:
                name = character_name(char)
                errors.append(
                    (
                        f"karakter kendali {name} di dalam sel tidak diizinkan; hapus karakter itu",
                        f"control character {name} inside the cell is not allowed; remove it",
                    )
                )
            elif starts_like_formula(value, numbers_allowed=count_cell):
                errors.append(
                    (
                        "rumus spreadsheet tidak diizinkan; isi angkanya",
                        "spreadsheet formulas are not allowed; enter the number",
                    )
                    if count_cell
                    else (
                        "nilai diawali karakter rumus (= + - @): tidak diizinkan",
                        "value starts with a spreadsheet formula character (= + - @): not allowed",
                    )
                )
            else:
                errors.append(None)
        bad = np.array([e is not None for e in errors], dtype=bool)
        if not bad.any():
            return
        rows = np.append(bad, False)[codes]
        self._report(column, codes, errors)
        self._factors[column] = (np.where(rows, -1, codes), uniques)

    # -- typed values ---------------------------------------------------------------------

    def parse(self, column: str, parser: Callable[[object], object]) -> ColumnValues:
        """Parse each distinct value; rows whose value fails get the parser's message and None."""
        codes, uniques = self._factor(column)
        parsed, errors = [], []
        for value in uniques:
            try:
                parsed.append(parser(value))
                errors.append(None)
            except ParseError as exc:
                parsed.append(None)
                errors.append((exc.message_id, exc.message_en))
        self._report(column, codes, errors)
        return ColumnValues(codes, object_array(parsed))

    def _report(self, column: str, codes: np.ndarray, errors: list) -> None:
        failing = np.array([e is not None for e in errors] + [False], dtype=bool)
        if failing.any():
            error_rows = object_array([*errors, None])[codes]
            self.fail(failing[codes], column, lambda p: error_rows[p][0], lambda p: error_rows[p][1])

    def text(self, column: str) -> ColumnValues:
        """Stripped text (None where blank)."""
        codes, uniques = self._factor(column)
        return ColumnValues(codes, object_array([str(u).strip() for u in uniques]))

    def choice(self, column: str, synonyms: dict[str, str], allowed: str) -> ColumnValues:
        """A vocabulary key per row; unknown values are reported."""
        codes, uniques = self._factor(column)
        keys = [vocab.lookup(str(u), synonyms) for u in uniques]
        unknown = [
            None if k is not None else (f"nilai tidak dikenal; pilihan: {allowed}", f"unknown value; choose: {allowed}")
            for k in keys
        ]
        self._report(column, codes, unknown)
        return ColumnValues(codes, object_array(keys))

    def place(self, column: str, level: str, province_codes: np.ndarray | None = None) -> np.ndarray:
        """Resolved :class:`Place` per row (None where blank or unresolved); ``province_codes`` narrow regencies."""
        codes, uniques = self._factor(column)
        hint_codes, found = np.full(self.rows, -1, dtype=np.int64), []
        if province_codes is not None:
            hint_codes, found = pd.factorize(pd.Series(province_codes, dtype=object))
        hints = [*list(found), None]  # the last hint (code -1) is "no province"
        hint_codes = np.where(hint_codes < 0, len(hints) - 1, hint_codes)
        pair_index, pairs = pd.factorize((codes.astype(np.int64) + 1) * len(hints) + hint_codes)
        places: list[Place | None] = []
        errors = []
        for pair in pairs.tolist():
            code, hint = divmod(pair, len(hints))
            code -= 1
            if code < 0:
                places.append(None)
                errors.append(None)
                continue
            try:
                places.append(self.gazetteer.resolve(str(uniques[code]).strip(), level, hints[hint]))  # type: ignore[arg-type]
                errors.append(None)
            except PlaceError as exc:
                places.append(None)
                errors.append((exc.message_id, exc.message_en))
        self._report(column, pair_index, errors)
        return object_array(places)[pair_index]


def attribute(places: np.ndarray, name: str) -> np.ndarray:
    """``place.<name>`` per row (None where there is no place)."""
    return object_array([getattr(p, name) if p is not None else None for p in places.tolist()])
