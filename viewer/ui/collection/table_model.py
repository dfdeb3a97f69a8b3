"""A read-only table over a Python list, sorted and filtered in Python by column keys.

The collection's lists run to tens of thousands of rows: sorting by a key function over the
list is far faster than a QSortFilterProxyModel calling back into Python per comparison.
The view asks only for the rows it shows.
"""

from __future__ import annotations

import heapq
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

RowT = TypeVar("RowT")
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[RowT]):
    header: str
    text: Callable[[RowT], str]
    #: What the column sorts by (default: its text); None for a row with no value (an
    #: undated article), listed last whichever way the column sorts.
    key: Callable[[RowT], Any] | None = None
    tip: Callable[[RowT], str] | None = None
    align_right: bool = False
    #: What a short heading stands for, as its tooltip (else the heading itself).
    heading_tip: str = ""
    #: Shown whole, however far down its longest text is (`widest_rows`): an id, a series
    #: or a figure; not a title, which a narrow window cuts anyway.
    whole: bool = False
    #: Cut at its end where too long, not in its middle as a title is: it begins with
    #: what it is read for (the date of a first use).
    keep_start: bool = False


class ListTableModel(QAbstractTableModel, Generic[RowT]):
    def __init__(self, columns: Sequence[Column[RowT]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.items: list[RowT] = []
        self.order: list[int] = []
        self._accept: Callable[[RowT], bool] | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None
        #: Per column, the items `widest_rows` found, until the items or the filter change.
        self._widest: dict[int, list[int]] = {}
        #: Per column, each item's text length in characters (and in UTF-8 bytes, where
        #: some text is not ASCII), until the items change: a filter (a keystroke in a
        #: search field) finds its widest rows without reading every text again.
        self._lengths: dict[int, list[list[int]]] = {}

    def set_items(self, items: Sequence[RowT]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self._widest.clear()
        self._lengths.clear()
        self._arrange()
        self.endResetModel()

    def set_filter(self, accept: Callable[[RowT], bool] | None) -> None:
        self.beginResetModel()
        self._accept = accept
        self._widest.clear()
        self._arrange()
        self.endResetModel()

    def item(self, row: int) -> RowT:
        """The item shown at `row`."""
        return self.items[self.order[row]]

    def shown(self) -> list[RowT]:
        return [self.items[k] for k in self.order]

    def widest_rows(self, column: int, count: int = 3) -> list[int]:
        """Rows (as shown now) of the `count` longest lengths of text in `column` if it is
        shown `whole` (else none), in characters and in UTF-8 bytes (a Chinese character
        is as wide as two Latin ones).

        Qt measures a column's first rows only: these are the rows besides them whose
        text a column must fit to show its longest whole. Counting characters costs a
        fraction of measuring every row's text, and is done once per list of items; a
        filter then only looks through the counts of the rows it shows."""
        if not self.columns[column].whole:
            return []
        if column not in self._widest:
            counts = [[lengths[k] for k in self.order] for lengths in self._lengths_of(column)]
            # A row for each of the longest lengths: rows as long as it are about as wide.
            found = {lengths.index(n): None
                     for lengths in counts for n in heapq.nlargest(count, set(lengths))}
            self._widest[column] = [self.order[row] for row in found]
        return [self.order.index(k) for k in self._widest[column]]

    def _lengths_of(self, column: int) -> list[list[int]]:
        """Each item's text length in `column`, in characters, and, where some text is
        not ASCII, in UTF-8 bytes (`widest_rows`), counted once per list of items."""
        if column not in self._lengths:
            text = self.columns[column].text
            texts = [text(item) for item in self.items]
            counts = [list(map(len, texts))]
            if not all(map(str.isascii, texts)):
                # (A lone surrogate, which no UTF-8 has, counted all the same.)
                utf8 = operator.methodcaller("encode", "utf-8", "surrogatepass")
                counts.append(list(map(len, map(utf8, texts))))
            self._lengths[column] = counts
        return self._lengths[column]

    def _arrange(self) -> None:
        accept = self._accept
        order = [k for k, item in enumerate(self.items) if accept is None or accept(item)]
        if self._sort is not None:
            column, direction = self._sort
            spec = self.columns[column]
            key = spec.key or spec.text
            keyed = [(key(self.items[k]), k) for k in order]
            known = sorted(((value, k) for value, k in keyed if value is not None),
                           key=lambda pair: pair[0],
                           reverse=direction == Qt.SortOrder.DescendingOrder)
            order = [k for _, k in known] + [k for value, k in keyed if value is None]
        self.order = order

    # -- Qt model ------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        if role == Qt.ItemDataRole.ToolTipRole:
            # The heading whole, where its column cuts it short, or what it stands for.
            return self.columns[section].heading_tip or self.columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(self.item(index.row()))
        if role == Qt.ItemDataRole.ToolTipRole and column.tip is not None:
            return column.tip(self.item(index.row()))
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        # The rows the views hold (the selection, the current row) follow their items:
        # left at their row numbers they would name other items once sorted.
        held = self.persistentIndexList()
        items = [self.order[index.row()] for index in held]
        # Column -1 (no sort indicator): the list's own order, e.g. the ranking.
        self._sort = (column, order) if column >= 0 else None
        self._arrange()
        row_of = {item: row for row, item in enumerate(self.order)}
        self.changePersistentIndexList(
            held, [self.index(row_of[item], index.column())
                   for item, index in zip(items, held, strict=True)])
        self.layoutChanged.emit()
