"""Co-use: whether two phrases of a collection share documents beyond chance.

What tells a variant of a formulation from a phrase of its own that looks like it is how
writers use the two: the forms of one phrase meet in documents more often than chance has
two phrases meet, and a variant comes after its formulation. The tests here compare the
documents two forms are used in (over the time both are in use, by the documents' date
ranks) with what chance, or one phrase's mixing of its forms, would give.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from viewer.core.phrases import RecurringGrams

#: A variant must share documents with its formulation this many times more often than
#: chance.
VARIANT_LIFT = 2.5
#: The lift that is enough when chance would give it less often than `TOGETHER_P` / 10
#: ("trade leadership" in 141 documents of 1,000, "coordination leadership" in 46, 18
#: of them together where 7.8 were expected).
POPULAR_LIFT = 2.0
#: Two forms share documents beyond chance when chance would do so this seldom; so far
#: beyond that they are surely one phrase when this seldom.
TOGETHER_P = 0.05
SURELY_TOGETHER_P = 0.001
#: Documents a rare variant needs when it keeps a single content word of its
#: formulation or varies one of its variants.
RARE_DOCUMENTS = 2
#: Documents a phrase recurs in on its own: the fewest a formulation has, all its forms
#: together (`formulations.MIN_DOCUMENTS`), and a likeness that has as many is judged as
#: one.
RECURRING_DOCUMENTS = 3


def date_ranks(dates: Sequence[str]) -> np.ndarray:
    """Each document's place in date order (undated ones last, ties in order)."""
    order = sorted(range(len(dates)), key=lambda d: (dates[d] or "\uffff", d))
    rank = np.empty(len(dates), dtype=np.int64)
    rank[np.array(order, dtype=np.int64)] = np.arange(len(dates))
    return rank


def shared_documents(grams: RecurringGrams, rank: np.ndarray, head: tuple[int, int],
                      form: tuple[int, int]) -> tuple[list[set[int]], int, float, list[int]]:
    """The documents of two forms, and what `shared` says of them."""
    docs = [set(grams.doc_of[grams.levels[n].occurrences(i)].tolist()) for n, i in (head, form)]
    return (docs, *shared(docs[0], docs[1], rank))


def shared(docs: set[int], others: set[int], rank: np.ndarray) -> tuple[int, float, list[int]]:
    """How many documents two sets share, how many they would by chance in the time both
    are in use (from the later one's first document on: a phrase of last month meets few
    of the documents of three years ago), and how many of each lie in that time."""
    since = max(min(rank[list(docs)]), min(rank[list(others)]))
    used = [sum(1 for d in ds if rank[d] >= since) for ds in (docs, others)]
    expected = used[0] * used[1] / max(1, len(rank) - int(since))
    return len(docs & others), expected, used


def used_beside(docs: set[int], others: set[int], rank: np.ndarray) -> bool:
    """Whether documents `others` share documents with `docs` beyond doubt: a form used
    once or twice meets a formulation of a fifth of the documents by chance one time in
    five."""
    both, expected, _ = shared(docs, others, rank)
    return (both >= 1 and both >= VARIANT_LIFT * expected
            and poisson_tail(both, expected) < TOGETHER_P / 10)


def recurs_beyond_chance(docs: set[int], others: set[int], rank: np.ndarray) -> bool:
    """Whether documents `others`, at least `RECURRING_DOCUMENTS`, share documents with
    `docs` beyond chance (`TOGETHER_P`, `VARIANT_LIFT` times as often), as two candidate
    forms must (`together`): a form that recurs on its own is no longer met beside a
    formulation by a single chance, and needs no more than its candidates do."""
    both, expected, _ = shared(docs, others, rank)
    return (len(others) >= RECURRING_DOCUMENTS and both >= 1
            and both >= VARIANT_LIFT * expected and poisson_tail(both, expected) < TOGETHER_P)


def together(grams: RecurringGrams, rank: np.ndarray, head: tuple[int, int],
              form: tuple[int, int]) -> bool:
    """Whether a phrase with one of few content words changed is a variant of `head`
    rather than a phrase of its own: the two share documents clearly more often than two
    unrelated phrases would (writers who use one form use the other beside it). A form in
    use before `head` must share them beyond doubt: a variant comes after its formulation,
    unless the formulation ranked first is the later, more distinctive form."""
    docs, both, expected, _ = shared_documents(grams, rank, head, form)
    sure = both >= 1 and poisson_tail(both, expected) < TOGETHER_P / 10
    # A formulation in a sixth of the documents cannot be met much more often than
    # chance gives: there a smaller lift is enough, when chance would give it so seldom.
    if both < 1 or both < (POPULAR_LIFT if sure else VARIANT_LIFT) * expected:
        return False
    return min(rank[list(docs[1])]) >= min(rank[list(docs[0])]) or sure


