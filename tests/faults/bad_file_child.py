"""Runs bad-file cases for tests/faults/test_bad_files.py in a process of its own, so a crash is a finding.

    python bad_file_child.py video|model WORK SEED FIRST LAST

Case ``n`` is built from ``random.Random(f"{SEED}-{n}")`` alone, so the parent can restart this script
after the case that crashed or hung it and replay any case by number. Each case prints ``case N`` before
it starts and ``result {json}`` when it ends: kind, outcome (``error``: the clear error the product
gave; ``plays`` / ``loads``: damaged bytes the decoder or OpenVINO still accepted), message, seconds.
"""

from __future__ import annotations

import json
import random
import shutil
import socketserver
import sys
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

WATCH_S = 0.5  # camera test's --seconds: enough to tell a playing stream from a failing one
MODEL = "vehicle-scenes"  # the smallest shipped detector (1.1 MB): a compile per case stays cheap


def _mutate(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    kind = rng.choice(["truncated", "flipped", "garbage block", "garbage header", "random", "zeros", "repeated"])
    if kind == "truncated":
        return kind, data[: rng.randrange(len(data))]
    if kind == "flipped":
        out = bytearray(data)
        for _ in range(rng.randrange(1, 64)):
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
        return kind, bytes(out)
    if kind == "garbage block":
        at, size = rng.randrange(len(data)), rng.randrange(1, 4096)
        return kind, data[:at] + rng.randbytes(size) + data[at + size :]
    if kind == "garbage header":
        size = rng.randrange(1, 512)
        return kind, rng.randbytes(size) + data[size:]
    if kind == "random":
        return kind, rng.randbytes(rng.randrange(0, 65536))
    if kind == "zeros":
        return kind, bytes(rng.randrange(0, 65536))
    cut = rng.randrange(1, len(data))
    return kind, data[:cut] + data[:cut]  # a recorder that restarted mid-file


# ---- video -----------------------------------------------------------------------------------------


class _Garbage(socketserver.ThreadingTCPServer):
    """Answers every connection with ``payload`` and hangs up: a camera or server talking nonsense."""

    daemon_threads = True
    allow_reuse_address = True
    payload = b""


class _Answer(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        self.request.settimeout(2.0)
        try:
            self.request.recv(65536)
            self.request.sendall(self.server.payload)  # type: ignore[attr-defined]
        except OSError:
            pass


def _clips(work: Path) -> list[bytes]:
    import cv2

    clips = []
    for name, fourcc in (("clip.mp4", "mp4v"), ("clip.avi", "MJPG")):
        path = work / name
        if not path.exists():
            writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*fourcc), 25, (160, 120))
            for i in range(25):
                frame = np.full((120, 160, 3), (i * 9) % 256, np.uint8)
                cv2.rectangle(frame, (i * 5, 40), (i * 5 + 30, 80), (0, 0, 255), -1)
                writer.write(frame)
            writer.release()
        clips.append(path.read_bytes())
    return clips


def video_case(n: int, seed: int, work: Path, clips: list[bytes], server: _Garbage) -> dict[str, Any]:
    from console.video.check import test_stream

    rng = random.Random(f"{seed}-{n}")
    kind, data = _mutate(rng, rng.choice(clips))
    transport = rng.choices(["file", "http", "rtsp"], weights=[7, 2, 1])[0]
    port = server.server_address[1]
    if transport == "file":
        path = work / f"case{n % 2}.bin"  # libVLC must not find the previous case's bytes cached by name
        path.write_bytes(data)
        url = path.as_uri()
    elif transport == "http":
        head = f"HTTP/1.0 200 OK\r\nContent-Type: video/mp4\r\nContent-Length: {len(data)}\r\n\r\n".encode()
        server.payload, url = head + data, f"http://127.0.0.1:{port}/camera.mp4"
    else:
        server.payload, url = data, f"rtsp://127.0.0.1:{port}/stream"
    started = time.monotonic()
    report = test_stream(url, seconds=WATCH_S)
    outcome = "plays" if report["state"] == "live" else "error"
    return {"kind": f"{transport} {kind}", "outcome": outcome, "message": report["error"] or "",
            "seconds": time.monotonic() - started}  # fmt: skip


