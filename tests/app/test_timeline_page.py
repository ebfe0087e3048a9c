"""AppTest: the timeline page draws its four charts with the reported points."""

from __future__ import annotations


def test_timeline_charts(app, drawn_maps):
    app.run()
    app.switch_page("views/timeline.py").run()
    assert not app.exception
    assert len(app.get("plotly_chart")) == 4
    import json

    running = json.loads(app.get("plotly_chart")[0].proto.spec)
    marker_traces = [tr for tr in running["data"] if tr.get("mode") == "markers"]
    points = sum(len(tr["x"]) for tr in marker_traces)
    import csv

    from etl import config

    with open(config.REFERENCE_DATA_DIR / "national_timeline.csv", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["row_type"] == "cumulative_since_satgas"]
    expected = sum(1 for r in rows for column in ("police_reports_lp", "suspects", "victims") if r[column])
    assert points == expected == 77  # every reported value is a visible point
    texts = " ".join(t for tr in marker_traces for t in tr["hovertext"])
    assert "angka bertentangan" in texts and "idntimes.com" in texts
    annotations = [a["text"] for a in running["layout"]["annotations"]]
    assert any("Satgas TPPO" in a for a in annotations) and any("Perpres 19/2023" in a for a in annotations)


def test_timeline_for_one_province(app, drawn_maps):
    app.run()
    app.switch_page("views/timeline.py").run()
    app.selectbox(key="timeline_province").set_value("61").run()
    assert not app.exception
