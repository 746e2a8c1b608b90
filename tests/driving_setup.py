"""Helpers for the driving-time tests: registered drivers and vehicles, and fixes over a plan."""

from __future__ import annotations

from console.storage.db import Database
from console.storage.models import CommercialDriver, CommercialVehicle


def add_fleet(db: Database, pairs: list[tuple[str, str, str]], company: str = "Cty TNHH Vận tải Phương Nam") -> dict[
        str, tuple[int, int]]:  # fmt: skip
    """pairs: (plate, licence, name) -> {licence: (driver id, vehicle id)}."""
    out = {}
    with db.session() as s:
        for plate, licence, name in pairs:
            v = CommercialVehicle(plate=plate, company=company)
            d = CommercialDriver(licence_no=licence, name=name, company=company)
            s.add_all([v, d])
            s.flush()
            out[licence] = (d.id, v.id)
    return out
