"""Many articles at once: uploaded .txt/.html files, a .zip of them, or a CSV of ``url,text`` -> drafts.

Every refused input (empty, binary, larger than 5 MB, an unsafe or broken zip, a CSV without a text column)
gets its own message in Bahasa Indonesia and English and no draft. Nothing here writes to the store.
Limits (checked from the zip headers and again while reading, so a lying header cannot get past them):
at most ``MAX_ARTICLES`` articles a batch, ``MAX_ARTICLE_BYTES`` per article, ``MAX_BATCH_BYTES`` in all.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import PurePosixPath

from etl.news import Draft, extract, html_to_text

MAX_ARTICLE_BYTES = 5_000_000  # one article (file, zip member or CSV cell)
MAX_BATCH_BYTES = 50_000_000  # a whole zip (uncompressed) or CSV
MAX_ARTICLES = 200  # articles (files, zip members, CSV rows) in one batch
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
_URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
_CHUNK = 64 * 1024

Progress = Callable[[int, int], None]


@dataclass
class Article:
    """One article to extract from, or a refused input (``text`` None) with the reason in both languages."""

    name: str
    text: str | None
    url: str | None = None
    published: dt.date | None = None
    source_name: str | None = None
    message_id: str = ""
    message_en: str = ""

    @property
    def refused(self) -> bool:
        return self.text is None


@dataclass
class ArticleResult:
    """What one article gave: its drafts (none when refused or not about TPPO) and why."""

    name: str
    url: str | None
    text: str
    drafts: list[Draft] = field(default_factory=list)
    message_id: str = ""
    message_en: str = ""
    source_name: str | None = None


def _refused(name: str, message_id: str, message_en: str) -> Article:
    return Article(name, None, message_id=message_id, message_en=message_en)


def _too_large(name: str) -> Article:
    limit = MAX_ARTICLE_BYTES // 1_000_000
    return _refused(name, f"lebih dari {limit} MB: tidak dibaca", f"larger than {limit} MB: not read")


def valid_url(value: object) -> str | None:
    """``value`` stripped when it is an http(s) address, else None."""
    text = str(value or "").strip()
    return text if _URL.match(text) else None


def decode(name: str, data: bytes) -> tuple[str | None, str, str]:
    """(text, message_id, message_en): UTF-8 (or Windows-1252) text, or None for empty, binary or oversized data."""
    if len(data) > MAX_ARTICLE_BYTES:
        refusal = _too_large(name)
        return None, refusal.message_id, refusal.message_en
    if not data.strip():
        return None, "berkas kosong", "empty file"
    if b"\x00" in data[:MAX_ARTICLE_BYTES]:
        return None, "berkas biner (bukan teks)", "binary file (not text)"
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        return None, "tidak dapat dibaca sebagai teks (UTF-8)", "cannot be read as text (UTF-8)"
    controls = sum(1 for ch in text[:20_000] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(10, len(text[:20_000]) // 100):  # more than 1 % control characters: not prose
        return None, "berkas biner (bukan teks)", "binary file (not text)"
    if not text.strip():
        return None, "berkas kosong", "empty file"
    return text, "", ""


def iso_date(value: object) -> dt.date | None:
    """The date at the start of an ISO text (``2023-06-21``, ``2023-06-21T08:00:00+07:00``), else None."""
    try:
        return dt.date.fromisoformat(str(value or "").strip()[:10])
    except ValueError:
        return None


class _PageFacts(HTMLParser):
    """The canonical address and publication date an HTML page states about itself."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.canonical: str | None = None
        self.og_url: str | None = None
        self.published: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key.lower(): (value or "") for key, value in attrs}
        if tag == "link" and "canonical" in values.get("rel", "").lower().split() and self.canonical is None:
            self.canonical = valid_url(values.get("href"))
        elif tag == "meta":
            prop = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
            if prop == "og:url" and self.og_url is None:
                self.og_url = valid_url(values.get("content"))
            elif prop in ("article:published_time", "datepublished", "pubdate") and self.published is None:
                self.published = values.get("content")


def page_facts(markup: str) -> tuple[str | None, dt.date | None]:
    """(source URL from ``<link rel="canonical">`` or ``og:url``, publication date from its meta tag)."""
    parser = _PageFacts()
    head = markup[: markup.lower().find("</head>") + 7] if "</head>" in markup.lower() else markup[:200_000]
    try:
        parser.feed(head)
        parser.close()
    except Exception:  # a broken page still gives its text; only its facts are lost
        return None, None
    return parser.canonical or parser.og_url, iso_date(parser.published)


