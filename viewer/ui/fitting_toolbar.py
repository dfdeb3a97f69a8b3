"""A toolbar that keeps every action in sight, whatever the font size and the window's width.

A `QToolBar` too narrow for its buttons puts the last ones behind a "»" menu, where a reader
does not look for Next passage or Find. This one shows its actions' labels whole while they
all fit; narrower, each action's short label ("Next" for "Next passage"); narrower still, an
action with an icon shows the icon alone (its label and shortcut stay in its tooltip and its
menu entry). Only past that, in a window narrower than a small screen, does the "»" menu
take the rest.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QActionEvent, QResizeEvent
from PySide6.QtWidgets import QToolBar, QWidget

#: The ways the buttons are shown, widest first: (short labels, icons without labels).
TIERS = ((False, False), (True, False), (True, True))


class FittingToolBar(QToolBar):
    """A toolbar whose buttons take shorter forms where all of them would not fit."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self._short: dict[QAction, str] = {}
        self._fitting = False
        self.tier = 0
        self._refit = QTimer(self, singleShot=True, interval=0)
        self._refit.timeout.connect(self._fit)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)

    def set_short_labels(self, labels: dict[QAction, str]) -> None:
        """The labels the actions' buttons take where their own do not fit."""
        self._short = dict(labels)
        self._fit()

    def fits(self) -> bool:
        """Whether every action's button is shown on the bar, none in its "»" menu."""
        return self.sizeHint().width() <= self.width()

    def _fit(self) -> None:
        if self._fitting:
            return
        self._fitting = True  # the labels set here come back as actions changed
        try:
            for tier in range(len(TIERS)):
                self._show(tier)
                if self.fits():
                    break
        finally:
            self._fitting = False

    def _show(self, tier: int) -> None:
        short, icons_only = TIERS[tier]
        self.tier = tier
        for action in self.actions():
            # An empty icon text is the action's own text, as it changes ("Next use").
            action.setIconText(self._short.get(action, "") if short else "")
        style = (Qt.ToolButtonStyle.ToolButtonIconOnly if icons_only
                 else Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        if self.toolButtonStyle() != style:
            self.setToolButtonStyle(style)  # a button without an icon shows its label

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit()

    def actionEvent(self, event: QActionEvent) -> None:  # noqa: N802 (Qt override)
        super().actionEvent(event)
        # A label changed ("Next use"), an action shown (Back): the room they take changed.
        if event.type() == QEvent.Type.ActionChanged:
            # The bar hears of a change before the action's button takes it: measured
            # now, a label grown longer still had its former width.
            if not self._fitting:  # else the labels `_show` sets would refit without end
                self._refit.start()
        elif event.type() in (QEvent.Type.ActionAdded, QEvent.Type.ActionRemoved):
            self._fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()
