"""Controlled vocabularies (keys stored in the database) with Indonesian and English labels."""

from __future__ import annotations

from etl.gazetteer import normalize

SCOPES: dict[str, tuple[str, str]] = {
    "national": ("Nasional", "National"),
    "province": ("Provinsi", "Province"),
    "regency": ("Kabupaten/Kota", "Regency/City"),
}
SCOPE_SYNONYMS = {
    "nasional": "national",
    "national": "national",
    "indonesia": "national",
    "provinsi": "province",
    "province": "province",
    "prov": "province",
    "polda": "province",
    "kabupaten": "regency",
    "kota": "regency",
    "kabupaten kota": "regency",
    "kab kota": "regency",
    "regency": "regency",
    "city": "regency",
    "polres": "regency",
}

ACTIVITY_TYPES: dict[str, tuple[str, str]] = {
    "rakor": ("Rapat koordinasi", "Coordination meeting"),
    "sosialisasi": ("Sosialisasi", "Awareness event"),
    "seminar": ("Seminar", "Seminar"),
    "pelatihan": ("Pelatihan", "Training"),
    "mou": ("Nota kesepahaman (MoU)", "Memorandum of understanding"),
    "patroli_siber": ("Patroli siber", "Cyber patrol"),
    "pengawasan": ("Pengawasan LPK/P3MI", "Inspection of LPK/P3MI"),
    "lainnya": ("Lainnya", "Other"),
}
ACTIVITY_TYPE_SYNONYMS = {
    "rakor": "rakor",
    "rapat koordinasi": "rakor",
    "coordination meeting": "rakor",
    "rapat": "rakor",
    "sosialisasi": "sosialisasi",
    "penyuluhan": "sosialisasi",
    "awareness": "sosialisasi",
    "seminar": "seminar",
    "webinar": "seminar",
    "diskusi": "seminar",
    "fgd": "seminar",
    "pelatihan": "pelatihan",
    "training": "pelatihan",
    "bimtek": "pelatihan",
    "mou": "mou",
    "nota kesepahaman": "mou",
    "perjanjian kerja sama": "mou",
    "pks": "mou",
    "patroli siber": "patroli_siber",
    "patroli cyber": "patroli_siber",
    "cyber patrol": "patroli_siber",
    "pengawasan": "pengawasan",
    "pengawasan lpk": "pengawasan",
    "pengawasan p3mi": "pengawasan",
    "inspeksi": "pengawasan",
    "lainnya": "lainnya",
    "other": "lainnya",
    "lain lain": "lainnya",
}

PILLARS: dict[str, tuple[str, str]] = {
    "pencegahan": ("Pencegahan", "Prevention"),
    "rehabilitasi_kesehatan": ("Rehabilitasi kesehatan", "Health rehabilitation"),
    "rehabilitasi_sosial": ("Rehabilitasi sosial", "Social rehabilitation"),
    "pemulangan_reintegrasi": ("Pemulangan dan reintegrasi", "Repatriation and reintegration"),
    "penegakan_hukum": ("Pengembangan norma dan penegakan hukum", "Norms and law enforcement"),
    "kerja_sama_koordinasi": ("Kerja sama dan koordinasi", "Cooperation and coordination"),
}
PILLAR_SYNONYMS = {
    "pencegahan": "pencegahan",
    "prevention": "pencegahan",
    "rehabilitasi kesehatan": "rehabilitasi_kesehatan",
    "rehabilitasi medis": "rehabilitasi_kesehatan",
    "health": "rehabilitasi_kesehatan",
    "health rehabilitation": "rehabilitasi_kesehatan",
    "rehabilitasi sosial": "rehabilitasi_sosial",
    "social rehabilitation": "rehabilitasi_sosial",
    "pemulangan": "pemulangan_reintegrasi",
    "reintegrasi": "pemulangan_reintegrasi",
    "pemulangan dan reintegrasi": "pemulangan_reintegrasi",
    "repatriation": "pemulangan_reintegrasi",
    "repatriation and reintegration": "pemulangan_reintegrasi",
    "penegakan hukum": "penegakan_hukum",
    "pengembangan norma dan penegakan hukum": "penegakan_hukum",
    "law enforcement": "penegakan_hukum",
    "norms and law enforcement": "penegakan_hukum",
    "kerja sama": "kerja_sama_koordinasi",
    "koordinasi": "kerja_sama_koordinasi",
    "kerja sama dan koordinasi": "kerja_sama_koordinasi",
    "cooperation": "kerja_sama_koordinasi",
    "cooperation and coordination": "kerja_sama_koordinasi",
}

