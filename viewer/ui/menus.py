"""Actions, menus and toolbar of the window: made and laid out here, wired by the window."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QStyle, QToolBar, QWidget

Shortcut = str | QKeySequence.StandardKey


def make_action(owner: QWidget, text: str, slot: Callable[[], object],
                shortcuts: Sequence[Shortcut] = (), tip: str = "",
                icon: QStyle.StandardPixmap | None = None) -> QAction:
    """An action of `owner` (so its shortcuts work with the menu bar hidden); the first
    shortcut is the one menus show."""
    action = QAction(text, owner)
    if icon is not None:
        action.setIcon(owner.style().standardIcon(icon))
    if shortcuts:
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(slot)
    owner.addAction(action)
    return action


def menu_text(label: str) -> str:
    """`label` (a file, folder or article name) as a menu entry's text, shown as written:
    a menu reads a single "&" as the mark of a shortcut letter, and shows "&&" as "&"."""
    return label.replace("&", "&&")


def fill(target: QMenu | QToolBar, actions: Sequence[QAction | None]) -> None:
    """Add `actions` in order; None stands for a separator."""
    for action in actions:
        if action is None:
            target.addSeparator()
        else:
            target.addAction(action)
