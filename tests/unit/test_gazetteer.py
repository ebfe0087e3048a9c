"""Gazetteer: official names, aliases, police units, fuzzy fallback and clear errors."""

from __future__ import annotations

import re

import pytest

from etl.gazetteer import PlaceError, normalize

# (name as written in the wild, expected Kemendagri code). Includes every place in ../shared/seeds.
VARIANTS = [
    # provinces: official, upper case, abbreviations, "Prov." and spelling variants
    ("Kalimantan Barat", "61"),
    ("KALIMANTAN BARAT", "61"),
    ("Kalbar", "61"),
    ("kalbar", "61"),
    ("Prov. Kaltim", "64"),
    ("Provinsi Kalimantan Timur", "64"),
    ("Kaltim", "64"),
    ("Kaltara", "65"),
    ("Kalteng", "62"),
    ("Kalsel", "63"),
    ("Sumut", "12"),
    ("Sumatra Utara", "12"),
    ("SUMATERA UTARA", "12"),
    ("Sumbar", "13"),
    ("Sumsel", "16"),
    ("Jabar", "32"),
    ("Jateng", "33"),
    ("Jatim", "35"),
    ("DKI", "31"),
    ("DKI Jakarta", "31"),
    ("Jakarta", "31"),
    ("DIY", "34"),
    ("DI Yogyakarta", "34"),
    ("Daerah Istimewa Yogyakarta", "34"),
    ("NTT", "53"),
    ("NTB", "52"),
    ("Nusa Tenggara Timur", "53"),
    ("Babel", "19"),
    ("Bangka Belitung", "19"),
    ("Kepri", "21"),
    ("Kepulauan Riau", "21"),
    ("Sulsel", "73"),
    ("Sultra", "74"),
    ("Sulteng", "72"),
    ("Sulut", "71"),
    ("Sulbar", "76"),
    ("Malut", "82"),
    ("Papua Barat Daya", "96"),
    ("Papua Pegunungan", "95"),
    ("Aceh", "11"),
    ("Kalimantan Timr", "64"),  # typo, fuzzy fallback
    # regencies and cities
    ("Kab. Tanah Bumbu", "63.10"),
    ("Tanbu", "63.10"),
    ("Kabupaten Tanah Bumbu", "63.10"),
    ("Barsel", "62.04"),
    ("Kabupaten Barito Selatan", "62.04"),
    ("Kota Kupang", "53.71"),
    ("Kabupaten Kupang", "53.01"),
    ("Kab Kupang", "53.01"),
    ("Kota Singkawang", "61.72"),
    ("Singkawang", "61.72"),
    ("Balikpapan", "64.71"),
    ("Kota Balikpapan", "64.71"),
    ("Kolaka", "74.01"),
    ("Kabupaten Kolaka", "74.01"),
    ("Nunukan", "65.03"),
    ("Kab. Nunukan", "65.03"),
    ("Palangka Raya", "62.71"),
    ("Kota Palangkaraya", "62.71"),
    ("Jakarta Selatan", "31.74"),
    ("Kota Administrasi Jakarta Selatan", "31.74"),
    ("Kota Bengkulu", "17.71"),
    ("Tangsel", "36.74"),
    # police units
    ("Polda Kalbar", "61"),
    ("Polda Kalimantan Barat", "61"),
    ("Polda Metro Jaya", "31"),
    ("Polda Papua", "91"),
    ("Polda Papua Barat", "92"),
    ("Polda Kali[mantan Timur]", "64"),
    ("Polda Sumatra Barat", "13"),
    ("Satgas TPPO Polda Kalbar", "61"),
    ("Polda DIY", "34"),
    ("Satgas TPPO Bareskrim dan Polda Kaltara", "65"),
    ("Ditreskrimum Polda Sumut (Unit TPPO)", "12"),
    ("Polres Barito Selatan (Barsel)", "62.04"),
    ("Polres Barsel", "62.04"),
    ("Polresta Balikpapan", "64.71"),
    ("Polres Kolaka", "74.01"),
    ("Polres Singkawang", "61.72"),
    ("Polres Kupang", "53.01"),
    ("Polres Kupang Kota", "53.71"),
    ("Polrestabes Surabaya", "35.78"),
    ("Polres Metro Bekasi", "32.16"),
    ("Polres Metro Bekasi Kota", "32.75"),
    ("Polres Nunukan", "65.03"),
    ("Polresta Barelang", "21.71"),
    # government units and datelines from the seed articles
    ("Pemkot Singkawang", "61.72"),
    ("Pemkab Barito Selatan", "62.04"),
    ("Pemkot Balikpapan", "64.71"),
    ("Kantor Imigrasi Kelas II TPI Batulicin", "63.10"),
    ("Kanwil Kemenkumham Kalsel", "63"),
    ("BUNTOK", "62.04"),
    ("Kolaka", "74.01"),
    ("Batulicin", "63.10"),
    ("Tanah Bumbu", "63.10"),
    ("Sulawesi Tenggara", "74"),
    ("Kalimantan Tengah", "62"),
    ("Kalimantan Selatan", "63"),
]


