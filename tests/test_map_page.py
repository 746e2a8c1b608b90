"""The map page end to end: offline page, live markers from the real broker, layers, intents, dispatch."""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterator
from typing import Any

import paho.mqtt.client as mqtt
import pytest
from gps_setup import SYSTEM_BROKER
from paho.mqtt.enums import CallbackAPIVersion
from PySide6.QtCore import QEventLoop, QTimer
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.bootstrap import Services, build_services
from console.config import BrokerConfig, Config, MapConfig
from console.demo.seed import DEMO_ADMIN, DEMO_PASSWORD, seed_demo
from console.services import units as live_units
from console.services.queries import Queries
from console.storage.db import Database
from console.storage.models import Camera, Incident, PatrolUnit
from console.ui.bridge import Bridge
from console.ui.pages.base import PageContext
from console.ui.pages.map_page import MapPage
from maps.page import PageOptions, build_page
from maps.routes import CameraPoint
from widgets.map_view import MapView


def js(view: MapView, script: str, timeout: float = 5.0) -> Any:
    """Evaluate in the page (after queued updates) and return the JSON-decoded result."""
    box: list[Any] = []
    loop = QEventLoop()

    def done(result: Any) -> None:
        box.append(result)
        loop.quit()

    view.evaluate(f"JSON.stringify({script})", done)
    QTimer.singleShot(int(timeout * 1000), loop.quit)
    if not box:
        loop.exec()
    assert box, f"no answer from the page for {script}"
    return json.loads(box[0]) if box[0] is not None else None


def test_page_loads_only_local_files_and_blocks_the_network(qtbot: QtBot) -> None:
    cams = [
        CameraPoint(1, "CT01-K184-N", "Km 184 Pháp Vân – Cầu Giẽ", "CT.01", "expressway", 184.0, 20.94, 105.85),
        CameraPoint(2, "CT01-K190-N", "Km 190 Thường Tín", "CT.01", "expressway", 190.0, 20.89, 105.87),
    ]
    from maps.routes import route_lines

    html = build_page(cams, route_lines(cams), PageOptions())
    links = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert links and all(link.startswith(("file://", "qrc:")) for link in links), links
    view = MapView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    with qtbot.waitSignal(view.ready, timeout=15000):
        view.load_html(html)
    assert js(view, "csgt.ready && csgt.layers.cameras.getLayers().length") == 2
    # Fonts and icons did load from disk: Font Awesome's solid face is available.
    qtbot.waitUntil(lambda: js(view, "document.fonts.check('900 12px \"Font Awesome 6 Free\"')") is True, timeout=5000)
    requests = list(view.guard.requests)
    assert requests, "the interceptor saw nothing: it is not installed"
    assert {r.split(":", 1)[0] for r in requests} <= {"file", "qrc", "data", "blob"}, requests
    assert view.guard.blocked == []
    # An attempt to leave fails in the page and never becomes a request.
    js(
        view,
        "(window.probe = 'pending', Object.assign(new Image(), {onerror: () => { window.probe = 'failed'; },"
        " onload: () => { window.probe = 'loaded'; }}).src = 'https://tile.openstreetmap.org/5/25/14.png', 1)",
    )
    qtbot.waitUntil(lambda: js(view, "window.probe") == "failed", timeout=5000)
    assert all(not r.startswith(("http:", "https:")) for r in view.guard.requests)


def test_with_an_online_tile_server_only_that_host_may_be_reached(qtbot: QtBot) -> None:
    view = MapView(online_tile_url="https://tiles.station.example/{z}/{x}/{y}.png")
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.ready, timeout=15000):
        view.load_html(build_page([], [], PageOptions()))
    js(view, "(new Image().src = 'https://tile.openstreetmap.org/5/25/14.png', 1)")
    qtbot.waitUntil(lambda: len(view.guard.blocked) == 1, timeout=5000)
    assert view.guard.blocked == ["https://tile.openstreetmap.org/5/25/14.png"]


