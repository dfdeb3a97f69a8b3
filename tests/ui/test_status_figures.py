"""The status bar's figures beside a message of what the reader just did."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.conftest import wait_rendered


def test_a_message_beside_the_figures_is_read_whole_in_a_narrow_window(make_window,  # type: ignore[no-untyped-def]
                                                                       qtbot) -> None:
    # At 1024 pixels "“promoting Chinese-style modernization”: use 1 of 15 in A, use 1 of
    # 4 in B (choose…" ran under the figures, cut off where they began.
    window = make_window()
    window.resize(900, 640)
    window.action_try_sample()
    wait_rendered(qtbot, window)
    bar, figures = window.statusBar(), window.figures
    whole = figures.text()
    window.side_panel.setCurrentIndex(1)
    table = window.side_panel.slogans
    rows = table.model().rowCount()
    assert rows
    message_width = 0
    for row in range(rows):  # the slogan said at the greatest length
        table.scrollTo(table.model().index(row, 0))
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                         pos=table.visualRect(table.model().index(row, 0)).center())
        width = bar.fontMetrics().horizontalAdvance(bar.currentMessage())
        if width > message_width:
            message_width, longest = width, row
    table.scrollTo(table.model().index(longest, 0))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(table.model().index(longest, 0)).center())
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,  # once more: use 2, or 1
                     pos=table.visualRect(table.model().index(longest, 0)).center())
    message_width = bar.fontMetrics().horizontalAdvance(bar.currentMessage())
    # Both whole would not fit: the case this is about.
    assert message_width + figures.fontMetrics().horizontalAdvance(whole) > bar.width() - 40

    qtbot.waitUntil(lambda: figures.geometry().left() > message_width + 6)
    assert figures.text() == whole  # shortened as drawn only
    bar.clearMessage()
    qtbot.waitUntil(lambda: figures.width() >= figures.fontMetrics().horizontalAdvance(whole))


def test_the_progress_bar_has_room_for_what_it_says(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    # The note's label, stretched to take the room left, left the bar only what its
    # "100%" asks for: "Indexing harbour-news… 0%" was cut off inside it.
    window = make_window()
    window.resize(1024, 700)
    progress = window.progress
    window.begin_progress("Indexing harbour-news…")
    qtbot.waitUntil(lambda: progress.isVisible() and progress.width() > 0)
    qtbot.waitUntil(lambda: progress.width() == progress.maximumWidth())
    assert progress.fontMetrics().horizontalAdvance(progress.text()) < progress.width() - 20
    window.end_progress("")
