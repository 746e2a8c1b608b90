"""The MQTT broker SIGKILLed and restarted during a live patrol feed: the feed reconnects every time,
loses no fix it was owed, stores none twice, and the map never shows a stale fix as fresh.

Injected: a Mosquitto of our own (own port, no persistence) is killed with SIGKILL `times` times,
after outages of seeded random length, half of them short and half longer than the map's stale
threshold. Throughout, one paho client plays the phones: OwnTracks fixes for every unit at QoS 1,
each unit every few seconds, spread evenly; it reconnects by itself and queues what it publishes
meanwhile, as a phone does. Right after each restart a second client publishes, retained (so most
reach the feed as it resubscribes, like a broker's retained store or a phone's offline queue):
- for some live units a fix from before the outage, older than the stale threshold and older than
  a fix the feed already has, at the other end of the country: it must be refused and never shown;
- for the units that went quiet before the outages, a backlog fix that is newer than their stored
  one but older than the outage by more than the threshold: it must be stored and shown stale;
- for a few other live units their latest fix again, as a QoS 1 redelivery brings it: refused.

Real pieces: the console's LivePositions (GpsFeed and PositionWriter wired as the application
wires them), a fresh migrated SQLite or PostgreSQL database, mosquitto, paho. The one addition is a
pass-through on the feed's sink that notes what the feed accepted, and on which connection.

Proven, and counted precisely:
- recovered: per restart, the feed resubscribed and a fix published after the restart reached the
  database; the time from broker up (port accepting) to that first new fix stored (its
  received_at, stamped by the writer) is reported as p50/p95/max.
- lost: fixes the broker acknowledged (PUBACK to the phones) while it held the feed's subscription,
  and every backlog fix, that are not in the database. "Held the subscription" comes from the order
  on the phones' one connection, which the broker routes in sequence: everything an incarnation
  acknowledged from the first fix the feed received from it on. Not lost, and reported apart: fixes
  a restarted broker acknowledged before the feed had subscribed again. With a clean session on a
  broker without persistence nobody holds those (MQTT), and each unit's next fix replaces them.
- duplicated: fixes handed to the writer twice, plus (unit, fix time) rows stored twice.
- stale shown fresh: what the map reads, UnitService.views (its poll) and GpsFeed.changes_since
  (its live markers), is sampled during every long outage once the threshold has passed, after every
  recovery and at the end. A unit shown fresh by the map's rule (age <= stale_after) must show a
  fix the phone really sent at that time, at that place; anything else is counted. At the end, every
  unit's latest position, in the database and in the feed's memory, is its newest stored fix.
Everything random comes from SEED, so a failing run can be replayed.
"""

from __future__ import annotations

import heapq
import json
import math
import random
import threading
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import paho.mqtt.client as mqtt
import pytest
from fault_kit import FaultRow, fresh_database, percentile
from gps_setup import add_units, private_broker, wait_for
from paho.mqtt.enums import CallbackAPIVersion
from paho.mqtt.reasoncodes import ReasonCode
from sqlalchemy import select

from console.config import BrokerConfig, Config, MapConfig
from console.feeds.gps import Fix
from console.services.audit import AuditLog
from console.services.context import Actor, Role
from console.services.units import LivePositions
from console.storage.db import Database
from console.storage.models import UnitLatestPosition, UnitPosition

SEED = 20261206
RATE_PER_S = 200.0  # fixes per second over all units: a unit's period follows from the unit count
RECOVER_S = 30.0  # longer than the feed's largest reconnect delay (10 s) with room for a loaded machine
VIEWER = Actor(username="fault-test", role=Role.OPERATOR)
HANOI = (21.0285, 105.8542)
ELSEWHERE = (10.7769, 106.7009)  # Ho Chi Minh City: a Hanoi unit shown here shows a late fix


@dataclass(frozen=True)
class Unit:
    id: int
    topic: str
    dark: bool  # went quiet before the outages: one old fix, then only backlog


@dataclass(frozen=True)
class Sent:
    seq: int  # order handed to paho, which is the order on the wire of each connection
    unit_id: int
    tst: int
    lat: float
    lon: float
    wall: float


