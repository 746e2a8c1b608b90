"""``intake serve``: the citizen-report and help-request HTTP API (docs/intake.md).

Runs until interrupted. It refuses to start without at least one token file: an intake that
anyone on the network could post to would fill the review queue with whatever they sent.
"""

from __future__ import annotations

import argparse
import sys

from console import bootstrap
from console.config import Config
from console.services.intake.limits import TokenError, load_tokens
from console.services.intake.server import IntakeServer
from console.services.intake.service import build

from . import Handler


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    intake = commands.add_parser("intake", parents=[common], help="citizen reports and help requests (HTTP API)")
    actions = intake.add_subparsers(dest="action", required=True, metavar="ACTION")
    serve = actions.add_parser("serve", parents=[common], help="serve the intake API until interrupted")
    serve.add_argument("--host", help="address to listen on (default: [intake] host, 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default: [intake] port, 8740)")


def _serve(args: argparse.Namespace, cfg: Config) -> int:
    if not cfg.intake.token_files:
        print("error: [intake] token_files is empty; give each calling system a token file", file=sys.stderr)
        return 2
    try:
        tokens = load_tokens(cfg.intake.token_files)
    except TokenError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    host = args.host or cfg.intake.host
    port = cfg.intake.port if args.port is None else args.port
    db = bootstrap.open_database(cfg, args.db)
    try:
        service = build(cfg, db, bootstrap.build_services(cfg, db).audit)
        try:
            server = IntakeServer((host, port), service, tokens, cfg.intake)
        except OSError as exc:
            print(f"error: cannot listen on {host}:{port}: {exc.strerror}", file=sys.stderr)
            return 2
        print(f"intake listening on http://{host}:{server.server_port}/v1/ for {', '.join(sorted(tokens))}",
              flush=True)  # fmt: skip
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
    finally:
        db.dispose()
    return 0


HANDLERS: dict[tuple[str, str], Handler] = {("intake", "serve"): _serve}
