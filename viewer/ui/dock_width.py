"""How wide the two-text window's docks (Matches above Settings) are.

`DOCKS_WIDTH` pixels where the window has room for them. In a narrow window (a small
screen at 150 %, large fonts, a window made narrow) they kept those 380 pixels and left
the two texts five to ten characters a line, words broken in two: there they take no
more than `DOCKS_MOST_SHARE` of the width, and less where the texts need it to keep
`TEXT_LINE_CHARS` characters a line, down to what the docks' content needs.

Fitted once for each width of the window; the reader who drags the docks' edge has
chosen their width, and it is no longer fitted.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractScrollArea, QDockWidget, QMainWindow

#: The docks' width where the window has room for it (pixels).
DOCKS_WIDTH = 380
#: The most of the window's width the docks take.
DOCKS_MOST_SHARE = 0.4
#: The average characters a line of each text keeps where the docks can give them room.
TEXT_LINE_CHARS = 30

_SIDES = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)


def docks_width(window: int, docks: int, lines: int, lines_need: int, least: int) -> int:
    """The docks' width in a window `window` pixels wide, where they are now `docks` wide,
    the texts' lines `lines` (together) and need `lines_need`; never below `least`."""
    fair = min(DOCKS_WIDTH, int(window * DOCKS_MOST_SHARE))
    return max(least, min(fair, docks + lines - lines_need))


class DockWidthFitter(QObject):
    """Fits the width of `docks` (stacked in one column beside the texts) to `window`'s,
    leaving the `texts` their lines, after the window is laid out at a new width."""

    def __init__(self, window: QMainWindow, docks: Sequence[QDockWidget],
                 texts: Sequence[QAbstractScrollArea]) -> None:
        super().__init__(window)
        self._window, self._docks, self._texts = window, docks, texts
        #: The window's width when the docks were last fitted.
        self._fitted: int | None = None
        #: The docks' width when the mouse was pressed on the window itself (its docks'
        #: edge, say), to tell whether the reader dragged it.
        self._pressed: int | None = None
        self.dragged = False
        window.installEventFilter(self)
        for dock in docks:
            dock.installEventFilter(self)  # shown again with the pair's page

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if kind in (QEvent.Type.Resize, QEvent.Type.Show):
            QTimer.singleShot(0, self, self.fit)  # once laid out at that width
        elif watched is self._window and kind == QEvent.Type.MouseButtonPress:
            self._pressed = self._docks[0].width()
        elif watched is self._window and kind == QEvent.Type.MouseButtonRelease:
            if self._pressed is not None and self._pressed != self._docks[0].width():
                self.dragged = True
            self._pressed = None
        return False

    def fit(self) -> None:
        window = self._window
        docks = [dock for dock in self._docks if dock.isVisible() and not dock.isFloating()]
        if self.dragged or window.width() == self._fitted or not self._in_one_column(docks):
            return
        self._fitted = window.width()
        width = docks_width(
            window.width(), docks[0].width(),
            sum(text.viewport().width() for text in self._texts),
            TEXT_LINE_CHARS * sum(text.fontMetrics().averageCharWidth() for text in self._texts),
            max(dock.minimumSizeHint().width() for dock in docks))
        if width != docks[0].width():
            window.resizeDocks([docks[0]], [width], Qt.Orientation.Horizontal)

    def _in_one_column(self, docks: list[QDockWidget]) -> bool:
        """Whether `docks` are all beside the texts on one side (not above or below them,
        nor some on each side): their width is then the texts' to share."""
        areas = {self._window.dockWidgetArea(dock) for dock in docks}
        return len(areas) == 1 and areas.pop() in _SIDES
