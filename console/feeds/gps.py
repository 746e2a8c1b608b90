"""Patrol GPS feed: OwnTracks JSON over MQTT, validated, counted, handed on in memory.

Topic ``<prefix>/<team>/<device>`` (prefix from ``[broker] topic_prefix``), payload
``{"_type": "location", "lat", "lon", "tst", "vel" (km/h), "cog", "acc", "batt"}``. Teams also
report their state on ``<dispatch_prefix>/unit/<call_sign>/status`` as ``{"status": "on_scene"}``.

Every message is either one accepted :class:`Fix` or one rejection counted under its reason;
nothing a phone sends can crash the feed. The feed does not touch the database (it sits below
storage): accepted fixes go to a sink callback (the position writer) and into an in-memory table of
latest fixes that the map reads with :meth:`GpsFeed.changes_since`. paho's network thread
reconnects by itself after a broker loss; that table survives it, so the map keeps its markers.
"""

from __future__ import annotations

import json
import logging
import math
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion
from paho.mqtt.reasoncodes import ReasonCode

from console.config import BrokerConfig

log = logging.getLogger(__name__)

MAX_FUTURE_S = 60.0  # phone clocks drift; more than this ahead is a broken clock, not a fix
MAX_PAST_S = 6 * 3600.0  # an OwnTracks backlog older than a shift is no longer a live position
RATE_WINDOW_MAX_S = 60.0


class Reject(StrEnum):
    MALFORMED = "malformed_json"
    WRONG_TYPE = "wrong_type"
    BAD_TOPIC = "bad_topic"
    MISSING_FIELD = "missing_field"
    OUT_OF_RANGE = "out_of_range"
    FUTURE = "future_timestamp"
    TOO_OLD = "too_old"
    OUT_OF_ORDER = "out_of_order"
    DUPLICATE = "duplicate"
    UNKNOWN_TEAM = "unknown_team"


@dataclass(frozen=True)
class Fix:
    unit_id: int
    fixed_at: datetime
    lat: float
    lon: float
    speed_kmh: float | None
    course_deg: float | None
    accuracy_m: float | None
    battery_pct: int | None
    received_mono: float  # time.monotonic() when the message arrived, for latency figures

    @property
    def tst(self) -> float:
        return self.fixed_at.timestamp()


@dataclass(frozen=True)
class FeedStats:
    connected: bool
    accepted: int
    rejected: dict[str, int]
    rate_per_s: float
    last_message_at: datetime | None
    reconnects: int
    broker: str
    remote: bool  # through a broker (else in-process or none)


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    f = float(value)
    return f if math.isfinite(f) else None


