"""Word-level differences inside one shared passage, on match keys.

The alignment is a longest common subsequence of the two passages' words (RapidFuzz's
Indel opcodes, bit-parallel C++): difflib's SequenceMatcher gave the same edits on nearly
every passage but took a third of a whole comparison on long edited passages, since each
common word ("the") restarts its search.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from rapidfuzz.distance import Indel

from viewer.core import segment
from viewer.core.model import WordDifference
from viewer.core.tokenize import TokenStream

#: Marks inside a number: a decimal point, a thousands separator.
_NUMBER_MARKS = frozenset(map(ord, ".,"))


def word_differences(a: TokenStream, b: TokenStream, a0: int, a1: int, b0: int,
                     b1: int, *, chinese: bool = False) -> tuple[WordDifference, ...]:
    """The edits that turn A's words [a0, a1) into B's [b0, b1), in character spans: a
    deletion met by an insertion at the same place is one replacement. `chinese`: the
    tokens are characters, and an edit widens to the whole words it touches (智慧 -> 智能,
    not 慧 -> 能), as the segmenter reads each side."""
    edits: list[list[int]] = []  # [i0, i1, j0, j1] in the passages' words
    for op in Indel.opcodes(a.ids[a0:a1].tolist(), b.ids[b0:b1].tolist()):
        if op.tag == "equal":
            continue
        if edits and edits[-1][1] == op.src_start and edits[-1][3] == op.dest_start:
            edits[-1][1], edits[-1][3] = op.src_end, op.dest_end
        else:
            edits.append([op.src_start, op.src_end, op.dest_start, op.dest_end])
    glued_a, glued_b = (_numbers(stream, start) for stream, start in ((a, a0), (b, b0)))
    if chinese and edits:
        glued_a, glued_b = (_or(glued, _in_one_word(stream, start, end)) for glued, stream,
                            start, end in ((glued_a, a, a0, a1), (glued_b, b, b0, b1)))
    edits = _widened(edits, glued_a, glued_b, a1 - a0, b1 - b0)
    return tuple(
        WordDifference(_kind(i0, i1, j0, j1), _chars(a, a0 + i0, a0 + i1),
                       _chars(b, b0 + j0, b0 + j1))
        for i0, i1, j0, j1 in edits)


#: Whether the passage's words k and k + 1 (counted from its first) are one unit.
Glued = Callable[[int], bool]


def _widened(edits: list[list[int]], glued_a: Glued, glued_b: Glued, length_a: int,
             length_b: int) -> list[list[int]]:
    """The edits widened to whole units: "27.3" and "17.3" are two words each ("27",
    "3"), and an edit of the first alone would show "27" -> "17", a different figure.
    The words taken in are equal on both sides, so the edit widens by one on each."""
    for edit in edits:
        i0, i1, j0, j1 = edit
        while i0 > 0 and j0 > 0 and ((i1 > i0 and glued_a(i0 - 1))
                                     or (j1 > j0 and glued_b(j0 - 1))):
            i0, j0 = i0 - 1, j0 - 1
        while i1 < length_a and j1 < length_b and ((i1 > i0 and glued_a(i1 - 1))
                                                   or (j1 > j0 and glued_b(j1 - 1))):
            i1, j1 = i1 + 1, j1 + 1
        edit[:] = [i0, i1, j0, j1]
    merged: list[list[int]] = []
    for edit in edits:  # widened edits may now meet
        if merged and edit[0] <= merged[-1][1]:
            merged[-1][1], merged[-1][3] = max(merged[-1][1], edit[1]), max(merged[-1][3], edit[3])
        else:
            merged.append(edit)
    return merged


def _numbers(stream: TokenStream, first: int) -> Glued:
    """Whether the words k and k + 1 from `first` are one number written with a point or
    comma (1.5, 3,000)."""
    codes = stream.codes

    def glued(k: int) -> bool:
        end, start = int(stream.ends[first + k]), int(stream.starts[first + k + 1])
        return (start - end == 1 and int(codes[end]) in _NUMBER_MARKS
                and chr(codes[end - 1]).isdigit() and chr(codes[start]).isdigit())

    return glued


def _in_one_word(stream: TokenStream, first: int, last: int) -> Glued:
    """Whether the characters k and k + 1 from `first` lie in one word, as the segmenter
    reads the passage `first`..`last` (tokens)."""
    base = int(stream.starts[first])
    text = stream.codes[base:int(stream.ends[last - 1])].tobytes().decode(
        "utf-32-le", "surrogatepass")
    word_of = np.full(len(text), -1, dtype=np.int64)
    for k, (start, end) in enumerate(segment.words(text)):
        word_of[start:end] = k
    at = stream.starts[first:last] - base
    same = (word_of[at[:-1]] == word_of[at[1:]]) & (word_of[at[:-1]] >= 0)
    return lambda k: bool(same[k])


def _or(one: Glued, other: Glued) -> Glued:
    return lambda k: one(k) or other(k)


def _kind(i0: int, i1: int, j0: int, j1: int) -> str:
    if i1 > i0 and j1 > j0:
        return "replace"
    return "delete" if i1 > i0 else "insert"


def _chars(stream: TokenStream, t0: int, t1: int) -> tuple[int, int]:
    """Character span of tokens [t0, t1); an empty token range gives the gap's position."""
    if t1 > t0:
        return (int(stream.starts[t0]), int(stream.ends[t1 - 1]))
    at = int(stream.starts[t0] if t0 < len(stream) else stream.ends[-1])
    return (at, at)
