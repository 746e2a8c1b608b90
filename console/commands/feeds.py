"""``feeds serve``: the one process that stores what the broker delivers, for a centre's workstations.

    python main.py feeds serve [--seconds N] [--stats-every S]

Patrol positions, team status reports (en route, on scene) and journey-device fixes, written as a
console with ``[broker] store = true`` writes them. At a centre every workstation sets
``store = false`` (it still shows positions live and publishes dispatch orders) and one of these runs
on a server; at a district station the console stores them itself and this is not needed.
Runs until SIGTERM or Ctrl+C, then stores what it holds and stops.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import signal
import sys
import threading
from types import FrameType
from typing import TYPE_CHECKING

from console import bootstrap
from console.config import Config

from . import Handler

if TYPE_CHECKING:  # imported when serving: the other verbs do not load the feeds
    from console.services.driving.live import LiveDriving
    from console.services.units import LivePositions

log = logging.getLogger(__name__)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    feeds = commands.add_parser("feeds", parents=[common], help="store the broker's positions and journeys")
    actions = feeds.add_subparsers(dest="action", required=True, metavar="ACTION")
    serve = actions.add_parser("serve", parents=[common], help="the centre's one writer of positions and journeys")
    serve.add_argument("--seconds", type=float, metavar="N", help="stop after N seconds (checks, tests)")
    serve.add_argument("--stats-every", type=float, default=60.0, metavar="S", help="log feed figures every S s")


def _serve(args: argparse.Namespace, cfg: Config) -> int:
    from console.services.driving.live import LiveDriving
    from console.services.units import LivePositions

    if not cfg.broker.host:
        print("error: no MQTT broker configured: set [broker] host (or TCC_BROKER__HOST)", file=sys.stderr)
        return 2
    if args.stats_every <= 0:
        print("error: --stats-every must be more than 0 seconds", file=sys.stderr)
        return 2
    logging.getLogger().handlers[-1].setLevel(logging.INFO)  # a service's log is its screen
    cfg = dataclasses.replace(cfg, broker=dataclasses.replace(cfg.broker, store=True))  # storing is its job
    db = bootstrap.open_database(cfg, args.db)
    done = threading.Event()
    try:
        services = bootstrap.build_services(cfg, db)
        positions = LivePositions(cfg, db, services.audit)
        journeys = LiveDriving(db)
        positions.start(simulate=False)
        try:
            journeys.start(cfg.broker)
            try:

                def stop(_signum: int, _frame: FrameType | None) -> None:
                    done.set()

                signal.signal(signal.SIGTERM, stop)
                signal.signal(signal.SIGINT, stop)
                print(f"feeds: storing positions ({cfg.broker.topic_prefix}/#) and journeys (journey/#) "
                      f"from {cfg.broker.host}:{cfg.broker.port}", flush=True)  # fmt: skip
                if args.seconds:
                    threading.Timer(args.seconds, done.set).start()
                while not done.wait(args.stats_every):
                    _log_stats(positions, journeys)
                _log_stats(positions, journeys)
            finally:
                journeys.stop()
        finally:
            positions.stop()
    finally:
        db.dispose()
    print("feeds: stopped", flush=True)
    return 0


def _log_stats(positions: LivePositions, journeys: LiveDriving) -> None:
    gps, trips = positions.feed.stats(), journeys.feed.stats()
    log.info("feeds: positions accepted %d, rejected %d (%s); journeys accepted %d, rejected %d",
             gps.accepted, sum(gps.rejected.values()), "connected" if gps.connected else "reconnecting",
             trips.accepted, sum(trips.rejected.values()))  # fmt: skip


HANDLERS: dict[tuple[str, str], Handler] = {("feeds", "serve"): _serve}
