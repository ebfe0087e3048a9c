"""Map: provinces coloured by a chosen measure; prevention activities as dots; click opens a profile."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard.formatting import plain_md
from dashboard.i18n import t
from dashboard.map_component import render_map
from dashboard.map_view import build_map_view, metric_label
from etl.analysis.periods import Period, period_presets
from etl.metrics import MAP_METRICS

st.title(t("map_title"))
presets = period_presets()
left, middle, right = st.columns([2, 2, 3])
metric = left.selectbox(t("metric"), MAP_METRICS, format_func=metric_label, key="map_metric")
per_capita = middle.radio(
    t("scale"),
    [False, True],
    key="map_scale",
    horizontal=True,
    format_func=lambda v: t("per_100k") if v else t("absolute"),
)
choice = right.selectbox(
    t("period"),
    [*presets, "custom"],
    key="map_period",
    format_func=lambda k: t("since_satgas") if k == "since_satgas" else t("custom") if k == "custom" else k,
)
if choice == "custom":
    chosen = right.date_input(
        t("date_range"),
        (presets["since_satgas"].start, dt.date.today()),
        key="map_dates",
        min_value=dt.date(2020, 1, 1),
        max_value=dt.date.today(),
    )
    period = Period(*chosen) if isinstance(chosen, tuple) and len(chosen) == 2 else presets["since_satgas"]
else:
    period = presets[choice]

view = build_map_view(metric, per_capita, period)
if not view.has_boundaries:
    st.warning(t("no_boundaries"))
st.caption(t("map_click_hint") + " " + t("map_points_note"))
clicked = render_map(view.fmap, key="peta_provinsi")
if clicked and clicked != st.session_state.get("map_last_click"):
    st.session_state["map_last_click"] = clicked  # returning to the map must not jump again
    st.switch_page("views/province.py", query_params={"kode": clicked})
for note in view.notes:
    st.caption(plain_md(note))

st.subheader(t("table_title"))
st.dataframe(
    view.table.drop(columns=["kode"]),
    hide_index=True,
    width="stretch",
    column_config={t("source"): st.column_config.LinkColumn(t("source"))},
)
