"""Many articles at once: .txt/.html files, a zip (with its limits), a CSV of url,text; refusals and progress."""

from __future__ import annotations

import datetime as dt
import io
import struct
import time
import zipfile

import pytest

from etl.news import batch
from etl.news.batch import pasted_article, read_uploads, run_batch

ARTICLE = (
    "Sosialisasi pencegahan TPPO di Tanah Bumbu\n"
    "Batulicin - Kantor Imigrasi Kelas II TPI Batulicin menggelar sosialisasi pencegahan tindak pidana "
    "perdagangan orang (TPPO) di Kabupaten Tanah Bumbu, Rabu (21/6/2023)."
)
OTHER = (
    "Sosialisasi TPPO di Kolaka\n"
    "Polres Kolaka menggelar sosialisasi pencegahan TPPO di Kabupaten Kolaka, Rabu (21/6/2023)."
)
PAGE = """<!doctype html><html><head><title>x</title>
<link rel="canonical" href="https://berita.contoh.id/sosialisasi-tppo">
<meta property="og:url" content="https://berita.contoh.id/og-address">
<meta property="article:published_time" content="2023-06-22T08:00:00+08:00">
<script>var menu = "TPPO 999 kasus";</script></head>
<body><h1>Sosialisasi pencegahan TPPO di Tanah Bumbu</h1><p>{body}</p></body></html>"""


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            if name.endswith("/"):
                archive.writestr(zipfile.ZipInfo(name), b"")
            else:
                archive.writestr(name, data)
    return buffer.getvalue()


def _messages(articles) -> dict[str, str]:
    return {a.name: a.message_en for a in articles if a.refused}


def test_txt_and_html_files_each_become_an_article_with_the_page_url_and_date():
    page = PAGE.format(body=ARTICLE.split("\n", 1)[1]).encode()
    articles = read_uploads([("satu.txt", ARTICLE.encode()), ("dua.html", page)])
    assert [a.name for a in articles] == ["satu.txt", "dua.html"]
    assert articles[0].text == ARTICLE and articles[0].url is None
    html = articles[1]
    assert html.url == "https://berita.contoh.id/sosialisasi-tppo"  # canonical before og:url
    assert html.published == dt.date(2023, 6, 22)
    assert "Kantor Imigrasi" in html.text and "<p>" not in html.text and "999 kasus" not in html.text


def test_og_url_is_used_when_there_is_no_canonical_link_and_bad_addresses_are_ignored():
    page = PAGE.replace('<link rel="canonical" href="https://berita.contoh.id/sosialisasi-tppo">', "")
    assert batch.page_facts(page)[0] == "https://berita.contoh.id/og-address"
    assert batch.page_facts('<link rel="canonical" href="javascript:alert(1)">')[0] is None
    assert batch.page_facts("<p>no head at all</p>") == (None, None)


