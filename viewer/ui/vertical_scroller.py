"""A scroll area that scrolls up and down only: never narrower than its content needs.

A plain `QScrollArea` asks for almost no width of its own, so a dock holding one could be
made narrower than the form inside, which then scrolled sideways with its controls cut.
This one asks its parent's layout for its content's least width (plus its frame and the
vertical scroll bar), so whoever narrows the dock stops where the content still fits.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class VerticalScroller(QScrollArea):
    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        least = super().minimumSizeHint()
        content = self.widget()
        if content is None:
            return least
        width = (content.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
                 + 2 * self.frameWidth())
        return QSize(max(least.width(), width), least.height())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            # The content's least width changed (a font): the dock's layout asks again.
            self.updateGeometry()
        return super().event(event)
