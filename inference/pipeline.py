"""One camera's pipeline: detect → track → read plates → rules → events (small JSON-able dicts).

Pixels stay here: events carry ids, boxes and text; the evidence frame and plate crop ride along as
numpy arrays in ``Candidate`` for whoever writes evidence (the console, or ``inference run --evidence``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from inference.detector import VEHICLES, Detection, make_detector
from inference.hotlist import Hotlist, Listed
from inference.models import DEFAULT_SET, ModelRegistry
from inference.ocr import TextDetector, TextRecogniser
from inference.plates.reader import PlateRead, PlateReader
from inference.rules import Hit, RuleEngine
from inference.tracker import Track, Tracker

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CameraSpec:
    code: str
    rules: list[dict[str, Any]] = field(default_factory=list)
    hotlist: list[Listed] = field(default_factory=list)
    detector_threshold: float = 0.3
    plate_every: int = 2  # read a track's plate at most every Nth frame until the vote is settled
    max_reads_per_frame: int = 2  # plate reads per frame at most (each costs ~10-30 ms on a CPU core)
    votes_needed: int = 3
    plate_wait_s: float = 1.5  # how long a rule hit may wait for its track's plate vote


def live_spec(code: str, rules: list[dict[str, Any]]) -> CameraSpec:
    """A camera analysed a few frames a second (the wall's live detection): every analysed frame may read a
    plate, since at that rate a vehicle is near enough to read in only a handful of them."""
    return CameraSpec(code, rules=rules, plate_every=1)


@dataclass
class Candidate:
    event: dict[str, Any]
    frame: np.ndarray
    plate_crop: np.ndarray | None


def build_stages(registry: ModelRegistry, names: dict[str, str] | None = None) -> dict[str, Any]:
    """The pipeline's models; a refused one is None and its reason sits in registry.refused."""
    names = {**DEFAULT_SET, **(names or {})}
    det = registry.try_load(names["detector"])
    tdet = registry.try_load(names["text_detector"])
    trec = registry.try_load(names["text_recogniser"])
    return {
        "detector": det,
        "reader": PlateReader(TextDetector(tdet), TextRecogniser(trec)) if tdet and trec else None,
        "names": names,
    }


UPSCALE = 2
UPSCALE_BELOW_PX = 120


def _readable(trk: Track) -> bool:
    # Below ~40 px a vehicle's plate characters are 3-4 px tall: unreadable, so not worth a read.
    return trk.box[3] - trk.box[1] >= 40


def with_detector(stages: dict[str, Any], registry: ModelRegistry, name: str | None) -> tuple[dict[str, Any], str]:
    """``stages`` with a camera's own vehicle detector, and "" — or the shared stages and why that detector
    cannot be used (missing, corrupt, not a detector), so the camera still runs on the default one."""
    if not name or name == stages["names"]["detector"]:
        return stages, ""
    model = registry.try_load(name)
    if model is not None and model.manifest.task != "object_detection":
        return stages, f"{model.manifest.directory}: {name!r} is a {model.manifest.task} model, not a vehicle detector"
    if model is None:
        return stages, registry.refused.get(name, f"model {name!r} not found")
    try:
        make_detector(model)  # its decoder settings too: the camera's Pipeline would fail on them, not fall back
    except ValueError as exc:
        registry.refused[name] = str(exc)
        return stages, str(exc)
    return {**stages, "detector": model, "names": {**stages["names"], "detector": name}}, ""


class Pipeline:
    def __init__(self, camera: CameraSpec, registry: ModelRegistry, stages: dict[str, Any] | None = None) -> None:
        self.camera = camera
        stages = stages if stages is not None else build_stages(registry)
        det = stages["detector"]
        self.detector = make_detector(det, camera.detector_threshold) if det is not None else None
        self.reader: PlateReader | None = stages["reader"]
        self.rules = RuleEngine(camera.rules)
        self.tracker = Tracker()
        self.hotlist = Hotlist(camera.hotlist)
        self.versions: dict[str, str] = {}
        if self.detector is not None:
            self.versions["detector"] = self.detector.model.version
        if self.reader is not None:
            self.versions.update(self.reader.versions)
        self.missing = [
            {"event": "stage_missing", "camera": camera.code, "stage": stage, "message": registry.refused.get(name, "")}
            for stage, name in (
                ("vehicle detection", stages["names"]["detector"]),
                ("plate text detection", stages["names"]["text_detector"]),
                ("plate recognition", stages["names"]["text_recogniser"]),
            )
            if name in registry.refused
        ]
        self._frame_no = 0
        self._announced: set[int] = set()
        self._last_read: dict[int, int] = {}  # track id -> frame number of its last plate read
        self._pending: list[tuple[Hit, Track | None, float, np.ndarray]] = []

    def process(
        self, frame: np.ndarray, t: float, detections: list[Detection] | None = None
    ) -> tuple[list[dict[str, Any]], list[Candidate]]:
        """One frame at stream time ``t`` (seconds); returns (events, candidates with their pixels).

        ``detections`` replaces the detector's for this frame: boxes from another detector (a camera's
        own analytics, a batched ``detect_many`` over several cameras) or a scene's ground truth.
        """
        self._frame_no += 1
        h, w = frame.shape[:2]
        if detections is None:
            detections = self.detector.detect(frame) if self.detector is not None else []
        seen = self.tracker.update(detections, t, (w, h))
        events: list[dict[str, Any]] = []
        if self.reader is not None:
            wanting = [trk for trk in seen if trk.label in VEHICLES and self._wants_read(trk)]
            # The longest-waiting tracks go first; the budget bounds one frame's cost when many vehicles pass.
            wanting.sort(key=lambda trk: self._last_read.get(trk.id, -1))
            for trk in wanting[: self.camera.max_reads_per_frame]:
                self._last_read[trk.id] = self._frame_no
                self._read(trk, frame)
                events += self._announce(trk, t)
        hits = self.rules.check(seen, t, frame)
        by_id = {trk.id: trk for trk in seen}
        # The track object itself is held: it may expire before the hit is released, its votes must not.
        self._pending += [
            (hit, by_id.get(hit.track_id) if hit.track_id is not None else None, t, frame) for hit in hits
        ]
        return events, self._release(t)

    def flush(self) -> list[Candidate]:
        """End of stream: every held rule hit goes out with whatever plate its track has."""
        return self._release(float("inf"))

    def _wants_read(self, trk: Track) -> bool:
        votes = trk.plate()[2]
        if votes >= self.camera.votes_needed:
            return False
        if self._frame_no - self._last_read.get(trk.id, -(10**9)) < self.camera.plate_every:
            return False
        return _readable(trk)

    def _read(self, trk: Track, frame: np.ndarray) -> None:
        assert self.reader is not None
        x0, y0, x1, y1 = (int(v) for v in trk.box)
        # Plates sit in the lower part of a vehicle seen from front or rear; a margin keeps edge plates whole.
        top = y0 + (y1 - y0) * 2 // 5
        mx = (x1 - x0) // 10
        cx0, cy0 = max(0, x0 - mx), max(0, top)
        crop = frame[cy0 : min(frame.shape[0], y1 + 4), cx0 : min(frame.shape[1], x1 + mx)]
        if crop.size == 0:
            return
        # A far vehicle's plate has glyphs of 10-17 px: twice the pixels (bicubic) let the text detector
        # separate a two-row motorbike plate's rows and the recogniser see each glyph.
        scale = UPSCALE if crop.shape[0] < UPSCALE_BELOW_PX else 1
        reads = self.reader.read(
            cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC) if scale > 1 else crop
        )
        if not reads:
            return
        best = reads[0]
        bx0, by0, bx1, by1 = (v // scale for v in best.box)
        shifted = PlateRead(
            best.raw, best.plate, best.confidence, best.rows, best.colour, (bx0 + cx0, by0 + cy0, bx1 + cx0, by1 + cy0)
        )
        pad = max(2, (by1 - by0) // 3)
        plate_crop = crop[max(0, by0 - pad) : by1 + pad, max(0, bx0 - pad) : bx1 + pad].copy()
        trk.add_read(shifted, plate_crop)

    def _announce(self, trk: Track, t: float) -> list[dict[str, Any]]:
        text, confidence, votes = trk.plate()
        if text is None or trk.id in self._announced or votes < min(2, self.camera.votes_needed):
            return []
        self._announced.add(trk.id)
        best = trk.best_read
        event: dict[str, Any] = {
            "event": "plate",
            "camera": self.camera.code,
            "t": round(t, 3),
            "track": trk.id,
            "vehicle_class": trk.label,
            "plate": text,
            "text": best.raw if best else text,
            "confidence": round(confidence, 3),
            "rows": best.rows if best else 1,
            "colour": best.colour if best else None,
            "votes": votes,
            "box": list(best.box) if best else None,
        }
        out = [event]
        for hit in self.hotlist.match(text, best.colour if best else None):
            out.append(
                {
                    "event": "hotlist",
                    "camera": self.camera.code,
                    "t": round(t, 3),
                    "track": trk.id,
                    "plate": text,
                    "listed": hit.entry.plate,
                    "entry_id": hit.entry.id,
                    "match": hit.match,
                    "priority": hit.entry.priority,
                    "reason": hit.entry.reason,
                }
            )
        return out

    def _release(self, now: float) -> list[Candidate]:
        out: list[Candidate] = []
        keep: list[tuple[Hit, Track | None, float, np.ndarray]] = []
        live = {trk.id for trk in self.tracker.tracks}
        for hit, trk, at, frame in self._pending:
            # Settled: enough votes, or no more reads will come: the track is gone, or too far off to read and
            # not coming nearer (moving up the picture: away from a camera that looks along the road).
            settled = (
                trk is None
                or trk.id not in live
                or trk.plate()[2] >= self.camera.votes_needed
                or (not _readable(trk) and trk.velocity[1] <= 0)
            )
            if settled or now - at >= self.camera.plate_wait_s:
                out.append(self._candidate(hit, trk, frame))
            else:
                keep.append((hit, trk, at, frame))
        self._pending = keep
        return out

    def _candidate(self, hit: Hit, trk: Track | None, frame: np.ndarray) -> Candidate:
        plate: dict[str, Any] | None = None
        crop = None
        if trk is not None and trk.best_read is not None:
            text, confidence, votes = trk.plate()
            best = trk.best_read
            plate = {
                "text": best.raw,
                "plate": text,
                "confidence": round(confidence if text else best.confidence, 3),
                "rows": best.rows,
                "colour": best.colour,
                "votes": votes,
                "box": list(best.box),
            }
            crop = trk.best_crop
        event = {
            "event": "candidate",
            "camera": self.camera.code,
            "t": round(hit.t, 3),
            "rule": hit.kind,
            "rule_name": hit.rule,
            "vehicle_class": trk.label if trk else None,
            "plate": plate,
            "track": _track_json(trk) if trk else None,
            "measured": hit.measured,
            "model_versions": dict(self.versions),
        }
        return Candidate(event, frame, crop)


def _track_json(trk: Track) -> dict[str, Any]:
    points = list(trk.history)[-60:]
    return {
        "id": trk.id,
        "first_seen": round(trk.first_seen, 3),
        "last_seen": round(trk.last_seen, 3),
        "box": [round(v, 1) for v in trk.box],
        "points": [[round(t, 3), round(x, 4), round(y, 4)] for t, x, y in points],
    }


def load_camera(path: Path) -> CameraSpec:
    """A camera file for ``inference run``: JSON or TOML with code, rules (camera_rules shape) and hotlist."""
    import json
    import tomllib

    try:
        text = path.read_text(encoding="utf-8")
        data: dict[str, Any] = tomllib.loads(text) if path.suffix == ".toml" else json.loads(text)
    except (OSError, ValueError) as exc:
        raise ValueError(f"{path}: cannot read camera file ({exc})") from None
    code = data.get("code") or data.get("camera_code") or path.stem
    hotlist = [
        Listed(
            int(e.get("id", i)),
            str(e["plate"]),
            int(e.get("priority", 2)),
            str(e.get("reason", "other")),
            e.get("colour"),
        )
        for i, e in enumerate(data.get("hotlist", []), 1)
    ]
    keys = ("detector_threshold", "plate_every", "max_reads_per_frame", "votes_needed", "plate_wait_s")
    extra = {k: data[k] for k in keys if k in data}
    return CameraSpec(code=str(code), rules=list(data.get("rules", [])), hotlist=hotlist, **extra)
