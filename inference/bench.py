"""``python -m inference bench``: our inference path vs OpenVINO's benchmark_app, plate accuracy, pipeline.

Every ratio compares two measurements taken in the same run on the same machine, so a busy shared CPU
moves both sides together.
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from inference.models import DeviceChoice, LoadedModel, ModelRegistry
from inference.ocr import TextDetector, TextRecogniser
from inference.plates.reader import PlateReader
from inference.synth import plate_set

# Input shapes for the dynamic OCR models: what a plate crop becomes after our resizing.
SHAPES = {
    "vehicle-nanodet": [1, 3, 416, 416],
    "vehicle-scenes": [1, 3, 352, 640],
    "ppocr-det-small": [1, 3, 160, 480],
    "ppocr-det-tiny": [1, 3, 160, 480],
    "ppocr-rec-small-plate": [1, 3, 48, 320],
    "ppocr-rec-tiny": [1, 3, 48, 320],
}


def _benchmark_app(xml: Path, device: str, hint: str, shape: list[int], seconds: float) -> tuple[float, float]:
    exe = shutil.which("benchmark_app") or str(Path(sys.executable).with_name("benchmark_app"))
    shape_arg = "[" + ",".join(str(s) for s in shape) + "]"
    cmd = [exe, "-m", str(xml), "-d", device, "-hint", hint, "-t", str(max(1, round(seconds))), "-shape", shape_arg]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 120)
    out = done.stdout + done.stderr  # benchmark_app logs its report on stderr
    fps = re.search(r"Throughput:\s+([\d.]+)\s+FPS", out)
    median = re.search(r"Median:\s+([\d.]+)\s+ms", out)
    if not fps or not median:
        raise RuntimeError(f"benchmark_app gave no figures for {xml}:\n{out[-800:]}")
    return float(fps.group(1)), float(median.group(1))


def _ours_latency(model: LoadedModel, data: np.ndarray, seconds: float) -> tuple[float, float]:
    times: list[float] = []
    model.infer(data, copy=False)  # warm-up, as benchmark_app does
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        t = time.perf_counter()
        model.infer(data, copy=False)
        times.append(time.perf_counter() - t)
    return len(times) / sum(times), statistics.median(times) * 1000


def _ours_throughput(model: LoadedModel, data: np.ndarray, seconds: float) -> tuple[float, float]:
    done: list[float] = []
    queue = model.queue(lambda outputs, started: done.append(time.perf_counter() - started))
    start = time.perf_counter()
    end = start + seconds
    while time.perf_counter() < end:
        queue.get_idle_request_id()  # wait for a free request first, so latency counts inference, not queueing
        queue.start_async([data], time.perf_counter(), share_inputs=True)
    queue.wait_all()
    elapsed = time.perf_counter() - start
    return len(done) / elapsed, statistics.median(done) * 1000 if done else 0.0


def model_table(registry_dirs: list[Path] | None, device: str, seconds: float, rounds: int = 3) -> list[list[str]]:
    rows = [["model", "hint", "ours FPS", "benchmark_app FPS", "ratio", "ours median ms", "benchmark_app median ms"]]
    for hint in ("LATENCY", "THROUGHPUT"):
        registry = ModelRegistry(registry_dirs, default=DeviceChoice(device, hint))
        for name, shape in SHAPES.items():
            model = registry.try_load(name)
            if model is None:
                rows.append([name, hint, "refused", "", "", "", ""])
                continue
            model.compiled = registry.core.compile_model(
                _reshaped(registry, model, shape), device, {"PERFORMANCE_HINT": hint}
            )
            data = np.random.default_rng(0).uniform(0, 1, shape).astype(np.float32)
            run = _ours_latency if hint == "LATENCY" else _ours_throughput
            # Alternate rounds and keep each side's best: the CPU is shared, so a neighbour's burst
            # should not land on one side only.
            ours: list[tuple[float, float]] = []
            app: list[tuple[float, float]] = []
            for _ in range(rounds):
                ours.append(run(model, data, seconds))
                app.append(_benchmark_app(model.manifest.model_file, device, hint.lower(), shape, seconds))
            ours_fps, ours_ms = max(ours)
            app_fps, app_ms = max(app)
            rows.append(
                [
                    name,
                    hint.lower(),
                    f"{ours_fps:.1f}",
                    f"{app_fps:.1f}",
                    f"{ours_fps / app_fps:.0%}",
                    f"{ours_ms:.2f}",
                    f"{app_ms:.2f}",
                ]
            )
            print(" | ".join(rows[-1]), file=sys.stderr, flush=True)
    return rows


def _reshaped(registry: ModelRegistry, model: LoadedModel, shape: list[int]) -> Any:
    m = registry.core.read_model(str(model.manifest.model_file))
    m.reshape(shape)  # a static shape, the same one benchmark_app is given with -shape
    return m


def accuracy_table(registry: ModelRegistry, count: int) -> list[list[str]]:
    rows = [["reader", "set", "plates", "exact", "colour right", "unreadable", "misread", "median ms/plate"]]
    for det, rec in (("ppocr-det-tiny", "ppocr-rec-small-plate"), ("ppocr-det-tiny", "ppocr-rec-tiny")):
        d, r = registry.try_load(det), registry.try_load(rec)
        if d is None or r is None:
            continue
        reader = PlateReader(TextDetector(d), TextRecogniser(r))
        for n_rows in (1, 2):
            for degraded in (False, True):
                plates = plate_set(1000 + 10 * n_rows + degraded, count, n_rows, degraded)
                exact = colour = unreadable = misread = 0
                times: list[float] = []
                for p in plates:
                    t = time.perf_counter()
                    reads = reader.read(p.image)
                    times.append(time.perf_counter() - t)
                    best = reads[0] if reads else None
                    text = best.plate.text if best and best.plate else None
                    exact += text == p.text
                    unreadable += text is None
                    misread += text is not None and text != p.text
                    colour += best is not None and best.colour == p.colour
                n = len(plates)
                rows.append(
                    [
                        f"{det} + {rec}",
                        f"{n_rows}-row {'degraded' if degraded else 'clean'}",
                        str(n),
                        f"{exact / n:.1%}",
                        f"{colour / n:.1%}",
                        f"{unreadable / n:.1%}",
                        f"{misread / n:.1%}",
                        f"{statistics.median(times) * 1000:.1f}",
                    ]
                )
                print(" | ".join(rows[-1]), file=sys.stderr, flush=True)
    return rows


def pipeline_table(registry: ModelRegistry, video: str | None, frames: int = 250) -> list[list[str]]:
    from inference.pipeline import CameraSpec, Pipeline

    rows = [["source", "frames", "fps (one camera)", "median ms/frame", "p95 ms/frame", "tracks", "peak RSS MB"]]
    if not video:
        return rows
    cap = cv2.VideoCapture(video)
    pipe = Pipeline(CameraSpec("BENCH"), registry)
    times: list[float] = []
    while len(times) < frames:
        ok, frame = cap.read()
        if not ok:
            break
        t = time.perf_counter()
        pipe.process(frame, len(times) / 25)
        times.append(time.perf_counter() - t)
    cap.release()
    if not times:
        return rows
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows.append(
        [
            Path(video).name,
            str(len(times)),
            f"{len(times) / sum(times):.1f}",
            f"{statistics.median(times) * 1000:.1f}",
            f"{sorted(times)[int(0.95 * (len(times) - 1))] * 1000:.1f}",
            str(next(pipe.tracker._ids) - 1),
            f"{rss:.0f}",
        ]
    )
    return rows


def markdown(rows: list[list[str]]) -> str:
    head, *body = rows
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in body])


def main(args: argparse.Namespace) -> int:
    dirs = [Path(d) for d in args.models] if getattr(args, "models", None) else None
    device = "CPU" if args.device == "AUTO" else args.device  # benchmark_app and we must name the same device
    registry = ModelRegistry(dirs, default=DeviceChoice(device, "LATENCY"))
    sections = [
        (
            "Models: our inference path vs benchmark_app (same model, device, precision, shape)",
            model_table(dirs, device, args.seconds),
        ),
        ("Plate reading on the synthetic set", accuracy_table(registry, args.plates)),
        ("Pipeline, one camera", pipeline_table(registry, args.video)),
    ]
    text = "\n\n".join(f"### {title}\n\n{markdown(rows)}" for title, rows in sections)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    return 0
