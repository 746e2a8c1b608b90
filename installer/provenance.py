"""What the scripts that copy third-party files into resources/ share: checking the shipped files against
their PROVENANCE.md, and the command line with its two modes (fetch from the registry, or --verify offline).

Run as scripts (``python installer/vendor_fonts.py``), they import this file as the module ``provenance``.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

# A PROVENANCE.md file row: | `name` | … | size | `sha256` |
ROW = re.compile(r"^\| `(?P<name>[^`]+)` \| .* \| (?P<size>\d+) \| `(?P<sha>[0-9a-f]{64})` \|$")


class Shipped(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def size(self) -> int: ...
    @property
    def sha256(self) -> str: ...


def check(provenance: Path, folder: Path, pinned: dict[str, str | None], pattern: str, noun: str) -> list[str]:
    """Problems between ``provenance``, the script's ``pinned`` names (and SHA-256 where known) and the
    files in ``folder``; empty when all agree. ``pattern`` globs the files the script owns there."""
    if not provenance.is_file():
        return [f"{provenance} is missing"]
    problems: list[str] = []
    listed: set[str] = set()
    for line in provenance.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match is None:
            continue
        name = match["name"]
        listed.add(name)
        path = folder / name
        if not path.is_file():
            problems.append(f"{name}: listed in {provenance.name} but missing")
            continue
        actual = hashlib.sha256(path.read_bytes()).hexdigest()
        if actual != match["sha"]:
            problems.append(f"{name}: SHA-256 differs from {provenance.name}")
        if pinned.get(name) and actual != pinned[name]:
            problems.append(f"{name}: SHA-256 differs from the pin in this script")
    if listed != set(pinned):
        problems.append(f"{provenance.name} lists {sorted(listed)}, the script pins {sorted(pinned)}")
    for extra in sorted(p.name for p in folder.glob(pattern) if p.name not in pinned):
        problems.append(f"{extra}: {noun} not produced by this script")
    if not (folder / "LICENSE").is_file():
        problems.append(f"{folder / 'LICENSE'} is missing")
    return problems


def main(
    argv: list[str] | None,
    doc: str | None,
    verify: Callable[[], list[str]],
    produce: Callable[[Path], Sequence[Shipped]],
    error: type[Exception],
    what: str,
    dest: Path,
) -> int:
    parser = argparse.ArgumentParser(description=doc.splitlines()[0] if doc else None)
    parser.add_argument("--verify", action="store_true", help="check shipped files against PROVENANCE.md (offline)")
    args = parser.parse_args(argv)
    if args.verify:
        problems = verify()
        for problem in problems:
            print(f"problem: {problem}", file=sys.stderr)
        print(f"{what} match PROVENANCE.md" if not problems else f"{len(problems)} problem(s)")
        return 1 if problems else 0
    try:
        with tempfile.TemporaryDirectory(prefix="vendor-") as tmp:
            shipped = produce(Path(tmp))
    except error as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for f in shipped:
        print(f"{f.name:32} {f.size:>8} bytes  sha256 {f.sha256}")
    print(f"wrote {len(shipped)} {what}, LICENSE and PROVENANCE.md to {dest}")
    return 0
