"""Chinese renders with a real font, and the PySide6 build survives many void-returning calls."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics


def test_a_real_font_family_covers_han(qapp) -> None:  # type: ignore[no-untyped-def]
    covering = [f for f in QFontDatabase.families()
                if QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(f)
                and QFontMetrics(QFont(f)).inFont("中")]
    assert covering, "no installed font draws 中 (install fonts-wqy-microhei)"


SMOKE = """
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument
doc = QTextDocument()
doc.setPlainText("x" * 1000)
cursor = QTextCursor(doc)
fmt = QTextCharFormat()
color = QColor("#ffe08a")
for i in range(100_000):
    cursor.setPosition(i % 1000)
    fmt.setBackground(color)
print("survived")
"""


def test_many_void_calls_do_not_abort_the_interpreter() -> None:
    # In a child process: an abort there fails this test instead of killing pytest.
    done = subprocess.run([sys.executable, "-c", SMOKE], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "survived" in done.stdout
