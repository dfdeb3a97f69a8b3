"""`Document`: one loaded article, its text exactly as shown, and where its paragraphs lie."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

# Code point ranges rather than regular expressions: compiling a class of the 21,000 unified
# ideographs costs 16 ms at every start, since Python's regex compiler visits each of them.
_KANA = (0x3040, 0x30FF)
_CJK = (_KANA, (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
_LETTER = re.compile(r"[^\W\d_]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*|\r\n[ \t\f\v]*\r\n\s*")


def detect_language(text: str, sample: int = 20000) -> str:
    """Return "zh", "ja" or "en": which tokenizer and word statistics suit the text."""
    head = text[:sample]
    codes = np.frombuffer(head.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    cjk = sum(_count_between(codes, low, high) for low, high in _CJK)
    if cjk < 20:  # most texts: no need to count every letter
        return "en"
    letters = len(_LETTER.findall(head))
    if cjk / letters < 0.3:
        return "en"
    return "ja" if _count_between(codes, *_KANA) > cjk * 0.1 else "zh"


def _count_between(codes: np.ndarray, low: int, high: int) -> int:
    return int(np.count_nonzero((codes >= low) & (codes <= high)))


@dataclass(frozen=True)
class Document:
    """An article as loaded: `text` is the single reference for every character offset."""

    text: str
    name: str
    path: str = ""
    #: What the loader removed or changed (e.g. "trimmed 3 repeated lines"), for the reader.
    notes: tuple[str, ...] = field(default=())

    @cached_property
    def language(self) -> str:
        return detect_language(self.text)

    @cached_property
    def paragraphs(self) -> tuple[tuple[int, int], ...]:
        """Half-open spans of the paragraphs: blocks separated by blank lines, or single
        lines when the text has no blank lines (one paragraph per line)."""
        text = self.text
        separators = _PARAGRAPH_BREAK if _PARAGRAPH_BREAK.search(text) else re.compile(r"\r?\n")
        spans: list[tuple[int, int]] = []
        start = 0
        for m in separators.finditer(text):
            _append_trimmed(text, start, m.start(), spans)
            start = m.end()
        _append_trimmed(text, start, len(text), spans)
        return tuple(spans)


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
