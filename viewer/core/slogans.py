"""Recurring slogans: set phrases of a few words that recur within and across the documents.

Phrases are grown level by level (an n-gram can only recur if its (n-1)-word prefix does), so
only recurring stretches are ever counted. A phrase is reported only when it is maximal: no
phrase one word longer has the same counts in both documents (so "Xi Jinping" is not listed
beside "General Secretary Xi Jinping" when it never occurs alone). A run longer than the
longest slogan, seen once in each text, is a shared passage, not a slogan, and is skipped;
one that recurs within a text as well is a long formulation, listed by its first words
(as many as a slogan may have). Phrases are trimmed of
function words at their ends, must carry some content, and are ranked by how often and how
widely they recur and how distinctive their words are. The user's watch-list is always
searched with the same normalization.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from viewer.core.grams import gram_hashes
from viewer.core.grouping import distinct
from viewer.core.model import Slogan, Span
from viewer.core.normalize import Normalizer
from viewer.core.rarity import is_number
from viewer.core.tokenize import (
    TokenStream,
    Vocabulary,
    blank_line_starts,
    char_mask,
    word_spans,
)

# Sentence ends, clause marks, quotes and brackets end a phrase; commas do not, since set
# formulations list things ("peaceful, secure, open, cooperative and orderly").
_BREAK_CHARS = np.array([ord(c) for c in ".;:!?()[]{}\"\u201c\u201d\u00ab\u00bb\u3002\uff1b"
                         "\uff1a\uff01\uff1f\uff08\uff09\u300a\u300b\u2014|"], dtype=np.uint32)
#: A phrase inside a listed one is left out unless it occurs this much more often alone.
ECHO_RATIO = 1.5
#: Summed surprise (bits) of a phrase's content words below which it is too ordinary.
MIN_CONTENT_BITS = 18.0


@dataclass(frozen=True)
class SloganContext:
    """What the slogan finder needs of one document."""

    text: str
    tokens: TokenStream


def _breaks_after(context: SloganContext) -> np.ndarray:
    """For each token, whether punctuation or a paragraph break follows it (the last token
    always counts as followed by a break)."""
    starts = context.tokens.starts
    flags = np.zeros(len(starts), dtype=bool)
    if not len(starts):
        return flags
    codes = context.tokens.codes
    marks = char_mask(codes, _BREAK_CHARS)
    marks[blank_line_starts(codes)] = True
    after = np.searchsorted(starts, np.flatnonzero(marks), side="right") - 1
    flags[after[after >= 0]] = True
    flags[-1] = True
    return flags


def _order_by_key(keys: np.ndarray) -> np.ndarray:
    """The stable order of non-negative `keys`: each key and its index packed in one
    integer and sorted, which is several times quicker than a stable argsort."""
    shift = max(1, (len(keys) - 1).bit_length())
    if len(keys) and int(keys.max()) >= 1 << (62 - shift):
        return np.argsort(keys, kind="stable")
    return np.sort((keys << shift) | np.arange(len(keys))) & ((1 << shift) - 1)


class _Level:
    """The recurring n-grams of one length: where they occur and how often.

    Grams are numbered in the order of their words' ids: `gram` gives, for every position
    of the concatenation of A and B, the number of the recurring gram that starts there
    (-1 for none), and `positions` lists those positions in order. `count_a`, `count_b`
    and `first` (earliest position) describe each gram."""

    def __init__(self, positions: np.ndarray, keys: np.ndarray, split: int,
                 size: int) -> None:
        """Grams start at `positions` (in order); equal `keys` mean equal grams."""
        order = _order_by_key(keys)
        ordered = keys[order]
        starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
        counts = np.diff(starts, append=len(order))
        recurs = counts >= 2
        in_recurring = np.repeat(recurs, counts)
        grouped = positions[order][in_recurring]  # by gram, each gram's in order
        counts = counts[recurs]
        self._at = np.cumsum(counts) - counts
        self._grouped = grouped
        self.first = grouped[self._at]
        in_a = np.concatenate(([0], np.cumsum(grouped < split)))
        self.count_a = in_a[self._at + counts] - in_a[self._at]
        self.count_b = counts - self.count_a
        self.gram = np.full(size, -1, dtype=np.int32)
        self.gram[grouped] = np.repeat(np.arange(len(counts), dtype=np.int32), counts)
        kept = np.zeros(len(order), dtype=bool)
        kept[order[in_recurring]] = True
        self.positions = positions[kept]

    def __len__(self) -> int:
        return len(self.first)

    def occurrences(self, index: int) -> np.ndarray:
        """The positions of gram `index`, in order."""
        at = int(self._at[index])
        return self._grouped[at:at + int(self.count_a[index] + self.count_b[index])]


class _Counts:
    """The recurring n-grams (n = 2..top) of A and B, grown level by level.

    An n-gram can recur only if both of its (n-1)-word parts recur, so each level looks only
    at positions whose two shorter grams survived the level below; in running text that set
    shrinks fast. A gram is keyed exactly by its first n-1 words' gram number and its last
    word's id. No gram spans a sentence break or the end of A."""

    def __init__(self, ids: np.ndarray, breaks: np.ndarray, split: int, top: int) -> None:
        self.levels: dict[int, _Level] = {}
        words = int(ids.max(initial=0)) + 1
        positions = np.flatnonzero(~breaks[:-1])
        keys = ids[positions] * words + ids[positions + 1]
        for n in range(2, top + 1):
            if n > 2:
                below = self.levels[n - 1]
                # Positions are sorted and distinct: p + 1 survived if it comes next.
                positions = below.positions[
                    np.flatnonzero(below.positions[1:] == below.positions[:-1] + 1)]
                keys = below.gram[positions].astype(np.int64) * words + ids[positions + n - 1]
            if not len(positions):
                break
            level = self.levels[n] = _Level(positions, keys, split, len(ids))
            if not len(level):
                del self.levels[n]
                break

    @property
    def longest(self) -> int:
        return max(self.levels, default=1)

    def extensible(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """Which grams of length n always occur inside one same longer gram: followed by
        one same word, and preceded by one same word (either way, not maximal)."""
        level = self.levels[n]
        out = (np.zeros(len(level), dtype=bool), np.zeros(len(level), dtype=bool))
        longer = self.levels.get(n + 1)
        if longer is None:
            return out
        # The longer grams' first n words, then their last n words.
        for part, extends in zip((longer.first, longer.first + 1), out, strict=True):
            index = level.gram[part]
            same = ((level.count_a[index] == longer.count_a)
                    & (level.count_b[index] == longer.count_b))
            extends[index[same]] = True
        return out


def find_slogans(a: SloganContext, b: SloganContext, vocabulary: Vocabulary,
                 bits: np.ndarray, is_stop: np.ndarray, *, min_words: int,
                 max_words: int, min_count: int, limit: int) -> list[Slogan]:
    """The recurring phrases of `a` and `b`, best first, at most `limit`."""
    ids = np.concatenate((a.tokens.ids, b.tokens.ids))
    breaks = np.concatenate((_breaks_after(a), _breaks_after(b)))
    if len(ids) < 2:
        return []
    counts = _Counts(ids, breaks, len(a.tokens), max_words + 1)
    numbers = is_number(vocabulary.keys)

    candidates = _maximal_trimmed(counts, ids, is_stop, min_words, max_words)
    ranked = _ranked(counts, ids, candidates, bits, is_stop | numbers, min_count)
    selected: list[tuple[int, int, int]] = []  # (length, level index, count in A)
    inside: dict[tuple[int, ...], list[tuple[int, int]]] = {}  # sub-phrase -> listed counts
    for gram, n, index, here in ranked:
        if len(selected) >= limit:
            break
        if any(_echoes(here, longer) for longer in inside.get(gram, ())):
            continue
        selected.append((n, index, here[0]))
        for m in range(min_words, n):
            for k in range(n - m + 1):
                inside.setdefault(gram[k:k + m], []).append(here)
    if not selected:
        return []

    # Every occurrence of every selected phrase at once, then cut up per phrase.
    ordered = [counts.levels[n].occurrences(index) for n, index, _ in selected]
    where = np.concatenate(ordered)
    last = where + np.repeat([n for n, _, _ in selected], [len(w) for w in ordered]) - 1
    starts = np.concatenate((a.tokens.starts, b.tokens.starts))[where].tolist()
    ends = np.concatenate((a.tokens.ends, b.tokens.ends))[last].tolist()
    slogans = []
    at = 0
    for (n, _, count_a), w in zip(selected, ordered, strict=True):
        cut = at + count_a  # the first count_a occurrences lie in A
        end = at + len(w)
        occ_a = tuple(zip(starts[at:cut], ends[at:cut], strict=True))
        occ_b = tuple(zip(starts[cut:end], ends[cut:end], strict=True))
        at = end
        first = occ_a[0] if occ_a else occ_b[0]
        source = a.text if occ_a else b.text
        slogans.append(Slogan(phrase=" ".join(source[first[0]:first[1]].split()),
                              words=n, occurrences_a=occ_a, occurrences_b=occ_b))
    return slogans


def _maximal_trimmed(counts: _Counts, ids: np.ndarray, is_stop: np.ndarray, min_words: int,
                     max_words: int) -> dict[int, np.ndarray]:
    """Maximal recurring grams, trimmed of function words at both ends, as indices into
    the level of their (trimmed) length."""
    found: dict[int, list[np.ndarray]] = {}
    for n in range(min_words, min(max_words, counts.longest) + 1):
        level = counts.levels[n]
        to_right, to_left = counts.extensible(n)
        absorbed = to_right | to_left
        if n == max_words:
            # A longer stretch that recurs within a text, not just as one copy, is a set
            # phrase too ("Xi Jinping Thought on Socialism with Chinese Characteristics for
            # a New Era"): its first words stand for it.
            absorbed = to_left | (to_right & (level.count_a + level.count_b < 3))
        maximal = np.flatnonzero(~absorbed)
        content = ~is_stop[ids[level.first[maximal, None] + np.arange(n)]]
        lead = np.argmax(content, axis=1)
        length = n - lead - np.argmax(content[:, ::-1], axis=1)
        ok = content.any(axis=1) & (length >= min_words)
        for m in distinct(length[ok]).tolist():
            pick = ok & (length == m)
            index = counts.levels[m].gram[level.first[maximal[pick]] + lead[pick]]
            found.setdefault(m, []).append(index[index >= 0])
    return {m: distinct(np.concatenate(parts)) for m, parts in found.items()}


def _ranked(counts: _Counts, ids: np.ndarray, candidates: dict[int, np.ndarray],
            bits: np.ndarray, no_content: np.ndarray,
            min_count: int) -> Iterator[tuple[tuple[int, ...], int, int, tuple[int, int]]]:
    """Candidates as (gram, length, level index, (count in A, count in B)), best first:
    phrases found in both documents, then by how often they recur times the surprise of
    their content words. Phrases that recur too rarely or carry too little content are
    left out. Exact ties are ordered by the grams' word ids, so the order never depends
    on hashes. Each row's tuple is made only when it is taken: most are never reached."""
    width = max(candidates, default=0)
    parts = []
    for n, index in candidates.items():
        level = counts.levels[n]
        ca, cb = level.count_a[index], level.count_b[index]
        words = ids[level.first[index, None] + np.arange(n)]
        content = np.where(no_content[words], 0.0, bits[words]).sum(axis=1)
        both = (ca > 0) & (cb > 0)
        score = np.where(both, 2.0, 1.0) * np.log2(1 + ca + cb) * content
        ok = (ca + cb >= min_count) & (content >= MIN_CONTENT_BITS)
        # Padded with -1, which sorts a gram before the longer ones it begins.
        padded = np.full((int(ok.sum()), width), -1, dtype=np.int64)
        padded[:, :n] = words[ok]
        parts.append((padded, np.full(len(padded), n), index[ok], ca[ok], cb[ok], both[ok],
                      score[ok]))
    if not parts:
        return
    grams, lengths, indices, ca, cb, both, score = (np.concatenate(column)
                                                    for column in zip(*parts, strict=True))
    order = np.lexsort((*grams.T[::-1], -score, ~both))
    columns = (grams[order].tolist(), lengths[order].tolist(), indices[order].tolist(),
               ca[order].tolist(), cb[order].tolist())
    for gram, n, index, count_a, count_b in zip(*columns, strict=True):
        yield tuple(gram[:n]), n, index, (count_a, count_b)


def _echoes(gram_counts: tuple[int, int], longer_counts: tuple[int, int]) -> bool:
    """Whether a gram inside a listed longer phrase barely occurs without it (variants
    such as a following verb leave such near-copies)."""
    (ca, cb), (la, lb) = gram_counts, longer_counts
    return ca <= ECHO_RATIO * la and cb <= ECHO_RATIO * lb


def _spans(stream: TokenStream, positions: np.ndarray, length: int) -> tuple[Span, ...]:
    """Character spans of the `length`-word phrases starting at each of `positions`."""
    return tuple(zip(stream.starts[positions].tolist(),
                     stream.ends[positions + length - 1].tolist(), strict=True))


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
    hits = np.flatnonzero(gram_hashes(stream.ids, n) == gram_hashes(np.array(keys), n)[0])
    found = []
    reach = 0
    for p in hits.tolist():
        if p >= reach and stream.ids[p:p + n].tolist() == keys:  # not overlapping the last
            found.append(p)
            reach = p + n
    return _spans(stream, np.array(found, dtype=np.int64), n)
