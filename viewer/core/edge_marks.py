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
turn 。 into . or “ into ", and light edits put spaces or line breaks before a mark. A mark
that may be something else is taken only where it can be nothing else: a full stop before
a letter or digit is a decimal point or part of an abbreviation (3.5, ３．１), and a
straight quote closes what comes before it only when no letter follows it, and opens what
follows only when no letter comes before it (他说"我们 is left alone at both ends).
"""

from __future__ import annotations

from enum import Enum

from viewer.core.model import Span


class MarkKind(Enum):
    """What a punctuation mark after a passage does: two texts' marks there are taken in
    while they are of one kind."""

    SENTENCE_END = "sentence end"
    CLOSING = "closing quotation mark or bracket"


#: Marks that end a sentence (see `ends_sentence` for the full stops among them).
SENTENCE_ENDS = frozenset(".!?。！？．…")
_FULL_STOPS = frozenset(".．")
_STRAIGHT_QUOTES = frozenset("\"'")
_CLOSING = frozenset("”’」』）)]】》〉") | _STRAIGHT_QUOTES
_OPENING = frozenset("“‘「『（([【《〈") | _STRAIGHT_QUOTES
_SPACES = frozenset(" \t\r\n\u3000\u00a0")
_CLAUSE_ENDS = frozenset(",;:，、；：")


def ends_sentence(text: str, at: int) -> bool:
    """Whether the character at `at` is a mark that ends a sentence there: not a full
    stop with a letter or digit right after it."""
    if text[at] not in SENTENCE_ENDS:
        return False
    return text[at] not in _FULL_STOPS or at + 1 == len(text) or not text[at + 1].isalnum()


def sentence_ends_after(text: str, end: int) -> bool:
    """Whether a sentence ends right after offset `end`: a mark that ends it follows,
    spaces and closing quotation marks or brackets aside."""
    at = end
    while at < len(text) and (text[at] in _SPACES or text[at] in _CLOSING) \
            and text[at] not in SENTENCE_ENDS:
        at += 1
    return at < len(text) and ends_sentence(text, at)


def closes_after(text: str, end: int) -> bool:
    """Whether what comes before offset `end` is closed there: a mark that ends a
    sentence, a clause (, ; :), a quotation or a bracket follows, spaces aside."""
    at = end
    while at < len(text) and text[at] in _SPACES and text[at] not in "\r\n":
        at += 1
    return at < len(text) and (text[at] in _CLAUSE_ENDS or _end_kind(text, at) is not None)


def ends_a_sentence(text: str, span: Span) -> bool:
    """Whether a sentence ends with `span`: its last mark ends one (closing quotation marks
    and brackets after it aside), or the mark that follows it does."""
    start, end = span
    inside = end
    while inside > start and (text[inside - 1] in _CLOSING or text[inside - 1] in _SPACES):
        inside -= 1
    return (inside > start and ends_sentence(text, inside - 1)) or sentence_ends_after(text, end)


def begins_a_sentence(text: str, start: int) -> bool:
    """Whether a sentence begins at `start`: the text or a line begins there, or a mark
    that ends a sentence comes before it (spaces, quotation marks and brackets aside)."""
    at = start - 1
    while at >= 0 and text[at] not in "\n\r" and (
            text[at] in _SPACES or text[at] in _OPENING or text[at] in _CLOSING):
        at -= 1
    return at < 0 or text[at] in "\n\r" or ends_sentence(text, at)


def _end_kind(text: str, at: int) -> MarkKind | None:
    if ends_sentence(text, at):
        return MarkKind.SENTENCE_END
    char = text[at]
    if char in _CLOSING and not (char in _STRAIGHT_QUOTES and at + 1 < len(text)
                                 and text[at + 1].isalnum()):
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
        kind = _end_kind(text, at) if at < len(text) else None
        if kind is None or (text[at] in _STRAIGHT_QUOTES and text[at - 1] in _SPACES):
            return marks  # a straight quote after a space opens the next quotation
        at += 1
        marks.append((kind, at))


def _start_marks(text: str, start: int) -> list[int]:
    """The offsets of the opening marks right before `start` (no space between), nearest
    first."""
    offsets = []
    at = start
    while at > 0 and text[at - 1] in _OPENING:
        if text[at - 1] in _STRAIGHT_QUOTES and at > 1 and text[at - 2].isalnum():
            break  # a letter before it: it may close what that letter ends
        at -= 1
        offsets.append(at)
    return offsets


def widen_over_marks(text_a: str, span_a: Span, text_b: str, span_b: Span) -> tuple[Span, Span]:
    """`span_a` and `span_b`, one passage in two texts, widened over the marks of the same
    kinds that both texts have at its edges, in the same order; where one text repeats
    the last of them (... against …, !! against !), over its repeats too."""
    (a0, a1), (b0, b1) = span_a, span_b
    marks_a, marks_b = _end_marks(text_a, a1), _end_marks(text_b, b1)
    shared = 0
    for (kind_a, _), (kind_b, _) in zip(marks_a, marks_b, strict=False):
        if kind_a is not kind_b:
            break
        shared += 1
    if shared:
        last = marks_a[shared - 1][0]
        a1 = _through_repeats(text_a, marks_a, shared, last)
        b1 = _through_repeats(text_b, marks_b, shared, last)
    for at_a, at_b in zip(_start_marks(text_a, a0), _start_marks(text_b, b0), strict=False):
        a0, b0 = at_a, at_b
    return (a0, a1), (b0, b1)


def _through_repeats(text: str, marks: list[tuple[MarkKind, int]], shared: int,
                     kind: MarkKind) -> int:
    """Where the first `shared` marks end, or the marks of `kind` written straight after
    them (no space between)."""
    end = marks[shared - 1][1]
    for next_kind, after in marks[shared:]:
        if next_kind is not kind or end == len(text) or text[end] in _SPACES:
            break
        end = after
    return end
