"""The store: SQLAlchemy tables, schema migrations, atomic batch commits and frame queries.

SQLite file under data/ by default, PostgreSQL when ``DATABASE_URL`` says so. Every load is
one transaction recorded in ``load_batches``; records are keyed by a natural key, so loading
the same file twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from functools import lru_cache

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from etl import config
from etl.schemas import COUNT_COLUMNS, Kind

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
)

population = sa.Table(
    "population",
    metadata,
    sa.Column("record_ref", sa.String(20), primary_key=True),
    sa.Column("province_code", sa.String(2), sa.ForeignKey("provinces.code"), nullable=False),
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
    sa.Column("natural_key", sa.String(80), nullable=False, index=True),
    sa.Column("batch_id", sa.Integer, sa.ForeignKey("load_batches.id"), nullable=False, index=True),
    sa.Column("action", sa.String(10), nullable=False),  # insert / update
    sa.Column("old_values", sa.Text),
    sa.Column("new_values", sa.Text, nullable=False),
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
}
SCHEMA_VERSION = MIGRATIONS[-1][0]


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
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
            conn.execute(schema_version.insert().values(version=number, description=description, applied_at=_now()))
            version = number
    return version


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


def _chunks(items: list, size: int = 500) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _existing(conn: Connection, kind: Kind, keys: list[str]) -> dict[str, dict]:
    table = RECORD_TABLES[kind]
    found: dict[str, dict] = {}
    for chunk in _chunks(keys):
        rows = conn.execute(sa.select(table).where(table.c.natural_key.in_(chunk))).mappings()
        for row in rows:
            found[row["natural_key"]] = dict(row)
    return found


def diff_records(conn: Connection, kind: Kind, frame: pd.DataFrame) -> dict[str, list]:
    """Split validated records into new, changed, unchanged and duplicate-in-file."""
    if frame.empty:
        return {"new": [], "changed": [], "unchanged": [], "duplicate": []}
    records = frame.to_dict("records")
    last_by_key: dict[str, dict] = {}
    duplicate = []
    for record in records:
        if record["natural_key"] in last_by_key:
            duplicate.append(record)
        last_by_key[record["natural_key"]] = record
    existing = _existing(conn, kind, list(last_by_key))
    result: dict[str, list] = {"new": [], "changed": [], "unchanged": [], "duplicate": duplicate}
    for key, record in last_by_key.items():
        old = existing.get(key)
        if old is None:
            result["new"].append(record)
        elif old["content_hash"] == record["content_hash"]:
            result["unchanged"].append(record)
        else:
            record["_old"] = old
            result["changed"].append(record)
    return result


def preview_batch(engine: Engine, kind: Kind, frame: pd.DataFrame) -> tuple[BatchSummary, dict[str, list]]:
    """What committing ``frame`` would do, without writing."""
    with engine.connect() as conn:
        parts = diff_records(conn, kind, frame)
    return _summary(None, kind, len(frame), parts), parts


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


def _summary(batch_id: int | None, kind: str, total: int, parts: dict[str, list]) -> BatchSummary:
    return BatchSummary(
        batch_id,
        kind,
        total,
        len(parts["new"]),
        len(parts["changed"]),
        len(parts["unchanged"]),
        len(parts["duplicate"]),
    )


def _source_key(url, name) -> tuple[str, str | None, str | None]:
    from etl.validation import _jsonable

    url, name = _jsonable(url), _jsonable(name)
    return (url or f"name:{name}")[:700], url, name


def _source_ids(conn: Connection, records: list[dict]) -> dict[str, int]:
    """Source key -> id for every record's source, inserting the missing ones in bulk."""
    from urllib.parse import urlparse

    wanted: dict[str, tuple[str | None, str | None]] = {}
    for record in records:
        key, url, name = _source_key(record.get("source_url"), record.get("source_name"))
        wanted[key] = (url, name)
    ids: dict[str, int] = {}
    keys = list(wanted)
    for chunk in _chunks(keys):
        ids.update(
            conn.execute(sa.select(sources.c.source_key, sources.c.id).where(sources.c.source_key.in_(chunk))).all()
        )
    missing = []
    for key in keys:
        if key in ids:
            continue
        url, name = wanted[key]
        outlet = urlparse(url).hostname if url else None
        outlet = outlet[4:] if outlet and outlet.startswith("www.") else outlet
        missing.append({"source_key": key, "url": url, "name": name, "outlet": outlet})
    for chunk in _chunks(missing, 1000):
        conn.execute(sources.insert(), chunk)
    for chunk in _chunks([m["source_key"] for m in missing]):
        ids.update(
            conn.execute(sa.select(sources.c.source_key, sources.c.id).where(sources.c.source_key.in_(chunk))).all()
        )
    return ids


