"""Start the desktop window (built in viewer.ui) on zero, one or two files."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

NO_DISPLAY = ("tandem: no display to open the window on ({why}); start it from a desktop "
              "session, or run 'tandem compare A B' without a window")
#: Where a local X server listens for display N (as the file or the abstract socket).
X_SOCKET = "/tmp/.X11-unix/X{number}"


def missing_display() -> str | None:
    """Why Qt cannot open a window here, or None when it can. Without a display Qt aborts,
    blaming a missing libxcb-cursor0, which sends people after the wrong fix."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith(("xcb", "wayland")):
        return None  # offscreen, vnc, eglfs...: the user chose a platform that needs none
    if not sys.platform.startswith("linux"):
        return None
    x11, wayland = os.environ.get("DISPLAY", ""), os.environ.get("WAYLAND_DISPLAY", "")
    if not (x11 or wayland):
        return "DISPLAY and WAYLAND_DISPLAY are not set"
    # Set, but left behind by a closed `ssh -X` or a stopped display server: Qt aborts too.
    if (x11 and x_display_answers(x11)) or (wayland and wayland_display_answers(wayland)):
        return None
    named = [f"{name}={value}" for name, value in (("DISPLAY", x11),
                                                  ("WAYLAND_DISPLAY", wayland)) if value]
    return f"nothing answers at {' or '.join(named)}"


def x_display_answers(display: str) -> bool:
    """Whether an X server takes connections at DISPLAY `display`: a local one (':N',
    'unix:N') on its socket, another host's ('localhost:10.0', as ssh forwards it) on TCP
    port 6000 + N. A form not known here counts as answering: Qt judges it."""
    import re
    import socket

    parts = re.fullmatch(r"([^:/]*):(\d+)(?:\.\d+)?", display)
    if parts is None:
        return True
    host, number = parts[1], int(parts[2])
    if host in ("", "unix"):
        path = X_SOCKET.format(number=number)
        return _unix_socket_answers("\0" + path) or _unix_socket_answers(path)
    try:
        socket.create_connection((host, 6000 + number), timeout=2).close()
    except OSError:
        return False
    return True


def wayland_display_answers(name: str) -> bool:
    """Whether a Wayland compositor takes connections at WAYLAND_DISPLAY `name` (a socket
    in XDG_RUNTIME_DIR, or a path)."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if not (os.path.isabs(name) or runtime):
        return False
    return _unix_socket_answers(os.path.join(runtime, name))


def _unix_socket_answers(address: str) -> bool:
    import socket

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(2)
        try:
            connection.connect(address)
        except OSError:
            return False
    return True


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
    why = missing_display()
    if why is not None:
        print(NO_DISPLAY.format(why=why), file=sys.stderr)
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
