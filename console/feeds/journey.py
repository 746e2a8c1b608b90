"""Journey-monitoring devices of commercial vehicles: OwnTracks-style JSON over MQTT.

Topic ``<prefix>/<driver licence no>/<plate>`` (prefix ``journey`` unless given): the OwnTracks
``<user>/<device>`` pair, with the driver signed in on the device as the user, as the devices'
driver card does; the plate may be written with or without '-' and '.'. Payload
``{"_type": "location", "lat", "lon", "tst", "vel" (km/h)}``, validated as the patrol feed's
(console/feeds/gps.py) and counted under the same reasons plus ``unknown_driver`` and
``unknown_vehicle``. Only registered drivers and vehicles are accepted; the registry is read again
at most every ``refresh_s`` when an unknown one reports, so a driver added by a CSV import is
accepted without a restart.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

from console.services.driving.engine import DrivingFix

from .gps import MAX_FUTURE_S, MAX_PAST_S, FixValidator, GpsFeed, _number

log = logging.getLogger(__name__)

Identities = tuple[dict[str, int], dict[str, int]]  # (licence -> driver id, normalised plate -> vehicle id)
UNKNOWN_DRIVER, UNKNOWN_VEHICLE = "unknown_driver", "unknown_vehicle"


def _plate_key(text: str) -> str:
    return re.sub(r"[\s.\-]", "", text).upper()


class JourneyValidator:
    def __init__(self, load: Callable[[], Identities], clock: Callable[[], float] = time.time,
                 refresh_s: float = 30.0) -> None:  # fmt: skip
        self.load = load
        self.clock = clock
        self.refresh_s = refresh_s
        self.drivers, self.vehicles = load()
        self._loaded_at = time.monotonic()
        self.last_tst: dict[int, float] = {}

    def _ids(self, licence: str, plate: str) -> tuple[int | None, int | None]:
        d, v = self.drivers.get(licence), self.vehicles.get(plate)
        if (d is None or v is None) and time.monotonic() - self._loaded_at >= self.refresh_s:
            self.drivers, self.vehicles = self.load()
            self._loaded_at = time.monotonic()
            d, v = self.drivers.get(licence), self.vehicles.get(plate)
        return d, v

    def check(self, licence: str, plate: str, payload: bytes) -> DrivingFix | str:
        try:
            data = json.loads(payload)
        except (ValueError, UnicodeDecodeError, RecursionError):
            return "malformed_json"
        if not isinstance(data, dict):
            return "malformed_json"
        if data.get("_type") != "location":
            return "wrong_type"
        lat, lon, tst = _number(data.get("lat")), _number(data.get("lon")), _number(data.get("tst"))
        if lat is None or lon is None or tst is None:
            return "missing_field"
        vel = _number(data.get("vel"))
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0) or (vel is not None and not 0 <= vel <= 300):
            return "out_of_range"
        now = self.clock()
        if tst > now + MAX_FUTURE_S:
            return "future_timestamp"
        if tst < now - MAX_PAST_S:
            return "too_old"
        driver, vehicle = self._ids(licence, _plate_key(plate))
        if driver is None:
            return UNKNOWN_DRIVER
        if vehicle is None:
            return UNKNOWN_VEHICLE
        last = self.last_tst.get(driver)
        if last is not None and tst <= last:
            return "duplicate" if tst == last else "out_of_order"
        self.last_tst[driver] = tst
        return DrivingFix(driver, vehicle, tst, lat, lon, vel)


class JourneyFeed(GpsFeed):
    """The patrol feed's connection, reconnection and counters, with journey topics and fixes."""

    def __init__(self, validator: JourneyValidator, sink: Callable[[DrivingFix], None],
                 topic_prefix: str = "journey") -> None:  # fmt: skip
        # The status subscription GpsFeed makes is pointed at a prefix no device publishes on.
        super().__init__(FixValidator({}), topic_prefix=topic_prefix, status_prefix=f"{topic_prefix}-none")
        self.journey = validator
        self.journey_sink = sink
        self._journey_lock = threading.Lock()

    def ingest(self, topic: str, payload: bytes) -> DrivingFix | str:  # type: ignore[override]
        now = time.monotonic()
        with self._lock:
            self._arrivals.append(now)
            while self._arrivals[0] < now - 60.0:
                self._arrivals.popleft()
            self._last_message = datetime.now(UTC)
        parts, prefix = topic.split("/"), self.topic_prefix.split("/")
        if len(parts) != len(prefix) + 2 or parts[: len(prefix)] != prefix or not parts[-1] or not parts[-2]:
            result: DrivingFix | str = "bad_topic"
        else:
            with self._journey_lock:  # last_tst per driver: one message at a time
                result = self.journey.check(parts[-2], parts[-1], payload)
        with self._lock:
            if isinstance(result, str):
                self._rejected[result] += 1
            else:
                self._accepted += 1
        if isinstance(result, str):
            log.info("journey: rejected %s on %s: %.120r", result, topic, payload)
            return result
        self.journey_sink(result)
        return result
