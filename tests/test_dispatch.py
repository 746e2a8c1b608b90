"""Incidents and dispatch: suggestions, the CAD state machines, the timeline, audit, MQTT orders, races."""

from __future__ import annotations

import json
import threading
import uuid

import paho.mqtt.client as mqtt
import pytest
from gps_setup import SYSTEM_BROKER, add_units, wait_for
from paho.mqtt.enums import CallbackAPIVersion
from sqlalchemy import func, select, text

from console.config import BrokerConfig
from console.feeds.gps import FixValidator, GpsFeed
from console.services.audit import AuditLog
from console.services.context import Actor, Role
from console.services.dispatch import DispatchConflict, DispatchError, DispatchService, NewIncident
from console.storage.db import Database
from console.storage.models import Alert, AuditEntry, Camera, Dispatch, Incident, IncidentEvent, PatrolUnit
from maps.geo import haversine_m

OPERATOR = Actor("vanh", Role.OPERATOR)
OTHER = Actor("tuan", Role.OPERATOR)
SCENE = (20.9362, 105.8546)  # Km 186 Pháp Vân – Cầu Giẽ


def _units(db: Database) -> dict[str, int]:
    return add_units(
        db,
        [
            ("NEAR", "t", "near", "available"),
            ("FAR", "t", "far", "available"),
            ("BUSY", "t", "busy", "on_scene"),
            ("OLD", "t", "old", "available"),
        ],
        {
            "NEAR": (20.95, 105.85, 5),
            "FAR": (21.03, 105.85, 5),
            "BUSY": (20.9363, 105.8547, 5),
            "OLD": (20.9365, 105.8546, 3600),
        },
    )


def _statuses(db: Database) -> dict[str, str]:
    with db.session() as s:
        return {u.call_sign: u.status for u in s.scalars(select(PatrolUnit))}


def test_incident_from_creation_through_dispatch_to_resolved(database: Database) -> None:
    ids = _units(database)
    sent: list[tuple[str, bytes]] = []

    def publish(topic: str, payload: bytes) -> bool:
        sent.append((topic, payload))
        return True

    service = DispatchService(database, AuditLog(), publish=publish)
    inc = service.create_incident(OPERATOR, NewIncident("crash", 1, *SCENE, place="Km 186", description="Xe tải"))
    ranked = service.suggest(OPERATOR, *SCENE)
    assert [s.call_sign for s in ranked] == ["NEAR", "FAR", "OLD"]  # BUSY excluded, stale OLD last
    assert ranked[-1].stale and not ranked[0].stale

    result = service.dispatch(OPERATOR, inc, ids["NEAR"])
    assert result.sent and result.topic == "csgt/dispatch/NEAR"
    ((topic, payload),) = sent
    order = json.loads(payload)
    assert topic == "csgt/dispatch/NEAR"
    assert (order["incident_id"], order["kind"], order["lat"], order["place"]) == (inc, "crash", SCENE[0], "Km 186")
    assert _statuses(database)["NEAR"] == "dispatched"
    assert [s.call_sign for s in service.suggest(OPERATOR, *SCENE)] == ["FAR", "OLD"]

    service.unit_status_from_team(OPERATOR, "NEAR", "en_route")
    service.unit_status_from_team(OPERATOR, "NEAR", "on_scene")
    detail = service.detail(OPERATOR, inc)
    assert detail.status == "on_scene"  # the team's arrival moved the incident on
    assert detail.units == [(ids["NEAR"], "NEAR", "arrived")]

    service.set_incident_status(OPERATOR, inc, "resolved", "Đã giải tỏa hiện trường")
    detail = service.detail(OPERATOR, inc)
    assert detail.status == "resolved" and detail.closed_at is not None
    assert detail.units == [(ids["NEAR"], "NEAR", "cleared")]
    assert _statuses(database)["NEAR"] == "returning"
    changes = [(r.from_status, r.to_status) for r in detail.timeline if r.to_status]
    assert changes == [(None, "new"), ("new", "dispatched"), ("dispatched", "on_scene"), ("on_scene", "resolved")]
    assert len(detail.timeline) >= 7  # plus the unit's own steps
    with database.session() as s:
        d = s.scalars(select(Dispatch)).one()
        assert (
            d.acknowledged_at
            and d.arrived_at
            and d.cleared_at
            and d.distance_m == pytest.approx(haversine_m((20.95, 105.85), SCENE))
        )
        actions = [a for (a,) in s.execute(select(AuditEntry.action).order_by(AuditEntry.seq))]
    assert actions == ["incident.create", "incident.status", "unit.dispatch", "unit.status", "unit.status",
                       "incident.status", "incident.status", "unit.status"]  # fmt: skip
    assert AuditLog().verify(database).ok


