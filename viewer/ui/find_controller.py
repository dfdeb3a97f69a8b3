"""Find (Ctrl+F) in the pane that last had focus: marks every hit, steps through them.

`choose_hit` is the stepping rule and `hits_marked` which hits are marked, kept free of
Qt so they are tested on their own.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt

from viewer.core.document import Document
from viewer.ui.find_bar import MAX_MARKED, FindBar, find_all
from viewer.ui.pane import Pane

Span = tuple[int, int]


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
        hits = find_all(document.text, needle, case_sensitive)
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
        for pane in self.panes:
            pane.set_find_hits([])
        # Back to the text searched, at the hit shown (Page Down reads on), not wherever
        # the focus chain goes from the hidden bar.
        self.panes[self.side].view.setFocus(Qt.FocusReason.OtherFocusReason)
