"""Control-room dark theme: Fusion + a dark blue-grey palette + one style sheet.

Why dark: the console runs all shift beside video walls in a dimmed room; a bright UI glares
and washes out the video tiles. Why these sizes: operators read it from further than an office
desk (base font 10.5 pt, 12 pt navigation, roomy rows). Keyboard users must always see where
focus is, so every focusable control gets a bright cyan ring that no state colour uses.

Widgets choose variants through dynamic properties instead of their own style sheets:

* ``QPushButton`` ``primary="true"`` (the main action) or ``danger="true"`` (irreversible);
* ``QLabel`` ``badge="live" | "ok" | "warning" | "error" | "stale" | "info"``;
* ``QLineEdit`` ``invalid="true"`` (failed validation).

Qt evaluates property selectors when a widget is polished: after changing such a property on a
visible widget, call :func:`repolish`.
"""

from __future__ import annotations

from enum import StrEnum
from string import Template
from typing import Final

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

BASE_POINT_SIZE: Final = 10.5
NAV_POINT_SIZE: Final = 12

# Surfaces, darkest to lightest. Blue-grey rather than neutral grey: it reads as "dark" without
# the crushed look of pure black next to video, and keeps text contrast above 12:1.
BG_BASE: Final = "#0a0e13"  # inputs, tables, navigation
BG_WINDOW: Final = "#10161e"  # windows, dialogs
BG_ALTERNATE: Final = "#141b25"  # alternate table rows
BG_RAISED: Final = "#1a2330"  # buttons, headers, menus
BG_HOVER: Final = "#243246"
BORDER: Final = "#2a3647"
BORDER_STRONG: Final = "#3a4a60"
TEXT: Final = "#e6edf3"
TEXT_MUTED: Final = "#9fb0c3"
TEXT_DISABLED: Final = "#5d6b7d"
ACCENT: Final = "#2f81f7"
SELECTION: Final = "#1f5fbf"
FOCUS: Final = "#5ee7ff"  # keyboard focus ring: bright cyan, distinct from every state colour
PRIMARY: Final = "#1a62d6"
PRIMARY_HOVER: Final = "#2f74e6"
DANGER: Final = "#b42318"
DANGER_HOVER: Final = "#cf3326"

# State colours for badges, tile borders, map markers. Bright fills carry dark text (BADGE_TEXT):
# every pair stays above 6:1 contrast, so a badge reads from across the room.
# Plain "#rrggbb" strings so they work in style sheets and in QColor(...) alike.
LIVE: Final = "#3fb950"  # green: streaming, connected, available
OK: Final = LIVE
WARNING: Final = "#f0b429"  # amber: degraded, reconnecting, needs attention
ERROR: Final = "#ff6b5e"  # red: failed, unreachable, urgent
STALE: Final = "#8b98a8"  # grey: no recent data, off duty
INFO: Final = "#58a6ff"  # blue: informational, in progress
BADGE_TEXT: Final = BG_BASE


class BadgeKind(StrEnum):
    LIVE = "live"
    OK = "ok"
    WARNING = "warning"
    ERROR = "error"
    STALE = "stale"
    INFO = "info"


STATE_COLORS: Final[dict[BadgeKind, str]] = {
    BadgeKind.LIVE: LIVE,
    BadgeKind.OK: OK,
    BadgeKind.WARNING: WARNING,
    BadgeKind.ERROR: ERROR,
    BadgeKind.STALE: STALE,
    BadgeKind.INFO: INFO,
}

_BADGE_BOX = "border-radius: 4px; padding: 2px 8px; font-weight: 600;"


def badge_style(kind: BadgeKind | str) -> str:
    """Style-sheet declarations for a state badge, e.g. ``label.setStyleSheet(badge_style("live"))``.

    Raises ValueError for an unknown kind: a typo must not silently render an unstyled badge.
    """
    colour = STATE_COLORS[BadgeKind(kind)]
    return f"background-color: {colour}; color: {BADGE_TEXT}; {_BADGE_BOX}"


