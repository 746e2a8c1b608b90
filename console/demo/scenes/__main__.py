"""``python -m console.demo.scenes render KIND --seed N --out DIR [--seconds S]`` and ``preview``."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import cv2

from console.demo.scenes.render import KINDS, SceneError, build_scene, render_scene


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must look like 1280x720, not {text!r}") from None
    return w, h


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m console.demo.scenes", description="Synthetic demo traffic scenes.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("render", "write a looping JPEG sequence and ground_truth.json"),
        ("preview", "write one frame as PNG"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("kind", choices=KINDS)
        p.add_argument("--seed", type=int, default=1)
        p.add_argument("--out", type=Path, required=True, help="directory (render) or .png file (preview)")
        p.add_argument("--seconds", type=float, default=20.0)
        p.add_argument("--fps", type=int, default=25)
        p.add_argument("--size", type=_size, default=(1280, 720), help="WIDTHxHEIGHT, default 1280x720")
        if name == "preview":
            p.add_argument("--frame", type=int, default=0, help="frame index within the loop")
    args = parser.parse_args(argv)
    try:
        if args.command == "render":
            started = time.perf_counter()
            gt = render_scene(args.kind, args.seed, args.out, args.seconds, args.fps, args.size)
            took = time.perf_counter() - started
            print(
                f"{args.out}: {gt.frame_count} frames, {len(gt.vehicles)} vehicles, "
                f"{len(gt.violations)} scripted violations ({took:.1f} s)"
            )
            return 0
        scene = build_scene(args.kind, args.seed, args.seconds, args.fps, args.size)
        if not 0 <= args.frame < scene.frame_count:
            print(f"error: --frame must be between 0 and {scene.frame_count - 1}", file=sys.stderr)
            return 2
        if args.out.suffix.lower() != ".png":
            print("error: --out must name a .png file", file=sys.stderr)
            return 2
        img, _ = scene.frame(args.frame)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        if img is None or not cv2.imwrite(str(args.out), img):
            print(f"error: cannot write {args.out}", file=sys.stderr)
            return 1
        print(args.out)
        return 0
    except SceneError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
