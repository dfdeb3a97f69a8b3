"""Form shapes: how the forms of one formulation may differ from each other.

A variant swaps or adds a word (Chinese: a word of a few characters) and keeps most of
its formulation; more variants than a formulation has make a template with a slot, not
one formulation. The checks here compare forms as words are compared (word ids, or the
units of `PhraseScorer.word_unit`).
"""

from __future__ import annotations

from typing import TypedDict

import numpy as np

#: CJK text is tokenized per character: lengths in words are scaled by this; a variant
#: changes a word of up to this many characters (股份合作制 of a firm's name); two
#: content words shared count as this many characters each.
CJK_CHARS_PER_WORD = 1.5
CJK_LONGEST_WORD = 5
CJK_CHARS_PER_WORD_SHARED = 2
#: A Chinese variant keeps at least this share of the characters (one word changed: a
#: three-character word of a five-character phrase, 银行准备金, 银行金字塔; that it is one
#: whole word is checked on the words, `one_word_apart`, and two forms sharing a single
#: word join only on the evidence `group_variants` asks of such forms).
CJK_VARIANT_KEPT = 0.4
#: More variants than this make a template, not a formulation.
MAX_VARIANTS = 3
#: A Chinese variant may swap this many letters inside a word (早见成效, 早盖成效).
CJK_INNER_SWAP = 2


class VariantShape(TypedDict):
    """Keyword arguments of `group_variants` and `rare_variants`."""

    widest: int
    strong: int
    kept: float


def variant_shape(cjk: bool) -> VariantShape:
    """How a variant may differ from its formulation (see `group_variants`)."""
    if cjk:
        return {"widest": CJK_LONGEST_WORD, "strong": 2 * CJK_CHARS_PER_WORD_SHARED,
                "kept": CJK_VARIANT_KEPT}
    return {"widest": 1, "strong": 2, "kept": 0.0}


def in_slot(shapes: list[tuple[int, ...]], unit: np.ndarray) -> set[int]:
    """The forms of a group (word ids, the main form first; by their index) that fill a
    place which more than `MAX_VARIANTS` other words fill: the slot of a template, not
    variants of a formulation (each of those changes a different word, or one of a few)."""
    fillers: dict[int, dict[int, list[int]]] = {}  # place -> word -> forms
    for k, shape in enumerate(shapes[1:], 1):
        place = one_place(shapes[0], shape, unit)
        if place is not None:
            fillers.setdefault(place, {}).setdefault(int(shape[place]), []).append(k)
    return {k for words in fillers.values() if len(words) > MAX_VARIANTS
            for forms in words.values() for k in forms}


def added_inside(x: tuple[int, ...], y: tuple[int, ...]) -> bool:
    """Whether one of two forms (units, as words are compared) is the other with a run of
    units put in inside: a modifier added keeps all that the phrase names, where a word
    swapped may name another thing (全球资本市场, 全球黄金市场)."""
    shorter, longer = sorted((x, y), key=len)
    if len(shorter) == len(longer):
        return False
    same, tail = common_head(shorter, longer), common_head(shorter[::-1], longer[::-1])
    return same > 0 and tail > 0 and same + tail >= len(shorter)


def common_head(x: tuple[int, ...], y: tuple[int, ...]) -> int:
    """How many units `x` and `y` share from their start."""
    same = 0
    while same < min(len(x), len(y)) and x[same] == y[same]:
        same += 1
    return same


def one_place(head: tuple[int, ...], form: tuple[int, ...], unit: np.ndarray) -> int | None:
    """The one place where two forms of as many words (word ids) differ, as words are
    compared (`unit`, see `PhraseScorer.word_unit`); None when they differ in none or in more."""
    if len(head) != len(form):
        return None
    differ = np.flatnonzero(unit[list(form)] != unit[list(head)])
    return int(differ[0]) if len(differ) == 1 else None


def swapped_inside(x: tuple[int, ...], y: tuple[int, ...]) -> bool:
    """Whether two forms of as many units differ only in a run of at most
    `CJK_INNER_SWAP` units with units kept on both sides (早见成效, 早盖成效)."""
    run = _swapped_run(x, y)
    return run is not None and run[0] > 0 and run[1] < len(x)


def swapped_at_end(x: tuple[int, ...], y: tuple[int, ...], kept: int) -> bool:
    """Whether two forms of as many units differ only in a run of at most
    `CJK_INNER_SWAP` units at one end, keeping at least `kept` units alike (长时间的经济,
    红时间的经济: 红 cuts the word 长时间 where the segmenter reads 红 | 时间)."""
    run = _swapped_run(x, y)
    return (run is not None and (run[0] == 0) != (run[1] == len(x))
            and len(x) - (run[1] - run[0]) >= kept)


def _swapped_run(x: tuple[int, ...], y: tuple[int, ...]) -> tuple[int, int] | None:
    """[first, end) of the one run of at most `CJK_INNER_SWAP` units in which two forms of
    as many units differ, or None when they differ in length, in nothing or in more."""
    if len(x) != len(y) or x == y:
        return None
    first, end = common_head(x, y), len(x) - common_head(x[::-1], y[::-1])
    return (first, end) if end - first <= CJK_INNER_SWAP else None
