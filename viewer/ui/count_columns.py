"""The columns of counts and line numbers of the Matches dock's tables (Words, Line A, Line B;
Score; a slogan's uses in A and B and where it is), fitted to the table's width so the text
beside them (a passage's differences, a theme's shared terms, a slogan) keeps a readable line.

Where the table has room the headings and cells are whole ("Line A", "A only") and the
columns no narrower than their least width. In a narrow table (a small screen at 150 %, large
fonts: the dock narrowed to 300 pixels), where they would leave the text fewer than
`TEXT_LEAST_CHARS` characters a line, they take their short forms ("A", the whole heading in
their tooltips) and the columns the width of their contents: whole, the headings took 80
pixels each for figures of one to three digits, and left "+ important thought" cut to
"+ imp" in a table scrolling sideways.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QAbstractProxyModel, QEvent, QObject, Signal
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

#: The least width of the columns of counts and line numbers, headings whole (pixels).
COUNT_WIDTH = 52
#: The characters a line of the text beside the counts keeps before their headings shorten.
TEXT_LEAST_CHARS = 30
#: The least width of a column with its heading short (pixels).
_NARROWEST_SECTION = 8


@runtime_checkable
class ShortenedHeadings(Protocol):
    """A model whose headings (and cells) take their short forms (`shorten(True)`) or whole
    ones."""

    def shorten(self, short: bool) -> None: ...


class CountColumns(QObject):
    """Fits the columns of `table` but its `texts` (`fit`) now and whenever its viewport is
    resized (the dock, a scroll bar coming or going) or its font changes; whole, they are
    no narrower than `least` pixels. `shortened(short)` says when they take their short
    forms, or their whole ones again (`short`, as fitted last)."""

    shortened = Signal(bool)

    def __init__(self, table: QTableView, texts: Sequence[int], least: int = 0) -> None:
        super().__init__(table)
        self.table, self.texts, self.least = table, texts, least
        self.short = False
        # Qt's least width of a section is that of the font's widest letter: 43 pixels at
        # 16 pt, for columns of one-digit figures headed "A". Short, they take only what
        # they show; whole, no less than Qt's least (`_qt_least_width`), as they were.
        # Set once: a least width changed re-sizes the sections, and rows of wrapped text
        # grown and shrunk at each fit kept the slogans' list from being measured.
        table.horizontalHeader().setMinimumSectionSize(_NARROWEST_SECTION)
        table.viewport().installEventFilter(self)
        table.installEventFilter(self)

    def fit(self) -> None:
        """Whole headings and cells where they leave the text `TEXT_LEAST_CHARS` a line,
        else short ones and columns as wide as what they show."""
        table = self.table
        model = table.model()
        source = model.sourceModel() if isinstance(model, QAbstractProxyModel) else model
        if not isinstance(source, ShortenedHeadings):
            return
        header = table.horizontalHeader()
        counts = [column for column in range(model.columnCount()) if column not in self.texts]
        least_text = TEXT_LEAST_CHARS * table.fontMetrics().averageCharWidth()
        whole_least = max(self.least, _qt_least_width(header))
        for short in (False, True):
            source.shorten(short)
            widths = [max(0 if short else whole_least, table.sizeHintForColumn(column),
                          header.sectionSizeHint(column)) for column in counts]
            if table.viewport().width() - sum(widths) >= least_text:
                break
        for column, width in zip(counts, widths, strict=True):
            if table.columnWidth(column) != width:
                table.setColumnWidth(column, width)
        if short != self.short:
            self.short = short
            self.shortened.emit(short)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if (kind == QEvent.Type.Resize and watched is self.table.viewport()) or \
                (kind == QEvent.Type.FontChange and watched is self.table):
            self.fit()
        return False


def _qt_least_width(header: QHeaderView) -> int:
    """The least width Qt gives `header`'s sections unless told otherwise: its font's widest
    letter, and the heading's margins."""
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    return header.fontMetrics().maxWidth() + 2 * margin
