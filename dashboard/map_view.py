"""Everything the map page shows, from widget values to a folium map and a table."""

from __future__ import annotations

from dataclasses import dataclass

import folium
import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.figure_table import figure_table, freshness_notes, value_cell
from dashboard.formatting import fmt_number
from dashboard.i18n import current_lang, t
from dashboard.maps import MapText, build_area_map
from etl import config, metrics, vocab
from etl.analysis import periods
from etl.analysis.figure_text import period_text


@dataclass
class MapView:
    fmap: folium.Map
    table: pd.DataFrame
    notes: list[str]
    has_boundaries: bool


@dataclass
class _MapData:
    values: pd.DataFrame
    points: list[dict]
    table: pd.DataFrame
    notes: list[str]


def metric_label(metric: str) -> str:
    return t("activities") if metric == "activities" else t(metric)


def map_text(metric: str, per_capita: bool, lang: str) -> MapText:
    legend = metric_label(metric) + (f" ({t('per_100k').lower()})" if per_capita else "")
    return MapText(
        metric_label=metric_label(metric),
        no_data=t("no_data"),
        no_population=t("no_population"),
        value_label=legend,
        activities_label=t("activities"),
        source_label=t("source"),
        credit="Batas wilayah: cahyadsn/wilayah_boundaries, MIT",
        legend_title=legend,
        number=lambda v: fmt_number(v, lang),
        activity_type_labels={k: vocab.label(vocab.ACTIVITY_TYPES, k, lang) for k in vocab.ACTIVITY_TYPES},
    )


MAP_POPUP_ITEMS = 1  # the latest activity per place in the national map's popups (the profile lists them all)


@st.cache_resource(show_spinner=False, max_entries=32)
def _map_data(version: str, metric: str, per_capita: bool, start, end, lang: str) -> _MapData:
    """Values, points, table and notes (cached; the folium map itself is built fresh each run,
    because st_folium identifies a map by its generated script and re-rendering a map changes it)."""
    period = periods.Period(start, end)
    figures = data.figures(version, metric, start, end)
    points = metrics.activity_points(data.activities(version), period, per_place=MAP_POPUP_ITEMS)
    table = figure_table(figures, lang)
    values = figures.assign(
        map_label=[
            value_cell(row, lang, per_capita)
            + (f" ({period_text(row['period_start'], row['period_end'], lang)})" if pd.notna(row["value"]) else "")
            + (" ⚠" if row["conflict"] else "")
            for _, row in figures.iterrows()
        ],
        map_detail=[
            " · ".join(
                p
                for p in (
                    row["reporting_unit"] if isinstance(row["reporting_unit"], str) else "",
                    row["area_note_id" if lang == "id" else "area_note_en"],
                    row["rate_note_id" if lang == "id" else "rate_note_en"] if per_capita else "",
                )
                if p
            )
            for _, row in figures.iterrows()
        ],
    )
    notes = [t("map_rule")]
    if start == periods.SATGAS_START and metric != "activities":
        notes.append(t("map_since_satgas_rule"))
    notes += freshness_notes(figures)
    return _MapData(values, points, table, notes)


def build_map_view(metric: str, per_capita: bool, period: periods.Period) -> MapView:
    """The map, table and notes for the chosen metric, scale and period."""
    lang = current_lang()
    cached = _map_data(data.data_version(), metric, per_capita, period.start, period.end, lang)
    geojson, has_boundaries = data.boundary_layer("province")
    fmap = build_area_map(
        geojson,
        cached.values,
        "rate_per_100k" if per_capita else "value",
        map_text(metric, per_capita, lang),
        points=cached.points,
        tiles=config.map_tiles(),
        static_base=data.static_base(),
        per_capita=per_capita,
        fit_bounds=True,
    )
    return MapView(fmap, cached.table, cached.notes, has_boundaries)
