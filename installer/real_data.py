"""Rebuild the real development set (git-ignored, build/real) from snapshots of its public sources.

Real photos are the yardstick for the engine, but the project commits none of them: each source is a
public Git repository, taken at a pinned commit, whose licence and use are recorded here and in
docs/datasets.md. Only our own labels live in the repository (installer/real_data/*.json: plate layout
and plate box per image, checked by eye); the images and the sources' own text labels are read from the
snapshot at build time.

    python installer/real_data.py build --mirrors DIR   # DIR/<owner>+<name>/repo: bare git snapshots
    python installer/real_data.py sources               # what each source is, its licence and use

A snapshot is any bare clone or `git clone --mirror` of the repository that contains the pinned commit;
the build refuses one that lacks it. Output: build/real/plates/index.json with, per image, the scene, a
plate crop (the labelled box + 5 %), the plate's normalised key, its rows and the source it comes from.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "installer" / "real_data"


@dataclass(frozen=True)
class Source:
    name: str
    repo: str
    commit: str
    licence: str
    use: str  # "measurement only": never for training, tuning or shipped weights
    images: str  # folder in the repository
    text_labels: str  # CSV in the repository: image name, plate key
    labels: str  # our own labels, in installer/real_data
    note: str


SOURCES = (
    Source(
        name="lesongthao-200",
        repo="lesongthao/Bai_Do_Xe_Nhan_Dien_Bien_So_Tich_Hop_Co_So_Du_Lieu_Co_Giao_Dien_Van_Hanh",
        commit="b6dc7dfd4d045144d2e8c44c625601a8d403ba72",
        licence="MIT (LICENSE, copyright 2026 Le Song Thao) for the code; the README leaves datasets to their "
        "original sources and mo_ta_dataset.txt says the photos were collected from many Internet sources",
        use="measurement only",
        images="danh_gia_module_nhan_dien_bien_so/dataset_danh_gia_200/images",
        text_labels="danh_gia_module_nhan_dien_bien_so/dataset_danh_gia_200/labels/nhan_bien_so.csv",
        labels="lesongthao-200.json",
        note="200 real Vietnamese photos, 416x416: street scenes, close-ups of car plates (one-row and square "
        "two-row) and a parking-garage camera looking down on motorbikes (two-row)",
    ),
)


def _git(git_dir: Path, *args: str) -> bytes:
    out = subprocess.run(["git", f"--git-dir={git_dir}", *args], capture_output=True, check=False)
    if out.returncode != 0:
        raise ValueError(f"{git_dir}: git {' '.join(args)}: {out.stderr.decode(errors='replace').strip()}")
    return out.stdout


def snapshot(mirrors: Path, source: Source) -> Path:
    owner, name = source.repo.split("/")
    for candidate in (mirrors / f"{owner}+{name}" / "repo", mirrors / f"{owner}+{name}", mirrors / f"{name}.git"):
        if candidate.is_dir():
            kind = _git(candidate, "cat-file", "-t", source.commit).strip()
            if kind != b"commit":
                raise ValueError(f"{candidate}: {source.commit} is not a commit")
            return candidate
    raise ValueError(f"no snapshot of {source.repo} under {mirrors} (expected {owner}+{name}/repo)")


def build_plates(
    mirrors: Path, out: Path, sources: tuple[Source, ...] = SOURCES, labels_dir: Path = LABELS
) -> list[dict[str, object]]:
    import cv2
    import numpy as np

    index: list[dict[str, object]] = []
    for source in sources:
        git_dir = snapshot(mirrors, source)
        text = _git(git_dir, "show", f"{source.commit}:{source.text_labels}").decode("utf-8-sig")
        keys = {row[0]: row[1].strip().upper() for row in csv.reader(io.StringIO(text)) if len(row) >= 2}
        ours = json.loads((labels_dir / source.labels).read_text(encoding="utf-8"))
        folder = out / source.name
        (folder / "scenes").mkdir(parents=True, exist_ok=True)
        (folder / "crops").mkdir(parents=True, exist_ok=True)
        for image_name, label in sorted(ours.items()):
            if image_name not in keys:
                raise ValueError(f"{source.labels}: {image_name} has no plate text in {source.text_labels}")
            data = _git(git_dir, "show", f"{source.commit}:{source.images}/{image_name}")
            image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
            if image is None:
                raise ValueError(f"{source.repo}: {image_name} is not an image")
            scene = folder / "scenes" / image_name
            scene.write_bytes(data)
            x0, y0, x1, y1 = label["box"]
            mx, my = int(0.05 * (x1 - x0)) + 1, int(0.05 * (y1 - y0)) + 1
            crop = image[max(0, y0 - my) : y1 + my, max(0, x0 - mx) : x1 + mx]
            crop_path = folder / "crops" / (Path(image_name).stem + ".png")
            cv2.imwrite(str(crop_path), crop)
            index.append(
                {
                    "scene": str(scene.relative_to(out)),
                    "crop": str(crop_path.relative_to(out)),
                    "plate": keys[image_name],
                    "rows": label["rows"],
                    "box": label["box"],
                    "source": source.name,
                    "use": source.use,
                }
            )
    (out / "index.json").write_text(json.dumps(index, indent=1) + "\n", encoding="utf-8")
    return index


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="extract the images from the snapshots and write build/real")
    b.add_argument("--mirrors", required=True, help="folder holding <owner>+<name>/repo bare snapshots")
    b.add_argument("--out", default=str(ROOT / "build" / "real" / "plates"))
    sub.add_parser("sources", help="list the sources with their licence and use")
    args = ap.parse_args(argv)
    if args.cmd == "sources":
        for s in SOURCES:
            print(f"{s.name}: github.com/{s.repo} @ {s.commit}\n  use: {s.use}\n  licence: {s.licence}\n  {s.note}")
        return 0
    try:
        index = build_plates(Path(args.mirrors), Path(args.out))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    rows = {n: sum(1 for i in index if i["rows"] == n) for n in (1, 2)}
    print(f"wrote {len(index)} plates ({rows[1]} one-row, {rows[2]} two-row) to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
