"""``driving import FILE.csv``: a transport company's journey export into the driving-time tables."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from console import bootstrap
from console.config import Config
from console.services.context import SYSTEM
from console.services.driving.csv_import import COLUMNS, ImportFileError, import_csv
from console.services.driving.rules import RulesError, default_rules
from console.services.driving.store import DrivingStore

from . import Handler


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    driving = commands.add_parser("driving", parents=[common], help="driving time of commercial drivers (art. 64)")
    actions = driving.add_subparsers(dest="action", required=True, metavar="ACTION")
    imp = actions.add_parser(
        "import",
        parents=[common],
        help=f"import a transport company's journey export (CSV columns: {','.join(COLUMNS)}); each file is all "
        "or nothing, rows already known are skipped",
    )
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE.csv")


def _import(args: argparse.Namespace, cfg: Config) -> int:
    try:
        rules = default_rules()
    except RulesError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    db = bootstrap.open_database(cfg, args.db)
    failed = 0
    try:
        services = bootstrap.build_services(cfg, db)
        store = DrivingStore(db, rules)
        for path in args.files:
            try:
                r = import_csv(store, services.audit, SYSTEM, path)
            except (ImportFileError, OSError) as exc:
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
                print(f"error: {reason}" if isinstance(exc, ImportFileError) else f"error: {path}: {reason}",
                      file=sys.stderr)  # fmt: skip
                failed += 1
                continue
            print(f"{path}: {r.rows} rows, {r.stored.applied} applied, {r.stored.skipped} already known; "
                  f"{r.new_drivers} new drivers, {r.new_vehicles} new vehicles, {r.stored.alerts} alerts")  # fmt: skip
    finally:
        db.dispose()
    return 2 if failed else 0


HANDLERS: dict[tuple[str, str], Handler] = {("driving", "import"): _import}
