"""The one decision every page and export shares: which published figure stands for a place, metric and period.

Choice (``choose_records``), applied to whole records - never columns of different rows:
1. candidates: records of the place with a value for the metric that belong to the window by their own period
   (``periods.belongs``: a running total by its end date, anything else by its whole period);
2. the newest announcement wins (announced date, or the period end when no date was announced);
3. then the series' own rank (``SERIES_RANK``: a calendar-year release before a regional report, before a
   running total, before a per-Polda list, ...);
4. then the later period end, then the wider period, then the record reference and source URL, so the choice never
   depends on the order rows were stored in.

The chosen figure carries its own period, series, unit, reporting unit and source, the other values other sources
give (documented conflicts and other records of the same place, metric and period), the police-area note, and the
per-capita rate with its denominator.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from etl.analysis import conflicts as conflict_rules
from etl.analysis import events
from etl.analysis.areas import Area, area_of
from etl.analysis.periods import Period, belongs
from etl.analysis.population import Denominator, area_denominator, denominators

ENFORCEMENT_METRICS = ("police_reports", "cases", "suspects", "victims_rescued")
FIGURE_METRICS = (*ENFORCEMENT_METRICS, "activities")
SERIES_RANK = {
    "calendar_year": 0,
    "regional_report": 1,
    "upload": 2,
    "cumulative_since_satgas": 3,
    "polda_list": 4,
    "partial_year": 5,
    "point_statement": 6,
    "baseline_pre_satgas": 7,
}
UNITS = {  # (Bahasa Indonesia, English)
    "police_reports": ("laporan polisi (LP)", "police reports (LP)"),
    "cases": ("kasus/perkara", "cases"),
    "suspects": ("tersangka", "suspects"),
    "victims_rescued": ("korban", "victims"),
    "activities": ("kegiatan", "activities"),
}
STALE_DAYS = 365


@dataclass
class FigureInputs:
    """The frames a figure is chosen from (the store's, or the cached page copies of them)."""

    enforcement: pd.DataFrame
    activities: pd.DataFrame
    population: pd.DataFrame
    police_units: pd.DataFrame
    conflicts: pd.DataFrame
    provinces: pd.DataFrame  # code, name
    _derived: dict = field(default_factory=dict, repr=False)

    @property
    def names(self) -> dict[str, str]:
        """Province and regency names by code (the regencies name the parts of police areas)."""
        if "names" not in self._derived:
            from etl.gazetteer import default_gazetteer

            names = {code: place.name for code, place in default_gazetteer().regencies.items()}
            names.update(self.provinces.set_index("code")["name"].to_dict())
            self._derived["names"] = names
        return self._derived["names"]

    @property
    def denominators(self) -> dict[str, Denominator]:
        if "denominators" not in self._derived:
            self._derived["denominators"] = denominators(self.population)
        return self._derived["denominators"]

    @property
    def event_ids(self) -> pd.Series:
        if "events" not in self._derived:
            self._derived["events"] = events.event_ids(self.activities)
        return self._derived["events"]


def load_inputs(engine) -> FigureInputs:
    """The inputs straight from the store (CLI, brief, tests)."""
    from etl import store

    return FigureInputs(
        store.enforcement_frame(engine, identity=False),
        store.activities_frame(engine, identity=False),
        store.population_frame(engine),
        store.police_units_frame(engine),
        store.conflicts_frame(engine),
        store.provinces_frame(engine),
    )


def series_kind(row: pd.Series) -> str:
    """What kind of figure a record is: Satgas running total, calendar year, partial year, regional report or
    a figure for its period only."""
    cumulative = row["cumulative"]
    if cumulative is not None and not pd.isna(cumulative) and bool(cumulative):
        return "satgas_running_total"
    if row["series"] in ("calendar_year", "partial_year", "regional_report"):
        return row["series"]
    return "period_only"


def choose_records(candidates: pd.DataFrame, key: str) -> pd.DataFrame:
    """One whole record per ``key`` value, by the documented tie-break (module docstring)."""
    if candidates.empty:
        return candidates
    ordered = candidates.assign(
        _announced=candidates["announced_date"].fillna(candidates["reference_date"]),
        _rank=candidates["series"].map(SERIES_RANK).fillna(len(SERIES_RANK)),
        _start=candidates["period_start"].fillna(candidates["reference_date"]),
        _ref=candidates["record_ref"].fillna("").astype(str),
        _url=candidates["source_url"].fillna("").astype(str),
    ).sort_values(
        [key, "_announced", "_rank", "reference_date", "_start", "_ref", "_url"],
        ascending=[True, False, True, False, True, True, True],
        na_position="last",
        kind="mergesort",
    )
    return ordered.drop_duplicates(key, keep="first")


def candidates_for(enforcement: pd.DataFrame, metric: str, period: Period, scope: str = "province") -> pd.DataFrame:
    """Records of ``scope`` with a value for ``metric`` that belong to ``period`` by their own period."""
    frame = enforcement[(enforcement["scope"] == scope) & enforcement[metric].notna()]
    return frame[belongs(frame, period)] if not frame.empty else frame


def _date(value) -> dt.date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


_EMPTY = {
    "value": np.nan,
    "period_start": None,
    "period_end": None,
    "period_start_precision": None,
    "period_end_precision": None,
    "announced_date": None,
    "series": None,
    "series_key": None,
    "reporting_unit": None,
    "source_url": None,
    "source_outlet": None,
    "record_ref": None,
    "conflict": False,
    "other_values": [],
    "conflict_reason_id": "",
    "conflict_reason_en": "",
    "area_note_id": "",
    "area_note_en": "",
    "covered_by": None,
    "covered_by_unit": None,
    "comparable": False,
    "rate_per_100k": np.nan,
    "population": np.nan,
    "population_source": None,
    "population_source_url": None,
    "rate_note_id": "",
    "rate_note_en": "",
    "age_days": None,
    "stale": False,
    "partial": False,
}


def _rate_fields(value: float, denominator: Denominator) -> dict:
    """The per-100,000 rate of ``value`` and the population it is taken of (or why there is none)."""
    people = denominator.population
    return {
        "population": people if people is not None else np.nan,
        "population_source": denominator.source or None,
        "population_source_url": denominator.source_url,
        "rate_note_id": denominator.note_id,
        "rate_note_en": denominator.note_en,
        "rate_per_100k": value / people * 100_000 if people else np.nan,
    }


def _other_sources(candidates: pd.DataFrame, chosen: pd.DataFrame, metric: str) -> dict[object, pd.DataFrame]:
    """Chosen record's index -> the other candidates of its province and exact period that give another value."""
    keys = ["province_code", "_start_key", "reference_date"]
    marked = candidates.assign(_start_key=candidates["period_start"].astype(str))
    pairs = marked[[*keys, metric, "source_url"]].merge(
        chosen.assign(_start_key=chosen["period_start"].astype(str), _chosen=chosen.index)[[*keys, metric, "_chosen"]],
        on=keys,
        suffixes=("", "_chosen"),
    )
    pairs = pairs[pairs[metric] != pairs[f"{metric}_chosen"]]
    return {index: group for index, group in pairs.groupby("_chosen")}


def _partial(start: dt.date | None, end: dt.date | None, period: Period, running: bool) -> bool:
    """True when the figure covers clearly less of the window than the window itself (a month or more short)."""
    if end is None:
        return True
    short_end = (period.end - end).days > 31
    short_start = not running and start is not None and (start - period.start).days > 31
    return short_end or short_start


def province_figures(
    inputs: FigureInputs, metric: str, period: Period, codes: list[str] | None = None, today: dt.date | None = None
) -> pd.DataFrame:
    """One row per province: the figure shown for ``metric`` in ``period`` on every page and in every export.

    ``value`` is NaN where there is no record ("no data", never 0); a province inside a wider police area with a
    figure gets ``covered_by`` and an area note instead. See the module docstring for the choice.
    """
    today = today or dt.date.today()
    names = inputs.names
    codes = list(codes) if codes is not None else inputs.provinces["code"].tolist()
    rows: dict[str, dict] = {
        code: {"province_code": code, "province": names.get(code, code), **_EMPTY} for code in codes
    }
    for row in rows.values():
        row["other_values"] = []
    if metric == "activities":
        _activity_figures(inputs, period, rows, today)
    else:
        _enforcement_figures(inputs, metric, period, rows, today)
    frame = pd.DataFrame(list(rows.values()))
    frame["unit"] = UNITS[metric][1]
    frame["metric"] = metric
    frame["has_data"] = frame["value"].notna()
    frame["has_population"] = frame["population"].notna()
    return frame


def _enforcement_figures(inputs: FigureInputs, metric: str, period: Period, rows: dict, today: dt.date) -> None:
    candidates = candidates_for(inputs.enforcement, metric, period)
    if candidates.empty:
        return
    chosen = choose_records(candidates, "province_code")
    table = inputs.denominators
    names = inputs.names
    covered: dict[str, tuple[str, str, str]] = {}
    others = _other_sources(candidates, chosen, metric)
    nobody = candidates.iloc[0:0]
    for index, record in chosen.iterrows():
        code = record["province_code"]
        value = float(record[metric])
        start, end = _date(record["period_start"]), _date(record["reference_date"])
        area: Area = area_of(record["reporting_unit"], code, _text(record["coverage_note"]), end, inputs.police_units)
        for other in area.provinces:
            if other != code:
                covered[other] = (area.unit, code, area.note_id)
        if code not in rows:
            continue
        disagreement = conflict_rules.for_figure(
            inputs.conflicts, _text(record["record_ref"]), metric, value, others.get(index, nobody)
        )
        denominator = area_denominator(area, table, names)
        running = series_kind(record) == "satgas_running_total"
        row = rows[code]
        row.update(
            value=value,
            period_start=start,
            period_end=end,
            period_start_precision=_text(record["period_start_precision"]),
            period_end_precision=_text(record["period_end_precision"]) or ("day" if end else None),
            announced_date=_date(record["announced_date"]),
            series=series_kind(record),
            series_key=record["series"],
            reporting_unit=record["reporting_unit"],
            source_url=_text(record["source_url"]),
            source_outlet=_text(record["source_outlet"]),
            record_ref=_text(record["record_ref"]),
            conflict=disagreement.conflict,
            other_values=disagreement.other_values,
            conflict_reason_id=disagreement.reason_id,
            conflict_reason_en=disagreement.reason_en,
            area_note_id=area.note_id,
            area_note_en=area.note_en,
            comparable=not area.combined,
            **_rate_fields(value, denominator),
            age_days=(today - end).days if end else None,
            stale=bool(end and (today - end).days > STALE_DAYS),
            partial=_partial(start, end, period, running),
        )
    for code, (unit, main, _note) in covered.items():
        if code in rows and pd.isna(rows[code]["value"]):
            rows[code].update(
                covered_by=main,
                covered_by_unit=unit,
                area_note_id=f"Tercakup dalam angka {unit} untuk seluruh wilayahnya (lihat {names.get(main, main)}).",
                area_note_en=f"Covered by {unit}'s figure for its whole area (see {names.get(main, main)}).",
            )


def _activity_figures(inputs: FigureInputs, period: Period, rows: dict, today: dt.date) -> None:
    activities = inputs.activities
    if activities.empty:
        return
    dates = activities["date"]
    inside = (dates >= pd.Timestamp(period.start)) & (dates <= pd.Timestamp(period.end))
    frame = activities[inside].assign(_event=inputs.event_ids[inside])
    table = inputs.denominators
    names = inputs.names
    for code, group in frame.groupby("province_code"):
        if code not in rows:
            continue
        value = float(group["_event"].nunique())
        newest = group.sort_values("date").iloc[-1]
        denominator = area_denominator(Area(code, code, (code,), (), (), "", ""), table, names)
        end = _date(newest["date"])
        rows[code].update(
            value=value,
            period_start=period.start,
            period_end=period.end,
            period_start_precision="day",
            period_end_precision="day",
            series="activity_count",
            series_key="activities",
            reporting_unit=None,
            source_url=_text(newest["source_url"]),
            comparable=True,
            **_rate_fields(value, denominator),
            age_days=(today - end).days if end else None,
        )


def figure_records(frame: pd.DataFrame) -> list[dict]:
    """The JSON shape of ``etl figures``: one object per province (``value`` null where there is no record)."""
    out = []
    for _, row in frame.iterrows():
        value = row["value"]
        rate = row["rate_per_100k"]
        out.append(
            {
                "province_code": row["province_code"],
                "province": row["province"],
                "value": int(value) if pd.notna(value) else None,
                "period_start": row["period_start"].isoformat() if row["period_start"] else None,
                "period_end": row["period_end"].isoformat() if row["period_end"] else None,
                "series": _text(row["series"]),
                "unit": _text(row["unit"]),
                "reporting_unit": _text(row["reporting_unit"]),
                "source_url": _text(row["source_url"]),
                "conflict": bool(row["conflict"]),
                "other_values": list(row["other_values"]),
                "area_note": row["area_note_en"] or None,
                "rate_per_100k": round(float(rate), 4) if pd.notna(rate) else None,
                "population": int(row["population"]) if pd.notna(row["population"]) else None,
                "population_source": _text(row["population_source"]),
                "rate_note": row["rate_note_en"] or None,
                "covered_by": _text(row["covered_by"]),
                "stale": bool(row["stale"]),
                "partial": bool(row["partial"]),
            }
        )
    return out
