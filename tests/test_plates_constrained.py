"""Reading under the plate grammar (inference/plates/constrained.py) on hand-made CTC score lattices."""

from __future__ import annotations

import numpy as np
import pytest

from inference.ocr import PLATE_ALPHABET, TextLine
from inference.plates.constrained import fit_plate, fit_row, row_patterns
from inference.plates.grammar import read_plate
from inference.plates.reader import MAX_BEND


def lattice(steps: list[dict[str, float]]) -> np.ndarray:
    """Log-probabilities, T × (blank + alphabet): each step's named characters, the rest of the mass on blank."""
    probs = np.full((len(steps), len(PLATE_ALPHABET) + 1), 1e-6)
    for t, step in enumerate(steps):
        for ch, p in step.items():
            probs[t, PLATE_ALPHABET.index(ch) + 1] = p
        probs[t, 0] = max(1e-6, 1.0 - sum(step.values()))
    logp: np.ndarray = np.log(probs)
    return logp


def spelled(text: str, p: float = 0.95) -> list[dict[str, float]]:
    """A confident reading of ``text``: each glyph on one step, a blank step between glyphs."""
    steps: list[dict[str, float]] = []
    for ch in text:
        steps += [{ch: p}, {}]
    return steps


def line(steps: list[dict[str, float]]) -> TextLine:
    return TextLine("", 0.9, lattice(steps))


def test_the_templates_become_row_patterns_with_optional_separators() -> None:
    assert ("ddslsdddsdd",) in row_patterns(1)  # 51G-443.13: province, series, number
    assert ("ddsld", "dddsdd") in row_patterns(2)  # 59-V2 / 150.23
    assert all(len(p) == 2 for p in row_patterns(2))


def test_a_confident_plate_is_spelled_as_read_at_no_cost() -> None:
    fit = fit_row(lattice(spelled("51G-443.13")), "ddslsdddsdd", PLATE_ALPHABET)
    assert fit is not None
    assert fit.text == "51G-443.13" and fit.cost == pytest.approx(0.0, abs=1e-6)


def test_equal_neighbours_need_a_blank_between_them() -> None:
    # "111.11": on a lattice with one step per glyph and a blank between, every 1 is its own glyph.
    fit = fit_row(lattice(spelled("111.11")), "dddsdd", PLATE_ALPHABET)
    assert fit is not None and fit.text == "111.11"
    # Two steps of "1" with no blank between are one glyph under CTC: "11.11" cannot spell five digits.
    merged = [{"1": 0.95}, {"1": 0.95}, {}, {"1": 0.95}, {}, {".": 0.9}, {}, {"1": 0.95}, {}, {"1": 0.95}, {}]
    fit = fit_row(lattice(merged), "dddsdd", PLATE_ALPHABET)
    assert fit is not None and fit.cost > 1.0  # one of the repeats had to become its own glyph


def test_a_border_read_as_a_trailing_1_is_dropped_cheaply() -> None:
    steps = [*spelled("51G-443.13"), {"1": 0.6}, {}]
    fits = fit_plate([line(steps)], PLATE_ALPHABET, MAX_BEND)
    assert fits and fits[0].text == "51G-443.13"
    assert 0.0 < fits[0].cost < 2.0
    assert read_plate("51G-443.131", rows=1).plate is None  # the greedy text the reader had before


def test_a_digit_read_where_the_series_letter_stands_becomes_the_likeliest_letter() -> None:
    top = [*spelled("59-"), {"1": 0.55, "V": 0.35}, {}, *spelled("2")]
    bottom = spelled("042.12")
    fits = fit_plate([line(top), line(bottom)], PLATE_ALPHABET, MAX_BEND)
    assert fits and fits[0].text == "59-V2 042.12"
    plate = read_plate(fits[0].text, rows=2).plate
    assert plate is not None and plate.key == "59V204212"


def test_text_that_is_no_plate_stays_unread() -> None:
    sign = spelled("PHOBO-HANOI")
    assert fit_plate([line(sign)], PLATE_ALPHABET, MAX_BEND) == []
    # A lone top row of a two-row plate is no one-row plate either: five glyphs would have to be invented.
    assert fit_plate([line(spelled("59-V2"))], PLATE_ALPHABET, MAX_BEND) == []


def test_a_line_without_scores_is_not_bent() -> None:
    assert fit_plate([TextLine("51G-443.13", 0.9)], PLATE_ALPHABET, MAX_BEND) == []
