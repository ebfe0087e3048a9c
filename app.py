"""Pantau TPPO: entry point. Page config, navigation per role, shared sidebar.

Page scripts live in views/, not pages/: a pages/ folder beside the entrypoint switches
Streamlit into its legacy multipage mode, which with st.navigation drops widget events.
"""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import language_switch, t

st.set_page_config(page_title="Pantau TPPO", layout="wide")
language_switch()
st.sidebar.caption(t("app_tagline"))

pages = [
    st.Page("views/overview.py", title=t("nav_overview"), url_path="ringkasan", default=True),
    st.Page("views/map.py", title=t("nav_map"), url_path="peta"),
    st.Page("views/timeline.py", title=t("nav_timeline"), url_path="lini-masa"),
    st.Page("views/province.py", title=t("nav_province"), url_path="provinsi"),
]
navigation = st.navigation(pages)
navigation.run()
