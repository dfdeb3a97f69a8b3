"""The marks of each side of a comparison, and the one rule that resolves overlapping marks.

A mark is a span of one text with a `Mark` key: its kind and the number of the passage or
slogan it belongs to. Marks overlap (a slogan inside a passage, a watch-list phrase over a
found slogan, an edited word inside its passage); every view cuts a text where marks begin or
end (`segments`) and shows each piece in the `Style` that `style_of` gives its keys:

- background: the passage, and where passages overlap the earliest-listed (longest) one;
- underline: a watch-list phrase over a found slogan (the user's own phrase wins);
- word change: deleted (A) or inserted (B) words inside an edited passage, drawn on top.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple

from viewer.core.model import Comparison, Span


class MarkKind(Enum):
    PASSAGE = "passage"
    SLOGAN = "slogan"
    WATCH = "watch"
    DELETED = "deleted"
    INSERTED = "inserted"


class Mark(NamedTuple):
    """What a marked span belongs to: passage `number` (PASSAGE, DELETED, INSERTED) or
    slogan `number` (SLOGAN, WATCH), numbered as in the `Comparison`."""

    kind: MarkKind
    number: int


#: A marked span of one text: (start, end, mark), half-open.
MarkedSpan = tuple[int, int, Mark]
#: A stretch covered by one set of marks: (start, end, marks).
Segment = tuple[int, int, frozenset[Mark]]


@dataclass(frozen=True)
class Style:
    """How a stretch of text is shown: `passage` background, an underline kind
    (SLOGAN or WATCH), a word change kind (DELETED or INSERTED)."""

    passage: int | None = None
    underline: MarkKind | None = None
    change: MarkKind | None = None


def style_of(marks: Iterable[Mark]) -> Style:
    """The one overlap rule: watch-list over slogan; the lowest passage number's background."""
    passage: int | None = None
    underline: MarkKind | None = None
    change: MarkKind | None = None
    for kind, number in marks:
        if kind is MarkKind.PASSAGE:
            passage = number if passage is None else min(passage, number)
        elif kind is MarkKind.WATCH or (kind is MarkKind.SLOGAN and underline is None):
            underline = kind
        elif kind is MarkKind.DELETED or (kind is MarkKind.INSERTED and change is None):
            change = kind  # one side has only one of them; deleted wins for determinism
    return Style(passage, underline, change)


def slogan_mark(number: int, watchlist: bool) -> Mark:
    return Mark(MarkKind.WATCH if watchlist else MarkKind.SLOGAN, number)


def side_marks(comparison: Comparison, side: int) -> list[MarkedSpan]:
    """Every mark of text A (`side` 0) or B (1): passages, slogans and watch-list phrases,
    and the words an edited passage changed (deleted in A, inserted in B)."""
    marks: list[MarkedSpan] = []
    change = MarkKind.DELETED if side == 0 else MarkKind.INSERTED
    for number, phrase in enumerate(comparison.shared_phrases):
        start, end = phrase.a if side == 0 else phrase.b
        marks.append((start, end, Mark(MarkKind.PASSAGE, number)))
        for difference in phrase.differences:
            d0, d1 = difference.a if side == 0 else difference.b
            if d1 > d0:
                marks.append((d0, d1, Mark(change, number)))
    for number, slogan in enumerate(comparison.slogans):
        key = slogan_mark(number, slogan.watchlist)
        spans: tuple[Span, ...] = slogan.occurrences_a if side == 0 else slogan.occurrences_b
        marks.extend((start, end, key) for start, end in spans)
    return marks


def segments(marks: list[MarkedSpan]) -> list[Segment]:
    """Cut overlapping marks into pieces, each with the set of marks covering it; stretches
    no mark covers are left out."""
    if not marks:
        return []
    if len(marks) == 1:
        start, end, key = marks[0]
        return [(start, end, frozenset((key,)))] if end > start else []
    events = sorted([(s, 1, k) for s, e, k in marks if e > s]
                    + [(e, -1, k) for s, e, k in marks if e > s],
                    key=lambda event: (event[0], event[1]))
    covering: dict[Mark, int] = {}
    out: list[Segment] = []
    previous = events[0][0] if events else 0
    for position, change, key in events:
        if position > previous and covering:
            out.append((previous, position, frozenset(covering)))
        previous = position
        count = covering.get(key, 0) + change
        if count:
            covering[key] = count
        else:
            covering.pop(key, None)
    return out


#: A styled stretch of one text: (start, end, style), half-open, sorted, not overlapping.
Run = tuple[int, int, Style]


def resolve(marks: list[MarkedSpan]) -> list[Run]:
    """The text's styled runs: `segments` styled by `style_of`, equal neighbours joined."""
    runs: list[Run] = []
    for start, end, keys in segments(marks):
        style = style_of(keys)
        if runs and runs[-1][1] == start and runs[-1][2] == style:
            runs[-1] = (runs[-1][0], end, style)
        else:
            runs.append((start, end, style))
    return runs
