"""The punctuation a shared passage takes in at its edges: the mark that ends its sentence
and the quotation marks and brackets that open or close it, where both texts have them.

The matcher works on words (punctuation is dropped from the match key), so a passage runs
from its first word to its last. A copied sentence is copied with its full stop, and a
copied quotation with its quotation marks: where both texts have such marks right at a
passage's edge, they are part of what was copied, and the span takes them in. (For a
Chinese sentence of twenty characters the closing 。 is five percent of it.) Commas, colons
and the like stay out: a passage that stops at one stops inside a sentence, where the two
texts go their own ways.

Both sides only need a mark of the same kind there, not the same character: a copy may
turn 。 into . or “ into ", and light edits put spaces or line breaks before a mark.
"""

from __future__ import annotations

from enum import Enum

from viewer.core.model import Span


class MarkKind(Enum):
    """What a punctuation mark after a passage does: two texts' marks there are taken in
    while they are of one kind."""

    SENTENCE_END = "sentence end"
    CLOSING = "closing quotation mark or bracket"


_SENTENCE_ENDS = frozenset(".!?。！？．…")
# Straight quotes open and close: which one a straight quote does is told by where it is.
_CLOSING = frozenset("”’」』）)]】》〉\"'")
_OPENING = frozenset("“‘「『（([【《〈\"'")
_STRAIGHT_QUOTES = frozenset("\"'")
_SPACES = frozenset(" \t\r\n\u3000\u00a0")


def _end_kind(char: str) -> MarkKind | None:
    if char in _SENTENCE_ENDS:
        return MarkKind.SENTENCE_END
    if char in _CLOSING:
        return MarkKind.CLOSING
    return None


def _end_marks(text: str, end: int) -> list[tuple[MarkKind, int]]:
    """The marks that follow `end`, each with the offset just after it; spaces may stand
    between them and before the first."""
    marks: list[tuple[MarkKind, int]] = []
    at = end
    while True:
        while at < len(text) and text[at] in _SPACES:
            at += 1
        kind = _end_kind(text[at]) if at < len(text) else None
        if kind is None or (text[at] in _STRAIGHT_QUOTES and at > end
                            and text[at - 1] in _SPACES):
            return marks  # a straight quote after a space opens the next quotation
        at += 1
        marks.append((kind, at))


def _start_marks(text: str, start: int) -> list[int]:
    """The offsets of the opening marks right before `start` (no space between), nearest
    first."""
    offsets = []
    at = start
    while at > 0 and text[at - 1] in _OPENING:
        at -= 1
        offsets.append(at)
    return offsets


def widen_over_marks(text_a: str, span_a: Span, text_b: str, span_b: Span) -> tuple[Span, Span]:
    """`span_a` and `span_b`, one passage in two texts, widened over the marks of the same
    kinds that both texts have at its edges, in the same order."""
    (a0, a1), (b0, b1) = span_a, span_b
    for (kind_a, after_a), (kind_b, after_b) in zip(_end_marks(text_a, a1),
                                                     _end_marks(text_b, b1), strict=False):
        if kind_a is not kind_b:
            break
        a1, b1 = after_a, after_b
    for at_a, at_b in zip(_start_marks(text_a, a0), _start_marks(text_b, b0), strict=False):
        a0, b0 = at_a, at_b
    return (a0, a1), (b0, b1)