def _palette() -> QPalette:
    palette = QPalette()
    roles = QPalette.ColorRole
    normal = {
        roles.Window: BG_WINDOW,
        roles.WindowText: TEXT,
        roles.Base: BG_BASE,
        roles.AlternateBase: BG_ALTERNATE,
        roles.Text: TEXT,
        roles.PlaceholderText: TEXT_MUTED,
        roles.Button: BG_RAISED,
        roles.ButtonText: TEXT,
        roles.BrightText: "#ffffff",
        roles.Highlight: SELECTION,
        roles.HighlightedText: "#ffffff",
        roles.Accent: ACCENT,
        roles.Link: INFO,
        roles.LinkVisited: "#a5c8ff",
        roles.ToolTipBase: BG_RAISED,
        roles.ToolTipText: TEXT,
        # Fusion draws bevels, frames and check-box edges from these.
        roles.Light: "#3a4a60",
        roles.Midlight: "#2a3647",
        roles.Mid: "#1f2937",
        roles.Dark: "#080b0f",
        roles.Shadow: "#000000",
    }
    for role, colour in normal.items():
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText, roles.PlaceholderText):
        palette.setColor(disabled, role, QColor(TEXT_DISABLED))
    palette.setColor(disabled, roles.Button, QColor(BG_WINDOW))
    palette.setColor(disabled, roles.Base, QColor(BG_WINDOW))
    palette.setColor(disabled, roles.Highlight, QColor(BORDER_STRONG))
    # Inactive windows keep their selection colour: on a multi-monitor desk the list an operator
    # is working in is often in a window that does not have focus.
    palette.setColor(QPalette.ColorGroup.Inactive, roles.Highlight, QColor(SELECTION))
    palette.setColor(QPalette.ColorGroup.Inactive, roles.HighlightedText, QColor("#ffffff"))
    return palette


