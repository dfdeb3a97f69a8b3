"""Which of a store's articles a loaded text is, and where its characters are in it.

`tandem compare A B --collection STORE` finds A and B among the store's articles by their
text. A file saved from the collection is often not byte for byte the stored text: an
editor adds or takes away a final line break, Windows writes every line break as
"\\r\\n" (or an old Mac as "\\r"), and Notepad may begin the file with a byte-order mark.
Such a file is still that article. Its passages are then at other offsets than in the
stored text, and `StoredArticle.span` moves them there, so the collection's clusters are
matched on the stored text's offsets.

With `--trim` the loaded text is the file's text less its noise (`viewer.core.trim`): it
is then also the article whose stored text `trim_noise` turns into it (the stored text is
the file's, noise and all), and its passages are moved through the characters the trim
kept. A stored text that is the trimmed one is found as any other.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from viewer.collection.store import CollectionStore
from viewer.collection.words import content_hash
from viewer.core.document import Document
from viewer.core.model import Span
from viewer.core.trim import trim_noise

#: The byte-order mark a text may begin with, and still be the article without it.
BOM = "\ufeff"

#: Whitespace an article's end may differ by and still be that article (see `article_of`).
END_SPACE = 64


@dataclass(frozen=True)
class StoredArticle:
    """An article of the store that a loaded text is, with how the two texts' characters
    line up (None where the offsets are the same in both)."""

    id: str
    #: For each character of the two texts read with "\n" for every line break, its index
    #: in the loaded text and in the stored one.
    loaded: np.ndarray | None = None
    stored: np.ndarray | None = None

    def span(self, span: Span) -> Span:
        """`span` of the loaded text as a span of the stored text."""
        if self.loaded is None or self.stored is None:
            return span
        # The characters read alike within the span: from the first to just after the
        # last (not up to the next one, which a dropped "\r" may come before).
        first, beyond = (int(np.searchsorted(self.loaded, at)) for at in span)
        last = len(self.stored) - 1
        start = int(self.stored[first]) if first <= last else int(self.stored[last]) + 1
        end = int(self.stored[min(beyond - 1, last)]) + 1 if beyond else 0
        return start, max(start, end)


def article_of(store: CollectionStore, text: str, trimmed: bool = False
               ) -> StoredArticle | None:
    """The store's article whose text is `text`, else None. A text that differs from one
    only in how its line breaks are written, or in the whitespace at its end, is that
    article; with `trimmed` (`text` went through `trim_noise`), so is one whose stored text
    trims to it (see the module's docstring)."""
    return next(articles_of(store, text, trimmed), None)


def articles_of(store: CollectionStore, text: str, trimmed: bool = False
                ) -> Iterator[StoredArticle]:
    """Every article of the store that `text` is (as `article_of` finds one), each once,
    those of its very text first: a story reprinted word for word is stored twice."""
    seen: set[str] = set()
    for article in _articles_of(store, text, trimmed):
        if article.id not in seen:
            seen.add(article.id)
            yield article


def the_two_articles(store: CollectionStore, documents: Sequence[Document],
                     trimmed: bool = False, known: Sequence[str | None] = (None, None)
                     ) -> list[StoredArticle | None]:
    """The store's articles that A and B are (None for one that is none). Of articles
    with one text, each is the one `known` names (the id the window read it as), else
    the one read from its own file, else one the other is not: two reprints of one story
    compared are two articles, not one twice, each the one that was opened."""
    candidates = [list(articles_of(store, d.text, trimmed)) for d in documents]
    chosen = [next((a for a in found if a.id == ident), None)
              or next((a for a in found if _read_from(store, a.id, d.path)), None)
              for d, found, ident in zip(documents, candidates, known, strict=True)]
    for k, found in enumerate(candidates):
        if chosen[k] is None and found:
            taken = {a.id for a in chosen if a is not None}
            chosen[k] = next((a for a in found if a.id not in taken), found[0])
    return chosen


def _read_from(store: CollectionStore, doc_id: str, path: str) -> bool:
    """Whether the store read the article `doc_id` from the file at `path`."""
    row = store.connection.execute("SELECT path FROM documents WHERE id = ?",
                                   (doc_id,)).fetchone()
    return bool(path) and row is not None and (
        os.path.realpath(str(row[0])) == os.path.realpath(path))


def _articles_of(store: CollectionStore, text: str, trimmed: bool
                 ) -> Iterator[StoredArticle]:
    for (doc_id,) in store.connection.execute(
            "SELECT id FROM documents WHERE hash = ? ORDER BY num", (content_hash(text),)):
        yield StoredArticle(str(doc_id))
    read, loaded = _read_alike(text)
    body = read.rstrip()
    if not body:
        return
    # A stored text writing its line breaks as "\r\n" is up to one character a line longer.
    for doc_id, stored_text in store.connection.execute(
            "SELECT id, text FROM documents WHERE chars BETWEEN ? AND ? ORDER BY num",
            (len(body), len(body) + body.count("\n") + END_SPACE)):
        stored_read, stored = _read_alike(stored_text)
        if stored_read.rstrip() == body:
            if len(read) == len(text) and len(stored_read) == len(stored_text):
                yield StoredArticle(str(doc_id))  # the same offsets up to the end
            else:
                yield StoredArticle(str(doc_id), loaded, stored)
    if not trimmed:
        return
    # The trim keeps whole lines, or a line but for a stray token at its end: a stored
    # text that trims to `text` holds each of its lines as `text` has it. Its first and
    # its longest are asked for, so that only a text that may be it is trimmed (scraped
    # pages of one site share their first line, and a large store has thousands).
    lines = body.lstrip().split("\n")
    for doc_id, stored_text in store.connection.execute(
            "SELECT id, text FROM documents WHERE chars >= ? AND instr(text, ?) > 0 "
            "AND instr(text, ?) > 0 ORDER BY num", (len(body), lines[0], max(lines, key=len))):
        result = trim_noise(stored_text)
        stored_read, stored = _read_alike(result.text)
        if stored_read.rstrip() == body:
            kept = np.concatenate([np.arange(start, end) for start, end in result.kept])
            yield StoredArticle(str(doc_id), loaded, kept[stored])


def _read_alike(text: str) -> tuple[str, np.ndarray]:
    """`text` without the byte-order mark it may begin with and with each "\\r\\n" and
    lone "\\r" read as "\\n", and for each character of that, its index in `text`."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    returns = codes == 13
    # A "\r" before a "\n" is dropped; a lone one reads as "\n".
    dropped = returns & np.append(codes[1:] == 10, False)
    # A file saved as "UTF-8 with BOM" (Windows Notepad) is loaded with the mark as its
    # first character, U+FEFF (see viewer.core.loading): the article without it.
    if text.startswith(BOM):
        dropped[0], text = True, text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n"), np.flatnonzero(~dropped)
