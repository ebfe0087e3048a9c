"""Same event, one draft: merging across articles, no merge of different events, matching the stored records."""

from __future__ import annotations

import pandas as pd
import pytest

from etl import store
from etl.news.batch import read_uploads, run_batch
from etl.news.merge import (
    OTHER_SOURCES,
    QueueDraft,
    Source,
    apply_edits,
    build_queue,
    commit_records,
    mark_stored,
    merge_drafts,
    similar_units,
    source_problems,
    upload_csv,
)
from etl.validation import validate_bytes

IMIGRASI = "Kantor Imigrasi Kelas II TPI Batulicin"


def activity(key: str = "", url: str | None = "https://a.contoh.id/1", **fields) -> QueueDraft:
    record = {
        "date": "2023-06-21",
        "province": "Kalimantan Selatan",
        "regency": "Kabupaten Tanah Bumbu",
        "activity_type": "sosialisasi",
        "title": "Sosialisasi pencegahan TPPO",
        "organizer": IMIGRASI,
        "partners": None,
        "pillar": "pencegahan",
        "mode": "offline",
        "source_url": url,
        "source_name": None,
        "notes": None,
    }
    record.update(fields)
    return QueueDraft(key, "activities", record, sources=[Source(f"{key or 'artikel'}.txt", url)])


def figures(key: str = "", url: str | None = "https://b.contoh.id/1", **fields) -> QueueDraft:
    record = {
        "reporting_unit": "Polda Kalimantan Barat",
        "scope": "province",
        "province": "Kalimantan Barat",
        "regency": None,
        "period_start": "2024-01-01",
        "period_end": "2024-06-30",
        "cases": 12,
        "suspects": 15,
        "victims_rescued": 40,
        "source_url": url,
        "announced_date": "2024-07-02",
        "notes": None,
        "source_name": None,
    }
    record.update(fields)
    return QueueDraft(key, "enforcement", record, sources=[Source(f"{key or 'rilis'}.txt", url)])


def test_two_outlets_reporting_one_activity_a_day_apart_become_one_draft_with_both_sources():
    first = activity("a", "https://a.contoh.id/1", regency=None)
    second = activity(
        "b",
        "https://b.contoh.id/2",
        date="2023-06-22",
        title="Imigrasi ajak warga Tanbu cegah perdagangan orang",
        organizer="Imigrasi Batulicin",
        partners="Disnakertrans Kabupaten Tanah Bumbu",
    )
    merged = merge_drafts([first, second])
    assert len(merged) == 1
    draft = merged[0]
    assert [s.url for s in draft.sources] == ["https://a.contoh.id/1", "https://b.contoh.id/2"]
    assert draft.record["source_url"] == "https://a.contoh.id/1"  # one primary source
    assert draft.record["regency"] == "Kabupaten Tanah Bumbu"  # a field one report lacks comes from the other
    assert draft.record["partners"] == "Disnakertrans Kabupaten Tanah Bumbu"
    assert "date 2023-06-22 menurut / according to b.txt" in draft.record["notes"]
    record = commit_records(merged)[0]
    assert f"{OTHER_SOURCES}: https://b.contoh.id/2" in record["notes"]


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"regency": "Kabupaten Kotabaru", "organizer": "Polres Kotabaru"}, "same day, another regency"),
        ({"province": "Sulawesi Tenggara", "regency": "Kabupaten Kolaka"}, "same day, another province"),
        ({"date": "2023-06-24"}, "three days later"),
        ({"date": None}, "no date"),
        ({"activity_type": "pelatihan"}, "another kind of activity"),
        ({"organizer": "Polres Tanah Bumbu"}, "another organizer"),
        ({"province": None, "regency": None}, "no place"),
    ],
)
def test_different_events_are_not_merged(change, why):
    assert len(merge_drafts([activity("a"), activity("b", "https://b.contoh.id/2", **change)])) == 2, why


def test_compatible_types_and_an_organizer_named_among_the_partners_merge():
    seminar = activity("b", "https://b.contoh.id/2", activity_type="seminar", organizer="Pemkab Tanah Bumbu")
    with_partner = activity("a", partners="Pemkab Tanah Bumbu; Disnakertrans")
    assert len(merge_drafts([with_partner, seminar])) == 1


def test_a_draft_joins_a_group_only_when_it_matches_every_member():
    day1, day2, day3 = (
        activity(k, f"https://{k}.contoh.id", date=f"2023-06-2{n}") for n, k in ((1, "a"), (2, "b"), (3, "c"))
    )
    assert [len(d.sources) for d in merge_drafts([day1, day2, day3])] == [2, 1]  # 21~22, 22~23 but not 21~23


def test_unit_names_of_one_agency():
    assert similar_units("Polres Tanbu", "Polres Tanah Bumbu")
    assert similar_units(IMIGRASI, "Kantor Imigrasi Kelas II TPI Batulicin (Kanwil Kemenkumham Kalsel)")
    assert similar_units("Polri", "Satgas TPPO Polri")
    assert not similar_units("Polres Kolaka", "Polres Konawe")
    assert not similar_units("Dinas Sosial", "Dinas Kesehatan")


