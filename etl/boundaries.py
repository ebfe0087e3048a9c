"""Province and regency/city boundaries from the cahyadsn/wilayah_boundaries SQL dumps (MIT).

The dumps are read with SQLite (they are plain INSERT statements), repaired (``make_valid``),
stripped of tiny islands, simplified as a coverage (shared borders stay shared) and cached as
GeoJSON under data/cache/. When no source is reachable the caller falls back to points at each
area's representative coordinate (``data/reference/area_points.csv``).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape

from etl import config

UPSTREAM_COMMIT = "3c5a7960f4d227a38489094d84252bdbb3f978a5"
UPSTREAM_BASE = f"https://raw.githubusercontent.com/cahyadsn/wilayah_boundaries/{UPSTREAM_COMMIT}/db"
PROVINCE_FILES = [f"prov/wilayah_boundaries_prov_{n}.sql" for n in range(1, 9)]
CREDIT = "Batas wilayah: cahyadsn/wilayah_boundaries, MIT"
CACHE_VERSION = 3

# Simplification settings (degrees). 0.01 deg ~ 1.1 km; parts under MIN_PART_AREA (~5 km2) are
# dropped unless they are the area's largest part.
PROVINCE_TOLERANCE = 0.012
REGENCY_TOLERANCE = 0.004
MIN_PART_AREA = 0.0004
COORD_DECIMALS = 3


class BoundarySourceError(RuntimeError):
    """No boundary source could be read."""


@dataclass(frozen=True)
class BoundaryRow:
    code: str
    name: str
    lat: float
    lng: float
    path: str


def regency_files(province_codes: list[str]) -> list[str]:
    return [f"kab/wilayah_boundaries_kab_{code}.sql" for code in province_codes]


def _province_codes() -> list[str]:
    from etl.gazetteer import default_gazetteer

    return sorted(default_gazetteer().provinces)


PINNED_HASHES_PATH = config.REFERENCE_DIR / "wilayah_boundaries.sha256"


def pinned_hashes() -> dict[str, str]:
    """SHA-256 of every dump file at the pinned upstream commit (``sha256sum`` format)."""
    hashes = {}
    for line in PINNED_HASHES_PATH.read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, relative = line.split(maxsplit=1)
            hashes[relative.strip()] = digest
    return hashes


def write_pinned_hashes(source_dir: Path) -> Path:
    """Record the hashes of a local copy (run once when the pinned commit changes)."""
    files = PROVINCE_FILES + regency_files(_province_codes())
    lines = [f"{hashlib.sha256((source_dir / 'db' / f).read_bytes()).hexdigest()}  {f}" for f in files]
    PINNED_HASHES_PATH.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return PINNED_HASHES_PATH


def _fetch_text(source: str, relative: str) -> str:
    """One dump file from a local copy, or from a URL (accepted only with the pinned SHA-256)."""
    if re.match(r"^https?://", source):
        url = f"{source.rstrip('/')}/db/{relative}"
        with urllib.request.urlopen(url, timeout=30) as response:
            data = response.read()
        expected = pinned_hashes().get(relative)
        if expected is None or hashlib.sha256(data).hexdigest() != expected:
            raise BoundarySourceError(f"SHA-256 mismatch for {url}: not the pinned file")
        return data.decode("utf-8")
    return (Path(source) / "db" / relative).read_text(encoding="utf-8")


def read_rows(source: str, files: list[str]) -> list[BoundaryRow]:
    """Run the dumps' INSERT statements in an in-memory SQLite and return the rows."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE wilayah_boundaries (kode TEXT, nama TEXT, lat REAL, lng REAL, path TEXT, status INT)")
    for relative in files:
        text = _fetch_text(source, relative)
        statements = [s for s in re.split(r";\s*\n", text) if s.strip().upper().startswith("INSERT")]
        for statement in statements:
            db.execute(statement)
    rows = [BoundaryRow(*r) for r in db.execute("SELECT kode, nama, lat, lng, path FROM wilayah_boundaries")]
    db.close()
    return rows


def _swap(coords: list) -> list:
    return [[float(p[1]), float(p[0])] for p in coords]


