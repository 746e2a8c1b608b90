"""Ask a stream's server what it offers before decoding, so failures get a precise reason.

Decoders report "could not open" and little more. An RTSP DESCRIBE (or an HTTP HEAD) over a plain
socket tells apart refused, unreachable, timed out, wrong password, no such stream and a codec the
wall cannot decode, and names the codec. Credentials travel only in the request header.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import re
import socket
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from .health import Problem, problem_from_oserror, problem_from_status

# RTP encoding names (SDP rtpmap) of the video codecs cameras send and both decoder paths handle.
SUPPORTED_CODECS = frozenset({"H264", "H265", "HEVC", "JPEG", "MP4V-ES", "MP2T"})
CODEC_NAMES = {"H264": "h264", "H265": "hevc", "HEVC": "hevc", "JPEG": "mjpeg", "MP4V-ES": "mpeg4", "MP2T": "mpegts"}


@dataclass(frozen=True)
class ProbeResult:
    problem: Problem | None
    codec: str = ""  # short codec name when known ("h264"), else ""


def with_credentials(url: str, user: str | None, password: str | None) -> str:
    """The URL to open: credentials from their own columns go in only now, never into logs."""
    if not user:
        return url
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    cred = quote(user, safe="") + (":" + quote(password, safe="") if password else "")
    return urlunsplit((parts.scheme, f"{cred}@{host}", parts.path, parts.query, parts.fragment))


class BadReply(Exception):
    """The server answered, but not in RTSP: something else listens there, or the camera is broken."""


MAX_HEAD = 65536  # an RTSP reply's status and headers; a server streaming garbage must not fill memory


def probe(url: str, timeout: float = 4.0) -> ProbeResult:
    scheme = urlsplit(url).scheme.lower()
    try:
        if scheme in ("rtsp", "rtsps"):
            return _probe_rtsp(url, timeout)
        if scheme in ("http", "https"):
            return _probe_http(url, timeout)
        if scheme in ("", "file"):
            path = Path(unquote(urlsplit(url).path) if scheme else url)
            return _probe_file(path) if path.is_file() else ProbeResult(Problem.NOT_FOUND)
    except OSError as exc:
        return ProbeResult(problem_from_oserror(exc))
    except BadReply:
        return ProbeResult(Problem.FAILED)
    except ValueError:
        return ProbeResult(Problem.BAD_URL)
    return ProbeResult(None)  # udp, rtp: nothing to ask; the watchdog judges by frames


def _probe_http(url: str, timeout: float) -> ProbeResult:
    parts = urlsplit(url)
    cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    conn = cls(parts.hostname or "", parts.port, timeout=timeout)
    headers = {}
    if parts.username:
        token = base64.b64encode(f"{unquote(parts.username)}:{unquote(parts.password or '')}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    try:
        conn.request("HEAD", urlunsplit(("", "", parts.path or "/", parts.query, "")), headers=headers)
        reply = conn.getresponse()
        problem = problem_from_status(reply.status)
        if problem is None and _is_document(reply.getheader("Content-Type", "")):
            problem = Problem.NOT_VIDEO  # most often the camera's web page instead of its stream path
        return ProbeResult(problem)
    finally:
        conn.close()


def _is_document(content_type: str) -> bool:
    kind = content_type.split(";")[0].strip().lower()
    return kind.startswith("text/") or kind in ("application/json", "application/xml", "application/xhtml+xml")


def _probe_file(path: Path) -> ProbeResult:
    """Whether FFmpeg finds a picture in the file: libVLC keeps reopening a file it cannot demux and never
    reports an error, so without this a damaged or wrong file would read only as "timed out"."""
    import cv2

    cap = cv2.VideoCapture(str(path), cv2.CAP_FFMPEG)
    try:
        ok = cap.isOpened() and cap.read()[0]
    finally:
        cap.release()
    return ProbeResult(None if ok else Problem.NOT_VIDEO)


def _probe_rtsp(url: str, timeout: float) -> ProbeResult:
    parts = urlsplit(url)
    if not parts.hostname:
        return ProbeResult(Problem.BAD_URL)
    bare = urlunsplit((parts.scheme, _hostport(parts.hostname, parts.port), parts.path, parts.query, ""))
    user = unquote(parts.username) if parts.username else None
    password = unquote(parts.password or "")
    with socket.create_connection((parts.hostname, parts.port or 554), timeout=timeout) as sock:
        status, headers, body = _request(sock, bare, 1, None)
        if status == 401 and user is not None:
            auth = _authorization(headers.get("www-authenticate", ""), user, password, bare)
            status, headers, body = _request(sock, bare, 2, auth)
    problem = problem_from_status(status)
    if problem is not None:
        return ProbeResult(problem)
    encodings = re.findall(r"a=rtpmap:\d+ ([A-Za-z0-9-]+)/", body)
    video = _video_encodings(body) or encodings
    if not video:
        return ProbeResult(None)
    name = video[0].upper()
    if name not in SUPPORTED_CODECS:
        return ProbeResult(Problem.CODEC, name.lower())
    return ProbeResult(None, CODEC_NAMES[name])


def _video_encodings(sdp: str) -> list[str]:
    found: list[str] = []
    in_video = False
    for line in sdp.splitlines():
        if line.startswith("m="):
            in_video = line.startswith("m=video")
        elif in_video and (m := re.match(r"a=rtpmap:\d+ ([A-Za-z0-9-]+)/", line)):
            found.append(m.group(1))
    return found


def _hostport(host: str, port: int | None) -> str:
    return f"{host}:{port}" if port else host


def _request(sock: socket.socket, url: str, cseq: int, auth: str | None) -> tuple[int, dict[str, str], str]:
    lines = [f"DESCRIBE {url} RTSP/1.0", f"CSeq: {cseq}", "Accept: application/sdp", "User-Agent: csgt-console"]
    if auth:
        lines.append(f"Authorization: {auth}")
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            raise ConnectionResetError("server closed the connection")
        data += chunk
        if len(data) > MAX_HEAD:
            raise BadReply("no end of the reply's headers")
    head, _, rest = data.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    words = status_line.split()
    if len(words) < 2 or not words[0].startswith("RTSP/") or not words[1].isdigit():
        raise BadReply(f"not an RTSP status line: {status_line[:40]!r}")
    status = int(words[1])
    headers = {}
    for line in header_lines:
        key, _, value = line.partition(":")
        headers[key.strip().lower()] = value.strip()
    length_text = headers.get("content-length", "0")
    if not length_text.isdigit() or int(length_text) > MAX_HEAD:
        raise BadReply(f"content length {length_text[:20]!r}")
    length = int(length_text)
    while len(rest) < length:
        chunk = sock.recv(4096)
        if not chunk:
            break
        rest += chunk
    return status, headers, rest[:length].decode("utf-8", "replace")


def _authorization(challenge: str, user: str, password: str, url: str) -> str:
    if challenge.lower().startswith("digest"):
        fields = dict(re.findall(r'(\w+)="?([^",]*)"?', challenge))
        realm, nonce = fields.get("realm", ""), fields.get("nonce", "")
        ha1 = hashlib.md5(f"{user}:{realm}:{password}".encode()).hexdigest()
        ha2 = hashlib.md5(f"DESCRIBE:{url}".encode()).hexdigest()
        response = hashlib.md5(f"{ha1}:{nonce}:{ha2}".encode()).hexdigest()
        return f'Digest username="{user}", realm="{realm}", nonce="{nonce}", uri="{url}", response="{response}"'
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return f"Basic {token}"
