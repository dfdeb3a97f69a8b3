"""Match keys for words: the form two spellings of one word share.

NFKC (full-width letters and digits become ASCII), case-folding, traditional and
simplified Chinese characters keyed alike (`viewer.core.han_script`), one form of apostrophe,
possessive "'s" dropped, hyphens dropped (a word broken at a line end, "mea-\nsured", and a
compound, "data-base", key as the closed word: "measured", "database"), and optional
Snowball stemming. Offsets never pass through here: tokens keep their own.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import numpy as np

from viewer.core.han_script import key_characters

#: Every mark written as an apostrophe: the straight one, the right and left single quotes
#: ("world’s", and "world‘s" as Chinese input methods type it), the modifier letter, the
#: full-width one, the grave and acute accents ("China´s"). Between two letters each is
#: inside a word (`viewer.core.tokenize`), and a word's key writes it "'".
APOSTROPHES = "'\u2019\u2018\u02bc\uff07`\u00b4"
_APOSTROPHE_MARKS = tuple(APOSTROPHES[1:])
#: Hyphen-minus, soft hyphen, hyphen, non-breaking hyphen: the marks the tokenizer lets join
#: the two halves of a word (see `viewer.core.tokenize`).
HYPHENS = "-\u00ad\u2010\u2011"
#: Zero-width space, non-joiner, joiner, word joiner and no-break space: invisible inside a
#: word, and no part of its key.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_HYPHEN = re.compile(f"[{HYPHENS}]")
#: A hyphen with the line break or spaces after it: a word broken at a line end.
_LINE_BREAK = re.compile(f"[{HYPHENS}]\\s+|\u00ad")
_STEM_BATCH = 2000
#: The version of the keys `Normalizer` makes, which a collection store records: 2 keys
#: traditional and simplified Chinese characters alike, 3 reads every mark of `APOSTROPHES`
#: between letters as inside a word. A store of other keys reads its texts again
#: (`viewer.collection.rekey`).
KEYS_VERSION = 3
_SNOWBALL_LANGUAGES = {"en": "english"}


@lru_cache(maxsize=4)
def stemmer(language: str):  # type: ignore[no-untyped-def]
    """The Snowball stemmer of `language` (loaded once), None for a language without one."""
    name = _SNOWBALL_LANGUAGES.get(language)
    if name is None:
        return None
    import snowballstemmer

    return snowballstemmer.stemmer(name)


class Normalizer:
    """Maps a word as written to its match key, caching every distinct spelling."""

    def __init__(self, *, case_sensitive: bool = False, stemming: bool = False,
                 language: str = "en") -> None:
        self.case_sensitive = case_sensitive
        self.stemmer = stemmer(language) if stemming else None
        self._cache: dict[str, str] = {}

    def key(self, surface: str) -> str:
        cached = self._cache.get(surface)
        return cached if cached is not None else self.keys([surface])[0]

    def keys(self, surfaces: list[str]) -> list[str]:
        """The keys of many words at once: one normalization pass over all new spellings."""
        cache = self._cache
        new = [s for s in dict.fromkeys(surfaces) if s not in cache]
        if new:
            joined = "\n".join(new)
            hyphenated = containing(new, joined, HYPHENS)
            if hyphenated:  # few: only those are rewritten
                forms = list(new)
                for k in hyphenated:
                    forms[k] = _HYPHEN.sub("", unbroken(forms[k]))
                joined = "\n".join(forms)
            # Newlines are never inside a word (nor, once unbroken, inside a hyphenated
            # one) and compose with nothing, so one pass over the joined spellings treats
            # each exactly as a pass of its own would.
            # Apostrophes before NFKC, which would make "´" a space and a combining accent.
            for mark in _APOSTROPHE_MARKS:  # replace runs at C speed; translate does not
                if mark in joined:
                    joined = joined.replace(mark, "'")
            joined = unicodedata.normalize("NFKC", joined)
            for mark in ZERO_WIDTH:
                if mark in joined:
                    joined = joined.replace(mark, "")
            # 國 keys as 国: the script is no more part of the word than its case.
            joined = key_characters(joined)
            forms = (joined if self.case_sensitive else joined.casefold()).split("\n")
            if "'" in joined:
                forms = [_without_possessive(f) if "'" in f else f for f in forms]
            if self.stemmer is not None:
                forms = self._stemmed(forms)
            cache.update(zip(new, forms, strict=True))
        return [cache[s] for s in surfaces]

    def _stemmed(self, forms: list[str]) -> list[str]:
        stemmer = self.stemmer
        assert stemmer is not None
        words = [k for k, f in enumerate(forms) if f.isalpha()]
        plain = [forms[k] if not self.case_sensitive else forms[k].lower() for k in words]
        # In batches: one call holds the interpreter lock throughout, and the window's event
        # loop (comparisons run in its threads) must not wait for tens of thousands of words.
        stems = [stem for at in range(0, len(plain), _STEM_BATCH)
                 for stem in stemmer.stemWords(plain[at:at + _STEM_BATCH])]
        for k, stem in zip(words, stems, strict=True):
            forms[k] = stem
        return forms


def containing(surfaces: list[str], joined: str, marks: str) -> list[int]:
    """The indices of the surfaces that contain any of `marks`, given `joined`: the
    surfaces joined by one character. Found with `str.find` on the joined text, so a
    batch with a few such surfaces among many costs one fast scan per mark."""
    if not any(mark in joined for mark in marks):
        return []
    ends = np.cumsum(np.fromiter(map(len, surfaces), dtype=np.int64, count=len(surfaces)) + 1)
    found: set[int] = set()
    for mark in marks:
        at = joined.find(mark)
        while at >= 0:
            k = int(np.searchsorted(ends, at, side="right"))
            found.add(k)
            at = joined.find(mark, int(ends[k]))
    return sorted(found)


def unbroken(surface: str) -> str:
    """A word as it reads without its line-end break: "mea-\nsured" and "mea- sured" become
    "measured", soft hyphens go; a hyphen with no space after it ("good-natured") stays."""
    return _LINE_BREAK.sub("", surface)


def _without_possessive(form: str) -> str:
    """Possessives are the same word for matching and counting: "Xi Jinping's"."""
    if len(form) > 2 and form.endswith(("'s", "'")):
        return form[:-2] if form.endswith("'s") else form[:-1]
    return form


@lru_cache(maxsize=16)
def shared_normalizer(*, case_sensitive: bool = False, stemming: bool = False,
                      language: str = "en") -> Normalizer:
    """One normalizer per kind for the whole process, so its cache of spellings serves every
    comparison (the window recompares the same texts whenever a setting changes)."""
    return Normalizer(case_sensitive=case_sensitive, stemming=stemming, language=language)


def plain_key(surface: str) -> str:
    """The default key (case-folded, no stemming): for watch-list entries and statistics."""
    return _DEFAULT.key(surface)


_DEFAULT = Normalizer()
