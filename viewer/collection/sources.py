"""Read the articles of a collection from its sources: folders of files or JSON lines.

Contract (used by the store, the command line, the window and the Spark job):
`read_sources(sources, on_skip)` yields one `Article` per readable article, in the order found;
every file or line that cannot be read is passed to `on_skip` as a `Skipped` and left out.
A missing source, a source that holds no article at all, or two articles with one id raise
`SourceError`, whose one-line text names the file(s) and what to do.

A SOURCE is a folder (see `viewer.collection.folder`), a JSON-lines file, plain or gzipped
(see `viewer.collection.jsonlines`), or a single article file. Articles are read one at a
time: only the one being yielded is held, whatever the collection's size.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from viewer.collection.article import Article, OnSkip, Skipped, SourceError
from viewer.collection.folder import METADATA_NAME, FolderSource, system_kept, told_rank
from viewer.collection.jsonlines import JsonLinesSource, looks_like_json_lines
from viewer.collection.store import import_tables, is_database, spark_tables
from viewer.core.errors import LoadError, OutputError, printable
from viewer.core.loading import DEFAULT_MAX_BYTES, refuse_non_regular

__all__ = ["Article", "OnSkip", "ReadProgress", "Skipped", "SourceError", "input_files",
           "read_sources"]


@dataclass(frozen=True)
class ReadProgress:
    """How far reading has come, over all sources: input bytes read of the total, and the
    articles and skipped files or lines so far."""

    done_bytes: int
    total_bytes: int
    articles: int
    skipped: int

    @property
    def fraction(self) -> float:
        return min(1.0, self.done_bytes / self.total_bytes) if self.total_bytes else 1.0


OnProgress = Callable[[ReadProgress], None]


def no_such_source(source: str) -> SourceError:
    """The error for a SOURCE that is not there, worded alike by both engines."""
    return SourceError(f"{source}: no such file or folder (check the path)")


def open_source(source: str | os.PathLike[str],
                max_bytes: int = DEFAULT_MAX_BYTES) -> FolderSource | JsonLinesSource:
    """The reader for one source; `SourceError` when it is missing or cannot be used."""
    path = os.fspath(source)
    if not os.path.exists(path):
        raise no_such_source(path)
    if os.path.isdir(path):
        if spark_tables(path):
            raise SourceError(f"{path}: holds the tables of a Spark run, not articles: "
                              f"{import_tables(path)}")
        return FolderSource(path, max_bytes)
    _refuse_non_regular(path)
    if is_database(path):
        raise SourceError(f"{path}: is a database (a collection store?), not articles: "
                          "'tandem corpus report STORE' reports a store, 'tandem corpus add "
                          "STORE SOURCE' adds articles to one")
    if looks_like_json_lines(path):
        return JsonLinesSource(path)
    return FolderSource(path, max_bytes)


def _refuse_non_regular(path: str) -> None:
    """`SourceError` for a source that is no regular file (a named pipe, a device): a
    source is opened more than once (to tell what it is, then to read it), and a pipe's
    data goes to the first read alone, the next blocking until another writer comes."""
    try:
        refuse_non_regular(path, os.stat(path).st_mode)
    except LoadError as exc:
        raise SourceError(str(exc)) from None


#: Where the files an operating system keeps come in `folder.told_rank`: last.
_SYSTEM_KEPT = 3
#: The JSON lines the hints ask for.
JSON_LINES_FORMAT = 'a JSON-lines file with one article a line: {"id", "series", "date", "text"}'
_WHAT_IS_READ = f"a folder of articles (text, HTML, DOCX, PDF, Markdown) or {JSON_LINES_FORMAT}"


def no_article_found(path: str, first_reason: str = "", *,
                     readable: str = _WHAT_IS_READ) -> SourceError:
    """The error of a source that holds no article: the first thing skipped in it, else what
    a source must be (`readable`: what the engine reads). The Spark engine says it too."""
    why = f"first: {first_reason}" if first_reason else f"give {readable}"
    return SourceError(f"{path}: no readable article found; {why}")


#: How to change the id of an article read from JSON lines.
JSON_LINE_ID = 'its "id" on that line'


def id_used_twice(path: str, article_id: str, also: str, how_to_change: str) -> SourceError:
    """The error of the article at `path` whose id the one at `also` has already (the
    Spark engine says it too); `how_to_change` says where its id is given."""
    return SourceError(f"{path}: id {article_id!r} is used twice (also {also}); give each "
                       f"article its own id ({how_to_change})")


def refuse_blank_sources(sources: Iterable[str]) -> None:
    """`SourceError` for a SOURCE that is empty or blank (a shell variable never set): as
    a path it is the current folder, and was told as holding the store or the output."""
    for source in sources:
        if not source.strip():
            raise SourceError(f"SOURCE {source!r}: names no file or folder; give the path "
                              "of the articles")


def lies_in(path: str, folder: str) -> bool:
    """Whether `path` is inside `folder` (both as resolved, links followed); not the folder
    itself."""
    return os.path.realpath(path).startswith(os.path.realpath(folder) + os.sep)


def refuse_store_in_sources(store: str, sources: Sequence[str]) -> None:
    """`SourceError` when the store is one of the sources or inside a source folder: it
    would be written over an input, or read as one of the folder's files on every run."""
    here = os.path.realpath(store)
    if any(here == os.path.realpath(source) for source in sources):
        raise SourceError(f"{store}: is also given as a source; the store is written, "
                          "a source only read: give the store another path")
    folder = _source_folder_holding(store, sources)
    if folder is not None:
        raise SourceError(f"{store}: is inside the source folder {folder}, where it "
                          "would be read as one of its files; put the store elsewhere")


