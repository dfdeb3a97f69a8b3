"""Function words per language (from the `stopwords` package's lists), as match keys."""

from __future__ import annotations

from functools import lru_cache

from viewer.core.normalize import plain_key


@lru_cache(maxsize=8)
def stop_words(language: str) -> frozenset[str]:
    import stopwords

    try:
        words = stopwords.get_stopwords(language)
    except Exception:  # the package raises its own error for languages it lacks
        words = []
    return frozenset(plain_key(w) for w in words if w)
