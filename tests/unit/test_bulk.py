"""Bulk inserts: rows grouped by the columns that hold a value, ids in input order, NULLs kept."""

from __future__ import annotations

import numpy as np
import sqlalchemy as sa

from etl import bulk


def _table_in_memory() -> tuple[sa.Engine, sa.Table]:
    """A small table with the column types records use, in an in-memory SQLite database."""
    metadata = sa.MetaData()
    table = sa.Table(
        "t",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("count", sa.Integer),
        sa.Column("day", sa.Date),
        sa.Column("flag", sa.Boolean),
    )
    engine = sa.create_engine("sqlite://")
    metadata.create_all(engine)
    return engine, table


def test_rows_keep_their_values_nulls_and_input_order(monkeypatch):
    import datetime as dt

    monkeypatch.setattr(bulk, "GROUP_MIN_ROWS", 3)
    engine, table = _table_in_memory()
    rows = 40
    columns = {
        "name": [f"r{i}" for i in range(rows)],
        "count": [i if i % 3 else None for i in range(rows)],
        "day": [dt.date(2024, 1, 1 + i % 28) if i % 5 else None for i in range(rows)],
        "flag": [bool(i % 2) if i % 7 else None for i in range(rows)],
    }
    with engine.begin() as conn:
        conn.execute(table.insert().values(id=1, name="before"))
        bulk.bulk_insert(conn, table, columns)
        stored = conn.execute(sa.select(table).order_by(table.c.id)).all()
    assert [r.name for r in stored] == ["before", *columns["name"]]  # ids follow the input, not the groups
    assert [r.id for r in stored] == list(range(1, rows + 2))
    assert [r.count for r in stored[1:]] == columns["count"]
    assert [r.day for r in stored[1:]] == columns["day"]
    assert [r.flag for r in stored[1:]] == columns["flag"]


def test_presence_groups_name_only_the_columns_with_values(monkeypatch):
    monkeypatch.setattr(bulk, "GROUP_MIN_ROWS", 2)
    values = {
        "a": np.array(["x", "y", "z", "w", "v"], dtype=object),
        "b": np.array([1, None, 2, None, 3], dtype=object),
        "c": np.array([None, None, None, None, 9], dtype=object),
        "d": np.array([None] * 5, dtype=object),
    }
    groups = bulk.presence_groups(values)
    named = {tuple(columns): positions.tolist() for columns, positions in groups}
    # rows 0 and 2 share (a, b); rows 1 and 3 share (a); row 4 alone is rare and joins the shared statement
    assert named == {("a", "b"): [0, 2], ("a",): [1, 3], ("a", "b", "c"): [4]}
    assert sorted(p for _, positions in groups for p in positions.tolist()) == list(range(5))


def test_many_rare_patterns_still_insert_every_row():
    engine, table = _table_in_memory()
    rows = 300
    columns = {
        "name": [f"r{i}" for i in range(rows)],
        "count": [i if i % 2 else None for i in range(rows)],
        "flag": [True if i % 3 == 0 else None for i in range(rows)],
    }
    with engine.begin() as conn:
        bulk.bulk_insert(conn, table, columns)
        stored = conn.execute(sa.select(table.c.name, table.c.count, table.c.flag).order_by(table.c.id)).all()
    assert [tuple(r) for r in stored] == list(zip(columns["name"], columns["count"], columns["flag"], strict=True))