@dataclass(frozen=True)
class BrokerRestartRow(FaultRow):
    """The table row, and the figures behind it that the row has no column for."""

    stale_shown_fresh: int
    first_fix_s: tuple[float, ...]  # per recovered restart: broker up -> first new fix stored
    resubscribe_s: tuple[float, ...]  # per recovered restart: broker up -> feed subscribed again
    # Acknowledged by a restarted broker before the feed had subscribed again (MQTT: nobody holds them):
    queued_in_outage: int  # published while the broker was down, queued by the phone, flushed on its reconnect
    sent_before_resubscribe: int  # published after the broker was back, before the feed was
    retained_restarts: int  # restarts whose late fixes the feed got from the retained store as it resubscribed
    late_refused: int  # pre-outage fixes replayed after a restart that the feed refused
    backlog_stored: int  # old backlog fixes of quiet units stored (and so shown, stale)
    problems: tuple[str, ...]


def _walk(rng: random.Random, at: tuple[float, float]) -> tuple[float, float]:
    return round(at[0] + rng.uniform(-4e-4, 4e-4), 6), round(at[1] + rng.uniform(-4e-4, 4e-4), 6)


def _payload(tst: int, lat: float, lon: float, rng: random.Random) -> bytes:
    return json.dumps({"_type": "location", "lat": lat, "lon": lon, "tst": tst, "vel": rng.randrange(0, 80),
                       "cog": rng.randrange(0, 360), "acc": 8, "batt": rng.randrange(20, 101)}).encode()  # fmt: skip


class Phones:
    """One paho client publishing every unit's fixes at QoS 1, reconnecting by itself."""

    def __init__(self, port: int, units: list[Unit], period_s: float, stale_s: int, seed: int,
                 incarnation: Callable[[], int]) -> None:  # fmt: skip
        self.units = units
        self.period_s = period_s
        self.stale_s = stale_s
        self.rng = random.Random(seed)
        self.incarnation = incarnation
        self.client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=f"fault-phones-{seed}", clean_session=True)
        # Phones retry every second: the reconnect delay measured is then the feed's, not theirs.
        self.client.reconnect_delay_set(min_delay=1, max_delay=1)
        self.client.on_connect = self._on_connect
        self.client.on_publish = self._on_publish
        self.port = port
        self.sent: list[Sent] = []
        self.acked_by: dict[int, int] = {}  # seq -> broker incarnation whose PUBACK it got
        self.at = {u.id: _walk(self.rng, HANOI) for u in units}
        self._last_tst: dict[int, int] = {}
        self._mid_seq: dict[int, int] = {}
        # Filled on paho's thread. on_publish runs under paho's message lock, which publish() also
        # takes: the callback may not wait for our thread, so it only appends and we resolve later.
        self._acks: deque[tuple[int, int]] = deque()
        self._connected_to = -1
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="fault-phones", daemon=True)

    def start(self) -> None:
        self.client.connect_async("127.0.0.1", self.port, keepalive=15)
        self.client.loop_start()
        self._thread.start()

    def _on_connect(self, _c: mqtt.Client, _u: object, _f: object, reason: ReasonCode, _p: object) -> None:
        if not reason.is_failure:
            # The harness counts incarnations before it starts one, and only one is alive: exact.
            self._connected_to = self.incarnation()

    def _on_publish(self, _c: mqtt.Client, _u: object, mid: int, _r: ReasonCode, _p: object) -> None:
        self._acks.append((mid, self._connected_to))

    def _send(self, u: Unit) -> None:
        self.at[u.id] = lat, lon = _walk(self.rng, self.at[u.id])
        now = time.time()
        # A quiet unit's one fix is already stale; live units report the time of the fix.
        tst = int(now) - 3 * self.stale_s if u.dark else int(now)
        # Never twice the same second for a unit, even when this thread was held up.
        tst = max(tst, self._last_tst.get(u.id, 0) + 1)
        self._last_tst[u.id] = tst
        seq = len(self.sent)
        # Noted before it leaves: the feed may show it before publish() has even returned.
        self.sent.append(Sent(seq, u.id, tst, lat, lon, now))
        info = self.client.publish(u.topic, _payload(tst, lat, lon, self.rng), qos=1)
        if info.rc not in (mqtt.MQTT_ERR_SUCCESS, mqtt.MQTT_ERR_NO_CONN):  # NO_CONN: queued for the reconnect
            raise RuntimeError(f"paho refused a fix: {info.rc}")
        self._mid_seq[info.mid] = seq

    def _run(self) -> None:
        t0 = time.monotonic()
        due = [(t0 + i * self.period_s / len(self.units), i) for i in range(len(self.units))]
        heapq.heapify(due)
        while not self._stop.is_set() and due:
            now = time.monotonic()
            while due and due[0][0] <= now:
                at, i = heapq.heappop(due)
                self._send(self.units[i])
                if not self.units[i].dark:
                    heapq.heappush(due, (at + self.period_s, i))
            self.resolve()
            self._stop.wait(max(0.0, min(0.02, due[0][0] - time.monotonic())) if due else 0.02)

    def resolve(self) -> None:
        while self._acks:
            mid, incarnation = self._acks.popleft()
            self.acked_by[self._mid_seq.pop(mid)] = incarnation

    def stop(self, timeout: float = 30.0) -> None:
        """Stop publishing, then wait until the broker has acknowledged everything queued."""
        self._stop.set()
        self._thread.join(10)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.resolve()
            if len(self.acked_by) == len(self.sent):
                break
            time.sleep(0.05)
        self.client.disconnect()
        self.client.loop_stop()


