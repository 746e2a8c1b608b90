"""Synthetic traffic scenes for the demo cameras, with ground truth for the detection tests.

Deterministic from a seed (same seed → byte-identical frames and ground truth), 1280×720 at 25 fps
by default, looping seamlessly. Headless: numpy and OpenCV only. See docs/scenes.md.
"""

from console.demo.scenes.render import (
    FRAME_PATTERN,
    GROUND_TRUTH,
    KINDS,
    VERSION,
    GroundTruth,
    RenderStopped,
    SceneError,
    build_scene,
    cached_scene,
    ground_truth,
    iter_frames,
    render_scene,
)

__all__ = [
    "FRAME_PATTERN",
    "GROUND_TRUTH",
    "KINDS",
    "VERSION",
    "GroundTruth",
    "RenderStopped",
    "SceneError",
    "build_scene",
    "cached_scene",
    "ground_truth",
    "iter_frames",
    "render_scene",
]
