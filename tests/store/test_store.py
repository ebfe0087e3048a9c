"""Store tests: run on SQLite by default and, in CI, on PostgreSQL (DATABASE_URL)."""

from __future__ import annotations

import csv
import multiprocessing
import os
import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from etl import bulk, config, store
from etl.queries import latest_national, stats
from etl.seed import init_store
from etl.validation import validate_bytes

pytestmark = pytest.mark.store
ROOT = Path(__file__).resolve().parents[2]


def _reference_count(shared_dir: Path) -> int:
    total = 0
    for name in ("national_timeline.csv", "by_polda.csv", "regional_reports.csv"):
        with open(shared_dir / "reference-data" / name, encoding="utf-8", newline="") as handle:
            total += sum(1 for _ in csv.DictReader(handle))
    return total


def _dump(engine) -> dict[str, list]:
    """Every row of every table, for byte-for-byte comparisons."""
    with engine.connect() as conn:
        return {t.name: sorted(map(repr, conn.execute(sa.select(t)).all())) for t in store.metadata.sorted_tables}


def _activity_csv(n: int, start: int = 0) -> bytes:
    lines = ["tanggal;provinsi;kabupaten_kota;jenis_kegiatan;judul;penyelenggara;sumber_url"]
    for i in range(start, start + n):
        lines.append(f"{1 + i % 28}/3/2024;Kalbar;Kota Singkawang;sosialisasi;Sosialisasi {i};Polres;https://a.id/{i}")
    return ("\n".join(lines) + "\n").encode()


def test_migrations_are_recorded(engine):
    assert store.current_version(engine) == store.SCHEMA_VERSION
    with engine.connect() as conn:
        rows = conn.execute(sa.select(store.schema_version)).all()
    assert [r.version for r in rows] == [number for number, _ in store.MIGRATIONS]
    assert store.migrate(engine) == store.SCHEMA_VERSION  # applying again changes nothing


def test_seed_counts_match_the_reference_rows(seeded_engine, shared_dir):
    data = stats(seeded_engine)
    assert data["tables"]["enforcement"] == _reference_count(shared_dir) == 178
    assert data["tables"]["activities"] == 5
    assert data["tables"]["provinces"] == 38 and data["tables"]["regencies"] == 514
    assert data["tables"]["population"] == 51
    assert data["population_provinces_for_rates"] == 33
    assert data["enforcement_by_series"]["polda_list"] == 116
    assert data["enforcement_by_series"]["cumulative_since_satgas"] == 27
    assert data["latest_national"]["victims_rescued"]["value"] == 2797
    assert data["latest_national"]["victims_rescued"]["date"] == "2023-10-23"
    assert data["latest_national"]["suspects"]["value"] == 1006
    assert data["provinces_with_data_count"] == 32


def test_population_gaps_are_null_not_zero(seeded_engine):
    population = store.population_frame(seeded_engine)
    bps = population[population["source_org"].str.startswith("BPS")]
    papua = bps[bps["province_code"].isin(["91", "93", "94", "95", "96"])]
    assert len(papua) == 5 and papua["population"].isna().all() and not papua["use_for_rates"].any()
    aceh = bps[bps["province_code"] == "11"].iloc[0]
    assert aceh["population"] == pytest.approx(5_554_800)


def test_loading_the_seed_again_changes_nothing(seeded_engine):
    before = _dump(seeded_engine)
    report = init_store(seeded_engine, reseed=True)
    assert report["seeded"]["enforcement"]["rows_new"] == 0
    assert report["seeded"]["enforcement"]["rows_unchanged"] == 178
    after = _dump(seeded_engine)
    for table in ("enforcement", "activities", "sources", "population", "provinces", "regencies"):
        assert before[table] == after[table], table


def test_changed_row_is_updated_and_versioned(seeded_engine):
    data = _activity_csv(3)
    result = validate_bytes(data)
    first = store.commit_batch(seeded_engine, "activities", result.frame, "a.csv", "x", "staf1")
    assert (first.rows_new, first.rows_changed) == (3, 0)
    changed = data.replace(b";Polres;https://a.id/1", b";Polres Singkawang;https://a.id/1")
    second = store.commit_batch(seeded_engine, "activities", validate_bytes(changed).frame, "b.csv", "y", "staf1")
    assert (second.rows_new, second.rows_changed, second.rows_unchanged) == (0, 1, 2)
    with seeded_engine.connect() as conn:
        versions = conn.execute(
            sa.select(store.record_versions).where(store.record_versions.c.batch_id == second.batch_id)
        ).all()
    assert len(versions) == 1 and versions[0].action == "update" and '"Polres"' in versions[0].old_values


