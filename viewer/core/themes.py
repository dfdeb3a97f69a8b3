"""Theme overlap: passages of A and B that discuss the same thing in other words.

Passages are paragraphs (long ones cut into windows of a few sentences, tiny ones merged).
A pair's score blends two cosines, both in [0, 1]:
- shared terms: each passage is a TF-IDF vector of its terms (see `theme_terms`), where the
  IDF is the word's surprise in general language (bits from word frequencies, less that of
  an everyday word), times how few of the two texts' passages hold it; a term in most
  passages of both texts (a name, a title) counts for nothing there;
- word meaning: each passage's vector in a static embedding model (see `theme_meaning`),
  which links "rail fares" to "train tickets".
On the Lee et al. (2005) news ratings the top score correlates at r = 0.617 with people
from terms alone, and 0.722 blended (bench/bench_themes.py). Candidate pairs come from an
inverted index of weighty terms and from each passage's nearest passages in meaning.
A theme pair is a subject the texts share in other words: the words of their shared
phrases count in no pair, a passage made mostly of shared phrases or of set phrases both
texts use is left out, and each passage is in a few pairs at most. A pair names what its
passages have in common: the terms they share, strongest first, or, for a pair scored by
word meaning alone, the words of each that relate it (see `theme_related`); a pair with
neither is not listed.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from viewer.core.grouping import expand, group
from viewer.core.model import Span, ThemeOverlap
from viewer.core.theme_meaning import PassageMeanings
from viewer.core.theme_related import RelatedWords
from viewer.core.tokenize import TokenStream, char_mask, starts_within

#: A passage longer than this many words is cut into windows of sentences.
WINDOW_WORDS = 120
#: Paragraphs shorter than this many words are merged with the next one.
MIN_PASSAGE_WORDS = 12
#: A term's weight is its surprise beyond that of an everyday word (bits), so words like
#: "said" or "year" barely count while names and technical terms dominate.
COMMON_WORD_BITS = 6.0
MIN_TERM_WEIGHT = 0.1
#: ... and no rarer than one word in 250,000 (18 bits) says more about the subject: names
#: missing from the frequency lists (22 bits) would otherwise outweigh every other term.
MAX_TERM_WEIGHT = 12.0
#: A term in more of B's passages than this (or 5% of them) proposes no partners.
MIN_PROPOSING_PASSAGES = 10
#: ... and never more than this many, which keeps book-length texts near-linear.
MAX_PROPOSING_PASSAGES = 60
#: Best-proposed partners per passage whose exact cosine is computed.
PARTNERS_PER_PASSAGE = 8
#: Shared terms listed per pair of passages.
SHOWN_TERMS = 6
#: The share of word meaning in a pair's score; the rest is the TF-IDF cosine.
MEANING_WEIGHT = 0.4
#: Nearest passages in meaning proposed for each passage, beside those sharing terms.
MEANING_PARTNERS = 4
#: ... when the texts have at most this many pairs of passages (about 1,000 x 1,000).
MEANING_SEARCH_PAIRS = 1 << 20
#: Pairs of passages whose meaning cosines are computed at once (bounds memory).
_MEANING_BLOCK = 1 << 22
#: Multiply-adds below which a matrix product skips BLAS (see `_products`).
_SMALL_PRODUCT = 1 << 24
#: A term in more than this share of the passages of both texts is boilerplate there (a
#: name, a title) and weighs nothing.
BOILERPLATE_SHARE = 0.5
#: Only texts of this many passages or more tell by the spread of terms over passages.
MIN_PASSAGES_FOR_SPREAD = 4
#: A passage with this share of its characters inside shared phrases or formulations is
#: copied or set wording, not a theme in other words: it is left out.
MOSTLY_SHARED = 0.4
#: The most listed pairs one passage may be in.
PAIRS_PER_PASSAGE = 2
#: Pairs sharing no term whose related words are looked for, at most: beyond them such
#: pairs are not listed (it bounds the work where no pair names anything in common).
MAX_RELATED_TRIES = 200
_STOPS = np.array([ord(c) for c in ".!?"], dtype=np.uint32)
_CLOSERS = np.array([ord(c) for c in "\"')\u201d\u2019"], dtype=np.uint32)
_CJK_STOPS = np.array([ord(c) for c in "\u3002\uff01\uff1f"], dtype=np.uint32)
_SPACES = np.array([ord(c) for c in " \t\n\r\f\v\u00a0\u3000"], dtype=np.uint32)


@dataclass(frozen=True)
class TermVectors:
    """One document's passages as sparse TF-IDF vectors.

    Entry k says that term `term[k]` has weight `weight[k]` in passage `passage[k]`;
    entries are sorted by passage, then term. The vectors keep what they were made of
    (where each token starts, its term, each term's bits and the spread factors applied)
    so that they can be made again without some of the tokens (see `without`)."""

    spans: list[Span]
    passage: np.ndarray
    term: np.ndarray
    weight: np.ndarray
    norm: np.ndarray
    token_starts: np.ndarray
    token_terms: np.ndarray
    term_bits: np.ndarray
    factor: np.ndarray | None = None


def _sentence_starts(tokens: TokenStream) -> tuple[np.ndarray, np.ndarray]:
    """The words that begin a new sentence, and the offsets where those sentences begin:
    the gap before such a word holds a full stop, question or exclamation mark followed by
    a space ("3.5" is one number, "etc., and" one sentence), or a CJK stop."""
    starts, ends = tokens.starts, tokens.ends
    if len(starts) < 2:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    codes = np.concatenate((tokens.codes, [0, 0]))
    space = char_mask(codes, _SPACES)
    # A stop, then perhaps a closing quote or bracket, then a space ("etc., and" is not).
    ending = char_mask(codes, _STOPS)
    ending[:-2] &= space[1:-1] | (char_mask(codes[1:-1], _CLOSERS) & space[2:])
    ending |= char_mask(codes, _CJK_STOPS)
    seen = np.concatenate(([0], np.cumsum(ending)))
    words = np.flatnonzero(seen[starts[1:]] > seen[ends[:-1]]) + 1
    # The new sentence begins after the gap's last space or stop: it keeps its opening quote.
    marks = np.flatnonzero(space | ending)
    return words, marks[np.searchsorted(marks, starts[words]) - 1] + 1


def passage_spans(text: str, paragraphs: Sequence[Span], tokens: TokenStream) -> list[Span]:
    """Paragraphs, long ones cut at sentence ends into windows, short ones merged; passages
    are measured in the words of `tokens`, the text's tokens."""
    starts = tokens.starts
    words, offsets = _sentence_starts(tokens)
    sentences, sentence_offsets = words.tolist(), offsets.tolist()
    bounds = np.array(paragraphs, dtype=np.int64).reshape(-1, 2)
    first_words = np.searchsorted(starts, bounds[:, 0]).tolist()
    end_words = np.searchsorted(starts, bounds[:, 1]).tolist()
    # Pieces as (start, end, first word, end word).
    pieces: list[tuple[int, int, int, int]] = []
    for (start, end), t0, t1 in zip(paragraphs, first_words, end_words, strict=True):
        if t1 - t0 <= WINDOW_WORDS:
            pieces.append((start, end, t0, t1))
            continue
        window_start, window_word = start, t0
        k0, k1 = bisect_right(sentences, t0), bisect_left(sentences, t1)
        cuts = zip([*sentences[k0:k1], t1], [*sentence_offsets[k0:k1], end], strict=True)
        for cut_word, cut in cuts:
            if cut_word - window_word >= WINDOW_WORDS * 2 // 3:
                pieces.append((window_start, cut, window_word, cut_word))
                window_start, window_word = cut, cut_word
        if window_start < end:
            pieces.append((window_start, end, window_word, t1))
    merged: list[Span] = []
    pending: tuple[int, int] | None = None  # a short piece's start and first word
    for start, end, t0, t1 in pieces:
        if pending is not None:
            start, t0 = pending
            pending = None
        if t1 - t0 < MIN_PASSAGE_WORDS:
            pending = (start, t0)
        else:
            merged.append((start, end))
    if pending is not None:
        if merged:
            merged[-1] = (merged[-1][0], pieces[-1][1])
        else:
            merged.append((pending[0], pieces[-1][1]))
    return [(s, e) for s, e in merged if text[s:e].strip()]


def term_vectors(spans: list[Span], token_starts: np.ndarray, token_terms: np.ndarray,
                 term_bits: np.ndarray) -> TermVectors:
    """TF-IDF vectors of `spans`, from the term of each token (-1 for none).

    A term's weight is (1 + ln tf) times its surprise beyond that of an everyday word."""
    terms = len(term_bits)
    span_starts = np.array([s for s, _ in spans], dtype=np.int64)
    span_ends = np.array([e for _, e in spans], dtype=np.int64)
    owner = np.searchsorted(span_starts, token_starts, side="right") - 1
    inside = (owner >= 0) & (token_terms >= 0)
    inside[inside] &= token_starts[inside] < span_ends[owner[inside]]
    keys, tf = np.unique(owner[inside] * terms + token_terms[inside], return_counts=True)
    passage, term = keys // terms, keys % terms
    idf = np.clip(term_bits - COMMON_WORD_BITS, MIN_TERM_WEIGHT, MAX_TERM_WEIGHT)
    weight = (1.0 + np.log(tf)) * idf[term]
    norm = np.sqrt(np.bincount(passage, weight * weight, minlength=len(spans)))
    return TermVectors(spans, passage, term, weight, norm, token_starts, token_terms,
                       term_bits)


def spread_factors(a: TermVectors, b: TermVectors, terms: int) -> np.ndarray | None:
    """Each term's passage IDF over the two texts, 1 + ln((1 + n) / (1 + df)): a term in
    every passage keeps its weight, one in a single passage of many weighs several times
    more. A term in most passages of both texts (a name, a title: "Xi Jinping",
    "Comrade") gets 0: it is boilerplate there. None for texts of a few passages, which
    cannot tell. `terms`: how many terms there are."""
    count_a, count_b = len(a.spans), len(b.spans)
    if min(count_a, count_b) < MIN_PASSAGES_FOR_SPREAD:
        return None
    spread_a = np.bincount(a.term, minlength=terms)
    spread_b = np.bincount(b.term, minlength=terms)
    factor = 1.0 + np.log((1.0 + count_a + count_b) / (1.0 + spread_a + spread_b))
    factor[(spread_a > BOILERPLATE_SHARE * count_a)
           & (spread_b > BOILERPLATE_SHARE * count_b)] = 0.0
    return factor


def reweighed(v: TermVectors, factor: np.ndarray | None) -> TermVectors:
    """`v` with each term's weight times its factor (see `spread_factors`)."""
    if factor is None:
        return v
    weight = v.weight * factor[v.term]
    norm = np.sqrt(np.bincount(v.passage, weight * weight, minlength=len(v.spans)))
    return replace(v, weight=weight, norm=norm, factor=factor)


def without(v: TermVectors, covering: Sequence[Span]) -> TermVectors:
    """`v` made again from the tokens that start outside every `covering` span: what a
    passage says in words of its own, not in the words it shares verbatim."""
    if not len(covering):
        return v
    terms = np.where(starts_within(v.token_starts, covering), -1, v.token_terms)
    return reweighed(term_vectors(v.spans, v.token_starts, terms, v.term_bits), v.factor)


def _covered_shares(spans: Sequence[Span], covering: Sequence[Span]) -> np.ndarray:
    """The share of each span's characters inside the union of `covering` spans."""
    bounds = np.array(spans, dtype=np.int64).reshape(-1, 2)
    if not len(covering) or not len(bounds):
        return np.zeros(len(bounds))
    cover = np.array(sorted(covering), dtype=np.int64).reshape(-1, 2)
    # Merge the covering spans into disjoint runs, then measure with a running total.
    reach = np.maximum.accumulate(cover[:, 1])
    new_run = np.concatenate(([True], cover[1:, 0] > reach[:-1]))
    run_starts = cover[new_run, 0]
    run_ends = np.maximum.reduceat(cover[:, 1], np.flatnonzero(new_run))
    before = np.concatenate(([0], np.cumsum(run_ends - run_starts)))

    def covered_before(x: np.ndarray) -> np.ndarray:
        k = np.searchsorted(run_starts, x, side="right")  # runs starting at or before x
        inside = np.minimum(x, run_ends[np.maximum(k - 1, 0)]) - run_starts[np.maximum(k - 1, 0)]
        return before[np.maximum(k - 1, 0)] + np.where(k > 0, np.maximum(inside, 0), 0)

    lengths = np.maximum(bounds[:, 1] - bounds[:, 0], 1)
    return (covered_before(bounds[:, 1]) - covered_before(bounds[:, 0])) / lengths


def _proposals(a: TermVectors, b: TermVectors) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs (passage of A, passage of B): each A passage's best-proposed partners.

    Partners are proposed through an inverted index of B's terms; a term found in many of
    B's passages proposes none (it would propose everything), but still counts in the
    exact cosine computed afterwards."""
    live_b = int(np.count_nonzero(b.norm))
    widest = min(MAX_PROPOSING_PASSAGES, max(MIN_PROPOSING_PASSAGES, live_b // 20))
    spread = np.bincount(b.term, minlength=max(int(a.term.max(initial=0)),
                                                int(b.term.max(initial=0))) + 1)
    proposing = spread[b.term] <= widest
    order = np.argsort(b.term[proposing], kind="stable")
    index_terms = b.term[proposing][order]
    index_passages = b.passage[proposing][order]
    index_weights = b.weight[proposing][order]
    first = np.searchsorted(index_terms, a.term, side="left")
    hits = np.searchsorted(index_terms, a.term, side="right") - first
    entry, rank = expand(hits)
    posting = first[entry] + rank
    pair_keys = a.passage[entry] * len(b.spans) + index_passages[posting]
    proposed = group(pair_keys)
    pairs = proposed.keys
    strength = proposed.sums(a.weight[entry] * index_weights[posting])
    if not len(pairs):
        return pairs, pairs
    best = _top_in_groups(strength, pairs // len(b.spans), PARTNERS_PER_PASSAGE)
    return pairs[best] // len(b.spans), pairs[best] % len(b.spans)


def _top_in_groups(values: np.ndarray, groups: np.ndarray, count: int) -> np.ndarray:
    """Indices of the `count` largest values of each group (ties: the earlier first).

    `groups` must be sorted. Taking each group's maximum `count` times costs a few passes
    over the values, where sorting them all would cost far more."""
    starts = np.flatnonzero(np.diff(groups, prepend=-1))
    group_of = np.repeat(np.arange(len(starts)), np.diff(starts, append=len(groups)))
    left = values.astype(np.float64, copy=True)
    positions = np.arange(len(values))
    chosen = []
    for _ in range(count):
        peak = np.maximum.reduceat(left, starts)
        hit = np.where(left == peak[group_of], positions, len(values))
        first = np.minimum.reduceat(hit, starts)
        first = first[(first < len(values)) & (peak > -np.inf)]
        if not len(first):
            break
        chosen.append(first)
        left[first] = -np.inf
    return np.sort(np.concatenate(chosen)) if chosen else np.zeros(0, dtype=np.int64)


def _shared_entries(a: TermVectors, b: TermVectors, passage_a: np.ndarray,
                    passage_b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every term each pair of passages shares, as (pair, entry of A, entry of B), in the
    order of the pairs, then of the terms."""
    terms = max(int(a.term.max(initial=0)), int(b.term.max(initial=0))) + 1
    b_keys = b.passage * terms + b.term  # sorted, as the entries are
    a_first = np.searchsorted(a.passage, passage_a, side="left")
    a_sizes = np.searchsorted(a.passage, passage_a, side="right") - a_first
    pair, rank = expand(a_sizes)
    entry = a_first[pair] + rank
    wanted = passage_b[pair] * terms + a.term[entry]
    at = np.minimum(np.searchsorted(b_keys, wanted), max(0, len(b_keys) - 1))
    found = b_keys[at] == wanted if len(b_keys) else np.zeros(len(wanted), dtype=bool)
    return pair[found], entry[found], at[found]


def _cosines(a: TermVectors, b: TermVectors, passage_a: np.ndarray,
             passage_b: np.ndarray) -> np.ndarray:
    """Exact cosine of each pair, over all the terms the two passages share (0 for a
    passage with no terms, which a pair proposed by meaning alone may have)."""
    pair, entry_a, entry_b = _shared_entries(a, b, passage_a, passage_b)
    dots = np.bincount(pair, a.weight[entry_a] * b.weight[entry_b], minlength=len(passage_a))
    norms = a.norm[passage_a] * b.norm[passage_b]
    return np.divide(dots, norms, out=np.zeros(len(dots)), where=norms > 0)


def _shared_terms(a: TermVectors, b: TermVectors, passage_a: np.ndarray,
                  passage_b: np.ndarray) -> list[list[int]]:
    """For each pair of passages, the strongest terms they share, by the product of their
    weights (ties: the first term); boilerplate terms, of no weight, are never shown."""
    pair, entry_a, entry_b = _shared_entries(a, b, passage_a, passage_b)
    strength = a.weight[entry_a] * b.weight[entry_b]
    keep = strength > 0
    pair, term, strength = pair[keep], a.term[entry_a[keep]], strength[keep]
    order = np.lexsort((term, -strength, pair))
    pair, term = pair[order], term[order]
    first = np.searchsorted(pair, np.arange(len(passage_a)))
    shown = np.minimum(first + SHOWN_TERMS, np.append(first[1:], len(pair)))
    terms = term.tolist()
    return [terms[i:j] for i, j in zip(first.tolist(), shown.tolist(), strict=True)]


@dataclass(frozen=True)
class ThemeCandidates:
    """The passage pairs of two documents worth scoring, found before shared phrases are
    known (their terms are scored once those are: see `find_themes`); with each pair's
    word-meaning cosine (at least 0) when meaning is scored, and where each text's terms
    occur, if their names are to be as the passages write them."""

    a: TermVectors
    b: TermVectors
    names: Sequence[str]
    passage_a: np.ndarray
    passage_b: np.ndarray
    meaning: np.ndarray | None = None
    words: tuple[TermWords, TermWords] | None = None
    meanings: tuple[PassageMeanings, PassageMeanings] | None = None

    def meaning_without(self, copied: tuple[Sequence[Span], Sequence[Span]]
                        ) -> np.ndarray | None:
        """Each pair's meaning cosine (at least 0) without the words of the `copied` spans
        of A and of B, as its terms are scored (see `find_themes`)."""
        if self.meanings is None or not (len(copied[0]) or len(copied[1])):
            return self.meaning
        own_a, own_b = (m.without(spans) for m, spans in zip(self.meanings, copied,
                                                                strict=True))
        return _pair_cosines(own_a, own_b, self.passage_a, self.passage_b)


@dataclass(frozen=True)
class TermWords:
    """Each token of a text: where it starts, its term (-1 for none) and its vocabulary id,
    with how each id is written."""

    starts: np.ndarray
    terms: np.ndarray
    ids: np.ndarray
    spellings: Sequence[str]

    def written(self, span: Span) -> dict[int, set[str]]:
        """How the passage at `span` writes each of its terms."""
        first, last = np.searchsorted(self.starts, span).tolist()
        found: dict[int, set[str]] = {}
        for term, token in zip(self.terms[first:last].tolist(), self.ids[first:last].tolist(),
                               strict=True):
            if term >= 0:
                found.setdefault(term, set()).add(self.spellings[token])
        return found


def _shown_names(candidates: ThemeCandidates, span_a: Span, span_b: Span,
                 terms: list[int]) -> tuple[str, ...]:
    """Each term by its name when one of the two passages writes it so, else as passage A
    writes it (a term's name is its commonest word in the whole texts: "development" where
    both passages say "developing")."""
    names = candidates.names
    if candidates.words is None:
        return tuple(names[t] for t in terms)
    in_a = candidates.words[0].written(span_a)
    in_b = candidates.words[1].written(span_b)
    shown = []
    for t in terms:
        seen = in_a.get(t, set()) | in_b.get(t, set())
        shown.append(names[t] if names[t] in seen or not seen else min(in_a.get(t) or seen))
    return tuple(shown)


def _products(rows_a: np.ndarray, rows_b: np.ndarray) -> np.ndarray:
    """rows_a @ rows_b.T. A small product is summed in numpy's own loops: OpenBLAS wakes
    all its threads for any product, which on a busy two-core machine costs some 20 ms,
    a hundred times the product of a few hundred passages itself."""
    if rows_a.shape[0] * rows_b.shape[0] * rows_a.shape[1] < _SMALL_PRODUCT:
        return np.einsum("ik,jk->ij", rows_a, rows_b)
    return rows_a @ rows_b.T


def _meaning_proposals(meaning_a: np.ndarray, meaning_b: np.ndarray
                       ) -> tuple[np.ndarray, np.ndarray]:
    """Each A passage's nearest B passages in meaning, whatever terms they share; none
    for book-length texts, whose passages share terms with plenty of partners and where
    comparing every passage with every other would cost more than all else."""
    count_b = len(meaning_b)
    partners = min(MEANING_PARTNERS, count_b)
    if not partners or not len(meaning_a) or len(meaning_a) * count_b > MEANING_SEARCH_PAIRS:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    rows = max(1, _MEANING_BLOCK // count_b)
    found = []
    for first in range(0, len(meaning_a), rows):
        cosines = _products(meaning_a[first:first + rows], meaning_b)
        found.append(np.argpartition(-cosines, partners - 1, axis=1)[:, :partners])
    nearest = np.concatenate(found)
    return np.repeat(np.arange(len(meaning_a)), partners), nearest.reshape(-1)


def _pair_cosines(meaning_a: np.ndarray, meaning_b: np.ndarray, passage_a: np.ndarray,
                  passage_b: np.ndarray) -> np.ndarray:
    """The meaning cosine (at least 0) of each pair (`passage_a[k]`, `passage_b[k]`)."""
    return np.maximum(np.einsum("ij,ij->i", meaning_a[passage_a], meaning_b[passage_b]), 0.0)


def score_pairs(a: TermVectors, b: TermVectors, names: Sequence[str],
                meanings: tuple[PassageMeanings, PassageMeanings] | None = None,
                words: tuple[TermWords, TermWords] | None = None) -> ThemeCandidates:
    """Candidate pairs: each A passage's best partners by shared terms and, when the
    passages' meanings are given (A's, B's), its nearest in meaning, with each pair's
    meaning cosine (at least 0)."""
    by_terms = (_proposals(a, b) if len(a.term) and len(b.term)
                else (np.zeros(0, dtype=np.int64),) * 2)
    if meanings is not None:
        meaning_a, meaning_b = (m.vectors for m in meanings)
        by_meaning = _meaning_proposals(meaning_a, meaning_b)
        keys = np.unique(np.concatenate((by_terms[0], by_meaning[0])) * len(b.spans)
                         + np.concatenate((by_terms[1], by_meaning[1])))
        passage_a, passage_b = keys // max(1, len(b.spans)), keys % max(1, len(b.spans))
    else:
        passage_a, passage_b = by_terms
    meaning = None if meanings is None else _pair_cosines(meaning_a, meaning_b, passage_a,
                                                          passage_b)
    return ThemeCandidates(a, b, names, passage_a, passage_b, meaning, words, meanings)


def _blended(cosines: np.ndarray, meaning: np.ndarray | None) -> np.ndarray:
    """A pair's score from its TF-IDF cosine and, if scored, its meaning cosine."""
    if meaning is None:
        return cosines
    return (1 - MEANING_WEIGHT) * cosines + MEANING_WEIGHT * meaning


def find_themes(candidates: ThemeCandidates, covering_a: Sequence[Span],
                covering_b: Sequence[Span], texts: tuple[str, str], *, min_score: float,
                limit: int, copied: tuple[Sequence[Span], Sequence[Span]] = ((), ()),
                ) -> list[ThemeOverlap]:
    """Passage pairs by score, best first, each with the terms they share, strongest first,
    or, for a pair that shares none, the words that relate it (see `theme_related`; a pair
    with neither is not listed): the closest pair (if it scores above 0: one of score 0
    has nothing in common), then every other pair scoring at least `min_score`, `limit` at
    most (0: none). `covering_a` / `covering_b` are what the two texts say in the same
    words (shared phrases and the set phrases both use): passages mostly inside them are
    left out, and the others' scores shrink by the share of them; the terms of `copied` spans
    (the shared phrases, in A and in B) count in no pair. Each passage is in at most
    `PAIRS_PER_PASSAGE` pairs. A pair that reads in the two `texts` as one already listed
    (a page header a text writes out again, paired with the same passage) is not listed
    again."""
    # A copied sentence's words ("羊圈", "繁殖", "饲养"), by their terms or their meaning,
    # would pair the two passages around it, whatever else they are about. The set phrases
    # both use stay: two passages using "Middle East" are likelier on one subject (people's
    # ratings agree, see bench/bench_themes.py).
    a, b = without(candidates.a, copied[0]), without(candidates.b, copied[1])
    shared_a = _covered_shares(a.spans, covering_a)
    shared_b = _covered_shares(b.spans, covering_b)
    set_a, set_b = shared_a >= MOSTLY_SHARED, shared_b >= MOSTLY_SHARED
    passage_a, passage_b = candidates.passage_a, candidates.passage_b
    # What the two passages say in the same words is not a theme in other words.
    term_cosines = _cosines(a, b, passage_a, passage_b)
    scores = _blended(term_cosines, candidates.meaning_without(copied)) \
        * (1 - (shared_a[passage_a] + shared_b[passage_b]) / 4)
    order = np.lexsort((passage_b, passage_a, -scores))
    listed_a = np.zeros(len(a.spans), dtype=np.int64)
    listed_b = np.zeros(len(b.spans), dtype=np.int64)
    chosen: list[tuple[float, int, int, tuple[tuple[str, str], ...]]] = []
    listed_texts: set[tuple[str, str]] = set()
    related = _RelatedFinder(candidates, a, b)
    for score, by_terms, i, k in zip(scores[order].tolist(), term_cosines[order].tolist(),
                                     passage_a[order].tolist(), passage_b[order].tolist(),
                                     strict=True):
        if len(chosen) >= limit or score <= 0:  # a pair of score 0 has nothing in common
            break
        if set_a[i] or set_b[k] or listed_a[i] >= PAIRS_PER_PASSAGE \
                or listed_b[k] >= PAIRS_PER_PASSAGE:
            continue
        # The closest pair is always listed, however weak, so the reader sees how near the
        # two texts come; below it only pairs above the threshold.
        if chosen and score < min_score:
            break
        read = (" ".join(texts[0][slice(*a.spans[i])].split()),
                " ".join(texts[1][slice(*b.spans[k])].split()))
        if read in listed_texts:
            continue
        # A pair that shares no term is listed with the words that relate it, or not at
        # all: scored by the meaning of function words alone ("and so it is" against "but
        # then it was"), it would name nothing the two passages have in common.
        words = related.of(i, k) if by_terms == 0 else ()
        if by_terms == 0 and not words:
            continue
        listed_texts.add(read)
        chosen.append((score, i, k, words))
        listed_a[i] += 1
        listed_b[k] += 1
    passage_a = np.array([i for _, i, _, _ in chosen], dtype=np.int64)
    passage_b = np.array([k for _, _, k, _ in chosen], dtype=np.int64)
    terms = _shared_terms(a, b, passage_a, passage_b)
    return [ThemeOverlap(a.spans[i], b.spans[k], round(min(1.0, score), 4),
                         _shown_names(candidates, a.spans[i], b.spans[k], shared),
                         related=words)
            for (score, i, k, words), shared in zip(chosen, terms, strict=True)]


class _RelatedFinder:
    """The related words (see `theme_related`) of pairs of passages that share no term,
    for texts whose words' meanings are scored; each passage's terms as it writes them,
    weightiest first, leaving out those of no weight (copied or boilerplate)."""

    def __init__(self, candidates: ThemeCandidates, a: TermVectors, b: TermVectors) -> None:
        self.words, self.vectors = candidates.words, (a, b)
        self.finder = RelatedWords()
        self.tries = 0

    def of(self, i: int, k: int) -> tuple[tuple[str, str], ...]:
        """The related words of passage `i` of A and `k` of B; none once `MAX_RELATED_TRIES`
        pairs have been tried (texts whose passages relate in nothing nameable)."""
        if self.words is None or self.tries >= MAX_RELATED_TRIES:
            return ()
        self.tries += 1
        own = [self._written(side, passage) for side, passage in ((0, i), (1, k))]
        return self.finder.pairs(own[0], own[1], SHOWN_TERMS)

    def _written(self, side: int, passage: int) -> list[str]:
        """The terms of weight in one side's passage as it writes them, weightiest first."""
        assert self.words is not None
        v = self.vectors[side]
        first, last = np.searchsorted(v.passage, [passage, passage + 1]).tolist()
        weights, terms = v.weight[first:last], v.term[first:last]
        order = np.lexsort((terms, -weights))
        weighty = terms[order][weights[order] > 0].tolist()
        spellings = self.words[side].written(v.spans[passage])
        return [min(spellings[t]) for t in weighty if t in spellings]
