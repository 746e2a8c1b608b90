"""Apply rows from another system by their identity there: insert once, update when changed, never duplicate.

``sync_rows`` remembers, per (origin, table, origin id), the local row and two hashes: the origin's
row as last applied and the local row right after. The same row again is a no-op; a changed origin
row updates the local one unless the local one changed too since, which is a conflict: a resolver
chooses which version stands and the other is kept in ``sync_conflicts``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from console.storage.models import SyncConflict, SyncRow

from .bundle import from_json, row_sha256, to_json

Side = Literal["local", "origin"]
# (origin row as JSON, its values mapped to local ids, the local row as JSON) -> which stands, and
# the rule's name when it is a conflict worth a supervisor's look (None: a plain merge).
Resolver = Callable[[dict[str, Any], dict[str, Any], dict[str, Any]], tuple[Side, str | None]]
Remap = Callable[[dict[str, Any]], dict[str, Any]]
# Before inserting a new row: "insert", "skip" (set aside), or the id of a local row to take over.
Claim = Callable[[dict[str, Any], dict[str, Any]], "int | Literal['insert', 'skip']"]
_CHUNK = 500


def centre_kept(_row: dict[str, Any], _values: dict[str, Any], _local: dict[str, Any]) -> tuple[Side, str | None]:
    return "local", "changed_at_both_local_kept"


def origin_kept(_row: dict[str, Any], _values: dict[str, Any], _local: dict[str, Any]) -> tuple[Side, str | None]:
    return "origin", "changed_at_both_origin_kept"


@dataclass
class Tally:
    inserted: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    set_aside: Counter[str] = field(default_factory=Counter)
    conflicts: list[SyncConflict] = field(default_factory=list)


class RowApplier:
    """Works inside the caller's transaction; ``ids[table]`` maps origin ids to local ids as rows are applied."""

    def __init__(self, session: Session, origin: str, bundle_id: int) -> None:
        self.s, self.origin, self.bundle_id = session, origin, bundle_id
        self.ids: dict[str, dict[int, int]] = {}
        self.tally = Tally()

    def conflict(
        self, table: str, origin_id: int, local_id: int | None, rule: str, kept: Side, local: Any, theirs: Any
    ) -> None:
        row = SyncConflict(
            bundle_id=self.bundle_id,
            origin=self.origin,
            table_name=table,
            origin_id=origin_id,
            local_id=local_id,
            rule=rule,
            kept=kept,
            kept_row=local if kept == "local" else theirs,
            set_aside_row=theirs if kept == "local" else local,
            at=datetime.now(UTC),
        )
        self.s.add(row)
        self.tally.conflicts.append(row)

    def apply(
        self,
        name: str,
        table: Table,
        rows: Iterable[dict[str, Any]],
        remap: Remap,
        resolve: Resolver = centre_kept,
        claim: Claim | None = None,
    ) -> None:
        rows = list(rows)
        ids = self.ids.setdefault(name, {})
        known = self._mappings(name, [r["id"] for r in rows])
        fresh: list[tuple[dict[str, Any], dict[str, Any]]] = []
        for row in rows:
            values = remap(from_json(table, {k: v for k, v in row.items() if k != "id"}))
            mapping = known.get(row["id"])
            if mapping is None:
                verdict = claim(row, values) if claim else "insert"
                if verdict == "insert":
                    fresh.append((row, values))
                elif verdict == "skip":
                    self.tally.set_aside[name] += 1
                else:  # an existing local row becomes this origin row's copy
                    self._write(table, verdict, values)
                    self._map(name, row, verdict, values)
                    ids[row["id"]] = verdict
                    self.tally.updated[name] += 1
                continue
            ids[row["id"]] = mapping.local_id
            self._update(name, table, row, values, mapping, resolve)
        for chunk in range(0, len(fresh), _CHUNK):
            part = fresh[chunk : chunk + _CHUNK]
            new_ids = self.s.scalars(
                insert(table).returning(table.c.id, sort_by_parameter_order=True), [v for _, v in part]
            ).all()
            for (row, values), local_id in zip(part, new_ids, strict=True):
                self._map(name, row, local_id, values)
                ids[row["id"]] = local_id
            self.tally.inserted[name] += len(part)

    def _update(
        self, name: str, table: Table, row: dict[str, Any], values: dict[str, Any], mapping: SyncRow, resolve: Resolver
    ) -> None:
        origin_sha = row_sha256(row)
        if origin_sha == mapping.origin_sha256:
            self.tally.unchanged[name] += 1
            return
        found = self.s.execute(select(*(table.c[k] for k in values)).where(table.c.id == mapping.local_id)).first()
        if found is None:  # deleted here since: the deletion stands, the origin's row is set aside
            self.conflict(name, row["id"], None, "deleted_here", "local", None, row)
            mapping.origin_sha256 = origin_sha
            return
        local = to_json(dict(found._mapping))
        kept: Side = "origin"
        if row_sha256(local) != mapping.local_sha256:
            kept, rule = resolve(row, values, local)
            if rule is not None:
                self.conflict(name, row["id"], mapping.local_id, rule, kept, local, row)
        if kept == "origin":
            self._write(table, mapping.local_id, values)
            mapping.local_sha256 = row_sha256(to_json(values))
            self.tally.updated[name] += 1
        else:
            mapping.local_sha256 = row_sha256(local)
            self.tally.set_aside[name] += 1
        mapping.origin_sha256 = origin_sha
        mapping.bundle_id = self.bundle_id

    def _write(self, table: Table, local_id: int, values: dict[str, Any]) -> None:
        self.s.execute(update(table).where(table.c.id == local_id).values(**values))

    def _map(self, name: str, row: dict[str, Any], local_id: int, values: dict[str, Any]) -> None:
        self.s.execute(
            insert(SyncRow).values(
                origin=self.origin,
                table_name=name,
                origin_id=row["id"],
                local_id=local_id,
                origin_sha256=row_sha256(row),
                local_sha256=row_sha256(to_json(values)),
                bundle_id=self.bundle_id,
            )
        )

    def _mappings(self, name: str, origin_ids: list[int]) -> dict[int, SyncRow]:
        out: dict[int, SyncRow] = {}
        for start in range(0, len(origin_ids), _CHUNK):
            query = select(SyncRow).where(
                SyncRow.origin == self.origin,
                SyncRow.table_name == name,
                SyncRow.origin_id.in_(origin_ids[start : start + _CHUNK]),
            )
            out.update({m.origin_id: m for m in self.s.scalars(query)})
        return out
