"""Shift report as PDF: title, period, the totals table and the charts, via Qt's own PDF writer."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, Qt
from PySide6.QtGui import QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter


def _t(text: str) -> str:
    return QCoreApplication.translate("PatrolReportPdf", text)


def write_report_pdf(
    path: Path, title: str, period: str, headers: Sequence[str], rows: Sequence[Sequence[str]], charts: Sequence[QImage]
) -> None:
    """A4 landscape; the table on the first page, two charts per following page."""
    writer = QPdfWriter(str(path))
    writer.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape, QMarginsF(12, 12, 12, 12))
    )
    writer.setResolution(150)
    writer.setTitle(title)
    painter = QPainter(writer)
    if not painter.isActive():
        raise OSError(f"cannot write {path}")
    try:
        page = QRectF(painter.viewport())
        y = _text(painter, page, 0, title, 16, bold=True)
        y = _text(painter, page, y, period, 10)
        y += 20
        width = page.width() / max(1, len(headers))
        for r, row in enumerate([list(headers), *[list(x) for x in rows]]):
            for c, cell in enumerate(row):
                box = QRectF(c * width, y, width - 6, 34)
                painter.setFont(_font(9, bold=r == 0 or r == len(rows)))
                align = Qt.AlignmentFlag.AlignLeft if c == 0 else Qt.AlignmentFlag.AlignRight
                painter.drawText(box, int(align | Qt.AlignmentFlag.AlignVCenter), cell)
            y += 36
            if r == 0:
                painter.drawLine(0, int(y - 2), int(page.width()), int(y - 2))
        for i, image in enumerate(charts):
            if i % 2 == 0:
                writer.newPage()
                top = 0.0
            half = (page.height() - 20) / 2
            target = QRectF(0, top, page.width(), half)
            scaled = image.scaled(int(target.width()), int(target.height()), Qt.AspectRatioMode.KeepAspectRatio,
                                  Qt.TransformationMode.SmoothTransformation)  # fmt: skip
            painter.drawImage(QRectF(0, top, scaled.width(), scaled.height()), scaled)
            top += half + 20
        painter.setFont(_font(7))
        painter.drawText(QRectF(0, page.height() - 30, page.width(), 30), int(Qt.AlignmentFlag.AlignRight),
                         _t("Km from the units' stored GPS fixes; latest revision of each log."))  # fmt: skip
    finally:
        painter.end()


def _font(size: int, bold: bool = False) -> QFont:
    font = QFont("Be Vietnam Pro", size)
    font.setBold(bold)
    return font


def _text(painter: QPainter, page: QRectF, y: float, text: str, size: int, bold: bool = False) -> float:
    painter.setFont(_font(size, bold))
    height = painter.fontMetrics().height() + 8
    painter.drawText(QRectF(0, y, page.width(), height), int(Qt.AlignmentFlag.AlignLeft), text)
    return y + height
