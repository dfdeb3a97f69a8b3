"""Boilerplate: lines a series (an outlet) repeats across its articles.

Headers, footers, bylines, a spam line between paragraphs: a line that recurs, unchanged up
to case, spacing and Chinese script, in a good share of one series' articles is the
outlet's furniture, not reuse. Each is listed once per series with the number of its
articles that carry it, and its spans in every article are returned so the pairs and
formulations leave them out. Furniture stands around an article's own text: articles made
of nothing else are copies of one story, which is reuse. A series that publishes in two
languages (`readings`: Chinese, or other) has furniture in each, carried by the articles
of that language: each is an edition of the series, its share counted among its own.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate

from viewer.core.collection.co_use import poisson_tail
from viewer.core.collection.readings import reading_of
from viewer.core.han_script import key_characters
from viewer.core.model import Span

#: Share of a series' articles a line must recur in to be boilerplate.
MIN_SHARE = 0.3
#: ... and in at least this many articles.
MIN_DOCUMENTS = 4
#: A small series' line in this many articles, when they are half the series or more, is
#: boilerplate too: a small outlet's header in three of its four articles is its
#: furniture, where three articles of ten may carry one story copied along a chain.
SMALL_SERIES_DOCUMENTS = 3
#: A series' line is its own when chance would put it in that many of the series'
#: articles this seldom, at the rate the other series' articles carry it, ...
OWN_P = 0.001
#: ... or when the other series' articles carry it as often as a series' boilerplate is
#: carried (a footer every outlet of a network prints is every outlet's furniture).
EVERYWHERE_SHARE = MIN_SHARE
#: Share of an article's text that lines its series repeats may cover for them to be
#: furniture around its own text; beyond it, the article is a copy of the others that
#: carry them (one story filed three times): what they share is reuse, and a line is
#: boilerplate only where enough articles that are no copies carry it.
FURNITURE_SHARE = 0.8

_WORD = re.compile(r"[^\W_]")
#: A line's key longer than this (in characters) is a digest of it: an article written on
#: one line (a scraped page, megabytes of text in one JSON line) would otherwise be a key
#: as long as its text, which the Spark job shuffles and counts as a string. No header
#: or footer is this long, and a digest tells one line from another as the key did.
LONGEST_KEY = 1000


@dataclass(frozen=True)
class Boilerplate:
    """One repeated line of one series: the line as most articles write it, how many
    articles carry it, and (document index, span of the line) for each use in order."""

    series: str
    text: str
    documents: int
    occurrences: tuple[tuple[int, Span], ...]


def _key(line: str) -> str:
    if "  " in line or "\t" in line:  # most lines have single spaces: skip the re-join
        line = " ".join(line.split())
    key = line.casefold()
    if len(key) <= LONGEST_KEY:
        return key
    # Led by a line end, which no line's own key holds.
    return "\n" + hashlib.blake2b(key.encode("utf-8", "surrogatepass"),
                                  digest_size=16).hexdigest()


def _pieces(text: str) -> list[str]:
    """The text cut at its line ends (a carriage return ends a line too)."""
    return text.replace("\r", "\n").split("\n")


def _lines(text: str, wanted: list[int]) -> list[tuple[str, int, int]]:
    """Of the lines of a text at these places of `_pieces(text)`, those that hold a word:
    the line, and its span, white space around it left out."""
    pieces = _pieces(text)
    # Where each piece ends, its line end taken in.
    ends = list(accumulate(len(piece) + 1 for piece in pieces))
    found = []
    for k in wanted:
        piece = pieces[k]
        line = piece.strip()
        if line and _WORD.search(line):
            start = ends[k] - 1 - len(piece.lstrip())
            found.append((line, start, start + len(line)))
    return found


def articles_needed(size: int) -> int:
    """How many of a series' `size` articles must carry a line for it to be the series'
    boilerplate (`MIN_SHARE`, `MIN_DOCUMENTS`, `SMALL_SERIES_DOCUMENTS`)."""
    if size <= 2 * SMALL_SERIES_DOCUMENTS:
        return SMALL_SERIES_DOCUMENTS
    return max(MIN_DOCUMENTS, math.ceil(MIN_SHARE * size))


def _keys(text: str) -> Iterator[str]:
    """The key of each line of a text, in order."""
    return (_key(piece.strip()) for piece in _pieces(key_characters(text)))


def line_keys(text: str) -> set[str]:
    """The keys of a text's lines, by which `find_boilerplate` tells one line (case,
    spacing and Chinese script aside)."""
    return set(_keys(text))


def edition(series: str, language: str) -> str:
    """The edition of `series` an article in `language` belongs to (its reading,
    `readings.reading_of`), as one string: the articles whose boilerplate is judged
    together."""
    return f"{series}\0{reading_of(language)}"


def find_boilerplate(texts: Sequence[str], series: Sequence[str], *,
                     languages: Sequence[str] | None = None,
                     carried: Mapping[tuple[str, str], int] | None = None,
                     totals: Mapping[str, int] | None = None) -> list[Boilerplate]:
    """Every series' boilerplate lines, by series then by how many articles carry them.

    A sentence written as a line of its own in a quarter of all the collection's articles
    in a language (a slogan, a notice) reaches a third, or half, of some series' articles
    by chance: it is the collection's, not theirs, and stays out of their boilerplate
    (`OWN_P`, `EVERYWHERE_SHARE`). Its share is counted among the articles of its reading
    (`readings.reading_of`): a fifth of the collection in Chinese, a Chinese notice in a
    quarter of them is in a twentieth of all. `texts` are the whole collection's, unless
    `carried` tells how many documents of a reading carry each line key (`line_keys`) that
    an edition of that reading carries in `articles_needed` of its articles ((reading, key)
    -> documents), and `totals` how many documents each reading has: then they may be some
    edition's. `languages`: each text's, when they may differ."""
    members: dict[str, list[int]] = defaultdict(list)
    readings = [reading_of(languages[d] if languages else "") for d in range(len(series))]
    for d, name in enumerate(series):
        members[edition(name, languages[d] if languages else "")].append(d)
    # Most lines are written once: each line's key is counted first (by its hash, a
    # tenth of the memory), and only those written often enough are placed (placing every
    # line of a 10,000-article collection took a second of each `add`). A line whose hash
    # meets a frequent one's is placed, under its own key, and goes with too few carriers.
    # 本文來源 and 本文来源 are one line: the keys are read from each whole text (a call for
    # every line of every article cost another second; only the lines placed are read one
    # by one).
    hashes = [list(map(hash, _keys(text))) for text in texts]
    if carried is None:
        by_hash: dict[str, Counter[int]] = defaultdict(Counter)
        for reading, lines in zip(readings, hashes, strict=True):
            by_hash[reading].update(set(lines))

        def carriers_of(reading: str, key: str) -> int:
            return by_hash[reading][hash(key)]
    else:
        def carriers_of(reading: str, key: str) -> int:
            return carried.get((reading, key), 0)
    sizes = Counter(readings) if totals is None else totals
    found: list[Boilerplate] = []
    for group in sorted(members):  # by series, as an edition's key begins with its name
        docs = members[group]
        name, reading = series[docs[0]], readings[docs[0]]
        need = articles_needed(len(docs))
        if len(docs) < need:
            continue
        uses = Counter(h for d in docs for h in hashes[d])
        where: dict[str, list[tuple[int, Span, str]]] = defaultdict(list)
        for d in docs:
            wanted = [k for k, h in enumerate(hashes[d]) if uses[h] >= need]
            for line, start, end in _lines(texts[d], wanted) if wanted else ():
                where[_key(key_characters(line))].append((d, (start, end), line))
        carriers_of_line = {key: {d for d, _, _ in places} for key, places in where.items()}
        copies = _copies(where, carriers_of_line, texts, need)
        others = sizes.get(reading, 0) - len(docs)
        for key, places in where.items():
            carriers = carriers_of_line[key]
            if len(carriers - copies) < need:
                continue
            elsewhere = (max(0, carriers_of(reading, key) - len(carriers)) / others
                         if others > 0 else 0.0)
            if (elsewhere < EVERYWHERE_SHARE
                    and poisson_tail(len(carriers), len(docs) * elsewhere) >= OWN_P):
                continue
            shown = Counter(line for _, _, line in places).most_common(1)[0][0]
            found.append(Boilerplate(series=name, text=shown, documents=len(carriers),
                                     occurrences=tuple((d, span) for d, span, _ in places)))
    found.sort(key=lambda b: (b.series, -b.documents, b.text))
    return found


def _copies(where: Mapping[str, list[tuple[int, Span, str]]],
            carriers: Mapping[str, set[int]], texts: Sequence[str], need: int) -> set[int]:
    """The articles whose text is nearly all (`FURNITURE_SHARE`) lines their series
    repeats in `need` articles (`where`: line key -> (article, span, line) of each use;
    `carriers`: line key -> its articles): copies of one another, not articles with
    furniture around their own text."""
    covered: Counter[int] = Counter()
    for key, places in where.items():
        if len(carriers[key]) >= need:
            for d, _, line in places:
                covered[d] += _visible(line)
    return {d for d, chars in covered.items() if chars > FURNITURE_SHARE * _visible(texts[d])}


def _visible(text: str) -> int:
    """How many characters of `text` are not white space."""
    return len("".join(text.split()))


def spans_by_document(items: Sequence[Boilerplate], count: int) -> list[list[Span]]:
    """For each of `count` documents, the sorted spans of its boilerplate lines."""
    spans: list[list[Span]] = [[] for _ in range(count)]
    for item in items:
        for d, span in item.occurrences:
            spans[d].append(span)
    for doc_spans in spans:
        doc_spans.sort()
    return spans
