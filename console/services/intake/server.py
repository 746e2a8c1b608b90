"""The intake's HTTP front: standard library only, every check before anything is stored.

Order of checks on a POST, cheapest first: the route, the client address's rate, the token, the
calling system's rate, the content type, the declared length (refused before the body is read),
then the body itself. Each refusal is a JSON error with its status; nothing is written before the
last check passes. A request without Content-Length (chunked) is refused: the limit must be known
before reading.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import time
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from console.config import IntakeConfig
from console.services.evidence import EvidenceWriteError

from .images import ImageRefused
from .limits import RateLimiter, who
from .schema import InvalidRequest, parse_help, parse_report
from .service import IntakeService, IntakeUnavailable

log = logging.getLogger(__name__)

API_VERSION = "v1"


class Refusal(Exception):
    def __init__(self, status: int, message: str, field: str | None = None, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.field = field
        self.headers = headers or {}


# Beyond [intake] max_connections a connection is answered 503 at once instead of getting a thread,
# so a flood of slow clients cannot grow the process without bound.
_BUSY_BODY = b'{"error": {"status": 503, "reason": "Service Unavailable", "message": "busy; try again"}}'
_BUSY = (b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 1\r\n"
         b"Connection: close\r\nContent-Length: %d\r\n\r\n%s" % (len(_BUSY_BODY), _BUSY_BODY))  # fmt: skip


class IntakeServer(ThreadingHTTPServer):
    daemon_threads = True
    # A bounded backlog: a flood waits in the kernel a little, then is refused there.
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], service: IntakeService, tokens: dict[str, bytes],
                 cfg: IntakeConfig, clock: Callable[[], float] = time.monotonic) -> None:  # fmt: skip
        self.service = service
        self.tokens = tokens
        self.cfg = cfg
        self.by_system = RateLimiter(cfg.rate_per_minute, cfg.rate_burst, clock)
        self.by_address = RateLimiter(cfg.rate_per_minute, cfg.rate_burst, clock)
        self.slots = threading.BoundedSemaphore(cfg.max_connections)
        super().__init__(address, IntakeHandler)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self.slots.acquire(blocking=False):
            with contextlib.suppress(OSError):  # the client may already be gone
                request.sendall(_BUSY)
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


class IntakeHandler(BaseHTTPRequestHandler):
    server: IntakeServer
    # A client that stops sending mid-request (slowloris) holds a thread at most this long.
    timeout = 10
    protocol_version = "HTTP/1.1"
    server_version = "csgt-intake"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s %s", self.client_address[0], format % args)

    def _send(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _refuse(self, r: Refusal, system: str | None) -> None:
        log.info("intake refused %s %s from %s (%s): %d %s", self.command, self.path, self.client_address[0],
                 system or "-", r.status, r)  # fmt: skip
        # A body left unread would be parsed as the next request on this connection.
        self.close_connection = True
        body = {"error": {"status": r.status, "reason": HTTPStatus(r.status).phrase, "message": str(r)}}
        if r.field:
            body["error"]["field"] = r.field
        self._send(r.status, body, r.headers | {"Connection": "close"})

    def do_GET(self) -> None:
        try:
            if self.path != f"/{API_VERSION}/health":
                raise Refusal(404, "no such endpoint")
            self._rate(self.server.by_address, self.client_address[0])
            self._send(200, {"status": "ok"})
        except Refusal as r:
            self._refuse(r, None)

    def do_POST(self) -> None:
        system: str | None = None
        try:
            route = {f"/{API_VERSION}/reports": "report", f"/{API_VERSION}/help": "help"}.get(self.path)
            if route is None:
                raise Refusal(404, "no such endpoint")
            self._rate(self.server.by_address, self.client_address[0])
            system = self._system()
            self._rate(self.server.by_system, system)
            body = self._body()
            now = self.server.service.clock()
            try:
                if route == "report":
                    result = self.server.service.report(system, parse_report(body, now))
                else:
                    result = self.server.service.help(system, parse_help(body))
            except (InvalidRequest, ImageRefused) as exc:
                raise Refusal(exc.status, str(exc), getattr(exc, "field", None)) from exc
            except (IntakeUnavailable, EvidenceWriteError) as exc:
                raise Refusal(503, str(exc)) from exc
        except Refusal as r:
            self._refuse(r, system)
            return
        except Exception:
            log.exception("intake %s from %s failed", self.path, system)
            self._refuse(Refusal(500, "the request could not be stored; try again later"), system)
            return
        log.info("intake %s from %s: %s", route, system, result)
        self._send(201, result)

    def _rate(self, limiter: RateLimiter, key: str) -> None:
        if not limiter.allow(key):
            raise Refusal(429, "too many requests; slow down", headers={"Retry-After": str(limiter.retry_after_s())})

    def _system(self) -> str:
        scheme, _, token = (self.headers.get("Authorization") or "").partition(" ")
        system = who(self.server.tokens, token.strip()) if scheme.lower() == "bearer" else None
        if system is None:
            raise Refusal(401, "a valid token is required (Authorization: Bearer TOKEN)",
                          headers={"WWW-Authenticate": 'Bearer realm="csgt-intake"'})  # fmt: skip
        return system

    def _body(self) -> Any:
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype != "application/json":
            raise Refusal(415, "the body must be application/json")
        if self.headers.get("Transfer-Encoding"):
            raise Refusal(411, "send the body with a Content-Length, not chunked")
        raw = self.headers.get("Content-Length")
        if raw is None or not raw.isdigit():
            raise Refusal(411, "a Content-Length is required")
        length, limit = int(raw), self.server.cfg.max_body_bytes
        if length > limit:
            raise Refusal(413, f"the body is {length:,} bytes; at most {limit:,} are accepted")
        data = self.rfile.read(length)
        if len(data) != length:
            raise Refusal(400, "the body ended before its Content-Length")
        try:
            return json.loads(data.decode("utf-8"))
        except (ValueError, RecursionError) as exc:  # also an integer of more digits than Python converts
            raise Refusal(400, f"the body is not valid JSON: {exc}") from exc
