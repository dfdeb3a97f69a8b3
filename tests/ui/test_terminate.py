"""The window, run as the desktop starts it, closes on SIGTERM as on its close button."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from viewer.ui.settings_store import default_path

ROOT = Path(__file__).resolve().parents[2]


def _catches_sigterm(pid: int) -> bool:
    """Whether the process has a handler of its own for SIGTERM (Linux: /proc)."""
    status = Path(f"/proc/{pid}/status").read_text()
    caught = next(line for line in status.splitlines() if line.startswith("SigCgt:"))
    return bool(int(caught.split()[1], 16) & (1 << (signal.SIGTERM - 1)))


def test_sigterm_closes_the_window_and_saves_its_settings(tmp_path: Path) -> None:
    settings = default_path()  # in the tests' own configuration folder (conftest)
    settings.unlink(missing_ok=True)
    app = subprocess.Popen([sys.executable, "-m", "viewer"], cwd=ROOT,
                           env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not _catches_sigterm(app.pid):
            assert app.poll() is None, app.stderr.read() if app.stderr else ""
            assert time.monotonic() < deadline, "the window never came up"
            time.sleep(0.1)
        app.send_signal(signal.SIGTERM)
        _, err = app.communicate(timeout=30)
    finally:
        app.kill()
    assert app.returncode == 0, err  # not -15: it closed, it was not cut off
    assert settings.is_file()  # written as the window closed
    assert "Traceback" not in err
