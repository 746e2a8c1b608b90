"""Vietnamese licence plates for synthetic vehicles: valid text and a plate image.

Text follows Circular 79/2024/TT-BCA as the shared plate grammar normalises it: cars one row
"30A-123.45", motorbikes two rows "29-B1 123.45" (drawn "29-B1" over "123.45"). Series letters
skip I, J, O, Q, W (civil series) and R (trailers). The glyphs are OpenCV's Hershey simplex,
drawn large and squeezed sideways into the condensed look of the plate font; cv2.freetype is not
in opencv-python-headless and PIL is not a dependency.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from console.demo.scenes.camera import Array

Image = NDArray[np.uint8]

SERIES_LETTERS = "ABCDEFGHKLMNPSTUVXYZ"
# Province codes used in the demo scenes (the north first: the demo cameras are around Hà Nội).
PROVINCES = (
    "29",
    "30",
    "31",
    "33",
    "40",
    "15",
    "34",
    "35",
    "36",
    "90",
    "17",
    "18",
    "89",
    "99",
    "98",
    "20",
    "14",
    "37",
    "43",
    "51",
    "59",
    "61",
    "60",
)
# Car series by vehicle class; C trucks, B and D buses/vans, the rest passenger cars.
CAR_SERIES = {"car": "AAAAEFGHKL", "bus": "BDB", "truck": "CCD"}
# Commercial transport runs on yellow plates; the share differs by class.
YELLOW_SHARE = {"car": 0.15, "bus": 1.0, "truck": 0.7, "motorbike": 0.0}

WHITE_BGR = (238, 240, 240)
YELLOW_BGR = (40, 196, 246)
INK_BGR = (22, 22, 22)

# Physical plate sizes in metres (one-row car, two-row motorbike), width × height.
ONE_ROW_M = (0.52, 0.11)
TWO_ROW_M = (0.19, 0.14)


@dataclass(frozen=True)
class PlateSpec:
    text: str  # normalised display form, e.g. "30A-123.45" or "29-B1 123.45"
    colour: str  # white | yellow
    rows: int  # 1 | 2

    @property
    def lines(self) -> tuple[str, ...]:
        if self.rows == 1:
            return (self.text,)
        top, _, bottom = self.text.partition(" ")
        return (top, bottom)

    @property
    def size_m(self) -> tuple[float, float]:
        return ONE_ROW_M if self.rows == 1 else TWO_ROW_M


def random_plate(rng: np.random.Generator, vehicle_class: str, taken: set[str]) -> PlateSpec:
    """A fresh plate valid under the grammar, unique among ``taken`` (which it extends)."""
    while True:
        province = str(rng.choice(PROVINCES))
        number = f"{int(rng.integers(0, 1000)):03d}.{int(rng.integers(0, 100)):02d}"
        if number == "000.00":
            continue
        if vehicle_class == "motorbike":
            series = f"{rng.choice(list(SERIES_LETTERS))}{int(rng.integers(1, 10))}"
            spec = PlateSpec(f"{province}-{series} {number}", "white", 2)
        else:
            series = str(rng.choice(list(CAR_SERIES[vehicle_class])))
            colour = "yellow" if rng.random() < YELLOW_SHARE[vehicle_class] else "white"
            spec = PlateSpec(f"{province}{series}-{number}", colour, 1)
        if spec.text not in taken:
            taken.add(spec.text)
            return spec


def plate_image(spec: PlateSpec) -> Image:
    """The plate as a flat BGR image at about 2 px per millimetre."""
    w_m, h_m = spec.size_m
    px_per_m = 1000.0 if spec.rows == 1 else 1500.0
    w, h = round(w_m * px_per_m), round(h_m * px_per_m)
    bg = WHITE_BGR if spec.colour == "white" else YELLOW_BGR
    img = np.full((h, w, 3), bg, np.uint8)
    cv2.rectangle(img, (3, 3), (w - 4, h - 4), INK_BGR, 4, cv2.LINE_AA)
    row_h = (h - 14) / len(spec.lines)
    for i, line in enumerate(spec.lines):
        glyphs = _text_image(line, round(row_h * 0.78))
        target_w = min(w - 24, glyphs.shape[1])
        glyphs = np.asarray(cv2.resize(glyphs, (target_w, glyphs.shape[0]), interpolation=cv2.INTER_AREA), np.uint8)
        y0 = round(7 + i * row_h + (row_h - glyphs.shape[0]) / 2)
        x0 = (w - target_w) // 2
        roi = img[y0 : y0 + glyphs.shape[0], x0 : x0 + target_w]
        alpha = glyphs.astype(np.float32)[..., None] / 255.0
        roi[:] = (roi * (1 - alpha) + np.array(INK_BGR) * alpha).astype(np.uint8)
    return img


def _text_image(text: str, cap_height: int) -> Image:
    """White-on-black coverage mask of ``text`` with capitals ``cap_height`` px tall, condensed."""
    font = cv2.FONT_HERSHEY_SIMPLEX
    scale = cap_height / 22.0  # Hershey simplex capitals are ~22 units tall at scale 1
    thickness = max(2, round(cap_height / 7))
    (tw, th), _ = cv2.getTextSize(text, font, scale, thickness)
    pad = thickness + 2
    mask = np.zeros((th + 2 * pad, tw + 2 * pad), np.uint8)
    cv2.putText(mask, text, (pad, pad + th), font, scale, 255, thickness, cv2.LINE_AA)
    # Plate fonts are tall and narrow: squeeze to 70 % width before fitting.
    squeezed = cv2.resize(mask, (max(1, round(mask.shape[1] * 0.7)), mask.shape[0]), interpolation=cv2.INTER_AREA)
    return np.asarray(squeezed, np.uint8)


def mip_levels(texture: Image) -> list[Image]:
    """The texture and its halvings down to ~16 px wide: a warp then never shrinks by more than 2×."""
    levels = [texture]
    while levels[-1].shape[1] > 32:
        prev = levels[-1]
        levels.append(
            np.asarray(
                cv2.resize(prev, (prev.shape[1] // 2, max(2, prev.shape[0] // 2)), interpolation=cv2.INTER_AREA),
                np.uint8,
            )
        )
    return levels


def paste_quad(frame: Image, levels: list[Image], quad: Array) -> None:
    """Warp a texture (given as ``mip_levels``) onto the image quad (TL, TR, BR, BL), in place."""
    h, w = frame.shape[:2]
    x0 = max(0, int(np.floor(quad[:, 0].min())))
    y0 = max(0, int(np.floor(quad[:, 1].min())))
    x1 = min(w, int(np.ceil(quad[:, 0].max())) + 1)
    y1 = min(h, int(np.ceil(quad[:, 1].max())) + 1)
    if x1 - x0 < 2 or y1 - y0 < 2:
        return
    # The smallest level still at least as wide as the quad: a single warp aliases when it shrinks a lot.
    width = float(np.ptp(quad[:, 0]))
    texture = levels[0]
    for level in levels[1:]:
        if level.shape[1] < width:
            break
        texture = level
    th, tw = texture.shape[:2]
    src = np.array([[0, 0], [tw - 1, 0], [tw - 1, th - 1], [0, th - 1]], np.float32)
    dst = (quad - np.array([x0, y0])).astype(np.float32)
    m = cv2.getPerspectiveTransform(src, dst)
    roi = np.ascontiguousarray(frame[y0:y1, x0:x1])
    cv2.warpPerspective(
        texture, m, (x1 - x0, y1 - y0), dst=roi, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_TRANSPARENT
    )
    frame[y0:y1, x0:x1] = roi
