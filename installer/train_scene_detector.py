"""Train the demo-scene vehicle detector and write it as OpenVINO IR (resources/models/vehicle-scenes).

Why this model exists: the shipped COCO detector (NanoDet) was trained on photographs and finds only
1–49 % of the vehicles our renderer draws (docs/inference.md), so the demo cameras could not show the
engine catching their scripted violations. This small CenterNet-style network is trained here, from
scratch, on frames the project renders itself (console/demo/scenes) with their exact ground-truth
boxes. It knows our renders, not the world: real cameras keep the COCO detector, and a camera chooses
this one only through its configuration (the demo cameras do). The seeds used by the demo and the
tests (1–9) are never trained on, so the figures measured on them are on unseen scenes.

Reproducible: fixed seeds, pinned torch. It is not a project dependency; run it in a separate venv:

    python3.11 -m venv /tmp/trainvenv
    /tmp/trainvenv/bin/pip install torch==2.13.0 numpy==2.4.6 opencv-python-headless==4.14.0.94 openvino==2026.4.1
    PYTHONPATH=. /tmp/trainvenv/bin/python installer/train_scene_detector.py data  --out build/scene_data
    PYTHONPATH=. /tmp/trainvenv/bin/python installer/train_scene_detector.py train --data build/scene_data
    PYTHONPATH=. /tmp/trainvenv/bin/python installer/train_scene_detector.py export

Output convention (the ``centernet`` decoder in inference/detector.py): a max-pooled heatmap
[1, H/4, W/4, classes] whose non-peaks are zero, and box sides [1, H/4, W/4, 4] = left, top, right,
bottom in input pixels from the cell's corner (col × 4, row × 4).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from multiprocessing import Pool
from pathlib import Path
from typing import Any

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
LABELS = ["car", "motorcycle", "bus", "truck"]
SCENE_CLASS = {"car": 0, "motorbike": 1, "bus": 2, "truck": 3}
INPUT_W, INPUT_H, STRIDE = 640, 352, 4
STORE_W, STORE_H = 960, 540  # frames kept at 1.5× the input so that random zoom still has detail
KINDS = ("intersection", "expressway", "one_way", "motorbike_lane")
TRAIN_SEEDS = range(101, 121)  # demo and tests use 1–9: those stay unseen
EVERY = 5  # every 5th frame of a 500-frame loop: 100 per scene


def _render(job: tuple[str, int]) -> list[tuple[bytes, list[list[float]]]]:
    from console.demo.scenes import build_scene

    kind, seed = job
    cv2.setNumThreads(1)
    scene = build_scene(kind, seed)
    classes = {a.id: SCENE_CLASS[a.cls] for a in scene.actors}
    fx, fy = STORE_W / scene.camera.width, STORE_H / scene.camera.height
    out: list[tuple[bytes, list[list[float]]]] = []
    for index in range(0, scene.frame_count, EVERY):
        img, records = scene.frame(index)
        assert img is not None
        small = cv2.resize(img, (STORE_W, STORE_H), interpolation=cv2.INTER_AREA)
        ok, jpg = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, 92])
        assert ok
        boxes = []
        for r in records:
            x0, y0, x1, y1 = r["bbox"]
            # A vehicle mostly hidden or mostly out of the picture is neither a target nor a negative.
            weight = 1.0 if r["visible"] >= 0.45 and r["in_frame"] >= 0.35 else 0.0
            boxes.append([x0 * fx, y0 * fy, x1 * fx, y1 * fy, classes[r["id"]], weight])
        out.append((jpg.tobytes(), boxes))
    return out


def cmd_data(args: argparse.Namespace) -> None:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    jobs = [(k, s) for s in TRAIN_SEEDS for k in KINDS]
    started = time.monotonic()
    frames: list[bytes] = []
    boxes: list[list[list[float]]] = []
    with Pool(args.workers) as pool:
        for n, result in enumerate(pool.imap(_render, jobs), start=1):
            for jpg, b in result:
                frames.append(jpg)
                boxes.append(b)
            print(f"{n}/{len(jobs)} scenes, {len(frames)} frames, {time.monotonic() - started:.0f} s", flush=True)
    offsets = np.cumsum([0] + [len(f) for f in frames])
    np.save(out / "jpeg.npy", np.frombuffer(b"".join(frames), np.uint8))
    np.save(out / "offsets.npy", offsets)
    (out / "boxes.json").write_text(json.dumps(boxes))


# ---------------------------------------------------------------------------------------------------------
# Network and training (torch is imported only here: the console never needs it)


def _net() -> Any:
    import torch
    from torch import nn

    def block(cin: int, cout: int, stride: int) -> nn.Sequential:
        return nn.Sequential(
            nn.Conv2d(cin, cout, 3, stride, 1, bias=False),
            nn.BatchNorm2d(cout),
            nn.ReLU(inplace=True),
            nn.Conv2d(cout, cout, 3, 1, 1, bias=False),
            nn.BatchNorm2d(cout),
            nn.ReLU(inplace=True),
        )

    class SceneNet(nn.Module):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.s2 = block(3, 16, 2)
            self.s4 = block(16, 32, 2)
            self.s8 = block(32, 64, 2)
            self.s16 = block(64, 96, 2)
            self.s32 = block(96, 128, 2)
            self.l16 = nn.Conv2d(128, 96, 1)
            self.l8 = nn.Conv2d(96, 64, 1)
            self.l4 = nn.Conv2d(64, 32, 1)
            self.fuse = nn.Sequential(nn.Conv2d(32, 48, 3, 1, 1), nn.ReLU(inplace=True))
            self.heat = nn.Conv2d(48, len(LABELS), 1)
            self.size = nn.Conv2d(48, 4, 1)
            nn.init.constant_(self.heat.bias, -4.6)  # start near p = 0.01: focal loss is stable from step one

        def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
            up = nn.functional.interpolate
            c4 = self.s4(self.s2(x))
            c8 = self.s8(c4)
            c16 = self.s16(c8)
            c32 = self.s32(c16)
            p16 = c16 + up(self.l16(c32), size=c16.shape[2:], mode="nearest")
            p8 = c8 + up(self.l8(p16), size=c8.shape[2:], mode="nearest")
            p4 = c4 + up(self.l4(p8), size=c4.shape[2:], mode="nearest")
            f = self.fuse(p4)
            return self.heat(f), self.size(f)

    return SceneNet()


class Data:
    def __init__(self, folder: Path) -> None:
        self.blob = np.load(folder / "jpeg.npy")
        self.offsets = np.load(folder / "offsets.npy")
        self.boxes = json.loads((folder / "boxes.json").read_text())

    def __len__(self) -> int:
        return len(self.boxes)

    def sample(self, i: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
        img = np.asarray(cv2.imdecode(self.blob[self.offsets[i] : self.offsets[i + 1]], cv2.IMREAD_COLOR))
        boxes = np.asarray(self.boxes[i], np.float32).reshape(-1, 6)
        # Random zoom: a crop of 55–100 % of the frame, anywhere; the demo's near vehicles are large.
        s = rng.uniform(0.55, 1.0) if rng.random() < 0.6 else 1.0
        cw, ch = STORE_W * s, STORE_H * s
        cx0, cy0 = rng.uniform(0, STORE_W - cw), rng.uniform(0, STORE_H - ch)
        m = np.array([[INPUT_W / cw, 0, -cx0 * INPUT_W / cw], [0, INPUT_H / ch, -cy0 * INPUT_H / ch]], np.float32)
        img = cv2.warpAffine(img, m, (INPUT_W, INPUT_H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
        if len(boxes):
            boxes[:, [0, 2]] = boxes[:, [0, 2]] * m[0, 0] + m[0, 2]
            boxes[:, [1, 3]] = boxes[:, [1, 3]] * m[1, 1] + m[1, 2]
            full = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
            boxes[:, [0, 2]] = boxes[:, [0, 2]].clip(0, INPUT_W - 1)
            boxes[:, [1, 3]] = boxes[:, [1, 3]].clip(0, INPUT_H - 1)
            kept = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
            boxes[kept < 0.35 * np.maximum(full, 1e-6), 5] = 0.0
            boxes = boxes[(boxes[:, 2] - boxes[:, 0] >= 2) & (boxes[:, 3] - boxes[:, 1] >= 2)]
        if rng.random() < 0.5:
            img = img[:, ::-1].copy()
            if len(boxes):
                boxes[:, [0, 2]] = INPUT_W - 1 - boxes[:, [2, 0]]
        # Photometric: the demo streams pass through H.264, so compression, blur, noise and exposure vary.
        img = img.astype(np.float32) * rng.uniform(0.7, 1.3) + rng.uniform(-25, 25)
        if rng.random() < 0.3:
            img += rng.normal(0, rng.uniform(2, 8), img.shape).astype(np.float32)
        img = img.clip(0, 255).astype(np.uint8)
        if rng.random() < 0.3:
            img = cv2.GaussianBlur(img, (0, 0), rng.uniform(0.5, 1.3))
        if rng.random() < 0.7:
            _, enc = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(35, 90))])
            img = np.asarray(cv2.imdecode(enc, cv2.IMREAD_COLOR))
        return img, boxes


def _targets(boxes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    gh, gw = INPUT_H // STRIDE, INPUT_W // STRIDE
    heat = np.zeros((len(LABELS), gh, gw), np.float32)
    ignore = np.ones((gh, gw), np.float32)
    size = np.zeros((4, gh, gw), np.float32)
    mask = np.zeros((gh, gw), np.float32)
    ys, xs = np.mgrid[0:gh, 0:gw].astype(np.float32)
    # Big boxes first, so that where centres collide the smaller (nearer-hidden) vehicle keeps the cell.
    order: Any = np.argsort(-(boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])) if len(boxes) else []
    for x0, y0, x1, y1, cls, weight in boxes[order] if len(boxes) else []:
        cx, cy = (x0 + x1) / 2 / STRIDE, (y0 + y1) / 2 / STRIDE
        col, row = min(gw - 1, round(cx)), min(gh - 1, round(cy))
        sx, sy = max(0.7, (x1 - x0) / STRIDE / 6), max(0.7, (y1 - y0) / STRIDE / 6)
        g = np.exp(-((xs - cx) ** 2) / (2 * sx * sx) - ((ys - cy) ** 2) / (2 * sy * sy))
        if weight == 0:
            ignore[g > 0.3] = 0.0
            continue
        heat[int(cls)] = np.maximum(heat[int(cls)], g)
        heat[int(cls), row, col] = 1.0
        px, py = col * STRIDE, row * STRIDE
        sides = np.array([px - x0, py - y0, x1 - px, y1 - py], np.float32)
        size[:, row, col] = np.log(np.maximum(sides, 1.0) / 16.0)
        mask[row, col] = 1.0
    return heat, ignore, size, mask


def cmd_train(args: argparse.Namespace) -> None:
    import torch

    torch.manual_seed(0)
    torch.set_num_threads(args.threads)
    rng = np.random.default_rng(0)
    data = Data(Path(args.data))
    net = _net()
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=args.steps, pct_start=0.1)
    started = time.monotonic()
    net.train()
    for step in range(1, args.steps + 1):
        batch = [data.sample(int(rng.integers(len(data))), rng) for _ in range(args.batch)]
        x = torch.from_numpy(
            np.stack([(b[0].astype(np.float32) / 255 - 0.5) / 0.25 for b in batch]).transpose(0, 3, 1, 2)
        )
        t = [_targets(b[1]) for b in batch]
        heat_t, ign_t, size_t, mask_t = (torch.from_numpy(np.stack([tt[k] for tt in t])) for k in range(4))
        logits, sizes = net(x)
        p = torch.sigmoid(logits).clamp(1e-4, 1 - 1e-4)
        pos = heat_t.eq(1).float()
        neg = (1 - pos) * ign_t[:, None]
        pos_loss = -(torch.log(p) * (1 - p) ** 2 * pos).sum()
        neg_loss = -(torch.log(1 - p) * p**2 * (1 - heat_t) ** 4 * neg).sum()
        n = pos.sum().clamp(min=1)
        size_loss = (torch.abs(sizes - size_t) * mask_t[:, None]).sum() / mask_t.sum().clamp(min=1)
        loss = (pos_loss + neg_loss) / n + args.size_weight * size_loss
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if step % 50 == 0 or step == 1:
            el = time.monotonic() - started
            print(
                f"step {step}/{args.steps} loss {loss.item():.3f} (size {size_loss.item():.3f}) {el:.0f} s", flush=True
            )
        if step % 500 == 0 or step == args.steps:
            torch.save(net.state_dict(), args.weights)


NOTICE = """vehicle-scenes: a vehicle detector trained from scratch by installer/train_scene_detector.py on frames
rendered by this project (console/demo/scenes). No third-party weights or images went into it.

