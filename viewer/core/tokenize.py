"""Split text into word tokens that remember their character offsets.

Words are runs of letters and digits (apostrophes inside a word kept: "nation's"); hyphens
and punctuation separate words. Han and kana characters are one token each, so Chinese and
Japanese text, which has no spaces, goes through the same matcher with the same offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from viewer.core.normalize import Normalizer

_CJK_RANGES = ("\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
               "\U00020000-\U0003134f")
_WORD_RUN = re.compile(r"[^\W_]+(?:['\u2019\u02bc\uff07][^\W_]+)*")
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


def word_spans(text: str) -> list[tuple[int, int]]:
    """Half-open spans of every word token of `text`, in order."""
    spans: list[tuple[int, int]] = []
    has_cjk = _HAS_CJK.search(text) is not None
    for m in _WORD_RUN.finditer(text):
        if has_cjk and _HAS_CJK.search(m.group()):
            base = m.start()
            spans.extend((base + p.start(), base + p.end())
                         for p in _CJK_OR_OTHER.finditer(m.group()))
        else:
            spans.append(m.span())
    return spans


def tokenize(text: str, normalizer: Normalizer, vocabulary: Vocabulary) -> TokenStream:
    """Tokenize `text` into ids of `vocabulary` (keys made by `normalizer`) with offsets."""
    spans = word_spans(text)
    surface_ids: dict[str, int] = {}
    ids: list[int] = []
    append = ids.append
    for start, end in spans:
        surface = text[start:end]
        token_id = surface_ids.get(surface)
        if token_id is None:
            token_id = surface_ids[surface] = vocabulary.id_of(normalizer.key(surface))
        append(token_id)
    return TokenStream(ids=ids, starts=[s for s, _ in spans], ends=[e for _, e in spans])


def tokens(text: str, normalizer: Normalizer | None = None) -> list[Token]:
    """Readable tokens of `text`, for tests and tools; the matcher uses `tokenize`."""
    normalizer = normalizer or Normalizer()
    return [Token(text[s:e], normalizer.key(text[s:e]), s, e) for s, e in word_spans(text)]
