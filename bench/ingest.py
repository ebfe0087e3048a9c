"""Ingest benchmark: a 100,000-row synthetic enforcement CSV through the upload path, into a benchmark store.

    python -m bench.ingest --db sqlite:///path/to/bench.db [--rows 100000]     (prints JSON; used by bench.run)

Timed: read + validate + resolve places + personal-data guard + preview (``check_upload``), then the
one-transaction commit (``commit_upload``) - what a staff member's upload does.
"""

from __future__ import annotations

import argparse
import json
import time

from bench import synthetic
from bench.pages import peak_rss_mb
from etl import store
from etl.uploads import check_upload, commit_upload


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True, help="SQLAlchemy URL of a benchmark store (never the real one)")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument(
        "--seed", type=int, default=99, help="synthetic rows' seed (another seed: rows new to the store)"
    )
    args = parser.parse_args(argv)
    data = synthetic.to_csv_bytes(synthetic.enforcement_frame(args.rows, seed=args.seed))
    engine = store.make_engine(args.db)
    start = time.perf_counter()
    check = check_upload(engine, data, "bench-ingest.csv")
    checked = time.perf_counter()
    if not check.ok:
        raise SystemExit(f"synthetic file refused: {check.result.issues[:3]}")
    summary = commit_upload(engine, check, "benchmark")
    done = time.perf_counter()
    print(
        json.dumps(
            {
                "rows": args.rows,
                "file_bytes": len(data),
                "check_s": round(checked - start, 2),
                "commit_s": round(done - checked, 2),
                "rows_per_s": round(args.rows / (done - start)),
                "rows_new": summary.rows_new,
                "peak_rss_mb": peak_rss_mb(),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
