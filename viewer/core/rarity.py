"""How surprising a word is, in bits, from the `wordfreq` package's frequency lists.

A shared run of rare words is evidence of copying; a run of common words is chance. The
lists are read straight from wordfreq's data files (its documented "cBpack" format: a
msgpack list whose i-th bucket holds the words of frequency 10**(-i/100)), because
importing the wordfreq module itself costs 0.4 s of start-up for language machinery we
do not need. Chinese and Japanese get per-character figures, summed from the words that
contain each character, since the tokenizer works per character there.
"""

from __future__ import annotations

import gzip
import importlib.util
import math
from collections.abc import Sequence
from functools import lru_cache
from itertools import repeat
from pathlib import Path

import numpy as np

#: Bits given to a word too rare to be in the list (the small lists stop near 1e-6).
UNLISTED_BITS = 22.0
#: Bits given to a token made of digits: numbers recur by chance more than rare words do.
NUMBER_BITS = 10.0
_CJK_LANGUAGES = {"zh", "ja"}


def _data_dir() -> Path | None:
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _read_cbpack(path: Path) -> list[list[str]]:
    import msgpack

    with gzip.open(path, "rb") as handle:
        data = msgpack.load(handle, raw=False, strict_map_key=False)
    header = data[0]
    if not isinstance(header, dict) or header.get("format") != "cB":
        raise ValueError(f"unexpected wordfreq data format in {path}")
    return data[1:]


@lru_cache(maxsize=8)
def word_frequencies(language: str) -> dict[str, float]:
    """Word frequencies of `language` (Chinese words for "zh"); empty if unavailable."""
    return commonest_words(language)


def commonest_words(language: str, count: int | None = None) -> dict[str, float]:
    """The `count` commonest words of `language` (all, for None) with their frequencies,
    read afresh: a caller reading many languages keeps what it needs of them, rather
    than crowd out of `word_frequencies`' cache the lists the comparison reads."""
    directory = _data_dir()
    path = directory / f"small_{language}.msgpack.gz" if directory else None
    if path is None or not path.exists():
        return {}
    freq: dict[str, float] = {}
    for index, words in enumerate(_read_cbpack(path)):
        value = 10.0 ** (-index / 100.0)
        for word in words:
            freq.setdefault(word, value)
            if count is not None and len(freq) >= count:
                return freq
    return freq


@lru_cache(maxsize=8)
def frequencies(language: str) -> dict[str, float]:
    """Frequencies per match key: words, or characters for Chinese and Japanese."""
    if language in _CJK_LANGUAGES:
        return per_character(word_frequencies("zh"))
    return word_frequencies(language)


def per_character(word_freq: dict[str, float]) -> dict[str, float]:
    chars: dict[str, float] = {}
    for word, value in word_freq.items():
        for ch in word:
            chars[ch] = chars.get(ch, 0.0) + value
    total = sum(chars.values()) or 1.0
    return {ch: value / total for ch, value in chars.items()}


class Rarity:
    """Bits of surprise per match key, for one language."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._freq = frequencies(language)

    def bits_of(self, keys: Sequence[str]) -> np.ndarray:
        """Bits of surprise of each key: numbers and words missing from the list get fixed
        figures; no list at all (an unknown language) makes every word alike."""
        freq = self._freq
        values = np.fromiter(map(freq.get, keys, repeat(0.0)), dtype=np.float64,
                             count=len(keys))
        with np.errstate(divide="ignore"):
            out = np.minimum(UNLISTED_BITS, -np.log2(values))
        if not freq:
            out[:] = 12.0
        out[is_number(keys)] = NUMBER_BITS
        return out


def is_number(keys: Sequence[str]) -> np.ndarray:
    """Which keys are numbers (all digits)."""
    return np.fromiter(map(str.isdigit, keys), dtype=bool, count=len(keys))


#: Longest dictionary word tried when segmenting Chinese for word-level surprise.
_LONGEST_WORD = 4


def cjk_token_bits(keys: Sequence[str], char_bits: Sequence[float]) -> list[float]:
    """Per-character bits for CJK tokens, from words rather than lone characters.

    Characters inside a word are far from independent (社会主义 is one word, not four
    surprises), so runs of characters are segmented greedily into the longest known words
    and each word's bits are shared among its characters; a character in no known word
    keeps its own bits, `char_bits[t]`.
    """
    words = word_frequencies("zh")
    out = [0.0] * len(keys)
    t = 0
    while t < len(keys):
        for length in range(min(_LONGEST_WORD, len(keys) - t), 0, -1):
            word = "".join(keys[t:t + length])
            value = words.get(word) if length > 1 else None
            if value is not None or length == 1:
                total = -math.log2(value) if value is not None else char_bits[t]
                for k in range(t, t + length):
                    out[k] = total / length
                t += length
                break
    return out
