"""Bundles that must be refused whole: tampered, cut off mid-transfer, wrong key; and the conflict rule."""

from __future__ import annotations

import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sync_setup import NOW, counts
from test_sync import KEY, MODELS, STATION, Sites, _export, _import, sites_fixture, station_template_fixture  # noqa: F401

from console.cli import main
from console.services.audit import AuditLog
from console.services.context import Actor, Role
from console.services.fines import FineService
from console.services.review import ReviewService
from console.services.sync import service
from console.services.sync.bundle import BundleError
from console.services.sync.key import SyncKey
from console.storage.models import AuditEntry, AuditHead, Fine, Operator, SyncConflict, SyncRow, ViolationCandidate

pytestmark = pytest.mark.postgres


def _snapshot(s: Sites) -> tuple[dict[str, int], tuple[int, str]]:
    with s.centre.sessions() as session:
        head = session.get(AuditHead, 1)
        assert head is not None
        return counts(s.centre, MODELS), (head.seq, head.hash)


def _rewrite(src: Path, dst: Path, member: str, change: bytes) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, data.replace(change, change[::-1], 1) if info.filename == member else data)


def test_tampered_cut_or_wrongly_keyed_bundles_change_nothing(sites: Sites) -> None:
    bundle = _export(sites, "week.zip")
    before = _snapshot(sites)
    raw = bundle.read_bytes()
    bad: list[Path] = []
    for member, change in (
        ("tables/fines.jsonl", b"30"),
        ("manifest.json", b"HN-DD"),
        ("tables/audit_entries.jsonl", b"ab"),
    ):
        bad.append(sites.tmp / f"tampered-{len(bad)}.zip")
        _rewrite(bundle, bad[-1], member, change)
    # An interrupted transfer: the file cut at several byte offsets, from the first bytes to the last one.
    for offset in (0, 22, 4096, len(raw) // 3, len(raw) // 2, len(raw) - 4096, len(raw) - 1):
        bad.append(sites.tmp / f"cut-{offset}.zip")
        bad[-1].write_bytes(raw[:offset])
    for path in bad:
        with pytest.raises(BundleError, match="nothing imported"):
            _import(sites, path)
    with pytest.raises(BundleError, match="another sync key"):
        service.import_station(sites.centre, AuditLog(), sites.centre_evidence, SyncKey(b"x" * 32), bundle)
    assert _snapshot(sites) == before
    assert not sites.centre_evidence.exists() or not any(sites.centre_evidence.rglob("*.jpg"))
    assert _import(sites, bundle).inserted["plate_reads"] > 0  # the untouched file still goes in


def test_an_export_that_fails_leaves_no_bundle(sites: Sites) -> None:
    victim = next(sites.station_evidence.rglob("*.jpg"))
    victim.write_bytes(b"not the evidence any more")
    with pytest.raises(BundleError, match="no longer matches"):
        _export(sites, "week.zip")
    assert list(sites.tmp.glob("*week.zip*")) == []


def test_a_candidate_decided_at_both_ends_keeps_the_earlier_decision(sites: Sites) -> None:
    with sites.station.sessions() as s:
        a, b = s.scalars(
            select(ViolationCandidate.id).where(ViolationCandidate.status == "pending").order_by(ViolationCandidate.id)
        ).all()[:2]
        vanh = s.scalars(select(Operator).where(Operator.username == "vanh")).one()
    _import(sites, _export(sites, "first.zip"))
    with sites.centre.sessions() as s:
        lead = s.scalars(select(Operator).where(Operator.username == "centre.lead")).one()
        mapped = select(SyncRow).where(SyncRow.table_name == "violation_candidates")
        ids = {row.origin_id: row.local_id for row in s.scalars(mapped)}

    def decide(db_site: str, when: timedelta, cid: int, confirm: bool) -> None:
        db = sites.station if db_site == "station" else sites.centre
        who = vanh if db_site == "station" else lead
        actor = Actor(who.username, Role(who.role), who.id)
        evidence = sites.station_evidence if db_site == "station" else sites.centre_evidence
        review = ReviewService(db, AuditLog(), FineService(db, AuditLog()), evidence, clock=lambda: NOW + when)
        detail = review.claim(actor, cid)
        if confirm:
            review.confirm(actor, cid, detail.version)
        else:
            review.reject(actor, cid, detail.version, "detection_error")

    decide("station", timedelta(hours=1), a, confirm=False)  # A: the station first ...
    decide("centre", timedelta(hours=2), ids[a], confirm=True)  # ... the centre later, with a fine
    decide("centre", timedelta(hours=1), ids[b], confirm=False)  # B: the centre first ...
    decide("station", timedelta(hours=3), b, confirm=True)  # ... the station later, with a fine
    report = _import(sites, _export(sites, "second.zip"))
    assert report.conflicts == 3  # two candidates, and B's station fine set aside
    with sites.centre.sessions() as s:
        assert s.get(ViolationCandidate, ids[a]).status == "rejected"  # type: ignore[union-attr]
        assert s.scalars(select(Fine.status).where(Fine.candidate_id == ids[a])).one() == "cancelled"
        assert s.get(ViolationCandidate, ids[b]).status == "rejected"  # type: ignore[union-attr]
        assert s.scalars(select(Fine).where(Fine.candidate_id == ids[b])).all() == []
        kept = sorted((c.table_name, c.kept, c.rule) for c in s.scalars(select(SyncConflict)))
        assert kept == [("fines", "local", "earliest_decision"), ("violation_candidates", "local", "earliest_decision"),
                        ("violation_candidates", "origin", "earliest_decision")]  # fmt: skip
        logged = s.scalars(select(AuditEntry.action).where(AuditEntry.action == "sync.conflict")).all()
    assert len(logged) == 3
    assert AuditLog().verify(sites.centre).ok and AuditLog().verify(sites.station).ok
    # The conflict is settled: the same bundle content again raises none.
    assert _import(sites, _export(sites, "third.zip")).conflicts == 0


def test_cli_exit_codes_and_one_line_errors(sites: Sites, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("TCC_LOGGING__DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("TCC_EVIDENCE__DIR", str(sites.station_evidence))
    monkeypatch.setenv("TCC_SYNC__STATION", STATION)
    key, other = tmp_path / "sync.key", tmp_path / "other.key"
    assert main(["sync", "keygen", "--out", str(key)]) == 0
    assert main(["sync", "keygen", "--out", str(other)]) == 0
    station, centre = str(sites.station.engine.url), sites.centre.engine.url.render_as_string(hide_password=False)
    out = tmp_path / "b.zip"
    assert main(["--db", station, "sync", "export", "--since", "2026-11-29", "--out", str(out), "--key", str(key)]) == 0
    assert '"plate_reads": 2800' in capsys.readouterr().out
    monkeypatch.setenv("TCC_EVIDENCE__DIR", str(sites.centre_evidence))
    assert main(["--db", centre, "sync", "import", str(out), "--key", str(other)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error:") and "another sync key" in err and "\n" not in err
    cut = tmp_path / "cut.zip"
    cut.write_bytes(out.read_bytes()[:1000])
    assert main(["--db", centre, "sync", "import", str(cut), "--key", str(key)]) == 2
    assert "error:" in capsys.readouterr().err
    assert main(["--db", centre, "sync", "import", str(out), "--key", str(key)]) == 0
    assert '"already_imported": false' in capsys.readouterr().out
    assert main(["--db", centre, "sync", "import", str(out), "--key", str(key)]) == 0
    assert '"already_imported": true' in capsys.readouterr().out
    assert main(["--db", centre, "sync", "verify-station", STATION]) == 0
