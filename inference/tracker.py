"""Multi-object tracking (ByteTrack-style IoU association) with plate votes and the best evidence crop.

Confident detections are matched first, then the weak ones only to tracks that are still unmatched, so
a vehicle whose score dips for a frame (occlusion, blur) keeps its id instead of spawning a new one.

Live detection runs at ~4 frames/s with uneven gaps (the worker takes a frame whenever it is free), so
motion is kept in pixels per second and predictions use the real time since a track was last seen: a
per-step velocity under-shoots after a long gap, and the track nearest the prediction is then the
neighbour overtaking it. A track only takes a box of a compatible class and a similar size, so it
cannot hop onto a passing truck or rider and carry its plate votes over to another vehicle; a track lost
for more than a moment is dropped rather than left standing for the next vehicle in the lane to fill.

Plate evidence is kept per voted text, so the raw text and crop published with a plate are always those
of a read that voted for it, never a confident read of another plate that lost the vote.
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections import Counter, deque
from dataclasses import dataclass, field

import numpy as np

from inference.detector import Detection, iou
from inference.plates.reader import PlateRead

Box = tuple[float, float, float, float]

# Classes a detector swaps on one vehicle from frame to frame (a van is "car", then "truck").
CLASS_GROUPS = (frozenset({"car", "truck", "bus"}), frozenset({"motorbike", "bicycle"}))
MAX_SIZE_RATIO = 1.8  # per side, track box to detection: two vehicles merged into one box are ~2× as wide
YOUNG_REACH = 1.5  # a track seen once (no velocity yet) takes a box this many box sizes away at most
PATH_REACH = 0.6  # an established track takes a box this many box sizes off its predicted path at most
# A track that has been in view STANDING_S and moved less than STANDING box sizes in that time is standing:
# judged over seconds, because at a few frames a second box wobble makes a 3-sighting velocity noisy.
STANDING = 0.3
STANDING_S = 1.5
PREDICT_HORIZON_S = 1.0  # a lost track is extrapolated this long at most: beyond, it would sweep the road
# A track unseen this long is dropped whatever the frame rate: at a few frames a second, max_misses frames
# are seconds, and a box standing where a vehicle was seconds ago is where the next vehicle in the lane
# will be — it would take that vehicle over, plate votes and all.
MAX_LOST_S = 1.5
# Velocity is the least-squares slope of the box centre over the last few sightings within this window:
# detector boxes wobble by a pixel or two, tens of px/s over a quarter-second step. The window stays short
# because vehicles speed up in the image as they approach; on the rendered expressway at ~4 uneven frames/s
# (docs/live_detection.md) 0.8 s / 3 sightings erred least, 1.5 s / 6 lagged by half as much again.
MOTION_WINDOW_S = 0.8
MOTION_POINTS = 3


@dataclass
class Track:
    id: int
    cls: str
    box: Box
    score: float
    first_seen: float
    last_seen: float
    frame_size: tuple[int, int]  # width, height: the rules work in normalised coordinates
    history: deque[tuple[float, float, float]] = field(default_factory=lambda: deque(maxlen=600))  # t, x, y norm.
    hits: int = 1
    misses: int = 0
    velocity: tuple[float, float] = (0.0, 0.0)  # box centre, frame pixels per second
    sightings: deque[tuple[float, float, float]] = field(default_factory=lambda: deque(maxlen=MOTION_POINTS))
    class_votes: Counter[str] = field(default_factory=Counter)
    plate_votes: dict[str, list[float]] = field(default_factory=dict)  # normalised text -> confidences
    # The best read (with its crop) of each voted text; None holds the best read that fit no plate.
    evidence: dict[str | None, tuple[PlateRead, np.ndarray]] = field(default_factory=dict)
    reads: int = 0

    @property
    def ground_point(self) -> tuple[float, float]:
        """Bottom centre of the box, normalised: where the vehicle touches the road."""
        x0, _, x1, y1 = self.box
        w, h = self.frame_size
        return (x0 + x1) / 2 / w, y1 / h

    @property
    def label(self) -> str:
        return self.class_votes.most_common(1)[0][0] if self.class_votes else self.cls

    def predicted(self, t: float) -> Box:
        """The box moved along the track's velocity to time ``t``."""
        dt = min(max(t - self.last_seen, 0.0), PREDICT_HORIZON_S)
        dx, dy = self.velocity[0] * dt, self.velocity[1] * dt
        x0, y0, x1, y1 = self.box
        return x0 + dx, y0 + dy, x1 + dx, y1 + dy

    def add_read(self, read: PlateRead, crop: np.ndarray | None) -> bool:
        """Count a plate read of this frame (``read.box`` in frame pixels); False when it was refused.

        A read centred outside the vehicle's box is a neighbour's plate caught in the crop's margin: it
        would vote for the wrong vehicle, so it is not counted at all.
        """
        cx, cy = (read.box[0] + read.box[2]) / 2, (read.box[1] + read.box[3]) / 2
        x0, y0, x1, y1 = self.box
        if not (x0 <= cx <= x1 and y0 <= cy <= y1):
            return False
        self.reads += 1
        text = read.plate.text if read.plate is not None else None
        if text is not None:
            self.plate_votes.setdefault(text, []).append(read.confidence)
        held = self.evidence.get(text)
        if crop is not None and (held is None or _rank(read) > _rank(held[0])):
            self.evidence[text] = (read, crop)
        return True

    def plate(self) -> tuple[str | None, float, int]:
        """The voted plate: (text, mean confidence, votes); None when no read fit the grammar."""
        if not self.plate_votes:
            return None, 0.0, 0
        text, confs = max(self.plate_votes.items(), key=lambda kv: (len(kv[1]), sum(kv[1])))
        return text, float(np.mean(confs)), len(confs)

    @property
    def best_read(self) -> PlateRead | None:
        """The best read that voted for the voted plate, so its raw text and crop show that plate; with
        no plate voted, the best unparsed read."""
        held = self.evidence.get(self.plate()[0])
        return held[0] if held is not None else None

    @property
    def best_crop(self) -> np.ndarray | None:
        held = self.evidence.get(self.plate()[0])
        return held[1] if held is not None else None


