"""Find bar (Ctrl+F): searches the pane that last had focus and marks every hit."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from viewer.core.han_script import key_characters
from viewer.core.normalize import APOSTROPHES
from viewer.ui.named import named

#: More hits than this are counted but not all marked (ExtraSelections are slow in bulk).
MAX_MARKED = 500
#: Each mark of one of these sets finds every mark of it, as matching reads them alike: an
#: ASCII letter, digit or sign its full-width form (Chinese texts write "２０２３年", a reader
#: types 2023), a straight apostrophe or quote, as a keyboard types it, the curly ones
#: ("country's" finds "country’s"). A mark in two sets takes the last's.
_ALIKE = (*(chr(code) + chr(code + 0xFEE0) for code in range(0x21, 0x7F)),
          APOSTROPHES, '"\u201c\u201d\u201e\u201f\u2033\uff02')
_ALIKE_CLASS = {mark: f"[{re.escape(marks)}]" for marks in _ALIKE for mark in marks}
_SPACES = re.compile(r"(\s+)")


def find_all(text: str, needle: str, case_sensitive: bool) -> list[tuple[int, int]]:
    """The spans of `needle` in `text`, Chinese read alike in either script (网络 finds
    網絡, as matching does), full-width letters and digits as ASCII ones, curly quotes as
    straight ones, a space as any run of white space (a phrase wrapped onto the next line),
    and letters in either case unless `case_sensitive`."""
    if not needle:
        return []
    haystack = text if case_sensitive else text.casefold()
    target = needle if case_sensitive else needle.casefold()
    if len(haystack) != len(text):  # casefold changed lengths (ß): fall back to lower()
        haystack, target = text.lower(), needle.lower()
        if len(haystack) != len(text):
            haystack, target = text, needle
    haystack, target = key_characters(haystack), key_characters(target)  # lengths kept
    # Both ASCII: no other form to find, and a literal is quicker to look for.
    alike = {} if haystack.isascii() and target.isascii() else _ALIKE_CLASS
    pattern = "".join(r"\s+" if piece.isspace() else
                      "".join(alike.get(c) or re.escape(c) for c in piece)
                      for piece in _SPACES.split(target) if piece)
    return [m.span() for m in re.finditer(pattern, haystack)]


class FindBar(QWidget):
    search = Signal(str, bool, int)  # needle, case sensitive, step (+1 next, -1 previous, 0)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = named(QLineEdit(placeholderText="Find in the active pane"), "find_edit")
        self.case = QCheckBox("Match case")
        self.status = QLabel()
        # As in most editors: Enter and F3 (the platform's Find Next) go on, with Shift back.
        previous = self._step_button("▲", "Previous hit", "Shift+Enter",
                                     QKeySequence.StandardKey.FindPrevious, -1)
        following = self._step_button("▼", "Next hit", "Enter",
                                      QKeySequence.StandardKey.FindNext, 1)
        close = _tool_button("✕", "Close (Esc)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        label = QLabel("Find:")
        label.setBuddy(self.edit)  # screen readers name the field by it
        layout.addWidget(label)
        layout.addWidget(self.edit, 1)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(self.case)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.edit.textChanged.connect(lambda: self._emit(0))
        self.edit.installEventFilter(self)  # Enter steps on, Shift+Enter back
        self.case.toggled.connect(lambda: self._emit(0))
        close.clicked.connect(self._on_close)

    def _step_button(self, text: str, tip: str, enter: str,
                     keys: QKeySequence.StandardKey, step: int) -> QToolButton:
        """A button stepping `step` hits, also on the platform's `keys` while the bar is
        shown; its tooltip names them, after `enter`, the Enter key that steps alike."""
        action = QAction(text, self)
        action.setShortcuts(keys)
        named_keys = [enter] + [k.toString(QKeySequence.SequenceFormat.NativeText)
                                for k in action.shortcuts()]
        action.setToolTip(f"{tip} ({', '.join(named_keys)})")
        action.triggered.connect(lambda: self._emit(step))
        self.addAction(action)
        button = QToolButton()
        button.setDefaultAction(action)
        return button

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (watched is self.edit and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            self._emit(-1 if shift else 1)
            return True
        return super().eventFilter(watched, event)

    def _emit(self, step: int) -> None:
        self.search.emit(self.edit.text(), self.case.isChecked(), step)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape:
            self._on_close()
        else:
            super().keyPressEvent(event)

    def _on_close(self) -> None:
        self.hide()
        self.closed.emit()


def _tool_button(text: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    return button