@pytest.fixture
def live(sqlite_database: Database) -> Iterator[tuple[Services, live_units.LivePositions, str]]:
    prefix = f"t{uuid.uuid4().hex[:8]}"
    cfg = Config(broker=BrokerConfig(host=SYSTEM_BROKER[0], port=SYSTEM_BROKER[1], topic_prefix=f"{prefix}/owntracks"),
                 map=MapConfig(dispatch_topic_prefix=prefix, simulate=False, stale_after_s=300))  # fmt: skip
    services = build_services(cfg, sqlite_database)
    seed_demo(sqlite_database, services.audit)
    running = live_units.start_live_positions(cfg, sqlite_database, services.audit, demo=False)
    assert running.feed.connected_event.wait(10)
    yield services, running, prefix
    live_units.stop_live_positions()


@pytest.fixture
def page(qtbot: QtBot, live: tuple[Services, live_units.LivePositions, str]) -> Iterator[MapPage]:
    services = live[0]
    bridge = Bridge()
    actor = services.auth.login(DEMO_ADMIN, DEMO_PASSWORD)
    p = MapPage(PageContext(services, Queries(services.db), bridge, actor))
    qtbot.addWidget(p)
    p.resize(1400, 800)
    p.show()
    with qtbot.waitSignal(p.map.ready, timeout=20000):
        p.refresh()
    qtbot.waitUntil(lambda: len(js(p.map, "csgt.unitState()")) == 11, timeout=10000)
    yield p
    bridge.shutdown()


def _unit(db: Database, call_sign: str) -> PatrolUnit:
    with db.session() as s:
        u = s.scalars(select(PatrolUnit).where(PatrolUnit.call_sign == call_sign)).one()
        s.expunge(u)
        return u


def test_fixes_published_to_the_broker_move_the_markers(
    qtbot: QtBot, page: MapPage, live: tuple[Services, live_units.LivePositions, str]
) -> None:
    services, running, prefix = live
    pv = _unit(services.db, "PV-01")
    hn = _unit(services.db, "HN1-01")
    phone = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="")
    phone.connect(*SYSTEM_BROKER)
    phone.loop_start()
    try:
        now = int(time.time())
        for unit, lat, lon in ((pv, 20.9111, 105.8601), (hn, 21.0123, 105.8234)):
            body = {"_type": "location", "lat": lat, "lon": lon, "tst": now, "vel": 55, "cog": 200}
            topic = f"{prefix}/owntracks/{unit.tracker_team}/{unit.tracker_device}"
            phone.publish(topic, json.dumps(body), qos=1).wait_for_publish(5)
        phone.publish(f"{prefix}/owntracks/{pv.tracker_team}/{pv.tracker_device}", b"{bad", qos=1).wait_for_publish(5)
        bad = {"_type": "location", "lat": -95.0, "lon": 105.0, "tst": now + 1}
        phone.publish(f"{prefix}/owntracks/{pv.tracker_team}/{pv.tracker_device}", json.dumps(bad), qos=1)
    finally:
        phone.disconnect()
        phone.loop_stop()

    def moved() -> bool:
        state = js(page.map, "csgt.unitState()")
        return (state[str(pv.id)]["lat"], state[str(pv.id)]["lon"]) == (20.9111, 105.8601) and state[str(hn.id)][
            "lat"] == 21.0123  # fmt: skip

    qtbot.waitUntil(moved, timeout=5000)
    state = js(page.map, "csgt.unitState()")
    assert state[str(pv.id)]["cs"] == "PV-01" and state[str(pv.id)]["st"] == "available"
    assert not state[str(pv.id)]["stale"]
    st = running.feed.stats()
    assert st.accepted == 2 and st.rejected == {"malformed_json": 1, "out_of_range": 1}
    qtbot.waitUntil(lambda: "accepted 2" in page.health.text(), timeout=3000)
    page.layer_boxes["units"].setChecked(False)
    qtbot.waitUntil(lambda: js(page.map, "csgt.map.hasLayer(csgt.layers.units)") is False, timeout=3000)
    page.layer_boxes["units"].setChecked(True)
    qtbot.waitUntil(lambda: js(page.map, "csgt.map.hasLayer(csgt.layers.units)") is True, timeout=3000)


