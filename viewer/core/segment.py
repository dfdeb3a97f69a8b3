"""Chinese word boundaries, from jieba and the dictionary its package ships.

Tandem matches Chinese per character (offsets stay in characters), but what it shows a
reader — slogans, theme terms — must begin and end on whole words: 实事求是, not 实事求.
`words` gives the spans of the words of a stretch of text, as character offsets into that
text. jieba is loaded once, on first use, under a lock; its dictionary comes with the
package and nothing is fetched.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jieba

Span = tuple[int, int]

_segmenter: jieba.Tokenizer | None = None
_lock = threading.Lock()


def segmenter() -> jieba.Tokenizer:
    """The loaded jieba tokenizer, loading its dictionary on first call (thread-safe)."""
    global _segmenter
    if _segmenter is None:
        with _lock:
            if _segmenter is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict..." on stderr
                loaded = jieba.Tokenizer()
                loaded.initialize()
                _segmenter = loaded
    return _segmenter


def words(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """The (start, end) offsets into `text` of the words of `text[start:end]`, in order.

    A word is a dictionary word or one that jieba's HMM finds (names), a run of Latin
    letters, or a number; spaces and punctuation are not words. Segmenting a slice that
    begins or ends inside a word may split that word differently: pass whole sentences or
    paragraphs."""
    stop = len(text) if end is None else end
    if start >= stop:
        return []
    piece = text[start:stop]
    return [(start + s, start + e) for word, s, e in segmenter().tokenize(piece)
            if any(c.isalnum() for c in word)]
