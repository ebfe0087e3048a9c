"""Compare provinces fairly, reconcile sources and export the evidence (Ombudsman reviewers)."""

from __future__ import annotations

import streamlit as st

from dashboard import data
from dashboard.compare_view import build_compare_view, build_reconcile_view
from dashboard.formatting import plain_md
from dashboard.i18n import current_lang, t
from etl.analysis.periods import period_presets
from etl.brief import brief_for
from etl.compare import COMPARE_METRICS

lang = current_lang()
names = data.provinces(data.data_version()).set_index("code")["name"].to_dict()
presets = period_presets()
st.title(t("compare_title"))

everyone = st.toggle(t("all_provinces_toggle"), value=True, key="compare_all")
codes = (
    list(names)
    if everyone
    else st.multiselect(
        t("provinces_pick"), list(names), default=["61", "65", "33"], format_func=names.get, key="compare_codes"
    )
)
left, middle, right = st.columns(3)
period_key = left.selectbox(
    t("period"),
    list(presets),
    key="compare_period",
    format_func=lambda k: t("since_satgas") if k == "since_satgas" else k,
)
chosen = middle.multiselect(
    t("metrics_pick"),
    COMPARE_METRICS,
    default=list(COMPARE_METRICS),
    key="compare_metrics",
    format_func=lambda m: t("activities") if m == "activities" else t(m),
)
min_count = right.number_input(t("min_count"), min_value=1, max_value=1000, value=5, key="compare_min")
rank_metric = left.selectbox(
    t("rank_by"),
    COMPARE_METRICS,
    index=3,
    key="compare_rank",
    format_func=lambda m: t("activities") if m == "activities" else t(m),
)
per_capita = middle.toggle(t("per_100k"), value=True, key="compare_per_capita")

if len(codes) < 2 or not chosen:
    st.info(t("provinces_pick") + ": ≥ 2")
    st.stop()
label = t("since_satgas") if period_key == "since_satgas" else period_key
view = build_compare_view(codes, presets[period_key], chosen, int(min_count), rank_metric, per_capita, label)
if view.public_mode:
    st.info(t("public_mode_on"))
st.dataframe(view.table, hide_index=True, width="stretch")

st.subheader(t("ranking"))
chart, notes = st.columns([3, 2])
chart.plotly_chart(view.ranking_chart, width="stretch", key="ranking_chart")
with notes:
    st.markdown(f"**{t('caveats')}**")
    for caveat in view.caveats:
        st.caption(plain_md(caveat))
    for key, label_key in (
        ("below_minimum", "below_minimum"),
        ("no_data", "without_data"),
        ("no_population", "without_population"),
        ("not_comparable", "not_comparable"),
    ):
        if view.ranking_groups[key]:
            st.caption(f"{t(label_key)}: " + plain_md(", ".join(view.ranking_groups[key])))

st.subheader(t("prevention_vs_enforcement"))
st.plotly_chart(view.scatter, width="stretch", key="scatter")
st.subheader(t("small_multiples"))
st.plotly_chart(view.multiples, width="stretch", key="multiples")

st.subheader(t("reconciliation"))
st.caption(t("reconcile_note"))
place = st.selectbox(
    t("reconcile_place"),
    ["national", *names],
    key="reconcile_place",
    format_func=lambda c: t("national") if c == "national" else names[c],
)
only = st.toggle(t("disagreements_only"), value=False, key="reconcile_only")
st.dataframe(
    build_reconcile_view(place, presets[period_key], only),
    hide_index=True,
    width="stretch",
    column_config={t("source"): st.column_config.LinkColumn(t("source"))},
)

st.subheader(t("exports"))
a, b = st.columns(2)
a.download_button(t("export_csv"), view.csv, "perbandingan_provinsi.csv", "text/csv", key="export_csv")
b.download_button(t("export_xlsx"), view.xlsx, "perbandingan_provinsi.xlsx", key="export_xlsx")
brief_codes = (
    st.multiselect(t("brief_province"), codes, default=codes[:1], format_func=names.get, key="brief_codes") or codes[:1]
)
st.download_button(
    t("brief_button"),
    lambda: brief_for(data.get_engine(), brief_codes, lang, view.public_mode, label, presets[period_key]),
    f"ringkasan_{'_'.join(brief_codes[:5])}.pdf",
    "application/pdf",
    key="brief_pdf",
)