@pytest.mark.parametrize(
    ("new", "message"),
    [
        (NewIncident("meteor", 1, *SCENE), "unknown incident type"),
        (NewIncident("crash", 0, *SCENE), "priority"),
        (NewIncident("crash", 1, 95.0, 105.0), "not a valid latitude"),
        (NewIncident("crash", 1, float("nan"), 105.0), "not a valid latitude"),
        (NewIncident("crash", 1, *SCENE, alert_id=999), "alert 999 does not exist"),
    ],
)
def test_bad_incident_input_is_refused_and_changes_nothing(database: Database, new: NewIncident, message: str) -> None:
    service = DispatchService(database, AuditLog())
    with pytest.raises(DispatchError, match=message):
        service.create_incident(OPERATOR, new)
    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(Incident)) == 0
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == 0


def test_illegal_moves_are_refused(database: Database) -> None:
    ids = _units(database)
    service = DispatchService(database, AuditLog())
    inc = service.create_incident(OPERATOR, NewIncident("stopped_vehicle", 2, *SCENE))
    with pytest.raises(DispatchConflict, match="BUSY is no longer available"):
        service.dispatch(OPERATOR, inc, ids["BUSY"])
    with pytest.raises(DispatchError, match="cannot become returning"):
        service.set_unit_status(OPERATOR, ids["FAR"], "returning")
    with pytest.raises(DispatchError, match="dispatched by dispatching"):
        service.set_unit_status(OPERATOR, ids["FAR"], "dispatched")
    with pytest.raises(DispatchError, match="unknown unit state"):
        service.set_unit_status(OPERATOR, ids["FAR"], "asleep")
    service.set_incident_status(OPERATOR, inc, "cancelled", "báo nhầm")
    with pytest.raises(DispatchError, match="is cancelled"):
        service.dispatch(OPERATOR, inc, ids["FAR"])
    with pytest.raises(DispatchError, match="cannot become resolved"):
        service.set_incident_status(OPERATOR, inc, "resolved")
    assert _statuses(database) == {"NEAR": "available", "FAR": "available", "BUSY": "on_scene", "OLD": "available"}
    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(Dispatch)) == 0
        assert s.scalar(select(func.count()).select_from(IncidentEvent)) == 2  # created, cancelled


