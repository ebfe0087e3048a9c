"""Benchmark (not a test): warm rerun time of each page on the seed data, and the bytes the map page sends.

    .venv/bin/python -m bench.pages        (or: make bench-pages)

Writes bench/pages.json and prints a table. Uses its own temporary store; nothing touches data/.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["views/overview.py", "views/map.py", "views/timeline.py", "views/province.py", "views/compare.py"]
WARM_RUNS = 7


def time_pages() -> dict[str, dict[str, float]]:
    """Cold (first) and warm (median of reruns) script time per page, map component included."""
    from streamlit.testing.v1 import AppTest

    results = {}
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.query_params["kode"] = "61"
        at.run()
        start = time.perf_counter()
        at.switch_page(page).run()
        cold = time.perf_counter() - start
        warm = []
        for _ in range(WARM_RUNS):
            start = time.perf_counter()
            at.run()
            warm.append(time.perf_counter() - start)
        assert not at.exception, at.exception
        results[page] = {"cold_ms": round(cold * 1000, 1), "warm_ms": round(statistics.median(warm) * 1000, 1)}
    return results


def map_page_bytes(db_url: str) -> dict[str, int]:
    """Load /peta in Chromium and count what the app sends: websocket messages and map assets."""
    import subprocess
    import urllib.request

    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, _free_port

    port = _free_port()
    env = {**os.environ, "DATABASE_URL": db_url, "PANTAU_OFFLINE": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless", "true"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.3)
        sizes = {"websocket": 0, "map_assets": 0, "streamlit_bundle": 0}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()

            def on_ws(ws):
                ws.on(
                    "framereceived",
                    lambda payload: sizes.__setitem__(
                        "websocket",
                        sizes["websocket"] + len(payload if isinstance(payload, bytes) else payload.encode()),
                    ),
                )

            def on_response(response):
                try:
                    body = len(response.body())
                except Exception:
                    return
                key = (
                    "map_assets"
                    if "/app/static/" in response.url or "st_folium" in response.url
                    else ("streamlit_bundle")
                )
                sizes[key] += body

            page.on("websocket", on_ws)
            page.on("response", on_response)
            page.goto(f"http://127.0.0.1:{port}/peta")
            frame = page.frame_locator("iframe[title*='st_folium']").first
            frame.locator("path.pantau-area").first.wait_for(state="attached", timeout=60_000)
            page.wait_for_timeout(2000)
            browser.close()
        return sizes
    finally:
        server.terminate()


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        db_url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        os.environ["DATABASE_URL"] = db_url
        from etl import store
        from etl.seed import init_store

        init_store(store.make_engine(db_url))
        timings = time_pages()
        sizes = map_page_bytes(db_url)
    result = {
        "pages": timings,
        "map_page_bytes": sizes,
        "map_page_bytes_total_excluding_cached_bundle": sizes["websocket"] + sizes["map_assets"],
    }
    (ROOT / "bench" / "pages.json").write_text(json.dumps(result, indent=2) + "\n")
    print(f"{'page':24} {'cold ms':>9} {'warm ms':>9}")
    for page, figures in timings.items():
        print(f"{page:24} {figures['cold_ms']:>9} {figures['warm_ms']:>9}")
    for key, value in sizes.items():
        print(f"map page {key:18} {value:>12,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
