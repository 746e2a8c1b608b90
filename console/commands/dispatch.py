"""Incident and GPS verbs: ``incident create|list|suggest`` and ``gps simulate``.

``incident create`` is how a script (a citizen-report gateway, an alert rule) opens an incident,
also from an alert (``--alert ID``) or a violation (``--violation ID``); it acts as the system
account, which the audit log records. ``gps simulate`` drives the demo teams through the
configured broker, for checking a station's broker and phones' topics without phones.
"""

from __future__ import annotations

import argparse
import sys
import time

from console import bootstrap
from console.config import Config
from console.services.context import SYSTEM
from console.services.dispatch import INCIDENT_KINDS, DispatchError, NewIncident
from console.services.units import LivePositions

from . import Handler


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    inc = commands.add_parser("incident", parents=[common], help="incidents and dispatch suggestions")
    actions = inc.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = actions.add_parser("create", parents=[common], help="open an incident; prints its number")
    create.add_argument("--kind", required=True, choices=INCIDENT_KINDS)
    create.add_argument("--priority", type=int, default=2, choices=(1, 2, 3), help="1 urgent … 3 normal")
    create.add_argument("--lat", type=float, required=True)
    create.add_argument("--lon", type=float, required=True)
    create.add_argument("--place", default="")
    create.add_argument("--description", default="")
    create.add_argument("--source", default="manual", choices=("manual", "citizen", "alert", "violation"))
    create.add_argument("--alert", type=int, metavar="ID", help="the alert this incident follows")
    create.add_argument("--violation", type=int, metavar="ID", help="the violation candidate it follows")
    actions.add_parser("list", parents=[common], help="open incidents")
    suggest = actions.add_parser("suggest", parents=[common], help="available teams for an incident, best first")
    suggest.add_argument("incident", type=int, metavar="ID")

    gps = commands.add_parser("gps", parents=[common], help="patrol GPS feed")
    gps_actions = gps.add_subparsers(dest="action", required=True, metavar="ACTION")
    sim = gps_actions.add_parser("simulate", parents=[common], help="drive the teams through [broker] (demo data)")
    sim.add_argument("--seconds", type=float, default=60.0)


def _create(args: argparse.Namespace, cfg: Config) -> int:
    db = bootstrap.open_database(cfg, args.db)
    try:
        live = LivePositions(cfg, db, bootstrap.build_services(cfg, db).audit)
        source = "alert" if args.alert else "violation" if args.violation else args.source
        new = NewIncident(args.kind, args.priority, args.lat, args.lon, args.place, args.description, source,
                          args.alert, args.violation)  # fmt: skip
        try:
            number = live.dispatch.create_incident(SYSTEM, new)
        except DispatchError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    finally:
        db.dispose()
    print(number)
    return 0


def _list(args: argparse.Namespace, cfg: Config) -> int:
    db = bootstrap.open_database(cfg, args.db)
    try:
        pins = LivePositions(cfg, db, bootstrap.build_services(cfg, db).audit).units.open_incidents(SYSTEM)
    finally:
        db.dispose()
    for p in pins:
        print(f"{p.id}\t{p.status}\tP{p.priority}\t{p.kind}\t{p.lat:.5f},{p.lon:.5f}\t{p.place}")
    return 0


def _suggest(args: argparse.Namespace, cfg: Config) -> int:
    db = bootstrap.open_database(cfg, args.db)
    try:
        live = LivePositions(cfg, db, bootstrap.build_services(cfg, db).audit)
        try:
            detail = live.dispatch.detail(SYSTEM, args.incident)
        except DispatchError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        ranked = live.dispatch.suggest(SYSTEM, detail.lat, detail.lon)
    finally:
        db.dispose()
    for s in ranked:
        eta = f"{s.eta_s / 60:.0f} min" if s.eta_s is not None else "-"
        print(f"{s.call_sign}\t{s.distance_m / 1000:.1f} km\t{eta}" + ("\tstale fix" if s.stale else ""))
    return 0


def _simulate(args: argparse.Namespace, cfg: Config) -> int:
    if not cfg.broker.host:
        print("error: [broker] host is not configured; the simulator publishes to a broker", file=sys.stderr)
        return 2
    db = bootstrap.open_database(cfg, args.db)
    live = LivePositions(cfg, db, bootstrap.build_services(cfg, db).audit)
    live.start(simulate=True)
    try:
        time.sleep(args.seconds)
    except KeyboardInterrupt:
        pass
    finally:
        published = live.simulator.published if live.simulator else 0
        live.stop()
        db.dispose()
    print(f"{published} message(s) published")
    return 0


HANDLERS: dict[tuple[str, str], Handler] = {
    ("incident", "create"): _create,
    ("incident", "list"): _list,
    ("incident", "suggest"): _suggest,
    ("gps", "simulate"): _simulate,
}
