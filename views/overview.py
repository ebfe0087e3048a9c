"""Overview: latest national running totals with sources, coverage and freshness."""

from __future__ import annotations

import streamlit as st

from dashboard import data
from dashboard.formatting import fmt_date, fmt_number, md_link, plain_md
from dashboard.i18n import current_lang, t
from dashboard.tables import newest_series_cards, newest_series_warnings, year_totals_table

lang = current_lang()
version = data.data_version()
summary = data.overview(version)

st.title(t("overview_title"))
st.write(t("overview_intro"))

if summary.enforcement_records == 0 and summary.activities_recorded == 0:
    st.warning(t("store_empty"))
    st.stop()

st.subheader(t("newest_by_series"))
st.caption(t("newest_by_series_note"))
newest = data.newest_national(version)
for warning in newest_series_warnings(newest, lang):
    st.warning(plain_md(warning))
for card_group in newest_series_cards(newest, lang):
    st.markdown(f"**{plain_md(card_group['series'])}**")
    for column, card in zip(st.columns(len(card_group["cards"])), card_group["cards"], strict=True):
        with column, st.container(border=True):
            st.metric(card["label"], plain_md(card["value"]))
            st.text(card["period"])
            st.text(card["age"])
            st.markdown(f"{t('source')}: " + md_link(card["outlet"] or "?", card["source_url"]))
            if card["other_values"]:
                st.text("⚠ " + t("conflict_hover", values=card["other_values"]))

a, b, c = st.columns(3)
a.metric(
    t("provinces_with_data"),
    fmt_number(summary.provinces_with_data, lang),
    help=t("of_provinces", total=summary.provinces_total),
)
a.caption(t("of_provinces", total=summary.provinces_total))
b.metric(t("activities_recorded"), fmt_number(summary.activities_recorded, lang))
c.metric(t("enforcement_records"), fmt_number(summary.enforcement_records, lang))

st.subheader(t("freshness"))
st.write(t("last_enforcement", date=fmt_date(summary.latest_enforcement_date, lang)))
st.write(t("last_activity", date=fmt_date(summary.latest_activity_date, lang)))

st.subheader(t("year_totals"))
st.dataframe(
    year_totals_table(summary.year_totals, lang),
    hide_index=True,
    column_config={t("source"): st.column_config.LinkColumn(t("source"))},
)
st.caption(t("running_total_caveat"))
st.caption(t("credit"))
