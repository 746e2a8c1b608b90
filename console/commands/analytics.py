"""``analytics``: detection with no window on the cameras this process leases; ``analytics status``: who has which.

    python main.py analytics [--cameras SELECTOR] [--device AUTO|GPU|CPU] [--max-cameras N] [--stream main|sub]

Runs until SIGTERM or Ctrl+C, then stops its workers and gives its leases back at once. Start as many
as the hardware allows (docs/scaling.md): they share the selected cameras, each camera analysed once.
"""

from __future__ import annotations

import argparse
import dataclasses
import signal
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType

from sqlalchemy import select

from console import bootstrap
from console.config import Config

from . import Handler


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    run = commands.add_parser("analytics", parents=[common], help="detection with no window on leased cameras")
    run.add_argument("--cameras", metavar="SELECTOR", help="all, codes, globs (HN-*), route:NAME; default [analytics]")
    run.add_argument("--device", choices=("AUTO", "GPU", "CPU", "NPU"), help="OpenVINO device; default [inference]")
    run.add_argument("--max-cameras", type=int, metavar="N", help="at most N cameras in this process")
    run.add_argument("--stream", choices=("main", "sub"), help="which stream of each camera to analyse")
    run.add_argument("--lease", type=float, metavar="S", help="lease period in seconds")
    run.add_argument("--models", type=Path, action="append", metavar="DIR", help="model folder (repeatable)")
    run.add_argument("--seconds", type=float, metavar="N", help="stop after N seconds (checks, tests)")
    actions = run.add_subparsers(dest="action", metavar="ACTION")
    actions.default = "run"  # `analytics` alone runs the service; `analytics status` reports
    actions.add_parser("status", parents=[common], help="analytics processes alive and the cameras each holds")


def _run(args: argparse.Namespace, cfg: Config) -> int:
    import logging

    from console.services.analytics import AnalyticsService
    from console.services.camera_pipeline import load_engine
    from console.services.evidence import evidence_dir
    from console.services.leases import LeaseError, LeaseService, Renewal, default_holder, select_cameras

    logging.getLogger().handlers[-1].setLevel(logging.INFO)  # a service's log is its screen
    over = {k: v for k, v in {"cameras": args.cameras, "max_cameras": args.max_cameras, "stream": args.stream,
                              "lease_s": args.lease}.items() if v is not None}  # fmt: skip
    acfg = dataclasses.replace(cfg.analytics, **over)
    if acfg.lease_s < 1:
        print("error: --lease must be at least 1 second", file=sys.stderr)
        return 2
    db = bootstrap.open_database(cfg, args.db)
    try:
        services = bootstrap.build_services(cfg, db)
        try:
            wanted = select_cameras(db, acfg.cameras)  # a selector that selects nothing is refused now
        except LeaseError as exc:
            print(f"error: --cameras: {exc}", file=sys.stderr)
            return 2
        device = args.device or cfg.inference.device
        engine = load_engine(args.models, device)
        leases = LeaseService(db, default_holder(), acfg.lease_s, acfg.max_cameras, device=engine.device)
        service = AnalyticsService(db, services.audit, engine, evidence_dir(cfg), leases,
                                   lambda: select_cameras(db, acfg.cameras), acfg)  # fmt: skip
        print(f"analytics {leases.holder}: {len(wanted)} cameras selected, inferring on {engine.device}", flush=True)

        def stop(signum: int, _frame: FrameType | None) -> None:
            service.stop()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        timer = threading.Timer(args.seconds or 0, service.stop)
        timer.daemon = True  # a stop by signal must not wait out the timer at exit
        if args.seconds:
            timer.start()

        def report(r: Renewal) -> None:
            # One line a renewal: what this process analyses and how many frames each camera gave it.
            frames = " ".join(f"{c}:{n}" for c, n in sorted(service.frames().items()))
            print(f"holding {len(r.held)} of {len(wanted)} (share {r.share}, {r.nodes} processes) frames {frames}",
                  flush=True)  # fmt: skip

        service.run(report)
        timer.cancel()
        print(f"analytics {leases.holder}: stopped, leases given back", flush=True)
        return 0
    finally:
        db.dispose()


def _status(args: argparse.Namespace, cfg: Config) -> int:
    from console.storage.models import AnalyticsNode, Camera, CameraLease

    db = bootstrap.connect_database(cfg, args.db)
    try:
        with db.session() as s:
            now = datetime.now(UTC)
            nodes = s.scalars(select(AnalyticsNode).order_by(AnalyticsNode.holder)).all()
            held = s.execute(select(CameraLease.holder, Camera.code).join(Camera, Camera.id == CameraLease.camera_id)
                             .where(CameraLease.expires_at > now).order_by(Camera.code)).all()  # fmt: skip
        for node in nodes:
            age = (now - node.seen_at).total_seconds()
            codes = [code for holder, code in held if holder == node.holder]
            print(f"{node.holder}  {node.device or '-'}  seen {age:.0f} s ago  {len(codes)} cameras: {' '.join(codes)}")
        if not nodes:
            print("no analytics process has run against this database")
        return 0
    finally:
        db.dispose()


HANDLERS: dict[tuple[str, str], Handler] = {("analytics", "run"): _run, ("analytics", "status"): _status}