def _rank(read: PlateRead) -> tuple[float, int]:
    area = (read.box[2] - read.box[0]) * (read.box[3] - read.box[1])
    return read.confidence, area


def compatible(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in CLASS_GROUPS)


def _centre(box: Box) -> tuple[float, float]:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


def _similar_size(a: Box, b: Box) -> bool:
    for lo, hi in ((a[2] - a[0], b[2] - b[0]), (a[3] - a[1], b[3] - b[1])):
        if lo <= 0 or hi <= 0 or max(lo, hi) / min(lo, hi) > MAX_SIZE_RATIO:
            return False
    return True


class Tracker:
    def __init__(
        self,
        high: float = 0.45,
        low: float = 0.2,
        match_iou: float = 0.25,
        max_misses: int = 15,
        max_lost_s: float = MAX_LOST_S,
    ) -> None:
        self.high = high
        self.low = low
        self.match_iou = match_iou
        self.max_misses = max_misses
        self.max_lost_s = max_lost_s
        self.tracks: list[Track] = []
        self._ids = itertools.count(1)

    def update(self, detections: list[Detection], t: float, frame_size: tuple[int, int]) -> list[Track]:
        """Advance by one frame; returns the tracks seen in this frame."""
        strong = [d for d in detections if d.score >= self.high]
        weak = [d for d in detections if self.low <= d.score < self.high]
        unmatched = list(self.tracks)
        seen: list[Track] = []
        for pool, spawn in ((strong, True), (weak, False)):
            used_t: set[int] = set()
            used_d: set[int] = set()
            for _key, ti, di in sorted(self._pairs(unmatched, pool, t)):
                if ti in used_t or di in used_d:
                    continue
                used_t.add(ti)
                used_d.add(di)
                self._advance(unmatched[ti], pool[di], t)
                seen.append(unmatched[ti])
            unmatched = [trk for i, trk in enumerate(unmatched) if i not in used_t]
            if spawn:
                for di, d in enumerate(pool):
                    if di not in used_d:
                        trk = Track(next(self._ids), d.cls, d.box, d.score, t, t, frame_size)
                        trk.class_votes[d.cls] += 1
                        trk.history.append((t, *trk.ground_point))
                        trk.sightings.append((t, *_centre(d.box)))
                        self.tracks.append(trk)
                        seen.append(trk)
        for trk in unmatched:
            trk.misses += 1
        self.tracks = [
            trk for trk in self.tracks if trk.misses <= self.max_misses and t - trk.last_seen <= self.max_lost_s
        ]
        return seen

    def _pairs(self, tracks: list[Track], pool: list[Detection], t: float) -> list[tuple[tuple[int, float], int, int]]:
        """Allowed (track, detection) pairs, best first once sorted: overlap with the predicted box first; then
        nearness to the track's path. A fast vehicle at a few frames a second moves most of its length between
        frames: on its first step there is no velocity to predict it with, and later the straight-line
        prediction overshoots where perspective slows it towards the horizon (a car receding at 138 km/h
        overlapped its prediction by IoU 0.13). So a detection close to the segment from the track's last box
        to its predicted one may continue it — a track seen once and in the previous frame within
        YOUNG_REACH box sizes of where it was (it may as well be a one-frame false box once lost), an
        established one within PATH_REACH of its path."""
        pairs = []
        for ti, trk in enumerate(tracks):
            guess = trk.predicted(t)
            young = trk.hits == 1
            size = max(guess[2] - guess[0], guess[3] - guess[1])
            last, ahead = _centre(trk.box), _centre(guess)
            # A standing track continues by overlap only: near a queue its path is a point, and "near" is the
            # neighbour in the next file or a cross-traffic rider passing in front, which it must not take.
            moving = not _standing(trk, size)
            path = (last, ahead) if (young and trk.misses == 0) or (not young and moving) else None
            reach = (YOUNG_REACH if young else PATH_REACH) * size
            for di, d in enumerate(pool):
                if not compatible(trk.label, d.cls) or not _similar_size(guess, d.box):
                    continue
                overlap = iou(guess, d.box)
                if overlap >= self.match_iou:
                    # A standing vehicle moves off gently; a box half its height away that still overlaps it
                    # is the next vehicle in the queue, which it must not take (at green it then "drove
                    # backwards": a wrong-way hit).
                    if not young and not moving and _distance(d.box, guess) > STANDING * size:
                        continue
                    pairs.append(((0, -overlap), ti, di))
                elif path is not None:
                    distance = _to_segment(_centre(d.box), *path)
                    if distance <= reach:
                        pairs.append(((1, distance), ti, di))
        return pairs

    @staticmethod
    def _advance(trk: Track, d: Detection, t: float) -> None:
        trk.box, trk.score, trk.last_seen = d.box, d.score, t
        trk.hits += 1
        trk.misses = 0
        trk.class_votes[d.cls] += 1
        trk.history.append((t, *trk.ground_point))
        trk.sightings.append((t, *_centre(d.box)))
        trk.velocity = _slope(trk.sightings)


