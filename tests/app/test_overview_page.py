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
    newest = app.dataframe[0].value
    first = newest.iloc[0]  # the newest figure leads: the 2025 year total, with its own period
    assert first["Seri"] == "Total tahun kalender" and first["Periode angka"] == "1 Jan 2025 – 30 Des 2025"
    running = newest[newest["Seri"] == "Total berjalan Satgas"].set_index("Ukuran")
    assert running.loc["Korban diselamatkan", "Nilai"] == "2.797" and running.loc["Tersangka", "Nilai"] == "1.006"
    assert running["Umur angka"].str.startswith("⚠").all()  # more than 12 months old, and it says so
    assert any("Total berjalan Satgas" in w.value and "lebih dari 12 bulan" in w.value for w in app.warning)
    table = app.dataframe[1].value
    assert sorted(table["Tahun"].tolist()) == [2023, 2023, 2024, 2025]


def test_overview_in_english(app):
    app.run()
    app.sidebar.radio[0].set_value("en").run()
    newest = app.dataframe[0].value
    running = newest[newest["Series"] == "Satgas running total"].set_index("Measure")
    assert running.loc["Suspects", "Value"] == "1,006" and running.loc["Victims rescued", "Value"] == "2,797"
    assert running.loc["Victims rescued", "Period of the figure"] == "5 Jun 2023 – 23 Oct 2023"


def test_empty_store_says_so(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    assert any("kosong" in w.value for w in at.warning)
