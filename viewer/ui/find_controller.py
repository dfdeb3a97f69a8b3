"""Find (Ctrl+F) in the pane that last had focus: marks every hit, steps through them.

In a long text (a search of megabytes of Chinese or accented text takes a tenth of a
second or more) typing searches once the typist pauses, not at every key, and stepping
reuses the hits found rather than searching again.

`choose_hit` is the stepping rule and `hits_marked` which hits are marked, kept free of
Qt so they are tested on their own.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer

from viewer.core.document import Document
from viewer.ui.find_bar import MAX_MARKED, FindBar, find_all
from viewer.ui.pane import Pane

Span = tuple[int, int]
#: Characters of text past which typing searches after a pause: below it a search takes
#: a few milliseconds, and each key shows its hits at once.
LONG_TEXT = 200_000
#: The pause in typing (ms) after which a long text is searched.
TYPING_PAUSE_MS = 200


def choose_hit(hits: Sequence[Span], cursor: int, step: int) -> int:
    """Index of the hit to show for a cursor at `cursor` (where a hit shown puts it: at its
    start): with `step` 1 the first hit starting after it, with 0 the hit at or after it
    (typing refines in place), with -1 the last one starting before it; wrapping round at
    either end. `hits` is sorted and not empty."""
    starts = [h[0] for h in hits]
    if step > 0:
        return bisect_right(starts, cursor) % len(hits)
    if step == 0:
        return bisect_left(starts, cursor) % len(hits)
    return (bisect_left(starts, cursor) - 1) % len(hits)


def hits_marked(hits: Sequence[Span], current: int, most: int = MAX_MARKED) -> Sequence[Span]:
    """The `most` hits around `hits[current]` (the one shown, always among them) to mark:
    where the reader is, not only the first ones, past which the hit shown went unmarked."""
    start = max(0, min(current - most // 2, len(hits) - most))
    return hits[start:start + most]


class FindController(QObject):
    """Connects the find bar to the panes; `documents` gives each side's document."""

    def __init__(self, bar: FindBar, panes: tuple[Pane, Pane],
                 documents: Callable[[], Sequence[Document | None]]) -> None:
        super().__init__(bar)
        self.bar, self.panes, self._documents = bar, panes, documents
        self.side = 0
        #: The last search: (document, needle, case sensitive, its hits).
        self._found: tuple[Document, str, bool, list[Span]] | None = None
        #: What was typed in a long text, searched when the typing pauses.
        self._typed: tuple[str, bool] | None = None
        self._pause = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._pause.timeout.connect(self._search_typed)
        bar.search.connect(self.on_find)
        bar.closed.connect(self.on_closed)
        for pane in panes:
            pane.view.installEventFilter(self)

    def open(self) -> None:
        self.bar.show()
        self.bar.edit.setFocus()
        self.bar.edit.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.FocusIn:
            for side, pane in enumerate(self.panes):
                if watched is pane.view:
                    self.side = side
        return False

    def on_find(self, needle: str, case_sensitive: bool, step: int) -> None:
        """Search for what was typed (`step` 0: in a long text once the typing pauses), or
        step to the next (1) or previous (-1) hit."""
        document = self._documents()[self.side]
        if step == 0 and document is not None and len(document.text) > LONG_TEXT:
            self._typed = (needle, case_sensitive)
            self._pause.start()
            return
        # Enter before the pause: what was typed is searched first, and stepped on from.
        self._search_typed()
        self._find(needle, case_sensitive, step)

    def _search_typed(self) -> None:
        self._pause.stop()
        typed, self._typed = self._typed, None
        if typed is not None:
            self._find(*typed, 0)

    def _hits(self, document: Document, needle: str, case_sensitive: bool) -> list[Span]:
        found = self._found
        if found is None or found[0] is not document or found[1:3] != (needle, case_sensitive):
            found = (document, needle, case_sensitive,
                     find_all(document.text, needle, case_sensitive))
            self._found = found
        return found[3]

    def _find(self, needle: str, case_sensitive: bool, step: int) -> None:
        pane = self.panes[self.side]
        # One search at a time: the other pane's marks are of an earlier one, which the
        # bar no longer speaks of.
        for other in self.panes:
            if other is not pane:
                other.set_find_hits([])
        document = self._documents()[self.side]
        if document is None:
            self.bar.status.setText("no article")
            return
        hits = self._hits(document, needle, case_sensitive)
        if not hits:
            pane.set_find_hits([])
            self.bar.status.setText("no hits" if needle else "")
            return
        cursor = pane.utf16.to_python(pane.view.textCursor().position())
        k = choose_hit(hits, cursor, step)
        pane.set_find_hits(list(hits_marked(hits, k)), hits[k])
        pane.place_cursor(hits[k][0])
        pane.center_on(hits[k][0])
        self.bar.status.setText(f"{k + 1} of {len(hits)} in {pane.side}")

    def on_closed(self) -> None:
        self._pause.stop()
        self._typed = None
        for pane in self.panes:
            pane.set_find_hits([])
        # Back to the text searched, at the hit shown (Page Down reads on), not wherever
        # the focus chain goes from the hidden bar.
        self.panes[self.side].view.setFocus(Qt.FocusReason.OtherFocusReason)
