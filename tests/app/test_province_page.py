"""AppTest: the province profile, opened by URL, shows figures with sources, records and gaps."""

from __future__ import annotations


def test_profile_from_query_string(app, drawn_maps):
    app.query_params["kode"] = "61"
    app.run()
    app.switch_page("views/province.py").run()
    assert not app.exception
    assert app.title[0].value == "Profil provinsi: Kalimantan Barat"
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Korban diselamatkan"] == "161" and metrics["Laporan polisi"] == "43"
    assert metrics["Kasus"] == "tidak ada data"  # since the Satgas: no running total of cases for Kalbar
    sources = [m.value for m in app.markdown if m.value.startswith("Sumber:")]
    assert len(sources) == 3 and all("](https://" in s for s in sources)
    periods = [x.value for x in app.text]
    assert "5 Jun 2023 – 22 Jun 2023 · Polda Kalimantan Barat · Total berjalan Satgas" in periods
    records = app.dataframe[0].value
    import csv

    from etl import config

    with open(config.SEED_DIR / "enforcement.csv", encoding="utf-8") as handle:
        kalbar = [r for r in csv.DictReader(handle) if r["province"] == "Kalimantan Barat"]
    assert len(records) == len(kalbar) + 1 == 10  # its enforcement records and its one activity
    assert "Penegakan hukum" in set(records["Jenis"]) and "Kegiatan" in set(records["Jenis"])
    text = " ".join(m.value for m in app.markdown)
    assert "Pemulangan dan reintegrasi" in text  # a pillar no recorded activity touched
    assert [k for k, _ in drawn_maps["maps"]] == ["peta_kabupaten_61"]


def test_profile_shows_coverage_note_and_gaps(app, drawn_maps):
    app.query_params["kode"] = "32"
    app.run()
    app.switch_page("views/province.py").run()
    assert any("Polda Metro Jaya" in i.value for i in app.info)
    app.query_params["kode"] = "75"
    app.switch_page("views/province.py").run()
    assert app.title[0].value == "Profil provinsi: Gorontalo"
    assert {m.value for m in app.metric} == {"tidak ada data"}
    assert any("Belum ada catatan" in i.value for i in app.info)


def test_profile_period_matches_the_map_for_ntt(app, drawn_maps):
    app.query_params["kode"] = "53"
    app.run()
    app.switch_page("views/province.py").run()
    assert {m.label: m.value for m in app.metric}["Korban diselamatkan"] == "128"  # Satgas list, 5-22 June 2023
    app.selectbox(key="profile_period").set_value("2023").run()
    assert {m.label: m.value for m in app.metric}["Korban diselamatkan"] == "255"  # Polda NTT, whole of 2023
    assert any("256" in x.value and x.value.startswith("⚠") for x in app.text)  # the other value, beside it
