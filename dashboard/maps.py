"""Pure folium map builders: a choropleth of provinces (or regencies) with activity points.

Every stored text reaching the map's HTML is escaped here; Leaflet is loaded from the app's own
static files so the map works without internet. No Streamlit import: tests inspect the result.
"""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass, field

import folium
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

# Colour-blind-safe sequential palette (viridis, light to dark) and the two "missing" fills.
PALETTE = ("#fde725", "#7ad151", "#22a884", "#2a788e", "#414487")
NO_DATA_FILL = "#d0d0d0"
NO_POPULATION_FILL = "#ffffff"
ACTIVITY_COLOURS = {
    "rakor": "#e69f00",
    "sosialisasi": "#56b4e9",
    "seminar": "#cc79a7",
    "pelatihan": "#009e73",
    "mou": "#0072b2",
    "patroli_siber": "#d55e00",
    "pengawasan": "#f0e442",
    "lainnya": "#999999",
}  # fmt: skip  (Okabe-Ito, colour-blind safe)
INDONESIA_CENTER = (-2.5, 118.0)


@dataclass
class MapText:
    """Already-translated labels the builder needs (keeps the builder free of i18n state)."""

    metric_label: str
    no_data: str
    no_population: str
    value_label: str
    activities_label: str
    source_label: str
    credit: str
    number: callable = str  # formats a number for the UI language
    activity_type_labels: dict[str, str] = field(default_factory=dict)
    legend_title: str = ""
    notes: list[str] = field(default_factory=list)


def class_breaks(values: pd.Series, classes: int = len(PALETTE)) -> list[float]:
    """Upper bounds of quantile classes over the values present (at most ``classes``)."""
    present = sorted(v for v in values.dropna().tolist() if v is not None)
    if not present:
        return []
    bounds = []
    for i in range(1, classes + 1):
        position = (len(present) - 1) * i / classes
        bounds.append(present[round(position)])
    return sorted(set(bounds))


def fill_for(value: float | None, breaks: list[float], has_population: bool = True) -> str:
    if not has_population:
        return NO_POPULATION_FILL
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_DATA_FILL
    for colour, bound in zip(PALETTE[len(PALETTE) - len(breaks) :], breaks, strict=True):
        if value <= bound:
            return colour
    return PALETTE[-1]


def _safe_url(url: object) -> str | None:
    if isinstance(url, str) and re.match(r"^https?://[^\s<>\"']+$", url):
        return url
    return None


