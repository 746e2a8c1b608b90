"""The demo data set: seeding rules, and sanity of the data itself (places, plates, accounts)."""

from __future__ import annotations

import ipaddress
import json
import math
import re
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from console.demo.seed import (
    DEMO_ADMIN,
    DEMO_DATA_PATH,
    DEMO_OPERATORS,
    DEMO_PASSWORD,
    DEMO_SUPERVISORS,
    DEMO_USERNAMES,
    DemoData,
    DemoSeedResult,
    load_demo_data,
    seed_demo,
)
from console.services.audit import AuditLog
from console.services.auth import AuthService, verify_password
from console.services.context import Role
from console.services.users import check_username
from console.storage.db import Database
from console.storage.models import (
    AuditEntry,
    Camera,
    CameraRule,
    Dispatch,
    HotlistEntry,
    Incident,
    IncidentEvent,
    Operator,
    PatrolUnit,
    UnitLatestPosition,
    UnitPosition,
    VehicleRegistration,
)

NOW = datetime(2025, 9, 2, 2, 30, tzinfo=UTC)

# Plate grammar of DESIGN.md §4 (Circular 79/2024/TT-BCA). Civil series letters exclude I, J, O, Q, W.
SERIES = "[A-HK-NPR-VX-Z]"
NUMBER = r"(?:\d{3}\.\d{2}|\d{4})"
ONE_ROW = re.compile(rf"(?P<code>\d{{2}}){SERIES}-{NUMBER}")  # cars: 30A-123.45, older 29A-1234
TWO_ROW = re.compile(rf"(?P<code>\d{{2}})-(?:{SERIES}\d|{SERIES}{{2}}) {NUMBER}")  # motorbikes: 29-B1 123.45

# Plate province codes and 3-digit CCCD prefixes of the provinces the demo owners live in, as they
# stood before the 2025-07-01 merger (addresses are as written on the registration papers).
PLATE_PROVINCE = {
    "15": "Hải Phòng",
    "18": "Nam Định",
    "20": "Thái Nguyên",
    "29": "Hà Nội",
    "30": "Hà Nội",
    "34": "Hải Dương",
    "35": "Ninh Bình",
    "36": "Thanh Hóa",
    "37": "Nghệ An",
    "51": "Hồ Chí Minh",
    "59": "Hồ Chí Minh",
    "89": "Hưng Yên",
    "90": "Hà Nam",
    "99": "Bắc Ninh",
}
CCCD_PREFIX = {
    "001": "Hà Nội",
    "019": "Thái Nguyên",
    "027": "Bắc Ninh",
    "030": "Hải Dương",
    "031": "Hải Phòng",
    "033": "Hưng Yên",
    "035": "Hà Nam",
    "036": "Nam Định",
    "037": "Ninh Bình",
    "038": "Thanh Hóa",
    "040": "Nghệ An",
    "079": "Hồ Chí Minh",
}
# Enterprise tax codes start with the issuing city's prefix: 01 Hà Nội, 02 Hải Phòng, 03 TP.HCM.
TAX_PREFIX = {"01": "Hà Nội", "02": "Hải Phòng", "03": "Hồ Chí Minh"}

# Mainland Việt Nam with a small margin.
LAT_RANGE = (8.3, 23.5)
LON_RANGE = (102.1, 109.6)

ROUTE_KINDS = {"expressway", "national_highway", "city"}
SPEED_LIMITS = {"expressway": {100, 120}, "national_highway": {80, 90}, "city": {50, 60}}
RULE_KINDS = {"red_light", "speed", "no_stopping", "lane", "wrong_way"}
VEHICLE_CLASSES = {"car", "motorbike", "bus", "truck"}
UNIT_STATUSES = {"available", "dispatched", "en_route", "on_scene", "returning", "off_duty", "out_of_service"}


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def plate_code(plate: str) -> str:
    match = ONE_ROW.fullmatch(plate) or TWO_ROW.fullmatch(plate)
    assert match is not None, f"{plate!r} is not a valid Vietnamese plate"
    return match.group("code")


def all_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from all_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from all_strings(item)


@pytest.fixture(scope="module")
def data() -> DemoData:
    return load_demo_data()