def test_failure_half_way_leaves_the_store_as_it_was(seeded_engine, monkeypatch):
    before = _dump(seeded_engine)
    frame = validate_bytes(_activity_csv(50)).frame
    original = bulk.insert_chunk
    calls = {"n": 0}

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:  # sources and records are written, the versions are not
            raise RuntimeError("disk full")
        return original(*args, **kwargs)

    monkeypatch.setattr(bulk, "insert_chunk", failing)
    with pytest.raises(RuntimeError):
        store.commit_batch(seeded_engine, "activities", frame, "c.csv", "z", "staf1")
    assert _dump(seeded_engine) == before


def test_concurrent_batches_from_two_threads_are_both_intact(seeded_engine):
    frames = [validate_bytes(_activity_csv(200, start=k * 1000)).frame for k in range(2)]
    errors = []

    def commit(k: int) -> None:
        try:
            store.commit_batch(seeded_engine, "activities", frames[k], f"t{k}.csv", str(k), f"staf{k}")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=commit, args=(k,)) for k in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    activities = store.activities_frame(seeded_engine)
    assert len(activities) == 5 + 400 and activities["natural_key"].is_unique
    batches = store.batches_frame(seeded_engine)
    assert set(batches[batches["user_name"].str.startswith("staf")]["rows_new"]) == {200}


def _commit_in_process(url: str, payload: bytes, name: str) -> None:
    engine = store.make_engine(url)
    store.commit_batch(engine, "activities", validate_bytes(payload).frame, name, name, name)


