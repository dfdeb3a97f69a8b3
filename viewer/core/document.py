"""`Document`: one loaded article, its text exactly as shown, and where its paragraphs lie."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from viewer.core.tokenize import blank_line_starts, char_class, char_codes

# Code point ranges rather than regular expressions: compiling a class of the 21,000 unified
# ideographs costs 16 ms at every start, since Python's regex compiler visits each of them.
_KANA = (0x3040, 0x30FF)
_CJK = (_KANA, (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
#: Marks in the kana blocks that are no kana letters: the voicing marks (゛ ゜) and the
#: double hyphen, and the middle dot ・, which Chinese text writes between the parts of a
#: foreign name (唐纳德・特朗普) as often as its own ·.
_KANA_MARKS = (0x3099, 0x309A, 0x309B, 0x309C, 0x30A0, 0x30FB)
#: Letters of the alphabets and syllabaries after Latin's blocks and before the symbols:
#: Greek, Cyrillic, Armenian, Hebrew, Arabic, the Indic scripts, Thai, Georgian, Ethiopic
#: and more; then Hangul and the Hebrew and Arabic presentation forms.
_OTHER_SCRIPTS = ((0x0370, 0x1CFF), (0xAC00, 0xD7AF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))
#: The language of a text in a script Tandem has no language data for (ISO 639's code for
#: "undetermined"): read with no language's stemming, stop words or word frequencies.
UNDETERMINED = "und"
#: Runs of anything but letters: counted by their length, as Chinese text has a letter per
#: character and a list of them all costs more than the runs between them.
_NOT_LETTERS = re.compile(r"[\W\d_]+")


def detect_language(text: str, sample: int = 20000) -> str:
    """Return "zh", "ja", "en" or `UNDETERMINED`: which tokenizer and word statistics suit
    the text.

    A text is Chinese or Japanese when 30% of its letters are CJK characters (an English
    word has five letters, a Chinese one under two), however short: a one-line headline
    of a dozen characters is as Chinese as an article. A text most of whose letters are of
    another script than Latin (Hebrew, Arabic, Cyrillic, ...) is `UNDETERMINED`: English
    stemming, stop words and word frequencies would be wrong for it."""
    head = text[:sample]
    codes = char_codes(head)
    cjk = sum(_count_between(codes, low, high) for low, high in _CJK)
    other = sum(_count_between(codes, low, high) for low, high in _OTHER_SCRIPTS)
    if not cjk and not other:  # most texts: no need to count every letter
        return "en"
    letters = len(head) - sum(map(len, _NOT_LETTERS.findall(head)))
    # Kana-range marks that are no letters (・, ゛) count as CJK but not as letters, nor
    # as kana: they make no text Japanese.
    if cjk >= 0.3 * letters and letters:
        kana = _count_between(codes, *_KANA) - int(np.isin(codes, _KANA_MARKS).sum())
        return "ja" if kana > cjk * 0.1 else "zh"
    if other > 0.5 * letters:
        return UNDETERMINED
    return "en"


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
        lines when the text has no blank lines (one paragraph per line), without the
        white space around them."""
        return paragraph_spans(self.text)


def paragraph_spans(text: str) -> tuple[tuple[int, int], ...]:
    """See `Document.paragraphs`. Found in arrays: a megabyte has thousands of lines, and a
    Python step per line took a tenth of a second."""
    codes = _lone_returns_as_line_feeds(char_codes(text))
    solid = np.flatnonzero(~char_class(codes, str.isspace))  # where paragraphs begin and end
    if not len(solid):
        return ()
    cuts = blank_line_starts(codes)
    if not len(cuts):
        cuts = np.flatnonzero(codes == 10)
    # The piece after a cut runs from the first solid character after it to the last one
    # before the next cut; with none of those, it is empty.
    after = np.searchsorted(solid, cuts)
    starts = np.concatenate(([solid[0]], np.where(
        after < len(solid), solid[np.minimum(after, len(solid) - 1)], len(codes))))
    ends = np.concatenate((np.where(after > 0, solid[np.maximum(after - 1, 0)] + 1, 0),
                           [solid[-1] + 1]))
    keep = ends > starts
    return tuple(zip(starts[keep].tolist(), ends[keep].tolist(), strict=True))




def _lone_returns_as_line_feeds(codes: np.ndarray) -> np.ndarray:
    """`codes` with each carriage return that ends a line alone (the line break of classic
    Mac OS and of some exporters) as a line feed, so that such a text's lines and blank
    lines part its paragraphs as Windows' CR LF and Unix's LF do."""
    lone = codes == 13
    lone[:-1] &= codes[1:] != 10
    if not lone.any():
        return codes
    codes = codes.copy()
    codes[lone] = 10
    return codes
