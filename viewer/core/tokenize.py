"""Split text into word tokens that remember their character offsets.

Words are runs of letters and digits (an apostrophe between two letters is kept inside a word:
"nation's", and so is a zero-width character, which the word's key leaves out); underscores
and punctuation separate words. A hyphen between two letters, also with a line break or a
space after it, makes one word of the two halves when together they are a known word or
either half is not a word: "data-base", "mea-\nsured", "mea- sured" (a word broken at a
line end, or re-wrapped after). The token's span covers the whole as written and its key is
the closed word (see `viewer.core.normalize`), so it matches the unbroken or closed form.
Otherwise the halves stay words ("good-natured", "Jews-which"), and match them written
apart. Han and kana characters are one token each, so Chinese and
Japanese text, which has no spaces, goes through the same matcher with the same offsets.

The text is classified character by character in numpy arrays (code points looked up in
tables built once), so finding a megabyte's word boundaries costs milliseconds; only the
distinct spellings go through Python-level normalization.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from viewer.core.grouping import group
from viewer.core.normalize import (
    APOSTROPHES,
    HYPHENS,
    ZERO_WIDTH,
    Normalizer,
    containing,
    unbroken,
)
from viewer.core.rarity import word_frequencies

#: Han, kana, CJK compatibility and supplementary ideographs.
CJK_RANGES = ((0x3040, 0x30FF), (0x31F0, 0x31FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
               (0xF900, 0xFAFF), (0x20000, 0x3134F))
_APOSTROPHES = np.array([ord(c) for c in APOSTROPHES], dtype=np.uint32)
_ZERO_WIDTH_CODES = np.array([ord(c) for c in ZERO_WIDTH], dtype=np.uint32)
_HYPHEN_CODES = np.array([ord(c) for c in HYPHENS], dtype=np.uint32)
#: Spaces, tabs and carriage returns a line-end hyphen may have after it, around one newline.
_BREAK_SPACES = 4


#: Chinese punctuation, full width (，。：（）《》): a line ends before or after it as
#: inside a phrase, and no writer spaces it from the characters beside it.
_WIDE_PUNCTUATION = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
_CJK_CLASS = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in CJK_RANGES) + _WIDE_PUNCTUATION
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{_CJK_CLASS}]) (?=[{_CJK_CLASS}])")


#: What a cut line does not end on before its ellipsis: a comma reads as if a list went
#: on, a separator as if a title did ("Cyber Power |…"), a paragraph mark as if a paragraph
#: began (`report_model.excerpt`).
_DANGLING = " |»>›·•,;:-–—，、；：¶"


def cut_at_word(piece: str, limit: int) -> str:
    """`piece` (one line) cut to at most `limit` characters with "…" for the rest: between
    two words (in CJK text, between any two characters), unless a single word would take
    more than half of what is kept, and not on a dangling comma or separator."""
    if len(piece) <= limit:
        return piece
    cut = limit - 1
    end = cut
    while end > cut // 2 and not _breaks_between(piece[end - 1], piece[end]):
        end -= 1
    return piece[: end if end > cut // 2 else cut].rstrip(_DANGLING) + "…"


def _breaks_between(left: str, right: str) -> bool:
    """Whether a line may be cut between these two characters without splitting a word."""
    return left.isspace() or right.isspace() or is_cjk(left) or is_cjk(right)


def is_cjk(char: str) -> bool:
    """Whether `char` is a Han or kana character (`CJK_RANGES`)."""
    return any(lo <= ord(char) <= hi for lo, hi in CJK_RANGES)


def as_written(piece: str) -> str:
    """A stretch of a text shown on one line: its runs of white space made one space, and
    none left between two CJK characters or full-width punctuation marks, which a line ends
    inside a Chinese phrase (江泽民⏎同志, 使用⏎，市政府) or a scraper spaces out (定 居 点)
    but no writer puts there."""
    return _SPACE_BETWEEN_CJK.sub("", " ".join(piece.split()))


def char_class(codes: np.ndarray, test: Callable[[str], bool]) -> np.ndarray:
    """Whether each character passes `test` (such as str.isspace). Only the distinct code
    points of the text are asked (a few hundred in most texts), then looked up."""
    present = np.flatnonzero(np.bincount(codes))
    table = np.zeros(int(present[-1]) + 1 if len(present) else 1, dtype=bool)
    table[present] = [test(chr(c)) for c in present.tolist()]
    return table[codes]


def _classify(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Whether each character is a word character (str.isalnum) and whether it is CJK."""
    cjk = np.zeros(int(codes.max()) + 1, dtype=bool)
    for lo, hi in CJK_RANGES:
        cjk[lo:hi + 1] = True
    return char_class(codes, str.isalnum), cjk[codes]


