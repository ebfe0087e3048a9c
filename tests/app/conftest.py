"""AppTest fixtures: a seeded temporary store and the folium map replaced by a recorder."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from etl import store
from etl.seed import init_store
from tests.conftest import ROOT


@pytest.fixture
def seeded_url(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    init_store(store.make_engine(url))
    return url


@pytest.fixture
def drawn_maps(monkeypatch):
    """AppTest cannot draw or click a folium map: record the maps and return a chosen click."""
    import dashboard.map_component as component

    record = {"maps": [], "click": None}

    def fake_render(fmap, key, height=560):
        record["maps"].append((key, fmap))
        return record["click"]

    monkeypatch.setattr(component, "render_map", fake_render)
    return record


@pytest.fixture
def app(seeded_url):
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def open_page(app, page: str):
    """Run the app, switch to ``page`` and fail on any exception."""
    app.run()
    app.switch_page(page).run()
    assert not app.exception, app.exception
    return app
