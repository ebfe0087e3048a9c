"""One-page province brief as PDF (matplotlib: no browser needed), Bahasa Indonesia or English.

Map thumbnail, headline figures with units and periods, timeline, activities, sources, snapshot
date and filters. Text stays text in the PDF (searchable, and readable by the tests).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import textwrap
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
from babel.dates import format_date
from babel.numbers import format_decimal
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from shapely.geometry import shape

from etl import vocab
from etl.analysis.figure_text import period_text, series_label
from etl.analysis.periods import Period
from etl.plaintext import normalise_cell, refused_character
from etl.profile import ProvinceProfile

matplotlib.rcParams["pdf.fonttype"] = 42  # embed TrueType: extractable, searchable text
LABELS = {
    "title": ("Ringkasan provinsi", "Province brief"),
    "snapshot": (
        "Data per {date} (catatan terbaru) · dibuat {made}",
        "Data as of {date} (newest record) · made {made}",
    ),
    "filters": ("Filter: {filters}", "Filters: {filters}"),
    "headline": ("Angka utama", "Headline figures"),
    "headline_note": (
        "angka yang dipilih untuk periode filter (sama dengan peta dan perbandingan); total berjalan tidak dijumlahkan",
        "the figures chosen for the filter's period (as on the map and compare pages); running totals are never added",
    ),
    "other_values": ("Sumber lain: {values}", "Other sources: {values}"),
    "timeline": ("Angka yang dilaporkan menurut tanggal", "Reported figures by date"),
    "activities": ("Kegiatan pencegahan tercatat", "Recorded prevention activities"),
    "no_activities": ("Belum ada kegiatan tercatat.", "No recorded activity."),
    "no_figures": ("Belum ada angka penegakan hukum tingkat provinsi.", "No province-level enforcement figure."),
    "sources": ("Sumber", "Sources"),
    "pillars_missing": (
        "Bidang gugus tugas tanpa kegiatan tercatat: {items}",
        "Task-force pillars without a recorded activity: {items}",
    ),
    "credit": (
        "Batas wilayah: cahyadsn/wilayah_boundaries (MIT). Penduduk: BPS 2024. Angka: sumber bernomor.",
        "Boundaries: cahyadsn/wilayah_boundaries (MIT). Population: BPS 2024. Figures: numbered sources.",
    ),
    "caveat": (
        "Kasus yang terungkap bukan ukuran besarnya perdagangan orang.",
        "Detected cases do not measure the prevalence of trafficking.",
    ),
}
_LOCALE = {"id": "id_ID", "en": "en_GB"}


@dataclass
class BriefInput:
    code: str
    name: str
    profile: ProvinceProfile
    provinces_geojson: dict | None
    snapshot: dt.date  # the newest record's date ("data as of")
    filters: str
    public_mode: bool = False
    period: Period | None = None  # records outside it are left out
    made_on: dt.date | None = None


_HTTP_RE = re.compile(r"^https?://[^\s]+$", re.IGNORECASE)


def pdf_text(value: object) -> str:
    """Stored text as the PDF shows it: line breaks as spaces, no control, bidi-override or invisible
    characters (a byte-order mark crashed the PDF font subsetting)."""
    text = normalise_cell(str(value))
    return "".join(c for c in text if refused_character(c) is None)


def _put(figure, x: float, y: float, text: object, **style):
    """``figure.text`` for stored text: plain (no ``$...$`` maths, no TeX), cleaned by :func:`pdf_text`."""
    return figure.text(x, y, pdf_text(text), parse_math=False, usetex=False, **style)


def _label(key: str, lang: str, **values) -> str:
    pair = LABELS[key]
    text = pair[0] if lang == "id" else pair[1]
    return text.format(**values) if values else text


def _num(value, lang: str, public: bool) -> str:
    if public and 1 <= value <= 4:
        return "<5"
    return format_decimal(value, locale=_LOCALE[lang])


def _date(value, lang: str) -> str:
    if value is None or pd.isna(value):
        return "–"
    return format_date(pd.Timestamp(value).date(), format="d MMM yyyy", locale=_LOCALE[lang])


def _draw_map(ax, geojson: dict | None, code: str) -> None:
    ax.set_axis_off()
    if not geojson:
        return
    for feature in geojson["features"]:
        geometry = shape(feature["geometry"])
        parts = getattr(geometry, "geoms", [geometry])
        mine = feature["properties"]["code"] == code
        for polygon in parts:
            if polygon.geom_type != "Polygon":
                continue
            vertices = list(polygon.exterior.coords)
            codes = [MplPath.MOVETO] + [MplPath.LINETO] * (len(vertices) - 2) + [MplPath.CLOSEPOLY]
            ax.add_patch(
                PathPatch(
                    MplPath(vertices, codes),
                    facecolor="#2a788e" if mine else "#e4e4e4",
                    edgecolor="#777",
                    linewidth=0.2,
                )
            )
    ax.set_xlim(94, 142)
    ax.set_ylim(-11.5, 6.5)
    ax.set_aspect("equal")


def build_brief_pdf(data: BriefInput | list[BriefInput], lang: str = "id") -> bytes:
    """Render the brief to PDF bytes: one A4 page per province."""
    from matplotlib.backends.backend_pdf import PdfPages

    pages = data if isinstance(data, list) else [data]
    buffer = io.BytesIO()
    with PdfPages(buffer) as pdf:
        for page in pages:
            figure = _brief_page(page, lang)
            pdf.savefig(figure)
            plt.close(figure)
    return buffer.getvalue()


def _in_period(dates: pd.Series, period: Period | None) -> pd.Series:
    if period is None:
        return pd.Series(True, index=dates.index)
    return (dates >= pd.Timestamp(period.start)) & (dates <= pd.Timestamp(period.end))


def _brief_page(data: BriefInput, lang: str):
    """One province's page (the figure is closed by the caller)."""
    profile = data.profile
    figure = plt.figure(figsize=(8.27, 11.69))
    _put(figure, 0.06, 0.955, f"{_label('title', lang)}: {data.name}", fontsize=17, weight="bold")
    _put(
        figure,
        0.06,
        0.935,
        _label("snapshot", lang, date=_date(data.snapshot, lang), made=_date(data.made_on or dt.date.today(), lang))
        + "   ·   "
        + _label("filters", lang, filters=data.filters),
        fontsize=8,
        color="#444",
    )
    _draw_map(figure.add_axes([0.06, 0.76, 0.42, 0.16]), data.provinces_geojson, data.code)

    sources: list[str] = []

    def cite(url: str | None) -> str:
        if not url:
            return ""
        if url not in sources:
            sources.append(url)
        return f"[{sources.index(url) + 1}]"

    y = 0.905
    _put(figure, 0.52, y, _label("headline", lang), fontsize=9, weight="bold")
    _put(figure, 0.52, y - 0.012, _label("headline_note", lang), fontsize=6.5, color="#444")
    y -= 0.01
    shown = profile.headlines[profile.headlines["value"].notna()]
    if shown.empty:
        _put(figure, 0.52, y - 0.025, _label("no_figures", lang), fontsize=8)
    for _, headline in shown.iterrows():
        y -= 0.034
        metric = vocab.label(vocab.METRICS, headline["metric"], lang)
        mark = " ⚠" if headline["conflict"] else ""
        _put(
            figure,
            0.52,
            y,
            f"{metric}: {_num(int(headline['value']), lang, data.public_mode)}{mark} {cite(headline['source_url'])}",
            fontsize=10,
            weight="bold",
        )
        detail = " · ".join(
            p
            for p in (
                period_text(headline["period_start"], headline["period_end"], lang),
                headline["reporting_unit"],
                series_label(headline["series"], lang),
            )
            if p
        )
        if headline["conflict"]:
            others = "; ".join(
                f"{_num(o['value'], lang, data.public_mode)} {cite(o['source_url'])}" for o in headline["other_values"]
            )
            detail += " · " + _label("other_values", lang, values=others)
        _put(figure, 0.52, y - 0.013, textwrap.shorten(detail, 90), fontsize=6.5, color="#444")

    ax = figure.add_axes([0.09, 0.52, 0.85, 0.2])
    records = profile.records[
        (profile.records["kind"] == "enforcement") & _in_period(profile.records["date"], data.period)
    ]
    for metric, colour in (("police_reports", "#0072b2"), ("suspects", "#e69f00"), ("victims_rescued", "#009e73")):
        points = [(row["date"], row["figures"][metric]) for _, row in records.iterrows() if metric in row["figures"]]
        if points:
            dates, values = zip(*sorted(points), strict=True)
            ax.plot(dates, values, "o", color=colour, label=vocab.label(vocab.METRICS, metric, lang), markersize=4)
    ax.set_title(_label("timeline", lang), fontsize=9, loc="left")
    ax.tick_params(labelsize=7)
    if ax.lines:
        ax.legend(fontsize=7, frameon=False)
    ax.grid(alpha=0.3)

    y = 0.47
    _put(figure, 0.06, y, _label("activities", lang), fontsize=9, weight="bold")
    acts = profile.activities[_in_period(profile.activities["date"], data.period)].head(6)
    if acts.empty:
        y -= 0.022
        _put(figure, 0.06, y, _label("no_activities", lang), fontsize=8)
    for _, activity in acts.iterrows():
        y -= 0.022
        kind = vocab.label(vocab.ACTIVITY_TYPES, activity["activity_type"], lang)
        source = activity["source_url"] if isinstance(activity["source_url"], str) else None
        line = f"{_date(activity['date'], lang)} · {kind} · {activity['title']} — {activity['organizer']}"
        _put(figure, 0.06, y, textwrap.shorten(line, 120) + f" {cite(source)}", fontsize=7.5)
    missing = [vocab.label(vocab.PILLARS, p, lang) for p in profile.pillars_missing]
    if missing:
        y -= 0.026
        _put(
            figure,
            0.06,
            y,
            textwrap.shorten(_label("pillars_missing", lang, items=", ".join(missing)), 140),
            fontsize=7,
            color="#444",
        )

    y -= 0.035
    _put(figure, 0.06, y, _label("sources", lang), fontsize=9, weight="bold")
    for number, url in enumerate(sources[:14], start=1):
        y -= 0.016
        text = _put(
            figure, 0.06, y, f"[{number}] {textwrap.shorten(url, 130, placeholder='…')}", fontsize=6.5, color="#0b5394"
        )
        if _HTTP_RE.match(url):  # a link only for an http(s) address
            text.set_url(url)
    _put(figure, 0.06, 0.035, _label("caveat", lang), fontsize=7, color="#444")
    _put(figure, 0.06, 0.02, _label("credit", lang), fontsize=6.5, color="#444")
    return figure


