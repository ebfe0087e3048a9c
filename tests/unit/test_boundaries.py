"""Boundaries: all areas with official codes, small enough for a browser, shared borders kept."""

from __future__ import annotations

import json

import pytest
import shapely

from etl import boundaries


@pytest.fixture(scope="module")
def built(tmp_path_factory, shared_dir):
    cache = tmp_path_factory.mktemp("geo")
    manifest = boundaries.build_boundaries(str(shared_dir / "geo" / "wilayah_boundaries"), cache_dir=cache)
    return cache, manifest


def test_all_areas_with_official_codes(built, gazetteer):
    cache, manifest = built
    provinces = boundaries.load_layer("province", cache)
    regencies = boundaries.load_layer("regency", cache)
    assert {f["properties"]["code"] for f in provinces["features"]} == set(gazetteer.provinces)
    assert {f["properties"]["code"] for f in regencies["features"]} == set(gazetteer.regencies)
    assert manifest["layers"]["province"]["features"] == 38 and manifest["layers"]["regency"]["features"] == 514
    assert manifest["credit"].startswith("Batas wilayah: cahyadsn/wilayah_boundaries")


def test_province_layer_is_at_most_400_kb(built):
    cache, manifest = built
    size = boundaries.cache_paths(cache)["province"].stat().st_size
    assert size <= 400 * 1024 and manifest["layers"]["province"]["bytes"] == size


def test_geometries_valid_and_in_lng_lat_order(built):
    cache, _ = built
    shapes = boundaries.shapes(boundaries.load_layer("province", cache))
    assert all(g.is_valid and not g.is_empty for g in shapes.values())
    # Jakarta lies near 106.8 E, 6.2 S: GeoJSON order is (lng, lat).
    assert shapes["31"].contains(shapely.Point(106.83, -6.2))


def test_neighbouring_borders_still_meet(built, shared_dir):
    cache, _ = built
    shapes = boundaries.shapes(boundaries.load_layer("province", cache))
    source = {
        r.code: r
        for r in boundaries.read_rows(str(shared_dir / "geo" / "wilayah_boundaries"), boundaries.PROVINCE_FILES)
    }
    for a, b in [("32", "33"), ("33", "35"), ("61", "62"), ("62", "63"), ("64", "65"), ("12", "14")]:
        assert shapes[a].distance(shapes[b]) == 0, (a, b)  # no gap opened between neighbours
        border = shapes[a].boundary.intersection(shapes[b].boundary)
        assert border.length > 0.3, (a, b, border.length)  # they share a line, not a point
        # The source polygons overlap slightly in places; simplification must not make it worse.
        source_overlap = (
            boundaries.to_geometry(source[a].path).intersection(boundaries.to_geometry(source[b].path)).area
        )
        assert shapes[a].intersection(shapes[b]).area <= max(1.5 * source_overlap, 1e-4), (a, b)


def test_cache_is_reused_when_nothing_changed(built, shared_dir):
    cache, manifest = built
    before = boundaries.cache_paths(cache)["province"].stat().st_mtime_ns
    again = boundaries.build_boundaries(str(shared_dir / "geo" / "wilayah_boundaries"), cache_dir=cache)
    assert again == manifest
    assert boundaries.cache_paths(cache)["province"].stat().st_mtime_ns == before


def test_missing_source_raises_clear_error(tmp_path):
    with pytest.raises(boundaries.BoundarySourceError):
        boundaries.build_boundaries(str(tmp_path / "nowhere"), cache_dir=tmp_path / "cache")


def test_fallback_points_cover_every_area(gazetteer):
    points = boundaries.fallback_points("province")
    assert {f["properties"]["code"] for f in points["features"]} == set(gazetteer.provinces)
    regency_points = boundaries.fallback_points("regency")
    assert len(regency_points["features"]) == 514
    json.dumps(points)  # serialisable for the browser


def test_parse_handles_both_polygon_depths():
    single = json.dumps([[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]])
    multi = json.dumps([[[[0, 0], [0, 1], [1, 1], [0, 0]]], [[[5, 5], [5, 6], [6, 6], [5, 5]]]])
    assert boundaries.to_geometry(single).geom_type == "Polygon"
    assert boundaries.to_geometry(multi).geom_type == "MultiPolygon"
    # [lat, lng] in the dump becomes (lng, lat)
    assert boundaries.to_geometry(json.dumps([[[1, 10], [1, 11], [2, 11], [1, 10]]])).bounds[0] == 10


@pytest.fixture
def http_copy(shared_dir, tmp_path):
    """The shared copy served over HTTP on loopback, standing in for the pinned upstream URL."""
    import functools
    import http.server
    import shutil
    import threading

    root = tmp_path / "upstream"
    shutil.copytree(shared_dir / "geo" / "wilayah_boundaries" / "db", root / "db")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_url_source_is_checked_against_pinned_hashes(http_copy, tmp_path):
    root, url = http_copy
    manifest = boundaries.build_boundaries(url, cache_dir=tmp_path / "from_url")
    assert manifest["layers"]["province"]["features"] == 38
    tampered = root / "db" / boundaries.PROVINCE_FILES[0]
    tampered.write_text(tampered.read_text(encoding="utf-8") + "\n-- changed\n", encoding="utf-8")
    with pytest.raises(boundaries.BoundarySourceError, match="SHA-256"):
        boundaries.build_boundaries(url, cache_dir=tmp_path / "tampered", force=True)


def test_pinned_hashes_match_the_shared_copy(shared_dir):
    import hashlib

    for relative, digest in boundaries.pinned_hashes().items():
        data = (shared_dir / "geo" / "wilayah_boundaries" / "db" / relative).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest, relative
    assert len(boundaries.pinned_hashes()) == 8 + 38