def count(db: Database, model: type[Any]) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def expected_counts(data: DemoData) -> DemoSeedResult:
    units = len(data["patrol_units"])
    return DemoSeedResult(
        operators=len(data["operators"]),
        cameras=len(data["cameras"]),
        camera_rules=sum(len(c["rules"]) for c in data["cameras"]),
        patrol_units=units,
        unit_latest_positions=units,
        unit_positions=units,
        incidents=len(data["incidents"]),
        incident_events=sum(len(i["events"]) for i in data["incidents"]),
        dispatches=sum(len(i["dispatches"]) for i in data["incidents"]),
        hotlist=len(data["hotlist"]),
        vehicle_registrations=len(data["vehicle_registrations"]),
    )


TABLES: dict[str, type[Any]] = {
    "operators": Operator,
    "cameras": Camera,
    "camera_rules": CameraRule,
    "patrol_units": PatrolUnit,
    "unit_latest_positions": UnitLatestPosition,
    "unit_positions": UnitPosition,
    "incidents": Incident,
    "incident_events": IncidentEvent,
    "dispatches": Dispatch,
    "hotlist": HotlistEntry,
    "vehicle_registrations": VehicleRegistration,
}


# --- seeding ---------------------------------------------------------------------------------


def test_seed_fills_an_empty_database_and_audits_once(database: Database, data: DemoData) -> None:
    audit = AuditLog()
    result = seed_demo(database, audit, clock=lambda: NOW)

    assert result == expected_counts(data)
    assert result.cameras >= 30 and result.patrol_units >= 10 and result.hotlist >= 12
    assert result.vehicle_registrations >= 60 and result.operators >= 6
    for table, model in TABLES.items():
        assert count(database, model) == result.as_dict()[table], table
    with database.session() as s:
        entries = list(s.scalars(select(AuditEntry)))
    assert len(entries) == 1
    (entry,) = entries
    assert (entry.action, entry.actor) == ("demo.seed", "system")
    assert json.loads(entry.details) == result.as_dict()
    assert audit.verify(database).ok


def test_seed_twice_changes_nothing_the_second_time(database: Database) -> None:
    audit = AuditLog()
    first = seed_demo(database, audit)
    assert first is not None
    assert seed_demo(database, audit) is None
    for table, model in TABLES.items():
        assert count(database, model) == first.as_dict()[table], table
    assert count(database, AuditEntry) == 1


@pytest.mark.parametrize("existing", ["operator", "camera"])
def test_seed_leaves_a_database_in_use_alone(database: Database, existing: str) -> None:
    with database.session() as s:
        if existing == "operator":
            s.add(Operator(username="chief", role="admin", password_hash="x"))
        else:
            s.add(
                Camera(
                    code="REAL-1",
                    name="Real camera",
                    route="QL5",
                    route_kind="national_highway",
                    lat=21,
                    lon=106,
                    main_url="rtsp://10.0.0.1/",
                )
            )
    assert seed_demo(database, AuditLog()) is None
    assert count(database, AuditEntry) == 0
    assert count(database, VehicleRegistration) == 0


def test_two_consoles_seeding_at_once_seed_once(db_url: str) -> None:
    # Two workstations started with --demo against one server: each has its own engine.
    dbs = [Database.open(db_url), Database.open(db_url)]
    barrier = threading.Barrier(2)
    results: list[DemoSeedResult | None] = []
    errors: list[BaseException] = []

    def run(db: Database) -> None:
        barrier.wait()
        try:
            results.append(seed_demo(db, AuditLog()))
        except BaseException as exc:  # reported below, not swallowed
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(db,)) for db in dbs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    try:
        assert not errors, errors
        assert sum(r is not None for r in results) == 1
        assert count(dbs[0], Operator) == len(DEMO_USERNAMES)
        assert count(dbs[0], AuditEntry) == 1
    finally:
        for db in dbs:
            db.dispose()


