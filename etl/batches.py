"""Batch history, undo, record corrections and the audit trail (all writes are one transaction)."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from etl import config, store, vocab
from etl.schemas import Kind
from etl.users import User, UserError, _now


def _coerce(table: sa.Table, values: dict) -> dict:
    """JSON values back to column types (dates were stored as ISO text)."""
    row = {}
    for column in table.columns:
        if column.name not in values:
            continue
        value = values[column.name]
        if value is not None and isinstance(column.type, sa.Date) and isinstance(value, str):
            value = dt.date.fromisoformat(value[:10])
        row[column.name] = value
    return row


def can_undo(batch: dict, user: User, now: dt.datetime | None = None) -> bool:
    """Admins may undo any batch; its author only within the configured window."""
    if batch["status"] != "committed":
        return False
    if user.is_admin:
        return True
    now = now or _now()
    window = dt.timedelta(hours=config.UNDO_WINDOW_HOURS)
    return batch["user_name"] == user.username and now - batch["created_at"] <= window


def undo_batch(engine: Engine, batch_id: int, user: User) -> int:
    """Restore every record the batch touched to its state before the batch; returns the undo's batch id."""
    with store.write_transaction(engine) as conn:
        batch = (
            conn.execute(sa.select(store.load_batches).where(store.load_batches.c.id == batch_id)).mappings().first()
        )
        if batch is None:
            raise UserError(f"batch {batch_id} tidak ada", f"no batch {batch_id}")
        if batch["status"] != "committed":
            raise UserError(
                f"batch {batch_id} sudah dibatalkan atau adalah pembatalan",
                f"batch {batch_id} is already undone or is itself an undo",
            )
        if not can_undo(dict(batch), user):
            raise UserError(
                "hanya admin, atau pengunggah dalam batas waktu, yang dapat membatalkan batch ini",
                "only an admin, or the uploader within the time window, may undo this batch",
            )
        versions = (
            conn.execute(
                sa.select(store.record_versions)
                .where(store.record_versions.c.batch_id == batch_id)
                .order_by(store.record_versions.c.id.desc())
            )
            .mappings()
            .all()
        )
        versions_of_batch = store.record_versions.alias("versions_of_batch")
        later = (
            conn.execute(
                sa.select(store.record_versions.c.batch_id)
                .join(store.load_batches, store.load_batches.c.id == store.record_versions.c.batch_id)
                .where(
                    store.record_versions.c.batch_id > batch_id,
                    store.load_batches.c.status == "committed",
                    store.record_versions.c.natural_key.in_(
                        sa.select(versions_of_batch.c.natural_key).where(versions_of_batch.c.batch_id == batch_id)
                    ),
                )
                .distinct()
            )
            .scalars()
            .all()
        )
        if later:
            listed = ", ".join(map(str, sorted(later)))
            raise UserError(
                f"batch {listed} kemudian mengubah catatan yang sama; batalkan batch itu dulu",
                f"batch {listed} later changed the same records; undo it first",
            )
        inserted: dict[str, list[str]] = {}
        for version in versions:
            table = store.RECORD_TABLES[version["kind"]]
            if version["action"] == "insert":
                inserted.setdefault(version["kind"], []).append(version["natural_key"])
            else:
                old = _coerce(table, json.loads(version["old_values"]))
                old.pop("id", None)
                conn.execute(table.update().where(table.c.natural_key == version["natural_key"]).values(**old))
        for kind, keys in inserted.items():  # a batch inserts or updates a key, never both
            store.delete_records(conn, kind, keys)  # type: ignore[arg-type]
        undo_id = conn.execute(
            store.load_batches.insert().values(
                kind=batch["kind"],
                file_name=f"undo of batch {batch_id}: {batch['file_name']}"[:300],
                sha256=batch["sha256"],
                user_name=user.username,
                created_at=_now(),
                rows_total=len(versions),
                rows_new=0,
                rows_changed=len(versions),
                rows_unchanged=0,
                rows_duplicate=0,
                status="undo",
                note=f"undo:{batch_id}",
            )
        ).inserted_primary_key[0]
        conn.execute(
            store.load_batches.update()
            .where(store.load_batches.c.id == batch_id)
            .values(status="undone", note=f"undone by batch {undo_id}")
        )
        store.write_audit(
            conn, user.username, "undo", {"undo_batch": undo_id, "records": len(versions)}, batch_id=batch_id
        )
    return undo_id


