"""Reading a plate row under the plate grammar: the most likely text the recogniser's scores allow.

Greedy CTC decoding takes the likeliest character at every step and asks the grammar afterwards. On real
plates that loses reads the scores still hold: a border read as a trailing "1" ("51G-443.131"), a faint
digit dropped ("4-L1" for "49-L1"), a letter read as the digit it resembles where the grammar wants a
letter ("59-12" for "59-V2"). Here every template row is decoded with a Viterbi pass over the CTC lattice
in which each slot may only hold its class (digit, series letter) and separators are optional, so the best
path that *is* a plate is found, and its cost (how much less likely than the unconstrained best path) says
how far the model's own reading had to be bent. Only cheap bends are accepted: text that is no plate at
all (a shop sign, a lone top row) costs far more than a glyph or two and stays unread.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from inference.ocr import TextLine
from inference.plates.grammar import TEMPLATES, civil_letters

NEG = -1e9
DIGITS = "0123456789"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
SEPARATORS = "-."


@dataclass(frozen=True)
class RowFit:
    text: str
    cost: float  # nats below the unconstrained best path (>= 0)


def row_patterns(rows: int) -> list[tuple[str, ...]]:
    """The car and motorbike templates of that layout, as one class string per row ("s": separator slot)."""
    out: list[tuple[str, ...]] = []
    for template in TEMPLATES:
        if template.rows != rows or template.kind not in ("car", "motorbike"):
            continue
        groups = template.pattern.split(" ")
        parts = [" ".join(groups[:2]), groups[2]] if rows == 2 else [template.pattern]
        # Every gap between groups, and a "." inside one, may hold a separator the OCR may or may not see.
        row = tuple(p.replace(" ", "s").replace(".", "s") for p in parts)
        if row not in out:
            out.append(row)
    return out


@cache
def _slots(pattern: str, chars: str) -> tuple[np.ndarray, np.ndarray]:
    """Per slot, which columns (0 = blank, then ``chars``) it may emit, and whether it may be skipped."""
    classes = {"d": DIGITS, "l": civil_letters(), "a": LETTERS, "s": SEPARATORS}
    mask = np.zeros((len(pattern), len(chars) + 1), bool)
    for i, slot in enumerate(pattern):
        for ch in classes[slot]:
            if ch in chars:
                mask[i, chars.index(ch) + 1] = True
    optional = np.array([slot == "s" for slot in pattern])
    mask.setflags(write=False)
    optional.setflags(write=False)
    return mask, optional


def _excluding_own(S: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each slot row and column c: the best score over other columns c' != c, and which c' it is.

    CTC needs a blank between two equal characters, so a slot entered straight from the previous one
    must hold a different character.
    """
    n, k = S.shape
    rows = np.arange(n)
    a1 = S.argmax(1)
    m1 = S[rows, a1]
    S2 = S.copy()
    S2[rows, a1] = NEG
    a2 = S2.argmax(1)
    m2 = S2[rows, a2]
    own = np.arange(k)[None, :] == a1[:, None]
    return np.where(own, m2[:, None], m1[:, None]), np.where(own, a2[:, None], a1[:, None])


