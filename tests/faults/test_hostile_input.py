"""Hostile input at the boundaries: every bad message or file gets its reason, nothing crashes, nothing is stored.

- 10,000 hostile OwnTracks messages through the real Mosquitto into the GPS feed: each counted under
  the reason it deserves, none accepted, none left unhandled on the network thread.
- 1,000 fuzzed registration CSVs and 1,000 fuzzed patrol-log JSON files: each either imports or is
  refused with the importer's own error, and a refused file leaves the database as it was.
Seeded, so a failure names a case that can be replayed.
"""

from __future__ import annotations

import json
import logging
import random
import time
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import paho.mqtt.client as mqtt
import pytest
from gps_setup import SYSTEM_BROKER, add_units, wait_for
from paho.mqtt.enums import CallbackAPIVersion
from patrol_setup import dumps, log_doc, make_people, make_unit
from review_setup import make_world
from sqlalchemy import func, select

from console.config import BrokerConfig
from console.feeds.gps import Fix, FixValidator, GpsFeed, Reject
from console.services.audit import AuditLog
from console.services.context import SYSTEM
from console.services.patrol.schema import LogFileError
from console.services.patrol_logs import PatrolLogError, PatrolLogService
from console.services.registrations import RegistrationImportError, RegistrationService
from console.services.units import UnitService
from console.storage.db import Database
from console.storage.models import AuditHead, PatrolLog, VehicleRegistration

SEED = 20261204
GOOD = (
    "plate,plate_colour,vehicle_class,owner_name,owner_address,owner_phone,registered_on\n"
    '30A-111.22,white,car,Nguyễn Văn An,"Số 1, Hà Nội",0912345678,2021-05-01\n'
    "29 b1 12345,white,motorbike,Trần Thị Bình,,,\n"
    "51D20863,yellow,truck,Công ty Vận tải Nam,,,2019-01-31\n"
)
JUNK = ["", "\x00", "\ufeff", '"', ",", "\n", "\r\n", "{", "]", "\\", "NaN", "1e400", "-0", "ø" * 3, "A" * 200_000]


def _location(now: int, **over: object) -> dict[str, object]:
    body: dict[str, object] = {"_type": "location", "lat": 21.0285, "lon": 105.8542, "tst": now - 5}
    body.update(over)
    return body


def _hostile(rng: random.Random, now: int) -> tuple[bytes, Reject]:
    """One hostile payload and the reason the feed must give for it."""
    kind = rng.randrange(11)
    if kind == 0:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 64))) + b"\xff", Reject.MALFORMED
    if kind == 1:
        return b"[" * rng.randrange(2_000, 200_000), Reject.MALFORMED  # nesting deeper than the JSON parser goes
    if kind == 2:
        return json.dumps(rng.choice([[1, 2], "x", 3, None, True])).encode(), Reject.MALFORMED
    if kind == 3:
        return json.dumps(_location(now, _type=rng.choice(["transition", "card", 7, None]))).encode(), Reject.WRONG_TYPE
    if kind == 4:
        bad = rng.choice(["21.0", None, True, [21.0], {"v": 1}])
        return json.dumps(_location(now, **{rng.choice(["lat", "lon", "tst"]): bad})).encode(), Reject.MISSING_FIELD
    if kind == 5:
        text = json.dumps(_location(now)).replace("21.0285", rng.choice(["NaN", "Infinity", "-Infinity", "1e400"]))
        return text.encode(), Reject.MISSING_FIELD
    if kind == 6:
        over = rng.choice([{"lat": 90.0001}, {"lat": -1e300}, {"lon": 180.5}, {"lon": -1e9}])
        return json.dumps(_location(now, **over)).encode(), Reject.OUT_OF_RANGE
    if kind == 7:
        return json.dumps(_location(now, tst=now + rng.choice([3_600, 10**9, 1e300]))).encode(), Reject.FUTURE
    if kind == 8:
        return json.dumps(_location(now, tst=rng.choice([0, -1e300, now - 7 * 3600]))).encode(), Reject.TOO_OLD
    if kind == 9:  # a long string in an unknown field, a megabyte now and then, on a device nobody registered
        size = 1_000_000 if rng.random() < 0.03 else 10_000
        return json.dumps(_location(now, junk="x" * size)).encode(), Reject.UNKNOWN_TEAM
    return json.dumps(_location(now, vel="fast", cog=[1], batt=1e308, extra={"a": 1})).encode(), Reject.UNKNOWN_TEAM


