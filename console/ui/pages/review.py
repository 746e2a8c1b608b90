"""Review page (camera fines, phạt nguội): the queue workspace plus approvals, fines and statistics.

The queue tab is built for the keyboard: N claims the oldest waiting candidate (under the
filters), C confirms, R rejects with a reason, P corrects the plate, S skips; after a decision the
next candidate is claimed at once. All database work runs on the bridge's workers.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.services.context import Permission
from console.services.evidence import evidence_dir
from console.services.fines import FineService
from console.services.review import (
    REJECT_REASONS,
    CandidateDetail,
    Cursor,
    QueueFilter,
    QueuePage,
    ReviewConflict,
    ReviewError,
    ReviewService,
)
from console.storage.models import utcnow
from console.ui import theme
from console.ui.labels import label, local_time
from widgets.evidence_viewer import EvidenceView, EvidenceViewer
from widgets.record_table import RecordTable
from widgets.review_panel import PanelView, ReviewPanel

from .base import Page, PageContext
from .review_fines import ApprovalsTab, FinesTab, StatsTab, money_range

T = TypeVar("T")
PAGE_SIZE = 200
RULES = ("red_light", "wrong_way", "speed", "lane", "no_stopping", "no_helmet", "phone")
STATUS_CHOICES = (("open", ("pending", "claimed")), ("confirmed", ("confirmed",)), ("rejected", ("rejected",)),
                  ("duplicate", ("duplicate",)), ("all", ()))  # fmt: skip
SINCE: tuple[tuple[str | None, timedelta | None], ...] = (
    (None, None),
    ("24h", timedelta(hours=24)),
    ("7d", timedelta(days=7)),
    ("30d", timedelta(days=30)),
)


def _track_points(track: dict[str, Any]) -> list[tuple[float, float]]:
    """Track points as normalised (x, y): the demo stores [x, y], the detection engine [t, x, y]."""
    points = []
    for p in track.get("points") or []:
        if isinstance(p, list | tuple) and len(p) >= 2:
            points.append((float(p[-2]), float(p[-1])))
    return points


class ReviewPage(Page):
    key = "review"
    live_kinds = frozenset({"candidate", "decision"})
    trace_requested = Signal(str)  # the case's plate, traced on the map page

    def __init__(self, ctx: PageContext) -> None:
        super().__init__(ctx)
        root = evidence_dir(ctx.services.config)
        self.fines = FineService(ctx.services.db, ctx.services.audit)
        self.review = ReviewService(ctx.services.db, ctx.services.audit, self.fines, root)
        self._skipped: set[int] = set()
        self._cursor: Cursor | None = None
        self._rows: list[list[Any]] = []
        self._keys: list[int] = []
        self._colours: list[QColor | None] = []
        self._filters_loaded = False

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_queue(), self.tr("Queue"))
        self.approvals = ApprovalsTab(ctx.bridge, ctx.actor, self.fines)
        if ctx.actor.can(Permission.FINE_APPROVE):
            self.tabs.addTab(self.approvals, self.tr("Approvals"))
        self.fines_tab = FinesTab(ctx.bridge, ctx.actor, self.fines, root)
        self.tabs.addTab(self.fines_tab, self.tr("Fines and notices"))
        self.stats = StatsTab(ctx.bridge, ctx.actor, self.review)
        self.tabs.addTab(self.stats, self.tr("Statistics"))
        self.tabs.currentChanged.connect(lambda _i: self._refresh_tab())
        QVBoxLayout(self).addWidget(self.tabs)

    def title(self) -> str:
        return self.tr("Review (camera fines)")

    # -- layout ----------------------------------------------------------------------------

    def _build_queue(self) -> QWidget:
        self.camera = QComboBox()
        self.route = QComboBox()
        self.rule = QComboBox()
        self.status = QComboBox()
        self.since = QComboBox()
        self.plate_filter = QLineEdit(placeholderText=self.tr("Plate or its start"), clearButtonEnabled=True)
        self.rule.addItem(self.tr("All violations"), None)
        for code in RULES:
            self.rule.addItem(label(code), code)
        for code, statuses in STATUS_CHOICES:
            self.status.addItem(self.tr("Waiting") if code == "open" else
                                self.tr("All states") if code == "all" else label(code), statuses)  # fmt: skip
        for since_code, span in SINCE:
            text = self.tr("Any time") if since_code is None else self.tr("Last %1").replace("%1", since_code)
            self.since.addItem(text, span)
        self.camera.addItem(self.tr("All cameras"), None)
        self.route.addItem(self.tr("All routes"), None)
        bar = QHBoxLayout()
        for widget in (self.camera, self.route, self.rule, self.status, self.since):
            bar.addWidget(widget)
            widget.currentIndexChanged.connect(lambda _i: self.reload_queue())
        bar.addWidget(self.plate_filter, 1)
        self.plate_filter.returnPressed.connect(self.reload_queue)
        self.trace_button = QPushButton(self.tr("Trace plate on map"))
        self.trace_button.setToolTip(self.tr("Where and when this case's plate was seen, on the map (Ctrl+T)"))
        self.trace_button.clicked.connect(self._request_trace)
        bar.addWidget(self.trace_button)
        self.counts = QLabel()
        self.counts.setObjectName("summary")

        self.queue = RecordTable(
            [self.tr("Detected"), self.tr("Camera"), self.tr("Violation"), self.tr("Plate"), self.tr("State")],
            self.tr("Search this page…"),
            self.tr("No violation candidates match the filters."),
        )
        # The server's order (oldest first, keyset-paged) is the queue's order: no re-sorting by text.
        self.queue.view.setSortingEnabled(False)
        self.queue.proxy.sort(-1)
        self.more = QPushButton(self.tr("Load more"))
        self.more.clicked.connect(self._load_more)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.queue, 1)
        left_layout.addWidget(self.more)
        self.viewer = EvidenceViewer()
        reasons = [(code, label(code)) for code in REJECT_REASONS]
        self.panel = ReviewPanel(reasons)
        self.panel.setMinimumWidth(340)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.viewer)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 4)
        split.setStretchFactor(2, 2)
        split.setSizes([420, 760, 360])

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        layout.addWidget(self.counts)
        self.panel.install_shortcuts(page)
        QShortcut(QKeySequence("Ctrl+T"), page, self._request_trace)
        self.panel.next_requested.connect(self.claim_next)
        self.panel.confirm_requested.connect(self.confirm)
        self.panel.reject_requested.connect(self.reject)
        self.panel.correct_requested.connect(self.correct)
        self.panel.skip_requested.connect(self.skip)
        self.queue.selected.connect(self._preview)
        self.queue.activated.connect(self._claim_chosen)
        return page

    # -- loading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        if not self._filters_loaded:
            self.load(lambda: self.ctx.queries.cameras(self.ctx.actor), self._fill_cameras)
        self._refresh_tab()

    def _refresh_tab(self) -> None:
        current = self.tabs.currentWidget()
        if current is self.approvals:
            self.approvals.refresh()
        elif current is self.fines_tab:
            self.fines_tab.refresh()
        elif current is self.stats:
            self.stats.refresh()
        else:
            self.reload_queue()

    def _fill_cameras(self, cameras: list[Any]) -> None:
        self._filters_loaded = True
        for widget in (self.camera, self.route):
            widget.blockSignals(True)
        for cam in cameras:
            if cam.rule_count:
                self.camera.addItem(f"{cam.code} — {cam.name}", cam.id)
        for route in sorted({c.route for c in cameras}):
            self.route.addItem(route, route)
        for widget in (self.camera, self.route):
            widget.blockSignals(False)

    def current_filter(self) -> QueueFilter:
        span = self.since.currentData()
        return QueueFilter(
            camera_id=self.camera.currentData(),
            route=self.route.currentData(),
            rule_kind=self.rule.currentData(),
            since=utcnow() - span if span else None,
            statuses=tuple(self.status.currentData() or ()),
            plate=self.plate_filter.text().strip() or None,
        )

    def reload_queue(self) -> None:
        f = self.current_filter()
        actor = self.ctx.actor
        # Two jobs: the list shows as soon as it is read, the (slower) counts follow.
        self.load(lambda: self.review.queue(actor, f, None, PAGE_SIZE), lambda page: self._show_queue(page, False))
        self.load(lambda: self.review.counts(actor, f), self._show_counts)

    def _load_more(self) -> None:
        if self._cursor is None:
            return
        f, after = self.current_filter(), self._cursor
        self.load(lambda: self.review.queue(self.ctx.actor, f, after, PAGE_SIZE),
                  lambda page: self._show_queue(page, True))  # fmt: skip

    def _show_queue(self, page: QueuePage, append: bool) -> None:
        if not append:
            self._rows, self._keys, self._colours = [], [], []
        for r in page.rows:
            camera = self.tr("Citizen · %1").replace("%1", r.camera) if r.source == "citizen" else r.camera
            self._rows.append([local_time(r.detected_at), camera, label(r.rule_kind), r.plate or "?",
                               label(r.status) + (f" — {r.claimed_by}" if r.claimed_by else "")])  # fmt: skip
            self._keys.append(r.id)
            self._colours.append(QColor(theme.INFO) if r.status == "claimed" else None)
        self.queue.set_rows(self._rows, self._keys, self._colours)
        self._cursor = page.next
        self.more.setEnabled(page.next is not None)
        if not append and self.panel.current() is None and self._keys:
            self._preview(self._keys[0])  # show the oldest one's evidence; N claims it

    def _show_counts(self, counts: dict[str, int]) -> None:
        shown = {k: (f"{v:,}+" if v >= 10_000 else f"{v:,}") for k, v in counts.items()}
        self.counts.setText(
            self.tr("Waiting %1 · being reviewed %2 · confirmed %3 · rejected %4 · duplicates %5")
            .replace("%1", shown["pending"]).replace("%2", shown["claimed"]).replace("%3", shown["confirmed"])
            .replace("%4", shown["rejected"]).replace("%5", shown["duplicate"])
        )  # fmt: skip

    # -- showing a candidate ---------------------------------------------------------------

    def show_detail(self, d: CandidateDetail | None, message: str = "") -> None:
        if d is None:
            self.viewer.show_evidence(None)
            self.panel.show_candidate(None, message or self.tr("The queue is empty under these filters."))
            return
        by_role = {e.role: e for e in d.evidence}
        frame, crop = by_role.get("frame"), by_role.get("plate_crop")
        box = d.track.get("plate_box")
        self.viewer.show_evidence(
            EvidenceView(
                frame=frame.path if frame else None,
                plate_crop=crop.path if crop else None,
                track=_track_points(d.track),
                plate_box=tuple(box) if box and len(box) == 4 else None,
                caption="SHA-256: " + ", ".join(f"{e.role} {e.sha256[:16]}…" for e in d.evidence),
            )
        )
        measured = ", ".join(f"{label(k)} {v}" for k, v in d.measured.items())
        facts = [
            (self.tr("Case"), f"#{d.id}" + (self.tr(" (%1 hits in this case)").replace("%1", str(d.case_size))
                                              if d.case_size > 1 else "")),
            (self.tr("Source"), self._source(d)),
            (self.tr("Camera"), f"{d.camera} ({d.route})"),
            (self.tr("Time"), local_time(d.detected_at)),
            (self.tr("Violation"), label(d.rule_kind)),
            (self.tr("Measured"), measured or "—"),
            (self.tr("Plate read"), f"{d.plate_raw or '?'} → {d.corrected_plate or d.plate or '?'}"),
            (self.tr("Vehicle"), f"{label(d.vehicle_class)} · {label(d.plate_colour)}"),
            (self.tr("State"), label(d.status) + (f" — {d.claimed_by}" if d.claimed_by else "")),
        ]  # fmt: skip
        a = d.assessment
        fine_lines: list[str] = []
        if a is not None:
            p = a.computed.penalty
            fine_lines = [
                f"<b>{a.computed.violation.name_vi}</b>",
                f"{a.computed.legal_ref} · {money_range(p.min_vnd, p.max_vnd)}",
                self.tr("Licence points: %1").replace("%1", str(p.points)),
                self.tr("Owner: %1").replace("%1", a.owner_name or self.tr("unknown — will be flagged for follow-up")),
            ]
        decidable = d.status == "claimed" and d.claimed_by == self.ctx.actor.username
        self.panel.show_candidate(
            PanelView(d.id, d.version, d.corrected_plate or d.plate or "", facts, fine_lines, d.assessment_problem,
                      bool(a and a.needs_approval), decidable),
            message,
        )  # fmt: skip

    def _source(self, d: CandidateDetail) -> str:
        """A citizen's report says so first: its photo is not a calibrated camera's frame."""
        if d.source != "citizen":
            return self.tr("Camera rule")
        place = d.track.get("reported_lat"), d.track.get("reported_lon")
        text = self.tr("Citizen report via %1, at %2, %3 (%4 m from the camera)")
        text = text.replace("%1", html.escape(d.reporter or "?")).replace("%2", f"{place[0]:.5f}" if place[0] else "?")
        text = text.replace("%3", f"{place[1]:.5f}" if place[1] else "?")
        text = text.replace("%4", str(d.track.get("camera_distance_m", "?")))
        note = d.track.get("note")
        return f"<b>{text}</b>" + (f"<br>“{html.escape(str(note))}”" if note else "")

    def _request_trace(self) -> None:
        view = self.panel.current()
        if view is not None and view.plate:
            self.trace_requested.emit(view.plate)

    def _preview(self, candidate_id: int | None) -> None:
        current = self.panel.current()
        if candidate_id is None or (current is not None and current.decidable):
            return  # never replace the candidate being decided by a mere selection
        self.load(lambda: self.review.detail(self.ctx.actor, candidate_id), self.show_detail)

    # -- actions ---------------------------------------------------------------------------

    def _act(self, work: Callable[[], T], done: Callable[[T], None]) -> None:
        def failed(error: BaseException) -> None:
            if isinstance(error, ReviewConflict | ReviewError):
                # Expected outcomes (someone else was faster, a bad plate): say so in place.
                self.panel.message.setText(str(error))
                self.reload_queue()
            else:
                self._failed(error)

        self.ctx.bridge.run(work, done, failed)

    def claim_next(self) -> None:
        current = self.panel.current()
        if current is not None and current.decidable:
            self._skipped.add(current.candidate_id)
        f, actor, skipped = self.current_filter(), self.ctx.actor, set(self._skipped)

        def work() -> CandidateDetail | None:
            if current is not None and current.decidable:
                # Moving on without a decision gives the candidate back to the others.
                self.review.skip(actor, current.candidate_id, current.version)
            return self._next(f, skipped)

        self._act(work, self._claimed)

    def _next(self, f: QueueFilter, skipped: set[int]) -> CandidateDetail | None:
        found = self.review.claim_next(self.ctx.actor, f, skipped)
        if found is None and skipped:
            # Only skipped ones are left: offer them again rather than an empty queue.
            found = self.review.claim_next(self.ctx.actor, f)
        return found

    def _claimed(self, detail: CandidateDetail | None, message: str = "") -> None:
        if detail is not None:
            self._skipped.discard(detail.id)
        self.show_detail(detail, message)
        self.reload_queue()

    def _claim_chosen(self, candidate_id: int | None) -> None:
        if candidate_id is None:
            return
        current = self.panel.current()

        def work() -> CandidateDetail:
            if current is not None and current.decidable and current.candidate_id != candidate_id:
                self.review.skip(self.ctx.actor, current.candidate_id, current.version)  # one claim at a time
            return self.review.claim(self.ctx.actor, candidate_id)

        self._act(work, self._claimed)

    def _then_next(self, message: str) -> Callable[[Any], None]:
        f, skipped = self.current_filter(), set(self._skipped)

        def after(_result: Any) -> None:
            self._act(lambda: self._next(f, skipped), lambda d: self._claimed(d, message))

        return after

    def confirm(self, candidate_id: int, version: int) -> None:
        def done(decision: Any) -> None:
            text = (
                self.tr("#%1 confirmed: fine %2")
                .replace("%1", str(candidate_id))
                .replace("%2", label(decision.fine_status))
            )
            if decision.owner_known is False:
                text += self.tr("; owner unknown, flagged for follow-up")
            self._then_next(text)(decision)

        self._act(lambda: self.review.confirm(self.ctx.actor, candidate_id, version), done)

    def reject(self, candidate_id: int, version: int, reason: str, note: str) -> None:
        text = self.tr("#%1 rejected (%2)").replace("%1", str(candidate_id)).replace("%2", label(reason))
        self._act(
            lambda: self.review.reject(self.ctx.actor, candidate_id, version, reason, note), self._then_next(text)
        )

    def correct(self, candidate_id: int, version: int, text: str) -> None:
        message = self.tr("Plate corrected; press C to confirm.")
        self._act(lambda: self.review.correct_plate(self.ctx.actor, candidate_id, version, text),
                  lambda d: self.show_detail(d, message))  # fmt: skip

    def skip(self, candidate_id: int, version: int) -> None:
        self._skipped.add(candidate_id)
        self._act(lambda: self.review.skip(self.ctx.actor, candidate_id, version),
                  self._then_next(self.tr("#%1 skipped").replace("%1", str(candidate_id))))  # fmt: skip
