"""The one place that draws a folium map in the page (AppTest replaces this function)."""

from __future__ import annotations

import folium
from streamlit_folium import st_folium


def render_map(fmap: folium.Map, key: str, height: int = 560) -> str | None:
    """Draw ``fmap``; return the code of the clicked area, if any.

    Only the last clicked feature is returned, so panning and zooming never rerun the page.
    """
    state = st_folium(fmap, key=key, height=height, use_container_width=True, returned_objects=["last_active_drawing"])
    drawing = (state or {}).get("last_active_drawing") or {}
    return (drawing.get("properties") or {}).get("code")
