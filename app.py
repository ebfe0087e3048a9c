"""Pantau TPPO: entry point. Page config, navigation per role, shared sidebar.

Page scripts live in views/, not pages/: a pages/ folder beside the entrypoint switches
Streamlit into its legacy multipage mode, which with st.navigation drops widget events.
"""

from __future__ import annotations

import streamlit as st

from dashboard.auth import account_box, current_user, sign_in_form
from dashboard.i18n import language_switch, t

st.set_page_config(page_title="Pantau TPPO", layout="wide")
language_switch()
st.sidebar.caption(t("app_tagline"))

pages = [
    st.Page("views/overview.py", title=t("nav_overview"), url_path="ringkasan", default=True),
    st.Page("views/map.py", title=t("nav_map"), url_path="peta"),
    st.Page("views/timeline.py", title=t("nav_timeline"), url_path="lini-masa"),
    st.Page("views/province.py", title=t("nav_province"), url_path="provinsi"),
    st.Page("views/compare.py", title=t("nav_compare"), url_path="bandingkan"),
]
user = current_user()
if user is not None:  # staff pages exist in the navigation only for signed-in staff

    def signed_in() -> None:  # /masuk after signing in leads on to the upload page
        st.switch_page("views/upload.py")

    pages += [
        st.Page("views/upload.py", title=t("nav_upload"), url_path="unggah"),
        st.Page("views/history.py", title=t("nav_history"), url_path="riwayat"),
        st.Page(signed_in, title=t("nav_signin"), url_path="masuk", visibility="hidden"),
    ]
else:  # the same URLs show the sign-in form and nothing else

    def sign_in() -> None:
        sign_in_form()

    def upload_requires_sign_in() -> None:
        sign_in_form()

    def history_requires_sign_in() -> None:
        sign_in_form()

    pages += [
        st.Page(sign_in, title=t("nav_signin"), url_path="masuk"),
        st.Page(upload_requires_sign_in, title=t("nav_upload"), url_path="unggah", visibility="hidden"),
        st.Page(history_requires_sign_in, title=t("nav_history"), url_path="riwayat", visibility="hidden"),
    ]
account_box(user)
navigation = st.navigation(pages)
navigation.run()
