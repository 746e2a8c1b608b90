"""Translations and bundled fonts: the console must read correctly in Vietnamese on any machine."""

from __future__ import annotations

import importlib.util
import logging
import subprocess
import sys
import textwrap
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics, QRawFont
from PySide6.QtWidgets import QApplication

from console import i18n
from console.paths import PROJECT_ROOT, RESOURCES

INSTALLER = PROJECT_ROOT / "installer"

# The 29 letters of the Vietnamese alphabet, plus f j w z for names and foreign words.
LETTERS = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
VOWELS = "aăâeêioôơuưy"
TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng


def vietnamese_characters() -> list[str]:
    lower = set(LETTERS)
    lower |= {unicodedata.normalize("NFC", v + tone) for v in VOWELS for tone in TONES}
    chars = sorted(lower | {c.upper() for c in lower})
    return [*chars, "₫"]


def _load(name: str) -> ModuleType:
    """installer/ holds scripts, not a package: import them by path."""
    spec = importlib.util.spec_from_file_location(f"installer_{name}", INSTALLER / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def clean_translators(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    i18n.remove_translations(qapp)


# --- the committed catalogues ---------------------------------------------------------------


def test_translation_check_passes() -> None:
    """Every tr() string is in the .ts, translated into Vietnamese, and the .qm files are current."""
    proc = subprocess.run(
        [sys.executable, str(INSTALLER / "update_translations.py"), "--check", "-q"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, (
        f"translations out of date (run `python installer/update_translations.py`):\n{proc.stdout}{proc.stderr}"
    )


def test_committed_vietnamese_catalogue_installs(clean_translators: QApplication) -> None:
    i18n.install_translation(clean_translators, "vi")
    assert any(Path(p).name == "console_vi.qm" for p in i18n.installed_translations())


def test_committed_english_catalogue_installs(clean_translators: QApplication) -> None:
    # Qt refuses an empty catalogue; the English one is filled with the source strings on purpose.
    i18n.install_translation(clean_translators, "en")
    assert any(Path(p).name == "console_en.qm" for p in i18n.installed_translations())


# --- install_translation on a fixture catalogue -------------------------------------------------


FIXTURE_TS = """\
<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi" sourcelanguage="en">
<context>
    <name>I18nFixture</name>
    <message>
        <source>Sign in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n phút trước</numerusform>
        </translation>
    </message>
</context>
</TS>
"""


@pytest.fixture(scope="module")
def fixture_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("i18n")
    ts = folder / "console_vi.ts"
    ts.write_text(FIXTURE_TS, encoding="utf-8")
    tools = _load("update_translations")
    tools.run_lrelease(ts, folder / "console_vi.qm")
    return folder


def test_install_translation_translates(clean_translators: QApplication, fixture_catalogue: Path) -> None:
    app = clean_translators
    assert QCoreApplication.translate("I18nFixture", "Sign in") == "Sign in"
    i18n.install_translation(app, "vi_VN", i18n_dir=fixture_catalogue)
    assert QCoreApplication.translate("I18nFixture", "Sign in") == "Đăng nhập"
    assert QCoreApplication.translate("I18nFixture", "%n min ago", None, 5) == "5 phút trước"
    # Switching language removes the previous catalogue.
    i18n.install_translation(app, "en", i18n_dir=fixture_catalogue)
    assert QCoreApplication.translate("I18nFixture", "Sign in") == "Sign in"


def test_missing_catalogue_logs_and_falls_back(
    clean_translators: QApplication, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="console.i18n"):
        i18n.install_translation(clean_translators, "vi", i18n_dir=tmp_path)
    assert "console_vi.qm" in caplog.text and "missing" in caplog.text
    assert not any(Path(p).name.startswith("console_") for p in i18n.installed_translations())
    assert QCoreApplication.translate("I18nFixture", "Sign in") == "Sign in"


def test_corrupt_catalogue_logs_and_falls_back(
    clean_translators: QApplication, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "console_vi.qm").write_bytes(b"not a qm file")
    with caplog.at_level(logging.ERROR, logger="console.i18n"):
        i18n.install_translation(clean_translators, "vi", i18n_dir=tmp_path)
    assert "could not read" in caplog.text


def test_unsupported_language_logs(clean_translators: QApplication, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="console.i18n"):
        i18n.install_translation(clean_translators, "fr")
    assert "unsupported" in caplog.text
    assert i18n.installed_translations() == []


# --- fonts --------------------------------------------------------------------------------------


def test_alphabet_is_complete() -> None:
    chars = vietnamese_characters()
    # 33 letters + 12 vowels x 5 tones, both cases, plus the đồng sign.
    assert len(chars) == 2 * (33 + 60) + 1
    assert {"ệ", "Ự", "ỡ", "Ẵ", "ỷ", "Đ"} <= set(chars)


@pytest.mark.parametrize("path", sorted((RESOURCES / "fonts").glob("*.ttf")), ids=lambda p: p.name)
def test_bundled_font_covers_vietnamese(qapp: QApplication, path: Path) -> None:
    raw = QRawFont(str(path), 12)
    assert raw.isValid(), path
    # supportsCharacter(str) misreads non-Latin-1 characters in PySide6; pass the code point.
    missing = [c for c in vietnamese_characters() if not raw.supportsCharacter(ord(c))]
    assert missing == [], f"{path.name} lacks {''.join(missing)}"


def test_load_fonts_registers_ui_and_mono_families(qapp: QApplication) -> None:
    family = i18n.load_fonts()
    assert family == i18n.UI_FAMILY == "Be Vietnam Pro"
    assert family == i18n.load_fonts()  # idempotent
    assert {"Regular", "Medium", "SemiBold", "Bold"} <= set(QFontDatabase.styles(family))
    assert i18n.MONO_FAMILY in QFontDatabase.families()
    # Plates and logs line up in columns: every glyph, accented or not, has one advance.
    # (JetBrains Mono's post table does not set isFixedPitch, so measure instead of asking.)
    mono = QFontMetrics(QFont(i18n.MONO_FAMILY, 11))
    assert len({mono.horizontalAdvance(c) for c in "iW0.-ệẴđ"}) == 1
    metrics = QFontMetrics(QFont(family, 11))
    missing = [c for c in vietnamese_characters() if not metrics.inFontUcs4(ord(c))]
    assert missing == []


def test_load_fonts_without_fonts_falls_back(
    qapp: QApplication, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(i18n, "UI_FAMILY", "No Such Family For Tests")
    with caplog.at_level(logging.ERROR, logger="console.i18n"):
        family = i18n.load_fonts(tmp_path)
    assert family and family != "No Such Family For Tests"
    assert "no bundled fonts" in caplog.text


def test_fonts_match_provenance() -> None:
    proc = subprocess.run(
        [sys.executable, str(INSTALLER / "vendor_fonts.py"), "--verify"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_font_files_stay_small() -> None:
    total = sum(p.stat().st_size for p in (RESOURCES / "fonts").iterdir())
    assert total < 3 * 1024 * 1024


# --- the extraction that covers pyside6-lupdate's gaps ------------------------------------------


def test_code_strings_sees_what_lupdate_misses(tmp_path: Path) -> None:
    source = tmp_path / "sample.py"
    source.write_text(
        textwrap.dedent(
            """
            from PySide6.QtCore import QCoreApplication, QObject, QT_TRANSLATE_NOOP

            NAMES = [QT_TRANSLATE_NOOP("Labels", "Operator")]

            def _t(text):
                "A label helper lupdate cannot follow."
                return QCoreApplication.translate("Words", text)

            TABLE = {"red": _t("Red light"), "x": _t(TABLE_KEY)}

            def age(seconds):
                a = QCoreApplication.translate("Labels", "%n min ago", "", seconds // 60)
                return a + QCoreApplication.translate("Labels", "Never")

            class Page(QObject):
                def title(self, stale, n):
                    return f"({self.tr('stale')})" + self.tr("%n record(s)", "", n) + self.tr("Map", "menu")

                def dynamic(self, text):
                    return self.tr(text) + QCoreApplication.translate("Labels", text)
            """
        ),
        encoding="utf-8",
    )
    tools = _load("update_translations")
    found = tools.code_strings([source], root=tmp_path)
    assert {k: v.plural for k, v in found.items()} == {
        ("Labels", "Operator", ""): False,
        ("Words", "Red light", ""): False,
        ("Labels", "%n min ago", ""): True,
        ("Labels", "Never", ""): False,
        ("Page", "stale", ""): False,
        ("Page", "%n record(s)", ""): True,
        ("Page", "Map", "menu"): False,
    }
    assert found[("Labels", "%n min ago", "")].where == "sample.py:13"


def test_placeholder_problems() -> None:
    tools = _load("update_translations")
    good = tools.Message(("C", "Alerts (%1)", ""), False, True, ["Cảnh báo (%1)"])
    lost = tools.Message(("C", "Alerts (%1)", ""), False, True, ["Cảnh báo"])
    plural = tools.Message(("C", "%n record(s)", ""), True, True, ["%n bản ghi"])
    assert tools.placeholder_problems(good) == []
    assert len(tools.placeholder_problems(lost)) == 1
    assert tools.placeholder_problems(plural) == []
