"""The engine on the real development set (build/real, rebuilt by installer/real_data.py).

The first section of bench/inference_bench.py (`--only real` runs it alone). Every figure names the set
it was measured on and that set's use ("measurement only": its licence does not cover training or tests).

- Plate crops (the labelled plate box + 5 %): exact reads, one-row and two-row apart, per text detector.
- Scenes (the whole photo): recall = the labelled plate among the plates read; precision = reads that are
  the labelled plate among all plates read (every wrong read seen on this set so far was a misread of the
  labelled plate, not another vehicle's); milliseconds per photo.
- Vehicles: the set has no vehicle boxes, so the detector is measured on the vehicle that carries the
  labelled plate: found when a detection of the right kind (motorbike for a motorbike plate; car, bus or
  truck for a car plate) contains the plate's centre.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import cv2

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from inference.detector import make_detector
from inference.models import DEFAULT_SET, ModelRegistry
from inference.pipeline import build_stages
from inference.plates.grammar import parse_plate

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REAL = ROOT / "build" / "real" / "plates"
KIND_CLASSES = {"motorbike": {"motorbike", "bicycle"}, "car": {"car", "bus", "truck"}}


def load(folder: Path) -> list[dict[str, Any]] | None:
    index = folder / "index.json"
    if not index.exists():
        return None
    items: list[dict[str, Any]] = json.loads(index.read_text(encoding="utf-8"))
    return items


def _share(hit: int, of: int) -> str:
    return f"{hit / of:.1%} ({hit}/{of})" if of else "–"


def plate_table(registry: ModelRegistry, folder: Path, items: list[dict[str, Any]]) -> list[list[str]]:
    rows = [["set", "text detector", "crops one-row", "crops two-row", "ms / crop", "scenes recall",
             "scenes precision", "ms / scene"]]  # fmt: skip
    sets = ", ".join(sorted({f"{i['source']} ({i['use']})" for i in items}))
    for det in dict.fromkeys((DEFAULT_SET["text_detector"], "ppocr-det-small", "ppocr-det-tiny")):
        reader = build_stages(registry, {"text_detector": det})["reader"]
        crop = {1: [0, 0], 2: [0, 0]}
        crop_ms: list[float] = []
        scene_ms: list[float] = []
        found = right = reported = 0
        for item in items:
            image = cv2.imread(str(folder / item["crop"]))
            t = time.perf_counter()
            reads = reader.read(image)
            crop_ms.append(time.perf_counter() - t)
            ok = bool(reads) and reads[0].plate is not None and reads[0].plate.key == item["plate"]
            crop[item["rows"]][0] += ok
            crop[item["rows"]][1] += 1
            scene = cv2.imread(str(folder / item["scene"]))
            t = time.perf_counter()
            keys = [r.plate.key for r in reader.read(scene) if r.plate is not None]
            scene_ms.append(time.perf_counter() - t)
            found += item["plate"] in keys
            right += sum(k == item["plate"] for k in keys)
            reported += len(keys)
        crop_cost, scene_cost = (f"{statistics.median(ms) * 1000:.1f}" for ms in (crop_ms, scene_ms))
        rows.append([sets, det, _share(*crop[1]), _share(*crop[2]), crop_cost, _share(found, len(items)),
                     _share(right, reported), scene_cost])  # fmt: skip
        print(" | ".join(rows[-1]), file=sys.stderr, flush=True)
    return rows


def vehicle_table(
    registry: ModelRegistry, folder: Path, items: list[dict[str, Any]], names: list[str]
) -> list[list[str]]:
    rows = [["set", "detector", "motorbike carrying the plate", "car/bus/truck carrying the plate", "ms / photo"]]
    sets = ", ".join(sorted({f"{i['source']} ({i['use']})" for i in items}))
    for name in names:
        det = make_detector(registry.load(name))
        hit = {"motorbike": [0, 0], "car": [0, 0]}
        times: list[float] = []
        for item in items:
            plate = parse_plate(item["plate"], rows=item["rows"])
            kind = "motorbike" if plate is not None and plate.kind == "motorbike" else "car"
            x0, y0, x1, y1 = item["box"]
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            image = cv2.imread(str(folder / item["scene"]))
            t = time.perf_counter()
            found = det.detect(image)
            times.append(time.perf_counter() - t)
            ok = any(d.cls in KIND_CLASSES[kind] and d.box[0] <= cx <= d.box[2] and d.box[1] <= cy <= d.box[3]
                     for d in found)  # fmt: skip
            hit[kind][0] += ok
            hit[kind][1] += 1
        rows.append([sets, name, _share(*hit["motorbike"]), _share(*hit["car"]),
                     f"{statistics.median(times) * 1000:.1f}"])  # fmt: skip
        print(" | ".join(rows[-1]), file=sys.stderr, flush=True)
    return rows


def sections(registry: ModelRegistry, folder: Path, detectors: list[str]) -> list[tuple[str, list[list[str]]]]:
    items = load(folder)
    if items is None:
        missing = [["real development set"], [f"not built: run installer/real_data.py build (looked in {folder})"]]
        return [("Real data", missing)]
    return [
        ("Plates on the real development set", plate_table(registry, folder, items)),
        ("Vehicle detector on the real development set", vehicle_table(registry, folder, items, detectors)),
    ]
