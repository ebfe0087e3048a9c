"""Upload template columns for the two record kinds, and the pandera schemas of their typed frames.

English column names are canonical; the Indonesian names are accepted too. Optional extra
columns (``record_ref``, ``series``, modus counts, ...) carry the seed data's provenance.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import pandas as pd
import pandera.pandas as pa

from etl.gazetteer import normalize

Kind = Literal["enforcement", "activities"]
CellType = Literal["text", "count", "date", "bool", "province", "regency", "url", "choice", "list", "decimal"]


@dataclass(frozen=True)
class ColumnSpec:
    """One template column: canonical name, Indonesian name, cell type and a short guide."""

    name: str
    name_id: str
    cell: CellType
    required: bool = False
    guide_id: str = ""
    guide_en: str = ""
    example: str = ""
    template: bool = True  # shown in the downloadable template


COUNT_GUIDE = (
    "bilangan bulat >= 0; '1.006' dibaca 1006; kosong = tidak dilaporkan",
    "whole number >= 0; '1.006' reads as 1006; blank = not reported",
)


def _source_url_column(example: str) -> ColumnSpec:
    return ColumnSpec(
        "source_url",
        "sumber_url",
        "url",
        True,
        "alamat web sumber (https://...)",
        "web address of the source (https://...)",
        example,
    )


ENFORCEMENT_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec(
        "reporting_unit",
        "unit_pelapor",
        "text",
        True,
        "satuan yang mengumumkan angka",
        "unit that announced the figures",
        "Polda Kalimantan Barat",
    ),
    ColumnSpec(
        "scope",
        "cakupan",
        "choice",
        False,
        "nasional / provinsi / kabupaten (kosong: ditebak)",
        "national / province / regency (blank: inferred)",
        "provinsi",
    ),
    ColumnSpec("province", "provinsi", "province", False, "nama atau kode provinsi", "province name or code", "Kalbar"),
    ColumnSpec(
        "regency", "kabupaten_kota", "regency", False, "nama atau kode kabupaten/kota", "regency/city name or code", ""
    ),
    ColumnSpec(
        "period_start",
        "periode_mulai",
        "date",
        False,
        "awal periode (2023-06-05 atau 5/6/2023)",
        "period start (2023-06-05 or 5/6/2023)",
        "2023-06-05",
    ),
    ColumnSpec(
        "period_end",
        "periode_akhir",
        "date",
        False,
        "akhir periode; wajib jika tanggal rilis kosong",
        "period end; required when the announced date is blank",
        "2023-06-13",
    ),
    ColumnSpec(
        "cumulative",
        "kumulatif",
        "bool",
        False,
        "ya = total berjalan sejak awal periode",
        "yes = running total since the period start",
        "ya",
    ),
    ColumnSpec("police_reports", "laporan_polisi", "count", False, *COUNT_GUIDE, "32"),
    ColumnSpec("cases", "kasus", "count", False, *COUNT_GUIDE, ""),
    ColumnSpec("cases_completed", "perkara_selesai", "count", False, *COUNT_GUIDE, ""),
    ColumnSpec("suspects", "tersangka", "count", False, *COUNT_GUIDE, "37"),
    ColumnSpec("victims_rescued", "korban_diselamatkan", "count", False, *COUNT_GUIDE, "138"),
    ColumnSpec("victims_female_adult", "korban_perempuan_dewasa", "count", False, *COUNT_GUIDE, ""),
    ColumnSpec("victims_girls", "korban_anak_perempuan", "count", False, *COUNT_GUIDE, ""),
    ColumnSpec("victims_male_adult", "korban_laki_laki_dewasa", "count", False, *COUNT_GUIDE, ""),
    ColumnSpec("victims_boys", "korban_anak_laki_laki", "count", False, *COUNT_GUIDE, ""),
    _source_url_column("https://example.go.id/berita/123"),
    ColumnSpec(
        "announced_date",
        "tanggal_rilis",
        "date",
        False,
        "tanggal pengumuman/artikel",
        "date of the announcement or article",
        "2023-06-14",
    ),
    ColumnSpec(
        "notes", "catatan", "text", False, "catatan singkat (tanpa data pribadi)", "short notes (no personal data)", ""
    ),
    # Provenance columns used by the seed data; optional in uploads.
    ColumnSpec("record_ref", "kode_rekaman", "text", template=False),
    ColumnSpec("series", "seri", "text", template=False),
    ColumnSpec("source_name", "nama_sumber", "text", template=False),
    ColumnSpec("source_agency", "instansi_sumber", "text", template=False),
    ColumnSpec("corroborating_urls", "url_pendukung", "text", template=False),
    ColumnSpec("list_id", "kode_daftar", "text", template=False),
    ColumnSpec("list_status", "status_daftar", "text", template=False),
    ColumnSpec("coverage_note", "catatan_cakupan", "text", template=False),
    ColumnSpec("conflict_note", "catatan_konflik", "text", template=False),
    ColumnSpec("verification_status", "status_verifikasi", "choice", template=False),
    ColumnSpec("modus_pmi_prt", "modus_pmi_prt", "text", template=False),
    ColumnSpec("modus_psk", "modus_psk", "text", template=False),
    ColumnSpec("modus_abk", "modus_abk", "text", template=False),
    ColumnSpec("modus_child_exploitation", "modus_eksploitasi_anak", "text", template=False),
    ColumnSpec("modus_other", "modus_lainnya", "text", template=False),
    ColumnSpec("modus_unit", "satuan_modus", "text", template=False),
    ColumnSpec("stage_lidik", "tahap_lidik", "count", template=False),
    ColumnSpec("stage_sidik", "tahap_sidik", "count", template=False),
    ColumnSpec("stage_p21", "tahap_p21", "count", template=False),
    ColumnSpec("stage_other", "tahap_lainnya", "text", template=False),
)

ACTIVITY_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec(
        "date",
        "tanggal",
        "date",
        True,
        "tanggal kegiatan (2023-06-21 atau 21/6/2023)",
        "activity date (2023-06-21 or 21/6/2023)",
        "2023-06-21",
    ),
    ColumnSpec(
        "end_date",
        "tanggal_selesai",
        "date",
        False,
        "tanggal selesai jika lebih dari sehari",
        "end date if longer than a day",
        "",
    ),
    ColumnSpec(
        "province",
        "provinsi",
        "province",
        False,
        "nama atau kode provinsi (boleh kosong jika kabupaten/kota diisi)",
        "province name or code (may be blank when the regency is given)",
        "Kalimantan Selatan",
    ),
    ColumnSpec(
        "regency",
        "kabupaten_kota",
        "regency",
        False,
        "nama atau kode kabupaten/kota",
        "regency/city name or code",
        "Kab. Tanah Bumbu",
    ),
    ColumnSpec(
        "activity_type",
        "jenis_kegiatan",
        "choice",
        True,
        "rakor, sosialisasi, seminar, pelatihan, MoU, patroli siber, pengawasan, lainnya",
        "rakor, sosialisasi, seminar, pelatihan, MoU, patroli siber, pengawasan, lainnya",
        "sosialisasi",
    ),
    ColumnSpec(
        "title",
        "judul",
        "text",
        True,
        "judul singkat kegiatan",
        "short title of the activity",
        "Sosialisasi pencegahan TPPO",
    ),
    ColumnSpec(
        "organizer",
        "penyelenggara",
        "text",
        True,
        "instansi penyelenggara",
        "organizing agency",
        "Kantor Imigrasi Kelas II TPI Batulicin",
    ),
    ColumnSpec(
        "partners",
        "mitra",
        "list",
        False,
        "instansi mitra, pisahkan dengan ';'",
        "partner agencies, separated by ';'",
        "Disnakertrans Kab. Tanah Bumbu",
    ),
    ColumnSpec(
        "pillar",
        "bidang",
        "list",
        False,
        "sub gugus tugas: pencegahan; rehabilitasi kesehatan; "
        "rehabilitasi sosial; pemulangan dan reintegrasi; penegakan hukum; kerja sama dan koordinasi",
        "task-force pillars, separated by ';'",
        "pencegahan",
    ),
    ColumnSpec("target_group", "sasaran", "text", False, "kelompok sasaran", "target group", "masyarakat umum"),
    ColumnSpec("participants", "peserta", "count", False, "jumlah peserta", "number of participants", ""),
    ColumnSpec("mode", "moda", "choice", False, "luring / daring / hibrida", "offline / online / hybrid", "luring"),
    _source_url_column("https://example.go.id/berita/456"),
    ColumnSpec(
        "notes", "catatan", "text", False, "catatan singkat (tanpa data pribadi)", "short notes (no personal data)", ""
    ),
    ColumnSpec("organizer_type", "jenis_penyelenggara", "choice", template=False),
    ColumnSpec("record_ref", "kode_rekaman", "text", template=False),
    ColumnSpec("source_name", "nama_sumber", "text", template=False),
    ColumnSpec("verification_status", "status_verifikasi", "choice", template=False),
)

COLUMNS: dict[Kind, tuple[ColumnSpec, ...]] = {"enforcement": ENFORCEMENT_COLUMNS, "activities": ACTIVITY_COLUMNS}
COUNT_COLUMNS: dict[Kind, list[str]] = {k: [c.name for c in v if c.cell == "count"] for k, v in COLUMNS.items()}


def header_map(kind: Kind) -> dict[str, str]:
    """Normalised header (English or Indonesian) -> canonical column name."""
    mapping: dict[str, str] = {}
    for spec in COLUMNS[kind]:
        for label in (spec.name, spec.name_id):
            mapping[normalize(label.replace("_", " "))] = spec.name
    return mapping


def _not_future(series):
    today = dt.date.today()
    future = [d for d in series.dropna().unique().tolist() if d > today]  # each distinct date compared once
    return ~series.isin(future) if future else pd.Series(True, index=series.index)


def _non_negative(series):
    return series.isna() | (series >= 0)


NOT_FUTURE = pa.Check(_not_future, element_wise=False, name="not_future")
NON_NEGATIVE = pa.Check(_non_negative, name="non_negative")


def typed_schema(kind: Kind) -> pa.DataFrameSchema:
    """Value rules on the parsed frame; checked lazily so every failure is reported."""
    columns: dict[str, pa.Column] = {}
    for spec in COLUMNS[kind]:
        if spec.cell == "count":
            columns[spec.name] = pa.Column("Int64", NON_NEGATIVE, nullable=True)
        elif spec.cell == "date":
            columns[spec.name] = pa.Column(object, NOT_FUTURE, nullable=not spec.required)
    if kind == "enforcement":
        columns["reporting_unit"] = pa.Column(object, nullable=False)
    else:
        columns["province_code"] = pa.Column(object, nullable=False)
    return pa.DataFrameSchema(columns, strict=False, coerce=False)
