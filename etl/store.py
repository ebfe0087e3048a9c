"""The store: SQLAlchemy tables, schema migrations, atomic batch commits and frame queries.

SQLite file under data/ by default, PostgreSQL when ``DATABASE_URL`` says so. Every load is
one transaction recorded in ``load_batches``; records are keyed by a natural key, so loading
the same file twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from etl import config
from etl.bulk import bulk_insert, chunks
from etl.schemas import Kind

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("description", sa.String(200), nullable=False),
    sa.Column("applied_at", sa.DateTime, nullable=False),
)

provinces = sa.Table(
    "provinces",
    metadata,
    sa.Column("code", sa.String(2), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
)

regencies = sa.Table(
    "regencies",
    metadata,
    sa.Column("code", sa.String(5), primary_key=True),
    sa.Column("province_code", sa.String(2), sa.ForeignKey("provinces.code"), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("type", sa.String(20), nullable=False),
)

aliases = sa.Table(
    "aliases",
    metadata,
    sa.Column("alias", sa.String(120), primary_key=True),
    sa.Column("code", sa.String(5), nullable=False),
    sa.Column("level", sa.String(10), nullable=False),
    sa.Column("note", sa.Text),
)

police_units = sa.Table(
    "police_units",
    metadata,
    sa.Column("unit", sa.String(120), primary_key=True),
    sa.Column("code", sa.String(5), nullable=False),
    sa.Column("level", sa.String(10), nullable=False),
    sa.Column("covers", sa.Text),
    sa.Column("valid_from", sa.Date),
    sa.Column("valid_to", sa.Date),
    sa.Column("note_id", sa.Text),
    sa.Column("note_en", sa.Text),
    sa.Column("excludes", sa.Text),  # regency codes inside ``covers`` that another unit polices (migration 4)
)

population = sa.Table(
    "population",
    metadata,
    sa.Column("record_ref", sa.String(20), primary_key=True),
    sa.Column("province_code", sa.String(2), sa.ForeignKey("provinces.code"), nullable=False),
    sa.Column("regency_code", sa.String(5)),  # set for a regency/city's population (migration 4)
    sa.Column("population", sa.Float),  # persons (converted from thousands); NULL = not captured
    sa.Column("value_as_published", sa.Float),
    sa.Column("unit_as_published", sa.Text),
    sa.Column("reference_period", sa.Text),
    sa.Column("source_org", sa.Text),
    sa.Column("source_type", sa.Text),
    sa.Column("use_for_rates", sa.Boolean, nullable=False),
    sa.Column("use_note", sa.Text),
    sa.Column("source_url", sa.Text),
    sa.Column("notes", sa.Text),
)

figure_conflicts = sa.Table(
    "figure_conflicts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("conflict_id", sa.String(20), nullable=False, index=True),
    sa.Column("kind", sa.String(30), nullable=False),
    sa.Column("scope", sa.String(10), nullable=False),
    sa.Column("province_code", sa.String(2)),
    sa.Column("metric", sa.String(40), nullable=False),
    sa.Column("period_start", sa.Text),
    sa.Column("period_end", sa.Text),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("record_ref", sa.Text),
    sa.Column("source_url", sa.Text),
    sa.Column("reporting_unit", sa.Text),
    sa.Column("announced_date", sa.Text),
    sa.Column("reason_id", sa.Text, nullable=False),
    sa.Column("reason_en", sa.Text, nullable=False),
)

sources = sa.Table(
    "sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source_key", sa.String(700), nullable=False, unique=True),
    sa.Column("url", sa.Text),
    sa.Column("name", sa.Text),
    sa.Column("outlet", sa.Text),
)

load_batches = sa.Table(
    "load_batches",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("file_name", sa.Text, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("user_name", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("rows_total", sa.Integer, nullable=False),
    sa.Column("rows_new", sa.Integer, nullable=False),
    sa.Column("rows_changed", sa.Integer, nullable=False),
    sa.Column("rows_unchanged", sa.Integer, nullable=False),
    sa.Column("rows_duplicate", sa.Integer, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),  # committed / undone / undo
    sa.Column("note", sa.Text),
)


def _common_record_columns() -> list[sa.Column]:
    """Columns every record table has (new objects each call: a Column belongs to one table)."""
    return [
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("natural_key", sa.String(80), nullable=False, unique=True),
        sa.Column("content_hash", sa.String(32), nullable=False),
        sa.Column("batch_id", sa.Integer, sa.ForeignKey("load_batches.id"), nullable=False),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), nullable=False),
        sa.Column("record_ref", sa.Text),
        sa.Column("province_code", sa.String(2), sa.ForeignKey("provinces.code")),
        sa.Column("regency_code", sa.String(5), sa.ForeignKey("regencies.code")),
        sa.Column("verification_status", sa.String(20), nullable=False),
        sa.Column("notes", sa.Text),
    ]


_COUNT = sa.Integer

enforcement = sa.Table(
    "enforcement",
    metadata,
    *_common_record_columns(),
    sa.Column("reporting_unit", sa.Text, nullable=False),
    sa.Column("scope", sa.String(10), nullable=False),
    sa.Column("series", sa.Text, nullable=False),
    sa.Column("period_start", sa.Date),
    sa.Column("period_start_precision", sa.String(5)),
    sa.Column("period_end", sa.Date),
    sa.Column("period_end_precision", sa.String(5)),
    sa.Column("cumulative", sa.Boolean),
    sa.Column("announced_date", sa.Date),
    sa.Column("police_reports", _COUNT),
    sa.Column("cases", _COUNT),
    sa.Column("cases_completed", _COUNT),
    sa.Column("suspects", _COUNT),
    sa.Column("victims_rescued", _COUNT),
    sa.Column("victims_female_adult", _COUNT),
    sa.Column("victims_girls", _COUNT),
    sa.Column("victims_male_adult", _COUNT),
    sa.Column("victims_boys", _COUNT),
    sa.Column("modus_pmi_prt", sa.Text),
    sa.Column("modus_psk", sa.Text),
    sa.Column("modus_abk", sa.Text),
    sa.Column("modus_child_exploitation", sa.Text),
    sa.Column("modus_other", sa.Text),
    sa.Column("modus_unit", sa.Text),
    sa.Column("stage_lidik", _COUNT),  # case stages as published (migration 4)
    sa.Column("stage_sidik", _COUNT),
    sa.Column("stage_p21", _COUNT),
    sa.Column("stage_other", sa.Text),
    sa.Column("source_agency", sa.Text),
    sa.Column("corroborating_urls", sa.Text),
    sa.Column("list_id", sa.Text),
    sa.Column("list_status", sa.Text),
    sa.Column("coverage_note", sa.Text),
    sa.Column("conflict_note", sa.Text),
)

activities = sa.Table(
    "activities",
    metadata,
    *_common_record_columns(),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("date_precision", sa.String(5), nullable=False),
    sa.Column("end_date", sa.Date),
    sa.Column("activity_type", sa.String(20), nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("organizer", sa.Text, nullable=False),
    sa.Column("organizer_type", sa.String(20)),
    sa.Column("partners", sa.Text),
    sa.Column("pillars", sa.Text),
    sa.Column("target_group", sa.Text),
    sa.Column("participants", sa.Integer),
    sa.Column("mode", sa.String(10)),
)

record_versions = sa.Table(
    "record_versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("natural_key", sa.String(80), nullable=False),  # no index: undo reaches versions by batch
    sa.Column("batch_id", sa.Integer, sa.ForeignKey("load_batches.id"), nullable=False, index=True),
    sa.Column("action", sa.String(10), nullable=False),  # insert / update
    sa.Column("old_values", sa.Text),  # updates: the values replaced (what undo restores)
    sa.Column("new_values", sa.Text),  # updates: the values written; inserts: NULL (the record row holds them)
)

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("username", sa.String(120), nullable=False, unique=True),
    sa.Column("display_name", sa.Text),
    sa.Column("role", sa.String(10), nullable=False),  # staff / admin
    sa.Column("password_hash", sa.Text),  # argon2; NULL for accounts that sign in through OIDC
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Column("failed_attempts", sa.Integer, nullable=False),
    sa.Column("locked_until", sa.DateTime),
    sa.Column("created_at", sa.DateTime, nullable=False),
)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Column("user_name", sa.Text, nullable=False),
    sa.Column("action", sa.String(30), nullable=False),  # commit / undo / status / user_add / ...
    sa.Column("kind", sa.String(20)),
    sa.Column("natural_key", sa.String(80)),
    sa.Column("batch_id", sa.Integer),
    sa.Column("detail", sa.Text),
)

RECORD_TABLES: dict[Kind, sa.Table] = {"enforcement": enforcement, "activities": activities}
_INTERNAL = {"id", "natural_key", "content_hash", "batch_id", "source_id"}


@lru_cache(maxsize=2)
def record_columns(kind: Kind) -> tuple[str, ...]:
    """The fields of a record as validated (source URL and name instead of the source id)."""
    names = [c.name for c in RECORD_TABLES[kind].columns if c.name not in _INTERNAL]
    return (*names, "source_url", "source_name")


# -- engine and migrations ----------------------------------------------------------------------

MIGRATIONS: list[tuple[int, str]] = [
    (1, "initial schema: reference tables, sources, batches, enforcement, activities, versions"),
    (2, "users (local accounts, lockout) and the audit log"),
    (3, "record_versions: new_values nullable (an inserted record's values are the record itself), no key index"),
    (4, "documented figure conflicts; regency populations; police-unit exclusions; case-stage columns"),
]
_MIGRATION_TABLES = {
    1: [
        "schema_version",
        "provinces",
        "regencies",
        "aliases",
        "police_units",
        "population",
        "sources",
        "load_batches",
        "enforcement",
        "activities",
        "record_versions",
    ],
    2: ["users", "audit_log"],
    3: [],
    4: ["figure_conflicts"],
}
SCHEMA_VERSION = MIGRATIONS[-1][0]


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA cache_size=-65536")  # 64 MiB of pages: bulk inserts into big indexes stay in memory
    cursor.close()


def _sqlite_begin(conn) -> None:
    # Writers take the lock at BEGIN so concurrent batches queue instead of failing mid-way;
    # readers use a deferred BEGIN and, with WAL, never wait for a writer.
    immediate = conn.get_execution_options().get("sqlite_immediate", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str | None = None) -> Engine:
    """Create an engine for ``url`` (default: :func:`etl.config.database_url`)."""
    url = url or config.database_url()
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            from pathlib import Path

            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        sa.event.listen(engine, "connect", _sqlite_pragmas)

        @sa.event.listens_for(engine, "connect")
        def _no_autobegin(dbapi_connection, _record):
            dbapi_connection.isolation_level = None  # let SQLAlchemy's "begin" event issue BEGIN

        sa.event.listen(engine, "begin", _sqlite_begin)
        return engine
    return sa.create_engine(url, pool_pre_ping=True)


def _version(conn: Connection) -> int:
    if not sa.inspect(conn).has_table("schema_version"):
        return 0
    return conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar() or 0


def current_version(engine: Engine) -> int:
    """The schema version recorded in the store (0 for an empty database)."""
    with engine.connect() as conn:
        return _version(conn)


def migrate(engine: Engine) -> int:
    """Apply pending migrations in order, each recorded in ``schema_version``; returns the version."""
    with write_transaction(engine) as conn:
        version = _version(conn)
        for number, description in MIGRATIONS:
            if number <= version:
                continue
            metadata.create_all(conn, tables=[metadata.tables[name] for name in _MIGRATION_TABLES[number]])
            if number in _MIGRATION_STEPS:
                _MIGRATION_STEPS[number](conn)
            conn.execute(schema_version.insert().values(version=number, description=description, applied_at=_now()))
            version = number
    return version


def _slimmer_versions(conn: Connection) -> None:
    """Migration 3: drop NOT NULL from ``record_versions.new_values`` (SQLite rebuilds the table) and the
    index on its natural key (it cost more to keep up at a million versions than undo ever gains)."""
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_record_versions_natural_key")
    column = next(c for c in sa.inspect(conn).get_columns("record_versions") if c["name"] == "new_values")
    if column["nullable"]:
        return  # created by migration 1 with today's definition
    if conn.dialect.name != "sqlite":
        conn.execute(sa.text("ALTER TABLE record_versions ALTER COLUMN new_values DROP NOT NULL"))
        return
    conn.exec_driver_sql("ALTER TABLE record_versions RENAME TO record_versions_v2")
    for index in record_versions.indexes:
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {index.name}")
    record_versions.create(conn)
    names = ", ".join(c.name for c in record_versions.columns)
    conn.exec_driver_sql(f"INSERT INTO record_versions ({names}) SELECT {names} FROM record_versions_v2")
    conn.exec_driver_sql("DROP TABLE record_versions_v2")


_V4_COLUMNS = {
    "population": ("regency_code",),
    "police_units": ("excludes",),
    "enforcement": ("stage_lidik", "stage_sidik", "stage_p21", "stage_other"),
}


def _v4_columns(conn: Connection) -> None:
    """Migration 4: add the new nullable columns to tables created by earlier migrations."""
    for table_name, names in _V4_COLUMNS.items():
        existing = {c["name"] for c in sa.inspect(conn).get_columns(table_name)}
        table = metadata.tables[table_name]
        for name in names:
            if name in existing:
                continue  # created by migration 1 with today's definition
            column_type = table.c[name].type.compile(dialect=conn.dialect)
            conn.exec_driver_sql(f"ALTER TABLE {table_name} ADD COLUMN {name} {column_type}")


_MIGRATION_STEPS = {3: _slimmer_versions, 4: _v4_columns}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One writing transaction at a time: BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL."""
    with engine.connect() as conn:
        conn.execution_options(sqlite_immediate=True)
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(774411)"))
            yield conn


