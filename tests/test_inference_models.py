"""Model registry: shipped manifests verify, and a missing, corrupt or swapped file is refused by name."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from inference.models import DEFAULT_SET, MODELS_DIR, DeviceChoice, ModelRefused, ModelRegistry, load_manifest, verify
from inference.pipeline import CameraSpec, Pipeline

SHIPPED = [
    "vehicle-nanodet",
    "vehicle-scenes",
    "ppocr-det-small",
    "ppocr-rec-small-plate",
    "ppocr-det-tiny",
    "ppocr-rec-tiny",
]


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_manifest_verifies_and_names_source_and_licence(name: str) -> None:
    manifest = load_manifest(MODELS_DIR / name)
    verify(manifest)
    assert manifest.raw["source"]["package"].count("@") >= 1 or "==" in manifest.raw["source"]["package"]
    assert manifest.licence
    assert manifest.decoder in ("nanodet", "centernet", "db", "ctc")
    # Project rule: only permissive, clearly licensed weights ship, each with its licence text beside it.
    assert manifest.licence.startswith("Apache-2.0") and (manifest.directory / "LICENSE").is_file()


def test_no_unclear_licence_weights_ship() -> None:
    shipped = sorted(p.name for p in MODELS_DIR.iterdir() if p.is_dir())
    assert shipped == sorted(SHIPPED)
    assert not (MODELS_DIR / "vehicle-centernet").exists()  # trained upstream without any licence


def _copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / "models" / name
    shutil.copytree(MODELS_DIR / name, target)
    return target


def test_corrupt_weights_are_refused_naming_the_file(tmp_path: Path) -> None:
    d = _copy(tmp_path, "ppocr-rec-tiny")
    blob = bytearray((d / "model.bin").read_bytes())
    blob[1000] ^= 0xFF
    (d / "model.bin").write_bytes(bytes(blob))
    registry = ModelRegistry([tmp_path / "models"])
    with pytest.raises(ModelRefused, match=r"model\.bin: SHA-256"):
        registry.load("ppocr-rec-tiny")
    assert registry.try_load("ppocr-rec-tiny") is None
    assert "model.bin" in registry.refused["ppocr-rec-tiny"]


def test_missing_file_is_refused(tmp_path: Path) -> None:
    d = _copy(tmp_path, "ppocr-det-tiny")
    (d / "model.xml").unlink()
    with pytest.raises(ModelRefused, match=r"model\.xml: file missing"):
        ModelRegistry([tmp_path / "models"]).load("ppocr-det-tiny")


def test_ir_that_matches_its_manifest_but_is_broken_is_refused(tmp_path: Path) -> None:
    d = _copy(tmp_path, "ppocr-det-tiny")
    (d / "model.xml").write_text("<net>not an IR</net>")
    manifest = json.loads((d / "manifest.json").read_text())
    import hashlib

    for f in manifest["files"]:
        f["sha256"] = hashlib.sha256((d / f["path"]).read_bytes()).hexdigest()
    (d / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ModelRefused, match="OpenVINO cannot load it"):
        ModelRegistry([tmp_path / "models"]).load("ppocr-det-tiny")


def test_unknown_decoder_is_refused(tmp_path: Path) -> None:
    d = _copy(tmp_path, "ppocr-det-tiny")
    manifest = json.loads((d / "manifest.json").read_text())
    manifest["decoder"] = "yolo-v99"
    (d / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ModelRefused, match="decoder 'yolo-v99'"):
        load_manifest(d)


def test_pipeline_runs_without_a_refused_stage_and_says_so(tmp_path: Path) -> None:
    for name in (DEFAULT_SET["text_detector"], DEFAULT_SET["text_recogniser"]):
        _copy(tmp_path, name)
    d = _copy(tmp_path, DEFAULT_SET["detector"])
    (d / "model.bin").write_bytes(b"truncated")
    registry = ModelRegistry([tmp_path / "models"], default=DeviceChoice("CPU"))
    pipe = Pipeline(CameraSpec("CAM"), registry)
    assert pipe.detector is None and pipe.reader is not None
    assert [m["stage"] for m in pipe.missing] == ["vehicle detection"]
    assert "model.bin" in pipe.missing[0]["message"]
    events, candidates = pipe.process(np.zeros((120, 160, 3), np.uint8), 0.0)
    assert events == [] and candidates == []


def test_compiled_model_cache_is_written_and_device_defaults_to_auto(tmp_path: Path) -> None:
    registry = ModelRegistry(cache_dir=tmp_path / "cache")
    model = registry.load("ppocr-rec-tiny")
    assert registry.default.device == "AUTO"
    assert "CPU" in model.device
    assert any((tmp_path / "cache").iterdir())
    scores = model.infer(np.zeros((1, 3, 48, 160), np.float32))[0]
    assert scores.shape[0] == 1 and scores.shape[2] == 6906
