"""Create the store and load reference tables and the seed dataset when the store is empty."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from etl import config, store
from etl.gazetteer import default_gazetteer, normalize
from etl.parsing import parse_decimal
from etl.schemas import Kind
from etl.validation import validate_bytes

SEED_USER = "seed"
SEED_FILES: dict[Kind, str] = {"enforcement": "enforcement.csv", "activities": "activities.csv"}


class SeedError(RuntimeError):
    """A committed seed file fails validation: a bug in the seed, never silently skipped."""


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_reference_tables(engine: Engine) -> None:
    """Provinces, regencies, aliases, police units and population (replaced as a whole)."""
    gazetteer = default_gazetteer()
    population_rows = []
    for row in _read_csv(config.SEED_DIR / "population.csv"):
        place = gazetteer.resolve(row["province"], "province")
        value = parse_decimal(row["population"])
        persons = value * 1000 if value is not None and row["unit"].startswith("thousand") else value
        population_rows.append(
            {
                "record_ref": row["record_id"],
                "province_code": place.code,
                "population": persons,
                "value_as_published": value,
                "unit_as_published": row["unit"],
                "reference_period": row["reference_period"],
                "source_org": row["source_org"],
                "source_type": row["source_type"],
                "use_for_rates": row["use_for_rates"].strip() == "yes",
                "use_note": row["use_for_rates"],
                "source_url": row["source_url"] or None,
                "notes": row["notes"],
            }
        )
    alias_rows = {}
    for alias, entries in gazetteer.aliases.items():
        alias_rows[alias] = {
            "alias": alias,
            "code": entries[0].place.code,
            "level": entries[0].place.level,
            "note": None,
        }
    police_rows = []
    for row in _read_csv(config.REFERENCE_DIR / "police_units.csv"):
        place = gazetteer.police_units[normalize(row["unit"])]
        police_rows.append(
            {
                "unit": row["unit"],
                "code": place.code,
                "level": place.level,
                "covers": row["covers"],
                "valid_from": dt.date.fromisoformat(row["valid_from"]) if row["valid_from"] else None,
                "valid_to": dt.date.fromisoformat(row["valid_to"]) if row["valid_to"] else None,
                "note_id": row["note_id"] or None,
                "note_en": row["note_en"] or None,
                "excludes": row.get("excludes") or None,
            }
        )
    conflict_rows = [
        {
            **{k: (row[k] or None) for k in _CONFLICT_FIELDS},
            "province_code": gazetteer.resolve(row["province"], "province").code if row["province"] else None,
        }
        for row in _read_csv(config.REFERENCE_DIR / "conflicts.csv")
    ]
    regency_rows = [
        {
            "code": p.code,
            "province_code": p.province_code,
            "name": p.name,
            "type": "kota" if p.name.startswith("Kota") else "kabupaten",
        }
        for p in gazetteer.regencies.values()
    ]
    with store.write_transaction(engine) as conn:
        for table in (store.population, store.police_units, store.aliases, store.figure_conflicts):
            conn.execute(table.delete())
        _upsert(conn, store.provinces, [{"code": p.code, "name": p.name} for p in gazetteer.provinces.values()])
        _upsert(conn, store.regencies, regency_rows)
        conn.execute(store.aliases.insert(), list(alias_rows.values()))
        conn.execute(store.police_units.insert(), police_rows)
        conn.execute(store.population.insert(), population_rows)
        conn.execute(store.figure_conflicts.insert(), conflict_rows)


_CONFLICT_FIELDS = (
    "conflict_id",
    "kind",
    "scope",
    "metric",
    "period_start",
    "period_end",
    "value",
    "record_ref",
    "source_url",
    "reporting_unit",
    "announced_date",
    "reason_id",
    "reason_en",
)


def _upsert(conn, table: sa.Table, rows: list[dict]) -> None:
    """Insert or update rows keyed by ``code`` (records refer to these codes, so never delete)."""
    existing = {r[0] for r in conn.execute(sa.select(table.c.code))}
    for row in rows:
        if row["code"] in existing:
            conn.execute(table.update().where(table.c.code == row["code"]).values(row))
        else:
            conn.execute(table.insert().values(row))


def load_seed_records(engine: Engine) -> dict[str, store.BatchSummary]:
    """Validate and commit each seed file as one batch (idempotent: unchanged rows are skipped)."""
    summaries = {}
    for kind, name in SEED_FILES.items():
        data = (config.SEED_DIR / name).read_bytes()
        result = validate_bytes(data, kind)
        if not result.ok:
            problems = "; ".join(f"row {i.row} {i.column}: {i.message_en}" for i in result.issues[:10])
            raise SeedError(f"seed file {name} is invalid: {problems}")
        digest = hashlib.sha256(data).hexdigest()
        summaries[kind] = store.commit_batch(engine, kind, result.frame, f"data/seed/{name}", digest, SEED_USER)
    return summaries


def is_empty(engine: Engine) -> bool:
    counts = store.table_counts(engine)
    return counts.get("enforcement", 0) == 0 and counts.get("activities", 0) == 0


def init_store(engine: Engine | None = None, reseed: bool = False) -> dict[str, object]:
    """Apply migrations, refresh reference tables, and load the seed data if the store is empty."""
    engine = engine or store.make_engine()
    version = store.migrate(engine)
    load_reference_tables(engine)
    seeded = {}
    if reseed or is_empty(engine):
        seeded = {k: v.to_dict() for k, v in load_seed_records(engine).items()}
    return {"schema_version": version, "seeded": seeded, "counts": store.table_counts(engine)}
