"""Column widths of the collection's tables: every column in view at the table's width.

A table's columns are fitted to their contents (titles, phrases, dates, figures); where
they are wider together than the table, the widest give up room first, down to one level
at which all fit, so a title or a phrase is cut (in the middle) before a date, a series or
a figure is pushed out of view. Tables are fitted again when they are resized.

A tree's first column (the Clusters tab's text) takes the room its other columns leave, but
never less than `TEXT_SHARE` of it: in a small window the others are scrolled to sideways
rather than leave the text a few pixels.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QTableView, QTreeView

#: A column fitted to its contents is at most this wide, and one cut to let the others
#: show is no narrower than this (pixels).
WIDEST_COLUMN = 320
NARROWEST_CAPPED = 120
#: The share of a tree's width its first column keeps, however wide the others.
TEXT_SHARE = 0.5


def fit_widths(table: QTableView, room: int) -> None:
    """Cap the widths of `table`'s columns (what their contents and headings ask for) at
    one level, the highest at which all of them fit in `room` pixels, but not below
    `NARROWEST_CAPPED` nor above `WIDEST_COLUMN`."""
    header = table.horizontalHeader()
    widths = [min(max(table.sizeHintForColumn(c), header.sectionSizeHint(c)), WIDEST_COLUMN)
              for c in range(table.model().columnCount())]
    cap = WIDEST_COLUMN
    ranked = sorted(widths, reverse=True)
    if sum(ranked) > room:
        for k in range(1, len(ranked) + 1):  # the k widest capped, the rest as they are
            cap = (room - sum(ranked[k:])) // k
            if k == len(ranked) or cap >= ranked[k]:
                break
    cap = max(NARROWEST_CAPPED, min(cap, WIDEST_COLUMN))
    for column, width in enumerate(widths):
        table.setColumnWidth(column, min(width, cap))


def fit_first_column(tree: QTreeView) -> None:
    """Give `tree`'s first column the width its other columns leave in view, and at least
    `TEXT_SHARE` of it."""
    header = tree.header()
    room = tree.viewport().width()
    others = sum(header.sectionSize(c) for c in range(1, header.count())
                 if not header.isSectionHidden(c))
    tree.setColumnWidth(0, max(room - others, int(room * TEXT_SHARE)))


class TextColumnFitter(QObject):
    """Fits a tree's first column (`fit_first_column`) now and whenever its viewport is
    resized (the window, or a scroll bar coming or going)."""

    def __init__(self, tree: QTreeView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tree = tree
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Interactive)
        tree.viewport().installEventFilter(self)

    def fit(self) -> None:
        fit_first_column(self.tree)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize and watched is self.tree.viewport():
            self.fit()
        return False


class ColumnFitter(QObject):
    """Fits the columns of its tables (`fit`) now and whenever a table is resized."""

    def __init__(self, tables: list[QTableView], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tables = tables
        for table in tables:
            table.installEventFilter(self)

    def fit(self) -> None:
        for table in self.tables:
            fit_widths(table, table.viewport().width())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize and watched in self.tables:
            assert isinstance(watched, QTableView)
            # Once the table has laid out its viewport, which follows this event.
            QTimer.singleShot(0, watched, lambda: fit_widths(watched, watched.viewport().width()))
        return False
