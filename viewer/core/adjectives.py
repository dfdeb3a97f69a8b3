"""English words that can only be adjectives, read from the lexicon lemminflect ships.

A set phrase is complete: it does not end on a word that modifies what follows ("scientific
and technological" of "scientific and technological innovation", "major theoretical" of
"major theoretical innovations"). Usage alone tells a modifier only when the word has uses
enough (`PhraseScorer.modifiers`). The lexicon (the SPECIALIST lexicon of the US National
Library of Medicine, in lemminflect's data) says which words are adjectives and nothing
else; the phrase's own uses then say whether it modifies what follows
(`PhraseScorer._modifying`) or stands complete ("safe and controllable.", "make the digital
economy stronger, better and bigger"). A word listed with any other reading ("green",
"major", "future") or not listed ("low-carbon") may end a phrase, and so may an adjective
after a form of "be", which is predicative.

The lexicon's two files are read directly (found by `package_files`, as the bundle ships
them): lemminflect's own lemmatizer would hold every word's readings, ten times the memory of
the adjectives alone, and its code is not needed.
"""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from viewer.core.package_files import folder_holding

#: Forms of "be" after which an adjective completes its phrase.
COPULAS = frozenset({"be", "is", "are", "was", "were", "been", "being", "am"})
#: The lexicon's files inside the `lemminflect` package folder: word,category,lemmas lines,
#: and readings lemminflect adds to them (word,UPOS,lemma).
LEXICON_FILE = Path("resources") / "lemma_lu.csv.gz"
OVERRIDES_FILE = Path("resources") / "lemma_overrides.csv"


class LexiconMissing(RuntimeError):
    """The lexicon's files are not where the installed package (or the bundle) keeps them."""


@lru_cache(maxsize=1)
def adjectives_only() -> frozenset[str]:
    """The words (lower case) the lexicon lists as adjectives and as nothing else."""
    folder, looked = folder_holding("lemminflect", LEXICON_FILE, OVERRIDES_FILE)
    if folder is None:
        raise LexiconMissing(
            f"The English lexicon ({LEXICON_FILE.name}) was not found; looked in {looked}. "
            "Reinstall Tandem's dependencies (pip install lemminflect).")
    adjective: set[str] = set()
    other: set[str] = set()
    with gzip.open(folder / LEXICON_FILE, "rt", encoding="utf-8") as lexicon:
        for line in lexicon:
            word, category, _ = line.split(",", 2)
            (adjective if category == "adj" else other).add(word)
    for line in (folder / OVERRIDES_FILE).read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            word, upos, _ = line.split(",", 2)
            (adjective if upos == "ADJ" else other).add(word)
    return frozenset(adjective - other)


def ends_on_adjective(keys: Sequence[str], last: np.ndarray, before: np.ndarray) -> np.ndarray:
    """Per phrase (ids into `keys` of its `last` word and the word `before` it), whether it
    ends on a word the lexicon lists only as an adjective, not after a form of "be"."""
    if not len(last):
        return np.zeros(0, dtype=bool)
    adjectives = adjectives_only()
    unique, inverse = np.unique(last, return_inverse=True)
    adjective = np.fromiter((keys[k].lower() in adjectives for k in unique.tolist()),
                            dtype=bool, count=len(unique))[inverse]
    copula = np.fromiter((keys[k] in COPULAS for k in before.tolist()), dtype=bool,
                         count=len(before))
    return adjective & ~copula
