"""Near-variants of phrases: one word swapped, or one word added inside.

Set formulations drift: "establishing comprehensive strategy" becomes "establishing
comprehensive reform", "establishing overall comprehensive strategy"; a translation
changes one word ("network power", "cyber power"). Such forms are one formulation,
counted together. Phrases are compared as tuples of words (ids for English, the words of
a Chinese segmenter for Chinese), so a Chinese variant changes a whole word, not one
character of it. Variants are found through keys (the phrase with one word blanked, or
one inner word dropped), so grouping n phrases costs about n times their length.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

Form = TypeVar("Form")
Words = tuple[Hashable, ...]


def group_variants(ranked: Sequence[Form], words_of: Callable[[Form], Words],
                   is_content: Callable[[Hashable], bool],
                   may_join: Callable[[Form, Form], bool], *, widest: int = 1,
                   strong: int = 2, kept: float = 0.0) -> list[list[Form]]:
    """`ranked` phrases (best first) grouped with their near-variants, groups in the
    order of their best form, each group's forms in rank order.

    Variants differ by one word swapped, or one word added inside (not at an end: "use
    the rule of law" is the phrase in a context); variants of variants join too. Two
    forms are variants when they meet under one key: the units (words, or Chinese
    characters) before and after a blank that stands for up to `widest` units of either,
    or for none of the shorter one. (Chinese is compared by characters, a blank being up
    to a word's worth of them: a segmenter's dictionary holds compounds such as
    中国人民解放军总后勤部 whole, so its words do not line up between two forms.) When
    the two share fewer than `strong` content units ("five demands", "five journeys";
    "the US state", "the French state") the changed word may well make another phrase,
    so they join only when `may_join(grouped form, new form)` agrees. At an end, a blank
    stands for as many units in both forms (else a form with one more unit of context
    would meet it). The units around the blank must make at least the share `kept` of
    the longer form."""
    owner: list[int] = []  # union-find over ranks: a group is named by its best form

    def root(f: int) -> int:
        while owner[f] != f:
            owner[f] = owner[owner[f]]
            f = owner[f]
        return f

    keys: dict[tuple[Words, Words, int], list[int]] = {}  # key -> ranks met there
    lengths: list[int] = []
    for rank, form in enumerate(ranked):
        owner.append(rank)
        words = words_of(form)
        lengths.append(len(words))
        for key in _blanks(words, widest):
            before, after, _ = key
            shared = len(before) + len(after)
            weak = sum(1 for w in before + after if is_content(w)) < strong
            for partner in keys.get(key, ()):
                if (root(partner) == root(rank)
                        or shared < kept * max(len(words), lengths[partner])
                        or (weak and not may_join(ranked[partner], form))):
                    continue
                low, high = sorted((root(partner), root(rank)))
                owner[high] = low
            keys.setdefault(key, []).append(rank)
    groups: dict[int, list[Form]] = {}
    for rank, form in enumerate(ranked):
        groups.setdefault(root(rank), []).append(form)
    return list(groups.values())


def _blanks(words: Words, widest: int) -> list[tuple[Words, Words, int]]:
    """The (before, after, width at an end) units around each blank of a phrase: each
    run of 1 to `widest` units blanked (a swap, or what a longer form adds) and each
    inner gap (where a longer form adds). A blank needs units on at least one side; a gap
    on both. Width is 0 for inner blanks, which may stand for runs of any width."""
    n = len(words)
    out = []
    for b in range(1, min(widest, n - 1) + 1):
        for k in range(n - b + 1):
            edge = k == 0 or k + b == n
            out.append((words[:k], words[k + b:], b if edge else 0))
    out += [(words[:k], words[k:], 0) for k in range(1, n)]
    return out
