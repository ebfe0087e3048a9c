"""Bahasa Indonesia first, English second: every label goes through :func:`t`."""

from __future__ import annotations

import streamlit as st

LANGS = {"id": "Bahasa Indonesia", "en": "English"}
DEFAULT_LANG = "id"

TEXT: dict[str, tuple[str, str]] = {
    "app_title": ("Pantau TPPO", "Pantau TPPO"),
    "app_tagline": (
        "Pemantauan tindak pidana perdagangan orang di Indonesia",
        "Monitoring human trafficking (TPPO) in Indonesia",
    ),
    "language": ("Bahasa", "Language"),
    "nav_overview": ("Ringkasan", "Overview"),
    "overview_title": ("Ringkasan nasional", "National overview"),
    "overview_intro": (
        "Angka nasional terbaru Polri per seri (total tahun, sebagian tahun, total berjalan Satgas sejak "
        "5 Juni 2023), masing-masing dengan periode, umur dan sumbernya.",
        "The newest national Polri figure of each series (year totals, part-year totals, Satgas running totals "
        "since 5 June 2023), each with its own period, age and source.",
    ),
    "police_reports": ("Laporan polisi", "Police reports"),
    "cases": ("Kasus", "Cases"),
    "cases_completed": ("Perkara selesai", "Cases completed"),
    "suspects": ("Tersangka", "Suspects"),
    "victims_rescued": ("Korban diselamatkan", "Victims rescued"),
    "as_of": ("per {date}", "as of {date}"),
    "source": ("Sumber", "Source"),
    "conflict_badge": (
        "⚠ sumber lain memberi angka berbeda untuk tanggal ini",
        "⚠ another source gives a different value for this date",
    ),
    "no_figure": ("Belum ada angka", "No figure yet"),
    "provinces_with_data": ("Provinsi dengan data", "Provinces with data"),
    "of_provinces": ("dari {total} provinsi", "of {total} provinces"),
    "activities_recorded": ("Kegiatan pencegahan tercatat", "Prevention activities recorded"),
    "enforcement_records": ("Catatan penegakan hukum", "Enforcement records"),
    "freshness": ("Kebaruan data", "Data freshness"),
    "last_enforcement": ("Angka penegakan hukum terakhir: {date}", "Latest enforcement figure: {date}"),
    "last_activity": ("Kegiatan terakhir: {date}", "Latest activity: {date}"),
    "year_totals": (
        "Total tahun kalender (seri terpisah, bukan total berjalan)",
        "Calendar-year totals (a separate series, not running totals)",
    ),
    "year": ("Tahun", "Year"),
    "announced": ("Tanggal rilis", "Announced"),
    "conflict_short": ("Beda sumber", "Conflict"),
    "running_total_caveat": (
        "Total berjalan tidak boleh dijumlahkan. Laporan polisi, kasus dan perkara selesai adalah hitungan "
        "berbeda. Angka yang tertangani polisi bukan ukuran besarnya perdagangan orang.",
        "Running totals must never be added together. Police reports, cases and completed cases are different "
        "counts. Figures handled by the police do not measure the prevalence of trafficking.",
    ),
    "credit": (
        "Batas wilayah: cahyadsn/wilayah_boundaries (MIT). Angka: sumber yang ditautkan. Penduduk: BPS 2024.",
        "Boundaries: cahyadsn/wilayah_boundaries (MIT). Figures: the linked sources. Population: BPS 2024.",
    ),
    "nav_map": ("Peta", "Map"),
    "nav_timeline": ("Lini masa", "Timeline"),
    "nav_province": ("Profil provinsi", "Province profile"),
    "map_title": ("Peta TPPO per provinsi", "TPPO map by province"),
    "metric": ("Ukuran", "Measure"),
    "activities": ("Kegiatan pencegahan", "Prevention activities"),
    "scale": ("Skala", "Scale"),
    "absolute": ("Jumlah", "Count"),
    "per_100k": ("Per 100.000 penduduk", "Per 100,000 people"),
    "period": ("Periode", "Period"),
    "since_satgas": ("Sejak Satgas (5 Juni 2023)", "Since the Satgas (5 June 2023)"),
    "custom": ("Pilih tanggal", "Custom dates"),
    "date_range": ("Rentang tanggal", "Date range"),
    "no_data": ("tidak ada data", "no data"),
    "no_population": ("tidak ada data penduduk", "no population data"),
    "value": ("Nilai", "Value"),
    "map_rule": (
        "Nilai per provinsi: angka terbaru yang dilaporkan untuk periode ini (bukan penjumlahan total "
        "berjalan). Abu-abu: tidak ada catatan, bukan nol.",
        "Value per province: the latest figure reported for the period (running totals are never added). "
        "Grey: no record, not zero.",
    ),
    "map_since_satgas_rule": (
        "Sejak Satgas: hanya total berjalan Satgas yang dibandingkan.",
        "Since the Satgas: only the Satgas running totals are compared.",
    ),
    "map_click_hint": ("Klik provinsi untuk membuka profilnya.", "Click a province to open its profile."),
    "map_points_note": (
        "Titik: kegiatan pencegahan per kabupaten/kota.",
        "Dots: prevention activities per regency/city.",
    ),
    "metro_note": (
        "Angka Polda Metro Jaya dicatat di DKI Jakarta, padahal wilayahnya juga mencakup Bekasi, Depok dan Tangerang.",
        "Polda Metro Jaya figures are shown on DKI Jakarta, though its area also covers Bekasi, Depok and Tangerang.",
    ),
    "no_boundaries": (
        "Batas wilayah tidak tersedia: peta memakai titik di pusat tiap provinsi.",
        "Boundaries unavailable: the map shows a point at each province's centre.",
    ),
    "table_title": ("Angka per provinsi", "Figures by province"),
    "series": ("Seri", "Series"),
    "other_values": ("Nilai dari sumber lain", "Other sources' values"),
    "area_note": ("Catatan wilayah", "Area note"),
    "rate_note": ("Catatan laju", "Rate note"),
    "population_source": ("Sumber penduduk", "Population source"),
    "figures_stale": (
        "{n} provinsi: angka terbaru untuk periode ini berumur lebih dari 12 bulan ({names}).",
        "{n} provinces: the newest figure for this period is more than 12 months old ({names}).",
    ),
    "figures_partial": (
        "{n} provinsi: angka terbaru hanya mencakup sebagian periode ini (lihat kolom Periode angka).",
        "{n} provinces: the newest figure covers only part of this period (see Period of the figure).",
    ),
    "figure_stale_one": (
        "Angka terbaru untuk periode ini berumur lebih dari 12 bulan; belum ada angka yang lebih baru.",
        "The newest figure for this period is more than 12 months old; no newer figure has been found.",
    ),
    "figure_partial_one": (
        "Angka terbaru hanya mencakup sebagian periode ini (lihat periode di bawah tiap angka).",
        "The newest figure covers only part of this period (see the period under each figure).",
    ),
    "covered_by": ("tercakup angka {unit}", "covered by {unit}"),
    "not_comparable": ("tidak dapat dibandingkan", "not comparable"),
    "conflict_hover": ("Sumber lain: {values}", "Other sources: {values}"),
    "province": ("Provinsi", "Province"),
    "reporting_unit": ("Unit pelapor", "Reporting unit"),
    "period_of_value": ("Periode angka", "Period of the figure"),
    "population": ("Penduduk (BPS 2024)", "Population (BPS 2024)"),
    "timeline_title": ("Lini masa", "Timeline"),
    "running_totals": ("Total berjalan nasional sejak Satgas", "National running totals since the Satgas"),
    "running_totals_note": (
        "Setiap titik adalah angka yang dilaporkan, dengan sumber di keterangan. Jika dua sumber memberi "
        "angka berbeda untuk tanggal yang sama, keduanya ditampilkan dan ditandai.",
        "Every dot is a reported value, its source in the hover. Where two sources give different values for "
        "the same date, both are shown and marked.",
    ),
    "increments": ("Pertambahan antar-laporan", "Increase between releases"),
    "increments_note": (
        "Dihitung hanya dari dua total berurutan pada seri yang sama; tanggal dengan angka yang bertentangan dilewati.",
        "Computed only from consecutive totals of the same series; dates with conflicting values are skipped.",
    ),
    "activities_by_month": ("Kegiatan pencegahan per bulan", "Prevention activities per month"),
    "all_provinces": ("Semua provinsi", "All provinces"),
    "milestones": ("Tonggak", "Milestones"),
    "conflict_marker": ("angka bertentangan", "conflicting values"),
    "date": ("Tanggal", "Date"),
    "count": ("Jumlah", "Count"),
    "activity_type": ("Jenis kegiatan", "Activity type"),
    "profile_title": ("Profil provinsi", "Province profile"),
    "choose_province": ("Pilih provinsi", "Choose a province"),
    "headline": ("Angka utama", "Headline figures"),
    "coverage_notes": ("Catatan wilayah kepolisian", "Police coverage notes"),
    "regency_map": ("Peta kabupaten/kota dan kegiatan", "Regencies/cities and activities"),
    "province_timeline": ("Lini masa provinsi", "Province timeline"),
    "all_records": ("Semua catatan", "All records"),
    "kind": ("Jenis", "Kind"),
    "kind_enforcement": ("Penegakan hukum", "Enforcement"),
    "kind_activity": ("Kegiatan", "Activity"),
    "status": ("Status verifikasi", "Verification status"),
    "description": ("Uraian", "Description"),
    "pillars": ("Bidang gugus tugas", "Task-force pillars"),
    "pillars_touched": ("Disentuh kegiatan tercatat", "Touched by recorded activities"),
    "pillars_missing": ("Belum ada kegiatan tercatat", "No recorded activity"),
    "last_record": ("Catatan terakhir: {date}", "Last record: {date}"),
    "gaps": ("Celah data", "Data gaps"),
    "gap_metric": ("Belum ada angka {metric} tingkat provinsi.", "No province-level {metric} figure yet."),
    "gap_year": ("Tidak ada catatan untuk tahun {year}.", "No record for {year}."),
    "share_link": (
        "Tautan halaman ini dapat disimpan atau dibagikan.",
        "This page's link can be bookmarked or shared.",
    ),
    "no_records": ("Belum ada catatan untuk provinsi ini.", "No records for this province yet."),
    "open_profile": ("Buka profil", "Open profile"),
    "nav_signin": ("Masuk (staf)", "Sign in (staff)"),
    "nav_upload": ("Unggah data", "Upload data"),
    "nav_history": ("Riwayat & koreksi", "History & corrections"),
    "signin_title": ("Masuk untuk staf data", "Sign in for data staff"),
    "signin_oidc": ("Masuk dengan akun instansi", "Sign in with your agency account"),
    "signin_no_account": ("Akun ini belum terdaftar sebagai staf.", "This account is not registered as staff."),
    "username": ("Nama pengguna", "Username"),
    "password": ("Kata sandi", "Password"),
    "signin_button": ("Masuk", "Sign in"),
    "signout": ("Keluar", "Sign out"),
    "signed_in_as": ("Masuk sebagai {name} ({role})", "Signed in as {name} ({role})"),
    "role_staff": ("staf", "staff"),
    "role_admin": ("admin", "admin"),
    "session_expired": (
        "Sesi berakhir karena tidak aktif. Silakan masuk lagi.",
        "Your session expired after inactivity. Please sign in again.",
    ),
    "upload_title": ("Unggah data", "Upload data"),
    "templates": ("Templat", "Templates"),
    "templates_help": (
        "Unduh templat dengan contoh baris; lembar kedua XLSX berisi petunjuk tiap kolom.",
        "Download a template with an example row; the XLSX's second sheet explains each column.",
    ),
    "kind_enforcement_data": ("Angka penegakan hukum", "Enforcement figures"),
    "kind_activities_data": ("Kegiatan pencegahan", "Prevention activities"),
    "kind_auto": ("Kenali otomatis", "Detect automatically"),
    "record_kind": ("Jenis data", "Kind of data"),
    "choose_file": ("Pilih berkas CSV atau XLSX", "Choose a CSV or XLSX file"),
    "file_errors": (
        "{n} masalah ditemukan. Tidak ada yang disimpan; perbaiki berkas lalu unggah lagi.",
        "{n} problems found. Nothing was saved; fix the file and upload it again.",
    ),
    "download_errors": ("Unduh daftar masalah (CSV)", "Download the problems (CSV)"),
    "preview": ("Pratinjau terhadap data tersimpan", "Preview against the stored data"),
    "rows_new": ("Baris baru", "New rows"),
    "rows_changed": ("Baris berubah", "Changed rows"),
    "rows_unchanged": ("Tidak berubah", "Unchanged"),
    "rows_duplicate": ("Duplikat dalam berkas", "Duplicates in the file"),
    "changes_old_new": ("Perubahan (lama → baru)", "Changes (old → new)"),
    "preview_first_rows": (
        "Ditampilkan {shown} baris pertama dari {total}; semua baris akan disimpan.",
        "Showing the first {shown} of {total} rows; all of them will be saved.",
    ),
    "confirm_commit": ("Simpan sebagai satu batch", "Save as one batch"),
    "committed": (
        "Batch {id} tersimpan: {new} baru, {changed} berubah, {unchanged} tidak berubah.",
        "Batch {id} saved: {new} new, {changed} changed, {unchanged} unchanged.",
    ),
    "nothing_to_commit": ("Tidak ada perubahan untuk disimpan.", "Nothing to save: no changes."),
    "history_title": ("Riwayat batch, pembatalan dan koreksi", "Batch history, undo and corrections"),
    "batches": ("Batch", "Batches"),
    "undo": ("Batalkan batch", "Undo a batch"),
    "undo_choose": ("Batch yang dapat Anda batalkan", "Batches you may undo"),
    "undo_button": ("Batalkan", "Undo"),
    "undone": (
        "Batch {id} dibatalkan (pembatalan dicatat sebagai batch {undo}).",
        "Batch {id} undone (recorded as batch {undo}).",
    ),
    "no_undoable": ("Tidak ada batch yang dapat Anda batalkan.", "There is no batch you may undo."),
    "corrections": ("Koreksi status catatan", "Correct a record's status"),
    "record": ("Catatan", "Record"),
    "record_search": (
        "Cari catatan: ID, nomor rujukan, unit pelapor atau judul",
        "Find a record: ID, reference, reporting unit or title",
    ),
    "record_search_more": (
        "Menampilkan {shown} terbaru dari {total} yang cocok; persempit pencarian.",
        "Showing the latest {shown} of {total} matches; narrow the search.",
    ),
    "record_search_none": ("Tidak ada catatan yang cocok.", "No record matches."),
    "new_status": ("Status baru", "New status"),
    "reason": ("Alasan", "Reason"),
    "save_status": ("Simpan status", "Save status"),
    "status_saved": ("Status tersimpan.", "Status saved."),
    "audit": ("Jejak audit (hanya baca)", "Audit trail (read-only)"),
    "nav_compare": ("Bandingkan", "Compare"),
    "compare_title": ("Bandingkan provinsi", "Compare provinces"),
    "provinces_pick": ("Provinsi", "Provinces"),
    "all_provinces_toggle": ("Semua provinsi", "All provinces"),
    "metrics_pick": ("Ukuran", "Measures"),
    "min_count": ("Jumlah minimum untuk diperingkat", "Minimum count to be ranked"),
    "rank_by": ("Peringkat menurut", "Rank by"),
    "activities_per_case": ("Kegiatan per kasus", "Activities per case"),
    "pillars_covered": ("Bidang tersentuh (dari 6)", "Pillars covered (of 6)"),
    "latest_record": ("Catatan terakhir", "Latest record"),
    "completeness": ("Kelengkapan (bulan bercatatan)", "Completeness (months with records)"),
    "ranking": ("Peringkat", "Ranking"),
    "caveats": ("Perhatikan", "Caveats"),
    "caveat_detected": (
        "Kasus yang terungkap bukan ukuran besarnya perdagangan orang; angka bergantung pada upaya penegakan hukum.",
        "Detected cases are not prevalence; they depend on enforcement effort.",
    ),
    "caveat_low": (
        "Jumlah kecil tidak stabil: provinsi di bawah {n} tidak diperingkat.",
        "Low counts are unstable: provinces below {n} are not ranked.",
    ),
    "caveat_periods": (
        "Angka provinsi bisa berasal dari tanggal berbeda; lihat kolom periode di peta.",
        "Province figures may come from different dates; see the period column on the map.",
    ),
    "below_minimum": ("Di bawah minimum", "Below the minimum"),
    "without_data": ("Tanpa data", "No data"),
    "without_population": ("Tanpa data penduduk", "No population data"),
    "prevention_vs_enforcement": ("Pencegahan dan penegakan hukum", "Prevention against enforcement"),
    "small_multiples": ("Ukuran yang sama dari waktu ke waktu", "The same measure over time"),
    "reconciliation": ("Rekonsiliasi sumber", "Source reconciliation"),
    "reconcile_place": ("Tempat", "Place"),
    "national": ("Nasional", "National"),
    "reconcile_note": (
        "Semua angka dari semua sumber untuk tempat dan periode ini; baris bertanda berbeda dengan sumber lain.",
        "Every value from every source for this place and period; marked rows disagree with another source.",
    ),
    "exports": ("Unduh bukti", "Download evidence"),
    "export_csv": ("Tabel (CSV)", "Table (CSV)"),
    "export_xlsx": ("Tabel (XLSX)", "Table (XLSX)"),
    "brief_province": ("Ringkasan PDF (satu halaman per provinsi) untuk", "PDF brief (one page per province) for"),
    "brief_button": ("Unduh ringkasan PDF", "Download the PDF brief"),
    "public_mode_on": (
        'Mode publik: jumlah 1-4 ditampilkan sebagai "<5".',
        'Public mode: counts of 1-4 are shown as "<5".',
    ),
    "total": ("Total", "Total"),
    "differs": ("Berbeda", "Differs"),
    "values_for_date": ("Nilai dari semua sumber", "Values from all sources"),
    "agency": ("Instansi/juru bicara", "Agency/spokesperson"),
    "news_tab": ("Dari artikel berita", "From a news article"),
    "file_tab": ("Dari berkas CSV/XLSX", "From a CSV/XLSX file"),
    "news_text": ("Tempel teks artikel", "Paste the article text"),
    "news_files": ("atau unggah .txt/.html", "or upload .txt/.html"),
    "news_url": ("Alamat sumber (URL)", "Source address (URL)"),
    "news_date": ("Tanggal terbit (jika diketahui)", "Publication date (if known)"),
    "news_extract": ("Buat draf", "Make drafts"),
    "news_drafts": (
        "Draf {kind}: periksa dan perbaiki sebelum menyimpan",
        "{kind} drafts: check and correct before saving",
    ),
    "news_evidence": ("Bukti dalam teks (disorot)", "Evidence in the text (highlighted)"),
    "news_check": ("Periksa draf", "Check the drafts"),
    "news_intro": (
        "Tempel satu artikel, atau unggah banyak sekaligus: berkas .txt/.html, satu .zip berisi .txt/.html, atau CSV "
        "berkolom url,text. Draf dari peristiwa yang sama digabung; yang sudah ada di data ditandai.",
        "Paste one article, or upload many at once: .txt/.html files, a .zip of .txt/.html, or a CSV with the "
        "columns url,text. Drafts of the same event are merged; those already in the store are marked.",
    ),
    "news_no_url_reason": ("Alasan jika tidak ada URL", "Reason if there is no URL"),
    "news_date_pasted": (
        "Tanggal terbit teks tempel (jika diketahui)",
        "Publication date of the pasted text (if known)",
    ),
    "news_files_many": (
        "atau unggah berkas (.txt, .html, .zip, .csv url,text; boleh beberapa)",
        "or upload files (.txt, .html, .zip, .csv url,text; several at once)",
    ),
    "news_progress": ("Membaca artikel {done} dari {total}", "Reading article {done} of {total}"),
    "news_nothing": ("Tempel teks atau pilih berkas dahulu.", "Paste a text or choose files first."),
    "news_done": (
        "{articles} artikel dibaca, {drafts} draf dalam antrean.",
        "{articles} articles read, {drafts} drafts queued.",
    ),
    "news_outcomes": ("Hasil per artikel ({n})", "Result per article ({n})"),
    "news_status_new": ("baru", "new"),
    "news_status_stored": ("sudah ada di data: {record}", "already in the store: {record}"),
    "news_queue_kind": ("Antrean {kind}: {n} draf", "{kind} queue: {n} drafts"),
    "news_col_approve": ("Setujui", "Approve"),
    "news_col_draft": ("Draf", "Draft"),
    "news_col_status": ("Status", "Status"),
    "news_col_confidence": ("Keyakinan", "Confidence"),
    "news_col_confidence_help": (
        "keyakinan terendah di antara kolom yang terisi (0-1)",
        "the lowest confidence among the filled fields (0-1)",
    ),
    "news_col_unsure": ("Perlu dicek", "Check these"),
    "news_col_sources": ("Semua sumber", "All sources"),
    "news_col_article": ("Artikel", "Article"),
    "news_col_drafts": ("Draf", "Drafts"),
    "news_col_message": ("Pesan", "Message"),
    "news_col_field": ("Kolom", "Field"),
    "news_col_value": ("Nilai", "Value"),
    "news_col_evidence": ("Bukti dalam teks", "Evidence in the text"),
    "news_col_source_name": ("Nama sumber", "Source name"),
    "news_col_summary": ("Ringkasan", "Summary"),
    "news_col_reason": ("Alasan", "Reason"),
    "news_check_kind": ("Periksa {kind} yang disetujui", "Check the approved {kind}"),
    "news_none_approved": ("Belum ada draf yang disetujui.", "No draft is approved yet."),
    "news_source_required": (
        "Setiap draf perlu URL sumber, atau alasan tertulis di kolom nama sumber. Tidak ada yang disimpan.",
        "Every draft needs a source URL, or a written reason in the source name column. Nothing was saved.",
    ),
    "news_reject_title": ("Tolak draf", "Reject drafts"),
    "news_reject_pick": ("Draf yang ditolak", "Drafts to reject"),
    "news_reject_reason": ("Alasan penolakan", "Reason for rejecting"),
    "news_reject_button": ("Tolak", "Reject"),
    "news_reject_none": ("Pilih draf yang akan ditolak.", "Choose the drafts to reject."),
    "news_reject_reason_required": ("Alasan penolakan wajib diisi.", "A reason for rejecting is required."),
    "news_rejected": ("Draf ditolak ({n})", "Rejected drafts ({n})"),
    "news_detail": ("Rincian draf: keyakinan dan bukti per kolom", "Draft detail: confidence and evidence per field"),
    "news_detail_pick": ("Draf", "Draft"),
    "news_queue_empty": ("Antrean kosong.", "The queue is empty."),
    "news_committed_drafts": ("Sudah disimpan: {keys}", "Already saved: {keys}"),
    "news_clear": ("Kosongkan antrean", "Clear the queue"),
    "store_empty": ("Basis data masih kosong. Jalankan `make setup`.", "The store is empty. Run `make setup`."),
    "not_available": ("tidak tersedia", "not available"),
    "newest_by_series": ("Angka nasional terbaru per seri", "Newest national figure of each series"),
    "newest_by_series_note": (
        "Tiap seri dihitung berbeda: total berjalan Satgas sejak 5 Juni 2023, total tahun kalender, sebagian tahun. "
        "Angka dari seri berbeda tidak dapat dibandingkan langsung.",
        "Each series counts differently: Satgas running totals since 5 June 2023, calendar-year totals, part-year "
        "totals. Figures of different series cannot be compared directly.",
    ),
    "age": ("Umur angka", "Age of the figure"),
    "age_months": ("{n} bulan", "{n} months"),
    "series_stale": (
        "{series}: angka terbaru berakhir {date}, lebih dari 12 bulan lalu; belum ada rilis yang lebih baru.",
        "{series}: the newest figure ends {date}, more than 12 months ago; no newer release has been found.",
    ),
    "disagreements_only": ("Hanya yang berbeda antarsumber", "Disagreements only"),
    "stage_lidik": ("Tahap lidik", "Inquiry stage"),
    "stage_sidik": ("Tahap sidik", "Investigation stage"),
    "stage_p21": ("P21 (berkas lengkap)", "P21 (file complete)"),
    "stage_other": ("Tahap lain", "Other stages"),
    "modus_pmi_prt": ("Modus PMI/PRT", "Modus migrant/domestic workers"),
    "modus_psk": ("Modus eksploitasi seksual", "Modus sexual exploitation"),
    "modus_abk": ("Modus ABK", "Modus ship crew"),
    "modus_child_exploitation": ("Modus eksploitasi anak", "Modus child exploitation"),
    "modus_other": ("Modus lain", "Other modus"),
    "profile_period": ("Periode angka utama", "Period of the headline figures"),
    "population_denominator": ("Penduduk {value} ({source})", "Population {value} ({source})"),
}


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
