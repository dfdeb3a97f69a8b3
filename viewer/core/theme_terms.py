"""Theme terms: which words count as the same subject when passages are compared.

A term is coarser than a match key. English words are stemmed and then merged into
derivational families that a stemmer keeps apart but a reader takes for one subject: a
place and its people or adjective (Iraq, Iraqi; Russia, Russian) and a cause and its
followers (terror, terrorist). Chinese and Japanese terms are pairs of adjacent characters.
Each term is shown by its commonest word in the two texts, as they write it, so the reader
sees words ("environment", "Jinping"), not stems or keys ("environ", "jinping"). Chinese
pairs are scored by their character pairs but shown by the whole words the two passages
share (实事求是, not 实事求), from a word segmenter (see `segment`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from viewer.core import segment
from viewer.core.english_lexicon import readings
from viewer.core.han_script import key_characters, to_simplified
from viewer.core.model import Span
from viewer.core.normalize import shared_normalizer
from viewer.core.rarity import UNLISTED_BITS, word_frequencies
from viewer.core.tokenize import TokenStream, Vocabulary, starts_within
from viewer.core.word_bounds import names_no_subject

#: Suffixes that make a people, an adjective or a follower of an English stem:
#: -n, -an, -ian, -ean (Russia-n, Europe-an, Canad-ian), -ist, -ism (terror-ist).
_FAMILY_SUFFIXES = ("ian", "ean", "ist", "ism", "an", "n")
#: ... and -i, -ese on a whole word (Iraq-i, Japan-ese), since a stemmer spells -y as -i
#: (party, parti) and drops the -e of -ese (japanes).
_WORD_SUFFIXES = ("ese", "i")
#: Chinese words more common than one in 512 (我们 "we", 中国) name no subject of a passage.
_EVERYDAY_CHINESE_BITS = 9.0
#: Function words of Early Modern English: pronouns, auxiliary forms, conjunctions.
_EARLY_MODERN_FUNCTION_WORDS = frozenset({
    "thee", "thou", "thy", "thine", "ye", "hast", "hath", "doth", "dost", "art", "wast",
    "wert", "shalt", "wilt", "canst", "couldst", "wouldst", "shouldst", "didst", "hadst",
    "mayest", "mightest", "lest", "whence", "whither", "yea", "nay", "ere"})
#: Hyphens that join the pieces of a word (low-carbon, win-win).
_HYPHENS = np.array([ord(c) for c in "-\u2010\u2011"], dtype=np.uint32)
#: The shortest stem a family grows from; shorter ones are too ambiguous ("ma", "pa").
_MIN_FAMILY_STEM = 4


@dataclass(frozen=True)
class ThemeTerms:
    """Each token's term (-1 for none) in both texts, and each term's name and bits."""

    terms_a: np.ndarray
    terms_b: np.ndarray
    names: list[str]
    bits: np.ndarray
    #: How each token of A and of B is written: its vocabulary id, or for a hyphenated
    #: word's first token an id past the vocabulary's, into `more_spellings`.
    spelled: tuple[np.ndarray, np.ndarray] | None = None
    more_spellings: Sequence[str] = ()


def word_terms(tokens_a: TokenStream, tokens_b: TokenStream, vocabulary: Vocabulary,
               bits: np.ndarray, is_stop: np.ndarray, language: str) -> ThemeTerms:
    """Terms of alphabetic languages: stems of content words (not function words, numbers
    or single letters), merged into families in English. A term is as surprising as its
    commonest-in-language spelling."""
    keys = vocabulary.keys
    counts = (np.bincount(tokens_a.ids, minlength=len(keys))
              + np.bincount(tokens_b.ids, minlength=len(keys)))
    no_subject = _no_subject_words() if language == "en" else frozenset()
    content = [i for i, (key, stop, spelling) in enumerate(zip(
                   keys, is_stop.tolist(), vocabulary.spellings, strict=True))
               if not stop and len(key) > 1 and key.isalpha()
               and spelling.lower() not in no_subject]
    content_keys = [keys[i] for i in content]
    stems = shared_normalizer(stemming=True, language=language).keys(content_keys)
    term_of_content = stem_terms(content_keys, stems, families=language == "en")
    at = np.array(content, dtype=np.int64)
    term_bits = np.full(int(term_of_content.max(initial=-1)) + 1, np.inf)
    np.minimum.at(term_bits, term_of_content, bits[at])
    # Each term's name: its commonest word in the texts (then the shortest, then the first
    # met), as the texts write it.
    lengths = np.array([len(key) for key in content_keys], dtype=np.int64)
    order = np.lexsort((lengths, -counts[at], term_of_content))
    firsts = order[np.flatnonzero(np.diff(term_of_content[order], prepend=-1))]
    names = [vocabulary.spellings[content[k]] for k in firsts.tolist()]
    term_of = np.full(len(keys), -1, dtype=np.int64)
    term_of[at] = term_of_content
    compounds = _Compounds(len(names), len(vocabulary.spellings))
    terms_a = compounds.joined(tokens_a, term_of[tokens_a.ids], keys, bits)
    terms_b = compounds.joined(tokens_b, term_of[tokens_b.ids], keys, bits)
    return ThemeTerms(terms_a, terms_b, names + compounds.names,
                      np.concatenate((term_bits, compounds.bits)),
                      (compounds.spelled[0], compounds.spelled[1]), compounds.spellings)


class _Compounds:
    """Hyphenated words as terms of their own ("low-carbon", "win-win"), met text by text:
    their pieces name no subject ("self" of "self-reliance" and "self-confidence", "style"
    of "Chinese-style"). A compound is as surprising as its rarest piece and named as first
    written; its first token carries its term, the others none."""

    def __init__(self, first_term: int, first_spelling: int) -> None:
        self.first_term, self.first_spelling = first_term, first_spelling
        self.index: dict[str, int] = {}
        self.names: list[str] = []
        self.bits = np.zeros(0)
        self.spellings: list[str] = []
        self.spelling_index: dict[str, int] = {}
        self.spelled: list[np.ndarray] = []

    def joined(self, tokens: TokenStream, terms: np.ndarray, keys: Sequence[str],
               bits: np.ndarray) -> np.ndarray:
        """`terms` of `tokens` with each hyphenated word's pieces made one term; records
        how each token is written for the shown terms (`spelled`)."""
        ends, starts, codes = tokens.ends[:-1], tokens.starts[1:], tokens.codes
        spelled = tokens.ids.copy()
        self.spelled.append(spelled)
        if not len(ends):
            return terms
        hyphen = codes[np.minimum(ends, len(codes) - 1)]
        glued = np.flatnonzero((starts == ends + 1) & np.isin(hyphen, _HYPHENS))
        if not len(glued):
            return terms
        terms = terms.copy()
        # Runs of glued gaps: a compound spans tokens first..last.
        breaks = np.flatnonzero(np.diff(glued) != 1) + 1
        added_bits = []
        for run in np.split(glued, breaks):
            first, last = int(run[0]), int(run[-1]) + 1
            if (terms[first:last + 1] < 0).all():  # "2019-2020", "and-or": no subject
                continue
            ids = tokens.ids[first:last + 1]
            key = "-".join(keys[i] for i in ids.tolist())
            written = "".join(map(chr, codes[tokens.starts[first]:tokens.ends[last]]))
            if key not in self.index:
                self.index[key] = self.first_term + len(self.names)
                self.names.append(written)
                added_bits.append(float(bits[ids].max()))
            terms[first] = self.index[key]
            terms[first + 1:last + 1] = -1
            spelled[first] = self.spelling_index.setdefault(
                written, self.first_spelling + len(self.spellings))
            if spelled[first] == self.first_spelling + len(self.spellings):
                self.spellings.append(written)
        self.bits = np.concatenate((self.bits, added_bits))
        return terms


@cache
def _no_subject_words() -> frozenset[str]:
    """English words that name no subject though no stop list has them: adverbs and nothing
    else (soon, wherein, abominably), which say how or when, not of what; and the pronouns
    and verb forms of the English of the King James Bible (thee, hast), as common there as
    "you" and "has" are now, yet rare enough in today's word counts to weigh as terms."""
    return readings().adverbs_only | _EARLY_MODERN_FUNCTION_WORDS