def refuse_output_in_sources(option: str, out: str, sources: Sequence[str],
                             kind: str = "source folder") -> None:
    """`OutputError` when a report (`option`, written at `out`) would go inside a source
    folder (or the `kind` of folder `sources` are): the next run over that folder would
    read it as one of its articles."""
    folder = _source_folder_holding(out, sources)
    if folder is not None:
        raise OutputError(f"{option} {out}",
                          f"is inside the {kind} {printable(folder)}, where the "
                          "next run would read it as one of its articles",
                          "write the report elsewhere")


def _source_folder_holding(path: str, sources: Sequence[str]) -> str | None:
    """The first of `sources` that is a folder `path` lies in (links followed), or None."""
    here = os.path.realpath(path)
    for source in sources:
        there = os.path.realpath(source)
        if os.path.isdir(there) and lies_in(here, there):
            return source
    return None


def collection_name(path: str) -> str:
    """What the window's title bar and the reports call a collection: its folder or file
    name."""
    return os.path.basename(os.path.normpath(path)) or path


def named_after_articles(paths: Iterable[str]) -> str:
    """What the sources the articles at `paths` (a store's) were read from are called, as
    the one-shot command named them (`collection_name`, joined by ", "): each JSON-lines
    file of a "FILE:LINE" path, whether or not it is still there (moved, a folder above
    it named it), and the folder holding the others (a folder of one article is the
    folder, not the article); "" for none."""
    from viewer.collection.clashes import line_source

    files: set[str] = set()
    folders: set[str] = set()
    for path in filter(None, paths):
        source = line_source(path)
        if source is not None:
            files.add(source)
        else:
            folders.add(os.path.dirname(path))
    names = [collection_name(file) for file in sorted(files)]
    if folders:
        try:
            common = os.path.commonpath(sorted(folders))
        except ValueError:  # relative and absolute paths, or paths on two drives
            common = ""
        if common and os.path.dirname(common) != common:
            names.append(collection_name(common))
    return ", ".join(names)


