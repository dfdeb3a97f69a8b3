"""Widgets of the collection view that keep their text whole in large fonts and narrow
windows: a field as wide as what it holds, a series box as wide as its entries (to a
bound), a column cut at its end rather than its middle, and a wrapped hint given the height
its lines take in a splitter.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)


class HintRoom(QObject):
    """Gives a wrapped `hint` in `split`'s last pane the height its text takes at its
    width, taken from the first pane (down to its least height), whenever the hint is
    laid out anew: a splitter gives a pane its share of the height, not what a wrapped
    text needs, and in large fonts the hint lost its first and last lines. Not as a
    least height: a pane dragged narrow would then have held the window taller than the
    screen."""

    def __init__(self, hint: QLabel, split: QSplitter) -> None:
        super().__init__(hint)
        self.hint, self.split = hint, split
        pane = hint.parentWidget()
        assert pane is not None
        pane.installEventFilter(self)  # resized, or laid out again as the text changes

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            # Once the pane's layout has given the hint its size, which follows this event.
            QTimer.singleShot(0, self, self.fit)
        return False

    def fit(self) -> None:
        hint, split = self.hint, self.split
        if not hint.isVisible() or hint.width() <= 0:
            return
        need = hint.heightForWidth(hint.width()) - hint.height()
        sizes = split.sizes()
        first = split.widget(0)
        if first is None:
            return
        give = min(need, sizes[0] - first.minimumSizeHint().height())
        if give > 0:
            split.setSizes([sizes[0] - give, *sizes[1:-1], sizes[-1] + give])



class KeepStart(QStyledItemDelegate):
    """Draws a cell too long for its column cut at its end ("2021-01-16 · The ann…"),
    where the table cuts its others in the middle."""

    def initStyleOption(self, option: QStyleOptionViewItem,  # noqa: N802 (Qt override)
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideRight



class FittedField(QLineEdit):
    """A field as wide as its placeholder ("from YYYY-MM-DD") or `sample` (a date), in the
    font it is shown in: one of a fixed width cut a date typed in large fonts, and Qt's
    own hint (17 "x") cut the placeholder that says what to type."""

    def __init__(self, placeholder: str, sample: str = "") -> None:
        super().__init__(placeholderText=placeholder)
        self.sample = sample

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        # Qt's hint is 17 "x" wide, with the field's margins, frame and clear button
        # besides; and an "x" more for the room the style and the cursor take from it.
        frame = hint.width() - 16 * metrics.horizontalAdvance("x")
        text = max(metrics.horizontalAdvance(self.placeholderText()),
                   metrics.horizontalAdvance(self.sample))
        return QSize(text + frame, hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self.sizeHint()


#: The most room, in characters, the Series box takes: past it, a series' name is cut.
SERIES_BOX_CHARACTERS = 40


class SeriesBox(QComboBox):
    """A combo box as wide as its longest entry (`AdjustToContents`), measured again as
    its entries change, but at most `SERIES_BOX_CHARACTERS` characters wide in the font it
    is shown in: the filters never squeeze a field, so a series named at length (a folder
    of scraped pages) held the window wider than the screen. Its list shows it whole."""

    def __init__(self) -> None:
        super().__init__()
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

    def _bounded(self, hint: QSize) -> QSize:
        widest = self.fontMetrics().averageCharWidth() * SERIES_BOX_CHARACTERS
        return QSize(min(hint.width(), widest), hint.height())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self._bounded(super().sizeHint())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self._bounded(super().minimumSizeHint())
