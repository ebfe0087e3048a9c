"""The benchmark suite: ``make bench`` (or ``python -m bench.run``) writes bench/results.json and prints a table.

Per size (the seed data; 100,000 enforcement rows + 10,000 activities; 1,000,000 + 100,000) it builds a
store of its own under bench/.work (never data/), then measures in separate processes:
the pages (AppTest, cold and warm), the bytes the map page sends to Chromium, the ingest of a
100,000-row CSV through the upload path, peak memory of each, and the naive map page for comparison.
Boundaries: time to build the cache from the SQL dumps.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work"
RESULTS = ROOT / "bench" / "results.json"
NAIVE_LIMIT_S = 60.0
SIZES: dict[str, tuple[int, int]] = {"seed": (0, 0), "100k": (100_000, 10_000), "1m": (1_000_000, 100_000)}
INGEST_ROWS = 100_000
CHUNK = 100_000
README_START, README_END = "<!-- results -->", "<!-- /results -->"


def _python(module: str, *args: str, timeout: float | None = None, env: dict | None = None) -> dict:
    """Run ``python -m module`` and return the JSON it prints last."""
    proc = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{module} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def build_store(size: str, directory: Path) -> dict:
    """A fresh store with the seed data plus the synthetic rows of ``size``, committed through the real path."""
    from bench import synthetic
    from etl import store
    from etl.seed import init_store
    from etl.validation import validate_frame

    path = directory / f"store-{size}.db"
    path.unlink(missing_ok=True)
    url = f"sqlite:///{path}"
    engine = store.make_engine(url)
    start = time.perf_counter()
    init_store(engine)
    enforcement_rows, activity_rows = SIZES[size]
    for kind, rows, make in (
        ("enforcement", enforcement_rows, synthetic.enforcement_frame),
        ("activities", activity_rows, synthetic.activities_frame),
    ):
        for part, offset in enumerate(range(0, rows, CHUNK)):
            frame = make(min(CHUNK, rows - offset), seed=1000 + part if kind == "enforcement" else 2000 + part)
            result = validate_frame(frame, kind)  # type: ignore[arg-type]
            if not result.ok:
                raise RuntimeError(f"synthetic {kind} rows failed validation: {result.issues[:3]}")
            store.commit_batch(engine, kind, result.frame, f"synthetic-{kind}-{part}.csv", "-", "benchmark")  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    counts = store.table_counts(engine)
    _export_csvs(engine, directory, size)
    engine.dispose()
    return {
        "url": url,
        "build_s": round(seconds, 1),
        "enforcement": counts["enforcement"],
        "activities": counts["activities"],
    }


def _export_csvs(engine, directory: Path, size: str) -> None:
    """The store's records as the CSV files the naive page reads (Indonesian headers, names not codes)."""
    from etl import store
    from etl.gazetteer import default_gazetteer

    names = {p.code: p.name for p in default_gazetteer().all_places}
    enforcement = store.enforcement_frame(engine)
    naive_enforcement = enforcement.assign(
        provinsi=enforcement["province_code"].map(names),
        periode_akhir=enforcement["reference_date"].dt.strftime("%d/%m/%Y"),
        tersangka=enforcement["suspects"],
    )[["provinsi", "periode_akhir", "tersangka"]]
    naive_enforcement.to_csv(directory / f"enforcement-{size}.csv", sep=";", index=False)
    activities = store.activities_frame(engine)
    activities.assign(
        tanggal=activities["date"].dt.strftime("%d/%m/%Y"),
        provinsi=activities["province_code"].map(names),
        kabupaten_kota=activities["regency_code"].map(names),
        judul=activities["title"],
    )[["tanggal", "provinsi", "kabupaten_kota", "judul"]].to_csv(
        directory / f"activities-{size}.csv", sep=";", index=False
    )


def naive_map(directory: Path, size: str) -> dict:
    """Time the naive map page in its own process, stopped at 60 s."""
    start = time.perf_counter()
    try:
        result = _python(
            "bench.naive",
            str(directory / f"enforcement-{size}.csv"),
            str(directory / f"activities-{size}.csv"),
            timeout=NAIVE_LIMIT_S,
        )
        return {"seconds": round(result["seconds"], 2), "html_bytes": result["html_bytes"], "stopped": False}
    except subprocess.TimeoutExpired:
        return {"seconds": round(time.perf_counter() - start, 1), "html_bytes": None, "stopped": True}


def boundaries_build() -> dict:
    """Build the boundary cache from the SQL dumps into a scratch directory."""
    from etl import boundaries

    start = time.perf_counter()
    manifest = boundaries.build_boundaries(cache_dir=WORK / "boundaries", force=True)
    return {
        "seconds": round(time.perf_counter() - start, 1),
        "province_bytes": manifest["layers"]["province"]["bytes"],
        "regency_bytes": manifest["layers"]["regency"]["bytes"],
    }


def measure_size(size: str, browser: bool) -> dict:
    directory = WORK / size
    directory.mkdir(parents=True, exist_ok=True)
    built = build_store(size, directory)
    args = ["--db", built["url"]] + ([] if browser else ["--no-browser"])
    pages = _python("bench.pages", *args)
    # Ingest before the naive page: at 1m the naive run's gigabytes evict the store from the OS cache.
    ingest = _python("bench.ingest", "--db", built["url"], "--rows", str(INGEST_ROWS))
    naive = naive_map(directory, size)
    return {"store": built, **pages, "naive_map": naive, "ingest": ingest}


