"""A pinhole camera over a flat road: world metres → image pixels.

World axes: X to the right across the road, Y along the road away from the camera, Z up; the
road surface is Z = 0. Because the scene is projected from a real camera model, the ground-plane
homography in the ground truth is exact and speeds in km/h are meaningful in image space.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

# Points closer than this in front of the lens are clipped away, so that a vehicle passing under
# the camera is cut at the image edge instead of being projected through the lens (flipped).
NEAR_M = 0.5


@dataclass(frozen=True)
class Camera:
    width: int
    height: int
    focal_px: float
    height_m: float  # mounting height above the road
    pitch_deg: float  # downward tilt of the optical axis
    x_m: float = 0.0  # lateral position of the mast/gantry
    y_m: float = 0.0

    @cached_property
    def rotation(self) -> Array:
        p = math.radians(self.pitch_deg)
        # Rows are the camera axes in world coordinates: right, image-down, forward.
        return np.array([[1.0, 0.0, 0.0], [0.0, -math.sin(p), -math.cos(p)], [0.0, math.cos(p), -math.sin(p)]])

    @cached_property
    def intrinsics(self) -> Array:
        return np.array([[self.focal_px, 0.0, self.width / 2.0], [0.0, self.focal_px, self.height / 2.0], [0, 0, 1.0]])

    @cached_property
    def centre(self) -> Array:
        return np.array([self.x_m, self.y_m, self.height_m])

    def to_camera(self, points: Array) -> Array:
        """(N, 3) world points → (N, 3) camera coordinates (z is depth)."""
        return (points - self.centre) @ self.rotation.T

    def project_camera(self, cam_points: Array) -> Array:
        """(N, 3) camera coordinates with z > 0 → (N, 2) pixels."""
        k = self.intrinsics
        z = cam_points[:, 2]
        u = k[0, 0] * cam_points[:, 0] / z + k[0, 2]
        v = k[1, 1] * cam_points[:, 1] / z + k[1, 2]
        return np.stack([u, v], axis=1)

    def project(self, points: Array) -> Array:
        return self.project_camera(self.to_camera(points))

    def ground_homography(self) -> Array:
        """3×3 H with [u, v, 1]ᵀ ~ H [X, Y, 1]ᵀ for points on the road surface."""
        r = self.rotation
        t = -r @ self.centre
        h = self.intrinsics @ np.column_stack([r[:, 0], r[:, 1], t])
        out: Array = h / h[2, 2]
        return out

    def ground_to_image(self, xy: Array) -> Array:
        pts = np.column_stack([xy, np.zeros(len(xy))])
        return self.project(pts)

    def image_to_ground(self, uv: Array) -> Array:
        h_inv = np.linalg.inv(self.ground_homography())
        ones = np.ones((len(uv), 1))
        g = np.hstack([uv, ones]) @ h_inv.T
        out: Array = g[:, :2] / g[:, 2:3]
        return out

    def horizon_v(self) -> float:
        """Image row of the horizon of the road plane."""
        return self.height / 2.0 - self.focal_px * math.tan(math.radians(self.pitch_deg))

    def metres_per_pixel(self, y_m: float) -> float:
        """Across-road ground size of one pixel at distance ``y_m`` along the road."""
        a = self.ground_to_image(np.array([[0.0, y_m], [1.0, y_m]]))
        return 1.0 / float(np.linalg.norm(a[1] - a[0]))


def clip_near(cam_points: Array) -> Array:
    """Clip a closed polygon (camera coordinates) to the half-space z >= NEAR_M (Sutherland–Hodgman)."""
    out: list[Array] = []
    n = len(cam_points)
    for i in range(n):
        a = cam_points[i]
        b = cam_points[(i + 1) % n]
        a_in = a[2] >= NEAR_M
        b_in = b[2] >= NEAR_M
        if a_in:
            out.append(a)
        if a_in != b_in:
            t = (NEAR_M - a[2]) / (b[2] - a[2])
            out.append(a + t * (b - a))
    if not out:
        return np.empty((0, 3))
    return np.array(out)
