"""What every fault scenario shares: its table row, and fresh migrated databases outside pytest.

A scenario module in this folder exposes `scenario(times: int, work: Path, backend: str) -> FaultRow`;
its pytest test runs it at a count that fits CI, and `bench/faults.py` runs it at the issue's full
count and prints the table that goes into docs/reliability.md.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from db_setup import pg_database

from console.storage.db import Database
from console.storage.migrate import upgrade


@dataclass(frozen=True)
class FaultRow:
    injected: str
    times: int
    recovered: str  # what "recovered" means for this fault, with its count
    lost: int
    duplicated: int
    worst: str  # the worst time seen, with its unit, or "–"

    def markdown(self, command: str) -> str:
        cells = (self.injected, f"`{command}`", f"{self.times:,}", self.recovered, self.lost, self.duplicated,
                 self.worst)  # fmt: skip
        return "| " + " | ".join(str(c) for c in cells) + " |"


@contextmanager
def fresh_database(backend: str, work: Path) -> Iterator[str]:
    """The URL of a new, migrated database: a file under `work`, or a database on the PostgreSQL server."""
    if backend == "sqlite":
        url = f"sqlite:///{work / f'faults-{uuid.uuid4().hex[:8]}.db'}"
        db = Database.open(url)
        upgrade(db)
        db.dispose()
        yield url
        return
    if backend != "postgresql":
        raise ValueError(f"backend is sqlite or postgresql, not {backend!r}")
    with pg_database("tcc_fault", migrate=True) as (_name, url):
        yield url


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile; 0.0 for no values (a scenario with nothing measured says so itself)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered), max(1, math.ceil(p / 100 * len(ordered)))) - 1]
