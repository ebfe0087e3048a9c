"""Period windows: the presets every page offers, and which records belong to a window."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from etl import config

SATGAS_START = dt.date.fromisoformat(config.SATGAS_START)
FIRST_YEAR = 2023


@dataclass(frozen=True)
class Period:
    """An inclusive date window."""

    start: dt.date
    end: dt.date

    def contains(self, day) -> bool:
        return self.start <= day <= self.end

    @property
    def running_totals_only(self) -> bool:
        """A window that starts on the Satgas's first day asks for the Satgas running totals."""
        return self.start == SATGAS_START


def period_presets(today: dt.date | None = None) -> dict[str, Period]:
    """Named windows: since the Satgas was formed, and each calendar year from 2023 to this year."""
    today = today or dt.date.today()
    presets = {"since_satgas": Period(SATGAS_START, today)}
    for year in range(FIRST_YEAR, today.year + 1):
        presets[str(year)] = Period(dt.date(year, 1, 1), min(dt.date(year, 12, 31), today))
    return presets


def parse_period(spec: str, today: dt.date | None = None) -> Period:
    """``since_satgas``, a year (``2024``) or ``YYYY-MM-DD:YYYY-MM-DD`` as a window (ValueError otherwise)."""
    today = today or dt.date.today()
    if spec == "since_satgas":
        return Period(SATGAS_START, today)
    if re.fullmatch(r"\d{4}", spec):
        year = int(spec)
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))
    match = re.fullmatch(r"(\d{4}-\d{2}-\d{2}):(\d{4}-\d{2}-\d{2})", spec)
    if not match:
        raise ValueError(f"unknown period {spec!r}: since_satgas, a year, or YYYY-MM-DD:YYYY-MM-DD")
    try:
        start, end = (dt.date.fromisoformat(g) for g in match.groups())
    except ValueError as exc:
        raise ValueError(f"period {spec!r} is not a real date range: {exc}") from exc
    if end < start:
        raise ValueError(f"period {spec!r} ends before it starts")
    return Period(start, end)


def belongs(frame: pd.DataFrame, period: Period) -> pd.Series:
    """Records that belong to ``period`` by their own period.

    A running total belongs by its end date (its start is the Satgas's first day, whatever the window);
    any other figure only when its whole period lies inside the window. A window starting on the Satgas's
    first day takes running totals only: a 2025 year total is not "since the Satgas".
    """
    start, end = pd.Timestamp(period.start), pd.Timestamp(period.end)
    reference = frame["reference_date"]
    running = frame["cumulative"].eq(True).fillna(False).astype(bool)
    first = frame["period_start"].fillna(reference)
    ends_inside = reference.notna() & (reference >= start) & (reference <= end)
    whole_inside = ends_inside & (first >= start)
    if period.running_totals_only:
        return ends_inside & running
    return (running & ends_inside) | (~running & whole_inside)