def fit_row(logp: np.ndarray, pattern: str, chars: str) -> RowFit | None:
    """The best path through ``logp`` (T × (1 + len(chars)) log-probabilities, column 0 the blank) that spells
    ``pattern``; None when no path can (too few steps)."""
    mask, optional = _slots(pattern, chars)
    n, k = mask.shape
    steps = logp.shape[0]
    if steps == 0 or n == 0:
        return None
    allowed = np.where(mask, 0.0, NEG)
    # blank[i]: in the blank before slot i (blank[n]: after the last); slot[i, c]: slot i holds column c.
    blank = np.full(n + 1, NEG)
    blank[0] = 0.0
    slot = np.full((n, k), NEG)
    skip = np.concatenate([[False], optional[:-1]])  # slot i may be entered over an optional slot i-1
    slot_src = np.zeros((steps, n, k), np.int8)
    slot_char = np.zeros((steps, n, k), np.int16)
    blank_src = np.zeros((steps, n + 1), np.int8)
    blank_char = np.zeros((steps, n + 1), np.int16)
    for t in range(steps):
        prev1, prev1_c = np.full((n, k), NEG), np.zeros((n, k), np.int64)
        prev2, prev2_c = np.full((n, k), NEG), np.zeros((n, k), np.int64)
        excl, excl_c = _excluding_own(slot)
        prev1[1:], prev1_c[1:] = excl[:-1], excl_c[:-1]
        prev2[2:], prev2_c[2:] = excl[:-2], excl_c[:-2]
        over_blank = np.full((n, 1), NEG)
        over_blank[1:, 0] = blank[: n - 1]
        cands = np.stack([
            slot,
            np.broadcast_to(blank[:n, None], (n, k)),
            prev1,
            np.where(skip[:, None], over_blank, NEG).repeat(k, 1),
            np.where(skip[:, None], prev2, NEG),
        ])  # fmt: skip
        src = cands.argmax(0)
        slot_src[t] = src
        slot_char[t] = np.where(src == 2, prev1_c, prev2_c)
        best_slot = slot.max(1)
        b_cands = np.stack([
            blank,
            np.concatenate([[NEG], best_slot]),
            np.concatenate([[NEG], np.where(optional, blank[:n], NEG)]),
        ])  # fmt: skip
        blank_src[t] = b_cands.argmax(0)
        blank_char[t, 1:] = slot.argmax(1)
        new_slot = cands.max(0) + logp[t][None, :] + allowed
        blank = b_cands.max(0) + logp[t, 0]
        slot = np.maximum(new_slot, NEG)
    ends: list[tuple[float, tuple[str, int, int]]] = [
        (float(blank[n]), ("b", n, 0)),
        (float(slot[n - 1].max()), ("s", n - 1, int(slot[n - 1].argmax()))),
    ]
    score, state = max(ends, key=lambda e: e[0])
    if score <= NEG / 2:
        return None
    emitted: list[tuple[int, int]] = []
    kind, i, c = state
    for t in range(steps - 1, -1, -1):
        if kind == "s":
            src = int(slot_src[t, i, c])
            if src != 0:
                emitted.append((i, c))
            if src == 1:
                kind = "b"
            elif src == 2:
                kind, i, c = "s", i - 1, int(slot_char[t, i, c])
            elif src == 3:
                kind, i = "b", i - 1
            elif src == 4:
                kind, i, c = "s", i - 2, int(slot_char[t, i, c])
        else:
            src = int(blank_src[t, i])
            if src == 1:
                kind, i, c = "s", i - 1, int(blank_char[t, i])
            elif src == 2:
                i -= 1
    text = "".join(chars[c - 1] for _i, c in sorted(emitted))
    greedy = float(logp.max(1).sum())
    return RowFit(text, max(0.0, greedy - score))


def fit_plate(lines: list[TextLine], chars: str, max_cost: float) -> list[RowFit]:
    """Every template of the rows' layout spelled through the rows' scores, cheapest first, up to ``max_cost``.

    The text joins the rows with a space, the form the grammar reads ("59-V2 150.23").
    """
    if not lines or any(line.logp is None for line in lines):
        return []
    rows: dict[tuple[int, str], RowFit | None] = {}
    fits: list[RowFit] = []
    for pattern in row_patterns(len(lines)):
        parts: list[RowFit] = []
        for r, (line, row) in enumerate(zip(lines, pattern, strict=True)):
            if (r, row) not in rows:
                assert line.logp is not None
                rows[r, row] = fit_row(line.logp, row, chars)
            part = rows[r, row]
            if part is None:
                break
            parts.append(part)
        else:
            cost = sum(p.cost for p in parts)
            if cost <= max_cost:
                fits.append(RowFit(" ".join(p.text for p in parts), cost))
    return sorted(fits, key=lambda f: f.cost)
