"""Scene kinds, frame iteration, JPEG sequences with their ground truth, and the on-disk cache."""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from console.demo.scenes import expressway, intersection, motorbike_lane, one_way
from console.demo.scenes.ground import ground_y_at_row
from console.demo.scenes.plates import Image
from console.demo.scenes.scene import Scene
from console.demo.scenes.shapes import PLATE_SCALE

# Bump when a change alters pixels or ground truth: cached renders of older versions are redone.
VERSION = 3
FRAME_PATTERN = "frame_%05d.jpg"
GROUND_TRUTH = "ground_truth.json"
JPEG_QUALITY = 85
MIN_SECONDS = 18.0

BUILDERS: dict[str, Callable[[int, float, int, tuple[int, int]], Scene]] = {
    "intersection": intersection.build,
    "expressway": expressway.build,
    "one_way": one_way.build,
    "motorbike_lane": motorbike_lane.build,
}
KINDS = tuple(BUILDERS)


class SceneError(ValueError):
    """Bad scene parameters, worded for the person who typed them."""


class RenderStopped(Exception):
    """The render was asked to stop; the folder holds no ground truth, so it is redone next time."""


@dataclass(frozen=True)
class GroundTruth:
    """The ``ground_truth.json`` document; ``data`` is exactly what is written to disk."""

    data: dict[str, Any]

    @property
    def kind(self) -> str:
        return str(self.data["kind"])

    @property
    def seed(self) -> int:
        return int(self.data["seed"])

    @property
    def frame_count(self) -> int:
        return int(self.data["frame_count"])

    @property
    def vehicles(self) -> list[dict[str, Any]]:
        return list(self.data["vehicles"])

    @property
    def violations(self) -> list[dict[str, Any]]:
        return list(self.data["violations"])

    @property
    def rules(self) -> list[dict[str, Any]]:
        return list(self.data["rules"])

    def to_json(self) -> str:
        return json.dumps(self.data, ensure_ascii=False, indent=1, sort_keys=True)

    @classmethod
    def load(cls, path: Path) -> GroundTruth:
        return cls(json.loads(path.read_text(encoding="utf-8")))


def check_params(kind: str, seconds: float, fps: int, size: tuple[int, int]) -> None:
    if kind not in BUILDERS:
        raise SceneError(f"unknown scene kind {kind!r}: choose one of {', '.join(KINDS)}")
    if not 1 <= fps <= 60:
        raise SceneError(f"fps must be between 1 and 60, not {fps}")
    if seconds < MIN_SECONDS or seconds > 600:
        raise SceneError(
            f"seconds must be between {MIN_SECONDS:g} and 600 (the scripted events need the time), not {seconds:g}"
        )
    if abs(seconds * fps - round(seconds * fps)) > 1e-6:
        raise SceneError(f"seconds × fps must be a whole number of frames for a seamless loop ({seconds:g} × {fps})")
    w, h = size
    if not (160 <= w <= 3840 and 90 <= h <= 2160) or w % 2 or h % 2:
        raise SceneError(f"size must be even, from 160×90 to 3840×2160, not {w}×{h}")


def build_scene(kind: str, seed: int, seconds: float = 20, fps: int = 25, size: tuple[int, int] = (1280, 720)) -> Scene:
    check_params(kind, seconds, fps, size)
    return BUILDERS[kind](seed, float(seconds), fps, size)


def iter_frames(
    kind: str,
    seed: int,
    seconds: float = 20,
    fps: int = 25,
    size: tuple[int, int] = (1280, 720),
    start: int = 0,
    stop: int | None = None,
) -> Iterator[tuple[int, Image]]:
    """Yield (index, BGR frame) for frames ``start`` … ``stop`` − 1 of one loop, without touching disk."""
    scene = build_scene(kind, seed, seconds, fps, size)
    end = scene.frame_count if stop is None else min(stop, scene.frame_count)
    for i in range(max(0, start), end):
        img, _ = scene.frame(i)
        assert img is not None
        yield i, img


def ground_truth(
    kind: str, seed: int, seconds: float = 20, fps: int = 25, size: tuple[int, int] = (1280, 720)
) -> GroundTruth:
    """The ground truth alone (no pixels drawn): what ``render_scene`` writes, in a fraction of the time."""
    scene = build_scene(kind, seed, seconds, fps, size)
    return _collect(scene, None)


