"""Real-browser fixtures: a Streamlit server on a free port and Debian's Chromium via Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STAFF_USER, STAFF_PASSWORD = "staf.e2e", "kata-sandi-uji-e2e"  # test-only account in a temporary store
SCREENSHOTS = ROOT / "tests" / "e2e" / "screenshots"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_streamlit(extra_env: dict[str, str], timeout: float = 60) -> tuple[subprocess.Popen, str]:
    """Start ``streamlit run app.py`` on a free port with ``extra_env``; return the process and its base URL
    once it answers its health check."""
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
        ],
        cwd=ROOT,
        env={**os.environ, **extra_env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process, base
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("streamlit did not start: " + process.stdout.read().decode(errors="replace")[-2000:])


def _serve(db_dir: Path, extra_env: dict[str, str]):
    """Start ``streamlit run app.py`` against a freshly seeded SQLite store; yield its base URL."""
    from etl import store
    from etl.seed import init_store
    from etl.users import add_user

    url = f"sqlite:///{db_dir / 'e2e.db'}"
    init_store(store.make_engine(url))
    add_user(store.make_engine(url), STAFF_USER, STAFF_PASSWORD, "staff", "Staf E2E")
    try:
        process, base = start_streamlit({"DATABASE_URL": url, **extra_env})
    except RuntimeError as exc:
        pytest.fail(str(exc))
    yield base
    process.terminate()
    process.wait(10)


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    """The app as deployed online (tiles from OpenStreetMap)."""
    yield from _serve(tmp_path_factory.mktemp("e2e"), {"PANTAU_OFFLINE": "0"})


@pytest.fixture(scope="session")
def offline_server(tmp_path_factory):
    """The app in offline mode: no tiles, every asset from the app itself."""
    yield from _serve(tmp_path_factory.mktemp("e2e_offline"), {"PANTAU_OFFLINE": "1"})


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make chromium` (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="id-ID")
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
