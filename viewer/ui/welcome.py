"""The welcome shown while no article is open: an invitation and the buttons that act on it.

The buttons sit beside the invitation while it keeps a readable line; where they would leave
it a thin column of two or three words a line (large fonts, a small screen), they go under it.
"""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QLabel, QPushButton

from viewer.ui.flow_row import FlowRow

#: The narrowest line the invitation is given beside the buttons, in average characters.
READABLE_CHARS = 30


class Welcome(QFrame):
    """The invitation, with its buttons beside it or under it as the width allows."""

    def __init__(self, text: str, buttons: list[QPushButton]) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.invitation = QLabel(text)
        self.invitation.setWordWrap(True)  # the window's narrowest width is not set by it
        self.buttons = FlowRow()  # in large fonts, on a small screen, the buttons wrap
        for button in buttons:
            self.buttons.addWidget(button)
        self._row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._row.addWidget(self.invitation, 1)
        self._row.addLayout(self.buttons)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        self._arrange(event.size().width())
        super().resizeEvent(event)

    def _arrange(self, width: int) -> None:
        margins = self._row.contentsMargins()
        beside = (width - margins.left() - margins.right() - self._row.spacing()
                  - self.buttons.sizeHint().width())
        readable = self.invitation.fontMetrics().averageCharWidth() * READABLE_CHARS
        direction = (QBoxLayout.Direction.LeftToRight if beside >= readable
                     else QBoxLayout.Direction.TopToBottom)
        if self._row.direction() != direction:
            self._row.setDirection(direction)
