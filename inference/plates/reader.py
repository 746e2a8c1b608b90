"""Plate reading: text localisation → rows grouped into plates → restricted recognition → grammar.

Two-row plates come out of the DB detector as two text boxes; boxes stacked over each other with
overlapping columns are one plate, read top then bottom and joined with a space, which is the form the
grammar expects ("29-B1 123.45").
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from inference.ocr import TextBox, TextDetector, TextRecogniser, crop_quad
from inference.plates.grammar import Plate, PlateResult, read_plate

MIN_CHARS = 4  # fewer letters/digits than this is not plate-like text at all (bolts, logos, dirt)


@dataclass(frozen=True)
class PlateRead:
    raw: str
    plate: Plate | None  # None: the text cannot be a plate (unreadable, never forced)
    confidence: float
    rows: int
    colour: str
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 in the input image

    def as_json(self) -> dict[str, object]:
        return {
            "text": self.raw,
            "plate": self.plate.text if self.plate else None,
            "confidence": round(self.confidence, 3),
            "rows": self.rows,
            "colour": self.colour,
            "box": list(self.box),
        }


def group_rows(boxes: list[TextBox]) -> list[list[TextBox]]:
    """Pair each text row with the one right below it when they look like the two rows of one plate."""
    rows = sorted(boxes, key=lambda b: b.box[1])
    used: set[int] = set()
    groups: list[list[TextBox]] = []
    for i, top in enumerate(rows):
        if i in used:
            continue
        group = [top]
        tx0, ty0, tx1, ty1 = top.box
        for j in range(i + 1, len(rows)):
            if j in used:
                continue
            bx0, by0, bx1, by1 = rows[j].box
            overlap = min(tx1, bx1) - max(tx0, bx0)
            narrow = min(tx1 - tx0, bx1 - bx0)
            th, bh = ty1 - ty0, by1 - by0
            if overlap > 0.5 * narrow and -0.3 * th < by0 - ty1 < 0.8 * max(th, bh) and max(th, bh) < 1.7 * min(th, bh):
                group.append(rows[j])
                used.add(j)
                break
        used.add(i)
        groups.append(group)
    return groups


def plate_colour(image: np.ndarray, box: tuple[int, int, int, int]) -> str:
    """Background colour class of the plate: the majority side of an Otsu split is the background."""
    x0, y0, x1, y1 = box
    region = image[max(0, y0) : y1, max(0, x0) : x1]
    if region.size == 0:
        return "white"
    grey = cv2.cvtColor(region, cv2.COLOR_BGR2GRAY)
    _, split = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    bright = split > 0
    background = bright if bright.mean() >= 0.5 else ~bright
    hsv = cv2.cvtColor(region, cv2.COLOR_BGR2HSV)[background]
    if len(hsv) == 0:
        return "white"
    saturated = hsv[hsv[:, 1] > 70]
    if len(saturated) < 0.4 * len(hsv):
        return "white"
    hue = float(np.median(saturated[:, 0]))  # OpenCV hue is 0..180
    if 12 <= hue <= 38:
        return "yellow"
    if 90 <= hue <= 135:
        return "blue"
    if hue < 10 or hue > 165:
        return "red"
    return "white"


class PlateReader:
    def __init__(self, detector: TextDetector, recogniser: TextRecogniser) -> None:
        self.detector = detector
        self.recogniser = recogniser

    @property
    def versions(self) -> dict[str, str]:
        return {
            "text_detector": self.detector.model.version,
            "text_recogniser": self.recogniser.model.version,
        }

    def read(self, image: np.ndarray) -> list[PlateRead]:
        """Every plate-like text group in the image (a plate crop, a vehicle crop or a whole frame)."""
        boxes = self.detector.detect(image)
        if not boxes:
            return []
        groups = group_rows(boxes)
        crops = [crop_quad(image, b.quad) for g in groups for b in g]
        lines = self.recogniser.recognise(crops)
        reads: list[PlateRead] = []
        k = 0
        for group in groups:
            parts = lines[k : k + len(group)]
            k += len(group)
            raw = " ".join(p.text for p in parts if p.text)
            if sum(c.isalnum() for c in raw) < MIN_CHARS:
                continue
            if len(group) == 2 and sum(c.isalnum() for c in parts[0].text) < 2:
                continue
            confidence = float(min(p.confidence for p in parts)) * float(min(b.score for b in group))
            result = read_plate(raw, rows=len(group))
            if result.plate is None and len(group) == 1:
                result = read_plate(raw)
            x0 = min(b.box[0] for b in group)
            y0 = min(b.box[1] for b in group)
            x1 = max(b.box[2] for b in group)
            y1 = max(b.box[3] for b in group)
            box = (int(x0), int(y0), int(np.ceil(x1)), int(np.ceil(y1)))
            # Sample the inner part: the unclipped box can reach past a small plate's edge onto the vehicle
            # body (a yellow plate on a red bus came out red); inside, the background is the majority.
            ix, iy = int(0.12 * (x1 - x0)), int(0.18 * (y1 - y0))
            colour = plate_colour(image, (box[0] + ix, box[1] + iy, box[2] - ix, box[3] - iy))
            if result.plate is not None and result.plate.kind == "military" and colour != "red":
                # Military plates are white on red; two letters and four digits on any other plate is
                # another country's plate or a sign, and must not become a Vietnamese military vehicle.
                result = PlateResult(raw, None)
            if result.repaired:
                confidence *= 0.9  # a repaired character is a guess the grammar made, not one the model saw
            reads.append(PlateRead(raw, result.plate, confidence, len(group), colour, box))
        reads.sort(key=lambda r: (r.plate is None, -r.confidence))
        return reads