def test_trails_stale_marks_and_camera_intent(qtbot: QtBot, page: MapPage) -> None:
    page.map.set_trail("plate:30K-482.17", [(21.0, 105.8), (21.01, 105.81), (21.02, 105.83)], "30K-482.17")
    qtbot.waitUntil(lambda: js(page.map, "csgt.trails.size") == 1, timeout=3000)
    page.map.push_units([{"id": 9999, "cs": "OLD-1", "lat": 21.1, "lon": 105.9, "st": "available", "crs": None,
                          "t": time.time() - 3600}])  # fmt: skip
    qtbot.waitUntil(lambda: js(page.map, "csgt.unitState()['9999']") is not None, timeout=3000)
    assert js(page.map, "csgt.unitState()['9999'].stale") is True
    assert js(page.map, "csgt.units.get(9999).marker.getElement().textContent") == "OLD-11 h"
    with qtbot.waitSignal(page.open_camera_requested, timeout=5000) as got:
        js(page.map, "(csgt.layers.cameras.getLayers()[0].fire('click'), 1)")
    with page.ctx.services.db.session() as s:
        assert s.get(Camera, got.args[0]) is not None
    # "New incident here…" opens the form at the centre of what the operator is looking at.
    js(page.map, "(csgt.map.setView([20.5, 105.9], 11, {animate: false}), 1)")
    page.new_button.click()
    qtbot.waitUntil(page.form.isVisible, timeout=5000)
    assert (round(page.form.lat.value(), 3), round(page.form.lon.value(), 3)) == (20.5, 105.9)


def test_operator_creates_an_incident_on_the_map_dispatches_and_resolves_it(
    qtbot: QtBot, page: MapPage, live: tuple[Services, live_units.LivePositions, str]
) -> None:
    services = live[0]
    # A click on the map opens the form at that place.
    js(page.map, "(csgt.map.fire('click', {latlng: L.latLng(20.9375, 105.8540)}), 1)")
    qtbot.waitUntil(page.form.isVisible, timeout=5000)
    assert (round(page.form.lat.value(), 4), round(page.form.lon.value(), 4)) == (20.9375, 105.854)
    page.form.place.setText("Km 186 cao tốc Pháp Vân – Cầu Giẽ")
    page.form.create_button.click()
    qtbot.waitUntil(lambda: page.panel.isVisible() and page.panel.suggestions.rowCount() > 0, timeout=8000)
    first = page.panel.suggestions.item(0, 0)
    assert first is not None and first.text() == "PV-01"  # the available team 150 m away
    qtbot.waitUntil(lambda: js(page.map, "csgt.incidents.size") == 5, timeout=5000)  # the demo's 4 open + ours
    page.panel.dispatch_button.click()
    qtbot.waitUntil(lambda: _unit(services.db, "PV-01").status == "dispatched", timeout=8000)

    def shows(status: str) -> bool:
        return page.panel.incident is not None and page.panel.incident.status == status

    qtbot.waitUntil(lambda: shows("dispatched"), timeout=8000)
    page.panel.state_buttons["on_scene"].click()
    qtbot.waitUntil(lambda: shows("on_scene"), timeout=8000)
    page.panel.state_buttons["resolved"].click()
    qtbot.waitUntil(lambda: shows("resolved"), timeout=8000)
    with services.db.session() as s:
        incident = s.scalars(select(Incident).where(Incident.place.like("Km 186%"))).one()
        assert incident.status == "resolved" and incident.source == "map"
    assert _unit(services.db, "PV-01").status == "returning"
    assert page.panel.timeline.count() >= 5
