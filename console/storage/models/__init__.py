"""The whole domain as SQLAlchemy 2.0 tables; behaviour lives in console.services."""

from .accounts import AuditEntry, AuditHead, Operator
from .analytics import AnalyticsNode, CameraLease
from .base import Base, UTCDateTime, utcnow
from .cameras import Camera, CameraRule, EvidenceFile
from .detection import Alert, CandidateEvidence, HotlistEntry, PlateRead, ViolationCandidate
from .driving import CommercialDriver, CommercialVehicle, DrivingClock, DrivingPeriod
from .fines import Fine, VehicleRegistration
from .patrol import (
    Dispatch,
    Incident,
    IncidentEvent,
    PatrolLog,
    PatrolLogEntry,
    PatrolUnit,
    UnitLatestPosition,
    UnitPosition,
)
from .plate_key import KEY_SQL, keys_like_on_sqlite, plate_key_column, plate_keys
from .sync import SyncAuditEntry, SyncBundle, SyncConflict, SyncRow

__all__ = [
    "KEY_SQL",
    "Alert",
    "AnalyticsNode",
    "AuditEntry",
    "AuditHead",
    "Base",
    "Camera",
    "CameraLease",
    "CameraRule",
    "CandidateEvidence",
    "CommercialDriver",
    "CommercialVehicle",
    "Dispatch",
    "DrivingClock",
    "DrivingPeriod",
    "EvidenceFile",
    "Fine",
    "HotlistEntry",
    "Incident",
    "IncidentEvent",
    "Operator",
    "PatrolLog",
    "PatrolLogEntry",
    "PatrolUnit",
    "PlateRead",
    "SyncAuditEntry",
    "SyncBundle",
    "SyncConflict",
    "SyncRow",
    "UTCDateTime",
    "UnitLatestPosition",
    "UnitPosition",
    "VehicleRegistration",
    "ViolationCandidate",
    "keys_like_on_sqlite",
    "plate_key_column",
    "plate_keys",
    "utcnow",
]
