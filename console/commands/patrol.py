"""``patrol import FILE.json…`` and ``patrol report``: patrol logs from the command line."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timedelta
from pathlib import Path

from console import bootstrap
from console.config import Config
from console.services.context import SYSTEM
from console.services.patrol.reports import VIETNAM, build_report, report_csv
from console.services.patrol_logs import PatrolLogService

from . import Handler


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    patrol = commands.add_parser("patrol", parents=[common], help="digitised patrol logs")
    actions = patrol.add_subparsers(dest="action", required=True, metavar="ACTION")
    imp = actions.add_parser(
        "import",
        parents=[common],
        help="store patrol logs sent as JSON by the teams' devices (format: docs/patrol.md); each file is "
        "all or nothing, and a file imported before is reported and skipped",
    )
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE.json")
    rep = actions.add_parser("report", parents=[common], help="shift report per team as CSV")
    rep.add_argument("--since", required=True, type=_day, metavar="YYYY-MM-DD", help="first day (Vietnam time)")
    rep.add_argument("--until", required=True, type=_day, metavar="YYYY-MM-DD", help="last day, included")
    rep.add_argument("--unit", action="append", default=[], metavar="CALL_SIGN", help="only this team (repeatable)")
    rep.add_argument("--route", default="", metavar="TEXT", help="only logs whose route/area contains TEXT")
    rep.add_argument("--signed-only", action="store_true", help="only logs signed off by a supervisor")
    rep.add_argument("--out", type=Path, metavar="FILE.csv", help="write here instead of standard output")


def _day(text: str) -> datetime:
    try:
        return datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=VIETNAM)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-28") from None


def _import(args: argparse.Namespace, cfg: Config) -> int:
    db = bootstrap.open_database(cfg, args.db)
    failed = 0
    try:
        services = bootstrap.build_services(cfg, db)
        logs = PatrolLogService(db, services.audit)
        for path in args.files:
            try:
                result = logs.import_file(SYSTEM, path)
            except (ValueError, OSError) as exc:
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
                print(f"error: {path}: {reason} (nothing imported from this file)", file=sys.stderr)
                failed += 1
                continue
            if result.created:
                print(f"{path}: imported as patrol log #{result.log_id} ({result.entries} entries)")
            else:
                print(f"{path}: already imported as patrol log #{result.log_id}; nothing changed")
    finally:
        db.dispose()
    return 2 if failed else 0


def _report(args: argparse.Namespace, cfg: Config) -> int:
    db = bootstrap.open_database(cfg, args.db)
    try:
        try:
            report = build_report(
                db, SYSTEM, args.since, args.until + timedelta(days=1),
                units=tuple(args.unit), route=args.route, signed_only=args.signed_only,
            )  # fmt: skip
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        text = report_csv(report)
    finally:
        db.dispose()
    if args.out is not None:
        args.out.write_text(text, encoding="utf-8-sig")
        print(f"report written to {args.out} ({len(report.teams)} team(s))")
    else:
        sys.stdout.write(text)
    return 0


HANDLERS: dict[tuple[str, str], Handler] = {("patrol", "import"): _import, ("patrol", "report"): _report}