def _js_value(value: object) -> str:
    """A JavaScript literal that is also safe inside an HTML script element."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class _Legend(MacroElement):
    """A Leaflet control holding pre-escaped legend HTML (no d3/branca CDN scripts)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var legend = L.control({position: "bottomright"});
            legend.onAdd = function () {
                var div = L.DomUtil.create("div", "pantau-legend");
                div.style.cssText = "background:#fff;padding:6px 8px;font:12px/1.4 sans-serif;"
                    + "border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3);max-width:220px";
                div.innerHTML = {{ this.content_json }};
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, content_html: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.content_json = _js_value(content_html)


def legend_html(breaks: list[float], text: MapText, show_no_population: bool) -> str:
    """Legend rows: one per class, then "no data" (and "no population data" for rates)."""
    rows = [f"<b>{html.escape(text.legend_title or text.metric_label)}</b>"]
    colours = PALETTE[len(PALETTE) - len(breaks) :]
    lower = None
    for colour, bound in zip(colours, breaks, strict=True):
        span = f"{text.number(lower)} – {text.number(bound)}" if lower is not None else f"≤ {text.number(bound)}"
        rows.append(_swatch(colour) + html.escape(span))
        lower = bound
    rows.append(_swatch(NO_DATA_FILL) + html.escape(text.no_data))
    if show_no_population:
        rows.append(_swatch(NO_POPULATION_FILL, dashed=True) + html.escape(text.no_population))
    for note in text.notes:
        rows.append(f"<small>{html.escape(note)}</small>")
    rows.append(f"<small>{html.escape(text.credit)}</small>")
    return "<br>".join(rows)


def _swatch(colour: str, dashed: bool = False) -> str:
    border = "1px dashed #555" if dashed else "1px solid #777"
    return (
        f'<span style="display:inline-block;width:14px;height:10px;margin-right:6px;'
        f'background:{colour};border:{border}"></span>'
    )


def build_area_map(
    geojson: dict,
    values: pd.DataFrame,
    value_column: str,
    text: MapText,
    points: list[dict] | None = None,
    tiles: tuple[str | None, str | None] = (None, None),
    static_base: str = "/app/static",
    per_capita: bool = False,
    center: tuple[float, float] = INDONESIA_CENTER,
    zoom: int = 5,
    fit_bounds: bool = False,
) -> folium.Map:
    """A choropleth of the areas in ``geojson`` coloured by ``values[value_column]`` (by ``code``)."""
    tile_url, attribution = tiles
    fmap = folium.Map(location=center, zoom_start=zoom, tiles=None, control_scale=True, zoom_snap=0.25, zoom_delta=0.5)
    fmap.default_js = [("leaflet", f"{static_base}/leaflet/leaflet.js")]
    fmap.default_css = [("leaflet_css", f"{static_base}/leaflet/leaflet.css")]
    if tile_url:
        folium.TileLayer(tiles=tile_url, attr=attribution or "", name="base", control=False).add_to(fmap)

    indexed = values.set_index("code") if "code" in values else values.set_index("province_code")
    breaks = class_breaks(indexed[value_column])
    features = []
    for feature in geojson["features"]:
        code = feature["properties"]["code"]
        row = indexed.loc[code] if code in indexed.index else None
        value = None if row is None or pd.isna(row[value_column]) else float(row[value_column])
        has_population = True if not per_capita or row is None else bool(row.get("has_population", True))
        if row is not None and isinstance(row.get("map_label"), str):
            label = row["map_label"]  # the page's own words: value, its period and a conflict mark
        elif row is not None and per_capita and not has_population and pd.notna(row.get("value")):
            label = text.no_population
        elif value is None:
            label = text.no_data
        else:
            label = text.number(round(value, 2) if per_capita else value)
        detail = ""
        if row is not None and isinstance(row.get("map_detail"), str):
            detail = row["map_detail"]
        elif row is not None and isinstance(row.get("reporting_unit"), str):
            detail = row["reporting_unit"]
        properties = {
            "code": code,
            "name": html.escape(feature["properties"]["name"]),
            "label": html.escape(label),
            "detail": html.escape(detail),
            "fill": fill_for(value, breaks, has_population or not per_capita),
        }
        features.append({"type": "Feature", "properties": properties, "geometry": feature["geometry"]})
    collection = {"type": "FeatureCollection", "features": features}

    is_points = bool(features) and features[0]["geometry"]["type"] == "Point"
    common = {
        "name": "areas",
        "tooltip": folium.GeoJsonTooltip(
            fields=["name", "label", "detail"],
            aliases=["", html.escape(text.value_label), ""],
            sticky=True,
            labels=True,
            style="max-width: 380px; white-space: normal;",  # long area and rate notes wrap instead of running off
        ),
        "highlight_function": lambda _f: {"weight": 3, "color": "#000"},
        "zoom_on_click": False,
    }
    if is_points:  # no boundaries available: one circle per area at its representative point
        folium.GeoJson(
            collection,
            marker=folium.CircleMarker(radius=7, weight=1, fill=True, fill_opacity=0.9),
            style_function=lambda f: {
                "fillColor": f["properties"]["fill"],
                "color": "#333",
                "className": f"pantau-area area-{f['properties']['code'].replace('.', '-')}",
            },
            **common,
        ).add_to(fmap)
    else:
        folium.GeoJson(
            collection,
            style_function=lambda f: {
                "fillColor": f["properties"]["fill"],
                "color": "#555",
                "weight": 0.6,
                "fillOpacity": 0.85,
                "dashArray": "3" if f["properties"]["fill"] == NO_POPULATION_FILL else None,
                "className": f"pantau-area area-{f['properties']['code'].replace('.', '-')}",
            },
            **common,
        ).add_to(fmap)
    if points:
        add_activity_points(fmap, points, text)
    _Legend(legend_html(breaks, text, per_capita)).add_to(fmap)
    if fit_bounds and features:
        fmap.fit_bounds(_bounds(collection))
    return fmap


def _bounds(collection: dict) -> list[list[float]]:
    lats, lngs = [], []

    def walk(coords):
        if coords and isinstance(coords[0], int | float):
            lngs.append(coords[0])
            lats.append(coords[1])
        else:
            for c in coords:
                walk(c)

    for feature in collection["features"]:
        walk(feature["geometry"]["coordinates"])
    return [[min(lats), min(lngs)], [max(lats), max(lngs)]]


POPUP_TITLE_CHARS = 90

# Dots are styled, and their tooltips and popups built, in the browser from short plain-text
# properties; text is set with textContent only, so no stored text is ever parsed as HTML. At
# 100,000 activities the escaped popup HTML and per-dot style table were most of the map's bytes.
_DOT_JS = """function(feature, layer) {
    var text = %(text)s, p = feature.properties;
    var add = function(parent, tag, content) {
        var node = parent.appendChild(document.createElement(tag));
        if (content) { node.textContent = content; }
        return node;
    };
    var kind = function(code) { return text.types[code] || code; };
    layer.setStyle({fillColor: text.colours[p.t] || "#999999", color: "#222222"});
    layer.setRadius(p.r);
    var tip = document.createElement("span");
    tip.textContent = kind(p.t) + ": " + p.n;
    layer.bindTooltip(tip, {sticky: true});
    layer.bindPopup(function() {
        var box = document.createElement("div");
        add(box, "b", text.heading + ": " + p.n);
        p.items.forEach(function(item) {
            add(box, "hr");
            add(box, "span", item[0] + " \u00b7 " + kind(item[1]));
            add(box, "br");
            add(box, "span", item[2]);
            add(box, "br");
            add(box, "i", item[3]);
            add(box, "span", " \u00b7 ");
            if (/^https?:\\/\\//.test(item[4])) {
                var link = add(box, "a", text.source);
                link.href = item[4];
                link.target = "_blank";
                link.rel = "noopener noreferrer";
            } else if (item[5]) {
                add(box, "span", item[5]);
            }
        });
        return box;
    }, {maxWidth: 320});
}"""


def dot_script(text: MapText) -> str:
    """The per-dot JavaScript: style, tooltip and popup from the dot's properties."""
    labels = {
        "heading": text.activities_label,
        "source": text.source_label,
        "types": text.activity_type_labels,
        "colours": ACTIVITY_COLOURS,
    }
    return _DOT_JS % {"text": _js_value(labels)}


def popup_items(point: dict) -> list[list[str]]:
    """Plain-text popup lines per activity: date, type code, title (cut), organizer, then the safe
    source URL, or an empty URL and the source name."""
    return [
        [item["date"], item["activity_type"], _shorten(item["title"]), item["organizer"], *_source_of(item)]
        for item in point["items"]
    ]


def _source_of(item: dict) -> list[str]:
    url = _safe_url(item.get("source_url"))
    return [url] if url else ["", item.get("source_name") or ""]


def _shorten(title: str) -> str:
    return title if len(title) <= POPUP_TITLE_CHARS else title[: POPUP_TITLE_CHARS - 1].rstrip() + "…"


def add_activity_points(fmap: folium.Map, points: list[dict], text: MapText) -> None:
    """One GeoJSON layer of circles, one per place, sized by the number of activities.

    A dot has no ``code`` property: clicking it shows its popup and never opens a profile.
    """
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(point["lng"], 3), round(point["lat"], 3)]},
            "properties": {
                "t": point["main_type"],
                "n": text.number(point["count"]),
                "r": round(5 + 3 * math.sqrt(point["count"]), 1),
                "items": popup_items(point),
            },
        }
        for point in points
    ]
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name="activities",
        marker=folium.CircleMarker(radius=6, weight=1, fill=True, fill_opacity=0.9),
        on_each_feature=folium.JsCode(dot_script(text)),
    ).add_to(fmap)


def external_urls(fmap: folium.Map) -> list[str]:
    """Every http(s) URL the rendered map would load (tiles excluded): must be empty offline."""
    rendered = fmap.get_root().render()
    found = re.findall(r"""(?:src|href)=["'](https?://[^"']+)""", rendered)
    links = [u for _, u in getattr(fmap, "default_js", []) + getattr(fmap, "default_css", [])]
    return [u for u in found + links if u.startswith(("http://", "https://"))]
