"""``python -m inference detect``: one JSON line per analysed frame, from images, videos and folders."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

from console.demo.scenes import build_scene
from inference.detector import iou

ROOT = Path(__file__).resolve().parents[1]


def detect(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "inference", "--device", "CPU", "--cache", "off", "detect", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=180,
    )


@pytest.fixture(scope="module")
def scene_frames() -> list[tuple[np.ndarray, list[dict[str, Any]]]]:
    scene = build_scene("expressway", 2)  # seed 2: never trained on
    return [scene.frame(i) for i in range(100, 110)]  # type: ignore[misc]


def test_an_image_gives_boxes_on_the_vehicles_in_it(tmp_path: Path, scene_frames: list[Any]) -> None:
    img, records = scene_frames[0]
    path = tmp_path / "frame.png"
    cv2.imwrite(str(path), img)
    out = detect(str(path), "--detector", "vehicle-scenes", "--json")
    assert out.returncode == 0, out.stderr
    (line,) = [json.loads(s) for s in out.stdout.splitlines()]
    assert line["frame"] == 0 and line["t"] == 0.0
    found = line["detections"]
    assert all(set(d) == {"cls", "score", "box"} and len(d["box"]) == 4 for d in found)
    plain = [r for r in records if r["in_frame"] > 0.9 and r["visible"] > 0.9 and r["bbox"][3] - r["bbox"][1] >= 20]
    assert plain, "the chosen frame shows vehicles"
    matched = [r for r in plain if any(iou(r["bbox"], d["box"]) >= 0.5 for d in found)]
    assert len(matched) >= 0.8 * len(plain), (plain, found)


def test_a_video_is_analysed_every_nth_frame(tmp_path: Path, scene_frames: list[Any]) -> None:
    path = tmp_path / "clip.avi"
    h, w = scene_frames[0][0].shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), 25, (w, h))
    for img, _ in scene_frames:
        writer.write(img)
    writer.release()
    out = detect(str(path), "--detector", "vehicle-scenes", "--every", "4", "--json")
    assert out.returncode == 0, out.stderr
    lines = [json.loads(s) for s in out.stdout.splitlines()]
    assert [(x["frame"], x["t"]) for x in lines] == [(0, 0.0), (4, 0.16), (8, 0.32)]
    assert all(x["detections"] for x in lines)


def test_plain_output_counts_classes_per_frame(tmp_path: Path, scene_frames: list[Any]) -> None:
    folder = tmp_path / "frames"
    folder.mkdir()
    for i, (img, _) in enumerate(scene_frames[:3]):
        cv2.imwrite(str(folder / f"{i:03d}.jpg"), img)
    out = detect(str(folder), "--detector", "vehicle-scenes", "--max-frames", "2")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert len(lines) == 2 and lines[0].startswith("frame 0 (t=0.00 s): ") and " car" in out.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.mp4"], "cannot open missing.mp4"),
        (["frame.png", "--every", "0"], "--every must be 1 or more"),
        (["frame.png", "--detector", "no-such-model"], "no-such-model"),
        (["frame.png", "--detector", "ppocr-det-tiny"], "is not a detector"),
    ],
)
def test_bad_input_is_refused_clearly(tmp_path: Path, args: list[str], message: str) -> None:
    cv2.imwrite(str(tmp_path / "frame.png"), np.zeros((64, 64, 3), np.uint8))
    out = subprocess.run(
        [sys.executable, "-m", "inference", "--device", "CPU", "--cache", "off", "detect", *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=180,
    )
    assert out.returncode == 2 and message in out.stderr and out.stdout == "", out.stderr


def test_a_broken_image_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.jpg"
    path.write_bytes(b"not a jpeg")
    out = detect(str(path))
    assert out.returncode == 2 and "cannot read" in out.stderr
