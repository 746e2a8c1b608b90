"""Detection engine benchmark: real data, models vs benchmark_app, plate accuracy, the pipeline on demo scenes.

    .venv/bin/python bench/inference_bench.py [--seconds 3] [--plates 60] [--frames 150] [--out docs/...md]

The model and accuracy tables come from ``python -m inference bench``; this script adds the shipped
vehicle detector's recall on the demo scenes (console.demo.scenes) against their ground truth, and the
pipeline on those scenes: per-frame cost of the whole engine on the demo cameras' detector (vehicle-scenes, its
own boxes), tracking, plate reading and rules, one camera alone and two cameras on two threads or in one
batched loop, and memory.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import real_data  # bench/real_data.py, beside this file

from console.demo.scenes import KINDS, build_scene, ground_truth
from inference import bench
from inference.detector import VEHICLES, Detection, iou, make_detector
from inference.models import DEFAULT_SET, DeviceChoice, ModelRegistry
from inference.pipeline import CameraSpec, Pipeline, build_stages, with_detector

SCENE_DETECTOR = "vehicle-scenes"


def _frames(kind: str, count: int) -> tuple[list[Any], list[list[Detection]], Any]:
    scene = build_scene(kind, 1)
    truth = ground_truth(kind, 1)
    classes = {v["id"]: v["class"] for v in truth.vehicles}
    start = min(v["frame_start"] for v in truth.violations)
    frames, dets = [], []
    for i in range(start, min(truth.frame_count, start + count)):
        img, records = scene.frame(i)
        frames.append(img)
        dets.append([Detection(classes[r["id"]], 0.9, tuple(r["bbox"])) for r in records if r["in_frame"] > 0.5])
    return frames, dets, truth


def _run(
    registry: ModelRegistry, kind: str, data: tuple[list[Any], list[list[Detection]], Any], out: list[float]
) -> None:
    frames, _, truth = data
    pipe = Pipeline(CameraSpec(kind, rules=truth.rules), registry, _stages(registry))
    for i, img in enumerate(frames):
        t = time.perf_counter()
        pipe.process(img, i / 25)  # the detector's own boxes
        out.append(time.perf_counter() - t)


def _stages(registry: ModelRegistry) -> dict[str, Any]:
    stages, why = with_detector(build_stages(registry), registry, SCENE_DETECTOR)
    if why:
        raise SystemExit(why)
    return stages


def scene_table(registry: ModelRegistry, frames: int) -> list[list[str]]:
    rows = [["scene", "cameras", "frames", "fps per camera", "fps total", "median ms/frame", "p95 ms/frame"]]
    data = {kind: _frames(kind, frames) for kind in ("intersection", "expressway", "one_way")}
    for kind, d in data.items():
        times: list[float] = []
        _run(registry, kind, d, times)
        rows.append(
            [
                kind,
                "1",
                str(len(times)),
                f"{len(times) / sum(times):.1f}",
                f"{len(times) / sum(times):.1f}",
                f"{statistics.median(times) * 1000:.0f}",
                f"{sorted(times)[int(0.95 * (len(times) - 1))] * 1000:.0f}",
            ]
        )
        print(" | ".join(rows[-1]), file=sys.stderr, flush=True)
    # Two cameras on two threads: OpenVINO releases the GIL while it infers.
    per: list[list[float]] = [[], []]
    kinds = ["intersection", "expressway"]
    start = time.perf_counter()
    threads = [threading.Thread(target=_run, args=(registry, k, data[k], per[i])) for i, k in enumerate(kinds)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - start
    both = per[0] + per[1]
    rows.append(
        [
            " + ".join(kinds),
            "2 (threads)",
            str(len(both)),
            f"{statistics.mean(len(p) / sum(p) for p in per):.1f}",
            f"{len(both) / wall:.1f}",
            f"{statistics.median(both) * 1000:.0f}",
            f"{sorted(both)[int(0.95 * (len(both) - 1))] * 1000:.0f}",
        ]
    )
    # The same two cameras in one loop: one batched detector call per round (parallel infer requests).
    stages = _stages(registry)
    pipes = [Pipeline(CameraSpec(k, rules=data[k][2].rules), registry, stages) for k in kinds]
    detector = pipes[0].detector
    assert detector is not None
    rounds: list[float] = []
    for i in range(min(len(data[k][0]) for k in kinds)):
        batch = [data[k][0][i] for k in kinds]
        t = time.perf_counter()
        found = detector.detect_many(batch)  # both frames through the async queue together
        for pipe, k, dets in zip(pipes, kinds, found, strict=True):
            pipe.process(data[k][0][i], i / 25, dets)
        rounds.append(time.perf_counter() - t)
    rows.append(
        [
            " + ".join(kinds),
            "2 (one loop, batched detector)",
            str(2 * len(rounds)),
            f"{len(rounds) / sum(rounds):.1f}",
            f"{2 * len(rounds) / sum(rounds):.1f}",
            f"{statistics.median(rounds) * 1000:.0f} per round",
            f"{sorted(rounds)[int(0.95 * (len(rounds) - 1))] * 1000:.0f} per round",
        ]
    )
    cached = sum(f.nbytes for d in data.values() for f in d[0]) / 2**20
    rss = _rss_mb()
    rows.append(["memory", "", "", "", "", f"process RSS {rss:.0f} MB", f"of it pre-rendered frames {cached:.0f} MB"])
    return rows


def detector_table(registry: ModelRegistry, step: int, name: str, threshold: float = 0.3) -> list[list[str]]:
    """A detector against each scene's ground truth: a truth box (≥ half in frame) counts as found when a
    vehicle detection overlaps it with IoU ≥ 0.5 (one detection per truth box)."""
    model = registry.load(name)
    det = make_detector(model, threshold)
    rows = [
        [
            "scene",
            "frames",
            "vehicles",
            "recall",
            "precision",
            "recall ≥ 80 px tall",
            "car",
            "motorbike",
            "bus + truck",
            "class right",
            "median ms",
        ]
    ]
    for kind in KINDS:
        scene, truth = build_scene(kind, 1), ground_truth(kind, 1)
        classes = {v["id"]: v["class"] for v in truth.vehicles}
        total: dict[str, list[int]] = {}  # group → [found, of]
        false_pos = class_right = frames = 0
        times: list[float] = []
        for i in range(0, truth.frame_count, step):
            image, records = scene.frame(i)
            assert image is not None
            t = time.perf_counter()
            found = [d for d in det.detect(image) if d.cls in VEHICLES]
            times.append(time.perf_counter() - t)
            frames += 1
            used: set[int] = set()
            for r in (r for r in records if r["in_frame"] > 0.5):
                cls = classes[r["id"]]
                scored = [(iou(r["bbox"], d.box), k) for k, d in enumerate(found) if k not in used]
                best, k = max(scored, default=(0.0, -1))
                hit = best >= 0.5
                if hit:
                    used.add(k)
                    class_right += found[k].cls == cls
                group = "bus + truck" if cls in ("bus", "truck") else cls
                tall = r["bbox"][3] - r["bbox"][1] >= 80
                for key in ("all", group, *(["tall"] if tall else [])):
                    total.setdefault(key, [0, 0])
                    total[key][0] += hit
                    total[key][1] += 1
            false_pos += len(found) - len(used)

        def share(key: str, total: dict[str, list[int]] = total) -> str:
            hit, of = total.get(key, [0, 0])
            return f"{hit / of:.0%} ({hit}/{of})" if of else "–"

        hits = total["all"][0]
        rows.append(
            [
                kind,
                str(frames),
                str(total["all"][1]),
                share("all"),
                f"{hits / max(1, hits + false_pos):.0%}",
                share("tall"),
                share("car"),
                share("motorbike"),
                share("bus + truck"),
                f"{class_right / max(1, hits):.0%}",
                f"{statistics.median(times) * 1000:.1f}",
            ]
        )
        print(" | ".join(rows[-1]), file=sys.stderr, flush=True)
    return rows


def _rss_mb() -> float:
    """Current resident set (not the peak): the engine's own footprint once frames are subtracted."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--plates", type=int, default=60)
    parser.add_argument("--frames", type=int, default=150)
    parser.add_argument("--device", default="CPU")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per model, best of each side")
    parser.add_argument("--step", type=int, default=10, help="detector recall: every STEP-th scene frame")
    parser.add_argument("--only", choices=["real", "models", "plates", "detector", "scenes"], help="run one section")
    parser.add_argument("--real", default=str(real_data.DEFAULT_REAL), help="the real development set (build/real)")
    parser.add_argument("--detector", action="append", help="detector(s) for the recall table (default: both shipped)")
    parser.add_argument("--out")
    args = parser.parse_args()
    registry = ModelRegistry(default=DeviceChoice(args.device, "LATENCY"))
    sections = []
    if args.only in (None, "real"):  # real photos first: renders say nothing about a real camera
        sections += real_data.sections(registry, Path(args.real), [DEFAULT_SET["detector"]])
    if args.only in (None, "models"):
        table = bench.model_table(None, args.device, args.seconds, args.rounds)
        sections.append(("Models: our path vs benchmark_app", table))
    if args.only in (None, "plates"):
        sections.append(("Plate reading, synthetic set", bench.accuracy_table(registry, args.plates)))
    if args.only in (None, "detector"):
        for name in args.detector or [DEFAULT_SET["detector"], "vehicle-scenes"]:
            title = f"Vehicle detector ({name}) on the demo scenes"
            sections.append((title, detector_table(registry, args.step, name)))
    if args.only in (None, "scenes"):
        sections.append(("Pipeline on the demo scenes", scene_table(registry, args.frames)))
    text = "\n\n".join(f"### {title}\n\n{bench.markdown(rows)}" for title, rows in sections)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
