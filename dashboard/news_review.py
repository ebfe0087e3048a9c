"""The news review queue on the upload page: many articles in, drafts reviewed, approved drafts out to the
normal upload path (validation, preview, one batch).

Article text is plain text wherever it is shown: tables (never markdown) and the escaped evidence view.
The queue belongs to the staff member who made it; it is dropped as soon as another sign-in is seen.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.auth import oidc_configured
from dashboard.i18n import t
from etl.news import TEMPLATE_FIELDS
from etl.news.batch import pasted_article, read_uploads, run_batch
from etl.news.merge import QueueDraft, apply_edits, build_queue, mark_stored, source_problems, upload_csv
from etl.schemas import COLUMNS
from etl.users import User

QUEUE = "news_queue"
PAYLOAD = "news_payload"  # (CSV bytes, file name, kind): read by views/upload.py like an uploaded file
PAYLOAD_KEYS = "news_payload_keys"
UNSURE_BELOW = 0.6  # fields extracted with less confidence are listed as "check these"
_STATE_KEYS = (QUEUE, PAYLOAD, PAYLOAD_KEYS, "news_notice", "upload_check")
_EXTRA = ("approve", "key", "status", "confidence", "unsure", "sources")


@dataclass
class NewsQueue:
    """One staff member's batch under review: drafts, which are approved, the articles' texts and outcomes."""

    owner: object
    drafts: list[QueueDraft]
    approved: set[str]
    texts: dict[str, str]
    outcomes: list[dict[str, object]]
    generation: int = 0  # bumped whenever rows come or go, so the editors start afresh
    committed: list[str] = field(default_factory=list)


def _owner(user: User) -> object:
    """Who the queue belongs to: the sign-in itself (a new sign-in is a new object), or the e-mail with OIDC."""
    return user.username if oidc_configured() else user


def _is_owner(queue: NewsQueue, user: User) -> bool:
    owner = _owner(user)
    return queue.owner == owner if isinstance(owner, str) else queue.owner is owner


def clear_news_state() -> None:
    """Forget every draft, payload and check of this session (sign-out, another sign-in)."""
    for key in _STATE_KEYS:
        st.session_state.pop(key, None)


def current_queue(user: User) -> NewsQueue | None:
    """This staff member's queue; another sign-in's queue is dropped, never shown."""
    queue = st.session_state.get(QUEUE)
    if queue is not None and not _is_owner(queue, user):
        clear_news_state()
        return None
    return queue


def news_committed() -> None:
    """After the upload path committed the approved drafts: they leave the queue."""
    keys = set(st.session_state.pop(PAYLOAD_KEYS, ()))
    st.session_state.pop(PAYLOAD, None)
    queue = st.session_state.get(QUEUE)
    if queue is not None and keys:
        queue.drafts = [d for d in queue.drafts if d.key not in keys]
        queue.committed.extend(sorted(keys))
        queue.generation += 1


def highlighted(text: str, spans: list[tuple[int, str, str]]) -> str:
    """The article as escaped HTML with each evidence span (start, evidence, field) marked. A span whose text
    is not at its position is looked for in the text; no article text is ever trusted as HTML."""
    marks: list[tuple[int, int, str]] = []
    for start, evidence, name in spans:
        if not evidence:
            continue
        if not (start >= 0 and text[start : start + len(evidence)] == evidence):
            start = text.find(evidence)
        if start >= 0:
            marks.append((start, start + len(evidence), name))
    out, position = [], 0
    for start, end, name in sorted(marks):
        if start < position:
            continue
        out.append(html.escape(text[position:start]))
        out.append(f"<mark title='{html.escape(name, quote=True)}'>{html.escape(text[start:end])}</mark>")
        position = end
    out.append(html.escape(text[position:]))
    return "<div style='white-space:pre-wrap;font-size:0.85rem;line-height:1.5'>" + "".join(out) + "</div>"


def _message(item, lang: str) -> str:
    return item.message_id if lang == "id" else item.message_en


def _field_label(kind: str, name: str, lang: str) -> str:
    if lang == "id":
        return next((spec.name_id for spec in COLUMNS[kind] if spec.name == name), name)
    return name


def _extract(text: str, url: str, reason: str, published: dt.date | None, files, user: User, lang: str) -> None:
    articles = []
    if text.strip():
        pasted = pasted_article(text, url, reason, published)
        if pasted.refused:
            st.error(_message(pasted, lang))
            return
        articles.append(pasted)
    articles.extend(read_uploads([(f.name, f.getvalue()) for f in files or []]))
    if not articles:
        st.warning(t("news_nothing"))
        return
    bar = st.progress(0.0, text=t("news_progress", done=0, total=len(articles)))
    results = run_batch(
        articles, lambda done, total: bar.progress(done / total, text=t("news_progress", done=done, total=total))
    )
    drafts = build_queue(results)
    version = data.data_version()
    mark_stored(drafts, data.activities(version), data.enforcement(version))
    outcomes = [
        {
            "article": r.name,
            "url": r.url or "",
            "drafts": len(r.drafts),
            "message_id": r.message_id,
            "message_en": r.message_en,
        }
        for r in results
    ]
    clear_news_state()
    st.session_state[QUEUE] = NewsQueue(
        _owner(user),
        drafts,
        {d.key for d in drafts if d.stored is None},
        {r.name: r.text for r in results if r.text},
        outcomes,
    )
    st.session_state["news_notice"] = t("news_done", articles=len(results), drafts=len(drafts))
    st.session_state["news_files_gen"] = st.session_state.get("news_files_gen", 0) + 1  # an empty uploader
    st.rerun()


def _status(draft: QueueDraft) -> str:
    return t("news_status_stored", record=draft.stored) if draft.stored else t("news_status_new")


def _queue_frame(drafts: list[QueueDraft], kind: str, approved: set[str], lang: str) -> pd.DataFrame:
    rows = []
    for draft in drafts:
        fields = {
            name: "" if draft.record.get(name) is None else str(draft.record[name]) for name in TEMPLATE_FIELDS[kind]
        }
        confidence = [draft.confidence.get(n, 0.0) for n in fields if fields[n]]
        unsure = [
            _field_label(kind, n, lang) for n in fields if fields[n] and draft.confidence.get(n, 1.0) < UNSURE_BELOW
        ]
        rows.append(
            {
                "approve": draft.key in approved,
                "key": draft.key,
                "status": _status(draft),
                "confidence": min(confidence) if confidence else 0.0,
                "unsure": ", ".join(unsure),
                "sources": " | ".join(s.label() for s in draft.sources),
                **fields,
            }
        )
    return pd.DataFrame(rows, columns=[*_EXTRA, *TEMPLATE_FIELDS[kind]])


def _column_config(kind: str, lang: str) -> dict:
    config = {name: st.column_config.TextColumn(_field_label(kind, name, lang)) for name in TEMPLATE_FIELDS[kind]}
    config.update(
        approve=st.column_config.CheckboxColumn(t("news_col_approve"), default=False),
        key=st.column_config.TextColumn(t("news_col_draft")),
        status=st.column_config.TextColumn(t("news_col_status")),
        confidence=st.column_config.ProgressColumn(
            t("news_col_confidence"), min_value=0.0, max_value=1.0, format="%.2f", help=t("news_col_confidence_help")
        ),
        unsure=st.column_config.TextColumn(t("news_col_unsure")),
        sources=st.column_config.TextColumn(t("news_col_sources")),
    )
    return config


def _sync(queue: NewsQueue, edited: dict[str, pd.DataFrame]) -> None:
    """Write the editors' values and approval ticks back into the queue."""
    for frame in edited.values():
        apply_edits(queue.drafts, frame)
        for key, approve in zip(frame["key"], frame["approve"], strict=True):
            if approve:
                queue.approved.add(key)
            else:
                queue.approved.discard(key)


