"""Word-level differences inside one shared passage (difflib on match keys)."""

from __future__ import annotations

from difflib import SequenceMatcher

from viewer.core.model import WordDifference
from viewer.core.tokenize import TokenStream


def word_differences(a: TokenStream, b: TokenStream, a0: int, a1: int, b0: int,
                     b1: int) -> tuple[WordDifference, ...]:
    """The edits that turn A's words [a0, a1) into B's [b0, b1), in character spans."""
    matcher = SequenceMatcher(None, a.ids[a0:a1].tolist(), b.ids[b0:b1].tolist(),
                             autojunk=False)
    differences = []
    for kind, i0, i1, j0, j1 in matcher.get_opcodes():
        if kind == "equal":
            continue
        differences.append(WordDifference(
            kind, _chars(a, a0 + i0, a0 + i1), _chars(b, b0 + j0, b0 + j1)))
    return tuple(differences)


def _chars(stream: TokenStream, t0: int, t1: int) -> tuple[int, int]:
    """Character span of tokens [t0, t1); an empty token range gives the gap's position."""
    if t1 > t0:
        return (int(stream.starts[t0]), int(stream.ends[t1 - 1]))
    at = int(stream.starts[t0] if t0 < len(stream) else stream.ends[-1])
    return (at, at)