@pytest.mark.postgres
def test_two_operators_dispatching_one_unit_at_once_on_postgresql(db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("the row-lock race is a PostgreSQL (many workstations) matter")
    a, b = Database.open(db_url), Database.open(db_url)
    try:
        ids = _units(a)
        first = DispatchService(a, AuditLog())
        second = DispatchService(b, AuditLog())
        inc1 = first.create_incident(OPERATOR, NewIncident("crash", 1, *SCENE))
        inc2 = second.create_incident(OTHER, NewIncident("road_hazard", 2, *SCENE))
        outcomes: list[str] = []
        # A third connection holds the unit's row, so both dispatch transactions are inside their
        # UPDATE at the same time when it lets go: the database, not luck, decides the winner.
        holder = Database.open(db_url)
        with holder.engine.connect() as conn:
            tx = conn.begin()
            conn.execute(text("SELECT id FROM patrol_units WHERE id = :u FOR UPDATE"), {"u": ids["NEAR"]})

            def go(service: DispatchService, actor: Actor, incident: int) -> None:
                try:
                    service.dispatch(actor, incident, ids["NEAR"])
                    outcomes.append(f"won {incident}")
                except DispatchConflict:
                    outcomes.append("conflict")

            threads = [threading.Thread(target=go, args=(first, OPERATOR, inc1)),
                       threading.Thread(target=go, args=(second, OTHER, inc2))]  # fmt: skip
            for t in threads:
                t.start()
            waiting = (
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
            assert wait_for(lambda: conn.execute(text(waiting)).scalar() == 2, 10), "both did not reach the lock"
            tx.rollback()
            for t in threads:
                t.join(10)
        holder.dispose()
        assert sorted(o.split()[0] for o in outcomes) == ["conflict", "won"]
        with a.session() as s:
            rows = s.scalars(select(Dispatch).where(Dispatch.unit_id == ids["NEAR"])).all()
            assert len(rows) == 1
            statuses: dict[int, str] = {i: st for i, st in s.execute(select(Incident.id, Incident.status))}
        won = int(next(o for o in outcomes if o.startswith("won")).split()[1])
        assert rows[0].incident_id == won
        assert statuses[won] == "dispatched" and statuses[inc1 if won == inc2 else inc2] == "new"
    finally:
        a.dispose()
        b.dispose()


def test_orders_go_out_over_mqtt_and_team_status_comes_back(database: Database) -> None:
    ids = _units(database)
    prefix = f"t{uuid.uuid4().hex[:8]}"
    service = DispatchService(database, AuditLog(), topic_prefix=prefix)
    team_actor = Actor("team-report", Role.OPERATOR)
    feed = GpsFeed(FixValidator({}), on_status=lambda cs, st: service.unit_status_from_team(team_actor, cs, st),
                   topic_prefix=f"{prefix}/owntracks", status_prefix=prefix)  # fmt: skip
    service.publish = feed.publish
    feed.connect(BrokerConfig(host=SYSTEM_BROKER[0], port=SYSTEM_BROKER[1]))
    team = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="")
    orders: list[mqtt.MQTTMessage] = []
    subscribed = threading.Event()
    team.on_message = lambda _c, _u, m: orders.append(m)
    team.on_subscribe = lambda *_a: subscribed.set()
    team.connect(*SYSTEM_BROKER)
    team.loop_start()
    try:
        team.subscribe(f"{prefix}/dispatch/+", qos=1)
        assert feed.connected_event.wait(10) and subscribed.wait(10)
        inc = service.create_incident(OPERATOR, NewIncident("wanted_vehicle", 1, *SCENE, place="Pháp Vân"))
        assert service.dispatch(OPERATOR, inc, ids["FAR"]).sent
        assert wait_for(lambda: len(orders) == 1)
        assert orders[0].topic == f"{prefix}/dispatch/FAR"
        assert json.loads(orders[0].payload)["place"] == "Pháp Vân"
        team.publish(f"{prefix}/unit/FAR/status", json.dumps({"status": "en_route"}), qos=1).wait_for_publish(5)
        team.publish(f"{prefix}/unit/FAR/status", b"{oops", qos=1).wait_for_publish(5)
        assert wait_for(lambda: _statuses(database)["FAR"] == "en_route")
        assert wait_for(lambda: feed.stats().rejected.get("malformed_json") == 1)
    finally:
        team.disconnect()
        team.loop_stop()
        feed.close()


def test_incident_from_an_alert_is_placed_at_its_camera(database: Database) -> None:
    with database.session() as s:
        cam = Camera(
            code="CT01-K184-N",
            name="Km 184 Pháp Vân – Cầu Giẽ",
            route="CT.01",
            route_kind="expressway",
            km=184.0,
            lat=20.94,
            lon=105.8525,
            direction="Hướng Hà Nội",
            main_url="rtsp://10.0.0.1/1",
        )
        s.add(cam)
        s.flush()
        alert = Alert(kind="hotlist_hit", priority=1, message="30K-482.17 (xe bị mất cắp) đi qua", camera_id=cam.id)
        s.add(alert)
        s.flush()
        alert_id = alert.id
    service = DispatchService(database, AuditLog())
    draft = service.prefill_from_alert(OPERATOR, alert_id)
    assert (draft.kind, draft.priority, draft.lat, draft.lon) == ("wanted_vehicle", 1, 20.94, 105.8525)
    assert draft.source == "alert"
    assert draft.place == "Km 184 Pháp Vân – Cầu Giẽ Hướng Hà Nội" and "30K-482.17" in draft.description
    inc = service.create_incident(OPERATOR, draft)
    with database.session() as s:
        stored = s.get(Incident, inc)
        assert stored is not None and stored.alert_id == alert_id and stored.source == "alert"
    with pytest.raises(DispatchError, match="alert 999 does not exist"):
        service.prefill_from_alert(OPERATOR, 999)
