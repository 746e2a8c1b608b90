"""Content-hashed evidence store: each image is written once, named by its SHA-256, and recorded.

Files live under one evidence directory as ``ab/abcdef….ext``; the database keeps the hash and the
path relative to that directory, so the store can move to another disk without rewriting rows, and
a file whose bytes no longer match its hash is detectable (``verify``).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from console import paths
from console.config import Config
from console.storage.models import EvidenceFile

_EXT = {"image/jpeg": ".jpg", "image/png": ".png", "video/mp4": ".mp4"}


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
            target.parent.mkdir(parents=True, exist_ok=True)
            # Write then rename, so a crash never leaves a truncated file under the final name.
            tmp = target.with_suffix(target.suffix + f".{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, target)
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

    def path_of(self, row: EvidenceFile) -> Path:
        return self.root / row.path

    def verify(self, row: EvidenceFile) -> bool:
        """True when the file is there and its bytes still hash to the recorded SHA-256."""
        path = self.path_of(row)
        return path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == row.sha256
