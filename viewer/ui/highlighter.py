"""Paints the marks of a precomputed `RangeIndex` into a document's block layouts.

Where marks overlap, `viewer.present.marks.style_of` decides what shows (as in the reports);
this module only turns that `Style` into a QTextCharFormat.

Each block's formats are written straight into the block's layout, in time-boxed slices,
rather than through QSyntaxHighlighter: `rehighlightBlock` also marks the block dirty, and
the plain-text layout then lays the block out again, which on a 1 MB text costs 0.3 ms a
block (about 3 s for both panes); and a QSyntaxHighlighter calls Python for every block of
every text set or inserted, each call waiting for the interpreter lock while a worker
thread computes. Colours and underlines never change a line's metrics, and layout formats
survive relayouts (zoom, resize), so nothing else needs to touch them.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QTextCharFormat, QTextDocument, QTextLayout

from viewer.present.marks import Mark, MarkKind, Style, style_of
from viewer.ui.colors import LIGHT, Scheme
from viewer.ui.range_index import RangeIndex

#: Longest slice of highlighting work between two turns of the event loop.
SLICE_SECONDS = 0.006


class PassageHighlighter(QObject):
    """Reads formats for each block from the index; `hidden` keys are skipped."""

    def __init__(self, document: QTextDocument,
                 visible_blocks: Callable[[], tuple[int, int]] | None = None) -> None:
        super().__init__(document)
        self._document = document
        #: First and last block number in view, painted first (without a view: none).
        self.visible_blocks = visible_blocks or (lambda: (0, -1))
        self.index: RangeIndex | None = None
        self.hidden: set[Mark] = set()
        self.scheme: Scheme = LIGHT
        self._formats: dict[frozenset[Mark], QTextCharFormat] = {}
        self._by_style: dict[Style, QTextCharFormat] = {}
        self._pending: list[int] = []
        self.signals = _Signals(self)

    # The index is applied block by block so a 1 MB text never blocks the event loop.
    def apply(self, index: RangeIndex | None) -> None:
        previous = set(self.index.blocks) if self.index else set()
        self.index = index
        self._formats.clear()
        blocks = set(index.blocks) if index else set()
        self._schedule(previous | blocks)

    def set_scheme(self, scheme: Scheme) -> None:
        self.scheme = scheme
        self._formats.clear()
        self._by_style.clear()
        self.refresh_blocks(set(self.index.blocks) if self.index else set())

    def refresh_blocks(self, blocks: set[int]) -> None:
        self._schedule(set(self._pending) | blocks)

    def _schedule(self, blocks: set[int]) -> None:
        # `_pending` is popped from its end: the blocks in view first, then top to bottom.
        first, last = self.visible_blocks()
        in_view = sorted((b for b in blocks if first <= b <= last), reverse=True)
        self._pending = sorted((b for b in blocks if not first <= b <= last), reverse=True)
        self._pending += in_view
        _turns().join(self)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def run_slice(self) -> bool:
        """Format the next few pending blocks; whether any are left."""
        document = self._document
        deadline = time.perf_counter() + SLICE_SECONDS
        pending = self._pending
        first, last = self.visible_blocks()
        in_view = False
        while pending and time.perf_counter() < deadline:
            number = pending.pop()
            block = document.findBlockByNumber(number)
            if block.isValid():
                block.layout().setFormats(self._format_ranges(number))
                in_view = in_view or first <= number <= last
        if in_view:  # repainting costs more than a slice: only when it shows
            self._repaint()
        if not pending:
            self.signals.finished.emit()
        return bool(pending)

    def _repaint(self) -> None:
        # The layouts changed behind the view's back: ask the views to paint again.
        self._document.documentLayout().update.emit()

    def _format_ranges(self, block_number: int) -> list[QTextLayout.FormatRange]:
        """The formats of one block: where ranges overlap, their keys' formats merge."""
        if self.index is None:
            return []
        out = []
        for start, end, keys in self.index.segments(block_number, self.hidden):
            piece = QTextLayout.FormatRange()
            piece.start, piece.length, piece.format = start, end - start, self._format(keys)
            out.append(piece)
        return out

    def _format(self, keys: frozenset[Mark]) -> QTextCharFormat:
        fmt = self._formats.get(keys)
        if fmt is None:
            style = style_of(keys)
            fmt = self._by_style.get(style)
            if fmt is None:
                fmt = self._by_style[style] = self._translate(style)
            self._formats[keys] = fmt
        return fmt

    def _translate(self, style: Style) -> QTextCharFormat:
        fmt = QTextCharFormat()
        scheme = self.scheme
        if style.passage is not None:
            fmt.setBackground(scheme.phrases[style.passage % len(scheme.phrases)])
        if style.underline is not None:
            fmt.setFontUnderline(True)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(scheme.marks[style.underline])
        if style.change is not None:
            # Word-level differences inside an edited passage, as the reports show them.
            fmt.setForeground(scheme.marks[style.change])
            fmt.setFontStrikeOut(style.change is MarkKind.DELETED)
        return fmt


class _Signals(QObject):
    finished = Signal()


class _Turns(QObject):
    """Highlighters with work take turns, one slice per turn of the event loop. Both panes
    slicing and repainting in the same turn made the longest stall twice as long."""

    def __init__(self) -> None:
        super().__init__(QCoreApplication.instance())
        self._waiting: list[PassageHighlighter] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_turn)

    def join(self, highlighter: PassageHighlighter) -> None:
        if highlighter not in self._waiting:
            self._waiting.append(highlighter)
        self._timer.start(0)

    def _on_turn(self) -> None:
        if not self._waiting:
            return
        highlighter = self._waiting.pop(0)
        # One deleted with its window while it waited is dropped; any other error is a bug
        # and must surface.
        if shiboken6.isValid(highlighter) and highlighter.run_slice():
            self._waiting.append(highlighter)
        if self._waiting:
            self._timer.start(0)


_TURNS: list[_Turns] = []


def _turns() -> _Turns:
    """The application's one `_Turns` (made on first use, owned by the application)."""
    try:
        current = bool(_TURNS) and _TURNS[0].parent() is QCoreApplication.instance()
    except RuntimeError:  # deleted with an earlier application
        current = False
    if not current:
        _TURNS[:] = [_Turns()]
    return _TURNS[0]
