"""Documented disagreements between published figures: stored per metric and period, each value with its source."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

AUTO_REASON = (
    "Sumber lain memberi angka berbeda untuk tempat, ukuran dan periode yang sama.",
    "Another source gives a different value for the same place, metric and period.",
)


@dataclass
class Disagreement:
    """The other values given for a chosen figure, each with its source, and why they disagree."""

    other_values: list[dict] = field(default_factory=list)
    reason_id: str = ""
    reason_en: str = ""

    @property
    def conflict(self) -> bool:
        return bool(self.other_values)


def documented_metrics(conflicts: pd.DataFrame | None) -> dict[str, dict[str, tuple[str, str]]]:
    """record ref -> {metric: (reason_id, reason_en)} for every value a documented conflict names by its record."""
    found: dict[str, dict[str, tuple[str, str]]] = {}
    if conflicts is None or conflicts.empty:
        return found
    for ref, metric, reason_id, reason_en in conflicts[["record_ref", "metric", "reason_id", "reason_en"]].itertuples(
        index=False
    ):
        if isinstance(ref, str) and ref:
            found.setdefault(ref, {}).setdefault(metric, (reason_id, reason_en))
    return found


def _number(text: object) -> float | None:
    try:
        return float(str(text))
    except ValueError:
        return None


def for_figure(
    conflicts: pd.DataFrame, record_ref: str | None, metric: str, value: float, same_period: pd.DataFrame
) -> Disagreement:
    """What disagrees with ``value`` of ``metric`` in record ``record_ref``.

    Documented conflicts name the record and metric they concern; undocumented ones are other records of the same
    place, metric and period with another value (``same_period``: those records, with ``metric`` and ``source_url``).
    A metric no source disputes gets no mark, whatever notes its record carries.
    """
    found = Disagreement()
    seen: set[tuple[float, str]] = set()
    if record_ref and not conflicts.empty:
        mine = conflicts[(conflicts["record_ref"] == record_ref) & (conflicts["metric"] == metric)]
        for conflict_id in mine["conflict_id"].unique():
            rows = conflicts[conflicts["conflict_id"] == conflict_id]
            found.reason_id = found.reason_id or rows["reason_id"].iloc[0]
            found.reason_en = found.reason_en or rows["reason_en"].iloc[0]
            for _, row in rows.iterrows():
                number = _number(row["value"])
                if number is None or number == value or (number, row["source_url"]) in seen:
                    continue
                seen.add((number, row["source_url"]))
                found.other_values.append({"value": int(number), "source_url": row["source_url"]})
    for _, row in same_period.iterrows():
        number = float(row[metric])
        if number == value or (number, row["source_url"]) in seen:
            continue
        seen.add((number, row["source_url"]))
        found.other_values.append({"value": int(number), "source_url": row["source_url"]})
        if not found.reason_id:
            found.reason_id, found.reason_en = AUTO_REASON
    return found


def conflict_list(conflicts: pd.DataFrame, names: dict[str, str]) -> list[dict]:
    """Every documented conflict with all its values and sources (the shape ``etl conflicts --json`` prints)."""
    out = []
    for conflict_id, rows in conflicts.groupby("conflict_id", sort=True):
        first = rows.iloc[0]
        code = first["province_code"]
        out.append(
            {
                "conflict_id": conflict_id,
                "kind": first["kind"],
                "place": names.get(code, code) if isinstance(code, str) and code else "Indonesia",
                "province_code": code if isinstance(code, str) and code else None,
                "metric": first["metric"],
                "period_start": first["period_start"] if isinstance(first["period_start"], str) else None,
                "period_end": first["period_end"] if isinstance(first["period_end"], str) else None,
                "values": [
                    {
                        "value": _clean(row["value"]),
                        "source_url": row["source_url"],
                        "reporting_unit": row["reporting_unit"],
                        "announced_date": row["announced_date"] if isinstance(row["announced_date"], str) else None,
                        "record_ref": row["record_ref"] if isinstance(row["record_ref"], str) else None,
                    }
                    for _, row in rows.iterrows()
                ],
                "reason_id": first["reason_id"],
                "reason_en": first["reason_en"],
            }
        )
    return out


def _clean(value: object) -> object:
    number = _number(value)
    if number is None:
        return value
    return int(number) if number.is_integer() else number
