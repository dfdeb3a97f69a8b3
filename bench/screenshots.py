"""Save screenshots of the window with the sample loaded, light and dark, at 1280x800.

Usage: python bench/screenshots.py [OUT_DIR]   (offscreen; default /tmp/shots)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's viewer

from PySide6.QtGui import QColor, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def dark_palette() -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    for r, c in ((role.Window, "#2b2b2b"), (role.WindowText, "#e6e6e6"), (role.Base, "#1e1e1e"),
                 (role.AlternateBase, "#2f2f2f"), (role.Text, "#e6e6e6"), (role.Button, "#353535"),
                 (role.ButtonText, "#e6e6e6"), (role.Highlight, "#2f65ca"),
                 (role.HighlightedText, "#ffffff"), (role.ToolTipBase, "#333333"),
                 (role.ToolTipText, "#e6e6e6"), (role.PlaceholderText, "#8a8a8a")):
        p.setColor(r, QColor(c))
    return p


def settle(app: QApplication, window, seconds: float = 10) -> None:  # type: ignore[no-untyped-def]
    end = time.time() + seconds
    while time.time() < end:
        app.processEvents()
        if window.rendered is not None and not window.busy:
            break
        time.sleep(0.01)
    for _ in range(20):
        app.processEvents()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    app.setStyle("Fusion")
    from viewer.ui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        for name, palette in (("light", app.style().standardPalette()), ("dark", dark_palette())):
            app.setPalette(palette)
            window = MainWindow(str(Path(tmp) / f"{name}.ini"))
            window.resize(1280, 800)
            window.show()
            empty = window.grab()
            empty.save(str(out / f"empty-{name}.png"))
            window.action_try_sample()
            settle(app, window)
            window.action_next_passage()
            window.action_next_passage()
            settle(app, window, 1)
            time.sleep(0.6)  # let the flash end
            settle(app, window, 1)
            window.grab().save(str(out / f"sample-{name}.png"))
            print(out / f"sample-{name}.png", window.figures.text())
            window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
