"""The two-text window's docks in a narrow window: the texts keep readable lines, the
docks what their content needs, and the reader's own width for them stands."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QScrollArea

from tests.ui.conftest import wait_rendered
from viewer.ui.dock_width import DOCKS_MOST_SHARE, DOCKS_WIDTH

#: The average characters a line of each text holds at the least, where the docks can
#: give way to them.
READABLE_LINE = 25


def _docks(window: QMainWindow) -> tuple[QDockWidget, QDockWidget]:
    return (window.findChild(QDockWidget, "matches_dock"),
            window.findChild(QDockWidget, "settings_dock"))


def _least(window: QMainWindow) -> int:
    """The docks' least width: what their content needs."""
    return max(dock.minimumSizeHint().width() for dock in _docks(window))


def _fair(window: QMainWindow) -> int:
    return max(_least(window), int(window.width() * DOCKS_MOST_SHARE))


def _line_chars(window: QMainWindow) -> list[float]:
    """The average characters a line of each text holds."""
    return [pane.view.viewport().width() / pane.view.fontMetrics().averageCharWidth()
            for pane in window.panes]


def _compared_in(make_window, qtbot, width: int, height: int) -> QMainWindow:  # type: ignore[no-untyped-def]
    window = make_window()
    window.action_try_sample()
    wait_rendered(qtbot, window)
    window.resize(width, height)
    matches, _ = _docks(window)
    qtbot.waitUntil(lambda: matches.width() <= _fair(window), timeout=2000)
    qtbot.wait(20)  # the texts and tables laid out at their new widths
    return window


@pytest.mark.parametrize("size", [(620, 470), (900, 510)])
def test_in_a_narrow_window_the_texts_keep_readable_lines(
        make_window, qtbot, any_font, size) -> None:  # type: ignore[no-untyped-def]
    # On a 1024x768 screen at 150 % (655x492) the window opened 622 wide, the Matches dock
    # kept its 380 pixels and the texts 5 to 10 characters a line: "constructio / n".
    window = _compared_in(make_window, qtbot, *size)
    matches, settings = _docks(window)
    assert matches.width() <= _fair(window)
    # The texts hold a readable line, or the docks gave them all they could.
    for chars in _line_chars(window):
        assert chars >= READABLE_LINE or matches.width() == _least(window), chars
    # The docks stay usable: the settings whole, unscrolled sideways; the tabs in sight.
    scroller = settings.findChild(QScrollArea, "settings_scroller")
    assert scroller.horizontalScrollBar().maximum() == 0
    panel = window.side_panel
    bar = panel.tabBar()
    for index, table in enumerate((panel.phrases, panel.slogans, panel.themes)):
        panel.setCurrentIndex(index)
        qtbot.wait(20)
        assert bar.isVisible() and bar.rect().intersects(bar.tabRect(index))
        assert table.isVisible() and table.viewport().width() > 0


def test_where_the_window_has_room_the_docks_keep_their_width(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    matches, _ = _docks(window)
    qtbot.wait(50)
    assert matches.width() == DOCKS_WIDTH
    window.resize(620, 470)
    qtbot.waitUntil(lambda: matches.width() < DOCKS_WIDTH, timeout=2000)
    window.resize(1280, 800)  # made wide again: the docks have their width back
    qtbot.waitUntil(lambda: matches.width() == DOCKS_WIDTH, timeout=2000)


def _drag_docks_edge(window: QMainWindow, qtbot, by: int) -> None:  # type: ignore[no-untyped-def]
    """Drag the edge between the texts and the docks `by` pixels to the right."""
    matches, _ = _docks(window)
    edge = QPoint((window.centralWidget().geometry().right() + matches.x()) // 2 + 1,
                  matches.geometry().center().y())
    qtbot.mousePress(window, Qt.MouseButton.LeftButton, pos=edge)
    qtbot.mouseMove(window, edge + QPoint(by, 0))
    qtbot.wait(20)  # the window moves its docks' edge once the mouse has moved
    qtbot.mouseRelease(window, Qt.MouseButton.LeftButton, pos=edge + QPoint(by, 0))
    qtbot.wait(20)


def test_the_docks_edge_dragged_by_the_reader_stays_where_they_put_it(
        make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = _compared_in(make_window, qtbot, 620, 470)
    matches, _ = _docks(window)
    fitted = matches.width()
    _drag_docks_edge(window, qtbot, -80)
    wider = matches.width()
    assert wider > fitted  # the reader wants the matches wider than they were fitted
    for size in [(640, 470), (700, 520)]:
        window.resize(*size)
        qtbot.wait(50)
        assert matches.width() == wider

