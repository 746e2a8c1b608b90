"""A `main.py analytics` process under test: started as an operator would, its renewal lines read as they come."""

from __future__ import annotations

import queue
import re
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LEASE_S = 3.0
LINE = re.compile(r"holding (\d+) of (\d+) .* frames ?(.*)$")


class Analytics:
    """One `main.py analytics` process; its renewal lines collected as they come."""

    def __init__(self, url: str, work: Path, name: str, cameras: str = "T-*", fps: float = 2,
                 lease_s: float = LEASE_S, seconds: float = 120) -> None:  # fmt: skip
        cmd = [sys.executable, str(ROOT / "main.py"), "analytics", "--db", url, "--cameras", cameras, "--device", "CPU",
               "--lease", f"{lease_s:g}", "--seconds", f"{seconds:g}"]  # fmt: skip
        env = {"TCC_LOGGING__DIR": str(work / name), "TCC_EVIDENCE__DIR": str(work / "evidence"),
               "TCC_ANALYTICS__MAX_FPS_PER_CAMERA": f"{fps:g}", "PATH": "/usr/bin:/bin"}  # fmt: skip
        # The log goes to a file: a pipe nobody drains fills up and blocks the service mid-write.
        self.log = work / f"{name}.stderr"
        with self.log.open("w") as err:
            self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, text=True, env=env)
        self.lines: queue.Queue[str] = queue.Queue()
        self.frames: dict[int, int] = {}
        self.holder = ""
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line)

    def poll(self) -> None:
        while not self.lines.empty():
            line = self.lines.get()
            if line.startswith("analytics ") and not self.holder:
                self.holder = line.split()[1].rstrip(":")
            if m := LINE.search(line.strip()):
                self.frames = {int(c): int(n) for c, n in (p.split(":") for p in m.group(3).split())}

    def log_tail(self) -> str:
        return self.log.read_text()[-3000:]
