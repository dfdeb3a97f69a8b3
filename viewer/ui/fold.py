"""A section that folds away under its title: a button with an arrow opens or closes it.

The window may open or close it as room comes and goes (`Fold.fit`), until the reader
clicks its title: from then on it stays as they left it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSizePolicy, QToolButton, QVBoxLayout, QWidget


class Fold(QWidget):
    """`body` under a title button that opens and closes it."""

    def __init__(self, title: str, body: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.body = body
        self.button = QToolButton()
        self.button.setText(title)
        self.button.setCheckable(True)
        self.button.setAutoRaise(True)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        #: Whether the reader opened or closed it: `fit` leaves it so.
        self.chosen = False
        self.button.clicked.connect(self._on_clicked)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        self._layout.addWidget(body)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.set_open(True)

    def is_open(self) -> bool:
        return self.button.isChecked()

    def set_open(self, opened: bool) -> None:
        self.button.setChecked(opened)
        self.button.setArrowType(Qt.ArrowType.DownArrow if opened else Qt.ArrowType.RightArrow)
        self.body.setVisible(opened)

    def fit(self, opened: bool) -> None:
        """Open or close it as the window has room for it, unless the reader chose."""
        if not self.chosen and opened != self.is_open():
            self.set_open(opened)

    def open_height(self) -> int:
        """How tall it is open, at its width: the title, and the body under it."""
        hint = self.body.sizeHint().height()
        if self.body.hasHeightForWidth():
            hint = self.body.heightForWidth(self.width())
        return self.closed_height() + self._layout.spacing() + hint

    def closed_height(self) -> int:
        return self.button.sizeHint().height()

    def _on_clicked(self, checked: bool) -> None:
        self.chosen = True
        self.set_open(checked)
