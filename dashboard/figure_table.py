"""The chosen figures as the pages show them: value, its own period, series, source and the other values."""

from __future__ import annotations

import pandas as pd

from dashboard.formatting import fmt_number, http_url
from dashboard.i18n import t
from etl.analysis.figure_text import other_values_text, period_text, series_label


def value_cell(row: pd.Series, lang: str, per_capita: bool = False) -> str:
    """ "128" / "2,26" / "tidak ada data" / "tercakup angka Polda Papua" / "tidak dapat dibandingkan"."""
    if pd.isna(row["value"]):
        unit = row.get("covered_by_unit")
        return t("covered_by", unit=unit) if isinstance(unit, str) and unit else t("no_data")
    if per_capita:
        return (
            fmt_number(round(row["rate_per_100k"], 3), lang) if pd.notna(row["rate_per_100k"]) else t("not_comparable")
        )
    return fmt_number(row["value"], lang)


def figure_table(figures: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One localised row per province: value, per 100,000, its period, series, unit, source, conflict and notes."""
    id_ = lang == "id"
    number = lambda v: fmt_number(v, lang)  # noqa: E731
    return pd.DataFrame(
        {
            t("province"): figures["province"],
            t("value"): [value_cell(r, lang) for _, r in figures.iterrows()],
            t("per_100k"): [
                fmt_number(round(r["rate_per_100k"], 3), lang) if pd.notna(r["rate_per_100k"]) else "–"
                for _, r in figures.iterrows()
            ],
            t("period_of_value"): [
                period_text(s, e, lang) for s, e in zip(figures["period_start"], figures["period_end"], strict=True)
            ],
            t("series"): figures["series"].map(lambda s: series_label(s, lang)),
            t("reporting_unit"): figures["reporting_unit"].fillna(""),
            t("source"): figures["source_url"].map(http_url),
            t("conflict_short"): [
                ("⚠ " + other_values_text(v, number)) if c else ""
                for c, v in zip(figures["conflict"], figures["other_values"], strict=True)
            ],
            t("area_note"): figures["area_note_id" if id_ else "area_note_en"].fillna(""),
            t("rate_note"): figures["rate_note_id" if id_ else "rate_note_en"].fillna(""),
            "kode": figures["province_code"],
        }
    )


def freshness_notes(figures: pd.DataFrame) -> list[str]:
    """What the page must say when the newest figure of some provinces is old or partial for the window
    (one province's figures, as on its profile: said of that province alone)."""
    shown = figures[figures["value"].notna()]
    if figures["province_code"].nunique() == 1:
        notes = [t("figure_stale_one")] if shown["stale"].any() else []
        if (shown["partial"] & ~shown["stale"]).any():
            notes.append(t("figure_partial_one"))
        return notes
    notes = []
    stale = shown[shown["stale"]].drop_duplicates("province_code")  # the profile passes several metrics of one
    if not stale.empty:
        notes.append(
            t(
                "figures_stale",
                n=len(stale),
                names=", ".join(stale["province"].head(8)) + ("…" if len(stale) > 8 else ""),
            )
        )
    partial = shown[shown["partial"] & ~shown["stale"]].drop_duplicates("province_code")
    if not partial.empty:
        notes.append(t("figures_partial", n=len(partial)))
    return notes
