"""Shared fixtures: the gazetteer, a store (SQLite by default, PostgreSQL with DATABASE_URL)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from etl import config, store
from etl.gazetteer import default_gazetteer

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def gazetteer():
    return default_gazetteer()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not config.REFERENCE_DATA_DIR.exists():
        pytest.fail(f"../shared is missing: expected {config.SHARED_DIR}")
    return config.SHARED_DIR


def _fresh_engine(tmp_path: Path):
    url = os.environ.get("DATABASE_URL")
    if url:
        engine = store.make_engine(config.database_url())
        with engine.begin() as conn:
            store.metadata.drop_all(conn)
        return engine
    return store.make_engine(f"sqlite:///{tmp_path / 'store.db'}")


@pytest.fixture
def engine(tmp_path):
    """An empty, migrated store (PostgreSQL when DATABASE_URL is set, else a temporary SQLite file)."""
    engine = _fresh_engine(tmp_path)
    store.migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def seeded_engine(engine):
    """A store holding the reference tables and the seed dataset."""
    from etl.seed import init_store

    init_store(engine)
    return engine


@pytest.fixture(scope="session")
def seeded_sqlite(tmp_path_factory):
    """One seeded SQLite store shared by the read-side tests (they never write to it)."""
    from etl.seed import init_store

    engine = store.make_engine(f"sqlite:///{tmp_path_factory.mktemp('seeded') / 'seeded.db'}")
    init_store(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def seeded_inputs(seeded_sqlite):
    """What the figure choice reads (``etl.analysis.figures.FigureInputs``), from the shared seeded store."""
    from etl.analysis.figures import load_inputs

    return load_inputs(seeded_sqlite)