def stem_terms(words: list[str], stems: list[str], *, families: bool) -> np.ndarray:
    """The term of each of the distinct `words`, given their stems: numbers from 0 up.

    With `families`, a derived form joins its base's term when the base is among these
    words too: Russian joins Russia, Iraqi joins Iraq. So a family never reaches beyond
    the texts compared."""
    index: dict[str, int] = {}
    terms = np.array([index.setdefault(stem, len(index)) for stem in stems], dtype=np.int64)
    if not families:
        return terms
    base = np.arange(len(index))
    for stem, suffix in _ending_with(index, _FAMILY_SUFFIXES):  # longest suffix first
        root = index.get(stem[:-len(suffix)])
        derived = index[stem]
        if root is not None and base[derived] == derived and \
                len(stem) - len(suffix) >= _MIN_FAMILY_STEM:
            base[derived] = root
    while not np.array_equal(base[base], base):  # Georgian, Georgia, George
        base = base[base]
    terms = base[terms]
    position = dict(zip(words, range(len(words)), strict=True))
    for word, suffix in _ending_with(words, _WORD_SUFFIXES):
        root = position.get(word[:-len(suffix)])
        if root is not None and len(word) - len(suffix) >= _MIN_FAMILY_STEM:
            terms[position[word]] = terms[root]
    return np.unique(terms, return_inverse=True)[1].reshape(-1)


