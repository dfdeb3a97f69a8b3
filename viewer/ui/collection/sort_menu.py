"""Sorting a collection's list from the keyboard: a menu of its columns.

A heading takes no focus, so a click was the only way to sort a table. The menu lists the
list's own order (its ranking, say) and each column, the one sorted by checked, and a way
to reverse the order; choosing an entry sets the heading's sort indicator as a click does,
so the list sorts, and shows it, exactly as a click sorts it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView, QTreeView

from viewer.ui.menus import menu_text

SortedView = QTableView | QTreeView
#: The entry reversing the order, and its Alt letter (kept from the columns').
REVERSE, REVERSE_LETTER = "Re&verse order", "v"


def with_letters(labels: Sequence[str], taken: str = "") -> list[str]:
    """`labels` as menu entries shown as written, each with an Alt letter (the first of
    its letters or digits no entry before it, nor `taken`, has; none when all are)."""
    used = set(taken.casefold())
    entries = []
    for label in labels:
        at = next((k for k, char in enumerate(label)
                   if char.isalnum() and char.casefold() not in used), None)
        if at is None:
            entries.append(menu_text(label))
            continue
        used.add(label[at].casefold())
        entries.append(f"{menu_text(label[:at])}&{menu_text(label[at:])}")
    return entries


def _header(view: SortedView) -> QHeaderView:
    return view.horizontalHeader() if isinstance(view, QTableView) else view.header()


def add_sort_entries(menu: QMenu, view: SortedView, own_order: str) -> None:
    """Add to `menu` the entries sorting `view`: `own_order` (the name of the list's order
    when sorted by no column), its columns, and Reverse order."""
    header = _header(view)
    model = view.model()
    column, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
    headings = [str(model.headerData(c, Qt.Orientation.Horizontal))
                for c in range(model.columnCount())]
    group = QActionGroup(menu)  # one entry checked, as a choice among them
    ascending = Qt.SortOrder.AscendingOrder
    for section, text in enumerate(with_letters([own_order, *headings], REVERSE_LETTER), start=-1):
        action = menu.addAction(text)
        action.setCheckable(True)
        action.setChecked(section == column)
        group.addAction(action)
        # Another column starts ascending, as its heading's first click does.
        action.triggered.connect(lambda _=False, s=section: header.setSortIndicator(
            s, order if s == column else ascending))
        if section < 0:
            menu.addSeparator()
    menu.addSeparator()
    reverse = menu.addAction(REVERSE)
    reverse.setCheckable(True)
    reverse.setChecked(column >= 0 and order == Qt.SortOrder.DescendingOrder)
    reverse.setEnabled(column >= 0)  # the list's own order has no reverse
    reverse.triggered.connect(lambda on: header.setSortIndicator(
        column, Qt.SortOrder.DescendingOrder if on else ascending))


def clear_menu(menu: QMenu) -> None:
    """Empty `menu` of the entries and choice groups `add_sort_entries` gave it."""
    menu.clear()
    for group in menu.findChildren(QActionGroup):
        group.deleteLater()
