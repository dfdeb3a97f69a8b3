"""Find every passage two token streams share, verbatim or lightly edited, in near-linear time.

The method follows the text-reuse tools (Copyfind, passim): hash short word n-grams of both
texts; n-grams found in both are seeds; seeds that lie close together on nearly the same
alignment diagonal are chained into one passage, tolerating a few edited, inserted or dropped
words between them; chains close to each other on both sides are then joined, as are chains
that overlap where an edit shifted the alignment (a short chain of words another chain already
holds is a repeat match and goes first). Seeds of an n-gram that recurs many times in both
texts are skipped rather than paired N x M, so boilerplate and slogans cannot explode; each
passage keeps one best partner.

A passage is kept only when its words are improbable enough not to be chance: the summed
surprise (bits, from word frequencies capped by the words' frequency in these two texts) of
its matched words, less a charge per unmatched word inside it, must beat what two texts of
these lengths give by chance, log2(len(A) * len(B)), by a margin. Long passages pass easily;
a five-word run of ordinary words does not; a few short runs close together are formulaic
language, unless the two texts share a copy of whole sentences beside them.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from viewer.core.extend import (
    extend_passages,
    paragraph_breaks,
    sentence_begins,
    with_next_starts,
    with_previous_ends,
)
from viewer.core.grams import gram_hashes
from viewer.core.grouping import expand, group
from viewer.core.tokenize import TokenStream

#: An n-gram occurring more often than this in A times B is not used as a seed.
MAX_SEED_PAIRS = 24
#: Alignment diagonal drift allowed from one seed to the next (words inserted/deleted).
MAX_DRIFT = 4
#: A passage with gaps and fewer matched words than this (per 5 of min_words) must be dense.
SHORT_WORDS = 12
#: Share of a short gapped passage's words that must match.
DENSE = 0.75
#: How many earlier passages a passage may join (see `_join_neighbours`).
JOIN_LOOKBACK = 8
#: Texts shorter than this many words are judged as if they had this many.
CHANCE_FLOOR_WORDS = 300
#: Words a long passage may give up at an end that a stronger passage has claimed.
EDGE_TRIM = 3
#: Evidence, in bits, that each unmatched word inside a passage takes away.
GAP_BITS = 3.0


@dataclass(frozen=True)
class MatchParams:
    """The matcher's parameters in tokens (CJK text counts characters)."""

    seed: int
    min_tokens: int
    gap: int
    rarity_margin: float
    use_rarity: bool

    @property
    def copy_tokens(self) -> int:
        """Matched tokens from which a passage is a copy of whole sentences, not a few short
        runs of formulaic language or a phrase set into two sentences (`SHORT_WORDS` per 5
        of `min_tokens`)."""
        return SHORT_WORDS * self.min_tokens // 5


@dataclass
class Alignment:
    """A passage in token indices: A[a0:a1] corresponds to B[b0:b1]."""

    a0: int
    a1: int
    b0: int
    b1: int
    matched: int
    bits: float
    #: Words of B covered by the seeds (the chain may skip words on either side).
    matched_b: int = 0
    covered_b: int = 0

    @property
    def matched_both(self) -> int:
        return min(self.matched, self.matched_b)

    @property
    def unmatched(self) -> int:
        """Words inside the passage, on the longer side, not covered by any seed."""
        return max(self.a1 - self.a0 - self.matched, self.b1 - self.b0 - self.matched_b)

    @property
    def diagonal(self) -> int:
        return self.b0 - self.a0


