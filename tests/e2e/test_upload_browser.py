"""The staff flow in a real browser: sign in, errors, corrected file, preview, commit, map changes, undo."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES
from tests.e2e.conftest import STAFF_PASSWORD, STAFF_USER, screenshot

pytestmark = pytest.mark.e2e
NO_DATA_FILL = "#d0d0d0"


def gorontalo_fill(page) -> str:
    """Open the map (client-side, keeping the session), show activities, return Gorontalo's fill colour."""
    page.locator("[data-testid='stSidebarNav'] a").filter(has_text="Peta").click()
    page.get_by_text("Peta TPPO per provinsi").wait_for(timeout=30_000)
    page.locator("[data-testid='stSelectbox']").first.click()
    page.get_by_role("option", name="Kegiatan pencegahan").click()
    page.wait_for_timeout(1500)
    frame = page.frame_locator("iframe[title*='st_folium']").first
    area = frame.locator("path.area-75")
    area.wait_for(state="attached", timeout=60_000)
    return area.get_attribute("fill")


def test_sign_in_upload_commit_map_undo(app_server, page):
    page.goto(f"{app_server}/unggah")
    page.get_by_text("Masuk untuk staf data").wait_for(timeout=30_000)
    page.get_by_label("Nama pengguna").wait_for(timeout=30_000)
    assert page.locator("input[type='file']").count() == 0  # the sign-in form and nothing else
    screenshot(page, "signin_1440")
    page.get_by_label("Nama pengguna").fill(STAFF_USER)
    page.get_by_label("Kata sandi").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_text("Unggah data").first.wait_for(timeout=30_000)
    uploader = (
        page.locator("[data-testid='stFileUploader']").filter(has_text="Pilih berkas CSV").locator("input[type='file']")
    )
    uploader.wait_for(state="attached", timeout=30_000)

    uploader.set_input_files(str(FIXTURES / "activities_gorontalo_errors.csv"))
    page.get_by_text("2 masalah ditemukan").wait_for(timeout=30_000)
    page.wait_for_timeout(500)
    screenshot(page, "upload_errors_1440")

    uploader.set_input_files(str(FIXTURES / "activities_gorontalo.csv"))
    page.get_by_text("Pratinjau terhadap data tersimpan").wait_for(timeout=30_000)
    save = page.get_by_role("button", name="Simpan sebagai satu batch")
    save.wait_for(timeout=30_000)
    page.wait_for_timeout(800)
    screenshot(page, "upload_preview_1440")
    save.click()
    page.get_by_text("tersimpan: 3 baru").wait_for(timeout=30_000)

    assert gorontalo_fill(page) != NO_DATA_FILL  # Gorontalo now has activities
    screenshot(page, "map_after_commit_1440")

    page.locator("[data-testid='stSidebarNav'] a").filter(has_text="Riwayat").click()
    page.get_by_text("Batalkan batch").first.wait_for(timeout=30_000)
    page.get_by_role("button", name="Batalkan").click()
    page.get_by_text("dibatalkan (pembatalan dicatat").wait_for(timeout=30_000)
    page.get_by_text("Jejak audit (hanya baca)").wait_for(timeout=30_000)
    page.wait_for_timeout(800)
    screenshot(page, "history_after_undo_1440")

    assert gorontalo_fill(page) == NO_DATA_FILL  # and back to "no data" after the undo
    screenshot(page, "map_after_undo_1440")