def to_geometry(path: str) -> Polygon | MultiPolygon:
    """Build a valid shapely geometry from the dump's [lat, lng] nested ring JSON."""
    data = json.loads(path)
    depth, probe = 0, data
    while isinstance(probe, list):
        depth, probe = depth + 1, probe[0] if probe else None
    polygons_json = [data] if depth == 3 else data  # depth 3: one polygon; 4: multi-polygon
    polygons = []
    for rings in polygons_json:
        rings = [_swap(r) for r in rings if len(r) >= 4]
        if rings:
            polygons.append(Polygon(rings[0], rings[1:]))
    geometry = shapely.make_valid(MultiPolygon(polygons) if len(polygons) > 1 else polygons[0])
    parts = [g for g in getattr(geometry, "geoms", [geometry]) if isinstance(g, Polygon | MultiPolygon)]
    flat = [p for g in parts for p in getattr(g, "geoms", [g])]
    return MultiPolygon(flat) if len(flat) > 1 else flat[0]


def _drop_small_parts(geometry) -> MultiPolygon | Polygon:
    parts = list(getattr(geometry, "geoms", [geometry]))
    largest = max(parts, key=lambda p: p.area)
    kept = [p for p in parts if p.area >= MIN_PART_AREA or p is largest]
    return MultiPolygon(kept) if len(kept) > 1 else kept[0]


def _polygonal(geometry) -> Polygon | MultiPolygon:
    parts = [p for g in getattr(geometry, "geoms", [geometry]) for p in getattr(g, "geoms", [g])]
    polygons = [p for p in parts if isinstance(p, Polygon) and not p.is_empty]
    return MultiPolygon(polygons) if len(polygons) > 1 else (polygons[0] if polygons else Polygon())


def remove_overlaps(geometries: list) -> list:
    """Make a clean coverage: where two source areas overlap, the earlier one keeps the overlap."""
    tree = shapely.STRtree(geometries)
    cleaned: list = []
    for index, geometry in enumerate(geometries):
        for other in sorted(int(i) for i in tree.query(geometry) if i < index):
            if geometry.intersects(cleaned[other]):
                geometry = geometry.difference(cleaned[other])
        cleaned.append(_polygonal(shapely.make_valid(geometry)))
    return cleaned


def simplify_coverage(geometries: list, tolerance: float) -> list:
    """Simplify neighbouring areas together so shared borders stay shared."""
    simplified = shapely.coverage_simplify(geometries, tolerance, simplify_boundary=True)
    result = []
    for original, geometry in zip(geometries, simplified, strict=True):
        geometry = _polygonal(shapely.set_precision(shapely.make_valid(geometry), 10**-COORD_DECIMALS))
        if geometry.is_empty:
            geometry = shapely.set_precision(original.simplify(tolerance), 10**-COORD_DECIMALS)
        result.append(geometry)
    return result


def build_collection(rows: list[BoundaryRow], level: str, tolerance: float) -> dict:
    """GeoJSON FeatureCollection of simplified areas with code, name and representative point."""
    geometries = remove_overlaps([_drop_small_parts(to_geometry(r.path)) for r in rows])
    simplified = simplify_coverage(geometries, tolerance)
    features = []
    for row, geometry in zip(rows, simplified, strict=True):
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "code": row.code,
                    "name": row.name,
                    "level": level,
                    "lat": round(row.lat, 4),
                    "lng": round(row.lng, 4),
                },
                "geometry": mapping(geometry),
            }
        )
    features.sort(key=lambda f: f["properties"]["code"])
    return {"type": "FeatureCollection", "features": features}


def _round_coords(obj):
    if isinstance(obj, list | tuple):
        if obj and isinstance(obj[0], float | int):
            return [round(float(v), COORD_DECIMALS) for v in obj]
        return [_round_coords(v) for v in obj]
    return obj


def dumps_geojson(collection: dict) -> str:
    """Compact GeoJSON text with coordinates rounded to 0.001 degree."""
    for feature in collection["features"]:
        geometry = feature["geometry"]
        feature["geometry"] = {"type": geometry["type"], "coordinates": _round_coords(geometry["coordinates"])}
    return json.dumps(collection, separators=(",", ":"), ensure_ascii=False)


def cache_paths(cache_dir: Path | None = None) -> dict[str, Path]:
    cache_dir = cache_dir or config.CACHE_DIR
    return {
        "province": cache_dir / "provinces.geojson",
        "regency": cache_dir / "regencies.geojson",
        "manifest": cache_dir / "boundaries.json",
    }