def _seeds(ids_a: np.ndarray, ids_b: np.ndarray, n: int
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positions (i in A, j in B) of every usable shared n-gram, sorted by i then j; and per
    position of A, whether its n-gram is shared but too common in the two texts to seed
    (see `_through_crowded_grams`)."""
    grams_a, grams_b = gram_hashes(ids_a, n), gram_hashes(ids_b, n)
    if not len(grams_a) or not len(grams_b):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(len(grams_a), dtype=bool)
    # One sort of both texts' grams groups each gram's occurrences in A and in B.
    grams = group(np.concatenate((grams_a, grams_b)))
    count_b = grams.sums(np.arange(len(grams.order)) >= len(grams_a))
    count_a = grams.counts - count_b
    shared = (count_a > 0) & (count_b > 0)
    usable = grams.spread(shared & (count_a * count_b <= MAX_SEED_PAIRS))
    crowded = grams.spread(shared & (count_a * count_b > MAX_SEED_PAIRS))[:len(grams_a)]
    positions_a = np.flatnonzero(usable[:len(grams_a)])
    positions_b = np.flatnonzero(usable[len(grams_a):])
    gram_of_a = grams.which[positions_a]
    gram_of_b = grams.which[positions_b + len(grams_a)]
    by_gram = np.argsort(gram_of_b, kind="stable")  # B occurrences of a gram stay in order
    positions_b, gram_of_b = positions_b[by_gram], gram_of_b[by_gram]
    first = np.searchsorted(gram_of_b, gram_of_a)
    partners = count_b[gram_of_a]
    # Every A position repeated once per B occurrence of its gram, B occurrences in order.
    occurrence, within = expand(partners)
    i = positions_a[occurrence]
    j = positions_b[first[occurrence] + within]
    return i, j, crowded


def _with_neighbours(i: np.ndarray, j: np.ndarray, reach: int) -> np.ndarray:
    """Which seeds have another seed within `reach` words on a diagonal at most MAX_DRIFT
    away. Any other seed would end as a chain of its own, which `align` drops anyway; in
    long texts such chance seeds are most of them, so they are left out before chaining."""
    diagonal = j - i
    width = int(i.max()) + 2 * reach + 2
    keys = (diagonal - int(diagonal.min()) + MAX_DRIFT) * width + i + reach
    order = np.argsort(keys)
    ordered = keys[order]
    found = np.zeros(len(i), dtype=np.int64)
    for drift in range(-MAX_DRIFT, MAX_DRIFT + 1):
        shifted = ordered + drift * width  # sorted queries: the searches stay in cache
        found += (np.searchsorted(ordered, shifted + reach, side="right")
                  - np.searchsorted(ordered, shifted - reach, side="left"))
    near = np.empty(len(i), dtype=bool)
    near[order] = found > 1  # every seed finds itself once
    return near


@dataclass(frozen=True)
class _Runs:
    """Seeds grouped into runs: consecutive seeds on one diagonal, each within reach of the
    one before. For each run, its first and last seed and what its seeds after the first
    add to a chain: words matched and their bits."""

    first_i: np.ndarray
    first_j: np.ndarray
    last_i: np.ndarray
    last_j: np.ndarray
    matched: np.ndarray
    bits: np.ndarray

    def __getitem__(self, keep: np.ndarray) -> _Runs:
        return _Runs(self.first_i[keep], self.first_j[keep], self.last_i[keep],
                     self.last_j[keep], self.matched[keep], self.bits[keep])


def _runs(i: np.ndarray, j: np.ndarray, n: int, reach: int, prefix: np.ndarray) -> _Runs:
    """The seeds (i, j) as runs, ordered by their first seed (by i, then j).

    A copied passage of L words gives L - n + 1 seeds on one diagonal; chaining them one by
    one in Python was most of the matcher's time on texts with many chance matches. A run
    is chained as one piece only where that changes nothing: when no seed on a nearby
    diagonal falls within its stretch of A. Such a seed could take the chain over midway
    (an edit shifts the diagonal while repeated words leave seeds on both), so the seeds of
    those runs are chained one by one."""
    if not len(i):
        empty = np.zeros(0, dtype=np.int64)
        return _Runs(empty, empty, empty, empty, empty, np.zeros(0))
    diagonal = j - i
    order = np.lexsort((i, diagonal))
    i, j, diagonal = i[order], j[order], diagonal[order]
    step = np.diff(i)
    starts = np.flatnonzero(np.concatenate(([True], (diagonal[1:] != diagonal[:-1])
                                             | (step > reach))))
    ends = np.append(starts[1:], len(i)) - 1
    # Within a run, a seed adds the words from the end of the seed before it to its own end.
    covered_from = np.maximum(np.concatenate(([0], i[:-1] + n)), i)
    adds = np.minimum(n, np.concatenate(([n], step)))
    added_bits = prefix[i + n] - prefix[covered_from]
    # Runs with a nearby seed inside their stretch are split back into single seeds.
    whole = ~_crossed(diagonal, i, starts, ends)
    lone = ~np.repeat(whole, ends - starts + 1)
    firsts = np.concatenate((starts[whole], np.flatnonzero(lone)))
    lasts = np.concatenate((ends[whole], np.flatnonzero(lone)))
    by_start = np.lexsort((j[firsts], i[firsts]))
    firsts, lasts = firsts[by_start], lasts[by_start]
    return _Runs(i[firsts], j[firsts], i[lasts], j[lasts],
                 _sums(adds, firsts, lasts), _sums(added_bits, firsts, lasts))


def _crossed(diagonal: np.ndarray, i: np.ndarray, starts: np.ndarray,
             ends: np.ndarray) -> np.ndarray:
    """Which runs have a seed on another diagonal at most MAX_DRIFT away whose A position
    lies within the run's first and last seed. Seeds are sorted by diagonal, then i."""
    width = int(i.max()) + 1
    keys = (diagonal - int(diagonal.min()) + MAX_DRIFT) * width + i
    run_keys = keys[starts]
    span = i[ends] - i[starts]
    crossed = np.zeros(len(starts), dtype=bool)
    for drift in range(-MAX_DRIFT, MAX_DRIFT + 1):
        if drift:
            lo = run_keys + drift * width
            crossed |= (np.searchsorted(keys, lo + span, side="right")
                        > np.searchsorted(keys, lo, side="left"))
    return crossed


def _sums(values: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """For each run (or single seed) from seed starts[k] to ends[k], the sum of what its
    seeds after the first add."""
    cumulative = np.concatenate(([0], np.cumsum(values)))
    return cumulative[ends + 1] - cumulative[starts + 1]


def _without_lone_chance_runs(runs: _Runs, n: int, params: MatchParams, prefix: np.ndarray,
                              chance_bits: float) -> _Runs:
    """The runs less those that can meet no other run and are chance on their own.

    In texts full of chance matches most runs are such strays. A run can be continued by
    another run, or its passage joined to another passage, only where that run starts
    within reach after its end on both sides (chaining: `n + gap` words on nearby
    diagonals; joining: `2 * gap` words beyond the seed). A run with no such partner
    before or after it becomes a passage by itself, so judging it here gives what
    `_chain` and `_join_neighbours` would, without the Python loop over it."""
    count = len(runs.first_i)
    if not count:
        return runs
    join_gap = 2 * params.gap
    reach = n + max(params.gap, join_gap)
    # Runs are ordered by their first seed: each run's possible successors are a slice.
    lo = np.searchsorted(runs.first_i, runs.last_i + 1, side="left")
    hi = np.searchsorted(runs.first_i, runs.last_i + reach, side="right")
    width = hi - lo
    before, rank = expand(width)
    after = lo[before] + rank
    step_b = runs.first_j[after] - runs.last_j[before]
    close = (step_b >= min(1, n - join_gap // 2)) & (step_b <= reach)
    partnered = np.zeros(count, dtype=bool)
    partnered[before[close]] = True
    partnered[after[close]] = True
    matched = n + runs.matched
    bits = prefix[runs.first_i + n] - prefix[runs.first_i] + runs.bits
    unmatched = runs.last_i + n - runs.first_i - matched
    alone_passes = (matched > n) & _significant(matched, unmatched, bits, params, chance_bits)
    return runs[partnered | alone_passes]


def _chain(runs: _Runs, n: int, gap: int, bits_prefix_a: np.ndarray) -> list[Alignment]:
    """Chain runs of seeds (ordered by their first seed) that follow each other on nearby
    diagonals: a run continues the chain whose last seed lies within reach before its
    first, on its own diagonal or else the nearest one."""
    chains: list[Alignment] = []
    last_ij: list[tuple[int, int]] = []
    by_diagonal: dict[int, int] = {}
    reach = n + gap
    for i, j, last_i, last_j, run_matched, run_bits in zip(
            runs.first_i.tolist(), runs.first_j.tolist(), runs.last_i.tolist(),
            runs.last_j.tolist(), runs.matched.tolist(), runs.bits.tolist(), strict=True):
        d = j - i
        best = by_diagonal.get(d, -1)
        if best >= 0:
            li, lj = last_ij[best]
            if lj - li != d or not 0 < i - li <= reach:
                best = -1
        if best < 0:  # no chain continues on this very diagonal: look at the nearby ones
            best_drift = MAX_DRIFT + 1
            for dd in range(d - MAX_DRIFT, d + MAX_DRIFT + 1):
                c = by_diagonal.get(dd)
                if c is None or dd == d:
                    continue
                li, lj = last_ij[c]
                if lj - li != dd or not 0 < i - li <= reach or not 0 < j - lj <= reach:
                    continue
                drift = abs(dd - d)
                if drift < best_drift or (drift == best_drift and c > best):
                    best, best_drift = c, drift
        if best < 0:
            ch = Alignment(i, i + n, j, j + n, n, bits_prefix_a[i + n] - bits_prefix_a[i],
                           n, j + n)
            chains.append(ch)
            last_ij.append((i, j))
            best = len(chains) - 1
        else:
            ch = chains[best]
            new_from = max(ch.a1, i)
            if i + n > new_from:
                ch.matched += i + n - new_from
                ch.bits += bits_prefix_a[i + n] - bits_prefix_a[new_from]
                ch.a1 = i + n
            if j + n > ch.covered_b:
                ch.matched_b += j + n - max(ch.covered_b, j)
                ch.covered_b = j + n
            ch.b0 = min(ch.b0, j)
            ch.b1 = max(ch.b1, j + n)
        if last_i > i:  # the rest of the run, on one diagonal, after its first seed
            ch.matched += run_matched
            ch.bits += run_bits
            ch.a1 = last_i + n
            if last_j + n > ch.covered_b:
                ch.matched_b += min(run_matched, last_j + n - ch.covered_b)
                ch.covered_b = last_j + n
            ch.b1 = max(ch.b1, last_j + n)
        last_ij[best] = (last_i, last_j)
        by_diagonal[d] = best
    return chains


def _join_neighbours(passages: list[Alignment], gap: int, least: int,
                     apart: Callable[[Alignment, Alignment], bool]) -> list[Alignment]:
    """Join passages that follow each other closely in both texts (a longer edit).

    A passage joins the nearest earlier one (in A) on a compatible alignment among the last
    few, not only the one just before it: a chance match elsewhere in B must not keep two
    halves of one edited passage apart. It must begin and end after that one in B too: a
    chain whose B text the other already holds at its start or end is that B text matched
    a second time, where A repeats it ("... by Secretary General Kofi Annan. Secretary
    General Kofi Annan's spokesman ..."), not more of the passage. And each of the two must
    bring more evidence than the stretch between them costs (`GAP_BITS` a word, as
    `_significant` charges it): an edit is a few words, and a short run across a long
    stretch of other words from a passage is a chance meeting (or a series' credit line
    after a chance run), which joined would make one passage long enough to list a pair of
    a collection. Nor are two passages joined that `apart` keeps apart: whole sentences
    between them, other sentences in each text."""
    if not passages:
        return []
    passages = sorted(passages, key=lambda p: (p.a0, p.b0))
    joined = [passages[0]]
    for p in passages[1:]:
        for q in reversed(joined[-JOIN_LOOKBACK:]):
            if (_follows(p, q, gap) and not apart(q, p)) or _interleaves(p, q, gap, least):
                # What the two both cover is counted once: the later one adds its share
                # of words and bits beyond the earlier one's end.
                beyond = (p.a1 - max(p.a0, q.a1)) / max(1, p.a1 - p.a0)
                q.a1 = max(q.a1, p.a1)
                q.b1 = p.b1  # later than q's, as is its start
                q.matched += round(p.matched * beyond)
                q.matched_b += round(p.matched_b * beyond)
                q.covered_b = max(q.covered_b, p.covered_b)
                q.bits += p.bits * beyond
                break
        else:
            joined.append(p)
    return joined


def _without_repeat_matches(chains: list[Alignment], least: int) -> list[Alignment]:
    """The chains less those of fewer than `least` matched words whose stretch of one text
    another chain holds: the same words matched again where the other text repeats them
    (广东省妇联 ending one sentence of B and opening the next of A). Joined to the next
    chain, one would take that passage with it into the other's stretch."""
    if len(chains) < 2:
        return chains
    held = np.zeros(len(chains), dtype=bool)
    matched = np.array([c.matched_both for c in chains])
    for side in (("a0", "a1"), ("b0", "b1")):
        starts = np.array([getattr(c, side[0]) for c in chains])
        ends = np.array([getattr(c, side[1]) for c in chains])
        # Of two alike, the one of more words counts as holding the other.
        order = np.lexsort((-matched, -ends, starts))
        reach = np.maximum.accumulate(ends[order])
        # Inside an earlier-starting (or equal, longer) chain: the furthest end before it.
        before = np.concatenate(([-1], reach[:-1]))
        held[order] |= before >= ends[order]
    drop = held & (matched < least)
    return [c for c, dropped in zip(chains, drop.tolist(), strict=True) if not dropped]


def _sentences_between(q: Alignment, p: Alignment, a: TokenStream, b: TokenStream) -> bool:
    """Whether what lies between passage `q` and the later `p` is whole sentences in both
    texts: a sentence replaced by another, not an edit of the copy around it (two
    paragraphs copied with a different sentence between them are two passages)."""
    return (p.a0 > q.a1 and p.b0 > q.b1
            and all(sentence_begins(stream, token) for stream, token in
                    ((a, q.a1), (a, p.a0), (b, q.b1), (b, p.b0))))


def _follows(p: Alignment, q: Alignment, gap: int) -> bool:
    """Whether passage `p` follows `q` closely in both texts (see `_join_neighbours`)."""
    return (0 <= p.a0 - q.a1 <= gap and -gap // 2 <= p.b0 - q.b1 <= gap
            and p.b0 > q.b0 and p.b1 > q.b1 and abs(p.diagonal - q.diagonal) <= gap
            and min(p.bits, q.bits) > GAP_BITS * max(p.a0 - q.a1, p.b0 - q.b1))


def _interleaves(p: Alignment, q: Alignment, gap: int, least: int) -> bool:
    """Whether `p` begins inside `q` in A and goes on past it in both texts, close to its
    alignment, both of at least `least` matched words: one passage whose alignment
    shifted at an edit, where words repeated nearby left seeds on both alignments ("the
    Salt or Vitriol" three times in each). A shorter one may be a name matched where the
    other text has it again (广东省妇联 ending one sentence and opening the next)."""
    return (min(p.matched_both, q.matched_both) >= least
            and q.a0 < p.a0 < q.a1 < p.a1 and q.b0 < p.b0 <= q.b1 + gap and q.b1 < p.b1
            and abs(p.diagonal - q.diagonal) <= gap
            and min(p.bits, q.bits) > GAP_BITS * max(0, p.b0 - q.b1))


class _Occupied:
    """Sorted disjoint token ranges already claimed on one side."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlap(self, lo: int, hi: int) -> int:
        k = bisect_left(self.ends, lo + 1)
        total = 0
        while k < len(self.starts) and self.starts[k] < hi:
            total += min(hi, self.ends[k]) - max(lo, self.starts[k])
            k += 1
        return total

    def add(self, lo: int, hi: int) -> None:
        k = bisect_left(self.starts, lo)
        self.starts.insert(k, lo)
        self.ends.insert(k, hi)


def _trim_edges(p: Alignment, taken_a: _Occupied, taken_b: _Occupied, least: int,
                breaks: tuple[np.ndarray, np.ndarray]) -> bool:
    """Give up the last (or first) few words of a long passage that a stronger one has
    claimed, and say whether it is then free, with `least` words still matched. A seed can
    run a word or two past the end of a copy when the next sentences of both texts happen
    to begin alike ("And ..."): the copy must not be lost for it when a stronger passage
    starts right there. Beyond a few words, the passage gives up what lies past a
    paragraph break both texts have (`breaks`, see `_cut_at_paragraph`)."""
    for _ in range(2):  # each end at most once
        k = max(taken_a.overlap(p.a0, p.a1), taken_b.overlap(p.b0, p.b1))
        if not k:
            return True
        if k > EDGE_TRIM or (p.a1 - p.a0) < 4 * k or (p.b1 - p.b0) < 4 * k \
                or p.matched_both - k < least:
            return _cut_at_paragraph(p, taken_a, taken_b, least, breaks)
        if taken_a.overlap(p.a1 - k, p.a1) or taken_b.overlap(p.b1 - k, p.b1):
            p.a1 -= k
            p.b1 -= k
        elif taken_a.overlap(p.a0, p.a0 + k) or taken_b.overlap(p.b0, p.b0 + k):
            p.a0 += k
            p.b0 += k
        else:
            return False
        p.matched = max(0, p.matched - k)
        p.matched_b = max(0, p.matched_b - k)
    return not (taken_a.overlap(p.a0, p.a1) or taken_b.overlap(p.b0, p.b1))


def _cut_at_paragraph(p: Alignment, taken_a: _Occupied, taken_b: _Occupied, least: int,
                      breaks: tuple[np.ndarray, np.ndarray]) -> bool:
    """Cut `p` at a paragraph break both texts have inside it, leaving out the side a
    stronger passage has claimed, and say whether the rest is free with `least` words
    still matched. Seeds are word n-grams, blind to line ends: a copied paragraph whose
    neighbours end alike in both texts ("... in the next 18 months." and "... in the next
    six months.") is chained with the close of the paragraph before it, which another
    copy may hold; the paragraph itself must not be lost for it."""
    breaks_a, breaks_b = breaks
    # The token after which each break inside the passage falls, in both texts at one
    # place of the passage (as far apart as its edits make its two sides' lengths).
    drift = abs((p.a1 - p.a0) - (p.b1 - p.b0))
    inside_a = (np.flatnonzero(breaks_a[p.a0:p.a1 - 1]) + p.a0).tolist()
    inside_b = (np.flatnonzero(breaks_b[p.b0:p.b1 - 1]) + p.b0).tolist()
    both = [(ta, tb) for ta in inside_a for tb in inside_b
            if abs((ta - p.a0) - (tb - p.b0)) <= drift]
    # The paragraphs after a break, or those before it: the break nearest the claimed
    # end keeps the most of the passage.
    after = [(ta, tb) for ta, tb in both
             if not taken_a.overlap(ta + 1, p.a1) and not taken_b.overlap(tb + 1, p.b1)]
    before = [(ta, tb) for ta, tb in both
              if not taken_a.overlap(p.a0, ta + 1) and not taken_b.overlap(p.b0, tb + 1)]
    if after:
        ta, tb = min(after)
        lost_a, lost_b = ta + 1 - p.a0, tb + 1 - p.b0
        a0, a1, b0, b1 = ta + 1, p.a1, tb + 1, p.b1
    elif before:
        ta, tb = max(before)
        lost_a, lost_b = p.a1 - ta - 1, p.b1 - tb - 1
        a0, a1, b0, b1 = p.a0, ta + 1, p.b0, tb + 1
    else:
        return False
    if min(p.matched - lost_a, p.matched_b - lost_b) < least:
        return False
    p.a0, p.a1, p.b0, p.b1 = a0, a1, b0, b1
    p.matched -= lost_a
    p.matched_b -= lost_b
    return True


def _one_partner_each(passages: list[Alignment], then: list[Alignment], least: int,
                      breaks: tuple[np.ndarray, np.ndarray]) -> list[Alignment]:
    """Keep the strongest passages, each stretch of text claimed by one passage only; the
    passages `then` only after all of `passages`, in what those left free. A passage
    trimmed where a stronger one claimed its edge, or cut at a paragraph break
    (`_trim_edges`), keeps `least` words matched or goes."""
    taken_a, taken_b = _Occupied(), _Occupied()
    kept: list[Alignment] = []
    # Bits are rounded: the same words summed in another order must tie, and ties go to
    # the earlier passage, not to the last bit of a float.
    for batch in (passages, then):
        for p in sorted(batch, key=lambda p: (-round(p.bits, 6), p.a0, p.b0)):
            if (taken_a.overlap(p.a0, p.a1) or taken_b.overlap(p.b0, p.b1)) \
                    and not _trim_edges(p, taken_a, taken_b, least, breaks):
                continue
            taken_a.add(p.a0, p.a1)
            taken_b.add(p.b0, p.b1)
            kept.append(p)
    return kept


def _significant(matched: np.ndarray, unmatched: np.ndarray, bits: np.ndarray,
                 params: MatchParams, chance_bits: float, *,
                 beside_copy: bool = False) -> np.ndarray:
    """Which passages (words matched on both sides, unmatched words inside, bits of the
    matched words) are too long or too improbable to be a chance coincidence.

    A few short runs of words close together are formulaic language, not an edited copy,
    unless (`beside_copy`) the two texts share a copy of whole sentences that passes on
    its own: then a stretch as improbable as a passage must be is more of the copy, one
    sentence edited more heavily ("Come, Miss Morland, be quick, for the speaker others
    are a in did hurry to be off")."""
    long_enough = matched >= params.min_tokens
    if not params.use_rarity:
        return long_enough
    improbable = bits - chance_bits - GAP_BITS * unmatched >= params.rarity_margin
    if beside_copy:
        return long_enough & improbable
    formulaic = ((unmatched > 0) & (matched < params.copy_tokens)
                 & (matched < DENSE * (matched + unmatched)))
    return long_enough & ~formulaic & improbable


def chance_level(length_a: int, length_b: int) -> float:
    """Bits of evidence two texts of these lengths (in tokens) give a passage by chance.

    Word frequencies overrate how surprising idioms are; below a few hundred words the
    chance term alone would let "on the other hand, the" through, so it has a floor."""
    return math.log2(max(CHANCE_FLOOR_WORDS, length_a) * max(CHANCE_FLOOR_WORDS, length_b))


def surplus_bits(passage: Alignment, chance_bits: float) -> float:
    """How far a passage's evidence exceeds chance, in bits (what `_significant` tests
    against the rarity margin)."""
    return passage.bits - chance_bits - GAP_BITS * passage.unmatched


def align(a: TokenStream, b: TokenStream, bits_a: np.ndarray,
          params: MatchParams) -> list[Alignment]:
    """All shared passages of `a` and `b` in token indices, ordered by position in A."""
    n = params.seed
    seeds_i, seeds_j, crowded = _seeds(a.ids, b.ids, n)
    if not len(seeds_i):
        return []
    chance_bits = chance_level(len(a), len(b))
    near = _with_neighbours(seeds_i, seeds_j, n + params.gap)
    prefix = np.concatenate(([0.0], np.cumsum(bits_a)))
    runs = _runs(seeds_i[near], seeds_j[near], n, n + params.gap, prefix)
    runs = _without_lone_chance_runs(runs, n, params, prefix, chance_bits)
    chains = _chain(runs, n, params.gap, prefix)
    # A lone seed is too weak to bridge two passages; it can only be part of one.
    chains = [c for c in chains if c.matched > n]
    chains = _without_repeat_matches(chains, params.min_tokens)

    def apart(q: Alignment, p: Alignment) -> bool:
        return _sentences_between(q, p, a, b)

    joined = _join_neighbours(chains, 2 * params.gap, params.min_tokens, apart)
    evidence = (np.array([p.matched_both for p in joined], dtype=np.int64),
                np.array([p.unmatched for p in joined], dtype=np.int64),
                np.array([p.bits for p in joined]), params, chance_bits)
    passes = _significant(*evidence)
    candidates = [p for p, ok in zip(joined, passes.tolist(), strict=True) if ok]
    edited: list[Alignment] = []
    if any(p.matched_both >= params.copy_tokens for p in candidates):
        more = _significant(*evidence, beside_copy=True) & ~passes
        edited = [p for p, ok in zip(joined, more.tolist(), strict=True) if ok]
    breaks = (paragraph_breaks(a), paragraph_breaks(b))
    kept = _one_partner_each(candidates, edited, params.min_tokens, breaks)
    _through_crowded_grams(kept, a, b, n, crowded, bits_a, breaks)
    extend_passages(kept, a, b, bits_a, params.gap, GAP_BITS, params.copy_tokens, breaks)
    # Seeds stop short of an edit, so two halves of one edited passage may lie too far
    # apart to join until each has been stretched to its last matching word.
    kept = _join_neighbours(kept, 2 * params.gap, params.min_tokens, apart)
    return sorted(kept, key=lambda p: (p.a0, p.b0))


def _through_crowded_grams(passages: list[Alignment], a: TokenStream, b: TokenStream, n: int,
                           crowded: np.ndarray, bits_a: np.ndarray,
                           breaks: tuple[np.ndarray, np.ndarray]) -> None:
    """Stretch each passage, in place, over the words right after its end (and before its
    start) that go on the same in both texts where the n-gram ending (starting) there is one
    of those too common in the two texts to seed (`MAX_SEED_PAIRS`): "... of the Chinese
    nation with Chinese-style modernization" stopped at "Chinese-style" in two articles that
    use "Chinese-style modernization" forty times, though both go on with the word. A seed
    there would have taken it; the cap only keeps such grams from pairing every use with
    every other. Never over a paragraph break or into another passage."""
    breaks_a, breaks_b = breaks

    def goes_on(i: int, j: int) -> bool:
        """Whether the crowded n-gram at i in A is the one at j in B."""
        return (0 <= i < len(crowded) and 0 <= j <= len(b) - n and bool(crowded[i])
                and bool(np.array_equal(a.ids[i:i + n], b.ids[j:j + n])))

    for p, next_a, next_b in with_next_starts(passages, len(a), len(b)):
        while (p.a1 < next_a and p.b1 < next_b and not breaks_a[p.a1 - 1]
               and not breaks_b[p.b1 - 1] and goes_on(p.a1 - n + 1, p.b1 - n + 1)):
            p.bits += float(bits_a[p.a1])
            p.a1, p.b1 = p.a1 + 1, p.b1 + 1
            p.matched, p.matched_b = p.matched + 1, p.matched_b + 1
    for p, previous_a, previous_b in with_previous_ends(passages):
        while (p.a0 > previous_a and p.b0 > previous_b and not breaks_a[p.a0 - 1]
               and not breaks_b[p.b0 - 1] and goes_on(p.a0 - 1, p.b0 - 1)):
            p.a0, p.b0 = p.a0 - 1, p.b0 - 1
            p.bits += float(bits_a[p.a0])
            p.matched, p.matched_b = p.matched + 1, p.matched_b + 1