# -- batches ----------------------------------------------------------------------------------


@dataclass
class BatchSummary:
    """What a batch did (or, for a preview, would do)."""

    batch_id: int | None
    kind: str
    rows_total: int
    rows_new: int
    rows_changed: int
    rows_unchanged: int
    rows_duplicate: int

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def _stored(conn: Connection, kind: Kind, keys: list[str], *columns: str) -> dict[str, sa.Row]:
    """natural key -> stored row (``columns`` only, or the whole row) for the records among ``keys``."""
    table = RECORD_TABLES[kind]
    selected = [table.c.natural_key, *(table.c[name] for name in columns)] if columns else [table]
    found: dict[str, sa.Row] = {}
    for chunk in chunks(keys, 5000):
        found.update(
            (row.natural_key, row) for row in conn.execute(sa.select(*selected).where(table.c.natural_key.in_(chunk)))
        )
    return found


def _placeholders(conn: Connection, count: int) -> str:
    """``count`` parameter markers in the driver's own style, for SQL sent straight to the driver."""
    return ", ".join(["?" if conn.dialect.paramstyle == "qmark" else "%s"] * count)


def _lookup(conn: Connection, column: sa.Column, value: sa.Column, keys: list) -> dict:
    """``column`` value -> ``value`` for the rows whose ``column`` is among ``keys``, straight through the
    driver (SQLAlchemy's compilation of 5,000-value IN lists cost more than the lookups)."""
    found: dict = {}
    for chunk in chunks(keys, 5000):
        marks = _placeholders(conn, len(chunk))
        sql = f"SELECT {column.name}, {value.name} FROM {column.table.name} WHERE {column.name} IN ({marks})"
        found.update(conn.exec_driver_sql(sql, tuple(chunk)).all())
    return found


