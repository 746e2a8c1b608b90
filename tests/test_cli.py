from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select, text

from console.cli import main
from console.services.audit import AuditLog
from console.services.auth import AuthService
from console.services.context import SYSTEM, Role
from console.services.users import UserService
from console.storage.db import Database
from console.storage.models import AuditEntry, AuditHead, Operator

ROOT = Path(__file__).resolve().parent.parent
UNREACHABLE_PG = "postgresql+psycopg://postgres@127.0.0.1:1/test"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Keep the commands' log file and settings away from the developer's own."""
    for name in list(os.environ):
        if name.startswith("TCC_") and "__" in name:
            monkeypatch.delenv(name)
    monkeypatch.setenv("TCC_LOGGING__DIR", str(tmp_path / "logs"))


def _error_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    return lines[0]


def _url(db: Database) -> str:
    return db.engine.url.render_as_string(hide_password=False)


def test_help_runs_as_a_program() -> None:
    done = subprocess.run(
        [sys.executable, "main.py", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    for word in (
        "--config",
        "--db",
        "--lang",
        "--demo",
        "--screenshot",
        "--exit-after",
        "--page",
        "db",
        "user",
        "audit",
    ):
        assert word in done.stdout


def test_db_upgrade_creates_a_new_sqlite_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "site" / "console.db"
    assert main(["db", "upgrade", "--db", f"sqlite:///{path}"]) == 0
    assert "schema (empty) -> 0008 (upgraded)" in capsys.readouterr().out
    db = Database.open(f"sqlite:///{path}")
    with db.session() as s:
        assert s.get_one(AuditHead, 1).seq == 0
    db.dispose()


def test_db_upgrade_keeps_existing_rows(sqlite_database: Database, capsys: pytest.CaptureFixture[str]) -> None:
    UserService(sqlite_database, AuditLog()).add_user(SYSTEM, "lan", "mật-khẩu-dài", Role.ADMIN)
    assert main(["--db", _url(sqlite_database), "db", "upgrade"]) == 0
    assert "0008 -> 0008 (already up to date)" in capsys.readouterr().out
    with sqlite_database.session() as s:
        assert s.scalars(select(Operator.username)).all() == ["lan"]


def test_user_add_reads_the_password_from_stdin(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Mật-khẩu-8\n"))
    argv = ["user", "add", "lan", "--role", "supervisor", "--display-name", "Nguyễn Thị Lan", "--db", db_url]
    assert main(argv) == 0
    assert "user lan added (role supervisor" in capsys.readouterr().out
    db = Database.open(db_url)
    audit = AuditLog()
    assert AuthService(db, audit).login("lan", "Mật-khẩu-8").role is Role.SUPERVISOR
    with db.session() as s:
        first = s.get_one(AuditEntry, 1)
    assert (first.actor, first.action) == ("system", "user.add")
    db.dispose()


def test_user_add_refusals(
    sqlite_database: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _url(sqlite_database)
    monkeypatch.setattr(sys, "stdin", io.StringIO("Mật-khẩu-8\n"))
    assert main(["user", "add", "lan", "--role", "operator", "--db", url]) == 0
    capsys.readouterr()

    monkeypatch.setattr(sys, "stdin", io.StringIO("Mật-khẩu-8\n"))
    assert main(["user", "add", "lan", "--role", "admin", "--db", url]) == 2
    assert _error_line(capsys.readouterr().err) == "error: a user named 'lan' already exists"

    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["user", "add", "tuan", "--role", "admin", "--db", url]) == 2
    assert _error_line(capsys.readouterr().err) == "error: no password on standard input; no user was added"

    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    assert main(["user", "add", "tuan", "--role", "admin", "--db", url]) == 2
    assert "at least 8 characters" in _error_line(capsys.readouterr().err)

    stdin = io.StringIO("Mật-khẩu-8\n")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["user", "add", "Bad Name", "--role", "admin", "--db", url]) == 2
    assert "is not allowed" in _error_line(capsys.readouterr().err)
    assert stdin.read() == "Mật-khẩu-8\n"  # refused before the password was asked for

    assert main(["user", "add", "tuan", "--role", "chief", "--db", url]) == 2
    assert "invalid choice: 'chief'" in capsys.readouterr().err


def test_audit_verify_ok_then_broken(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = Database.open(db_url)
    log = AuditLog()
    for n in range(3):
        with db.session() as s:
            log.append(s, SYSTEM, "review.confirm", "candidate", n, {"n": n})
    assert main(["audit", "verify", "--db", db_url]) == 0
    assert capsys.readouterr().out.strip() == "audit chain OK: 3 entries, not keyed"

    with db.engine.begin() as conn:
        if db.kind == "sqlite":
            conn.execute(text("DROP TRIGGER audit_entries_no_update"))
        else:
            conn.execute(text("ALTER TABLE audit_entries DISABLE TRIGGER USER"))
        conn.execute(text("UPDATE audit_entries SET details = :d WHERE seq = 2"), {"d": '{"n":99}'})
    db.dispose()
    assert main(["audit", "verify", "--db", db_url]) == 1
    assert capsys.readouterr().out.startswith("audit chain BROKEN at entry #2: ")


@pytest.mark.parametrize(
    "url", ["not a url", "sqlite//{tmp}/x.db", "postgresql+psycopg//tcc:hunter2@db/tcc", "mysql://h/d"]
)
def test_malformed_db_url_is_refused_without_creating_anything(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    assert main(["db", "upgrade", "--db", url.format(tmp=work)]) == 2
    line = _error_line(capsys.readouterr().err)
    assert "not a database URL" in line or "not supported" in line
    assert "hunter2" not in line
    assert list(work.iterdir()) == []
    assert "hunter2" not in (tmp_path / "logs" / "console.log").read_text(encoding="utf-8")


def test_unreachable_postgresql(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = UNREACHABLE_PG.replace("postgres@", "postgres:hunter2@")
    assert main(["audit", "verify", "--db", url]) == 2
    line = _error_line(capsys.readouterr().err)
    assert line.startswith("error: cannot reach the database postgresql+psycopg://postgres:***@127.0.0.1:1/test")
    assert "hunter2" not in (tmp_path / "logs" / "console.log").read_text(encoding="utf-8")
    assert main(["db", "upgrade", "--db", UNREACHABLE_PG]) == 2
    assert "cannot reach the database" in _error_line(capsys.readouterr().err)


def test_unknown_config_key_names_key_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "console.toml"
    config.write_text('[database]\nurl = "sqlite:///x.db"\n\n[ui]\nlang = "vi"\nidle_lock = 5\n', encoding="utf-8")
    assert main(["--config", str(config), "db", "upgrade"]) == 2
    line = _error_line(capsys.readouterr().err)
    assert "line 6" in line and "unknown key 'ui.idle_lock'" in line
    assert not (tmp_path / "x.db").exists()


def test_missing_config_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "verify", "--config", str(tmp_path / "absent.toml")]) == 2
    assert "cannot read config file" in _error_line(capsys.readouterr().err)


def test_window_options_do_not_mix_with_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--demo", "--page", "map", "db", "upgrade", "--db", "sqlite:///unused.db"]) == 2
    assert "--demo, --page: only for opening the window" in capsys.readouterr().err
    assert not Path("unused.db").exists()


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db"]) == 2
    assert main(["--page", "nowhere"]) == 2
    assert main(["--exit-after", "-1"]) == 2
    assert "more than 0 seconds" in capsys.readouterr().err
