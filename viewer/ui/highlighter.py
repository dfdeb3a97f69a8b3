"""QSyntaxHighlighter that paints shared phrases and slogans from a precomputed `RangeIndex`.

Keys are ("phrase", i) or ("slogan", j). Overlapping ranges merge: a slogan inside a shared
phrase keeps the phrase's background and gains the underline. Whole-document rehighlighting
of a large text would stall the event loop, so `apply` only re-highlights blocks that have
ranges, in time-boxed slices.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QSyntaxHighlighter, QTextCharFormat, QTextDocument

from viewer.ui.colors import LIGHT, Scheme
from viewer.ui.range_index import RangeIndex

#: Longest slice of highlighting work between two turns of the event loop.
SLICE_SECONDS = 0.012


class PassageHighlighter(QSyntaxHighlighter):
    """Reads formats for each block from the index; `hidden` keys are skipped."""

    def __init__(self, document: QTextDocument, notifier: QObject | None = None) -> None:
        super().__init__(document)
        self.index: RangeIndex | None = None
        self.hidden: set = set()
        self.slogan_kinds: dict[int, bool] = {}  # slogan number -> on the watch-list
        self.scheme: Scheme = LIGHT
        self._formats: dict[frozenset, QTextCharFormat] = {}
        self._pending: list[int] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_slice)
        self.signals = _Signals(self)

    # The index is applied block by block so a 1 MB text never blocks the event loop.
    def apply(self, index: RangeIndex | None, slogan_kinds: dict[int, bool]) -> None:
        previous = set(self.index.blocks) if self.index else set()
        self.index = index
        self.slogan_kinds = slogan_kinds
        self._formats.clear()
        blocks = set(index.blocks) if index else set()
        self._pending = sorted(previous | blocks, reverse=True)
        self._timer.start(0)

    def set_scheme(self, scheme: Scheme) -> None:
        self.scheme = scheme
        self._formats.clear()
        self.refresh_blocks(set(self.index.blocks) if self.index else set())

    def refresh_blocks(self, blocks: set[int]) -> None:
        self._pending = sorted(set(self._pending) | blocks, reverse=True)
        self._timer.start(0)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def _on_slice(self) -> None:
        document = self.document()
        deadline = time.perf_counter() + SLICE_SECONDS
        pending = self._pending
        while pending and time.perf_counter() < deadline:
            block = document.findBlockByNumber(pending.pop())
            if block.isValid():
                self.rehighlightBlock(block)
        if pending:
            self._timer.start(0)
        else:
            self.signals.finished.emit()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        index = self.index
        if index is None:
            return
        ranges = index.blocks.get(self.currentBlock().blockNumber())
        if not ranges:
            return
        hidden = self.hidden
        visible = [r for r in ranges if r[2] not in hidden]
        if not visible:
            return
        cuts = sorted({p for s, e, _ in visible for p in (s, e)})
        for left, right in zip(cuts, cuts[1:], strict=False):
            keys = frozenset(k for s, e, k in visible if s <= left and e >= right)
            if keys:
                self.setFormat(left, right - left, self._format(keys))

    def _format(self, keys: frozenset) -> QTextCharFormat:
        fmt = self._formats.get(keys)
        if fmt is None:
            fmt = QTextCharFormat()
            for kind, number in sorted(keys):
                if kind == "phrase":
                    phrases = self.scheme.phrases
                    fmt.setBackground(phrases[number % len(phrases)])
                elif kind == "slogan":
                    watched = self.slogan_kinds.get(number, False)
                    fmt.setFontUnderline(True)
                    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                    fmt.setUnderlineColor(self.scheme.watch if watched else self.scheme.slogan)
                    fmt.setForeground(self.scheme.watch if watched else self.scheme.slogan)
            self._formats[keys] = fmt
        return fmt


class _Signals(QObject):
    finished = Signal()
