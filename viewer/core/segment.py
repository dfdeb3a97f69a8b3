"""Chinese word boundaries, from jieba and the dictionary its package ships.

Tandem matches Chinese per character (offsets stay in characters), but what it shows a
reader — slogans, theme terms — must begin and end on whole words: 实事求是, not 实事求.
`words` gives the spans of the words of a stretch of text, as character offsets into that
text, traditional characters read as simplified (`viewer.core.han_script`). jieba is
loaded once, on first use, under a lock; its dictionary comes with the package and
nothing is fetched. jieba keeps the table it builds from that dictionary in a cache file
(built once, the first time, in the temporary folder); `segmenter` reads that file whole
before decoding it, which takes a quarter of the time jieba's own loading takes.
"""

from __future__ import annotations

import logging
import marshal
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from viewer.core.han_script import to_simplified

if TYPE_CHECKING:
    import jieba

Span = tuple[int, int]
#: Characters that go with the number before them to make one word (PKU's convention, which
#: People's Daily's own segmentation follows: ４００亿 | 美元, １２万 | 人次, １９９７年 |
#: 股市, ５０００多 | 元). jieba cuts full-width numbers digit by digit and reads the unit
#: into the next word (亿美元, 万人次, 多元).
NUMBER_UNITS = frozenset("十百千万亿多余年月日时点号")
_DECIMAL_POINTS = frozenset("．.·")
#: Full-width Latin letters and digits (ＢＰ机, ＧＤＰ, １９９７), as Chinese texts often write
#: them, read as their half-width forms, one letter for one: jieba's dictionary and its
#: rules for runs of letters are written in those (ＢＰ机 would read Ｂ | Ｐ | 机, ＶＣＤ机和
#: Ｖ | Ｃ | Ｄ | 机和).
_HALF_WIDTH = {wide: wide - 0xFEE0 for wide in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B),
                                               *range(0xFF41, 0xFF5B))}

_segmenter: jieba.Tokenizer | None = None
_lock = threading.Lock()


def segmenter() -> jieba.Tokenizer:
    """The loaded jieba tokenizer, loading its dictionary on first call (thread-safe)."""
    global _segmenter
    if _segmenter is None:
        with _lock:
            if _segmenter is None:
                _segmenter = _loaded()
    return _segmenter


def _loaded(cache_folder: str | None = None) -> jieba.Tokenizer:
    """A jieba tokenizer with its dictionary loaded, its cache in `cache_folder` (None:
    jieba's own place, the temporary folder)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict..." on stderr
    loaded = jieba.Tokenizer()
    loaded.tmp_dir = cache_folder
    # jieba's own loading decodes its cache straight from the file, which Python's marshal
    # reads a few bytes at a time: 2.5 s, against 0.6 s for the same bytes read at once.
    table = _cached_table(Path(loaded.tmp_dir or tempfile.gettempdir()) / "jieba.cache")
    if table is None:
        loaded.initialize()  # builds the table from the dictionary, and caches it
    else:
        loaded.FREQ, loaded.total = table
        loaded.initialized = True
    return loaded


def _cached_table(path: Path) -> tuple[dict[str, int], int] | None:
    """The prefix table and total jieba cached for its own dictionary at `path`, or None
    when there is none, or it is not one."""
    try:
        table = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if (isinstance(table, tuple) and len(table) == 2 and isinstance(table[0], dict)
            and table[0] and isinstance(table[1], int)):
        return table[0], table[1]
    return None


def words(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """The (start, end) offsets into `text` of the words of `text[start:end]`, in order.

    A word is a dictionary word or one that jieba's HMM finds (names), a run of Latin
    letters, or a number; spaces and punctuation are not words. Segmenting a slice that
    begins or ends inside a word may split that word differently: pass whole sentences or
    paragraphs."""
    stop = len(text) if end is None else end
    if start >= stop:
        return []
    # jieba's dictionary is of simplified words: 習近平 reads as one word only as 习近平.
    piece = as_in_dictionary(text[start:stop])
    spans = _numbers_joined(piece, [(s, e) for _, s, e in segmenter().tokenize(piece)])
    return [(start + s, start + e) for s, e in spans if any(c.isalnum() for c in piece[s:e])]


def as_in_dictionary(text: str) -> str:
    """`text` as jieba's dictionary writes words, letter for letter (so offsets hold):
    simplified characters, half-width Latin letters and digits."""
    return to_simplified(text).translate(_HALF_WIDTH)


def _numbers_joined(text: str, spans: list[Span]) -> list[Span]:
    """jieba's word spans with each number made one word: its digits, a decimal point
    between them, and the unit characters that follow it (`NUMBER_UNITS`), cut off the
    front of the next word where jieba put them."""
    out: list[Span] = []
    k = 0
    while k < len(spans):
        s, e = spans[k]
        k += 1
        if not text[s:e].isdigit():
            out.append((s, e))
            continue
        while k < len(spans) and spans[k][0] == e and (
                text[spans[k][0]:spans[k][1]].isdigit()
                or (text[spans[k][0]:spans[k][1]] in _DECIMAL_POINTS and k + 1 < len(spans)
                    and text[spans[k + 1][0]:spans[k + 1][1]].isdigit())):
            e = spans[k][1]
            k += 1
        if k < len(spans) and spans[k][0] == e:
            ws, we = spans[k]
            cut = ws
            while cut < we and text[cut] in NUMBER_UNITS:
                cut += 1
            if cut > ws:
                e = cut
                if cut < we:
                    spans[k] = (cut, we)
                else:
                    k += 1
        out.append((s, e))
    return out
