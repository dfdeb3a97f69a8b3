"""Edge evidence: whether a recurring phrase is set into its sentences as a unit.

Running text is made of collocations: a word and the word next to it mostly form a pair
that the collection uses elsewhere too ("of the", "said yesterday"). A stretch of running
text that recurs by chance ("reports said yesterday", "young people") keeps that texture
at its edges. A set phrase is written into sentences of every kind as one piece: what
stands before and after it is whatever that sentence had there, so the pairs across its
edges are, for the most part, pairs met nowhere else. Each edge is a small piece of
evidence; over a phrase's occurrences they add up (as a log-likelihood ratio in bits):
how much likelier its edges are if the phrase is a unit set into the text than if it is
running text.

Pairs are counted within sentences (not across breaks, documents or excluded text); a
pair is *used elsewhere* when it occurs away from the phrase's own edges, as often as
chance pairing of its two words would make it at least. For each word the two rates come
from the collection itself:
- as running text: the share of the word's occurrences whose pair on that side is used
  elsewhere;
- as a unit's edge: the chance that a word drawn at random from the text (by frequency)
  makes a pair with it that is used elsewhere.

A unit may also be cited whole, right between quotation marks; a stretch of running text
is so only by the chance that one mark opens right before it and another closes right
after it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from viewer.core.tokenize import TokenStream, char_mask

#: Quotation marks (not the single ones, which are apostrophes too), with the corner
#: brackets that Chinese and Japanese quote with (「」, 『』).
QUOTES = np.array([ord(c) for c in '"\u201c\u201d\u201e\u00ab\u00bb\u300c\u300d\u300e\u300f'],
                  dtype=np.uint32)

#: Rates are kept within this distance of 0 and 1: one edge never decides alone.
RATE_FLOOR = 0.01
#: Pairs keyed at a time while the collection's pairs are counted.
PAIR_SLICE = 1 << 20


class EdgeEvidence:
    """The pairs of neighbouring tokens of a collection laid end to end, and per word the
    two rates of a pair that is used elsewhere at its edges (see the module docstring)."""

    def __init__(self, ids: np.ndarray, stops: np.ndarray, blocked: np.ndarray,
                 doc_of: np.ndarray, quoted: tuple[np.ndarray, np.ndarray] | None = None
                 ) -> None:
        """`stops[p]`: token p and p + 1 form no pair (a break or a document's end);
        `blocked[p]`: token p is excluded (boilerplate); `quoted`: per token, whether a
        quotation mark stands right before it, and right after it (`quote_marks`)."""
        size = len(ids)
        none = np.zeros(size, dtype=bool)
        self.opened, self.closed = quoted if quoted is not None else (none, none)
        #: The chance that a stretch of running text stands right between quotation marks.
        self.quote_rate = float(self.opened.mean() * self.closed.mean()) if size else 0.0
        self.words = int(ids.max(initial=0)) + 1
        self.ids = ids.astype(np.int64, copy=False)
        #: Per position p: tokens p and p + 1 form a pair.
        self.paired = np.zeros(size, dtype=bool)
        if size > 1:
            self.paired[:-1] = (~stops[:-1] & (doc_of[:-1] == doc_of[1:])
                                & ~blocked[:-1] & ~blocked[1:])
        # Each pair as one key, sorted in place: a collection has tens of millions of
        # pairs, and `np.unique` would hold several copies of them at once. For the same
        # reason the pairs' positions are int32 (a collection stays under 2**31 tokens)
        # and the second words are added a slice at a time.
        at = np.flatnonzero(self.paired).astype(np.int32)
        pairs = self.ids[at]
        pairs *= self.words
        for start in range(0, len(at), PAIR_SLICE):
            pairs[start:start + PAIR_SLICE] += self.ids[at[start:start + PAIR_SLICE] + 1]
        del at
        pairs.sort()
        heads = np.flatnonzero(np.concatenate(([True], pairs[1:] != pairs[:-1]))
                               if len(pairs) else np.zeros(0, dtype=bool))
        self.keys = pairs[heads]
        counts = np.diff(heads, append=len(pairs))
        del pairs
        self.counts = counts.astype(np.int64, copy=False)
        self.frequency = np.bincount(self.ids, minlength=self.words).astype(np.float64)
        self.size = max(1, size)
        first, second = self.keys // self.words, self.keys % self.words
        # A pair type is used elsewhere (by each of its occurrences) when another occurs.
        used = self._used_elsewhere(self.counts - 1, first, second)
        words = self.words
        weight = counts.astype(np.float64)
        # Running text: the share of a word's occurrences whose pair on that side is used
        # elsewhere (add-one smoothed). A phrase's own edges count too: a word met only in
        # it shows no running text to tell it from.
        self.running_before = ((np.bincount(second, weights=weight * used, minlength=words)
                                + 1) / (np.bincount(second, weights=weight, minlength=words) + 2))
        self.running_after = ((np.bincount(first, weights=weight * used, minlength=words) + 1)
                              / (np.bincount(first, weights=weight, minlength=words) + 2))
        # A unit's edge: a neighbour drawn at random makes a pair used elsewhere.
        share = self.frequency / self.size
        self.unit_before = np.bincount(second[used], weights=share[first[used]],
                                       minlength=words)
        self.unit_after = np.bincount(first[used], weights=share[second[used]],
                                      minlength=words)

    def _used_elsewhere(self, others: np.ndarray, first: np.ndarray,
                        second: np.ndarray) -> np.ndarray:
        """Whether pairs met `others` times beside the ones looked at are used elsewhere:
        at least once, and at least as often as chance pairing gives (less one)."""
        expected = self.frequency[first] * self.frequency[second] / self.size
        return (others >= 1) & (others + 1 >= expected)

    def weigh(self, starts: np.ndarray, lengths: np.ndarray) -> tuple[float, int, float]:
        """For the phrase whose occurrences start at `starts` (positions, each `lengths`
        tokens long: the forms of one phrase may differ in length): the bits of evidence
        that it is a unit set into the text rather than running text (negative when its
        edges look like running text), how many of its edges are pairs used elsewhere, and
        how many would be if it were a unit."""
        bits, used, expected = self.weigh_each(starts, lengths,
                                               np.zeros(len(starts), dtype=np.int64), 1)
        return float(bits[0]), round(float(used[0])), float(expected[0])

    def weigh_each(self, starts: np.ndarray, lengths: np.ndarray, owner: np.ndarray,
                   phrases: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """`weigh` for `phrases` phrases at once, occurrence k (`starts[k]`, `lengths[k]`)
        being one of phrase `owner[k]`: per phrase, the bits, the edges used elsewhere and
        how many would be if it were a unit."""
        starts = starts.astype(np.int64)
        owner = owner.astype(np.int64)
        ends = starts + lengths.astype(np.int64) - 1
        bits = np.zeros(phrases)
        used_edges = np.zeros(phrases)
        expected_used = np.zeros(phrases)
        inside = starts > 0
        before, before_of = starts[inside] - 1, owner[inside]
        paired = self.paired[before]
        after = self.paired[ends]
        words = self.words
        for pairs, who, second, unit, running in (
                (before[paired], before_of[paired], True, self.unit_before,
                 self.running_before),
                (ends[after], owner[after], False, self.unit_after, self.running_after)):
            if not len(pairs):
                continue
            keys = self.ids[pairs] * words + self.ids[pairs + 1]
            # How often each edge's pair is among its own phrase's edges.
            _, inverse, own = np.unique(who * words * words + keys, return_inverse=True,
                                        return_counts=True)
            counts = self.counts[np.searchsorted(self.keys, keys)]
            used = self._used_elsewhere(counts - own[inverse], keys // words, keys % words)
            word = keys % words if second else keys // words
            p = np.clip(unit[word], RATE_FLOOR, 1 - RATE_FLOOR)
            q = np.clip(running[word], RATE_FLOOR, 1 - RATE_FLOOR)
            weight = np.log2(np.where(used, p / q, (1 - p) / (1 - q)))
            bits += np.bincount(who, weights=weight, minlength=phrases)
            used_edges += np.bincount(who, weights=used, minlength=phrases)
            expected_used += np.bincount(who, weights=unit[word], minlength=phrases)
        return bits, used_edges, expected_used

    def quoted_each(self, starts: np.ndarray, lengths: np.ndarray, owner: np.ndarray,
                    phrases: int) -> tuple[np.ndarray, np.ndarray]:
        """`quoted` for `phrases` phrases at once (see `weigh_each`)."""
        ends = starts.astype(np.int64) + lengths.astype(np.int64) - 1
        cited = np.bincount(owner, weights=self.opened[starts] & self.closed[ends],
                            minlength=phrases)
        return cited.astype(np.int64), np.bincount(owner, minlength=phrases) * self.quote_rate

    def quoted(self, starts: np.ndarray, lengths: np.ndarray) -> tuple[int, float]:
        """How many occurrences of a phrase (as for `weigh`) stand right between quotation
        marks, cited as a whole, and how many would if it were running text."""
        cited, chance = self.quoted_each(starts, lengths,
                                         np.zeros(len(starts), dtype=np.int64), 1)
        return int(cited[0]), float(chance[0])


def quote_marks(streams: Sequence[TokenStream]) -> tuple[np.ndarray, np.ndarray]:
    """Per token of `streams` laid end to end: whether a quotation mark stands right
    before it, and right after it."""
    before, after = [], []
    for stream in streams:
        codes, starts, ends = stream.codes, stream.starts, stream.ends
        marks = char_mask(codes, QUOTES) if len(codes) else np.zeros(0, dtype=bool)
        opened = np.zeros(len(starts), dtype=bool)
        closed = np.zeros(len(starts), dtype=bool)
        inside = starts > 0
        opened[inside] = marks[starts[inside] - 1]
        inside = ends < len(codes)
        closed[inside] = marks[ends[inside]]
        before.append(opened)
        after.append(closed)
    empty = np.zeros(0, dtype=bool)
    return (np.concatenate(before) if before else empty,
            np.concatenate(after) if after else empty)
