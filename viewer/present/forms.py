"""A phrase's other forms as every report writes them under it: "also: a; b".

Slogans of two texts and formulations of a collection count their variants with them
(one word swapped or added, other endings, other small words before the last word); a
report that showed the phrase alone would count uses the reader cannot find.
"""

from __future__ import annotations

from collections.abc import Sequence


def also_written(variants: Sequence[str]) -> str:
    """"also: a; b" for a phrase's `variants`, "" for none."""
    return "also: " + "; ".join(variants) if variants else ""
