"""Project configuration: paths, database URL and limits, in one place.

Every setting can be overridden by an environment variable so that tests, CI and
deployments never need to edit code.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SEED_DIR = DATA_DIR / "seed"
REFERENCE_DIR = DATA_DIR / "reference"
CACHE_DIR = Path(os.environ.get("PANTAU_CACHE_DIR", DATA_DIR / "cache"))
SHARED_DIR = Path(os.environ.get("PANTAU_SHARED_DIR", ROOT.parent / "shared"))
GEO_SOURCE_DIR = SHARED_DIR / "geo" / "wilayah_boundaries"
REFERENCE_DATA_DIR = SHARED_DIR / "reference-data"
SEED_ARTICLES_DIR = SHARED_DIR / "seeds"

DEFAULT_SQLITE_PATH = DATA_DIR / "pantau.db"

# Satgas TPPO Polri was formed on 5 June 2023; running totals count from that day.
SATGAS_START = "2023-06-05"

UPLOAD_MAX_BYTES = int(os.environ.get("PANTAU_UPLOAD_MAX_BYTES", 20 * 1024 * 1024))
UPLOAD_MAX_ROWS = int(os.environ.get("PANTAU_UPLOAD_MAX_ROWS", 200_000))
# Checked while the file streams, before it is parsed whole (a hostile file is refused within seconds).
UPLOAD_MAX_COLUMNS = int(os.environ.get("PANTAU_UPLOAD_MAX_COLUMNS", 100))
UPLOAD_MAX_CELL_CHARS = int(os.environ.get("PANTAU_UPLOAD_MAX_CELL_CHARS", 32_767))  # Excel's own cell limit
UPLOAD_MAX_CELLS = int(os.environ.get("PANTAU_UPLOAD_MAX_CELLS", 6_000_000))  # XLSX sheet cells, counted unzipped
XLSX_MAX_UNZIPPED_BYTES = int(os.environ.get("PANTAU_XLSX_MAX_UNZIPPED_BYTES", 600 * 1024 * 1024))
XLSX_MAX_SHARED_STRINGS_BYTES = int(os.environ.get("PANTAU_XLSX_MAX_SHARED_STRINGS_BYTES", 100 * 1024 * 1024))

# Fuzzy place matching: a candidate must score at least this (0-100) to be accepted,
# and beat the runner-up by this margin, otherwise the name is reported as ambiguous.
FUZZY_THRESHOLD = float(os.environ.get("PANTAU_FUZZY_THRESHOLD", 90))
FUZZY_MARGIN = 4.0


def database_url() -> str:
    """The SQLAlchemy URL of the store: ``DATABASE_URL`` or the SQLite file under data/."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        if url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url[len("postgres://") :]
        elif url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://") :]
        return url
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


def offline_mode() -> bool:
    """``PANTAU_OFFLINE=1``: no request may leave the app's own host (no tiles, no CDNs)."""
    return os.environ.get("PANTAU_OFFLINE", "").strip().lower() in {"1", "true", "yes", "ya"}


def map_tiles() -> tuple[str | None, str | None]:
    """(tile URL template or None, attribution). ``PANTAU_TILES``: ``osm`` (default online),
    ``none`` (default offline) or an internal server's URL template ``https://.../{z}/{x}/{y}.png``."""
    choice = os.environ.get("PANTAU_TILES", "").strip()
    attribution = os.environ.get("PANTAU_TILES_ATTRIBUTION", "")
    if choice.lower() == "none" or (not choice and offline_mode()):
        return None, None
    if choice and choice.lower() != "osm":
        return choice, attribution or "Peta dasar / base map: internal"
    return (
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
    )


LOCKOUT_ATTEMPTS = int(os.environ.get("PANTAU_LOCKOUT_ATTEMPTS", 5))
LOCKOUT_MINUTES = int(os.environ.get("PANTAU_LOCKOUT_MINUTES", 15))
SESSION_IDLE_MINUTES = int(os.environ.get("PANTAU_SESSION_IDLE_MINUTES", 30))
UNDO_WINDOW_HOURS = int(os.environ.get("PANTAU_UNDO_WINDOW_HOURS", 24))


def public_mode() -> bool:
    """``PANTAU_PUBLIC_MODE=1``: counts from 1 to 4 are shown as "<5" on screen and in exports."""
    return os.environ.get("PANTAU_PUBLIC_MODE", "").strip().lower() in {"1", "true", "yes", "ya"}
