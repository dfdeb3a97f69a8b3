"""Which East Asian encoding a short legacy text is in, where the detector cannot tell.

GBK, Big5, Shift-JIS and the Korean code page all write a character as two bytes in the
same range, so a few characters decode in each of them. `charset_normalizer` then guesses
from too little: a GBK title of six characters, or a metadata.csv whose only Chinese is a
few series names (新华社), reads as Korean or as Big5 one time in two (陔貌扦). Read
rightly, a text is made of the characters its language uses most; read in another
encoding, of rare ones. So each encoding the bytes decode in is weighed by how common
its characters are in its language (wordfreq's lists, `viewer.core.rarity`; traditional
characters looked up as their simplified forms), and the likeliest reading wins.
"""

from __future__ import annotations

import math
import unicodedata
from functools import lru_cache
from itertools import islice

from viewer.core.han_script import to_simplified
from viewer.core.rarity import per_character, word_frequencies

#: The encodings weighed, as Windows writes them, with the language read in each.
#: Where two read a text alike, the first is kept.
ENCODINGS = (("gb18030", "zh"), ("cp950", "zh"), ("big5hkscs", "zh"), ("cp932", "ja"),
             ("shift_jis_2004", "ja"), ("euc_jp", "ja"), ("cp949", "ko"))
#: The detector's names of the encodings weighed, of those they include, and of the
#: Korean one (johab) it takes them for.
_FAMILY = ("gb", "big5", "cp950", "cp932", "shift_jis", "euc_j", "cp949", "euc_kr", "johab")
#: log10 of the frequency given to a character its language's list lacks.
_UNLISTED = -8.0
#: log10 of the frequency given to a punctuation mark: every language uses them.
_PUNCTUATION = -3.0
#: Characters weighed at most: enough to tell, however long the text.
_SAMPLE = 2000


def is_east_asian(encoding: str, data: bytes) -> bool:
    """Whether the detector's `encoding` for `data` is one of the double-byte East Asian
    ones, or UTF-16 where the bytes cannot be: UTF-16 writes a NUL byte for every ASCII
    character, line breaks included, and a few Chinese characters without one are
    often taken for it."""
    return encoding.startswith(_FAMILY) or (encoding.startswith("utf_16")
                                            and b"\x00" not in data)


def likeliest(data: bytes) -> str | None:
    """The text `data` decodes to in the encoding (of `ENCODINGS`) whose reading is made
    of the most common characters of its language; None when it decodes in none."""
    best, best_score = None, -math.inf
    for encoding, language in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _commonness(text, language)
        if score > best_score:
            best, best_score = text, score
    return best


def _commonness(text: str, language: str) -> float:
    """Mean log10 frequency of the text's non-ASCII characters in `language`."""
    chars = "".join(islice((ch for ch in text if ord(ch) > 127), _SAMPLE))
    if not chars:
        return 0.0
    frequencies = _characters(language)
    total = 0.0
    for ch in to_simplified(chars) if language == "zh" else chars:
        value = frequencies.get(ch)
        if value is not None:
            total += math.log10(value)
        elif unicodedata.category(ch).startswith("P"):
            total += _PUNCTUATION
        else:
            total += _UNLISTED
    return total / len(chars)


@lru_cache(maxsize=4)
def _characters(language: str) -> dict[str, float]:
    return per_character(word_frequencies(language))
