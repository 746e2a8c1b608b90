"""Start and stop the local GStreamer stream server (gst_server.py) as a subprocess.

The server needs the system python with PyGObject and GstRtspServer; ``missing_packages`` says
exactly which Debian packages to install when they are absent, so demo mode can tell the user.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, Self

log = logging.getLogger(__name__)

SCRIPT = Path(__file__).with_name("gst_server.py")
SYSTEM_PYTHON = os.environ.get("CSGT_GST_PYTHON", "/usr/bin/python3")
APT_PACKAGES = (
    "python3-gi",
    "gir1.2-gst-rtsp-server-1.0",
    "gstreamer1.0-plugins-good",
    "gstreamer1.0-plugins-bad",
    "gstreamer1.0-plugins-ugly",
)
# What each package brings that the server uses; checked by importing / inspecting, not by dpkg,
# so the check holds on any distribution that ships the same pieces.
_PROBE = (
    "import gi; gi.require_version('Gst','1.0'); gi.require_version('GstRtspServer','1.0');"
    "from gi.repository import Gst, GstRtspServer; Gst.init(None);"
    "print(' '.join(e for e in ('rtph264pay','x264enc','mpegtsmux','multifilesrc') "
    "if Gst.ElementFactory.find(e) is None))"
)
_ELEMENT_PACKAGE = {
    "rtph264pay": "gstreamer1.0-plugins-good",
    "multifilesrc": "gstreamer1.0-plugins-good",
    "x264enc": "gstreamer1.0-plugins-ugly",
    "mpegtsmux": "gstreamer1.0-plugins-bad",
}


class ServerError(RuntimeError):
    pass


def free_port(kind: int = socket.SOCK_STREAM) -> int:
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def missing_packages() -> list[str]:
    """Debian packages the stream server still needs; empty when it can run."""
    if not shutil.which(SYSTEM_PYTHON) and not Path(SYSTEM_PYTHON).exists():
        return ["python3", *APT_PACKAGES]
    try:
        probe = subprocess.run([SYSTEM_PYTHON, "-c", _PROBE], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return list(APT_PACKAGES)
    if probe.returncode != 0:
        err = probe.stderr
        if "No module named 'gi'" in err:
            return list(APT_PACKAGES)
        return [p for p in APT_PACKAGES if p != "python3-gi"]
    missing = {_ELEMENT_PACKAGE[e] for e in probe.stdout.split()}
    return sorted(missing)


@dataclass
class ServerSpec:
    port: int = 0
    host: str = "127.0.0.1"
    auth: tuple[str, str] | None = None
    mounts: dict[str, dict[str, Any]] = field(default_factory=dict)
    udp: list[dict[str, Any]] = field(default_factory=list)

    def test_mount(self, name: str, **options: Any) -> Self:
        self.mounts[name] = {"kind": "test", **options}
        return self

    def jpeg_mount(self, name: str, folder: Path, **options: Any) -> Self:
        self.mounts[name] = {"kind": "jpeg", "dir": str(folder), **options}
        return self

    def to_json(self) -> str:
        auth = {"user": self.auth[0], "password": self.auth[1]} if self.auth else None
        return json.dumps({"port": self.port, "host": self.host, "auth": auth, "mounts": self.mounts, "udp": self.udp})


class StreamServer:
    """One server subprocess. ``start`` waits until it listens; ``stop`` ends it (SIGTERM, then kill)."""

    def __init__(self, spec: ServerSpec) -> None:
        self.spec = spec
        self.port = spec.port
        self._proc: subprocess.Popen[str] | None = None

    def start(self, timeout: float = 15.0) -> Self:
        if self.spec.port == 0 and self.spec.mounts:
            self.spec.port = free_port()
        self._proc = subprocess.Popen(
            [SYSTEM_PYTHON, str(SCRIPT), self.spec.to_json()],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            text=True,
            start_new_session=True,  # a Ctrl+C in the terminal reaches the console, which stops us
        )
        line = first_line(self._proc, timeout)
        if not line.startswith("READY"):
            self.stop()
            raise ServerError(f"stream server did not start: {line or 'no answer'}")
        self.port = int(line.split()[1])
        log.info("stream server listening on 127.0.0.1:%d (%d mounts)", self.port, len(self.spec.mounts))
        return self

    def url(self, mount: str, user: str | None = None, password: str | None = None) -> str:
        cred = f"{user}:{password}@" if user is not None else ""
        return f"rtsp://{cred}127.0.0.1:{self.port}/{mount}"

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def stop(self, timeout: float = 5.0) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            stop_child(proc, timeout)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()


def stop_child(proc: subprocess.Popen[str], timeout: float = 5.0) -> None:
    """SIGTERM, then SIGKILL after ``timeout``; the pipe closed either way."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)
    if proc.stdout is not None:
        proc.stdout.close()


def first_line(proc: subprocess.Popen[str], timeout: float) -> str:
    # readline blocks; a helper thread lets a server that hangs before READY time out.
    result: list[str] = []
    reader = threading.Thread(target=lambda: result.append(proc.stdout.readline() if proc.stdout else ""), daemon=True)
    reader.start()
    reader.join(timeout)
    return result[0].strip() if result else ""
