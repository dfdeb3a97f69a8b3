"""What an English word can be (adjective, adverb) and its base forms, read from the lexicon
lemminflect ships.

A set phrase is complete: it does not end on a word that modifies what follows ("scientific
and technological" of "scientific and technological innovation", "major theoretical" of
"major theoretical and practical questions"). Usage alone tells a modifier only when the
word has uses enough (`PhraseScorer.modifiers`). The lexicon (the SPECIALIST lexicon of the
US National Library of Medicine, in lemminflect's data) says which words are adjectives and
nothing else (`Readings.adjectives_only`); the phrase's own uses then say whether it
modifies what follows (`PhraseScorer._modifying`) or stands complete ("safe and
controllable.", "make the digital economy stronger, better and bigger", "remain vigilant
and act"). A word listed with
any other reading ("green", "major", "future") or not listed at all may end a phrase, and so
may an adjective after a linking verb ("is", "remain", "become"), past any adverbs ("is
inherently unstable"), which is predicative (`predicative`). An adverb in -ly the lexicon
lists as nothing else, straight before a verb in most of a phrase's uses, leaves it open as
well ("necessary to fully" implement); other adverbs end phrases wherever they stand ("soon
afterwards").
Between two texts, where a phrase has a use or two, a word with an adjective reading among
others, or a verb and nothing else (`Readings.verbs_only`), straight before a content word
at every use leaves the phrase open too (`viewer.core.slogans`).

The lexicon also tells a word's base forms (`base_forms_of`): "metals" is a form of
"metal", "economics" is no form of "economic".

The lexicon's two files are read directly (found by `package_files`, as the bundle ships
them): lemminflect's own lemmatizer holds every word's readings at once, ten times the memory
of what is read here, and its code is not needed.
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np

from viewer.core.package_files import folder_holding

#: Linking verbs, in their forms: an adjective after one (past adverbs) is predicative.
LINKING_VERBS = frozenset({
    "be", "is", "are", "was", "were", "been", "being", "am", "remain", "remains",
    "remained", "remaining", "become", "becomes", "became", "becoming", "stay", "stays",
    "stayed", "staying", "seem", "seems", "seemed", "seeming", "appear", "appears",
    "appeared", "appearing", "prove", "proves", "proved", "proven", "proving", "grow",
    "grows", "grew", "grown", "growing", "get", "gets", "got", "gotten", "getting", "look",
    "looks", "looked", "looking", "feel", "feels", "felt", "feeling", "sound", "sounds",
    "sounded", "sounding", "turn", "turns", "turned", "turning",
})
#: The lexicon's files inside the `lemminflect` package folder: word,category,lemmas lines,
#: and readings lemminflect adds to them (word,UPOS,lemma).
LEXICON_FILE = Path("resources") / "lemma_lu.csv.gz"
OVERRIDES_FILE = Path("resources") / "lemma_overrides.csv"


class LexiconMissing(RuntimeError):
    """The lexicon's files are not where the installed package (or the bundle) keeps them."""


class Readings(NamedTuple):
    """Words by what the lexicon lets them be (lower case, as it looks them up)."""

    #: Adjectives and nothing else.
    adjectives_only: frozenset[str]
    #: Words with an adjective reading among others.
    adjectives: frozenset[str]
    #: Words with an adverb reading among others.
    adverbs: frozenset[str]
    #: Adverbs and nothing else.
    adverbs_only: frozenset[str]
    #: Words with a verb reading among others.
    verbs: frozenset[str]
    #: Adverbs and nothing else that end in -ly: of manner or degree, they stand before
    #: the verb they qualify ("fully implement").
    ly_adverbs: frozenset[str]
    #: Verbs and nothing else, less their forms in -ing (a gerund is a noun too:
    #: "intelligent manufacturing"): one straight before a content word takes it as its
    #: object ("strive to achieve | breakthroughs").
    verbs_only: frozenset[str]


def _rows() -> Iterator[tuple[str, str, str]]:
    """(word, category in lower case, lemmas joined by "/") for every line of the lexicon
    and its overrides. Capitalized entries (nationality words) are left out: lemminflect
    looks words up in lower case, and so never reaches them."""
    folder, looked = folder_holding("lemminflect", LEXICON_FILE, OVERRIDES_FILE)
    if folder is None:
        raise LexiconMissing(
            f"The English lexicon ({LEXICON_FILE.name}) was not found; looked in {looked}. "
            "Reinstall Tandem's dependencies (pip install lemminflect).")
    with gzip.open(folder / LEXICON_FILE, "rt", encoding="utf-8") as lexicon:
        for line in lexicon:
            word, category, lemmas = line.rstrip("\n").split(",", 2)
            if word.islower():
                yield word, category, lemmas
    for line in (folder / OVERRIDES_FILE).read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            word, upos, lemma = line.split(",", 2)
            if word.islower():
                yield word, upos.lower(), lemma


_READING = threading.Lock()


def readings() -> Readings:
    """The words of the lexicon by their readings (read once, 0.1 s)."""
    # The slogan finder and the theme terms, on two threads, both ask for it as a
    # comparison starts: unguarded, each read the whole lexicon.
    with _READING:
        return _read_readings()


@lru_cache(maxsize=1)
def _read_readings() -> Readings:
    kinds: dict[str, set[str]] = {"adj": set(), "adv": set(), "other": set()}
    verbs: set[str] = set()
    not_verbs: set[str] = set()
    for word, category, _ in _rows():
        kinds.get(category, kinds["other"]).add(word)
        (verbs if category == "verb" else not_verbs).add(word)
    adjectives, adverbs, other = kinds["adj"], kinds["adv"], kinds["other"]
    adverbs_only = frozenset(adverbs - adjectives - other)
    return Readings(frozenset(adjectives - adverbs - other), frozenset(adjectives),
                    frozenset(adverbs), adverbs_only, frozenset(verbs),
                    frozenset(w for w in adverbs_only if w.endswith("ly")),
                    frozenset(w for w in verbs - not_verbs if not w.endswith("ing")))


def base_forms_of(words: set[str]) -> dict[str, frozenset[str]]:
    """Per word of `words` (lower case) the lexicon lists, its lemmas under any reading,
    itself among them. (Read afresh each time: few callers, for a few words.)"""
    found: dict[str, set[str]] = {}
    for word, _, lemmas in _rows():
        if word in words:
            found.setdefault(word, {word}).update(lemmas.split("/"))
    return {word: frozenset(lemmas) for word, lemmas in found.items()}


def listed_in(keys: Sequence[str], ids: np.ndarray, words: frozenset[str]) -> np.ndarray:
    """Per id of `ids` (into `keys`), whether its word, in lower case, is one of `words`
    (a set of `readings`)."""
    unique, inverse = np.unique(ids, return_inverse=True)
    return np.fromiter((keys[k].lower() in words for k in unique.tolist()), dtype=bool,
                       count=len(unique))[inverse.reshape(-1)]


def predicative(before: Sequence[str]) -> bool:
    """Whether an adjective after the words `before` (the phrase's, in order) is
    predicative: the nearest word before it that cannot be an adverb is a linking verb."""
    adverbs = readings().adverbs
    for word in reversed(before):
        word = word.lower()
        if word not in adverbs:
            return word in LINKING_VERBS
    return False
