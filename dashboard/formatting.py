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


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def escape_markdown(text: object) -> str:
    """Text that Streamlit's Markdown shows literally (no links, no HTML, no emphasis)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def md_link(label: str, url: object) -> str:
    """A Markdown link for an http(s) URL; anything else is shown as escaped text."""
    if isinstance(url, str) and re.match(r"^https?://[^\s<>\"]+$", url):
        safe_url = url.replace("(", "%28").replace(")", "%29")
        return f"[{escape_markdown(label)}]({safe_url})"
    return escape_markdown(label)
