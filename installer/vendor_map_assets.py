"""Vendor the map page's scripts, styles, fonts, images and basemap from pinned npm packages.

Run from the repository root (needs ``npm`` and network access to the npm registry):

    python installer/vendor_map_assets.py

Each package is fetched with ``npm pack name@version``, its tarball checked against the pinned
registry integrity (SHA-512), and only the files the page loads are copied to ``resources/map/``
with the package licence. ``PROVENANCE.md`` and ``manifest.json`` record package@version and the
SHA-256 of every file, so a reviewer can re-run this script and compare. The console itself never
downloads anything: it loads these files from disk.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "map"

# The region the offline basemap covers: Vietnam and its neighbours, with the East Sea islands.
BASEMAP_BBOX = (97.0, 5.0, 120.0, 26.0)  # west, south, east, north
BASEMAP_DECIMALS = 3  # ~100 m: finer than the 1:10m source data itself


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    integrity: str  # npm's dist.integrity of the tarball
    licence: str
    files: dict[str, str]  # path inside the tarball's package/ -> path under resources/map/
    licence_file: str


PACKAGES = [
    Package(
        "leaflet", "1.9.4",
        "sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA==",
        "BSD-2-Clause",
        {
            "dist/leaflet.js": "leaflet/leaflet.js",
            "dist/leaflet.css": "leaflet/leaflet.css",
            "dist/images/layers.png": "leaflet/images/layers.png",
            "dist/images/layers-2x.png": "leaflet/images/layers-2x.png",
            "dist/images/marker-icon.png": "leaflet/images/marker-icon.png",
            "dist/images/marker-icon-2x.png": "leaflet/images/marker-icon-2x.png",
            "dist/images/marker-shadow.png": "leaflet/images/marker-shadow.png",
        },
        "LICENSE",
    ),
    Package(
        "jquery", "3.7.1",
        "sha512-m4avr8yL8kmFN8psrbFFFmB/If14iN5o9nw/NgnnM+kybDJpRsAynV2BsfpTYrTRysYUdADVD7CkUUizgkpLfg==",
        "MIT",
        {"dist/jquery.min.js": "jquery/jquery.min.js"},
        "LICENSE.txt",
    ),
    Package(
        "bootstrap", "5.3.8",
        "sha512-HP1SZDqaLDPwsNiqRqi5NcP0SSXciX2s9E+RyqJIIqGo+vJeN5AJVM98CXmW/Wux0nQ5L7jeWUdplCEf0Ee+tg==",
        "MIT",
        {
            "dist/js/bootstrap.bundle.min.js": "bootstrap/bootstrap.bundle.min.js",
            "dist/css/bootstrap.min.css": "bootstrap/bootstrap.min.css",
        },
        "LICENSE",
    ),
    Package(
        "@fortawesome/fontawesome-free", "6.7.2",
        "sha512-JUOtgFW6k9u4Y+xeIaEiLr3+cjoUPiAuLXoyKOJSia6Duzb7pq+A76P9ZdPDoAoxHdHzq6gE9/jKBGXlZT8FbA==",
        "CC-BY-4.0 (icons), OFL-1.1 (fonts), MIT (code)",
        {
            "css/all.min.css": "fontawesome/css/all.min.css",
            # Chromium takes the first format it supports from each @font-face: woff2.
            "webfonts/fa-solid-900.woff2": "fontawesome/webfonts/fa-solid-900.woff2",
            "webfonts/fa-regular-400.woff2": "fontawesome/webfonts/fa-regular-400.woff2",
            "webfonts/fa-brands-400.woff2": "fontawesome/webfonts/fa-brands-400.woff2",
            "webfonts/fa-v4compatibility.woff2": "fontawesome/webfonts/fa-v4compatibility.woff2",
        },
        "LICENSE.txt",
    ),
    Package(
        "leaflet.awesome-markers", "2.0.5",
        "sha512-Ne/xDjkGyaujwNVVkv2tyXQUV0ZW7gZ0Mo0FuQY4jp2qWrvXi0hwDBvmZyF/8YOvybyMabTMM/mFWCTd1jZIQA==",
        "MIT",
        {
            "dist/leaflet.awesome-markers.js": "awesome-markers/leaflet.awesome-markers.js",
            "dist/leaflet.awesome-markers.css": "awesome-markers/leaflet.awesome-markers.css",
            "dist/images/markers-soft.png": "awesome-markers/images/markers-soft.png",
            "dist/images/markers-soft@2x.png": "awesome-markers/images/markers-soft@2x.png",
            "dist/images/markers-shadow.png": "awesome-markers/images/markers-shadow.png",
            "dist/images/markers-shadow@2x.png": "awesome-markers/images/markers-shadow@2x.png",
        },
        "LICENSE",
    ),
    Package(
        "world-atlas", "2.0.2",
        "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ==",
        "ISC (package); Natural Earth data: public domain",
        {},  # countries-10m.json is converted below, not copied
        "LICENSE",
    ),
]  # fmt: skip


def npm_pack(pkg: Package, workdir: Path) -> Path:
    out = subprocess.run(
        ["npm", "pack", f"{pkg.name}@{pkg.version}", "--json", "--pack-destination", str(workdir)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    filename = str(json.loads(out.stdout)[0]["filename"])
    tarball = workdir / filename.replace("@", "").replace("/", "-")
    algo, _, expected = pkg.integrity.partition("-")
    digest = base64.b64encode(hashlib.new(algo, tarball.read_bytes()).digest()).decode()
    if digest != expected:
        raise SystemExit(f"{pkg.name}@{pkg.version}: tarball integrity mismatch")
    return tarball


def topo_to_geojson(topo: dict[str, Any], obj: str, bbox: tuple[float, float, float, float]) -> dict[str, Any]:
    """Decode a quantised TopoJSON object into GeoJSON features that touch ``bbox``."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs: list[list[tuple[float, float]]] = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((round(x * sx + tx, BASEMAP_DECIMALS), round(y * sy + ty, BASEMAP_DECIMALS)))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[list[float]]:
        coords: list[tuple[float, float]] = []
        for i in indexes:
            pts = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
            coords.extend(pts if not coords else pts[1:])
        deduped = [list(p) for n, p in enumerate(coords) if n == 0 or p != coords[n - 1]]
        return deduped

    west, south, east, north = bbox
    features = []
    for geom in topo["objects"][obj]["geometries"]:
        if geom["type"] == "Polygon":
            polys = [geom["arcs"]]
        elif geom["type"] == "MultiPolygon":
            polys = geom["arcs"]
        else:
            continue
        kept = []
        for poly in polys:
            rings = [ring(r) for r in poly]
            xs = [p[0] for p in rings[0]]
            ys = [p[1] for p in rings[0]]
            if max(xs) < west or min(xs) > east or max(ys) < south or min(ys) > north:
                continue
            kept.append([r for r in rings if len(r) >= 4])
        if kept:
            features.append(
                {
                    "type": "Feature",
                    "properties": {"name": geom.get("properties", {}).get("name", "")},
                    "geometry": {"type": "MultiPolygon", "coordinates": kept},
                }
            )
    return {"type": "FeatureCollection", "features": features}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> int:
    if shutil.which("npm") is None:
        print("npm is required (apt-get install npm)", file=sys.stderr)
        return 2
    staging = OUT.with_name("map.new")
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "LICENSES").mkdir(parents=True)
    manifest: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for pkg in PACKAGES:
            tarball = npm_pack(pkg, work)
            unpacked = work / tarball.stem
            with tarfile.open(tarball) as tar:
                tar.extractall(unpacked, filter="data")
            src = unpacked / "package"
            origin = f"npm {pkg.name}@{pkg.version}"
            for inner, target in pkg.files.items():
                dest = staging / target
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src / inner, dest)
                manifest[target] = {"source": f"{origin}:{inner}", "licence": pkg.licence}
            lic = f"LICENSES/{pkg.name.replace('/', '_')}.txt"
            shutil.copyfile(src / pkg.licence_file, staging / lic)
            manifest[lic] = {"source": f"{origin}:{pkg.licence_file}", "licence": pkg.licence}
            if pkg.name == "world-atlas":
                topo = json.loads((src / "countries-10m.json").read_text(encoding="utf-8"))
                geo = topo_to_geojson(topo, "countries", BASEMAP_BBOX)
                dest = staging / "basemap" / "countries.js"
                dest.parent.mkdir(parents=True, exist_ok=True)
                # A script, not a fetched .json: file:// pages may not XHR local files.
                body = json.dumps(geo, separators=(",", ":"), ensure_ascii=False)
                dest.write_text(f"window.CSGT_BASEMAP = {body};\n", encoding="utf-8")
                manifest["basemap/countries.js"] = {
                    "source": f"{origin}:countries-10m.json (decoded to GeoJSON, bbox {BASEMAP_BBOX})",
                    "licence": pkg.licence,
                }
    for target, entry in manifest.items():
        entry["sha256"] = sha256(staging / target)
    (staging / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    lines = [
        "# Map assets: provenance",
        "",
        "Generated by `installer/vendor_map_assets.py` from pinned npm packages (tarball SHA-512 checked).",
        "Do not edit by hand; re-run the script. Licences are in `LICENSES/`.",
        "",
        "| file | source | licence | SHA-256 |",
        "|---|---|---|---|",
    ]
    lines += [f"| {t} | {e['source']} | {e['licence']} | `{e['sha256']}` |" for t, e in sorted(manifest.items())]
    (staging / "PROVENANCE.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # Keep hand-written files that live beside the vendored ones (our own page script and style).
    if OUT.exists():
        for own in ("csgt_map.js", "csgt_map.css", "README.md"):
            if (OUT / own).exists():
                shutil.copyfile(OUT / own, staging / own)
        shutil.rmtree(OUT)
    staging.rename(OUT)
    print(f"vendored {len(manifest)} files into {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
