"""AppTest: the map page builds a map and a table for every measure, scale and period."""

from __future__ import annotations

from tests.app.conftest import open_page


def open_map(app):
    return open_page(app, "views/map.py")


def test_map_page_default_view(app, drawn_maps):
    open_map(app)
    assert app.title[0].value == "Peta TPPO per provinsi"
    _key, fmap = drawn_maps["maps"][-1]
    areas = next(c for c in fmap._children.values() if getattr(c, "layer_name", "") == "areas")
    assert len(areas.data["features"]) == 38
    table = app.dataframe[0].value
    assert len(table) == 38
    kalbar = table.set_index("Provinsi").loc["Kalimantan Barat"]
    assert kalbar["Nilai"] == "43" and kalbar["Unit pelapor"] == "Polda Kalimantan Barat"
    assert table.set_index("Provinsi").loc["Gorontalo", "Nilai"] == "tidak ada data"
    assert any("bukan penjumlahan" in c.value for c in app.caption)


def test_switching_metric_scale_and_period(app, drawn_maps):
    open_map(app)
    app.selectbox(key="map_metric").set_value("activities").run()
    app.selectbox(key="map_period").set_value("2025").run()
    table = app.dataframe[0].value.set_index("Provinsi")
    assert table.loc["Sulawesi Tenggara", "Nilai"] == "1"
    app.selectbox(key="map_metric").set_value("victims_rescued").run()
    app.selectbox(key="map_period").set_value("since_satgas").run()
    app.radio(key="map_scale").set_value(True).run()
    table = app.dataframe[0].value.set_index("Provinsi")
    assert table.loc["Kalimantan Barat", "Per 100.000 penduduk"] == "2,827"
    assert table.loc["Papua", "Per 100.000 penduduk"] == "–"  # no BPS 2024 population
    assert not app.exception


def test_custom_period(app, drawn_maps):
    open_map(app)
    app.selectbox(key="map_period").set_value("custom").run()
    import datetime as dt

    app.date_input(key="map_dates").set_value((dt.date(2024, 1, 1), dt.date(2024, 12, 31))).run()
    table = app.dataframe[0].value.set_index("Provinsi")
    assert (table["Nilai"] != "tidak ada data").sum() == 1  # only Kaltara reports LP... within 2024
    assert not app.exception


def test_click_on_a_province_opens_its_profile(app, drawn_maps):
    open_map(app)
    drawn_maps["click"] = "61"
    app.run()
    assert not app.exception
    assert app.query_params.get("kode") == ["61"] or app.query_params.get("kode") == "61"
    assert "Kalimantan Barat" in app.title[0].value


def test_english_labels(app, drawn_maps):
    open_map(app)
    app.sidebar.radio[0].set_value("en").run()
    assert app.title[0].value == "TPPO map by province"
    assert "Province" in app.dataframe[0].value.columns
