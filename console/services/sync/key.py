"""The sync key: HMAC-SHA256 key shared by a station and the centre, kept in a file outside both databases.

Like the audit key (services/audit_key.py), a key in the database would let anyone who can write
the database forge a bundle; the file is ``{"key": 64 hex digits, "created": ISO time}``, mode 0600.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from console.services.audit_key import AuditKeyError, new_key, read_key_file, write_secret_file


class SyncKeyError(ValueError):
    """A sync key file that cannot be used, worded for the administrator."""


@dataclass(frozen=True)
class SyncKey:
    key: bytes

    @property
    def fingerprint(self) -> str:
        """Names the key in bundles and messages without revealing it."""
        return hashlib.sha256(b"csgt-sync-key:" + self.key).hexdigest()[:16]


def load_sync_key(path: Path) -> SyncKey:
    key, _data = read_key_file(path, "sync key", SyncKeyError)
    return SyncKey(key)


def create_sync_key(path: Path) -> SyncKey:
    """A new random key in a new file; an existing file is never overwritten."""
    key = SyncKey(new_key())
    body = json.dumps({"key": key.key.hex(), "created": datetime.now(UTC).isoformat()})
    try:
        write_secret_file(path, body, "a sync key")
    except AuditKeyError as exc:
        raise SyncKeyError(str(exc)) from exc
    return key