def delete_records(conn: Connection, kind: Kind, keys: list[str]) -> None:
    """Delete the records with these natural keys, 5,000 at a time through the driver."""
    table = RECORD_TABLES[kind]
    for chunk in chunks(keys, 5000):
        marks = _placeholders(conn, len(chunk))
        conn.exec_driver_sql(f"DELETE FROM {table.name} WHERE natural_key IN ({marks})", tuple(chunk))


PARTS = ("new", "changed", "unchanged", "duplicate")


def diff_records(conn: Connection, kind: Kind, frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Split validated records into new, changed, unchanged and duplicate-in-file frames.

    A key seen again in the file is a duplicate; the last occurrence is the one compared and kept.
    Changed records carry the stored row in ``_old``.
    """
    if frame.empty:
        return {name: frame.iloc[0:0] for name in PARTS}
    keys = frame["natural_key"]
    if keys.is_unique:
        duplicate, last = frame.iloc[0:0], frame
    else:
        duplicate = frame[keys.duplicated(keep="first")]
        first = keys.drop_duplicates(keep="first")
        order = dict(zip(first.tolist(), range(len(first)), strict=True))
        last = frame[~keys.duplicated(keep="last")]
        last = last.iloc[np.argsort(last["natural_key"].map(order).to_numpy(), kind="stable")]
    table = RECORD_TABLES[kind]
    stored_hash = last["natural_key"].map(
        _lookup(conn, table.c.natural_key, table.c.content_hash, last["natural_key"].tolist())
    )
    new = last[stored_hash.isna().to_numpy()]
    unchanged = last[(stored_hash == last["content_hash"]).to_numpy()]
    changed = last[(stored_hash.notna() & (stored_hash != last["content_hash"])).to_numpy()].copy()
    old = _stored(conn, kind, changed["natural_key"].tolist())
    changed["_old"] = [old[key]._asdict() for key in changed["natural_key"]]
    return {"new": new, "changed": changed, "unchanged": unchanged, "duplicate": duplicate}


@dataclass
class Preview:
    """What committing a frame would do, as of the store's ``version`` when it was diffed."""

    summary: BatchSummary
    parts: dict[str, pd.DataFrame]
    version: str


def preview_batch(engine: Engine, kind: Kind, frame: pd.DataFrame) -> Preview:
    """What committing ``frame`` would do, without writing."""
    with engine.connect() as conn:
        version = _data_version(conn)  # read first: a write in between makes the commit diff again
        parts = diff_records(conn, kind, frame)
    return Preview(_summary(None, kind, len(frame), parts), parts, version)


def write_audit(conn: Connection, user_name: str, action: str, detail: dict, **columns) -> None:
    """Append one entry to the audit trail (``columns``: kind, natural_key, batch_id)."""
    conn.execute(
        audit_log.insert().values(
            at=_now(),
            user_name=user_name,
            action=action,
            detail=json.dumps(detail, ensure_ascii=False, default=str),
            **columns,
        )
    )


def _summary(batch_id: int | None, kind: str, total: int, parts: dict[str, pd.DataFrame]) -> BatchSummary:
    return BatchSummary(batch_id, kind, total, *(len(parts[name]) for name in PARTS))


def _source_key(url, name) -> tuple[str, str | None, str | None]:
    from etl.validation import _jsonable

    url, name = _jsonable(url), _jsonable(name)
    return (url or f"name:{name}")[:700], url, name


def _distinct_sources(frame: pd.DataFrame) -> tuple[np.ndarray, list[tuple[object, object]]]:
    """Code per row and the distinct (source URL, source name) pairs the codes index (thousands of
    rows share a press release)."""
    url, name = frame["source_url"].astype(object), frame["source_name"].astype(object)
    url_codes, _ = pd.factorize(url, use_na_sentinel=False)
    name_codes, names = pd.factorize(name, use_na_sentinel=False)
    codes, _ = pd.factorize(url_codes.astype(np.int64) * len(names) + name_codes)
    _, first = np.unique(codes, return_index=True)  # codes number the pairs in order of appearance
    return codes, list(zip(url.iloc[first].tolist(), name.iloc[first].tolist(), strict=True))


_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://(?:[^@/?#]*@)?(\[[^\]/?#]*\]|[^:/?#]*)", re.IGNORECASE)


def outlet(url: str | None) -> str | None:
    """The host of a source URL without ``www.`` (the outlet shown beside a figure); None without one."""
    match = _HOST.match(url or "")
    host = match.group(1).strip("[]").lower() if match else ""
    host = host[4:] if host.startswith("www.") else host
    return host or None


def _source_id_column(conn: Connection, frame: pd.DataFrame) -> list[int]:
    """The source id of each row of ``frame``, inserting the sources not stored yet in bulk."""
    if frame.empty:
        return []
    codes, pairs = _distinct_sources(frame)
    described = [_source_key(url, name) for url, name in pairs]  # (key, url, name) per distinct pair
    keys = [key for key, _, _ in described]
    ids = _source_ids_of(conn, sorted(set(keys)))
    missing = sorted({key: (url, name) for key, url, name in described if key not in ids}.items())
    bulk_insert(
        conn,
        sources,
        {
            "source_key": [key for key, _ in missing],
            "url": [url for _, (url, _) in missing],
            "name": [name for _, (_, name) in missing],
            "outlet": [outlet(url) for _, (url, _) in missing],
        },
    )
    ids.update(_source_ids_of(conn, [key for key, _ in missing]))
    return np.array([ids[key] for key in keys], dtype=object)[codes].tolist()


def _source_ids_of(conn: Connection, keys: list[str]) -> dict[str, int]:
    return _lookup(conn, sources.c.source_key, sources.c.id, keys)


def _plain(series: pd.Series) -> np.ndarray:
    """Column values as Python objects with None for missing (what the database driver takes)."""
    return series.to_numpy(dtype=object, na_value=None)


def _table_columns(kind: Kind, frame: pd.DataFrame, batch_id: int, source_ids: list[int]) -> dict[str, list]:
    """Columns for the record table: stored fields, identity, batch and source id."""
    names = [n for n in record_columns(kind) if n not in ("source_url", "source_name")]
    columns = {name: _plain(frame[name]) if name in frame.columns else [None] * len(frame) for name in names}
    columns.update(
        natural_key=_plain(frame["natural_key"]),
        content_hash=_plain(frame["content_hash"]),
        source_id=source_ids,
        batch_id=[batch_id] * len(frame),
    )
    return columns


def _table_rows(kind: Kind, frame: pd.DataFrame, batch_id: int, source_ids: list[int]) -> list[dict]:
    columns = _table_columns(kind, frame, batch_id, source_ids)
    names = list(columns)
    values = [list(column) for column in columns.values()]
    return [dict(zip(names, row, strict=True)) for row in zip(*values, strict=True)]


def _versions(kind: Kind, frame: pd.DataFrame, batch_id: int, action: str, old_values: list | None) -> dict[str, list]:
    """Version rows (column-wise) for records written from ``frame``. Updates keep the values they
    replaced and the values they wrote; an insert's values are the record row itself."""
    from etl.validation import CONTENT_JSON, content_json

    if action == "insert":
        new_values: list = [None] * len(frame)
    else:
        contents = frame[CONTENT_JSON].tolist() if CONTENT_JSON in frame.columns else content_json(kind, frame)
        statuses = _plain(frame["verification_status"]) if "verification_status" in frame else [None] * len(frame)
        new_values = [
            '{"verification_status": ' + json.dumps(status) + ", " + content[1:]
            for status, content in zip(statuses, contents, strict=True)
        ]
    return {
        "kind": [kind] * len(frame),
        "natural_key": frame["natural_key"].tolist(),
        "batch_id": [batch_id] * len(frame),
        "action": [action] * len(frame),
        "old_values": old_values or [None] * len(frame),
        "new_values": new_values,
    }


def commit_batch(
    engine: Engine,
    kind: Kind,
    frame: pd.DataFrame,
    file_name: str,
    sha256: str,
    user_name: str,
    note: str | None = None,
    preview: Preview | None = None,
) -> BatchSummary:
    """Write validated records as one batch, in one transaction: all of it or nothing.

    ``preview`` (of this same frame) is used as it is when the store has not changed since it was
    made; otherwise the frame is diffed again inside the transaction."""
    table = RECORD_TABLES[kind]
    with write_transaction(engine) as conn:
        if preview is not None and preview.version == _data_version(conn):
            parts = preview.parts
        else:
            parts = diff_records(conn, kind, frame)
        summary = _summary(None, kind, len(frame), parts)
        batch_id = conn.execute(
            load_batches.insert().values(
                kind=kind,
                file_name=file_name[:300],
                sha256=sha256,
                user_name=user_name,
                created_at=_now(),
                rows_total=len(frame),
                rows_new=summary.rows_new,
                rows_changed=summary.rows_changed,
                rows_unchanged=summary.rows_unchanged,
                rows_duplicate=summary.rows_duplicate,
                status="committed",
                note=note,
            )
        ).inserted_primary_key[0]
        summary.batch_id = batch_id
        new, changed = parts["new"], parts["changed"]
        bulk_insert(conn, table, _table_columns(kind, new, batch_id, _source_id_column(conn, new)))
        old_values = []
        rows = _table_rows(kind, changed, batch_id, _source_id_column(conn, changed))
        for row, old in zip(rows, changed["_old"].tolist(), strict=True):
            row["verification_status"] = old["verification_status"]  # corrections are kept across uploads
            conn.execute(table.update().where(table.c.natural_key == row["natural_key"]).values(**row))
            old_values.append(
                json.dumps({k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in old.items()}, default=str)
            )
        inserted = _versions(kind, new, batch_id, "insert", None)
        updated = _versions(kind, changed, batch_id, "update", old_values)
        bulk_insert(conn, record_versions, {name: inserted[name] + updated[name] for name in inserted})
        write_audit(
            conn,
            user_name,
            "commit",
            {"file": file_name, "sha256": sha256, **summary.to_dict()},
            kind=kind,
            batch_id=batch_id,
        )
    return summary


# -- queries ------------------------------------------------------------------------------------


def _frame(engine: Engine, query) -> pd.DataFrame:
    with engine.connect() as conn:
        result = conn.execute(query)
        return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


_FETCH_ROWS = 50_000


def _column_array(values: tuple, column_type: sa.types.TypeEngine, name: str):
    """One chunk of one column, typed: nullable integers and flags, dates, compact strings (built
    through Arrow, about three times faster than pandas' own conversion of Python objects)."""
    if isinstance(column_type, sa.Date):
        return pd.to_datetime(pd.Series(values, dtype=object), format="ISO8601").astype("datetime64[s]").array
    if isinstance(column_type, sa.Boolean):
        return pd.array(values, dtype="boolean")
    if isinstance(column_type, sa.Integer):
        if name == "id":
            return np.asarray(values, dtype=np.int64)
        try:
            arrow = pa.array(values, type=pa.int64())
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            return pd.array(values, dtype="Int64")
        return pd.arrays.IntegerArray(arrow.fill_null(0).to_numpy(), np.asarray(arrow.is_null()))
    try:
        return pd.array(pa.array(values, type=pa.large_string()), dtype="str")
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # a value stored as a number in a text column
        return pd.array([None if v is None else str(v) for v in values], dtype="str")


def _typed_frame(engine: Engine, query: sa.Select) -> pd.DataFrame:
    """Run a select through the driver in chunks and type each column as it arrives.

    Building Python row objects for a whole table first cost about 3 GB and 30 s at a million
    records; chunk by chunk, memory stays near the frame's own size.
    """
    names = [column.name for column in query.selected_columns]
    types = [column.type for column in query.selected_columns]
    sql = str(query.compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True}))
    chunks: list[pd.DataFrame] = []
    with engine.connect() as conn:
        result = conn.execution_options(stream_results=True).exec_driver_sql(sql)
        while rows := result.fetchmany(_FETCH_ROWS):
            columns = list(zip(*rows, strict=True))
            chunks.append(
                pd.DataFrame(
                    {name: _column_array(columns[i], types[i], name) for i, name in enumerate(names)}, copy=False
                )
            )
    if not chunks:
        empty = {name: _column_array((), types[i], name) for i, name in enumerate(names)}
        return pd.DataFrame(empty)
    return pd.concat(chunks, ignore_index=True) if len(chunks) > 1 else chunks[0]


