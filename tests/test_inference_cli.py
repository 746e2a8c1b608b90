"""``python -m inference run``: JSON-lines events, missing stages announced, bad input refused clearly."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from inference.models import DEFAULT_SET, MODELS_DIR

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "inference", "--device", "CPU", "--cache", "off", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=180,
    )


def frames_dir(tmp_path: Path, count: int = 4) -> Path:
    d = tmp_path / "frames"
    d.mkdir()
    for i in range(count):
        cv2.imwrite(str(d / f"frame_{i:05d}.jpg"), np.full((180, 320, 3), 60 + 10 * i, np.uint8))
    return d


def camera_file(tmp_path: Path, rules: list[dict[str, object]]) -> Path:
    path = tmp_path / "camera.json"
    path.write_text(json.dumps({"code": "HN-1", "rules": rules, "hotlist": [{"plate": "30A-123.45", "priority": 1}]}))
    return path


def test_run_on_a_jpeg_folder_prints_json_lines_and_an_end_event(tmp_path: Path) -> None:
    rule: dict[str, object] = {
        "kind": "no_stopping",
        "name": "z",
        "geometry": {"zone": [[0, 0], [1, 0], [1, 1]]},
        "params": {"dwell_s": 3},
    }
    out = run("run", str(frames_dir(tmp_path)), "--camera", str(camera_file(tmp_path, [rule])))
    assert out.returncode == 0, out.stderr
    events = [json.loads(line) for line in out.stdout.splitlines()]
    assert events[-1] == {"event": "end", "frames": 4}


def test_run_without_the_detector_says_which_stage_is_missing(tmp_path: Path) -> None:
    models = tmp_path / "models"
    for name in (DEFAULT_SET["text_detector"], DEFAULT_SET["text_recogniser"]):
        shutil.copytree(MODELS_DIR / name, models / name)
    out = run("--models", str(models), "run", str(frames_dir(tmp_path, 2)), "--camera", str(camera_file(tmp_path, [])))
    assert out.returncode == 0, out.stderr
    events = [json.loads(line) for line in out.stdout.splitlines()]
    assert [e["stage"] for e in events if e["event"] == "stage_missing"] == ["vehicle detection"]
    assert events[0]["event"] == "stage_missing" and events[0]["stage"] == "vehicle detection"
    assert "vehicle-nanodet" in events[0]["message"]
    assert events[-1]["frames"] == 2


def test_bad_camera_file_and_bad_rule_are_refused_clearly(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    out = run("run", str(frames_dir(tmp_path)), "--camera", str(broken))
    assert out.returncode == 2 and "cannot read camera file" in out.stderr and out.stdout == ""
    bad_rule = camera_file(tmp_path, [{"kind": "speed", "name": "S1", "geometry": {"entry_line": [[0, 0]]}}])
    out = run("run", str(tmp_path / "frames"), "--camera", str(bad_rule))
    assert out.returncode == 2 and "rule 'S1'" in out.stderr


def test_unopenable_source_is_an_error(tmp_path: Path) -> None:
    out = run("run", str(tmp_path / "missing.mp4"), "--camera", str(camera_file(tmp_path, [])))
    assert out.returncode == 2 and "cannot open" in out.stderr


def test_evidence_is_written_once_under_its_sha256(tmp_path: Path) -> None:
    import hashlib

    from inference.__main__ import _write_evidence

    image = np.full((40, 60, 3), 128, np.uint8)
    first = _write_evidence(tmp_path, image, "frame")
    again = _write_evidence(tmp_path, image, "frame")
    assert first == again and first["kind"] == "frame"
    data = (tmp_path / first["path"]).read_bytes()
    assert hashlib.sha256(data).hexdigest() == first["sha256"] and first["path"].startswith(first["sha256"][:2])
    assert len(list(tmp_path.rglob("*.jpg"))) == 1
    assert not list(tmp_path.rglob("*.tmp"))


def test_evidence_that_cannot_be_synced_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A disk that fills while the image is flushed: neither a short image nor its temporary file stays."""
    import errno
    import os

    from inference.__main__ import _write_evidence

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space"):
        _write_evidence(tmp_path, np.full((40, 60, 3), 7, np.uint8), "frame")
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_plates_reads_a_real_roadside_photo_and_keeps_a_foreign_plate_out_of_the_grammar() -> None:
    """A real ANPR-camera photo (resources/demo/real_plates, MIT, provenance beside it): the whole 1280×720 frame
    goes in, the Czech plate 8B9 3583 comes out letter for letter, and — not being Vietnamese — unparsed."""
    photo = ROOT / "resources" / "demo" / "real_plates" / "cz_8B9-3583_adr_tanker.jpg"
    out = run("plates", str(photo), "--json")
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["error"] is None
    by_text = {p["text"].replace(" ", ""): p for p in result["plates"]}
    plate = by_text["8B93583"]
    assert plate["plate"] is None and plate["rows"] == 1 and plate["confidence"] > 0.8
    x0, y0, x1, y1 = plate["box"]
    assert 640 < x0 < x1 < 880 and 530 < y0 < y1 < 600  # on the rear plate, not on the hazard panel above
    assert all(p["plate"] is None for p in result["plates"])  # nothing in the photo is forced into a VN plate
