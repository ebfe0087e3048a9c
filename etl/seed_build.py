"""Build the committed seed files (data/seed/) from ../shared/reference-data.

Every reference row becomes one enforcement record in the upload template's columns, with
its record id, series, source and notes; numbers are copied as published, never derived.
Run ``python -m etl seed-build`` after the reference data changes; a test checks that the
committed files equal a fresh build.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import re
from pathlib import Path

from etl import config

ENFORCEMENT_FIELDS = [
    "record_ref",
    "series",
    "reporting_unit",
    "scope",
    "province",
    "regency",
    "period_start",
    "period_end",
    "cumulative",
    "police_reports",
    "cases",
    "cases_completed",
    "suspects",
    "victims_rescued",
    "victims_female_adult",
    "victims_girls",
    "victims_male_adult",
    "victims_boys",
    "modus_pmi_prt",
    "modus_psk",
    "modus_abk",
    "modus_child_exploitation",
    "modus_other",
    "modus_unit",
    "stage_lidik",
    "stage_sidik",
    "stage_p21",
    "stage_other",
    "source_url",
    "corroborating_urls",
    "announced_date",
    "source_agency",
    "list_id",
    "list_status",
    "coverage_note",
    "conflict_note",
    "verification_status",
    "notes",
]
POPULATION_FIELDS = [
    "record_id",
    "province",
    "population",
    "unit",
    "reference_period",
    "source_org",
    "source_type",
    "use_for_rates",
    "source_url",
    "notes",
]

_METRIC_COLUMNS = {
    "police_reports_lp": "police_reports",
    "victims": "victims_rescued",
    "suspects": "suspects",
    "cases": "cases",
}


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def conflict_note(notes: str) -> str:
    """The sentences of a reference note that report a conflict between sources ("CONFLICT ...")."""
    found = re.findall(r"CONFLICT.*?(?:\.(?=\s+[A-Z])|$)", notes or "")
    return " ".join(s.strip() for s in found)


def _national(row: dict[str, str]) -> dict[str, str]:
    series = row["row_type"]
    cumulative = {
        "cumulative_since_satgas": "ya",
        "calendar_year": "tidak",
        "partial_year": "tidak",
        "baseline_pre_satgas": "tidak",
    }.get(series, "")
    unit = "Satgas TPPO Polri" if series == "cumulative_since_satgas" else "Polri"
    notes = "; ".join(
        p for p in (f"Cakupan: {row['scope']}", f"Periode: {row['period_as_reported']}", row["notes"]) if p
    )
    out = {
        "record_ref": row["record_id"],
        "series": series,
        "reporting_unit": unit,
        "scope": "national",
        "period_start": row["period_start"],
        "period_end": row["period_end"],
        "cumulative": cumulative,
        "police_reports": row["police_reports_lp"],
        "cases": row["cases"],
        "cases_completed": row["cases_completed"],
        "suspects": row["suspects"],
        "victims_rescued": row["victims"],
        "victims_female_adult": row["victims_adult_female"],
        "victims_girls": row["victims_girls"],
        "victims_male_adult": row["victims_adult_male"],
        "victims_boys": row["victims_boys"],
        "source_url": row["source_url"],
        "corroborating_urls": row["corroborating_urls"],
        "announced_date": row["announced_date"],
        "source_agency": row["spokesperson"],
        "conflict_note": conflict_note(row["notes"]),
        "notes": notes,
    }
    for name in ("modus_pmi_prt", "modus_psk", "modus_abk", "modus_child_exploitation", "modus_other", "modus_unit"):
        out[name] = row[name]
    for name in ("stage_lidik", "stage_sidik", "stage_p21", "stage_other"):
        out[name] = row[name]
    return out


def _polda(row: dict[str, str]) -> dict[str, str]:
    metric = row["metric"].split()[0]
    column = _METRIC_COLUMNS[metric]
    notes = [f"Tertulis: {row['polda_name_as_written']}", f"Periode: {row['period_as_reported']}"]
    if "reported as" in row["metric"]:
        notes.append(f"Satuan: {row['metric']}")
    if row["notes"]:
        notes.append(row["notes"])
    return {
        "record_ref": row["record_id"],
        "series": "polda_list",
        "reporting_unit": row["polda_std"],
        "scope": "province",
        "province": row["province_std"],
        "period_start": row["period_start"],
        "period_end": row["period_end"],
        "cumulative": "ya",
        column: row["value"],
        "source_url": row["source_url"],
        "announced_date": row["announced_date"],
        "list_id": row["list_id"],
        "list_status": row["list_status"],
        "coverage_note": row["province_coverage_note"],
        "conflict_note": conflict_note(row["notes"]),
        "notes": "; ".join(notes),
    }


def _regional(row: dict[str, str]) -> dict[str, str]:
    regency = ""
    if row["unit_level"] == "Polres":
        regency = re.sub(r"^Polres\s+", "", row["reporting_unit_as_written"]).strip()
    notes = [f"Periode: {row['period_as_reported']}", f"Tingkat: {row['unit_level']}"]
    for label, key in (
        ("Rincian korban", "victims_breakdown"),
        ("Angka lain", "other_figures"),
        ("Juru bicara", "spokesperson"),
        ("Catatan", "notes"),
    ):
        if row[key]:
            notes.append(f"{label}: {row[key]}")
    return {
        "record_ref": row["record_id"],
        "series": "regional_report",
        "reporting_unit": row["reporting_unit_as_written"],
        "scope": "regency" if regency else "province",
        "province": row["province_std"],
        "regency": regency,
        "period_start": row["period_start"],
        "period_end": row["period_end"],
        "cumulative": "",
        "police_reports": row["police_reports_lp"],
        "cases": row["cases"],
        "cases_completed": row["cases_completed"],
        "suspects": row["suspects"],
        "victims_rescued": row["victims"],
        "source_url": row["source_url"],
        "corroborating_urls": row["corroborating_urls"],
        "announced_date": row["announced_date"],
        "source_agency": row["spokesperson"],
        "conflict_note": conflict_note(row["notes"]),
        "notes": "; ".join(notes),
    }


def _last_day(text: str) -> dt.date | None:
    """The last day a normalised date (``2023``, ``2023-06`` or ``2023-06-13``) can mean."""
    parts = [int(p) for p in text.split("-")] if text else []
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return dt.date(parts[0], 12, 31) if parts else None


def end_by_announcement(row: dict[str, str]) -> dict[str, str]:
    """A figure cannot count days after it was announced: a period given only by month or year
    ("Januari-Juni 2023", announced 13 June) ends on its announcement date, and the note says so."""
    end, announced = _last_day(row["period_end"]), row.get("announced_date") or ""
    if end is None or not announced or end <= dt.date.fromisoformat(announced):
        return row
    note = f"Periode akhir sumber: {row['period_end']}; dicatat sampai tanggal rilis {announced}"
    return {**row, "period_end": announced, "notes": "; ".join(p for p in (row["notes"], note) if p)}


def build_enforcement(reference_dir: Path) -> list[dict[str, str]]:
    """Enforcement seed rows: national timeline, per-Polda lists and regional reports."""
    rows = [_national(r) for r in _read(reference_dir / "national_timeline.csv")]
    rows += [_polda(r) for r in _read(reference_dir / "by_polda.csv")]
    rows += [_regional(r) for r in _read(reference_dir / "regional_reports.csv")]
    rows = [end_by_announcement(row) for row in rows]
    for row in rows:
        row["verification_status"] = "draft"  # as published; conflicts are flagged, not judged
    return rows


def build_population(reference_dir: Path) -> list[dict[str, str]]:
    """Population rows exactly as published (blank values stay blank)."""
    return [{k: r[k] for k in POPULATION_FIELDS} for r in _read(reference_dir / "population.csv")]


def _csv_text(rows: list[dict[str, str]], fields: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({f: row.get(f, "") for f in fields})
    return buffer.getvalue()


def build_files(reference_dir: Path | None = None) -> dict[str, str]:
    """File name -> CSV text of the generated seed files."""
    reference_dir = reference_dir or config.REFERENCE_DATA_DIR
    return {
        "enforcement.csv": _csv_text(build_enforcement(reference_dir), ENFORCEMENT_FIELDS),
        "population.csv": _csv_text(build_population(reference_dir), POPULATION_FIELDS),
    }


def write_files(reference_dir: Path | None = None, seed_dir: Path | None = None) -> list[Path]:
    seed_dir = seed_dir or config.SEED_DIR
    seed_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in build_files(reference_dir).items():
        path = seed_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