def render_scene(
    kind: str,
    seed: int,
    out_dir: Path,
    seconds: float = 20,
    fps: int = 25,
    size: tuple[int, int] = (1280, 720),
    stop: threading.Event | None = None,
) -> GroundTruth:
    """Write ``out_dir/frame_00000.jpg`` … and ``out_dir/ground_truth.json``; reuse them when they match.

    The ground truth is written last, atomically: its presence with matching parameters means
    every frame before it was written completely. Setting ``stop`` ends the render within one frame
    (RenderStopped): a background render must not still be inside OpenCV when the process exits.
    """
    check_params(kind, seconds, fps, size)
    gt_path = out_dir / GROUND_TRUTH
    cached = _cached(gt_path, kind, seed, seconds, fps, size)
    if cached is not None:
        return cached
    # Planned before the folder is touched: a scene that cannot be built leaves nothing behind.
    scene = build_scene(kind, seed, seconds, fps, size)
    out_dir.mkdir(parents=True, exist_ok=True)
    if gt_path.exists():
        gt_path.unlink()
    gt = _collect(scene, out_dir, stop)
    pattern = re.compile(r"frame_(\d{5})\.jpg")
    for stale in out_dir.iterdir():  # a longer earlier render must not leave frames in the loop
        m = pattern.fullmatch(stale.name)
        if m and int(m.group(1)) >= scene.frame_count:
            stale.unlink()
    tmp = gt_path.with_suffix(f".tmp{os.getpid()}")
    tmp.write_text(gt.to_json(), encoding="utf-8")
    os.replace(tmp, gt_path)
    return gt


def cached_scene(
    cache_root: Path, kind: str, seed: int, seconds: float = 20, fps: int = 25, size: tuple[int, int] = (1280, 720)
) -> tuple[Path, GroundTruth]:
    """Render into ``cache_root/<kind>-s<seed>-v<VERSION>-<seconds>s-<fps>fps-<w>x<h>`` unless already there."""
    name = f"{kind}-s{seed}-v{VERSION}-{seconds:g}s-{fps}fps-{size[0]}x{size[1]}"
    out = cache_root / name
    return out, render_scene(kind, seed, out, seconds, fps, size)


