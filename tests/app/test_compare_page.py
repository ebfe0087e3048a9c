"""AppTest: the compare page shows the table, ranking caveats, reconciliation and export buttons."""

from __future__ import annotations

from tests.app.conftest import open_page


def open_compare(app):
    return open_page(app, "views/compare.py")


def test_compare_all_provinces(app, drawn_maps):
    open_compare(app)
    table = app.dataframe[0].value
    assert len(table) == 38 + 1  # every province and the activities total
    assert table.iloc[-1]["Provinsi"] == "Total" and table.iloc[-1]["Kegiatan pencegahan"] == "5"
    kaltara = table.set_index("Provinsi").loc["Kalimantan Utara"]
    assert kaltara["Korban diselamatkan"] == "233"
    captions = " ".join(c.value for c in app.caption)
    assert "bukan ukuran besarnya" in captions and "tidak diperingkat" in captions and "Tanpa data" in captions
    reconcile = app.dataframe[1].value
    assert "472 / 494" in set(reconcile["Nilai dari semua sumber"])
    labels = [b.label for b in app.get("download_button")]
    assert labels == ["Tabel (CSV)", "Tabel (XLSX)", "Unduh ringkasan PDF"]


def test_compare_selected_provinces_and_public_mode(app, drawn_maps, monkeypatch):
    monkeypatch.setenv("PANTAU_PUBLIC_MODE", "1")
    open_compare(app)
    app.toggle(key="compare_all").set_value(False).run()
    app.multiselect(key="compare_codes").set_value(["62", "61", "65"]).run()
    assert not app.exception
    table = app.dataframe[0].value.set_index("Provinsi")
    assert table.loc["Kalimantan Tengah", "Laporan polisi"] == "<5"  # 3 LP
    assert table.loc["Kalimantan Tengah", "Laporan polisi / 100k"] == "<5"
    assert any("Mode publik" in i.value for i in app.info)
