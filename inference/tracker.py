"""Multi-object tracking (ByteTrack-style IoU association) with plate votes and the best evidence crop.

Confident detections are matched first, then the weak ones only to tracks that are still unmatched, so
a vehicle whose score dips for a frame (occlusion, blur) keeps its id instead of spawning a new one.
"""

from __future__ import annotations

import itertools
from collections import Counter, deque
from dataclasses import dataclass, field

import numpy as np

from inference.detector import Detection, iou
from inference.plates.reader import PlateRead

Box = tuple[float, float, float, float]


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
    velocity: tuple[float, float] = (0.0, 0.0)  # box shift per frame, for prediction
    class_votes: Counter[str] = field(default_factory=Counter)
    plate_votes: dict[str, list[float]] = field(default_factory=dict)  # normalised text -> confidences
    best_read: PlateRead | None = None
    best_crop: np.ndarray | None = None
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

    def predicted(self) -> Box:
        dx, dy = self.velocity
        k = self.misses + 1
        x0, y0, x1, y1 = self.box
        return x0 + dx * k, y0 + dy * k, x1 + dx * k, y1 + dy * k

    def add_read(self, read: PlateRead, crop: np.ndarray | None) -> None:
        self.reads += 1
        if read.plate is not None:
            self.plate_votes.setdefault(read.plate.text, []).append(read.confidence)
        if crop is not None and (self.best_read is None or _rank(read) > _rank(self.best_read)):
            self.best_read, self.best_crop = read, crop

    def plate(self) -> tuple[str | None, float, int]:
        """The voted plate: (text, mean confidence, votes); None when no read fit the grammar."""
        if not self.plate_votes:
            return None, 0.0, 0
        text, confs = max(self.plate_votes.items(), key=lambda kv: (len(kv[1]), sum(kv[1])))
        return text, float(np.mean(confs)), len(confs)


def _rank(read: PlateRead) -> tuple[bool, float, int]:
    area = (read.box[2] - read.box[0]) * (read.box[3] - read.box[1])
    return read.plate is not None, read.confidence, area


class Tracker:
    def __init__(self, high: float = 0.45, low: float = 0.2, match_iou: float = 0.25, max_misses: int = 15) -> None:
        self.high = high
        self.low = low
        self.match_iou = match_iou
        self.max_misses = max_misses
        self.tracks: list[Track] = []
        self._ids = itertools.count(1)

    def update(self, detections: list[Detection], t: float, frame_size: tuple[int, int]) -> list[Track]:
        """Advance by one frame; returns the tracks seen in this frame."""
        strong = [d for d in detections if d.score >= self.high]
        weak = [d for d in detections if self.low <= d.score < self.high]
        unmatched = list(self.tracks)
        seen: list[Track] = []
        for pool, spawn in ((strong, True), (weak, False)):
            pairs = sorted(
                (
                    (iou(trk.predicted(), d.box), ti, di)
                    for ti, trk in enumerate(unmatched)
                    for di, d in enumerate(pool)
                ),
                reverse=True,
            )
            used_t: set[int] = set()
            used_d: set[int] = set()
            for overlap, ti, di in pairs:
                if overlap < self.match_iou:
                    break
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
                        self.tracks.append(trk)
                        seen.append(trk)
        for trk in unmatched:
            trk.misses += 1
        self.tracks = [trk for trk in self.tracks if trk.misses <= self.max_misses]
        return seen

    @staticmethod
    def _advance(trk: Track, d: Detection, t: float) -> None:
        frames = trk.misses + 1
        old = trk.box
        trk.velocity = (((d.box[0] + d.box[2]) - (old[0] + old[2])) / 2 / frames, ((d.box[3] - old[3]) / frames))
        trk.box, trk.score, trk.last_seen = d.box, d.score, t
        trk.hits += 1
        trk.misses = 0
        trk.class_votes[d.cls] += 1
        trk.history.append((t, *trk.ground_point))
