"""Cached access to the store for pages: one engine per process, frames keyed on the data version."""

from __future__ import annotations

import threading

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine
from streamlit.runtime.scriptrunner import add_script_run_ctx

from etl import config, queries, store
from etl.analysis.figures import FigureInputs, province_figures
from etl.analysis.periods import Period
from etl.queries import Overview


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


# The two record frames are shared by every session (cache_resource: no copy per rerun, which at a
# million rows cost seconds and gigabytes). They are read-only: page code never modifies them in place.
@st.cache_resource(show_spinner=False, max_entries=2)
def enforcement(version: str) -> pd.DataFrame:
    """All enforcement records (one shared, read-only frame per data version)."""
    return store.enforcement_frame(get_engine(), identity=False)


@st.cache_resource(show_spinner=False, max_entries=2)
def activities(version: str) -> pd.DataFrame:
    """All prevention activities (one shared, read-only frame per data version)."""
    return store.activities_frame(get_engine(), identity=False)


@st.cache_data(show_spinner=False, max_entries=2)
def overview(version: str) -> Overview:
    """The overview page's figures (computed once per data version: a million rows took a second)."""
    return queries.overview(enforcement(version), activities(version), store.conflicts_frame(get_engine()))


def after_write() -> threading.Thread:
    """After a commit, undo or correction: drop the cached page data and load the new data version's
    record frames and overview in the background, so the next visitor does not wait for them (about
    20 s at a million records). A page asking meanwhile waits for this load instead of starting its own."""
    st.cache_data.clear()
    version = data_version()

    def load() -> None:
        enforcement(version)
        activities(version)
        overview(version)
        figure_inputs(version).event_ids  # noqa: B018 - one event, one count: grouped once per data version

    thread = threading.Thread(target=load, name="pantau-warm-caches", daemon=True)
    add_script_run_ctx(thread)
    thread.start()
    return thread


@st.cache_data(show_spinner=False, max_entries=4)
def population(version: str) -> pd.DataFrame:
    """Population rows with their sources (cached per data version)."""
    return store.population_frame(get_engine())


@st.cache_data(show_spinner=False, max_entries=2)
def provinces(version: str) -> pd.DataFrame:
    return store.provinces_frame(get_engine())


@st.cache_resource(show_spinner=False, max_entries=2)
def figure_inputs(version: str) -> FigureInputs:
    """What every page's figures are chosen from (one shared, read-only bundle per data version)."""
    engine = get_engine()
    return FigureInputs(
        enforcement(version),
        activities(version),
        population(version),
        store.police_units_frame(engine),
        store.conflicts_frame(engine),
        provinces(version),
    )


@st.cache_data(show_spinner=False, max_entries=64)
def figures(version: str, metric: str, start, end) -> pd.DataFrame:
    """The chosen figure of every province for a metric and window (``etl.analysis.figures``)."""
    return province_figures(figure_inputs(version), metric, Period(start, end))


@st.cache_resource(show_spinner=False)
def boundary_layer(level: str) -> tuple[dict, bool]:
    """(GeoJSON, True) from the boundary cache, or representative points and False when unavailable."""
    from etl import boundaries

    layer = boundaries.load_layer(level)
    if layer is not None:
        return layer, True
    return boundaries.fallback_points(level), False


def static_base() -> str:
    """URL prefix of the app's static files (honours server.baseUrlPath)."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/app/static" if base else "/app/static"


def checked_upload(payload: bytes, file_name: str, kind: str | None):
    """Validate and preview a file once per content, kind and data version (not on every rerun)."""
    import hashlib

    from etl.uploads import check_upload

    key = (hashlib.sha256(payload).hexdigest(), file_name, kind, data_version())
    cached = st.session_state.get("upload_check")
    if cached is None or cached[0] != key:
        cached = (key, check_upload(get_engine(), payload, file_name, kind))
        st.session_state["upload_check"] = cached
    return cached[1]


@st.cache_data(show_spinner=False, max_entries=4)
def data_as_of(version: str) -> str | None:
    """The newest record's date (what "data as of" means in every export; not the day it was made)."""
    return queries.data_as_of(enforcement(version), activities(version))


@st.cache_data(show_spinner=False, max_entries=4)
def newest_national(version: str) -> pd.DataFrame:
    """The newest national figure of each series and metric, with its age (``etl.analysis.freshness``)."""
    from etl.analysis.freshness import newest_national as newest

    return newest(enforcement(version), figure_inputs(version).conflicts)
