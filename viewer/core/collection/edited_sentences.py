"""Candidate pairs the n-gram index cannot see: one sentence copied and edited every few words.

A short copy edited every fourth or fifth word keeps runs shorter than the index needs to
pair its two articles (`index.IndexParams.min_rare_shared`): "O spare me, that I may recover
strength, before I go hence, and be no more." and "O spare me, Surface that I may this
recover strength, before I go traditional, and be no more." keep one run of five words. What
the two articles still have is an n-gram that no other article holds (`index.LoneRuns`).
Most pairs with one or two such n-grams met by chance, and a thousand articles make several
thousand of them: aligning them all would cost more than the rest of the work. A pair is
aligned when, around one of those n-grams, the sentence on each side is mostly the other's
words in the same order, as the pair-listing rule asks of a copied sentence (the caller
passes its share of the longer side's words and its least number of words). The test reads
the two sentences only, so it depends on the two texts and on which n-grams they alone hold,
nothing else: adding articles can take a pair out, never bring one in. A pair that passes is
aligned and listed by the same rules as any other.

Pure numpy and rapidfuzz's longest common subsequence; the embedded engine and the Spark job
call the same functions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from rapidfuzz.distance import LCSseq

from viewer.core.collection.index import LoneRuns
from viewer.core.edge_marks import SENTENCE_ENDS, ends_sentence
from viewer.core.grams import gram_hashes

_MARKS = re.compile("[" + re.escape("".join(sorted(SENTENCE_ENDS))) + "\n\r]")


@dataclass(frozen=True)
class SentenceTokens:
    """A document's token ids, and per token where its sentence begins and ends (token
    indexes, the end one past the last)."""

    ids: np.ndarray
    first: np.ndarray
    end: np.ndarray

    @classmethod
    def of(cls, text: str, ids: np.ndarray, starts: np.ndarray,
           ends: np.ndarray) -> SentenceTokens:
        """`ids`, `starts`, `ends`: the tokens of `text` and their character spans. A
        sentence ends where a mark that ends one (`edge_marks.ends_sentence`) or a line
        break stands between two tokens."""
        marks = np.array([m.start() for m in _MARKS.finditer(text)
                          if m.group() in "\n\r" or ends_sentence(text, m.start())],
                         dtype=np.int64)
        gap_marks = (np.searchsorted(marks, starts[1:]) - np.searchsorted(marks, ends[:-1]))
        number = np.concatenate(([0], np.cumsum(gap_marks > 0)))
        number = number[:len(ids)]  # no tokens: no sentences
        return cls(np.asarray(ids), np.searchsorted(number, number, "left").astype(np.int32),
                   np.searchsorted(number, number, "right").astype(np.int32))

    def around(self, hashes: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
        """Where the sentence around each of `hashes` (n-grams of `n` tokens the document
        holds, at their first place) begins and how many tokens it has: the sentence the
        n-gram begins in, up to the end of the one it ends in."""
        positional = gram_hashes(self.ids, n)
        order = np.argsort(positional, kind="stable")
        at = order[np.searchsorted(positional[order], hashes)]
        return self.first[at], self.end[at + n - 1] - self.first[at]

    def bounds(self, first: int, end: int) -> tuple[int, int]:
        """Where the sentences around tokens `first` .. `end` - 1 (the sentence the first
        begins in, up to the end of the one the last ends in) begin and end (token
        indexes, the end one past the last); (first, end) for no tokens."""
        if end <= first:
            return first, end
        return int(self.first[first]), int(self.end[end - 1])


def copied_sentence_pairs(lone: LoneRuns, document: Callable[[int], SentenceTokens], n: int,
                          *, words: float, share: float) -> set[tuple[int, int]]:
    """The pairs of `lone` (n-grams of `n` tokens) where the sentences around one of the
    n-grams the two documents alone hold (`SentenceTokens.around`) are one sentence copied
    (`copied_sentence`). `document(num)` reads a document of its rows, each once; only
    their token ids are kept."""
    rows = len(lone.hashes)
    owners = np.concatenate((lone.first, lone.second))
    order = np.argsort(owners, kind="stable")
    bounds = np.flatnonzero(np.diff(owners[order], prepend=-1, append=-1))
    begins = np.zeros(2 * rows, dtype=np.int64)
    lengths = np.zeros(2 * rows, dtype=np.int64)
    ids: dict[int, np.ndarray] = {}
    for lo, hi in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
        mine = order[lo:hi]
        num = int(owners[mine[0]])
        tokens = document(num)
        begins[mine], lengths[mine] = tokens.around(lone.hashes[mine % rows], n)
        ids[num] = tokens.ids
    begin, length = begins.reshape(2, rows), lengths.reshape(2, rows)
    hopeful = np.flatnonzero(could_be_copied(length.min(axis=0), length.max(axis=0),
                                             words=words, share=share))
    # Two n-grams of one sentence pair ask the same question once.
    keys = np.stack((lone.first[hopeful], lone.second[hopeful], begin[0, hopeful],
                     begin[1, hopeful]))
    if len(hopeful):
        hopeful = hopeful[np.unique(keys, axis=1, return_index=True)[1]]
    found: set[tuple[int, int]] = set()
    for row in hopeful.tolist():
        pair = (int(lone.first[row]), int(lone.second[row]))
        if pair not in found and copied_sentence(
                *(ids[num][begin[k, row]:begin[k, row] + length[k, row]].tolist()
                  for k, num in enumerate(pair)), words=words, share=share):
            found.add(pair)
    return found


def copied_sentence(x: list[int], y: list[int], *, words: float, share: float,
                    beyond: tuple[int, int] = (0, 0)) -> bool:
    """Whether two sentences (token ids) are one sentence copied, however its edits break
    its runs: they share at least `words` tokens in order, and `share` of the longer's.
    `beyond`: tokens of each sentence left out of `x` and `y` (a passage inside them, see
    `SentenceTokens.bounds`), none of them shared."""
    longer = max(len(x) + beyond[0], len(y) + beyond[1])
    if not could_be_copied(min(len(x), len(y)), longer, words=words, share=share):
        return False
    common = LCSseq.similarity(x, y)
    return common >= words and common >= share * longer


def could_be_copied(shorter: Any, longer: Any, *, words: float, share: float) -> Any:
    """Whether sentences of these lengths (numbers or arrays of them) could be one sentence
    copied (`copied_sentence`): what two share in order is at most the shorter one."""
    return (shorter >= words) & (shorter >= share * longer)