def _standing(trk: Track, size: float) -> bool:
    end, x1, y1 = trk.history[-1]
    if end - trk.history[0][0] < STANDING_S:
        return False  # too new to tell
    _, x0, y0 = next(p for p in reversed(trk.history) if p[0] <= end - STANDING_S)
    w, h = trk.frame_size
    return math.hypot((x1 - x0) * w, (y1 - y0) * h) < STANDING * size


def _distance(a: Box, b: Box) -> float:
    (ax, ay), (bx, by) = _centre(a), _centre(b)
    return math.hypot(ax - bx, ay - by)


def _to_segment(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance from point ``p`` to the segment ``a``–``b``."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    span = dx * dx + dy * dy
    k = 0.0 if span == 0 else min(1.0, max(0.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / span))
    return math.hypot(p[0] - (a[0] + k * dx), p[1] - (a[1] + k * dy))


def _slope(points: deque[tuple[float, float, float]]) -> tuple[float, float]:
    """Least-squares px/s of (t, x, y) points within MOTION_WINDOW_S of the newest; (0, 0) from one point."""
    recent = [p for p in points if p[0] >= points[-1][0] - MOTION_WINDOW_S]
    if len(recent) < 2:
        return 0.0, 0.0
    ts = [p[0] for p in recent]
    if max(ts) == min(ts):
        return 0.0, 0.0
    return (
        statistics.linear_regression(ts, [p[1] for p in recent]).slope,
        statistics.linear_regression(ts, [p[2] for p in recent]).slope,
    )