MODES: dict[str, tuple[str, str]] = {
    "offline": ("Luring (tatap muka)", "In person"),
    "online": ("Daring", "Online"),
    "hybrid": ("Hibrida", "Hybrid"),
}
MODE_SYNONYMS = {
    "offline": "offline",
    "luring": "offline",
    "tatap muka": "offline",
    "in person": "offline",
    "online": "online",
    "daring": "online",
    "virtual": "online",
    "zoom": "online",
    "hybrid": "hybrid",
    "hibrida": "hybrid",
    "hibrid": "hybrid",
}

ORGANIZER_TYPES: dict[str, tuple[str, str]] = {
    "police": ("Kepolisian", "Police"),
    "immigration": ("Imigrasi", "Immigration"),
    "ombudsman": ("Ombudsman", "Ombudsman"),
    "local_government": ("Pemerintah daerah", "Local government"),
    "ministry": ("Kementerian/lembaga", "Ministry/agency"),
    "ngo": ("Organisasi masyarakat sipil", "NGO"),
    "other": ("Lainnya", "Other"),
}
ORGANIZER_TYPE_SYNONYMS = {
    "police": "police",
    "polisi": "police",
    "kepolisian": "police",
    "polri": "police",
    "immigration": "immigration",
    "imigrasi": "immigration",
    "ombudsman": "ombudsman",
    "local government": "local_government",
    "pemda": "local_government",
    "pemerintah daerah": "local_government",
    "ministry": "ministry",
    "kementerian": "ministry",
    "lembaga": "ministry",
    "ngo": "ngo",
    "lsm": "ngo",
    "other": "other",
    "lainnya": "other",
}

VERIFICATION_STATUSES: dict[str, tuple[str, str]] = {
    "draft": ("Draf", "Draft"),
    "verified": ("Terverifikasi", "Verified"),
    "disputed": ("Dipersoalkan", "Disputed"),
    "superseded": ("Digantikan", "Superseded"),
}
VERIFICATION_SYNONYMS = {
    "draft": "draft",
    "draf": "draft",
    "verified": "verified",
    "terverifikasi": "verified",
    "disputed": "disputed",
    "dipersoalkan": "disputed",
    "superseded": "superseded",
    "digantikan": "superseded",
}

SERIES: dict[str, tuple[str, str]] = {
    "cumulative_since_satgas": ("Total berjalan sejak Satgas (5 Juni 2023)", "Running total since Satgas"),
    "calendar_year": ("Total tahun kalender", "Calendar-year total"),
    "partial_year": ("Sebagian tahun", "Part of a year"),
    "point_statement": ("Pernyataan sekali", "One-off statement"),
    "baseline_pre_satgas": ("Data sebelum Satgas", "Before the Satgas"),
    "polda_list": ("Daftar per Polda", "Per-Polda list"),
    "regional_report": ("Laporan daerah", "Regional report"),
    "upload": ("Unggahan staf", "Staff upload"),
}

METRICS: dict[str, tuple[str, str]] = {
    "police_reports": ("Laporan polisi", "Police reports"),
    "cases": ("Kasus", "Cases"),
    "cases_completed": ("Perkara selesai", "Cases completed"),
    "suspects": ("Tersangka", "Suspects"),
    "victims_rescued": ("Korban diselamatkan", "Victims rescued"),
}


def lookup(value: str, synonyms: dict[str, str]) -> str | None:
    """Map a free-text value onto a vocabulary key (None when it is not known)."""
    key = normalize(value).replace("_", " ")
    return synonyms.get(key) or (key.replace(" ", "_") if key.replace(" ", "_") in synonyms.values() else None)


def label(vocabulary: dict[str, tuple[str, str]], key: str | None, lang: str = "id") -> str:
    """The label of ``key`` in ``lang`` ("id" or "en"); the key itself when unknown."""
    if not key:
        return ""
    pair = vocabulary.get(key)
    if pair is None:
        return key
    return pair[0] if lang == "id" else pair[1]
