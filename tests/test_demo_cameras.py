"""Demo cameras stop everything they started: the background scene render included."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# In a process of its own: what is checked is that the interpreter then exits cleanly. A render
# thread left inside OpenCV at finalization aborted the process ("terminate called without an
# active exception", exit -6) instead.
SCRIPT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from console.demo import cameras

    cache = Path(sys.argv[1])
    demo = cameras.start({"HN-NTS-01": "Nga Tu So"}, cache=cache)
    assert demo.render is not None and demo.render.is_alive(), "no background render with an empty cache"
    deadline = time.monotonic() + 60
    while not list(cache.glob("scenes/*/frame_00003.jpg")):
        assert time.monotonic() < deadline, "the render wrote no frame in 60 s"
        time.sleep(0.01)
    render = demo.render
    started = time.monotonic()
    cameras.stop()
    print(f"alive={render.is_alive()} stop_s={time.monotonic() - started:.2f}")
    """
)


def test_stopping_the_demo_cameras_ends_a_running_render_and_the_process_exits_cleanly(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "cache")],
        capture_output=True, text=True, timeout=180, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    line = result.stdout.strip().splitlines()[-1]
    assert line.startswith("alive=False"), line
    assert float(line.split("stop_s=")[1]) < 5.0
    assert not list((tmp_path / "cache").glob("scenes/*/ground_truth.json"))  # unfinished: redone next run


def test_unattended_runs_do_not_start_a_render(tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from console.demo import cameras; "
        "d = cameras.start({}, cache=Path(sys.argv[1]), render_missing=False); "
        "print(d.render is None); cameras.stop()"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "True"
    assert not (tmp_path / "scenes").exists()


def test_test_pattern_labels_keep_the_place_names_apart() -> None:
    from console.demo.cameras import _ascii

    label = _ascii('Ngã tư Sở (Trường Chinh – Tây Sơn – Láng) "x"; rm')
    assert label == "Ngã tư Sở (Trường Chinh - Tây Sơn - Láng) x rm"  # no quote or ; reaches the launch line
