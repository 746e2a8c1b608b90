"""Command line: start the console window, or run one administration task without a window.

Subcommands never import Qt, so they work on a server without a display.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from console import bootstrap
from console import commands as feature_commands
from console.config import Config, ConfigError, load_config
from console.options import RunOptions
from console.services.context import SYSTEM, PermissionDenied, Role
from console.services.users import UserError, check_username
from console.storage.db import DatabaseError, safe_url

PAGES = ("wall", "map", "alerts", "review", "incidents", "patrol", "driving", "admin")
_RUN_ONLY = ("lang", "demo", "screenshot", "exit_after", "page")

DESCRIPTION = """\
Operator console for the traffic-police command centre.

Without a command it opens the console window. With a command it does one
administration task in the terminal and exits (no window, no display needed)."""

EPILOG = """\
examples:
  csgt-console                                  open the console window
  csgt-console --demo --lang en                 try it with demo data, in English
  csgt-console db upgrade --db postgresql+psycopg://tcc@dbhost/tcc
  csgt-console user add lan.nguyen --role supervisor --display-name "Nguyễn Thị Lan"
  echo 'S3cret-pass' | csgt-console user add bot --role operator
  csgt-console audit keygen --out /etc/csgt/audit.key   once per database; copy the file to each workstation
  csgt-console audit verify

