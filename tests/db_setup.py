"""Databases on the test PostgreSQL server, for the fixtures in conftest.py and for tests/faults outside pytest."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

from console.storage.db import Database
from console.storage.migrate import upgrade

PG_ADMIN_URL = os.environ.get("TCC_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@contextmanager
def pg_database(prefix: str, template: str | None = None, migrate: bool = False) -> Iterator[tuple[str, str]]:
    """(name, URL) of a new database, dropped afterwards even if connections are still open."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
        url = make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
        if migrate:
            db = Database.open(url)
            upgrade(db)
            db.dispose()
        yield name, url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def statements_run(db: Database, containing: str) -> Iterator[list[tuple[str, Any]]]:
    """The SQL statements (with their parameters) ``db`` runs inside the block that contain ``containing``:
    what a service really sent, to be explained by the tests that check an index serves it."""
    found: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_args: Any) -> None:
        if containing in statement:
            found.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", capture)
    try:
        yield found
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)
