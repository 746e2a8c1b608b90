"""Start-up stages shared by the command line and the window: logging, database, services."""

from __future__ import annotations

import logging
import re
import sys
from dataclasses import dataclass
from logging.handlers import RotatingFileHandler
from pathlib import Path

from alembic.util.exc import CommandError
from sqlalchemy.exc import SQLAlchemyError

from console import paths
from console.config import Config, ConfigError
from console.services.audit import AuditLog
from console.services.audit_key import AuditKeyError, load_key
from console.services.auth import AuthService
from console.services.users import UserService
from console.storage import migrate
from console.storage.db import Database, DatabaseError, check_connection, parse_url, safe_url

log = logging.getLogger("console")

LOG_FILE = "console.log"
_OURS = "_console_handler"  # marks handlers added here so a second call replaces, not doubles, them
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(cfg: Config, directory: Path | None = None, *, quiet: bool = False) -> Path:
    """Log to a rotating file and to stderr; returns the file. ``quiet`` keeps stderr to warnings."""
    folder = directory or (Path(cfg.logging.dir).expanduser() if cfg.logging.dir else paths.log_dir())
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE
    root = logging.getLogger()
    close_logging()
    file_handler = RotatingFileHandler(
        path, maxBytes=cfg.logging.max_bytes, backupCount=cfg.logging.backups, encoding="utf-8"
    )
    stderr_handler = logging.StreamHandler(sys.stderr)
    stderr_handler.setLevel(logging.WARNING if quiet else logging.NOTSET)
    for handler in (file_handler, stderr_handler):
        handler.setFormatter(logging.Formatter(_FORMAT))
        setattr(handler, _OURS, True)
        root.addHandler(handler)
    root.setLevel(cfg.logging.level)
    log.info("stage: logging to %s (level %s)", path, cfg.logging.level)
    return path


def close_logging() -> None:
    """Remove and close the handlers setup_logging added (last step of shutdown)."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, _OURS, False)]:
        root.removeHandler(handler)
        handler.close()


def _redacted(raw: str) -> str:
    # parse_url quotes the text it could not parse, and a mistyped URL may still hold a password.
    return re.sub(r"([^\s:/@]+):[^\s/@]*@", r"\1:***@", raw)


def connect_database(cfg: Config, url_override: str | None = None) -> Database:
    """Open the configured database and prove it answers, without changing its schema."""
    raw = url_override or cfg.database.url or paths.default_database_url()
    try:
        url = parse_url(raw)
    except DatabaseError as exc:
        raise DatabaseError(str(exc).replace(raw, _redacted(raw))) from None
    shown = safe_url(url)
    log.info("stage: database %s", shown)
    db = Database.open(url.render_as_string(hide_password=False), cfg.database.connect_timeout)
    try:
        check_connection(db.engine)
    except DatabaseError:
        db.dispose()
        raise
    return db


def upgrade_database(db: Database) -> tuple[str | None, str]:
    """Migrate to the newest schema this console knows; returns (before, after) revisions."""
    shown = safe_url(db.engine.url)
    try:
        before, after = migrate.upgrade(db)
    except CommandError as exc:
        # Typically a database already migrated by a newer console than this one.
        raise DatabaseError(f"cannot migrate {shown}: {exc}") from None
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise DatabaseError(f"cannot migrate {shown}: {reason}") from None
    log.info("stage: database schema %s -> %s", before or "(empty)", after)
    return before, after


def open_database(cfg: Config, url_override: str | None = None) -> Database:
    """Connect and bring the schema up to date; DatabaseError says what is wrong."""
    db = connect_database(cfg, url_override)
    try:
        upgrade_database(db)
    except DatabaseError:
        db.dispose()
        raise
    return db


@dataclass
class Services:
    config: Config
    db: Database
    audit: AuditLog
    auth: AuthService
    users: UserService


def build_services(cfg: Config, db: Database) -> Services:
    """The core services; ConfigError when the audit key is unusable or missing for a keyed log."""
    try:
        audit = AuditLog(load_key(Path(cfg.audit.key_file)) if cfg.audit.key_file else None)
        with db.session() as session:
            since = audit.keyed_since(session)
    except AuditKeyError as exc:
        raise ConfigError(f"[audit] key_file: {exc}") from exc
    if audit.key is None and since is not None:
        # Refused at start-up rather than at the first decision: every write of this workstation
        # would otherwise fail, or worse, not verify.
        raise ConfigError(
            f"the audit log is signed with the site's audit key since entry #{since}: set [audit] key_file "
            "(or TCC_AUDIT__KEY_FILE) to a copy of the key file"
        )
    auth = AuthService(db, audit, cfg.auth.max_failed_attempts, cfg.auth.lockout_seconds)
    services = Services(cfg, db, audit, auth, UserService(db, audit))
    log.info("stage: services ready")
    return services
