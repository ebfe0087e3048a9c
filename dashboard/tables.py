"""Display tables: localised numbers, dates and column labels for st.dataframe."""

from __future__ import annotations

import pandas as pd

from dashboard.formatting import fmt_date, fmt_number
from dashboard.i18n import t
from etl.queries import METRIC_COLUMNS


def year_totals_table(years: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Calendar-year releases with formatted figures; conflicting releases are marked."""
    table = years.assign(
        **{column: years[column].map(lambda v: fmt_number(v, lang)) for column in METRIC_COLUMNS},
        announced_date=years["announced_date"].map(lambda d: fmt_date(d, lang)),
        conflict=years["conflict"].map(lambda c: "⚠" if c else ""),
    )
    labels = {
        "year": t("year"),
        "source_url": t("source"),
        "announced_date": t("announced"),
        "conflict": t("conflict_short"),
        **{m: t(m) for m in METRIC_COLUMNS},
    }
    return table.drop(columns=["record_ref", "source_outlet"]).rename(columns=labels)


def newest_series_table(newest: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The newest national figure of each series: value, its own period, age, source and other values."""
    from etl.analysis.figure_text import other_values_text, period_text, series_label

    if newest.empty:
        return pd.DataFrame()
    number = lambda v: fmt_number(v, lang)  # noqa: E731
    return pd.DataFrame(
        {
            t("series"): newest["series"].map(lambda s: series_label(s, lang)),
            t("metric"): newest["metric"].map(t),
            t("value"): newest["value"].map(number),
            t("period_of_value"): [
                period_text(s, e, lang) for s, e in zip(newest["period_start"], newest["period_end"], strict=True)
            ],
            t("age"): [
                (("⚠ " if stale else "") + t("age_months", n=number(age // 30))) if age is not None else ""
                for age, stale in zip(newest["age_days"], newest["stale"], strict=True)
            ],
            t("source"): newest["source_url"],
            t("conflict_short"): [
                ("⚠ " + other_values_text(o, number)) if c else ""
                for c, o in zip(newest["conflict"], newest["other_values"], strict=True)
            ],
        }
    )


def newest_series_warnings(newest: pd.DataFrame, lang: str) -> list[str]:
    """One warning per series whose newest figure is more than 12 months old."""
    from etl.analysis.figure_text import series_label

    if newest.empty:
        return []
    warnings = []
    for series, rows in newest.groupby("series", sort=False):
        if rows["stale"].all():
            newest_end = max(rows["period_end"])
            warnings.append(t("series_stale", series=series_label(series, lang), date=fmt_date(newest_end, lang)))
    return warnings
