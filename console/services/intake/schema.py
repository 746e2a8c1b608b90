"""The two request bodies, checked field by field; anything unexpected is refused, never guessed.

A refusal is an :class:`InvalidRequest` carrying the HTTP status and the offending field, so the
calling system can show its user what to fix. No library is needed for two flat objects, and the
checks (plate grammar, fine codes) are the project's own.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from console.services.fine_table import load_table
from inference.plates.grammar import parse_plate

HELP_KINDS = ("accident", "breakdown", "assault", "other")
VEHICLE_CLASSES = ("car", "motorbike", "bus", "truck")
MAX_TEXT = 1000
# A report may come late (the citizen uploads at home) but not from the future or long ago.
MAX_AGE = timedelta(days=7)
CLOCK_SKEW = timedelta(minutes=5)
_PHONE = re.compile(r"\+?[0-9]{8,15}")


class InvalidRequest(ValueError):
    def __init__(self, status: int, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.field = field


@dataclass(frozen=True)
class Report:
    violation: str  # a fine-table code
    rule_kind: str  # the rule that code belongs to, as a camera hit would carry it
    lat: float
    lon: float
    at: datetime
    plate: str | None  # normalised by the plate grammar
    vehicle_class: str | None
    description: str
    photo: bytes  # as sent; images.clean() decides whether it is a photo


@dataclass(frozen=True)
class HelpRequest:
    kind: str
    lat: float
    lon: float
    phone: str | None
    description: str


def reportable_violations() -> dict[str, str]:
    """Fine-table code → rule kind, for what a citizen can show in a photo (no speeds: nothing measured)."""
    return {v.code: v.rule_kinds[0] for v in load_table().violations if v.speed_band is None and v.rule_kinds}


def _fields(body: Any, required: set[str], optional: set[str]) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise InvalidRequest(400, "the body must be a JSON object")
    unknown = sorted(set(body) - required - optional)
    if unknown:
        raise InvalidRequest(422, f"unknown field {unknown[0]!r}", unknown[0])
    for name in sorted(required):
        if body.get(name) is None:
            raise InvalidRequest(422, f"{name!r} is required", name)
    return body


def _number(body: dict[str, Any], name: str, low: float, high: float) -> float:
    value = body[name]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidRequest(422, f"{name!r} must be a number", name)
    try:
        value = float(value)  # an int of 400 digits does not fit: OverflowError, refused below
    except OverflowError:
        value = math.inf
    if not math.isfinite(value):
        raise InvalidRequest(422, f"{name!r} must be a finite number", name)
    if not low <= value <= high:
        raise InvalidRequest(422, f"{name!r} must be between {low:g} and {high:g}", name)
    return float(value)


def _text(body: dict[str, Any], name: str, limit: int = MAX_TEXT) -> str | None:
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidRequest(422, f"{name!r} must be a string", name)
    if len(value) > limit:
        raise InvalidRequest(422, f"{name!r} is longer than {limit} characters", name)
    # Control characters have no business in a note an operator reads (and can spoof a log line).
    return "".join(ch for ch in value if ch.isprintable() or ch == "\n").strip()


def _choice(body: dict[str, Any], name: str, allowed: tuple[str, ...] | list[str]) -> str:
    value = body[name]
    if not isinstance(value, str) or value not in allowed:
        raise InvalidRequest(422, f"{name!r} must be one of {', '.join(allowed)}", name)
    return value


def _time(body: dict[str, Any], now: datetime) -> datetime:
    raw = body["time"]
    try:
        at = datetime.fromisoformat(raw) if isinstance(raw, str) and len(raw) <= 40 else None
    except ValueError:
        at = None
    if at is None or at.tzinfo is None:
        raise InvalidRequest(422, "'time' must be an ISO 8601 time with its offset, e.g. 2026-12-06T08:15:00+07:00",
                             "time")  # fmt: skip
    at = at.astimezone(UTC)
    if at > now + CLOCK_SKEW:
        raise InvalidRequest(422, "'time' is in the future", "time")
    if at < now - MAX_AGE:
        raise InvalidRequest(422, f"'time' is more than {MAX_AGE.days} days ago", "time")
    return at


def parse_report(body: Any, now: datetime) -> Report:
    fields = _fields(body, {"violation", "lat", "lon", "time", "photo"},
                     {"plate", "vehicle_class", "description"})  # fmt: skip
    codes = reportable_violations()
    code = _choice(fields, "violation", sorted(codes))
    lat, lon = _number(fields, "lat", -90, 90), _number(fields, "lon", -180, 180)
    plate: str | None = None
    if fields.get("plate") is not None:
        typed = _text(fields, "plate", 32) or ""
        parsed = parse_plate(typed)
        if parsed is None:
            raise InvalidRequest(422, f"{typed!r} is not a Vietnamese licence plate", "plate")
        plate = parsed.text
    vehicle_class = _choice(fields, "vehicle_class", VEHICLE_CLASSES) if fields.get("vehicle_class") else None
    photo = fields["photo"]
    if not isinstance(photo, str):
        raise InvalidRequest(422, "'photo' must be the image as a base64 string", "photo")
    try:
        data = base64.b64decode(photo, validate=True)
    except (binascii.Error, ValueError):
        raise InvalidRequest(422, "'photo' is not valid base64", "photo") from None
    return Report(code, codes[code], lat, lon, _time(fields, now), plate, vehicle_class,
                  _text(fields, "description") or "", data)  # fmt: skip


def parse_help(body: Any) -> HelpRequest:
    fields = _fields(body, {"kind", "lat", "lon"}, {"phone", "description"})
    kind = _choice(fields, "kind", HELP_KINDS)
    lat, lon = _number(fields, "lat", -90, 90), _number(fields, "lon", -180, 180)
    phone = _text(fields, "phone", 20)
    if phone is not None:
        phone = phone.replace(" ", "")
        if not _PHONE.fullmatch(phone):
            raise InvalidRequest(422, "'phone' must be 8 to 15 digits, optionally after +", "phone")
    return HelpRequest(kind, lat, lon, phone or None, _text(fields, "description") or "")
