"""The detection engine, and one camera's pipeline from its registry row: shared by the wall and `analytics`.

Both the console's live tiles (console/ui/live_detection.py) and the headless analytics service
(console/services/analytics.py) load the models once and build a Pipeline per camera from the
camera's own rules and detector, so a camera is analysed the same way whoever analyses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import select

from console.storage.db import Database
from console.storage.models import Camera, CameraRule
from inference.pipeline import Pipeline


@dataclass(frozen=True)
class Engine:
    stages: dict[str, Any] | None  # None: detection is off
    reason: str  # why it is off, or which stage is missing; "" when the detector is simply absent
    registry: Any = None  # inference.models.ModelRegistry: Pipeline reads which models it refused
    device: str = ""


def load_engine(model_dirs: list[Path] | None, device: str) -> Engine:
    """Compile the models (slow: call it off the GUI thread). ``model_dirs`` None: the shipped models."""
    from inference.models import DeviceChoice, ModelRegistry
    from inference.pipeline import build_stages

    cache = Path(platformdirs.user_cache_dir("csgt-console")) / "openvino"
    registry = ModelRegistry(model_dirs, cache, default=DeviceChoice(device))
    stages = build_stages(registry)
    names = stages["names"]
    detector = stages["detector"]
    if detector is None:
        return Engine(None, registry.refused.get(names["detector"], ""), registry)
    missing = [registry.refused[n] for n in (names["text_detector"], names["text_recogniser"]) if n in registry.refused]
    return Engine(stages, "; ".join(missing), registry, str(getattr(detector, "device", device)))


@dataclass(frozen=True)
class CameraSetup:
    camera_id: int
    code: str
    url: str
    username: str | None
    password: str | None
    rules: list[dict[str, Any]]  # the usable ones
    skipped: list[str]  # why each unusable rule was left out
    stages: dict[str, Any]
    why_default_detector: str  # the camera's own detector was refused: why ("" when it is used or unset)


def camera_setup(db: Database, engine: Engine, camera_id: int, stream: str = "main") -> CameraSetup:
    """Read the camera and its enabled rules, load its own detector (slow the first time: off the GUI thread)."""
    from inference.pipeline import with_detector
    from inference.rules import RuleEngine, RuleError

    assert engine.stages is not None
    with db.session() as s:
        cam = s.get(Camera, camera_id)
        if cam is None:
            raise LookupError(f"camera {camera_id} does not exist")
        found = s.scalars(select(CameraRule).where(CameraRule.camera_id == camera_id, CameraRule.enabled))
        rules = [{"kind": r.kind, "name": r.name, "geometry": r.geometry, "params": r.params} for r in found]
        url = cam.sub_url if stream == "sub" and cam.sub_url else cam.main_url
        code, user, password, detector = cam.code, cam.stream_username, cam.stream_password, cam.detector
    usable, skipped = [], []
    for rule in rules:
        try:
            RuleEngine([rule])
            usable.append(rule)
        except RuleError as exc:  # one badly drawn rule must not stop detection on the camera
            skipped.append(str(exc))
    stages, why = with_detector(engine.stages, engine.registry, detector)
    return CameraSetup(camera_id, code, url, user, password, usable, skipped, stages, why)


def build_pipeline(setup: CameraSetup, engine: Engine) -> Pipeline:
    from inference.pipeline import live_spec

    return Pipeline(live_spec(setup.code, setup.rules), engine.registry, setup.stages)