def _record_query(kind: Kind, identity: bool) -> sa.Select:
    table = RECORD_TABLES[kind]
    hidden = set() if identity else {"natural_key", "content_hash"}
    return (
        sa.select(
            *[column for column in table.columns if column.name not in hidden],
            sources.c.url.label("source_url"),
            sources.c.name.label("source_name"),
            sources.c.outlet.label("source_outlet"),
        )
        .join(sources)
        .order_by(table.c.id)
    )


def enforcement_frame(engine: Engine, identity: bool = True) -> pd.DataFrame:
    """Every enforcement record with its source URL, name and outlet (``identity=False``: without
    the natural key and content hash, which only the store uses)."""
    frame = _typed_frame(engine, _record_query("enforcement", identity))
    frame["reference_date"] = frame["period_end"].fillna(frame["announced_date"])
    return frame


def activities_frame(engine: Engine, identity: bool = True) -> pd.DataFrame:
    """Every prevention activity with its source URL, name and outlet."""
    return _typed_frame(engine, _record_query("activities", identity))


def population_frame(engine: Engine) -> pd.DataFrame:
    """Population rows as published, with the source of each."""
    return _frame(engine, sa.select(population).order_by(population.c.record_ref))


def provinces_frame(engine: Engine) -> pd.DataFrame:
    return _frame(engine, sa.select(provinces).order_by(provinces.c.code))


