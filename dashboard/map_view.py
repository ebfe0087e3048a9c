"""Everything the map page shows, from widget values to a folium map and a table."""

from __future__ import annotations

from dataclasses import dataclass

import folium
import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.formatting import fmt_date, fmt_number
from dashboard.i18n import current_lang, t
from dashboard.maps import MapText, build_area_map
from etl import config, metrics, vocab


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
    period = metrics.Period(start, end)
    codes = data.provinces(version)["code"].tolist()
    values = metrics.province_values(
        data.enforcement(version), data.activities(version), data.population(version), metric, period, codes
    )
    points = metrics.activity_points(data.activities(version), period, per_place=MAP_POPUP_ITEMS)
    names = data.provinces(version).set_index("code")["name"]
    table = pd.DataFrame(
        {
            t("province"): values["province_code"].map(names),
            t("value"): values["value"].map(lambda v: fmt_number(v, lang) if pd.notna(v) else t("no_data")),
            t("per_100k"): values["per_100k"].map(lambda v: fmt_number(round(v, 3), lang) if pd.notna(v) else "–"),
            t("reporting_unit"): values["reporting_unit"].astype(object).where(values["reporting_unit"].notna(), ""),
            t("period_of_value"): [
                (f"{fmt_date(s, lang)} – " if pd.notna(s) else "") + fmt_date(e, lang) if pd.notna(e) else ""
                for s, e in zip(values["period_start"], values["reference_date"], strict=True)
            ],
            t("source"): values["source_url"],
            t("conflict_short"): values["conflict"].map(lambda c: "⚠" if c else ""),
            "kode": values["province_code"],
        }
    )
    notes = [t("map_rule")]
    if start == metrics.SATGAS_START and metric != "activities":
        notes.append(t("map_since_satgas_rule"))
    if metric != "activities" and pd.notna(values.set_index("province_code").loc["31", "value"]):
        notes.append(t("metro_note"))
    return _MapData(values, points, table, notes)


def build_map_view(metric: str, per_capita: bool, period: metrics.Period) -> MapView:
    """The map, table and notes for the chosen metric, scale and period."""
    lang = current_lang()
    cached = _map_data(data.data_version(), metric, per_capita, period.start, period.end, lang)
    geojson, has_boundaries = data.boundary_layer("province")
    fmap = build_area_map(
        geojson,
        cached.values,
        "per_100k" if per_capita else "value",
        map_text(metric, per_capita, lang),
        points=cached.points,
        tiles=config.map_tiles(),
        static_base=data.static_base(),
        per_capita=per_capita,
        fit_bounds=True,
    )
    return MapView(fmap, cached.table, cached.notes, has_boundaries)
