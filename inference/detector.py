"""Object detection decoders, boxes back in frame pixels.

- ``nanodet``: the shipped COCO model (NanoDet, GFL head): per level, sigmoid class scores and per side a
  distribution over ``reg_max + 1`` distance bins; the box side is the distribution's expectation × stride.
- ``centernet``: a CenterNet export whose graph ends in a max-pooled heatmap and box sizes (no longer shipped:
  the one we had carries no licence; the decoder stays for a user's own model).
- ``ssd``: Open Model Zoo style DetectionOutput ``[1, 1, N, 7]`` (image, label, score, x0, y0, x1, y1 in 0..1),
  e.g. a user's vehicle-detection IR.
- ``yolo``: Ultralytics-style export ``[1, 4 + classes, N]`` (cx, cy, w, h in input pixels, then class
  scores), e.g. a user's own plate or vehicle detector; greedy NMS here.

Labels come from the manifest; ``class_map`` in the manifest maps a model's labels onto ours.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from inference.models import LoadedModel

# COCO names → the vehicle classes the console stores (plate_reads.vehicle_class) plus person for crowding.
CLASS_MAP = {
    "person": "person",
    "bicycle": "bicycle",
    "car": "car",
    "motorcycle": "motorbike",
    "bus": "bus",
    "truck": "truck",
}
VEHICLES = frozenset({"car", "motorbike", "bus", "truck"})


@dataclass(frozen=True)
class Detection:
    cls: str
    score: float
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in frame pixels


def iou(a: Sequence[float], b: Sequence[float]) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


class Detector:
    """Generic preprocessing from the manifest's input spec, sync and multi-camera inference."""

    def __init__(self, model: LoadedModel, threshold: float = 0.3, classes: dict[str, str] | None = None) -> None:
        self.model = model
        self.threshold = threshold
        m = model.manifest
        self.labels: list[str] = list(m.raw.get("labels", []))
        self.nhwc = m.input.get("layout", "NCHW") == "NHWC"
        shape = m.input["shape"]
        self.size = (int(shape[1]), int(shape[2])) if self.nhwc else (int(shape[2]), int(shape[3]))  # h, w
        self.rgb = m.input.get("colour", "RGB") == "RGB"
        self.scale = float(m.input.get("scale", 1.0))
        self.mean = np.asarray(m.input.get("mean", [0, 0, 0]), np.float32)
        self.std = np.asarray(m.input.get("std", [1, 1, 1]), np.float32)
        wanted = {**CLASS_MAP, **m.raw.get("class_map", {})} if classes is None else classes
        self._keep = {i: wanted[label] for i, label in enumerate(self.labels) if label in wanted}

    def preprocess(self, frame: np.ndarray) -> np.ndarray:
        h, w = self.size
        img = cv2.resize(frame, (w, h), interpolation=cv2.INTER_LINEAR)
        if self.rgb:
            img = cv2.cvtColor(img, cv2.COLOR_BGR2RGB)
        data = (img.astype(np.float32) * self.scale - self.mean) / self.std
        return np.ascontiguousarray(data[None] if self.nhwc else data.transpose(2, 0, 1)[None])

    def decode(self, outputs: list[np.ndarray], frame_shape: tuple[int, ...]) -> list[Detection]:
        raise NotImplementedError

    def detect(self, frame: np.ndarray) -> list[Detection]:
        return self.decode(self.model.infer(self.preprocess(frame), copy=False), frame.shape)

    def detect_many(self, frames: Sequence[np.ndarray]) -> list[list[Detection]]:
        """Frames from several cameras at once: parallel infer requests keep both cores busy."""
        results: list[list[Detection]] = [[] for _ in frames]

        def done(outputs: list[np.ndarray], index: int) -> None:
            results[index] = self.decode(outputs, frames[index].shape)

        queue = self.model.queue(done)
        inputs = [self.preprocess(frame) for frame in frames]  # alive until wait_all: shared, not copied
        for i, data in enumerate(inputs):
            queue.start_async([data], i, share_inputs=True)
        queue.wait_all()
        return results