class FixValidator:
    """Turns (topic, payload) into a Fix or a Reject; remembers the last fix time per unit."""

    def __init__(
        self,
        trackers: Mapping[tuple[str, str], int],
        last_fix: Mapping[int, float] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.trackers = dict(trackers)
        self.last_tst: dict[int, float] = dict(last_fix or {})
        self.clock = clock

    def check(self, team: str, device: str, payload: bytes) -> Fix | Reject:
        try:
            data = json.loads(payload)
        except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: "[[[[…" nested too deep
            return Reject.MALFORMED
        if not isinstance(data, dict):
            return Reject.MALFORMED
        if data.get("_type") != "location":
            return Reject.WRONG_TYPE
        lat, lon, tst = _number(data.get("lat")), _number(data.get("lon")), _number(data.get("tst"))
        if lat is None or lon is None or tst is None:
            return Reject.MISSING_FIELD
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            return Reject.OUT_OF_RANGE
        now = self.clock()
        if tst > now + MAX_FUTURE_S:
            return Reject.FUTURE
        if tst < now - MAX_PAST_S:
            return Reject.TOO_OLD
        unit_id = self.trackers.get((team, device))
        if unit_id is None:
            return Reject.UNKNOWN_TEAM
        last = self.last_tst.get(unit_id)
        if last is not None and tst == last:
            return Reject.DUPLICATE
        if last is not None and tst < last:
            return Reject.OUT_OF_ORDER
        self.last_tst[unit_id] = tst
        vel, cog, acc, batt = (_number(data.get(k)) for k in ("vel", "cog", "acc", "batt"))
        return Fix(
            unit_id=unit_id,
            fixed_at=datetime.fromtimestamp(tst, UTC),
            lat=lat,
            lon=lon,
            speed_kmh=vel if vel is not None and vel >= 0 else None,
            course_deg=cog % 360.0 if cog is not None else None,
            accuracy_m=acc if acc is not None and acc >= 0 else None,
            battery_pct=int(batt) if batt is not None and 0 <= batt <= 100 else None,
            received_mono=time.monotonic(),
        )


class GpsFeed:
    """Validates fixes from the broker (or from :meth:`ingest` in process) and keeps the latest.

    Thread-safe: paho's thread (or the simulator's) calls ``ingest``; the GUI polls
    ``changes_since`` and ``stats`` on its own timer, which is also what throttles the map.
    """

    def __init__(
        self,
        validator: FixValidator,
        sink: Callable[[Fix], None] | None = None,
        on_status: Callable[[str, str], None] | None = None,
        topic_prefix: str = "owntracks",
        status_prefix: str = "csgt",
    ) -> None:
        self.validator = validator
        self.sink = sink
        self.on_status = on_status
        self.topic_prefix = topic_prefix.rstrip("/")
        self.status_prefix = status_prefix.rstrip("/")
        self._lock = threading.Lock()
        self._latest: dict[int, tuple[int, Fix]] = {}  # unit id -> (sequence, fix)
        self._seq = 0
        self._accepted = 0
        self._rejected: Counter[str] = Counter()
        self._arrivals: deque[float] = deque()
        self._last_message: datetime | None = None
        self._client: mqtt.Client | None = None
        self._connected = False
        self._reconnects = 0
        self._broker = "in-process"
        self._local_connected = True
        self.connected_event = threading.Event()

    # ----- input -------------------------------------------------------------------------------
    def ingest(self, topic: str, payload: bytes) -> Fix | Reject | None:
        """Handle one message; returns what became of it (None for a team status message)."""
        now = time.monotonic()
        with self._lock:
            self._arrivals.append(now)
            # Bounded even when nobody reads the rate (no Map page open).
            while self._arrivals[0] < now - RATE_WINDOW_MAX_S:
                self._arrivals.popleft()
            self._last_message = datetime.now(UTC)
        parts = topic.split("/")
        if len(parts) == 4 and parts[0] == self.status_prefix and parts[1] == "unit" and parts[3] == "status":
            self._status(parts[2], payload)
            return None
        prefix = self.topic_prefix.split("/")
        if len(parts) != len(prefix) + 2 or parts[: len(prefix)] != prefix or not parts[-1] or not parts[-2]:
            return self._reject(Reject.BAD_TOPIC, topic, payload)
        with self._lock:
            result = self.validator.check(parts[-2], parts[-1], payload)
            if isinstance(result, Fix):
                self._seq += 1
                self._latest[result.unit_id] = (self._seq, result)
                self._accepted += 1
        if isinstance(result, Reject):
            return self._reject(result, topic, payload)
        if self.sink is not None:
            self.sink(result)
        return result

    def _status(self, call_sign: str, payload: bytes) -> None:
        try:
            data = json.loads(payload)
            status = data["status"] if isinstance(data, dict) else None
        except (ValueError, KeyError, UnicodeDecodeError, RecursionError):
            status = None
        if not isinstance(status, str):
            self._reject(Reject.MALFORMED, f"status/{call_sign}", payload)
            return
        if self.on_status is not None:
            try:
                self.on_status(call_sign, status)
            except Exception:  # a bad team message must never stop the feed
                log.exception("team status %s from %s not applied", status, call_sign)

    def _reject(self, reason: Reject, topic: str, payload: bytes) -> Reject:
        with self._lock:
            self._rejected[reason.value] += 1
        log.info("gps: rejected %s on %s: %.120r", reason.value, topic, payload)
        return reason

    def set_local_source(self, name: str, connected: bool) -> None:
        """Describe where fixes come from when there is no broker (shown as feed health)."""
        with self._lock:
            self._broker, self._local_connected = name, connected

    def set_trackers(self, trackers: Mapping[tuple[str, str], int]) -> None:
        with self._lock:
            self.validator.trackers = dict(trackers)

    # ----- output ------------------------------------------------------------------------------
    def changes_since(self, seq: int) -> tuple[int, list[Fix]]:
        """Latest fix of every unit that moved after ``seq``, and the sequence to ask from next."""
        with self._lock:
            return self._seq, [fix for s, fix in self._latest.values() if s > seq]

    def stats(self, window_s: float = 10.0) -> FeedStats:
        now = time.monotonic()
        with self._lock:
            while self._arrivals and self._arrivals[0] < now - window_s:
                self._arrivals.popleft()
            return FeedStats(
                connected=self._connected if self._client is not None else self._local_connected,
                accepted=self._accepted,
                rejected=dict(self._rejected),
                rate_per_s=len(self._arrivals) / window_s,
                last_message_at=self._last_message,
                reconnects=self._reconnects,
                broker=self._broker,
                remote=self._client is not None,
            )

    # ----- broker ------------------------------------------------------------------------------
    def connect(self, cfg: BrokerConfig, client_id: str = "") -> None:
        """Subscribe through the broker; returns at once, paho connects and reconnects in background."""
        if not cfg.host:
            raise ValueError("[broker] host is not configured")
        client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=client_id, clean_session=True)
        if cfg.username:
            client.username_pw_set(cfg.username, cfg.password)
        if cfg.tls:
            client.tls_set()
        client.reconnect_delay_set(min_delay=1, max_delay=10)
        client.on_connect = self._on_connect
        client.on_subscribe = self._on_subscribe
        client.on_disconnect = self._on_disconnect
        client.on_message = self._on_message
        self._client = client
        self._broker = f"{cfg.host}:{cfg.port}"
        # connect_async: a broker that is down at start is retried by the loop like a lost one.
        client.connect_async(cfg.host, cfg.port, keepalive=15)
        client.loop_start()

    def _on_connect(self, client: mqtt.Client, _u: object, _f: object, reason: ReasonCode, _p: object) -> None:
        if reason.is_failure:
            log.warning("gps: broker %s refused: %s", self._broker, reason)
            return
        client.subscribe([(f"{self.topic_prefix}/+/+", 0), (f"{self.status_prefix}/unit/+/status", 1)])

    def _on_subscribe(self, _c: mqtt.Client, _u: object, _mid: int, reasons: list[ReasonCode], _p: object) -> None:
        # Connected means subscribed: a fix published before the broker has our subscription is lost.
        if any(r.is_failure for r in reasons):
            log.warning("gps: broker %s refused the subscription: %s", self._broker, reasons)
            return
        with self._lock:
            if self._connected is False and self.connected_event.is_set():
                self._reconnects += 1
            self._connected = True
        self.connected_event.set()
        log.info("gps: connected to %s", self._broker)

    def _on_disconnect(self, _c: mqtt.Client, _u: object, _f: object, reason: ReasonCode, _p: object) -> None:
        with self._lock:
            self._connected = False
        if self._client is not None:  # None: we are closing on purpose
            log.warning("gps: lost broker %s (%s); reconnecting", self._broker, reason)

    def _on_message(self, _c: mqtt.Client, _u: object, msg: mqtt.MQTTMessage) -> None:
        try:
            self.ingest(msg.topic, bytes(msg.payload))
        except Exception:  # the network thread must survive anything a message does
            log.exception("gps: message on %s not handled", msg.topic)

    def publish(self, topic: str, payload: bytes, qos: int = 1) -> bool:
        """Send on the feed's own connection (dispatch orders); False when not connected."""
        client = self._client
        if client is None or not self._connected:
            return False
        info = client.publish(topic, payload, qos=qos)
        return info.rc == mqtt.MQTT_ERR_SUCCESS

    def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            client.disconnect()
            client.loop_stop()