#: Where pictographs lie: arrows to miscellaneous symbols, and the emoji planes. Symbols
#: below them (©, °, ™, ℃) are no pictographs: they sit inside names and measures.
PICTOGRAPH_BLOCKS = ((0x2190, 0x2C00), (0x1F000, 0x1FC00))


def is_pictograph(ch: str) -> bool:
    """Whether `ch` is an emoji, a dingbat or another pictograph: a symbol in
    `PICTOGRAPH_BLOCKS`, or a code point there this Python's Unicode does not know yet
    (an emoji newer than it)."""
    code = ord(ch)
    return (any(low <= code < high for low, high in PICTOGRAPH_BLOCKS)
            and unicodedata.category(ch) in ("So", "Cn"))


@functools.cache
def _pictograph_tables() -> list[np.ndarray]:
    """Per block of `PICTOGRAPH_BLOCKS`, whether each of its code points is a pictograph
    (built once)."""
    return [np.fromiter((is_pictograph(chr(c)) for c in range(low, high)), dtype=bool,
                        count=high - low) for low, high in PICTOGRAPH_BLOCKS]


def pictographs(codes: np.ndarray) -> np.ndarray:
    """Whether each character is a pictograph (`is_pictograph`), by table."""
    marks = np.zeros(len(codes), dtype=bool)
    for (low, high), table in zip(PICTOGRAPH_BLOCKS, _pictograph_tables(), strict=True):
        inside = (codes >= low) & (codes < high)
        marks[inside] = table[codes[inside] - low]
    return marks


def char_codes(text: str) -> np.ndarray:
    """The code point of every character of `text` (index i is text[i])."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def char_mask(codes: np.ndarray, chars: np.ndarray) -> np.ndarray:
    """Whether each character is one of `chars` (one table lookup per character)."""
    table = np.zeros(max(int(codes.max(initial=0)), int(chars.max())) + 1, dtype=bool)
    table[chars] = True
    return table[codes]


def starts_within(starts: np.ndarray, spans: Sequence[tuple[int, int]]) -> np.ndarray:
    """Whether each offset of `starts` lies inside one of `spans` (half-open, in any
    order, overlapping or not)."""
    if not len(spans):
        return np.zeros(len(starts), dtype=bool)
    cover = np.array(sorted(spans), dtype=np.int64).reshape(-1, 2)
    reach = np.maximum.accumulate(cover[:, 1])
    run = np.searchsorted(cover[:, 0], starts, side="right") - 1
    return (run >= 0) & (starts < reach[np.maximum(run, 0)])


_LINE_SPACES = np.array([ord(c) for c in " \t\r\f\v"], dtype=np.uint32)


def blank_line_starts(codes: np.ndarray) -> np.ndarray:
    """The newlines that begin a blank line: another newline follows with nothing but
    spaces, tabs or carriage returns between them (a paragraph break)."""
    newlines = np.flatnonzero(codes == 10)
    if len(newlines) < 2:
        return newlines[:0]
    solid = np.concatenate(([0], np.cumsum(~char_mask(codes, _LINE_SPACES))))
    return newlines[:-1][solid[newlines[1:]] == solid[newlines[:-1] + 1]]


def _hyphen_joins(codes: np.ndarray, cjk: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The hyphens that may join two halves of a word, and where the second half starts: a
    letter (not CJK) on each side, at most a few spaces and one line break between (no
    paragraph break). Hyphens are few, so only they and their neighbours are looked at."""
    hyphens = np.flatnonzero(char_mask(codes, _HYPHEN_CODES)[1:-1]) + 1
    if not len(hyphens):
        return hyphens, hyphens

    def letters(at: np.ndarray) -> np.ndarray:
        return char_class(codes[at], str.isalpha) & ~cjk[at]

    hyphens = hyphens[letters(hyphens - 1)]
    nexts = np.full(len(hyphens), -1)
    open_ = np.ones(len(hyphens), dtype=bool)  # still inside the break's whitespace
    newlines = np.zeros(len(hyphens), dtype=np.int64)
    last = len(codes) - 1
    for step in range(1, _BREAK_SPACES + 3):
        at = np.minimum(hyphens + step, last)
        inside = open_ & (hyphens + step <= last)
        found = inside & letters(at)
        nexts[found] = at[found]
        newlines += codes[at] == 10
        open_ = inside & ~found & char_mask(codes[at], _BREAK_CODES) & (newlines <= 1)
    joined = nexts >= 0
    return hyphens[joined], nexts[joined]


