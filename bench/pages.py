"""Page benchmarks for one store: each page's script run (AppTest) cold and warm, and the map page's bytes.

    python -m bench.pages --db sqlite:///path/to/bench.db     (prints JSON; used by bench.run)

Cold = first run of the page after Streamlit's caches are cleared (data loaded from the store);
warm = median of the reruns that follow (what a user waits for after moving a widget).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    "views/overview.py",
    "views/map.py",
    "views/timeline.py",
    "views/province.py",
    "views/compare.py",
    "views/upload.py",  # staff pages: the run is signed in as a staff member
    "views/history.py",
]
WARM_RUNS = 7


def time_pages() -> dict[str, dict[str, float]]:
    """Cold (caches cleared) and warm (median of reruns) script time per page, map component included."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from etl.users import User

    results = {}
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        at.query_params["kode"] = "61"
        at.session_state["auth_user"] = User("bench", "Benchmark", "staff")
        at.run()
        st.cache_data.clear()
        st.cache_resource.clear()
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


def peak_rss_mb() -> float:
    """Peak resident memory of this process since it started (``VmHWM``; unlike ``ru_maxrss`` it is
    not inherited from the parent that launched it)."""
    return _vm_hwm_mb(os.getpid())


def _vm_hwm_mb(pid: int) -> float:
    """Peak resident memory of another process (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def map_page_bytes(db_url: str) -> dict[str, int]:
    """Load /peta in Chromium and count what the app sends: websocket messages and map assets."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, start_streamlit

    server, base = start_streamlit({"DATABASE_URL": db_url, "PANTAU_OFFLINE": "1"})
    try:
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
            page.goto(f"{base}/peta")
            frame = page.frame_locator("iframe[title*='st_folium']").first
            frame.locator("path.pantau-area").first.wait_for(state="attached", timeout=300_000)
            page.wait_for_timeout(2000)
            browser.close()
        sizes["server_peak_rss_mb"] = _vm_hwm_mb(server.pid)
        return sizes
    finally:
        server.terminate()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True, help="SQLAlchemy URL of a benchmark store (never the real one)")
    parser.add_argument("--no-browser", action="store_true", help="skip the map page bytes (no Chromium)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    os.environ["DATABASE_URL"] = args.db
    result: dict[str, object] = {"pages": time_pages(), "peak_rss_mb": peak_rss_mb()}
    if not args.no_browser:
        result["map_page_bytes"] = map_page_bytes(args.db)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
