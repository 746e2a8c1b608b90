"""A centre's display-only workstations and its one `main.py feeds serve`, through a real Mosquitto."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import paho.mqtt.client as mqtt
from driving_setup import add_fleet
from gps_setup import add_units, private_broker, wait_for
from paho.mqtt.enums import CallbackAPIVersion
from sqlalchemy import func, select

from console.config import BrokerConfig, Config
from console.services.audit import AuditLog
from console.services.units import LivePositions
from console.storage.db import Database
from console.storage.models import DrivingClock, UnitPosition

ROOT = Path(__file__).resolve().parents[1]


def _count(db: Database, model: type[UnitPosition] | type[DrivingClock]) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _url(db: Database) -> str:
    return db.engine.url.render_as_string(hide_password=False)


def _stored_after_publishing(pub: mqtt.Client, db: Database) -> bool:
    pub.publish("owntracks/doi6/xe01", _location(20.96), qos=1).wait_for_publish(5)
    return _count(db, UnitPosition) > 0


def _location(lat: float) -> bytes:
    return json.dumps({"_type": "location", "lat": lat, "lon": 105.85, "tst": int(time.time()), "vel": 40}).encode()


def test_display_only_workstations_show_positions_and_one_feeds_serve_stores_them(
    database: Database, tmp_path: Path
) -> None:
    add_units(database, [("CT6-01", "doi6", "xe01", "available")])
    add_fleet(database, [("51B12345", "790123456789", "Nguyễn Văn An")])
    with private_broker(tmp_path) as (port, _stop, _start):
        workstation = LivePositions(Config(broker=BrokerConfig(host="127.0.0.1", port=port, store=False)), database,
                                    AuditLog())  # fmt: skip
        workstation.start(simulate=False)
        pub = mqtt.Client(CallbackAPIVersion.VERSION2)
        pub.connect("127.0.0.1", port)
        pub.loop_start()
        serve: subprocess.Popen[str] | None = None
        output: list[str] = []  # the service's screen: stdout and its log, line by line
        try:
            assert workstation.feed.connected_event.wait(10)
            pub.publish("owntracks/doi6/xe01", _location(20.95), qos=1).wait_for_publish(5)
            assert wait_for(lambda: bool(workstation.feed.changes_since(0)[1]), 10)  # shown on its map...
            time.sleep(1.0)  # ...longer than a storing console's 0.5 s writer interval
            assert _count(database, UnitPosition) == 0  # ...and not stored by it

            env = {"TCC_BROKER__HOST": "127.0.0.1", "TCC_BROKER__PORT": str(port),
                   "TCC_LOGGING__DIR": str(tmp_path / "log"), "PATH": "/usr/bin:/bin"}  # fmt: skip
            cmd = [
                sys.executable,
                str(ROOT / "main.py"),
                "feeds",
                "serve",
                "--db",
                _url(database),
                "--stats-every",
                "1",
            ]
            serve = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
            threading.Thread(target=lambda: output.extend(serve.stdout or ()), daemon=True).start()
            assert wait_for(lambda: any(line.startswith("feeds: storing") for line in output), 30), "".join(output)
            # The service's subscriptions are made once it is connected: publish until a fix is stored.
            assert wait_for(lambda: _stored_after_publishing(pub, database), 20, step=0.5)
            start = time.time() - 20 * 60
            for i in range(30):
                fix = {"_type": "location", "lat": 10.8 + i * 0.002, "lon": 106.7, "tst": start + i * 30, "vel": 62}
                pub.publish("journey/790123456789/51B-123.45", json.dumps(fix), qos=1).wait_for_publish(5)
            assert wait_for(lambda: _count(database, DrivingClock) == 1, 20)
            positions = _count(database, UnitPosition)
            time.sleep(1.1)  # a fix in the same second as the last stored one is a repeat (OwnTracks tst is whole s)
            pub.publish("owntracks/doi6/xe01", _location(20.97), qos=1).wait_for_publish(5)
            assert wait_for(lambda: _count(database, UnitPosition) == positions + 1, 10)
            assert wait_for(lambda: any(f.lat == 20.97 for f in workstation.feed.changes_since(0)[1]), 10)
        finally:
            pub.loop_stop()
            pub.disconnect()
            workstation.stop()
            if serve is not None and serve.poll() is None:
                serve.send_signal(signal.SIGTERM)
        assert serve is not None and serve.wait(20) == 0, "".join(output)
        assert wait_for(lambda: "feeds: stopped\n" in output, 5), "".join(output)


def test_feeds_serve_without_a_broker_says_so(sqlite_database: Database, tmp_path: Path) -> None:
    env = {"TCC_LOGGING__DIR": str(tmp_path / "log"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, str(ROOT / "main.py"), "feeds", "serve", "--db", _url(sqlite_database)],
                         capture_output=True, text=True, env=env, timeout=60)  # fmt: skip
    assert out.returncode == 2 and "no MQTT broker configured" in out.stderr