def _check(queue: NewsQueue, kind: str, lang: str) -> None:
    chosen = [d for d in queue.drafts if d.kind == kind and d.key in queue.approved and not d.rejected]
    if not chosen:
        st.warning(t("news_none_approved"))
        return
    problems = source_problems(chosen)
    if problems:
        st.error(t("news_source_required"))
        st.dataframe(
            pd.DataFrame(
                [(key, mid if lang == "id" else men) for key, mid, men in problems],
                columns=[t("news_col_draft"), t("news_col_message")],
            ),
            hide_index=True,
        )
        return
    st.session_state[PAYLOAD] = (upload_csv(chosen, kind), f"berita-{kind}-{len(chosen)}-draf.csv", kind)
    st.session_state[PAYLOAD_KEYS] = [d.key for d in chosen]


def _reject(queue: NewsQueue, keys: list[str], reason: str) -> bool:
    if not keys:
        st.warning(t("news_reject_none"))
        return False
    if not reason.strip():
        st.error(t("news_reject_reason_required"))
        return False
    for draft in queue.drafts:
        if draft.key in keys:
            draft.rejected = reason.strip()
            queue.approved.discard(draft.key)
    if set(st.session_state.get(PAYLOAD_KEYS, ())) & set(keys):
        st.session_state.pop(PAYLOAD, None)
        st.session_state.pop(PAYLOAD_KEYS, None)
    queue.generation += 1
    return True


def _summary(draft: QueueDraft) -> str:
    what = draft.record.get("title") or draft.record.get("reporting_unit") or ""
    return f"{draft.key} · {what}"[:120]


