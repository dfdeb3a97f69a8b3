"""`Document`: one loaded article, its text exactly as shown, and where its paragraphs lie."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_LETTER = re.compile(r"[^\W\d_]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*|\r\n[ \t\f\v]*\r\n\s*")


def detect_language(text: str, sample: int = 20000) -> str:
    """Return "zh", "ja" or "en": which tokenizer and word statistics suit the text."""
    head = text[:sample]
    cjk = len(_CJK_CHAR.findall(head))
    if cjk < 20:  # most texts: no need to count every letter
        return "en"
    letters = len(_LETTER.findall(head))
    if cjk / letters < 0.3:
        return "en"
    return "ja" if len(_KANA.findall(head)) > cjk * 0.1 else "zh"


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
