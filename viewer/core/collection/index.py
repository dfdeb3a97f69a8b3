"""Candidate pairs of a collection from an index of word n-grams with a document-frequency cap.

As passim and textreuse do: every document is reduced to the set of hashes of its word
n-grams (Chinese: character n-grams); an n-gram found in more than `max_df` documents is set
aside (formulaic or boilerplate material, not evidence of one text copying another), and
two documents become a candidate pair when they share at least `min_shared` of the rest,
or a few less that no other document holds (a short, heavily edited copy keeps one run of
seven words; a run of seven common words is met in many pairs of articles by chance, one
that two articles alone hold seldom). The work is one sort of (hash, document) rows and
one count per document pair, so it grows with the amount of reuse, not with the square of
the collection.

A passage copied into more articles than the cap (a press release run by fifty outlets) is
not lost: an n-gram in more than `max_df` but at most `wide_df` documents pairs each of them
with the first document that holds it (a star, not every pair: the work stays linear), and
such a pair is a candidate when it shares at least `min_wide_shared` of those n-grams, as an
unbroken run longer than any set phrase gives. Set phrases and short boilerplate lines,
which are what the cap is for, never share that many. Text in more than `wide_df`
documents is the collection's furniture (a disclaimer under a quarter of all articles) and
pairs none of the articles it stands in; but an article made mostly of such text is no
article with furniture around it, it is a copy of a story run everywhere (a wire story in
a third of the collection), and such text pairs it with the first document holding it, as
above.

The n-grams two documents alone hold, of the pairs they are too few to make candidates
(`LoneRuns`), go with the candidates: among those pairs, `edited_sentences` finds one
sentence copied and edited every few words, which keeps no run long enough.

Pure numpy; documents are numbered 0..N-1 by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from viewer.core.grams import gram_hashes
from viewer.core.grouping import expand
from viewer.core.shared import CJK_CHARS_PER_WORD


@dataclass(frozen=True)
class IndexParams:
    """How documents are indexed and paired."""

    #: Tokens per indexed n-gram (words; CJK characters).
    n: int
    #: An n-gram in more documents than this is not used to pair documents.
    max_df: int
    #: Distinct shared n-grams two documents need to become a candidate pair.
    min_shared: int
    #: ... or distinct n-grams that the two documents alone hold (0: `min_shared`).
    min_rare_shared: int = 0
    #: An n-gram in more than `max_df` documents, up to this many, pairs each of them with
    #: the first of them; such a pair needs `min_wide_shared` of these n-grams.
    wide_df: int = 0
    min_wide_shared: int = 0


#: Two documents become a candidate pair when they share as many n-grams as one unbroken
#: run of this many words gives (CJK: characters, 1.6 to a word): more than one chance
#: run of six or seven words, far less than any copied passage.
PAIR_RUN_WORDS = 8
#: ... or as many n-grams found in no other document as a run of this many words gives:
#: the longest run a short copy edited every seventh word keeps. A run of seven common
#: words is met in many pairs of articles, one that two articles alone hold seldom.
RARE_RUN_WORDS = 7
#: Chinese: as many as a run of this many characters gives. Edits fall on characters
#: there, inside words as often as on whole ones, so an edited sentence of twenty or
#: thirty characters keeps shorter runs (连续第六年发行农历, nine); a run of ten that two
#: articles alone hold is still seldom met by chance.
RARE_RUN_CHARS = 10
#: ... and, through n-grams above the cap, as a run of this many: longer than the longest
#: set phrase (about 20 words), shorter than a copied paragraph.
WIDE_RUN_WORDS = 25
#: n-grams in more documents than this share of the collection (and than
#: `WIDE_DOCUMENTS`) pair nothing: a paragraph in a twentieth of all articles is the
#: collection's furniture.
WIDE_SHARE = 20
WIDE_DOCUMENTS = 200
#: A document more than this share of whose n-grams are furniture (above `wide_df`) is a
#: copy of the story they make: an article that carries a disclaimer or a standard
#: paragraph has its own text around it. Half, not all: a copy edited every few words
#: keeps fewer of the story's n-grams than of its words.
EVERYWHERE_COPY_SHARE = 0.5


def index_params(cjk: bool, documents: int) -> IndexParams:
    """Defaults for a collection of this size. A chain of copies reaches a dozen articles
    at most, far below what a set phrase or a series' boilerplate reaches; the cap grows
    only slowly with the collection. A run of k tokens shares k - n + 1 n-grams."""
    cap = max(20, documents // 500)
    n = 6 if cjk else 5
    scale = CJK_CHARS_PER_WORD if cjk else 1.0
    return IndexParams(n=n, max_df=cap, min_shared=round(PAIR_RUN_WORDS * scale) - n + 1,
                       min_rare_shared=(RARE_RUN_CHARS if cjk else RARE_RUN_WORDS) - n + 1,
                       wide_df=max(WIDE_DOCUMENTS, documents // WIDE_SHARE),
                       min_wide_shared=round(WIDE_RUN_WORDS * scale) - n + 1)


def document_grams(ids: np.ndarray, n: int) -> np.ndarray:
    """The sorted distinct n-gram hashes of one document's token ids."""
    return np.unique(gram_hashes(ids, n))


