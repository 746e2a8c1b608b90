"""Station ↔ centre sync verbs: ``sync keygen|export|import|export-centre|import-centre|verify-station``.

Each prints one JSON line on success; a refused bundle is one ``error:`` line and exit status 2,
with nothing changed. Progress goes to standard error, at most twice a second.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError

from console import bootstrap
from console.config import Config
from console.services.audit_key import AuditKeyError, load_key
from console.services.evidence import evidence_dir
from console.services.sync import service
from console.services.sync.bundle import BundleError, Written
from console.services.sync.chain import verify_station_chain
from console.services.sync.key import SyncKey, SyncKeyError, create_sync_key, load_sync_key

from . import Handler


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    keyed = argparse.ArgumentParser(add_help=False, parents=[common])
    keyed.add_argument("--key", type=Path, metavar="FILE", help="the sync key file instead of [sync] key_file")
    sync = commands.add_parser("sync", parents=[common], help="station <-> centre bundles (docs/sync.md)")
    actions = sync.add_subparsers(dest="action", required=True, metavar="ACTION")
    gen = actions.add_parser(
        "keygen", parents=[common], help="create the sync key file shared by a station and the centre"
    )
    gen.add_argument("--out", type=Path, required=True, metavar="FILE", help="the key file to create (mode 0600)")
    exp = actions.add_parser(
        "export", parents=[keyed], help="at a station: write its data since DATE to a signed bundle"
    )
    exp.add_argument("--since", required=True, type=_date, metavar="DATE", help="YYYY-MM-DD or an ISO time (UTC)")
    exp.add_argument("--out", type=Path, required=True, metavar="FILE", help="the bundle to write")
    imp = actions.add_parser("import", parents=[keyed], help="at the centre: apply a station's bundle (all or nothing)")
    imp.add_argument("file", type=Path, metavar="FILE")
    cex = actions.add_parser(
        "export-centre", parents=[keyed], help="at the centre: cameras, hotlist and registrations for the stations"
    )
    cex.add_argument("--out", type=Path, required=True, metavar="FILE", help="the bundle to write")
    cim = actions.add_parser("import-centre", parents=[keyed], help="at a station: apply the centre's bundle")
    cim.add_argument("file", type=Path, metavar="FILE")
    ver = actions.add_parser("verify-station", parents=[common], help="at the centre: verify a station's audit chain")
    ver.add_argument("station", metavar="CODE")
    ver.add_argument("--audit-key", type=Path, metavar="FILE", help="the station's audit key, to check signed entries")


def _date(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD) or ISO time") from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class _Progress:
    def __init__(self) -> None:
        self.shown = 0.0

    def __call__(self, what: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done == total or now - self.shown >= 0.5:
            self.shown = now
            print(f"{what}: {done}/{total}", file=sys.stderr, flush=True)


def _key(args: argparse.Namespace, cfg: Config) -> SyncKey:
    path = args.key or (Path(cfg.sync.key_file) if cfg.sync.key_file else None)
    if path is None:
        raise SyncKeyError("no sync key: set [sync] key_file (or TCC_SYNC__KEY_FILE), or give --key FILE")
    return load_sync_key(Path(path))


def _run(args: argparse.Namespace, cfg: Config) -> int:
    try:
        return _ACTIONS[args.action](args, cfg)
    except (BundleError, SyncKeyError, service.SyncError, AuditKeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except IntegrityError as exc:  # the transaction rolled back: a row here clashes with one in the bundle
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        print(f"error: {args.action}: the bundle clashes with a row here ({reason}); nothing imported", file=sys.stderr)
        return 2


def _keygen(args: argparse.Namespace, cfg: Config) -> int:
    key = create_sync_key(args.out)
    print(json.dumps({"key": key.fingerprint, "file": str(args.out)}))
    return 0


def _written(w: Written, started: float) -> int:
    print(json.dumps({"bundle": str(w.path), "sha256": w.sha256, "bytes": w.size, "rows": w.counts,
                      "seconds": round(time.monotonic() - started, 2)}, ensure_ascii=False))  # fmt: skip
    return 0


def _export(args: argparse.Namespace, cfg: Config) -> int:
    key, started = _key(args, cfg), time.monotonic()
    db = bootstrap.open_database(cfg, args.db)
    try:
        audit = bootstrap.build_services(cfg, db).audit
        w = service.export_station(db, audit, evidence_dir(cfg), cfg.sync.station or "", key, args.since, args.out,
                                   _Progress())  # fmt: skip
    finally:
        db.dispose()
    return _written(w, started)


def _export_centre(args: argparse.Namespace, cfg: Config) -> int:
    key, started = _key(args, cfg), time.monotonic()
    db = bootstrap.open_database(cfg, args.db)
    try:
        w = service.export_centre(db, bootstrap.build_services(cfg, db).audit, key, args.out, _Progress())
    finally:
        db.dispose()
    return _written(w, started)


def _import(args: argparse.Namespace, cfg: Config) -> int:
    key, started = _key(args, cfg), time.monotonic()
    db = bootstrap.open_database(cfg, args.db)
    try:
        audit = bootstrap.build_services(cfg, db).audit
        if args.action == "import":
            report = service.import_station(db, audit, evidence_dir(cfg), key, args.file, _Progress())
        else:
            report = service.import_centre(db, audit, key, args.file, _Progress())
    finally:
        db.dispose()
    out: dict[str, Any] = report.as_dict() | {"seconds": round(time.monotonic() - started, 2)}
    print(json.dumps(out, ensure_ascii=False))
    return 0


def _verify_station(args: argparse.Namespace, cfg: Config) -> int:
    key = load_key(args.audit_key) if args.audit_key else None
    db = bootstrap.open_database(cfg, args.db)
    try:
        chain = verify_station_chain(db, args.station, key)
    finally:
        db.dispose()
    print(json.dumps(chain.__dict__))
    return 0 if chain.ok else 1


_ACTIONS: dict[str, Handler] = {
    "keygen": _keygen,
    "export": _export,
    "import": _import,
    "export-centre": _export_centre,
    "import-centre": _import,
    "verify-station": _verify_station,
}

HANDLERS: dict[tuple[str, str], Handler] = {("sync", action): _run for action in _ACTIONS}