def test_empty_binary_and_oversized_files_are_refused_with_a_message_and_give_no_draft():
    big = b"TPPO sosialisasi " * (batch.MAX_ARTICLE_BYTES // 17 + 1)
    assert len(big) > batch.MAX_ARTICLE_BYTES
    articles = read_uploads(
        [
            ("kosong.txt", b"   \n"),
            ("gambar.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
            ("besar.html", big),
            ("data.pdf", b"%PDF-1.4"),
            ("ok.txt", ARTICLE.encode()),
        ]
    )
    messages = _messages(articles)
    assert messages == {
        "kosong.txt": "empty file",
        "gambar.txt": "binary file (not text)",
        "besar.html": "larger than 5 MB: not read",
        "data.pdf": "file type not supported",
    }
    assert next(a for a in articles if a.name == "besar.html").message_id == "lebih dari 5 MB: tidak dibaca"
    results = run_batch(articles)
    assert [bool(r.drafts) for r in results] == [False, False, False, False, True]
    assert results[2].message_id == "lebih dari 5 MB: tidak dibaca"


def test_text_full_of_control_characters_is_binary_even_without_nul_bytes():
    data = bytes(range(1, 32)) * 200
    assert _messages(read_uploads([("aneh.txt", data)])) == {"aneh.txt": "binary file (not text)"}


def test_windows_1252_text_is_read():
    articles = read_uploads([("lama.txt", "Sosialisasi TPPO \u2013 caf\u00e9".encode("cp1252"))])
    assert articles[0].text == "Sosialisasi TPPO \u2013 caf\u00e9"


def test_zip_members_are_read_directories_and_junk_skipped_other_files_reported():
    data = _zip(
        {
            "berita/": b"",
            "berita/satu.txt": ARTICLE.encode(),
            "berita/dua.htm": PAGE.format(body=OTHER).encode(),
            "berita/foto.jpg": b"\xff\xd8\xff",
            "__MACOSX/berita/._satu.txt": b"\x00\x05",
            "berita/kosong.txt": b"",
        }
    )
    articles = read_uploads([("kiriman.zip", data)])
    assert [a.name for a in articles] == [
        "kiriman.zip/berita/satu.txt",
        "kiriman.zip/berita/dua.htm",
        "kiriman.zip/berita/foto.jpg",
        "kiriman.zip/berita/kosong.txt",
    ]
    assert _messages(articles) == {
        "kiriman.zip/berita/foto.jpg": "skipped: not .txt/.html",
        "kiriman.zip/berita/kosong.txt": "empty file",
    }
    assert articles[1].url == "https://berita.contoh.id/sosialisasi-tppo"


def test_zip_with_too_many_members_is_refused_whole(monkeypatch):
    monkeypatch.setattr(batch, "MAX_ARTICLES", 3)
    data = _zip({f"{n}.txt": ARTICLE.encode() for n in range(4)})
    articles = read_uploads([("banyak.zip", data)])
    assert len(articles) == 1 and articles[0].refused
    assert articles[0].message_en == "the zip holds 4 files; at most 3"


def test_zip_bomb_is_refused_from_its_headers_before_anything_is_unpacked(monkeypatch):
    data = _zip({"a.txt": b"TPPO " * 400_000, "b.txt": b"TPPO " * 400_000})  # 4 MB unpacked, a few KB packed
    assert len(data) < 50_000
    monkeypatch.setattr(batch, "MAX_BATCH_BYTES", 3_000_000)
    opened = []
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *a, **k: opened.append(a) or pytest.fail("opened"))
    articles = read_uploads([("bom.zip", data)])
    assert [a.message_en for a in articles] == ["the zip holds more than 3 MB once unpacked: not read"]
    assert not opened


def test_zip_member_over_the_article_limit_is_refused(monkeypatch):
    monkeypatch.setattr(batch, "MAX_ARTICLE_BYTES", 1_000)
    data = _zip({"kecil.txt": ARTICLE.encode(), "besar.txt": b"TPPO " * 1_000})
    assert _messages(read_uploads([("campur.zip", data)])) == {"campur.zip/besar.txt": "larger than 0 MB: not read"}


def _lie_about_size(data: bytes, name: bytes, size: int) -> bytes:
    """The zip with ``name``'s uncompressed size in both headers replaced by ``size`` (a lying header)."""
    out = bytearray(data)
    local = out.find(b"PK\x03\x04" + b"")
    while local != -1:
        name_len = struct.unpack_from("<H", out, local + 26)[0]
        if out[local + 30 : local + 30 + name_len] == name:
            struct.pack_into("<I", out, local + 22, size)
        local = out.find(b"PK\x03\x04", local + 4)
    central = out.find(b"PK\x01\x02")
    while central != -1:
        name_len = struct.unpack_from("<H", out, central + 28)[0]
        if out[central + 46 : central + 46 + name_len] == name:
            struct.pack_into("<I", out, central + 24, size)
        central = out.find(b"PK\x01\x02", central + 4)
    return bytes(out)


def test_a_lying_zip_header_does_not_get_more_than_the_limit_out(monkeypatch):
    monkeypatch.setattr(batch, "MAX_ARTICLE_BYTES", 10_000)
    data = _lie_about_size(_zip({"bohong.txt": b"TPPO " * 20_000}), b"bohong.txt", 500)  # says 500 B, holds 100 KB
    articles = read_uploads([("bohong.zip", data)])
    assert len(articles) == 1 and articles[0].refused  # never read past the header's size or the limit
    assert articles[0].message_en == "damaged zip member: not read"


def test_a_broken_zip_is_refused():
    assert _messages(read_uploads([("rusak.zip", b"PK\x03\x04 not really")])) == {"rusak.zip": "not a valid zip file"}


def test_csv_of_url_and_text_comma_or_semicolon_with_indonesian_headers():
    comma = f'url,text\nhttps://a.contoh.id/1,"{ARTICLE}"\n,"{OTHER}"\nbukan-url,"{OTHER}"\n'.encode()
    semicolon = f'tautan;teks;tanggal_terbit\nhttps://b.contoh.id/2;"{ARTICLE}";2023-06-22\n'.encode()
    articles = read_uploads([("daftar.csv", comma), ("daftar2.csv", semicolon)])
    assert [a.name for a in articles] == ["daftar.csv #1", "daftar.csv #2", "daftar.csv #3", "daftar2.csv #1"]
    assert [a.url for a in articles] == ["https://a.contoh.id/1", None, None, "https://b.contoh.id/2"]
    assert articles[0].text == ARTICLE and not any(a.refused for a in articles)
    assert articles[2].message_en == "invalid URL ignored: bukan-url"
    assert articles[3].published == dt.date(2023, 6, 22)


def test_csv_without_a_text_column_or_with_empty_rows():
    assert _messages(read_uploads([("salah.csv", b"alamat,judul\nhttps://a.id,x\n")])) == {
        "salah.csv": "CSV without a text column: the header must be url,text (or tautan;teks)"
    }
    articles = read_uploads([("kosong.csv", b'url,text\nhttps://a.contoh.id/1,"  "\n')])
    assert _messages(articles) == {"kosong.csv #1": "empty text"}


def test_csv_cell_longer_than_the_csv_module_default_is_read():
    long_text = ARTICLE + " Lainnya." * 20_000  # over 131,072 characters, the csv module's default field limit
    articles = read_uploads([("panjang.csv", f'url,text\nhttps://a.contoh.id/1,"{long_text}"\n'.encode())])
    assert articles[0].text == long_text


def test_pasted_text_needs_a_url_or_a_written_reason():
    refused = pasted_article(ARTICLE, "", "")
    assert refused.refused and refused.message_id == "URL sumber wajib; jika tidak ada, tulis alasannya"
    assert pasted_article(ARTICLE, "contoh.id/berita", "").message_en.startswith("invalid source URL")
    with_reason = pasted_article(ARTICLE, None, "kliping koran cetak, tidak terbit daring")
    assert not with_reason.refused and with_reason.url is None
    assert with_reason.source_name.endswith("kliping koran cetak, tidak terbit daring")
    with_url = pasted_article(ARTICLE, " https://a.contoh.id/1 ", "", dt.date(2023, 6, 21))
    assert with_url.url == "https://a.contoh.id/1" and with_url.source_name is None
    draft = run_batch([with_reason])[0].drafts[0]
    assert draft.record()["source_name"] == with_reason.source_name  # the reason travels as the source name


def test_progress_is_reported_after_every_article_including_refused_ones():
    calls = []
    articles = read_uploads([("a.txt", ARTICLE.encode()), ("b.txt", b""), ("c.txt", OTHER.encode())])
    results = run_batch(articles, lambda done, total: calls.append((done, total)))
    assert calls == [(1, 3), (2, 3), (3, 3)]
    assert [r.name for r in results] == ["a.txt", "b.txt", "c.txt"]
    assert results[1].message_en == "empty file" and results[0].text == ARTICLE


def test_off_topic_text_gives_no_draft_and_says_why():
    result = run_batch(read_uploads([("cuaca.txt", b"Hujan turun di Jakarta sepanjang hari Senin.")]))[0]
    assert not result.drafts and result.message_id and result.message_en


def test_sixty_articles_well_under_a_minute():
    files = [(f"{n:02d}.txt", (ARTICLE if n % 2 else OTHER).encode()) for n in range(60)]
    started = time.perf_counter()
    results = run_batch(read_uploads(files))
    assert len(results) == 60 and all(r.drafts for r in results)
    assert time.perf_counter() - started < 20
