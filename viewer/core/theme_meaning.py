"""What a passage is about, as one vector of word meaning (see `embeddings`).

A passage's vector is the sum of its words' vectors, each word the un-normalized sum of its
tokens' vectors in the shipped static model, so a rare, specific word weighs more than a
common one without any weighting of ours. Two passages on one subject in other words
("rail fares rise" and "train tickets cost more") then point the same way although they
share no term. Alone this correlates at r = 0.68 with people on the Lee et al. (2005) news
ratings; blended with the TF-IDF cosine (see `themes`) it does better than either.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from viewer.core import embeddings
from viewer.core.model import Span
from viewer.core.tokenize import TokenStream, starts_within

#: Tokens gathered at once: bounds the temporary copy of word vectors to about 16 MB
#: however long the texts.
_GATHER_ROWS = 16_384


@dataclass(frozen=True)
class PassageMeanings:
    """One text's passages in word meaning: `vectors`, one L2-normalized row per passage
    (a zero row for a passage with no words the model knows), and the words they are
    summed from, so that they can be summed again without some (`without`)."""

    starts: np.ndarray  # where each word counted starts, in text order
    owner: np.ndarray  # its passage
    row: np.ndarray  # its row in `words`
    words: np.ndarray  # the words' vectors (shared by the texts compared)
    passages: int
    vectors: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "vectors", _summed(self.owner, self.words, self.row,
                                                    self.passages))

    def without(self, covering: Sequence[Span]) -> np.ndarray:
        """`vectors` summed again without the words that start inside `covering`: what
        each passage says in words of its own. Only the passages it touches are summed."""
        inside = starts_within(self.starts, covering)
        if not inside.any():
            return self.vectors
        touched = np.zeros(self.passages, dtype=bool)
        touched[self.owner[inside]] = True
        kept = touched[self.owner] & ~inside
        again = _summed(self.owner[kept], self.words, self.row[kept], self.passages)
        return np.where(touched[:, None], again, self.vectors)


def passage_meanings(texts: Sequence[tuple[Sequence[Span], TokenStream]],
                     spellings: Sequence[str]) -> list[PassageMeanings]:
    """For each text, given as (passages, tokens), its passages' meanings; `spellings`
    says how each vocabulary id is written. The texts share one lookup of their words in
    the model."""
    insides, keys, starts_of = [], [], []
    for spans, tokens in texts:
        starts = tokens.starts
        bounds = np.array(spans, dtype=np.int64).reshape(-1, 2)
        owner = np.searchsorted(bounds[:, 0], starts, side="right") - 1
        inside = owner >= 0
        inside[inside] &= starts[inside] < bounds[owner[inside], 1]
        # The model is cased ("Party" is not "party"): a word opening with a capital letter
        # is looked up so, which on the Lee ratings does better than the lower-case spelling.
        first = tokens.codes[starts[inside]]
        keys.append(tokens.ids[inside] * 2 + ((first >= 65) & (first <= 90)))
        insides.append(owner[inside])
        starts_of.append(starts[inside])
    used, rows = np.unique(np.concatenate(keys), return_inverse=True)
    written = [spellings[k // 2][:1].upper() + spellings[k // 2][1:] if k % 2
               else spellings[k // 2] for k in used.tolist()]
    vectors = embeddings.token_sums(written)
    split = np.cumsum([len(k) for k in keys])[:-1]
    return [PassageMeanings(starts, owner, row, vectors, len(spans))
            for (spans, _), owner, row, starts in zip(texts, insides, np.split(rows, split),
                                                      starts_of, strict=True)]


def _summed(owner: np.ndarray, vectors: np.ndarray, row: np.ndarray,
            passages: int) -> np.ndarray:
    """Normalized sums of vectors[row] per passage (`owner`, ascending). Each passage's
    rows are one contiguous block, summed on its own: numpy's reduceat along rows is four
    times slower than these vectorized sums."""
    out = np.zeros((passages, vectors.shape[1]), dtype=np.float32)
    bounds = np.flatnonzero(np.diff(owner, prepend=-1, append=passages + 1))
    for first in range(0, len(row), _GATHER_ROWS):
        last = min(len(row), first + _GATHER_ROWS)
        gathered = vectors[row[first:last]]
        cuts = bounds[(bounds > first) & (bounds < last)].tolist()
        for start, end in zip([first, *cuts], [*cuts, last], strict=True):
            out[owner[start]] += gathered[start - first:end - first].sum(axis=0)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    np.divide(out, norms, out=out, where=norms > 0)
    return out
