"""Checked-vehicle lookup panel: a plate (or part of one) in, one timeline of rows out.

Embeddable in any page: it emits ``lookup_requested(text)`` and shows the rows it is given; the
page runs the query (console/ui/plate_lookup.py wires it to the lookup service).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from widgets.record_table import RecordTable


class PlateLookupPanel(QWidget):
    lookup_requested = Signal(str)
    opened = Signal(object)  # the key of the row the operator opened

    def __init__(self) -> None:
        super().__init__()
        self.query = QLineEdit(placeholderText=self.tr("Plate or part of it, e.g. 30A-123.45, 12345, 30A*45"))
        self.query.setClearButtonEnabled(True)
        self.button = QPushButton(self.tr("Look up"))
        self.status = QLabel()
        self.status.setObjectName("summary")
        self.table = RecordTable(
            [self.tr("When"), self.tr("Source"), self.tr("Plate"), self.tr("Where"), self.tr("Result"),
             self.tr("Detail")],
            self.tr("Filter these results…"),
            self.tr("Type a plate and press Enter: patrol checks, camera reads and fines appear here."),
        )  # fmt: skip
        row = QHBoxLayout()
        row.addWidget(self.query, 1)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        self.query.returnPressed.connect(self._request)
        self.button.clicked.connect(self._request)
        self.table.activated.connect(self.opened.emit)

    def _request(self) -> None:
        text = self.query.text().strip()
        if text:
            self.lookup_requested.emit(text)

    def lookup(self, text: str) -> None:
        """Fill the query and ask for it, e.g. from a plate another page is showing."""
        self.query.setText(text)
        self._request()

    def show_rows(
        self, rows: Sequence[Sequence[Any]], keys: Sequence[Any], colours: Sequence[QColor | None], status: str
    ) -> None:
        self.table.set_rows(rows, keys, colours)
        self.status.setText(status)

    def show_message(self, text: str) -> None:
        self.table.set_rows([], [], [])
        self.status.setText(text)
