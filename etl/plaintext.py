"""One guard for text at the edges: cells are normalised and checked on the way in, neutralised on the way out.

In: line breaks and tabs inside a cell become one space, invisible marks (byte-order mark, zero-width space)
are dropped, any other control character or bidirectional override is refused, and the formula check runs
after trimming leading whitespace (space, NBSP, newlines). Out: every text cell of an export has its control
characters replaced and, when a spreadsheet would run it (``= + - @`` after trimming), an apostrophe in front.
"""

from __future__ import annotations

import re
import unicodedata

FORMULA_START = ("=", "+", "-", "@")
_NUMBER_RE = re.compile(r"[+-]\s*\d[\d.,\s]*")
_BREAKS_RE = re.compile(r"[\t\n\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029]+")
_INVISIBLE_RE = re.compile("[\ufeff\u200b\u2060]")
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def normalise_cell(value: str) -> str:
    """Line breaks and tabs -> one space; byte-order marks and zero-width spaces dropped."""
    return _INVISIBLE_RE.sub("", _BREAKS_RE.sub(" ", value))


def refused_character(value: str) -> str | None:
    """The first control or bidirectional-override character left after :func:`normalise_cell`, or None."""
    for char in value:
        if char in _BIDI or unicodedata.category(char) == "Cc":
            return char
    return None


def character_name(char: str) -> str:
    """``U+0000`` style name of a character for an error message."""
    return f"U+{ord(char):04X}"


def starts_like_formula(value: object, numbers_allowed: bool = True) -> bool:
    """True when a spreadsheet would run the text as a formula once leading whitespace is trimmed.

    ``+5`` and ``-5`` are numbers, not formulas, unless ``numbers_allowed`` is False.
    """
    if not isinstance(value, str):
        return False
    text = _INVISIBLE_RE.sub("", value).lstrip()
    if not text:
        return False
    if text[0] in ("=", "@") or _CONTROL_RE.match(value):
        return True
    if text[0] in ("+", "-"):
        return not numbers_allowed or not _NUMBER_RE.fullmatch(text.strip())
    return False


def inert_text(value: str) -> str:
    """Text that no spreadsheet runs and no CSV reader splits: control characters become spaces,
    and a formula start (after trimming) gets an apostrophe in front."""
    text = _CONTROL_RE.sub(" ", normalise_cell(value))
    if starts_like_formula(text, numbers_allowed=False):
        return "'" + text
    return text
