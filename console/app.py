"""Start-up in logged stages (config → logging → database → services → windows), shutdown in reverse."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import MutableMapping
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType, TracebackType

from PySide6.QtCore import QCoreApplication, QSocketNotifier, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from console.bootstrap import Services, build_services, open_database, setup_logging
from console.config import ConfigError, load_config
from console.options import RunOptions
from console.paths import RESOURCES
from console.services.cameras import sync_config_cameras
from console.services.context import Actor
from console.services.queries import Queries
from console.storage.db import DatabaseError
from console.ui import gc_thread
from console.ui.bridge import Bridge

log = logging.getLogger("console")


# POSIX form of UTC+7 with no daylight saving: exact for Vietnam and needs no time-zone database.
VIETNAM_TZ = "ICT-7"


def use_vietnam_time() -> None:
    """Show Vietnam time whatever zone the PC's clock is set to (``CSGT_TIME_ZONE=local`` keeps the PC's).

    A PC left on UTC showed tables seven hours off the driving-time chart, the patrol reports and the
    fine notices, which are in Vietnam time by law. Only display and input use local time; everything
    stored is UTC.
    """
    if os.environ.get("CSGT_TIME_ZONE", "vietnam") == "local" or not hasattr(time, "tzset"):
        return  # Windows has no tzset: its clock zone is set with the PC, UTC+7 in Vietnam
    os.environ["TZ"] = VIETNAM_TZ
    time.tzset()


def allow_map_as_root(environ: MutableMapping[str, str] = os.environ, euid: int | None = None) -> bool:
    """Let the map's Chromium run when the console runs as root (a kiosk PC, a container): Chromium
    refuses to start its sandbox as root and the whole console exited before its window. Returns
    whether ``--no-sandbox`` was added; a site that set the flags itself keeps them."""
    if euid is None:
        euid = os.geteuid() if hasattr(os, "geteuid") else -1
    flags = environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    if euid != 0 or "--no-sandbox" in flags.split():
        return False
    environ["QTWEBENGINE_CHROMIUM_FLAGS"] = f"{flags} --no-sandbox".strip()
    return True


def run_console(options: RunOptions) -> int:
    use_vietnam_time()
    as_root = allow_map_as_root()  # before QApplication: Chromium reads its flags once
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("CSGT console")
    app.setOrganizationName("csgt")
    # The desktop file name lets a Linux shell match the window to installer/linux/csgt-console.desktop.
    app.setDesktopFileName("csgt-console")
    app.setWindowIcon(QIcon(str(RESOURCES / "icons" / "csgt-console.png")))
    # Cycles holding Qt objects must be collected here, never on a worker thread (see gc_thread).
    gc_thread.install(app)

    try:
        cfg = load_config(options.config_path)
    except ConfigError as exc:
        return _fatal(QCoreApplication.translate("Startup", "The configuration is not valid"), str(exc))
    setup_logging(cfg)
    log.info("stage: config loaded from %s", options.config_path or "defaults")
    if as_root:
        log.warning("running as root: the map's web view runs without Chromium's sandbox; run as a normal user")

    _install_ui_basics(app, options.lang or cfg.ui.lang)
    try:
        db = open_database(cfg, options.db_url)
    except DatabaseError as exc:
        log.error("stage: database failed: %s", exc)
        return _fatal(QCoreApplication.translate("Startup", "The database cannot be used"), str(exc))
    log.info("stage: database ready (%s)", db.kind)

    try:
        services = build_services(cfg, db)
    except ConfigError as exc:
        db.dispose()
        return _fatal(QCoreApplication.translate("Startup", "The configuration is not valid"), str(exc))
    synced = sync_config_cameras(db, services.audit, cfg.cameras)
    log.info("stage: cameras from config: %d added, %d updated", synced.added, synced.updated)
    hint = ""
    if options.demo:
        hint = _seed_demo(services)
        from console.demo import cameras as demo_cameras

        unattended = options.screenshot is not None or options.exit_after is not None
        # Local RTSP cameras for this run; stopped at shutdown.
        shown = demo_cameras.start_for(db, render_missing=not unattended)
        _configure_demo_scenes(services, shown.scenes)

    from console.services.units import stop_live_positions

    bridge = Bridge()
    try:
        return _run_windows(app, options, services, bridge, hint)
    finally:
        log.info("shutdown: GPS feed")
        stop_live_positions()
        from console.demo.driving import stop_demo_journeys
        from console.services.driving.live import stop_live_driving

        stop_demo_journeys()
        stop_live_driving()
        if options.demo:
            log.info("shutdown: demo cameras")
            demo_cameras.stop()
        log.info("shutdown: workers")
        bridge.shutdown()
        log.info("shutdown: database")
        db.dispose()
        _join_leftover_threads()
        log.info("shutdown: done")
        logging.shutdown()


def _join_leftover_threads(wait: float = 5.0) -> None:
    """Join every daemon thread still running, then name those that did not end.

    A daemon thread left inside a C++ library (OpenCV, FFmpeg, OpenVINO) when the interpreter
    finalizes is ended by pthread_exit unwinding through C++ frames and the process aborts
    ("terminate called without an active exception"), so each component stops its own threads
    before this point; this is the bounded last wait, and its log line names whatever component
    forgot to. Non-daemon threads (idle executor workers) are joined by the interpreter itself.
    """
    deadline = time.monotonic() + wait
    current = threading.current_thread()
    left = [t for t in threading.enumerate() if t.daemon and t is not current]
    for thread in left:
        thread.join(max(0.0, deadline - time.monotonic()))
    alive = [t.name for t in left if t.is_alive()]
    if alive:
        log.warning("shutdown: daemon threads still running after %.0f s: %s", wait, ", ".join(alive))


def _install_ui_basics(app: QApplication, lang: str) -> None:
    from console.i18n import install_translation, load_fonts
    from console.ui.theme import apply_theme

    family = load_fonts()
    apply_theme(app, family)
    install_translation(app, lang)
    _install_exception_hooks()


def _configure_demo_scenes(services: Services, scenes: dict[str, Path]) -> None:
    import json

    from console.demo.scene_rules import configure_demo_scenes

    truths = {}
    for code, folder in scenes.items():
        try:
            truths[code] = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:  # a damaged cache: that camera keeps its registry rules
            log.warning("demo: scene of %s unreadable (%s); its registry rules stay", code, exc)
    setup = configure_demo_scenes(services.db, services.audit, truths, datetime.now(UTC))
    log.info("stage: demo scenes: rules and detector set on %d cameras; wanted: %s", setup.cameras, setup.wanted)


def _seed_demo(services: Services) -> str:
    from console.demo.seed import DEMO_ADMIN, DEMO_PASSWORD, seed_demo

    seeded = seed_demo(services.db, services.audit)
    # Each feature seeds its own demo records; every seeder does nothing when its data exists.
    from console.demo.candidates import seed_demo_candidates
    from console.demo.patrol_logs import seed_demo_patrol_logs
    from console.services.evidence import evidence_dir

    seed_demo_candidates(services.db, services.audit, evidence_dir(services.config))
    seed_demo_patrol_logs(services.db, services.audit, datetime.now(UTC))
    from console.demo.driving import seed_demo_driving

    seed_demo_driving(services.db, datetime.now(UTC))
    from console.demo.citizen import seed_demo_citizen

    seed_demo_citizen(services.config, services.db, services.audit)
    from console.demo.plate_trace import seed_demo_trace

    seed_demo_trace(services.db, datetime.now(UTC))
    log.info("stage: demo data %s", "seeded" if seeded else "already present")
    return (
        QCoreApplication.translate("Startup", "Demo mode: sign in as %1 with password %2.")
        .replace("%1", DEMO_ADMIN)
        .replace("%2", DEMO_PASSWORD)
    )


def _run_windows(app: QApplication, options: RunOptions, services: Services, bridge: Bridge, hint: str) -> int:
    from console.ui.login import LoginDialog
    from console.ui.main_window import MainWindow
    from console.ui.pages.base import PageContext

    actor: Actor | None = None
    if options.demo and (options.screenshot or options.exit_after):
        # Unattended demo runs (docs, tests) sign in for real as the demo administrator.
        from console.demo.seed import DEMO_ADMIN, DEMO_PASSWORD

        actor = services.auth.login(DEMO_ADMIN, DEMO_PASSWORD)
    else:
        dialog = LoginDialog(services.auth.login, hint)
        if options.demo:
            dialog.username.setText("admin")
            dialog.password.setFocus()
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
            log.info("stage: sign-in cancelled")
            return 0
        actor = dialog.actor
    log.info("stage: signed in as %s (%s)", actor.username, actor.role.value)
    # After sign-in: on SQLite a position write landing inside the sign-in transaction would
    # make it fail with "database is locked" (see docs/map.md).
    from console.services.units import start_live_positions

    live_positions = start_live_positions(services.config, services.db, services.audit, demo=options.demo)
    if live_positions.stores:  # a display-only workstation leaves journeys to `feeds serve` too
        from console.services.driving.live import start_live_driving

        live_driving = start_live_driving(services.db, services.config.broker)
        if options.demo and not services.config.broker.host:
            from console.demo.driving import start_demo_journeys

            start_demo_journeys(live_driving.feed.ingest)

    ctx = PageContext(services, Queries(services.db), bridge, actor)
    window = MainWindow(ctx, options.page)
    window.resize(1600, 900)
    window.show()
    log.info("stage: window shown")
    wake = _close_on_signals(window)
    exit_code = 0
    if options.screenshot or options.exit_after is not None:
        delay_ms = int((options.exit_after if options.exit_after is not None else 3.0) * 1000)

        def finish() -> None:
            nonlocal exit_code
            if options.screenshot is not None:
                exit_code = 0 if _save_screenshot(window, options.screenshot) else 1
            window.close()
            app.quit()

        QTimer.singleShot(delay_ms, finish)
    app.exec()
    _restore_signals(wake)
    return exit_code


def _close_on_signals(window: QWidget) -> tuple[socket.socket, socket.socket, QSocketNotifier]:
    """SIGTERM (logout, shutdown, `kill`) and Ctrl+C close the window as the operator would.

    Without this the default action ended the process on the spot: no orderly shutdown, streams
    and workers not joined, the last writes of a shift at risk. Python runs a signal handler only
    when it next gets control, and during app.exec() the main thread is inside Qt, so the signal
    also writes to a socket that a QSocketNotifier watches: the event loop wakes and the handler runs.
    """
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, window)

    def drain() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)

    def close(signum: int, _frame: FrameType | None) -> None:
        log.info("shutdown: %s received", signal.Signals(signum).name)
        window.close()
        QApplication.quit()

    notifier.activated.connect(drain)
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, close)
    return reader, writer, notifier


def _restore_signals(wake: tuple[socket.socket, socket.socket, QSocketNotifier]) -> None:
    reader, writer, notifier = wake
    notifier.setEnabled(False)
    signal.set_wakeup_fd(-1)
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, signal.SIG_DFL if sig == signal.SIGTERM else signal.default_int_handler)
    reader.close()
    writer.close()


def _save_screenshot(window: QWidget, path: Path) -> bool:
    path.parent.mkdir(parents=True, exist_ok=True)
    ok = bool(window.grab().save(str(path)))
    log.info("screenshot %s: %s", "saved" if ok else "FAILED", path)
    return ok


def _fatal(title: str, message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    if QApplication.platformName() not in ("offscreen", "minimal"):
        QMessageBox.critical(None, title, message)
    return 2


def _install_exception_hooks() -> None:
    """An unexpected exception is logged and shown; the console keeps running."""

    def on_exception(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.critical("unexpected error", exc_info=(kind, value, tb))
        if QApplication.instance() is not None and threading.current_thread() is threading.main_thread():
            from console.ui.errors import describe

            QMessageBox.critical(None, QCoreApplication.translate("Startup", "Unexpected error"), describe(value))

    def on_thread_exception(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            log.critical("unexpected error in %s", args.thread, exc_info=args.exc_value)

    sys.excepthook = on_exception
    threading.excepthook = on_thread_exception
