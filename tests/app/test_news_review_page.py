"""AppTest: the news review queue - batch upload, progress, merge, already-stored marks, reject with a reason,
approve, the upload path's preview and commit, the source rule, and sign-out dropping the drafts."""

from __future__ import annotations

import io
import zipfile

import pytest

from etl import store
from etl.users import User

TANBU = (
    "Sosialisasi pencegahan TPPO di Tanah Bumbu\nBatulicin - Kantor Imigrasi Kelas II TPI Batulicin menggelar "
    "sosialisasi pencegahan tindak pidana perdagangan orang (TPPO) di Kabupaten Tanah Bumbu, Rabu (21/6/2023)."
)
KOLAKA_1 = (
    "Sosialisasi TPPO di Kolaka\nPolres Kolaka menggelar sosialisasi pencegahan TPPO di Kabupaten Kolaka, "
    "Selasa (14/5/2024)."
)
KOLAKA_2 = (
    "Polres Kolaka ajak pelajar cegah TPPO\nPolres Kolaka mengadakan sosialisasi pencegahan perdagangan orang (TPPO) "
    "bagi pelajar di Kabupaten Kolaka pada Rabu (15/5/2024)."
)
KOLAKA_PAGE = (
    "<html><head><link rel='canonical' href='https://dua.contoh.id/kolaka'></head><body><p>"
    + KOLAKA_2.replace("\n", "</p><p>")
    + "<script>alert('x')</script></p></body></html>"
)


