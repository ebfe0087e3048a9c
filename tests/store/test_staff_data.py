"""Accounts, undo, corrections and the bad-file corpus (on SQLite, and PostgreSQL in CI)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
import sqlalchemy as sa
from openpyxl import Workbook

from etl import store
from etl.batches import audit_frame, can_undo, set_status, undo_batch
from etl.uploads import check_upload, commit_upload
from etl.users import User, UserError, add_user, authenticate, list_users, set_active
from tests.store.test_store import _activity_csv, _dump

pytestmark = pytest.mark.store
STAFF = User("staf1", "Staf", "staff")
ADMIN = User("admin1", "Admin", "admin")


def test_passwords_are_hashed_and_lockout_after_five_failures(engine):
    add_user(engine, "staf1", "correct-horse-battery")
    with engine.connect() as conn:
        stored = conn.execute(sa.select(store.users.c.password_hash)).scalar()
    assert stored.startswith("$argon2") and "correct-horse" not in stored
    assert authenticate(engine, "STAF1", "correct-horse-battery").role == "staff"
    for _ in range(4):
        with pytest.raises(UserError, match="wrong username"):
            authenticate(engine, "staf1", "nope")
    with pytest.raises(UserError, match="locked for 15 minutes"):
        authenticate(engine, "staf1", "nope")
    with pytest.raises(UserError, match="temporarily locked"):
        authenticate(engine, "staf1", "correct-horse-battery")  # even the right password waits
    with engine.begin() as conn:  # 16 minutes later
        conn.execute(store.users.update().values(locked_until=dt.datetime(2000, 1, 1)))
    assert authenticate(engine, "staf1", "correct-horse-battery").username == "staf1"
    set_active(engine, "staf1", False)
    with pytest.raises(UserError):
        authenticate(engine, "staf1", "correct-horse-battery")
    assert list_users(engine)[0]["active"] is False and "password_hash" not in list_users(engine)[0]
    with pytest.raises(UserError, match="12"):
        add_user(engine, "x", "short")


def _commit(engine, payload: bytes, user: str = "staf1", name: str = "a.csv"):
    check = check_upload(engine, payload, name)
    assert check.ok, check.result.issues
    return commit_upload(engine, check, user)


def test_undo_restores_exactly_the_previous_state(seeded_engine):
    before = _dump(seeded_engine)
    first = _commit(seeded_engine, _activity_csv(20), name="first.csv")
    after_first = _dump(seeded_engine)
    changed = _activity_csv(20).replace(b";Polres;https://a.id/3\n", b";Polres Singkawang;https://a.id/3\n")
    second = _commit(seeded_engine, changed + _activity_csv(5, start=100).split(b"\n", 1)[1], name="second.csv")
    assert (second.rows_new, second.rows_changed) == (5, 1)
    with pytest.raises(UserError, match=str(second.batch_id)):
        undo_batch(seeded_engine, first.batch_id, ADMIN)  # a later batch touched the same records
    undo_batch(seeded_engine, second.batch_id, STAFF)
    for table in ("enforcement", "activities"):
        assert _dump(seeded_engine)[table] == after_first[table]
    undo_batch(seeded_engine, first.batch_id, STAFF)
    for table in ("enforcement", "activities"):
        assert _dump(seeded_engine)[table] == before[table]
    statuses = store.batches_frame(seeded_engine).set_index("id")["status"]
    assert statuses[first.batch_id] == "undone" and statuses[second.batch_id] == "undone"
    assert (statuses == "undo").sum() == 2
    with pytest.raises(UserError, match="already undone"):
        undo_batch(seeded_engine, first.batch_id, ADMIN)


def test_who_may_undo(seeded_engine):
    batch = {"status": "committed", "user_name": "staf1", "created_at": dt.datetime.now(dt.UTC).replace(tzinfo=None)}
    assert can_undo(batch, STAFF) and can_undo(batch, ADMIN)
    assert not can_undo(batch, User("staf2", "", "staff"))
    old = {**batch, "created_at": batch["created_at"] - dt.timedelta(days=3)}
    assert not can_undo(old, STAFF) and can_undo(old, ADMIN)
    seed_batch = store.batches_frame(seeded_engine).iloc[-1]
    with pytest.raises(UserError, match="only an admin"):
        undo_batch(seeded_engine, int(seed_batch["id"]), STAFF)


def test_status_corrections_are_audited_and_survive_reuploads(seeded_engine):
    _commit(seeded_engine, _activity_csv(3))
    record = store.activities_frame(seeded_engine).iloc[-1]
    with pytest.raises(UserError, match="reason"):
        set_status(seeded_engine, "activities", int(record["id"]), "disputed", STAFF)
    set_status(seeded_engine, "activities", int(record["id"]), "disputed", STAFF, "tanggal salah")
    summary = _commit(seeded_engine, _activity_csv(3))  # the same file again
    assert summary.rows_unchanged == 3
    assert (
        store.activities_frame(seeded_engine).set_index("id").loc[int(record["id"]), "verification_status"]
        == "disputed"
    )
    audit = audit_frame(seeded_engine)
    entry = audit[audit["action"] == "status"].iloc[0]
    assert entry["user_name"] == "staf1" and "tanggal salah" in entry["detail"] and entry["kind"] == "activities"
    assert {"commit", "status"} <= set(audit["action"])


def _xlsx(rows: list[list], formula: str | None = None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    if formula:
        sheet["D2"] = formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "x")
    return buffer.getvalue()


HEADER = "tanggal;provinsi;kabupaten_kota;jenis_kegiatan;judul;penyelenggara;peserta;sumber_url"
GOOD = "21/6/2023;Kalsel;Kab. Tanah Bumbu;sosialisasi;Sosialisasi TPPO;Imigrasi Batulicin;40;https://a.id/1"
BAD_FILES = {
    "empty file": (b"", "kosong"),
    "header only": ((HEADER + "\n").encode(), "tidak ada baris data"),
    "wrong delimiter": (HEADER.replace(";", "|").replace("|", " ").encode() + b"\nx y z\n", "pemisah"),
    "zip renamed to csv": (_zip(), "bukan XLSX"),
    "image renamed to csv": (b"\x89PNG\r\n\x1a\n" + bytes(64), "PNG"),
    "xlsx with formulas": (
        _xlsx(
            [
                ["tanggal", "provinsi", "jenis_kegiatan", "peserta", "judul", "penyelenggara", "sumber_url"],
                ["21/6/2023", "Kalsel", "rakor", 1, "Rakor", "Polres", "https://a.id"],
            ],
            formula="=1+1",
        ),
        "rumus",
    ),
    "more rows than the limit": ((HEADER + "\n" + "\n".join([GOOD] * 30) + "\n").encode(), "terlalu banyak baris"),
    "negative counts": ((HEADER + "\n" + GOOD.replace(";40;", ";-4;") + "\n").encode(), "negatif"),
    "future dates": ((HEADER + "\n" + GOOD.replace("21/6/2023", "1/1/2099") + "\n").encode(), "masa depan"),
    "unknown place": (
        (HEADER + "\n" + GOOD.replace("Kab. Tanah Bumbu", "Kab. Atlantis") + "\n").encode(),
        "tidak dikenal",
    ),
    "ambiguous place": (
        (HEADER + "\n" + GOOD.replace("Kalsel;Kab. Tanah Bumbu", "NTT;Kupang") + "\n").encode(),
        "ambigu",
    ),
    "formula injection": ((HEADER + "\n" + GOOD.replace("Sosialisasi TPPO", "=HYPERLINK(1)") + "\n").encode(), "rumus"),
    "personal data (NIK)": (
        (HEADER + "\n" + GOOD.replace("Sosialisasi TPPO", "Korban NIK 3201011508950001") + "\n").encode(),
        "data pribadi",
    ),
    "personal data (phone)": (
        (HEADER + "\n" + GOOD.replace("Imigrasi Batulicin", "Hubungi 0812-3456-7890") + "\n").encode(),
        "data pribadi",
    ),
    "personal-name column": ((HEADER + ";nama_lengkap\n" + GOOD + ";Budi\n").encode(), "data pribadi"),
    "mixed encodings": (
        (HEADER + "\n").encode()
        + GOOD.replace("Sosialisasi", "Sosialisasi café").encode("utf-8")
        + b"\n"
        + GOOD.replace("Sosialisasi", "Sosialisasi café").encode("latin-1")
        + b"\n",
        "pengodean",
    ),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_files_get_a_clear_message_and_change_nothing(seeded_engine, monkeypatch, name):
    from etl import config

    monkeypatch.setattr(config, "UPLOAD_MAX_ROWS", 20)
    data, fragment = BAD_FILES[name]
    before = _dump(seeded_engine)
    check = check_upload(seeded_engine, data, f"{name}.csv")
    assert not check.ok
    messages = " | ".join(i.message_id for i in check.result.issues)
    assert fragment in messages, messages
    assert all(i.message_en for i in check.result.issues)
    with pytest.raises(ValueError):
        commit_upload(seeded_engine, check, "staf1")
    assert _dump(seeded_engine) == before


def test_duplicates_in_file_and_html_stored_as_text(seeded_engine):
    payload = (
        HEADER
        + "\n"
        + GOOD.replace("Sosialisasi TPPO", "<script>alert(1)</script>")
        + "\n"
        + GOOD.replace("Sosialisasi TPPO", "<script>alert(1)</script>")
        + "\n"
    ).encode()
    check = check_upload(seeded_engine, payload, "dup.csv")
    assert check.ok and check.summary.rows_duplicate == 1 and check.summary.rows_new == 1
    commit_upload(seeded_engine, check, "staf1")
    titles = store.activities_frame(seeded_engine)["title"].tolist()
    assert titles.count("<script>alert(1)</script>") == 1  # kept as text, once; escaped wherever shown


def test_preview_shows_place_names_and_indonesian_headers(seeded_engine):
    from tests.conftest import FIXTURES

    check = check_upload(seeded_engine, (FIXTURES / "activities_gorontalo.csv").read_bytes(), "g.csv")
    frame = check.part_frame("new", "id")
    assert {"tanggal", "provinsi", "kabupaten_kota", "jenis_kegiatan"} <= set(frame.columns)
    assert frame["provinsi"].tolist() == ["Gorontalo"] * 3
    assert "Kabupaten Gorontalo Utara" in set(frame["kabupaten_kota"])
    assert "province" in check.part_frame("new", "en").columns


def test_undo_of_a_large_batch_removes_every_record_it_inserted(seeded_engine):
    before = _dump(seeded_engine)
    batch = _commit(seeded_engine, _activity_csv(12_000), name="large.csv")  # deleted 5,000 keys at a time
    assert batch.rows_new == 12_000
    undo_batch(seeded_engine, batch.batch_id, STAFF)
    after = _dump(seeded_engine)
    assert after["activities"] == before["activities"] and after["enforcement"] == before["enforcement"]
    assert len(store.activities_frame(seeded_engine)) == 5
