"""The figures a stretch of text states: its numbers, as the tokenizer reads them.

A number is a run of digit tokens next to each other (the tokenizer splits "4,000" and
"3.5" at the mark, and reads full-width digits as plain ones: ４０００ is 4000), or an
English number word ("eight", "hundred"). "one" is left out: it is a pronoun as often as a
number ("no one", "one of the").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from enum import Enum

#: English number words, as match keys.
NUMBER_WORDS = frozenset((
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "thousand", "million", "billion", "trillion"))


def figures(keys: Sequence[str]) -> Counter[str]:
    """The numbers among `keys` (a stretch's tokens, in order), each as often as stated."""
    found: Counter[str] = Counter()
    digits = ""
    for key in keys:
        if key.isdigit():
            digits += key
            continue
        if digits:
            found[digits] += 1
            digits = ""
        if key in NUMBER_WORDS:
            found[key] += 1
    if digits:
        found[digits] += 1
    return found


class Figures(Enum):
    """What the numbers of two stretches say of them (`compare_figures`)."""

    #: Not OTHER, and fewer than `SAME_FIGURES` numbers alike: the numbers say nothing.
    NEITHER = 0
    #: Each states a number the other does not: two reports (two census counts, two score
    #: lines), where an edited copy at most drops a number or adds one.
    OTHER = 1
    #: Not OTHER, and `SAME_FIGURES` numbers or more alike (one side may drop some): one
    #: report, however its words were put.
    SAME = 2


#: Numbers two stretches must state alike to report one thing: one alike is as often a
#: date or a count any two texts might give. They are counted once each, however often
#: stated: "two turtledoves, or two young pigeons" gives one figure, as a frame any two
#: verses on one rite may share.
SAME_FIGURES = 2


def compare_figures(keys_x: Sequence[str], keys_y: Sequence[str]) -> Figures:
    """What the numbers of two stretches (their tokens' keys) say of them. Numbers are
    compared as they are written, in digits or in words: "an hundred and six" and "106"
    may be one number."""
    x, y = figures(keys_x), figures(keys_y)
    alike = 0
    for digits in (True, False):
        mine, theirs = _written(x, digits), _written(y, digits)
        if mine - theirs and theirs - mine:
            return Figures.OTHER
        alike += len(mine & theirs)
    return Figures.SAME if alike >= SAME_FIGURES else Figures.NEITHER


def _written(found: Counter[str], digits: bool) -> Counter[str]:
    """The numbers of `found` written in digits (or, with `digits` false, in words)."""
    return Counter({key: n for key, n in found.items() if key.isdigit() is digits})
