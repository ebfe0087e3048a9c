"""The overview in a real browser: real figures, language switch, phone width."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e


def test_overview_shows_the_latest_national_figures(app_server, page):
    page.goto(app_server)
    page.get_by_text("Ringkasan nasional").first.wait_for(timeout=30_000)
    page.get_by_text("2.797").first.wait_for(timeout=30_000)
    body = page.inner_text("body")
    assert "Laporan polisi" in body and "838" in body and "1.006" in body
    assert "5 Jun 2023 – 23 Okt 2023" in body and "Total berjalan Satgas" in body
    assert page.locator("a[href^='https://rmol.id/']").count() >= 1
    page.locator("[data-testid='stDataFrame'] canvas").first.wait_for(timeout=30_000)
    screenshot(page, "overview_id_1440")

    page.get_by_text("English", exact=True).click()  # a real click on the label
    page.get_by_text("National overview").first.wait_for(timeout=30_000)
    page.get_by_text("2,797").first.wait_for(timeout=30_000)  # numbers in English format after the rerun
    page.get_by_text("5 Jun 2023 – 23 Oct 2023").first.wait_for(timeout=30_000)
    screenshot(page, "overview_en_1440")


def test_overview_is_readable_on_a_phone(app_server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(app_server)
    page.get_by_text("2.797").first.wait_for(timeout=30_000)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400  # no horizontal scrolling at 390 px
    screenshot(page, "overview_id_390")
    context.close()
