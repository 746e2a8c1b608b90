"""PySide6 6.12.0 on CPython 3.11 underflows the refcount of None/True on every void call and
emit, and the interpreter aborts after a few thousand. Run many in a child process so an abort
shows up as a failed test instead of killing the whole run."""

from __future__ import annotations

import subprocess
import sys

CHILD = r"""
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QObject, Signal, QCoreApplication
from PySide6.QtWidgets import QApplication, QLabel

class Emitter(QObject):
    fired = Signal(object)
    plain = Signal()

app = QApplication([])
e = Emitter()
received = []
e.fired.connect(received.append)
e.plain.connect(lambda: None)
label = QLabel()
before = sys.getrefcount(None) if sys.version_info < (3, 12) else 0
for i in range(20000):
    e.fired.emit(i)
    e.plain.emit()
    label.setText("x")       # void method calls
    label.setVisible(False)
    label.update()
after = sys.getrefcount(None) if sys.version_info < (3, 12) else 0
assert len(received) == 20000, len(received)
# A leaking binding loses one reference per call: 100k calls would show as a large drop.
assert after - before > -1000, (before, after)
print("OK", before, after)
"""


def test_ten_thousand_signals_and_void_calls_do_not_crash() -> None:
    result = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("OK")