def _source_fingerprint(source: str, files: list[str]) -> str:
    if re.match(r"^https?://", source):
        return f"url:{source}"
    digest = hashlib.sha256()
    for relative in files:
        stat = (Path(source) / "db" / relative).stat()
        digest.update(f"{relative}:{stat.st_size}:{int(stat.st_mtime)}".encode())
    return digest.hexdigest()


def default_source() -> str | None:
    """The local copy in ../shared when present, else the pinned upstream URL when allowed."""
    if (config.GEO_SOURCE_DIR / "db" / PROVINCE_FILES[0]).exists():
        return str(config.GEO_SOURCE_DIR)
    if os.environ.get("PANTAU_OFFLINE", "").lower() not in {"1", "true", "yes"}:
        return UPSTREAM_BASE.rsplit("/db", 1)[0]
    return None


def build_boundaries(source: str | None = None, cache_dir: Path | None = None, force: bool = False) -> dict:
    """Build (or reuse) the cached province and regency layers; returns the manifest."""
    source = source or default_source()
    if source is None:
        raise BoundarySourceError(
            f"no boundary source: {config.GEO_SOURCE_DIR} is absent and offline mode is on (PANTAU_OFFLINE)"
        )
    paths = cache_paths(cache_dir)
    files = PROVINCE_FILES + regency_files(_province_codes())
    try:
        fingerprint = f"v{CACHE_VERSION}:{_source_fingerprint(source, files)}"
    except OSError as exc:
        raise BoundarySourceError(f"boundary files missing under {source}: {exc}") from exc
    if not force and paths["manifest"].exists():
        manifest = json.loads(paths["manifest"].read_text())
        if manifest.get("fingerprint") == fingerprint and paths["province"].exists() and paths["regency"].exists():
            return manifest
    try:
        province_rows = read_rows(source, PROVINCE_FILES)
        regency_rows = read_rows(source, regency_files(_province_codes()))
    except (OSError, sqlite3.Error, ValueError) as exc:
        raise BoundarySourceError(f"cannot read boundaries from {source}: {exc}") from exc
    paths["province"].parent.mkdir(parents=True, exist_ok=True)
    layers = {
        "province": (province_rows, PROVINCE_TOLERANCE),
        "regency": (regency_rows, REGENCY_TOLERANCE),
    }
    manifest: dict = {"fingerprint": fingerprint, "source": source, "credit": CREDIT, "layers": {}}
    for level, (rows, tolerance) in layers.items():
        text = dumps_geojson(build_collection(rows, level, tolerance))
        paths[level].write_text(text, encoding="utf-8")
        manifest["layers"][level] = {"features": len(rows), "bytes": len(text.encode()), "tolerance": tolerance}
    write_area_points(province_rows + regency_rows)
    paths["manifest"].write_text(json.dumps(manifest, indent=2))
    return manifest


def write_area_points(rows: list[BoundaryRow], path: Path | None = None) -> Path:
    """Representative points of every area (the fallback map when no boundaries are available)."""
    path = path or config.REFERENCE_DIR / "area_points.csv"
    lines = ["code,name,lat,lng"] + [
        f'{r.code},"{r.name}",{r.lat:.4f},{r.lng:.4f}' for r in sorted(rows, key=lambda r: r.code)
    ]
    text = "\n".join(lines) + "\n"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def load_layer(level: str, cache_dir: Path | None = None) -> dict | None:
    """The cached GeoJSON layer, or None when boundaries have not been built."""
    path = cache_paths(cache_dir)[level]
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def fallback_points(level: str) -> dict:
    """Point features at each area's representative coordinate (no polygons available)."""
    import csv

    with open(config.REFERENCE_DIR / "area_points.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    features = [
        {
            "type": "Feature",
            "properties": {"code": r["code"], "name": r["name"], "level": level},
            "geometry": {"type": "Point", "coordinates": [float(r["lng"]), float(r["lat"])]},
        }
        for r in rows
        if ("." in r["code"]) == (level == "regency")
    ]
    return {"type": "FeatureCollection", "features": features}


def shapes(collection: dict) -> dict[str, object]:
    """Code -> shapely geometry of a FeatureCollection (for tests and point-in-area checks)."""
    return {f["properties"]["code"]: shape(f["geometry"]) for f in collection["features"]}
