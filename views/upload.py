"""Upload (staff only): templates, validation with every problem listed, preview, one-batch commit."""

from __future__ import annotations

import streamlit as st

from dashboard import data
from dashboard.auth import current_user
from dashboard.data import checked_upload
from dashboard.formatting import fmt_number
from dashboard.i18n import current_lang, t
from dashboard.news_review import PAYLOAD, news_committed, news_review_section
from etl.exports import to_csv_bytes
from etl.templates import template_csv, template_xlsx
from etl.uploads import PREVIEW_ROWS, commit_upload

lang = current_lang()
user = current_user()
st.title(t("upload_title"))

with st.expander(t("templates"), expanded=False):
    st.caption(t("templates_help"))
    for kind in ("enforcement", "activities"):
        left, right = st.columns(2)
        label = t(f"kind_{kind}_data")
        left.download_button(
            f"{label} (CSV)",
            lambda kind=kind: template_csv(kind, lang),
            f"templat_{kind}_{lang}.csv",
            "text/csv",
            key=f"tpl_csv_{kind}",
        )
        right.download_button(
            f"{label} (XLSX)",
            lambda kind=kind: template_xlsx(kind, lang),
            f"templat_{kind}_{lang}.xlsx",
            key=f"tpl_xlsx_{kind}",
        )

file_tab, news_tab = st.tabs([t("file_tab"), t("news_tab")])
with news_tab:
    news_review_section(lang, user)
with file_tab:
    kind = st.radio(
        t("record_kind"),
        [None, "enforcement", "activities"],
        horizontal=True,
        key="upload_kind",
        format_func=lambda k: t("kind_auto") if k is None else t(f"kind_{k}_data"),
    )
    generation = st.session_state.setdefault("upload_generation", 0)
    uploaded = st.file_uploader(t("choose_file"), type=["csv", "xlsx"], key=f"upload_file_{generation}")

if notice := st.session_state.pop("upload_notice", None):
    st.success(notice)

incoming, from_news = None, False
if uploaded is not None:
    incoming = (uploaded.getvalue(), uploaded.name, kind)
elif PAYLOAD in st.session_state:
    incoming, from_news = st.session_state[PAYLOAD], True  # approved news drafts take the same path as a file

if incoming is not None:
    payload, file_name, kind = incoming
    check = checked_upload(payload, file_name, kind)
    if not check.ok:
        st.error(t("file_errors", n=len(check.result.issues)))
        issues = check.result.issues_frame(lang)
        st.dataframe(issues, hide_index=True, width="stretch")
        st.download_button(t("download_errors"), to_csv_bytes(issues), f"masalah_{file_name}.csv", "text/csv")
    else:
        summary = check.summary
        st.subheader(t("preview"))
        cols = st.columns(4)
        counts = (summary.rows_new, summary.rows_changed, summary.rows_unchanged, summary.rows_duplicate)
        labels = ("rows_new", "rows_changed", "rows_unchanged", "rows_duplicate")
        for col, label, count in zip(cols, labels, counts, strict=True):
            col.metric(t(label), fmt_number(count, lang))  # 100.000 in Bahasa Indonesia, 100,000 in English
        tabs = st.tabs([t("rows_new"), t("changes_old_new"), t("rows_unchanged"), t("rows_duplicate")])
        shown = fmt_number(PREVIEW_ROWS, lang)
        for tab, part in zip(tabs, ("new", "changes", "unchanged", "duplicate"), strict=True):
            frame, total = check.shown_part(part, lang)
            tab.dataframe(frame, hide_index=True, width="stretch")
            if total > PREVIEW_ROWS:
                tab.caption(t("preview_first_rows", shown=shown, total=fmt_number(total, lang)))
        if summary.rows_new + summary.rows_changed == 0:
            st.info(t("nothing_to_commit"))
        elif st.button(t("confirm_commit"), type="primary", key="confirm_commit"):
            done = commit_upload(data.get_engine(), check, user.username)
            data.after_write()
            st.session_state["upload_notice"] = t(
                "committed",
                id=done.batch_id,
                new=fmt_number(done.rows_new, lang),
                changed=fmt_number(done.rows_changed, lang),
                unchanged=fmt_number(done.rows_unchanged, lang),
            )
            st.session_state["upload_generation"] = generation + 1  # a fresh, empty uploader
            if from_news:
                news_committed()  # the saved drafts leave the review queue
            st.rerun()
