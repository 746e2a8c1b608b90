"""Draw the console's icon (resources/icons/csgt-console.png and .ico): the project's own artwork.

QT_QPA_PLATFORM=offscreen .venv/bin/python installer/make_icon.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath, QPen

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "icons"


def draw(size: int = 256) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    # A shield in the traffic police's navy and yellow, with a camera lens: watching the road.
    shield = QPainterPath()
    shield.moveTo(128 * s, 12 * s)
    shield.lineTo(232 * s, 48 * s)
    shield.cubicTo(232 * s, 150 * s, 190 * s, 214 * s, 128 * s, 244 * s)
    shield.cubicTo(66 * s, 214 * s, 24 * s, 150 * s, 24 * s, 48 * s)
    shield.closeSubpath()
    p.setPen(QPen(QColor("#f2c230"), 10 * s))
    p.setBrush(QBrush(QColor("#12305c")))
    p.drawPath(shield)
    p.setPen(QPen(QColor("#f2c230"), 8 * s))
    p.setBrush(QBrush(QColor("#0b1c38")))
    p.drawEllipse(QPointF(128 * s, 104 * s), 46 * s, 46 * s)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(QColor("#d92b2b")))
    p.drawEllipse(QPointF(128 * s, 104 * s), 20 * s, 20 * s)
    p.setBrush(QBrush(QColor("#ffffff")))
    p.drawEllipse(QPointF(120 * s, 96 * s), 6 * s, 6 * s)
    p.setPen(QColor("#ffffff"))
    font = QFont("DejaVu Sans", max(6, int(27 * s)), QFont.Weight.Bold)
    p.setFont(font)
    p.drawText(QRectF(0, 156 * s, size, 44 * s), Qt.AlignmentFlag.AlignCenter, "CSGT")
    p.end()
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    image = draw()
    image.save(str(OUT / "csgt-console.png"))
    # Windows wants an .ico with the small sizes drawn, not scaled down.
    draw(48).save(str(OUT / "csgt-console.ico"))
    del app
    print(f"wrote {OUT / 'csgt-console.png'} and .ico")
    return 0


if __name__ == "__main__":
    sys.exit(main())
