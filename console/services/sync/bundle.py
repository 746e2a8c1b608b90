"""The bundle file: a zip of a JSON manifest, JSON-lines tables and evidence files named by SHA-256, signed.

``manifest.json`` lists every other member with its SHA-256 and size; ``signature.json`` holds the
HMAC-SHA256 of the manifest's bytes under the sync key. So one check of the signature and one hash
per member prove the whole file: a changed, missing, extra or cut-off member refuses the bundle
before anything is written. A bundle appears under its name only whole (temporary file, fsync, rename).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Date, Table

from console.services.audit import canonical_json
from console.storage.models import UTCDateTime

from .key import SyncKey

FORMAT = "csgt-sync/1"
MANIFEST, SIGNATURE = "manifest.json", "signature.json"
_CHUNK = 1 << 20

Progress = Callable[[str, int, int], None]  # (what, done, total)


class BundleError(Exception):
    """The bundle is refused whole; the message is one line for the operator."""


def _quiet(_what: str, _done: int, _total: int) -> None:
    pass


def to_json(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row as JSON values: datetimes as UTC ISO text with microseconds, dates as ISO text."""
    out: dict[str, Any] = {}
    for name, value in row.items():
        if isinstance(value, datetime):
            out[name] = value.astimezone(UTC).isoformat(timespec="microseconds")
        elif isinstance(value, date):
            out[name] = value.isoformat()
        else:
            out[name] = value
    return out


def from_json(table: Table, row: Mapping[str, Any]) -> dict[str, Any]:
    """The inverse of ``to_json`` for the columns of ``table`` (others are kept as they are)."""
    out = dict(row)
    for column in table.columns:
        value = out.get(column.name)
        if not isinstance(value, str):
            continue
        if isinstance(column.type, UTCDateTime):
            out[column.name] = datetime.fromisoformat(value)
        elif isinstance(column.type, Date):
            out[column.name] = date.fromisoformat(value)
    return out


