"""Cached access to the store for pages: one engine per process, frames keyed on the data version."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from etl import config, store


@st.cache_resource(show_spinner=False)
def _engine_for(url: str) -> Engine:
    engine = store.make_engine(url)
    store.migrate(engine)
    return engine


def get_engine() -> Engine:
    """The store's engine (one per database URL), migrated to the current schema."""
    return _engine_for(config.database_url())


def data_version() -> str:
    """Changes after every commit or undo; also names the database so caches never mix stores."""
    return f"{config.database_url()}|{store.data_version(get_engine())}"


@st.cache_data(show_spinner=False, max_entries=4)
def enforcement(version: str) -> pd.DataFrame:
    """All enforcement records (cached per data version; cleared after uploads)."""
    return store.enforcement_frame(get_engine())


@st.cache_data(show_spinner=False, max_entries=4)
def activities(version: str) -> pd.DataFrame:
    """All prevention activities (cached per data version)."""
    return store.activities_frame(get_engine())
