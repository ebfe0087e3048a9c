"""Ingest benchmark: a 100,000-row synthetic enforcement CSV through the upload path, into a benchmark store.

    python -m bench.ingest --db sqlite:///path/to/bench.db [--rows 100000] [--repeat 3]   (prints JSON)

Timed: read + validate + resolve places + personal-data guard + preview (``check_upload``), then the
one-transaction commit (``commit_upload``) - what a staff member's upload does. Each run goes into a fresh
copy of the store (so every run meets the same store); the median run is reported, with every run listed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import time
from pathlib import Path

from bench import synthetic
from bench.pages import peak_rss_mb
from etl import store
from etl.uploads import check_upload, commit_upload


def _copy_of(url: str, run: int) -> tuple[str, list[Path]]:
    """A copy of the SQLite store at ``url`` for one run, and the files to delete afterwards."""
    source = Path(url.split("///", 1)[1])
    target = source.with_name(f"{source.stem}.ingest-{run}{source.suffix}")
    files = [target, *(target.with_name(target.name + suffix) for suffix in ("-wal", "-shm"))]
    for path in files:
        path.unlink(missing_ok=True)
    shutil.copyfile(source, target)
    wal = source.with_name(source.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, files[1])
    os.sync()  # the copy's dirty pages are written now, not during the timed commit
    return f"sqlite:///{target}", files


def one_run(url: str, data: bytes, rows: int) -> dict:
    engine = store.make_engine(url)
    start = time.perf_counter()
    check = check_upload(engine, data, "bench-ingest.csv")
    checked = time.perf_counter()
    if not check.ok:
        raise SystemExit(f"synthetic file refused: {check.result.issues[:3]}")
    summary = commit_upload(engine, check, "benchmark")
    done = time.perf_counter()
    engine.dispose()
    return {
        "check_s": round(checked - start, 2),
        "commit_s": round(done - checked, 2),
        "rows_per_s": round(rows / (done - start)),
        "rows_new": summary.rows_new,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True, help="SQLAlchemy URL of a benchmark store (never the real one)")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs, each into a fresh copy of the store")
    parser.add_argument(
        "--seed", type=int, default=99, help="synthetic rows' seed (another seed: rows new to the store)"
    )
    args = parser.parse_args(argv)
    if not args.db.startswith("sqlite:///"):
        raise SystemExit("the ingest benchmark copies its store: give a SQLite file URL")
    data = synthetic.to_csv_bytes(synthetic.enforcement_frame(args.rows, seed=args.seed))
    runs = []
    for run in range(args.repeat):
        url, files = _copy_of(args.db, run)
        try:
            runs.append(one_run(url, data, args.rows))
        finally:
            for path in files:
                path.unlink(missing_ok=True)
    median = sorted(runs, key=lambda r: r["rows_per_s"])[len(runs) // 2]
    print(
        json.dumps(
            {
                "rows": args.rows,
                "file_bytes": len(data),
                **median,
                "runs_rows_per_s": [r["rows_per_s"] for r in runs],
                "spread_rows_per_s": round(statistics.pstdev([r["rows_per_s"] for r in runs])),
                "peak_rss_mb": peak_rss_mb(),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