def _ending_with(words: Iterable[str], endings: Sequence[str]) -> Iterator[tuple[str, str]]:
    """The words that end with one of `endings`, each with that ending. The joined words are
    searched for each ending, which is far quicker than asking every word: few match."""
    joined = "\n" + "\n".join(words) + "\n"
    for ending in endings:
        needle = ending + "\n"
        at = joined.find(needle)
        while at >= 0:
            end = at + len(ending)
            yield joined[joined.rfind("\n", 0, at) + 1:end], ending
            at = joined.find(needle, end)


def character_pair_terms(tokens_a: TokenStream, tokens_b: TokenStream, keys: list[str],
                         bits: np.ndarray, is_stop: np.ndarray) -> ThemeTerms:
    """Chinese and Japanese terms: pairs of adjacent characters (a word is usually two),
    neither a function character. Token t carries the term of (t, t + 1), -1 if none."""
    pair_keys = []
    for stream in (tokens_a, tokens_b):
        ids = stream.ids
        usable = ((stream.ends[:-1] == stream.starts[1:]) & ~is_stop[ids[:-1]]
                  & ~is_stop[ids[1:]])
        pair_keys.append(np.where(usable, ids[:-1] * len(keys) + ids[1:], -1))
    distinct, which = np.unique(np.concatenate(pair_keys), return_inverse=True)
    valid = distinct >= 0
    term_index = np.cumsum(valid) - 1
    first, second = distinct[valid] // len(keys), distinct[valid] % len(keys)
    names = [keys[i] + keys[j] for i, j in zip(first.tolist(), second.tolist(), strict=True)]
    terms = np.where(valid[which], term_index[which], -1)
    split = len(pair_keys[0])
    # The last token of each text starts no pair.
    terms_a = np.append(terms[:split], -1) if len(tokens_a) else np.zeros(0, dtype=np.int64)
    terms_b = np.append(terms[split:], -1) if len(tokens_b) else np.zeros(0, dtype=np.int64)
    return ThemeTerms(terms_a, terms_b, names, (bits[first] + bits[second]) / 2)


def shared_words(text_a: str, span_a: Span, text_b: str, span_b: Span,
                 covering: tuple[Sequence[Span], Sequence[Span]] = ((), ()),
                 limit: int = 6) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The whole words two Chinese passages share, most telling first: words of two or more
    characters that name a subject (not function, time or measure words, numbers or
    everyday words: 我们, 随后, 目前, １００多), outside the `covering` spans of each text
    (what the two say in the same words), and none that a word shown before it holds
    (自治区 of 西藏自治区); ranked by their surprise in general Chinese (then by how often
    both passages use them, then as first met in A); as A writes them, and as B does where
    B writes any otherwise (國家, 国家), else ()."""
    frequencies = word_frequencies("zh")

    # Words meet by key (國家 and 国家, 看著 and 看着) and are judged as simplified
    # Chinese reads them.
    written: tuple[dict[str, str], dict[str, str]] = ({}, {})
    reading: dict[str, str] = {}  # each key's word as A's first use reads

    def counts(text: str, span: Span, side: int) -> dict[str, int]:
        found: dict[str, int] = {}
        words = list(segment.words(text, *span))
        copied = starts_within(np.array([start for start, _ in words], dtype=np.int64),
                               covering[side]).tolist()
        for (start, end), inside in zip(words, copied, strict=True):
            word = to_simplified(text[start:end])
            if len(word) > 1 and not word.isascii() and not names_no_subject(word) \
                    and not inside:
                key = key_characters(word)
                found[key] = found.get(key, 0) + 1
                written[side].setdefault(key, text[start:end])
                reading.setdefault(key, word)
        return found

    in_a, in_b = counts(text_a, span_a, 0), counts(text_b, span_b, 1)
    bits = {w: -math.log2(frequencies[reading[w]]) if reading[w] in frequencies
            else UNLISTED_BITS for w in in_a if w in in_b}
    ranked = [w for w, surprise in bits.items() if surprise >= _EVERYDAY_CHINESE_BITS]
    ranked.sort(key=lambda w: (-bits[w], -min(in_a[w], in_b[w])))
    shown: list[str] = []
    for word in ranked:
        if len(shown) < limit and not any(word in longer for longer in shown):
            shown.append(word)
    as_a, as_b = (tuple(spelled[w] for w in shown) for spelled in written)
    return as_a, as_b if as_b != as_a else ()

