"""The Linux bundle (installer/build.py) on a machine with no Python environment, as an operator gets it.

Built from this checkout, packed, unpacked into a fresh folder and started with an empty environment
(no venv, no PYTHONPATH, a new HOME): the demo wall under a real X server (Xvfb), a local RTSP camera
checked with `camera test` (FFmpeg inside the bundle), and a video file decoded by the bundled libVLC.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest
from video_servers import serving

from console.video.rtsp_server import ServerSpec

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "installer"))

import build  # noqa: E402  # installer/build.py

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the Linux bundle")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    pytest.importorskip("PyInstaller", reason='the bundle needs PyInstaller: pip install -e ".[bundle]"')
    out = tmp_path_factory.mktemp("build")
    archive = build.build(out)
    shutil.rmtree(out / "dist")  # nothing from the build folder may be found at run time
    shutil.rmtree(out / "pyi")
    fresh = tmp_path_factory.mktemp("installed")
    with tarfile.open(archive) as tar:
        tar.extractall(fresh, filter="tar")
    archive.unlink()
    yield fresh / build.NAME
    shutil.rmtree(fresh, ignore_errors=True)


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    # What a desktop session gives a program, and nothing of this test's Python.
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", **extra}


def run(bundle: Path, args: list[str], home: Path, timeout: float, **extra: str) -> subprocess.CompletedProcess[str]:
    home.mkdir(exist_ok=True)
    return subprocess.run([str(bundle / build.NAME), *args], env=clean_env(home, **extra), cwd=home,
                          capture_output=True, text=True, timeout=timeout)  # fmt: skip


def test_the_bundle_ships_its_desktop_entry_icon_and_libraries(bundle: Path) -> None:
    assert (bundle / f"{build.NAME}.desktop").read_text(encoding="utf-8").count("Exec=csgt-console") == 1
    assert (bundle / f"{build.NAME}.png").stat().st_size > 1000
    internal = bundle / "_internal"
    assert (internal / "vlc" / "libvlc.so.5").exists() and any((internal / "vlc" / "plugins").rglob("*.so"))
    assert list((internal / "openvino" / "libs").glob("libopenvino_intel_cpu_plugin.so"))
    assert list((internal / "openvino" / "libs").glob("libopenvino_ir_frontend.so*"))
    assert (internal / "resources" / "models" / "vehicle-nanodet" / "model.xml").exists()


def test_the_demo_wall_starts_without_python_and_shows_live_tiles(bundle: Path, tmp_path: Path) -> None:
    if shutil.which("xvfb-run") is None:
        pytest.fail("xvfb-run is missing: installer/setup_linux.sh installs xvfb")
    shot = tmp_path / "wall.png"
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", str(bundle / build.NAME), "--demo",
         "--db", f"sqlite:///{tmp_path / 'demo.db'}", "--screenshot", str(shot), "--exit-after", "40"],
        env=clean_env(tmp_path / "home", QTWEBENGINE_CHROMIUM_FLAGS="--no-sandbox --disable-gpu"),
        capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-4000:]
    assert "model refused" not in log and "Traceback" not in log, log[-4000:]
    assert log.count(" live (") >= 4, log[-4000:]  # every demo camera reached its first frame
    assert "shutdown: done" in log
    image = cv2.imread(str(shot))
    assert image is not None and image.shape[1] >= 1200
    # A real window, not a blank one: the wall's four tiles differ from each other and from the chrome.
    assert float(np.std(image)) > 20.0


def test_camera_test_from_the_bundle_reads_a_local_rtsp_camera(bundle: Path, tmp_path: Path) -> None:
    with serving(ServerSpec().test_mount("cam", width=320, height=240)) as server:
        result = run(bundle, ["camera", "test", server.url("cam"), "--seconds", "2"], tmp_path / "home", 90)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["state"] == "live" and (report["width"], report["height"]) == (320, 240)


def test_the_bundled_libvlc_decodes_a_file(bundle: Path, tmp_path: Path) -> None:
    clip = tmp_path / "clip.avi"
    writer = cv2.VideoWriter(str(clip), cv2.VideoWriter.fourcc(*"MJPG"), 25, (320, 240))
    for i in range(75):
        frame = np.full((240, 320, 3), (i * 3) % 255, np.uint8)
        cv2.putText(frame, str(i), (20, 120), cv2.FONT_HERSHEY_SIMPLEX, 2, (255, 255, 255), 3)
        writer.write(frame)
    writer.release()
    result = run(bundle, ["camera", "test", str(clip), "--seconds", "1.5"], tmp_path / "home", 90)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["state"] == "live" and report["path"] == "libvlc"