def _replay(port: int, messages: list[tuple[str, bytes]]) -> None:
    """A second client with late fixes, retained: the broker hands them over at the next subscribe."""
    client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="")
    client.connect("127.0.0.1", port)
    client.loop_start()
    try:
        infos = [client.publish(topic, payload, qos=1, retain=True) for topic, payload in messages]
        for info in infos:
            info.wait_for_publish(5)
    finally:
        client.disconnect()
        client.loop_stop()


class Map:
    """What the map page reads, checked against what the phones really sent."""

    def __init__(self, live: LivePositions, stale_s: int) -> None:
        self.live = live
        self.stale_s = stale_s
        self.truth: dict[tuple[int, int], tuple[float, float]] = {}  # (unit, tst) -> where the phone was
        self._known = 0  # how much of phones.sent is in truth
        self.looks = 0
        self.shown_fresh = 0  # sanity: a check that never sees a fresh unit proves little
        self.stale_shown_fresh: list[str] = []
        self.misplaced: list[str] = []

    def look(self, when: str, phones: Phones) -> None:
        polled = [(v.id, v.fixed_at.timestamp(), v.lat, v.lon) for v in self.live.units.views(VIEWER)
                  if v.fixed_at is not None and v.lat is not None and v.lon is not None]  # fmt: skip
        _seq, fixes = self.live.feed.changes_since(0)
        markers = [(f.unit_id, f.tst, f.lat, f.lon) for f in fixes]
        now = time.time()  # the moment the page would colour them, after reading
        # Read after the map: everything it shows was sent (and noted) before it was shown.
        for s in phones.sent[self._known :]:
            self.truth[(s.unit_id, s.tst)] = (s.lat, s.lon)
            self._known = s.seq + 1
        self.looks += 1
        for source, shown in (("views", polled), ("live", markers)):
            for unit_id, tst, lat, lon in shown:
                fresh = now - tst <= self.stale_s
                self.shown_fresh += fresh
                real = self.truth.get((unit_id, round(tst)))
                genuine = real is not None and math.isclose(real[0], lat) and math.isclose(real[1], lon)
                what = f"{when}: unit {unit_id} in {source} at ({lat}, {lon}) fixed {now - tst:.1f} s ago"
                if not genuine:
                    self.misplaced.append(what)
                    if fresh:
                        self.stale_shown_fresh.append(what)

    def add_backlog(self, unit_id: int, tst: int, at: tuple[float, float]) -> None:
        self.truth[(unit_id, tst)] = at


def _new_fix_stored(db: Database, floor_id: int, since: float) -> bool:
    after = datetime.fromtimestamp(since, UTC)
    with db.session() as s:
        stmt = select(UnitPosition.id).where(UnitPosition.id > floor_id, UnitPosition.fixed_at >= after).limit(1)
        return s.scalar(stmt) is not None


def _max_id(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(UnitPosition.id).order_by(UnitPosition.id.desc()).limit(1)) or 0)


