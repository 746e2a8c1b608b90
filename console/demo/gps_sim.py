"""Demo-mode GPS simulator: patrol teams driving the monitored roads, speaking OwnTracks.

Each team patrols back and forth along the route line nearest to it (city teams drive a loop
around their start point), with speeds from the profile below. It publishes what a phone would:
OwnTracks ``location`` messages, and on a dispatch order (``<prefix>/dispatch/<call_sign>``) it
reports ``en_route``, drives to the incident and reports ``on_scene``. Messages go to the broker
when one is configured, otherwise straight into the feed in process.

Speed profile: from the real car drive in gpxpy 1.6.2's test data (Apache-2.0,
``around-visnjan-with-car.gpx``, 1 s fixes): accelerations are within ±1.5 m/s² for 90 % of the
time, the median cruise is ~0.55× the 95th-percentile speed, and the car stands still ~12 % of
the time. Cruise speeds per road class follow Vietnamese limits (expressway 80–120, national
highway 60–80, city 40–50 km/h). Only these numbers are used; the track is not shipped.
"""

from __future__ import annotations

import json
import logging
import math
import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion

from console.config import BrokerConfig
from maps.geo import LatLon, destination, haversine_m, point_along, polyline_length_m
from maps.routes import RouteLine

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SpeedProfile:
    cruise_kmh: float  # median cruise speed
    spread_kmh: float  # standard deviation of the cruise speed between legs
    stop_per_min: float  # chance per minute of a stop (checkpoint, traffic light, congestion)
    stop_s: tuple[float, float]  # stop duration range


PROFILES = {
    "expressway": SpeedProfile(85.0, 10.0, 0.03, (20.0, 90.0)),
    "national_highway": SpeedProfile(55.0, 10.0, 0.15, (15.0, 60.0)),
    "city": SpeedProfile(28.0, 8.0, 0.6, (10.0, 45.0)),
}
ACCEL = 1.5  # m/s²
DECEL = 1.7  # m/s²
RESPONSE_KMH = {"expressway": 100.0, "national_highway": 70.0, "city": 45.0}
ARRIVED_M = 60.0


@dataclass
class SimUnit:
    team: str
    device: str
    call_sign: str
    path: list[LatLon]
    kind: str
    moving: bool = True
    s: float = 0.0  # metres along path
    direction: int = 1
    speed: float = 0.0  # m/s
    target: float = 0.0
    stop_until: float = 0.0
    leg_until: float = 0.0
    mode: str = "patrol"  # patrol | respond | scene
    patrol_path: list[LatLon] = field(default_factory=list)
    scene_until: float = 0.0
    lat: float = 0.0
    lon: float = 0.0
    course: float = 0.0


