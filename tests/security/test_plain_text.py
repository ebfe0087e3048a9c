"""Stored text is plain text everywhere: pages render no Markdown/HTML from it, link columns carry only
http(s) addresses, and the PDF brief neither parses maths nor trips over a byte-order mark."""

from __future__ import annotations

import re
import time

import pytest
import sqlalchemy as sa
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from dashboard.formatting import http_url, md_link, plain_md
from etl import store
from etl.brief import brief_for, pdf_text
from tests.conftest import ROOT

IMAGE = "![px](https://evil.example/p.png)"
LINK = "[klik](javascript:alert(1))"
HOSTILE = f"{IMAGE} {LINK} <img src=x onerror=alert(1)> **tebal** $x^2$ \ufeffPolda"
_UNESCAPED_LINK = re.compile(r"(?<!\\)\]\((?!https?://)|(?<!\\)!\[|evil\.example/p\.png\)")


def test_plain_md_escapes_every_markdown_construct():
    shown = plain_md(HOSTILE)
    assert not _UNESCAPED_LINK.search(shown)
    assert "\\<img" in shown and "\\*\\*tebal" in shown and "\\$x^2\\$" in shown and "\ufeff" not in shown
    assert plain_md("1. satu") == "1\\. satu" and plain_md("- a") == "\\- a"
    assert plain_md("Polda Kalbar 1.006") == "Polda Kalbar 1.006"  # ordinary text unchanged


def test_links_only_for_http_addresses():
    for bad in ("javascript:alert(1)", "JAVASCRIPT:x", "data:text/html,x", "//evil.example", "vbscript:x", "Kompas"):
        assert http_url(bad) is None and "](" not in md_link("x", bad)
    assert http_url("https://a.id/x") == "https://a.id/x"


def _poison(url: str) -> None:
    engine = store.make_engine(url)
    with store.write_transaction(engine) as conn:
        ids = conn.execute(sa.select(store.enforcement.c.id).where(store.enforcement.c.province_code == "61")).scalars()
        for record_id in list(ids):
            conn.execute(
                store.enforcement.update()
                .where(store.enforcement.c.id == record_id)
                .values(reporting_unit=HOSTILE, coverage_note=HOSTILE)
            )
        source = conn.execute(
            sa.select(store.enforcement.c.source_id).where(store.enforcement.c.province_code == "61")
        ).scalar()
        conn.execute(
            store.sources.update()
            .where(store.sources.c.id == source)
            .values(url="javascript:alert(1)", name="javascript:alert(1)", outlet=IMAGE)
        )
        conn.execute(store.figure_conflicts.update().values(reason_id=HOSTILE, reason_en=HOSTILE))
        conn.execute(store.provinces.update().where(store.provinces.c.code == "61").values(name="Kalbar " + IMAGE))
    engine.dispose()


def _markdown_bodies(app: AppTest) -> list[str]:
    bodies = [
        e.value for kind in ("markdown", "caption", "info", "warning", "error", "title") for e in getattr(app, kind)
    ]
    for metric in app.metric:
        bodies += [metric.label, metric.value, metric.help or ""]
    return bodies


@pytest.mark.parametrize(
    ("page", "query"),
    [("views/province.py", {"kode": "61"}), ("views/overview.py", {}), ("views/map.py", {}), ("views/compare.py", {})],
)
def test_pages_render_stored_text_literally(seeded_url, drawn_maps, page, query):
    _poison(seeded_url)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    app.switch_page(page).run()
    assert not app.exception, app.exception
    for body in _markdown_bodies(app):
        assert not _UNESCAPED_LINK.search(str(body)), body
    for frame in app.dataframe:
        table = frame.value
        for column in [c for c in table.columns if c in ("Sumber", "Source")]:
            assert all(v is None or v != v or http_url(v) for v in table[column]), table[column].tolist()


def test_brief_with_maths_and_byte_order_mark(seeded_engine):
    with store.write_transaction(seeded_engine) as conn:
        conn.execute(
            store.enforcement.update()
            .where(store.enforcement.c.province_code == "61")
            .values(reporting_unit="\ufeffPolda $\\frac{1}{$ Kalbar $5 $10")
        )
        conn.execute(store.sources.update().values(url="javascript:alert(1)"))
        conn.execute(store.provinces.update().where(store.provinces.c.code == "61").values(name="\ufeffKalbar $x$"))
    start = time.perf_counter()
    pdf = brief_for(seeded_engine, ["61"], "id")
    assert time.perf_counter() - start < 20
    text = PdfReader(__import__("io").BytesIO(pdf)).pages[0].extract_text()
    assert "Kalbar $x$" in text  # the dollars are shown, not typeset
    assert b"javascript" not in pdf.split(b"/URI")[-1][:200] if b"/URI" in pdf else True
    assert pdf_text("\ufeffa\r\nb\x00c\u202e") == "a bc"
