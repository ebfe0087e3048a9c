"""One event, one count: the same prevention event in several records is recognised and counted once.

Two records are the same event when they share the start date and activity type and either
- they are at the same place (regency, else province) and their titles say the same thing (two outlets: at least
  60 % of the title words shared) - a same-day awareness event in another regency is another event, or
- both are a national online or hybrid meeting ("nasional" in the title) joined from different places.
The event keeps every participation (place) and every source.
"""

from __future__ import annotations

import re

import pandas as pd

from etl.gazetteer import normalize

_STOPWORDS = {"dan", "di", "ke", "dari", "oleh", "yang", "dengan", "untuk", "dalam", "bersama", "secara", "tppo"}
REMOTE_MODES = {"online", "hybrid"}


def _words(title: object) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", normalize(str(title or ""))) if w not in _STOPWORDS and len(w) > 2}


def _same_event(words_a: set[str], words_b: set[str], same_place: bool, remote_a: bool, remote_b: bool) -> bool:
    if same_place and words_a and words_b and len(words_a & words_b) / min(len(words_a), len(words_b)) >= 0.6:
        return True
    return "nasional" in words_a and "nasional" in words_b and remote_a and remote_b


def event_ids(activities: pd.DataFrame) -> pd.Series:
    """An event id per activity row (the position of the first row of its event), aligned with ``activities``."""
    count = len(activities)
    ids = list(range(count))
    if count < 2:
        return pd.Series(ids, index=activities.index, dtype="int64")
    keys = pd.Series(list(zip(activities["date"], activities["activity_type"], strict=True)))
    repeated = keys.duplicated(keep=False).to_numpy()
    if not repeated.any():
        return pd.Series(ids, index=activities.index, dtype="int64")
    titles = activities["title"].to_numpy()
    modes = activities["mode"].to_numpy() if "mode" in activities else [None] * count
    regency = activities["regency_code"] if "regency_code" in activities else pd.Series(None, index=activities.index)
    province = activities["province_code"] if "province_code" in activities else pd.Series(None, index=activities.index)
    places = regency.astype(object).where(regency.notna(), province.astype(object)).to_numpy()
    groups: dict[object, list[int]] = {}
    for position in repeated.nonzero()[0].tolist():
        groups.setdefault(keys[position], []).append(position)

    def root(i: int) -> int:
        while ids[i] != i:
            i = ids[i]
        return i

    for members in groups.values():
        words = {i: _words(titles[i]) for i in members}
        for n, a in enumerate(members):
            for b in members[n + 1 :]:
                same_place = isinstance(places[a], str) and places[a] == places[b]
                if _same_event(words[a], words[b], same_place, modes[a] in REMOTE_MODES, modes[b] in REMOTE_MODES):
                    ra, rb = root(a), root(b)
                    ids[max(ra, rb)] = min(ra, rb)
    return pd.Series([root(i) for i in range(count)], index=activities.index, dtype="int64")


def count_events(activities: pd.DataFrame) -> int:
    """How many distinct events the rows describe."""
    return int(event_ids(activities).nunique()) if not activities.empty else 0
