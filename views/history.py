"""History (staff only): every batch, undo, record corrections and the read-only audit trail."""

from __future__ import annotations

import streamlit as st

from dashboard import data
from dashboard.auth import current_user
from dashboard.formatting import fmt_number
from dashboard.i18n import current_lang, t
from etl import store, vocab
from etl.batches import audit_frame, can_undo, record_choices, set_status, undo_batch
from etl.users import UserError

lang = current_lang()
user = current_user()
engine = data.get_engine()
st.title(t("history_title"))

if notice := st.session_state.pop("history_notice", None):
    st.success(notice)

st.subheader(t("batches"))
batches = store.batches_frame(engine)
st.dataframe(batches, hide_index=True, width="stretch")

st.subheader(t("undo"))
undoable = [b for b in batches.to_dict("records") if can_undo(b, user)]
if not undoable:
    st.caption(t("no_undoable"))
else:
    labels = {b["id"]: f"#{b['id']} · {b['file_name']} · {b['user_name']} · {b['created_at']}" for b in undoable}
    chosen = st.selectbox(t("undo_choose"), list(labels), format_func=labels.get, key="undo_batch")
    if st.button(t("undo_button"), key="undo_button"):
        try:
            undo_id = undo_batch(engine, chosen, user)
        except UserError as exc:
            st.error(exc.message_id if lang == "id" else exc.message_en)
        else:
            data.after_write()
            st.session_state["history_notice"] = t("undone", id=chosen, undo=undo_id)
            st.rerun()

st.subheader(t("corrections"))
kind = st.radio(
    t("record_kind"),
    ["enforcement", "activities"],
    horizontal=True,
    key="status_kind",
    format_func=lambda k: t(f"kind_{k}_data"),
)
version = data.data_version()
records = data.enforcement(version) if kind == "enforcement" else data.activities(version)
search = st.text_input(t("record_search"), key="status_search")
options, matches = record_choices(records, kind, search)
if matches > len(options):
    st.caption(t("record_search_more", shown=fmt_number(len(options), lang), total=fmt_number(matches, lang)))
elif not options:
    st.caption(t("record_search_none"))
record_id = st.selectbox(t("record"), list(options), format_func=options.get, key="status_record")
status = st.selectbox(
    t("new_status"),
    list(vocab.VERIFICATION_STATUSES),
    key="status_value",
    format_func=lambda s: vocab.label(vocab.VERIFICATION_STATUSES, s, lang),
)
reason = st.text_input(t("reason"), key="status_reason")
if st.button(t("save_status"), key="save_status", disabled=record_id is None):
    try:
        set_status(engine, kind, record_id, status, user, reason)
    except UserError as exc:
        st.error(exc.message_id if lang == "id" else exc.message_en)
    else:
        data.after_write()
        st.session_state["history_notice"] = t("status_saved")
        st.rerun()

st.subheader(t("audit"))
st.dataframe(audit_frame(engine), hide_index=True, width="stretch")
