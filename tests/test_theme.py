"""The control-room theme: palette, style sheet, readable contrast, and text that really renders."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from console.i18n import load_fonts
from console.ui import theme

VIETNAMESE = "Xác nhận vi phạm — Ưu tiên Đường cao tốc"


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[QApplication]:
    """Apply the theme, then put the shared QApplication back as it was for other tests."""
    palette, sheet, font = QPalette(qapp.palette()), qapp.styleSheet(), QFont(qapp.font())
    style = _base_style_name(qapp)
    theme.apply_theme(qapp, load_fonts())
    yield qapp
    qapp.setStyleSheet("")
    if style:
        qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)


def _base_style_name(app: QApplication) -> str:
    """The style under the style sheet: with a sheet set, app.style() is Qt's unnamed sheet style."""
    sheet = app.styleSheet()
    app.setStyleSheet("")
    name = app.style().name()
    app.setStyleSheet(sheet)
    return name


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    q = QColor(colour)
    return 0.2126 * channel(q.red()) + 0.7152 * channel(q.green()) + 0.0722 * channel(q.blue())


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _colours(image: QImage) -> dict[int, int]:
    counts: dict[int, int] = {}
    for y in range(image.height()):
        for x in range(image.width()):
            rgb = image.pixel(x, y) & 0xFFFFFF
            counts[rgb] = counts.get(rgb, 0) + 1
    return counts