class UnitLike(Protocol):
    @property
    def call_sign(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def tracker(self) -> str | None: ...
    @property
    def lat(self) -> float | None: ...
    @property
    def lon(self) -> float | None: ...


def _loop(centre: LatLon, radius_m: float = 1200.0) -> list[LatLon]:
    pts = [destination(centre, a, radius_m) for a in range(0, 360, 45)]
    return [*pts, pts[0]]


def demo_units(units: Sequence[UnitLike], routes: list[RouteLine], rng: random.Random | None = None) -> list[SimUnit]:
    """One simulated team per unit that has a tracker and a position."""
    rng = rng or random.Random(7)
    out = []
    for u in units:
        if not u.tracker or u.lat is None or u.lon is None:
            continue
        team, _, device = u.tracker.partition("/")
        here = (u.lat, u.lon)
        best: tuple[float, RouteLine | None] = (5000.0, None)
        for line in routes:
            d = min(haversine_m(here, p) for p in line.points)
            if d < best[0]:
                best = (d, line)
        nearest = best[1]
        path, kind = (list(nearest.points), nearest.kind) if nearest else (_loop(here), "city")
        sim = SimUnit(team, device, u.call_sign, path, kind, moving=u.status not in ("off_duty", "out_of_service",
                                                                                      "on_scene"))  # fmt: skip
        sim.patrol_path = path
        # Start at the point of the path closest to the stored position, so the demo does not jump.
        length, best_s, best_d, step = polyline_length_m(path), 0.0, math.inf, 100.0
        for i in range(int(length / step) + 1):
            (lat, lon), _ = point_along(path, i * step)
            d = haversine_m(here, (lat, lon))
            if d < best_d:
                best_s, best_d = i * step, d
        sim.s = best_s
        sim.direction = rng.choice((1, -1))
        if not sim.moving:
            sim.lat, sim.lon = here
        else:
            (sim.lat, sim.lon), sim.course = point_along(path, sim.s)
        out.append(sim)
    return out


class Simulator:
    def __init__(self, units: list[SimUnit], topic_prefix: str = "owntracks", dispatch_prefix: str = "csgt",
                 interval_s: float = 2.0, seed: int = 11) -> None:  # fmt: skip
        self.units = {u.call_sign: u for u in units}
        self.topic_prefix = topic_prefix.rstrip("/")
        self.dispatch_prefix = dispatch_prefix.rstrip("/")
        self.interval_s = interval_s
        self.rng = random.Random(seed)
        self.deliver: Callable[[str, bytes], object] | None = None
        self._client: mqtt.Client | None = None
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="gps-simulator", daemon=True)
        self._pending: list[tuple[float, str, str]] = []  # (when, call sign, status) to report
        self._now = 0.0  # simulation clock (monotonic seconds of the last step)
        self.published = 0

    def connect(self, cfg: BrokerConfig) -> None:
        if not cfg.host:
            raise ValueError("[broker] host is not configured")
        client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="", clean_session=True)
        if cfg.username:
            client.username_pw_set(cfg.username, cfg.password)
        if cfg.tls:
            client.tls_set()
        client.on_connect = lambda c, *_: c.subscribe(f"{self.dispatch_prefix}/dispatch/+", qos=1)
        client.on_message = lambda _c, _u, msg: self.receive(msg.topic, bytes(msg.payload))
        client.connect_async(cfg.host, cfg.port, keepalive=15)
        client.loop_start()
        self._client = client
        self.deliver = lambda topic, payload: client.publish(topic, payload, qos=0)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(5)
        if self._client is not None:
            self._client.disconnect()
            self._client.loop_stop()

    def receive(self, topic: str, payload: bytes) -> None:
        """A dispatch order for one of the simulated teams: acknowledge, then drive there."""
        call_sign = topic.rsplit("/", 1)[-1]
        try:
            order = json.loads(payload)
            target = (float(order["lat"]), float(order["lon"]))
        except (ValueError, KeyError, TypeError):
            log.warning("simulator: unreadable order on %s", topic)
            return
        with self._lock:
            u = self.units.get(call_sign)
            if u is None:
                return
            u.path, u.s, u.direction, u.mode, u.moving = [(u.lat, u.lon), target], 0.0, 1, "respond", True
            self._pending.append((self._now + 3.0, call_sign, "en_route"))

    def step(self, dt: float, now: float) -> None:
        with self._lock:
            self._now = now
            for u in self.units.values():
                if u.moving:
                    self._advance(u, dt, now)

    def _advance(self, u: SimUnit, dt: float, now: float) -> None:
        if u.mode == "scene":
            if now >= u.scene_until:
                u.mode, u.path, u.s = "patrol", [(u.lat, u.lon), u.patrol_path[0], *u.patrol_path], 0.0
            return
        profile = PROFILES.get(u.kind, PROFILES["city"])
        if u.mode == "respond":
            u.target = RESPONSE_KMH.get(u.kind, 60.0) / 3.6
        elif now >= u.stop_until and now >= u.leg_until:
            u.target = max(5.0, self.rng.gauss(profile.cruise_kmh, profile.spread_kmh)) / 3.6
            u.leg_until = now + self.rng.uniform(20.0, 60.0)
            if self.rng.random() < profile.stop_per_min * (u.leg_until - now) / 60.0:
                u.stop_until = now + self.rng.uniform(*profile.stop_s)
                u.target = 0.0
        if now < u.stop_until and u.mode == "patrol":
            u.target = 0.0
        dv = u.target - u.speed
        u.speed = max(0.0, u.speed + max(-DECEL * dt, min(ACCEL * dt, dv)))
        length = polyline_length_m(u.path)
        u.s += u.direction * u.speed * dt
        if u.mode == "respond" and u.s >= length - ARRIVED_M:
            u.s, u.speed, u.mode, u.scene_until = length, 0.0, "scene", now + 600.0
            self._pending.append((now, u.call_sign, "on_scene"))
        elif u.s >= length or u.s <= 0:
            if u.mode == "patrol" and u.path is not u.patrol_path and u.s >= length:
                u.path, u.s = u.patrol_path, 0.0  # back on the patrol route after a call
            u.direction = -1 if u.s >= length else 1
            u.s = min(max(u.s, 0.0), length)
        (u.lat, u.lon), course = point_along(u.path, u.s)
        u.course = course if u.direction > 0 else (course + 180.0) % 360.0

    def messages(self, now_wall: float) -> list[tuple[str, bytes]]:
        out = []
        with self._lock:
            for u in self.units.values():
                body = {
                    "_type": "location", "lat": round(u.lat, 6), "lon": round(u.lon, 6), "tst": int(now_wall),
                    "vel": round(u.speed * 3.6), "cog": round(u.course), "acc": 8, "batt": 80, "tid": u.call_sign[-2:],
                }  # fmt: skip
                out.append((f"{self.topic_prefix}/{u.team}/{u.device}", json.dumps(body).encode()))
            due = [p for p in self._pending if p[0] <= self._now]
            self._pending = [p for p in self._pending if p[0] > self._now]
        for _, call_sign, status in due:
            out.append((f"{self.dispatch_prefix}/unit/{call_sign}/status", json.dumps({"status": status}).encode()))
        return out

    def _run(self) -> None:
        last = time.monotonic()
        while not self._stop.wait(self.interval_s):
            now = time.monotonic()
            self.step(now - last, now)
            last = now
            deliver = self.deliver
            if deliver is None:
                continue
            for topic, payload in self.messages(time.time()):
                try:
                    deliver(topic, payload)
                    self.published += 1
                except Exception:
                    log.exception("simulator: publish to %s failed", topic)