def _ratio(naive: dict, ours_ms: float) -> str:
    if naive["stopped"]:
        return f"> {NAIVE_LIMIT_S / (ours_ms / 1000):.0f} x"
    return f"{naive['seconds'] / (ours_ms / 1000):.1f} x"


def targets(results: dict) -> list[dict]:
    """One entry per target of the issue: name, value, unit, target, met."""
    out = []
    sizes = results["sizes"]
    limits = {"seed": 300.0, "1m": 1500.0}
    for size, limit in limits.items():
        if size in sizes:
            worst = max(p["warm_ms"] for p in sizes[size]["pages"].values())
            out.append(
                {
                    "name": f"warm page run, slowest page ({size})",
                    "value": worst,
                    "unit": "ms",
                    "target": f"<= {limit:.0f}",
                    "met": worst <= limit,
                }
            )
    for size, data in sizes.items():
        rate = data["ingest"]["rows_per_s"]
        out.append(
            {
                "name": f"ingest 100,000-row CSV ({size})",
                "value": rate,
                "unit": "rows/s",
                "target": ">= 50000",
                "met": rate >= 50_000,
            }
        )
    if "1m" in sizes and "map_page_bytes" in sizes["1m"]:
        sent = sizes["1m"]["map_page_bytes"]
        value = sent["websocket"] + sent["map_assets"]
        out.append(
            {
                "name": "map page bytes at 100,000 activities",
                "value": value,
                "unit": "bytes",
                "target": "<= 1000000",
                "met": value <= 1_000_000,
            }
        )
    peak = max(
        max(d["peak_rss_mb"], d["ingest"]["peak_rss_mb"], d.get("map_page_bytes", {}).get("server_peak_rss_mb", 0))
        for d in sizes.values()
    )
    out.append(
        {
            "name": "peak memory (largest process, all sizes)",
            "value": peak,
            "unit": "MB",
            "target": "<= 2048",
            "met": peak <= 2048,
        }
    )
    return out


def table(results: dict) -> str:
    """The results as a Markdown table (also printed)."""
    lines = ["| size | page | cold ms | warm ms |", "|---|---|---:|---:|"]
    for size, data in results["sizes"].items():
        for page, figures in data["pages"].items():
            lines.append(f"| {size} | {Path(page).stem} | {figures['cold_ms']:,.0f} | {figures['warm_ms']:,.0f} |")
    lines += [
        "",
        "| size | store rows (enf. / act.) | ingest rows/s | map page bytes | naive map | naive / ours "
        "| peak MB (pages / ingest / server) |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for size, data in results["sizes"].items():
        sent = data.get("map_page_bytes", {})
        bytes_text = f"{sent['websocket'] + sent['map_assets']:,}" if sent else "-"
        naive = data["naive_map"]
        naive_text = f"> {NAIVE_LIMIT_S:.0f} s (stopped)" if naive["stopped"] else f"{naive['seconds']:.1f} s"
        ours = data["pages"]["views/map.py"]["warm_ms"]
        store_rows = f"{data['store']['enforcement']:,} / {data['store']['activities']:,}"
        server = sent.get("server_peak_rss_mb", 0)
        peaks = f"{data['peak_rss_mb']:,.0f} / {data['ingest']['peak_rss_mb']:,.0f} / {server:,.0f}"
        lines.append(
            f"| {size} | {store_rows} | {data['ingest']['rows_per_s']:,.0f} | {bytes_text} | {naive_text} "
            f"| {_ratio(naive, ours)} | {peaks} |"
        )
    b = results["boundaries"]
    lines += [
        "",
        f"Boundaries cache built from the SQL dumps in {b['seconds']} s "
        f"(province layer {b['province_bytes']:,} B, regency layer {b['regency_bytes']:,} B).",
        "",
    ]
    lines += ["| target | value | target | met |", "|---|---:|---|---|"]
    for target in results["targets"]:
        met = "yes" if target["met"] else "NO"
        lines.append(f"| {target['name']} | {target['value']:,} {target['unit']} | {target['target']} | {met} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default=",".join(SIZES), help="comma-separated: " + ", ".join(SIZES))
    parser.add_argument("--no-browser", action="store_true", help="skip the map page bytes (no Chromium)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    started = time.perf_counter()
    results: dict = {"boundaries": boundaries_build(), "sizes": {}}
    for size in args.sizes.split(","):
        print(f"[bench] {size} ...", file=sys.stderr, flush=True)
        results["sizes"][size] = measure_size(size, browser=not args.no_browser)
    results["targets"] = targets(results)
    results["machine"] = {
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        "total_s": round(time.perf_counter() - started),
    }
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    text = table(results)
    write_readme_table(text, results)
    print(text)
    return 0


def write_readme_table(text: str, results: dict) -> None:
    """Replace the results block of bench/README.md with the latest table."""
    readme = ROOT / "bench" / "README.md"
    content = readme.read_text(encoding="utf-8")
    head, _, rest = content.partition(README_START)
    _, _, tail = rest.partition(README_END)
    machine = results["machine"]
    stamp = f"Last run: {time.strftime('%Y-%m-%d')}, {machine['cpus']} CPUs, Python {machine['python']}, "
    stamp += f"{machine['total_s']} s in all."
    readme.write_text(f"{head}{README_START}\n{stamp}\n\n{text}\n{README_END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
