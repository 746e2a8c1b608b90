"""Evidence frames drawn by the project itself for the demo and the tests, until detection lands.

A road in perspective, lane markings, a stop line and signal for red-light hits, one vehicle with
a legible plate (one row for cars, two rows for motorbikes), its track, and the data strip a
roadside camera burns in. Deterministic for a given input, so the same demo run stores the same
bytes (and the evidence store keeps one file per content).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import cv2
import numpy as np
from numpy.typing import NDArray

Image = NDArray[np.uint8]
W, H = 1280, 720
VN = timezone(timedelta(hours=7))
_FONT = cv2.FONT_HERSHEY_SIMPLEX


@dataclass(frozen=True)
class Drawn:
    frame: Image
    plate_crop: Image
    plate_box: tuple[int, int, int, int]  # x, y, w, h in the frame
    track: list[tuple[float, float]]  # normalised 0..1 image points, oldest first


def _road(rng: np.random.Generator) -> Image:
    img = np.zeros((H, W, 3), np.uint8)
    for y in range(H):
        shade = 70 + int(50 * y / H)
        img[y, :] = (shade + 10, shade + 5, shade)
    # Buildings and trees on the horizon.
    x = 0
    while x < W:
        w = int(rng.integers(60, 160))
        h = int(rng.integers(40, 150))
        tone = int(rng.integers(60, 110))
        cv2.rectangle(img, (x, 220 - h), (x + w, 220), (tone, tone + 8, tone + 15), -1)
        x += w + int(rng.integers(0, 20))
    road = np.array([[560, 210], [720, 210], [W + 300, H], [-300, H]], np.int32)
    cv2.fillPoly(img, [road], (66, 66, 70))
    noise = rng.integers(-8, 8, (H, W, 1), dtype=np.int16)
    mask = np.zeros((H, W), np.uint8)
    cv2.fillPoly(mask, [road], 255)
    img = np.where(mask[..., None] > 0, np.clip(img.astype(np.int16) + noise, 0, 255), img).astype(np.uint8)
    for k in (-2, -1, 0, 1, 2):
        top = (640 + k * 40, 212)
        bottom = (640 + k * 560, H)
        for t in np.linspace(0, 1, 12, endpoint=False):
            p0 = (int(top[0] + (bottom[0] - top[0]) * t), int(top[1] + (bottom[1] - top[1]) * t))
            t1 = t + 0.045
            p1 = (int(top[0] + (bottom[0] - top[0]) * t1), int(top[1] + (bottom[1] - top[1]) * t1))
            cv2.line(img, p0, p1, (225, 225, 225), max(1, int(2 + 6 * t)), cv2.LINE_AA)
    return img


def _plate_image(text: str, two_rows: bool, yellow: bool) -> Image:
    bg = (40, 196, 246) if yellow else (238, 240, 240)
    if two_rows:
        w, h = 190, 140
        img = np.full((h, w, 3), bg, np.uint8)
        top, bottom = text.split(" ", 1) if " " in text else (text[:4], text[4:])
        for line, y in ((top, 60), (bottom, 122)):
            scale = 1.55
            (tw, _), _ = cv2.getTextSize(line, _FONT, scale, 5)
            cv2.putText(img, line, ((w - tw) // 2, y), _FONT, scale, (22, 22, 22), 5, cv2.LINE_AA)
    else:
        w, h = 470, 110
        img = np.full((h, w, 3), bg, np.uint8)
        scale = 2.4
        (tw, th), _ = cv2.getTextSize(text, _FONT, scale, 7)
        scale *= min(1.0, (w - 30) / tw)
        (tw, th), _ = cv2.getTextSize(text, _FONT, scale, 7)
        cv2.putText(img, text, ((w - tw) // 2, (h + th) // 2), _FONT, scale, (22, 22, 22), 7, cv2.LINE_AA)
    cv2.rectangle(img, (3, 3), (w - 4, h - 4), (22, 22, 22), 4)
    return img


def _car(img: Image, cx: int, cy: int, scale: float, colour: tuple[int, int, int], heavy: bool) -> tuple[int, int]:
    """Front view of a car (or bus/truck when heavy); returns where the plate's centre goes."""
    w = int((420 if heavy else 330) * scale)
    h = int((330 if heavy else 190) * scale)
    x0, y0 = cx - w // 2, cy - h
    shadow = np.array([[x0 - 10, cy + 6], [x0 + w + 10, cy + 6], [x0 + w, cy - 10], [x0, cy - 10]], np.int32)
    cv2.fillPoly(img, [shadow], (35, 35, 38))
    cv2.rectangle(img, (x0, y0 + int(h * 0.35)), (x0 + w, cy), colour, -1)
    roof = np.array(
        [[x0 + int(w * 0.12), y0], [x0 + int(w * 0.88), y0], [x0 + w, y0 + int(h * 0.38)], [x0, y0 + int(h * 0.38)]],
        np.int32,
    )
    cv2.fillPoly(img, [roof], tuple(int(c * 0.8) for c in colour))
    glass = np.array(
        [
            [x0 + int(w * 0.17), y0 + int(h * 0.06)],
            [x0 + int(w * 0.83), y0 + int(h * 0.06)],
            [x0 + int(w * 0.93), y0 + int(h * 0.34)],
            [x0 + int(w * 0.07), y0 + int(h * 0.34)],
        ],
        np.int32,
    )
    cv2.fillPoly(img, [glass], (70, 55, 45))
    for side in (0.1, 0.78):
        lx = x0 + int(w * side)
        cv2.rectangle(img, (lx, y0 + int(h * 0.48)), (lx + int(w * 0.12), y0 + int(h * 0.58)), (210, 235, 245), -1)
    cv2.rectangle(img, (x0 + int(w * 0.3), y0 + int(h * 0.5)), (x0 + int(w * 0.7), y0 + int(h * 0.6)), (30, 30, 30), -1)
    for side in (0.04, 0.84):
        wx = x0 + int(w * side)
        cv2.rectangle(img, (wx, cy - 4), (wx + int(w * 0.12), cy + int(18 * scale)), (20, 20, 20), -1)
    return cx, y0 + int(h * 0.8)