class CenterNetDetector(Detector):
    def __init__(self, model: LoadedModel, threshold: float = 0.3, classes: dict[str, str] | None = None) -> None:
        super().__init__(model, threshold, classes)
        m = model.manifest
        self.stride = int(m.output.get("stride", 4))
        names = [o.get_any_name() for o in model.compiled.outputs]
        self._heat = names.index(m.output["heatmap"])
        self._sizes = names.index(m.output["sizes"])

    def decode(self, outputs: list[np.ndarray], frame_shape: tuple[int, ...]) -> list[Detection]:
        heat, sizes = outputs[self._heat][0], outputs[self._sizes][0]
        fh, fw = frame_shape[:2]
        sy, sx = fh / self.size[0], fw / self.size[1]
        # The graph max-pools the heatmap and zeroes non-peaks, so a threshold is the whole peak search.
        ys, xs, cs = np.nonzero(heat > self.threshold)
        found: list[Detection] = []
        for y, x, c in zip(ys.tolist(), xs.tolist(), cs.tolist(), strict=True):
            cls = self._keep.get(c)
            if cls is None:
                continue
            left, top, right, bottom = sizes[y, x].tolist()
            cx, cy = x * self.stride, y * self.stride
            box = (
                max(0.0, (cx - left) * sx),
                max(0.0, (cy - top) * sy),
                min(float(fw), (cx + right) * sx),
                min(float(fh), (cy + bottom) * sy),
            )
            if box[2] - box[0] >= 2 and box[3] - box[1] >= 2:
                found.append(Detection(cls, float(heat[y, x, c]), box))
        return nms(found, 0.6)


