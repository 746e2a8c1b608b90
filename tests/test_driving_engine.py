"""The driving-time engine at its thresholds: exactly 15 min of stop, exactly 4 h of driving."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from console.services.driving.engine import APPROACHING, EXCEEDED, DriverClock, DrivingEngine, DrivingFix, LimitAlert
from console.services.driving.rules import RULES_PATH, RulesError, default_rules, load_rules

T0 = 1_780_000_000.0 - (1_780_000_000 % 86400) + 3600 - 7 * 3600  # 01:00 Vietnam time on a calendar day
STEP = 30.0


def run(plan: list[tuple[float, float]], start: float = T0) -> tuple[DriverClock, list[LimitAlert], DrivingEngine]:
    """plan: (seconds, speed km/h) legs; one fix every 30 s, and one at the very end."""
    engine, clock, alerts = DrivingEngine(default_rules()), DriverClock(), []
    t = start
    for seconds, speed in plan:
        end = t + seconds
        while t < end:
            alerts += engine.step(clock, DrivingFix(1, 7, t, 10.8, 106.7, speed))[1]
            t += STEP
    alerts += engine.step(clock, DrivingFix(1, 7, t, 10.8, 106.7, 0.0))[1]
    return clock, alerts, engine


def test_the_rules_file_states_the_law_and_loads() -> None:
    rules = load_rules()
    data = json.loads(RULES_PATH.read_text(encoding="utf-8"))
    assert "36/2024/QH15" in data["legal_source"]["instrument"] and "64" in data["legal_source"]["article"]
    assert (rules.continuous_s, rules.day_s, rules.week_s, rules.rest_min_s) == (4 * 3600, 10 * 3600, 48 * 3600, 900)


@pytest.mark.parametrize(
    ("change", "field"),
    [({"limits": {"continuous_s": 0, "day_s": 1, "week_s": 2}}, "continuous_s"), ({"rest_min_s": "15"}, "rest_min_s")],
)
def test_a_broken_rules_file_is_refused_naming_the_field(tmp_path: Path, change: dict[str, object], field: str) -> None:
    data = json.loads(RULES_PATH.read_text(encoding="utf-8")) | change
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RulesError, match=field):
        load_rules(path)


def test_exactly_four_hours_is_approaching_and_one_fix_more_is_exceeded() -> None:
    clock, alerts, _ = run([(4 * 3600, 60.0)])
    assert clock.continuous_s == 4 * 3600
    assert [(a.limit, a.level) for a in alerts] == [("continuous", APPROACHING)]
    clock, alerts, _ = run([(4 * 3600 + STEP, 60.0)])
    assert [(a.limit, a.level) for a in alerts] == [("continuous", APPROACHING), ("continuous", EXCEEDED)]
    assert alerts[0].at == T0 + 4 * 3600 - 15 * 60  # the warning margin before the limit


def test_a_stop_of_exactly_fifteen_minutes_is_rest_and_restarts_the_count() -> None:
    clock, alerts, _ = run([(3 * 3600, 60.0), (15 * 60, 0.0), (3 * 3600, 60.0)])
    assert clock.continuous_s == 3 * 3600 and alerts == []
    assert clock.day_s == 6 * 3600


def test_a_stop_just_under_fifteen_minutes_does_not_break_continuous_driving() -> None:
    clock, alerts, _ = run([(3 * 3600, 60.0), (15 * 60 - STEP, 0.0), (3 * 3600, 60.0)])
    assert clock.continuous_s == 6 * 3600  # the stop itself is not driving
    assert [(a.limit, a.level) for a in alerts] == [("continuous", APPROACHING), ("continuous", EXCEEDED)]


def test_alerts_are_raised_once_per_stretch_and_again_after_a_rest() -> None:
    _, alerts, _ = run([(5 * 3600, 60.0), (3600, 0.0), (4 * 3600 + STEP, 60.0)])
    levels = [(a.limit, a.level) for a in alerts]
    assert levels.count(("continuous", EXCEEDED)) == 2 and levels.count(("continuous", APPROACHING)) == 2


def test_ten_hours_a_day_counts_driving_only_and_starts_again_at_vietnam_midnight() -> None:
    plan = [(3.5 * 3600, 60.0), (1800, 0.0)] * 3 + [(1.5 * 3600 + STEP, 60.0)]
    clock, alerts, _ = run(plan)
    assert clock.day_s == 12 * 3600 + STEP
    assert ("day", EXCEEDED) in [(a.limit, a.level) for a in alerts]
    # The same driving started at 22:00 is split across two days.
    clock, _, _ = run([(4 * 3600, 60.0)], start=T0 + 21 * 3600)
    assert clock.day_s == 2 * 3600 and clock.continuous_s == 4 * 3600


def test_a_silent_device_is_not_driving_and_position_alone_tells_moving() -> None:
    engine, clock = DrivingEngine(default_rules()), DriverClock()
    engine.step(clock, DrivingFix(1, 7, T0, 10.80, 106.70, 60.0))
    engine.step(clock, DrivingFix(1, 7, T0 + 3600, 10.90, 106.70, 0.0))  # an hour of silence
    assert clock.continuous_s == 0 and clock.stop_s == 3600
    engine.step(clock, DrivingFix(1, 7, T0 + 3630, 10.905, 106.70, None))  # 550 m in 30 s, no speed
    engine.step(clock, DrivingFix(1, 7, T0 + 3660, 10.910, 106.70, None))
    assert clock.continuous_s == 30 and clock.period_kind == "driving"


def test_periods_are_driving_then_rest_from_the_start_of_the_stop() -> None:
    engine, clock = DrivingEngine(default_rules()), DriverClock()
    seen = {}
    t = T0
    for speed, n in ((60.0, 120), (0.0, 40), (60.0, 10)):
        for _ in range(n):
            for p in engine.step(clock, DrivingFix(1, 7, t, 10.8, 106.7, speed))[0]:
                seen[p.start] = p
            t += STEP
    kinds = [(p.kind, p.start - T0, p.end - T0) for p in sorted(seen.values(), key=lambda p: p.start)]
    assert kinds == [("driving", 0, 120 * STEP), ("rest", 120 * STEP, 160 * STEP), ("driving", 160 * STEP, 169 * STEP)]


def test_the_week_starts_on_monday_at_vietnam_midnight() -> None:
    sunday_22h = datetime(2026, 12, 6, 22, tzinfo=timezone(timedelta(hours=7))).timestamp()
    clock, _, _ = run([(4 * 3600, 60.0)], start=sunday_22h)
    assert (clock.week_key, clock.week_s, clock.day_s, clock.continuous_s) == ("2026-W50", 2 * 3600, 2 * 3600, 4 * 3600)
