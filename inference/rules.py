"""Behaviour rules over tracks, configured per camera as geometry in normalised image coordinates.

The rule dicts have the shape of ``camera_rules`` rows (and of the scene generator's ground truth):
``{"kind", "name", "geometry", "params"}``. Kinds: red_light, wrong_way, speed, no_stopping, lane, crowd.
A lane rule with ``check_direction`` also reports wrong-way driving. Each rule fires at most once per
track (crowd: once per episode), so a violation becomes one candidate, not one per frame.
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np

from inference.tracker import Track

Point = tuple[float, float]
KINDS = ("red_light", "wrong_way", "speed", "no_stopping", "lane", "crowd")
VEHICLES = ["car", "motorbike", "bus", "truck"]


class RuleError(ValueError):
    """A rule whose geometry or parameters cannot work; the message names the rule and the field."""


@dataclass(frozen=True)
class Hit:
    kind: str
    rule: str
    track_id: int | None
    t: float
    measured: dict[str, Any]


def _points(rule: dict[str, Any], key: str, count: int | None = None, minimum: int = 0) -> list[Point]:
    name = rule.get("name") or rule.get("kind")
    raw = (rule.get("geometry") or {}).get(key)
    try:
        pts = [(float(p[0]), float(p[1])) for p in raw or []]
    except (TypeError, ValueError, IndexError, KeyError):
        raise RuleError(f"rule {name!r}: geometry.{key} must be a list of [x, y] points") from None
    if count is not None and len(pts) != count:
        raise RuleError(f"rule {name!r}: geometry.{key} needs exactly {count} points, has {len(pts)}")
    if len(pts) < minimum:
        raise RuleError(f"rule {name!r}: geometry.{key} needs at least {minimum} points, has {len(pts)}")
    if any(not (-0.5 <= c <= 1.5) for p in pts for c in p):
        raise RuleError(f"rule {name!r}: geometry.{key} is not in normalised image coordinates (0..1)")
    return pts


def _side(a: Point, b: Point, p: Point) -> float:
    return (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])


def crossing(line: Sequence[Point], p0: Point, p1: Point) -> float | None:
    """Fraction along p0→p1 where the path crosses the line segment, or None."""
    a, b = line
    s0, s1 = _side(a, b, p0), _side(a, b, p1)
    if s0 * s1 > 0 or s0 == s1:
        return None
    f = s0 / (s0 - s1)
    # The crossing point must lie on the drawn segment, not on its infinite extension.
    q0, q1 = _side(p0, p1, a), _side(p0, p1, b)
    if (q0 > 0 and q1 > 0) or (q0 < 0 and q1 < 0):
        return None
    return f


def inside(poly: Sequence[Point], p: Point) -> bool:
    contour = np.asarray(poly, np.float32).reshape(-1, 1, 2)
    return cv2.pointPolygonTest(contour, (float(p[0]), float(p[1])), False) >= 0


def _heading(track: Track, window: float) -> tuple[float, float, float] | None:
    """Displacement (dx, dy) over the last ``window`` seconds and its duration, or None when too short."""
    hist = track.history
    if len(hist) < 2:
        return None
    t1, x1, y1 = hist[-1]
    for t0, x0, y0 in reversed(hist):
        if t1 - t0 >= window:
            return x1 - x0, y1 - y0, t1 - t0
    return None


def _angle(v: Point, w: Point) -> float:
    nv, nw = math.hypot(*v), math.hypot(*w)
    if nv == 0 or nw == 0:
        return 0.0
    c = max(-1.0, min(1.0, (v[0] * w[0] + v[1] * w[1]) / (nv * nw)))
    return math.degrees(math.acos(c))


@dataclass
class Rule:
    spec: dict[str, Any]
    fired: set[int] = field(default_factory=set)

    @property
    def name(self) -> str:
        return str(self.spec.get("name") or self.spec["kind"])

    @property
    def params(self) -> dict[str, Any]:
        return dict(self.spec.get("params") or {})

    def classes(self, default: list[str]) -> set[str]:
        return set(self.params.get("classes", default))

    def check(self, tracks: list[Track], t: float, frame: np.ndarray | None) -> list[Hit]:
        raise NotImplementedError

    def once(self, track: Track, kind: str, t: float, measured: dict[str, Any]) -> list[Hit]:
        if track.id in self.fired:
            return []
        self.fired.add(track.id)
        return [Hit(kind, self.name, track.id, t, measured)]


def _last_step(track: Track) -> tuple[tuple[float, float, float], tuple[float, float, float]] | None:
    if len(track.history) < 2:
        return None
    return track.history[-2], track.history[-1]


def signal_from_pixels(frame: np.ndarray, roi: Sequence[Point]) -> str:
    """Which lamp of a signal head is lit: bright, saturated pixels in the ROI vote by hue."""
    h, w = frame.shape[:2]
    xs, ys = [p[0] * w for p in roi], [p[1] * h for p in roi]
    x0, x1 = max(0, int(min(xs))), min(w, math.ceil(max(xs)))
    y0, y1 = max(0, int(min(ys))), min(h, math.ceil(max(ys)))
    if x1 - x0 < 2 or y1 - y0 < 2:
        return "unknown"
    hsv = cv2.cvtColor(frame[y0:y1, x0:x1], cv2.COLOR_BGR2HSV).reshape(-1, 3)
    lit = hsv[(hsv[:, 2] > 150) & (hsv[:, 1] > 90)]
    if len(lit) < 4:
        return "unknown"
    hue = lit[:, 0]
    votes = {
        "red": int(((hue < 10) | (hue > 165)).sum()),
        "yellow": int(((hue >= 12) & (hue <= 35)).sum()),
        "green": int(((hue >= 40) & (hue <= 95)).sum()),
    }
    best = max(votes, key=lambda k: votes[k])
    return best if votes[best] >= 4 else "unknown"


class RedLight(Rule):
    def __init__(self, spec: dict[str, Any]) -> None:
        super().__init__(spec)
        self.line = _points(spec, "stop_line", 2)
        geometry = spec.get("geometry") or {}
        self.roi = _points(spec, "signal_roi", minimum=3) if "signal_roi" in geometry else None
        self.direction = _points(spec, "direction", 2) if "direction" in geometry else None
        params = self.params
        self.grace = float(params.get("red_grace_s", 0.0))
        self.cycle = float(params.get("cycle_s", 0.0))
        self.phases = [(str(p["state"]), float(p["start_s"]), float(p["end_s"])) for p in params.get("phases", [])]
        if self.roi is None and not self.phases and not params.get("feed"):
            raise RuleError(f"rule {self.name!r}: needs geometry.signal_roi, params.phases or params.feed = true")
        self.feed: str | None = None  # set by an external phase feed; wins over pixels and schedule
        self.state = "unknown"
        self.red_since: float | None = None
        # Crossings on red waiting for a second position past the line: track id -> (time of crossing,
        # red_for_s then, which side of the line is "past").
        self.pending: dict[int, tuple[float, float, float]] = {}
        self.confirm_s = float(params.get("confirm_s", 2.0))

    def _schedule(self, t: float) -> str:
        tc = t % self.cycle if self.cycle > 0 else t
        for state, start, end in self.phases:
            if start <= tc < end:
                return state
        return "unknown"

    def observe(self, t: float, frame: np.ndarray | None) -> str:
        if self.feed is not None:
            state = self.feed
        elif self.roi is not None and frame is not None:
            state = signal_from_pixels(frame, self.roi)
            if state == "unknown" and self.phases:
                state = self._schedule(t)
        else:
            state = self._schedule(t)
        if state == "red" and self.state != "red":
            self.red_since = t
        self.state = state
        return state

    def check(self, tracks: list[Track], t: float, frame: np.ndarray | None) -> list[Hit]:
        state = self.observe(t, frame)
        red = state == "red" and self.red_since is not None and t - self.red_since >= self.grace
        for trk in tracks if red else []:
            step = _last_step(trk)
            if step is None or trk.label not in self.classes(VEHICLES) or trk.id in self.fired:
                continue
            (_, x0, y0), (t1, x1, y1) = step
            if crossing(self.line, (x0, y0), (x1, y1)) is None:
                continue
            if self.direction is not None:
                d = (self.direction[1][0] - self.direction[0][0], self.direction[1][1] - self.direction[0][1])
                if (x1 - x0) * d[0] + (y1 - y0) * d[1] <= 0:
                    continue
            # The side moved towards; a ground point that lands exactly on the line (side 0) still knows it.
            a, b = self.line
            past = 1.0 if _side(a, b, (x1, y1)) > _side(a, b, (x0, y0)) else -1.0
            assert self.red_since is not None
            self.pending.setdefault(trk.id, (t1, round(t - self.red_since, 2), past))
        return self._confirm(tracks, t)

    def _confirm(self, tracks: list[Track], t: float) -> list[Hit]:
        """Like the second photo of a red-light camera: a crossing counts once the vehicle is seen well past
        the line (a quarter of its height). A box that only grazes the line — a queued vehicle half hidden by
        cross traffic, its box bottom cut short — does not run the red light."""
        hits: list[Hit] = []
        by_id = {trk.id: trk for trk in tracks}
        for track_id, (t_cross, red_for, past) in list(self.pending.items()):
            trk = by_id.get(track_id)
            if trk is None:
                if t - t_cross > self.confirm_s:
                    del self.pending[track_id]
                continue
            a, b = self.line
            length = math.hypot(b[0] - a[0], b[1] - a[1]) or 1.0
            beyond = past * _side(a, b, trk.ground_point) / length
            if beyond < 0:
                del self.pending[track_id]  # back behind the line: wobble, not a crossing
            elif beyond >= 0.25 * (trk.box[3] - trk.box[1]) / trk.frame_size[1]:
                del self.pending[track_id]
                hits += self.once(trk, "red_light", t_cross, {"signal": "red", "red_for_s": red_for})
            elif t - t_cross > self.confirm_s:
                del self.pending[track_id]
        return hits


MIN_JUDGED_PX = 40
# Sightings further apart than this cannot show a direction: in dense traffic a vehicle is then as likely
# matched to the one behind it (which is nearer the camera: "driving backwards") as to itself. A camera
# analysed that sparsely (an overloaded machine) gets no wrong-way hits rather than false ones.
MAX_JUDGED_GAP_S = 0.6


class WrongWay(Rule):
    kind = "wrong_way"

    def __init__(self, spec: dict[str, Any]) -> None:
        super().__init__(spec)
        self.zone = _points(spec, "zone", minimum=3)
        a, b = _points(spec, "direction", 2)
        self.direction = (b[0] - a[0], b[1] - a[1])
        self.window = float(self.params.get("min_track_s", 1.0))
        self.min_angle = float(self.params.get("min_angle_deg", 120.0))

    def wrong_way(self, trk: Track, t: float) -> list[Hit]:
        # A vehicle under ~40 px tall (near the horizon of an overview camera) is judged when it comes nearer:
        # there its box wobbles by more than it moves, and look-alike far vehicles swap tracks.
        if trk.box[3] - trk.box[1] < MIN_JUDGED_PX or not inside(self.zone, trk.ground_point):
            return []
        heading = _heading(trk, self.window)
        if heading is None:
            return []
        dx, dy, span = heading
        box_h = (trk.box[3] - trk.box[1]) / trk.frame_size[1]
        if math.hypot(dx, dy) < max(0.01, 0.3 * box_h):  # standing still has no direction
            return []
        angle = _angle((dx, dy), self.direction)
        if angle < self.min_angle or not self._steadily_against(trk, span):
            return []
        return self.once(trk, "wrong_way", t, {"heading_vs_lane_deg": round(angle, 1)})

    def _steadily_against(self, trk: Track, span: float) -> bool:
        """The trend of the heading window's sightings (least squares over at least four, up to 3 s back) runs
        against the lane by half the vehicle's height or more. Live, at a few uneven frames a second, a far car's
        box bottom wobbles by more than the car moves, and the two ends of the heading window alone made cars
        driving the right way "wrong way"."""
        end = trk.history[-1][0]
        points = [p for p in trk.history if p[0] >= end - span]
        if len(points) < 4:  # a sparse stretch: the last four sightings, if they are recent enough
            points = [p for p in list(trk.history)[-4:] if p[0] >= end - 3.0]
        if len(points) < 4 or any(b[0] - a[0] > MAX_JUDGED_GAP_S for a, b in itertools.pairwise(points)):
            return False
        norm = math.hypot(*self.direction) or 1.0
        ux, uy = self.direction[0] / norm, self.direction[1] / norm
        ts = [p[0] for p in points]
        along = [p[1] * ux + p[2] * uy for p in points]
        if max(ts) == min(ts):
            return False
        slope = statistics.linear_regression(ts, along).slope
        box_h = (trk.box[3] - trk.box[1]) / trk.frame_size[1]
        return slope * (ts[-1] - ts[0]) <= -max(0.01, 0.5 * box_h)

    def check(self, tracks: list[Track], t: float, frame: np.ndarray | None) -> list[Hit]:
        return [h for trk in tracks if trk.label in self.classes(VEHICLES) for h in self.wrong_way(trk, t)]


class Lane(WrongWay):
    def __init__(self, spec: dict[str, Any]) -> None:
        geometry = spec.get("geometry") or {}
        self.has_direction = "direction" in geometry
        if not self.has_direction:
            spec = {**spec, "geometry": {**geometry, "direction": [[0.5, 1.0], [0.5, 0.0]]}}
        super().__init__(spec)
        params = self.params
        if "allowed_classes" not in params:
            raise RuleError(f"rule {self.name!r}: params.allowed_classes is required for a lane rule")
        self.allowed = set(params["allowed_classes"])
        self.check_direction = bool(params.get("check_direction", False)) and self.has_direction
        self.min_frames = int(params.get("min_frames", 3))
        self.counts: dict[int, int] = {}
        self.fired_wrong: set[int] = set()

    def check(self, tracks: list[Track], t: float, frame: np.ndarray | None) -> list[Hit]:
        hits: list[Hit] = []
        for trk in tracks:
            if trk.label == "person" or not inside(self.zone, trk.ground_point):
                continue
            if trk.label not in self.allowed:
                self.counts[trk.id] = self.counts.get(trk.id, 0) + 1
                if self.counts[trk.id] >= self.min_frames:
                    lane = self.params.get("lane", self.name)
                    measured = {"lane": lane, "vehicle_class": trk.label, "allowed": sorted(self.allowed)}
                    hits += self.once(trk, "lane", t, measured)
            if self.check_direction and trk.id not in self.fired_wrong:
                fired, self.fired = self.fired, self.fired_wrong
                try:
                    hits += self.wrong_way(trk, t)
                finally:
                    self.fired = fired
        return hits


class Speed(Rule):
    def __init__(self, spec: dict[str, Any]) -> None:
        super().__init__(spec)
        self.entry = _points(spec, "entry_line", 2)
        self.exit = _points(spec, "exit_line", 2)
        params = self.params
        try:
            self.distance = float(params["distance_m"])
            self.limit = float(params["limit_kmh"])
        except (KeyError, TypeError, ValueError):
            raise RuleError(
                f"rule {self.name!r}: params.distance_m and params.limit_kmh are required numbers"
            ) from None
        if self.distance <= 0 or self.limit <= 0:
            raise RuleError(f"rule {self.name!r}: distance_m and limit_kmh must be positive")
        self.excess = float(params.get("min_excess_kmh", 5.0))
        self.times: dict[int, dict[str, float]] = {}

    def check(self, tracks: list[Track], t: float, frame: np.ndarray | None) -> list[Hit]:
        hits: list[Hit] = []
        for trk in tracks:
            step = _last_step(trk)
            if step is None or trk.label not in self.classes(VEHICLES):
                continue
            (t0, x0, y0), (t1, x1, y1) = step
            seen = self.times.setdefault(trk.id, {})
            for key, line in (("entry", self.entry), ("exit", self.exit)):
                f = crossing(line, (x0, y0), (x1, y1))
                if f is not None and key not in seen:
                    seen[key] = t0 + f * (t1 - t0)  # interpolated between frames: 1/fps is 40 ms at 25 fps
            if "entry" in seen and "exit" in seen:
                dt = float(abs(seen["exit"] - seen["entry"]))
                if dt <= 0:
                    continue
                speed = self.distance / dt * 3.6
                if speed >= self.limit + self.excess:
                    measured = {
                        "speed_kmh": round(speed, 1),
                        "limit_kmh": self.limit,
                        "distance_m": self.distance,
                        "seconds": round(dt, 3),
                    }
                    hits += self.once(trk, "speed", t1, measured)
        return hits


class NoStopping(Rule):
    def __init__(self, spec: dict[str, Any]) -> None:
        super().__init__(spec)
        self.zone = _points(spec, "zone", minimum=3)
        try:
            self.dwell = float(self.params["dwell_s"])
        except (KeyError, TypeError, ValueError):
            raise RuleError(f"rule {self.name!r}: params.dwell_s is a required number of seconds") from None

    def check(self, tracks: list[Track], t: float, frame: np.ndarray | None) -> list[Hit]:
        hits: list[Hit] = []
        for trk in tracks:
            if trk.label not in self.classes(["car", "bus", "truck"]) or not inside(self.zone, trk.ground_point):
                continue
            # A detector's box wobbles by several pixels on a standing car: the anchor is the median of the
            # last few positions and a quarter of the vehicle's height counts as not moving.
            recent = list(trk.history)[-3:]
            xn = statistics.median(p[1] for p in recent)
            yn = statistics.median(p[2] for p in recent)
            tol = max(0.004, 0.25 * (trk.box[3] - trk.box[1]) / trk.frame_size[1])
            since = trk.history[-1][0]
            for ts, xs, ys in reversed(trk.history):
                if math.hypot(xs - xn, ys - yn) > tol:
                    break
                since = ts
            if trk.history[-1][0] - since >= self.dwell:
                hits += self.once(trk, "no_stopping", t, {"dwell_s": round(trk.history[-1][0] - since, 1)})
        return hits


class Crowd(Rule):
    def __init__(self, spec: dict[str, Any]) -> None:
        super().__init__(spec)
        self.zone = _points(spec, "zone", minimum=3)
        try:
            self.threshold = int(self.params["max_persons"])
        except (KeyError, TypeError, ValueError):
            raise RuleError(f"rule {self.name!r}: params.max_persons is a required whole number") from None
        self.hold = float(self.params.get("min_s", 0.0))
        self.above_since: float | None = None
        self.active = False

    def check(self, tracks: list[Track], t: float, frame: np.ndarray | None) -> list[Hit]:
        count = sum(1 for trk in tracks if trk.label == "person" and inside(self.zone, trk.ground_point))
        if count <= self.threshold:
            self.above_since, self.active = None, False
            return []
        if self.above_since is None:
            self.above_since = t
        if self.active or t - self.above_since < self.hold:
            return []
        self.active = True
        return [Hit("crowd", self.name, None, t, {"persons": count, "max_persons": self.threshold})]


BUILDERS: dict[str, type[Rule]] = {
    "red_light": RedLight,
    "wrong_way": WrongWay,
    "speed": Speed,
    "no_stopping": NoStopping,
    "lane": Lane,
    "crowd": Crowd,
}


def build_rules(specs: Sequence[dict[str, Any]]) -> list[Rule]:
    rules: list[Rule] = []
    for spec in specs:
        if spec.get("enabled", True) is False:
            continue
        kind = spec.get("kind")
        builder = BUILDERS.get(str(kind))
        if builder is None:
            raise RuleError(f"rule {spec.get('name', '?')!r}: kind {kind!r} is not one of {', '.join(KINDS)}")
        rules.append(builder(spec))
    return rules


class RuleEngine:
    def __init__(self, specs: Sequence[dict[str, Any]]) -> None:
        self.rules = build_rules(specs)

    def set_signal(self, state: str | None, rule: str | None = None) -> None:
        """External phase feed: force the signal state of one (or every) red-light rule; None hands back."""
        for r in self.rules:
            if isinstance(r, RedLight) and (rule is None or r.name == rule):
                r.feed = state

    def check(self, tracks: list[Track], t: float, frame: np.ndarray | None = None) -> list[Hit]:
        return [hit for rule in self.rules for hit in rule.check(tracks, t, frame)]


@dataclass
class SectionSpeed:
    """Average speed between two cameras a known distance apart, matched by plate (section control).

    Fed with plate events from both cameras (any order of arrival within ``max_gap_s``); a plate seen at
    the entry camera and later at the exit camera faster than the limit on average is a hit.
    """

    entry_camera: str
    exit_camera: str
    distance_km: float
    limit_kmh: float
    min_excess_kmh: float = 5.0
    max_gap_s: float = 3600.0
    name: str = "section speed"
    _seen: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.distance_km <= 0 or self.limit_kmh <= 0:
            raise RuleError(f"rule {self.name!r}: distance_km and limit_kmh must be positive")
        if self.entry_camera == self.exit_camera:
            raise RuleError(f"rule {self.name!r}: entry and exit must be different cameras")

    def observe(self, camera: str, plate: str, at: float) -> Hit | None:
        """``at`` in seconds on a clock shared by both cameras (epoch seconds)."""
        if camera == self.entry_camera:
            self._seen[plate] = at
            return None
        if camera != self.exit_camera or plate not in self._seen:
            return None
        dt = at - self._seen.pop(plate)
        if dt <= 0 or dt > self.max_gap_s:
            return None
        speed = self.distance_km / (dt / 3600)
        if speed < self.limit_kmh + self.min_excess_kmh:
            return None
        measured = {
            "speed_kmh": round(speed, 1),
            "limit_kmh": self.limit_kmh,
            "distance_m": round(self.distance_km * 1000),
            "seconds": round(dt, 1),
            "entry_camera": self.entry_camera,
            "exit_camera": self.exit_camera,
            "plate": plate,
        }
        return Hit("speed", self.name, None, at, measured)
