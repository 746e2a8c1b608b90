"""Places vehicles on a looping timeline without collisions: scripted ones first, then traffic.

A candidate is sampled along the whole loop (with its copies one period earlier and later) and
kept only when its footprint, a chain of circles, never overlaps an already accepted vehicle.
"""

from __future__ import annotations

import math

import numpy as np

from console.demo.scenes.camera import Array, Camera
from console.demo.scenes.ground import ground_y_at_row
from console.demo.scenes.motion import Profile
from console.demo.scenes.plates import random_plate
from console.demo.scenes.scene import Actor
from console.demo.scenes.shapes import BGR, bus_model, car_model, motorbike_model, truck_model

CAR_COLOURS: list[BGR] = [
    (235, 236, 236),
    (232, 232, 230),
    (188, 190, 194),
    (38, 38, 42),
    (120, 122, 126),
    (40, 40, 185),
    (150, 82, 32),
    (92, 44, 24),
    (172, 198, 214),
    (60, 70, 150),
]
BUS_COLOURS: list[BGR] = [(40, 50, 190), (70, 150, 60), (225, 225, 225), (30, 150, 230)]
CAB_COLOURS: list[BGR] = [(160, 92, 30), (230, 230, 230), (40, 40, 175), (60, 120, 60)]
CARGO_COLOURS: list[BGR] = [(205, 205, 205), (150, 160, 170), (70, 120, 175), (130, 90, 60)]
SHIRT_COLOURS: list[BGR] = [(200, 200, 200), (140, 90, 40), (40, 40, 40), (60, 60, 170), (80, 140, 70), (170, 170, 120)]
HELMET_COLOURS: list[BGR] = [(230, 230, 230), (40, 40, 200), (30, 30, 30), (180, 120, 40), (40, 180, 220)]
LENGTHS = {"car": 4.5, "bus": 11.0, "truck": 8.5, "motorbike": 1.9}
HEIGHTS = {"car": 1.5, "bus": 3.1, "truck": 3.5, "motorbike": 1.8}


def _pick(rng: np.random.Generator, options: list[BGR]) -> BGR:
    return options[int(rng.integers(0, len(options)))]


class Planner:
    def __init__(self, rng: np.random.Generator, seconds: float, camera: Camera, stage_y: tuple[float, float]) -> None:
        self.rng = rng
        self.seconds = seconds
        self.camera = camera
        # Road distances (Y) beyond which a vehicle of any height is outside the picture.
        self.stage_y = stage_y
        self.actors: list[Actor] = []
        self.taken: set[str] = set()
        self.samples = np.arange(0.0, seconds, 0.2)
        self._footprints: list[tuple[Array, Array]] = []  # (centres (S, C, 2) with NaN off stage, radii (C,))

    @classmethod
    def in_view_of(cls, rng: np.random.Generator, seconds: float, camera: Camera) -> Planner:
        """A planner whose stage is what ``camera`` sees: from where a vehicle up to 3.6 m tall
        leaves the bottom edge of the picture to the road at the top row."""
        bottom_ray = math.radians(camera.pitch_deg) + math.atan(camera.height / 2 / camera.focal_px)
        near = (camera.height_m - 3.6) / math.tan(bottom_ray)
        return cls(rng, seconds, camera, (near, ground_y_at_row(camera, 0)))

    def add(
        self,
        cls: str,
        origin: tuple[float, float],
        direction: tuple[float, float],
        profile: Profile,
        lane: str,
        scripted: str | None = None,
        stage_x: tuple[float, float] | None = None,
        helmet: bool = True,
    ) -> Actor | None:
        """Create the vehicle and keep it if it fits; scripted vehicles must fit or planning fails."""
        rng = self.rng
        plate = random_plate(rng, cls, self.taken)
        if cls == "car":
            model = car_model(_pick(rng, CAR_COLOURS), plate)
        elif cls == "bus":
            model = bus_model(_pick(rng, BUS_COLOURS), plate)
        elif cls == "truck":
            model = truck_model(_pick(rng, CAB_COLOURS), _pick(rng, CARGO_COLOURS), plate)
        else:
            helmet_colour = _pick(rng, HELMET_COLOURS) if helmet else None
            model = motorbike_model(_pick(rng, CAR_COLOURS), _pick(rng, SHIRT_COLOURS), helmet_colour, plate)
        half = model.length / 2 + 0.5
        dx, dy = direction
        if stage_x is not None:  # cross traffic: the stage is an X interval
            lo, hi = stage_x[0] - half, stage_x[1] + half
            s_range = (lo - origin[0], hi - origin[0]) if dx > 0 else (origin[0] - hi, origin[0] - lo)
        elif dy > 0:
            s_range = (self.stage_y[0] - half - origin[1], self.stage_y[1] + half - origin[1])
        else:
            s_range = (origin[1] - self.stage_y[1] - half, origin[1] - self.stage_y[0] + half)
        rider_helmet = helmet if cls == "motorbike" else None
        actor = Actor(
            len(self.actors) + 1, cls, plate, model, origin, direction, profile, s_range, lane, scripted, rider_helmet
        )
        footprint = self._footprint(actor)
        if footprint is None or self._collides(footprint):
            self.taken.discard(plate.text)
            if scripted:
                raise RuntimeError(f"scripted {scripted} vehicle does not fit the scene")
            return None
        self.actors.append(actor)
        self._footprints.append(footprint)
        return actor

    def _footprint(self, actor: Actor) -> tuple[Array, Array] | None:
        m = actor.model
        n = max(1, math.ceil((m.length - m.width) / (m.width * 0.8)) + 1)
        offsets = np.linspace(-(m.length - m.width) / 2, (m.length - m.width) / 2, n)
        # Motorbikes ride close beside each other; cars keep more room.
        radii = np.full(n, m.width / 2 + (0.2 if m.vehicle_class == "motorbike" else 0.45))
        rows: list[Array] = []
        for k in (-1, 0, 1):
            block = np.full((len(self.samples), n, 2), np.nan)
            for i, t in enumerate(self.samples):
                tk = t + k * self.seconds
                if not actor.on_stage(tk):
                    continue
                pose = actor.pose(tk)
                fx, fy = math.sin(pose.heading), math.cos(pose.heading)
                block[i, :, 0] = pose.x + offsets * fx
                block[i, :, 1] = pose.y + offsets * fy
            rows.append(block)
        on = [~np.isnan(b[:, 0, 0]) for b in rows]
        if (np.sum(on, axis=0) > 1).any():  # on stage longer than the loop: it would meet itself
            return None
        if not np.any(on):
            return None
        merged = np.where(on[0][:, None, None], rows[0], np.where(on[2][:, None, None], rows[2], rows[1]))
        return merged, radii

    def _collides(self, fp: tuple[Array, Array]) -> bool:
        centres, radii = fp
        for other, other_r in self._footprints:
            d = np.linalg.norm(centres[:, :, None, :] - other[:, None, :, :], axis=3)
            limit = radii[None, :, None] + other_r[None, None, :]
            if np.any(np.nan_to_num(d, nan=1e9) < limit):
                return True
        return False
