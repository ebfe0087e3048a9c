"""Province profile: headline figures with sources, police coverage, regency map, records, pillars, gaps.

Reachable by URL: ``/provinsi?kode=61``.
"""

from __future__ import annotations

import streamlit as st

from dashboard import data
from dashboard.formatting import fmt_date, md_link, plain_md
from dashboard.i18n import current_lang, t
from dashboard.map_component import render_map
from dashboard.profile_view import build_profile_view
from etl.analysis.periods import period_presets

lang = current_lang()
names = data.provinces(data.data_version()).set_index("code")["name"].to_dict()
requested = st.query_params.get("kode")
codes = list(names)
code = st.selectbox(
    t("choose_province"),
    codes,
    index=codes.index(requested) if requested in names else 0,
    format_func=names.get,
    key=f"province_choice_{requested}",
)
if code != requested:
    st.query_params["kode"] = code
presets = period_presets()
period_key = st.selectbox(
    t("profile_period"),
    list(presets),
    key="profile_period",
    format_func=lambda k: t("since_satgas") if k == "since_satgas" else k,
)
view = build_profile_view(code, presets[period_key])

st.title(f"{t('profile_title')}: {plain_md(view.name)}")
st.caption(t("share_link"))
if view.profile.last_record:
    st.write(t("last_record", date=fmt_date(view.profile.last_record, lang)))

st.subheader(t("headline"))
if not any(card["has_value"] or card["area_note"] for card in view.headline_cards):
    st.info(t("no_records"))
# Two cards a row: "tidak ada data" and "tercakup angka Polda Papua" fit without being cut off.
grid = [column for _row in range(0, len(view.headline_cards), 2) for column in st.columns(2)]
for column, card in zip(grid, view.headline_cards, strict=False):
    with column, st.container(border=True):
        st.metric(
            card["label"],
            plain_md(card["value"]),
            help=plain_md(card["conflict_reason"])
            if isinstance(card["conflict_reason"], str) and card["conflict_reason"]
            else None,
        )
        if card["has_value"]:
            st.text(" · ".join(p for p in (card["period"], card["unit"], card["series"]) if p))
            st.markdown(f"{t('source')}: " + md_link(card["source_outlet"] or "?", card["source_url"]))
            if card["rate"]:
                st.text(card["rate"])
        if card["conflict"]:
            st.text("⚠ " + t("conflict_hover", values=card["other_values"]))
        if card["area_note"]:
            st.text(card["area_note"])
for note in view.freshness:
    st.warning(plain_md(note))
for note in view.notes:
    st.info(f"{t('coverage_notes')}: {plain_md(note)}")

st.subheader(t("regency_map"))
render_map(view.regency_map, key=f"peta_kabupaten_{code}", height=420)

st.subheader(t("pillars"))
left, right = st.columns(2)
left.markdown(f"**{t('pillars_touched')}**\n\n" + "\n".join(f"- {p}" for p in view.pillars_touched or ["–"]))
right.markdown(f"**{t('pillars_missing')}**\n\n" + "\n".join(f"- {p}" for p in view.pillars_missing or ["–"]))

st.subheader(t("province_timeline"))
st.plotly_chart(view.activities_chart, width="stretch", key="province_activities")

st.subheader(t("all_records"))
st.dataframe(
    view.records,
    hide_index=True,
    width="stretch",
    column_config={t("source"): st.column_config.LinkColumn(t("source"))},
)
if view.gaps:
    st.subheader(t("gaps"))
    for gap in view.gaps:
        st.text("– " + gap)
