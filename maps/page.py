"""Build the offline map page once with folium; live data is pushed into it later by the widget.

Every script, style, font and image is a file under ``resources/map`` (vendored by
``installer/vendor_map_assets.py``) or ``resources/fonts``: folium's CDN links are replaced, so
the page works on a station PC with no internet. The one optional exception is an online tile
server that the station configures itself.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import folium
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from .routes import CameraPoint, RouteLine

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
MAP_ASSETS = RESOURCES / "map"

# Paths relative to MAP_ASSETS; the page's base URL is that folder.
LOCAL_JS = [
    ("leaflet", "leaflet/leaflet.js"),
    ("jquery", "jquery/jquery.min.js"),
    ("bootstrap", "bootstrap/bootstrap.bundle.min.js"),
    ("awesome_markers", "awesome-markers/leaflet.awesome-markers.js"),
    ("csgt_basemap", "basemap/countries.js"),
    # Served from the Qt resource system inside the application, not from the network.
    ("qwebchannel", "qrc:///qtwebchannel/qwebchannel.js"),
    ("csgt_map", "csgt_map.js"),
]
LOCAL_CSS = [
    ("leaflet_css", "leaflet/leaflet.css"),
    ("bootstrap_css", "bootstrap/bootstrap.min.css"),
    ("awesome_markers_font_css", "fontawesome/css/all.min.css"),
    ("awesome_markers_css", "awesome-markers/leaflet.awesome-markers.css"),
    ("csgt_map_css", "csgt_map.css"),
]

ROUTE_COLOURS = {"expressway": "#4fc3f7", "national_highway": "#ffb74d", "city": "#ce93d8"}


@dataclass(frozen=True)
class TileSource:
    """A raster tile layer: an extracted station tile pack (file://) or an online server."""

    name: str
    url_template: str
    attribution: str = ""
    max_zoom: int = 18


@dataclass(frozen=True)
class PageOptions:
    center: tuple[float, float] = (21.0285, 105.8542)  # Hà Nội
    zoom: int = 9
    stale_after_s: float = 300.0
    tiles: tuple[TileSource, ...] = ()


class _Init(MacroElement):
    _template = Template("{% macro script(this, kwargs) %}{{ this.code }}{% endmacro %}")

    def __init__(self, code: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.code = code


def _asset_url(path: str) -> str:
    return path if ":" in path else (MAP_ASSETS / path).as_uri()


def build_page(cameras: list[CameraPoint], routes: list[RouteLine], options: PageOptions) -> str:
    """The complete HTML of the map page (load it with base URL ``MAP_ASSETS``)."""
    m = folium.Map(location=list(options.center), zoom_start=options.zoom, tiles=None, prefer_canvas=False,
                   control_scale=True)  # fmt: skip
    # Instance lists: the class lists are shared by every folium map in the process.
    m.default_js = [(name, _asset_url(p)) for name, p in LOCAL_JS]
    m.default_css = [(name, _asset_url(p)) for name, p in LOCAL_CSS]

    route_layer = folium.FeatureGroup(name="routes", control=False)
    for line in routes:
        folium.PolyLine(  # type: ignore[no-untyped-call]
            [list(p) for p in line.points],
            color=ROUTE_COLOURS.get(line.kind, "#90a4ae"),
            weight=5 if line.kind == "expressway" else 4,
            opacity=0.85,
            tooltip=f"{line.route} (km {line.km_from:g}–{line.km_to:g})",
        ).add_to(route_layer)
    route_layer.add_to(m)

    fonts = (RESOURCES / "fonts").as_uri()
    figure = m.get_root()
    assert isinstance(figure, Figure)
    figure.header.add_child(
        Element(
            "<style>@font-face{font-family:'Be Vietnam Pro';"
            f"src:url('{fonts}/BeVietnamPro-Regular.ttf') format('truetype');font-weight:400}}"
            "@font-face{font-family:'Be Vietnam Pro';"
            f"src:url('{fonts}/BeVietnamPro-SemiBold.ttf') format('truetype');font-weight:600}}</style>"
        )
    )
    config = {
        "map": m.get_name(),
        "routeLayer": route_layer.get_name(),
        "staleAfterS": options.stale_after_s,
        "cameras": [asdict(c) for c in cameras],
        "routes": [{"route": r.route, "kind": r.kind, "points": r.points} for r in routes],
        "tiles": [asdict(t) for t in options.tiles],
    }
    # A child of the map renders after folium's own script that creates the map and the route layer.
    _Init(f"csgt.init({m.get_name()}, {route_layer.get_name()}, {json.dumps(config, ensure_ascii=False)});").add_to(m)
    html: str = m.get_root().render()
    return html