def _near(counts: dict[int, int], colour: str, tolerance: int = 12) -> int:
    q = QColor(colour)
    total = 0
    for rgb, n in counts.items():
        r, g, b = (rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF
        if abs(r - q.red()) <= tolerance and abs(g - q.green()) <= tolerance and abs(b - q.blue()) <= tolerance:
            total += n
    return total


def _render(qtbot: QtBot, text: str, **props: str) -> QImage:
    button = QPushButton(text)
    for name, value in props.items():
        button.setProperty(name, value)
    qtbot.addWidget(button)
    button.resize(button.sizeHint())
    image = button.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert not image.isNull() and image.width() > 0 and image.height() > 0
    return image


# --- palette, font, style sheet -----------------------------------------------------------------


def test_apply_theme_sets_style_palette_font_and_sheet(themed: QApplication) -> None:
    assert _base_style_name(themed).lower() == "fusion"
    palette = themed.palette()
    assert palette.color(QPalette.ColorRole.Window).name() == theme.BG_WINDOW
    assert palette.color(QPalette.ColorRole.Base).name() == theme.BG_BASE
    assert palette.color(QPalette.ColorRole.WindowText).name() == theme.TEXT
    assert palette.color(QPalette.ColorRole.Highlight).name() == theme.SELECTION
    assert themed.font().family() == "Be Vietnam Pro"
    assert 10 <= themed.font().pointSizeF() <= 11
    sheet = themed.styleSheet()
    assert sheet == theme.style_sheet()
    for selector in (
        "QMainWindow",
        "#nav::item:selected",
        "QStatusBar",
        "QTableView",
        "QHeaderView::section",
        "QTreeView",
        "QLineEdit:focus",
        'QPushButton[primary="true"]',
        'QPushButton[danger="true"]',
        "QPushButton:default",
        "QComboBox",
        "QTabBar::tab:selected",
        "QDialog",
        "QToolTip",
        "QScrollBar::handle:vertical",
        'QLabel[badge="live"]',
    ):
        assert selector in sheet, selector
    assert "$" not in sheet  # every template field was filled


def test_text_contrast_is_readable_at_a_distance() -> None:
    # WCAG AAA for body text is 7:1; the room is dim and the screens are far.
    assert contrast(theme.TEXT, theme.BG_WINDOW) >= 7
    assert contrast(theme.TEXT, theme.BG_BASE) >= 7
    assert contrast(theme.TEXT, theme.BG_RAISED) >= 7
    assert contrast(theme.TEXT_MUTED, theme.BG_BASE) >= 4.5
    assert contrast("#ffffff", theme.PRIMARY) >= 4.5
    assert contrast("#ffffff", theme.DANGER) >= 4.5
    assert contrast("#ffffff", theme.SELECTION) >= 4.5
    # The focus ring must stand out from every surface it is drawn on.
    for surface in (theme.BG_BASE, theme.BG_WINDOW, theme.BG_RAISED, theme.PRIMARY, theme.DANGER):
        assert contrast(theme.FOCUS, surface) >= 3, surface


@pytest.mark.parametrize("kind", list(theme.BadgeKind))
def test_badge_style(kind: theme.BadgeKind) -> None:
    colour = theme.STATE_COLORS[kind]
    style = theme.badge_style(kind)
    assert f"background-color: {colour}" in style
    assert theme.badge_style(kind.value) == style  # plain strings work too
    assert contrast(theme.BADGE_TEXT, colour) >= 4.5


def test_state_colours() -> None:
    assert theme.OK == theme.LIVE
    assert len({theme.LIVE, theme.WARNING, theme.ERROR, theme.STALE, theme.INFO}) == 5
    assert all(QColor(c).isValid() for c in theme.STATE_COLORS.values())
    with pytest.raises(ValueError):
        theme.badge_style("purple")


# --- rendering ------------------------------------------------------------------------------------


def test_vietnamese_button_text_renders(themed: QApplication, qtbot: QtBot) -> None:
    button = QPushButton(VIETNAMESE)
    qtbot.addWidget(button)
    info = QFontInfo(button.font())
    assert info.family() == "Be Vietnam Pro"
    with_text = _render(qtbot, VIETNAMESE)
    blank = _render(qtbot, "")
    # The button face is the raised surface colour; the text is light on it.
    face = _colours(with_text)
    assert _near(face, theme.BG_RAISED, tolerance=2) > with_text.width() * with_text.height() // 3
    light = sum(n for rgb, n in face.items() if QColor(rgb).lightness() > 170)
    assert light > 100, "no light text pixels on the button"
    # Same button without text, cropped to the same size: the text must change many pixels.
    blank = blank.scaled(with_text.size()) if blank.size() != with_text.size() else blank
    different = sum(
        1
        for y in range(with_text.height())
        for x in range(with_text.width())
        if with_text.pixel(x, y) != blank.pixel(x, y)
    )
    assert different > 300


def test_diacritics_change_the_rendering(themed: QApplication, qtbot: QtBot) -> None:
    # If the font lacked Vietnamese glyphs, Qt would fall back or draw boxes; with them the marks
    # above and below the letters add ink that the bare letters do not have.
    marked = _render(qtbot, "ỆỰỠẴỶ ệựỡẵỷ")
    bare = _render(qtbot, "EUOAY euoay")
    ink_marked = sum(n for rgb, n in _colours(marked).items() if QColor(rgb).lightness() > 170)
    ink_bare = sum(n for rgb, n in _colours(bare).items() if QColor(rgb).lightness() > 170)
    assert ink_marked > ink_bare


def test_primary_and_danger_buttons_use_their_colours(themed: QApplication, qtbot: QtBot) -> None:
    primary = _colours(_render(qtbot, "Xác nhận", primary="true"))
    danger = _colours(_render(qtbot, "Từ chối", danger="true"))
    plain = _colours(_render(qtbot, "Làm mới"))
    assert _near(primary, theme.PRIMARY, tolerance=2) > 200
    assert _near(danger, theme.DANGER, tolerance=2) > 200
    assert _near(plain, theme.PRIMARY, tolerance=2) == 0


def test_keyboard_focus_draws_the_ring(themed: QApplication, qtbot: QtBot) -> None:
    first, second = QPushButton("Một"), QPushButton("Hai")
    host = QLabel()  # any top-level widget to hold both buttons
    for b in (first, second):
        b.setParent(host)
    second.move(0, 60)
    qtbot.addWidget(host)
    host.resize(240, 120)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    second.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(second.hasFocus)
    focused = _colours(second.grab().toImage().convertToFormat(QImage.Format.Format_RGB32))
    unfocused = _colours(first.grab().toImage().convertToFormat(QImage.Format.Format_RGB32))
    assert _near(focused, theme.FOCUS, tolerance=6) > 50
    assert _near(unfocused, theme.FOCUS, tolerance=6) == 0


def test_badge_property_styles_label(themed: QApplication, qtbot: QtBot) -> None:
    label = QLabel("TRỰC TIẾP")
    label.setProperty("badge", "live")
    qtbot.addWidget(label)
    label.resize(label.sizeHint())
    image = label.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert _near(_colours(image), theme.LIVE, tolerance=2) > 100
    # Changing the property on a polished widget needs a re-polish to take effect.
    label.setProperty("badge", "error")
    theme.repolish(label)
    image = label.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert _near(_colours(image), theme.ERROR, tolerance=2) > 100
