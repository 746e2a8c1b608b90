"""Where a vehicle is at time t: distance along its path from constant-acceleration segments.

Scripted behaviour (stopping at a red light, pulling onto the shoulder, speeding) is a handful of
segments, so ground-truth speeds and dwell times are exact, not estimated from pixels.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Segment:
    t0: float
    s0: float
    v0: float
    accel: float


@dataclass
class Profile:
    """s(t) along the path; constant speed before the first and after the last segment's end state."""

    segments: list[Segment]
    # Lateral offset (metres, positive = right of travel): (t_start, t_end, from, to), smoothstepped.
    lateral: tuple[float, float, float, float] | None = None
    _starts: list[float] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        self._starts = [s.t0 for s in self.segments]

    def _segment(self, t: float) -> Segment:
        i = max(0, bisect.bisect_right(self._starts, t) - 1)
        return self.segments[i]

    def position(self, t: float) -> float:
        seg = self._segment(t)
        dt = t - seg.t0
        if dt < 0:  # before the first segment: cruise backwards at its initial speed
            return seg.s0 + seg.v0 * dt
        return seg.s0 + seg.v0 * dt + 0.5 * seg.accel * dt * dt

    def speed(self, t: float) -> float:
        seg = self._segment(t)
        dt = max(0.0, t - seg.t0)
        return max(0.0, seg.v0 + seg.accel * dt)

    def offset(self, t: float) -> float:
        if self.lateral is None:
            return 0.0
        ta, tb, a, b = self.lateral
        u = min(1.0, max(0.0, (t - ta) / (tb - ta)))
        return a + (b - a) * u * u * (3 - 2 * u)

    def time_at(self, s: float) -> float:
        """First time the path position reaches ``s`` (the profile never moves backwards)."""
        lo, hi = self.segments[0].t0 - 1000.0, self.segments[-1].t0 + 1000.0
        for _ in range(80):
            mid = (lo + hi) / 2
            if self.position(mid) < s:
                lo = mid
            else:
                hi = mid
        return hi


def cruise(t_ref: float, s_ref: float, v: float) -> Profile:
    """Constant speed ``v`` passing ``s_ref`` at ``t_ref``."""
    return Profile([Segment(t_ref, s_ref, v, 0.0)])


def stop_and_go(
    v: float, s_stop: float, t_stopped: float, t_go: float, decel: float = 2.5, accel: float = 2.0
) -> Profile:
    """Arrive at ``v``, brake to rest at ``s_stop`` by ``t_stopped``, wait, leave at ``t_go`` back up to ``v``."""
    t_brake = t_stopped - v / decel
    s_brake = s_stop - v * v / (2 * decel)
    t_cruise = t_go + v / accel
    s_cruise = s_stop + v * v / (2 * accel)
    return Profile(
        [
            Segment(t_brake, s_brake, v, -decel),
            Segment(t_stopped, s_stop, 0.0, 0.0),
            Segment(t_go, s_stop, 0.0, accel),
            Segment(t_cruise, s_cruise, v, 0.0),
        ]
    )


def kmh(v_ms: float) -> float:
    return v_ms * 3.6


def ms(v_kmh: float) -> float:
    return v_kmh / 3.6


def heading_of(dx: float, dy: float, fallback: float) -> float:
    if math.hypot(dx, dy) < 1e-4:
        return fallback
    return math.atan2(dx, dy)