_QSS = Template(
    """
QMainWindow, QDialog { background-color: $window; }
QMainWindow::separator { background-color: $border; width: 1px; height: 1px; }
QToolTip { background-color: $raised; color: $text; border: 1px solid $border_strong; padding: 4px 6px; }

/* Left navigation: big targets, the selected page marked by an accent bar. */
QListView#nav, QListWidget#nav {
    background-color: $base; border: none; border-right: 1px solid $border;
    font-size: ${nav_pt}pt; padding: 6px 0; outline: 0;
}
QListView#nav::item, QListWidget#nav::item {
    min-height: 44px; padding: 0 14px; border-left: 4px solid transparent; color: $muted;
}
QListView#nav::item:hover, QListWidget#nav::item:hover { background-color: $hover; color: $text; }
QListView#nav::item:selected, QListWidget#nav::item:selected {
    background-color: $raised; border-left: 4px solid $accent; color: $text;
}
QListView#nav::item:selected:focus, QListWidget#nav::item:selected:focus { border-left: 4px solid $focus; }

QStatusBar { background-color: $base; border-top: 1px solid $border; color: $muted; }
QStatusBar::item { border: none; }
QStatusBar QLabel { padding: 0 8px; }

/* Item views: no ::item rules for tables and trees, so large pages keep Qt's fast painting path. */
QTableView, QTreeView, QListView {
    background-color: $base; alternate-background-color: $alternate; border: 1px solid $border;
    gridline-color: $border; selection-background-color: $selection; selection-color: #ffffff;
}
QTableView:focus, QTreeView:focus, QListView:focus { border: 1px solid $focus; }
QTableView QTableCornerButton::section { background-color: $raised; border: none; }
QHeaderView { background-color: $raised; }
QHeaderView::section {
    background-color: $raised; color: $text; padding: 6px 8px; font-weight: 600;
    border: none; border-right: 1px solid $border; border-bottom: 1px solid $border;
}
QHeaderView::section:hover { background-color: $hover; }

QLineEdit, QPlainTextEdit, QTextEdit {
    background-color: $base; color: $text; border: 1px solid $border_strong; border-radius: 4px;
    selection-background-color: $selection; selection-color: #ffffff;
}
QLineEdit { padding: 5px 8px; min-height: 20px; }
QLineEdit:hover, QPlainTextEdit:hover, QTextEdit:hover { border-color: $muted; }
QLineEdit[invalid="true"] { border-color: $error; }
/* A 2 px ring with 1 px less padding: focus shows without the text jumping. */
QLineEdit:focus { border: 2px solid $focus; padding: 4px 7px; }
QPlainTextEdit:focus, QTextEdit:focus { border: 2px solid $focus; }
QLineEdit:disabled, QPlainTextEdit:disabled, QTextEdit:disabled { color: $disabled; background-color: $window; }

QPushButton {
    background-color: $raised; color: $text; border: 1px solid $border_strong; border-radius: 4px;
    padding: 6px 16px; min-height: 22px;
}
QPushButton:hover { background-color: $hover; }
QPushButton:pressed { background-color: $base; }
QPushButton:default { border-color: $accent; }
QPushButton[primary="true"] { background-color: $primary; border-color: $primary; color: #ffffff; font-weight: 600; }
QPushButton[primary="true"]:hover { background-color: $primary_hover; }
QPushButton[danger="true"] { background-color: $danger; border-color: $danger; color: #ffffff; font-weight: 600; }
QPushButton[danger="true"]:hover { background-color: $danger_hover; }
/* After the variants: equal specificity, so the later focus and disabled rules win. */
QPushButton:focus { border: 2px solid $focus; padding: 5px 15px; }
QPushButton:disabled { background-color: $window; color: $disabled; border-color: $border; }

QToolButton { border: 1px solid transparent; border-radius: 4px; padding: 4px; }
QToolButton:hover { background-color: $hover; }
QToolButton:checked { background-color: $raised; border-color: $accent; }
QToolButton:focus { border: 2px solid $focus; padding: 3px; }

QComboBox {
    background-color: $raised; color: $text; border: 1px solid $border_strong; border-radius: 4px;
    padding: 5px 8px; min-height: 20px;
}
QComboBox:hover { border-color: $muted; }
QComboBox:editable { background-color: $base; }
QComboBox:focus { border: 2px solid $focus; padding: 4px 7px; }
QComboBox:disabled { color: $disabled; background-color: $window; }
QComboBox QAbstractItemView {
    background-color: $raised; color: $text; border: 1px solid $border_strong; outline: 0;
    selection-background-color: $selection; selection-color: #ffffff;
}

/* Fusion outlines indicators with a darkened window colour, invisible on this background; draw
   them here instead. Checked is a filled accent box (no image files to ship or find). */
QCheckBox, QRadioButton { spacing: 8px; }
QCheckBox::indicator, QRadioButton::indicator {
    width: 16px; height: 16px; background-color: $base; border: 2px solid $muted;
}
QCheckBox::indicator { border-radius: 3px; }
QRadioButton::indicator { border-radius: 10px; }
QCheckBox::indicator:hover, QRadioButton::indicator:hover { border-color: $text; }
QCheckBox::indicator:checked { background-color: $accent; border-color: $accent; }
QCheckBox::indicator:indeterminate {
    background-color: qlineargradient(x1: 0, y1: 0, x2: 1, y2: 1, stop: 0 $accent, stop: 0.5 $accent, stop: 0.51 $base);
}
QRadioButton::indicator:checked {
    border-color: $accent;
    background-color: qradialgradient(cx: 0.5, cy: 0.5, radius: 0.5, fx: 0.5, fy: 0.5,
                                      stop: 0 $text, stop: 0.55 $text, stop: 0.6 $base);
}
QCheckBox::indicator:focus, QRadioButton::indicator:focus { border-color: $focus; }
QCheckBox::indicator:disabled, QRadioButton::indicator:disabled { border-color: $disabled; background-color: $window; }

QTabWidget::pane { border: 1px solid $border; top: -1px; background-color: $window; }
QTabBar::tab {
    background-color: $window; color: $muted; padding: 8px 16px; margin-right: 2px;
    border: 1px solid transparent; border-bottom: 3px solid transparent;
}
QTabBar::tab:hover { background-color: $hover; color: $text; }
QTabBar::tab:selected { background-color: $raised; color: $text; border-bottom: 3px solid $accent; }
QTabBar::tab:selected:focus { border: 2px solid $focus; border-bottom: 3px solid $focus; }

QGroupBox { border: 1px solid $border; border-radius: 6px; margin-top: 14px; padding-top: 6px; }
QGroupBox::title { subcontrol-origin: margin; left: 10px; padding: 0 4px; color: $muted; }

QMenu { background-color: $raised; color: $text; border: 1px solid $border_strong; padding: 4px; }
QMenu::item { padding: 6px 24px 6px 12px; border-radius: 3px; }
QMenu::item:selected { background-color: $selection; color: #ffffff; }
QMenu::item:disabled { color: $disabled; }
QMenu::separator { height: 1px; background-color: $border; margin: 4px 8px; }

QSplitter::handle { background-color: $border; }

QScrollBar:vertical { background-color: $base; width: 14px; margin: 0; border: none; }
QScrollBar:horizontal { background-color: $base; height: 14px; margin: 0; border: none; }
QScrollBar::handle:vertical { background-color: $border_strong; min-height: 32px; border-radius: 5px; margin: 2px; }
QScrollBar::handle:horizontal { background-color: $border_strong; min-width: 32px; border-radius: 5px; margin: 2px; }
QScrollBar::handle:hover { background-color: $muted; }
QScrollBar::add-line, QScrollBar::sub-line { width: 0; height: 0; border: none; background: none; }
QScrollBar::add-page, QScrollBar::sub-page { background: none; }

$badges
"""
)


