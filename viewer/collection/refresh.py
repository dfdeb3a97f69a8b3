"""Keep a collection's formulations current when a few articles are added.

Finding formulations reads the whole collection; adding 100 articles to 10,000 barely
changes which phrases are set phrases, but every new article's uses of them must be
counted. So between full runs, the listed formulations (each form: phrase and variants)
are searched in the new articles only, word for word as the matcher reads them, and their
documents, counts, first appearance and months updated. A full run is due when the
collection has grown by `FULL_RUN_GROWTH` since the last one, or articles were changed or
removed (the engine decides; see `viewer.collection.engine.derive`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from viewer.core.collection.formulations import Formulation, formulation_of
from viewer.core.model import Span
from viewer.core.normalize import Normalizer
from viewer.core.tokenize import TokenStream, Vocabulary, tokenize

#: Share by which the collection may grow before formulations are found afresh.
FULL_RUN_GROWTH = 0.1


def updated_formulations(listed: Sequence[dict[str, Any]], ids: Sequence[str],
                         dates: Sequence[str], streams: Sequence[TokenStream],
                         new: Sequence[int], normalizer: Normalizer,
                         keys: dict[str, int]) -> list[Formulation]:
    """The stored formulations `listed` (contract dicts) with their uses in the documents
    `new` (indices into `ids`, `dates`, `streams`) counted in; occurrences in documents
    no longer in the collection are dropped."""
    index = {doc_id: k for k, doc_id in enumerate(ids)}
    fresh = set(new)
    search = PhraseSearch(streams, new, normalizer, keys)
    out = []
    for item in listed:
        spans_by_doc: dict[int, list[Span]] = {}
        for occurrence in item["occurrences"]:
            k = index.get(occurrence["doc"])
            if k is not None and k not in fresh:
                spans_by_doc[k] = [tuple(s) for s in occurrence["spans"]]  # type: ignore[misc]
        for form in (item["phrase"], *item["variants"]):
            for k, spans in search.uses(form).items():
                spans_by_doc.setdefault(k, []).extend(spans)
        if spans_by_doc:
            out.append(formulation_of(item["phrase"], tuple(item["variants"]), spans_by_doc,
                                      dates))
    return out


class PhraseSearch:
    """Phrases given as text, found word for word as the matcher reads them (the
    collection's `normalizer` and vocabulary `keys`) in the documents `among` (indices
    into `streams`)."""

    def __init__(self, streams: Sequence[TokenStream], among: Sequence[int],
                 normalizer: Normalizer, keys: dict[str, int]) -> None:
        self.among = list(among)
        self.normalizer, self.keys = normalizer, keys
        # The documents' tokens end to end: one search per phrase finds it in all of them.
        self.joined = TokenStream(
            ids=np.concatenate([streams[k].ids for k in among] or [np.zeros(0, np.int64)]),
            starts=np.concatenate([streams[k].starts for k in among]
                                  or [np.zeros(0, np.int64)]),
            ends=np.concatenate([streams[k].ends for k in among] or [np.zeros(0, np.int64)]),
            codes=np.zeros(0, dtype=np.uint32))
        self.bounds = np.cumsum([len(streams[k].ids) for k in among])

    def uses(self, phrase: str) -> dict[int, list[Span]]:
        """Document index -> the character spans of `phrase` in it, for the documents
        that use it."""
        sequence = _ids_of(phrase, self.normalizer, self.keys)
        found: dict[int, list[Span]] = {}
        if sequence is None:
            return found
        for position, span in _find(self.joined, sequence):
            owner = int(np.searchsorted(self.bounds, position, side="right"))
            if position + len(sequence) <= self.bounds[owner]:  # not across two documents
                found.setdefault(self.among[owner], []).append(span)
        return found


def _ids_of(phrase: str, normalizer: Normalizer, keys: dict[str, int]) -> np.ndarray | None:
    vocabulary = Vocabulary()
    stream = tokenize(phrase, normalizer, vocabulary)
    found = [keys.get(vocabulary.keys[t]) for t in stream.ids.tolist()]
    if not found or None in found:
        return None
    return np.array(found, dtype=np.int64)


def _find(stream: TokenStream, sequence: np.ndarray) -> list[tuple[int, Span]]:
    """Token position and character span of every occurrence of the token-id `sequence`
    in `stream`."""
    size = len(sequence)
    if len(stream.ids) < size:
        return []
    positions = np.flatnonzero(stream.ids[:len(stream.ids) - size + 1] == sequence[0])
    for k in range(1, size):
        positions = positions[stream.ids[positions + k] == sequence[k]]
    return [(p, (s, e)) for p, s, e in zip(positions.tolist(), stream.starts[positions].tolist(),
                                           stream.ends[positions + size - 1].tolist(),
                                           strict=True)]
