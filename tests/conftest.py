"""Shared fixtures: a fresh, migrated database on SQLite and on the real PostgreSQL server.

PostgreSQL tests are skipped only when no server answers and CI is unset; under CI=true a
missing server fails the run, so a broken CI machine cannot pass by skipping.
"""

from __future__ import annotations

import gc
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from db_setup import PG_ADMIN_URL, pg_database
from PySide6.QtWidgets import QApplication
from sqlalchemy import create_engine, text

from console.storage.db import Database
from console.storage.migrate import upgrade
from console.ui import gc_thread
from console.ui.bridge import Bridge

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")


def _pg_available() -> str | None:
    try:
        engine = create_engine(PG_ADMIN_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as exc:
        return str(exc).splitlines()[0]


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A migrated template database; each test clones it (CREATE DATABASE … TEMPLATE is fast)."""
    problem = _pg_available()
    if problem is not None:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required under CI but does not answer: {problem}")
        pytest.skip(f"no PostgreSQL server at {PG_ADMIN_URL}: {problem}")
    with pg_database("tcc_tmpl", migrate=True) as (name, _url):
        yield name


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tmpl") / "template.db"
    db = Database.open(f"sqlite:///{path}")
    upgrade(db)
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


def _fresh_pg(template: str) -> Iterator[str]:
    with pg_database("tcc_t", template=template) as (_name, url):
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """URL of a fresh, migrated database of each kind."""
    if request.param == "sqlite":
        path = tmp_path / "console.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
    else:
        yield from _fresh_pg(request.getfixturevalue("pg_template"))


@pytest.fixture
def database(db_url: str) -> Iterator[Database]:
    db = Database.open(db_url)
    yield db
    db.dispose()


@pytest.fixture
def sqlite_database(tmp_path: Path, sqlite_template: Path) -> Iterator[Database]:
    """Only SQLite, for tests whose subject is not the backend (UI, CLI plumbing)."""
    path = tmp_path / "console.db"
    shutil.copy(sqlite_template, path)
    db = Database.open(f"sqlite:///{path}")
    yield db
    db.dispose()


@pytest.fixture(scope="session", autouse=True)
def _collect_on_the_gui_thread(qapp: QApplication) -> None:
    """As in the console: Python's cycle collector runs only on the GUI thread (console/ui/gc_thread.py).

    Without it a test's closed windows could be collected by a later test's worker thread, which deadlocks
    against the GUI thread (seen: the patrol page's report worker and a QMenu from an earlier test).
    """
    gc_thread.install(qapp)


@pytest.fixture(autouse=True)
def _collect_after_each_test() -> Iterator[None]:
    # Tests that never run an event loop would otherwise never collect: do it here, on this thread.
    yield
    gc.collect()


@pytest.fixture
def bridge() -> Iterator[Bridge]:
    """The UI's one worker-to-GUI bridge, shut down (its workers joined) after the test."""
    b = Bridge()
    yield b
    b.shutdown()
