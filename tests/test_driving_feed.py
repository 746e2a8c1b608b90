"""Journey devices through a real Mosquitto into the database; bad messages counted, never a crash."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path

import paho.mqtt.client as mqtt
from driving_setup import add_fleet
from gps_setup import free_port, private_broker, wait_for
from paho.mqtt.enums import CallbackAPIVersion
from sqlalchemy import func, select

from console.config import BrokerConfig
from console.demo.driving import FLEET, DemoJourneys, seed_demo_driving
from console.services.driving.engine import DrivingFix
from console.services.driving.live import DrivingWriter, LiveDriving
from console.services.driving.rules import default_rules
from console.services.driving.store import DrivingStore
from console.storage.db import Database
from console.storage.models import DrivingClock, DrivingPeriod


def test_fixes_over_mqtt_become_periods_and_bad_ones_are_counted(database: Database, tmp_path: Path) -> None:
    ids = add_fleet(database, [("51B12345", "790123456789", "Nguyễn Văn An")])
    driver_id, _ = ids["790123456789"]
    with private_broker(tmp_path) as (port, _stop, _start):
        live = LiveDriving(database)
        live.writer.interval_s = 0.2
        live.start(BrokerConfig(host="127.0.0.1", port=port))
        try:
            assert live.feed.connected_event.wait(10)
            pub = mqtt.Client(CallbackAPIVersion.VERSION2)
            pub.connect("127.0.0.1", port)
            pub.loop_start()
            now = time.time()
            start = now - 20 * 60
            good = [
                {"_type": "location", "lat": 10.8 + i * 0.002, "lon": 106.7, "tst": start + i * 30, "vel": 62}
                for i in range(40)
            ]
            for p in good:
                pub.publish("journey/790123456789/51B-123.45", json.dumps(p), qos=1).wait_for_publish()
            bad = {
                "journey/790123456789/51B-123.45": [
                    b"{not json",
                    b'{"_type": "waypoint"}',
                    b'{"_type": "location"}',
                    json.dumps(good[0]).encode(),
                ],
                "journey/000000000000/51B12345": [json.dumps(good[-1] | {"tst": now}).encode()],
                "journey/790123456789/99Z99999": [json.dumps(good[-1] | {"tst": now}).encode()],
            }
            for topic, payloads in bad.items():
                for payload in payloads:
                    pub.publish(topic, payload, qos=1).wait_for_publish()
            assert live.feed.ingest("journey/only-one-part", b"{}") == "bad_topic"  # the broker would not route it
            pub.loop_stop()
            pub.disconnect()
            assert wait_for(lambda: sum(live.feed.stats().rejected.values()) == 7 and live.writer.applied == 40)
        finally:
            live.stop()
    stats = live.feed.stats()
    assert stats.accepted == 40
    assert stats.rejected == {"malformed_json": 1, "wrong_type": 1, "missing_field": 1, "out_of_order": 1,
                              "unknown_driver": 1, "unknown_vehicle": 1, "bad_topic": 1}  # fmt: skip
    with database.sessions() as s:
        clock = s.get(DrivingClock, driver_id)
        assert clock is not None and clock.continuous_s == 39 * 30
        assert s.scalar(select(func.count()).select_from(DrivingPeriod)) == 1


def test_fixes_are_kept_while_the_database_is_unreachable(database: Database) -> None:
    ids = add_fleet(database, [("51B12345", "790123456789", "Nguyễn Văn An")])
    driver_id, vehicle_id = ids["790123456789"]
    nowhere = Database.open(f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/none", connect_timeout=1)
    writer = DrivingWriter(DrivingStore(nowhere, default_rules()), interval_s=0.05)
    writer.start()
    try:
        start = time.time() - 3600
        for i in range(20):
            writer.put(DrivingFix(driver_id, vehicle_id, start + i * 30, 10.8, 106.7, 60.0))
        assert wait_for(lambda: writer.held_batches >= 2)
        assert (writer.applied, writer.failed_batches, writer.dropped) == (0, 0, 0)
        writer.store = DrivingStore(database, default_rules())  # the server answers again
        assert wait_for(lambda: writer.applied == 20)
    finally:
        writer.stop()
        nowhere.dispose()
    with database.sessions() as s:
        clock = s.get(DrivingClock, driver_id)
        assert clock is not None and clock.continuous_s == 19 * 30


def test_the_demo_fleet_keeps_reporting_through_the_feed(database: Database) -> None:
    assert seed_demo_driving(database, datetime.now(UTC)) > 0
    live = LiveDriving(database)
    live.writer.interval_s = 0.05
    live.start(None)
    journeys = DemoJourneys(live.feed.ingest, period_s=0.05)
    journeys.start()
    try:
        assert wait_for(lambda: live.writer.applied >= 3 * len(FLEET))
    finally:
        journeys.stop()
        live.stop()
    assert live.feed.stats().rejected == {}
