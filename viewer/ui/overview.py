"""A thin strip beside a pane showing where shared passages and slogans lie; click to go there."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from viewer.core.grouping import distinct
from viewer.present.marks import MarkKind
from viewer.ui.colors import LIGHT, Scheme


class OverviewStrip(QWidget):
    """Marks are drawn at each span's share of the text length; `jump_requested` carries the
    fraction (0..1) of the text that was clicked."""

    jump_requested = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setToolTip("Where shared passages (left) and slogans (right) lie; click to go there")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._length = 0
        self._spans = [np.zeros((0, 2)), np.zeros((0, 2))]  # passages, slogans
        self._view = (0.0, 0.0)
        self._rows: dict[tuple[int, int], list[tuple[int, int]]] = {}
        self.scheme: Scheme = LIGHT

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(14, 100)

    def set_marks(self, length: int, phrases: np.ndarray, slogans: np.ndarray) -> None:
        """Spans of passages and of slogans, as n x 2 arrays of offsets."""
        self._length = length
        self._spans = [phrases, slogans]
        self._rows.clear()
        self.update()

    def set_view(self, top: float, bottom: float) -> None:
        """The visible part of the text, as fractions of its length."""
        if (top, bottom) != self._view:
            self._view = (top, bottom)
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        rect = self.rect()
        painter.fillRect(rect, self.palette().color(QPalette.ColorRole.AlternateBase))
        height = max(1, rect.height())
        if self._length:
            half = rect.width() / 2
            self._draw(painter, 0, 0, half, self.scheme.strip_passage, height)
            self._draw(painter, 1, half, half, self.scheme.marks[MarkKind.SLOGAN], height)
        top, bottom = self._view
        view_color = QColor(self.palette().color(QPalette.ColorRole.Text))
        view_color.setAlpha(45)
        painter.fillRect(QRectF(0, top * height, rect.width(), max(2.0, (bottom - top) * height)),
                         view_color)
        painter.end()

    def _draw(self, painter: QPainter, kind: int, x: float, width: float,
              color: QColor, height: int) -> None:
        rows = self._rows.get((kind, height))
        if rows is None:
            # Many marks fall on one pixel row of a long text: reduce once per height, so
            # scrolling (which repaints the view box) stays cheap.
            spans = self._spans[kind] * (height / self._length)
            tops = spans[:, 0].astype(np.int64)
            heights = np.maximum(2, spans[:, 1].astype(np.int64) - tops)
            pairs = distinct(tops * (height + 2) + heights)
            rows = list(zip((pairs // (height + 2)).tolist(), (pairs % (height + 2)).tolist(),
                            strict=True))
            self._rows[(kind, height)] = rows
        for y, h in rows:
            painter.fillRect(QRectF(x, y, width, h), color)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton:
            fraction = event.position().y() / max(1, self.height())
            self.jump_requested.emit(min(1.0, max(0.0, fraction)))