def test_enforcement_figures_merge_only_with_the_same_area_period_and_figures():
    same = figures("b", "https://c.contoh.id/9", announced_date="2024-07-03", victims_rescued=None)
    merged = merge_drafts([figures("a"), same])
    assert len(merged) == 1
    assert commit_records(merged)[0]["corroborating_urls"] == "https://c.contoh.id/9"  # the existing column
    assert merged[0].record["victims_rescued"] == 40
    for change in ({"suspects": 16}, {"period_end": "2024-05-31"}, {"province": "Kalimantan Timur"}):
        assert len(merge_drafts([figures("a"), figures("b", "https://c.contoh.id/9", **change)])) == 2, change
    no_period = {"period_start": None, "period_end": None}
    a, b = figures("a", **no_period), figures("b", "https://c.contoh.id/9", **no_period, announced_date="2024-07-09")
    assert len(merge_drafts([a, b])) == 2  # a week apart without a period: two announcements


def test_the_stored_tanah_bumbu_sosialisasi_is_found_and_a_same_day_event_elsewhere_is_not(seeded_sqlite):
    again = activity("a", "https://lain.contoh.id/tanbu", title="Imigrasi Batulicin sosialisasikan bahaya TPPO")
    elsewhere = activity("b", regency="Kabupaten Kotabaru", organizer="Polres Kotabaru")
    mark_stored([again, elsewhere], store.activities_frame(seeded_sqlite), store.enforcement_frame(seeded_sqlite))
    assert again.stored is not None and again.stored.startswith("A002 · 2023-06-21")
    assert elsewhere.stored is None


def test_the_stored_national_running_total_is_found_by_period_unit_and_figures(seeded_sqlite):
    national = {"reporting_unit": "Polri", "scope": "national", "province": None, "announced_date": None}
    period = {"period_start": "2023-06-05", "period_end": "2023-06-13"}
    same = figures("a", **national, **period, cases=None, police_reports=242, suspects=284, victims_rescued=1006)
    other = figures("b", **national, **period, cases=None, police_reports=242, suspects=290, victims_rescued=1006)
    mark_stored([same, other], store.activities_frame(seeded_sqlite), store.enforcement_frame(seeded_sqlite))
    assert same.stored is not None and same.stored.startswith("N003")
    assert other.stored is None


def test_plain_articles_through_the_extractor_merge_and_match_the_store(seeded_sqlite):
    one = (
        "Sosialisasi pencegahan TPPO di Tanah Bumbu\nBatulicin - Kantor Imigrasi Kelas II TPI Batulicin menggelar "
        "sosialisasi pencegahan tindak pidana perdagangan orang (TPPO) di Kabupaten Tanah Bumbu, Rabu (21/6/2023)."
    )
    two = (
        "Imigrasi Batulicin ajak warga cegah TPPO\nKantor Imigrasi Kelas II TPI Batulicin mengadakan sosialisasi "
        "pencegahan TPPO bagi warga di Kabupaten Tanah Bumbu pada Kamis (22/6/2023)."
    )
    elsewhere = (
        "Sosialisasi TPPO di Kolaka\nPolres Kolaka menggelar sosialisasi pencegahan TPPO di Kabupaten Kolaka, "
        "Rabu (21/6/2023)."
    )
    files = [("satu.txt", one.encode()), ("dua.txt", two.encode()), ("tiga.txt", elsewhere.encode())]
    queue = build_queue(run_batch(read_uploads(files)))
    activities = [d for d in queue if d.kind == "activities"]
    assert [d.articles for d in activities] == [["satu.txt", "dua.txt"], ["tiga.txt"]]
    assert [d.key for d in queue] == [f"D{n}" for n in range(1, len(queue) + 1)]
    mark_stored(queue, store.activities_frame(seeded_sqlite), store.enforcement_frame(seeded_sqlite))
    assert activities[0].stored.startswith("A002") and activities[1].stored is None


def test_every_draft_needs_a_source_url_or_a_written_source_name():
    drafts = [
        activity("D1"),
        activity("D2", url=None),
        activity("D3", url="contoh.id/x"),
        activity("D4", url=None, source_name="kliping koran cetak"),
    ]
    problems = source_problems(drafts)
    assert [(key, en.split(";")[0]) for key, _, en in problems] == [
        ("D2", "a source URL is required"),
        ("D3", "invalid source URL (must start with http:// or https://)"),
    ]


def test_edits_are_written_back_and_the_upload_csv_passes_validation():
    drafts = [activity("D1"), figures("D2")]
    merged_into = figures("D3", "https://c.contoh.id/9")
    drafts[1].sources.append(merged_into.sources[0])
    edited = pd.DataFrame([{"key": "D1", "title": "  Judul diperbaiki  ", "participants": "", "organizer": IMIGRASI}])
    apply_edits(drafts, edited)
    assert drafts[0].record["title"] == "Judul diperbaiki" and drafts[0].record["participants"] is None
    activities = validate_bytes(upload_csv(drafts, "activities"), "activities")
    assert activities.ok, activities.issues
    assert activities.frame["title"].tolist() == ["Judul diperbaiki"]
    enforcement = validate_bytes(upload_csv(drafts, "enforcement"), "enforcement")
    assert enforcement.ok, enforcement.issues
    assert enforcement.frame["corroborating_urls"].tolist() == ["https://c.contoh.id/9"]
