"""Everything the province profile page shows."""

from __future__ import annotations

from dataclasses import dataclass, replace

import folium
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import charts, data
from dashboard.figure_table import freshness_notes, value_cell
from dashboard.formatting import fmt_date, fmt_number, http_url
from dashboard.i18n import current_lang, t
from dashboard.map_view import map_text
from dashboard.maps import build_area_map
from etl import config, metrics, vocab
from etl.analysis import periods
from etl.analysis.figure_text import other_values_text, period_text, series_label
from etl.profile import ProvinceProfile, province_profile

_SOURCE_NAME = {"id": "Nama sumber", "en": "Source name"}  # plain text beside the link column


@dataclass
class ProfileView:
    name: str
    profile: ProvinceProfile
    headline_cards: list[dict]
    records: pd.DataFrame
    regency_map: folium.Map | None
    regency_layer: dict
    regency_counts: pd.DataFrame
    regency_points: list[dict]
    activities_chart: go.Figure
    pillars_touched: list[str]
    pillars_missing: list[str]
    gaps: list[str]
    notes: list[str]
    freshness: list[str]


def _period_text(start, end, lang: str) -> str:
    if start is None or pd.isna(start):
        return fmt_date(end, lang)
    return f"{fmt_date(start, lang)} – {fmt_date(end, lang)}"


def _figures_text(figures: dict, lang: str) -> str:
    if "activity_type" in figures:
        return vocab.label(vocab.ACTIVITY_TYPES, figures["activity_type"], lang)
    return "; ".join(f"{t(k)} {fmt_number(v, lang) if isinstance(v, int) else v}" for k, v in figures.items())


def headline_card(row: pd.Series, lang: str) -> dict:
    """One headline card: the chosen figure with its own period, series, unit, source, other values and rate."""
    number = lambda v: fmt_number(v, lang)  # noqa: E731
    rate = row["rate_per_100k"]
    rate_text = (
        f"{fmt_number(round(rate, 3), lang)} {t('per_100k').lower()}"
        if pd.notna(rate)
        else (row["rate_note_id"] if lang == "id" else row["rate_note_en"])
    )
    return {
        "label": t(row["metric"]),
        "value": value_cell(row, lang),
        "has_value": pd.notna(row["value"]),
        "period": period_text(row["period_start"], row["period_end"], lang),
        "unit": row["reporting_unit"] or "",
        "series": series_label(row["series"], lang),
        "source_url": row["source_url"],
        "source_outlet": row["source_outlet"] or row["source_url"],
        "conflict": bool(row["conflict"]),
        "other_values": other_values_text(row["other_values"], number),
        "conflict_reason": row["conflict_reason_id"] if lang == "id" else row["conflict_reason_en"],
        "area_note": row["area_note_id"] if lang == "id" else row["area_note_en"],
        "rate": rate_text if pd.notna(row["value"]) else "",
    }


@st.cache_resource(show_spinner=False, max_entries=32)
def _cached(version: str, code: str, lang: str, start, end) -> ProfileView:
    """Everything but the folium map (built fresh each run: st_folium keys a map by its script)."""
    names = data.provinces(version).set_index("code")["name"]
    profile = province_profile(code, data.figure_inputs(version), periods.Period(start, end))
    cards = [headline_card(row, lang) for _, row in profile.headlines.iterrows()]
    records = profile.records
    table = pd.DataFrame(
        {
            t("kind"): records["kind"].map({"enforcement": t("kind_enforcement"), "activity": t("kind_activity")}),
            t("date"): [
                _period_text(s, d, lang) for s, d in zip(records["period_start"], records["date"], strict=True)
            ],
            t("description"): records["description"],
            t("value"): records["figures"].map(lambda f: _figures_text(f, lang)),
            t("source"): records["source_url"].map(http_url),  # a link only for an http(s) address
            _SOURCE_NAME[lang]: records["source_name"].where(records["source_url"].map(http_url).isna(), None),
            t("status"): records["verification_status"].map(
                lambda s: vocab.label(vocab.VERIFICATION_STATUSES, s, lang)
            ),
            t("conflict_short"): records["conflict_metrics"].map(
                lambda ms: ("⚠ " + ", ".join(t(m) for m in ms)) if ms else ""
            ),
        }
    )
    regency_layer, _ = data.boundary_layer("regency")
    regencies = {
        "type": "FeatureCollection",
        "features": [f for f in regency_layer["features"] if f["properties"]["code"].startswith(code + ".")],
    }
    counts = pd.DataFrame({"code": [f["properties"]["code"] for f in regencies["features"]]})
    counts["value"] = counts["code"].map(profile.regency_activity_counts).astype(float)
    period = periods.Period(pd.Timestamp("2000-01-01").date(), pd.Timestamp.today().date())
    points = [p for p in metrics.activity_points(data.activities(version), period) if p["province_code"] == code]
    type_labels = {k: vocab.label(vocab.ACTIVITY_TYPES, k, lang) for k in vocab.ACTIVITY_TYPES}
    chart = charts.activities_month_figure(metrics.activities_by_month(data.activities(version), code), type_labels)
    gaps = [t("gap_metric", metric=t(m).lower()) for m in profile.missing_metrics]
    gaps += [t("gap_year", year=y) for y in profile.years_without_records]
    notes = [n_id if lang == "id" else n_en for _unit, n_id, n_en in profile.coverage_notes]
    return ProfileView(
        name=str(names.get(code, code)),
        profile=profile,
        headline_cards=cards,
        records=table,
        regency_map=None,
        regency_layer=regencies,
        regency_counts=counts,
        regency_points=points,
        activities_chart=chart,
        pillars_touched=[vocab.label(vocab.PILLARS, p, lang) for p in profile.pillars_touched],
        pillars_missing=[vocab.label(vocab.PILLARS, p, lang) for p in profile.pillars_missing],
        gaps=gaps,
        notes=notes,
        freshness=freshness_notes(profile.headlines),
    )


def build_profile_view(code: str, period: periods.Period) -> ProfileView:
    lang = current_lang()
    view = replace(_cached(data.data_version(), code, lang, period.start, period.end))
    view.regency_map = build_area_map(
        view.regency_layer,
        view.regency_counts,
        "value",
        map_text("activities", False, lang),
        points=view.regency_points,
        tiles=config.map_tiles(),
        static_base=data.static_base(),
        fit_bounds=True,
    )
    return view