@dataclass(frozen=True)
class Candidates:
    """Candidate pairs (first < second, document numbers) and their shared n-gram counts
    (for a pair only the n-grams two documents alone hold make, the count of those)."""

    first: np.ndarray
    second: np.ndarray
    shared: np.ndarray
    #: The n-grams two documents alone hold of the pairs they are too few to make
    #: candidates (see `viewer.core.collection.edited_sentences`).
    lone: LoneRuns | None = None


@dataclass(frozen=True)
class LoneRuns:
    """n-grams that two documents alone hold, one row each: the two documents (first <
    second) and the n-gram's hash."""

    first: np.ndarray
    second: np.ndarray
    hashes: np.ndarray

    def of_pairs(self, keep: np.ndarray) -> LoneRuns:
        """The rows of the pairs `keep` (a mask over the rows) selects."""
        return LoneRuns(self.first[keep], self.second[keep], self.hashes[keep])


def candidate_pairs(grams: list[np.ndarray], params: IndexParams) -> Candidates:
    """Document pairs sharing at least `min_shared` n-grams found in 2..max_df documents
    (or `min_rare_shared` found in those two alone), and documents sharing at least
    `min_wide_shared` n-grams above the cap (up to `wide_df` documents) with the first
    document holding each (see the module's doc). `grams[d]` are document d's distinct
    hashes."""
    sizes = np.array([len(g) for g in grams], dtype=np.int64)
    hashes = np.concatenate(grams) if grams else np.zeros(0, dtype=np.uint64)
    docs = np.repeat(np.arange(len(grams), dtype=np.int64), sizes)
    order = np.argsort(hashes)
    hashes, docs = hashes[order], docs[order]
    starts = np.flatnonzero(np.concatenate(([len(hashes) > 0], hashes[1:] != hashes[:-1])))
    counts = np.diff(starts, append=len(hashes))
    usable = (counts >= 2) & (counts <= params.max_df)
    # Rows of the usable hashes, each hash's documents laid end to end.
    group_starts, group_counts = starts[usable], counts[usable]
    owner, rank = expand(group_counts)
    rows = group_starts[owner] + rank
    # Each row pairs with the rows after it in its group.
    later = (group_counts[owner] - 1 - rank)
    left, step = expand(later)
    one = docs[rows[left]]
    other = docs[rows[left] + 1 + step]
    regular = _counted(np.minimum(one, other), np.maximum(one, other), len(grams),
                       params.min_shared)
    # n-grams two documents alone hold: each pairs its two.
    held = starts[counts == 2]
    one, other = docs[held], docs[held + 1]
    lone = LoneRuns(np.minimum(one, other), np.maximum(one, other), hashes[held])
    if 0 < params.min_rare_shared < params.min_shared:
        # A pair those above made already keeps its count (these n-grams are among what
        # it counted).
        rare = _counted(lone.first, lone.second, len(grams), params.min_rare_shared)
        new = ~np.isin(rare.first * len(grams) + rare.second,
                       regular.first * len(grams) + regular.second)
        regular = _union(regular, Candidates(rare.first[new], rare.second[new],
                                             rare.shared[new]), len(grams))
    wide = (counts > params.max_df) & (counts <= params.wide_df)
    if wide.any():
        regular = _union(regular, _star_pairs(docs, starts, counts, wide, params, len(grams)),
                         len(grams))
    everywhere = counts > params.wide_df if params.wide_df else np.zeros(len(counts), bool)
    if everywhere.any():
        copies = _made_of(docs, starts, counts, everywhere, sizes)
        regular = _union(regular, _star_pairs(docs, starts, counts, everywhere, params,
                                              len(grams), members=copies), len(grams))
    paired = np.isin(lone.first * len(grams) + lone.second,
                     regular.first * len(grams) + regular.second)
    return replace(regular, lone=lone.of_pairs(~paired))


