"""Display tables: localised numbers, dates and column labels for st.dataframe."""

from __future__ import annotations

import pandas as pd

from dashboard.formatting import fmt_date, fmt_number, http_url
from dashboard.i18n import t
from etl.queries import METRIC_COLUMNS


def year_totals_table(years: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Calendar-year releases with formatted figures; conflicting releases are marked."""
    table = years.assign(
        source_url=years["source_url"].map(http_url),
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


def newest_series_cards(newest: pd.DataFrame, lang: str) -> list[dict]:
    """Per national series (newest first): one card per metric with its value, own period, age and source."""
    from etl.analysis.figure_text import other_values_text, period_text, series_label

    number = lambda v: fmt_number(v, lang)  # noqa: E731
    groups = []
    for series, rows in newest.groupby("series", sort=False) if not newest.empty else []:
        cards = [
            {
                "label": t(row["metric"]),
                "value": number(row["value"]),
                "period": period_text(row["period_start"], row["period_end"], lang),
                "age": ("⚠ " if row["stale"] else "")
                + f"{t('age')}: {t('age_months', n=number(row['age_days'] // 30))}",
                "source_url": row["source_url"],
                "outlet": row["source_outlet"] if isinstance(row["source_outlet"], str) else None,
                "other_values": other_values_text(row["other_values"], number) if row["conflict"] else "",
            }
            for _, row in rows.iterrows()
        ]
        groups.append({"series": series_label(series, lang), "cards": cards})
    return groups


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