def _motorbike(
    img: Image, cx: int, cy: int, scale: float, colour: tuple[int, int, int], helmet: bool
) -> tuple[int, int]:
    w = int(120 * scale)
    cv2.ellipse(img, (cx, cy + 4), (w, int(14 * scale)), 0, 0, 360, (35, 35, 38), -1)
    cv2.rectangle(img, (cx - int(18 * scale), cy - int(90 * scale)), (cx + int(18 * scale), cy), (25, 25, 25), -1)
    cv2.rectangle(img, (cx - w // 2, cy - int(200 * scale)), (cx + w // 2, cy - int(80 * scale)), colour, -1)
    cv2.rectangle(
        img,
        (cx - int(50 * scale), cy - int(330 * scale)),
        (cx + int(50 * scale), cy - int(190 * scale)),
        (120, 90, 60),
        -1,
    )
    head = (cx, cy - int(365 * scale))
    cv2.circle(img, head, int(34 * scale), (140, 170, 200), -1)
    if helmet:
        cv2.ellipse(img, head, (int(42 * scale), int(40 * scale)), 0, 180, 360, (40, 40, 200), -1)
    else:
        cv2.ellipse(img, head, (int(36 * scale), int(30 * scale)), 0, 180, 360, (20, 20, 20), -1)
    cv2.rectangle(
        img,
        (cx - int(75 * scale), cy - int(215 * scale)),
        (cx + int(75 * scale), cy - int(205 * scale)),
        (60, 60, 60),
        -1,
    )
    return cx, cy - int(130 * scale)


def _signal(img: Image, red: bool) -> None:
    cv2.rectangle(img, (1100, 40), (1112, 330), (50, 50, 50), -1)
    cv2.rectangle(img, (1080, 40), (1132, 190), (25, 25, 25), -1)
    for i, on_colour in enumerate(((0, 0, 255), (0, 200, 255), (0, 220, 0))):
        lit = (i == 0) == red if i != 1 else False
        cv2.circle(img, (1106, 68 + 46 * i), 18, on_colour if lit else (45, 45, 45), -1)


def draw_evidence(
    *,
    plate: str,
    vehicle_class: str,
    rule_kind: str,
    camera_code: str,
    detected_at: datetime,
    measured: dict[str, float | str],
    yellow: bool = False,
    seed: int = 0,
) -> Drawn:
    rng = np.random.default_rng(seed)
    img = _road(rng)
    if rule_kind == "red_light":
        cv2.line(img, (80, 520), (1200, 520), (235, 235, 235), 10)
        _signal(img, red=True)
    palette = [(180, 180, 185), (40, 40, 160), (150, 90, 30), (30, 30, 30), (230, 230, 230), (60, 120, 60)]
    colour = palette[int(rng.integers(0, len(palette)))]
    cx = int(rng.integers(470, 810))
    cy = 600 if rule_kind != "red_light" else 470
    two_rows = vehicle_class == "motorbike"
    if two_rows:
        anchor = _motorbike(img, cx, cy, 1.0, colour, helmet=rule_kind != "no_helmet")
    else:
        anchor = _car(img, cx, cy, 1.0, colour, heavy=vehicle_class in ("bus", "truck"))
    tex = _plate_image(plate, two_rows, yellow)
    ph, pw = (70, 95) if two_rows else (34, 145)
    small = cv2.resize(tex, (pw, ph), interpolation=cv2.INTER_AREA)
    px, py = anchor[0] - pw // 2, anchor[1] - ph // 2
    img[py : py + ph, px : px + pw] = small
    pad = 6
    tight = img[py - pad : py + ph + pad, px - pad : px + pw + pad]
    crop: Image = np.asarray(
        cv2.resize(tight, (tight.shape[1] * 3, tight.shape[0] * 3), interpolation=cv2.INTER_CUBIC), np.uint8
    )
    # The vehicle drives away from the camera: its earlier ground points lie below it in the frame.
    ground = cy + 12
    track = [
        ((cx + (5 - k) * (9 if seed % 2 else -9)) / W, (ground + (5 - k) * (H - 60 - ground) / 5) / H) for k in range(6)
    ]
    pts = np.array([[int(x * W), int(y * H)] for x, y in track], np.int32)
    cv2.polylines(img, [pts], False, (0, 230, 255), 3, cv2.LINE_AA)
    for p in pts:
        cv2.circle(img, (int(p[0]), int(p[1])), 6, (0, 230, 255), -1, cv2.LINE_AA)
    cv2.rectangle(img, (px - 4, py - 4), (px + pw + 4, py + ph + 4), (0, 0, 255), 2)
    cv2.rectangle(img, (0, H - 44), (W, H), (0, 0, 0), -1)
    stamp = detected_at.astimezone(VN).strftime("%d/%m/%Y %H:%M:%S")
    info = " ".join(f"{k}={v}" for k, v in measured.items() if isinstance(v, int | float))
    cv2.putText(img, f"{camera_code}  {stamp} (UTC+7)  {rule_kind.upper()}  {info}", (16, H - 14), _FONT, 0.8,
                (255, 255, 255), 2, cv2.LINE_AA)  # fmt: skip
    return Drawn(img, crop, (px, py, pw, ph), track)


def jpeg(image: Image, quality: int = 90) -> bytes:
    ok, buf = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    return bytes(buf.tobytes())
