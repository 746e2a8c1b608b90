"""Decision panel for one violation candidate: facts, the proposed fine, keyboard-first actions.

Keys (while the review page has focus): N next candidate, C confirm, R reject (a menu of reasons,
digits pick one), P correct the plate (type, Enter), S skip. The panel only emits intents; the
page carries them out and shows the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class PanelView:
    candidate_id: int
    version: int
    plate: str
    facts: Sequence[tuple[str, str]]  # (label, value), already translated
    fine_lines: Sequence[str]
    fine_problem: str | None
    needs_approval: bool
    decidable: bool  # claimed by this operator


class ReviewPanel(QWidget):
    next_requested = Signal()
    confirm_requested = Signal(int, int)  # candidate id, version
    reject_requested = Signal(int, int, str, str)  # id, version, reason code, note
    correct_requested = Signal(int, int, str)  # id, version, typed plate
    skip_requested = Signal(int, int)

    def __init__(self, reasons: Sequence[tuple[str, str]]) -> None:
        """``reasons``: (code, translated label) for the reject menu, "other" last."""
        super().__init__()
        self._reasons = list(reasons)
        self._view: PanelView | None = None
        self.facts = QFormLayout()
        facts_box = QGroupBox(self.tr("Candidate"))
        facts_box.setLayout(self.facts)
        self.fine = QLabel(wordWrap=True)
        self.fine.setTextFormat(Qt.TextFormat.RichText)
        fine_box = QGroupBox(self.tr("Fine (Decree 168/2024)"))
        QVBoxLayout(fine_box).addWidget(self.fine)
        self.plate = QLineEdit(placeholderText=self.tr("Plate as written, e.g. 30A-123.45"))
        self.plate.returnPressed.connect(self._correct)
        self.message = QLabel(wordWrap=True)
        self.message.setObjectName("summary")
        self.next_button = QPushButton(self.tr("Next (N)"))
        self.confirm_button = QPushButton(self.tr("Confirm (C)"))
        self.confirm_button.setProperty("primary", True)
        self.reject_button = QPushButton(self.tr("Reject (R)"))
        self.reject_button.setProperty("danger", True)
        self.correct_button = QPushButton(self.tr("Correct plate (P)"))
        self.skip_button = QPushButton(self.tr("Skip (S)"))
        buttons = QGridLayout()
        buttons.addWidget(self.confirm_button, 0, 0)
        buttons.addWidget(self.reject_button, 0, 1)
        buttons.addWidget(self.skip_button, 1, 0)
        buttons.addWidget(self.next_button, 1, 1)
        plate_row = QHBoxLayout()
        plate_row.addWidget(self.plate, 1)
        plate_row.addWidget(self.correct_button)
        layout = QVBoxLayout(self)
        layout.addWidget(facts_box)
        layout.addWidget(fine_box)
        layout.addLayout(plate_row)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.next_button.clicked.connect(self.next_requested)
        self.confirm_button.clicked.connect(self._confirm)
        self.reject_button.clicked.connect(self.open_reject_menu)
        self.correct_button.clicked.connect(self._correct)
        self.skip_button.clicked.connect(self._skip)
        self.show_candidate(None)

    def install_shortcuts(self, scope: QWidget) -> None:
        """Single-letter keys on ``scope``; they do not fire while the operator types in a field."""
        for key, slot in (
            ("N", self.next_requested.emit),
            ("C", self._confirm),
            ("R", self.open_reject_menu),
            ("P", self.focus_plate),
            ("S", self._skip),
        ):
            shortcut = QShortcut(QKeySequence(key), scope)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def show_candidate(self, view: PanelView | None, message: str = "") -> None:
        self._view = view
        while self.facts.rowCount():
            self.facts.removeRow(0)
        decidable = view is not None and view.decidable
        for button in (self.confirm_button, self.reject_button, self.correct_button, self.skip_button):
            button.setEnabled(decidable)
        self.plate.setEnabled(decidable)
        self.message.setText(message)
        if view is None:
            self.fine.setText(self.tr("Press N to claim the oldest waiting candidate."))
            self.plate.clear()
            return
        for label, value in view.facts:
            text = QLabel(value, wordWrap=True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts.addRow(label, text)
        self.plate.setText(view.plate)
        if view.fine_problem:
            self.fine.setText(f"<span style='color:#f0b429'>{view.fine_problem}</span>")
        else:
            lines = "<br/>".join(view.fine_lines)
            if view.needs_approval:
                lines += "<br/><b style='color:#f0b429'>" + self.tr("Needs a supervisor's approval") + "</b>"
            self.fine.setText(lines)
        self.confirm_button.setEnabled(decidable and not view.fine_problem)

    def current(self) -> PanelView | None:
        return self._view

    def focus_plate(self) -> None:
        if self.plate.isEnabled():
            self.plate.setFocus()
            self.plate.selectAll()

    def _confirm(self) -> None:
        if self._view and self.confirm_button.isEnabled():
            self.confirm_requested.emit(self._view.candidate_id, self._view.version)

    def _skip(self) -> None:
        if self._view and self._view.decidable:
            self.skip_requested.emit(self._view.candidate_id, self._view.version)

    def _correct(self) -> None:
        if self._view and self._view.decidable:
            self.correct_requested.emit(self._view.candidate_id, self._view.version, self.plate.text())

    def open_reject_menu(self) -> None:
        if not (self._view and self._view.decidable):
            return
        menu = QMenu(self)
        for number, (code, text) in enumerate(self._reasons, start=1):
            action = menu.addAction(f"&{number}  {text}")
            action.setData(code)
        chosen = menu.exec(self.reject_button.mapToGlobal(QPoint(0, self.reject_button.height())))
        if chosen is not None:
            self.reject_with(str(chosen.data()))

    def reject_with(self, code: str, note: str | None = None) -> None:
        if not (self._view and self._view.decidable):
            return
        if code == "other" and note is None:
            note, ok = QInputDialog.getText(self, self.tr("Reject"), self.tr("Why is this candidate rejected?"))
            if not ok:
                return
        self.reject_requested.emit(self._view.candidate_id, self._view.version, code, note or "")
