"""Articles of a store that an add must not replace or remove: those of other sources.

A store may hold the articles of several sources (`tandem corpus add S A`, then
`add S B`). An id is the article's name in the store: an id given in a JSON line or in
metadata.csv names one article, and a new text under it is that article changed (a newer
dump of the collection). An id made from a file's path in its folder names no article of
its own: two crawls laid out alike (outlet/2021-06-15.txt) make the same ids for
different articles, and adding B must then not quietly put B's text in place of A's
article. Nor may the one-shot command, which makes its store hold exactly the given
sources, quietly drop A's articles. A stored article belongs to another source when the
file it was read from is still there and lies outside every given source; one whose file
is gone was moved or deleted, and is replaced or dropped as before.

An id given in the articles (a JSON line's, metadata.csv's) that another source's article
already has is the same article only when the user says so: two unrelated JSON-lines
files both number their articles d00001, d00002... A newer dump of the same file changes
its articles; one read from another file replaces them only when asked (`--replace`).
"""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import chain

from viewer.collection.article import SourceError
from viewer.collection.sources import input_files, lies_in, refuse_output_in_sources
from viewer.export.atomic import refuse_overwriting_inputs
from viewer.present.wording import counted

_LINE = re.compile(r"^(.*):(\d+)$")


def line_source(path: str) -> str | None:
    """The JSON-lines file of a stored article's "FILE:LINE" path, whether or not that
    file is still there; None for an article read from a file of its own (a file that
    exists under the path itself, colon and digits included)."""
    found = _LINE.match(path)
    return found.group(1) if found and not os.path.exists(path) else None


def file_of(path: str) -> str:
    """The file a stored article's path names: the path itself, or the JSON-lines file of
    a "FILE:LINE" path."""
    found = _LINE.match(path)
    if found and not os.path.exists(path) and os.path.isfile(found.group(1)):
        return found.group(1)
    return path


def stored_inputs(store_path: str) -> Iterator[str]:
    """The files the store at `store_path` read its articles from, and the inputs it
    skipped, with each article folder's metadata.csv (its own and its parents'): the
    inputs of a report written from the store alone (`tandem corpus report`), which no
    output may replace. Read lazily, as `refuse_overwriting_inputs` does only when the
    output exists; none when the store cannot be opened (the report says why)."""
    from viewer.collection.folder import METADATA_NAME
    from viewer.collection.store import CollectionStore, StoreError

    try:
        with CollectionStore.open(store_path) as store:
            paths = [d.path for d in store.documents()] + [row["path"]
                                                          for row in store.skipped()]
    except StoreError:
        return
    folders: set[str] = set()
    for stored in paths:
        path = file_of(stored)
        yield path
        if path == stored:  # an article file of a folder: the folders above may say its id
            folder = os.path.dirname(path)
            while folder not in folders and folder != os.path.dirname(folder):
                folders.add(folder)
                folder = os.path.dirname(folder)
    yield from (os.path.join(folder, METADATA_NAME) for folder in sorted(folders))


def article_folders(store_path: str) -> list[str]:
    """The folders that hold the article files the store at `store_path` read (not a
    JSON-lines file's folder): `tandem corpus report` is given no source, and a report
    written in one of these would be read as an article by the next add of that folder.
    None when the store cannot be opened (the report says why)."""
    from viewer.collection.store import CollectionStore, StoreError

    try:
        with CollectionStore.open(store_path) as store:
            paths = [d.path for d in store.documents()]
    except StoreError:
        return []
    return sorted({os.path.dirname(path) for path in paths if file_of(path) == path})


def refuse_report_among_inputs(out: str, store: str, source: str) -> None:
    """`OutputError` for a report written at `out` from the store at `store`, opened from
    `source` (a folder, a JSON-lines file or the store), that would replace the store or
    an input (`source`, a file the store read its articles from), or go inside a folder
    of articles, where the next indexing would read it as one of them: the checks
    `tandem corpus report` makes, for a report written from the window."""
    refuse_overwriting_inputs(out, chain(input_files([store, source]), stored_inputs(store)))
    refuse_output_in_sources("The report", out, [source, *article_folders(store)],
                             "article folder")


def _within(path: str, source: str) -> bool:
    """Whether `path` is the source itself or a file inside the folder it is."""
    try:
        if os.path.samefile(path, source):
            return True
    except OSError:
        return False
    return os.path.isdir(source) and lies_in(path, source)