def test_concurrent_batches_from_two_processes_are_both_intact(seeded_engine):
    url = seeded_engine.url.render_as_string(hide_password=False)
    context = multiprocessing.get_context("spawn")
    workers = [
        context.Process(target=_commit_in_process, args=(url, _activity_csv(150, k * 1000), f"p{k}")) for k in range(2)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert [w.exitcode for w in workers] == [0, 0]
    activities = store.activities_frame(seeded_engine)
    assert len(activities) == 5 + 300 and activities["natural_key"].is_unique


_KILL_SCRIPT = """
import os, sys
from etl import bulk, store
from etl.validation import validate_bytes
engine = store.make_engine(sys.argv[1])
frame = validate_bytes(open(sys.argv[2], "rb").read()).frame
original = bulk.insert_chunk
count = {"n": 0}
def slow(*args, **kwargs):
    count["n"] += 1
    if count["n"] == 3:  # after the sources and the records, before the versions
        print("MIDWAY", flush=True)
        os.kill(os.getpid(), 9)
    return original(*args, **kwargs)
bulk.insert_chunk = slow
store.commit_batch(engine, "activities", frame, "kill.csv", "k", "staf")
"""


def test_process_killed_mid_commit_leaves_the_store_as_it_was(seeded_engine, tmp_path):
    before = _dump(seeded_engine)
    payload = tmp_path / "big.csv"
    payload.write_bytes(_activity_csv(300))
    url = seeded_engine.url.render_as_string(hide_password=False)
    proc = subprocess.run(
        [sys.executable, "-c", _KILL_SCRIPT, url, str(payload)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ},
    )
    assert "MIDWAY" in proc.stdout and proc.returncode == -9
    seeded_engine.dispose()
    assert _dump(seeded_engine) == before


def test_latest_national_never_adds_running_totals(seeded_engine):
    frame = store.enforcement_frame(seeded_engine)
    latest = latest_national(frame)
    national = frame[(frame["scope"] == "national") & (frame["series"] == "cumulative_since_satgas")]
    assert latest["police_reports"].value == int(national["police_reports"].max()) == 838
    assert latest["police_reports"].value < int(national["police_reports"].sum())


def test_conflicting_sources_are_both_kept(seeded_engine):
    from etl.queries import flag_conflicts

    frame = flag_conflicts(store.enforcement_frame(seeded_engine))
    june22 = frame[(frame["scope"] == "national") & (frame["reference_date"] == pd.Timestamp("2023-06-22"))]
    assert sorted(june22["police_reports"].tolist()) == [472, 494]
    assert june22["conflict"].all() and "police_reports" in june22.iloc[0]["conflict_metrics"]


def test_database_url_selects_the_backend(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:p@h:5432/d")
    assert config.database_url() == "postgresql+psycopg://u:p@h:5432/d"
    monkeypatch.delenv("DATABASE_URL")
    assert config.database_url().startswith("sqlite:///") and config.database_url().endswith("data/pantau.db")


_V2_RECORD_VERSIONS = [
    "CREATE TABLE record_versions (id INTEGER PRIMARY KEY, kind VARCHAR(20) NOT NULL, natural_key VARCHAR(80) NOT NULL,"
    " batch_id INTEGER NOT NULL REFERENCES load_batches (id), action VARCHAR(10) NOT NULL, old_values TEXT,"
    " new_values TEXT NOT NULL)",
    "CREATE INDEX ix_record_versions_natural_key ON record_versions (natural_key)",
    "CREATE INDEX ix_record_versions_batch_id ON record_versions (batch_id)",
]


def test_migration_3_keeps_the_history_of_a_version_2_store(engine):
    """A store made before migration 3 (new_values NOT NULL, a key index) keeps every version row."""
    with engine.begin() as conn:
        store.record_versions.drop(conn)
        for statement in _V2_RECORD_VERSIONS:
            conn.exec_driver_sql(statement)
        conn.execute(store.schema_version.delete().where(store.schema_version.c.version >= 3))
        conn.execute(
            store.load_batches.insert().values(
                id=1, kind="activities", file_name="old.csv", sha256="x", user_name="staf1",
                created_at=store._now(), rows_total=1, rows_new=1, rows_changed=0, rows_unchanged=0,
                rows_duplicate=0, status="committed",
            )
        )  # fmt: skip
        conn.execute(
            store.record_versions.insert().values(
                id=1, kind="activities", natural_key="h:1", batch_id=1, action="insert", new_values='{"a": 1}'
            )
        )
    assert store.current_version(engine) == 2
    assert store.migrate(engine) == store.SCHEMA_VERSION == 4
    inspector = sa.inspect(engine)
    columns = {c["name"]: c["nullable"] for c in inspector.get_columns("record_versions")}
    assert columns["new_values"] is True and columns["old_values"] is True
    assert {i["name"] for i in inspector.get_indexes("record_versions")} == {"ix_record_versions_batch_id"}
    with engine.begin() as conn:
        assert conn.execute(sa.select(store.record_versions.c.new_values)).scalars().all() == ['{"a": 1}']
        conn.execute(
            store.record_versions.insert().values(
                id=2, kind="activities", natural_key="h:2", batch_id=1, action="insert"
            )
        )
    assert store.migrate(engine) == 4  # nothing left to apply


def test_records_keep_file_order_and_versions_hold_what_undo_needs(seeded_engine):
    data = _activity_csv(30)
    first = store.commit_batch(seeded_engine, "activities", validate_bytes(data).frame, "a.csv", "x", "staf1")
    activities = store.activities_frame(seeded_engine)
    mine = activities[activities["batch_id"] == first.batch_id].sort_values("id")
    assert mine["title"].tolist() == [f"Sosialisasi {i}" for i in range(30)]
    changed = data.replace(b";Polres;https://a.id/7\n", b";Polres Singkawang;https://a.id/7\n")
    second = store.commit_batch(seeded_engine, "activities", validate_bytes(changed).frame, "b.csv", "y", "staf1")
    with seeded_engine.connect() as conn:
        versions = conn.execute(
            sa.select(store.record_versions).where(
                store.record_versions.c.batch_id.in_([first.batch_id, second.batch_id])
            )
        ).all()
    inserts = [v for v in versions if v.action == "insert"]
    updates = [v for v in versions if v.action == "update"]
    assert len(inserts) == 30 and all(v.old_values is None and v.new_values is None for v in inserts)
    assert len(updates) == 1 and '"Polres"' in updates[0].old_values and '"Polres Singkawang"' in updates[0].new_values


def test_a_preview_is_reused_only_while_the_store_is_unchanged(seeded_engine, monkeypatch):
    from etl.uploads import check_upload, commit_upload

    calls = {"n": 0}
    original = store.diff_records

    def counting(*args, **kwargs):
        calls["n"] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(store, "diff_records", counting)
    fresh = check_upload(seeded_engine, _activity_csv(10), "fresh.csv")
    assert calls["n"] == 1 and commit_upload(seeded_engine, fresh, "staf1").rows_new == 10
    assert calls["n"] == 1  # committed straight from the preview

    stale = check_upload(seeded_engine, _activity_csv(10, start=5), "stale.csv")  # rows 5-14
    assert stale.summary.rows_new == 5
    commit_upload(seeded_engine, check_upload(seeded_engine, _activity_csv(3, start=12), "between.csv"), "staf2")
    calls["n"] = 0
    summary = commit_upload(seeded_engine, stale, "staf1")
    assert calls["n"] == 1  # another batch landed after the preview: diffed again
    assert (summary.rows_new, summary.rows_unchanged) == (2, 8)
    assert len(store.activities_frame(seeded_engine)) == 5 + 15
