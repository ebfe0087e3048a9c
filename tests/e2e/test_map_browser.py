"""The map in a real browser: 38 province shapes, click opens the profile, offline means offline."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e


def map_frame(page):
    page.wait_for_selector("iframe[title*='st_folium']", state="attached", timeout=60_000)
    page.locator("iframe[title*='st_folium']").first.scroll_into_view_if_needed()
    frame = page.frame_locator("iframe[title*='st_folium']").first
    frame.locator("path.pantau-area").first.wait_for(state="attached", timeout=60_000)
    return frame


def test_map_shows_38_provinces_and_click_opens_profile(app_server, page):
    page.goto(f"{app_server}/peta")
    frame = map_frame(page)
    assert frame.locator("path.pantau-area").count() == 38
    assert frame.locator(".pantau-legend").count() == 1
    assert "cahyadsn/wilayah_boundaries" in frame.locator(".pantau-legend").inner_text()
    page.wait_for_timeout(500)
    screenshot(page, "map_id_1440")
    # Kalimantan Barat: click its shape as a user would.
    box = frame.locator("path.area-61").bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.45, box["y"] + box["height"] * 0.5)
    page.get_by_text("Profil provinsi: Kalimantan Barat").wait_for(timeout=30_000)
    page.wait_for_function("location.pathname.endsWith('/provinsi') && location.search.includes('kode=61')")
    page.get_by_text("161", exact=True).first.wait_for(timeout=30_000)  # its victims-rescued headline
    screenshot(page, "province_61_1440")


def test_clicking_an_activity_dot_shows_its_popup_and_stays_on_the_map(app_server, page):
    page.goto(f"{app_server}/peta")
    frame = map_frame(page)
    dots = frame.locator("path.leaflet-interactive:not(.pantau-area)")
    assert dots.count() == 5  # the five seed activities, one place each
    dots.first.click(force=True)
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=20_000)
    assert "Kegiatan pencegahan: 1" in popup.inner_text()
    page.wait_for_timeout(2000)  # the rerun the click causes must not navigate away
    assert urlparse(page.url).path.endswith("/peta")
    assert frame.locator(".leaflet-popup-content").count() == 1
    screenshot(page, "map_activity_popup_1440")


def test_offline_map_makes_no_request_to_other_hosts(offline_server, browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    app_host = urlparse(offline_server).netloc
    foreign = []
    page.on(
        "request",
        lambda r: (
            foreign.append(r.url)
            if urlparse(r.url).scheme in {"http", "https", "ws", "wss"} and urlparse(r.url).netloc != app_host
            else None
        ),
    )
    page.goto(f"{offline_server}/peta")
    frame = map_frame(page)
    assert frame.locator("path.pantau-area").count() == 38
    page.wait_for_timeout(1500)
    screenshot(page, "map_offline_1440")
    assert foreign == []
    context.close()


def test_map_and_profile_at_phone_width(app_server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{app_server}/peta")
    map_frame(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    screenshot(page, "map_id_390")
    page.goto(f"{app_server}/provinsi?kode=32")
    page.get_by_text("Profil provinsi: Jawa Barat").wait_for(timeout=30_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    screenshot(page, "province_32_390")
    context.close()
