"""The columns of counts and line numbers of the Matches dock's tables (Words, Line A, Line B;
Score), fitted to the table's width so the text beside them (a passage's differences, a
theme's shared terms) keeps a readable line.

Where the table has room the headings are whole ("Line A") and the columns no narrower than
`COUNT_WIDTH`. In a narrow table (a small screen at 150 %, large fonts: the dock narrowed to
300 pixels), where whole headings would leave the text fewer than `TEXT_LEAST_CHARS`
characters a line, they take their short forms ("A", the whole heading in their tooltips)
and the columns the width of their figures: whole, the headings took 80 pixels each for
figures of one to three digits, and left "+ important thought" cut to "+ imp" in a table
scrolling sideways.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTableView

#: The least width of the columns of counts and line numbers, headings whole (pixels).
COUNT_WIDTH = 52
#: The characters a line of the text beside the counts keeps before their headings shorten.
TEXT_LEAST_CHARS = 20


@runtime_checkable
class ShortenedHeadings(Protocol):
    """A model whose headings take their short forms (`shorten(True)`) or whole ones."""

    def shorten(self, short: bool) -> None: ...


class CountColumns(QObject):
    """Fits `table`'s first `counts` columns (`fit`) now and whenever its viewport is resized
    (the dock, a scroll bar coming or going) or its font changes."""

    def __init__(self, table: QTableView, counts: int) -> None:
        super().__init__(table)
        self.table, self.counts = table, counts
        table.viewport().installEventFilter(self)
        table.installEventFilter(self)

    def fit(self) -> None:
        """Whole headings and columns no narrower than `COUNT_WIDTH` where they leave the
        text `TEXT_LEAST_CHARS` a line, else short ones and columns as wide as their figures."""
        table = self.table
        model = table.model()
        if not isinstance(model, ShortenedHeadings):
            return
        header = table.horizontalHeader()
        least_text = TEXT_LEAST_CHARS * table.fontMetrics().averageCharWidth()
        for short in (False, True):
            model.shorten(short)
            widths = [max(0 if short else COUNT_WIDTH, table.sizeHintForColumn(column),
                          header.sectionSizeHint(column)) for column in range(self.counts)]
            if table.viewport().width() - sum(widths) >= least_text:
                break
        for column, width in enumerate(widths):
            if table.columnWidth(column) != width:
                table.setColumnWidth(column, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if (kind == QEvent.Type.Resize and watched is self.table.viewport()) or \
                (kind == QEvent.Type.FontChange and watched is self.table):
            self.fit()
        return False