def test_demo_users_sign_in_with_the_demo_password(database: Database, data: DemoData) -> None:
    assert [op["username"] for op in data["operators"]] == list(DEMO_USERNAMES)
    audit = AuditLog()
    seed_demo(database, audit)
    with database.session() as s:
        operators = {op.username: op for op in s.scalars(select(Operator))}
    assert set(operators) == set(DEMO_USERNAMES)
    roles = {DEMO_ADMIN: Role.ADMIN} | dict.fromkeys(DEMO_SUPERVISORS, Role.SUPERVISOR)
    roles |= dict.fromkeys(DEMO_OPERATORS, Role.OPERATOR)
    for username, operator in operators.items():
        check_username(username)  # the same rules as accounts made by an administrator
        assert operator.role == roles[username].value
        assert operator.active
        assert verify_password(operator.password_hash, DEMO_PASSWORD), username
        assert not verify_password(operator.password_hash, DEMO_PASSWORD + "x")
        # Display names are real Vietnamese names, not placeholders.
        assert len(operator.display_name.split()) >= 3 and not operator.display_name.isascii()
    # Each account has its own salt.
    assert len({op.password_hash for op in operators.values()}) == len(operators)
    actor = AuthService(database, audit).login(DEMO_ADMIN, DEMO_PASSWORD)
    assert actor.role is Role.ADMIN


def test_times_are_relative_to_now(database: Database, data: DemoData) -> None:
    seed_demo(database, AuditLog(), clock=lambda: NOW)
    with database.session() as s:
        latest = {u.call_sign: u.latest for u in s.scalars(select(PatrolUnit))}
        history = list(s.scalars(select(UnitPosition)))
        incidents = list(s.scalars(select(Incident)))
        hotlist = list(s.scalars(select(HotlistEntry)))
        busy = {
            u.id
            for u in s.scalars(select(PatrolUnit).where(PatrolUnit.status.in_(["dispatched", "en_route", "on_scene"])))
        }
        open_dispatches = {d.unit_id for d in s.scalars(select(Dispatch).where(Dispatch.cleared_at.is_(None)))}
    ages = {sign: NOW - fix.fixed_at for sign, fix in latest.items() if fix is not None}
    assert len(ages) == len(latest)
    stale = [sign for sign, age in ages.items() if age > timedelta(hours=1)]
    assert len(stale) == 1, stale
    assert all(timedelta(0) <= age <= timedelta(minutes=10) for sign, age in ages.items() if sign not in stale)
    assert {(p.unit_id, p.fixed_at) for p in history} == {
        (fix.unit_id, fix.fixed_at) for fix in latest.values() if fix is not None
    }
    assert all(i.created_at <= NOW for i in incidents)
    assert all(h.added_at <= NOW and (h.expires_at is None or h.expires_at > NOW) for h in hotlist)
    # A unit busy in the dispatch sense is busy with an incident.
    assert busy and busy <= open_dispatches


def test_vietnamese_text_survives_the_round_trip(database: Database, data: DemoData) -> None:
    seed_demo(database, AuditLog())
    with database.session() as s:
        stored = {c.code: (c.name, c.route, c.direction) for c in s.scalars(select(Camera))}
        owners = {(r.plate, r.plate_colour): r.owner_address for r in s.scalars(select(VehicleRegistration))}
    for cam in data["cameras"]:
        assert stored[cam["code"]] == (cam["name"], cam["route"], cam["direction"])
    for reg in data["vehicle_registrations"]:
        assert owners[(reg["plate"], reg["plate_colour"])] == reg["owner_address"]
    assert stored["HN-NTS-01"][0].startswith("Ngã tư Sở")


# --- the data file itself ----------------------------------------------------------------------


def test_json_is_utf8_with_composed_diacritics(data: DemoData) -> None:
    raw = DEMO_DATA_PATH.read_bytes()
    text = raw.decode("utf-8")  # strict: a stray Windows-1258 byte fails here
    assert json.loads(text) == data
    for word in ("Ngã tư Sở", "Hướng Hà Nội → Ninh Bình", "Thanh Hóa", "Cầu Giẽ", "Đội CSGT"):
        assert word in text, word
    # Precomposed (NFC) everywhere, so that searching "Hà Nội" typed on a keyboard finds it.
    bad = [s for s in all_strings(data) if not unicodedata.is_normalized("NFC", s)]
    assert not bad, bad[:5]
    assert "\ufffd" not in text


