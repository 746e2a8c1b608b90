"""A page that is one searchable table over a query, with a record count under it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QVBoxLayout

from widgets.record_table import RecordTable

from .base import Page, PageContext


class TablePage(Page):
    def __init__(self, ctx: PageContext, headers: Sequence[str], search: str, empty: str) -> None:
        super().__init__(ctx)
        self.table = RecordTable(headers, search, empty)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.summary)

    def show_rows(self, rows: list[list[Any]], keys: list[Any], colours: Sequence[QColor | None] | None = None) -> None:
        self.table.set_rows(rows, keys, colours)
        # Not self.tr(): PySide looks the text up under the subclass's name, lupdate under this one.
        self.summary.setText(QCoreApplication.translate("TablePage", "%n record(s)", "", len(rows)))
