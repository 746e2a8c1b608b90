"""Scene-generator benchmark: pre-rendering a 20 s demo scene (500 JPEG frames at 1280×720).

For each scene kind, on one core (OpenCV limited to one thread): the whole render_scene call
(draw + JPEG encode + write + ground truth), against a baseline measured in the same run on the
same frames: JPEG-encoding them alone, the floor of any JPEG-sequence writer. Target: a 20 s
scene in well under a minute.

    .venv/bin/python bench/scene_render.py [--seconds 20] [--kinds intersection,expressway,one_way]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import cv2

from console.demo.scenes import KINDS, iter_frames, render_scene
from console.demo.scenes.render import JPEG_QUALITY


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--kinds", default=",".join(KINDS))
    args = parser.parse_args()
    cv2.setNumThreads(1)
    print("| kind | frames | render_scene s | ms/frame | JPEG encode only ms/frame | ratio | MB on disk |")
    print("|---|---|---|---|---|---|---|")
    for kind in args.kinds.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / kind
            t0 = time.perf_counter()
            gt = render_scene(kind, 1, out, seconds=args.seconds)
            total = time.perf_counter() - t0
            size_mb = sum(p.stat().st_size for p in out.iterdir()) / 1e6
            frames = [img for _, img in iter_frames(kind, 1, seconds=args.seconds)]
            t0 = time.perf_counter()
            for img in frames:
                cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
            encode = time.perf_counter() - t0
        n = gt.frame_count
        print(
            f"| {kind} | {n} | {total:.1f} | {total / n * 1000:.1f} | {encode / n * 1000:.1f} | "
            f"{total / encode:.2f}× | {size_mb:.0f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
