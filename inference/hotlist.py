"""Hotlist matching of plate reads, tolerant of the OCR confusions the grammar knows (0/D, 8/B, 5/S…)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from inference.plates.grammar import plate_key, plates_match


@dataclass(frozen=True)
class Listed:
    id: int
    plate: str
    priority: int = 2  # 1 highest
    reason: str = "other"
    colour: str | None = None


@dataclass(frozen=True)
class HotlistHit:
    entry: Listed
    match: str  # exact | confusable
    read: str


class Hotlist:
    def __init__(self, entries: Iterable[Listed]) -> None:
        self.entries = list(entries)
        self._by_key = {plate_key(e.plate): e for e in self.entries}

    def match(self, read: str, colour: str | None = None) -> list[HotlistHit]:
        """Entries the read may be, best first: exact before confusable, then by priority.

        A listed colour must agree when both sides know it: a yellow commercial plate is another vehicle
        than a white private one with the same number.
        """
        hits: list[HotlistHit] = []
        exact = self._by_key.get(plate_key(read))
        for entry in self.entries:
            kind = "exact" if entry is exact else plates_match(read, entry.plate)
            if kind is None:
                continue
            if entry.colour and colour and entry.colour != colour:
                continue
            hits.append(HotlistHit(entry, kind, read))
        hits.sort(key=lambda h: (h.match != "exact", h.entry.priority))
        return hits