def batches_frame(engine: Engine) -> pd.DataFrame:
    return _frame(engine, sa.select(load_batches).order_by(load_batches.c.id.desc()))


def data_version(engine: Engine) -> str:
    """Changes after every commit, undo or correction: the key for page caches."""
    with engine.connect() as conn:
        return _data_version(conn)


def _data_version(conn: Connection) -> str:
    batches = conn.execute(sa.select(sa.func.count(load_batches.c.id), sa.func.max(load_batches.c.id))).one()
    audit = conn.execute(sa.select(sa.func.max(audit_log.c.id))).scalar()
    return f"{batches[0]}:{batches[1]}:{audit}"


def table_counts(engine: Engine) -> dict[str, int]:
    """Rows per table."""
    with engine.connect() as conn:
        return {
            table.name: conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() or 0
            for table in metadata.sorted_tables
        }


def conflicts_frame(engine: Engine) -> pd.DataFrame:
    """Documented conflicts between published figures: one row per value, grouped by ``conflict_id``."""
    return _frame(engine, sa.select(figure_conflicts).order_by(figure_conflicts.c.id))


def police_units_frame(engine: Engine) -> pd.DataFrame:
    """Police units whose area is not simply one province or regency, with coverage notes."""
    return _frame(engine, sa.select(police_units).order_by(police_units.c.unit))
