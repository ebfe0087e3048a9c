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
    assert metrics["Provinsi dengan data"] == "32"
    assert metrics["Kegiatan pencegahan tercatat"] == "5"
    series = [m.value for m in app.markdown if m.value.startswith("**")]
    assert series[0] == "**Total tahun kalender**"  # the newest figure leads: the 2025 year total
    texts = [x.value for x in app.text]
    assert texts[0] == "1 Jan 2025 – 30 Des 2025"
    values = [(m.label, m.value) for m in app.metric]
    assert ("Korban diselamatkan", "2.797") in values and ("Tersangka", "1.006") in values
    assert ("Korban diselamatkan", "1.239") in values
    assert "5 Jun 2023 – 23 Okt 2023" in texts and any(x.startswith("⚠ Umur angka") for x in texts)
    assert any("Total berjalan Satgas" in w.value and "lebih dari 12 bulan" in w.value for w in app.warning)
    table = app.dataframe[0].value
    assert sorted(table["Tahun"].tolist()) == [2023, 2023, 2024, 2025]


def test_overview_in_english(app):
    app.run()
    app.sidebar.radio[0].set_value("en").run()
    values = [(m.label, m.value) for m in app.metric]
    assert ("Suspects", "1,006") in values and ("Victims rescued", "2,797") in values
    assert "5 Jun 2023 – 23 Oct 2023" in [x.value for x in app.text]


def test_empty_store_says_so(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    assert any("kosong" in w.value for w in at.warning)
