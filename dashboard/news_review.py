"""Helpers for reviewing news drafts: evidence highlighting (escaped) and draft tables."""

from __future__ import annotations

import datetime as dt
import html

import pandas as pd
import streamlit as st

from dashboard.i18n import t
from etl.news import TEMPLATE_FIELDS, NewsResult, drafts_to_csv, extract, html_to_text


def highlighted(text: str, spans: list[tuple[int, str]]) -> str:
    """The article as escaped HTML with each evidence span marked; no stored text is trusted as HTML."""
    marks = sorted({(start, start + len(evidence)) for start, evidence in spans if start >= 0 and evidence})
    out, position = [], 0
    for start, end in marks:
        if start < position:
            continue
        out.append(html.escape(text[position:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        position = end
    out.append(html.escape(text[position:]))
    return "<div style='white-space:pre-wrap;font-size:0.85rem'>" + "".join(out) + "</div>"


def draft_tables(result: NewsResult, source_file: str) -> dict[str, pd.DataFrame]:
    """One editable table per record kind, in the template's column order, plus evidence and confidence."""
    tables = {}
    for kind in ("activities", "enforcement"):
        records = [d.record(source_file) for d in result.drafts if d.kind == kind]
        if not records:
            continue
        frame = pd.DataFrame(records)
        for column in TEMPLATE_FIELDS[kind]:
            if column not in frame:
                frame[column] = None
        frame["evidence"] = frame["evidence"].map(lambda e: "; ".join(f"{k}: {v}" for k, v in e.items()))
        frame["confidence"] = frame["confidence"].map(lambda c: min(c.values()) if c else 0.0)
        tables[kind] = frame[[*TEMPLATE_FIELDS[kind], "evidence", "confidence"]].astype(object)
    return tables


def evidence_spans(result: NewsResult) -> list[tuple[int, str]]:
    return [(f.start, f.evidence) for d in result.drafts for f in d.fields.values() if f.start >= 0]


def news_review_section(lang: str) -> None:
    """Paste or upload an article, review the drafts, and hand them to the normal upload path."""
    text = st.text_area(t("news_text"), height=180, key="news_text")
    news_file = st.file_uploader(t("news_files"), type=["txt", "html", "htm"], key="news_file")
    url_col, date_col = st.columns(2)
    news_url = url_col.text_input(t("news_url"), key="news_url")
    news_date = date_col.date_input(t("news_date"), value=None, key="news_date", max_value=dt.date.today())
    if st.button(t("news_extract"), key="news_extract"):
        body, name = text, "teks-tempel.txt"
        if news_file is not None:
            raw = news_file.getvalue().decode("utf-8", errors="replace")
            body = html_to_text(raw) if news_file.name.lower().endswith((".html", ".htm")) else raw
            name = news_file.name
        result = extract(body, news_url or None, news_date, source_name=None if news_url else name)
        st.session_state["news_result"] = (body, name, result)
    if "news_result" not in st.session_state:
        return
    body, name, result = st.session_state["news_result"]
    if not result.drafts:
        st.warning(result.message_id if lang == "id" else result.message_en)
        return
    for kind, frame in draft_tables(result, name).items():
        st.markdown(f"**{t('news_drafts', kind=t(f'kind_{kind}_data'))}**")
        edited = st.data_editor(
            frame, key=f"news_editor_{kind}", hide_index=True, num_rows="dynamic", disabled=["evidence", "confidence"]
        )
        if st.button(t("news_check"), key=f"news_check_{kind}"):
            records = edited.drop(columns=["evidence", "confidence"]).to_dict("records")
            st.session_state["news_payload"] = (drafts_to_csv(records, kind), f"berita-{name}.csv", kind)
    with st.expander(t("news_evidence")):
        st.html(highlighted(body, evidence_spans(result)))