def test_at_least_sixty_variants():
    assert len(VARIANTS) >= 60


@pytest.mark.parametrize(("name", "code"), VARIANTS)
def test_real_variants_resolve(gazetteer, name, code):
    assert gazetteer.resolve(name).code == code


def test_every_official_name_resolves(gazetteer):
    assert len(gazetteer.provinces) == 38
    assert len(gazetteer.regencies) == 514
    for place in gazetteer.all_places:
        assert gazetteer.resolve(place.name, place.level).code == place.code, place.name
        assert gazetteer.resolve(place.name.upper(), place.level).code == place.code, place.name
        assert gazetteer.resolve(place.code).code == place.code


def test_bare_kupang_is_ambiguous_and_lists_both(gazetteer):
    with pytest.raises(PlaceError) as info:
        gazetteer.resolve("Kupang")
    error = info.value
    assert error.kind == "ambiguous"
    assert {c.code for c in error.candidates} == {"53.01", "53.71"}
    assert "ambigu" in error.message_id and "Kota Kupang (53.71)" in error.message_id
    assert "ambiguous" in error.message_en


def test_unknown_name_lists_closest_candidates(gazetteer):
    with pytest.raises(PlaceError) as info:
        gazetteer.resolve("Kalimantan Tenggara")
    assert info.value.kind == "unknown"
    assert "62" in {c.code for c in info.value.candidates}
    assert "tidak dikenal" in info.value.message_id


def test_fuzzy_fallback_has_a_threshold(gazetteer):
    with pytest.raises(PlaceError):
        gazetteer.resolve("Jawa")  # too far from any single name to guess
    with pytest.raises(PlaceError):
        gazetteer.resolve("Atlantis")


def test_level_restricts_the_search(gazetteer):
    assert gazetteer.resolve("Bengkulu", "province").code == "17"
    assert gazetteer.resolve("Bengkulu", "regency").code == "17.71"
    with pytest.raises(PlaceError):
        gazetteer.resolve("Kota Kupang", "province")


def test_province_hint_disambiguates_regencies(gazetteer):
    assert gazetteer.resolve("Kolaka", "regency", province_code="74").code == "74.01"


def test_police_coverage_notes(gazetteer):
    metro = gazetteer.resolve("Polda Metro Jaya")
    assert set(metro.covers) >= {"31", "32.16", "32.75", "32.76", "36.71", "36.74"}
    assert "Bekasi" in metro.note_id and "Tangerang" in metro.note_en
    papua = gazetteer.resolve("Polda Papua")
    assert set(papua.covers) == {"91", "93", "94", "95"}
    assert set(gazetteer.resolve("Polda Papua Barat").covers) == {"92", "96"}


def test_every_place_named_in_the_seed_articles_resolves(gazetteer, shared_dir):
    names = [
        "Barito Selatan",
        "Barsel",
        "Kolaka",
        "Tanah Bumbu",
        "Batulicin",
        "Kalsel",
        "Singkawang",
        "Kalbar",
        "Kalimantan Barat",
        "Balikpapan",
        "Kalimantan Selatan",
    ]
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((shared_dir / "seeds").glob("*.txt")))
    for name in names:
        assert re.search(re.escape(name), text, re.IGNORECASE), name  # the name is really in the articles
        gazetteer.resolve(name)


def test_normalize():
    assert normalize("  Prov.  KALIMANTAN-Barat ") == "prov kalimantan barat"
    assert normalize("Polres Barito Selatan (Barsel)") == "polres barito selatan"
    assert normalize("Sumatra Utara") == "sumatera utara"


def test_normalize_ascii_shortcut_matches_the_full_rules():
    """The ASCII path skips the regular expressions; stored natural keys depend on it giving the same text."""
    import random

    from etl.gazetteer import _normalize_unicode

    rnd = random.Random(7)
    pieces = [chr(c) for c in range(128)] + ["Sumatra ", "sumatra", "(gloss)", "[x]", "  ", "Polda Kalbar"]
    samples = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 20))) for _ in range(20_000)]
    samples += ["https://www.Kompas.com/read/2023/06/09/tppo?x=1", "Polres Barito Selatan (Barsel)", "KALI[MANTAN]"]
    assert all(s.isascii() for s in samples)
    assert [normalize(s) for s in samples] == [_normalize_unicode(s) for s in samples]
    assert normalize("Bumi Café  (x)") == _normalize_unicode("Bumi Café  (x)") == "bumi café"
