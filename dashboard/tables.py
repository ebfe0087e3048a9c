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
