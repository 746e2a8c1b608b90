"""Synthetic Vietnamese plates with known text, for the OCR tests and the accuracy benchmark.

Glyphs are OpenCV's Hershey simplex squeezed sideways toward the condensed plate font (no freetype in
opencv-python-headless). Every text generated here is valid under inference.plates.grammar.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

# Background, ink (BGR) per plate colour class (Circular 79/2024/TT-BCA).
COLOURS = {
    "white": ((236, 238, 238), (25, 25, 25)),
    "yellow": ((40, 200, 245), (25, 25, 25)),
    "blue": ((150, 80, 20), (240, 240, 240)),
    "red": ((40, 40, 200), (240, 240, 240)),
}
SERIES = "ABCDEFGHKLMNPSTUVXYZ"
PROVINCES = ("29", "30", "14", "15", "36", "43", "51", "59", "61", "88", "90", "99")


@dataclass(frozen=True)
class SynthPlate:
    text: str  # normalised form, as inference.plates.grammar prints it
    rows: int
    colour: str
    image: np.ndarray


def random_text(rng: np.random.Generator, rows: int) -> str:
    province = str(rng.choice(PROVINCES))
    number = f"{int(rng.integers(0, 1000)):03d}.{int(rng.integers(0, 100)):02d}"
    if rows == 1:
        return f"{province}{rng.choice(list(SERIES))}-{number}"
    return f"{province}-{rng.choice(list(SERIES))}{int(rng.integers(1, 10))} {number}"


def _text(line: str, cap: int, ink: tuple[int, int, int], bg: tuple[int, int, int]) -> np.ndarray:
    scale = cap / 22.0  # Hershey simplex capitals are ~22 px tall at scale 1
    thick = max(2, round(cap / 9))
    (w, h), base = cv2.getTextSize(line, cv2.FONT_HERSHEY_SIMPLEX, scale, thick)
    img = np.full((h + base + 2 * thick, w + 2 * thick, 3), bg, np.uint8)
    cv2.putText(img, line, (thick, h + thick), cv2.FONT_HERSHEY_SIMPLEX, scale, ink, thick, cv2.LINE_AA)
    return cv2.resize(img, (int(img.shape[1] * 0.72), img.shape[0]), interpolation=cv2.INTER_AREA)


def render(text: str, colour: str = "white", height: int = 110) -> np.ndarray:
    """A plate image with a border: one row for "30A-123.45", two rows for "29-B1 123.45"."""
    bg, ink = COLOURS[colour]
    lines = text.split(" ") if " " in text else [text]
    cap = int(height * (0.55 if len(lines) == 1 else 0.3))
    parts = [_text(line, cap, ink, bg) for line in lines]
    width = int(max(p.shape[1] for p in parts) * 1.12) + 16
    gap = max(6, (height - sum(p.shape[0] for p in parts)) // (len(parts) + 1))
    height = max(height, sum(p.shape[0] for p in parts) + gap * (len(parts) + 1))
    plate = np.full((height, width, 3), bg, np.uint8)
    y = gap
    for p in parts:
        x = (width - p.shape[1]) // 2
        plate[y : y + p.shape[0], x : x + p.shape[1]] = p
        y += p.shape[0] + gap
    cv2.rectangle(plate, (3, 3), (width - 4, height - 4), ink, 3)
    return plate


def degrade(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """What a roadside camera does to a plate: tilt, perspective, small size, blur, noise, JPEG."""
    h, w = img.shape[:2]
    pad = int(0.25 * h)
    canvas = cv2.copyMakeBorder(img, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=(90, 92, 95))
    src = np.array([[pad, pad], [pad + w, pad], [pad + w, pad + h], [pad, pad + h]], np.float32)
    jitter = rng.uniform(-0.06, 0.06, (4, 2)).astype(np.float32) * np.array([w, h], np.float32)
    matrix = cv2.getPerspectiveTransform(src, src + jitter)
    out = cv2.warpPerspective(canvas, matrix, (canvas.shape[1], canvas.shape[0]), borderMode=cv2.BORDER_REPLICATE)
    # Down to ~12-20 px character height: a plate a few car lengths from a 1080p roadside camera.
    scale = rng.uniform(0.22, 0.45)
    out = cv2.resize(out, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    length = int(rng.integers(1, 5))  # horizontal motion blur of a passing vehicle
    kernel = np.full((1, length), 1.0 / length, np.float32)
    out = cv2.GaussianBlur(cv2.filter2D(out, -1, kernel), (3, 3), rng.uniform(0.3, 1.2))
    out = np.clip(out.astype(np.float32) * rng.uniform(0.5, 1.15) + rng.normal(0, 8, out.shape), 0, 255).astype(
        np.uint8
    )
    _, jpg = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(25, 60))])
    return np.asarray(cv2.imdecode(jpg, cv2.IMREAD_COLOR), np.uint8)


def plate_set(seed: int, count: int, rows: int, degraded: bool) -> list[SynthPlate]:
    rng = np.random.default_rng(seed)
    colours = list(COLOURS)
    out: list[SynthPlate] = []
    for _ in range(count):
        text = random_text(rng, rows)
        colour = str(rng.choice(colours, p=[0.55, 0.25, 0.1, 0.1]))
        img = render(text, colour, 110 if rows == 1 else 150)
        if degraded:
            img = degrade(img, rng)
        else:
            img = cv2.copyMakeBorder(img, 12, 12, 12, 12, cv2.BORDER_CONSTANT, value=(90, 92, 95))
        out.append(SynthPlate(text, rows, colour, img))
    return out


def on_vehicle(plate: np.ndarray, body: tuple[int, int, int] = (120, 110, 100)) -> np.ndarray:
    """A crude car rear (body, window, lights) with the plate on it: a vehicle crop for the reader."""
    ph, pw = plate.shape[:2]
    w, h = max(int(pw * 2.6), 260), max(int(ph * 3.2), 200)
    img = np.full((h, w, 3), body, np.uint8)
    cv2.rectangle(img, (int(w * 0.12), int(h * 0.08)), (int(w * 0.88), int(h * 0.4)), (60, 55, 50), -1)
    cv2.rectangle(img, (int(w * 0.03), int(h * 0.5)), (int(w * 0.18), int(h * 0.6)), (30, 30, 200), -1)
    cv2.rectangle(img, (int(w * 0.82), int(h * 0.5)), (int(w * 0.97), int(h * 0.6)), (30, 30, 200), -1)
    y, x = int(h * 0.62), (w - pw) // 2
    img[y : y + ph, x : x + pw] = plate
    return img
