"""The form-02 notice PDF: written by Qt, read back with poppler as a citizen's PDF reader would."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot
from review_setup import hit, make_world

from console.demo.evidence_art import draw_evidence, jpeg
from console.services.evidence import EvidenceStore
from console.storage.db import Database
from console.ui.notice_pdf import write_notice


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} (Debian poppler-utils) is required under CI")
        pytest.skip(f"{name} is not installed (apt-get install poppler-utils)")
    return path


def test_notice_holds_plate_amount_reference_and_evidence_hash(
    qtbot: QtBot, sqlite_database: Database, tmp_path: Path
) -> None:
    pdftotext, pdftoppm = _tool("pdftotext"), _tool("pdftoppm")
    root = tmp_path / "evidence"
    world = make_world(sqlite_database, root)
    candidate = hit(world.city, "red_light", signal="red", red_for_s=2.4)
    drawn = draw_evidence(plate="30A-123.45", vehicle_class="car", rule_kind="red_light", camera_code="HN-1",
                          detected_at=candidate.detected_at, measured=dict(candidate.measured))  # fmt: skip
    with sqlite_database.session() as s:
        store = EvidenceStore(root)
        frame = store.put(s, jpeg(drawn.frame), "frame", camera_id=world.city)
        crop = store.put(s, jpeg(drawn.plate_crop), "plate_crop", camera_id=world.city)
        frame_sha, ids = frame.sha256, (("frame", frame.id), ("plate_crop", crop.id))
    (cid,) = world.review.add_candidates(world.op1, [type(candidate)(**{**candidate.__dict__, "evidence": ids})])
    claimed = world.review.claim(world.op1, cid)
    decision = world.review.confirm(world.op1, cid, claimed.version)
    assert decision.fine_id is not None
    world.fines.approve(world.supervisor, decision.fine_id)
    data = world.fines.notice_data(world.op1, decision.fine_id)

    out = tmp_path / "notice.pdf"
    sha = write_notice(data, root, out)
    assert sha == hashlib.sha256(out.read_bytes()).hexdigest()
    text = subprocess.run([pdftotext, "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "30A-123.45" in text
    assert "Từ 18.000.000 đồng đến 20.000.000 đồng" in text  # Vietnamese survives: the text is real text
    assert "NĐ 168/2024 Đ6.9.b" in text and "Lê Văn A" in text
    assert "Không chấp hành hiệu lệnh của đèn tín hiệu giao thông" in text
    assert frame_sha in text.replace(" ", "")
    subprocess.run([pdftoppm, "-r", "60", "-png", "-f", "1", "-l", "1", str(out), str(tmp_path / "page")], check=True)
    page = QImage(str(tmp_path / "page-1.png"))
    assert page.width() > 400 and page.height() > page.width()  # A4 portrait
    # The evidence frame is drawn: a page of text alone has almost no dark-grey road pixels.
    dark = sum(1 for y in range(0, page.height(), 4) for x in range(0, page.width(), 4)
               if page.pixelColor(x, y).lightness() < 110)  # fmt: skip
    assert dark > 300

    world.fines.record_notice(world.op1, decision.fine_id, "notices/notice.pdf", sha)
    assert world.fines.notice_data(world.op1, decision.fine_id).status == "notified"
