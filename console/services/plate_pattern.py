"""What an operator typed into a plate trace: one plate, or a pattern with wildcards.

``*`` stands for any run of characters and ``?`` for one ("30A-12?.??", "51F*"). Patterns are
matched against the plate key (letters and digits only), so separators in the query do not
matter. Only the characters before the first wildcard narrow the index (docs/plate_trace.md):
"51F*" reads a small range of the index, "*12345" reads all of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from inference.plates.grammar import TEMPLATES, parse_plate

MIN_LITERALS = 3  # fewer fixed characters match a good part of the country
_SEPARATORS = re.compile(r"[\s.\-]")


class PlateQueryError(ValueError):
    """The text is neither a plate nor a usable pattern; the message says why and shows an example.

    ``code`` names the reason so that the console can say it in the operator's language.
    """

    def __init__(self, code: str, typed: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.typed = typed


@dataclass(frozen=True)
class PlateQuery:
    text: str  # as typed
    key: str | None  # an exact plate's key
    plate: str | None  # an exact plate's display form
    like: str | None  # a pattern's SQL LIKE over keys ("30A12___", "51F%")
    prefix: str  # the fixed characters before the first wildcard: what the index can use

    @property
    def exact(self) -> bool:
        return self.key is not None


def _shapes() -> set[str]:
    """Each template as digit/letter classes: "car" is "ddLddddd"."""
    out = set()
    for t in TEMPLATES:
        slots = t.pattern.replace(" ", "").replace(".", "")
        out.add("".join("d" if c == "d" else "L" for c in slots))
    return out


def _fits_some_plate(body: str) -> bool:
    parts = []
    for ch in body:
        if ch == "*":
            parts.append(".*")
        elif ch == "?":
            parts.append(".")
        else:
            parts.append("d" if ch.isdigit() else "L")
    regex = re.compile("".join(parts))
    return any(regex.fullmatch(shape) for shape in _shapes())


def parse_query(text: str) -> PlateQuery:
    typed = text.strip()
    if not typed:
        raise PlateQueryError("empty", typed, "type a plate (30A-123.45) or a pattern with * or ? (51F*, 30A-12?.??)")
    if "*" not in typed and "?" not in typed:
        plate = parse_plate(typed)
        if plate is None:
            raise PlateQueryError(
                "not_plate",
                typed,
                f"«{typed}» is not a Vietnamese plate such as 30A-123.45; for part of a plate use * or ? (30A-123*)",
            )
        return PlateQuery(typed, plate.key, plate.text, None, plate.key)
    body = _SEPARATORS.sub("", typed).upper()
    bad = sorted({c for c in body if not (c.isascii() and c.isalnum()) and c not in "*?"})
    if bad:
        raise PlateQueryError(
            "bad_chars", typed, f"«{typed}»: a plate pattern has only letters, digits, * and ?, not {' '.join(bad)}"
        )
    body = re.sub(r"\*+", "*", body)
    if len(body.replace("*", "").replace("?", "")) < MIN_LITERALS:
        raise PlateQueryError(
            "too_short", typed, f"«{typed}»: give at least {MIN_LITERALS} letters or digits of the plate"
        )
    if not _fits_some_plate(body):
        raise PlateQueryError(
            "no_shape", typed, f"«{typed}» cannot match any Vietnamese plate (e.g. 30A-12?.?? or 51F*)"
        )
    prefix = re.split(r"[*?]", body, maxsplit=1)[0]
    return PlateQuery(typed, None, None, body.replace("*", "%").replace("?", "_"), prefix)
