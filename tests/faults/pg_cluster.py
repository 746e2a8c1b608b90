"""A private PostgreSQL cluster that a test may crash and start again.

The system server on 127.0.0.1:5432 is shared with other work and is never stopped; restart tests
get a cluster of their own instead: ``initdb`` into a fresh folder under the system temp dir, its own
free port on 127.0.0.1 and its socket in that folder. ``stop("immediate")`` is PostgreSQL's crash-like
stop (every backend killed, no checkpoint: the next start replays the WAL), ``start()`` brings it back.

initdb refuses to run as root, so as root the server runs as the ``postgres`` user (``runuser``) and
the folder is handed to that user. ``fsync`` is off: the injected fault is a server process crash, not
an operating-system crash, and what a committing backend wrote to the WAL is in the kernel's page cache
either way (``synchronous_commit`` stays on, so COMMIT still returns only after that write), while the
shared two-core machine is spared the disk flushes.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from console.storage.db import Database
from console.storage.migrate import upgrade

SERVER_USER = "postgres"


class ClusterUnavailable(RuntimeError):
    """No PostgreSQL server binaries on this machine (or no user to run them as)."""


def find_bindir() -> Path:
    """The newest installed server binaries: Debian keeps them out of PATH, per major version."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb is None:
        raise ClusterUnavailable("no initdb: install the PostgreSQL server package (postgresql)")
    return Path(initdb).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class PgCluster:
    """One initdb'd data folder and the server on it; ``url()`` names a database in it."""

    def __init__(self, root: Path, bindir: Path | None = None, port: int | None = None) -> None:
        self.root = root
        self.bindir = bindir or find_bindir()
        self.port = port or free_port()
        self.data = root / "data"
        self.sockets = root / "sockets"
        self.log = root / "server.log"
        self._as_root = os.geteuid() == 0

    # -- processes --------------------------------------------------------------------------

    def _run(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self._as_root:
            cmd = [shutil.which("runuser") or "/usr/sbin/runuser", "-u", SERVER_USER, "--", *cmd]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=self.root)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:2])} failed ({done.returncode}): {done.stderr or done.stdout}")
        return done

    def initdb(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self.sockets.mkdir(exist_ok=True)
        if self._as_root:
            shutil.chown(self.root, SERVER_USER, SERVER_USER)
            shutil.chown(self.sockets, SERVER_USER, SERVER_USER)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync", timeout=120)  # fmt: skip

    def start(self, timeout: float = 30) -> float:
        """Start the server and wait until it takes connections; returns that moment (monotonic).

        Polled here every 20 ms rather than by ``pg_ctl -w`` (every 100 ms), because the restart
        figures are measured from this moment.
        """
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.sockets} "
            "-c fsync=off -c max_connections=40 -c shared_buffers=32MB"
        )
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-W", "start")
        deadline = time.monotonic() + timeout
        while True:
            if self.accepts():
                return time.monotonic()
            if time.monotonic() > deadline:
                raise RuntimeError(f"the private PostgreSQL did not start in {timeout} s; see {self.log}")
            time.sleep(0.02)

    def stop(self, mode: str = "immediate") -> None:
        """``immediate``: a crash-like stop; ``fast``: a clean shutdown (used at the end)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def accepts(self) -> bool:
        """Whether a client gets a working session now (not merely an open port during recovery)."""
        try:
            with psycopg.connect(self.dsn("postgres"), connect_timeout=1) as conn:
                conn.execute("SELECT 1")
            return True
        except psycopg.Error:
            return False

    # -- databases --------------------------------------------------------------------------

    def dsn(self, database: str) -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={database}"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    @contextmanager
    def fresh_database(self) -> Iterator[str]:
        """The URL of a new database in this cluster, migrated to the newest schema; dropped after."""
        name = f"tcc_pgr_{uuid.uuid4().hex[:10]}"
        # No pool: a pooled admin connection would be dead after a restart.
        admin = create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT", poolclass=NullPool)
        try:
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            db = Database.open(self.url(name))
            upgrade(db)
            db.dispose()
            yield self.url(name)
        finally:
            if self.running() and self.accepts():
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


@contextmanager
def private_cluster() -> Iterator[PgCluster]:
    """initdb, start; at the end a clean stop and the folder removed, whatever happened."""
    cluster = PgCluster(Path(tempfile.mkdtemp(prefix="tcc-pg-")))
    try:
        cluster.initdb()
        cluster.start()
        yield cluster
    finally:
        if cluster.running():
            try:
                cluster.stop("fast")
            except (RuntimeError, subprocess.TimeoutExpired):
                cluster.stop("immediate")
        shutil.rmtree(cluster.root, ignore_errors=True)
