"""Everything the compare page shows: table, ranking with caveats, scatter, small multiples, exports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from dashboard import data
from dashboard.formatting import fmt_date, fmt_number, http_url
from dashboard.i18n import current_lang, t
from etl import compare, config
from etl.analysis import periods
from etl.analysis.figure_text import export_rows, other_values_text, period_text, series_label
from etl.exports import with_metadata_csv, with_metadata_xlsx


@st.cache_data(show_spinner=False, max_entries=16)
def _compare_table(version: str, start: dt.date, end: dt.date) -> pd.DataFrame:
    codes = data.provinces(version)["code"].tolist()
    return compare.compare_table(data.figure_inputs(version), codes, periods.Period(start, end))


@dataclass
class CompareView:
    table: pd.DataFrame
    ranking_chart: go.Figure
    ranking_groups: dict[str, list[str]]
    caveats: list[str]
    scatter: go.Figure
    multiples: go.Figure
    csv: Callable[[], bytes]
    xlsx: Callable[[], bytes]
    public_mode: bool
    sources: list[str] = field(default_factory=list)


def _label(metric: str) -> str:
    return t("activities") if metric == "activities" else t(metric)


def _cell(value, lang: str, digits: int | None = None) -> str:
    if isinstance(value, str):
        return value
    if value is None or pd.isna(value):
        return "–"
    return fmt_number(round(value, digits) if digits is not None else value, lang)


def build_compare_view(
    codes: list[str],
    period: periods.Period,
    chosen: list[str],
    min_count: int,
    rank_metric: str,
    per_capita: bool,
    period_label: str,
) -> CompareView:
    """The comparison for the chosen provinces, period and measures."""
    lang = current_lang()
    version = data.data_version()
    names = data.provinces(version).set_index("code")["name"]
    everything = _compare_table(version, period.start, period.end)
    table = everything[everything["province_code"].isin(codes)].reset_index(drop=True)
    public = config.public_mode()
    activity_total = table["activities"].sum(min_count=1)  # computed before any suppression
    shown = (
        compare.suppress(table, list(compare.COMPARE_METRICS), {m: f"{m}_per_100k" for m in compare.COMPARE_METRICS})
        if public
        else table
    )
    columns = {t("province"): shown["province_code"].map(names)}
    number = lambda v: fmt_number(v, lang)  # noqa: E731
    for metric in chosen:
        columns[_label(metric)] = [
            t("covered_by", unit=u) if pd.isna(v) and isinstance(u, str) else _cell(v, lang)
            for v, u in zip(shown[metric], table[f"{metric}_covered_by_unit"], strict=True)
        ]
        columns[f"{_label(metric)} / 100k"] = [
            _cell(r, lang, 3) if isinstance(r, str) or pd.notna(r) or pd.isna(v) else t("not_comparable")
            for r, v in zip(shown[f"{metric}_per_100k"], table[metric], strict=True)
        ]
        columns[f"{_label(metric)} · {t('period_of_value')}"] = [
            period_text(s, e, lang)
            for s, e in zip(table[f"{metric}_period_start"], table[f"{metric}_period_end"], strict=True)
        ]
        if metric != "activities":
            columns[f"{_label(metric)} · {t('series')}"] = table[f"{metric}_series"].map(
                lambda s: series_label(s, lang)
            )
            columns[f"{_label(metric)} · {t('conflict_short')}"] = [
                ("⚠ " + other_values_text(o, number)) if c else ""
                for c, o in zip(table[f"{metric}_conflict"], table[f"{metric}_other_values"], strict=True)
            ]
    columns[t("activities_per_case")] = shown["activities_per_case"].map(lambda v: _cell(v, lang, 2))
    columns[t("pillars_covered")] = shown["pillars_covered"].map(lambda v: _cell(v, lang))
    columns[t("latest_record")] = shown["latest_record"].map(lambda d: fmt_date(d, lang) if pd.notna(d) else "–")
    columns[t("completeness")] = shown["completeness"].map(
        lambda v: f"{round(float(v) * 100)} %" if pd.notna(v) else "–"
    )
    display = pd.DataFrame(columns)
    if "activities" in chosen:
        total_row = {c: "" for c in display.columns}
        total_row[t("province")] = t("total")
        total_row[_label("activities")] = _cell(activity_total, lang)
        display = pd.concat([display, pd.DataFrame([total_row])], ignore_index=True)

    groups = compare.ranking(table, rank_metric, per_capita, min_count)
    ranked = groups["ranked"]
    value_column = f"{rank_metric}_per_100k" if per_capita else rank_metric
    ranking_chart = go.Figure(
        go.Bar(
            x=ranked[value_column],
            y=ranked["province_code"].map(names),
            orientation="h",
            marker_color="#2a788e",
            text=None if public else ranked[value_column].round(3),
        )
    )
    ranking_chart.update_layout(
        height=max(220, 26 * len(ranked)),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        yaxis={"autorange": "reversed"},
        xaxis_title=_label(rank_metric),
    )
    ranking_groups = {
        key: groups[key]["province_code"].map(names).tolist()
        for key in ("below_minimum", "no_data", "no_population", "not_comparable")
    }
    caveats = [t("caveat_detected"), t("caveat_low", n=min_count), t("caveat_periods")]

    scatter_frame = table.assign(province=table["province_code"].map(names)).dropna(subset=["activities"])
    y_metric = "victims_rescued" if scatter_frame["victims_rescued"].notna().any() else "cases"
    scatter_frame = scatter_frame.dropna(subset=[y_metric])
    scatter = px.scatter(
        scatter_frame,
        x="activities",
        y=y_metric,
        text="province",
        labels={"activities": t("activities"), y_metric: t(y_metric)},
    )
    scatter.update_traces(textposition="top center")
    scatter.update_layout(height=380, margin={"l": 10, "r": 10, "t": 10, "b": 10})

    series_metric = rank_metric if rank_metric != "activities" else "victims_rescued"
    multiples = _small_multiples(version, tuple(codes), series_metric, lang)

    sources: list[str] = []
    exported = export_rows(
        pd.concat([data.figures(version, m, period.start, period.end) for m in chosen], ignore_index=True).pipe(
            lambda f: f[f["province_code"].isin(codes)]
        ),
        lang,
        sources,
    )
    value_name, rate_name = exported.columns[3], exported.columns[13]
    if public:
        exported = compare.suppress(exported, [value_name], {value_name: rate_name})
    filters = {
        "period": period_label,
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "provinces": ", ".join(display[t("province")].head(len(codes))),
        "measures": ", ".join(chosen),
        "public_mode": str(public),
        "data_as_of": data.data_as_of(version),
    }
    snapshot = dt.date.today().isoformat()
    return CompareView(
        display,
        ranking_chart,
        ranking_groups,
        caveats,
        scatter,
        multiples,
        lambda: with_metadata_csv(exported, filters, snapshot, sources),
        lambda: with_metadata_xlsx(exported, filters, snapshot, sources),
        public,
        sources,
    )


@st.cache_resource(show_spinner=False, max_entries=16)
def _small_multiples(version: str, codes: tuple[str, ...], series_metric: str, lang: str) -> go.Figure:
    """Each chosen province's reported values over time, one panel per province (cached: facets are slow).
    Shared between sessions; ``st.plotly_chart`` only reads it."""
    names = data.provinces(version).set_index("code")["name"]
    enforcement = data.enforcement(version)
    over_time = enforcement[
        enforcement["province_code"].isin(codes)
        & (enforcement["scope"] == "province")
        & enforcement[series_metric].notna()
    ]
    over_time = over_time.assign(
        province=over_time["province_code"].map(names), value=over_time[series_metric].astype(float)
    )
    multiples = (
        px.scatter(
            over_time,
            x="reference_date",
            y="value",
            facet_col="province",
            facet_col_wrap=4,
            labels={"reference_date": t("date"), "value": t(series_metric)},
        )
        if not over_time.empty
        else go.Figure()
    )
    multiples.for_each_annotation(lambda a: a.update(text=a.text.split("=", 1)[-1]))  # "province=Aceh" -> "Aceh"
    multiples.update_layout(
        height=200 + 160 * max(1, (over_time["province"].nunique() + 3) // 4),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
    )
    return multiples


def build_reconcile_view(place: str, period: periods.Period, disagreements_only: bool = False) -> pd.DataFrame:
    """Every reported value for the place and period, localised, with disagreements marked: the other values,
    their sources and the reason (``disagreements_only``: only the values another source disputes)."""
    table = _reconcile_table(data.data_version(), place, period.start, period.end, current_lang())
    return table[table[t("differs")] != ""].reset_index(drop=True) if disagreements_only else table


@st.cache_data(show_spinner=False, max_entries=16)
def _reconcile_table(version: str, place: str, start: dt.date, end: dt.date, lang: str) -> pd.DataFrame:
    period = periods.Period(start, end)
    enforcement = data.enforcement(version)
    scope, code = ("national", None) if place == "national" else ("province", place)
    rows = compare.reconcile(enforcement, scope, code, period, data.figure_inputs(version).conflicts)
    number = lambda v: fmt_number(v, lang)  # noqa: E731
    return pd.DataFrame(
        {
            t("date"): [
                f"{fmt_date(s, lang)} – {fmt_date(e, lang)}" if pd.notna(s) else fmt_date(e, lang)
                for s, e in zip(rows["period_start"], rows["reference_date"], strict=True)
            ],
            t("metric"): rows["metric"].map(t),
            t("value"): rows["value"].map(lambda v: fmt_number(v, lang)),
            t("values_for_date"): rows["values_for_date"].map(
                lambda text: " / ".join(fmt_number(int(v), lang) for v in text.split(" / "))
            ),
            t("differs"): rows["differs"].map(lambda d: "⚠" if d else ""),
            t("other_values"): rows["other_values"].map(lambda o: other_values_text(o, number)),
            t("reason"): rows["reason_id" if lang == "id" else "reason_en"],
            t("reporting_unit"): rows["reporting_unit"],
            t("agency"): rows["source_agency"].fillna(""),
            t("announced"): rows["announced_date"].map(lambda d: fmt_date(d, lang)),
            t("source"): rows["source_url"].map(http_url),
        }
    )
