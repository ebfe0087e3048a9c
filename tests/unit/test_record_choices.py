"""The corrections picker lists a bounded, searchable set of records."""

from __future__ import annotations

import pandas as pd

from etl.batches import record_choices


def _records(n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": range(1, n + 1),
            "record_ref": [f"REF-{i}" if i % 2 else None for i in range(1, n + 1)],
            "reporting_unit": [f"Polres Kota {i}" for i in range(1, n + 1)],
            "reference_date": pd.to_datetime(["2025-01-31"] * (n - 1) + [None]),
        }
    )


def test_blank_search_lists_the_latest_records_up_to_the_limit():
    choices, matches = record_choices(_records(1_000), "enforcement", "", limit=50)
    assert matches == 1_000 and len(choices) == 50
    assert list(choices)[:2] == [1_000, 999]
    assert choices[1_000] == "1000 · Polres Kota 1000 · " and choices[999] == "REF-999 · Polres Kota 999 · 2025-01-31"


def test_search_by_reference_unit_or_id():
    records = _records(1_000)
    assert set(record_choices(records, "enforcement", "ref-99")[0]) >= {99, 991, 999}
    by_unit, matches = record_choices(records, "enforcement", "kota 12")
    assert 12 in by_unit and 120 in by_unit and matches == 11
    assert 500 in record_choices(records, "enforcement", "500")[0]
    assert record_choices(records, "enforcement", "tidak ada")[1] == 0
