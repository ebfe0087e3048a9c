"""The compare page in a real browser: download the PDF brief and the XLSX table."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e


def test_download_brief_and_table(app_server, page, tmp_path):
    page.goto(f"{app_server}/bandingkan")
    page.get_by_text("Bandingkan provinsi").first.wait_for(timeout=60_000)
    button = page.get_by_role("button", name="Unduh ringkasan PDF")
    button.wait_for(timeout=60_000)
    page.wait_for_timeout(500)
    screenshot(page, "compare_1440")
    with page.expect_download() as download:
        button.click()
    pdf = tmp_path / "brief.pdf"
    download.value.save_as(pdf)
    text = PdfReader(str(pdf)).pages[0].extract_text()
    assert "Ringkasan provinsi: Aceh" in text and "Sumber" in text
    with page.expect_download() as download:
        page.get_by_role("button", name="Tabel (XLSX)").click()
    table = tmp_path / "table.xlsx"
    download.value.save_as(table)
    book = load_workbook(table)
    assert (
        book.sheetnames == ["data", "filters", "sources"] and book["data"].max_row == 1 + 38 * 5
    )  # one row per province and measure


def test_brief_follows_the_chosen_period(app_server, page, tmp_path):
    page.goto(f"{app_server}/bandingkan")
    page.get_by_text("Bandingkan provinsi").first.wait_for(timeout=60_000)
    page.get_by_label("Periode").first.click()
    page.get_by_role("option", name="2024", exact=True).click()
    page.wait_for_timeout(3_000)
    button = page.get_by_role("button", name="Unduh ringkasan PDF")
    button.wait_for(timeout=60_000)
    with page.expect_download() as download:
        button.click()
    pdf = tmp_path / "brief_2024.pdf"
    download.value.save_as(pdf)
    text = PdfReader(str(pdf)).pages[0].extract_text()
    assert "Filter: 2024 (2024-01-01 – 2024-12-31)" in text  # the window it prints is the one it shows