Copyright 2026 the csgt-console authors

Licensed under the Apache License, Version 2.0 (the licence of this project, see pyproject.toml); you may
not use this file except in compliance with the License. You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software distributed under the License is
distributed on an "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
See the License for the specific language governing permissions and limitations under the License.
"""


def cmd_export(args: argparse.Namespace) -> None:
    import openvino as ov
    import torch

    net = _net()
    net.load_state_dict(torch.load(args.weights, map_location="cpu"))
    net.eval()

    class Exported(torch.nn.Module):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.net = net

        def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
            logits, sizes = self.net(x)
            heat = torch.sigmoid(logits)
            peaks = heat * (torch.nn.functional.max_pool2d(heat, 3, 1, 1) == heat).float()
            return peaks.permute(0, 2, 3, 1), (torch.exp(sizes) * 16.0).permute(0, 2, 3, 1)

    with torch.no_grad():
        model = ov.convert_model(Exported(), example_input=torch.zeros(1, 3, INPUT_H, INPUT_W))
    model.outputs[0].get_tensor().set_names({"heatmap"})
    model.outputs[1].get_tensor().set_names({"sizes"})
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    ov.save_model(model, out / "model.xml", compress_to_fp16=True)
    (out / "LICENSE").write_text(NOTICE, encoding="utf-8", newline="\n")
    names = ("model.xml", "model.bin", "LICENSE")
    files = [{"path": n, "sha256": hashlib.sha256((out / n).read_bytes()).hexdigest()} for n in names]
    weights_sha = hashlib.sha256(Path(args.weights).read_bytes()).hexdigest()
    manifest = {
        "name": "vehicle-scenes",
        "version": f"scenenet-{weights_sha[:12]}",
        "task": "object_detection",
        "decoder": "centernet",
        "source": {
            "package": "trained by installer/train_scene_detector.py (torch==2.13.0, CPU) on the project's own renders",
            "file": "console/demo/scenes, kinds "
            + ", ".join(KINDS)
            + f", seeds {TRAIN_SEEDS.start}-{TRAIN_SEEDS.stop - 1}",
            "sha256": {"weights.pt": weights_sha},
        },
        "licence": "Apache-2.0 (this project's own model, trained from scratch on this project's own synthetic frames)",
        "note": "Knows only the project's rendered demo scenes; real cameras use vehicle-nanodet (COCO).",
        "precision": "FP16",
        "files": files,
        "input": {
            "layout": "NCHW",
            "shape": [1, 3, INPUT_H, INPUT_W],
            "colour": "BGR",
            "scale": 1 / 255,
            "mean": [0.5, 0.5, 0.5],
            "std": [0.25, 0.25, 0.25],
        },
        "output": {
            "heatmap": "heatmap",
            "sizes": "sizes",
            "stride": STRIDE,
            "meaning": "heatmap [1, H/4, W/4, classes] sigmoid, non-peaks zeroed by a 3x3 max-pool; "
            "sizes [1, H/4, W/4, 4] = left, top, right, bottom in input pixels from (col x 4, row x 4)",
        },
        "labels": LABELS,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"wrote {out}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("data")
    d.add_argument("--out", default=str(ROOT / "build" / "scene_data"))
    d.add_argument("--workers", type=int, default=2)
    t = sub.add_parser("train")
    t.add_argument("--data", default=str(ROOT / "build" / "scene_data"))
    t.add_argument("--weights", default=str(ROOT / "build" / "scenenet.pt"))
    t.add_argument("--steps", type=int, default=3000)
    t.add_argument("--batch", type=int, default=12)
    t.add_argument("--lr", type=float, default=3e-3)
    t.add_argument("--size-weight", type=float, default=1.0)
    t.add_argument("--threads", type=int, default=2)
    e = sub.add_parser("export")
    e.add_argument("--weights", default=str(ROOT / "build" / "scenenet.pt"))
    e.add_argument("--out", default=str(ROOT / "resources" / "models" / "vehicle-scenes"))
    args = ap.parse_args()
    {"data": cmd_data, "train": cmd_train, "export": cmd_export}[args.cmd](args)


if __name__ == "__main__":
    main()