def _star_pairs(docs: np.ndarray, starts: np.ndarray, counts: np.ndarray, wide: np.ndarray,
                params: IndexParams, size: int,
                members: np.ndarray | None = None) -> Candidates:
    """Each document of a widely shared n-gram (`wide`, a mask over the hashes; only those
    `members` selects, a mask over the documents, when given) with the first document
    holding it, the pairs sharing `min_wide_shared` such n-grams."""
    group_starts, group_counts = starts[wide], counts[wide]
    first = np.minimum.reduceat(docs, starts)[wide]
    owner, rank = expand(group_counts)
    member = docs[group_starts[owner] + rank]
    center = first[owner]
    keep = member != center
    if members is not None:
        keep &= members[member]
    return _counted(center[keep], member[keep], size, params.min_wide_shared)


def _made_of(docs: np.ndarray, starts: np.ndarray, counts: np.ndarray, held: np.ndarray,
             sizes: np.ndarray) -> np.ndarray:
    """Which documents (a mask) have more than `EVERYWHERE_COPY_SHARE` of their distinct
    n-grams (`sizes`) among the hashes `held` selects."""
    owner, rank = expand(counts[held])
    holding = np.bincount(docs[starts[held][owner] + rank], minlength=len(sizes))
    return holding > EVERYWHERE_COPY_SHARE * np.maximum(sizes, 1)


def _counted(first: np.ndarray, second: np.ndarray, size: int,
             needed: int) -> Candidates:
    """The distinct pairs (first < second) met at least `needed` times, with their counts."""
    keys = first * size + second
    keys.sort()
    if not len(keys):
        empty = np.zeros(0, dtype=np.int64)
        return Candidates(empty, empty, empty)
    bounds = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    shared = np.diff(bounds, append=len(keys))
    distinct = keys[bounds]
    keep = shared >= needed
    distinct, shared = distinct[keep], shared[keep]
    return Candidates(distinct // size, distinct % size, shared)


def _union(one: Candidates, other: Candidates, size: int) -> Candidates:
    """The pairs of either, in order, their shared n-grams added up."""
    keys = np.concatenate((one.first * size + one.second, other.first * size + other.second))
    shared = np.concatenate((one.shared, other.shared))
    distinct, inverse = np.unique(keys, return_inverse=True)
    total = np.bincount(inverse, weights=shared, minlength=len(distinct)).astype(np.int64)
    return Candidates(distinct // size, distinct % size, total)


@dataclass(frozen=True)
class DocumentFrequencies:
    """How many documents hold each n-gram of a collection."""

    hashes: np.ndarray
    counts: np.ndarray
    n: int

    @classmethod
    def of(cls, grams: list[np.ndarray], n: int,
           among: np.ndarray | None = None) -> DocumentFrequencies:
        """The frequencies of every n-gram of `grams` (each document's distinct hashes),
        or only of those in `among` (sorted distinct hashes; far less work)."""
        hashes = np.concatenate(grams) if grams else np.zeros(0, dtype=np.uint64)
        if among is not None:
            if not len(among):
                return cls(among, np.zeros(0, dtype=np.int64), n)
            at = np.minimum(np.searchsorted(among, hashes), len(among) - 1)
            hashes = hashes[among[at] == hashes]
        hashes = np.sort(hashes)
        starts = np.flatnonzero(np.concatenate(([len(hashes) > 0], hashes[1:] != hashes[:-1])))
        return cls(hashes[starts], np.diff(starts, append=len(hashes)), n)

    def of_grams(self, grams: np.ndarray) -> np.ndarray:
        """The document frequency of each of these n-gram hashes (0 for one not counted)."""
        if not len(grams) or not len(self.hashes):
            return np.zeros(len(grams), dtype=np.int64)
        at = np.minimum(np.searchsorted(self.hashes, grams), len(self.hashes) - 1)
        return np.where(self.hashes[at] == grams, self.counts[at], 0)