def _zip(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def sign_in(app, user: User):
    app.session_state["auth_user"] = user
    app.run()
    app.switch_page("views/upload.py").run()
    assert not app.exception, app.exception
    return app


@pytest.fixture
def staff_app(app, seeded_url):
    return sign_in(app, User("staf1", "Staf Satu", "staff"))


def news_uploader(app):
    return next(u for u in app.get("file_uploader") if u.key.startswith("news_files_"))


def extract(app, files=None, text=None, url=None, reason=None):
    if text is not None:
        app.text_area(key="news_text").set_value(text)
    if url is not None:
        app.text_input(key="news_url").set_value(url)
    if reason is not None:
        app.text_input(key="news_reason").set_value(reason)
    if files:
        news_uploader(app).set_value(files)
    app.button(key="news_extract").click().run()
    assert not app.exception, app.exception
    return app


def editor_frame(app, kind: str):
    """The queue table of one kind (AppTest shows a data editor as a dataframe)."""
    wanted = "date" if kind == "activities" else "reporting_unit"
    return next(t.value for t in queue_tables(app) if wanted in t.value.columns)


def queue_tables(app):
    return [t for t in app.dataframe if "approve" in t.value.columns]


def test_a_batch_is_merged_marked_reviewed_and_committed(staff_app, seeded_url):
    engine = store.make_engine(seeded_url)
    before = store.table_counts(engine)["activities"]
    files = [
        ("kolaka.txt", (KOLAKA_1 + "\n<img src=x onerror=alert(1)> **tebal**").encode(), "text/plain"),
        ("kiriman.zip", _zip({"kolaka-dua.html": KOLAKA_PAGE, "tanbu.txt": TANBU}), "application/zip"),
        ("kosong.txt", b"", "text/plain"),
    ]
    app = extract(staff_app, files)
    assert any("4 artikel dibaca" in s.value for s in app.success)
    outcomes = app.dataframe[0].value
    assert outcomes["Artikel"].tolist() == [
        "kolaka.txt",
        "kiriman.zip/kolaka-dua.html",
        "kiriman.zip/tanbu.txt",
        "kosong.txt",
    ]
    assert outcomes["Pesan"].tolist()[-1] == "berkas kosong"

    queue = editor_frame(app, "activities")
    assert len(queue) == 2  # the two Kolaka reports are one event
    kolaka = queue[queue["regency"] == "Kabupaten Kolaka"].iloc[0]
    assert kolaka["status"] == "baru" and kolaka["approve"]
    assert "https://dua.contoh.id/kolaka" in kolaka["sources"] and "kolaka.txt" in kolaka["sources"]
    tanbu = queue[queue["regency"] == "Kabupaten Tanah Bumbu"].iloc[0]
    assert tanbu["status"].startswith("sudah ada di data: A002") and not tanbu["approve"]  # not saved by default

    # the evidence view escapes the article text: markup in an article is shown as text, never run
    app.selectbox(key="news_detail").set_value(kolaka["key"]).run()
    evidence = "".join(h.proto.body for h in app.get("html"))
    assert "<mark" in evidence and "&lt;img src=x onerror=alert(1)&gt; **tebal**" in evidence
    assert "<img" not in evidence and "<script" not in evidence

    app.button(key="news_check_activities").click().run()
    assert not app.exception, app.exception
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Baris baru"] == "1"
    app.button(key="confirm_commit").click().run()
    assert any("tersimpan: 1 baru" in s.value for s in app.success)
    activities = store.activities_frame(engine)
    assert len(activities) == before + 1
    added = activities[activities["source_url"] == "https://dua.contoh.id/kolaka"].iloc[0]
    assert added["regency_code"] == "74.01" and added["activity_type"] == "sosialisasi"
    assert "sumber lain / other sources: kolaka.txt" in added["notes"]
    assert editor_frame(app, "activities")["regency"].tolist() == ["Kabupaten Tanah Bumbu"]  # saved drafts leave
    assert any("Sudah disimpan: D" in c.value for c in app.caption)


def test_reject_needs_a_reason_and_rejected_drafts_are_listed_not_saved(staff_app, seeded_url):
    engine = store.make_engine(seeded_url)
    before = store.table_counts(engine)
    app = extract(staff_app, [("kolaka.txt", KOLAKA_1.encode(), "text/plain")])
    key = editor_frame(app, "activities")["key"].iloc[0]
    app.multiselect(key="news_reject_keys_0").set_value([key])
    app.button(key="news_reject").click().run()
    assert any("Alasan penolakan wajib" in e.value for e in app.error)
    app.text_input(key="news_reject_reason_0").set_value("bukan kegiatan pencegahan").run()
    app.button(key="news_reject").click().run()
    assert not app.exception, app.exception
    rejected = next(d.value for d in app.dataframe if "Alasan" in d.value.columns)
    assert rejected["Draf"].tolist() == [key] and rejected["Alasan"].tolist() == ["bukan kegiatan pencegahan"]
    assert not queue_tables(app)  # nothing left to approve
    assert any("Antrean kosong" in i.value for i in app.info)
    assert store.table_counts(engine) == before


def test_pasted_text_needs_a_url_or_a_reason_and_the_reason_becomes_the_source(staff_app, seeded_url):
    app = extract(staff_app, text=KOLAKA_1)
    assert any("URL sumber wajib" in e.value for e in app.error)
    assert "news_queue" not in app.session_state
    app = extract(app, text=KOLAKA_1, reason="kliping koran cetak")
    queue = editor_frame(app, "activities")
    assert queue["source_name"].iloc[0].endswith("kliping koran cetak")
    app.button(key="news_check_activities").click().run()
    assert {m.label: m.value for m in app.metric}["Baris baru"] == "1"


def test_a_file_without_a_url_is_stopped_until_a_source_is_given(staff_app, seeded_url):
    before = store.table_counts(store.make_engine(seeded_url))
    app = extract(staff_app, [("kolaka.txt", KOLAKA_1.encode(), "text/plain")])
    app.button(key="news_check_activities").click().run()
    assert any("Setiap draf perlu URL sumber" in e.value for e in app.error)
    assert not app.metric  # no preview, nothing to commit
    assert store.table_counts(store.make_engine(seeded_url)) == before


def test_english_labels(staff_app, seeded_url):
    staff_app.session_state["lang"] = "en"
    app = extract(staff_app.run(), [("kolaka.txt", KOLAKA_1.encode(), "text/plain"), ("x.txt", b"\x00", "text/plain")])
    assert any("2 articles read" in s.value for s in app.success)
    assert app.dataframe[0].value["Message"].tolist()[-1] == "binary file (not text)"
    assert editor_frame(app, "activities")["status"].tolist() == ["new"]


def test_sign_out_drops_the_drafts(staff_app, seeded_url):
    app = extract(staff_app, [("kolaka.txt", KOLAKA_1.encode(), "text/plain")])
    assert "news_queue" in app.session_state
    app.sidebar.button(key="signout").click().run()
    assert "auth_user" not in app.session_state
    app = sign_in(app, User("staf2", "Staf Dua", "staff"))  # the next sign-in on this browser
    assert "news_queue" not in app.session_state
    assert not queue_tables(app)