def input_files(inputs: Iterable[str | os.PathLike[str] | None]) -> Iterator[str]:
    """Every file a collection's inputs are (its sources and its store; None and "" left
    out): a file itself, and each file of a folder, walked whole (its articles, its
    metadata.csv, whatever else it holds). An output must be none of them (see
    `viewer.export.atomic.refuse_overwriting_inputs`, which reads this lazily: a folder
    is walked only when the output exists)."""
    for given in inputs:
        path = os.fspath(given) if given else ""
        if not path:
            continue
        if os.path.isdir(path):
            for folder, _, names in os.walk(path):
                yield from (os.path.join(folder, name) for name in names)
        else:
            yield path


def _refuse_overlapping(paths: list[str]) -> None:
    """`SourceError` for a source given twice, or inside a folder also given: its
    articles would be read twice, and every id of them reported as used twice."""
    real = [os.path.realpath(path) for path in paths]
    for k, (path, here) in enumerate(zip(paths, real, strict=True)):
        for other, there in zip(paths[:k], real[:k], strict=True):
            if here == there:
                raise SourceError(f"{path}: is given twice (also as {other}); give each "
                                  "source once")
            inner, outer = (path, other) if lies_in(here, there) else (
                (other, path) if lies_in(there, here) else ("", ""))
            if inner:
                raise SourceError(f"{inner}: is inside {outer}, also given; give the folder "
                                  "or what is in it, not both")


def _how_to_change_id(article: Article, reader: FolderSource | JsonLinesSource) -> str:
    """Where the id of `article`, read by `reader`, is changed."""
    if isinstance(reader, JsonLinesSource):
        return JSON_LINE_ID
    if article.id_from_path:
        return "rename one of the files, or give ids in metadata.csv"
    return f"its row for {os.path.relpath(article.path, reader.root)} in {METADATA_NAME}"


class _MostTelling:
    """What a source skipped that tells best why it holds no article: the first input
    that may have been one, before those whose name says they are none and the files an
    operating system keeps (`folder.told_rank`)."""

    def __init__(self) -> None:
        self.first: Skipped | None = None
        self.rank = 0
        #: The files and folders an operating system keeps, while nothing else was met.
        self.system_kept: list[str] = []

    def met(self, item: Skipped) -> None:
        rank = told_rank(item.path, item.indexed)
        if self.first is None or rank < self.rank:
            self.first, self.rank = item, rank
        if rank == self.rank == _SYSTEM_KEPT:
            self.system_kept.append(item.path)

    def no_article_in(self, path: str) -> SourceError:
        if self.first is not None and self.rank == _SYSTEM_KEPT and os.path.isdir(path):
            return SourceError(f"{path}: holds only {system_kept(self.system_kept)}, no "
                               "article (put the articles in it, or give their folder)")
        return no_article_found(path, str(self.first) if self.first is not None else "")


def read_sources(sources: Sequence[str | os.PathLike[str]],
                 on_skip: OnSkip | None = None, *,
                 on_progress: OnProgress | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article]:
    """Yield the articles of every source in turn (see the module's contract).

    Every source is checked (exists, not empty) before the first article is yielded.
    `on_progress`, when given, is called after each article or skipped item; `max_bytes`
    is the largest article file read (as for two texts)."""
    if not sources:
        raise SourceError("no source given (give a folder or a JSON-lines file)")
    readers = [open_source(source, max_bytes) for source in sources]
    _refuse_overlapping([os.fspath(source) for source in sources])
    total = sum(reader.size for reader in readers)
    skip = on_skip or (lambda _item: None)
    seen: dict[str, str] = {}
    articles = skipped = before = 0
    for reader in readers:
        found = 0
        telling = _MostTelling()
        done = 0
        for item, done in reader.read():
            if isinstance(item, Skipped):
                if not item.indexed:  # a note on an article read all the same
                    skipped += 1
                    telling.met(item)
                skip(item)
            else:
                if item.id in seen:
                    raise id_used_twice(item.path, item.id, seen[item.id],
                                        _how_to_change_id(item, reader))
                seen[item.id] = item.path
                found += 1
                articles += 1
            if on_progress is not None:
                on_progress(ReadProgress(before + done, total, articles, skipped))
            if not isinstance(item, Skipped):
                yield item
        before += reader.size
        if not found:
            raise telling.no_article_in(reader.path)
