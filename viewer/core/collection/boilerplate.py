"""Boilerplate: lines a series (an outlet) repeats across its articles.

Headers, footers, bylines, a spam line between paragraphs: a line that recurs, unchanged up
to case, spacing and Chinese script, in a good share of one series' articles is the
outlet's furniture, not reuse. Each is listed once per series with the number of its
articles that carry it, and its spans in every article are returned so the pairs and
formulations leave them out.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

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

_WORD = re.compile(r"[^\W_]")


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
    return line.casefold()


def _lines(text: str) -> list[tuple[str, int, int]]:
    """The lines of a text that hold a word, with their spans, white space around them
    left out. (Splitting and stripping with str methods: a regular expression over every
    character of a 10,000-article collection took twice as long, on each `add`.)"""
    found = []
    at = 0
    for piece in text.replace("\r", "\n").split("\n"):
        line = piece.strip()
        if line and _WORD.search(line):
            start = at + len(piece) - len(piece.lstrip())
            found.append((line, start, start + len(line)))
        at += len(piece) + 1
    return found


def find_boilerplate(texts: Sequence[str], series: Sequence[str]) -> list[Boilerplate]:
    """Every series' boilerplate lines, by series then by how many articles carry them."""
    members: dict[str, list[int]] = defaultdict(list)
    for d, name in enumerate(series):
        members[name].append(d)
    found: list[Boilerplate] = []
    for name in sorted(members):
        docs = members[name]
        need = max(MIN_DOCUMENTS, math.ceil(MIN_SHARE * len(docs)))
        if len(docs) <= 2 * SMALL_SERIES_DOCUMENTS:
            need = SMALL_SERIES_DOCUMENTS
        if len(docs) < need:
            continue
        where: dict[str, list[tuple[int, Span, str]]] = defaultdict(list)
        for d in docs:
            # 本文來源 and 本文来源 are one line. (Read whole: a call per line cost a
            # second on the 10,000-article set, most lines being English.)
            read = key_characters(texts[d])
            for line, start, end in _lines(texts[d]):
                where[_key(read[start:end])].append((d, (start, end), line))
        for places in where.values():
            if len(places) < need:  # most lines are written once
                continue
            carriers = {d for d, _, _ in places}
            if len(carriers) < need:
                continue
            shown = Counter(line for _, _, line in places).most_common(1)[0][0]
            found.append(Boilerplate(series=name, text=shown, documents=len(carriers),
                                     occurrences=tuple((d, span) for d, span, _ in places)))
    found.sort(key=lambda b: (b.series, -b.documents, b.text))
    return found


def spans_by_document(items: Sequence[Boilerplate], count: int) -> list[list[Span]]:
    """For each of `count` documents, the sorted spans of its boilerplate lines."""
    spans: list[list[Span]] = [[] for _ in range(count)]
    for item in items:
        for d, span in item.occurrences:
            spans[d].append(span)
    for doc_spans in spans:
        doc_spans.sort()
    return spans
