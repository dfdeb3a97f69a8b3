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

import numpy as np

Form = TypeVar("Form")
Words = tuple[Hashable, ...]


def group_variants(ranked: Sequence[Form], words_of: Callable[[Form], Words],
                   is_content: Callable[[Hashable], bool],
                   may_join: Callable[[Form, Form], bool], *, widest: int = 1,
                   strong: int = 2, kept: float = 0.0,
                   apart: Callable[[Form, Form], bool] | None = None) -> list[list[Form]]:
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
    so they join only when `may_join(grouped form, new form)` agrees; two that share no
    content unit ("and sometimes", "and Harriet") share only the grammar of the language,
    and never join, however often they are used together. At an end, a blank
    stands for as many units in both forms (else a form with one more unit of context
    would meet it), and two forms whose shared part is itself a listed phrase are that
    phrase in two contexts, not variants. The units around the blank must make at least
    the share `kept` of the longer form. Forms for which `apart(grouped form, new form)`
    holds are two phrases however much they share (缺乏品牌意识, 缺乏环保意识: each
    used on its own since its own start)."""
    owner: list[int] = []  # union-find over ranks: a group is named by its best form

    def root(f: int) -> int:
        while owner[f] != f:
            owner[f] = owner[owner[f]]
            f = owner[f]
        return f

    keys: dict[tuple[Words, Words, int], list[int]] = {}  # key -> ranks met there
    lengths: list[int] = []
    phrases = {words_of(form) for form in ranked}
    for rank, form in enumerate(ranked):
        owner.append(rank)
        words = words_of(form)
        lengths.append(len(words))
        for key in _blanks(words, widest):
            partners = keys.setdefault(key, [])
            before, after, edge = key
            # "Xi Jinping emphasized", "Xi Jinping pointed": the shared part is a phrase of
            # its own, and these are its contexts, not its variants.
            # Without a content unit shared, two forms share only the grammar of the
            # language ("and sometimes", "and Harriet").
            if partners and not (edge and before + after in phrases) and (
                    content := sum(1 for w in before + after if is_content(w))):
                shared = len(before) + len(after)
                weak = content < strong
                for partner in partners:
                    if (root(partner) == root(rank)
                            or shared < kept * max(len(words), lengths[partner])
                            or (weak and not may_join(ranked[partner], form))
                            or (apart is not None and apart(ranked[partner], form))):
                        continue
                    low, high = sorted((root(partner), root(rank)))
                    owner[high] = low
            partners.append(rank)
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


#: A rare variant found: its head (an index), its word ids and its start positions.
Likeness = tuple[int, tuple[int, ...], np.ndarray]


def rare_variants(ids: np.ndarray, stops: np.ndarray, blocked: np.ndarray,
                  is_content: np.ndarray, heads: Sequence[tuple[int, ...]],
                  known: set[tuple[int, ...]], *, widest: int = 1, strong: int = 2,
                  kept: float = 0.0, fewest: int | None = None, brought_content: bool = True,
                  may_join: Callable[[list[Likeness]], list[bool]] | None = None,
                  ) -> list[dict[tuple[int, ...], np.ndarray]]:
    """Variants of known phrases too rare to recur on their own (used once or twice):
    per head (a tuple of word ids), {variant: its start positions in `ids`}.

    A variant is what `group_variants` would join to the head: a run of up to `widest`
    units swapped for another (as many at an end), or inserted inside, keeping at least
    `strong` content units and the share `kept`; the units it brings, and at an end the
    units it takes out, are content units (`is_content[id]`), unless not `brought_content`
    (Chinese characters are units, and words such as 进一步 and 用人 are made of function
    characters: the caller checks the word); it crosses no break (`stops[p]`: nothing
    runs on from p) and no excluded token (`blocked`); forms in `known` are not
    variants. With `fewest`, a variant keeping fewer than `strong` but at least `fewest`
    content units is one only when `may_join` agrees, as `group_variants` asks of two
    forms that share little: it is asked once, of all such variants ((head, variant, its
    positions) each), and gives a verdict on each."""
    probes = []  # (head, prefix, suffix, width put in the blank, keeps `strong` units)
    least = strong if fewest is None or may_join is None else min(strong, fewest)
    for h, words in enumerate(heads):
        n = len(words)
        for k, old, new in _blank_shapes(n, widest):
            prefix, suffix = words[:k], words[k + old:]
            content = int(is_content[list(prefix + suffix)].sum())
            if len(prefix) + len(suffix) < kept * max(n, n - old + new) or content < least:
                continue
            if brought_content and (not prefix or not suffix) and not all(
                    is_content[list(words[k:k + old])]):
                # "lasting free spirit of initiatives" for "the free spirit of
                # initiatives": the phrase's core in another context, not a variant.
                continue
            probes.append((h, prefix, suffix, new, content >= strong))
    strongly: list[set[tuple[int, ...]]] = [set() for _ in heads]
    if not probes or not len(ids):
        return [{} for _ in heads]
    # Each probe is anchored on its rarest known unit: where that unit occurs.
    counts = np.bincount(ids, minlength=int(max(max(p[1] + p[2]) for p in probes)) + 1)
    anchors = [_anchor(prefix, suffix, new, counts) for _, prefix, suffix, new, _ in probes]
    # Looked up in a table of the units (`np.isin` would hold copies of all the ids).
    wanted = np.zeros(len(counts), dtype=bool)
    wanted[[w for w, _ in anchors]] = True
    where = np.flatnonzero(wanted[ids])
    order = np.argsort(ids[where], kind="stable")
    where, keys = where[order], ids[where[order]]
    # Where the breaks and excluded tokens are: counted before a place by a search, as
    # only the places a probe finds are asked about.
    breaks, excluded = np.flatnonzero(stops), np.flatnonzero(blocked)
    size = len(ids)
    found_at: list[dict[tuple[int, ...], list[int]]] = [{} for _ in heads]
    for (h, prefix, suffix, new, sure), (anchor, offset) in zip(probes, anchors, strict=True):
        lo, hi = np.searchsorted(keys, anchor), np.searchsorted(keys, anchor, side="right")
        length = len(prefix) + new + len(suffix)
        start = where[lo:hi] - offset
        start = start[(start >= 0) & (start + length <= size)]
        # Narrowed unit by unit: the first unit tested leaves few places to test the next.
        for j, w in enumerate(prefix):
            start = start[ids[start + j] == w]
        for j, w in enumerate(suffix):
            start = start[ids[start + len(prefix) + new + j] == w]
        for j in range(new if brought_content else 0):
            start = start[is_content[ids[start + len(prefix) + j]]]
        if new and length == len(heads[h]):
            # A swap that puts back the head's own units is the head, as most places are.
            same = np.ones(len(start), dtype=bool)
            for j, w in enumerate(heads[h][len(prefix):len(prefix) + new]):
                same &= ids[start + len(prefix) + j] == w
            start = start[~same]
        # No break inside the run (the last unit may end a sentence), nothing excluded.
        start = start[(_before(breaks, start + length - 1) == _before(breaks, start))
                      & (_before(excluded, start + length) == _before(excluded, start))]
        for p in start.tolist():
            form = tuple(ids[p:p + length].tolist())
            if form not in known:
                found_at[h].setdefault(form, []).append(p)
                if sure:
                    strongly[h].add(form)
    result = [{form: np.unique(np.array(at)) for form, at in found.items()}
              for found in found_at]
    weak = [(h, form, at) for h, (found, sure) in enumerate(zip(result, strongly, strict=True))
            for form, at in found.items() if form not in sure]
    if may_join is None or not weak:
        return result
    refused = {(h, form) for (h, form, _), joins in zip(weak, may_join(weak), strict=True)
               if not joins}
    return [{form: at for form, at in found.items() if (h, form) not in refused}
            for h, found in enumerate(result)]


def _before(marked: np.ndarray, places: np.ndarray) -> np.ndarray:
    """How many of the positions `marked` (sorted) lie before each of `places`."""
    return np.searchsorted(marked, places)


def _anchor(prefix: tuple[int, ...], suffix: tuple[int, ...], new: int,
            counts: np.ndarray) -> tuple[int, int]:
    """The rarest known unit of a probe and its place in the variant."""
    units = [(w, j) for j, w in enumerate(prefix)]
    units += [(w, len(prefix) + new + j) for j, w in enumerate(suffix)]
    return min(units, key=lambda unit: int(counts[unit[0]]))


def _blank_shapes(n: int, widest: int) -> list[tuple[int, int, int]]:
    """(where, units taken out, units put in) of every blank of a phrase of n units: a
    swap or an insertion inside, a swap of as many units at an end."""
    out = []
    for k in range(n + 1):
        for old in range(widest + 1):
            if k + old > n:
                break
            for new in range(widest + 1):
                edge = k == 0 or k + old == n
                if old == new == 0 or (edge and (old != new or old == 0)):
                    continue
                out.append((k, old, new))
    return out
