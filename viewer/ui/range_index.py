"""Per-block index of highlight ranges, built off the GUI thread, read by the highlighter.

Ranges arrive as Python spans of the document text; the index stores them per QTextDocument
block in UTF-16 units relative to the block, which is what `QSyntaxHighlighter.setFormat` takes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Container, Iterable

from viewer.present.marks import Mark, Segment, segments
from viewer.ui.offsets import Utf16Map, display_text

# The characters QTextDocument starts a new block after (see QTextCursor::insertText);
# "\r\n" never reaches it (display_text rewrites it).
_BLOCK_BREAK = re.compile("[\n\r\u2029]")

#: Marks of one block: (start, end, mark) in UTF-16 units relative to the block.
BlockRanges = list[tuple[int, int, Mark]]


def block_starts(text: str) -> list[int]:
    """Python indices where the blocks of `text` start once shown (see `display_text`)."""
    return [0] + [m.end() for m in _BLOCK_BREAK.finditer(display_text(text))]


class RangeIndex:
    """Highlight ranges of one text grouped by block number."""

    def __init__(self, text: str, utf16: Utf16Map | None = None,
                 starts: list[int] | None = None) -> None:
        self.utf16 = utf16 or Utf16Map(text)
        self.starts = starts if starts is not None else block_starts(text)
        self.blocks: dict[int, BlockRanges] = {}
        self._text_length = len(text)

    def add(self, spans: Iterable[tuple[int, int]], key_of: Iterable[Mark]) -> None:
        """Add each span with its key, split where it crosses block boundaries."""
        starts, to16, blocks = self.starts, self.utf16.to_utf16, self.blocks
        for (start, end), key in zip(spans, key_of, strict=True):
            start, end = max(0, start), min(end, self._text_length)
            if end <= start:
                continue
            block = bisect_right(starts, start) - 1
            while block < len(starts) and starts[block] < end:
                block_start = starts[block]
                block_end = starts[block + 1] - 1 if block + 1 < len(starts) else self._text_length
                s, e = max(start, block_start), min(end, block_end)
                if e > s:
                    base = to16(block_start)
                    blocks.setdefault(block, []).append((to16(s) - base, to16(e) - base, key))
                block += 1

    def segments(self, block: int, hidden: Container[Mark] = ()) -> list[Segment]:
        """The block cut where ranges begin or end, each piece with the keys covering it;
        keys in `hidden` are left out. Not kept: they are painted once, and hundreds of
        thousands of long-lived small objects would slow every garbage collection."""
        ranges = self.blocks.get(block)
        if not ranges:
            return []
        if hidden:
            ranges = [r for r in ranges if r[2] not in hidden]
        return segments(ranges)

    def block_of(self, position: int) -> int:
        """Block number holding Python index `position`."""
        return bisect_right(self.starts, position) - 1
