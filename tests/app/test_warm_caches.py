"""After a commit, undo or correction the record frames load in the background, before a page asks."""

from __future__ import annotations

from dashboard import data
from etl import store


def test_warmed_frames_are_served_without_reading_the_store_again(seeded_url, monkeypatch):
    data.after_write().join(timeout=60)
    version = data.data_version()

    def must_not_load(*_args, **_kwargs):
        raise AssertionError("the store was read again: the frames were not warmed")

    monkeypatch.setattr(store, "enforcement_frame", must_not_load)
    monkeypatch.setattr(store, "activities_frame", must_not_load)
    assert len(data.enforcement(version)) == 178 and len(data.activities(version)) == 5
    assert data.overview(version).enforcement_records == 178
