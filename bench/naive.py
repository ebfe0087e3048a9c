"""The naive map page the benchmark compares against (never used by the app).

What a first prototype would do on every rerun: read the CSV exports with pandas, take each
province's latest figure, draw the full-resolution polygons straight from the SQL dumps, and add
one ``folium.Marker`` per activity. Run as a script it prints JSON with its time and HTML size:

    python -m bench.naive ENFORCEMENT.csv ACTIVITIES.csv
"""

from __future__ import annotations

import json
import sys
import time

import folium
import pandas as pd
from shapely.geometry import mapping

from etl import boundaries, config


def naive_map_html(enforcement_csv: str, activities_csv: str) -> str:
    """Build the whole naive map page and return its HTML."""
    enforcement = pd.read_csv(enforcement_csv, sep=";", dtype=str)
    activities = pd.read_csv(activities_csv, sep=";", dtype=str)
    enforcement["tersangka"] = pd.to_numeric(enforcement["tersangka"].str.replace(".", ""), errors="coerce")
    enforcement["periode_akhir"] = pd.to_datetime(enforcement["periode_akhir"], dayfirst=True)
    latest = enforcement.sort_values("periode_akhir").groupby("provinsi")["tersangka"].last()
    rows = boundaries.read_rows(str(config.GEO_SOURCE_DIR), boundaries.PROVINCE_FILES)
    features = [
        {
            "type": "Feature",
            "properties": {"name": row.name, "value": float(latest.get(row.name, 0) or 0)},
            "geometry": mapping(boundaries.to_geometry(row.path)),
        }
        for row in rows
    ]
    points = pd.read_csv(config.REFERENCE_DIR / "area_points.csv", dtype={"code": str})
    where = dict(zip(points["name"], zip(points["lat"], points["lng"], strict=True), strict=True))
    page = folium.Map(location=[-2.5, 118], zoom_start=5, tiles=None)
    folium.GeoJson({"type": "FeatureCollection", "features": features}).add_to(page)
    for activity in activities.itertuples(index=False):
        location = where.get(activity.kabupaten_kota) or where.get(activity.provinsi)
        if location:
            folium.Marker(location, popup=f"{activity.tanggal} {activity.judul}").add_to(page)
    return page.get_root().render()


def main(argv: list[str]) -> int:
    start = time.perf_counter()
    html = naive_map_html(argv[0], argv[1])
    print(json.dumps({"seconds": time.perf_counter() - start, "html_bytes": len(html.encode())}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
