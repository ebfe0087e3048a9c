"""Everything the timeline page shows."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go
import streamlit as st

from dashboard import charts, data
from dashboard.formatting import fmt_date, fmt_number
from dashboard.i18n import current_lang, t
from etl import metrics, vocab
from etl.queries import calendar_year_totals


@dataclass
class TimelineView:
    running: go.Figure
    increments: go.Figure
    years: go.Figure
    activities: go.Figure
    points: int
    conflicts: int


@st.cache_resource(show_spinner=False, max_entries=16)
def _cached(version: str, province_code: str | None, lang: str) -> TimelineView:
    enforcement = data.enforcement(version)
    conflicts = data.figure_inputs(version).conflicts
    series = metrics.national_running_totals(enforcement, conflicts)
    if lang == "id":  # the hover gives the documented reason in the page's language
        series = series.assign(conflict_note=series["conflict_note_id"])
    labels = {m: t(m) for m in ("police_reports", "cases", "cases_completed", "suspects", "victims_rescued")}
    running = charts.running_totals_figure(
        series,
        metrics.milestones(),
        labels,
        lambda v: fmt_number(v, lang),
        lambda d: fmt_date(d, lang),
        t("conflict_marker"),
        "label_id" if lang == "id" else "label_en",
    )
    type_labels = {k: vocab.label(vocab.ACTIVITY_TYPES, k, lang) for k in vocab.ACTIVITY_TYPES}
    monthly = metrics.activities_by_month(data.activities(version), province_code)
    return TimelineView(
        running=running,
        increments=charts.increments_figure(series, labels),
        years=charts.calendar_years_figure(calendar_year_totals(enforcement, conflicts), labels, t("source")),
        activities=charts.activities_month_figure(monthly, type_labels),
        points=len(series),
        conflicts=int(series["conflict"].sum()) if not series.empty else 0,
    )


def build_timeline_view(province_code: str | None) -> TimelineView:
    return _cached(data.data_version(), province_code, current_lang())