def test_cameras_are_well_formed(data: DemoData) -> None:
    codes = [c["code"] for c in data["cameras"]]
    assert len(codes) == len(set(codes))
    for cam in data["cameras"]:
        assert cam["route_kind"] in ROUTE_KINDS, cam["code"]
        assert (cam["km"] is None) == (cam["route_kind"] == "city"), cam["code"]
        assert cam["speed_limit_kmh"] in SPEED_LIMITS[cam["route_kind"]], cam["code"]
        assert cam["direction"].startswith("Hướng ") and "→" in cam["direction"], cam["code"]
        assert cam["name"] and not cam["name"].isascii(), cam["code"]
    kinds = {c["route_kind"] for c in data["cameras"]}
    assert kinds == ROUTE_KINDS
    routes = {c["route"] for c in data["cameras"]}
    assert {"QL1A", "CT.01", "CT.04", "Hà Nội"} <= routes


def test_stream_urls_are_credential_free_private_rtsp(data: DemoData) -> None:
    for cam in data["cameras"]:
        urls = [cam["main_url"], cam["sub_url"]]
        assert urls[0] != urls[1], cam["code"]
        for url in urls:
            assert url is not None
            parts = urlsplit(url)
            assert parts.scheme == "rtsp" and parts.port == 554, url
            assert parts.username is None and parts.password is None and "@" not in url, url
            assert parts.hostname is not None and ipaddress.ip_address(parts.hostname).is_private, url
    assert "password" not in DEMO_DATA_PATH.read_text(encoding="utf-8").lower()


def test_all_coordinates_are_in_vietnam(data: DemoData) -> None:
    points = [(c["code"], c["lat"], c["lon"]) for c in data["cameras"]]
    points += [(u["call_sign"], u["position"]["lat"], u["position"]["lon"]) for u in data["patrol_units"]]
    points += [(i["place"], i["lat"], i["lon"]) for i in data["incidents"]]
    for name, lat, lon in points:
        assert LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1], name


def test_cameras_lie_along_their_routes(data: DemoData) -> None:
    by_route: dict[str, list[tuple[str, float | None, tuple[float, float]]]] = defaultdict(list)
    for cam in data["cameras"]:
        by_route[cam["route"]].append((cam["code"], cam["km"], (cam["lat"], cam["lon"])))
    for route, cams in by_route.items():
        assert len(cams) >= 3, route
        city = route == "Hà Nội"
        for code, _km, point in cams:
            others = [haversine_km(point, p) for c, _, p in cams if c != code]
            # The nearest camera on the same road is close: a point typed on the wrong road is not.
            assert min(others) <= (8 if city else 20), (route, code, min(others))
        if city:
            continue
        # Between km markers the road is never shorter than the straight line and, on these
        # fairly straight roads, never more than twice as long.
        for code_a, km_a, a in cams:
            for code_b, km_b, b in cams:
                assert km_a is not None and km_b is not None
                road, straight = abs(km_a - km_b), haversine_km(a, b)
                assert straight <= road + 1.0, (code_a, code_b, road, straight)
                if road >= 5:
                    assert straight >= road / 2, (code_a, code_b, road, straight)


def test_units_are_near_the_camera_network(data: DemoData) -> None:
    cameras = [(c["lat"], c["lon"]) for c in data["cameras"]]
    for unit in data["patrol_units"]:
        here = (unit["position"]["lat"], unit["position"]["lon"])
        assert min(haversine_km(here, c) for c in cameras) <= 12, unit["call_sign"]
        assert unit["status"] in UNIT_STATUSES
        assert unit["members"]["members"], unit["call_sign"]
        for member in unit["members"]["members"]:
            assert member["rank"] and len(member["name"].split()) >= 3
        assert unit["tracker_team"] and unit["tracker_device"]
        assert re.fullmatch(r"[a-z0-9]+", unit["tracker_team"] + unit["tracker_device"])
    topics = [(u["tracker_team"], u["tracker_device"]) for u in data["patrol_units"]]
    assert len(topics) == len(set(topics))


