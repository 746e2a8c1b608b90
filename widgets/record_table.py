"""A searchable, sortable read-only table of plain rows, with an empty-state message."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedLayout,
    QTableView,
    QVBoxLayout,
    QWidget,
)

Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    def __init__(self, headers: Sequence[str]) -> None:
        super().__init__()
        self._headers = list(headers)
        self._rows: list[Sequence[Any]] = []
        self._keys: list[Any] = []
        self._colours: list[QColor | None] = []

    def set_rows(self, rows: Sequence[Sequence[Any]], keys: Sequence[Any], colours: Sequence[QColor | None]) -> None:
        self.beginResetModel()
        self._rows, self._keys, self._colours = list(rows), list(keys), list(colours)
        self.endResetModel()

    def key(self, row: int) -> Any:
        return self._keys[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.UserRole:  # sort by the raw value, not its text
            return value if isinstance(value, int | float) else ("" if value is None else str(value))
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0:
            return self._colours[index.row()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None


class RecordTable(QWidget):
    """Rows in, selection intent out; the table never fetches anything itself."""

    activated = Signal(object)  # the key of the row the operator opened (double-click / Enter)
    selected = Signal(object)

    def __init__(self, headers: Sequence[str], search_placeholder: str, empty_text: str) -> None:
        super().__init__()
        self.search = QLineEdit(placeholderText=search_placeholder, clearButtonEnabled=True)
        self.model = RowsModel(headers)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.empty = QLabel(empty_text, alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.empty.setObjectName("emptyState")
        self._stack = QStackedLayout()
        self._stack.addWidget(self.view)
        self._stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(self._stack)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.view.doubleClicked.connect(lambda idx: self.activated.emit(self._key_at(idx)))
        self.view.activated.connect(lambda idx: self.activated.emit(self._key_at(idx)))
        self._restoring = False
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._restoring:
            self.selected.emit(self._key_at(current))

    def _key_at(self, index: QModelIndex) -> Any:
        if not index.isValid():
            return None
        return self.model.key(self.proxy.mapToSource(index).row())

    def set_rows(
        self,
        rows: Sequence[Sequence[Any]],
        keys: Sequence[Any] | None = None,
        colours: Sequence[QColor | None] | None = None,
    ) -> None:
        # A refresh (a live event, another workstation's change) must not take the operator's row
        # away: the row with the same key is selected again, quietly, since the page already shows it.
        kept = self.current_key()
        self.model.set_rows(rows, keys if keys is not None else range(len(rows)), colours or [None] * len(rows))
        self._stack.setCurrentWidget(self.view if rows else self.empty)
        if kept is not None and keys is not None:
            for row in range(self.proxy.rowCount()):
                if self._key_at(self.proxy.index(row, 0)) == kept:
                    self._restoring = True
                    try:
                        self.view.selectRow(row)
                    finally:
                        self._restoring = False
                    break

    def current_key(self) -> Any:
        return self._key_at(self.view.currentIndex())

    def row_count(self) -> int:
        return self.proxy.rowCount()
