"""Templates read back as valid files; the personal-data guard flags people, not agencies."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from etl import config
from etl.pii import personal_data_issues
from etl.templates import guide_frame, template_csv, template_xlsx
from etl.validation import validate_bytes


@pytest.mark.parametrize("kind", ["enforcement", "activities"])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_templates_round_trip(kind, lang):
    for data in (template_csv(kind, lang), template_xlsx(kind, lang)):
        result = validate_bytes(data, kind)
        assert result.ok, result.issues
        assert result.rows == 1  # the example row
    sheets = load_workbook(io.BytesIO(template_xlsx(kind, lang))).sheetnames
    assert sheets[0] == "data" and len(sheets) == 2
    guide = guide_frame(kind, lang)
    assert len(guide) >= 10 and guide.iloc[:, 3].str.len().min() > 0


def test_indonesian_csv_template_uses_semicolons():
    assert template_csv("enforcement", "id").decode("utf-8-sig").splitlines()[0].startswith("unit_pelapor;cakupan")
    assert template_csv("activities", "en").decode("utf-8-sig").splitlines()[0].startswith("date,end_date")


def test_seed_files_hold_no_personal_data():
    for name in ("enforcement.csv", "activities.csv"):
        frame = pd.read_csv(config.SEED_DIR / name, dtype=str, keep_default_na=False)
        assert personal_data_issues(frame) == []


def test_personal_data_is_flagged_with_masked_values():
    frame = pd.DataFrame(
        {
            "judul": ["Rakor TPPO", "hubungi 0812-3456-7890"],
            "catatan": ["", "NIK 3201011508950001"],
            "email_korban": ["", ""],
        }
    )
    issues = personal_data_issues(frame)
    found = {(i.row, i.column) for i in issues}
    assert found == {(2, "judul"), (2, "catatan"), (None, "email_korban")}
    assert all("3201011508950001" not in i.value and "0812-3456-7890" not in i.value for i in issues)
