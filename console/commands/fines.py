"""Camera-fine verbs: ``registrations import FILE.csv`` and ``fines publish --out FILE.json|FILE.csv``.

Both run without a window (a nightly job, a data clerk's script) and act as the system account,
which the audit log records.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from console import bootstrap
from console.config import Config
from console.services.context import SYSTEM
from console.services.fines import FineService, render_publication
from console.services.registrations import REQUIRED, RegistrationImportError, RegistrationService
from console.storage.models import utcnow

from . import Handler


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    reg = commands.add_parser("registrations", parents=[common], help="vehicle registrations for owner lookup")
    reg_actions = reg.add_subparsers(dest="action", required=True, metavar="ACTION")
    imp = reg_actions.add_parser(
        "import",
        parents=[common],
        help="add or update registrations from a UTF-8 CSV file; when any row is bad nothing is stored, "
        "each bad row is reported with its line number and the exit status is 2",
    )
    imp.add_argument(
        "file", type=Path, metavar="FILE.csv", help=f"CSV with a header row; required: {', '.join(REQUIRED)}"
    )

    fines = commands.add_parser("fines", parents=[common], help="camera fines (phạt nguội)")
    fine_actions = fines.add_subparsers(dest="action", required=True, metavar="ACTION")
    pub = fine_actions.add_parser(
        "publish",
        parents=[common],
        help="mark fines unresolved 20 days after detection as published and write the public list "
        "(Circular 73/2024 art. 24)",
    )
    pub.add_argument("--out", type=Path, required=True, metavar="FILE.json|FILE.csv", help="where to write the list")
    pub.add_argument(
        "--dry-run", action="store_true", help="write the list but do not mark anything published (no audit entry)"
    )


def _import(args: argparse.Namespace, cfg: Config) -> int:
    db = bootstrap.open_database(cfg, args.db)
    try:
        service = RegistrationService(db, bootstrap.build_services(cfg, db).audit)
        try:
            result = service.import_file(SYSTEM, args.file)
        except RegistrationImportError as exc:
            print(f"error: {args.file}: {exc}", file=sys.stderr)
            return 2
    finally:
        db.dispose()
    print(f"{args.file}: {result.added} registration(s) added, {result.updated} updated")
    return 0


def _publish(args: argparse.Namespace, cfg: Config) -> int:
    out: Path = args.out
    suffix = out.suffix.lower()
    if suffix not in (".json", ".csv"):
        print(f"error: {out}: the list is written as .json or .csv; name the file accordingly", file=sys.stderr)
        return 2
    db = bootstrap.open_database(cfg, args.db)
    try:
        service = FineService(db, bootstrap.build_services(cfg, db).audit)
        now = utcnow()
        rows = service.publication_list(SYSTEM, now) if args.dry_run else service.publish(SYSTEM, now)
    finally:
        db.dispose()
    out.parent.mkdir(parents=True, exist_ok=True)
    # Replace the file in one step: the public lookup may be reading the previous list right now.
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    tmp.write_text(render_publication(rows, suffix, now), encoding="utf-8")
    os.replace(tmp, out)
    print(f"{out}: {len(rows)} fine(s) listed for publication")
    return 0


HANDLERS: dict[tuple[str, str], Handler] = {
    ("registrations", "import"): _import,
    ("fines", "publish"): _publish,
}
