"""Stretch each found passage over a short edited stretch at either end.

Seeds are word n-grams, so a passage found by chaining them stops at its last seed: when
an edit falls near the end of a copied passage (", a Palestinian official said" against
", a Palestinian Parliament said"), the two or three matching words beyond it never seed
and are lost. Here each passage looks a few words past each end in both texts, aligns
those words (a longest common subsequence weighted by the words' evidence, each unmatched
word on either side charged `gap_bits`) and takes the best-scoring stretch, so it ends on
its last matching word; from there it looks again, a few times. It never crosses a
paragraph break (a blank line, `tokenize.blank_line_starts`) or enters another passage,
and a stretch must carry enough evidence that chance words ("the", "of") beyond a passage
do not lengthen it, unless both texts end a sentence right after it: a copy runs to the
end of the sentence it copies. A copy of whole sentences (long enough not to be a phrase set
into two sentences) also begins where its sentence does on any evidence, and takes the one or
two edited words by which it stops short of its sentence's end in both texts (of its start, as
many in each).
Paragraph breaks are read from the streams' `codes`: a caller must build its streams with
their text's code points, as `tokenize` does, or passages would run over breaks that
`compare()` stops at.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

import numpy as np

from viewer.core.edge_marks import begins_a_sentence, sentence_ends_after
from viewer.core.tokenize import blank_line_starts

if TYPE_CHECKING:
    from viewer.core.match import Alignment
    from viewer.core.tokenize import TokenStream

#: Evidence, in bits, an extension must carry beyond what its unmatched words take away:
#: enough that "of these nations the LORD" / "of these abominations the LORD thy God"
#: does not stretch a chance run of two chapters into a passage.
EXTEND_BITS = 12.0
#: Fewest matched words an extension must bring.
EXTEND_WORDS = 2
#: How many times an end may be stretched again from where the last stretch ended.
EXTEND_ROUNDS = 3
#: Words at most a passage may take, unmatched, to reach the end (or start) of the
#: sentence it stops short of in both texts.
EDGE_EDIT_WORDS = 2
#: Characters after a word looked at for the mark that ends its sentence (spaces and
#: closing quotation marks may come first).
_MARK_LOOKAHEAD = 6


def extend_passages(passages: list[Alignment], a: TokenStream, b: TokenStream,
                    bits_a: np.ndarray, window: int, gap_bits: float,
                    copy_tokens: int, breaks: tuple[np.ndarray, np.ndarray]) -> None:
    """Stretch the (disjoint) passages in place: first every end, then every start, so a
    start cannot take words the passage before it has just taken. A passage of at least
    `copy_tokens` matched tokens is a copy of whole sentences: it also takes the last (first)
    words of the sentence it stops short of, edited; a shorter one may be a phrase set into
    two different sentences. `breaks`: `paragraph_breaks` of `a` and of `b`."""
    if not passages or window <= 0:
        return
    breaks_a, breaks_b = breaks
    for p, next_a, next_b in with_next_starts(passages, len(a), len(b)):
        _extend_end(p, a, b, bits_a, window, gap_bits, next_a, next_b, breaks_a, breaks_b)
        if p.matched_both >= copy_tokens:
            _edited_sentence_end(p, a, b, next_a, next_b, breaks_a, breaks_b)
    # Ends have moved, starts not yet: the passages are in the same order.
    for p, previous_a, previous_b in with_previous_ends(passages):
        copy = p.matched_both >= copy_tokens
        _extend_start(p, a, b, bits_a, window, gap_bits, previous_a, previous_b, breaks_a,
                      breaks_b, to_sentence=copy)
        if copy:
            _edited_sentence_start(p, a, b, previous_a, previous_b, breaks_a, breaks_b)


def with_next_starts(passages: list[Alignment], length_a: int, length_b: int
                     ) -> list[tuple[Alignment, int, int]]:
    """The (disjoint) passages in A's order, each with where the next passage starts in A
    and in B (the texts' lengths after the last): as far as its end may stretch."""
    by_a = sorted(passages, key=lambda p: p.a0)
    starts_a = [p.a0 for p in by_a]
    starts_b = sorted(p.b0 for p in passages)
    found = []
    for p in by_a:
        k = bisect_right(starts_a, p.a0)
        next_a = starts_a[k] if k < len(starts_a) else length_a
        k = bisect_right(starts_b, p.b0)
        next_b = starts_b[k] if k < len(starts_b) else length_b
        found.append((p, next_a, next_b))
    return found


def with_previous_ends(passages: list[Alignment]) -> list[tuple[Alignment, int, int]]:
    """The (disjoint) passages in A's order, each with where the passage before it ends in
    A and in B (0 before the first): as far as its start may stretch back."""
    by_a = sorted(passages, key=lambda p: p.a0)
    by_b = sorted(passages, key=lambda p: p.b0)
    starts_a, starts_b = [p.a0 for p in by_a], [p.b0 for p in by_b]
    ends_a, ends_b = [p.a1 for p in by_a], [p.b1 for p in by_b]
    found = []
    for p in by_a:
        k = bisect_left(starts_a, p.a0)
        previous_a = ends_a[k - 1] if k else 0
        k = bisect_left(starts_b, p.b0)
        previous_b = ends_b[k - 1] if k else 0
        found.append((p, previous_a, previous_b))
    return found


def _extend_end(p: Alignment, a: TokenStream, b: TokenStream, bits_a: np.ndarray,
                window: int, gap_bits: float, limit_a: int, limit_b: int,
                breaks_a: np.ndarray, breaks_b: np.ndarray) -> None:
    for _ in range(EXTEND_ROUNDS):
        hi_a = _paragraph_end(breaks_a, p.a1, min(limit_a, p.a1 + window))
        hi_b = _paragraph_end(breaks_b, p.b1, min(limit_b, p.b1 + window))
        if hi_a <= p.a1 or hi_b <= p.b1:
            return
        best = _best_stretch(a.ids[p.a1:hi_a].tolist(), b.ids[p.b1:hi_b].tolist(),
                             bits_a[p.a1:hi_a].tolist(), gap_bits,
                             (_sentence_ends(a, p.a1, hi_a), _sentence_ends(b, p.b1, hi_b)))
        if best is None:
            return
        words_a, words_b, matched, bits = best
        p.a1 += words_a
        p.b1 += words_b
        _add(p, matched, bits)


def _extend_start(p: Alignment, a: TokenStream, b: TokenStream, bits_a: np.ndarray,
                  window: int, gap_bits: float, limit_a: int, limit_b: int,
                  breaks_a: np.ndarray, breaks_b: np.ndarray, *, to_sentence: bool) -> None:
    """Stretch a passage's start back, as `_extend_end` stretches its end; with
    `to_sentence` (a copy of whole sentences) with any evidence at all where both texts
    begin a sentence there, as a copy edited near its start ("And the servant said
    nothing;" against "And then a servant nothing;") begins where the sentence it copies
    does."""
    for _ in range(EXTEND_ROUNDS):
        lo_a = _paragraph_start(breaks_a, p.a0, max(limit_a, p.a0 - window))
        lo_b = _paragraph_start(breaks_b, p.b0, max(limit_b, p.b0 - window))
        if lo_a >= p.a0 or lo_b >= p.b0:
            return
        begins = ([sentence_begins(a, k) for k in range(p.a0 - 1, lo_a - 1, -1)],
                  [sentence_begins(b, k) for k in range(p.b0 - 1, lo_b - 1, -1)]
                  ) if to_sentence else None
        best = _best_stretch(a.ids[lo_a:p.a0].tolist()[::-1], b.ids[lo_b:p.b0].tolist()[::-1],
                             bits_a[lo_a:p.a0].tolist()[::-1], gap_bits, begins)
        if best is None:
            return
        words_a, words_b, matched, bits = best
        p.a0 -= words_a
        p.b0 -= words_b
        _add(p, matched, bits)


def _edited_sentence_end(p: Alignment, a: TokenStream, b: TokenStream, limit_a: int,
                         limit_b: int, breaks_a: np.ndarray, breaks_b: np.ndarray) -> None:
    """Take the last words of the sentence a passage stops short of in both texts, at most
    `EDGE_EDIT_WORDS` in each: the copy's words, swapped ("... the Council of Ministers
    (prime minister)." against "... (prime been).") or left out ("... accepted in the
    beloved." against "... accepted in the ."). A copy runs to the end of the sentence it
    copies; at its start, one text's extra words may be its own (see
    `_edited_sentence_start`)."""
    to_a = _words_to_sentence_end(a, p.a1, limit_a, breaks_a)
    to_b = _words_to_sentence_end(b, p.b1, limit_b, breaks_b)
    if to_a is not None and to_b is not None and (to_a or to_b):
        p.a1 += to_a
        p.b1 += to_b


def _edited_sentence_start(p: Alignment, a: TokenStream, b: TokenStream, limit_a: int,
                           limit_b: int, breaks_a: np.ndarray, breaks_b: np.ndarray) -> None:
    """Take the first words of the sentence a passage starts into in both texts by as many
    words, at most `EDGE_EDIT_WORDS` ("Two obstacles of the five" against "Unbelief
    obstacles of the five"). Where one text has more words there, they may be its own
    ("Then I measured" against "I measured")."""
    to_a = _words_from_sentence_start(a, p.a0, limit_a, breaks_a)
    to_b = _words_from_sentence_start(b, p.b0, limit_b, breaks_b)
    if to_a is not None and to_a == to_b and to_a:
        p.a0 -= to_a
        p.b0 -= to_b


def _words_to_sentence_end(stream: TokenStream, end: int, limit: int,
                           breaks: np.ndarray) -> int | None:
    """How many words after token `end` (exclusive end of a passage) its sentence ends,
    if within `EDGE_EDIT_WORDS`, before `limit` and the paragraph's end; else None."""
    if not end:
        return None
    for k in range(EDGE_EDIT_WORDS + 1):
        last = end + k - 1
        if k and (last >= limit or breaks[last - 1]):
            return None
        if _sentence_ends(stream, last, last + 1)[0]:
            return k
    return None


def _words_from_sentence_start(stream: TokenStream, start: int, limit: int,
                               breaks: np.ndarray) -> int | None:
    """How many words before token `start` (a passage's first) its sentence begins, if
    within `EDGE_EDIT_WORDS`, from `limit` on and in the paragraph; else None."""
    for k in range(EDGE_EDIT_WORDS + 1):
        first = start - k
        if k and (first < limit or breaks[first]):
            return None
        if sentence_begins(stream, first):
            return k
    return None


def sentence_begins(stream: TokenStream, token: int) -> bool:
    """Whether a sentence (or a line) begins at `token`."""
    if not token:
        return True
    before = int(stream.ends[token - 1]) - 1
    window = "".join(map(chr, stream.codes[before:int(stream.starts[token])].tolist()))
    return begins_a_sentence(window, len(window))


def _add(p: Alignment, matched: int, bits: float) -> None:
    p.matched += matched
    p.matched_b += matched
    p.bits += bits


def _best_stretch(ids_a: list[int], ids_b: list[int], bits: list[float],
                  gap_bits: float,
                  sentence_ends: tuple[list[bool], list[bool]] | None = None,
                  ) -> tuple[int, int, int, float] | None:
    """The best stretch over the first words of `ids_a` and `ids_b`: words it takes on
    each side, words matched and their bits; None when no stretch is worth taking.

    A stretch ends on a matched pair (i, j); its score is the bits of its matched words
    less `gap_bits` for each unmatched word on either side, best over all common
    subsequences ending there (a weighted LCS: each match earns its bits plus 2 `gap_bits`,
    then all i + j + 2 words of both sides are charged, so a matched word is worth taking
    only when its bits outweigh the unmatched words it skips on both sides). It must
    carry `EXTEND_BITS` in `EXTEND_WORDS` words, or, where both texts end a sentence
    right after its last word (`sentence_ends`, per word of each side; for words read
    back from a passage's start, whether a sentence begins at the word), any evidence at
    all: a copy edited near its end ("... in the kingdom of heaven?" against "... in the
    kingdom Bahnaric heaven?") runs to the end of the sentence it copies. It stops there
    (read back, where the sentence begins), unless what lies beyond carries `EXTEND_BITS`
    in `EXTEND_WORDS` words of its own: the next sentence is another's, and a word met
    again right after an insertion (拍得也好。沉寂 against 拍也好。１、沈阳) is chance's."""
    shared = len(set(ids_a).intersection(ids_b))
    if shared < (1 if sentence_ends else EXTEND_WORDS):
        return None
    ends_a, ends_b = sentence_ends or ([False] * len(ids_a), [False] * len(ids_b))
    rows, cols = len(ids_a), len(ids_b)
    # best[i][j]: (earned, matched, bits) of the best subsequence within a[:i], b[:j].
    best = [[(0.0, 0, 0.0)] * (cols + 1) for _ in range(rows + 1)]
    found: tuple[float, int, int, int, float] | None = None
    # The best stretch ending where both texts end a sentence: one running on past it
    # must be worth taking for what it adds beyond (see the docstring).
    at_end: tuple[float, int, int, int, float] | None = None
    for i in range(rows):
        here, above = best[i + 1], best[i]
        for j in range(cols):
            keep = max(above[j + 1], here[j])
            if ids_a[i] == ids_b[j]:
                earned, matched, got = above[j]
                ending = (earned + bits[i] + 2 * gap_bits, matched + 1, got + bits[i])
                score = ending[0] - gap_bits * (i + j + 2)
                worth = ((ending[1] >= EXTEND_WORDS and score >= EXTEND_BITS)
                         or (score > 0 and ends_a[i] and ends_b[j]))
                if worth and (found is None or score > found[0]
                        or (score == found[0] and i + j > found[1] + found[2] - 2)):
                    found = (score, i + 1, j + 1, ending[1], ending[2])
                if score > 0 and ends_a[i] and ends_b[j] and (at_end is None
                                                             or score > at_end[0]):
                    at_end = (score, i + 1, j + 1, ending[1], ending[2])
                keep = max(keep, ending)
            here[j + 1] = keep
    if found is None:
        return None
    if (at_end is not None and at_end[1] < found[1] and at_end[2] < found[2]
            and (found[3] - at_end[3] < EXTEND_WORDS or found[0] - at_end[0] < EXTEND_BITS)):
        found = at_end
    return found[1], found[2], found[3], found[4]


def _sentence_ends(stream: TokenStream, first: int, limit: int) -> list[bool]:
    """Per token of `first`..`limit`, whether a sentence ends right after it."""
    return [sentence_ends_after(text_after(stream, token), 0)
            for token in range(first, limit)]


def text_after(stream: TokenStream, token: int) -> str:
    """The few characters right after `token`: enough to see the marks that close it."""
    end = int(stream.ends[token])
    return "".join(map(chr, stream.codes[end:end + _MARK_LOOKAHEAD].tolist()))


def paragraph_breaks(stream: TokenStream) -> np.ndarray:
    """Per token, whether a paragraph break (a blank line, as `Document` reads it) follows
    it before the next token."""
    flags = np.zeros(len(stream), dtype=bool)
    after = np.searchsorted(stream.starts, blank_line_starts(stream.codes), side="right") - 1
    flags[after[after >= 0]] = True
    return flags


def _paragraph_end(breaks: np.ndarray, first: int, limit: int) -> int:
    """`limit`, or the first token index after `first` that begins a new paragraph
    (`breaks`: see `paragraph_breaks`)."""
    limit = min(limit, len(breaks))
    low = max(first, 1)
    found = np.flatnonzero(breaks[low - 1:limit - 1])
    return low + int(found[0]) if len(found) else limit


def _paragraph_start(breaks: np.ndarray, first: int, limit: int) -> int:
    """`limit`, or the last token index before `first` (a passage's start) that begins a
    paragraph."""
    limit = max(limit, 0)
    found = np.flatnonzero(breaks[limit:first])
    return limit + 1 + int(found[-1]) if len(found) else limit
