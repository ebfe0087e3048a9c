"""The command line, run as a user would (a subprocess against a temporary store)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, db: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ}
    env.pop("DATABASE_URL", None)
    if db is not None:
        env["DATABASE_URL"] = f"sqlite:///{db}"
    return subprocess.run(
        [sys.executable, "-m", "etl", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "cli.db"
    first = run("init", db=path)
    assert first.returncode == 0 and "178" in first.stdout
    second = run("init", db=path)
    assert second.returncode == 0 and "not reloaded" in second.stdout
    return path


def test_resolve_prints_tab_separated_lines_and_fails_on_errors():
    ok = run("resolve", "Kalbar", "Kab. Tanah Bumbu")
    assert ok.returncode == 0
    assert ok.stdout.splitlines() == ["Kalbar\t61\tKalimantan Barat", "Kab. Tanah Bumbu\t63.10\tKabupaten Tanah Bumbu"]
    bad = run("resolve", "Kalbar", "Kupang")
    assert bad.returncode == 1
    assert bad.stdout.splitlines()[1].startswith("Kupang\tERROR\t") and "53.71" in bad.stdout


def test_stats_json(db):
    result = run("stats", "--json", db=db)
    data = json.loads(result.stdout)
    assert data["tables"]["enforcement"] == 178 and data["tables"]["activities"] == 5
    assert data["latest_national"]["suspects"]["value"] == 1006


def test_load_with_errors_commits_nothing(db):
    before = json.loads(run("stats", "--json", db=db).stdout)["tables"]
    result = run("load", str(FIXTURES / "enforcement_excel_id_10_errors.csv"), "--json", db=db)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["rows"] == 14 and data["valid"] == 4
    assert [e["row"] for e in data["errors"]] == list(range(2, 12))
    assert json.loads(run("stats", "--json", db=db).stdout)["tables"] == before


def test_load_dry_run_then_commit(db):
    corrected = str(FIXTURES / "enforcement_excel_id_corrected.csv")
    dry = run("load", corrected, "--dry-run", "--json", db=db)
    assert dry.returncode == 0 and "batch" not in json.loads(dry.stdout)
    committed = json.loads(run("load", corrected, "--json", "--user", "staf", db=db).stdout)
    assert committed["batch"]["rows_new"] == 14
    again = json.loads(run("load", corrected, "--json", db=db).stdout)
    assert again["batch"]["rows_new"] == 0 and again["batch"]["rows_unchanged"] == 14


def test_export_xlsx_and_csv(db, tmp_path):
    out = tmp_path / "enforcement.xlsx"
    assert run("export", "--kind", "enforcement", "--format", "xlsx", "--out", str(out), db=db).returncode == 0
    sheet = load_workbook(out).active
    header = [c.value for c in sheet[1]]
    assert "source_url" in header and sheet.max_row >= 179
    csv_out = tmp_path / "activities.csv"
    assert run("export", "--kind", "activities", "--format", "csv", "--out", str(csv_out), db=db).returncode == 0
    assert csv_out.read_text(encoding="utf-8-sig").count("\n") == 6


def test_boundaries_reports_missing_source(tmp_path):
    result = run("boundaries", "--source", str(tmp_path / "missing"))
    assert result.returncode == 2 and "falls back to points" in result.stderr


def test_users_cli(db):
    env_password = {"PANTAU_NEW_PASSWORD": "correct-horse-battery"}
    import os as _os

    _os.environ.update(env_password)
    try:
        added = run("users", "add", "Staf.Data", "--role", "admin", db=db)
    finally:
        _os.environ.pop("PANTAU_NEW_PASSWORD")
    assert added.returncode == 0 and "staf.data (admin)" in added.stdout
    assert run("users", "add", "staf.data", "--password", "another-long-password", db=db).returncode == 1
    assert run("users", "disable", "staf.data", db=db).returncode == 0
    listing = run("users", "list", db=db).stdout
    assert "staf.data\tadmin\tdisabled" in listing and "$argon2" not in listing


def test_brief_cli(db, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "kaltara.pdf"
    result = run("brief", "--province", "65", "--period", "2024", "--lang", "en", "--out", str(out), db=db)
    assert result.returncode == 0 and out.stat().st_size > 10_000
    text = PdfReader(str(out)).pages[0].extract_text()
    assert "Province brief: Kalimantan Utara" in text and "Victims rescued: 102" in text  # Jan-Apr 2024 report
    assert "2024-01-01 – 2024-12-31" in text and "2023" not in text.split("Reported figures")[0]  # the filter holds
    both = tmp_path / "two.pdf"
    assert run("brief", "--province", "53,65", "--period", "2023", "--out", str(both), db=db).returncode == 0
    pages = PdfReader(str(both)).pages
    assert len(pages) == 2 and "Nusa Tenggara Timur" in pages[0].extract_text()
    assert "Korban diselamatkan: 255" in pages[0].extract_text()  # Polda NTT, whole of 2023: as on the map for 2023
    assert run("brief", "--province", "99", "--out", str(tmp_path / "x.pdf"), db=db).returncode == 1
