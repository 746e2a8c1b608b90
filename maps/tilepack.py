"""A station's own raster tile pack (MBTiles), unpacked once into files the offline page can load.

The map page is a file:// page with no server behind it; an MBTiles file is an SQLite database.
Unpacking to ``<cache>/<key>/{z}/{x}/{y}.<ext>`` once (keyed by path, size and mtime) lets
Leaflet read tiles as plain files, with no custom URL scheme to register before Qt starts.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

FORMATS = {"png": "png", "jpg": "jpg", "jpeg": "jpg", "webp": "webp"}


class TilePackError(ValueError):
    """The tile pack cannot be used; the message says why."""


def _default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "csgt-console" / "tiles"


def extract_mbtiles(path: str | Path, cache: Path | None = None) -> str:
    """Unpack (if not done before) and return the file:// URL template ``…/{z}/{x}/{y}.png``."""
    src = Path(path).expanduser()
    if not src.is_file():
        raise TilePackError(f"tile pack {src} does not exist")
    st = src.stat()
    key = hashlib.sha256(f"{src.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:16]
    root = (cache or _default_cache()) / key
    try:
        conn = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise TilePackError(f"tile pack {src} cannot be opened: {exc}") from None
    try:
        meta = dict(conn.execute("SELECT name, value FROM metadata").fetchall())
        ext = FORMATS.get(str(meta.get("format", "png")).lower())
        if ext is None:
            raise TilePackError(f"tile pack {src} holds {meta.get('format')} tiles; only raster png/jpg/webp")
        done = root / ".complete"
        if not done.exists():
            root.parent.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix="tiles-", dir=root.parent))
            for z, x, tms_y, data in conn.execute("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles"):
                y = (1 << z) - 1 - tms_y  # MBTiles rows count from the south (TMS); Leaflet from the north
                tile = staging / str(z) / str(x) / f"{y}.{ext}"
                tile.parent.mkdir(parents=True, exist_ok=True)
                tile.write_bytes(data)
            (staging / ".complete").write_text("ok")
            if root.exists():
                shutil.rmtree(root)
            staging.rename(root)
    except sqlite3.Error as exc:
        raise TilePackError(f"tile pack {src} is not a valid MBTiles file: {exc}") from None
    finally:
        conn.close()
    return root.as_uri() + "/{z}/{x}/{y}." + ext
