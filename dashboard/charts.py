"""Pure plotly figure builders for the timeline and the province profile."""

from __future__ import annotations

import html
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from dashboard.maps import ACTIVITY_COLOURS

SERIES_COLOURS = {"police_reports": "#0072b2", "suspects": "#e69f00", "victims_rescued": "#009e73"}


def _hover(row: pd.Series, label: str, number: Callable, date: Callable, conflict_text: str) -> str:
    parts = [
        f"<b>{html.escape(label)}: {html.escape(number(row['value']))}</b>",
        html.escape(date(row["date"])),
        html.escape(str(row["source_outlet"] or row["source_url"] or "")),
        html.escape(str(row["record_ref"])),
    ]
    if row["conflict"]:
        parts.append("⚠ " + html.escape(conflict_text))
        if row.get("conflict_note"):
            parts.append(html.escape(str(row["conflict_note"])[:160]))
    return "<br>".join(parts)


def running_totals_figure(
    series: pd.DataFrame,
    milestones: pd.DataFrame,
    labels: dict[str, str],
    number: Callable,
    date: Callable,
    conflict_text: str,
    milestone_column: str = "label_id",
) -> go.Figure:
    """Lines through the reported running totals, every reported point marked, conflicts circled."""
    figure = go.Figure()
    for metric, colour in SERIES_COLOURS.items():
        part = series[series["metric"] == metric].sort_values("date")
        if part.empty:
            continue
        single = part.drop_duplicates("date", keep=False)
        figure.add_trace(
            go.Scatter(
                x=single["date"],
                y=single["value"],
                mode="lines",
                line={"color": colour},
                name=labels[metric],
                legendgroup=metric,
                hoverinfo="skip",
            )
        )
        hover = [_hover(r, labels[metric], number, date, conflict_text) for _, r in part.iterrows()]
        figure.add_trace(
            go.Scatter(
                x=part["date"],
                y=part["value"],
                mode="markers",
                name=labels[metric],
                legendgroup=metric,
                showlegend=False,
                hovertext=hover,
                hoverinfo="text",
                marker={
                    "color": colour,
                    "size": [12 if c else 7 for c in part["conflict"]],
                    "symbol": ["circle-open" if c else "circle" for c in part["conflict"]],
                    "line": {"width": 2, "color": colour},
                },
            )
        )
    for _, milestone in milestones.iterrows():
        figure.add_vline(x=milestone["date"], line_dash="dot", line_color="#555")
        figure.add_annotation(
            x=milestone["date"],
            y=1,
            yref="paper",
            text=html.escape(milestone[milestone_column]),
            showarrow=False,
            xanchor="left",
            yanchor="top",
            font={"size": 10},
            textangle=0,
        )
    figure.update_layout(
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        hovermode="closest",
        height=420,
        legend={"orientation": "h", "y": -0.15},
    )
    return figure


def increments_figure(series: pd.DataFrame, labels: dict[str, str]) -> go.Figure:
    """Bars of the increase between consecutive releases (only where it is well defined)."""
    figure = go.Figure()
    for metric, colour in SERIES_COLOURS.items():
        part = series[(series["metric"] == metric) & series["increment"].notna()].drop_duplicates("date")
        figure.add_trace(
            go.Bar(x=part["date"], y=part["increment"].astype(float), name=labels[metric], marker_color=colour)
        )
    figure.update_layout(
        barmode="group", height=300, margin={"l": 10, "r": 10, "t": 10, "b": 10}, legend={"orientation": "h", "y": -0.2}
    )
    return figure


def calendar_years_figure(years: pd.DataFrame, labels: dict[str, str], source_text: str) -> go.Figure:
    """Each year-end release as its own bar group (separate from running totals)."""
    figure = go.Figure()
    for metric in ("cases", "cases_completed", "suspects", "victims_rescued"):
        part = years[years[metric].notna()]
        if part.empty:
            continue
        x = [
            f"{int(y)} ({html.escape(str(o or ''))})" for y, o in zip(part["year"], part["source_outlet"], strict=True)
        ]
        figure.add_trace(
            go.Bar(
                x=x,
                y=part[metric].astype(float),
                name=labels[metric],
                hovertext=[html.escape(f"{source_text}: {u}") for u in part["source_url"]],
            )
        )
    figure.update_layout(
        barmode="group",
        height=320,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        legend={"orientation": "h", "y": -0.25},
    )
    return figure


def activities_month_figure(frame: pd.DataFrame, type_labels: dict[str, str]) -> go.Figure:
    """Stacked bars: activities per month by type."""
    figure = go.Figure()
    for kind, part in frame.groupby("activity_type"):
        figure.add_trace(
            go.Bar(
                x=part["month"],
                y=part["count"],
                name=html.escape(type_labels.get(kind, kind)),
                marker_color=ACTIVITY_COLOURS.get(kind, "#999"),
            )
        )
    figure.update_layout(
        barmode="stack",
        height=300,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis={"tickformat": "%b %Y"},
        legend={"orientation": "h", "y": -0.25},
    )
    return figure
