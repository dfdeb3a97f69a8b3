"""Recurring slogans: set phrases of a few words that recur within and across the documents.

Phrases are grown level by level (an n-gram can only recur if its (n-1)-word prefix does), so
only recurring stretches are ever counted. A phrase is reported only when it is maximal: no
phrase one word longer has the same counts in both documents (so "Xi Jinping" is not listed
beside "General Secretary Xi Jinping" when it never occurs alone). A run longer than the
longest slogan is a shared passage, not a slogan, and is skipped. Phrases are trimmed of
function words at their ends, must carry some content, and are ranked by how often and how
widely they recur and how distinctive their words are. The user's watch-list is always
searched with the same normalization.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress

from viewer.core.model import Slogan, Span
from viewer.core.normalize import Normalizer
from viewer.core.tokenize import TokenStream, Vocabulary, word_spans

# Sentence ends, clause marks, quotes and brackets end a phrase; commas do not, since set
# formulations list things ("peaceful, secure, open, cooperative and orderly").
_BREAK = re.compile(r"[.;:!?()\[\]{}\"\u201c\u201d\u00ab\u00bb\u3002\uff1b\uff1a\uff01"
                    r"\uff1f\uff08\uff09\u300a\u300b\u2014|]|\n[ \t\r]*\n")
#: A phrase inside a listed one is left out unless it occurs this much more often alone.
ECHO_RATIO = 1.5
#: Summed surprise (bits) of a phrase's content words below which it is too ordinary.
MIN_CONTENT_BITS = 18.0


@dataclass(frozen=True)
class SloganContext:
    """What the slogan finder needs of one document."""

    text: str
    tokens: TokenStream


def _breaks_after(context: SloganContext) -> set[int]:
    """Token indices k such that punctuation or a paragraph break follows token k."""
    starts = context.tokens.starts
    found: set[int] = set()
    for m in _BREAK.finditer(context.text):
        k = bisect_right(starts, m.start()) - 1
        if k >= 0:
            found.add(k)
    return found


def _segments(context: SloganContext, first_sentinel: int = 1) -> tuple[list[int], list[int]]:
    """The document's ids with a unique negative sentinel after every break, so no n-gram
    spans a sentence end, and the token index behind each position (-1 at sentinels)."""
    ids = context.tokens.ids
    breaks = sorted(k for k in _breaks_after(context) if k < len(ids) - 1)
    seq: list[int] = []
    where: list[int] = []
    start = 0
    sentinel = -first_sentinel
    for k in breaks:
        seq.extend(ids[start:k + 1])
        where.extend(range(start, k + 1))
        seq.append(sentinel)
        sentinel -= 1
        where.append(-1)
        start = k + 1
    seq.extend(ids[start:])
    where.extend(range(start, len(ids)))
    seq.append(sentinel)  # the end of the document is a break too
    where.append(-1)
    return seq, where


_MASK = (1 << 61) - 1
# Larger than any token id or sentinel can differ by, so two-word grams never collide.
_BASE = 4_294_967_311


def _hash(gram: Sequence[int]) -> int:
    """The rolling hash of a gram, as `_Counts` computes it level by level."""
    value = gram[0]
    for token in gram[1:]:
        value = (value * _BASE + token) & _MASK
    return value


class _Counts:
    """How often each recurring n-gram (n = 1..top) occurs in A and in B, by rolling hash.

    An n-gram can recur only if both of its (n-1)-word parts recur, so each level looks
    only at positions still alive at the level below; in running text that set shrinks
    fast. Every step is a comprehension, `Counter` or `dict(zip(...))` over plain ints.
    Sentinels at breaks are unique, so no gram that spans a sentence end can recur."""

    def __init__(self, seq: list[int], split: int, top: int) -> None:
        self.seq = seq
        self.counts: list[dict[int, tuple[int, int]]] = [{}]
        self.first: list[dict[int, int]] = [{}]
        self.parts: list[dict[int, tuple[int, int]]] = [{}]
        # Level 1 (single words) is skipped: slogans have two words at least.
        self.counts.append({})
        self.first.append({})
        self.parts.append({})
        alive = list(range(len(seq) - 1))
        values = [(x * _BASE + y) & _MASK for x, y in zip(seq, seq[1:], strict=False)]
        by_position: dict[int, int] | list[int] = seq
        for n in range(2, top + 1):
            if n > 2:
                alive_set = set(alive)
                limit = len(seq) - n
                grown = [p for p in alive if p + 1 in alive_set and p <= limit]
                values = [(by_position[p] * _BASE + seq[p + n - 1]) & _MASK for p in grown]
                alive = grown
            cut = bisect_left(alive, split)
            in_a, in_b = Counter(values[:cut]), Counter(values[cut:])
            level = {h: (c, in_b.get(h, 0)) for h, c in in_a.items() if c >= 2 or h in in_b}
            level.update({h: (0, c) for h, c in in_b.items() if c >= 2 and h not in in_a})
            kept = [(p, h) for p, h in zip(alive, values, strict=True) if h in level]
            first = {h: p for p, h in reversed(kept)}  # the earliest position wins
            self.parts.append({h: (by_position[p], by_position[p + 1])
                               for h, p in first.items()})
            self.counts.append(level)
            self.first.append(first)
            alive = [p for p, _ in kept]
            values = [h for _, h in kept]
            by_position = dict(kept)
            if not alive:
                break

    def gram(self, n: int, value: int) -> tuple[int, ...]:
        p = self.first[n][value]
        return tuple(self.seq[p:p + n])


def find_slogans(a: SloganContext, b: SloganContext, vocabulary: Vocabulary,
                 bits: Sequence[float], stop_ids: set[int], *, min_words: int,
                 max_words: int, min_count: int, limit: int) -> list[Slogan]:
    """The recurring phrases of `a` and `b`, best first, at most `limit`."""
    seq_a, where_a = _segments(a)
    seq_b, where_b = _segments(b, first_sentinel=len(seq_a) + 1)
    counts = _Counts(seq_a + seq_b, len(seq_a), max_words + 1)
    levels = len(counts.counts) - 1

    absorbed: set[tuple[int, int]] = set()  # (length, hash)
    for n in range(2, levels + 1):
        shorter = counts.counts[n - 1]
        for value, both in counts.counts[n].items():
            prefix, suffix = counts.parts[n][value]
            if shorter.get(prefix) == both:
                absorbed.add((n - 1, prefix))
            if shorter.get(suffix) == both:
                absorbed.add((n - 1, suffix))

    chosen: set[tuple[int, ...]] = set()
    for n in range(min_words, min(max_words, levels) + 1):
        for value in counts.counts[n]:
            if (n, value) in absorbed:
                continue
            gram = counts.gram(n, value)
            if min(gram) < 0:  # a sentinel: only a hash collision brings one here
                continue
            lo, hi = 0, n
            while lo < hi and gram[lo] in stop_ids:
                lo += 1
            while hi > lo and gram[hi - 1] in stop_ids:
                hi -= 1
            if hi - lo >= min_words:
                chosen.add(gram[lo:hi])

    ranked = []
    for gram in chosen:
        ca, cb = counts.counts[len(gram)][_hash(gram)]
        if ca + cb < min_count:
            continue
        content = sum(bits[t] for t in gram if t not in stop_ids
                      and not vocabulary.keys[t].isdigit())
        if content < MIN_CONTENT_BITS:
            continue
        both = ca > 0 and cb > 0
        score = (2.0 if both else 1.0) * math.log2(1 + ca + cb) * content
        ranked.append((not both, -score, gram))
    ranked.sort()
    selected: list[tuple[int, ...]] = []
    inside: dict[tuple[int, ...], list[tuple[int, ...]]] = {}  # sub-phrase -> listed phrases
    for *_, gram in ranked:
        if len(selected) >= limit:
            break
        if any(_echoes(gram, longer, counts) for longer in inside.get(gram, ())):
            continue
        selected.append(gram)
        for n in range(min_words, len(gram)):
            for k in range(len(gram) - n + 1):
                inside.setdefault(gram[k:k + n], []).append(gram)

    found_a = _positions(seq_a, where_a, selected)
    found_b = _positions(seq_b, where_b, selected)
    slogans = []
    for gram in selected:
        occ_a = tuple(_span(a.tokens, q, len(gram)) for q in found_a.get(gram, ()))
        occ_b = tuple(_span(b.tokens, q, len(gram)) for q in found_b.get(gram, ()))
        first = occ_a[0] if occ_a else occ_b[0]
        source = a.text if occ_a else b.text
        slogans.append(Slogan(phrase=" ".join(source[first[0]:first[1]].split()),
                              words=len(gram), occurrences_a=occ_a, occurrences_b=occ_b))
    return slogans


def _echoes(gram: tuple[int, ...], longer: tuple[int, ...], counts: _Counts) -> bool:
    """Whether `gram`, which lies inside the listed phrase `longer`, barely occurs without
    it (variants such as a following verb leave such near-copies)."""
    ca, cb = counts.counts[len(gram)][_hash(gram)]
    la, lb = counts.counts[len(longer)][_hash(longer)]
    return ca <= ECHO_RATIO * la and cb <= ECHO_RATIO * lb


def _positions(seq: list[int], where: list[int],
               grams: list[tuple[int, ...]]) -> dict[tuple[int, ...], list[int]]:
    """Token index of every occurrence of each gram."""
    by_first: dict[int, list[tuple[int, ...]]] = {}
    for gram in grams:
        by_first.setdefault(gram[0], []).append(gram)
    found: dict[tuple[int, ...], list[int]] = {}
    for p in compress(range(len(seq)), map(by_first.__contains__, seq)):
        for gram in by_first[seq[p]]:
            if tuple(seq[p:p + len(gram)]) == gram:
                found.setdefault(gram, []).append(p)
    return {g: [where[p] for p in ps] for g, ps in found.items()}


def _span(stream: TokenStream, p: int, length: int) -> Span:
    return (stream.starts[p], stream.ends[p + length - 1])


def find_watched(phrases: Sequence[str], a: SloganContext, b: SloganContext,
                 normalizer: Normalizer, vocabulary: Vocabulary) -> list[Slogan]:
    """Every occurrence of each watch-list phrase, matched with the comparison's keys."""
    found = []
    for phrase in phrases:
        words = [phrase[s:e] for s, e in word_spans(phrase)]
        if not words:
            continue
        keys = [vocabulary.ids.get(normalizer.key(w), -1) for w in words]
        occ_a = _occurrences(a.tokens, keys)
        occ_b = _occurrences(b.tokens, keys)
        found.append(Slogan(phrase=" ".join(phrase.split()), words=len(words),
                            occurrences_a=occ_a, occurrences_b=occ_b, watchlist=True))
    return found


def _occurrences(stream: TokenStream, keys: list[int]) -> tuple[Span, ...]:
    if -1 in keys:
        return ()
    n = len(keys)
    ids = stream.ids
    first = keys[0]
    spans = []
    p = 0
    while True:
        try:
            p = ids.index(first, p)
        except ValueError:
            break
        if ids[p:p + n] == keys:
            spans.append(_span(stream, p, n))
            p += n
        else:
            p += 1
    return tuple(spans)
