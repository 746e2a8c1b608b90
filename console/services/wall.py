"""Video-wall services: the operator's saved layout, and snapshots from a tile into the evidence store."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from console.storage.db import Database
from console.storage.models import Camera, Operator

from .audit import AuditLog
from .context import Actor, Permission
from .evidence import EvidenceStore

GRIDS = (1, 2, 3, 4)
PREFERENCE_KEY = "wall"


class WallError(ValueError):
    pass


@dataclass(frozen=True)
class WallLayout:
    grid: int  # tiles per side: 1, 2, 3 or 4
    cameras: tuple[int | None, ...]  # camera id per tile, row by row; None for an empty tile

    def __post_init__(self) -> None:
        if self.grid not in GRIDS:
            raise WallError(f"layout {self.grid}x{self.grid} does not exist; use 1, 2, 3 or 4 tiles per side")
        if len(self.cameras) > self.grid * self.grid:
            raise WallError(f"{len(self.cameras)} cameras do not fit a {self.grid}x{self.grid} layout")

    def to_json(self) -> dict[str, Any]:
        return {"grid": self.grid, "cameras": list(self.cameras)}

    @classmethod
    def from_json(cls, data: object) -> WallLayout | None:
        """None for anything that is not a layout we wrote (an old or hand-edited preference)."""
        if not isinstance(data, dict):
            return None
        grid, cameras = data.get("grid"), data.get("cameras", [])
        if grid not in GRIDS or not isinstance(cameras, list):
            return None
        ids = tuple(c if isinstance(c, int) and not isinstance(c, bool) else None for c in cameras)
        return cls(int(grid), ids[: int(grid) * int(grid)])


@dataclass(frozen=True)
class Snapshot:
    evidence_id: int
    sha256: str
    path: str  # relative to the evidence directory


class WallService:
    def __init__(self, db: Database, audit: AuditLog, store: EvidenceStore) -> None:
        self.db = db
        self.audit = audit
        self.store = store

    def load_layout(self, actor: Actor) -> WallLayout | None:
        if actor.operator_id is None:
            return None
        with self.db.session() as s:
            prefs = s.scalar(select(Operator.preferences).where(Operator.id == actor.operator_id))
        return WallLayout.from_json((prefs or {}).get(PREFERENCE_KEY))

    def save_layout(self, actor: Actor, layout: WallLayout) -> None:
        actor.require(Permission.VIEW)
        if actor.operator_id is None:
            raise WallError("only a signed-in operator has a wall layout")
        with self.db.session() as s:
            operator = s.get(Operator, actor.operator_id, with_for_update=True)
            if operator is None:
                raise WallError(f"operator {actor.username} no longer exists")
            known = set(s.scalars(select(Camera.id).where(Camera.id.in_([c for c in layout.cameras if c]))))
            unknown = [c for c in layout.cameras if c is not None and c not in known]
            if unknown:
                raise WallError(f"no camera with id {', '.join(map(str, unknown))}")
            if (operator.preferences or {}).get(PREFERENCE_KEY) == layout.to_json():
                return
            # A new dict, so the JSON column sees the change.
            operator.preferences = {**(operator.preferences or {}), PREFERENCE_KEY: layout.to_json()}
            self.audit.append(s, actor, "wall.layout_saved", "operator", operator.id, layout.to_json())

    def snapshot(self, actor: Actor, camera_id: int, jpeg: bytes, width: int, height: int) -> Snapshot:
        actor.require(Permission.SNAPSHOT)
        if not jpeg.startswith(b"\xff\xd8"):
            raise WallError("a snapshot must be a JPEG image")
        with self.db.session() as s:
            if s.get(Camera, camera_id) is None:
                raise WallError(f"no camera with id {camera_id}")
            row = self.store.put(s, jpeg, "snapshot", camera_id=camera_id, width=width, height=height)
            self.audit.append(s, actor, "camera.snapshot", "evidence_file", row.id, {"camera_id": camera_id,
                              "sha256": row.sha256, "width": width, "height": height})  # fmt: skip
            return Snapshot(row.id, row.sha256, row.path)


@dataclass(frozen=True)
class StreamSource:
    camera_id: int
    url: str  # the main stream, without credentials
    username: str | None
    password: str | None = field(default=None, repr=False)  # never printed, even in a traceback
    sub_url: str | None = None  # the camera's low-resolution stream (same credentials), if it has one


# Layouts whose tiles are smaller than a 720p picture: there a camera's sub-stream (typically 640x360)
# loses nothing on screen and costs a quarter of the main stream's decoding and painting.
SUB_STREAM_GRIDS = (3, 4)


def tile_url(source: StreamSource, grid: int, maximised: bool) -> str:
    """The stream a wall tile plays: the sub-stream on a 3x3 or 4x4 wall, else (and when maximised) the main."""
    if grid in SUB_STREAM_GRIDS and not maximised and source.sub_url:
        return source.sub_url
    return source.url


def stream_sources(db: Database, actor: Actor, camera_ids: list[int]) -> dict[int, StreamSource]:
    """What the wall needs to open these cameras' main and sub-streams, credentials included."""
    actor.require(Permission.VIEW)
    with db.session() as s:
        rows = s.execute(
            select(Camera.id, Camera.main_url, Camera.stream_username, Camera.stream_password, Camera.sub_url).where(
                Camera.id.in_(camera_ids)
            )
        )
        return {cid: StreamSource(cid, url, user, pw, sub or None) for cid, url, user, pw, sub in rows}
