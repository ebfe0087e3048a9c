"""AppTest: the overview page shows real figures, with sources, in both languages."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from etl.seed import init_store
from tests.conftest import ROOT

APP = ROOT / "app.py"


@pytest.fixture
def app(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    from etl import store

    init_store(store.make_engine(url))
    at = AppTest.from_file(str(APP), default_timeout=60)
    return at


def test_overview_in_indonesian(app):
    app.run()
    assert not app.exception
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Laporan polisi"] == "838"
    assert metrics["Tersangka"] == "1.006"
    assert metrics["Korban diselamatkan"] == "2.797"
    assert metrics["Provinsi dengan data"] == "32"
    assert metrics["Kegiatan pencegahan tercatat"] == "5"
    captions = [c.value for c in app.caption]
    assert "per 23 Oktober 2023" in captions and "per 15 September 2023" in captions
    links = [m.value for m in app.markdown if m.value.startswith("Sumber:")]
    assert any("https://rmol.id/read/2023/09/16/" in link for link in links)
    table = app.dataframe[0].value
    assert sorted(table["Tahun"].tolist()) == [2023, 2023, 2024, 2025]


def test_overview_in_english(app):
    app.run()
    app.sidebar.radio[0].set_value("en").run()
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Suspects"] == "1,006" and metrics["Victims rescued"] == "2,797"
    assert "as of 23 October 2023" in [c.value for c in app.caption]


def test_empty_store_says_so(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    assert any("kosong" in w.value for w in at.warning)
