"""A table that says why it is empty: with no rows it draws a short note where the rows
would be ("No shared phrases at these settings."), as the reports print one, rather than a
blank a reader takes for a list still loading or a fault."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QTableView

#: Space (pixels) between the note and the viewport's edges.
_MARGIN = 8


class NotedTable(QTableView):
    """A `QTableView` whose `empty_note` ("" for none) shows while its model has no rows."""

    def __init__(self) -> None:
        super().__init__()
        self._note = ""

    @property
    def empty_note(self) -> str:
        return self._note

    @empty_note.setter
    def empty_note(self, note: str) -> None:
        self._note = note
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        model = self.model()
        if not self._note or model is None or model.rowCount() > 0:
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        area = self.viewport().rect().adjusted(_MARGIN, _MARGIN, -_MARGIN, -_MARGIN)
        painter.drawText(QRect(area), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                         | Qt.TextFlag.TextWordWrap, self._note)
        painter.end()
