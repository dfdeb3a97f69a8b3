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

import numpy as np

from viewer.core import segment
from viewer.core.han_script import key_characters, to_simplified
from viewer.core.model import Span
from viewer.core.normalize import shared_normalizer
from viewer.core.rarity import UNLISTED_BITS, word_frequencies
from viewer.core.stopwords import stop_words
from viewer.core.tokenize import TokenStream, Vocabulary

#: Suffixes that make a people, an adjective or a follower of an English stem:
#: -n, -an, -ian, -ean (Russia-n, Europe-an, Canad-ian), -ist, -ism (terror-ist).
_FAMILY_SUFFIXES = ("ian", "ean", "ist", "ism", "an", "n")
#: ... and -i, -ese on a whole word (Iraq-i, Japan-ese), since a stemmer spells -y as -i
#: (party, parti) and drops the -e of -ese (japanes).
_WORD_SUFFIXES = ("ese", "i")
#: Chinese words more common than one in 512 (我们 "we", 中国) name no subject of a passage.
_EVERYDAY_CHINESE_BITS = 9.0
#: The shortest stem a family grows from; shorter ones are too ambiguous ("ma", "pa").
_MIN_FAMILY_STEM = 4


@dataclass(frozen=True)
class ThemeTerms:
    """Each token's term (-1 for none) in both texts, and each term's name and bits."""

    terms_a: np.ndarray
    terms_b: np.ndarray
    names: list[str]
    bits: np.ndarray


def word_terms(tokens_a: TokenStream, tokens_b: TokenStream, vocabulary: Vocabulary,
               bits: np.ndarray, is_stop: np.ndarray, language: str) -> ThemeTerms:
    """Terms of alphabetic languages: stems of content words (not function words, numbers
    or single letters), merged into families in English. A term is as surprising as its
    commonest-in-language spelling."""
    keys = vocabulary.keys
    counts = (np.bincount(tokens_a.ids, minlength=len(keys))
              + np.bincount(tokens_b.ids, minlength=len(keys)))
    content = [i for i, (key, stop) in enumerate(zip(keys, is_stop.tolist(), strict=True))
               if not stop and len(key) > 1 and key.isalpha()]
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
    return ThemeTerms(term_of[tokens_a.ids], term_of[tokens_b.ids], names, term_bits)


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
                 limit: int = 6) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The whole words two Chinese passages share, most telling first: words of two or more
    characters, not function words, numbers or everyday words (我们), ranked by their
    surprise in general Chinese (then by how often both passages use them, then as first
    met in A); as A writes them, and as B does where B writes any otherwise (國家, 国家),
    else ()."""
    frequencies = word_frequencies("zh")
    stops = stop_words("zh")

    # Words meet by key (國家 and 国家, 看著 and 看着) and are judged as simplified
    # Chinese reads them.
    written: tuple[dict[str, str], dict[str, str]] = ({}, {})
    reading: dict[str, str] = {}  # each key's word as A's first use reads

    def counts(text: str, span: Span, side: int) -> dict[str, int]:
        found: dict[str, int] = {}
        for start, end in segment.words(text, *span):
            word = to_simplified(text[start:end])
            if len(word) > 1 and word not in stops and not word.isdigit() \
                    and not word.isascii():
                key = key_characters(word)
                found[key] = found.get(key, 0) + 1
                written[side].setdefault(key, text[start:end])
                reading.setdefault(key, word)
        return found

    in_a, in_b = counts(text_a, span_a, 0), counts(text_b, span_b, 1)
    bits = {w: -math.log2(frequencies[reading[w]]) if reading[w] in frequencies
            else UNLISTED_BITS for w in in_a if w in in_b}
    shared = [w for w, surprise in bits.items() if surprise >= _EVERYDAY_CHINESE_BITS]
    shared.sort(key=lambda w: (-bits[w], -min(in_a[w], in_b[w])))
    as_a, as_b = (tuple(spelled[w] for w in shared[:limit]) for spelled in written)
    return as_a, as_b if as_b != as_a else ()
