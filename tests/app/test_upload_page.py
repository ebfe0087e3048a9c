"""AppTest: staff pages are absent for viewers; staff upload, preview, commit, undo and correct."""

from __future__ import annotations

import pytest

from etl import store
from etl.users import User, add_user
from tests.conftest import FIXTURES

STAFF = User("staf1", "Staf Satu", "staff")
ADMIN = User("admin1", "Admin", "admin")


def test_viewer_navigation_leaves_staff_pages_out(app):
    app.run()
    with pytest.raises(ValueError) as info:  # not merely hidden: the page is not registered at all
        app.switch_page("views/upload.py")
    known = str(info.value)
    assert "views/upload.py" not in known.split("Known pages:")[1] and "views/history.py" not in known
    assert "'unggah'" in known and "'masuk'" in known  # those URLs lead to the sign-in form
    app.session_state["auth_user"] = STAFF
    app.run()
    app.switch_page("views/upload.py").run()
    assert app.title[0].value == "Unggah data"


def _sign_in_page():
    from dashboard.auth import sign_in_form

    sign_in_form()


def test_sign_in_form_refuses_wrong_password_then_signs_in(seeded_url):
    from streamlit.testing.v1 import AppTest

    add_user(store.make_engine(seeded_url), "staf1", "correct-horse-battery")
    at = AppTest.from_function(_sign_in_page, default_timeout=60).run()
    assert at.title[0].value == "Masuk untuk staf data" and len(at.text_input) == 2
    at.text_input(key="signin_username").set_value("staf1")
    at.text_input(key="signin_password").set_value("wrong-password-here")
    at.get("form_submit_button")[0].click().run()
    assert [e.value for e in at.error] == ["nama pengguna atau kata sandi salah"]
    assert "auth_user" not in at.session_state
    at.text_input(key="signin_password").set_value("correct-horse-battery")
    at.get("form_submit_button")[0].click().run()
    assert at.session_state["auth_user"].username == "staf1"


def test_idle_session_expires(app, seeded_url):
    import datetime as dt

    app.session_state["auth_user"] = STAFF
    app.session_state["auth_last_seen"] = dt.datetime.now() - dt.timedelta(hours=2)
    app.run()
    assert "auth_user" not in app.session_state
    with pytest.raises(ValueError):
        app.switch_page("views/upload.py")


@pytest.fixture
def staff_app(app, seeded_url):
    app.session_state["auth_user"] = STAFF
    app.run()
    app.switch_page("views/upload.py").run()
    assert not app.exception, app.exception
    return app


def upload(app, path, name=None):
    app.get("file_uploader")[0].set_value([(name or path.name, path.read_bytes(), "text/csv")]).run()
    assert not app.exception, app.exception


def test_upload_with_errors_lists_them_and_writes_nothing(staff_app, seeded_url):
    before = store.table_counts(store.make_engine(seeded_url))
    upload(staff_app, FIXTURES / "enforcement_excel_id_10_errors.csv")
    assert any("10 masalah" in e.value for e in staff_app.error)
    issues = staff_app.dataframe[0].value
    assert issues["row"].tolist() == list(range(2, 12))
    assert store.table_counts(store.make_engine(seeded_url)) == before


def test_upload_preview_commit_then_undo(staff_app, seeded_url):
    engine = store.make_engine(seeded_url)
    upload(staff_app, FIXTURES / "enforcement_excel_id_corrected.csv")
    metrics = {m.label: m.value for m in staff_app.metric}
    assert metrics["Baris baru"] == "14" and metrics["Baris berubah"] == "0"
    staff_app.button(key="confirm_commit").click().run()
    assert not staff_app.exception
    assert any("tersimpan: 14 baru" in s.value for s in staff_app.success)
    assert store.table_counts(engine)["enforcement"] == 178 + 14
    batch = store.batches_frame(engine).iloc[0]
    assert batch["user_name"] == "staf1" and batch["rows_new"] == 14 and len(batch["sha256"]) == 64

    staff_app.switch_page("views/history.py").run()
    assert not staff_app.exception
    staff_app.selectbox(key="undo_batch").set_value(int(batch["id"])).run()
    staff_app.button(key="undo_button").click().run()
    assert any("dibatalkan" in s.value for s in staff_app.success)
    assert store.table_counts(engine)["enforcement"] == 178
    statuses = store.batches_frame(engine).set_index("id")["status"]
    assert statuses[int(batch["id"])] == "undone"