def brief_for(
    engine,
    codes: str | list[str],
    lang: str = "id",
    public_mode: bool = False,
    filters: str = "",
    period: Period | None = None,
) -> bytes:
    """The brief of one or several provinces from the store (CLI and compare page): one page each, every figure
    the one chosen for ``period`` (default: since the Satgas), as on the map and compare pages."""
    from etl import boundaries, queries
    from etl.analysis.figures import load_inputs
    from etl.analysis.periods import period_presets
    from etl.profile import province_profile

    codes = [codes] if isinstance(codes, str) else list(codes)
    inputs = load_inputs(engine)
    names = inputs.provinces.set_index("code")["name"]
    unknown = [c for c in codes if c not in names.index]
    if unknown or not codes:
        raise ValueError(f"unknown province code {', '.join(unknown) or '(none)'}")
    period = period or period_presets()["since_satgas"]
    as_of = queries.data_as_of(inputs.enforcement, inputs.activities)
    window = f"{period.start.isoformat()} – {period.end.isoformat()}"
    shown_filters = f"{filters} ({window})" if filters else window
    geojson = boundaries.load_layer("province")
    pages = [
        BriefInput(
            code,
            str(names[code]),
            province_profile(code, inputs, period),
            geojson,
            dt.date.fromisoformat(as_of) if as_of else dt.date.today(),
            shown_filters,
            public_mode,
            period,
            dt.date.today(),
        )
        for code in codes
    ]
    return build_brief_pdf(pages, lang)