def test_ten_thousand_hostile_messages_through_the_broker_are_all_counted_by_reason(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    add_units(database, [("HN1-01", "hn1", "to01", "available")])
    units = UnitService(database)
    accepted: list[Fix] = []
    prefix = f"fault-{uuid.uuid4().hex[:8]}/owntracks"
    feed = GpsFeed(FixValidator(units.trackers()), sink=accepted.append, topic_prefix=prefix)
    feed.connect(BrokerConfig(host=SYSTEM_BROKER[0], port=SYSTEM_BROKER[1]))
    pub = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="")
    rng = random.Random(SEED)
    now = int(time.time())
    expected: Counter[str] = Counter()
    caplog.set_level(logging.WARNING, logger="console.feeds.gps")
    try:
        assert feed.connected_event.wait(10), "no connection to the system Mosquitto"
        pub.connect(*SYSTEM_BROKER)
        pub.loop_start()
        for i in range(10_000):
            payload, reason = _hostile(rng, now)
            # Known devices get the ones that must fail on content; the rest go to an unknown device.
            device = "zz9/x" if reason == Reject.UNKNOWN_TEAM else "hn1/to01"
            if i % 97 == 0:
                device, reason = "/x", Reject.BAD_TOPIC  # an empty team level: + matches it, the feed must not
            expected[reason.value] += 1
            pub.publish(f"{prefix}/{device}", payload, qos=1).wait_for_publish(10)
        assert wait_for(lambda: sum(feed.stats().rejected.values()) >= 10_000, timeout=120)
        stats = feed.stats()
    finally:
        pub.disconnect()
        pub.loop_stop()
        feed.close()
    assert stats.accepted == 0 and not accepted
    assert dict(stats.rejected) == dict(expected)
    assert not [r for r in caplog.records if "not handled" in r.getMessage()]


def _mutate_text(rng: random.Random, text: str) -> str:
    for _ in range(rng.randrange(1, 4)):
        op = rng.randrange(5)
        at = rng.randrange(len(text) + 1)
        if op == 0:
            text = text[:at] + rng.choice(JUNK) + text[at:]
        elif op == 1:
            text = text[:at] + text[at + rng.randrange(1, 40) :]
        elif op == 2:
            text = text[:at]
        elif op == 3 and text:
            text = text[:at] + chr(rng.randrange(0x20, 0x2FFF)) + text[at + 1 :]
        else:
            lines = text.splitlines(keepends=True)
            if lines:
                line = rng.randrange(len(lines))
                lines.insert(line, lines[line])
                text = "".join(lines)
    return text


def _state(db: Database, model: type[VehicleRegistration] | type[PatrolLog]) -> tuple[int, int]:
    with db.session() as s:
        count = int(s.scalar(select(func.count()).select_from(model)) or 0)
        head = s.get_one(AuditHead, 1).seq
    return count, head


def _fuzz(
    db: Database,
    model: type[VehicleRegistration] | type[PatrolLog],
    cases: Callable[[random.Random], str],
    load: Callable[[str, int], object],
    refusals: tuple[type[Exception], ...],
) -> Counter[str]:
    """Each case imports or is refused with one of ``refusals``, and a refused one changes nothing."""
    rng = random.Random(SEED)
    outcomes: Counter[str] = Counter()
    for case in range(1_000):
        text = cases(rng)
        before = _state(db, model)
        try:
            load(text, case)
        except refusals as exc:
            assert str(exc), f"case {case}: an empty message"
            assert _state(db, model) == before, f"case {case} stored something"
            outcomes["refused"] += 1
        else:
            outcomes["imported"] += 1
    print(f"fuzz outcomes: {dict(outcomes)}")  # the figure for docs/reliability.md (pytest -s)
    return outcomes


def test_a_thousand_fuzzed_registration_files_import_or_are_refused_leaving_nothing(
    sqlite_database: Database,
) -> None:
    service = RegistrationService(sqlite_database, make_world(sqlite_database, Path("/nonexistent")).audit)
    outcomes = _fuzz(
        sqlite_database,
        VehicleRegistration,
        lambda rng: _mutate_text(rng, GOOD),
        lambda text, case: service.import_text(SYSTEM, text, source=f"fuzz-{case}.csv"),
        (RegistrationImportError,),
    )
    assert outcomes["refused"] > 500 and sum(outcomes.values()) == 1_000


def _mutate_json(rng: random.Random, doc: dict[str, object]) -> str:
    if rng.random() < 0.5:
        return _mutate_text(rng, json.dumps(doc, ensure_ascii=False, indent=1))
    value: Any = json.loads(json.dumps(doc))
    path: list[Any] = []
    node = value
    while isinstance(node, dict | list) and node and rng.random() < 0.7:
        key: Any = rng.choice(list(node)) if isinstance(node, dict) else rng.randrange(len(node))
        path.append(key)
        node = node[key]
    replacement: Any = rng.choice([None, -1, 10**20, 1e308, "", "x" * 100_000, [], {}, True, "2026-13-45T25:61:00Z"])
    if not path:
        return json.dumps(replacement)
    parent = value
    for key in path[:-1]:
        parent = parent[key]
    if isinstance(parent, dict) and rng.random() < 0.3:
        del parent[path[-1]]
    else:
        parent[path[-1]] = replacement
    return json.dumps(value, ensure_ascii=False)


def test_a_thousand_fuzzed_patrol_logs_import_or_are_refused_leaving_nothing(sqlite_database: Database) -> None:
    make_unit(sqlite_database)
    operator, _supervisor = make_people(sqlite_database)
    service = PatrolLogService(sqlite_database, AuditLog())
    base = json.loads(dumps(log_doc()))
    outcomes = _fuzz(
        sqlite_database,
        PatrolLog,
        lambda rng: _mutate_json(rng, base),
        lambda text, case: service.import_text(operator, text, f"fuzz-{case}.json"),
        (LogFileError, PatrolLogError),
    )
    assert outcomes["refused"] > 500 and sum(outcomes.values()) == 1_000
