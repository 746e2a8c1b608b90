"""GPS feed: OwnTracks validation, the real broker, batched storage, reconnect after a broker restart."""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path

import paho.mqtt.client as mqtt
import pytest
from gps_setup import SYSTEM_BROKER, add_units, private_broker, wait_for
from paho.mqtt.enums import CallbackAPIVersion
from sqlalchemy import func, select

from console.config import BrokerConfig
from console.feeds.gps import Fix, FixValidator, GpsFeed, Reject
from console.services.units import PositionWriter, UnitService
from console.storage.db import Database
from console.storage.models import UnitLatestPosition, UnitPosition

NOW = 1_780_000_000.0


def _msg(**over: object) -> bytes:
    body: dict[str, object] = {"_type": "location", "lat": 21.0285, "lon": 105.8542, "tst": int(NOW) - 5,
                               "vel": 42, "cog": 180, "acc": 6, "batt": 77}  # fmt: skip
    body.update(over)
    return json.dumps({k: v for k, v in body.items() if v is not None}).encode()


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"{not json", Reject.MALFORMED),
        (b"[1, 2]", Reject.MALFORMED),
        (b"\xff\xfe", Reject.MALFORMED),
        (_msg(_type="transition"), Reject.WRONG_TYPE),
        (_msg(lat=None), Reject.MISSING_FIELD),
        (_msg(lon="105.8"), Reject.MISSING_FIELD),
        (_msg(lat=91.0), Reject.OUT_OF_RANGE),
        (_msg(lon=-180.5), Reject.OUT_OF_RANGE),
        (b'{"_type":"location","lat":NaN,"lon":1,"tst":1780000000}', Reject.MISSING_FIELD),
        (_msg(tst=int(NOW) + 61), Reject.FUTURE),
        (_msg(tst=int(NOW) - 7 * 3600), Reject.TOO_OLD),
    ],
)
def test_validator_rejects_bad_messages_by_reason(payload: bytes, reason: Reject) -> None:
    v = FixValidator({("hn1", "to01"): 1}, clock=lambda: NOW)
    assert v.check("hn1", "to01", payload) == reason


def test_validator_rejects_unknown_team_duplicates_and_out_of_order() -> None:
    v = FixValidator({("hn1", "to01"): 7}, last_fix={7: NOW - 100}, clock=lambda: NOW)
    assert v.check("hn9", "to01", _msg()) == Reject.UNKNOWN_TEAM
    assert v.check("hn1", "to01", _msg(tst=int(NOW) - 200)) == Reject.OUT_OF_ORDER  # older than the stored fix
    fix = v.check("hn1", "to01", _msg(tst=int(NOW) - 10, cog=370, batt=140))
    assert isinstance(fix, Fix)
    assert (fix.unit_id, fix.lat, fix.lon, fix.speed_kmh, fix.course_deg, fix.battery_pct) == (
        7, 21.0285, 105.8542, 42.0, 10.0, None)  # fmt: skip
    assert v.check("hn1", "to01", _msg(tst=int(NOW) - 10)) == Reject.DUPLICATE
    assert v.check("hn1", "to01", _msg(tst=int(NOW) - 11)) == Reject.OUT_OF_ORDER


def test_feed_counts_bad_topics_and_never_raises() -> None:
    feed = GpsFeed(FixValidator({("a", "b"): 1}), topic_prefix="owntracks")
    assert feed.ingest("owntracks/a", _msg(tst=int(time.time()))) == Reject.BAD_TOPIC
    assert feed.ingest("other/a/b", _msg(tst=int(time.time()))) == Reject.BAD_TOPIC
    assert isinstance(feed.ingest("owntracks/a/b", _msg(tst=int(time.time()))), Fix)
    st = feed.stats()
    assert st.accepted == 1 and st.rejected == {"bad_topic": 2}


def _publisher(port: int) -> mqtt.Client:
    client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="")
    client.connect("127.0.0.1", port)
    client.loop_start()
    return client