def row_sha256(row: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_json(row).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Written:
    path: Path
    sha256: str
    size: int
    counts: dict[str, int]


def write_bundle(
    path: Path,
    key: SyncKey,
    header: dict[str, Any],
    tables: Mapping[str, list[dict[str, Any]]],
    evidence: Mapping[str, Path],
    progress: Progress | None = None,
) -> Written:
    """Write the bundle to ``path`` (replacing it in one step); ``evidence`` maps SHA-256 to the file."""
    progress = progress or _quiet
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    members: dict[str, dict[str, Any]] = {}
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            for name, rows in tables.items():
                data = "".join(canonical_json(r) + "\n" for r in rows).encode("utf-8")
                member = f"tables/{name}.jsonl"
                z.writestr(member, data)
                members[member] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            for done, (digest, file) in enumerate(sorted(evidence.items()), 1):
                data = file.read_bytes()
                if hashlib.sha256(data).hexdigest() != digest:
                    raise BundleError(f"evidence file {file} no longer matches its SHA-256 {digest}; nothing exported")
                # JPEG and MP4 do not compress: storing them saves the time.
                z.writestr(f"evidence/{digest}", data, zipfile.ZIP_STORED)
                members[f"evidence/{digest}"] = {"sha256": digest, "size": len(data)}
                progress("evidence", done, len(evidence))
            manifest = {
                **header,
                "format": FORMAT,
                "counts": {name: len(rows) for name, rows in tables.items()},
                "members": members,
            }
            body = canonical_json(manifest).encode("utf-8")
            z.writestr(MANIFEST, body)
            signature = {"hmac_sha256": hmac.new(key.key, body, hashlib.sha256).hexdigest(), "key": key.fingerprint}
            z.writestr(SIGNATURE, json.dumps(signature))
        with tmp.open("rb") as f:
            os.fsync(f.fileno())
            digest = _file_sha256(f)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    return Written(path, digest, path.stat().st_size, dict(manifest["counts"]))


def _file_sha256(f: Any) -> str:
    f.seek(0)
    h = hashlib.sha256()
    while chunk := f.read(_CHUNK):
        h.update(chunk)
    return h.hexdigest()


class Bundle:
    """A bundle whose signature and every member have been checked; evidence is read on demand."""

    def __init__(self, path: Path, sha256: str, manifest: dict[str, Any], tables: dict[str, list[dict[str, Any]]]):
        self.path, self.sha256, self.manifest, self.tables = path, sha256, manifest, tables

    @property
    def kind(self) -> str:
        return str(self.manifest["kind"])

    @property
    def origin(self) -> str:
        return str(self.manifest["origin"])

    @property
    def written_at(self) -> datetime:
        return datetime.fromisoformat(self.manifest["written_at"])

    def rows(self, name: str) -> list[dict[str, Any]]:
        return self.tables.get(name, [])

    def evidence(self, digest: str) -> bytes:
        """The evidence file's bytes, hashed again: the file may have changed since it was verified."""
        try:
            with zipfile.ZipFile(self.path) as z:
                data = z.read(f"evidence/{digest}")
        except (OSError, zipfile.BadZipFile, KeyError) as exc:
            raise BundleError(f"{self.path}: evidence {digest[:12]}… cannot be read any more ({exc})") from exc
        if hashlib.sha256(data).hexdigest() != digest:
            raise BundleError(f"{self.path}: evidence {digest[:12]}… changed while it was being imported")
        return data


def read_bundle(path: Path, key: SyncKey, progress: Progress | None = None) -> Bundle:
    """Verify everything in ``path``; BundleError says what is wrong, and nothing has been written."""
    progress = progress or _quiet
    try:
        with path.open("rb") as f:
            file_sha = _file_sha256(f)
        with zipfile.ZipFile(path) as z:
            return _verified(z, path, file_sha, key, progress)
    except zipfile.BadZipFile as exc:
        raise BundleError(f"{path}: not a whole sync bundle (truncated or damaged: {exc}); nothing imported") from exc
    except (OSError, EOFError) as exc:  # zlib and zipfile raise these on a cut-off member
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise BundleError(f"{path}: cannot be read whole ({reason}); nothing imported") from exc


def _verified(z: zipfile.ZipFile, path: Path, file_sha: str, key: SyncKey, progress: Progress) -> Bundle:
    names = set(z.namelist())
    if not {MANIFEST, SIGNATURE} <= names:
        raise BundleError(f"{path}: no manifest or signature: not a sync bundle; nothing imported")
    body = z.read(MANIFEST)
    try:
        signature = json.loads(z.read(SIGNATURE))
        manifest = json.loads(body)
    except ValueError as exc:
        raise BundleError(f"{path}: manifest or signature is not JSON; nothing imported") from exc
    if signature.get("key") != key.fingerprint:
        raise BundleError(
            f"{path}: signed with another sync key (key {signature.get('key')}, this site's is {key.fingerprint}); "
            "nothing imported"
        )
    expected = hmac.new(key.key, body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, str(signature.get("hmac_sha256", ""))):
        raise BundleError(f"{path}: the signature does not match the manifest (altered); nothing imported")
    if manifest.get("format") != FORMAT:
        raise BundleError(f"{path}: format {manifest.get('format')!r}, this console reads {FORMAT}; nothing imported")
    members: dict[str, dict[str, Any]] = manifest["members"]
    extra = names - set(members) - {MANIFEST, SIGNATURE}
    missing = set(members) - names
    if extra or missing:
        which = sorted(extra or missing)[0]
        raise BundleError(
            f"{path}: member {which} {'not in' if extra else 'missing from'} the manifest; nothing imported"
        )
    tables: dict[str, list[dict[str, Any]]] = {}
    for done, (name, meta) in enumerate(sorted(members.items()), 1):
        h, size = hashlib.sha256(), 0
        keep = name.startswith("tables/")
        chunks: list[bytes] = []
        with z.open(name) as member:
            while chunk := member.read(_CHUNK):
                h.update(chunk)
                size += len(chunk)
                if keep:
                    chunks.append(chunk)
        if h.hexdigest() != meta["sha256"] or size != meta["size"]:
            raise BundleError(
                f"{path}: member {name} does not match its SHA-256 in the manifest (altered); nothing imported"
            )
        if keep:
            text = b"".join(chunks).decode("utf-8")
            tables[name.removeprefix("tables/").removesuffix(".jsonl")] = [
                json.loads(line) for line in text.splitlines()
            ]
        progress("verify", done, len(members))
    return Bundle(path, file_sha, manifest, tables)
