"""A running intake server on a free local port, with its database and token files, for the tests and bench."""

from __future__ import annotations

import base64
import http.client
import json
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from console.config import Config, EvidenceConfig, IntakeConfig
from console.services.audit import AuditLog
from console.services.intake.limits import load_tokens
from console.services.intake.server import IntakeServer
from console.services.intake.service import build
from console.storage.db import Database
from console.storage.models import Camera

SCENE = (20.9362, 105.8546)  # Km 186 Pháp Vân – Cầu Giẽ


@dataclass
class Running:
    port: int
    tokens: dict[str, str]  # system → token
    evidence: Path

    def post(self, path: str, body: Any, token: str | None = None, content_type: str = "application/json",
             raw: bytes | None = None) -> tuple[int, dict[str, Any], dict[str, str]]:  # fmt: skip
        data = raw if raw is not None else json.dumps(body).encode()
        headers = {"Content-Type": content_type}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request("POST", path, data, headers)
            resp = conn.getresponse()
            return resp.status, json.loads(resp.read() or b"{}"), dict(resp.getheaders())
        finally:
            conn.close()


def add_cameras(db: Database) -> None:
    with db.session() as s:
        s.add(Camera(code="CT01-186", name="Km 186", route="CT.01", route_kind="expressway", km=186.0,
                     lat=SCENE[0], lon=SCENE[1], main_url="rtsp://x/1"))  # fmt: skip
        s.add(Camera(code="HN-NTS", name="Ngã tư Sở", route="Hà Nội", route_kind="city", lat=21.0031, lon=105.8201,
                     main_url="rtsp://x/2"))  # fmt: skip


def photo(kind: str = ".jpg", size: tuple[int, int] = (480, 640)) -> bytes:
    image = np.zeros((*size, 3), np.uint8)
    cv2.rectangle(image, (40, 60), (300, 200), (40, 200, 90), -1)
    cv2.putText(image, "30A-123.45", (60, 300), cv2.FONT_HERSHEY_SIMPLEX, 1.5, (255, 255, 255), 3)
    ok, data = cv2.imencode(kind, image)
    assert ok
    return bytes(data.tobytes())


def report(image: bytes | None = None, **fields: Any) -> dict[str, Any]:
    at = (datetime.now(UTC) - timedelta(minutes=10)).isoformat()
    body = {"violation": "red_light", "lat": 21.0035, "lon": 105.8205, "time": at, "plate": "30A-123.45",
            "description": "Vượt đèn đỏ ở ngã tư", "photo": base64.b64encode(image or photo()).decode()}  # fmt: skip
    body.update(fields)
    return {k: v for k, v in body.items() if v is not None}


@contextmanager
def running_intake(db: Database, folder: Path, **limits: Any) -> Iterator[Running]:
    folder.mkdir(parents=True, exist_ok=True)
    tokens = {name: secrets.token_urlsafe(32) for name in ("citizen-app", "hotline")}
    files = []
    for name, token in tokens.items():
        path = folder / f"{name}.token"
        path.write_text(token + "\n", encoding="utf-8")
        files.append(str(path))
    intake = replace(IntakeConfig(token_files=files, port=0), **limits)
    cfg = Config(evidence=EvidenceConfig(dir=str(folder / "evidence")), intake=intake)
    server = IntakeServer(("127.0.0.1", 0), build(cfg, db, AuditLog()), load_tokens(files), intake)
    thread = threading.Thread(target=server.serve_forever, name="intake-test", daemon=True)
    thread.start()
    try:
        yield Running(server.server_port, tokens, folder / "evidence")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)
