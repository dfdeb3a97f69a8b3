"""Evidence: the figures a candidate formulation's score is made of.

A candidate's score (`score`) weighs how much it looks like a set phrase with how the
collection uses it: the documents that use it, how late it first appears (`onset`), how
often a document that uses it uses it again (`repeat_bits`), how freely it crosses series
where the series write differently (`SeriesSpread`), whether it is set into its sentences
as a unit (`unit_bits`) and whether it is cited between quotation marks (`cited_bits`).
Each is in bits of surprise, were the candidate a chance run of running text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from viewer.core.collection import co_use
from viewer.core.collection.edges import EdgeEvidence
from viewer.core.grouping import expand
from viewer.core.phrase_scorer import Candidates
from viewer.core.phrases import RecurringGrams

#: Onset evidence counted at most (bits).
ONSET_CAP = 20.0
#: Repetition evidence counted at most (bits; see `repeat_bits`).
REPEAT_CAP = 20.0
#: Edge evidence (bits, see `viewer.core.collection.edges`) counted at most either way,
#: and the bits that double a score (or halve it).
UNIT_CAP = 10.0
UNIT_DOUBLING = 20.0
#: A phrase whose edges are pairs used elsewhere more often than a unit's would be this
#: seldom is no unit, however less often than running text's they are.
UNIT_FIT_P = 0.05
#: Evidence of being cited between quotation marks counted at most (bits).
QUOTE_CAP = 10.0
#: The most the edge evidence (`units`, `cited`) multiplies a score by (see `score`).
EDGE_RAISE = 2.0 ** (UNIT_CAP / UNIT_DOUBLING) * (1 + QUOTE_CAP / 10)
#: Collection size up to which documents are counted as they are (see `score`).
PER_DOCUMENTS = 1000
#: Shortfall of ordinary phrases' spread below chance's (see
#: `SeriesSpread.weigh_against_chance`) up to which spread tells nothing, and from which
#: it counts in full: series that write alike fall short by a few thousandths (0.000 to
#: 0.004 on 17 Chinese sets), series of different registers by five hundredths and more
#: (0.047 to 0.16 on 31 English sets).
SPREAD_NO_SHORTFALL = 0.01
SPREAD_FULL_SHORTFALL = 0.03
#: The ordinary phrases the shortfall is measured on: candidates of this many documents
#: (enough to cover several series), at least and at most so many of them.
SPREAD_SAMPLE_DOCUMENTS = (5, 60)
SPREAD_SAMPLE_LEAST = 200
SPREAD_SAMPLE_MOST = 20000
#: The score (see `score`) a formulation needs to be listed.
MIN_SCORE = 140.0


def score(documents: np.ndarray, strength: np.ndarray, onset: np.ndarray,
           total: int, repeats: np.ndarray, variety: np.ndarray,
           units: np.ndarray | None = None,
           cited: np.ndarray | None = None) -> np.ndarray:
    """How surely a candidate is a formulation: how much it looks like a set phrase, the
    documents that use it, how clear its onset is, how often a document that uses it
    uses it again, how freely it crosses series, and (`units`, see `unit_bits`; None
    for none) whether it is set into its sentences as a unit, which
    doubles or halves the score at most `UNIT_CAP` / `UNIT_DOUBLING` times over (a phrase
    of a few documents has few edges to show it), and (`cited`, `cited_bits`) whether it
    is cited between quotation marks. Beyond `PER_DOCUMENTS` documents
    the collection's share counts rather than the number: a phrase of 50 articles in
    10,000 is as common as one of 5 in 1,000, and background phrases grow with the
    collection as much as formulations do."""
    scaled = documents * min(1.0, PER_DOCUMENTS / max(1, total))
    edged = 1.0 if units is None or cited is None else edge_factor(units, cited)
    return (np.log2(1 + scaled) * strength * (1 + np.minimum(onset, ONSET_CAP) / 10)
            * (1 + np.minimum(repeats, REPEAT_CAP) / 10) * np.minimum(1.0, variety) ** 2
            * edged)


def edge_factor(units: np.ndarray, cited: np.ndarray) -> np.ndarray:
    """What the edge evidence multiplies a score by (see `score`): at most `EDGE_RAISE`."""
    return (2.0 ** (np.clip(units, -UNIT_CAP, UNIT_CAP) / UNIT_DOUBLING)
            * (1 + np.minimum(cited, QUOTE_CAP) / 10))


def edge_bits_of(edges: EdgeEvidence, grams: RecurringGrams, table: Candidates,
                  picked: np.ndarray, *, against_only: bool) -> tuple[np.ndarray, np.ndarray]:
    """`unit_bits` and `cited_bits` of the candidates `picked` (rows of `table`), all
    weighed at once."""
    starts, lengths, owner = [], [], []
    for n in np.unique(table.n[picked]).tolist():
        rows = np.flatnonzero(table.n[picked] == n)
        level = grams.levels[n]
        index = table.index[picked[rows]]
        mine, _ = expand(level.count[index])
        starts.append(level.grouped_at(index))
        lengths.append(np.full(len(mine), n))
        owner.append(rows[mine])
    if not starts:
        return np.zeros(0), np.zeros(0)
    at, length, of = (np.concatenate(parts) for parts in (starts, lengths, owner))
    units = _units_of(edges, at, length, of, len(picked), against_only=against_only)
    cited, chance = edges.quoted_each(at, length, of, len(picked))
    quoted = np.array([cited_from(*found) for found in zip(cited.tolist(), chance.tolist(),
                                                            strict=True)])
    return units, quoted


def unit_bits(edges: EdgeEvidence, starts: np.ndarray, lengths: np.ndarray, *,
               against_only: bool = False) -> float:
    """Bits of evidence that a phrase (its occurrences' `starts` and `lengths`) is set into
    its sentences as a unit rather than a stretch of running text (`EdgeEvidence`): none
    for it when more of its edges are pairs used elsewhere than a unit's would be beyond
    doubt ("Sir Thomas", "every day": fewer than running text's, yet far too many for a
    unit), whatever the balance says.

    With `against_only` (Chinese, whose tokens are characters) only evidence against
    counts. A candidate there begins and ends on word boundaries (`PhraseLocator`), and
    the pair of characters across a word boundary is far less often used elsewhere than
    the pairs inside words that make most of a character's running rate: any stretch
    cut on words, a chance run (卡杜米指出) or a name (委内瑞拉), looks set into the text.
    Edges used elsewhere even more often than that still mark running text."""
    return unit_from(*edges.weigh(starts, lengths), against_only=against_only)


def unit_bits_each(edges: EdgeEvidence, phrases: list[tuple[int, np.ndarray]]) -> np.ndarray:
    """`unit_bits` (all evidence counting) of many phrases ((length in tokens, start
    positions) each), weighed at once: thousands of likenesses weighed one by one cost
    seconds."""
    counts = np.array([len(at) for _, at in phrases], dtype=np.int64)
    owner = np.repeat(np.arange(len(phrases)), counts)
    starts = np.concatenate([at for _, at in phrases]) if phrases else np.zeros(0, np.int64)
    lengths = np.repeat(np.array([n for n, _ in phrases], dtype=np.int64), counts)
    return _units_of(edges, starts, lengths, owner, len(phrases), against_only=False)


def _units_of(edges: EdgeEvidence, starts: np.ndarray, lengths: np.ndarray,
              owner: np.ndarray, phrases: int, *, against_only: bool) -> np.ndarray:
    """`unit_bits` of `phrases` phrases weighed at once, occurrence k (`starts[k]`,
    `lengths[k]`) being one of phrase `owner[k]`."""
    bits, used, expected = edges.weigh_each(starts, lengths, owner, phrases)
    return np.array([unit_from(*found, against_only=against_only)
                     for found in zip(bits.tolist(), used.tolist(), expected.tolist(),
                                      strict=True)])


def unit_from(bits: float, used: float, expected: float, *, against_only: bool) -> float:
    """`unit_bits` from what `EdgeEvidence.weigh` found."""
    if bits > 0 and (against_only or co_use.poisson_tail(round(used), expected) < UNIT_FIT_P):
        return 0.0
    return bits


def cited_bits(edges: EdgeEvidence, starts: np.ndarray, lengths: np.ndarray) -> float:
    """Bits of surprise of a phrase (its occurrences' `starts` and `lengths`) standing
    right between quotation marks as often as it does, were it running text: a set phrase
    is cited as a whole ("the \u201ctwo safeguards\u201d"); a chance run of running text is not."""
    return cited_from(*edges.quoted(starts, lengths))


def cited_from(cited: int, expected: float) -> float:
    """`cited_bits` from what `EdgeEvidence.quoted` found."""
    return -math.log2(max(1e-300, co_use.poisson_tail(cited, expected))) if cited else 0.0


def repeat_bits(count: np.ndarray, documents: np.ndarray, total: int) -> np.ndarray:
    """Bits of surprise of a phrase coming back within the documents that use it: a
    chance collocation lands in a document about as likely as in any other, so each
    occurrence beyond the first of its document had a chance of about documents / total
    to fall there; a formulation, like any term a writer has adopted, recurs where it is
    used (the burstiness of terms). Scattered at random, a common phrase's uses meet in
    some documents all the same ("the greatest", 110 uses in 103 of 1,000 articles):
    those repeats are chance's, and count for nothing."""
    count = count.astype(np.float64)
    # Uses that land in a document already holding one, were they scattered at random.
    chance = count + total * np.expm1(-count / max(1, total))
    extra = np.maximum(0.0, count - documents - chance)
    return extra * np.log2(np.maximum(1.0, total / np.maximum(1, documents)))


class SeriesSpread:
    """How freely phrases cross the series (outlets) of a collection: the series a
    phrase's documents belong to, over how many documents drawn at random would cover.
    A formulation spreads across outlets; a collocation of one register or subject (a
    novel's character, a scripture's idiom) stays in the series that write that way.
    That tells only where the series write differently: how much it counts (`weight`) is
    weighed on the collection's ordinary phrases (`weigh_against_chance`). 1 for every
    phrase when series are unknown."""

    def __init__(self, series: Sequence[str] | None, total: int) -> None:
        self.known = series is not None and len(set(series)) > 1
        #: The power the spread is raised to: 1 (in full) until `weigh_against_chance`.
        self.weight = 1.0
        if not self.known or series is None:
            self.of = np.zeros(total, dtype=np.int64)
            self.share = np.ones(1)
            return
        names = sorted(set(series))
        number = {name: k for k, name in enumerate(names)}
        self.of = np.array([number[s] for s in series], dtype=np.int64)
        self.share = np.bincount(self.of, minlength=len(names)) / max(1, total)

    def weigh_against_chance(self, grams: RecurringGrams, table: Candidates) -> None:
        """Set how much spread tells in this collection (`weight`, 0 to 1). Its ordinary
        phrases (candidates of `SPREAD_SAMPLE_DOCUMENTS` documents, most of them phrases
        of the language) cover fewer series than they would were each document's series
        drawn at random only where the series write differently (dev's novels, scripture
        and news: 0.08 short and more); where every series writes alike (zh-dev: 0.003
        short, from series active part of the time), a phrase's spread is chance's, and
        a formulation of a few documents landed in a few series is no less one. Too few
        ordinary phrases to tell by (`SPREAD_SAMPLE_LEAST`), spread counts in full."""
        least, most = SPREAD_SAMPLE_DOCUMENTS
        rows = np.flatnonzero((table.documents >= least) & (table.documents <= most))
        if not self.known or len(rows) < SPREAD_SAMPLE_LEAST:
            return
        rows = rows[::max(1, len(rows) // SPREAD_SAMPLE_MOST)]
        seen = np.minimum(1.0, self._ratios(grams, table, rows, self.of))
        drawn = self.of[np.random.default_rng(0).permutation(len(self.of))]
        chance = np.minimum(1.0, self._ratios(grams, table, rows, drawn))
        shortfall = float((chance - seen).mean())
        self.weight = float(np.clip((shortfall - SPREAD_NO_SHORTFALL)
                                    / (SPREAD_FULL_SHORTFALL - SPREAD_NO_SHORTFALL), 0.0, 1.0))

    def expected(self, documents: np.ndarray) -> np.ndarray:
        """Series that `documents` documents drawn at random cover."""
        values, inverse = np.unique(documents, return_inverse=True)
        seen = 1.0 - np.power.outer(1.0 - self.share, values.astype(np.float64))
        return np.maximum(seen.sum(axis=0)[inverse], 1.0)

    def of_documents(self, docs: np.ndarray) -> float:
        if not self.known:
            return 1.0
        distinct = len(np.unique(self.of[docs]))
        ratio = distinct / self.expected(np.array([len(docs)]))[0]
        return float(min(1.0, ratio) ** self.weight)

    def of_candidates(self, grams: RecurringGrams, table: Candidates,
                      picked: np.ndarray) -> np.ndarray:
        """The spread of the candidates `picked` (rows of `table`)."""
        if not self.known:
            return np.ones(len(picked))
        return np.minimum(1.0, self._ratios(grams, table, picked, self.of)) ** self.weight

    def _ratios(self, grams: RecurringGrams, table: Candidates, picked: np.ndarray,
                of: np.ndarray) -> np.ndarray:
        """Series covered over series expected of the candidates `picked`, each
        document's series `of[document]`."""
        out = np.ones(len(picked))
        kinds = len(self.share)
        lengths = table.n[picked]
        for n in np.unique(lengths).tolist():
            rows = np.flatnonzero(lengths == n)
            index = table.index[picked[rows]]
            level = grams.levels[n]
            owner, _ = expand(level.count[index])
            keys = np.unique(owner * kinds + of[grams.doc_of[level.grouped_at(index)]])
            distinct = np.bincount(keys // kinds, minlength=len(rows))
            out[rows] = distinct / self.expected(level.documents[index])
        return out


def onset(earliest: float, documents: float, total: int) -> float:
    """Bits of surprise of a first appearance after `earliest` of `total` documents, for
    a phrase in `documents` documents: by chance it starts that late with probability
    (1 - x) ** documents."""
    share = earliest / max(1, total)
    return float(-documents * np.log2(max(1e-12, 1 - share)))


def onset_bits(grams: RecurringGrams, table: Candidates, rank: np.ndarray) -> np.ndarray:
    """The onset surprise (`onset`) of each candidate: a new formulation has a clear
    onset; a phrase of the language, or of the collection's subject, is there from the
    start."""
    out = np.zeros(len(table))
    for n in np.unique(table.n).tolist():
        rows = np.flatnonzero(table.n == n)
        level = grams.levels[n]
        index = table.index[rows]
        where = level.grouped_at(index)
        heads = np.cumsum(level.count[index]) - level.count[index]
        earliest = np.minimum.reduceat(rank[grams.doc_of[where]], heads)
        share = earliest / len(rank)
        out[rows] = -table.documents[rows] * np.log2(np.maximum(1e-12, 1 - share))
    return out
