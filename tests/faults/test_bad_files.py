"""Bad files at the boundaries: damaged video and damaged models give a clear error, never a crash or a hang.

Cases run in a child process (tests/faults/bad_file_child.py) so that a crash inside libVLC, FFmpeg or
OpenVINO is seen as one, not as the end of pytest; the parent restarts it after a crash or a hang.

- ``video``: the two project clips (MPEG-4 in MP4, MJPEG in AVI) truncated, bit-flipped, overwritten in
  blocks or at the header, doubled, or replaced by random bytes or zeros, opened the way ``main.py camera
  test`` opens a camera (``console.video.check.test_stream``): as a file (libVLC), served over HTTP (libVLC),
  or as the answer of an RTSP server talking nonsense (the FFmpeg path and the RTSP probe). Each ends in
  an error state with one of the stream's own reasons, or plays (libVLC decodes past the damage), within a
  bounded time.
- ``model``: a copy of a shipped detector with its manifest, IR .xml or .bin damaged the same ways (the
  manifest also with fields of wrong types or removed), and in most .xml/.bin cases a manifest re-hashed
  to match, so that OpenVINO itself parses the bytes. It is configured as a camera's own detector
  (``inference.pipeline.with_detector``): refused with a message naming the model, the camera kept on
  the default detector; or it loads and one frame goes through it.

``bench/faults.py`` runs 1,000 of each; the test runs a seeded sample of the same cases.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from fault_kit import FaultRow, percentile

from console.video.health import Problem

HERE = Path(__file__).resolve().parent
SEED = 20261207
CI_CASES = {"video": 16, "model": 150}
READY_TIMEOUT_S = 120.0  # the child imports OpenVINO or libVLC and, for models, compiles the default set
# test_stream gives up at most seconds + settle + open timeout + 2 s after it starts, and its stop joins
# the stream thread for up to 8 s: past this a case hangs.
CASE_TIMEOUT_S = {"video": 30.0, "model": 60.0}
DEFAULT_DETECTOR = "vehicle-nanodet"
REASONS = {p.value for p in Problem}


def run_cases(mode: str, times: int, work: Path) -> list[dict[str, Any]]:
    """One result per case; a case that killed the child is ``crash``, one that never answered ``hang``."""
    results: list[dict[str, Any]] = []
    log = (work / f"{mode}-child.log").open("ab")
    try:
        while len(results) < times:
            n = len(results)
            cmd = [sys.executable, str(HERE / "bad_file_child.py"), mode, str(work / mode), str(SEED), str(n),
                   str(times)]  # fmt: skip
            child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=log, text=True)
            lines: queue.Queue[str | None] = queue.Queue()

            def read(out: Any = child.stdout, into: queue.Queue[str | None] = lines) -> None:
                for line in out:
                    into.put(line.strip())
                into.put(None)

            threading.Thread(target=read, daemon=True).start()
            try:
                results += _collect(mode, child, lines, n, times)
            finally:
                if child.poll() is None:
                    child.kill()
                child.wait(10)
    finally:
        log.close()
    return results


def _collect(
    mode: str, child: subprocess.Popen[str], lines: queue.Queue[str | None], n: int, times: int
) -> list[dict[str, Any]]:
    """Results until the child ends, crashes or hangs; the last entry says which case did it."""
    got: list[dict[str, Any]] = []
    timeout = READY_TIMEOUT_S
    while n + len(got) < times:
        try:
            line = lines.get(timeout=timeout)
        except queue.Empty:
            return [*got, {"case": n + len(got), "kind": "?", "outcome": "hang", "message": "", "seconds": timeout}]
        if line is None:
            child.wait(10)
            return [*got, {"case": n + len(got), "kind": "?", "outcome": "crash", "message": f"exit {child.returncode}",
                           "seconds": 0.0}]  # fmt: skip
        if line.startswith("result "):
            got.append(json.loads(line[len("result ") :]))
        timeout = CASE_TIMEOUT_S[mode]
    return got


def _judge(mode: str, r: dict[str, Any]) -> str | None:
    """Why this result is not acceptable, or None."""
    if r["outcome"] in ("crash", "hang"):
        return f"case {r['case']} ({r['kind']}): {r['outcome']} {r['message']}".strip()
    if mode == "video":
        if r["outcome"] == "error" and r["message"] not in REASONS:
            return f"case {r['case']} ({r['kind']}): unclear error {r['message']!r}"
        return None
    name = f"vehicle-fuzz-{r['case']}"
    if r["outcome"] == "error" and (name not in r["message"] or r["fallback"] != DEFAULT_DETECTOR):
        return f"case {r['case']} ({r['kind']}): {r['message'][:120]!r}, camera on {r['fallback']}"
    if r["outcome"] == "loads" and (r["message"] or r["fallback"] != name):
        return f"case {r['case']} ({r['kind']}): loaded, but {r['message'][:120]!r}"
    return None


def scenario(times: int, work: Path, backend: str) -> FaultRow:
    """``backend`` is the kind of file: ``video`` or ``model``."""
    started = time.monotonic()
    results = run_cases(backend, times, work)
    problems = [p for r in results if (p := _judge(backend, r)) is not None]
    outcomes = Counter(r["outcome"] for r in results)
    seconds = [float(r["seconds"]) for r in results if r["outcome"] not in ("crash", "hang")]
    if backend == "video":
        reasons = Counter(r["message"] for r in results if r["outcome"] == "error")
        said = ", ".join(f"{why} {n:,}" for why, n in reasons.most_common())
        injected = ("damaged video (MP4/MPEG-4 and AVI/MJPEG clips truncated, bit-flipped, overwritten, doubled, "
                    "random bytes, zeros) opened as `camera test` does: file and HTTP (libVLC), an RTSP server "
                    "answering garbage (FFmpeg)")  # fmt: skip
        recovered = f"{outcomes['error']:,} error state with the stream's reason ({said}); {outcomes['plays']:,} still "
        recovered += "play (libVLC decodes past the damage)"
    else:
        refused = Counter(_model_reason(r["message"]) for r in results if r["outcome"] == "error")
        said = ", ".join(f"{why} {n:,}" for why, n in refused.most_common())
        injected = ("damaged model as a camera's own detector (manifest, IR .xml or .bin truncated, flipped, "
                    "overwritten, deleted, wrong-typed manifest fields; most with the manifest re-hashed so "
                    "OpenVINO parses the bytes)")  # fmt: skip
        recovered = f"{outcomes['error']:,} refused naming the model, the camera kept on {DEFAULT_DETECTOR} ({said}); "
        recovered += f"{outcomes['loads']:,} still load and run a frame (weights changed, structure intact)"
    recovered = f"0 crashes, 0 hangs; {recovered}" if not problems else f"problems: {'; '.join(problems[:5])}"
    return FaultRow(
        injected=injected,
        times=times,
        recovered=recovered,
        lost=outcomes["crash"] + outcomes["hang"],
        duplicated=0,
        worst=f"{max(seconds, default=0.0):.1f} s a case (p95 {percentile(seconds, 95):.1f} s; "
        f"{time.monotonic() - started:.0f} s for all)",
    )


def _model_reason(message: str) -> str:
    for marker, reason in (("SHA-256", "hash mismatch"), ("file missing", "file missing"),
                           ("OpenVINO cannot load", "OpenVINO refused the IR"), ("manifest", "bad manifest"),
                           ("not found", "bad manifest")):  # fmt: skip
        if marker in message:
            return reason
    return "other"


@pytest.mark.parametrize("kind", ["model", "video"])
def test_bad_files_give_a_clear_error_and_never_crash_or_hang(kind: str, tmp_path: Path) -> None:
    row = scenario(CI_CASES[kind], tmp_path, kind)
    print(row.markdown("tests/faults/test_bad_files.py"))  # the figures for docs/reliability.md (pytest -s)
    assert "problems" not in row.recovered, row.recovered
    assert row.lost == 0, row
