"""Bundled fonts and UI translations: the console speaks Vietnamese first, English second.

Source strings are English (``self.tr("...")``); resources/i18n/console_<lang>.qm carries the
translations, produced by ``installer/update_translations.py`` from the .ts files and the
translators' glossary. Fonts come from resources/fonts/ so that Vietnamese renders the same on
every workstation, whatever the operating system has installed.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from console.paths import RESOURCES

log = logging.getLogger(__name__)

FONT_DIR = RESOURCES / "fonts"
I18N_DIR = RESOURCES / "i18n"

UI_FAMILY = "Be Vietnam Pro"
MONO_FAMILY = "JetBrains Mono"

DEFAULT_LANGUAGE = "vi"
SUPPORTED_LANGUAGES = ("vi", "en")

# Qt's own strings (standard buttons, file dialogs, context menus) live in these catalogues.
# PySide6 wheels carry no Vietnamese ones; they are loaded when some Qt build does ship them.
QT_CATALOGUES = ("qtbase",)

_FONT_SUFFIXES = {".ttf", ".otf", ".ttc"}

# Installed QTranslators are kept here: a QTranslator that Python garbage-collects is silently
# removed from the application and every string falls back to English.
_installed: list[QTranslator] = []
_font_ids: dict[Path, int] = {}


def load_fonts(font_dir: Path | None = None) -> str:
    """Register every bundled font file with Qt and return the UI family name.

    Needs a QGuiApplication. Registering is idempotent per file. When the bundled UI family cannot
    be loaded the error is logged and the platform's default family is returned, so the console
    still starts (possibly with worse Vietnamese rendering) instead of refusing to run.
    """
    if not isinstance(QCoreApplication.instance(), QGuiApplication):
        # Without one, addApplicationFont crashes the interpreter (segfault) instead of raising.
        raise RuntimeError("load_fonts() needs a QGuiApplication (or QApplication) to exist first")
    folder = font_dir or FONT_DIR
    files = sorted(p for p in folder.glob("*") if p.suffix.lower() in _FONT_SUFFIXES) if folder.is_dir() else []
    if not files:
        log.error("no bundled fonts in %s; using the system font", folder)
    for path in files:
        key = path.resolve()
        if key in _font_ids:
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.error("Qt could not load the bundled font %s", path)
            continue
        _font_ids[key] = font_id
        log.debug("font %s: %s", path.name, ", ".join(QFontDatabase.applicationFontFamilies(font_id)))
    if UI_FAMILY in QFontDatabase.families():
        return UI_FAMILY
    fallback = QFont().defaultFamily()
    log.error("font family %r is not available; falling back to %r", UI_FAMILY, fallback)
    return fallback


def normalise_language(lang: str) -> str:
    """'vi_VN', 'vi-VN', 'VI' → 'vi'; the catalogues are per language, not per region."""
    return lang.strip().replace("-", "_").split("_", 1)[0].lower()


def install_translation(app: QCoreApplication, lang: str, i18n_dir: Path | None = None) -> None:
    """Load the console's catalogue for ``lang`` (and Qt's own, when present) into ``app``.

    Calling it again switches language: the previously installed translators are removed first.
    A missing or unreadable catalogue is logged as an error and the UI shows the English source
    strings; it never stops the console from starting.
    """
    remove_translations(app)
    code = normalise_language(lang)
    if code not in SUPPORTED_LANGUAGES:
        log.error("unsupported UI language %r (supported: %s); showing English", lang, ", ".join(SUPPORTED_LANGUAGES))
        return
    folder = i18n_dir or I18N_DIR
    qm = folder / f"console_{code}.qm"
    if not qm.is_file():
        log.error("translation file %s is missing; showing the English source strings", qm)
    else:
        _install(app, qm, required=True)
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    for catalogue in QT_CATALOGUES:
        path = qt_dir / f"{catalogue}_{code}.qm"
        if path.is_file():
            _install(app, path, required=False)
        else:
            # Expected for Vietnamese with the PySide6 wheels: Qt's standard dialogs stay English.
            log.debug("no Qt catalogue %s", path)


def _install(app: QCoreApplication, path: Path, *, required: bool) -> None:
    # No Qt parent: the module-level list owns it, so removal really frees it.
    translator = QTranslator()
    level = logging.ERROR if required else logging.WARNING
    if not translator.load(str(path)):
        log.log(level, "could not read translation file %s", path)
        return
    if not app.installTranslator(translator):
        # Qt refuses an empty catalogue (for example qtbase_en.qm, English being Qt's own language).
        log.log(level if required else logging.DEBUG, "Qt did not install %s (empty catalogue?)", path)
        return
    _installed.append(translator)
    log.info("UI translation %s installed", path.name)


def remove_translations(app: QCoreApplication) -> None:
    """Uninstall every translator this module installed (used when switching language)."""
    while _installed:
        app.removeTranslator(_installed.pop())


def installed_translations() -> list[str]:
    """File paths of the catalogues now installed, for the About box and for tests."""
    return [t.filePath() for t in _installed]
