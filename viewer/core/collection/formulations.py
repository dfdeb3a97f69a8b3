"""Formulations: set phrases that recur across the documents of a collection.

A formulation is a maximal recurring stretch of up to about 20 words (Chinese: about 30
characters) found in several documents: it is never cut at a length limit (a longer stretch
that recurs is a copied passage, not a formulation), starts and ends where a phrase can
(`viewer.core.phrases`), and is fixed (its words occur together far more often than apart)
and distinctive (its words are rare in the language). Near-variants (a word swapped or
added) are one formulation. Each comes with its document frequency, total count, first
appearance by date, counts per month and every occurrence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from viewer.core.model import Span
from viewer.core.phrases import (
    PhraseScorer,
    RecurringGrams,
    breaks_after,
    group_variants,
    select_phrases,
    tokens_in_spans,
)
from viewer.core.tokenize import TokenStream, Vocabulary

#: CJK text is tokenized per character: lengths in words are scaled by this.
CJK_CHARS_PER_WORD = 1.5
_CJK = frozenset({"zh", "ja"})


@dataclass(frozen=True)
class Formulation:
    """A set phrase of the collection, with its variants counted together."""

    phrase: str
    variants: tuple[str, ...]
    documents: int
    count: int
    #: Index of the document where it first appears (earliest date, then order).
    first: int
    #: "YYYY-MM" -> occurrences in documents of that month (undated ones left out).
    per_month: dict[str, int]
    #: (document index, spans in that document), documents in order.
    occurrences: tuple[tuple[int, tuple[Span, ...]], ...]


def find_formulations(texts: Sequence[str], streams: Sequence[TokenStream],
                      vocabulary: Vocabulary, dates: Sequence[str],
                      excluded: Sequence[Sequence[Span]], language: str, *,
                      min_documents: int = 3, max_words: int = 20,
                      limit: int = 500) -> list[Formulation]:
    """The formulations of a collection, best first.

    `streams[i]` are the tokens of `texts[i]` (one `vocabulary` for all), `dates[i]` its
    ISO date ("" if unknown), `excluded[i]` character spans of it to ignore (boilerplate)."""
    if not streams:
        return []
    cjk = language in _CJK
    top = round(max_words * CJK_CHARS_PER_WORD) if cjk else max_words
    lengths = np.array([len(s) for s in streams], dtype=np.int64)
    offsets = np.concatenate(([0], np.cumsum(lengths)))
    ids = np.concatenate([s.ids for s in streams]) if offsets[-1] else np.zeros(0, np.int64)
    if len(ids) < 2:
        return []
    stops = np.concatenate([breaks_after(s) for s in streams])
    blocked = np.concatenate([tokens_in_spans(s, spans)
                              for s, spans in zip(streams, excluded, strict=True)])
    doc_of = np.repeat(np.arange(len(streams)), lengths)
    grams = RecurringGrams(ids, stops, blocked, doc_of, top + 1, min_docs=min_documents,
                           min_count=min_documents)
    scorer = PhraseScorer(grams, vocabulary, "zh" if cjk else language)
    candidates = scorer.candidates(top, min_words=2)
    chosen = select_phrases(scorer, candidates, limit=limit)
    starts = np.concatenate([s.starts for s in streams])
    ends = np.concatenate([s.ends for s in streams])
    results = []
    for group in group_variants(scorer, chosen):
        results.append(_formulation(group, grams, texts, starts, ends, offsets, doc_of,
                                    dates))
    return results


def _formulation(group: list[tuple[int, int]], grams: RecurringGrams, texts: Sequence[str],
                 starts: np.ndarray, ends: np.ndarray, offsets: np.ndarray,
                 doc_of: np.ndarray, dates: Sequence[str]) -> Formulation:
    """One formulation from its forms, (length, level index) each, the main form first."""
    phrases = []
    spans_by_doc: dict[int, list[Span]] = {}
    for n, index in group:
        where = grams.levels[n].occurrences(index)
        docs = doc_of[where]
        first_doc = int(docs[0])
        phrases.append(_shown(texts[first_doc], int(starts[where[0]]),
                              int(ends[where[0] + n - 1])))
        for d, s, e in zip(docs.tolist(), starts[where].tolist(),
                           ends[where + n - 1].tolist(), strict=True):
            spans_by_doc.setdefault(d, []).append((s, e))
    occurrences = tuple((d, tuple(sorted(set(spans)))) for d, spans in sorted(spans_by_doc.items()))
    first = min(spans_by_doc, key=lambda d: (dates[d] or "\uffff", d))
    per_month: dict[str, int] = {}
    for d, spans in occurrences:
        month = dates[d][:7]
        if len(month) == 7:
            per_month[month] = per_month.get(month, 0) + len(spans)
    return Formulation(phrase=phrases[0], variants=tuple(dict.fromkeys(phrases[1:])),
                       documents=len(occurrences), count=sum(len(s) for _, s in occurrences),
                       first=first, per_month=dict(sorted(per_month.items())),
                       occurrences=occurrences)


def _shown(text: str, start: int, end: int) -> str:
    """A phrase as written at one occurrence, its white space made single spaces."""
    return " ".join(text[start:end].split())