exit status: 0 done, 1 audit chain broken, 2 error (the message starts with "error:")."""


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not value > 0:
        raise argparse.ArgumentTypeError("must be more than 0 seconds")
    return value


def _add_common(parser: argparse.ArgumentParser, default: object) -> None:
    # Subcommands repeat these with SUPPRESS so that a value given before the command survives.
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        default=default,
        help="settings file (TOML) to read; without it the built-in defaults are used",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        default=default,
        help="database to use instead of the one in the settings (which, when unset, is console.db in this "
        "user's data folder), e.g. sqlite:///C:/csgt/console.db or postgresql+psycopg://USER@HOST:5432/NAME",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="csgt-console",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_common(parser, None)
    window = parser.add_argument_group("window options (only when no command is given)")
    window.add_argument("--lang", choices=("vi", "en"), help="language of the window: vi Vietnamese, en English")
    window.add_argument(
        "--demo",
        action="store_true",
        help="fill an empty database with made-up demo data and sign in as the demo administrator",
    )
    window.add_argument(
        "--screenshot", type=Path, metavar="FILE.png", help="save a picture of the window to this file, then quit"
    )
    window.add_argument(
        "--exit-after", type=_positive_seconds, metavar="SECONDS", help="quit by itself after this many seconds"
    )
    window.add_argument("--page", choices=PAGES, help="page to show first")

    common = argparse.ArgumentParser(add_help=False)
    _add_common(common, argparse.SUPPRESS)
    commands = parser.add_subparsers(
        dest="command", title="commands", metavar="COMMAND", description="leave out to open the window"
    )

    db = commands.add_parser("db", parents=[common], help="database maintenance")
    db_actions = db.add_subparsers(dest="action", required=True, metavar="ACTION")
    db_actions.add_parser(
        "upgrade",
        parents=[common],
        help="create the tables in a new database, or bring an older one up to date (rows are kept)",
    )

    user = commands.add_parser("user", parents=[common], help="operator accounts")
    user_actions = user.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = user_actions.add_parser(
        "add",
        parents=[common],
        help="create an account; the password is asked twice on the terminal, "
        "or read as one line from standard input when that is not a terminal",
    )
    add.add_argument("name", metavar="NAME", help="login name: 3 to 64 characters from a-z 0-9 _ . -")
    add.add_argument(
        "--role",
        required=True,
        choices=[r.value for r in Role],
        help="operator: daily work; supervisor: also approves fines, signs patrol logs, reads the audit log; "
        "admin: everything, including accounts",
    )
    add.add_argument("--display-name", default="", metavar="TEXT", help="full name shown in the window")

    audit = commands.add_parser("audit", parents=[common], help="the tamper-evident audit log")
    audit_actions = audit.add_subparsers(dest="action", required=True, metavar="ACTION")
    keygen = audit_actions.add_parser(
        "keygen",
        parents=[common],
        help="create the site's audit key file and sign the log with it from now on (once per database)",
    )
    keygen.add_argument("--out", required=True, metavar="FILE", help="the key file to create (mode 0600)")
    audit_actions.add_parser(
        "verify",
        parents=[common],
        help="check that no audit entry was changed, removed or slipped in; exit status 1 if one was",
    )
    for module in feature_commands.load():
        module.register(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is not None:
            given = [f"--{name.replace('_', '-')}" for name in _RUN_ONLY if getattr(args, name) not in (None, False)]
            if given:
                parser.error(f"{', '.join(given)}: only for opening the window, not with the '{args.command}' command")
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 2
    try:
        if args.command is None:
            return _run_window(args)
        return _run_command(args)
    except (ConfigError, DatabaseError, UserError, PermissionDenied) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130


def _run_window(args: argparse.Namespace) -> int:
    options = RunOptions(
        config_path=args.config,
        db_url=args.db,
        lang=args.lang,
        demo=args.demo,
        screenshot=args.screenshot,
        exit_after=args.exit_after,
        page=args.page,
    )
    # Imported here so that the administration commands never load Qt.
    from console.app import run_console

    return run_console(options)


def _run_command(args: argparse.Namespace) -> int:
    handlers: dict[tuple[str, str], Callable[[argparse.Namespace, Config], int]] = {
        ("db", "upgrade"): _db_upgrade,
        ("user", "add"): _user_add,
        ("audit", "verify"): _audit_verify,
        ("audit", "keygen"): _audit_keygen,
    }
    for module in feature_commands.load():
        handlers.update(module.HANDLERS)
    cfg = load_config(args.config)
    bootstrap.setup_logging(cfg, quiet=True)
    try:
        return handlers[(args.command, args.action)](args, cfg)
    finally:
        bootstrap.close_logging()


def _db_upgrade(args: argparse.Namespace, cfg: Config) -> int:
    db = bootstrap.connect_database(cfg, args.db)
    try:
        before, after = bootstrap.upgrade_database(db)
        change = "already up to date" if before == after else "upgraded"
        print(f"database {safe_url(db.engine.url)}: schema {before or '(empty)'} -> {after} ({change})")
    finally:
        db.dispose()
    return 0


def _user_add(args: argparse.Namespace, cfg: Config) -> int:
    check_username(args.name)  # before asking for a password that would then be thrown away
    db = bootstrap.open_database(cfg, args.db)
    try:
        services = bootstrap.build_services(cfg, db)
        password = _read_password(args.name)
        operator = services.users.add_user(SYSTEM, args.name, password, args.role, args.display_name)
        print(f"user {operator.username} added (role {operator.role}, id {operator.id})")
    finally:
        db.dispose()
    return 0


def _read_password(name: str) -> str:
    # Never from the command line: argv is visible to every user of the machine and kept in
    # shell history.
    if sys.stdin.isatty():
        first = getpass.getpass(f"password for {name}: ")
        if getpass.getpass("the same password again: ") != first:
            raise UserError("the two passwords differ; no user was added")
        return first
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise UserError("no password on standard input; no user was added")
    return password


def _audit_verify(args: argparse.Namespace, cfg: Config) -> int:
    db = bootstrap.open_database(cfg, args.db)
    try:
        result = bootstrap.build_services(cfg, db).audit.verify(db)
    finally:
        db.dispose()
    if result.needs_key:
        print(f"error: {result.problem}", file=sys.stderr)
        return 2
    if result.ok:
        signed = f", signed with the audit key from #{result.keyed_since}" if result.keyed_since else ", not keyed"
        print(f"audit chain OK: {result.checked} entries{signed}")
        return 0
    print(f"audit chain BROKEN at entry #{result.first_bad_seq}: {result.problem}")
    return 1


def _audit_keygen(args: argparse.Namespace, cfg: Config) -> int:
    from console.services.audit_key import AuditKeyError, new_key, write_key
    from console.services.context import SYSTEM

    out = Path(args.out)
    if out.exists():
        raise UserError(f"{out} exists already; an audit key is never overwritten")
    db = bootstrap.open_database(cfg, args.db)
    try:
        audit = bootstrap.build_services(cfg, db).audit
        if audit.key is not None:
            raise UserError("this configuration has an audit key already ([audit] key_file)")
        before = audit.verify(db)
        if not before.ok:
            raise UserError(f"the audit chain is broken at #{before.first_bad_seq} ({before.problem}); not keyed")
        written = False
        try:
            with db.session() as session:  # the key file is written before the keyed entry commits
                key = audit.start_keying(session, SYSTEM, new_key())
                write_key(out, key)
                written = True
        except AuditKeyError as exc:
            raise UserError(str(exc)) from exc
        except BaseException:
            if written:  # the entry did not commit: a key for it would only mislead
                out.unlink(missing_ok=True)
            raise
    finally:
        db.dispose()
    print(f"audit key {key.fingerprint} written to {out}; entries from #{key.since} on are signed.")
    print("Copy the file to every workstation of this database and set [audit] key_file to it.")
    return 0
