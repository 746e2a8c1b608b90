"""How readable are the plates the scene generator draws? The project's plate reader on them.

For each scene kind (seed 1, every 5th frame), every plate the ground truth says is fully in view
and unoccluded is cropped from the rendered frame (plate box plus a margin) and read by the
project's PlateReader (PP-OCR text detector + recogniser + plate grammar). Exact match against the
ground-truth plate, by glyph height and by one-row / two-row plates. No speed target: this is the
readability measurement for docs/scenes.md.

    .venv/bin/python bench/scene_plates.py [--step 5] [--kinds intersection,expressway,...]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from console.demo.scenes import KINDS, build_scene
from inference.models import DeviceChoice, ModelRegistry
from inference.ocr import TextDetector, TextRecogniser
from inference.plates.reader import PlateReader

BUCKETS = ((0, 10), (10, 15), (15, 20), (20, 99))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--step", type=int, default=5)
    parser.add_argument("--kinds", default=",".join(KINDS))
    args = parser.parse_args()
    registry = ModelRegistry(default=DeviceChoice("CPU"))
    reader = PlateReader(
        TextDetector(registry.load("ppocr-det-tiny")), TextRecogniser(registry.load("ppocr-rec-small-plate"))
    )
    seen: Counter[tuple[str, int, int]] = Counter()
    exact: Counter[tuple[str, int, int]] = Counter()
    for kind in args.kinds.split(","):
        scene = build_scene(kind, 1)
        plates = {a.id: a.plate for a in scene.actors}
        for index in range(0, scene.frame_count, args.step):
            img, records = scene.frame(index)
            assert img is not None
            for rec in records:
                if rec["plate_visible"] != 1.0:
                    continue
                x0, y0, x1, y1 = rec["plate_bbox"]
                mx, my = (x1 - x0) * 0.25, (y1 - y0) * 0.35
                crop = img[max(0, round(y0 - my)) : round(y1 + my), max(0, round(x0 - mx)) : round(x1 + mx)]
                truth = plates[rec["id"]]
                bucket = next(i for i, (lo, hi) in enumerate(BUCKETS) if lo <= rec["plate_char_px"] < hi)
                key = (kind, truth.rows, bucket)
                seen[key] += 1
                reads = reader.read(crop)
                if reads and reads[0].plate is not None and reads[0].plate.text == truth.text:
                    exact[key] += 1
    print("| kind | rows | " + " | ".join(f"glyphs {lo}–{hi} px" for lo, hi in BUCKETS) + " |")
    print("|---|---|" + "---|" * len(BUCKETS))
    for kind in args.kinds.split(","):
        for rows in (1, 2):
            cells = []
            for b in range(len(BUCKETS)):
                n = seen[(kind, rows, b)]
                cells.append(f"{exact[(kind, rows, b)]}/{n} ({100 * exact[(kind, rows, b)] / n:.0f} %)" if n else "–")
            print(f"| {kind} | {rows} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
