"""Column widths of the collection's tables: every column in view at the table's width.

A table's columns are fitted to their contents (titles, phrases, dates, figures); where
they are wider together than the table, the widest give up room first, down to one level
at which all fit, so a title or a phrase is cut (in the middle) before a date, a series or
a figure is pushed out of view; a wide window cuts nothing that fits. Tables are fitted
again when they are resized or sorted.

Qt measures a table's first rows only (its resize precision: measuring thousands of rows
costs seconds); rows that come after them but must be read whole (the watch-list's, after
the formulations) are named to the fitter and measured as well, and so are, in each column,
the rows of its longest texts (`ListTableModel.widest_rows`): an id, a series or a figure
longer than those of the first rows is not cut.

A table out of sight (another tab shown) is fitted when it is next shown: fitting the four
tables of a 10,000-article collection at once held the window up 60 ms as it was shown.

A tree's first column (the Clusters tab's text) takes the room its other columns leave, but
never less than `TEXT_SHARE` of it: in a small window the others are scrolled to sideways
rather than leave the text a few pixels. Where they would be scrolled to for a few pixels
only (`TEXT_GIVE`), the text gives them up: at 16 pt in a 1024-pixel window, the columns
needing just over half of it, the tree scrolled sideways 1 to 8 pixels.

A heading is given the room of its text, and the room of a sort indicator only where the
table (or the tree) is sorted by it: Qt's headings each keep room for one, which at 16 pt
took 34 pixels a column, 300 of the nine columns of pairs, and cut the dates of a small
screen; the Clusters tab's five took 120 pixels at 11 pt, and its last column out of view.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QTableView, QTreeView

from viewer.ui.collection.table_model import ListTableModel

#: A column cut to let the others show is no narrower than this (pixels).
NARROWEST_CAPPED = 120
#: The share of a tree's width its first column keeps, however wide the others...
TEXT_SHARE = 0.5
#: ...but for this many characters, where the others would be out of view by no more.
TEXT_GIVE = 4


def _cell_width(table: QTableView, row: int, column: int) -> int:
    """The width the cell at `row`, `column` asks for, as `sizeHintForColumn` measures."""
    index = table.model().index(row, column)
    return table.sizeHintForIndex(index).width() + (1 if table.showGrid() else 0)


def _sort_indicator_room(header: QHeaderView, column: int) -> int:
    """The width `header`'s size hint of `column` keeps for a sort indicator, as its style
    measures a heading with one and without."""
    if not header.isSortIndicatorShown():
        return 0
    option = QStyleOptionHeader()
    option.initFrom(header)
    font = header.font()
    font.setBold(True)  # as Qt measures a heading
    option.fontMetrics = QFontMetrics(font)
    option.orientation = Qt.Orientation.Horizontal
    option.section = column
    option.text = str(header.model().headerData(column, Qt.Orientation.Horizontal))
    style = header.style()
    widths = []
    for indicator in (QStyleOptionHeader.SortIndicator.SortDown,
                      QStyleOptionHeader.SortIndicator.None_):
        option.sortIndicator = indicator
        widths.append(style.sizeFromContents(QStyle.ContentsType.CT_HeaderSection, option,
                                             QSize(), header).width())
    return max(0, widths[0] - widths[1])


def heading_width(header: QHeaderView, column: int) -> int:
    """The width `column`'s heading asks for: its text, and a sort indicator's room where
    the table is sorted by it (none is drawn in the others)."""
    width = header.sectionSizeHint(column)
    if column != header.sortIndicatorSection():
        width -= _sort_indicator_room(header, column)
    return width


def fit_widths(table: QTableView, room: int, rows: Iterable[int] = ()) -> None:
    """Cap the widths of `table`'s columns (what their contents and headings ask for,
    `rows` and each column's longest texts measured besides those Qt measures) at one
    level, the highest at which all of them fit in `room` pixels (none when they fit as
    they are), but not below `NARROWEST_CAPPED`; the columns shown `whole` (dates, ids,
    figures) are capped only where the others at that narrowest leave too little room,
    and never where the table must scroll sideways all the same.
    A table that lists nothing (a filter that matches no row) is left as it is: fitted to
    its headings alone, "A" would shrink to its letter, the last column take the rest,
    and the columns jump as the user types."""
    header = table.horizontalHeader()
    model = table.model()
    if not model.rowCount():
        return
    rows = list(rows)

    def measured(column: int) -> list[int]:
        if isinstance(model, ListTableModel):
            return [*rows, *model.widest_rows(column)]
        return rows

    # No narrower than the header lets a column be: at 16 pt its least width (43 pixels)
    # is wider than a column of one-digit figures, and the columns came out 9 pixels
    # wider than the fitter had counted.
    widths = [max(header.minimumSectionSize(), table.sizeHintForColumn(c),
                  heading_width(header, c), *(_cell_width(table, r, c) for r in measured(c)))
              for c in range(model.columnCount())]
    whole = [isinstance(model, ListTableModel) and model.columns[c].whole
             for c in range(len(widths))]
    # The titles and phrases give up room first, down to the narrowest; only if that is
    # not enough, the dates, ids and figures too, at the level of the others.
    cut = [w for w, kept in zip(widths, whole, strict=True) if not kept]
    cap = _level(cut, room - sum(widths) + sum(cut))
    if sum(min(w, cap) for w in cut) + sum(widths) - sum(cut) > room:
        cap = _level(widths, room)
        # Where even that is too wide, the table scrolls sideways all the same: a date
        # cut to the titles' narrowest would save a few pixels and read as nothing.
        if sum(min(w, cap) for w in widths) <= room:
            whole = [False] * len(widths)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width if whole[column] else min(width, cap))


def _level(widths: list[int], room: int) -> int:
    """The highest width at which `widths`, each capped at it, fit in `room` pixels (their
    widest when they fit as they are), but not below `NARROWEST_CAPPED`."""
    ranked = sorted(widths, reverse=True)
    cap = ranked[0] if ranked else 0
    if sum(ranked) > room:
        for k in range(1, len(ranked) + 1):  # the k widest capped, the rest as they are
            cap = (room - sum(ranked[k:])) // k
            if k == len(ranked) or cap >= ranked[k]:
                break
    return max(NARROWEST_CAPPED, cap)


def fit_tree_columns(tree: QTreeView, contents: Sequence[int]) -> None:
    """Give each of `tree`'s columns after the first the width of its `contents` (as
    measured) or of its heading (`heading_width`: no sort indicator's room but where the
    tree is sorted by it), whichever is wider, and the first what they leave
    (`fit_first_column`)."""
    header = tree.header()
    for column in range(1, header.count()):
        tree.setColumnWidth(column, max(contents[column], heading_width(header, column)))
    fit_first_column(tree)


def fit_first_column(tree: QTreeView) -> None:
    """Give `tree`'s first column the width its other columns leave in view, and at least
    `TEXT_SHARE` of it, unless they leave it no more than `TEXT_GIVE` characters less."""
    header = tree.header()
    room = tree.viewport().width()
    others = sum(header.sectionSize(c) for c in range(1, header.count())
                 if not header.isSectionHidden(c))
    least = int(room * TEXT_SHARE)
    give = TEXT_GIVE * tree.fontMetrics().averageCharWidth()
    tree.setColumnWidth(0, room - others if room - others >= least - give else least)


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
    """Fits the columns of its tables (`fit`) now and whenever a table is resized; those
    out of sight when they are to be fitted, when they are shown."""

    def __init__(self, tables: list[QTableView], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tables = tables
        #: Per table, the rows to measure besides those Qt measures (`measure_also`).
        self._also: dict[QTableView, Callable[[], Iterable[int]]] = {}
        #: The tables asked to be fitted while `held`, else None.
        self._held: list[QTableView] | None = None
        #: The tables asked to be fitted while out of sight.
        self._due: set[QTableView] = set()
        for table in tables:
            table.installEventFilter(self)
            # Sorted, other rows come into view (those Qt measures): as a filter does.
            table.model().layoutChanged.connect(lambda *_, table=table: self.fit_table(table))

    def measure_also(self, table: QTableView, rows: Callable[[], Iterable[int]]) -> None:
        """Measure `rows()` (rows of `table` as it shows them now) whenever `table` is
        fitted, besides the first rows Qt measures."""
        self._also[table] = rows

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Fit the tables asked for while held once each, when let go: a collection
        shown resets, sorts and filters a table, each asking for a fit (a large one's
        cost a tenth of a second each)."""
        if self._held is not None:  # held already: fitted when the outer hold ends
            yield
            return
        held: list[QTableView] = []
        self._held = held
        try:
            yield
        finally:
            self._held = None
            for table in dict.fromkeys(held):
                self.fit_table(table)

    def fit_table(self, table: QTableView) -> None:
        if self._held is not None:
            self._held.append(table)
            return
        if not table.isVisible():
            self._due.add(table)
            return
        self._due.discard(table)
        rows = self._also.get(table)
        fit_widths(table, table.viewport().width(), rows() if rows is not None else ())

    def fit(self) -> None:
        for table in self.tables:
            self.fit_table(table)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize and watched in self.tables:
            assert isinstance(watched, QTableView)
            # Once the table has laid out its viewport, which follows this event.
            QTimer.singleShot(0, watched, lambda: self.fit_table(watched))
        elif event.type() == QEvent.Type.Show and watched in self._due:
            assert isinstance(watched, QTableView)
            self.fit_table(watched)  # before it is painted
        return False