def _detail(queue: NewsQueue, lang: str) -> None:
    """One draft up close: every field with its confidence and evidence, its sources, the highlighted text."""
    st.markdown(f"**{t('news_detail')}**")
    by_key = {d.key: d for d in queue.drafts}
    chosen = st.selectbox(
        t("news_detail_pick"), list(by_key), format_func=lambda k: _summary(by_key[k]), key="news_detail"
    )
    draft = by_key.get(chosen)
    if draft is None:
        return
    rows = [
        {
            t("news_col_field"): _field_label(draft.kind, name, lang),
            t("news_col_value"): "" if draft.record.get(name) is None else str(draft.record[name]),
            t("news_col_confidence"): draft.confidence.get(name),
            t("news_col_evidence"): draft.evidence[name].text if name in draft.evidence else "",
        }
        for name in TEMPLATE_FIELDS[draft.kind]
        if draft.record.get(name) is not None or name in draft.confidence
    ]
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        width="stretch",
        column_config={
            t("news_col_confidence"): st.column_config.ProgressColumn(
                t("news_col_confidence"), min_value=0.0, max_value=1.0, format="%.2f"
            )
        },
    )
    st.dataframe(
        pd.DataFrame(
            [(s.article, s.url or "", s.name or "") for s in draft.sources],
            columns=[t("news_col_article"), "URL", t("news_col_source_name")],
        ),
        hide_index=True,
        width="stretch",
    )
    with st.expander(t("news_evidence"), expanded=True):
        for article in draft.articles:
            spans = [(e.start, e.text, name) for name, e in draft.evidence.items() if e.article == article]
            st.html(
                f"<p style='font-weight:600;margin:0.5rem 0'>{html.escape(article)}</p>"
                + highlighted(queue.texts.get(article, ""), spans)
            )


def news_review_section(lang: str, user: User) -> None:
    """Paste an article or upload many, review the queue, and hand approved drafts to the upload path."""
    queue = current_queue(user)
    st.caption(t("news_intro"))
    text = st.text_area(t("news_text"), height=140, key="news_text")
    url_col, reason_col, date_col = st.columns([3, 3, 2])
    news_url = url_col.text_input(t("news_url"), key="news_url")
    reason = reason_col.text_input(t("news_no_url_reason"), key="news_reason")
    published = date_col.date_input(t("news_date_pasted"), value=None, key="news_date", max_value=dt.date.today())
    files = st.file_uploader(
        t("news_files_many"),
        type=["txt", "html", "htm", "zip", "csv"],
        accept_multiple_files=True,
        key=f"news_files_{st.session_state.get('news_files_gen', 0)}",
    )
    if st.button(t("news_extract"), key="news_extract", type="primary"):
        _extract(text, news_url, reason, published, files, user, lang)
    if notice := st.session_state.pop("news_notice", None):
        st.success(notice)
    if queue is None:
        return
    with st.expander(t("news_outcomes", n=len(queue.outcomes)), expanded=False):
        st.dataframe(
            pd.DataFrame(
                [(o["article"], o["url"], o["drafts"], o[f"message_{lang}"]) for o in queue.outcomes],
                columns=[t("news_col_article"), "URL", t("news_col_drafts"), t("news_col_message")],
            ),
            hide_index=True,
            width="stretch",
        )
    if queue.committed:
        st.caption(t("news_committed_drafts", keys=", ".join(queue.committed)))
    pending = [d for d in queue.drafts if not d.rejected]
    if not pending:
        st.info(t("news_queue_empty"))
    edited: dict[str, pd.DataFrame] = {}
    clicked: str | None = None
    for kind in ("activities", "enforcement"):
        drafts = [d for d in pending if d.kind == kind]
        if not drafts:
            continue
        st.markdown(f"**{t('news_drafts', kind=t(f'kind_{kind}_data'), n=len(drafts))}**")
        edited[kind] = st.data_editor(
            _queue_frame(drafts, kind, queue.approved, lang),
            key=f"news_editor_{kind}_{queue.generation}",
            hide_index=True,
            num_rows="fixed",
            disabled=list(_EXTRA[1:]),
            column_config=_column_config(kind, lang),
        )
        if st.button(t("news_check_kind", kind=t(f"kind_{kind}_data")), key=f"news_check_{kind}"):
            clicked = kind
    if pending:
        with st.expander(t("news_reject_title")):
            keys = st.multiselect(
                t("news_reject_pick"),
                [d.key for d in pending],
                format_func=lambda k: _summary(next(d for d in pending if d.key == k)),
                key=f"news_reject_keys_{queue.generation}",
            )
            reason_text = st.text_input(t("news_reject_reason"), key=f"news_reject_reason_{queue.generation}")
            if st.button(t("news_reject_button"), key="news_reject"):
                _sync(queue, edited)
                if _reject(queue, keys, reason_text):
                    st.rerun()
    if clicked is not None:
        _sync(queue, edited)
        _check(queue, clicked, lang)
    rejected = [d for d in queue.drafts if d.rejected]
    if rejected:
        st.markdown(f"**{t('news_rejected', n=len(rejected))}**")
        st.dataframe(
            pd.DataFrame(
                [(d.key, t(f"kind_{d.kind}_data"), _summary(d).split(" · ", 1)[-1], d.rejected) for d in rejected],
                columns=[t("news_col_draft"), t("record_kind"), t("news_col_summary"), t("news_col_reason")],
            ),
            hide_index=True,
            width="stretch",
        )
    if queue.drafts:
        _detail(queue, lang)
    if st.button(t("news_clear"), key="news_clear"):
        clear_news_state()
        st.rerun()
