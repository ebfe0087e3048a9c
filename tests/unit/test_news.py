"""News extraction on the five seed articles (hand-checked fields) and on each date, place and number form."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import time

import pytest

from etl.news import drafts_to_csv, extract, find_event_date, find_figures, html_to_text
from etl.validation import validate_bytes
from tests.conftest import ROOT

# Hand-checked against the articles in ../shared/seeds (dates and places confirmed by other reports).
EXPECTED = {
    "000": {
        "date": "2023-06-09",
        "province": "Kalimantan Tengah",
        "regency": "Kabupaten Barito Selatan",
        "activity_type": "rakor",
        "organizer": "Polres Barito Selatan",
        "mode": "offline",
    },
    "001": {
        "date": None,
        "province": "Sulawesi Tenggara",
        "regency": "Kabupaten Kolaka",
        "activity_type": "rakor",
        "organizer": "Kepolisian Negara Republik Indonesia",
        "mode": "hybrid",
    },
    "002": {
        "date": "2023-06-21",
        "province": "Kalimantan Selatan",
        "regency": "Kabupaten Tanah Bumbu",
        "activity_type": "sosialisasi",
        "organizer": "Kantor Imigrasi Kelas II TPI Batulicin",
        "mode": "offline",
    },
    "003": {
        "date": None,
        "province": "Kalimantan Barat",
        "regency": "Kota Singkawang",
        "activity_type": "seminar",
        "organizer": "Perwakilan Ombudsman RI Kalimantan Barat",
        "mode": "offline",
    },
    "004": {
        "date": "2025-06-04",
        "province": "Kalimantan Timur",
        "regency": "Kota Balikpapan",
        "activity_type": "rakor",
        "organizer": "Polresta Balikpapan",
        "mode": "online",
    },
}
EXPECTED_FIGURES = {
    "002": {
        "scope": "national",
        "cases": 242,
        "suspects": 284,
        "victims_rescued": 1006,
        "period_start": "2023-06-05",
        "period_end": "2023-06-13",
    }
}


def articles(shared_dir):
    return {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted((shared_dir / "seeds").glob("*.txt"))}


def test_field_level_accuracy_on_the_seed_articles(shared_dir, capsys):
    right = total = 0
    wrong = []
    for key, text in articles(shared_dir).items():
        records = [d.record(key) for d in extract(text).drafts]
        activity = next(r for r in records if r["kind"] == "activities")
        for field, value in EXPECTED[key].items():
            total += 1
            right += activity[field] == value
            if activity[field] != value:
                wrong.append((key, field, activity[field], value))
        figures = [r for r in records if r["kind"] == "enforcement"]
        if key in EXPECTED_FIGURES:
            assert len(figures) == 1
            for field, value in EXPECTED_FIGURES[key].items():
                total += 1
                right += figures[0][field] == value
        else:
            assert figures == []  # no invented figures
    accuracy = right / total
    with capsys.disabled():
        print(f"\nnews extraction field-level accuracy: {right}/{total} = {accuracy:.1%}; wrong: {wrong}")
    assert accuracy >= 0.95, wrong


def test_unknown_year_is_left_empty_and_flagged_then_filled_from_the_publication_date(shared_dir):
    text = articles(shared_dir)["001"]
    draft = extract(text).drafts[0]
    assert draft.fields["date"].value is None and any("tahun tidak diketahui" in n for n in draft.notes)
    dated = extract(text, published=dt.date(2025, 6, 5)).drafts[0]
    assert dated.fields["date"].value == dt.date(2025, 6, 4) and dated.fields["date"].evidence == "Rabu (4/6)"


def test_dateline_disagreement_is_kept_as_a_note(shared_dir):
    draft = extract(articles(shared_dir)["003"]).drafts[0]
    assert draft.fields["regency"].value == "Kota Singkawang"
    assert any("PONTIANAK" in note and "Kota Pontianak" in note for note in draft.notes)


def test_national_figures_in_a_local_article_are_national(shared_dir):
    records = [d.record("002") for d in extract(articles(shared_dir)["002"]).drafts]
    assert [r["kind"] for r in records] == ["activities", "enforcement"]
    assert records[0]["province"] == "Kalimantan Selatan" and records[1]["scope"] == "national"
    assert records[1].get("province") is None  # the national figure is not a Kalsel figure


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Rakor TPPO digelar Jumat (9/6/2023) di aula.", None, dt.date(2023, 6, 9)),
        ("Rakor TPPO pada Rabu, 4 Juni 2025 pukul 10.00.", None, dt.date(2025, 6, 4)),
        ("Rakor TPPO Rabu (4/6). Laporan 2 Juni 2025.", None, dt.date(2025, 6, 4)),
        ("Seminar TPPO Senin (17/11).", dt.date(2025, 11, 18), dt.date(2025, 11, 17)),
        ("Sosialisasi TPPO 9/6/2023 di Buntok.", None, dt.date(2023, 6, 9)),
        ("Sosialisasi TPPO tanggal 21 Juni 2023.", None, dt.date(2023, 6, 21)),
    ],
)
def test_date_forms(text, published, expected):
    start, _end, _notes = find_event_date(text, published)
    assert start.value == expected


def test_period_form():
    drafts = find_figures("Data Polri dari 5 hingga 13 Juni 2023 mengungkap kasus 242 dengan 284 tersangka.", None)
    assert drafts[0].fields["period_start"].value == dt.date(2023, 6, 5)
    assert drafts[0].fields["period_end"].value == dt.date(2023, 6, 13)


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("Polri menyelamatkan 1.006 orang dan menetapkan 284 tersangka di seluruh Indonesia.", "victims_rescued", 1006),
        ("Polda mencatat 190 laporan polisi dan 212 tersangka.", "police_reports", 190),
        ("Sebanyak 2.797 korban dan 1.006 tersangka tercatat secara nasional.", "suspects", 1006),
    ],
)
def test_number_forms(text, field, value):
    assert find_figures(text, None)[0].fields[field].value == value


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Polres Barito Selatan (Barsel) menggelar Rakor TPPO Jumat (9/6/2023).", "Kabupaten Barito Selatan"),
        ("Polresta Balikpapan mengikuti Rakor TPPO Rabu, 4 Juni 2025.", "Kota Balikpapan"),
        ("Polda Kalbar menggelar sosialisasi TPPO Senin, 2 Juni 2025.", None),
        (
            "Kantor Imigrasi Kelas II TPI Batulicin menggelar sosialisasi TPPO, Rabu (21/6/2023).",
            "Kabupaten Tanah Bumbu",
        ),
        ("Pemkot Singkawang menggelar seminar TPPO, Senin (17/11/2025).", "Kota Singkawang"),
        ("BUNTOK- Rakor TPPO digelar Jumat (9/6/2023) oleh instansi terkait.", "Kabupaten Barito Selatan"),
        ("Kolaka- Rapat koordinasi TPPO digelar Rabu (4/6/2025).", "Kabupaten Kolaka"),
    ],
)
def test_place_forms(text, code):
    draft = extract(text).drafts[0]
    assert draft.fields["regency"].value == code
    if code is None:
        assert draft.fields["province"].value == "Kalimantan Barat"


def test_not_about_tppo_empty_and_huge_texts_answer_quickly():
    for text, fragment in (
        ("Harga cabai naik di pasar tradisional minggu ini.", "tidak tentang TPPO"),
        ("", "kosong"),
        ("   \n ", "kosong"),
    ):
        result = extract(text)
        assert result.drafts == [] and fragment in result.message_id
    huge = ("Rakor pencegahan TPPO digelar Jumat (9/6/2023) oleh Polres Barito Selatan. " * 14_000)[:999_000]
    start = time.perf_counter()
    result = extract(huge)
    assert time.perf_counter() - start < 2.0 and result.drafts
    assert extract("x" * 1_000_001).message_en.startswith("text too long")


def test_html_input_and_drafts_go_through_validation(shared_dir):
    markup = (
        "<html><body><h1>Sosialisasi TPPO</h1><p>Kantor Imigrasi Kelas II TPI Batulicin menggelar sosialisasi"
        " pencegahan TPPO, Rabu (21/6/2023).</p><script>alert(1)</script></body></html>"
    )
    assert "alert" not in html_to_text(markup)
    result = extract(markup, source_url="https://contoh.go.id/berita/1")
    record = result.drafts[0].record("a.html")
    data = drafts_to_csv([record], "activities")
    checked = validate_bytes(data, "activities")
    assert checked.ok, checked.issues
    assert checked.frame.iloc[0]["regency_code"] == "63.10"


def test_cli_news_json(shared_dir):
    files = sorted(str(p) for p in (shared_dir / "seeds").glob("*.txt"))
    out = subprocess.run(
        [sys.executable, "-m", "etl", "news", *files, "--json"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    records = json.loads(out.stdout)
    assert len(records) == 6 and {r["kind"] for r in records} == {"activities", "enforcement"}
    for record in records:
        assert {"kind", "source_file", "evidence", "confidence"} <= set(record)
        assert record["source_file"].endswith(".txt")
    assert records[0]["evidence"]["date"] == "Jumat (9/6/2023)"
