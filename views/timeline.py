"""Timeline: national running totals with every reported point, year totals, activities per month."""

from __future__ import annotations

import streamlit as st

from dashboard import data
from dashboard.i18n import t
from dashboard.timeline_view import build_timeline_view

st.title(t("timeline_title"))
provinces = data.provinces(data.data_version()).set_index("code")["name"].to_dict()
province = st.selectbox(
    t("province"),
    [None, *provinces],
    key="timeline_province",
    format_func=lambda c: t("all_provinces") if c is None else provinces[c],
)
view = build_timeline_view(province)

st.subheader(t("running_totals"))
st.caption(t("running_totals_note"))
st.plotly_chart(view.running, width="stretch", key="running_totals")
st.subheader(t("increments"))
st.caption(t("increments_note"))
st.plotly_chart(view.increments, width="stretch", key="increments")
st.subheader(t("year_totals"))
st.plotly_chart(view.years, width="stretch", key="year_totals")
st.subheader(t("activities_by_month"))
st.plotly_chart(view.activities, width="stretch", key="activities_by_month")
st.caption(t("running_total_caveat"))
