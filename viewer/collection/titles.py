"""What the collection's views and reports call its articles: their titles.

An article's title is the one its source gives, else its first line, read when it was
indexed, before the collection's boilerplate was known; where that is its series' header
("Editor in charge: Wang Lin"), a line wholly of bracketed notes (a reprint's
"（转载自关东商报，2019-03-31）" above its headline), or a byline or a dateline
("本报记者卢新宁", "新华社北京1月1日电": `viewer.core.bylines`), the title is the first
line past them.
As this is read when the titles are shown, a store that kept such a line shows the
headline too. The
window, the PDF and the HTML report (embedded or Spark engine) all name articles through
`Titles`, so they name them alike.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from functools import partial
from typing import Any

from viewer.collection.article import cut_to_title, first_line, is_note, without_controls
from viewer.collection.store import CollectionStore, DocumentRow
from viewer.core.bylines import is_byline


class Titles:
    """Titles read past a collection's `boilerplate` (its "series" and "text" items)."""

    def __init__(self, boilerplate: Iterable[Mapping[str, Any]]) -> None:
        self.lines: dict[str, set[str]] = defaultdict(set)
        for item in boilerplate:
            self.lines[str(item.get("series", ""))].add(first_line(str(item.get("text", ""))))

    def _is_boilerplate(self, line: str, series: str) -> bool:
        line = first_line(line)
        return line in self.lines.get(series, ()) or line in self.lines.get("", ())

    def title(self, given: str, series: str, text: Callable[[], str]) -> str:
        """The title of an article of `series` whose `given` title (its source's, or its
        first line; "" for none) is boilerplate, a note or a byline (`_is_no_headline`):
        its first line that is none of them, else its first that is no boilerplate
        (`text()`: the article's); else `given`, its spaces collapsed, control characters
        left out (a store an earlier version wrote keeps them) and cut to a title's length
        (`cut_to_title`)."""
        given = " ".join(without_controls(given).split())
        if given and not _is_no_headline(given) and not self._is_boilerplate(given, series):
            return cut_to_title(given)
        # Read down to the headline only: an article whose head is a byline was read
        # whole, every line of it asked whether it is one.
        first = ""
        for line in text().splitlines():
            title = "" if self._is_boilerplate(line, series) else first_line(line)
            if title and not _is_no_headline(title):
                return title
            first = first or title
        return first


def _is_no_headline(line: str) -> bool:
    """Whether `line` is one an article's head holds besides its headline, and no title:
    a note (`is_note`), or a byline or a dateline (`is_byline`)."""
    return is_note(line) or is_byline(line)


def titled_documents(store: CollectionStore,
                     boilerplate: Iterable[Mapping[str, Any]]) -> list[DocumentRow]:
    """The store's documents, each titled as `Titles` reads it past `boilerplate`."""
    titles = Titles(boilerplate)
    return [replace(d, title=titles.title(d.title, d.series, partial(store.text, d.id)))
            if d.title else d for d in store.documents()]


def stored_titles(store: CollectionStore) -> dict[str, str]:
    """Each document's title as the store keeps it (its source's, else its first line)."""
    return {d.id: d.title for d in store.documents()}


def with_titles(report: dict[str, Any], text_of: Callable[[str], str],
                given: Mapping[str, str] | None = None) -> dict[str, Any]:
    """`report` (the contract "collection") with each document's title ("title"), which
    the JSON leaves out and the reports name articles by: read from `given` (id -> title,
    a store's) or, where none is given, from the article's first lines (`text_of(id)`)."""
    titles = Titles(report.get("boilerplate") or ())
    documents = []
    for document in report["documents"]:
        doc_id, series = str(document["id"]), str(document.get("series", ""))
        title = (given.get(doc_id, "") if given is not None else first_line(text_of(doc_id)))
        title = titles.title(title, series, partial(text_of, doc_id)) if title else ""
        documents.append({**document, "title": title})
    return {**report, "documents": documents}
