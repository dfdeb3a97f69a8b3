"""Fixtures for the window tests: real windows on real files, settings in a temp .ini, and
any Qt warning fails the test (pytest-qt's log capture, marked here for tests/ui only)."""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).parent

# The offscreen platform plugin says this for every top-level window; it is not our bug.
_OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(_OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def gui_thread_collection(qapp):  # type: ignore[no-untyped-def]
    """Cycles collected in the GUI thread only, as the app has them (`viewer.app`)."""
    from viewer.ui.gc_policy import GuiThreadCollector

    collector = GuiThreadCollector(qapp)
    yield
    collector.stop()
    collector.setParent(None)


def _app_font_at(qapp, points: float | None):  # type: ignore[no-untyped-def]
    font = qapp.font()
    if points is not None:
        large = qapp.font()
        large.setPointSizeF(points)
        qapp.setFont(large)
    yield points or font.pointSizeF()
    qapp.setFont(font)


@pytest.fixture(params=[14, 16])
def large_font(qapp, request):  # type: ignore[no-untyped-def]
    """The application's font at `request.param` points, as a reader's desktop sets it."""
    yield from _app_font_at(qapp, request.param)


@pytest.fixture(params=[None, 14, 16], ids=["default", "14", "16"])
def any_font(qapp, request):  # type: ignore[no-untyped-def]
    """The application's font as it is, then at the `large_font` sizes."""
    yield from _app_font_at(qapp, request.param)


@pytest.fixture
def settings_ini(tmp_path: Path) -> str:
    return str(tmp_path / "tandem.ini")


@pytest.fixture
def make_window(qtbot, settings_ini):  # type: ignore[no-untyped-def]
    """Build a shown MainWindow; closed (and its worker joined) at teardown."""
    from viewer.ui.main_window import MainWindow

    windows = []

    def make(ini: str | None = None) -> MainWindow:
        window = MainWindow(ini or settings_ini)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


def wait_rendered(qtbot, window, timeout: int = 30000) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.rendered is not None and not window.busy, timeout=timeout)
