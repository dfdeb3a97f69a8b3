"""Phrases found word for word in a collection's token streams, as the matcher reads them.

`PhraseSearch` lays the documents' tokens end to end, so that one scan finds a phrase in all
of them; a phrase is given as text (read with the collection's normalizer and vocabulary) or
as the token ids it stands for. No occurrence runs from one document into the next.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from viewer.core.model import Span
from viewer.core.normalize import Normalizer
from viewer.core.tokenize import TokenStream, Vocabulary, tokenize


class TokenSearch:
    """Sequences of token ids found in the documents `among` (indices into `streams`)."""

    def __init__(self, streams: Sequence[TokenStream], among: Sequence[int]) -> None:
        self.among = list(among)
        # The documents' tokens end to end: one search per phrase finds it in all of them.
        self.joined = TokenStream(
            ids=np.concatenate([streams[k].ids for k in among] or [np.zeros(0, np.int64)]),
            starts=np.concatenate([streams[k].starts for k in among]
                                  or [np.zeros(0, np.int64)]),
            ends=np.concatenate([streams[k].ends for k in among] or [np.zeros(0, np.int64)]),
            codes=np.zeros(0, dtype=np.uint32))
        self.bounds = np.cumsum([len(streams[k].ids) for k in among])

    def occurrences(self, sequence: np.ndarray) -> list[tuple[int, int, Span]]:
        """(document index, position in the tokens laid end to end, character span) of
        every occurrence of the token ids `sequence`."""
        found = []
        for position, span in _find(self.joined, sequence):
            owner = int(np.searchsorted(self.bounds, position, side="right"))
            if position + len(sequence) <= self.bounds[owner]:  # not across two documents
                found.append((self.among[owner], position, span))
        return found


class PhraseSearch(TokenSearch):
    """Phrases given as text, found word for word as the matcher reads them (the
    collection's `normalizer` and vocabulary `keys`) in the documents `among` (indices
    into `streams`)."""

    def __init__(self, streams: Sequence[TokenStream], among: Sequence[int],
                 normalizer: Normalizer, keys: dict[str, int]) -> None:
        super().__init__(streams, among)
        self.normalizer, self.keys = normalizer, keys

    def uses(self, phrase: str) -> dict[int, list[Span]]:
        """Document index -> the character spans of `phrase` in it, for the documents
        that use it."""
        sequence = _ids_of(phrase, self.normalizer, self.keys)
        found: dict[int, list[Span]] = {}
        for k, _, span in [] if sequence is None else self.occurrences(sequence):
            found.setdefault(k, []).append(span)
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