class NanoDetDetector(Detector):
    """NanoDet's GFL head as the TF.js export exposes it: per stride, ``[1, cells, classes]`` scores (already
    sigmoid) and ``[1, cells, 4 * (reg_max + 1)]`` distance logits (left, top, right, bottom)."""

    def __init__(self, model: LoadedModel, threshold: float = 0.35, classes: dict[str, str] | None = None) -> None:
        super().__init__(model, threshold, classes)
        m = model.manifest
        names = [o.get_any_name() for o in model.compiled.outputs]
        self.bins = int(m.output["reg_max"]) + 1
        self.offset = float(m.output.get("center_offset", 0.5))
        h, w = self.size
        # Per level: output indices, stride and the cell centres in input pixels (cells run row-major).
        self.levels: list[tuple[int, int, int, np.ndarray]] = []
        for level in m.output["levels"]:
            stride = int(level["stride"])
            gy, gx = np.mgrid[0 : -(-h // stride), 0 : -(-w // stride)]
            centres = (np.stack([gx.ravel(), gy.ravel()], 1).astype(np.float32) + self.offset) * stride
            self.levels.append((names.index(level["scores"]), names.index(level["boxes"]), stride, centres))
        self._cols = np.array(sorted(self._keep), np.int64)
        self._project = np.arange(self.bins, dtype=np.float32)

    def decode(self, outputs: list[np.ndarray], frame_shape: tuple[int, ...]) -> list[Detection]:
        fh, fw = frame_shape[:2]
        sy, sx = fh / self.size[0], fw / self.size[1]
        found: list[Detection] = []
        if self._cols.size == 0:  # a class map that keeps none of the model's labels
            return found
        for si, bi, stride, centres in self.levels:
            # Only the classes we keep are looked at; each cell proposes its best one (NMS is class-agnostic).
            scores = outputs[si][0][:, self._cols]
            best = scores.argmax(1)
            conf = scores[np.arange(len(best)), best]
            cells = np.nonzero(conf > self.threshold)[0]
            if cells.size == 0:
                continue
            logits = outputs[bi][0][cells].reshape(-1, 4, self.bins)
            p = np.exp(logits - logits.max(-1, keepdims=True))
            dist = (p @ self._project) / p.sum(-1) * stride
            c = centres[cells]
            boxes = np.concatenate([c - dist[:, :2], c + dist[:, 2:]], 1) * (sx, sy, sx, sy)
            boxes = boxes.clip(0, (fw, fh, fw, fh))
            for k, j in enumerate(cells.tolist()):
                x0, y0, x1, y1 = boxes[k].tolist()
                if x1 - x0 >= 2 and y1 - y0 >= 2:
                    found.append(Detection(self._keep[int(self._cols[best[j]])], float(conf[j]), (x0, y0, x1, y1)))
        return nms(found, 0.6)


class SsdDetector(Detector):
    def decode(self, outputs: list[np.ndarray], frame_shape: tuple[int, ...]) -> list[Detection]:
        rows = outputs[0].reshape(-1, 7)
        fh, fw = frame_shape[:2]
        found: list[Detection] = []
        for image, label, score, x0, y0, x1, y1 in rows.tolist():
            if image < 0:  # DetectionOutput pads with image_id -1 after the last box
                break
            cls = self._keep.get(int(label))
            if cls is None or score < self.threshold:
                continue
            box = (max(0.0, x0 * fw), max(0.0, y0 * fh), min(float(fw), x1 * fw), min(float(fh), y1 * fh))
            found.append(Detection(cls, float(score), box))
        return found


class YoloDetector(Detector):
    def decode(self, outputs: list[np.ndarray], frame_shape: tuple[int, ...]) -> list[Detection]:
        pred = outputs[0][0]
        rows = 4 + len(self.labels)
        if pred.shape[0] != rows and pred.shape[1] == rows:  # some exports put the boxes first
            pred = pred.T
        scores = pred[4:]
        best = scores.argmax(0)
        conf = scores[best, np.arange(scores.shape[1])]
        fh, fw = frame_shape[:2]
        sy, sx = fh / self.size[0], fw / self.size[1]
        found: list[Detection] = []
        for j in np.nonzero(conf >= self.threshold)[0].tolist():
            cls = self._keep.get(int(best[j]))
            if cls is None:
                continue
            cx, cy, w, h = pred[:4, j].tolist()
            box = (
                max(0.0, (cx - w / 2) * sx),
                max(0.0, (cy - h / 2) * sy),
                min(float(fw), (cx + w / 2) * sx),
                min(float(fh), (cy + h / 2) * sy),
            )
            found.append(Detection(cls, float(conf[j]), box))
        return nms(found, 0.5)


DETECTORS: dict[str, type[Detector]] = {
    "nanodet": NanoDetDetector,
    "centernet": CenterNetDetector,
    "ssd": SsdDetector,
    "yolo": YoloDetector,
}


def make_detector(model: LoadedModel, threshold: float = 0.3, classes: dict[str, str] | None = None) -> Detector:
    builder = DETECTORS.get(model.manifest.decoder)
    if builder is None:
        raise ValueError(f"{model.manifest.directory}: decoder {model.manifest.decoder!r} is not a detector")
    try:
        return builder(model, threshold, classes)
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        # The decoder reads its settings from the manifest: a damaged one is named, not a bare KeyError.
        what = f"{type(exc).__name__}: {exc}"[:200]
        raise ValueError(f"{model.manifest.directory / 'manifest.json'}: not a usable {model.manifest.decoder} "
                         f"detector ({what})") from exc  # fmt: skip


def nms(dets: list[Detection], threshold: float) -> list[Detection]:
    """Greedy non-maximum suppression across classes: a truck and a car peak on one vehicle keep one box."""
    kept: list[Detection] = []
    for d in sorted(dets, key=lambda d: -d.score):
        if all(iou(d.box, k.box) < threshold for k in kept):
            kept.append(d)
    return kept
