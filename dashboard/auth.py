"""Who is signed in: local accounts (session state) or the identity provider (st.login) when configured."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard import data
from dashboard.formatting import plain_md
from dashboard.i18n import current_lang, t
from etl import config
from etl.users import User, UserError, authenticate, role_for_oidc

_USER = "auth_user"
_SEEN = "auth_last_seen"


def oidc_configured() -> bool:
    """True when ``[auth]`` settings exist in .streamlit/secrets.toml."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def current_user() -> User | None:
    """The signed-in staff member, or None for a viewer. Idle sessions expire."""
    if oidc_configured():
        if not getattr(st.user, "is_logged_in", False):
            return None
        return role_for_oidc(data.get_engine(), st.user.get("email"))
    user = st.session_state.get(_USER)
    if user is None:
        return None
    now = dt.datetime.now()
    seen = st.session_state.get(_SEEN, now)
    if now - seen > dt.timedelta(minutes=config.SESSION_IDLE_MINUTES):
        sign_out(expired=True)
        return None
    st.session_state[_SEEN] = now
    return user


def sign_out(expired: bool = False) -> None:
    st.session_state.pop(_USER, None)
    st.session_state.pop(_SEEN, None)
    if expired:
        st.session_state["auth_expired"] = True


def sign_in_form() -> None:
    """The sign-in form and nothing else (used for every staff-only URL when signed out)."""
    st.title(t("signin_title"))
    if st.session_state.pop("auth_expired", False):
        st.warning(t("session_expired"))
    if oidc_configured():
        if st.button(t("signin_oidc"), type="primary"):
            st.login()
        if getattr(st.user, "is_logged_in", False):
            st.error(t("signin_no_account"))
        return
    with st.form("signin", clear_on_submit=False):
        username = st.text_input(t("username"), key="signin_username")
        password = st.text_input(t("password"), type="password", key="signin_password")
        submitted = st.form_submit_button(t("signin_button"), type="primary")
    if submitted:
        try:
            user = authenticate(data.get_engine(), username, password)
        except UserError as exc:
            st.error(exc.message_id if current_lang() == "id" else exc.message_en)
            return
        st.session_state[_USER] = user
        st.session_state[_SEEN] = dt.datetime.now()
        st.rerun()


def account_box(user: User | None) -> None:
    """Sidebar: who is signed in, and a sign-out button."""
    if user is None:
        return
    st.sidebar.caption(t("signed_in_as", name=plain_md(user.display_name), role=t(f"role_{user.role}")))
    if oidc_configured():
        if st.sidebar.button(t("signout")):
            st.logout()
    elif st.sidebar.button(t("signout"), key="signout"):
        sign_out()
        st.rerun()
