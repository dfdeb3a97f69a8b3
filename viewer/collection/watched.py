"""The user's own phrases, counted across a collection.

The collection's formulations are what the finder holds for set phrases; a researcher also
follows phrases of their own choosing, whatever the finder makes of them (a slogan every
article sets in the same few frames reads to it as a piece of those frames). Each phrase of
a watch-list is found word for word as the matcher reads the articles (case, spacing and
the spaces between Chinese characters make no difference), in every article, and listed
with the figures a formulation has: articles, uses, first appearance, uses per month and
every occurrence. A line may name variants after the phrase ("a | b"): they are counted
with it as one entry, as the finder groups a formulation's forms. A use does not run
across the end of a sentence or a line where the phrase itself has none (quotation marks
inside are no end: 贯彻“十五大”精神 uses 十五大精神). A phrase no article uses is listed
with none, so the list answers for each phrase asked about.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from viewer.collection.results import formulation_dict
from viewer.collection.store import CollectionStore
from viewer.collection.words import collection_normalizer
from viewer.core.collection.formulations import formulation_of
from viewer.core.collection.phrase_search import PhraseSearch
from viewer.core.model import Span
from viewer.core.normalize import Normalizer
from viewer.core.slogans import apart_spans, watched_forms
from viewer.core.tokenize import TokenStream, Vocabulary, tokenize

#: What ends a sentence, a clause or a line between two words.
_ENDS = re.compile(r"[.!?;:\n\u3002\uff01\uff1f\uff1b\uff1a]")


def watched_phrases(store: CollectionStore, phrases: Sequence[str]) -> list[dict[str, Any]]:
    """One entry per watch-list line of `phrases` (in their order; lines whose phrases the
    matcher reads alike are one, the first), in the form of the JSON contract's
    formulations: a line's phrase with the variants it names (`watched_forms`) that the
    articles use, all counted together; "first" is None and "documents" 0 for a phrase no
    article uses in any of its forms."""
    docs = store.documents()
    ids, dates = [d.id for d in docs], [d.date for d in docs]
    texts_by_num = store.texts()
    texts = [texts_by_num.pop(d.num) for d in docs]
    arrays = store.token_arrays(compact=True)
    streams = [TokenStream(*arrays.pop(d.num), np.zeros(0, dtype=np.uint32)) for d in docs]
    normalizer = collection_normalizer()
    keys = {key: k for k, key in enumerate(store.vocabulary_keys())}
    search = PhraseSearch(streams, range(len(docs)), normalizer, keys)
    entries = []
    for forms in watched_forms(phrases, normalizer):
        uses_of = [_within_sentences(search.uses(form), texts,
                                     _ends_between_words(form, normalizer), normalizer)
                   for form in forms]
        merged: dict[int, list[Span]] = {}
        for uses in uses_of:
            for k, spans in uses.items():
                merged.setdefault(k, []).extend(spans)
        if merged:
            variants = tuple(form for form, uses in zip(forms[1:], uses_of[1:], strict=True)
                             if uses)
            # One form inside another's use (a variant that adds a word) is that use.
            apart = {k: list(apart_spans(spans)) for k, spans in merged.items()}
            entries.append(formulation_dict(formulation_of(forms[0], variants, apart, dates, ids),
                                            ids, dates))
        else:
            entries.append({"phrase": forms[0], "variants": [], "documents": 0, "count": 0,
                            "first": None, "per_month": {}, "occurrences": []})
    return entries


def _ends_between_words(text: str, normalizer: Normalizer) -> list[bool]:
    """For each gap between two words of `text`, whether an end (`_ENDS`) lies in it."""
    stream = tokenize(text, normalizer, Vocabulary())
    return [bool(_ENDS.search(text[end:start]))
            for end, start in zip(stream.ends[:-1].tolist(), stream.starts[1:].tolist(),
                                  strict=True)]


def _within_sentences(uses: dict[int, list[Span]], texts: Sequence[str], own: list[bool],
                      normalizer: Normalizer) -> dict[int, list[Span]]:
    """The `uses` (document index -> spans) that end nothing between their words where the
    phrase itself (`own`: `_ends_between_words` of it) does not."""
    kept: dict[int, list[Span]] = {}
    for k, spans in uses.items():
        for start, end in spans:
            found = _ends_between_words(texts[k][start:end], normalizer)
            if all(own[g] for g, ended in enumerate(found) if ended and g < len(own)):
                kept.setdefault(k, []).append((start, end))
    return kept
