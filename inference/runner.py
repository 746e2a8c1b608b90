"""Several cameras in one loop: one batched detector call per round, then each camera's own pipeline.

The detector's async queue runs the cameras' frames as parallel infer requests (OpenVINO's CPU streams),
which keeps both cores busy without a thread per camera; tracking, plates and rules stay per camera.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from inference.pipeline import Candidate, Pipeline


def process_round(
    pipelines: Sequence[Pipeline], frames: Sequence[np.ndarray], t: Sequence[float]
) -> list[tuple[list[dict[str, Any]], list[Candidate]]]:
    """One frame per camera (same order as ``pipelines``); returns each camera's (events, candidates).

    The cameras share the first pipeline's detector model and threshold (one registry, one model).
    """
    if not (len(pipelines) == len(frames) == len(t)):
        raise ValueError("one frame and one time per pipeline")
    detector = next((p.detector for p in pipelines if p.detector is not None), None)
    detections = detector.detect_many(frames) if detector is not None else [None] * len(frames)
    return [p.process(f, ts, d) for p, f, ts, d in zip(pipelines, frames, t, detections, strict=True)]
