"""Files that appear under their final name only whole and on disk.

Evidence written by the console (``console/services/evidence.py``) and by ``python -m inference run
--evidence`` share this: a full disk or a crash must leave no short file a record could point at.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_whole(target: Path, data: bytes) -> None:
    """``data`` under ``target`` whole or not at all; on any failure the temporary file is removed."""
    # A unique temporary name: two threads (or processes) storing the same image must not share one.
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            # Without this a full ext4 or XFS can still fail the write back after the rename, and a
            # record would point at a short file.
            os.fsync(f.fileno())
        os.replace(name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)
        raise
    try:
        dir_fd = os.open(target.parent, os.O_RDONLY)
    except OSError:  # a directory that cannot be opened (Windows): the rename is as durable as it gets
        return
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