def test_corrections_need_a_reason_to_dispute(staff_app, seeded_url):
    staff_app.switch_page("views/history.py").run()
    staff_app.selectbox(key="status_value").set_value("disputed").run()
    staff_app.button(key="save_status").click().run()
    assert any("alasan wajib" in e.value for e in staff_app.error)
    staff_app.text_input(key="status_reason").set_value("angka berbeda dengan rilis resmi").run()
    staff_app.button(key="save_status").click().run()
    assert any("Status tersimpan" in s.value for s in staff_app.success)
    audit = staff_app.dataframe[-1].value
    assert "status" in set(audit["action"]) and "angka berbeda" in " ".join(audit["detail"])


def test_staff_cannot_undo_the_seed_but_admin_can(app, seeded_url):
    app.session_state["auth_user"] = STAFF
    app.run()
    app.switch_page("views/history.py").run()
    assert any("Tidak ada batch" in c.value for c in app.caption)
    app.session_state["auth_user"] = ADMIN
    app.run()
    assert len(app.selectbox(key="undo_batch").options) == 2  # both seed batches


def test_news_article_already_in_the_store_is_marked_and_not_saved_by_default(staff_app, seeded_url, shared_dir):
    """The seed article of the Balikpapan rakor, pasted again with another URL, is the stored record A004."""
    engine = store.make_engine(seeded_url)
    before = store.table_counts(engine)
    article = (shared_dir / "seeds" / "004_38505a3526f5928c.txt").read_text(encoding="utf-8")
    staff_app.text_area(key="news_text").set_value(article).run()
    staff_app.text_input(key="news_url").set_value("https://contoh.go.id/berita/balikpapan").run()
    staff_app.button(key="news_extract").click().run()
    assert not staff_app.exception
    queue = next(d.value for d in staff_app.dataframe if "approve" in d.value.columns)
    assert queue["status"].iloc[0].startswith("sudah ada di data: A004") and not queue["approve"].iloc[0]
    staff_app.button(key="news_check_activities").click().run()
    assert any("Belum ada draf yang disetujui" in w.value for w in staff_app.warning)
    assert not staff_app.metric and store.table_counts(engine) == before


def test_corrections_picker_searches_instead_of_listing_every_record(staff_app, seeded_url):
    staff_app.switch_page("views/history.py").run()
    assert not staff_app.exception
    assert len(staff_app.selectbox(key="status_record").options) == 178  # the seed, all listed (under 200)
    staff_app.text_input(key="status_search").set_value("Polda Kalimantan Barat").run()
    options = staff_app.selectbox(key="status_record").options
    assert 0 < len(options) < 178 and all("Polda Kalimantan Barat" in o for o in options)
    staff_app.text_input(key="status_search").set_value("tidak ada yang cocok").run()
    assert any("Tidak ada catatan" in c.value for c in staff_app.caption)
    assert staff_app.button(key="save_status").disabled


def test_large_counts_are_written_the_indonesian_way(staff_app, seeded_url, tmp_path):
    from tests.store.test_store import _activity_csv

    path = tmp_path / "kegiatan.csv"
    path.write_bytes(_activity_csv(1_200))
    upload(staff_app, path)
    assert {m.label: m.value for m in staff_app.metric}["Baris baru"] == "1.200"
    staff_app.button(key="confirm_commit").click().run()
    assert any("tersimpan: 1.200 baru" in s.value for s in staff_app.success)
    assert store.table_counts(store.make_engine(seeded_url))["activities"] == 5 + 1_200


def test_preview_of_a_large_file_shows_its_first_rows_and_saves_them_all(staff_app, seeded_url, tmp_path):
    from etl.uploads import PREVIEW_ROWS
    from tests.store.test_store import _activity_csv

    path = tmp_path / "kegiatan-banyak.csv"
    path.write_bytes(_activity_csv(PREVIEW_ROWS + 500))
    upload(staff_app, path)
    assert len(staff_app.dataframe[0].value) == PREVIEW_ROWS
    assert any("Ditampilkan 1.000 baris pertama dari 1.500" in c.value for c in staff_app.caption)
    staff_app.button(key="confirm_commit").click().run()
    assert store.table_counts(store.make_engine(seeded_url))["activities"] == 5 + PREVIEW_ROWS + 500