def read_article(name: str, data: bytes) -> Article:
    """One .txt or .html file as an article (HTML: visible text, its canonical URL and publication date)."""
    text, message_id, message_en = decode(name, data)
    if text is None:
        return _refused(name, message_id, message_en)
    if name.lower().endswith(HTML_SUFFIXES):
        url, published = page_facts(text)
        body = html_to_text(text)
        if not body.strip():
            return _refused(name, "halaman tanpa teks", "page without text")
        return Article(name, body, url, published)
    return Article(name, text)


def read_zip(name: str, data: bytes) -> list[Article]:
    """The .txt/.html members of a zip, each as an article; limits checked from the headers and while reading."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError):
        return [_refused(name, "bukan berkas zip yang sah", "not a valid zip file")]
    with archive:
        members = archive.infolist()
        files = [m for m in members if not m.is_dir()]
        if len(files) > MAX_ARTICLES:
            return [
                _refused(
                    name,
                    f"zip berisi {len(files)} berkas; paling banyak {MAX_ARTICLES}",
                    f"the zip holds {len(files)} files; at most {MAX_ARTICLES}",
                )
            ]
        declared = sum(m.file_size for m in files)
        if declared > MAX_BATCH_BYTES:
            limit = MAX_BATCH_BYTES // 1_000_000
            return [
                _refused(
                    name,
                    f"isi zip lebih dari {limit} MB setelah dibuka: tidak dibaca",
                    f"the zip holds more than {limit} MB once unpacked: not read",
                )
            ]
        articles: list[Article] = []
        budget = MAX_BATCH_BYTES
        for member in files:
            label = f"{name}/{member.filename}"
            path = PurePosixPath(member.filename)
            if path.parts[0] == "__MACOSX" or path.name.startswith("."):
                continue  # archive housekeeping, not an article
            if not path.name.lower().endswith(TEXT_SUFFIXES + HTML_SUFFIXES):
                articles.append(_refused(label, "dilewati: bukan .txt/.html", "skipped: not .txt/.html"))
                continue
            if member.flag_bits & 0x1:
                articles.append(_refused(label, "dilewati: berkas terenkripsi", "skipped: encrypted member"))
                continue
            if member.file_size > MAX_ARTICLE_BYTES:
                articles.append(_too_large(label))
                continue
            try:
                content = _read_member(archive, member, min(MAX_ARTICLE_BYTES, budget))
            except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, NotImplementedError, zlib.error):
                articles.append(_refused(label, "berkas zip rusak: tidak dibaca", "damaged zip member: not read"))
                continue
            if content is None:
                if budget < MAX_ARTICLE_BYTES:
                    limit = MAX_BATCH_BYTES // 1_000_000
                    articles.append(
                        _refused(
                            label,
                            f"isi zip lebih dari {limit} MB setelah dibuka: sisa berkas tidak dibaca",
                            f"the zip holds more than {limit} MB once unpacked: the rest is not read",
                        )
                    )
                    break
                articles.append(_too_large(label))
                continue
            budget -= len(content)
            articles.append(read_article(label, content))
        if not articles:
            articles.append(_refused(name, "zip tanpa berkas .txt/.html", "zip without .txt/.html files"))
        return articles


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limit: int) -> bytes | None:
    """The member's bytes, or None as soon as more than ``limit`` bytes come out (whatever its header says)."""
    chunks, size = [], 0
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > limit:
                return None
            chunks.append(chunk)
    return b"".join(chunks)


_URL_HEADERS = {"url", "tautan", "link", "alamat", "sumber", "sumber_url", "source_url", "alamat_url"}
_TEXT_HEADERS = {"text", "teks", "isi", "artikel", "article", "body", "konten", "content", "isi_artikel"}
_DATE_HEADERS = {"published", "date", "tanggal", "tanggal_terbit", "terbit", "publication_date"}


