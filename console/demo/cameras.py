"""Demo cameras that are real network streams: rendered scenes served over RTSP on 127.0.0.1.

Four demo cameras are pointed at local mounts for this run only: the override lives in memory
(``active``), never in the database, so a real camera's URL is never replaced by a fake one.
Scenes are rendered once into the user cache; without the scene generator, test patterns labelled
with the camera's name stand in. Without the GStreamer packages there is no server: the log says
which packages to install and the cameras play the cached scenes as files through libVLC.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs
from sqlalchemy import select

from console.paths import APP_AUTHOR, APP_NAME
from console.services.redact import redact_url
from console.storage.db import Database
from console.storage.models import Camera
from console.video.rtsp_server import ServerError, ServerSpec, StreamServer, missing_packages

log = logging.getLogger(__name__)

# Demo camera code → (scene kind, seed, mount). Chosen to match what each camera looks at.
DEMO_CAMERAS: dict[str, tuple[str, int, str]] = {
    "HN-NTS-01": ("intersection", 1, "nga-tu-so"),
    "CT01-K184-S": ("expressway", 2, "ct01-km184"),
    "HN-KMGV-01": ("one_way", 3, "kim-ma"),
    "CT04-K19-E": ("expressway", 4, "ct04-km19"),
}
SCENE_SECONDS = 20
SCENE_FPS = 25


@dataclass
class DemoCameras:
    urls: dict[str, str] = field(default_factory=dict)  # camera code → stream URL for this run
    server: StreamServer | None = None
    notice: str = ""  # what the operator should know (missing packages), empty when all is well
    scenes: dict[str, Path] = field(default_factory=dict)  # camera code → the rendered scene it shows
    render: threading.Thread | None = None  # the background render of missing scenes, if one runs
    render_stop: threading.Event = field(default_factory=threading.Event)

    def stop(self, wait: float = 5.0) -> None:
        # The render first: a thread still inside OpenCV when the interpreter finalizes aborts the
        # process ("terminate called without an active exception") instead of letting it exit.
        self.render_stop.set()
        if self.render is not None:
            self.render.join(wait)
            if self.render.is_alive():
                log.warning("demo: scene render did not stop within %.0f s", wait)
            self.render = None
        if self.server is not None:
            self.server.stop()
            self.server = None


active: DemoCameras | None = None  # set by start(), read by the wall when it opens a camera


def override_url(code: str) -> str | None:
    return active.urls.get(code) if active is not None else None


def scene_dir(kind: str, seed: int, cache: Path | None = None) -> Path:
    root = cache or Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR))
    return root / "scenes" / f"{kind}-{seed}-{SCENE_SECONDS}s{SCENE_FPS}"


def cached_scenes(cache: Path | None = None) -> dict[str, Path]:
    """Camera code → folder of a complete earlier render (its ground truth is written last)."""
    found = {}
    for code, (kind, seed, _mount) in DEMO_CAMERAS.items():
        folder = scene_dir(kind, seed, cache)
        if (folder / "ground_truth.json").is_file():
            found[code] = folder
    return found


def render_scenes(cache: Path | None = None, stop: threading.Event | None = None) -> dict[str, Path]:
    """Camera code → folder of frame_00000.jpg…; rendered once (~20 s a scene here), reused later.

    Setting ``stop`` ends the work within a frame; the scenes finished by then stay cached."""
    try:
        from console.demo.scenes import KINDS, RenderStopped, render_scene
    except ImportError:
        log.info("demo: scene generator not available; cameras show labelled test patterns")
        return {}
    folders: dict[str, Path] = {}
    for code, (kind, seed, _mount) in DEMO_CAMERAS.items():
        if stop is not None and stop.is_set():
            break
        if kind not in KINDS:
            continue
        folder = scene_dir(kind, seed, cache)
        started = time.monotonic()
        try:
            # Reuses a complete earlier render (its ground truth is written last, atomically).
            render_scene(kind, seed, folder, seconds=SCENE_SECONDS, fps=SCENE_FPS, size=(1280, 720), stop=stop)
        except RenderStopped:
            log.info("demo: scene %s render stopped (shutdown); it is redone on the next demo run", kind)
            break
        except Exception:  # a generator bug must not stop the console: that camera shows a test pattern
            log.exception("demo: scene %s could not be rendered", kind)
            continue
        log.info("demo: scene %s (seed %d) ready in %.1f s: %s", kind, seed, time.monotonic() - started, folder)
        folders[code] = folder
    return folders


def start(names: dict[str, str], cache: Path | None = None, render_missing: bool = True) -> DemoCameras:
    """Start the demo camera set; ``names`` maps camera code → name for the test-pattern labels.

    ``render_missing=False`` (unattended runs: screenshots, tests) shows test patterns for missing
    scenes without rendering them: such a run ends long before a render would, and the render
    would only take the CPU from what the run is there to show or measure."""
    global active
    demo = DemoCameras()
    folders = cached_scenes(cache)
    demo.scenes = dict(folders)
    if len(folders) < len(DEMO_CAMERAS) and render_missing:
        # Rendering takes a minute on first use: it runs in the background for the next demo run,
        # while this one shows labelled test patterns, so start-up stays quick.
        demo.render = threading.Thread(
            target=render_scenes, args=(cache, demo.render_stop), name="demo scene render", daemon=True
        )
        demo.render.start()
    missing = missing_packages()
    if missing:
        demo.notice = "demo cameras need the system packages: " + " ".join(missing) + " (apt-get install them)"
        log.warning("demo: %s; playing scene files directly instead", demo.notice)
        demo.urls = {code: _file_url(folder) for code, folder in folders.items() if _file_url(folder)}
        active = demo
        return demo
    spec = ServerSpec()
    for code, (_kind, _seed, mount) in DEMO_CAMERAS.items():
        if code in folders:
            spec.jpeg_mount(mount, folders[code], fps=SCENE_FPS)
        else:
            spec.test_mount(mount, width=1280, height=720, label=_ascii(names.get(code, code)))
    try:
        demo.server = StreamServer(spec).start()
    except (ServerError, OSError) as exc:
        demo.notice = f"demo stream server did not start: {exc}"
        log.error("demo: %s", demo.notice)
        active = demo
        return demo
    demo.urls = {code: demo.server.url(mount) for code, (_k, _s, mount) in DEMO_CAMERAS.items()}
    active = demo
    return demo


def stop() -> None:
    global active
    if active is not None:
        active.stop()
        active = None


def _file_url(folder: Path) -> str:
    """A looping clip file made once from the scene's JPEG frames, for libVLC to play without a server."""
    clip = folder / "clip.mp4"
    if not clip.exists():
        import cv2

        frames = sorted(folder.glob("frame_*.jpg"))
        if not frames:
            return ""
        first = cv2.imread(str(frames[0]))
        if first is None:
            return ""
        tmp = folder / ".clip.tmp.mp4"
        writer = cv2.VideoWriter(str(tmp), cv2.VideoWriter.fourcc(*"mp4v"), SCENE_FPS, (first.shape[1], first.shape[0]))
        try:
            for path in frames:
                image = cv2.imread(str(path))
                if image is not None:
                    writer.write(image)
        finally:
            writer.release()
        tmp.replace(clip)
    return clip.as_uri()


def _ascii(text: str) -> str:
    # The label travels on a GStreamer launch line: keep it to characters that need no quoting. Dashes
    # between place names ("Trường Chinh – Tây Sơn") become hyphens rather than vanish.
    text = text.replace("\u2013", "-").replace("\u2014", "-")
    return "".join(c for c in text if c.isalnum() or c in " -.,()").strip()


def start_for(db: Database, render_missing: bool = True) -> DemoCameras:
    """Start the demo camera set for the demo cameras present in this database."""
    with db.session() as s:
        rows = s.execute(select(Camera.code, Camera.name).where(Camera.code.in_(list(DEMO_CAMERAS)))).all()
    demo = start({str(code): str(name) for code, name in rows}, render_missing=render_missing)
    log.info("stage: demo cameras: %s", ", ".join(f"{c} -> {redact_url(u)}" for c, u in demo.urls.items()) or "none")
    return demo
