"""Map builders: escaped text, local assets only, colours for data, no data and no population."""

from __future__ import annotations

import json

import pandas as pd

from dashboard.maps import (
    NO_DATA_FILL,
    NO_POPULATION_FILL,
    PALETTE,
    MapText,
    build_area_map,
    class_breaks,
    external_urls,
    fill_for,
)

SQUARE = {"type": "Polygon", "coordinates": [[[100, 0], [101, 0], [101, 1], [100, 1], [100, 0]]]}
GEOJSON = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "properties": {"code": c, "name": n}, "geometry": SQUARE}
        for c, n in (("61", "Kalimantan Barat"), ("62", "<b>Kalteng</b>"), ("91", "Papua"))
    ],
}
TEXT = MapText(
    "Korban",
    "tidak ada data",
    "tidak ada data penduduk",
    "Nilai",
    "Kegiatan",
    "Sumber",
    "kredit",
    number=lambda v: f"{v}",
)


def frame():
    return pd.DataFrame(
        {
            "province_code": ["61", "62", "91"],
            "value": [161.0, None, 10.0],
            "per_100k": [2.8, None, None],
            "has_population": [True, True, False],
            "reporting_unit": ["Polda <script>x</script>", None, "Polda Papua"],
        }
    )


def test_fill_classes():
    breaks = class_breaks(pd.Series([1, 2, 3, 4, 5, 10, 50]))
    assert breaks == sorted(breaks) and breaks[-1] == 50
    assert fill_for(None, breaks) == NO_DATA_FILL
    assert fill_for(50, breaks) == PALETTE[-1]
    assert fill_for(5, breaks, has_population=False) == NO_POPULATION_FILL


def test_no_external_assets_and_no_d3():
    fmap = build_area_map(GEOJSON, frame(), "value", TEXT, static_base="/app/static")
    assert external_urls(fmap) == []
    html = fmap.get_root().render()
    assert "/app/static/leaflet/leaflet.js" in html and "d3" not in html.lower().split("leaflet")[0]
    assert "cdn.jsdelivr" not in html and "code.jquery" not in html


def test_stored_text_is_escaped():
    points = [
        {
            "code": "61.72",
            "province_code": "61",
            "lat": 0.9,
            "lng": 109.0,
            "count": 1,
            "main_type": "seminar",
            "items": [
                {
                    "date": "2025-11-17",
                    "activity_type": "seminar",
                    "title": "<img src=x onerror=alert(1)>",
                    "organizer": "Ombudsman <b>RI</b>",
                    "source_url": "javascript:alert(1)",
                    "source_name": None,
                }
            ],
        }
    ]
    fmap = build_area_map(GEOJSON, frame(), "value", TEXT, points=points)
    layers = {c.layer_name: c.data for c in fmap._children.values() if getattr(c, "data", None)}
    areas = {f["properties"]["code"]: f["properties"] for f in layers["areas"]["features"]}
    assert areas["62"]["name"] == "&lt;b&gt;Kalteng&lt;/b&gt;"  # GeoJsonTooltip inserts it as HTML
    assert areas["61"]["detail"] == "Polda &lt;script&gt;x&lt;/script&gt;"
    dot = layers["activities"]["features"][0]["properties"]
    # popup lines stay plain text: the browser sets them with textContent, never as HTML
    assert "code" not in dot  # a click on a dot must not open a profile
    assert dot["items"] == [["2025-11-17", "seminar", "<img src=x onerror=alert(1)>", "Ombudsman <b>RI</b>", "", ""]]
    assert "javascript:" not in json.dumps(dot)  # an unsafe URL is not turned into a link
    script = fmap.get_root().render()
    assert "<img src=x" not in script and "<b>RI" not in script  # the page's script carries it escaped
    popup_script = script[script.index("bindPopup") - 200 : script.index("maxWidth: 320")]
    assert "textContent" in popup_script and "innerHTML" not in popup_script


def test_per_capita_marks_missing_population():
    fmap = build_area_map(GEOJSON, frame(), "per_100k", TEXT, per_capita=True)
    features = next(c for c in fmap._children.values() if getattr(c, "layer_name", "") == "areas")
    fills = {f["properties"]["code"]: f["properties"]["fill"] for f in features.data["features"]}
    labels = {f["properties"]["code"]: f["properties"]["label"] for f in features.data["features"]}
    assert fills["91"] == NO_POPULATION_FILL and labels["91"] == "tidak ada data penduduk"
    assert fills["62"] == NO_DATA_FILL and labels["62"] == "tidak ada data"
    assert fills["61"] in PALETTE


def test_points_fallback_when_no_boundaries():
    points_layer = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": "61", "name": "Kalimantan Barat"},
                "geometry": {"type": "Point", "coordinates": [109.3, 0.0]},
            }
        ],
    }
    html = build_area_map(points_layer, frame(), "value", TEXT).get_root().render()
    assert "L.CircleMarker" in html
