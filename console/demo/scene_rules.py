"""Demo cameras that show a rendered scene take that scene's rules and detector; the hotlist gets a wanted
vehicle from each scene.

Why: the demo registry's rules (resources/demo/demo_data.json) describe imagined real sites, but the picture
a demo camera actually shows is a rendered scene whose exact geometry — stop line, speed lines 25 m apart,
lanes, the emergency lane — sits in its ground truth. Only that geometry makes the scripted violations
catchable, and only the detector trained on such renders (``vehicle-scenes``) sees their vehicles. The
change is made as an operator's rule edit would be: in the database, audited, and not again once it holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select

from console.services.audit import AuditLog
from console.services.context import SYSTEM
from console.storage.db import Database
from console.storage.models import Camera, CameraRule, HotlistEntry

SCENE_DETECTOR = "vehicle-scenes"
WANTED_SOURCE = "Demo – xe truy tìm trong cảnh camera"
MIN_GLYPH_PX = 12.0  # one-row plates this size read 81–100 % (docs/scenes.md, "Plate readability")


@dataclass(frozen=True)
class SceneSetup:
    cameras: int  # cameras whose rules or detector changed
    wanted: list[str]  # plates put on the hotlist


def wanted_vehicle(truth: dict[str, Any]) -> dict[str, Any] | None:
    """The scene's vehicle whose plate is in clear view for the most frames: the one a live reader will get."""

    def clear_frames(vehicle: dict[str, Any]) -> int:
        return sum(
            1
            for p in vehicle["track"]
            if (p.get("plate_char_px") or 0) >= MIN_GLYPH_PX and (p.get("plate_visible") or 0) >= 0.95
        )

    ranked = sorted(truth["vehicles"], key=lambda v: (-clear_frames(v), int(v["id"])))
    return ranked[0] if ranked and clear_frames(ranked[0]) > 0 else None


def _rules(truth: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "kind": r["kind"],
            "name": r["name"],
            "geometry": r["geometry"],
            "params": r["params"],
            "enabled": bool(r.get("enabled", True)),
        }
        for r in truth["rules"]
    ]


def configure_demo_scenes(
    db: Database, audit: AuditLog, scenes: dict[str, dict[str, Any]], now: datetime
) -> SceneSetup:
    """``scenes``: camera code → the ground truth of the scene it shows."""
    changed = 0
    wanted: list[str] = []
    with db.session() as s:
        for code, truth in sorted(scenes.items()):
            camera = s.scalar(select(Camera).where(Camera.code == code))
            if camera is None:
                continue
            rules = _rules(truth)
            have = [
                {"kind": r.kind, "name": r.name, "geometry": r.geometry, "params": r.params, "enabled": r.enabled}
                for r in sorted(camera.rules, key=lambda r: r.id)
            ]
            limit = next((int(r["params"]["limit_kmh"]) for r in rules if r["kind"] == "speed"), camera.speed_limit_kmh)
            if have != rules or camera.detector != SCENE_DETECTOR or camera.speed_limit_kmh != limit:
                s.execute(delete(CameraRule).where(CameraRule.camera_id == camera.id))
                s.expire(camera, ["rules"])
                s.add_all(CameraRule(camera_id=camera.id, **r) for r in rules)
                camera.detector = SCENE_DETECTOR
                camera.speed_limit_kmh = limit
                changed += 1
                details = {"scene": f"{truth['kind']}-{truth['seed']}", "rules": len(rules), "detector": SCENE_DETECTOR}
                audit.append(s, SYSTEM, "camera.rules_from_scene", "camera", str(camera.id), details)
            vehicle = wanted_vehicle(truth)
            if vehicle is None:
                continue
            plate = str(vehicle["plate"])
            listed = s.scalar(select(HotlistEntry.id).where(HotlistEntry.plate == plate, HotlistEntry.active))
            if listed is None:
                entry = HotlistEntry(
                    plate=plate,
                    plate_colour=vehicle.get("plate_colour"),
                    reason="wanted",
                    priority=1,
                    note=f"Xe thường qua camera {code} (cảnh demo); phát hiện thì báo trực ban.",
                    source=WANTED_SOURCE,
                    added_at=now,
                )
                s.add(entry)
                s.flush()
                audit.append(s, SYSTEM, "hotlist.add", "hotlist", str(entry.id), {"plate": entry.plate, "demo": True})
                wanted.append(entry.plate)
    return SceneSetup(changed, wanted)