def _one_word(left: str, right: str, known: dict[str, float]) -> bool:
    """Whether the halves on either side of a hyphen are one word. They are when together
    they make a known word ("fight-ing", "data-base"), or when either half is not a word
    (a word broken at a line end: "mea-sured"); two words that make none together stay two
    ("Jews-which", "good-natured"), so they still match the same words written apart. A
    capitalised second half begins a word of its own, known or not ("and-Dishon")."""
    capitalised = right[:1].isupper() and not right.isupper()
    left, right = left.casefold(), right.casefold()
    if left + right in known:
        return True
    return not capitalised and (left not in known or right not in known)


def _join_hyphenated(text: str, codes: np.ndarray, cjk: np.ndarray, starts: np.ndarray,
                     ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The words with each pair of halves that `_one_word` accepts made one word, its span
    from the first half's start to the second half's end."""
    hyphens, nexts = _hyphen_joins(codes, cjk)
    if not len(hyphens):
        return starts, ends
    # The half before ends at the hyphen; the half after starts at the letter found.
    before = np.searchsorted(ends, hyphens)
    after = np.searchsorted(starts, nexts)
    known = word_frequencies("en")

    decided: dict[tuple[str, str], bool] = {}
    joins = np.zeros(len(starts), dtype=bool)  # word k is joined to word k + 1
    for i, j in zip(before.tolist(), after.tolist(), strict=True):
        halves = (text[starts[i]:ends[i]], text[starts[j]:ends[j]])
        if halves not in decided:
            decided[halves] = _one_word(*halves, known)
        joins[i] = decided[halves] and j == i + 1
    if not joins.any():
        return starts, ends
    continued = np.concatenate(([False], joins[:-1]))
    return starts[~continued], ends[~joins]


_BREAK_CODES = np.array([ord(c) for c in " \t\r\n"], dtype=np.uint32)
#: What only a word broken at a line end has inside it: whitespace, or a soft hyphen.
_BREAK_MARKS = " \n\t\r\u00ad"


def _boundaries(text: str, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and end offsets of every word of `text`, whose code points are `codes`."""
    if not len(codes):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    alnum, cjk = _classify(codes)
    inner = np.zeros(len(codes), dtype=bool)
    if len(codes) > 2:
        latin = alnum & ~cjk
        # An apostrophe between letters is inside a word ("nation's"); so is a zero-width
        # character (pasted from the web, or planted to dodge matching: "net\u200bwork").
        inner[1:-1] = (char_mask(codes[1:-1], _APOSTROPHES)
                       | char_mask(codes[1:-1], _ZERO_WIDTH_CODES)) & latin[:-2] & latin[2:]
    word = np.concatenate(([False], alnum | inner, [False]))
    han = np.concatenate(([False], cjk, [False]))
    # Boundary k lies between characters k-1 and k; a CJK character is a word of its own.
    left, right = word[:-1], word[1:]
    cut = left & right & (han[:-1] | han[1:])
    starts = np.flatnonzero((right & ~left) | cut)
    ends = np.flatnonzero((left & ~right) | cut)
    return _join_hyphenated(text, codes, cjk, starts, ends)


_HASH_BASE = np.uint64(0x9E3779B97F4A7C15)


def _spelling_hashes(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """A 64-bit hash of each token's spelling, for all tokens at once.

    Horner's rule over the characters, all tokens in step: with the tokens sorted longest
    first, the k-th step touches only the prefix of those longer than k, so the work is one
    multiply-add per character, in short array operations."""
    lengths = ends - starts
    order = np.argsort(-lengths, kind="stable")
    first, longest_first = starts[order], lengths[order]
    # How many tokens are longer than k, for k = 0, 1, ...: a prefix of the sorted tokens.
    longer = np.searchsorted(-longest_first, -np.arange(int(longest_first.max(initial=0))),
                             side="left")
    hashes = longest_first.astype(np.uint64)  # the length first: prefixes stand apart
    for k, count in enumerate(longer.tolist()):
        hashes[:count] = hashes[:count] * _HASH_BASE + codes[first[:count] + k]
    out = np.empty_like(hashes)
    out[order] = hashes
    return out


class Vocabulary:
    """Gives every distinct match key a small integer, shared by both documents."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.keys: list[str] = []
        #: How each key is written in the texts, for showing it: the first spelling met,
        #: or better, the first without an apostrophe ("Jinping’s" gives way to "Jinping"),
        #: best of all in lower case ("Accelerate" opening a sentence, to "accelerate").
        self.spellings: list[str] = []

    def ids_of(self, keys: list[str]) -> list[int]:
        ids = self.ids
        for key in keys:
            if key not in ids:
                ids[key] = len(self.keys)
                self.keys.append(key)
        return [ids[key] for key in keys]

    def note_spellings(self, words: list[str], ids: list[int]) -> None:
        """Record how the words with these ids are written (`words` are distinct)."""
        spellings, keys = self.spellings, self.keys
        spellings.extend([""] * (len(keys) - len(spellings)))
        for word, k in zip(words, ids, strict=True):
            known = spellings[k]
            if known == keys[k]:
                continue  # written as its key: lower case, no possessive; nothing better
            if not known or _spelling_rank(word, keys[k]) < _spelling_rank(known, keys[k]):
                spellings[k] = word


def _spelling_rank(word: str, key: str) -> tuple[bool, bool, bool]:
    """How well `word` shows its key, best lowest: written as the key itself, then without
    an apostrophe ("Jinping", not "Jinping’s"), then in lower case."""
    return (word != key, not word.isalnum(), not word.islower())


@dataclass(frozen=True)
class TokenStream:
    """A document's tokens as parallel int64 arrays (int32 where a whole collection's are
    held at once: see `viewer.collection.results.derive`): vocabulary id, start and end
    offset; and the text's code points, which the stages that look at punctuation scan."""

    ids: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    codes: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)