def scenario(times: int, work: Path, backend: str, units: int = 1000, seed: int = SEED) -> BrokerRestartRow:
    rng = random.Random(seed)
    period_s = max(1.5, units / RATE_PER_S)
    stale_s = int(period_s) + 1  # a live unit is fresh between its fixes, and stale soon into an outage
    n_dark = max(2, units // 20)
    with fresh_database(backend, work) as url, private_broker(work, kill=True) as (port, kill, start):
        db = Database.open(url)
        specs = [(f"HN-{i:04d}", f"hn{i % 30:02d}", f"u{i:04d}", "available") for i in range(units)]
        ids = add_units(db, specs)
        fleet = [Unit(ids[cs], f"owntracks/{team}/{dev}", i < n_dark) for i, (cs, team, dev, _) in enumerate(specs)]
        cfg = Config(broker=BrokerConfig(host="127.0.0.1", port=port),
                     map=MapConfig(stale_after_s=stale_s, simulate=False))  # fmt: skip
        live = LivePositions(cfg, db, AuditLog())
        # (unit, fix time, lat, which connection of the feed) for every fix the feed accepted.
        accepted: list[tuple[int, int, float, int]] = []

        def tap(fix: Fix) -> None:
            # On paho's thread, which also runs the feed's on_subscribe: the count is exact here.
            accepted.append((fix.unit_id, round(fix.tst), fix.lat, live.feed.stats().reconnects))
            live.writer.put(fix)

        live.feed.sink = tap
        incarnation = [0]
        phones = Phones(port, fleet, period_s, stale_s, seed, lambda: incarnation[0])
        view = Map(live, stale_s)
        ups: list[float] = []  # wall time each restarted broker accepted connections
        downs: list[float] = []
        resumed: list[bool] = []  # a fix published after the restart reached the database
        resubscribed: list[float | None] = []
        late: list[tuple[int, int, float]] = []  # (unit, tst, lat) replayed from before the outage
        backlog: list[tuple[int, int]] = []
        problems: list[str] = []
        retained_restarts = 0
        repeats = 0
        live.start(simulate=False)
        try:
            assert live.feed.connected_event.wait(10), "the feed never connected to the private broker"
            phones.start()
            time.sleep(period_s + 0.5)  # every unit has reported before the first kill
            for k in range(1, times + 1):
                long = k % 2 == 0
                outage = rng.uniform(stale_s + 1.0, stale_s + 3.0) if long else rng.uniform(0.2, 1.5)
                newest = {u: t for u, t, _lat, _c in accepted}
                floor_id = _max_id(db)
                downs.append(time.time())
                kill()
                incarnation[0] = k  # before the start: a connection from now on is to incarnation k
                if long:
                    time.sleep(max(0.0, downs[-1] + stale_s + 0.5 - time.time()))
                    view.look(f"restart {k}, broker down", phones)
                time.sleep(max(0.0, downs[-1] + outage - time.time()))
                start()
                up = time.time()
                ups.append(up)
                messages: list[tuple[str, bytes]] = []
                live_ids = [u for u in fleet if not u.dark and newest.get(u.id, 0) >= int(downs[-1]) - 2 * stale_s]
                # Distinct units: the broker keeps one retained message per topic.
                picked = rng.sample(live_ids, min(30, len(live_ids)))
                for u in picked[:20]:
                    tst = min(newest[u.id], int(downs[-1])) - stale_s - rng.randint(1, 20)
                    at = _walk(rng, ELSEWHERE)
                    late.append((u.id, tst, at[0]))
                    messages.append((u.topic, _payload(tst, *at, rng)))
                sent_at = {(s.unit_id, s.tst): s for s in phones.sent}
                for u in picked[20:]:  # the same fix again, as a QoS 1 redelivery would bring it
                    again = sent_at.get((u.id, newest[u.id]))
                    if again is not None:
                        repeats += 1
                        messages.append((u.topic, _payload(again.tst, again.lat, again.lon, rng)))
                for u in fleet[:n_dark]:
                    tst = int(downs[-1]) - stale_s - 1
                    if tst <= max((t for unit, t in backlog if unit == u.id), default=0):
                        continue
                    at = phones.at[u.id]
                    backlog.append((u.id, tst))
                    view.add_backlog(u.id, tst, at)
                    messages.append((u.topic, _payload(tst, *at, rng)))
                _replay(port, messages)
                st = live.feed.stats()
                retained_restarts += not (st.connected and st.reconnects >= k)
                resub: float | None = None
                stored = False
                while time.time() < up + RECOVER_S and not stored:
                    st = live.feed.stats()
                    if resub is None and st.connected and st.reconnects >= k:
                        resub = time.time() - up
                    # A fix stamped a second after the restart was certainly published after it.
                    stored = resub is not None and _new_fix_stored(db, floor_id, up + 1.0)
                    time.sleep(0.05)
                resubscribed.append(resub)
                resumed.append(stored)
                if not stored:
                    problems.append(f"restart {k}: no new fix stored within {RECOVER_S:.0f} s")
                view.look(f"restart {k}, recovered", phones)
                time.sleep(rng.uniform(1.0, 2.0))
            phones.stop()
            # Drained: the feed has had nothing for a second and the writer has stored all it was given.
            seen, since = len(accepted), time.monotonic()

            def drained() -> bool:
                nonlocal seen, since
                if len(accepted) != seen:
                    seen, since = len(accepted), time.monotonic()
                return time.monotonic() - since > 0.5 and live.writer.written >= len(accepted)

            if not wait_for(drained, timeout=60, step=0.1):
                problems.append(f"writer did not catch up: {live.writer.written} of {len(accepted)} written")
            view.look("end", phones)
            _seq, in_memory = live.feed.changes_since(0)
            reconnects = live.feed.stats().reconnects
            refused = live.feed.stats().rejected
        finally:
            live.stop()
        with db.session() as session:
            rows = session.execute(select(UnitPosition.unit_id, UnitPosition.fixed_at, UnitPosition.lat,
                                    UnitPosition.lon, UnitPosition.received_at)).all()  # fmt: skip
            latest = {r.unit_id: (round(r.fixed_at.timestamp()), r.lat, r.lon)
                      for r in session.scalars(select(UnitLatestPosition))}  # fmt: skip
        db.dispose()

    stored_at: dict[tuple[int, int], tuple[float, float, float]] = {}
    for unit_id, fixed_at, lat, lon, received_at in rows:
        stored_at[(unit_id, round(fixed_at.timestamp()))] = (lat, lon, received_at.timestamp())
    duplicated = len(rows) - len(stored_at)
    duplicated += sum(c - 1 for c in Counter((u, t) for u, t, _lat, _c in accepted).values() if c > 1)

    # The first fix each incarnation delivered marks where it held the feed's subscription.
    seq_of = {(s.unit_id, s.tst): s.seq for s in phones.sent}
    first_seq: dict[int, int] = {}
    for unit_id, tst, _lat, connection in accepted:
        seq = seq_of.get((unit_id, tst))
        if seq is not None and seq < first_seq.get(connection, len(phones.sent)):
            first_seq[connection] = seq
    lost, queued_in_outage, sent_before_resubscribe, unacked = 0, 0, 0, 0
    for s in phones.sent:
        by = phones.acked_by.get(s.seq)
        if by is None:
            unacked += 1
        elif (s.unit_id, s.tst) not in stored_at:
            if s.seq >= first_seq.get(by, len(phones.sent)):
                lost += 1
                if lost <= 5:
                    problems.append(f"lost: unit {s.unit_id} fix {s.tst}, acknowledged by incarnation {by}")
            elif by > 0 and s.wall < ups[by - 1]:
                queued_in_outage += 1
            else:
                sent_before_resubscribe += 1
    missing_backlog = [key for key in backlog if key not in stored_at]
    lost += len(missing_backlog)
    problems += [f"backlog fix of quiet unit {u} at {t} not stored" for u, t in missing_backlog[:5]]
    if unacked:
        problems.append(f"{unacked} fixes never acknowledged by any broker")
    if live.writer.dropped or live.writer.failed_batches:
        problems.append(f"writer dropped {live.writer.dropped} fixes, {live.writer.failed_batches} batches failed")
    if reconnects != times:
        problems.append(f"the feed reconnected {reconnects} times for {times} restarts")

    # A late fix from before the outage is refused: not accepted, not stored, never latest.
    late_set = set(late)
    late_taken = [(u, t) for u, t, lat, _c in accepted if (u, t, lat) in late_set]
    late_stored = [(u, t) for u, t, lat in late if (u, t) in stored_at and math.isclose(stored_at[(u, t)][0], lat)]
    if late_taken or late_stored:
        problems.append(f"late pre-outage fixes accepted {len(late_taken)}, stored {len(late_stored)}")
    # Proof the replayed fixes reached the feed: each is refused as out of order or as a repeat.
    replay_refusals = refused.get("out_of_order", 0) + refused.get("duplicate", 0)
    if replay_refusals < len(late) - len(late_taken) + repeats:
        problems.append(f"only {replay_refusals} refusals for {len(late)} late fixes and {repeats} repeats")
    newest_stored: dict[int, tuple[int, float, float]] = {}
    for (unit_id, tst), (lat, lon, _r) in stored_at.items():
        if tst > newest_stored.get(unit_id, (0, 0.0, 0.0))[0]:
            newest_stored[unit_id] = (tst, lat, lon)
    memory = {f.unit_id: (round(f.tst), f.lat, f.lon) for f in in_memory}
    for name, shown in (("database", latest), ("feed memory", memory)):
        wrong = [u for u, fix in newest_stored.items() if shown.get(u) != fix]
        if wrong:
            problems.append(f"{len(wrong)} units whose latest in the {name} is not their newest fix, e.g. {wrong[0]}")
    if view.shown_fresh == 0:
        problems.append("no unit was ever shown fresh: the freshness check saw nothing")
    problems += view.misplaced[:5]

    # Broker up -> first fix published after it, stored (received_at), per recovered restart.
    ttff: list[float] = []
    for k, up in enumerate(ups):
        if not resumed[k]:
            continue
        until = downs[k + 1] if k + 1 < len(downs) else math.inf
        stamps = [stored_at[(s.unit_id, s.tst)][2] for s in phones.sent
                  if up <= s.wall < until and (s.unit_id, s.tst) in stored_at]  # fmt: skip
        ttff.append(min(stamps) - up if stamps else math.nan)
    recovered = sum(1 for k in range(times) if resumed[k] and resubscribed[k] is not None)
    resubs = tuple(r for r in resubscribed if r is not None)
    ttff_ok = [t for t in ttff if not math.isnan(t)]
    summary = (
        f"broker restarts {times}, units {units} ({units / period_s:.0f} fixes/s), backend {backend}: "
        f"recovered {recovered}/{times}, lost {lost}, duplicated {duplicated}, "
        f"stale shown fresh {len(view.stale_shown_fresh)} in {view.looks} looks ({view.shown_fresh} fresh shown), "
        f"first fix stored after up p50 {percentile(ttff_ok, 50):.2f} s p95 {percentile(ttff_ok, 95):.2f} s "
        f"max {max(ttff_ok, default=0.0):.2f} s, resubscribed max {max(resubs, default=0.0):.2f} s, "
        f"sent {len(phones.sent)}, stored {len(stored_at)}; acknowledged before the feed resubscribed: "
        f"{queued_in_outage} queued in the outage, {sent_before_resubscribe} sent after; "
        f"late fixes refused {len(late) - len(late_taken)}/{len(late)}, repeats {repeats}, feed refusals "
        f"{dict(refused)}, backlog stored "
        f"{len(backlog) - len(missing_backlog)}/{len(backlog)}, "
        f"through the retained store in {retained_restarts}/{times} restarts"
    )
    print(summary)  # the figures for docs/reliability.md (pytest -s, or bench/faults.py)
    for p in problems:
        print("  problem:", p)
    return BrokerRestartRow(
        injected=f"MQTT broker SIGKILLed and restarted during a {units:,}-unit feed",
        times=times,
        recovered=f"{recovered}/{times} reconnected and resumed; {len(view.stale_shown_fresh)} stale shown fresh"
        + (f"; problems: {len(problems)}" if problems else ""),
        lost=lost,
        duplicated=duplicated,
        worst=f"{max(ttff_ok, default=math.nan):.1f} s",
        stale_shown_fresh=len(view.stale_shown_fresh),
        first_fix_s=tuple(ttff),
        resubscribe_s=resubs,
        queued_in_outage=queued_in_outage,
        sent_before_resubscribe=sent_before_resubscribe,
        retained_restarts=retained_restarts,
        late_refused=len(late) - len(late_taken),
        backlog_stored=len(backlog) - len(missing_backlog),
        problems=tuple(problems),
    )


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_feed_recovers_from_killed_broker_losing_nothing_and_showing_no_stale_fix_fresh(
    backend: str, tmp_path: Path
) -> None:
    row = scenario(3, tmp_path, backend, units=200)
    assert row.recovered.startswith("3/3 reconnected"), row
    assert (row.lost, row.duplicated, row.stale_shown_fresh) == (0, 0, 0), row
    assert not row.problems, row.problems
    assert row.late_refused > 0 and row.backlog_stored > 0, row  # the late-delivery cases were exercised