def beyond_chance(grams: RecurringGrams, rank: np.ndarray, head: tuple[int, int],
                  form: tuple[int, int]) -> bool:
    """Whether two forms share more documents than chance would give but one time in
    twenty (`TOGETHER_P`), over the time both are in use."""
    _, both, expected, _ = shared_documents(grams, rank, head, form)
    return both >= 1 and poisson_tail(both, expected) < TOGETHER_P


def recurs_beside(docs: np.ndarray, others: np.ndarray, total: int) -> bool:
    """Whether a rare likeness's documents `others` are at least `RARE_DOCUMENTS` and share
    with its formulation's `docs` (both sorted, distinct) at least one document, and
    `VARIANT_LIFT` times as many as chance would in `total`."""
    both = len(np.intersect1d(docs, others, assume_unique=True))
    return (len(others) >= RARE_DOCUMENTS and both >= 1
            and both >= VARIANT_LIFT * len(docs) * len(others) / total)


def used_together(grams: RecurringGrams, rank: np.ndarray, head: tuple[int, int],
                   form: tuple[int, int]) -> bool:
    """Whether two forms share documents so far beyond chance (`SURELY_TOGETHER_P`) that
    they are one phrase written two ways."""
    docs = [np.unique(grams.doc_of[grams.levels[n].occurrences(i)]) for n, i in (head, form)]
    return surely_together(docs[0], docs[1], len(rank))


def surely_together(docs: np.ndarray, others: np.ndarray, total: int) -> bool:
    """Whether two sets of documents (sorted, distinct) share so many more documents than
    chance would in `total` that their phrases are one written two ways."""
    both = len(np.intersect1d(docs, others, assume_unique=True))
    return poisson_tail(both, len(docs) * len(others) / total) < SURELY_TOGETHER_P


def apart(grams: RecurringGrams, rank: np.ndarray, head: tuple[int, int],
           form: tuple[int, int]) -> bool:
    """Whether two forms alike in all but a word are two phrases: writers do not use the
    two together where that shows. A document holds both forms of one phrase only when it
    uses the phrase more than once and picks each form at least once (`mixed_documents`);
    two phrases meet as chance has them. The two are apart when the documents they share
    are what chance gives and clearly fewer than one phrase's mixing would give:
    全球资本市场 and 全球黄金市场 (48 and 27 documents in 1,000) share one where 1.3 were
    expected by chance and about 11 of one phrase; "urban new reform" and "institutional
    new reform" (169 and 89 documents, 21 together where chance gives 15 and one phrase
    about 25) are one."""
    uses = [grams.doc_of[grams.levels[n].occurrences(i)] for n, i in (head, form)]
    both, expected, _ = shared(set(uses[0].tolist()), set(uses[1].tolist()), rank)
    # One phrase must explain the documents the two share both ways: far more of them
    # than its mixing gives, in documents that each use the two once, is chance's doing.
    mixed = mixed_documents(uses, rank)
    return (poisson_tail(both, expected) >= TOGETHER_P
            and min(poisson_at_most(both, mixed), poisson_tail(both, mixed)) < TOGETHER_P)


def mixed_documents(uses: list[np.ndarray], rank: np.ndarray) -> float:
    """How many documents would hold both of two forms (the documents of their `uses`, one
    entry per use) were they one phrase whose writers pick a form for each use at the
    forms' shares: over the documents using them (in the time both are in use, as
    `shared`), each with c uses of the two, 1 - w^c - (1 - w)^c."""
    since = max(int(rank[uses[0]].min()), int(rank[uses[1]].min()))
    docs = [d[rank[d] >= since] for d in uses]
    share = len(docs[1]) / max(1, len(docs[0]) + len(docs[1]))
    _, uses_per_doc = np.unique(np.concatenate(docs), return_counts=True)
    many = uses_per_doc[uses_per_doc >= 2].astype(np.float64)
    return float((1 - share ** many - (1 - share) ** many).sum())


def poisson_tail(k: int, mean: float) -> float:
    """P(X >= k) for X Poisson with this mean (terms summed in log space: means of
    thousands do not overflow)."""
    if k <= mean:
        return 1.0
    log_mean = math.log(mean) if mean > 0 else -math.inf
    total = 0.0
    for j in range(k, k + 400):
        term = math.exp(-mean + j * log_mean - math.lgamma(j + 1)) if mean > 0 else 0.0
        total += term
        if term < 1e-12 * max(total, 1e-300):
            break
    return min(1.0, total)


def poisson_at_most(k: int, mean: float) -> float:
    """P(X <= k) for X Poisson with this mean."""
    if mean <= 0:
        return 1.0
    log_mean = math.log(mean)
    return min(1.0, sum(math.exp(-mean + j * log_mean - math.lgamma(j + 1))
                        for j in range(k + 1)))
