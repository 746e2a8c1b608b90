"""Vietnamese licence-plate grammar: what a plate can be, how to spell it, how to repair OCR.

Formats follow Circular 79/2024/TT-BCA (amended by 13/2025 and 51/2025); the province codes and
series letters are data in resources/legal/plate_codes.json because the law changes.

OCR confuses look-alike characters (S/5, G/6, B/8, D/0, Z/2, O/0, I/1, and L/4 in the plate font).
Each template knows which positions hold digits and which hold letters, so a confusion is repaired only where the other
reading is impossible; text that fits no template is unreadable and never forced into a plate.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

CODES_FILE = Path(__file__).resolve().parents[2] / "resources" / "legal" / "plate_codes.json"

# A letter read where a digit must stand, and a digit read where a letter must stand.
DIGIT_FOR = {"O": "0", "D": "0", "Q": "0", "I": "1", "Z": "2", "S": "5", "G": "6", "B": "8", "L": "4"}
LETTER_FOR = {"0": "D", "2": "Z", "5": "S", "6": "G", "8": "B"}
# For fuzzy matching every member of a confusion class compares equal.
_COLLAPSE = str.maketrans({"O": "0", "D": "0", "Q": "0", "I": "1", "Z": "2", "S": "5", "G": "6", "B": "8", "L": "4"})

Kind = Literal["car", "motorbike", "diplomatic", "military"]
Match = Literal["exact", "confusable"]


@dataclass(frozen=True)
class Plate:
    text: str  # normalised display form, the one stored in the database
    key: str  # letters and digits only, for indexes and search
    province: str
    province_name: str
    series: str
    number: str
    rows: int
    kind: Kind


@dataclass(frozen=True)
class PlateResult:
    raw: str
    plate: Plate | None  # None: unreadable
    repaired: bool = False


@dataclass(frozen=True)
class _Template:
    name: str
    # d digit, l civil series letter, a any letter, f a foreign-series pair (NG, QT, NN, CV);
    # groups split by spaces, "." marks where a separator may also stand inside a group.
    pattern: str
    rows: int
    kind: Kind


# Order matters only for ties: the current 5-digit forms come before the older 4-digit ones.
TEMPLATES = (
    _Template("car", "dd l ddd.dd", 1, "car"),
    _Template("car2", "dd ll ddd.dd", 1, "car"),
    _Template("moto", "dd ld ddd.dd", 2, "motorbike"),
    _Template("moto2", "dd lld ddd.dd", 2, "motorbike"),
    _Template("moped", "dd ll ddd.dd", 2, "motorbike"),
    # Square car plates carry the same number in two rows ("30A" over "261.44"): the same vehicle and the
    # same normalised text as the long plate, only the layout differs.
    _Template("car_square", "dd l ddd.dd", 2, "car"),
    _Template("car_old", "dd l dddd", 1, "car"),
    _Template("car_old_square", "dd l dddd", 2, "car"),
    _Template("car2_old", "dd ll dddd", 1, "car"),
    _Template("moto_old", "dd ld dddd", 2, "motorbike"),
    _Template("moped_old", "dd ll dddd", 2, "motorbike"),
    _Template("diplomatic", "dd ddd ff dd", 1, "diplomatic"),
    _Template("military", "aa dd.dd", 1, "military"),
)


@cache
def _codes() -> dict[str, object]:
    data: dict[str, object] = json.loads(CODES_FILE.read_text(encoding="utf-8"))
    return data


def _provinces() -> dict[str, dict[str, str]]:
    provinces = _codes()["provinces"]
    assert isinstance(provinces, dict)
    return provinces


def civil_letters() -> str:
    return str(_codes()["civil_series_letters"])


def plate_key(text: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", text.upper())


def _fit(template: _Template, key: str, repair: bool) -> tuple[str, int] | None:
    """The key rewritten to fit the template, and how many characters had to be repaired."""
    slots = template.pattern.replace(" ", "").replace(".", "")
    if len(slots) != len(key):
        return None
    civil = civil_letters()
    out, repairs = [], 0
    for slot, ch in zip(slots, key, strict=True):
        if slot == "d":
            if not ch.isdigit():
                if not repair or ch not in DIGIT_FOR:
                    return None
                ch, repairs = DIGIT_FOR[ch], repairs + 1
        else:
            if ch.isdigit():
                if not repair or ch not in LETTER_FOR:
                    return None
                ch, repairs = LETTER_FOR[ch], repairs + 1
            if slot == "l" and ch not in civil:
                return None
        out.append(ch)
    return "".join(out), repairs


def _build(template: _Template, key: str) -> Plate | None:
    groups, i = [], 0
    for part in template.pattern.replace(".", "").split(" "):
        groups.append(key[i : i + len(part)])
        i += len(part)
    if template.kind == "military":
        series, number = groups
        return Plate(f"{series}-{number[:2]}-{number[2:]}", key, "", "", series, number, 1, "military")
    province = groups[0]
    info = _provinces().get(province)
    if info is None:
        return None
    name = info["province"]
    if template.kind == "diplomatic":
        _, country, series, order = groups
        foreign = _codes()["foreign_series"]
        assert isinstance(foreign, list)
        if series not in foreign:
            return None
        return Plate(f"{province}-{country}-{series}-{order}", key, province, name, series, country + order, 1,
                     "diplomatic")  # fmt: skip
    series, number = groups[1], groups[2]
    if number.strip("0") == "":
        return None  # serial 000.00 is never issued
    digits = f"{number[:3]}.{number[3:]}" if len(number) == 5 else number
    text = f"{province}-{series} {digits}" if template.kind == "motorbike" else f"{province}{series}-{digits}"
    return Plate(text, key, province, name, series, number, template.rows, template.kind)


def _breaks(raw: str) -> set[int]:
    """Where the writer put separators, as positions in the key: "30A-123.45" → {3, 6}."""
    breaks, count = set(), 0
    for ch in raw.upper():
        if ch.isalnum():
            count += 1
        elif count:
            breaks.add(count)
    return breaks


def _allowed_breaks(template: _Template) -> set[int]:
    allowed, pos = set(), 0
    for part in template.pattern.split(" "):
        for inner in part.split(".")[:-1]:
            allowed.add(pos + len(inner))
        pos += len(part.replace(".", ""))
        allowed.add(pos)
    return allowed


def _candidates(raw: str, rows: int | None, repair: bool) -> list[tuple[int, int, Plate]]:
    key = plate_key(raw)
    breaks = _breaks(raw) - {len(key)}
    found = []
    for order, template in enumerate(TEMPLATES):
        if rows is not None and template.rows != rows and template.kind in ("car", "motorbike"):
            continue
        # Separators carry meaning: "54-T1 5417" is a motorbike plate, not the car 54T-154.17.
        if not breaks <= _allowed_breaks(template):
            continue
        fitted = _fit(template, key, repair)
        if fitted is None:
            continue
        plate = _build(template, fitted[0])
        if plate is not None:
            found.append((fitted[1], order, plate))
    return sorted(found, key=lambda c: (c[0], c[1]))


def parse_plate(text: str, rows: int | None = None) -> Plate | None:
    """A plate written correctly in any spelling; None when the text cannot be a plate."""
    if not text or len(text) > 24:
        return None
    found = _candidates(text, rows, repair=False)
    return found[0][2] if found else None


def read_plate(raw: str, rows: int | None = None) -> PlateResult:
    """OCR text to a plate, repairing look-alike characters only where the grammar demands it.

    When two different plates need the same (least) number of repairs the text is ambiguous and
    reported unreadable: an operator decides, not a guess.
    """
    if not raw or len(raw) > 24:
        return PlateResult(raw, None)
    found = _candidates(raw, rows, repair=True)
    if not found:
        return PlateResult(raw, None)
    best_repairs = found[0][0]
    best = [p for r, _, p in found if r == best_repairs]
    if best_repairs > 0 and len({p.key for p in best}) > 1:
        return PlateResult(raw, None)
    return PlateResult(raw, best[0], repaired=best_repairs > 0)


def plates_match(read: str, listed: str) -> Match | None:
    """How a read plate relates to a listed one (hotlist): the same, or the same up to OCR confusions."""
    a, b = plate_key(read), plate_key(listed)
    if not a or not b:
        return None
    if a == b:
        return "exact"
    if a.translate(_COLLAPSE) == b.translate(_COLLAPSE):
        return "confusable"
    return None


def province_2025(code: str) -> str | None:
    """The province a plate code belongs to since the 2025-07-01 merger."""
    info = _provinces().get(code)
    return info["province_2025"] if info else None
