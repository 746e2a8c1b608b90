"""A station's MBTiles pack becomes files the offline page loads; bad packs are refused clearly."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from maps.tilepack import TilePackError, extract_mbtiles

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16  # content is not inspected, only copied


def _pack(path: Path, fmt: str = "png") -> Path:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
        conn.execute("CREATE TABLE tiles (zoom_level INT, tile_column INT, tile_row INT, tile_data BLOB)")
        conn.execute("INSERT INTO metadata VALUES ('format', ?)", (fmt,))
        # z=2 has rows 0..3 counted from the south (TMS); row 0 is y=3 for Leaflet.
        conn.executemany("INSERT INTO tiles VALUES (?, ?, ?, ?)", [(2, 3, 0, PNG), (0, 0, 0, PNG + b"z0")])
    conn.close()
    return path


def test_pack_is_unpacked_once_with_rows_flipped(tmp_path: Path) -> None:
    pack = _pack(tmp_path / "station.mbtiles")
    url = extract_mbtiles(pack, tmp_path / "cache")
    assert url.startswith("file://") and url.endswith("/{z}/{x}/{y}.png")
    root = Path(url.removeprefix("file://").rsplit("/{z}", 1)[0])
    assert (root / "2" / "3" / "3.png").read_bytes() == PNG
    assert (root / "0" / "0" / "0.png").read_bytes() == PNG + b"z0"
    (root / "2" / "3" / "3.png").write_bytes(b"kept")
    assert extract_mbtiles(pack, tmp_path / "cache") == url  # same pack: not unpacked again
    assert (root / "2" / "3" / "3.png").read_bytes() == b"kept"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p, "does not exist"),
        (lambda p: (p.write_bytes(b"not sqlite at all, just text" * 10), p)[1], "not a valid MBTiles file"),
        (lambda p: _pack(p, "pbf"), "only raster"),
    ],
)
def test_bad_packs_are_refused(tmp_path: Path, make: object, message: str) -> None:
    path = make(tmp_path / "bad.mbtiles")  # type: ignore[operator]
    with pytest.raises(TilePackError, match=message):
        extract_mbtiles(path, tmp_path / "cache")