def set_status(engine: Engine, kind: Kind, record_id: int, status: str, user: User, reason: str = "") -> None:
    """Mark a record verified, disputed (a reason is required) or superseded; recorded in the audit log."""
    if status not in vocab.VERIFICATION_STATUSES:
        raise UserError(f"status tidak dikenal: {status}", f"unknown status: {status}")
    reason = (reason or "").strip()
    if status == "disputed" and not reason:
        raise UserError("alasan wajib diisi untuk status dipersoalkan", "a reason is required to dispute a record")
    table = store.RECORD_TABLES[kind]
    with store.write_transaction(engine) as conn:
        row = conn.execute(
            sa.select(table.c.natural_key, table.c.verification_status).where(table.c.id == record_id)
        ).first()
        if row is None:
            raise UserError(f"catatan {record_id} tidak ada", f"no record {record_id}")
        conn.execute(table.update().where(table.c.id == record_id).values(verification_status=status))
        store.write_audit(
            conn,
            user.username,
            "status",
            {"record_id": record_id, "from": row.verification_status, "to": status, "reason": reason},
            kind=kind,
            natural_key=row.natural_key,
        )


def audit_frame(engine: Engine, limit: int = 500) -> pd.DataFrame:
    """The audit trail, newest first (read-only: nothing edits or deletes it)."""
    query = sa.select(store.audit_log).order_by(store.audit_log.c.id.desc()).limit(limit)
    with engine.connect() as conn:
        result = conn.execute(query)
        return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def changes_table(parts: dict[str, pd.DataFrame], kind: Kind) -> pd.DataFrame:
    """Changed records as rows of (record, field, old value, new value) for the preview."""
    from etl.validation import record_values

    rows = []
    for record in parts["changed"].to_dict("records"):
        old, new = record.get("_old") or {}, record_values(kind, record)
        for field, value in new.items():
            if field in ("source_url", "source_name", "verification_status"):
                continue
            before = old.get(field)
            before = before.isoformat() if isinstance(before, dt.date) else before
            if (before if before is not None else None) != value and not (before is None and value is None):
                rows.append(
                    {
                        "row": record.get("row_number"),
                        "record": record.get("record_ref") or record["natural_key"][:10],
                        "field": field,
                        "old": before,
                        "new": value,
                    }
                )
    return pd.DataFrame(rows, columns=["row", "record", "field", "old", "new"])


RECORD_CHOICES = 200  # records listed at once in the corrections picker


def record_choices(records: pd.DataFrame, kind: Kind, query: str = "", limit: int = RECORD_CHOICES):
    """Records matching ``query`` (ID, reference, reporting unit or title; blank: the latest), as
    ``({id: label}, number of matches)`` - at most ``limit`` listed, newest first, so the picker stays
    small at a million records."""
    text_column, date_column = ("reporting_unit", "reference_date") if kind == "enforcement" else ("title", "date")
    query = query.strip()
    if query:
        needle = query.casefold()
        hit = records["record_ref"].fillna("").str.casefold().str.contains(needle, regex=False)
        hit |= records[text_column].fillna("").str.casefold().str.contains(needle, regex=False)
        if query.isdigit():
            hit |= records["id"] == int(query)
        records = records[hit.to_numpy()]
    shown = records.nlargest(limit, "id")
    dates = shown[date_column].dt.strftime("%Y-%m-%d").fillna("")
    refs = shown["record_ref"].where(shown["record_ref"].notna() & (shown["record_ref"] != ""), shown["id"].astype(str))
    labels = refs.astype(str) + " · " + shown[text_column].fillna("").astype(str) + " · " + dates
    return dict(zip(shown["id"].astype(int).tolist(), labels.tolist(), strict=True)), len(records)
