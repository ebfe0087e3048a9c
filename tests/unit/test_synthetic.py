"""The benchmark's synthetic generator: deterministic, spread over the whole country, skewed, always valid."""

from __future__ import annotations

import pandas as pd

from bench import synthetic
from etl.validation import validate_bytes


def test_same_seed_same_rows_other_seed_other_rows():
    first = synthetic.enforcement_frame(2_000, seed=5)
    assert first.equals(synthetic.enforcement_frame(2_000, seed=5))
    assert not first.equals(synthetic.enforcement_frame(2_000, seed=6))
    assert synthetic.activities_frame(500, seed=3).equals(synthetic.activities_frame(500, seed=3))


def test_spread_over_38_provinces_and_514_regencies_with_skew():
    frame = synthetic.activities_frame(60_000, seed=1)
    per_province = frame["provinsi"].value_counts()
    assert len(per_province) == 38
    assert frame["kabupaten_kota"].nunique() == 514
    assert per_province.iloc[0] > 20 * per_province.iloc[-1]  # a populous province dwarfs the smallest


def test_rows_pass_the_upload_validation_and_are_labelled_synthetic():
    for kind, frame in (
        ("enforcement", synthetic.enforcement_frame(3_000, seed=2)),
        ("activities", synthetic.activities_frame(3_000, seed=2)),
    ):
        result = validate_bytes(synthetic.to_csv_bytes(frame))
        assert result.kind == kind and result.ok, result.issues[:3]
        assert len(result.frame) == 3_000 and not result.frame["duplicate_in_file"].any()
        assert set(result.frame["source_name"]) == {synthetic.SOURCE_NAME}
        assert result.frame["source_url"].str.startswith("https://sintetis.invalid/").all()


def test_indonesian_number_format_is_exercised():
    frame = synthetic.enforcement_frame(20_000, seed=4)
    victims = frame["korban_diselamatkan"]
    assert victims.str.contains(r"^\d{1,3}\.\d{3}$").any()  # e.g. "1.006"
    typed = validate_bytes(synthetic.to_csv_bytes(frame)).frame
    big = victims.str.contains(r"\.").to_numpy()
    assert (pd.to_numeric(victims[big].str.replace(".", "")) == typed["victims_rescued"][big].astype(int)).all()