def of_other_sources(stored_path: str, sources: Sequence[str]) -> bool:
    """Whether a stored article (read from `stored_path`) belongs to a source other than
    `sources`: its file is still there and inside none of them."""
    path = file_of(stored_path)
    return os.path.isfile(path) and not any(_within(path, source) for source in sources)


def refuse_replacing(store_path: str, doc_id: str, stored_path: str, new_path: str,
                     sources: Sequence[str]) -> None:
    """`SourceError` when the article `doc_id` of another source (read from
    `stored_path`) would be replaced by another text read from `new_path`, whose id was
    made from its path."""
    if of_other_sources(stored_path, sources):
        raise SourceError(
            f"{new_path}: id {doc_id!r} is already in {store_path}, from {stored_path}, "
            "with another text; give each article its own id (rename the file, or list "
            "ids in metadata.csv), or index this source into another store")


def refuse_removing(store_path: str, stored_paths: Sequence[str],
                    sources: Sequence[str]) -> None:
    """`SourceError` when making the store hold exactly `sources` would remove articles
    of other sources (read from `stored_paths`, those not in the sources)."""
    others = [path for path in stored_paths if of_other_sources(path, sources)]
    if others:
        raise SourceError(
            f"{store_path}: holds {counted(len(others), 'article')} of other sources (first: "
            f"{others[0]}) that indexing only the given sources would remove; add to it "
            "with 'tandem corpus add STORE SOURCE', report it with 'tandem corpus report "
            "STORE', or give another --store")


@dataclass(frozen=True)
class TakenId:
    """An id given in the articles of one source that an article of another has."""

    doc_id: str
    #: Where the stored article was read from, and where the new text is read from.
    stored_path: str
    new_path: str
    #: Whether the new article has the stored one's text, under another date or series.
    same_text: bool = False


def taken_id(doc_id: str, stored_path: str, new_path: str,
             sources: Sequence[str]) -> TakenId | None:
    """The clash when the stored article `doc_id` (read from `stored_path`) belongs to
    another source than `sources`, else None (the same source read again)."""
    if of_other_sources(stored_path, sources):
        return TakenId(doc_id, stored_path, new_path)
    return None


def refuse_taking(store_path: str, taken: Sequence[TakenId], sources: Sequence[str]) -> None:
    """`SourceError` when texts read from `sources` would replace the articles of
    other source files whose ids they carry (`taken`), in one line: the files on both
    sides, how many ids, one of them, how the texts differ, and what to do."""
    if not taken:
        return
    first = taken[0]
    given = list(dict.fromkeys(
        next((s for s in sources if _within(file_of(t.new_path), s)), file_of(t.new_path))
        for t in taken))
    stored = _files_named(list(dict.fromkeys(file_of(t.stored_path) for t in taken)))
    if len(taken) == 1:
        ids = (f"id {first.doc_id!r} already in {store_path} names an article read from "
               f"{stored}")
    else:
        ids = (f"{len(taken):,} ids (such as {first.doc_id!r}) already in {store_path} name "
               f"articles read from {stored}")
    dump, its, it = ("this is a newer dump", "its", "it") if len(given) == 1 else (
        "these are newer dumps", "their", "them")
    articles = "that article" if len(taken) == 1 else "those articles"
    raise SourceError(
        f"{' and '.join(given)}: {ids}, {_how_they_differ(taken)}; if {dump} of {articles}, "
        f"run 'tandem corpus add {shlex.quote(store_path)} {shlex.join(given)} "
        f"--replace' to put {its} texts in their place, else give {its} articles ids of "
        f"their own or index {it} into another store")


def _files_named(files: list[str]) -> str:
    """The files `files`, named in a few words: "a.jsonl", "a.jsonl and b.jsonl",
    "a.jsonl and 3 other files"."""
    if len(files) <= 2:
        return " and ".join(files)
    return f"{files[0]} and {counted(len(files) - 1, 'other file')}"


def _how_they_differ(taken: Sequence[TakenId]) -> str:
    """How the new articles of the ids `taken` differ from the stored ones: other texts,
    the same texts but other dates or series, or some each."""
    relabelled = sum(t.same_text for t in taken)
    other = len(taken) - relabelled
    same = ("the same text but another date or series" if relabelled == 1
            else "the same texts but other dates or series")
    if not relabelled:
        return "with another text" if other == 1 else "with other texts"
    if not other:
        return f"with {same}"
    return (f"{other:,} with {'another text' if other == 1 else 'other texts'} and "
            f"{relabelled:,} with {same}")
