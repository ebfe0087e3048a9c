"""Words and export rows for chosen figures: the same period, series and conflict text on screen, in the brief
and in every export (Bahasa Indonesia first, English second)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from babel.dates import format_date

from etl.analysis.figures import UNITS

_LOCALE = {"id": "id_ID", "en": "en_GB"}
SERIES_LABELS = {
    "satgas_running_total": ("Total berjalan Satgas", "Satgas running total"),
    "calendar_year": ("Total tahun kalender", "Calendar-year total"),
    "partial_year": ("Sebagian tahun", "Part of a year"),
    "regional_report": ("Laporan daerah", "Regional report"),
    "period_only": ("Angka periode itu saja", "For its period only"),
    "activity_count": ("Jumlah kegiatan (satu acara dihitung sekali)", "Activities (one event counted once)"),
}
NO_DATA = ("tidak ada data", "no data")


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "id" else pair[1]


def series_label(series: str | None, lang: str) -> str:
    return pick(SERIES_LABELS[series], lang) if series in SERIES_LABELS else ""


def _day(value, lang: str) -> str:
    return format_date(pd.Timestamp(value).date(), format="d MMM yyyy", locale=_LOCALE[lang])


def period_text(start: dt.date | None, end: dt.date | None, lang: str) -> str:
    """ "5 Jun 2023 – 22 Jun 2023", "s.d. 19 Jul 2023" / "to 19 Jul 2023" without a start, "" without an end."""
    if end is None or pd.isna(end):
        return ""
    if start is None or pd.isna(start):
        return ("s.d. " if lang == "id" else "to ") + _day(end, lang)
    return f"{_day(start, lang)} – {_day(end, lang)}"


def other_values_text(other_values: list[dict], number) -> str:
    """ "148 (beritapolisi.net); 246 (m.tribunnews.com)": each other value with the host of its source."""
    parts = []
    for item in other_values or []:
        host = str(item.get("source_url") or "").split("/")[2] if "://" in str(item.get("source_url") or "") else ""
        parts.append(f"{number(item['value'])} ({host})" if host else number(item["value"]))
    return "; ".join(parts)


def export_rows(figures: pd.DataFrame, lang: str, sources: list[str]) -> pd.DataFrame:
    """Rows for CSV/XLSX: numbers stay numbers; every row carries its period, series, source number and
    conflict flag. ``sources`` is filled with the source URLs in the order they are numbered."""

    def number_of(url: object) -> int | None:
        if not isinstance(url, str) or not url:
            return None
        if url not in sources:
            sources.append(url)
        return sources.index(url) + 1

    id_ = lang == "id"
    out = pd.DataFrame(
        {
            "kode_provinsi" if id_ else "province_code": figures["province_code"],
            "provinsi" if id_ else "province": figures["province"],
            "ukuran" if id_ else "metric": figures["metric"],
            "nilai" if id_ else "value": figures["value"].astype("Float64").round(0).astype("Int64"),
            "periode_mulai" if id_ else "period_start": figures["period_start"],
            "periode_akhir" if id_ else "period_end": figures["period_end"],
            "seri" if id_ else "series": figures["series"].map(lambda s: series_label(s, lang)),
            "satuan" if id_ else "unit": figures["metric"].map(lambda m: pick(UNITS[m], lang)),
            "unit_pelapor" if id_ else "reporting_unit": figures["reporting_unit"],
            "no_sumber" if id_ else "source_no": pd.array([number_of(u) for u in figures["source_url"]], dtype="Int64"),
            "beda_sumber" if id_ else "conflict": figures["conflict"].map(
                lambda c: ("ya" if id_ else "yes") if c else ""
            ),
            "nilai_lain" if id_ else "other_values": figures["other_values"].map(
                lambda items: "; ".join(f"{i['value']} [{number_of(i['source_url'])}]" for i in items or [])
            ),
            "catatan_wilayah" if id_ else "area_note": figures["area_note_id" if id_ else "area_note_en"],
            "per_100rb_penduduk" if id_ else "per_100k": figures["rate_per_100k"].astype("Float64").round(4),
            "penduduk" if id_ else "population": figures["population"].astype("Float64").round(0).astype("Int64"),
            "sumber_penduduk" if id_ else "population_source": figures["population_source"],
            "catatan_laju" if id_ else "rate_note": figures["rate_note_id" if id_ else "rate_note_en"],
        }
    )
    return out