# ---- models ----------------------------------------------------------------------------------------


def _mutate_manifest(rng: random.Random, doc: dict[str, Any]) -> tuple[str, bytes]:
    if rng.random() < 0.4:
        kind, data = _mutate(rng, json.dumps(doc, indent=1).encode())
        return f"manifest {kind}", data
    key = rng.choice(["name", "version", "task", "decoder", "files", "input", "output", "licence", "labels"])
    value = rng.choice([None, 7, -1.5, "", "x" * 10_000, [], {}, [1, 2], ["a"], [{"path": 3}], [{"sha256": "0"}],
                        {"layout": 5}, True])  # fmt: skip
    if rng.random() < 0.3:
        doc.pop(key, None)
        return f"manifest without {key}", json.dumps(doc).encode()
    doc[key] = value
    return f"manifest {key} = {json.dumps(value)[:20]}", json.dumps(doc).encode()


def model_case(n: int, seed: int, work: Path, stages: dict[str, Any], registry: Any) -> dict[str, Any]:
    import hashlib

    from inference.detector import make_detector
    from inference.models import MODELS_DIR
    from inference.pipeline import with_detector

    rng = random.Random(f"{seed}-{n}")
    name = f"vehicle-fuzz-{n}"
    folder = work / "models" / name
    shutil.rmtree(work / "models", ignore_errors=True)  # the registry scans every folder: one case at a time
    shutil.copytree(MODELS_DIR / MODEL, folder)
    doc = json.loads((folder / "manifest.json").read_text())
    doc["name"] = name
    target = rng.choice(["manifest.json", "model.xml", "model.xml", "model.bin", "model.bin"])
    if target == "manifest.json":
        kind, data = _mutate_manifest(rng, doc)
    else:
        kind, data = _mutate(rng, (folder / target).read_bytes())
        if rng.random() < 0.2:
            kind, data = "deleted", b""
            (folder / target).unlink()
        else:
            (folder / target).write_bytes(data)
        kind = f"{target} {kind}"
        if rng.random() < 0.6:  # a bad conversion shipped with a manifest made from it: OpenVINO sees the bytes
            kind += ", manifest re-hashed"
            for entry in doc["files"]:
                if entry["path"] == target:
                    entry["sha256"] = hashlib.sha256(data).hexdigest()
        data = json.dumps(doc).encode()
    (folder / "manifest.json").write_bytes(data)
    started = time.monotonic()
    # A camera configured with this detector: refused models leave it on the default one, with the reason.
    chosen, why = with_detector(stages, registry, name)
    result: dict[str, Any] = {"kind": kind, "outcome": "error" if why else "loads", "message": why}
    if not why:  # loaded: one frame through it, as the camera's first would go
        try:
            make_detector(chosen["detector"]).detect(np.zeros((240, 320, 3), np.uint8))
        except Exception as exc:  # reported to the parent, which judges whether the message is clear
            result["message"] = f"detect: {type(exc).__name__}: {exc}"[:300]
    result["fallback"] = chosen["names"]["detector"]
    result["seconds"] = time.monotonic() - started
    return result


def main() -> None:
    mode, work, seed, first, last = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    work.mkdir(parents=True, exist_ok=True)
    run: Callable[[int], dict[str, Any]]
    if mode == "video":
        clips = _clips(work)
        server = _Garbage(("127.0.0.1", 0), _Answer)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        run = partial(video_case, seed=seed, work=work, clips=clips, server=server)
    else:
        from inference.models import MODELS_DIR, ModelRegistry
        from inference.pipeline import build_stages

        registry = ModelRegistry(dirs=[MODELS_DIR, work / "models"])
        run = partial(model_case, seed=seed, work=work, stages=build_stages(registry), registry=registry)
    print("ready", flush=True)
    for n in range(first, last):
        print(f"case {n}", flush=True)
        print("result " + json.dumps({"case": n, **run(n)}), flush=True)


if __name__ == "__main__":
    main()
