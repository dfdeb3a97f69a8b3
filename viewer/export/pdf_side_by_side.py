"""The PDF's side-by-side pages: both texts in their columns, with passage markers.

`flow_columns` decides where every line goes; this module draws the lines on the layout's
pages and puts, in the outer margin beside the start of each shared passage, its number and
the page of its counterpart ("3 → p.7") on a chip of the passage's colour, a link to the
counterpart's line for readers on screen. Marks and colours come in with the styled texts
and the palette; nothing here decides what is marked.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from viewer.core.model import Comparison
from viewer.export.pdf_bidi import has_rtl, paragraph_is_rtl
from viewer.export.pdf_columns import Pages, PlacedLine, flow_columns
from viewer.export.pdf_layout import Cell, Layout, Page
from viewer.export.report_model import styled_texts
from viewer.present.alignment import alignment_chain

MARKER_SIZE = 6.5

#: Where a shared passage starts in A and in B.
Starts = tuple[PlacedLine, PlacedLine]


@dataclass(frozen=True)
class _Section:
    """The side-by-side pages: where their line slots stand and what they are numbered."""

    pages: list[Page]
    first_number: int
    tops: tuple[float, float]  # top of slot 0 on the first page and on the others
    leading: float
    slots: Pages

    def top(self, page: int, slot: int) -> float:
        return self.tops[page > 0] - slot * self.leading

    def number(self, page: int) -> int:
        return self.first_number + page

    def capacity(self, page: int) -> int:
        return self.slots.first if page == 0 else self.slots.rest


def lay_out_side_by_side(layout: Layout, comparison: Comparison, lefts: tuple[float, float],
                         column: float, heads: float, size: float, check: Callable[[], None],
                         report: Callable[[float], None]) -> list[tuple[int, int] | None]:
    """Both texts from the layout's position down their columns, page after page (each new
    page opens with `heads` points of column heads, drawn by the layout's new-page hook).

    Returns the page numbers where each shared passage starts in A and in B, and leaves the
    layout below the longer column on the last page."""
    leading = size * 1.3
    tops = (layout.y, layout.top - heads)
    slots = Pages(first=int((tops[0] - layout.bottom) // leading),
                  rest=int((tops[1] - layout.bottom) // leading))
    phrases = comparison.shared_phrases
    anchors = [(phrases[i].a[0], phrases[i].b[0]) for i in alignment_chain(phrases)]
    styled = styled_texts(comparison)
    lines = flow_columns(styled[0].text, styled[1].text, anchors, column, size,
                         layout.measure, slots, check)[:2]
    report(0.5)
    count = 1 + max((line.page for side in lines for line in side), default=0)
    pages = [layout.page] + [layout.new_page() for _ in range(count - 1)]
    section = _Section(pages, len(layout.pages) - count + 1, tops, leading, slots)
    total = max(1, len(lines[0]) + len(lines[1]))
    done = 0
    for left, text, placed in zip(lefts, styled, lines, strict=True):
        holds_rtl = has_rtl(text.text)
        for line in placed:
            done += 1
            if done % 256 == 0:
                check()
                report(0.5 + 0.25 * done / total)
            # A line is drawn alone: its direction is its paragraph's, found in the text.
            rtl = holds_rtl and paragraph_is_rtl(text.text, line.start)
            # A row of a tabbed list whose first column is empty keeps its place.
            segment = text.segment(line.start, line.end, tabs_kept=True)
            cell = Cell(left, column, segment, rtl=rtl)
            layout.line(pages[line.page], section.top(line.page, line.slot), cell,
                        (0, len(cell.text.text)), size, leading)
    found = _passage_starts(comparison, lines)
    _markers(layout, section, found, (lefts[0] - 6, lefts[1] + column + 6), size)
    last = [line.slot for side in lines for line in side if line.page == count - 1]
    layout.y = section.top(count - 1, 1 + max(last, default=-1))
    return [None if pair is None else (section.number(pair[0].page),
                                       section.number(pair[1].page)) for pair in found]


def _passage_starts(comparison: Comparison, lines: Sequence[list[PlacedLine]]
                    ) -> list[Starts | None]:
    """For each shared passage, the placed lines where it starts in A and in B."""
    starts = [[line.start for line in side] for side in lines]

    def where(side: int, offset: int) -> PlacedLine | None:
        k = bisect_right(starts[side], offset) - 1
        return lines[side][k] if k >= 0 else None

    found: list[Starts | None] = []
    for phrase in comparison.shared_phrases:
        in_a, in_b = where(0, phrase.a[0]), where(1, phrase.b[0])
        found.append(None if in_a is None or in_b is None else (in_a, in_b))
    return found


def _markers(layout: Layout, section: _Section, found: list[Starts | None],
             edges: tuple[float, float], size: float) -> None:
    """Each passage's marker right-aligned to `edges[0]` left of column A and left-aligned
    at `edges[1]` right of column B. A marker whose line already has one moves to the
    nearest free line of that page, below first."""
    colours = layout.colours
    taken: set[tuple[int, int, int]] = set()
    for i, pair in enumerate(found):
        if pair is None:
            continue
        for side in (0, 1):
            here, there = pair[side], pair[1 - side]
            label = f"{i + 1} → p.{section.number(there.page)}"
            slot = _free_slot(taken, side, here.page, here.slot, section.capacity(here.page))
            taken.add((side, here.page, slot))
            width = layout.measure.width(label, MARKER_SIZE)
            x = edges[0] - width if side == 0 else edges[1]
            top = section.top(here.page, slot)
            page = section.pages[here.page]
            page.rect(x - 1.5, top - section.leading + 1.5, width + 3, section.leading - 2,
                      colours.passage(i))
            page.add(x, ("text", x, top - size, label, colours.text, MARKER_SIZE))
            # On screen the marker jumps to the counterpart's line.
            here_name, there_name = (f"{'ab'[side]}{i + 1}", f"{'ab'[1 - side]}{i + 1}")
            page.destinations.append((here_name, x, section.top(here.page, here.slot)))
            page.links.append((x - 1.5, top - section.leading + 1.5, x + width + 1.5,
                               top - 0.5, there_name))


def _free_slot(taken: set[tuple[int, int, int]], side: int, page: int, slot: int,
               capacity: int) -> int:
    """The free line slot nearest below `slot` on the page, or above when none is left."""
    for candidate in [*range(slot, capacity), *range(slot - 1, -1, -1)]:
        if (side, page, candidate) not in taken:
            return candidate
    return slot  # every line of the page has a marker: let them overlap
