"""A user's own detector added by manifest: SSD (Open Model Zoo), YOLO (Ultralytics-style) and CenterNet.

The models here are real OpenVINO IRs written in the test whose output is a fixed tensor with known
boxes, so each decoder is checked on content we know, through the same registry path a user's model takes.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np
import openvino as ov
import openvino.opset13 as ops
import pytest

from inference.detector import CenterNetDetector, SsdDetector, YoloDetector, make_detector
from inference.models import DeviceChoice, ModelRegistry


def user_model(
    root: Path,
    name: str,
    decoder: str,
    output: np.ndarray | dict[str, np.ndarray],
    extra: dict[str, Any],
    shape: tuple[int, ...] = (1, 3, 64, 64),
) -> ModelRegistry:
    x = ops.parameter(list(shape), np.float32, name="images")
    zero = ops.multiply(ops.reduce_sum(x, ops.constant(np.array([0, 1, 2, 3])), False), ops.constant(np.float32(0)))
    named = output if isinstance(output, dict) else {"out": output}
    results = []
    for tensor_name, value in named.items():
        node = ops.add(ops.constant(value), zero)
        node.output(0).get_tensor().set_names({tensor_name})
        results.append(node)
    model = ov.Model(results, [x], name)
    d = root / name
    d.mkdir(parents=True)
    ov.save_model(model, d / "model.xml")
    files = [
        {"path": p, "sha256": hashlib.sha256((d / p).read_bytes()).hexdigest()} for p in ("model.xml", "model.bin")
    ]
    manifest = {
        "name": name,
        "version": "test@1",
        "task": "object_detection",
        "decoder": decoder,
        "licence": "CC0-1.0 (written by the test)",
        "files": files,
        "input": {
            "layout": "NHWC" if shape[3] == 3 else "NCHW",
            "shape": list(shape),
            "colour": "BGR",
            "scale": 1 / 255,
        },
        **extra,
    }
    (d / "manifest.json").write_text(json.dumps(manifest))
    return ModelRegistry([root], default=DeviceChoice("CPU"))


def test_ssd_decoder(tmp_path: Path) -> None:
    out = np.zeros((1, 1, 4, 7), np.float32)
    out[0, 0, 0] = (0, 1, 0.9, 0.1, 0.2, 0.5, 0.6)  # vehicle
    out[0, 0, 1] = (0, 2, 0.8, 0.6, 0.1, 0.7, 0.4)  # plate: not mapped to one of our classes
    out[0, 0, 2] = (0, 1, 0.1, 0.0, 0.0, 1.0, 1.0)  # below threshold
    out[0, 0, 3] = (-1, 0, 0, 0, 0, 0, 0)  # end marker
    registry = user_model(
        tmp_path,
        "omz-vehicle",
        "ssd",
        out,
        {"labels": ["background", "vehicle", "plate"], "class_map": {"vehicle": "car"}},
    )
    det = make_detector(registry.load("omz-vehicle"), 0.5)
    assert isinstance(det, SsdDetector)
    found = det.detect(np.zeros((200, 400, 3), np.uint8))
    assert [(d.cls, round(d.score, 2)) for d in found] == [("car", 0.9)]
    assert found[0].box == pytest.approx((40, 40, 200, 120), abs=0.1)  # the IR stores FP16


def test_yolo_decoder_with_nms(tmp_path: Path) -> None:
    n = 5
    out = np.zeros((1, 4 + 2, n), np.float32)
    out[0, :4, 0] = (32, 32, 16, 8)  # plate at the centre of the 64-px input
    out[0, 4, 0] = 0.9
    out[0, :4, 1] = (33, 32, 16, 8)  # the same plate again, weaker: suppressed
    out[0, 4, 1] = 0.7
    out[0, :4, 2] = (10, 10, 8, 8)  # a motorbike
    out[0, 5, 2] = 0.6
    registry = user_model(
        tmp_path, "yolo-plates", "yolo", out, {"labels": ["plate", "motorcycle"], "class_map": {"plate": "plate"}}
    )
    det = make_detector(registry.load("yolo-plates"), 0.5)
    assert isinstance(det, YoloDetector)
    found = det.detect(np.zeros((128, 128, 3), np.uint8))
    assert sorted((d.cls, round(d.score, 2)) for d in found) == [("motorbike", 0.6), ("plate", 0.9)]
    plate = next(d for d in found if d.cls == "plate")
    assert plate.box == pytest.approx((48, 56, 80, 72), abs=0.1)


def test_centernet_decoder_on_a_known_heatmap(tmp_path: Path) -> None:
    heat = np.zeros((1, 16, 16, 3), np.float32)
    sizes = np.zeros((1, 16, 16, 4), np.float32)
    heat[0, 8, 4, 1] = 0.9  # car centred at (16, 32) in the 64-px input (stride 4)
    sizes[0, 8, 4] = (4, 2, 6, 3)
    heat[0, 2, 12, 0] = 0.5  # person
    sizes[0, 2, 12] = (2, 4, 2, 4)
    heat[0, 12, 12, 2] = 0.95  # chair: not a class we keep
    registry = user_model(
        tmp_path,
        "user-centernet",
        "centernet",
        {"heat:0": heat, "sizes:0": sizes},
        {
            "labels": ["person", "car", "chair"],
            "output": {"heatmap": "heat:0", "sizes": "sizes:0", "stride": 4},
        },
        shape=(1, 64, 64, 3),
    )
    det = make_detector(registry.load("user-centernet"), 0.3)
    assert isinstance(det, CenterNetDetector)
    found = det.decode(det.model.infer(np.zeros((1, 64, 64, 3), np.float32)), (128, 256, 3))
    by_cls = {d.cls: d for d in found}
    assert set(by_cls) == {"car", "person"}
    assert by_cls["car"].box == pytest.approx(((16 - 4) * 4, (32 - 2) * 2, (16 + 6) * 4, (32 + 3) * 2), abs=0.05)
