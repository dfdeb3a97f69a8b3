"""Group equal keys of an array: the distinct keys, their counts and where each occurs.

`np.unique` with indices and inverse uses a stable sort, which on this kind of data is two
to three times slower than the plain sort used here; the extras (first occurrence, per-group
sums) are then single passes over the sorted order.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np


@dataclass(frozen=True)
class Groups:
    """Equal keys grouped: `order` sorts the keys, group g is order[starts[g]:starts[g+1]]."""

    order: np.ndarray
    starts: np.ndarray
    keys: np.ndarray

    @cached_property
    def counts(self) -> np.ndarray:
        return np.diff(self.starts, append=len(self.order))

    @cached_property
    def first(self) -> np.ndarray:
        """Index of each group's first occurrence in the original array."""
        if not len(self.starts):
            return np.zeros(0, dtype=np.int64)
        return np.minimum.reduceat(self.order, self.starts)

    @cached_property
    def which(self) -> np.ndarray:
        """The group of each element of the original array."""
        out = np.empty(len(self.order), dtype=np.int64)
        out[self.order] = np.repeat(np.arange(len(self.starts)), self.counts)
        return out

    def sums(self, values: np.ndarray) -> np.ndarray:
        """Per group, the sum of `values` (aligned with the original array)."""
        kind = np.result_type(values.dtype, np.int64)
        if not len(self.starts):
            return np.zeros(0, dtype=kind)
        return np.add.reduceat(values[self.order], self.starts, dtype=kind)

    def spread(self, per_group: np.ndarray) -> np.ndarray:
        """A per-group value for each element of the original array."""
        return per_group[self.which]


def group(keys: np.ndarray) -> Groups:
    """Group the equal elements of a 1-D array."""
    order = np.argsort(keys)
    ordered = keys[order]
    starts = np.flatnonzero(np.concatenate(([len(keys) > 0], ordered[1:] != ordered[:-1])))
    return Groups(order, starts, ordered[starts])


def expand(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For groups of the given sizes laid end to end: each item's group and its rank
    inside the group."""
    owner = np.repeat(np.arange(len(counts)), counts)
    rank = np.arange(len(owner)) - np.repeat(np.cumsum(counts) - counts, counts)
    return owner, rank


def distinct(values: np.ndarray) -> np.ndarray:
    """The sorted distinct elements of a 1-D array (np.unique without its masked-array
    check, which imports numpy.ma: 40 ms of a short run's start-up)."""
    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]

