"""Start the desktop window (built in viewer.ui) on zero, one or two files."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

NO_DISPLAY = ("tandem: no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not "
              "set); start it from a desktop session, or run 'tandem compare A B' without a "
              "window")


def has_display() -> bool:
    """Whether Qt can open a window here. Without a display Qt aborts, blaming a missing
    libxcb-cursor0, which sends people after the wrong fix."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith(("xcb", "wayland")):
        return True  # offscreen, vnc, eglfs...: the user chose a platform that needs none
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _close_on_terminate(window: QWidget) -> None:
    """SIGTERM (a logout, a shutdown, `kill`) closes the window as its close button does:
    settings are saved and a collection being indexed is stopped, not cut off mid-write.
    Python runs a signal handler only between bytecodes, so a timer wakes it from Qt's
    event loop now and then."""
    import signal

    from PySide6.QtCore import QTimer

    signal.signal(signal.SIGTERM, lambda _signum, _frame: QTimer.singleShot(0, window.close))
    wake = QTimer(window)
    wake.timeout.connect(lambda: None)
    wake.start(250)


def run_window(files: Sequence[str], settings_path: str | None = None) -> int:
    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    from PySide6.QtWidgets import QApplication

    from viewer.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("Tandem")
    app.setApplicationName("Tandem")
    app.setDesktopFileName("tandem")
    from viewer.ui.icon import app_icon

    app.setWindowIcon(app_icon())
    from viewer.ui.gc_policy import collect_in_gui_thread

    collect_in_gui_thread(app)
    window = MainWindow(settings_path)
    window.show()
    _close_on_terminate(window)
    # Every comparison's themes read the word-meaning model, and English slogans the
    # Chinese-English dictionary (half a second each to load): load them while the user
    # picks files, not after they have asked for a comparison.
    from threading import Thread

    from viewer.core import embeddings, translations

    Thread(target=embeddings.model, name="load-word-meanings", daemon=True).start()
    Thread(target=translations.load_quietly, name="load-dictionary", daemon=True).start()
    if files:
        window.open_paths(list(files))
    return app.exec()
