"""Two texts flowing side by side in columns, passages level only where that costs little.

Each text fills its own column line after line, page after page. A shared passage is
brought level with its counterpart (its line broken before it, the column that is behind
padded with blank lines) only where the two passages come in the same order and the
padding is small: at most a quarter of a page's lines per column and page. Everywhere
else the columns simply flow on, so no page is left half empty because the texts cross or
run at different lengths; the report names the counterpart's page in the margin instead.

The result is a list of placed lines per column (page, line slot, text span), computed from
the texts, the anchors to try (character offsets) and the page capacities alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from viewer.export.pdf_layout import Measure, wrap

#: The share of a page's lines that padding may leave blank in one column.
PAD_SHARE = 0.25


@dataclass(frozen=True)
class PlacedLine:
    """One line of a column: text[start:end] on section page `page`, line slot `slot`."""

    page: int
    slot: int
    start: int
    end: int


@dataclass(frozen=True)
class Pages:
    """Line slots per page: `first` on the section's first page, `rest` on every other."""

    first: int
    rest: int

    def locate(self, index: int) -> tuple[int, int]:
        """(page, slot) of the `index`-th line slot of the flow."""
        if index < self.first:
            return 0, index
        page, slot = divmod(index - self.first, self.rest)
        return page + 1, slot

    def budget(self, page: int) -> int:
        return int((self.first if page == 0 else self.rest) * PAD_SHARE)


class _Column:
    """One text's flow: the next free line slot, the offset where wrapping goes on, and the
    blank slots that padding has used on each page."""

    def __init__(self, text: str, wrap_lines: Callable[[str], list[tuple[int, int]]],
                 pages: Pages) -> None:
        self.text = text
        self.wrap_lines = wrap_lines
        self.pages = pages
        self.cursor = 0
        self.slot = 0
        self.last_blank = True  # no blank line opens the flow
        self.lines: list[PlacedLine] = []
        self.padded: dict[int, int] = {}

    def spans_until(self, offset: int) -> list[tuple[int, int]]:
        """The lines from the cursor to `offset`, as absolute spans; the last may be cut."""
        return [(self.cursor + s, self.cursor + e)
                for s, e in self.wrap_lines(self.text[self.cursor:offset])]

    def _blank(self, span: tuple[int, int]) -> bool:
        return not self.text[span[0]:span[1]].strip()

    def place(self, spans: Sequence[tuple[int, int]], commit: bool = True) -> int:
        """Lay `spans` from the next free slot and return the slot after them. A blank line
        never opens a page nor follows another blank line."""
        slot, last_blank = self.slot, self.last_blank
        for span in spans:
            blank = self._blank(span)
            if blank and (last_blank or self.pages.locate(slot)[1] == 0):
                continue
            if commit and not blank:
                page, on_page = self.pages.locate(slot)
                self.lines.append(PlacedLine(page, on_page, span[0], span[1]))
            slot += 1
            last_blank = blank
        if commit:
            self.slot, self.last_blank = slot, last_blank
        return slot

    def can_pad(self, start: int, count: int) -> bool:
        """Whether `count` blank slots from slot `start` stay within every page's budget."""
        if count > self.pages.budget(1):
            return False  # no page holds that much padding (and long gaps cost no loop)
        used: dict[int, int] = {}
        for slot in range(start, start + count):
            page = self.pages.locate(slot)[0]
            used[page] = used.get(page, 0) + 1
        return all(self.padded.get(page, 0) + n <= self.pages.budget(page)
                   for page, n in used.items())

    def pad(self, count: int) -> None:
        for slot in range(self.slot, self.slot + count):
            page = self.pages.locate(slot)[0]
            self.padded[page] = self.padded.get(page, 0) + 1
        self.slot += count
        self.last_blank = True

    def flow_on(self, spans: list[tuple[int, int]]) -> None:
        """Lay all but the last line of `spans` (it may go on past their end); wrapping resumes
        at the last line's start, where the uncut flow would start that line too."""
        self.place(spans[:-1])
        self.cursor = spans[-1][0]

    def break_at(self, spans: list[tuple[int, int]], offset: int) -> None:
        """Lay all of `spans` and start a new line at `offset`."""
        self.place(spans)
        self.cursor = offset


def flow_columns(text_a: str, text_b: str, anchors: Sequence[tuple[int, int]], width: float,
                 size: float, measure: Measure, pages: Pages,
                 check: Callable[[], None] | None = None,
                 ) -> tuple[list[PlacedLine], list[PlacedLine], list[int]]:
    """Both texts laid into columns `width` wide; `anchors` are (A offset, B offset) pairs in
    increasing order in both texts, the starts of passages that may stand level.

    Returns the placed lines of A and of B and the indices of the anchors made level."""
    check = check or (lambda: None)

    def wrap_lines(text: str) -> list[tuple[int, int]]:
        return wrap(text, width, size, measure, check)

    a = _Column(text_a, wrap_lines, pages)
    b = _Column(text_b, wrap_lines, pages)
    level: list[int] = []
    for k, (offset_a, offset_b) in enumerate(anchors):
        check()
        if offset_a < a.cursor or offset_b < b.cursor:
            continue  # inside a line already laid (overlapping passages)
        spans_a, spans_b = a.spans_until(offset_a), b.spans_until(offset_b)
        # Where each passage would start if its line were broken before it.
        at_a = a.place(_cut(spans_a), commit=False)
        at_b = b.place(_cut(spans_b), commit=False)
        behind, ahead_at, behind_at = (a, at_b, at_a) if at_a <= at_b else (b, at_a, at_b)
        if not behind.can_pad(behind_at, ahead_at - behind_at):
            a.flow_on(spans_a)
            b.flow_on(spans_b)
            continue
        a.break_at(_cut(spans_a), offset_a)
        b.break_at(_cut(spans_b), offset_b)
        behind.pad(ahead_at - behind_at)
        level.append(k)
    a.place(a.spans_until(len(text_a)))
    b.place(b.spans_until(len(text_b)))
    return a.lines, b.lines, level


def _cut(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` up to an offset where a new line is to start: an empty last line (the offset
    already begins a line) is dropped."""
    if spans and spans[-1][0] == spans[-1][1]:
        return spans[:-1]
    return spans
