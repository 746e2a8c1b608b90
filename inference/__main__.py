"""Headless command line: ``python -m inference plates|detect|run|bench``."""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import cv2

from inference.files import write_whole
from inference.models import DEFAULT_SET, DeviceChoice, ModelRegistry


def _registry(args: argparse.Namespace) -> ModelRegistry:
    dirs = [Path(d) for d in args.models] if args.models else None
    if args.cache == "off":
        cache = None
    elif args.cache:
        cache = Path(args.cache)
    else:  # on by default: the second start loads compiled blobs instead of compiling again
        import platformdirs

        cache = Path(platformdirs.user_cache_dir("csgt-console")) / "openvino"
    return ModelRegistry(dirs, cache, default=DeviceChoice(args.device, args.hint))


def cmd_plates(args: argparse.Namespace) -> int:
    from inference.pipeline import build_stages

    registry = _registry(args)
    stages = build_stages(registry, {"text_detector": args.text_detector, "text_recogniser": args.text_recogniser})
    reader = stages["reader"]
    if reader is None:
        for name, why in registry.refused.items():
            print(f"error: {name}: {why}", file=sys.stderr)
        return 2
    status = 0
    for path in args.images:
        image = cv2.imread(path, cv2.IMREAD_COLOR)
        if image is None:
            status = 1
            out: dict[str, Any] = {"image": path, "plates": [], "error": f"cannot read {path} as an image"}
        else:
            out = {"image": path, "plates": [r.as_json() for r in reader.read(image)], "error": None}
        if args.json:
            print(json.dumps(out, ensure_ascii=False), flush=True)
        elif out["error"]:
            print(f"{path}: error: {out['error']}")
        else:
            texts = [
                f"{p['plate'] or 'unreadable'} ({p['text']!r}, {p['colour']}, {p['confidence']:.2f})"
                for p in out["plates"]
            ]
            print(f"{path}: {'; '.join(texts) or 'no plate'}")
    return status


def _frames(source: str) -> Any:
    """(frame, t) from a video file, a stream URL or a folder of JPEG/PNG frames (named in order)."""
    path = Path(source)
    if path.is_dir():
        fps = 25.0
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in (".jpg", ".jpeg", ".png"))
        for i, f in enumerate(files):
            frame = cv2.imread(str(f))
            if frame is not None:
                yield frame, i / fps
        return
    cap = cv2.VideoCapture(source)
    if not cap.isOpened():
        raise ValueError(f"cannot open {source}")
    fps = cap.get(cv2.CAP_PROP_FPS) or 25.0
    live = "://" in source
    start = time.monotonic()
    i = 0
    try:
        while True:
            ok, frame = cap.read()
            if not ok:
                return
            yield frame, (time.monotonic() - start) if live else i / fps
            i += 1
    finally:
        cap.release()


IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".webp")


def _detect_frames(source: str) -> Any:
    """(frame, t) from one image file, else whatever ``_frames`` reads (video, stream, folder)."""
    if Path(source).is_file() and Path(source).suffix.lower() in IMAGE_SUFFIXES:
        frame = cv2.imread(source, cv2.IMREAD_COLOR)
        if frame is None:
            raise ValueError(f"cannot read {source} as an image")
        yield frame, 0.0
        return
    yield from _frames(source)


def cmd_detect(args: argparse.Namespace) -> int:
    from inference.detector import make_detector

    if args.every < 1:
        print("error: --every must be 1 or more", file=sys.stderr)
        return 2
    registry = _registry(args)
    model = registry.try_load(args.detector)
    if model is None:
        print(f"error: {args.detector}: {registry.refused.get(args.detector, 'model not found')}", file=sys.stderr)
        return 2
    try:
        detector = make_detector(model, args.threshold) if args.threshold is not None else make_detector(model)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        for i, (frame, t) in enumerate(_detect_frames(args.source)):
            if i % args.every:
                continue
            if args.max_frames and i // args.every >= args.max_frames:
                break
            found = detector.detect(frame)
            if args.json:
                line = {
                    "frame": i,
                    "t": round(t, 3),
                    "detections": [
                        {"cls": d.cls, "score": round(d.score, 3), "box": [round(v, 1) for v in d.box]} for d in found
                    ],
                }
                print(json.dumps(line), flush=True)
            else:
                counts: dict[str, int] = {}
                for d in found:
                    counts[d.cls] = counts.get(d.cls, 0) + 1
                summary = ", ".join(f"{n} {c}" for c, n in sorted(counts.items())) or "nothing"
                print(f"frame {i} (t={t:.2f} s): {summary}", flush=True)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def _write_evidence(directory: Path, image: Any, kind: str) -> dict[str, str]:
    _, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 92])
    digest = hashlib.sha256(data.tobytes()).hexdigest()
    target = directory / f"{digest[:2]}/{digest}.jpg"
    if not target.exists():  # content-addressed: the same image is written once
        target.parent.mkdir(parents=True, exist_ok=True)
        write_whole(target, data.tobytes())
    return {"kind": kind, "sha256": digest, "path": str(target.relative_to(directory))}


