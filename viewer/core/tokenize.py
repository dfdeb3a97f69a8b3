"""Split text into word tokens that remember their character offsets.

Words are runs of letters and digits (apostrophes inside a word kept: "nation's"); hyphens
and punctuation separate words. Han and kana characters are one token each, so Chinese and
Japanese text, which has no spaces, goes through the same matcher with the same offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate

from viewer.core.normalize import Normalizer

_CJK_RANGES = ("\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
               "\U00020000-\U0003134f")
_SPLITTER = re.compile(r"([^\W_]+(?:['\u2019\u02bc\uff07][^\W_]+)*)")
_HAS_CJK = re.compile(f"[{_CJK_RANGES}]")
_CJK_OR_OTHER = re.compile(f"[{_CJK_RANGES}]|[^{_CJK_RANGES}]+")


@dataclass(frozen=True)
class Token:
    """One word: its text as written, its match key, and its half-open span."""

    text: str
    key: str
    start: int
    end: int


class Vocabulary:
    """Gives every distinct match key a small integer, shared by both documents."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.keys: list[str] = []

    def id_of(self, key: str) -> int:
        found = self.ids.get(key)
        if found is None:
            found = self.ids[key] = len(self.keys)
            self.keys.append(key)
        return found


@dataclass(frozen=True)
class TokenStream:
    """A document's tokens as parallel lists (compact for megabyte texts)."""

    ids: list[int]
    starts: list[int]
    ends: list[int]

    def __len__(self) -> int:
        return len(self.ids)


def _words_and_offsets(text: str) -> tuple[list[str], list[int], list[int]]:
    """Every word of `text` with its start and end, computed at C speed.

    Splitting on a capturing pattern yields separator, word, separator, ...; the running
    sum of the pieces' lengths gives every offset without a Python-level loop.
    """
    pieces = _SPLITTER.split(text)
    offsets = list(accumulate(map(len, pieces), initial=0))
    words = pieces[1::2]
    starts = offsets[1:-1:2]
    ends = offsets[2::2]
    if not _HAS_CJK.search(text):
        return words, starts, ends
    out_words: list[str] = []
    out_starts: list[int] = []
    out_ends: list[int] = []
    for word, start, end in zip(words, starts, ends, strict=True):
        if _HAS_CJK.search(word) is None:
            out_words.append(word)
            out_starts.append(start)
            out_ends.append(end)
            continue
        for part in _CJK_OR_OTHER.finditer(word):
            out_words.append(part.group())
            out_starts.append(start + part.start())
            out_ends.append(start + part.end())
    return out_words, out_starts, out_ends


def word_spans(text: str) -> list[tuple[int, int]]:
    """Half-open spans of every word token of `text`, in order."""
    _, starts, ends = _words_and_offsets(text)
    return list(zip(starts, ends, strict=True))


def tokenize(text: str, normalizer: Normalizer, vocabulary: Vocabulary) -> TokenStream:
    """Tokenize `text` into ids of `vocabulary` (keys made by `normalizer`) with offsets."""
    words, starts, ends = _words_and_offsets(text)
    # In order of first appearance, so ids never depend on hash seeds.
    surface_ids = {w: vocabulary.id_of(normalizer.key(w)) for w in dict.fromkeys(words)}
    return TokenStream(ids=list(map(surface_ids.__getitem__, words)), starts=starts, ends=ends)


def tokens(text: str, normalizer: Normalizer | None = None) -> list[Token]:
    """Readable tokens of `text`, for tests and tools; the matcher uses `tokenize`."""
    normalizer = normalizer or Normalizer()
    return [Token(text[s:e], normalizer.key(text[s:e]), s, e) for s, e in word_spans(text)]
