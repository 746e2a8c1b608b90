"""The audit key: an HMAC key kept outside the database, so that database rights alone cannot rewrite the chain.

A plain SHA-256 chain proves that nobody edited one entry, but someone who can write the database can
recompute every hash after a change and the chain verifies again. Entries signed with a key that lives
only in a file on the workstations (``[audit] key_file``, readable by the console's account alone)
cannot be recomputed without it.

The key file is JSON: ``{"key": 64 hex digits, "since": N, "created": ISO time}``. ``since`` is the seq
of the ``audit.keyed`` entry that started signing: entries from it on are HMAC-SHA256 with the key,
entries before it keep their plain hashes (they predate the key and are protected as before).
Because ``since`` is in the file, deleting the ``audit.keyed`` entry and re-hashing the rest plainly
is caught too.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

KEYED_ACTION = "audit.keyed"


class AuditKeyError(ValueError):
    """A key file that cannot be used, worded for the administrator who set it up."""


@dataclass(frozen=True)
class AuditKey:
    key: bytes
    since: int  # seq of the audit.keyed entry; every entry from it on is signed

    @property
    def fingerprint(self) -> str:
        """Names the key in the audit entry and in messages without revealing it."""
        return hashlib.sha256(b"csgt-audit-key:" + self.key).hexdigest()[:16]


def read_key_file(path: Path, what: str, error: type[ValueError] = AuditKeyError) -> tuple[bytes, dict[str, object]]:
    """The 32-byte ``key`` of a JSON key file and the whole object; ``error`` names ``what`` went wrong.

    Shared by the audit key and the sync key (console/services/sync/key.py): same file shape, same words.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise error(f"cannot read the {what} file {path}: {exc.strerror}") from exc
    except ValueError as exc:
        raise error(f"the {what} file {path} is not JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise error(f"the {what} file {path} is not a key file (expected a JSON object)")
    raw = data.get("key")
    if not isinstance(raw, str) or len(raw) != 64:
        raise error(f"the {what} file {path} has no 64-hex-digit 'key'")
    try:
        return bytes.fromhex(raw), data
    except ValueError as exc:
        raise error(f"the {what} file {path}: 'key' is not hexadecimal") from exc


def load_key(path: Path) -> AuditKey:
    key, data = read_key_file(path, "audit key")
    since = data.get("since")
    if not isinstance(since, int) or isinstance(since, bool) or since < 1:
        raise AuditKeyError(f"the audit key file {path} has no positive whole 'since'")
    return AuditKey(key, since)


def new_key() -> bytes:
    return secrets.token_bytes(32)


def write_key(path: Path, key: AuditKey) -> None:
    """Create the file, readable by its owner only; an existing file is never overwritten."""
    body = json.dumps({"key": key.key.hex(), "since": key.since, "created": datetime.now(UTC).isoformat()})
    write_secret_file(path, body, "an audit key")


def write_secret_file(path: Path, body: str, what: str) -> None:
    """``body`` in a new file readable by its owner only (key files); AuditKeyError if it exists or cannot be made."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as exc:
        raise AuditKeyError(f"{path} exists already; {what} is never overwritten") from exc
    except OSError as exc:
        raise AuditKeyError(f"cannot create the key file {path}: {exc.strerror}") from exc
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(body + "\n")
        f.flush()
        os.fsync(f.fileno())
