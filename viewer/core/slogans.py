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
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from viewer.core.model import Slogan, Span
from viewer.core.normalize import Normalizer
from viewer.core.tokenize import TokenStream, Vocabulary, word_spans

_BREAK = re.compile(r"[.,;:!?()\[\]{}\"\u201c\u201d\u00ab\u00bb\u3002\uff0c\uff1b\uff1a\uff01"
                    r"\uff1f\u3001\uff08\uff09\u300a\u300b\u2014|]|\n[ \t\r]*\n")
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


class _Levels:
    """N-gram ids per position for n = 1..top over the two documents laid end to end."""

    def __init__(self, ids: list[int], breaks: set[int], split: int, top: int) -> None:
        self.split = split  # positions < split are in A
        size = len(ids)
        self.grams: list[array] = [array("i")]  # index n: gram id at each position, or -1
        self.counts: list[list[tuple[int, int]]] = [[]]
        self.prefix: list[list[int]] = [[]]
        level = array("i", ids)
        self.grams.append(level)
        self.counts.append(self._count(level, range(size), max(ids, default=-1) + 1))
        self.prefix.append([])
        active = [p for p in range(size) if sum(self.counts[1][level[p]]) >= 2]
        for n in range(2, top + 1):
            previous, previous_counts = self.grams[n - 1], self.counts[n - 1]
            new_level = array("i", [-1]) * size
            table: dict[tuple[int, int], int] = {}
            prefixes: list[int] = []
            grown = []
            for p in active:
                q = p + n - 1
                if q >= size or (q - 1) in breaks or (p < split <= q):
                    continue
                key = (previous[p], ids[q])
                gid = table.get(key)
                if gid is None:
                    gid = table[key] = len(prefixes)
                    prefixes.append(previous[p])
                new_level[p] = gid
                grown.append(p)
            counts = self._count(new_level, grown, len(prefixes))
            self.grams.append(new_level)
            self.counts.append(counts)
            self.prefix.append(prefixes)
            active = [p for p in grown if sum(counts[new_level[p]]) >= 2]
            del previous_counts
        self.size = size

    def _count(self, level: array, positions: Sequence[int] | range,
               distinct: int) -> list[tuple[int, int]]:
        in_a = [0] * distinct
        in_b = [0] * distinct
        split = self.split
        for p in positions:
            g = level[p]
            if p < split:
                in_a[g] += 1
            else:
                in_b[g] += 1
        return list(zip(in_a, in_b, strict=True))


def find_slogans(a: SloganContext, b: SloganContext, vocabulary: Vocabulary,
                 bits: Sequence[float], stop_ids: set[int], *, min_words: int,
                 max_words: int, min_count: int, limit: int) -> list[Slogan]:
    """The recurring phrases of `a` and `b`, best first, at most `limit`."""
    split = len(a.tokens)
    ids = a.tokens.ids + b.tokens.ids
    breaks = _breaks_after(a) | {split + k for k in _breaks_after(b)} | {split - 1}
    levels = _Levels(ids, breaks, split, max_words + 1)

    absorbed: list[set[int]] = [set() for _ in range(max_words + 2)]
    for n in range(2, max_words + 2):
        shorter = levels.counts[n - 1]
        counts = levels.counts[n]
        grams = levels.grams[n]
        shorter_grams = levels.grams[n - 1]
        seen: set[int] = set()
        for p in range(levels.size):
            e = grams[p]
            if e < 0 or e in seen:
                continue
            seen.add(e)
            if sum(counts[e]) < 2:
                continue
            prefix = levels.prefix[n][e]
            if counts[e] == shorter[prefix]:
                absorbed[n - 1].add(prefix)
            suffix = shorter_grams[p + 1]
            if counts[e] == shorter[suffix]:
                absorbed[n - 1].add(suffix)

    chosen: dict[tuple[int, int], int] = {}  # (length, gram id) -> a position
    for n in range(min_words, max_words + 1):
        counts = levels.counts[n]
        grams = levels.grams[n]
        for p in range(levels.size):
            g = grams[p]
            if g < 0 or g in absorbed[n] or sum(counts[g]) < min_count:
                continue
            lo, hi = p, p + n
            while lo < hi and ids[lo] in stop_ids:
                lo += 1
            while hi > lo and ids[hi - 1] in stop_ids:
                hi -= 1
            length = hi - lo
            if length < min_words:
                continue
            trimmed = levels.grams[length][lo]
            chosen.setdefault((length, trimmed), lo)

    ranked = []
    for (length, g), p in chosen.items():
        ca, cb = levels.counts[length][g]
        if ca + cb < min_count:
            continue
        content = sum(bits[t] for t in ids[p:p + length] if t not in stop_ids
                      and not vocabulary.keys[t].isdigit())
        if content < MIN_CONTENT_BITS:
            continue
        both = ca > 0 and cb > 0
        score = (2.0 if both else 1.0) * math.log2(1 + ca + cb) * content
        ranked.append((not both, -score, p, length, g))
    ranked.sort()
    selected = ranked[:limit]

    wanted: dict[int, set[int]] = {}
    for _, _, _, length, g in selected:
        wanted.setdefault(length, set()).add(g)
    where: dict[tuple[int, int], list[int]] = {}
    for length, gids in wanted.items():
        grams = levels.grams[length]
        for p in range(levels.size):
            if grams[p] in gids:
                where.setdefault((length, grams[p]), []).append(p)

    slogans = []
    for _, _, p, length, g in selected:
        positions = where[(length, g)]
        occ_a = tuple(_span(a.tokens, q, length) for q in positions if q < split)
        occ_b = tuple(_span(b.tokens, q - split, length) for q in positions if q >= split)
        first = occ_a[0] if occ_a else occ_b[0]
        source = a.text if occ_a else b.text
        slogans.append(Slogan(phrase=" ".join(source[first[0]:first[1]].split()),
                              words=length, occurrences_a=occ_a, occurrences_b=occ_b))
    return slogans


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