def _row_for_table(kind: Kind, record: dict, batch_id: int, source_id: int) -> dict:
    from etl.validation import record_values

    values = record_values(kind, record)
    row = {k: v for k, v in values.items() if k not in ("source_url", "source_name")}
    for column in RECORD_TABLES[kind].columns:
        if isinstance(column.type, sa.Date) and isinstance(row.get(column.name), str):
            row[column.name] = dt.date.fromisoformat(row[column.name])
    row.update(
        natural_key=record["natural_key"], content_hash=record["content_hash"], batch_id=batch_id, source_id=source_id
    )
    return row


def commit_batch(
    engine: Engine,
    kind: Kind,
    frame: pd.DataFrame,
    file_name: str,
    sha256: str,
    user_name: str,
    note: str | None = None,
) -> BatchSummary:
    """Write validated records as one batch, in one transaction: all of it or nothing."""
    from etl.validation import record_values

    table = RECORD_TABLES[kind]
    with write_transaction(engine) as conn:
        parts = diff_records(conn, kind, frame)
        batch_id = conn.execute(
            load_batches.insert().values(
                kind=kind,
                file_name=file_name[:300],
                sha256=sha256,
                user_name=user_name,
                created_at=_now(),
                rows_total=len(frame),
                rows_new=0,
                rows_changed=0,
                rows_unchanged=0,
                rows_duplicate=0,
                status="committed",
                note=note,
            )
        ).inserted_primary_key[0]
        source_ids = _source_ids(conn, parts["new"] + parts["changed"])
        new_rows, versions = [], []
        for record in parts["new"]:
            source_id = source_ids[_source_key(record.get("source_url"), record.get("source_name"))[0]]
            new_rows.append(_row_for_table(kind, record, batch_id, source_id))
            versions.append(
                {
                    "kind": kind,
                    "natural_key": record["natural_key"],
                    "batch_id": batch_id,
                    "action": "insert",
                    "old_values": None,
                    "new_values": json.dumps(record_values(kind, record), default=str),
                }
            )
        for chunk in _chunks(new_rows, 1000):
            conn.execute(table.insert(), chunk)
        for record in parts["changed"]:
            old = record.pop("_old")
            source_id = source_ids[_source_key(record.get("source_url"), record.get("source_name"))[0]]
            row = _row_for_table(kind, record, batch_id, source_id)
            row["verification_status"] = old["verification_status"]  # corrections are kept across uploads
            conn.execute(table.update().where(table.c.natural_key == record["natural_key"]).values(**row))
            old_values = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in old.items()}
            versions.append(
                {
                    "kind": kind,
                    "natural_key": record["natural_key"],
                    "batch_id": batch_id,
                    "action": "update",
                    "old_values": json.dumps(old_values, default=str),
                    "new_values": json.dumps(record_values(kind, record), default=str),
                }
            )
        for chunk in _chunks(versions, 1000):
            conn.execute(record_versions.insert(), chunk)
        summary = _summary(batch_id, kind, len(frame), parts)
        write_audit(
            conn,
            user_name,
            "commit",
            {"file": file_name, "sha256": sha256, **summary.to_dict()},
            kind=kind,
            batch_id=batch_id,
        )
        conn.execute(
            load_batches.update()
            .where(load_batches.c.id == batch_id)
            .values(
                rows_new=summary.rows_new,
                rows_changed=summary.rows_changed,
                rows_unchanged=summary.rows_unchanged,
                rows_duplicate=summary.rows_duplicate,
            )
        )
    return summary


# -- queries ------------------------------------------------------------------------------------


def _frame(engine: Engine, query) -> pd.DataFrame:
    with engine.connect() as conn:
        result = conn.execute(query)
        return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def enforcement_frame(engine: Engine) -> pd.DataFrame:
    """Every enforcement record with its source URL, name and outlet."""
    query = sa.select(
        enforcement,
        sources.c.url.label("source_url"),
        sources.c.name.label("source_name"),
        sources.c.outlet.label("source_outlet"),
    ).join(sources)
    frame = _frame(engine, query.order_by(enforcement.c.id))
    for column in ("period_start", "period_end", "announced_date"):
        frame[column] = pd.to_datetime(frame[column])
    for column in COUNT_COLUMNS["enforcement"]:
        frame[column] = pd.array(frame[column].tolist(), dtype="Int64")
    frame["reference_date"] = frame["period_end"].fillna(frame["announced_date"])
    return frame


def activities_frame(engine: Engine) -> pd.DataFrame:
    """Every prevention activity with its source URL, name and outlet."""
    query = sa.select(
        activities,
        sources.c.url.label("source_url"),
        sources.c.name.label("source_name"),
        sources.c.outlet.label("source_outlet"),
    ).join(sources)
    frame = _frame(engine, query.order_by(activities.c.id))
    for column in ("date", "end_date"):
        frame[column] = pd.to_datetime(frame[column])
    frame["participants"] = pd.array(frame["participants"].tolist(), dtype="Int64")
    return frame


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


def police_units_frame(engine: Engine) -> pd.DataFrame:
    """Police units whose area is not simply one province or regency, with coverage notes."""
    return _frame(engine, sa.select(police_units).order_by(police_units.c.unit))
