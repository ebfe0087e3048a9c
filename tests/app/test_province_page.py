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
    sources = [m.value for m in app.markdown if m.value.startswith("Sumber:")]
    assert len(sources) == 4 and all("](https://" in s for s in sources)
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
    assert any("Belum ada catatan" in i.value for i in app.info)
