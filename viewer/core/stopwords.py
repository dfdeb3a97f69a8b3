"""Function words per language (from the `stopwords` package's lists), as match keys."""

from __future__ import annotations

from functools import lru_cache

from viewer.core.normalize import plain_key

#: Modal and auxiliary words the package's English list lacks.
_ENGLISH_EXTRA = ("will", "can", "shall", "may", "might", "must", "also", "upon", "unto")


@lru_cache(maxsize=8)
def stop_words(language: str) -> frozenset[str]:
    import stopwords

    try:
        words = list(stopwords.get_stopwords(language))
    except Exception:  # the package raises its own error for languages it lacks
        words = []
    if language == "en":
        words.extend(_ENGLISH_EXTRA)
    return frozenset(plain_key(w) for w in words if w)