def test_real_broker_fixes_are_validated_counted_and_stored_in_batches(database: Database) -> None:
    ids = add_units(database, [("HN1-01", "hn1", "to01", "available"), ("HN1-02", "hn1", "to02", "available")])
    units = UnitService(database)
    writer = PositionWriter(units, interval_s=0.2)
    writer.start()
    prefix = f"test-{uuid.uuid4().hex[:8]}/owntracks"
    feed = GpsFeed(FixValidator(units.trackers()), sink=writer.put, topic_prefix=prefix)
    feed.connect(BrokerConfig(host=SYSTEM_BROKER[0], port=SYSTEM_BROKER[1]))
    pub = None
    try:
        assert feed.connected_event.wait(10), "no connection to the system Mosquitto"
        pub = _publisher(SYSTEM_BROKER[1])
        now = int(time.time())
        sent = [
            ("hn1/to01", _msg(tst=now - 3, lat=21.01, lon=105.81)),
            ("hn1/to01", _msg(tst=now - 2, lat=21.02, lon=105.82)),
            ("hn1/to01", _msg(tst=now - 2, lat=21.02, lon=105.82)),  # duplicate (QoS redelivery)
            ("hn1/to02", _msg(tst=now - 1, lat=21.05, lon=105.85)),
            ("hn1/to02", b"{broken"),
            ("hn1/to02", _msg(tst=now, lat=123.0)),
            ("hn1/to02", _msg(tst=now + 3600)),
            ("hn9/zz", _msg(tst=now)),
            ("hn1/to01", _msg(tst=now - 60)),  # older than what we have
        ]
        for topic, payload in sent:
            pub.publish(f"{prefix}/{topic}", payload, qos=1).wait_for_publish(5)
        assert wait_for(lambda: feed.stats().accepted + sum(feed.stats().rejected.values()) == len(sent))
        st = feed.stats()
        assert st.accepted == 3
        assert st.rejected == {"duplicate": 1, "malformed_json": 1, "out_of_range": 1, "future_timestamp": 1,
                               "unknown_team": 1, "out_of_order": 1}  # fmt: skip
        assert st.connected and st.last_message_at is not None and st.rate_per_s > 0
        assert wait_for(lambda: writer.written == 3)
    finally:
        if pub is not None:
            pub.disconnect()
            pub.loop_stop()
        feed.close()
        writer.stop()
    with database.session() as s:
        latest = {r.unit_id: (r.lat, r.lon) for r in s.scalars(select(UnitLatestPosition))}
        assert latest == {ids["HN1-01"]: (21.02, 105.82), ids["HN1-02"]: (21.05, 105.85)}
        assert s.scalar(select(func.count()).select_from(UnitPosition)) == 3


def test_writer_keeps_the_newest_fix_and_ignores_repeats(database: Database) -> None:
    ids = add_units(database, [("A", "t", "a", "available")])
    units = UnitService(database)
    v = FixValidator(units.trackers(), clock=lambda: NOW)
    f1 = v.check("t", "a", _msg(tst=int(NOW) - 30, lat=20.0))
    f2 = v.check("t", "a", _msg(tst=int(NOW) - 20, lat=20.5))
    assert isinstance(f1, Fix) and isinstance(f2, Fix)
    assert units.write_fixes([f2]) == 1
    units.write_fixes([f1, f2])  # an older fix arriving late and a repeat: latest stays at f2
    with database.session() as s:
        assert s.get(UnitLatestPosition, ids["A"]).lat == 20.5  # type: ignore[union-attr]
        assert s.scalar(select(func.count()).select_from(UnitPosition)) == 2


def test_feed_reconnects_after_a_broker_restart_and_keeps_its_state(tmp_path: Path) -> None:
    with private_broker(tmp_path) as (port, stop, start):
        feed = GpsFeed(FixValidator({("pv", "01"): 1}), topic_prefix="owntracks")
        feed.connect(BrokerConfig(host="127.0.0.1", port=port))
        try:
            assert feed.connected_event.wait(10)
            pub = _publisher(port)
            pub.publish("owntracks/pv/01", _msg(tst=int(time.time()) - 2, lat=20.9), qos=1).wait_for_publish(5)
            pub.disconnect()
            pub.loop_stop()
            assert wait_for(lambda: feed.stats().accepted == 1)
            stop()
            assert wait_for(lambda: not feed.stats().connected, 10), "loss of the broker not noticed"
            start()
            assert wait_for(lambda: feed.stats().connected, 20), "feed did not reconnect"
            assert feed.stats().reconnects == 1
            # The map's state survived the outage: the unit is still known at its last position.
            _seq, fixes = feed.changes_since(0)
            assert [(f.unit_id, f.lat) for f in fixes] == [(1, 20.9)]
            pub = _publisher(port)
            pub.publish("owntracks/pv/01", _msg(tst=int(time.time()), lat=20.95), qos=1).wait_for_publish(5)
            pub.disconnect()
            pub.loop_stop()
            assert wait_for(lambda: feed.stats().accepted == 2), "no fix accepted after the restart"
        finally:
            feed.close()
