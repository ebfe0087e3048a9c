"""Cached access to the store for pages: one engine per process, frames keyed on the data version."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from etl import store


@st.cache_resource(show_spinner=False)
def get_engine() -> Engine:
    """The store's engine, migrated to the current schema."""
    engine = store.make_engine()
    store.migrate(engine)
    return engine


def data_version() -> str:
    return store.data_version(get_engine())


@st.cache_data(show_spinner=False, max_entries=4)
def enforcement(version: str) -> pd.DataFrame:
    """All enforcement records (cached per data version; cleared after uploads)."""
    return store.enforcement_frame(get_engine())


@st.cache_data(show_spinner=False, max_entries=4)
def activities(version: str) -> pd.DataFrame:
    """All prevention activities (cached per data version)."""
    return store.activities_frame(get_engine())
