"""Start the desktop window (built in viewer.ui) on zero, one or two files."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def run_window(files: Sequence[str], settings_path: str | None = None) -> int:
    from PySide6.QtWidgets import QApplication

    from viewer.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("Tandem")
    app.setApplicationName("Tandem")
    app.setDesktopFileName("tandem")
    from viewer.ui.icon import app_icon

    app.setWindowIcon(app_icon())
    window = MainWindow(settings_path)
    window.show()
    if files:
        window.open_paths(list(files))
    return app.exec()
