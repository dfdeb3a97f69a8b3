"""The status bar's figures, which make room for a message shown beside them.

The figures ("Shared text: 11% of A, …") stay in the status bar, but a message of what the
reader just did ("“…”: use 1 of 15 in A, …") is drawn only in the width left of them: in
a narrow window it ran under the figures and was cut off. While a message is shown, the
figures take what it leaves and are drawn shortened with "…"; whole again once it goes.
A note standing behind the messages (`make_room_for`) is given room the same way, up to
half the bar: it stands as long as the pair (or the collection) it tells of is shown, and
the figures, or the progress beside them, are as much to read.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QMoveEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QStatusBar

#: What QStatusBar leaves before a message (pixels), and between it and the figures.
MESSAGE_LEFT, GAP = 6, 12
#: QWIDGETSIZE_MAX: no limit on a widget's width.
NO_LIMIT = (1 << 24) - 1


class StatusFigures(QLabel):
    """A plain-text label for `bar`'s permanent figures: `text()` is the whole text, drawn
    shortened when the label is given less width than it asks for."""

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._bar = bar
        self._note = ""
        bar.messageChanged.connect(self._fit)
        bar.installEventFilter(self)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                              rect.width())
        painter = QPainter(self)
        self.style().drawItemText(painter, rect, int(self.alignment()), self.palette(),
                                  self.isEnabled(), shown, self.foregroundRole())

    def moveEvent(self, event: QMoveEvent) -> None:  # noqa: N802 (Qt override)
        super().moveEvent(event)
        self._fit()  # the progress bar shown or hidden after them moved their end

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self._bar and event.type() == QEvent.Type.Resize:
            self._fit()
        return False

    def make_room_for(self, note: str) -> None:
        """Leave room for `note`, shown at the bar's left when no message covers it."""
        self._note = note
        self._fit()

    def _fit(self) -> None:
        message = self._bar.currentMessage()
        note = not message and self._note
        message = message or self._note
        if not message:
            self.setMaximumWidth(NO_LIMIT)
            return
        # The figures end where the widgets after them begin, however wide the figures
        # are; they may start no further left than the message's end.
        right = self.x() + self.width()
        taken = MESSAGE_LEFT + self._bar.fontMetrics().horizontalAdvance(message) + GAP
        if note:
            taken = min(taken, self._bar.width() // 2)
        self.setMaximumWidth(max(0, right - taken))
