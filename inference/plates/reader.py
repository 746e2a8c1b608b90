"""Plate reading: text localisation → rows grouped into plates → restricted recognition → grammar.

Two-row plates come out of the DB detector as two text boxes; boxes stacked over each other with
overlapping columns are one plate, read top then bottom and joined with a space, which is the form the
grammar expects ("29-B1 123.45").
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from inference.ocr import TextBox, TextDetector, TextLine, TextRecogniser, crop_quad, order_corners
from inference.plates.constrained import fit_plate
from inference.plates.grammar import Plate, PlateResult, read_plate

MIN_CHARS = 4  # fewer letters/digits than this is not plate-like text at all (bolts, logos, dirt)
# A lone row with fewer characters than a one-row plate's 7-8 ("30A1234", "30A12345") that the grammar
# cannot read is a row of a two-row plate ("59X1", "12345"): reporting it would be a plate that is not one.
ROW_FRAGMENT_BELOW = 7
# How far (nats below the recogniser's own best path) a read may be bent to fit the grammar: a glyph or two
# the model was unsure of, not text that is no plate. Two fits closer than AMBIGUOUS are left to an operator.
MAX_BEND = 6.0
AMBIGUOUS = 0.7


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


def _merge(a: TextBox, b: TextBox) -> TextBox:
    """One row from two pieces of it: the quad spanning both (DB splits a row at a wide gap or a dot)."""
    pts = np.concatenate([a.quad, b.quad])
    return TextBox(order_corners(cv2.boxPoints(cv2.minAreaRect(pts))), min(a.score, b.score))


def merge_fragments(boxes: list[TextBox]) -> list[TextBox]:
    """Join pieces of one text row: side by side, the same height, vertically aligned, a small gap apart."""
    rows = sorted(boxes, key=lambda b: b.box[0])
    merged = True
    while merged:
        merged = False
        for i in range(len(rows)):
            for j in range(i + 1, len(rows)):
                ax0, ay0, ax1, ay1 = rows[i].box
                bx0, by0, bx1, by1 = rows[j].box
                ah, bh = ay1 - ay0, by1 - by0
                h = max(ah, bh)
                centre_dy = abs((ay0 + ay1) - (by0 + by1)) / 2
                gap = max(bx0 - ax1, ax0 - bx1)
                if max(ah, bh) < 1.4 * min(ah, bh) and centre_dy < 0.25 * h and gap < 0.6 * h:
                    rows[i] = _merge(rows[i], rows[j])
                    del rows[j]
                    merged = True
                    break
            if merged:
                break
    return rows


def _two_rows(top: TextBox, bottom: TextBox) -> float | None:
    """How well ``bottom`` sits under ``top`` as the second row of one plate (lower is better), or None.

    Real two-row plates: the top row ("59-X1") is often narrower than the bottom ("123.45"), DB's unclipped
    boxes of the two rows overlap vertically, and a tilted plate shifts the bottom row sideways. So the rule
    is on centres and the narrower row: the rows are centred over each other (up to a tilt's shift), their centres
    are 0.45-1.9 row heights apart, and the heights are alike.
    """
    tx0, ty0, tx1, ty1 = top.box
    bx0, by0, bx1, by1 = bottom.box
    th, bh = ty1 - ty0, by1 - by0
    h = (th + bh) / 2
    if min(th, bh) <= 0 or max(th, bh) > 1.8 * min(th, bh):
        return None
    dy = (by0 + by1) / 2 - (ty0 + ty1) / 2
    if not 0.45 * h < dy < 1.9 * h:
        return None
    narrow, wide = ((tx0, tx1), (bx0, bx1)) if tx1 - tx0 <= bx1 - bx0 else ((bx0, bx1), (tx0, tx1))
    if (narrow[1] - narrow[0]) < 0.35 * (wide[1] - wide[0]):
        return None  # a short word under a long one (a sign, an advert) is not a plate
    # Centred over each other up to a tilt's shift: the rows of a plate are centred on it.
    offset = abs((narrow[0] + narrow[1]) / 2 - (wide[0] + wide[1]) / 2) / max(1.0, wide[1] - wide[0])
    if offset > 0.3:
        return None
    return abs(dy / h - 1.1) + offset


def group_rows(boxes: list[TextBox]) -> list[list[TextBox]]:
    """Pair text rows into plates: each row with the row that best fits under it as a two-row plate."""
    rows = sorted(merge_fragments(boxes), key=lambda b: (b.box[1] + b.box[3]) / 2)
    pairs = sorted(
        (cost, i, j)
        for i in range(len(rows))
        for j in range(i + 1, len(rows))
        if (cost := _two_rows(rows[i], rows[j])) is not None
    )
    partner: dict[int, int] = {}
    for _, i, j in pairs:  # best pairs first; a row belongs to one plate only
        if i not in partner and j not in partner:
            partner[i], partner[j] = j, i
    groups: list[list[TextBox]] = []
    for i, row in enumerate(rows):
        other = partner.get(i)
        if other is None:
            groups.append([row])
        elif i < other:
            groups.append([row, rows[other]])
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
        self._alphabet = "".join(recogniser.chars[1:])

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
            read = self._plate(image, group, parts)
            if len(group) == 2 and (read is None or read.plate is None):
                # Two rows that make no plate together: a badge or a word over a one-row plate ("RANGER" over
                # "29H-170.54"). Either row may still be a plate on its own.
                alone = [self._plate(image, [row], [line]) for row, line in zip(group, parts, strict=True)]
                found = [a for a in alone if a is not None and a.plate is not None]
                if found:
                    reads += found
                    continue
            if read is not None:
                reads.append(read)
        reads.sort(key=lambda r: (r.plate is None, -r.confidence))
        return reads

    def _bend(self, raw: str, parts: list[TextLine], rows: int) -> PlateResult | None:
        """The plate the recogniser's scores spell under the grammar, when its greedy text is none (or needed
        repairing); None when no plate is within reach or two are equally so."""
        plates: list[tuple[float, Plate]] = []
        for fit in fit_plate(parts, self._alphabet, MAX_BEND):
            plate = read_plate(fit.text, rows=rows).plate
            if plate is not None and all(p.key != plate.key for _c, p in plates):
                plates.append((fit.cost, plate))
        if not plates or (len(plates) > 1 and plates[1][0] - plates[0][0] < AMBIGUOUS):
            return None
        return PlateResult(raw, plates[0][1], repaired=True)

    def _plate(self, image: np.ndarray, group: list[TextBox], parts: list[TextLine]) -> PlateRead | None:
        """The read of one group of rows; None when its text is not plate-like at all."""
        raw = " ".join(p.text for p in parts if p.text)
        if sum(c.isalnum() for c in raw) < MIN_CHARS:
            return None
        if len(group) == 2 and sum(c.isalnum() for c in parts[0].text) < 2:
            return None
        confidence = float(min(p.confidence for p in parts)) * float(min(b.score for b in group))
        result = read_plate(raw, rows=len(group))
        if result.plate is None or result.repaired:
            bent = self._bend(raw, parts, len(group))
            if result.plate is None:
                result = bent or result
            elif bent is not None and bent.plate is not None and bent.plate.key != result.plate.key:
                # The look-alike repair and the scores disagree ("L7" repaired to 47, the scores say 27): an
                # operator decides, not a guess.
                result = PlateResult(raw, None)
        if result.plate is None and len(group) == 1:
            result = read_plate(raw)
        if result.plate is None and len(group) == 1 and sum(c.isalnum() for c in raw) < ROW_FRAGMENT_BELOW:
            return None  # one row of a two-row plate whose other row was not found: not a plate
        if result.plate is not None and len(group) == 2 and result.plate.kind == "car" and "-" in parts[0].text:
            # A square car plate's top row is the bare "30A"; a hyphen there ("59-C1") is a motorbike's top row
            # that lost a character, and reading it as a car would name another vehicle.
            result = PlateResult(raw, None)
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
        return PlateRead(raw, result.plate, confidence, len(group), colour, box)
