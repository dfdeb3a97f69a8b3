"""64-bit hashes of word n-grams, computed for whole token arrays at once.

A gram's hash is built token by token: the hash so far is mixed (xor-shift, then a multiply
by an odd constant, wrapping) and the next token id added. A plain polynomial with a small
base would be nearly linear in the ids and let short grams of small ids collide; mixed, two
distinct grams share a hash with probability about 2**-64.
"""

from __future__ import annotations

import numpy as np

_MULTIPLIER = np.uint64(0xBF58476D1CE4E5B9)
_SHIFT = np.uint64(31)


def extend(hashes: np.ndarray, next_ids: np.ndarray) -> np.ndarray:
    """Hashes of grams one token longer: each gram followed by its next token."""
    hashes = hashes.astype(np.uint64, copy=False)
    return (hashes ^ (hashes >> _SHIFT)) * _MULTIPLIER + next_ids.astype(np.uint64)


def gram_hashes_at(ids: np.ndarray, positions: np.ndarray, n: int) -> np.ndarray:
    """The hash of the n-gram starting at each of `positions`."""
    values = ids[positions].astype(np.uint64)
    for k in range(1, n):
        values = extend(values, ids[positions + k])
    return values


def gram_hashes(ids: np.ndarray, n: int) -> np.ndarray:
    """The hash of the n-gram starting at each position that has n tokens after it."""
    count = len(ids) - n + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    return gram_hashes_at(ids, np.arange(count), n)
