"""Command line: the same functions the pages use.

python -m etl init [--database-url URL]
python -m etl stats --json
python -m etl resolve NAME...
python -m etl load FILE [--kind enforcement|activities] [--dry-run] [--json]
python -m etl export --kind enforcement|activities --format csv|xlsx --out FILE
python -m etl boundaries [--source DIR|URL]
python -m etl seed-build
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

from etl import config, store


def _engine(args: argparse.Namespace):
    return store.make_engine(getattr(args, "database_url", None))


def cmd_init(args: argparse.Namespace) -> int:
    from etl.seed import init_store

    report = init_store(_engine(args))
    seeded = report["seeded"]
    if seeded:
        parts = ", ".join(f"{k}: {v['rows_new']} baru/new" for k, v in seeded.items())
        print(f"Store created and seeded (schema v{report['schema_version']}): {parts}")
    else:
        print(f"Store ready (schema v{report['schema_version']}); already holds data, seed not reloaded.")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from etl.queries import stats

    data = stats(_engine(args))
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False, default=str))
    else:
        for table, count in data["tables"].items():
            print(f"{table:20} {count:>8}")
        print(f"provinces with data: {data['provinces_with_data_count']}")
        for metric, figure in data["latest_national"].items():
            print(f"latest {metric}: {figure['value']} ({figure['date']}, {figure['source_url']})")
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
    from etl.gazetteer import PlaceError, default_gazetteer

    gazetteer = default_gazetteer()
    failed = False
    for name in args.names:
        try:
            place = gazetteer.resolve(name)
            print(f"{name}\t{place.code}\t{place.name}")
        except PlaceError as exc:
            failed = True
            print(f"{name}\tERROR\t{exc.message_en}")
    return 1 if failed else 0


def cmd_load(args: argparse.Namespace) -> int:
    from etl.uploads import check_upload, commit_upload

    path = Path(args.file)
    engine = _engine(args)
    store.migrate(engine)
    check = check_upload(engine, path.read_bytes(), path.name, args.kind)
    result = check.result
    output = result.to_json()
    if check.summary is not None:
        output["preview"] = check.summary.to_dict()
    if result.ok and not args.dry_run:
        output["batch"] = commit_upload(engine, check, args.user or getpass.getuser()).to_dict()
    if args.json:
        print(json.dumps(output, ensure_ascii=False, indent=2, default=str))
    else:
        for issue in result.issues:
            where = f"baris/row {issue.row}" if issue.row else "berkas/file"
            print(
                f"{where}, kolom/column {issue.column or '-'}: {issue.message_id} / {issue.message_en} [{issue.value}]"
            )
        print(
            f"{output['rows']} rows, {output['valid']} valid, {len(result.issues)} errors"
            + (f"; batch {output['batch']['batch_id']} committed" if "batch" in output else "")
        )
    return 0 if result.ok else 1


def cmd_export(args: argparse.Namespace) -> int:
    from etl.exports import to_csv_bytes, to_xlsx_bytes

    engine = _engine(args)
    frame = store.enforcement_frame(engine) if args.kind == "enforcement" else store.activities_frame(engine)
    frame = frame.drop(columns=["natural_key", "content_hash"], errors="ignore")
    data = to_csv_bytes(frame) if args.format == "csv" else to_xlsx_bytes(frame, args.kind)
    Path(args.out).write_bytes(data)
    print(f"{len(frame)} rows -> {args.out}")
    return 0


def cmd_boundaries(args: argparse.Namespace) -> int:
    from etl.boundaries import BoundarySourceError, build_boundaries

    try:
        manifest = build_boundaries(args.source, force=args.force)
    except BoundarySourceError as exc:
        print(
            f"Batas wilayah tidak tersedia / boundaries unavailable: {exc}. "
            "Peta memakai titik / the map falls back to points.",
            file=sys.stderr,
        )
        return 2
    for level, info in manifest["layers"].items():
        print(f"{level}: {info['features']} areas, {info['bytes']:,} bytes")
    return 0


def cmd_users(args: argparse.Namespace) -> int:
    from etl.users import UserError, add_user, list_users, set_active

    engine = _engine(args)
    store.migrate(engine)
    try:
        if args.action == "add":
            password = (
                args.password or os.environ.get("PANTAU_NEW_PASSWORD") or getpass.getpass("Kata sandi / password: ")
            )
            user = add_user(engine, args.username, password, args.role, args.display_name or "")
            print(f"added {user.username} ({user.role})")
        elif args.action in ("disable", "enable"):
            set_active(engine, args.username, args.action == "enable")
            print(f"{args.action}d {args.username}")
        else:
            for row in list_users(engine):
                state = "active" if row["active"] else "disabled"
                locked = f", locked until {row['locked_until']}" if row["locked_until"] else ""
                print(f"{row['username']}\t{row['role']}\t{state}{locked}")
    except UserError as exc:
        print(f"{exc.message_id} / {exc.message_en}", file=sys.stderr)
        return 1
    return 0


def cmd_brief(args: argparse.Namespace) -> int:
    from etl.brief import brief_for

    engine = _engine(args)
    try:
        from etl.analysis.periods import parse_period

        codes = [c.strip() for c in args.province.split(",") if c.strip()]
        period = parse_period(args.period)
        pdf = brief_for(engine, codes, args.lang, config.public_mode(), args.period, period)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    Path(args.out).write_bytes(pdf)
    print(f"{len(pdf):,} bytes -> {args.out}")
    return 0


def cmd_figures(args: argparse.Namespace) -> int:
    """The figure every page shows per province for a metric and period (``etl.analysis.figures``)."""
    from etl.analysis.figures import figure_records, load_inputs, province_figures
    from etl.analysis.periods import parse_period

    try:
        period = parse_period(args.period)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    records = figure_records(province_figures(load_inputs(_engine(args)), args.metric, period))
    if not args.per_capita:
        for record in records:
            record.pop("rate_note")
    if args.json:
        print(json.dumps(records, ensure_ascii=False, indent=1))
        return 0
    for r in records:
        value = "no data" if r["value"] is None else r["value"]
        rate = f"  {r['rate_per_100k']}/100k" if args.per_capita and r["rate_per_100k"] is not None else ""
        period = f"{r['period_start'] or ''}..{r['period_end'] or ''}"
        print(f"{r['province_code']} {r['province']}: {value}{rate}  {period}  {r['source_url'] or ''}")
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    """Every documented conflict between published figures, with all values and sources."""
    from etl import store
    from etl.analysis.conflicts import conflict_list

    engine = _engine(args)
    names = store.provinces_frame(engine).set_index("code")["name"].to_dict()
    found = conflict_list(store.conflicts_frame(engine), names)
    if args.json:
        print(json.dumps(found, ensure_ascii=False, indent=1))
        return 0
    for c in found:
        values = " / ".join(str(v["value"]) for v in c["values"])
        period = f"{c['period_start'] or ''}..{c['period_end'] or ''}"
        print(f"{c['conflict_id']} {c['place']} {c['metric']} {period}: {values} - {c['reason_en']}")
    return 0


def cmd_news(args: argparse.Namespace) -> int:
    import datetime as dt

    from etl.news import extract, html_to_text

    published = dt.date.fromisoformat(args.date) if args.date else None
    records, failed = [], False
    for name in args.files:
        path = Path(name)
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix.lower() in {".html", ".htm"}:
            text = html_to_text(text)
        result = extract(text, args.url, published, source_name=None if args.url else path.name)
        if not result.drafts:
            failed = True
            print(f"{path.name}: {result.message_id} / {result.message_en}", file=sys.stderr)
        records.extend(draft.record(path.name) for draft in result.drafts)
    if args.json:
        print(json.dumps(records, ensure_ascii=False, indent=2, default=str))
    else:
        for record in records:
            shown = {
                k: v for k, v in record.items() if v not in (None, "", [], {}) and k not in ("evidence", "confidence")
            }
            print(json.dumps(shown, ensure_ascii=False, default=str))
    return 1 if failed and not records else 0


def cmd_news_eval(args: argparse.Namespace) -> int:
    from etl.news.evaluate import evaluate, report

    directory = Path(args.directory)
    if not (directory / "labels.csv").is_file() or not (directory / "articles").is_dir():
        print(
            f"{directory}: butuh labels.csv dan folder articles/ / needs labels.csv and an articles/ folder",
            file=sys.stderr,
        )
        return 2
    score = evaluate(directory, args.half)
    if args.json:
        print(json.dumps(score.as_dict(), ensure_ascii=False, indent=1))
    else:
        print(report(score, f"{directory} (half: {args.half})"))
    return 0


def cmd_seed_build(_args: argparse.Namespace) -> int:
    from etl.seed_build import write_files

    for path in write_files():
        print(f"wrote {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m etl", description="Pantau TPPO data tools")
    sub = parser.add_subparsers(dest="command", required=True)

    init = sub.add_parser("init", help="create the schema and load the seed data if empty")
    init.add_argument("--database-url")
    init.set_defaults(func=cmd_init)

    stats = sub.add_parser("stats", help="counts per table, provinces with data, latest national figures")
    stats.add_argument("--json", action="store_true")
    stats.add_argument("--database-url")
    stats.set_defaults(func=cmd_stats)

    resolve = sub.add_parser("resolve", help="resolve place or police-unit names to Kemendagri codes")
    resolve.add_argument("names", nargs="+")
    resolve.set_defaults(func=cmd_resolve)

    load = sub.add_parser("load", help="validate and commit one CSV/XLSX file as a batch")
    load.add_argument("file")
    load.add_argument("--kind", choices=["enforcement", "activities"])
    load.add_argument("--dry-run", action="store_true")
    load.add_argument("--json", action="store_true")
    load.add_argument("--user")
    load.add_argument("--database-url")
    load.set_defaults(func=cmd_load)

    export = sub.add_parser("export", help="export records to CSV or XLSX (formulas neutralised)")
    export.add_argument("--kind", choices=["enforcement", "activities"], required=True)
    export.add_argument("--format", choices=["csv", "xlsx"], required=True)
    export.add_argument("--out", required=True)
    export.add_argument("--database-url")
    export.set_defaults(func=cmd_export)

    boundaries = sub.add_parser("boundaries", help="build the simplified boundary cache")
    boundaries.add_argument("--source", help="folder holding db/ or the upstream base URL")
    boundaries.add_argument("--force", action="store_true")
    boundaries.set_defaults(func=cmd_boundaries)

    users = sub.add_parser("users", help="manage staff accounts: add, disable, enable, list")
    users.add_argument("action", choices=["add", "disable", "enable", "list"])
    users.add_argument("username", nargs="?")
    users.add_argument("--role", choices=["staff", "admin"], default="staff")
    users.add_argument("--display-name")
    users.add_argument("--password", help="prefer the prompt or PANTAU_NEW_PASSWORD; never commit passwords")
    users.add_argument("--database-url")
    users.set_defaults(func=cmd_users)

    brief = sub.add_parser("brief", help="one-page province brief as PDF")
    brief.add_argument("--province", required=True, help="Kemendagri code(s), e.g. 61 or 61,65,53")
    brief.add_argument("--period", default="since_satgas", help="since_satgas, a year, or YYYY-MM-DD:YYYY-MM-DD")
    brief.add_argument("--lang", choices=["id", "en"], default="id")
    brief.add_argument("--out", required=True)
    brief.add_argument("--database-url")
    brief.set_defaults(func=cmd_brief)

    figures = sub.add_parser("figures", help="the figure shown per province for a metric and period")
    figures.add_argument(
        "--metric", required=True, choices=["police_reports", "cases", "suspects", "victims_rescued", "activities"]
    )
    figures.add_argument("--period", default="since_satgas", help="since_satgas, a year, or YYYY-MM-DD:YYYY-MM-DD")
    figures.add_argument("--per-capita", action="store_true", help="explain the rate where there is none")
    figures.add_argument("--json", action="store_true")
    figures.add_argument("--database-url")
    figures.set_defaults(func=cmd_figures)

    conflicts = sub.add_parser("conflicts", help="every documented conflict between published figures")
    conflicts.add_argument("--json", action="store_true")
    conflicts.add_argument("--database-url")
    conflicts.set_defaults(func=cmd_conflicts)

    news = sub.add_parser("news", help="draft records from news articles (.txt or .html)")
    news.add_argument("files", nargs="+")
    news.add_argument("--json", action="store_true")
    news.add_argument("--url", help="source URL of the article")
    news.add_argument("--date", help="publication date (YYYY-MM-DD), completes dates like 'Rabu (4/6)'")
    news.set_defaults(func=cmd_news)

    news_eval = sub.add_parser("news-eval", help="score the news extractor on labelled articles (news-dev format)")
    news_eval.add_argument("directory", help="folder with articles/*.txt and labels.csv")
    news_eval.add_argument(
        "--half", choices=("all", "a", "b"), default="all", help="a = odd file numbers, b = even (a held-out split)"
    )
    news_eval.add_argument("--json", action="store_true")
    news_eval.set_defaults(func=cmd_news_eval)

    seed_build = sub.add_parser("seed-build", help="rebuild data/seed/ from ../shared/reference-data")
    seed_build.set_defaults(func=cmd_seed_build)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