def read_csv(name: str, data: bytes) -> list[Article]:
    """A CSV of ``url,text`` (``;`` also read; Indonesian headers ``tautan``/``teks`` accepted), one article a row.
    An optional ``tanggal_terbit``/``published`` column gives each article's publication date."""
    if len(data) > MAX_BATCH_BYTES:
        limit = MAX_BATCH_BYTES // 1_000_000
        return [_refused(name, f"CSV lebih dari {limit} MB: tidak dibaca", f"CSV larger than {limit} MB: not read")]
    if b"\x00" in data:
        return [_refused(name, "berkas biner (bukan teks)", "binary file (not text)")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            return [_refused(name, "tidak dapat dibaca sebagai teks (UTF-8)", "cannot be read as text (UTF-8)")]
    if not text.strip():
        return [_refused(name, "berkas kosong", "empty file")]
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    previous = csv.field_size_limit()
    csv.field_size_limit(MAX_BATCH_BYTES)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        return [_refused(name, f"CSV tidak dapat dibaca: {exc}", f"the CSV cannot be read: {exc}")]
    finally:
        csv.field_size_limit(previous)
    header = [re.sub(r"\W+", "_", cell.strip().lower()).strip("_") for cell in rows[0]]
    text_col = next((i for i, h in enumerate(header) if h in _TEXT_HEADERS), None)
    url_col = next((i for i, h in enumerate(header) if h in _URL_HEADERS), None)
    date_col = next((i for i, h in enumerate(header) if h in _DATE_HEADERS), None)
    if text_col is None:
        return [
            _refused(
                name,
                "CSV tanpa kolom teks: kepala kolom harus url,text (atau tautan;teks)",
                "CSV without a text column: the header must be url,text (or tautan;teks)",
            )
        ]
    body = [row for row in rows[1:] if any(cell.strip() for cell in row)]
    if len(body) > MAX_ARTICLES:
        return [
            _refused(
                name,
                f"CSV berisi {len(body)} artikel; paling banyak {MAX_ARTICLES}",
                f"the CSV holds {len(body)} articles; at most {MAX_ARTICLES}",
            )
        ]
    if not body:
        return [_refused(name, "CSV tanpa baris artikel", "CSV without article rows")]
    articles = []
    for number, row in enumerate(body, start=1):
        label = f"{name} #{number}"
        cell = row[text_col] if text_col < len(row) else ""
        if len(cell.encode("utf-8")) > MAX_ARTICLE_BYTES:
            articles.append(_too_large(label))
            continue
        if not cell.strip():
            articles.append(_refused(label, "teks kosong", "empty text"))
            continue
        raw_url = row[url_col].strip() if url_col is not None and url_col < len(row) else ""
        article = Article(label, cell, valid_url(raw_url))
        if raw_url and article.url is None:
            article.message_id = f"URL tidak sah diabaikan: {raw_url[:80]}"
            article.message_en = f"invalid URL ignored: {raw_url[:80]}"
        if date_col is not None and date_col < len(row) and row[date_col].strip():
            article.published = iso_date(row[date_col])
        articles.append(article)
    return articles


def read_uploads(files: Iterable[tuple[str, bytes]]) -> list[Article]:
    """Every uploaded file as articles, in upload order (a zip or CSV gives several); refusals included."""
    articles: list[Article] = []
    for name, data in files:
        lower = name.lower()
        if lower.endswith(".zip"):
            articles.extend(read_zip(name, data))
        elif lower.endswith(".csv"):
            articles.extend(read_csv(name, data))
        elif lower.endswith(TEXT_SUFFIXES + HTML_SUFFIXES):
            articles.append(read_article(name, data))
        else:
            articles.append(_refused(name, "jenis berkas tidak didukung", "file type not supported"))
    readable = [a for a in articles if not a.refused]
    if len(readable) > MAX_ARTICLES:
        for article in readable[MAX_ARTICLES:]:
            article.text = None
            article.message_id = f"lebih dari {MAX_ARTICLES} artikel dalam satu batch: tidak dibaca"
            article.message_en = f"more than {MAX_ARTICLES} articles in one batch: not read"
    return articles


def pasted_article(text: str, url: str | None, reason: str | None, published: dt.date | None = None) -> Article:
    """Pasted text as an article. It needs a source URL, or a written reason why there is none (kept as the
    source name); without either it is refused."""
    name = "teks-tempel.txt"
    if len(text.encode("utf-8")) > MAX_ARTICLE_BYTES:
        return _too_large(name)
    if not text.strip():
        return _refused(name, "teks kosong", "empty text")
    address = valid_url(url)
    if url and url.strip() and address is None:
        return _refused(
            name,
            "URL sumber tidak sah (harus diawali http:// atau https://)",
            "invalid source URL (must start with http:// or https://)",
        )
    reason = (reason or "").strip()
    if address is None and not reason:
        return _refused(
            name,
            "URL sumber wajib; jika tidak ada, tulis alasannya",
            "a source URL is required; if there is none, write the reason",
        )
    source_name = None if address else f"teks tempel tanpa URL / pasted text without URL: {reason}"
    return Article(name, text, address, published, source_name)


def run_batch(articles: list[Article], progress: Progress | None = None) -> list[ArticleResult]:
    """Extract drafts from every article; ``progress(done, total)`` after each one. An article without a URL
    gets no source name from its file name: staff give the URL or a reason in review."""
    results = []
    total = len(articles)
    for done, article in enumerate(articles, start=1):
        if article.refused:
            results.append(ArticleResult(article.name, None, "", [], article.message_id, article.message_en))
        else:
            text = article.text or ""
            news = extract(text, article.url, article.published, source_name=article.source_name)
            message_id = "; ".join(m for m in (article.message_id, news.message_id) if m)
            message_en = "; ".join(m for m in (article.message_en, news.message_en) if m)
            results.append(
                ArticleResult(article.name, article.url, text, news.drafts, message_id, message_en, article.source_name)
            )
        if progress is not None:
            progress(done, total)
    return results