def token_offsets(streams: Sequence[TokenStream]) -> tuple[np.ndarray, np.ndarray]:
    """The start and end offsets of the tokens of `streams` laid end to end, each into its
    own document's text: int32, as an article's offsets stay under 2**31 and a
    collection's worth of int64 would take hundreds of MB."""
    if not streams:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32)
    return (np.concatenate([s.starts for s in streams], dtype=np.int32, casting="same_kind"),
            np.concatenate([s.ends for s in streams], dtype=np.int32, casting="same_kind"))


@dataclass(frozen=True)
class Token:
    """One word: its text as written, its match key, and its half-open span."""

    text: str
    key: str
    start: int
    end: int


def word_spans(text: str) -> list[tuple[int, int]]:
    """Half-open spans of every word token of `text`, in order."""
    starts, ends = _boundaries(text, char_codes(text))
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


def tokenize(text: str, normalizer: Normalizer, vocabulary: Vocabulary) -> TokenStream:
    """Tokenize `text` into ids of `vocabulary` (keys made by `normalizer`) with offsets.

    Words are found and grouped by spelling in arrays: only one word of each distinct
    spelling is ever sliced out and normalized, through the spelling hash."""
    codes = char_codes(text)
    starts, ends = _boundaries(text, codes)
    spellings = group(_spelling_hashes(codes, starts, ends))
    # In order of first appearance, so ids never depend on how the hashes sort.
    order = np.argsort(spellings.first)
    firsts = spellings.first[order]
    words = [text[s:e] for s, e in zip(starts[firsts].tolist(), ends[firsts].tolist(),
                                       strict=True)]
    for k in containing(words, "\0".join(words), _BREAK_MARKS):  # broken at a line end
        words[k] = unbroken(words[k])
    ids = np.empty(len(order), dtype=np.int64)
    distinct_ids = vocabulary.ids_of(normalizer.keys(words))
    vocabulary.note_spellings(words, distinct_ids)
    ids[order] = distinct_ids
    return TokenStream(ids=spellings.spread(ids), starts=starts, ends=ends, codes=codes)


def tokenize_pair(text_a: str, text_b: str, normalizer: Normalizer,
                  vocabulary: Vocabulary) -> tuple[TokenStream, TokenStream]:
    """Tokenize two texts in one pass over them joined by a blank line, which no word
    crosses: the spellings the two share are sliced and normalized once, and the array
    work is done once. Ids and spellings come out as tokenizing A, then B, would give."""
    a, b = tokenize_many([text_a, text_b], normalizer, vocabulary)
    return a, b


_TEXT_SEPARATOR = "\n\n"


def tokenize_many(texts: list[str], normalizer: Normalizer,
                  vocabulary: Vocabulary) -> list[TokenStream]:
    """Tokenize several texts in one pass, as `tokenize_pair` does for two (a collection
    tokenizes its articles in batches this way)."""
    if not texts:
        return []
    # A blank line between texts: no word crosses it (a hyphen joins across one newline).
    both = tokenize(_TEXT_SEPARATOR.join(texts), normalizer, vocabulary)
    out = []
    begin, first = 0, 0
    for text in texts:
        end = begin + len(text)
        last = int(np.searchsorted(both.starts, end + 1))
        out.append(TokenStream(ids=both.ids[first:last], starts=both.starts[first:last] - begin,
                               ends=both.ends[first:last] - begin, codes=both.codes[begin:end]))
        begin, first = end + len(_TEXT_SEPARATOR), last
    return out


def tokens(text: str, normalizer: Normalizer | None = None) -> list[Token]:
    """Readable tokens of `text`, for tests and tools; the matcher uses `tokenize`."""
    normalizer = normalizer or Normalizer()
    return [Token(text[s:e], normalizer.key(text[s:e]), s, e) for s, e in word_spans(text)]
