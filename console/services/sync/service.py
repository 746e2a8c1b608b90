"""The four operator actions: export at a station, import at the centre, and the reverse pair.

Each export reads in one transaction (a consistent snapshot) and records a ``sync.export`` audit
entry in it; each import verifies the whole bundle before it opens its one writing transaction.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from console.services.audit import AuditLog
from console.services.context import SYSTEM
from console.services.evidence import EvidenceStore
from console.storage.db import Database

from .bundle import Progress, Written, read_bundle, write_bundle
from .centre_import import ImportReport, import_station_bundle
from .key import SyncKey
from .reverse import CENTRE, collect_centre, import_centre_bundle
from .station_export import collect, evidence_paths

_STATION_CODE = re.compile(r"[A-Z0-9][A-Z0-9_-]{0,31}")


class SyncError(ValueError):
    """A sync request that cannot be done, worded for the operator."""


def check_station_code(code: str | None) -> str:
    if code is None:
        raise SyncError("this site has no station code: set [sync] station (or TCC_SYNC__STATION) at a station")
    if not _STATION_CODE.fullmatch(code) or code.lower() == CENTRE:
        raise SyncError(f"station code {code!r}: 1 to 32 of A-Z 0-9 _ -, and not 'centre'")
    return code


def _header(kind: str, origin: str, key: SyncKey, **extra: Any) -> dict[str, Any]:
    now = datetime.now(UTC).isoformat(timespec="microseconds")
    return {"kind": kind, "origin": origin, "written_at": now, "key": key.fingerprint, **extra}


def export_station(
    db: Database, audit: AuditLog, evidence_root: Path, station: str, key: SyncKey, since: datetime, out: Path,
    progress: Progress | None = None,
) -> Written:  # fmt: skip
    station = check_station_code(station)
    with db.session() as s:
        tables, digests = collect(s, since)
        files = evidence_paths(evidence_root, s, digests)
        header = _header("station", station, key, since=since.astimezone(UTC).isoformat())
        written = write_bundle(out, key, header, tables, files, progress)
        audit.append(s, SYSTEM, "sync.export", "sync_bundle", written.sha256,
                     {"since": header["since"], "counts": written.counts, "file": out.name})  # fmt: skip
    return written


def import_station(
    db: Database, audit: AuditLog, evidence_root: Path, key: SyncKey, path: Path, progress: Progress | None = None
) -> ImportReport:
    bundle = read_bundle(path, key, progress)
    return import_station_bundle(db, audit, EvidenceStore(evidence_root), bundle, progress)


def export_centre(db: Database, audit: AuditLog, key: SyncKey, out: Path, progress: Progress | None = None) -> Written:
    with db.session() as s:
        written = write_bundle(out, key, _header(CENTRE, CENTRE, key), collect_centre(s), {}, progress)  # fmt: skip
        audit.append(s, SYSTEM, "sync.export_centre", "sync_bundle", written.sha256,
                     {"counts": written.counts, "file": out.name})  # fmt: skip
    return written


def import_centre(
    db: Database, audit: AuditLog, key: SyncKey, path: Path, progress: Progress | None = None
) -> ImportReport:
    return import_centre_bundle(db, audit, read_bundle(path, key, progress))