def _cached(gt_path: Path, kind: str, seed: int, seconds: float, fps: int, size: tuple[int, int]) -> GroundTruth | None:
    try:
        gt = GroundTruth.load(gt_path)
        d = gt.data
        same = (d["version"], d["kind"], d["seed"], d["seconds"], d["fps"], d["size"]) == (
            VERSION,
            kind,
            seed,
            float(seconds),
            fps,
            [size[0], size[1]],
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not same:
        return None
    frames_ok = all((gt_path.parent / (FRAME_PATTERN % i)).is_file() for i in range(gt.frame_count))
    return gt if frames_ok else None


def _collect(scene: Scene, out_dir: Path | None, stop: threading.Event | None = None) -> GroundTruth:
    tracks: dict[int, list[dict[str, Any]]] = {a.id: [] for a in scene.actors}
    params = [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY]
    for i in range(scene.frame_count):
        if stop is not None and stop.is_set():
            raise RenderStopped(f"stopped at frame {i} of {scene.frame_count}")
        img, records = scene.frame(i, draw=out_dir is not None)
        for rec in records:
            rec = dict(rec, frame=i)
            tracks[int(rec.pop("id"))].append(rec)
        if out_dir is not None and img is not None:
            ok, buf = cv2.imencode(".jpg", img, params)
            if not ok:
                raise OSError("JPEG encoding failed")
            (out_dir / (FRAME_PATTERN % i)).write_bytes(buf.tobytes())
    return GroundTruth(_document(scene, tracks))


def _document(scene: Scene, tracks: dict[int, list[dict[str, Any]]]) -> dict[str, Any]:
    cam = scene.camera
    fps = scene.fps
    by_id = {a.id: a for a in scene.actors}
    vehicles = [
        {
            "id": a.id,
            "class": a.cls,
            "plate": a.plate.text,
            "plate_colour": a.plate.colour,
            "plate_rows": a.plate.rows,
            "lane": a.lane,
            "direction": "away" if a.direction[1] > 0 else "towards" if a.direction[1] < 0 else "across",
            "scripted": a.scripted,
            "helmet": a.helmet,
            "track": tracks[a.id],
        }
        for a in scene.actors
        if tracks[a.id]
    ]
    violations = []
    for v in scene.violations:
        actor = by_id[int(v["vehicle_id"])]
        violations.append(
            dict(
                v,
                plate=actor.plate.text,
                **{"class": actor.cls},
                frame_event=_frame(v["t_event"], fps, scene.frame_count),
                frame_start=_frame(v["t_start"], fps, scene.frame_count),
                frame_end=_frame(v["t_end"], fps, scene.frame_count),
            )
        )
    h = cam.ground_homography()
    doc: dict[str, Any] = {
        "format": "csgt-synthetic-scene",
        "version": VERSION,
        "kind": scene.kind,
        "seed": scene.seed,
        "fps": fps,
        "seconds": scene.seconds,
        "frame_count": scene.frame_count,
        "size": [cam.width, cam.height],
        "frame_pattern": FRAME_PATTERN,
        "loop": True,
        "plate_scale": PLATE_SCALE,
        "camera": dict(
            scene.info.get("camera", {}),
            world_axes="X metres right across the road, Y metres along the road away from the camera, road at Z=0",
            ground_to_image=np.round(h, 8).tolist(),
            image_to_ground=np.round(np.linalg.inv(h), 10).tolist(),
            metres_per_pixel={
                "bottom_row": round(cam.metres_per_pixel(ground_y_at_row(cam, cam.height - 1)), 4),
                "centre_row": round(cam.metres_per_pixel(ground_y_at_row(cam, cam.height / 2)), 4),
            },
        ),
        "rules": scene.rules,
        "signal": None,
        "vehicles": vehicles,
        "violations": violations,
        "crossings": _crossings(scene),
    }
    if scene.signal is not None:
        sig = scene.signal
        states = [sig.state(i / fps) for i in range(scene.frame_count)]
        runs: list[list[Any]] = []
        for i, s in enumerate(states):
            if runs and runs[-1][2] == s:
                runs[-1][1] = i
            else:
                runs.append([i, i, s])
        doc["signal"] = {
            "cycle_s": sig.cycle,
            "phases": [{"state": s, "start_s": a, "end_s": b} for s, a, b in sig.phases],
            "frames": runs,
        }
    return doc


def _frame(t: float, fps: int, count: int) -> int:
    return round(t * fps) % count


def _crossings(scene: Scene) -> list[dict[str, Any]]:
    """When each vehicle's front passes each rule line on its carriageway (stop line, speed lines)."""
    lines: list[tuple[str, float, float, float]] = []  # name, Y, X from, X to
    if scene.kind == "intersection":
        lines.append(("stop_line", intersection.STOP_Y, 0.0, 10.0))
    if scene.kind == "expressway":
        lines.append(("entry_line", expressway.LINE_1, 0.75, 15.0))
        lines.append(("exit_line", expressway.LINE_1 + expressway.DISTANCE_M, 0.75, 15.0))
    out: list[dict[str, Any]] = []
    for a in scene.actors:
        if a.direction[1] <= 0 or not lines:
            continue
        times: dict[str, float] = {}
        for name, y, x0, x1 in lines:
            s = y - a.model.length / 2 - a.origin[1]
            t = a.profile.time_at(s)
            x, _ = a.xy(t)
            if not x0 <= x <= x1:
                continue
            times[name] = t
            rec: dict[str, Any] = {
                "vehicle_id": a.id,
                "line": name,
                "t": round(t % scene.seconds, 3),
                "frame": _frame(t % scene.seconds, scene.fps, scene.frame_count),
                "speed_kmh": round(a.speed_kmh(t), 1),
            }
            if scene.signal is not None:
                rec["signal_state"] = scene.signal.state(t)
            out.append(rec)
        if "entry_line" in times and "exit_line" in times:
            dt = times["exit_line"] - times["entry_line"]
            out[-1]["measured_speed_kmh"] = round(expressway.DISTANCE_M / dt * 3.6, 1)
    out.sort(key=lambda r: (r["t"], r["vehicle_id"]))
    return out
