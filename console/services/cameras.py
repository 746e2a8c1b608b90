"""Cameras declared in the config file are mirrored into the database at start.

A district station edits one TOML file; the command centre may manage cameras in the database.
Both work: a camera from the file is inserted or updated by its code, and cameras that exist only
in the database are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import select

from console.config import CameraConfig
from console.storage.db import Database
from console.storage.models import Camera

from .audit import AuditLog
from .context import SYSTEM


@dataclass(frozen=True)
class SyncResult:
    added: int
    updated: int


def split_credentials(url: str) -> tuple[str, str | None, str | None]:
    """(url without user:password, user, password): credentials get their own columns."""
    parts = urlsplit(url)
    if parts.username is None:
        return url, None, None
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    bare = urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
    return bare, parts.username, parts.password


def sync_config_cameras(db: Database, audit: AuditLog, cameras: list[CameraConfig]) -> SyncResult:
    if not cameras:
        return SyncResult(0, 0)
    added = updated = 0
    with db.session() as s:
        existing = {c.code: c for c in s.scalars(select(Camera).where(Camera.code.in_([c.code for c in cameras])))}
        for cfg in cameras:
            main_url, user, password = split_credentials(cfg.main_url)
            sub_url = split_credentials(cfg.sub_url)[0] if cfg.sub_url else None
            values = {
                "name": cfg.name, "route": cfg.route, "route_kind": cfg.route_kind, "km": cfg.km,
                "lat": cfg.lat, "lon": cfg.lon, "direction": cfg.direction, "main_url": main_url,
                "sub_url": sub_url, "stream_username": user, "stream_password": password,
                "detector": cfg.detector,
            }  # fmt: skip
            camera = existing.get(cfg.code)
            if camera is None:
                s.add(Camera(code=cfg.code, **values))
                added += 1
                continue
            changed = {k: v for k, v in values.items() if getattr(camera, k) != v}
            if changed:
                for key, value in changed.items():
                    setattr(camera, key, value)
                updated += 1
        if added or updated:
            audit.append(s, SYSTEM, "camera.sync_config", "camera", "", {"added": added, "updated": updated})
    return SyncResult(added, updated)
