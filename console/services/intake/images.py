"""A citizen's photo: sniffed, size-checked before decoding, decoded, and stored only re-encoded.

A file is accepted only if its first bytes say JPEG or PNG *and* OpenCV decodes it. What is kept is
a fresh JPEG made from the decoded pixels: bytes appended after the image, a polyglot's second
format, EXIF (the phone's GPS, its owner's name) are all left behind, so the evidence store never
holds anything a viewer or another program could run.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

import cv2
import numpy as np

JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
STORE_QUALITY = 90


class ImageRefused(ValueError):
    """The photo is refused; ``status`` is the HTTP status the intake answers with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class CleanImage:
    jpeg: bytes
    width: int
    height: int
    source_format: str  # jpeg | png


def sniff(data: bytes) -> str | None:
    if data.startswith(JPEG_MAGIC):
        return "jpeg"
    if data.startswith(PNG_MAGIC):
        return "png"
    return None


def _png_size(data: bytes) -> tuple[int, int] | None:
    # IHDR is always the first chunk: length, "IHDR", width, height (big-endian).
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from the first start-of-frame marker, without decoding anything."""
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            i += 2
            continue
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            if i + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return int(width), int(height)
        i += 2 + length
    return None


def clean(data: bytes, max_bytes: int, max_pixels: int, max_side: int) -> CleanImage:
    if len(data) > max_bytes:
        raise ImageRefused(413, f"the photo is {len(data):,} bytes; at most {max_bytes:,} are accepted")
    kind = sniff(data)
    if kind is None:
        raise ImageRefused(415, "the photo must be a JPEG or PNG image")
    size = _png_size(data) if kind == "png" else _jpeg_size(data)
    if size is None:
        raise ImageRefused(422, f"the photo is not a readable {kind.upper()} image")
    if size[0] * size[1] > max_pixels:
        raise ImageRefused(413, f"the photo is {size[0]}x{size[1]} pixels; at most {max_pixels:,} pixels are accepted")
    image = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), cv2.IMREAD_COLOR)
    if image is None or image.size == 0:
        raise ImageRefused(422, f"the photo is not a readable {kind.upper()} image")
    h, w = image.shape[:2]
    scale = max_side / max(h, w)
    if scale < 1:
        image = cv2.resize(image, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
        h, w = image.shape[:2]
    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, STORE_QUALITY])
    if not ok:
        raise ImageRefused(422, "the photo could not be re-encoded")
    return CleanImage(bytes(encoded.tobytes()), int(w), int(h), kind)