def test_rule_geometry_is_normalised(data: DemoData) -> None:
    def numbers(value: Any) -> Iterator[float]:
        if isinstance(value, bool):
            return
        if isinstance(value, int | float):
            yield float(value)
        elif isinstance(value, list):
            for item in value:
                yield from numbers(item)
        elif isinstance(value, dict):
            for item in value.values():
                yield from numbers(item)

    rules = [(c["code"], c["route_kind"], r) for c in data["cameras"] for r in c["rules"]]
    assert {r["kind"] for _, _, r in rules} >= {"red_light", "speed", "no_stopping", "lane"}
    for code, kind, rule in rules:
        assert rule["kind"] in RULE_KINDS, code
        values = list(numbers(rule["geometry"]))
        assert values and all(0.0 <= v <= 1.0 for v in values), (code, rule["kind"])
        params = rule["params"]
        if rule["kind"] == "red_light":
            assert kind == "city" and len(rule["geometry"]["stop_line"]) == 2
        elif rule["kind"] == "speed":
            assert params["distance_m"] > 0 and params["limit_kmh"] in SPEED_LIMITS[kind]
        elif rule["kind"] == "no_stopping":
            assert kind == "expressway" and len(rule["geometry"]["zone"]) >= 3
        elif rule["kind"] == "lane":
            assert set(params["allowed_classes"]) <= VEHICLE_CLASSES and "direction" in rule["geometry"]


def test_plates_follow_the_plate_grammar(data: DemoData) -> None:
    plates = [h["plate"] for h in data["hotlist"]] + [r["plate"] for r in data["vehicle_registrations"]]
    for plate in plates:
        assert plate_code(plate) in PLATE_PROVINCE, plate
    # The demo shows every plate shape: one-row new and old, two-row new and old.
    assert any(re.fullmatch(r"\d\d[A-Z]-\d{3}\.\d{2}", p) for p in plates)
    assert any(re.fullmatch(r"\d\d[A-Z]-\d{4}", p) for p in plates)
    assert any(re.fullmatch(r"\d\d-[A-Z]\d \d{3}\.\d{2}", p) for p in plates)
    assert any(re.fullmatch(r"\d\d-[A-Z]\d \d{4}", p) for p in plates)
    for bad in ("30I-123.45", "29-O1 123.45", "30A-12345", "30W-123.45", "30A 123.45"):
        assert not (ONE_ROW.fullmatch(bad) or TWO_ROW.fullmatch(bad)), bad


def test_hotlist_plates_are_registered(data: DemoData) -> None:
    registered = {(r["plate"], r["plate_colour"]) for r in data["vehicle_registrations"]}
    assert len(registered) == len(data["vehicle_registrations"])
    for h in data["hotlist"]:
        assert (h["plate"], h["plate_colour"]) in registered, h["plate"]
        assert h["reason"] in {"wanted", "stolen", "hit_and_run", "other"}
        assert 1 <= h["priority"] <= 3 and h["note"] and h["source"]
        assert h["added_by"] in DEMO_SUPERVISORS
    assert {"wanted", "stolen", "hit_and_run"} <= {h["reason"] for h in data["hotlist"]}
    assert "yellow" in {h["plate_colour"] for h in data["hotlist"]}


def test_registrations_agree_with_their_owners(data: DemoData) -> None:
    for reg in data["vehicle_registrations"]:
        plate = reg["plate"]
        province = PLATE_PROVINCE[plate_code(plate)]
        assert reg["owner_address"].endswith(province), plate
        assert reg["vehicle_class"] in VEHICLE_CLASSES
        assert (reg["vehicle_class"] == "motorbike") == bool(TWO_ROW.fullmatch(plate)), plate
        assert reg["plate_colour"] in {"white", "yellow"}
        owner_id = reg["owner_id_number"]
        if reg["owner_name"].startswith("Công ty"):
            assert reg["plate_colour"] == "yellow" and re.fullmatch(r"\d{10}", owner_id), plate
            assert TAX_PREFIX[owner_id[:2]] == province, plate
        else:
            # CCCD: province, sex and century digit, year of birth, six serial digits.
            assert re.fullmatch(r"\d{12}", owner_id), plate
            assert CCCD_PREFIX[owner_id[:3]] == province, plate
            assert owner_id[3] in "0123"
            assert len(reg["owner_name"].split()) >= 3
        assert reg["registered_on"] is not None
        assert "2000-01-01" <= reg["registered_on"] < "2025-07-01", plate
    # No phone numbers at all: any realistic mobile number belongs to someone.
    assert all("owner_phone" not in r for r in data["vehicle_registrations"])
