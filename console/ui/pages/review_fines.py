"""The fine side of the Review page: supervisor approvals, procedure tracking and notices, statistics."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from console.services.context import Actor, Permission
from console.services.fines import FineRow, FineService, NoticeData, render_publication
from console.services.registrations import ImportResult, RegistrationImportError, RegistrationService
from console.services.review import ReviewService, ReviewStats
from console.storage.models import utcnow
from console.ui import theme
from console.ui.bridge import Bridge
from console.ui.errors import show_error
from console.ui.labels import label, local_time
from widgets.record_table import RecordTable

T = TypeVar("T")
log = logging.getLogger(__name__)


def _t(text: str) -> str:
    return QCoreApplication.translate("ReviewFines", text)


def money_range(low: int, high: int) -> str:
    return f"{low / 1e6:g}–{high / 1e6:g} " + _t("million VND")


def money(row: FineRow) -> str:
    return money_range(row.amount_min_vnd, row.amount_max_vnd)


class _Tab(QWidget):
    def __init__(self, bridge: Bridge, actor: Actor) -> None:
        super().__init__()
        self.bridge = bridge
        self.actor = actor

    def run(self, work: Callable[[], T], done: Callable[[T], None]) -> None:
        self.bridge.run(work, done, lambda e: show_error(self, e))


class ApprovalsTab(_Tab):
    """Fines above the threshold wait here for a second person (a supervisor) to approve."""

    def __init__(self, bridge: Bridge, actor: Actor, fines: FineService) -> None:
        super().__init__(bridge, actor)
        self.fines = fines
        self.table = RecordTable(
            [_t("Detected"), _t("Plate"), _t("Violation"), _t("Amount"), _t("Points"), _t("Owner"), _t("Confirmed by")],
            _t("Search plate or violation…"),
            _t("No fine is waiting for approval."),
        )
        self.approve_button = QPushButton(_t("Approve (A)"))
        self.approve_button.setProperty("primary", True)
        self.approve_button.setShortcut("A")
        self.refuse_button = QPushButton(_t("Refuse…"))
        self.refuse_button.setProperty("danger", True)
        row = QHBoxLayout()
        row.addWidget(self.approve_button)
        row.addWidget(self.refuse_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)
        self.approve_button.clicked.connect(self.approve_selected)
        self.refuse_button.clicked.connect(self._refuse_selected)

    def refresh(self) -> None:
        if self.actor.can(Permission.FINE_APPROVE):
            self.run(lambda: self.fines.approval_queue(self.actor), self._show)

    def _show(self, rows: list[FineRow]) -> None:
        self.table.set_rows(
            [
                [local_time(r.detected_at), r.plate, label(r.violation_code), money(r), r.points,
                 r.owner_name or _t("unknown"), r.created_by]
                for r in rows
            ],
            [r.id for r in rows],
        )  # fmt: skip

    def approve_selected(self) -> None:
        fine_id = self.table.current_key()
        if fine_id is not None:
            self.run(lambda: self.fines.approve(self.actor, fine_id), lambda _: self.refresh())

    def _refuse_selected(self) -> None:
        fine_id = self.table.current_key()
        if fine_id is None:
            return
        note, ok = QInputDialog.getText(self, _t("Refuse the fine"), _t("Why is the fine refused?"))
        if ok:
            self.run(lambda: self.fines.refuse(self.actor, fine_id, note), lambda _: self.refresh())


class FinesTab(_Tab):
    """Open fines with the cold-fine deadlines; notices and the publication list from here."""

    def __init__(self, bridge: Bridge, actor: Actor, fines: FineService, evidence_root: Path) -> None:
        super().__init__(bridge, actor)
        self.fines = fines
        self.evidence_root = evidence_root
        self.table = RecordTable(
            [_t("Detected"), _t("Days"), _t("Plate"), _t("Violation"), _t("Amount"), _t("Points"), _t("State"),
             _t("Owner"), _t("Publish from")],
            _t("Search plate, violation or owner…"),
            _t("No open fines."),
        )  # fmt: skip
        self.notice_button = QPushButton(_t("Notice PDF"))
        self.all_notices_button = QPushButton(_t("Notices for all final fines"))
        self.resolve_button = QPushButton(_t("Mark resolved"))
        self.export_button = QPushButton(_t("Export publication list…"))
        self.import_button = QPushButton(_t("Import registrations…"))
        self.import_button.setVisible(actor.can(Permission.CAMERA_CONFIGURE))
        row = QHBoxLayout()
        buttons = (self.notice_button, self.all_notices_button, self.resolve_button, self.export_button,
                   self.import_button)  # fmt: skip
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)
        self.notice_button.clicked.connect(self.notice_for_selected)
        self.all_notices_button.clicked.connect(self.notices_for_all_final)
        self.resolve_button.clicked.connect(self._resolve_selected)
        self.export_button.clicked.connect(self._export)
        self.import_button.clicked.connect(self._import)
        self.last_notice: Path | None = None
        self.last_import = ""
        self.notices_written = 0

    def refresh(self) -> None:
        self.run(lambda: self.fines.tracking(self.actor), self._show)

    def _show(self, rows: list[FineRow]) -> None:
        colours: list[QColor | None] = []
        for r in rows:
            late = r.publish_due or r.owner_overdue
            colours.append(
                QColor(theme.ERROR if late else theme.WARNING if r.status == "pending_approval" else theme.OK)
            )
        self.table.set_rows(
            [
                [local_time(r.detected_at), r.days_since_detection, r.plate, label(r.violation_code), money(r),
                 r.points, label(r.status), r.owner_name or _t("unknown — follow up"),
                 local_time(r.due_at, with_date=True)]
                for r in rows
            ],
            [r.id for r in rows],
            colours,
        )  # fmt: skip

    def notice_for_selected(self) -> None:
        fine_id = self.table.current_key()
        if fine_id is not None:
            self.run(lambda: self.fines.notice_data(self.actor, fine_id), self.write_notice)

    def notices_for_all_final(self) -> None:
        """A notice for every final fine that has none yet (the daily batch to the post office)."""

        def work() -> list[NoticeData]:
            final = [r.id for r in self.fines.tracking(self.actor, limit=10_000) if r.status == "final"]
            return [self.fines.notice_data(self.actor, fine_id) for fine_id in final]

        def done(items: list[NoticeData]) -> None:
            for data in items:
                self.write_notice(data, open_it=False)
            self.notices_written = len(items)

        self.run(work, done)

    def write_notice(self, data: NoticeData, open_it: bool = True) -> None:
        from console.ui.notice_pdf import write_notice

        out = self.evidence_root / "notices" / f"notice-{data.fine_id:06d}.pdf"
        try:
            # Qt's text layout and PDF writer belong on the GUI thread; one page takes ~0.1 s.
            sha = write_notice(data, self.evidence_root, out)
        except OSError as exc:
            show_error(self, exc)
            return
        self.last_notice = out
        if data.status in ("final", "notified"):
            relative = out.relative_to(self.evidence_root).as_posix()
            self.run(
                lambda: self.fines.record_notice(self.actor, data.fine_id, relative, sha), lambda _: self.refresh()
            )
        if open_it and QApplication.platformName() not in ("offscreen", "minimal"):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))

    def _resolve_selected(self) -> None:
        fine_id = self.table.current_key()
        if fine_id is not None:
            self.run(lambda: self.fines.resolve(self.actor, fine_id), lambda _: self.refresh())

    def _export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _t("Export publication list"), "publication.csv", _t("CSV (*.csv);;JSON (*.json)")
        )
        if not path:
            return
        out = Path(path)

        def work() -> int:
            now = utcnow()
            rows = self.fines.publish(self.actor, now)
            tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
            tmp.write_text(render_publication(rows, out.suffix.lower(), now), encoding="utf-8")
            os.replace(tmp, out)
            return len(rows)

        def done(count: int) -> None:
            text = QCoreApplication.translate("ReviewFines", "%n fine(s) listed.", "", count)
            QMessageBox.information(self, _t("Exported"), text)

        self.run(work, done)

    def _import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _t("Import registrations"), "", _t("CSV (*.csv)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        service = RegistrationService(self.fines.db, self.fines.audit)

        def failed(error: BaseException) -> None:
            if isinstance(error, RegistrationImportError):
                # Every bad line at once, so the clerk fixes the file in one pass.
                QMessageBox.warning(self, _t("Nothing was imported"), "\n".join(error.problems[:40]))
            else:
                show_error(self, error)

        def done(result: ImportResult) -> None:
            text = _t("%1 added, %2 updated.").replace("%1", str(result.added)).replace("%2", str(result.updated))
            self.last_import = text
            QMessageBox.information(self, _t("Registrations imported"), text)

        self.bridge.run(lambda: service.import_file(self.actor, path), done, failed)


class StatsTab(_Tab):
    """Decisions per operator and shift, and how often each rule and camera is confirmed."""

    def __init__(self, bridge: Bridge, actor: Actor, review: ReviewService) -> None:
        super().__init__(bridge, actor)
        self.review = review
        self.table = RecordTable(
            [_t("Operator"), _t("Shift from"), _t("Confirmed"), _t("Rejected"), _t("Duplicates")],
            _t("Search operator…"),
            _t("No decisions in the last 7 days."),
        )
        self.plot = pg.PlotWidget(background=theme.BG_BASE)
        self.plot.setTitle(_t("Confirmed / rejected per rule (7 days)"), color=theme.TEXT)
        self.plot.addLegend()
        self.cameras = QLabel(wordWrap=True)
        self.cameras.setObjectName("summary")
        split = QSplitter()
        split.addWidget(self.table)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.plot, 1)
        right_layout.addWidget(self.cameras)
        split.addWidget(right)
        QVBoxLayout(self).addWidget(split)

    def refresh(self) -> None:
        self.run(lambda: self.review.stats(self.actor, utcnow() - timedelta(days=7)), self.show_stats)

    def show_stats(self, stats: ReviewStats) -> None:
        items = sorted(stats.per_operator_shift.items(), key=lambda kv: (kv[0][1], kv[0][0]), reverse=True)
        self.table.set_rows(
            [
                [who, shift.strftime("%d/%m %H:%M"), c["confirmed"], c["rejected"], c["duplicate"]]
                for (who, shift), c in items
            ]
        )
        self.plot.clear()
        rules = sorted(stats.per_rule)
        xs = list(range(len(rules)))
        confirmed = [stats.per_rule[r][0] for r in rules]
        rejected = [stats.per_rule[r][1] for r in rules]
        bars: list[Any] = [
            pg.BarGraphItem(x=[x - 0.2 for x in xs], height=confirmed, width=0.38, brush=theme.OK, pen=theme.OK,
                            name=_t("Confirmed")),
            pg.BarGraphItem(x=[x + 0.2 for x in xs], height=rejected, width=0.38, brush=theme.ERROR, pen=theme.ERROR,
                            name=_t("Rejected")),
        ]  # fmt: skip
        for bar in bars:
            self.plot.addItem(bar)
        self.plot.getAxis("bottom").setTicks([[(x, label(r)) for x, r in zip(xs, rules, strict=True)]])
        parts = []
        for cam, (ok, bad) in sorted(stats.per_camera.items(), key=lambda kv: -(kv[1][0] + kv[1][1]))[:8]:
            share = ok / (ok + bad) if ok + bad else 0
            parts.append(f"{cam}: {ok}/{ok + bad} ({share:.0%})")
        self.cameras.setText(_t("Confirmed share per camera: ") + "; ".join(parts) if parts else "")