def style_sheet() -> str:
    """The application style sheet (exposed for tests and for previewing in Qt Designer)."""
    badges = "\n".join(f'QLabel[badge="{kind.value}"] {{ {badge_style(kind)} }}' for kind in BadgeKind)
    return _QSS.substitute(
        window=BG_WINDOW,
        base=BG_BASE,
        alternate=BG_ALTERNATE,
        raised=BG_RAISED,
        hover=BG_HOVER,
        border=BORDER,
        border_strong=BORDER_STRONG,
        text=TEXT,
        muted=TEXT_MUTED,
        disabled=TEXT_DISABLED,
        accent=ACCENT,
        selection=SELECTION,
        focus=FOCUS,
        primary=PRIMARY,
        primary_hover=PRIMARY_HOVER,
        danger=DANGER,
        danger_hover=DANGER_HOVER,
        error=ERROR,
        nav_pt=NAV_POINT_SIZE,
        badges=badges,
    ).strip()


def apply_theme(app: QApplication, font_family: str) -> None:
    """Fusion style, dark palette, base font and style sheet for the whole application.

    ``font_family`` is what :func:`console.i18n.load_fonts` returned. Call once at start-up,
    before the first window is shown (later calls work but re-polish every widget).
    """
    # Fusion draws the same on Windows and Linux and honours the palette fully; native styles
    # (windows11, gtk) ignore parts of a dark palette.
    app.setStyle("Fusion")
    app.setPalette(_palette())
    font = QFont(font_family)
    font.setPointSizeF(BASE_POINT_SIZE)
    app.setFont(font)
    app.setStyleSheet(style_sheet())


def repolish(widget: QWidget) -> None:
    """Re-apply the style sheet after changing a property it selects on (primary, danger, badge…)."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()