def cmd_run(args: argparse.Namespace) -> int:
    from inference.pipeline import Pipeline, load_camera

    try:
        camera = load_camera(Path(args.camera))
        registry = _registry(args)
        pipeline = Pipeline(camera, registry)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    evidence = Path(args.evidence) if args.evidence else None
    start = datetime.now(UTC)

    def emit(event: dict[str, Any]) -> None:
        if "t" in event:
            event["time"] = (start + timedelta(seconds=event["t"])).isoformat(timespec="milliseconds")
        print(json.dumps(event, ensure_ascii=False), flush=True)

    for event in pipeline.missing:
        emit(event)
    frames = 0
    try:
        for frame, t in _frames(args.source):
            if args.max_frames and frames >= args.max_frames:
                break
            frames += 1
            events, candidates = pipeline.process(frame, t)
            for event in events:
                emit(event)
            for c in candidates:
                if evidence is not None:
                    c.event["evidence"] = [_write_evidence(evidence, c.frame, "frame")]
                    if c.plate_crop is not None and c.plate_crop.size:
                        c.event["evidence"].append(_write_evidence(evidence, c.plate_crop, "plate_crop"))
                emit(c.event)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for c in pipeline.flush():
        if evidence is not None:
            c.event["evidence"] = [_write_evidence(evidence, c.frame, "frame")]
        emit(c.event)
    emit({"event": "end", "frames": frames})
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from inference.bench import main as bench_main

    status: int = bench_main(args)
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m inference", description="CSGT detection engine, headless")
    parser.add_argument("--device", default="AUTO", help="OpenVINO device: AUTO, CPU, GPU, NPU")
    parser.add_argument("--hint", default="LATENCY", choices=["LATENCY", "THROUGHPUT", "CUMULATIVE_THROUGHPUT"])
    parser.add_argument(
        "--models",
        action="append",
        help="model directory (repeatable); replaces the default resources/models, so list it too to keep them",
    )
    parser.add_argument("--cache", help="OpenVINO compiled-model cache directory ('off' to disable)")
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("plates", help="read plates from plate crops, vehicle crops or whole frames")
    p.add_argument("images", nargs="+")
    p.add_argument("--json", action="store_true", help="one JSON object per image")
    p.add_argument("--text-detector", default=DEFAULT_SET["text_detector"])
    p.add_argument("--text-recogniser", default=DEFAULT_SET["text_recogniser"])
    p.set_defaults(func=cmd_plates)

    d = sub.add_parser("detect", help="vehicle and person boxes per frame of an image, a video, a folder or a stream")
    d.add_argument("source", help="image file, video file, folder of JPEG/PNG frames, or stream URL")
    d.add_argument("--every", type=int, default=1, help="analyse every Nth frame (default 1)")
    d.add_argument("--max-frames", type=int, default=0, help="stop after this many analysed frames")
    d.add_argument("--detector", default=DEFAULT_SET["detector"], help="vehicle model name")
    d.add_argument("--threshold", type=float, help="score threshold (the model's default otherwise)")
    d.add_argument("--json", action="store_true", help="one JSON line per analysed frame")
    d.set_defaults(func=cmd_detect)

    r = sub.add_parser("run", help="process a video file, a JPEG folder or a stream; events as JSON lines")
    r.add_argument("source")
    r.add_argument("--camera", required=True, help="camera file (JSON or TOML): code, rules, hotlist")
    r.add_argument("--evidence", help="write evidence frames and plate crops here, content-addressed")
    r.add_argument("--max-frames", type=int, default=0)
    r.set_defaults(func=cmd_run)

    b = sub.add_parser("bench", help="our code vs OpenVINO benchmark_app, plate accuracy, pipeline fps")
    b.add_argument("--seconds", type=float, default=6.0, help="benchmark_app time per model")
    b.add_argument("--plates", type=int, default=60, help="synthetic plates per set")
    b.add_argument("--video", help="a video for the pipeline fps measurement")
    b.add_argument("--out", help="also write the tables (Markdown) to this file")
    b.set_defaults(func=cmd_bench)

    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, stream=sys.stderr)
    status: int = args.func(args)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
