"""Keep a collection's formulations current when a few articles are added.

Finding formulations reads the whole collection; adding 100 articles to 10,000 barely
changes which phrases are set phrases, but every new article's uses of them must be
counted. So between full runs, the listed formulations (each form: phrase and variants)
are searched in the new articles only, word for word as the matcher reads them, and their
documents, counts, first appearance and months updated. As the finder does, they count no
use inside boilerplate, nor one across a break (`viewer.core.phrases.breaks_after`: a
sentence end, a blank line). A full run is due when the collection has grown by
`FULL_RUN_GROWTH` since the last one, or articles were changed or removed (the engine
decides; see `viewer.collection.engine.derive`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from viewer.core.collection.formulations import Formulation, formulation_of
from viewer.core.collection.phrase_search import PhraseSearch
from viewer.core.model import Span
from viewer.core.normalize import Normalizer
from viewer.core.phrases import breaks_after
from viewer.core.tokenize import TokenStream, char_codes

#: Share by which the collection may grow before formulations are found afresh.
FULL_RUN_GROWTH = 0.1


def updated_formulations(listed: Sequence[dict[str, Any]], ids: Sequence[str],
                         dates: Sequence[str], streams: Sequence[TokenStream],
                         new: Sequence[int], normalizer: Normalizer,
                         keys: dict[str, int], texts: Sequence[str],
                         excluded: Sequence[Sequence[Span]]) -> list[Formulation]:
    """The stored formulations `listed` (contract dicts) with their uses in the documents
    `new` (indices into `ids`, `dates`, `streams`, `texts`) counted in; occurrences in
    documents no longer in the collection, or overlapping their boilerplate now
    (`excluded`: each document's spans), are dropped."""
    index = {doc_id: k for k, doc_id in enumerate(ids)}
    fresh = set(new)
    search = PhraseSearch(streams, new, normalizer, keys)
    breaks = {k: breaks_after(TokenStream(streams[k].ids, streams[k].starts, streams[k].ends,
                                          char_codes(texts[k]))) for k in new}
    out = []
    for item in listed:
        spans_by_doc: dict[int, list[Span]] = {}
        for occurrence in item["occurrences"]:
            k = index.get(occurrence["doc"])
            if k is not None and k not in fresh:
                spans_by_doc[k] = [tuple(s) for s in occurrence["spans"]]  # type: ignore[misc]
        for form in (item["phrase"], *item["variants"]):
            for k, spans in search.uses(form).items():
                spans_by_doc.setdefault(k, []).extend(_unbroken(spans, streams[k], breaks[k]))
        # Boilerplate grows with the articles of its series: older uses may fall in it too.
        spans_by_doc = {k: kept for k, spans in spans_by_doc.items()
                        if (kept := _outside(spans, excluded[k]))}
        if spans_by_doc:
            out.append(formulation_of(item["phrase"], tuple(item["variants"]), spans_by_doc,
                                      dates, ids))
    return out


def _unbroken(spans: list[Span], stream: TokenStream, breaks: np.ndarray) -> list[Span]:
    """The `spans` (whole tokens of `stream`) that run past no break (`breaks`: per token,
    whether one follows it)."""
    first = np.searchsorted(stream.starts, [s for s, _ in spans])
    last = np.searchsorted(stream.ends, [e for _, e in spans])
    return [span for span, a, b in zip(spans, first.tolist(), last.tolist(), strict=True)
            if not breaks[a:b].any()]


def _outside(spans: list[Span], excluded: Sequence[Span]) -> list[Span]:
    """The `spans` that overlap none of `excluded`."""
    return [(s, e) for s, e in spans if not any(a < e and s < b for a, b in excluded)]
