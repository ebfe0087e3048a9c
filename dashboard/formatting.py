"""Locale-aware numbers, dates and safe links (Babel does the formatting)."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal

_LOCALES = {"id": "id_ID", "en": "en_GB"}


def fmt_number(value: object, lang: str) -> str:
    """``1006`` -> ``1.006`` (id) or ``1,006`` (en); missing -> an en dash."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return "–"
    try:
        return format_decimal(value, locale=_LOCALES.get(lang, "id_ID"))
    except (TypeError, ValueError):
        return "–"


def fmt_date(value: object, lang: str, fmt: str = "long") -> str:
    """``2023-06-09`` -> ``9 Juni 2023`` (id) or ``9 June 2023`` (en)."""
    if value is None or value is pd.NaT or value is pd.NA:
        return "–"
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        try:
            value = value.date()  # pandas Timestamp
        except AttributeError:
            return "–"
    return babel_format_date(value, format=fmt, locale=_LOCALES.get(lang, "id_ID"))


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")
_MD_INLINE = re.compile(r"([\\`*_{}\[\]()!|<>~$#&])")
_MD_LINE_START = re.compile(r"^(\s*)(\d{0,9})([-+>.)])(?=\s|$)")  # a list or quote marker
_AUTOLINK = re.compile(r"(://|(?<![\w.])www\.)", re.IGNORECASE)
_HTTP_URL = re.compile(r"^https?://[^\s<>\"'`]+$", re.IGNORECASE)


def escape_markdown(text: object) -> str:
    """Text that Streamlit's Markdown shows literally (no links, no HTML, no emphasis)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def plain_md(text: object) -> str:
    """Stored text for an element that renders Markdown (st.info, st.caption, st.metric, help tooltips):
    shown literally - no link, image, HTML, maths, emphasis or list. Line breaks become spaces."""
    from etl.plaintext import normalise_cell

    escaped = _MD_INLINE.sub(r"\\\1", normalise_cell(str(text)))
    escaped = _AUTOLINK.sub(lambda m: m[1][:-1] + "\\" + m[1][-1], escaped)  # no autolinked address either
    return _MD_LINE_START.sub(lambda m: m[1] + m[2] + "\\" + m[3], escaped)


def http_url(value: object) -> str | None:
    """``value`` when it is an http(s) address (what a link column may link to), else None."""
    return value if isinstance(value, str) and _HTTP_URL.match(value) else None


def md_link(label: str, url: object) -> str:
    """A Markdown link for an http(s) URL; anything else is shown as escaped text."""
    if http_url(url) is not None:
        safe_url = url.replace("(", "%28").replace(")", "%29")
        return f"[{escape_markdown(label)}]({safe_url})"
    return escape_markdown(label)
