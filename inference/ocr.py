"""PP-OCR text localisation (DB post-processing) and recognition (CTC greedy decoding).

Recognition is restricted to an alphabet: the network scores ~7,000-18,000 characters, but only the
columns of the allowed characters and the CTC blank take part in the argmax, so a plate can never come
out with a Chinese look-alike in it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import cv2
import numpy as np

from inference.models import LoadedModel

PLATE_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-."


@dataclass(frozen=True)
class TextBox:
    quad: np.ndarray  # 4x2 float32 corners (clockwise from top-left) in image pixels
    score: float

    @property
    def box(self) -> tuple[float, float, float, float]:
        xs, ys = self.quad[:, 0], self.quad[:, 1]
        return float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())


def _normalise(img: np.ndarray, spec: dict[str, object]) -> np.ndarray:
    mean = np.asarray(spec.get("mean", [0, 0, 0]), np.float32)
    std = np.asarray(spec.get("std", [1, 1, 1]), np.float32)
    scale = float(spec.get("scale", 1.0))  # type: ignore[arg-type]
    if spec.get("colour", "BGR") == "RGB":
        img = img[:, :, ::-1]
    out = (img.astype(np.float32) * scale - mean) / std
    return np.ascontiguousarray(out.transpose(2, 0, 1))


def order_corners(pts: np.ndarray) -> np.ndarray:
    """Corners as top-left, top-right, bottom-right, bottom-left."""
    s, d = pts.sum(1), np.diff(pts, axis=1).ravel()
    return np.array([pts[s.argmin()], pts[d.argmin()], pts[s.argmax()], pts[d.argmax()]], np.float32)


class TextDetector:
    def __init__(
        self,
        model: LoadedModel,
        threshold: float = 0.3,
        box_threshold: float = 0.5,
        unclip: float = 1.6,
        max_side: int = 640,
    ) -> None:
        self.model = model
        self.threshold = threshold
        self.box_threshold = box_threshold
        self.unclip = unclip
        self.max_side = max_side

    def detect(self, image: np.ndarray) -> list[TextBox]:
        found = self._detect(image)
        h, w = image.shape[:2]
        if not any(_at_edge(b, w, h) for b in found) or min(h, w) >= 400:
            return found
        # Text running into the edge of a crop (a tight plate crop): DB's kernel has no background around the
        # edge glyph and loses it. Once more with a margin of the crop's own border colour around it.
        pad = round(0.15 * min(h, w)) + 2
        border = np.concatenate([image[0], image[-1], image[:, 0], image[:, -1]]).mean(0)
        padded = cv2.copyMakeBorder(image, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=border.tolist())
        return [TextBox(b.quad - np.float32(pad), b.score) for b in self._detect(padded)]

    def _detect(self, image: np.ndarray) -> list[TextBox]:
        h, w = image.shape[:2]
        # Upscale small crops too: DB needs text a few tens of pixels tall to separate two plate rows.
        scale = min(self.max_side / max(h, w), 4.0)
        nh, nw = max(32, round(h * scale / 32) * 32), max(32, round(w * scale / 32) * 32)
        resized = cv2.resize(image, (nw, nh))
        prob = self.model.infer(_normalise(resized, self.model.manifest.input)[None], copy=False)[0][0, 0]
        return self.boxes(prob, w / nw, h / nh)

    def boxes(self, prob: np.ndarray, sx: float, sy: float) -> list[TextBox]:
        mask = (prob > self.threshold).astype(np.uint8)
        contours, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
        found: list[TextBox] = []
        for contour in contours:
            if len(contour) < 3:
                continue
            (cx, cy), (rw, rh), angle = cv2.minAreaRect(contour)
            if min(rw, rh) < 3:
                continue
            x, y, bw, bh = cv2.boundingRect(contour)
            region = np.zeros((bh, bw), np.uint8)
            cv2.fillPoly(region, [contour.reshape(-1, 2) - (x, y)], 1)
            score = float(cv2.mean(prob[y : y + bh, x : x + bw], region)[0])
            if score < self.box_threshold:
                continue
            # DB's unclip: the shrunk kernel grows back by area * ratio / perimeter on every side.
            grow = rw * rh * self.unclip / (2 * (rw + rh))
            pts = cv2.boxPoints(((cx, cy), (rw + 2 * grow, rh + 2 * grow), angle))
            pts = order_corners(pts) * np.array([sx, sy], np.float32)
            found.append(TextBox(pts, score))
        return found


def _at_edge(box: TextBox, w: int, h: int) -> bool:
    x0, y0, x1, y1 = box.box
    return x0 <= 1 or y0 <= 1 or x1 >= w - 2 or y1 >= h - 2


def crop_quad(image: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """Warp a (possibly tilted) text quad to an upright rectangle."""
    tl, tr, br, bl = quad
    w = int(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    h = int(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    w, h = max(w, 2), max(h, 2)
    dst = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    matrix = cv2.getPerspectiveTransform(quad.astype(np.float32), dst)
    return cv2.warpPerspective(image, matrix, (w, h), borderMode=cv2.BORDER_REPLICATE)


@dataclass(frozen=True)
class TextLine:
    text: str
    confidence: float
    # Log-probabilities per CTC step over the blank and the alphabet: what the plate grammar needs to
    # look past a greedy misread (inference/plates/constrained.py).
    logp: np.ndarray | None = field(default=None, repr=False, compare=False)


class TextRecogniser:
    def __init__(self, model: LoadedModel, alphabet: str = PLATE_ALPHABET, height: int = 48) -> None:
        self.model = model
        self.height = height
        labels_file = model.manifest.directory / model.manifest.output.get("labels", "labels.txt")
        labels = labels_file.read_text(encoding="utf-8").split("\n")
        index = {c: i for i, c in enumerate(labels) if c}
        missing = [c for c in alphabet if c not in index]
        if missing:
            raise ValueError(f"{labels_file}: recogniser cannot emit {''.join(missing)}")
        self.columns = np.array([0] + [index[c] for c in alphabet])  # column 0 is the CTC blank
        self.chars = ["", *alphabet]

    def recognise(self, crops: list[np.ndarray]) -> list[TextLine]:
        """All crops in one batch, padded to the widest (two plate rows cost one inference)."""
        if not crops:
            return []
        widths = [max(8, math.ceil(self.height * c.shape[1] / max(1, c.shape[0]))) for c in crops]
        width = min(max(widths), 640)  # ten plate characters at 48 px high fit in ~300 px
        spec = self.model.manifest.input
        batch = np.zeros((len(crops), 3, self.height, width), np.float32)
        for i, (crop, w) in enumerate(zip(crops, widths, strict=True)):
            resized = cv2.resize(crop, (min(w, width), self.height))
            batch[i, :, :, : resized.shape[1]] = _normalise(resized, spec)
        scores = self.model.infer(batch, copy=False)[0]
        return [self.decode(s) for s in scores]

    def decode(self, scores: np.ndarray) -> TextLine:
        sub = scores[:, self.columns]
        best = sub.argmax(1)
        text: list[str] = []
        probs: list[float] = []
        previous = 0
        for t, k in enumerate(best.tolist()):
            if k != 0 and k != previous:
                text.append(self.chars[k])
                probs.append(float(sub[t, k]))
            previous = k
        return TextLine("".join(text), float(np.mean(probs)) if probs else 0.0, np.log(np.maximum(sub, 1e-12)))
