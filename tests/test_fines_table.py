"""Fine computation from the Decree 168/2024 table: every violation and class, every speed band edge."""

from __future__ import annotations

import json

import pytest

from console.services.fine_table import TABLE_PATH, FineRuleError, load_table

RAW = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
TABLE = load_table()

# (violation code, vehicle class as detected, route kind, measured) for every entry of the legal file.
CASES = [
    (v["code"], cls, (v.get("route_kinds") or ["city"])[0], p)
    for v in RAW["violations"]
    for cls, p in v["penalties"].items()
]


def _measured(code: str) -> dict[str, float]:
    band = next(v for v in RAW["violations"] if v["code"] == code).get("speed_excess_kmh")
    if band is None:
        return {}
    # A value strictly inside the band.
    excess = band["min"] + 1 if band["max"] is None else (band["min"] + band["max"]) / 2
    return {"speed_kmh": 80 + excess, "limit_kmh": 80}


@pytest.mark.parametrize(("code", "cls", "route_kind", "penalty"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_every_table_entry_is_what_confirming_computes(
    code: str, cls: str, route_kind: str, penalty: dict[str, object]
) -> None:
    rule_kind = next(v for v in RAW["violations"] if v["code"] == code)["rule_kinds"][0]
    fine = TABLE.compute(rule_kind, route_kind, cls, _measured(code))
    assert fine.violation.code == code
    assert (fine.penalty.min_vnd, fine.penalty.max_vnd, fine.penalty.points) == (
        penalty["min_vnd"],
        penalty["max_vnd"],
        penalty["points"],
    )
    assert fine.legal_ref == f"NĐ 168/2024 Đ{penalty['article']}.{penalty['clause']}.{penalty['point']}"


@pytest.mark.parametrize(
    ("excess", "code"),
    [
        (5, "speed_5_10"),
        (9.9, "speed_5_10"),
        (10, "speed_10_20"),
        (20, "speed_10_20"),
        (20.1, "speed_20_35"),
        (35, "speed_20_35"),
        (35.1, "speed_over_35"),
        (80, "speed_over_35"),
    ],
)
def test_speed_over_the_limit_picks_the_band_as_the_decree_words_it(excess: float, code: str) -> None:
    assert (
        TABLE.compute("speed", "expressway", "car", {"speed_kmh": 100 + excess, "limit_kmh": 100}).violation.code
        == code
    )


def test_the_decree_table_values_for_two_known_cases() -> None:
    # Independent of the file's own numbers: DESIGN.md §4 as a reader would check it.
    red = TABLE.compute("red_light", "city", "car", {})
    assert (red.penalty.min_vnd, red.penalty.max_vnd, red.penalty.points, red.legal_ref) == (
        18_000_000, 20_000_000, 4, "NĐ 168/2024 Đ6.9.b",
    )  # fmt: skip
    fast_bike = TABLE.compute("speed", "city", "motorbike", {"speed_kmh": 75, "limit_kmh": 60})
    assert (fast_bike.penalty.min_vnd, fast_bike.penalty.max_vnd, fast_bike.legal_ref) == (
        800_000, 1_000_000, "NĐ 168/2024 Đ7.4.a",
    )  # fmt: skip


def test_buses_and_trucks_are_fined_as_cars_under_article_6() -> None:
    for cls in ("bus", "truck"):
        assert TABLE.compute("red_light", "city", cls, {}).penalty.article == 6


def test_wrong_way_on_an_expressway_is_the_heavier_clause() -> None:
    assert TABLE.compute("wrong_way", "city", "car", {}).violation.code == "wrong_way"
    highway = TABLE.compute("wrong_way", "expressway", "car", {})
    assert (highway.violation.code, highway.penalty.points, highway.penalty.max_vnd) == (
        "expressway_wrong_way", 10, 40_000_000,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("rule", "cls", "measured", "words"),
    [
        ("speed", "car", {"speed_kmh": 104.9, "limit_kmh": 100}, "below the first fined band"),
        ("speed", "car", {}, "needs measured speed_kmh"),
        ("no_helmet", "car", {}, "carries no fine for a car"),
        ("no_stopping", "motorbike", {}, "carries no fine for a motorbike"),
        ("red_light", None, {}, "vehicle class is unknown"),
        ("red_light", "tractor", {}, "not covered"),
        ("crowd", "car", {}, "no entry in the fine table"),
    ],
)
def test_what_cannot_be_fined_says_why(rule: str, cls: str | None, measured: dict[str, float], words: str) -> None:
    with pytest.raises(FineRuleError, match=words):
        TABLE.compute(rule, "expressway", cls, measured)
