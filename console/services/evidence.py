"""Content-hashed evidence store: each image is written once, named by its SHA-256, and recorded.

Files live under one evidence directory as ``ab/abcdef….ext``; the database keeps the hash and the
path relative to that directory, so the store can move to another disk without rewriting rows, and
a file whose bytes no longer match its hash is detectable (``verify``).

A file appears under its final name only whole and on disk (temporary file, fsync, rename, fsync of the
directory): a full disk or a crash leaves no partial evidence, and the caller's transaction, which the
refusal rolls back, never records a row for a file that is not there.
"""

from __future__ import annotations

import errno
import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from console import paths
from console.config import Config
from console.storage.models import EvidenceFile
from inference.files import write_whole

log = logging.getLogger(__name__)

_EXT = {"image/jpeg": ".jpg", "image/png": ".png", "video/mp4": ".mp4"}
_FULL = (errno.ENOSPC, errno.EDQUOT)


class EvidenceWriteError(Exception):
    """Evidence that could not be written; the message is for the operator, nothing was kept."""

    def __init__(self, message: str, errno_: int | None) -> None:
        super().__init__(message)
        self.errno = errno_


def evidence_dir(cfg: Config) -> Path:
    return Path(cfg.evidence.dir).expanduser() if cfg.evidence.dir else paths.data_dir() / "evidence"


@dataclass(frozen=True)
class EvidenceStore:
    root: Path

    def put(
        self,
        session: Session,
        data: bytes,
        kind: str,
        mime: str = "image/jpeg",
        *,
        camera_id: int | None = None,
        width: int | None = None,
        height: int | None = None,
    ) -> EvidenceFile:
        """Store ``data`` (idempotent: the same bytes give the same row) inside the caller's transaction."""
        digest = hashlib.sha256(data).hexdigest()
        existing = session.scalar(select(EvidenceFile).where(EvidenceFile.sha256 == digest))
        if existing is not None:
            return existing
        relative = Path(digest[:2]) / f"{digest}{_EXT.get(mime, '.bin')}"
        target = self.root / relative
        if not target.exists():
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                write_whole(target, data)
            except OSError as exc:
                raise self._refusal(kind, len(data), exc) from exc
        row = EvidenceFile(
            sha256=digest,
            path=relative.as_posix(),
            kind=kind,
            mime=mime,
            size_bytes=len(data),
            width=width,
            height=height,
            camera_id=camera_id,
        )
        session.add(row)
        session.flush()
        return row

    def _refusal(self, kind: str, size: int, exc: OSError) -> EvidenceWriteError:
        why = "the disk is full" if exc.errno in _FULL else (exc.strerror or str(exc))
        message = f"evidence not stored: {why} ({self.root}); the {kind} image ({size:,} bytes) was not kept"
        log.error("%s", message)
        return EvidenceWriteError(message, exc.errno)

    def path_of(self, row: EvidenceFile) -> Path:
        return self.root / row.path

    def verify(self, row: EvidenceFile) -> bool:
        """True when the file is there and its bytes still hash to the recorded SHA-256."""
        path = self.path_of(row)
        return path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == row.sha256
