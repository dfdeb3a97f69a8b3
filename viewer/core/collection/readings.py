"""Which articles of a collection are read together for its formulations.

A phrase recurs within one language: Chinese and English articles share no words, and the
finder judges a phrase by the language it is in (its words' rarity, what a word is, how
long a phrase may be). So the articles of a collection are read by language: Chinese and
Japanese together ("zh"), every other language as English ("en"), each reading by the
finder with its own settings over its own articles. A collection of Chinese originals
beside their English translations then lists the formulations of both, as each alone
would, where one reading of all by the majority's language lists the minority's phrases
by the wrong rules (missing them, or listing character runs that are no phrases).

`merged_ranking` puts the readings' ranked lists into one, best first: each item ranked by
its place in its own list, relative to that list's length.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from viewer.core.collection.candidate_scores import CJK

Item = TypeVar("Item")


def reading_of(language: str) -> str:
    """The reading an article of `language` (as `document.detect_language` tells it) is
    read in: "zh" for Chinese and Japanese, else "en"."""
    return "zh" if language in CJK else "en"


def by_reading(languages: Sequence[str]) -> dict[str, list[int]]:
    """The indices of the articles of each reading, in order, readings by name."""
    groups: dict[str, list[int]] = {}
    for k, language in enumerate(languages):
        groups.setdefault(reading_of(language), []).append(k)
    return dict(sorted(groups.items()))


def picked(values: Sequence[Item], members: Sequence[int]) -> list[Item]:
    """The `values` of the articles `members`, in that order."""
    return [values[k] for k in members]


def merged_ranking(rankings: Sequence[Sequence[Item]]) -> list[Item]:
    """The items of several ranked lists in one ranked list: each keeps its order, and an
    item's place is the middle of its share of its own list (the first of 10 beside the
    third of 50), the longer list first where two tie."""
    placed = [((rank + 0.5) / len(ranking), -len(ranking), which, rank)
              for which, ranking in enumerate(rankings) for rank in range(len(ranking))]
    return [rankings[which][rank] for _, _, which, rank in sorted(placed)]
