"""Match keys for words: the form two spellings of one word share.

NFKC (full-width letters and digits become ASCII), case-folding, one form of apostrophe,
possessive "'s" dropped, and optional
Snowball stemming. Offsets never pass through here: tokens keep their own.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\uff07": "'",
                              "`": "'", "\u00b4": "'"})
_SNOWBALL_LANGUAGES = {"en": "english"}


@lru_cache(maxsize=4)
def _stemmer(language: str):  # type: ignore[no-untyped-def]
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
        self.stemmer = _stemmer(language) if stemming else None
        self._cache: dict[str, str] = {}

    def key(self, surface: str) -> str:
        cached = self._cache.get(surface)
        if cached is not None:
            return cached
        form = unicodedata.normalize("NFKC", surface).translate(_APOSTROPHES)
        if not self.case_sensitive:
            form = form.casefold()
        if form.endswith(("'s", "'")) and len(form) > 2:
            # Possessives are the same word for matching and counting: "Xi Jinping's".
            form = form[:-2] if form.endswith("'s") else form[:-1]
        if self.stemmer is not None and form.isalpha():
            form = self.stemmer.stemWord(form if not self.case_sensitive else form.lower())
        self._cache[surface] = form
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
