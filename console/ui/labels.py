"""Operator-facing words for stored codes (statuses, kinds, roles), translated at call time."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def label(code: str | None) -> str:
    """The translated word for a stored code; an unknown code is shown as it is, never hidden."""
    if code is None:
        return ""
    table = {
        # roles
        "operator": _t("Operator"),
        "supervisor": _t("Supervisor"),
        "admin": _t("Administrator"),
        # unit states (CAD practice)
        "available": _t("Available"),
        "dispatched": _t("Dispatched"),
        "en_route": _t("En route"),
        "on_scene": _t("On scene"),
        "returning": _t("Returning"),
        "off_duty": _t("Off duty"),
        "out_of_service": _t("Out of service"),
        # incident states
        "new": _t("New"),
        "resolved": _t("Resolved"),
        "cancelled": _t("Cancelled"),
        # candidate / alert / log states
        "pending": _t("Pending"),
        "claimed": _t("Being reviewed"),
        "confirmed": _t("Confirmed"),
        "rejected": _t("Rejected"),
        "duplicate": _t("Duplicate"),
        "acknowledged": _t("Acknowledged"),
        "closed": _t("Closed"),
        "open": _t("Open"),
        "submitted": _t("Submitted"),
        "returned": _t("Returned"),
        "signed": _t("Signed off"),
        # route kinds
        "expressway": _t("Expressways"),
        "national_highway": _t("National highways"),
        "city": _t("City"),
        # hotlist reasons
        "wanted": _t("Wanted"),
        "stolen": _t("Stolen"),
        "hit_and_run": _t("Hit and run"),
        "other": _t("Other"),
        # rule kinds
        "red_light": _t("Red light"),
        "wrong_way": _t("Wrong way"),
        "speed": _t("Speeding"),
        "no_stopping": _t("Stopping on expressway"),
        "lane": _t("Wrong lane"),
        "no_helmet": _t("No helmet"),
        "crowd": _t("Crowd"),
        # plate colours
        "white": _t("white"),
        "yellow": _t("yellow"),
        "blue": _t("blue"),
        "red": _t("red"),
        # incident kinds
        "crash": _t("Crash"),
        "stopped_vehicle": _t("Stopped vehicle"),
        "wanted_vehicle": _t("Wanted vehicle"),
        "road_hazard": _t("Road hazard"),
        # alert kinds
        "hotlist_hit": _t("Hotlist plate seen"),
        "behaviour": _t("Behaviour"),
        "driving_time": _t("Driving time"),
        "system": _t("System"),
        "citizen_help": _t("Citizen help request"),
        # camera fines: violations of the Decree 168 table, fine states, reject reasons, measurements
        "expressway_wrong_way": _t("Wrong way on expressway"),
        "speed_5_10": _t("Speeding 5–10 km/h"),
        "speed_10_20": _t("Speeding 10–20 km/h"),
        "speed_20_35": _t("Speeding 20–35 km/h"),
        "speed_over_35": _t("Speeding over 35 km/h"),
        "phone": _t("Phone while driving"),
        "pending_approval": _t("Awaiting approval"),
        "final": _t("Final"),
        "notified": _t("Notice sent"),
        "published": _t("Published"),
        "unreadable_plate": _t("Unreadable plate"),
        "emergency_vehicle": _t("Emergency vehicle"),
        "detection_error": _t("Detection error"),
        "speed_kmh": _t("Speed (km/h)"),
        "limit_kmh": _t("Limit (km/h)"),
        "dwell_s": _t("Stopped (s)"),
        "red_for_s": _t("Red for (s)"),
        "signal": _t("Signal"),
        "car": _t("Car"),
        "motorbike": _t("Motorbike"),
        "bus": _t("Bus"),
        "truck": _t("Truck"),
        # patrol log entries, check results, lookup sources
        "checkpoint": _t("Checkpoint"),
        "vehicle_check": _t("Vehicle check"),
        "alcohol_test": _t("Alcohol test"),
        "incident": _t("Incident attended"),
        "note": _t("Note"),
        "no_violation": _t("No violation"),
        "warning": _t("Warning"),
        "violation": _t("Violation"),
        "held": _t("Vehicle held"),
        "station": _t("Station entry"),
        "import": _t("Imported"),
        "patrol_check": _t("Patrol check"),
        "camera_read": _t("Camera read"),
        "fine": _t("Fine"),
        # incidents and dispatch: kinds, sources, dispatch states, GPS feed reject reasons
        "congestion": _t("Congestion"),
        "map": _t("Map"),
        "manual": _t("By hand"),
        "citizen": _t("Citizen report"),
        "sent": _t("Order sent"),
        "arrived": _t("Arrived"),
        "cleared": _t("Cleared"),
        "malformed_json": _t("malformed"),
        "wrong_type": _t("not a location"),
        "bad_topic": _t("bad topic"),
        "missing_field": _t("missing field"),
        "out_of_range": _t("out of range"),
        "future_timestamp": _t("time in the future"),
        "too_old": _t("too old"),
        "out_of_order": _t("out of order"),
        "unknown_team": _t("unknown team"),
        "team_report": _t("reported by the team"),
    }
    return table.get(code, code)


def local_time(value: datetime | None, with_date: bool = True) -> str:
    if value is None:
        return ""
    local = value.astimezone()
    return local.strftime("%d/%m/%Y %H:%M:%S" if with_date else "%H:%M:%S")


def age(value: datetime | None, now: datetime | None = None) -> str:
    """How long ago, in the largest sensible unit: operators read '3 min', not a timestamp."""
    if value is None:
        return "—"
    seconds = max(0, int(((now or datetime.now(UTC)) - value).total_seconds()))
    minutes, hours, days = divmod(seconds, 60)[0], divmod(seconds, 3600)[0], divmod(seconds, 86400)[0]
    if seconds < 60:
        return QCoreApplication.translate("Labels", "%n s ago", "", seconds)
    if seconds < 3600:
        return QCoreApplication.translate("Labels", "%n min ago", "", minutes)
    if seconds < 86400:
        return QCoreApplication.translate("Labels", "%n h ago", "", hours)
    return QCoreApplication.translate("Labels", "%n days ago", "", days)
