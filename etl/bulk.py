"""Column-wise bulk inserts through the database driver's ``executemany``.

SQLAlchemy's per-row parameter handling cost more than the database's own work at 100,000 rows, so
values go to the driver directly, each column's bind processor applied once per distinct value.

On SQLite, binding ``None`` through Python's ``sqlite3`` costs about ten times an integer (it goes
through the adapter lookup), and a record row is mostly empty columns. Rows are therefore grouped by
which columns hold a value, and each group's INSERT names only those columns (the rest are NULL by
default). Their ids are given explicitly, in the order of the input, so records keep the order of the
file whatever the grouping. Rows of rare patterns share one statement that names every column they use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

INSERT_ROWS = 5000  # rows per executemany: the unit a failure half-way interrupts
GROUP_MIN_ROWS = 64  # a pattern of present columns with fewer rows joins the shared statement
MAX_GROUPS = 64  # statements per insert at most (each is compiled and prepared once)


def chunks(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def insert_chunk(conn: Connection, statement: str, rows: list) -> None:
    """One executemany of a chunk of rows."""
    conn.exec_driver_sql(statement, rows)


def bulk_insert(conn: Connection, table: sa.Table, columns: dict[str, list | np.ndarray]) -> None:
    """Insert rows given column-wise (``{column: values}``, a list or object array with None for
    missing) into ``table``."""
    if not columns or not len(next(iter(columns.values()))):
        return
    dialect = conn.dialect
    bound = {
        name: _bound(values, table.c[name].type.dialect_impl(dialect).bind_processor(dialect))
        for name, values in columns.items()
    }
    if dialect.name == "sqlite":
        _sqlite_insert(conn, table, bound)
    else:
        _insert_rows(conn, table, list(bound), bound, None)


def _bound(values: list | np.ndarray, process: Callable | None) -> np.ndarray:
    """``process`` applied once per distinct value (dates repeat a great deal), as an object array."""
    if process is not None:
        done = {value: process(value) for value in set(values) if value is not None}
        values = [None if value is None else done[value] for value in values]
    elif isinstance(values, np.ndarray) and values.dtype == object:
        return values
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def _insert_rows(
    conn: Connection, table: sa.Table, names: list[str], bound: dict[str, np.ndarray], positions: np.ndarray | None
) -> None:
    compiled = table.insert().compile(dialect=conn.dialect, column_keys=names)
    order = list(compiled.positiontup or names) if compiled.positional else names
    values = [(bound[name] if positions is None else bound[name][positions]).tolist() for name in order]
    rows: list = list(zip(*values, strict=True))
    if not compiled.positional:
        rows = [dict(zip(order, row, strict=True)) for row in rows]
    for chunk in chunks(rows, INSERT_ROWS):
        insert_chunk(conn, str(compiled), chunk)


def _sqlite_insert(conn: Connection, table: sa.Table, bound: dict[str, np.ndarray]) -> None:
    rows = len(next(iter(bound.values())))
    if "id" in table.c and "id" not in bound and table.c.id.primary_key:
        start = conn.execute(sa.select(sa.func.max(table.c.id))).scalar() or 0
        bound = {"id": np.arange(start + 1, start + 1 + rows, dtype=np.int64).astype(object), **bound}
    for names, positions in presence_groups(bound):
        _insert_rows(conn, table, names, bound, positions)


def presence_groups(bound: dict[str, np.ndarray]) -> list[tuple[list[str], np.ndarray]]:
    """Rows grouped by the columns that hold a value: ``(column names, row positions)`` per group, the
    largest groups first; rows of small groups are gathered into one last group naming every column
    any of them uses. Positions keep the input order inside a group."""
    names = list(bound)
    present = np.column_stack([~pd.isna(bound[name]) for name in names])
    inverse, patterns = _pattern_codes(present)
    counts = np.bincount(inverse, minlength=len(patterns))
    ranked = np.argsort(-counts, kind="stable")
    big = [g for g in ranked[:MAX_GROUPS] if counts[g] >= GROUP_MIN_ROWS]
    order = np.argsort(inverse, kind="stable")
    starts = np.concatenate([[0], np.cumsum(counts)])
    groups = []
    for g in big:
        columns = [name for name, used in zip(names, patterns[g], strict=True) if used] or names
        groups.append((columns, order[starts[g] : starts[g + 1]]))
    rest = np.ones(len(patterns), dtype=bool)
    rest[big] = False
    if rest.any():
        used = patterns[rest].any(axis=0)
        columns = [name for name, flag in zip(names, used, strict=True) if flag] or names
        groups.append((columns, np.flatnonzero(rest[inverse])))
    return groups


def _pattern_codes(present: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the index of its presence pattern; and the distinct patterns (rows of ``present``)."""
    mixed = np.flatnonzero(present.any(axis=0) & ~present.all(axis=0))
    if len(mixed) <= 62:  # one integer per row: a bit for each column that is only sometimes empty
        keys: object = present[:, mixed].astype(np.int64) @ (np.int64(1) << np.arange(len(mixed), dtype=np.int64))
    else:
        keys = [row.tobytes() for row in np.packbits(present, axis=1)]
    inverse, _ = pd.factorize(keys)
    _, first = np.unique(inverse, return_index=True)
    return inverse, present[first]
