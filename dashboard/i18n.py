"""Bahasa Indonesia first, English second: every label goes through :func:`t`."""

from __future__ import annotations

import streamlit as st

LANGS = {"id": "Bahasa Indonesia", "en": "English"}
DEFAULT_LANG = "id"

TEXT: dict[str, tuple[str, str]] = {
    "app_title": ("Pantau TPPO", "Pantau TPPO"),
    "app_tagline": ("Pemantauan tindak pidana perdagangan orang di Indonesia",
                    "Monitoring human trafficking (TPPO) in Indonesia"),
    "language": ("Bahasa", "Language"),
    "nav_overview": ("Ringkasan", "Overview"),
    "overview_title": ("Ringkasan nasional", "National overview"),
    "overview_intro": (
        "Angka nasional terakhir dari Satgas TPPO Polri: total berjalan sejak Satgas dibentuk "
        "pada 5 Juni 2023. Setiap angka tautannya ke sumber.",
        "Latest national figures from the Polri TPPO task force (Satgas TPPO): running totals since it was "
        "formed on 5 June 2023. Every number links to its source.",
    ),
    "police_reports": ("Laporan polisi", "Police reports"),
    "cases": ("Kasus", "Cases"),
    "cases_completed": ("Perkara selesai", "Cases completed"),
    "suspects": ("Tersangka", "Suspects"),
    "victims_rescued": ("Korban diselamatkan", "Victims rescued"),
    "as_of": ("per {date}", "as of {date}"),
    "source": ("Sumber", "Source"),
    "conflict_badge": ("⚠ sumber lain memberi angka berbeda untuk tanggal ini",
                       "⚠ another source gives a different value for this date"),
    "no_figure": ("Belum ada angka", "No figure yet"),
    "provinces_with_data": ("Provinsi dengan data", "Provinces with data"),
    "of_provinces": ("dari {total} provinsi", "of {total} provinces"),
    "activities_recorded": ("Kegiatan pencegahan tercatat", "Prevention activities recorded"),
    "enforcement_records": ("Catatan penegakan hukum", "Enforcement records"),
    "freshness": ("Kebaruan data", "Data freshness"),
    "last_enforcement": ("Angka penegakan hukum terakhir: {date}", "Latest enforcement figure: {date}"),
    "last_activity": ("Kegiatan terakhir: {date}", "Latest activity: {date}"),
    "year_totals": ("Total tahun kalender (seri terpisah, bukan total berjalan)",
                    "Calendar-year totals (a separate series, not running totals)"),
    "year": ("Tahun", "Year"),
    "announced": ("Tanggal rilis", "Announced"),
    "conflict_short": ("Beda sumber", "Conflict"),
    "running_total_caveat": (
        "Total berjalan tidak boleh dijumlahkan. Laporan polisi, kasus dan perkara selesai adalah hitungan "
        "berbeda. Angka yang tertangani polisi bukan ukuran besarnya perdagangan orang.",
        "Running totals must never be added together. Police reports, cases and completed cases are different "
        "counts. Figures handled by the police do not measure the prevalence of trafficking.",
    ),
    "credit": ("Batas wilayah: cahyadsn/wilayah_boundaries (MIT). Angka: sumber yang ditautkan. "
               "Penduduk: BPS 2024.",
               "Boundaries: cahyadsn/wilayah_boundaries (MIT). Figures: the linked sources. "
               "Population: BPS 2024."),
    "store_empty": ("Basis data masih kosong. Jalankan `make setup`.", "The store is empty. Run `make setup`."),
    "not_available": ("tidak tersedia", "not available"),
}  # fmt: skip


def current_lang() -> str:
    """The UI language of this session ("id" by default)."""
    lang = st.session_state.get("lang", DEFAULT_LANG)
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, **values: object) -> str:
    """The label ``key`` in the session's language, formatted with ``values``."""
    pair = TEXT.get(key)
    if pair is None:
        return key
    text = pair[0] if current_lang() == "id" else pair[1]
    return text.format(**values) if values else text


def language_switch() -> None:
    """Sidebar control switching between Bahasa Indonesia and English."""
    st.session_state.setdefault("lang", DEFAULT_LANG)
    st.sidebar.radio(
        "Bahasa / Language",
        options=list(LANGS),
        format_func=LANGS.get,
        key="lang",
        horizontal=True,
    )
