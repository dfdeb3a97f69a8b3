"""Articles from a folder, read recursively: every file Tandem loads, one article each.

Metadata comes from an optional `metadata.csv` at the folder's top (columns file, id,
series, date; "title" too if present). A file it does not list gets its id from its path
(relative, without the extension), its series from the top sub-folder it is in, its date
from its name (or its folders' names), else from the page itself (HTML metadata), else from
a date line at the head of its text ("date 2023-03-02", "Release time: Apr 14, 2024"), and
its title from the page or its first line; a metadata date that is not YYYY-MM-DD (or
YYYYMMDD) falls back the same way. Hidden files and folders are passed over; a file that
cannot be read is skipped with the loader's reason, as are a web page's scripts and
stylesheets, and the "NAME_files" folder a browser saves beside NAME.html.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePosixPath
from typing import Any, TypeVar

from viewer.collection.article import Article, Skipped, SourceError, first_line
from viewer.collection.csv_quotes import quote_left_open
from viewer.collection.dates import (
    date_in_name,
    iso_date,
    stated_date,
    unread_date,
    unreal_date_in_name,
    without_stated_date,
)
from viewer.collection.page_facts import (
    PageFacts,
    front_matter_date_and_title,
    page_date_and_title,
)
from viewer.core.errors import LoadError, TooLarge, os_problem, printable
from viewer.core.loading import (
    DEFAULT_MAX_BYTES,
    decode_text,
    load_document,
    refuse_non_regular,
    sniff_format,
)
from viewer.present.wording import counted

METADATA_NAME = "metadata.csv"
#: Tabular and JSON data are never articles; a JSON-lines file is a source of its own.
_DATA_SUFFIXES = {".csv", ".tsv", ".json", ".jsonl", ".ndjson"}
#: The parts of a web page that are text but no article: read as plain text, a script or
#: a stylesheet saved with every page of a site would be a copy shared by all of them.
_PAGE_PART_SUFFIXES = {".js": "a script", ".mjs": "a script", ".css": "a stylesheet",
                       ".map": "a script's source map", ".svg": "an SVG image"}
#: What a browser names the folder it saves a page's parts in, beside the page ("Save
#: page, complete": news.html and news_files/).
_PAGE_PARTS_FOLDER = "_files"
_PAGE_NAMES = (".html", ".htm", ".xhtml", ".shtml")
#: A link to a web page dragged out of a browser: Windows saves it as NAME.url, macOS as
#: NAME.webloc.
_LINK_SUFFIXES = {".url", ".webloc"}
#: Files an operating system keeps among a folder's own, by their name in lower case.
_SYSTEM_FILES = {
    "desktop.ini": "the settings file Windows keeps in a folder",
    "thumbs.db": "the cache of picture thumbnails Windows keeps in a folder",
    "ehthumbs.db": "the cache of video thumbnails Windows keeps in a folder",
    "ehthumbs_vista.db": "the cache of video thumbnails Windows keeps in a folder",
    "icon\r": "the file macOS keeps a folder's own icon in",
}
#: What Windows keeps of where a downloaded file came from, a stream of the file that
#: becomes a file beside it when copied out of Windows (into WSL's Linux, by some
#: archivers): "story.pdf:Zone.Identifier", holding "[ZoneTransfer]" and the web address.
_ZONE_MARK = ":zone.identifier"
#: Folders Windows keeps at the top of every drive, by their name in lower case: a drive
#: (a USB stick of articles) given as the source holds them.
_SYSTEM_FOLDERS = {
    "$recycle.bin": "the folder Windows keeps a drive's deleted files in",
    "system volume information": "the folder Windows keeps a drive's restore points and "
                                 "search index in",
}
#: A skipped input or note as the store and the reports hold it: path, reason, "indexed".
_Row = TypeVar("_Row", bound=Mapping[str, Any])
_SNIFF_BYTES = 4096
#: Why a file listed by the walk is not read: it was renamed or removed before its turn.
_WENT_AWAY = ("went away while the folder was being read (renamed or removed meanwhile); "
              "the next add or run takes the folder as it is then")
#: How far into a text its title is looked for, past a line holding its date alone.
_HEAD_CHARS = 2000
#: The remedy for a file over the size limit, which no collection command can raise.
_SPLIT_IT = "split it into articles: a collection reads no file over the limit"


@dataclass(frozen=True)
class _Listed:
    """What metadata.csv says about one file ("" where a column is absent or empty)."""

    id: str
    series: str
    date: str
    title: str
    row: str


class FolderSource:
    """A folder of article files (or one article file); `read()` yields (article or
    skipped file, bytes read so far)."""

    def __init__(self, path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self.notes: list[Skipped] = []
        #: The first hidden file or folder passed over (its name starts with "."), if any.
        self.hidden = ""
        #: The sub-folders (relative, in "/" form) that could not be opened.
        self.unread_folders: set[str] = set()
        #: The files (relative, in "/" form) listed in a folder that could not be entered.
        self.unread_files: set[str] = set()
        #: The source folder's name, read for a date as its sub-folders' names are, when it
        #: is a date or part of one alone (`_dated_folder_name`); else none.
        self.dated_name: tuple[str, ...] = ()
        if os.path.isdir(path):
            self.root = path
            self.dated_name = _dated_folder_name(path)
            self.files = self._walk()
            if not self.files:
                self._refuse_no_files()
            self.listed = self._metadata()
        else:  # a single article file
            self.root = os.path.dirname(path) or "."
            self.files = [(os.path.basename(path), _size(path))]
            self.listed = {}
        self.size = sum(size for _, size in self.files)

    def _refuse_no_files(self) -> None:
        """`SourceError` for the folder, which holds no file to read: but when it holds
        folders that are not read ($RECYCLE.BIN, one that cannot be opened), which
        `read_sources` tells as what they are."""
        path = self.path
        if os.path.isfile(os.path.join(path, METADATA_NAME)):
            raise SourceError(f"{path}: the folder holds only {METADATA_NAME}, none of "
                              "the articles it lists (put them beside it)")
        if self.notes:
            return
        if self.hidden:
            raise SourceError(f"{path}: the folder holds no files but hidden ones "
                              f"(such as {self.hidden}, which are not read: put the "
                              "articles in it, or give their folder)")
        raise SourceError(f"{path}: the folder holds no files (put the articles in it, "
                          "or give their folder)")

    def _walk(self) -> list[tuple[str, int]]:
        """(path relative to the root in "/" form, size) of every visible file, sorted."""
        found: list[tuple[str, int]] = []
        pending = [""]
        # Links to folders, walked after the folders themselves: a folder both in the
        # source and linked to ("latest" -> "xinhua") is read under its own name, and its
        # articles' ids and series stay when the link is pointed elsewhere.
        linked: list[str] = []
        visited: set[str] = set()
        while pending or linked:
            relative = pending.pop() if pending else linked.pop()
            folder = os.path.join(self.root, relative)
            # A linked folder is read once, wherever links lead (a link to a parent loops).
            real = os.path.realpath(folder)
            if real in visited:
                continue
            visited.add(real)
            try:
                # Sorted, and folders taken in name order below, so that which path of a
                # linked folder is read does not depend on the file system's order.
                entries = sorted(os.scandir(folder), key=lambda e: e.name, reverse=True)
            except OSError as exc:
                if not relative:
                    raise SourceError(f"{self.path}: cannot be read "
                                      f"({os_problem(exc)})") from None
                if isinstance(exc, FileNotFoundError):
                    # Renamed or removed since its folder was listed, as a file can be:
                    # not one there but unreadable, whose articles a store keeps.
                    self.notes.append(Skipped(folder, _WENT_AWAY, gone=True))
                    continue
                # Not an empty folder: what a store read from it before stays.
                self.unread_folders.add(relative)
                self.notes.append(Skipped(folder, f"folder cannot be read "
                                                  f"({os_problem(exc)}"
                                                  f"{_what_to_do(exc)})",
                                          unreadable=True))
                continue
            names = {entry.name for entry in entries}
            for entry in entries:
                name = f"{relative}/{entry.name}" if relative else entry.name
                if entry.name.startswith("."):
                    self.hidden = self.hidden or name
                    continue
                if entry.name.lower().endswith(_ZONE_MARK):
                    # Part of another file, as a Mac's "._" files are: passed over as they are.
                    continue
                try:
                    if entry.is_dir():
                        page = _saved_page(entry.name, names)
                        system = _SYSTEM_FOLDERS.get(entry.name.lower())
                        if page:
                            self.notes.append(Skipped(entry.path, f"is the folder a browser "
                                                                  f"saved {page} with (its "
                                                                  "images, scripts and "
                                                                  "frames); not read"))
                        elif system:
                            self.notes.append(Skipped(entry.path, f"is {system}; not read"))
                        else:
                            (linked if entry.is_symlink() else pending).append(name)
                    elif entry.is_symlink() and not os.path.exists(entry.path):
                        self.notes.append(Skipped(entry.path, "is a link to nothing (what "
                                                              "it named is gone)"))
                    elif name != METADATA_NAME:
                        # A named pipe or a device too: reading it refuses it, unopened.
                        found.append((name, entry.stat().st_size))
                except FileNotFoundError:
                    self.notes.append(Skipped(entry.path, _WENT_AWAY, gone=True))
                except OSError as exc:
                    # A folder that can be listed but not entered (no "x"): its files are
                    # there, what a store read from them stays.
                    self.unread_files.add(name)
                    self.notes.append(Skipped(entry.path, f"cannot be read "
                                                          f"({os_problem(exc)}"
                                                          f"{_what_to_do(exc)})",
                                              unreadable=True))
        found.sort()
        return self._once_each(found)

    def _once_each(self, found: list[tuple[str, int]]) -> list[tuple[str, int]]:
        """`found` less the files that are another of them under a second name (a link, a
        hard link): one article read twice would be listed as a pair sharing everything."""
        first: dict[tuple[int, int], str] = {}
        kept = []
        # The file's own name first, then names through links (sorted() is stable).
        for name, size in sorted(found, key=lambda file: self._through_link(file[0])):
            path = os.path.join(self.root, *name.split("/"))
            try:
                info = os.stat(path)
            except OSError:
                kept.append((name, size))  # told when it is read
                continue
            same = first.setdefault((info.st_dev, info.st_ino), name)
            if same == name:
                kept.append((name, size))
            else:
                self.notes.append(Skipped(path, f"is the same file as {same} (a link to it); "
                                                "read once"))
        return sorted(kept)

    def _through_link(self, name: str) -> bool:
        """Whether the file `name` is reached through a link (it, or a folder it is in)."""
        path = os.path.join(self.root, *name.split("/"))
        return os.path.realpath(path) != os.path.join(os.path.realpath(self.root),
                                                      *name.split("/"))

    def _metadata(self) -> dict[str, _Listed]:
        path = os.path.join(self.root, METADATA_NAME)
        if not os.path.isfile(path):
            not_read = _metadata_not_a_file(path)
            if not_read is not None:
                self.notes.append(not_read)
            return {}
        listed: dict[str, _Listed] = {}
        names = {name for name, _ in self.files}
        exact, folded = _spellings(names)
        try:
            with open(path, "rb") as raw:
                text = self._metadata_text(raw.read(), path, exact, folded)
            rows, columns, skipped = _csv_rows(text)
            opened = quote_left_open(text, rows.reader.dialect.delimiter)
            if opened:
                raise SourceError(f"{path}:{opened}: opens a quoted cell (\") that is never "
                                  "closed, so every line after it is read as part of that "
                                  "cell; close the quote, or remove it")
            if "file" not in columns:
                raise SourceError(f"{path}: has no \"file\" column (its first line should "
                                  "name the columns: file,id,series,date)")

            def cell(row: dict[str, str], column: str) -> str:
                value = row.get(columns.get(column, ""), "")
                return value.strip() if isinstance(value, str) else ""

            for row in rows:
                if _blank(row):
                    continue
                where = f"{path}:{rows.line_num + skipped}"
                name = self._folder_name(cell(row, "file"), exact, folded)
                if name in ("", "."):
                    self.notes.append(Skipped(where, "names no file"))
                elif self._unreadable(name):
                    # The row is not at fault: the file's or its folder's own line tells
                    # why it is not read (and that a store keeps its article).
                    continue
                elif name not in names:
                    self.notes.append(Skipped(where, self._not_read(name)))
                elif name in listed:
                    self.notes.append(Skipped(where, f"lists {name} a second time (the "
                                                     f"first, {listed[name].row}, is used)"))
                else:
                    unread = unread_date(cell(row, "date"), "dated by its file name, "
                                                            "page or text instead, if they "
                                                            "give one")
                    if unread:
                        self.notes.append(Skipped(where, unread, indexed=True))
                    # A spreadsheet cell may hold a line break (Alt+Enter): a series
                    # or title is one line, as it is shown and grouped.
                    listed[name] = _Listed(cell(row, "id"), " ".join(cell(row, "series").split()),
                                           iso_date(cell(row, "date")),
                                           " ".join(cell(row, "title").split()), where)
        except OSError as exc:
            # Not the file's format: "save it as UTF-8" was the advice for a file that
            # could not be opened at all.
            raise SourceError(f"{path}: cannot be read ({os_problem(exc)}); check the "
                              "file's permissions, or move it out of the folder to read "
                              "the articles without it") from None
        except (LoadError, csv.Error) as exc:
            raise SourceError(f"{path}: cannot be read as CSV ({exc}); save it as UTF-8 "
                              "with the columns file,id,series,date") from None
        return listed

    def _metadata_text(self, data: bytes, path: str, exact: dict[str, str],
                       folded: dict[str, str]) -> str:
        """The text of metadata.csv (`data`), decoded as an article's is: UTF-8 or UTF-16
        ("Unicode text"), with or without a byte-order mark, or the system's code page
        (cp1252, GBK, Big5) as a spreadsheet saves it. A row or two of a code page give the
        detector too little to go on (新聞 in Big5 read as cp1252, "·s»D"): then the
        reading in the code page whose rows name the most of the folder's files is taken."""
        text = decode_text(data, path).removeprefix("\ufeff")
        if b"\x00" in data or _strictly(data, "utf-8") is not None:
            return text  # Unicode: no code page to choose
        readings = [text, *(reading for reading in (_strictly(data, code_page)
                                                    for code_page in _CODE_PAGES)
                            if reading is not None)]
        # The detector's reading where no other names more files.
        return max(readings, key=lambda reading: self._files_named(reading, exact, folded))

    def _files_named(self, text: str, exact: dict[str, str], folded: dict[str, str]) -> int:
        """How many rows of metadata.csv, read as `text`, name a file of the folder."""
        names = set(exact.values())
        try:
            rows, columns, _ = _csv_rows(text)
            column = columns.get("file")
            return 0 if column is None else sum(
                self._folder_name((row.get(column) or "").strip(), exact, folded) in names
                for row in rows)
        except csv.Error:
            return 0

    def _folder_name(self, written: str, exact: dict[str, str], folded: dict[str, str]) -> str:
        """The folder's file a metadata.csv row names as `written` (`_listed_name`, then
        `_spellings`), or the name as written when the folder has none such."""
        name = self._listed_name(written)
        normal = unicodedata.normalize("NFC", name)
        return exact.get(normal) or folded.get(normal.casefold(), name)

    def _not_read(self, name: str) -> str:
        """Why the file `name` a metadata.csv row lists is none of the folder's files."""
        parts = name.split("/")
        path = os.path.join(self.root, *parts)
        if ".." in parts or os.path.isabs(name):
            pass  # outside the folder
        elif os.path.isdir(path):
            return f"lists {name}, which is a folder, not a file (list each of its files)"
        elif os.path.lexists(path) and any(part.startswith(".") for part in parts):
            return (f"lists {name}, which is hidden (its name or a folder's starts with "
                    "\".\") and not read (name it without the dot)")
        hint = _relative_hint(name) or self._stem_hint(name)
        return f"lists {name}, which is not in the folder{hint}"

    def _unreadable(self, name: str) -> bool:
        """Whether the file `name` (relative, in "/" form) is one the walk found but could
        not read, or is in a sub-folder it could not open."""
        return name in self.unread_files or any(
            str(folder) in self.unread_folders for folder in PurePosixPath(name).parents)

    def _stem_hint(self, name: str) -> str:
        """For a file a metadata.csv row lists without its extension (c for c.txt): the
        one file of the folder it then names, as a hint; "" when none or several do."""
        named = self._files_by_stem.get(name, [])
        return (f" (write the file's whole name, {named[0]}, with its extension)"
                if len(named) == 1 else "")

    @cached_property
    def _files_by_stem(self) -> dict[str, list[str]]:
        """The folder's files by their path without the extension, made once: looked up
        for each row, a metadata.csv of 10,000 rows written without extensions took
        minutes to compare with 10,000 files before any article was read."""
        by_stem: dict[str, list[str]] = {}
        for file, _ in self.files:
            by_stem.setdefault(_without_extension(PurePosixPath(file)), []).append(file)
        return by_stem

    def _listed_name(self, written: str) -> str:
        """The file a metadata.csv row names, as the folder's walk names it: relative to
        the folder in "/" form. A full path to a file in the folder (as a script listing
        them writes it) is taken relative to it."""
        if os.path.isabs(written):
            # The folders resolved, not the file: a file that is a link keeps its name.
            root = os.path.realpath(self.root)
            folder = os.path.realpath(os.path.dirname(written))
            if folder == root or folder.startswith(root + os.sep):
                written = os.path.relpath(os.path.join(folder, os.path.basename(written)), root)
        return PurePosixPath(written.replace("\\", "/")).as_posix()

    def read(self) -> Iterator[tuple[Article | Skipped, int]]:
        done = 0
        for note in self.notes:
            yield note, done
        for name, size in self.files:
            done += size
            article, told = self._article(name)
            if told is not None:
                yield told, done
            yield article, done

    def _article(self, name: str) -> tuple[Article | Skipped, Skipped | None]:
        """The file's article (or why it is skipped), and a note on how it was read."""
        path = os.path.join(self.root, *name.split("/"))
        relative = PurePosixPath(name)
        if relative.name == METADATA_NAME:  # in a sub-folder: the top's alone is read
            return Skipped(path, f"is not read: only the {METADATA_NAME} at the top of a "
                                 f"source folder is (give {os.path.dirname(path)} as a "
                                 "source of its own, or move its rows into "
                                 f"{os.path.join(self.root, METADATA_NAME)} with the paths "
                                 "from there)"), None
        no_article = _no_article_by_name(relative)
        if no_article:
            return Skipped(path, no_article), None
        try:
            document = load_document(path, self.max_bytes)
        except LoadError as exc:
            if not os.path.lexists(path):
                return Skipped(path, _WENT_AWAY, gone=True), None
            # The hint on a file the system will not open says what mends it; the others
            # say what to open instead, which fits no file a store keeps the article of.
            opens = os.access(path, os.R_OK)
            # Nor a file met in a folder, which nobody chose to open.
            hint = (_SPLIT_IT if isinstance(exc, TooLarge) else "" if exc.instead
                    else exc.hint)
            return Skipped(path, exc.problem + (f" ({hint})" if hint else ""),
                           unreadable=True,
                           problem=exc.problem if hint and opens else ""), None
        text = document.text
        listed = self.listed.get(name)
        date = listed.date if listed else ""
        title = listed.title if listed else ""
        named = ""  # a date the file's name writes that is no real date (2023-13-45)
        if not date:
            folders = (*self.dated_name, *relative.parent.parts, *_day_named(relative.stem))
            date = date_in_name(relative.name) or _folders_date(folders)
            named = "" if date else unreal_date_in_name(relative.name)
        # A date the page writes that cannot be read one way only, or is out of range.
        unread = out_of_range = ""
        if not (date and title):
            page = self._page_facts(path)
            date, title = date or page.date, title or page.title
            unread, out_of_range = ("", "") if date else (page.unread, page.out_of_range)
        date = date or stated_date(text)
        instead = f"dated {date} by its text" if date else "undated"
        note = (Skipped(path, unread_date(unread, instead), indexed=True) if unread
                else Skipped(path, _out_of_range_note(out_of_range, instead), indexed=True)
                if out_of_range
                else Skipped(path, f"its name has the date {named!r}, which is no real date; "
                                   f"the article is indexed {instead}", indexed=True)
                if named else None)
        return Article(
            id=(listed.id if listed and listed.id else _without_extension(relative)),
            id_from_path=not (listed and listed.id),
            series=(listed.series if listed and listed.series
                    else _series_folder(relative.parent.parts)),
            date=date, text=text, path=path,
            title=title or _title_of_text(text)), note

    def _page_facts(self, path: str) -> PageFacts:
        """Date and title from the file itself when it is an HTML page, or Markdown with
        front matter."""
        try:
            with open(path, "rb") as handle:
                head = handle.read(_SNIFF_BYTES)
                kind = sniff_format(head, os.path.splitext(path)[1], path)
                if kind not in ("html", "markdown"):
                    return PageFacts("", "")
                data = head + handle.read(self.max_bytes)
            if kind == "markdown":
                return front_matter_date_and_title(decode_text(data, path))
        except (OSError, LoadError):
            return PageFacts("", "")
        return page_date_and_title(data, path)


def _what_to_do(error: OSError) -> str:
    """What to do about a folder that cannot be opened for `error`, after a "; "."""
    return "; check the folder's permissions" if isinstance(error, PermissionError) else ""


def _no_article_by_name(name: PurePosixPath) -> str:
    """Why the file `name` is no article, as its name tells ("" when it may be one)."""
    if _is_data_file(name):
        return "is a data file, not an article (give a JSON-lines file as a source of its own)"
    part = _PAGE_PART_SUFFIXES.get(name.suffix.lower())
    if part:
        return f"is {part} of a web page, not an article"
    copy = _editor_copy(name.name) or _system_file(name.name)
    return f"is {copy}, not an article" if copy else ""


def kept_by_the_system(path: str) -> bool:
    """Whether the skipped file or folder at `path` is one an operating system keeps in
    every folder or on every drive (Thumbs.db, desktop.ini, $RECYCLE.BIN), by its name."""
    name = os.path.basename(path).lower()
    return name in _SYSTEM_FILES or name in _SYSTEM_FOLDERS


def system_kept(paths: Sequence[str]) -> str:
    """What the skipped `paths`, all files or folders an operating system keeps, are, in
    a few words: "20 files the operating system keeps (Thumbs.db, desktop.ini)"."""
    folders = sum(1 for path in paths if os.path.basename(path).lower() in _SYSTEM_FOLDERS)
    kinds = [counted(count, noun) for count, noun in ((len(paths) - folders, "file"),
                                                      (folders, "folder")) if count]
    names = dict.fromkeys(os.path.basename(path) for path in paths)
    return (f"{' and '.join(kinds)} the operating system keeps "
            f"({', '.join(map(printable, names))})")


def told_rank(path: str, indexed: bool) -> int:
    """Where a skipped input or note (`indexed`) at `path` comes in `in_told_order`."""
    if indexed:
        return 2
    if kept_by_the_system(path):
        return 3
    return 1 if _no_article_by_name(PurePosixPath(os.path.basename(path))) else 0


def in_told_order(rows: Sequence[_Row]) -> list[_Row]:
    """The skipped inputs and notes `rows` (path, reason, "indexed" for a note) in the
    order they are told: first what may be an article but could not be read (an empty
    PDF, a malformed line), then files whose name says they are no article, then the notes
    on articles indexed all the same, last the files the operating system keeps, which a
    folder copied from Windows holds in every sub-folder and would else hide the rest.
    Within each, in the order they were met."""
    return sorted(rows, key=lambda row: told_rank(str(row.get("path", "")),
                                                  bool(row.get("indexed"))))


def _title_of_text(text: str) -> str:
    """The title of an article whose file states none: its first line, less the date label
    and date it opens with ("date 2023-03-02 Promoting ..."); the next line when it holds
    nothing but them ("date 2023-03-02", then the headline), as every such article would
    else be listed by its date alone."""
    line = first_line(text)
    title = without_stated_date(line)
    if title != line or not stated_date(line):
        return title
    lines = [shown for shown in map(first_line, text[:_HEAD_CHARS].splitlines()) if shown]
    return lines[1] if len(lines) > 1 else line


def _out_of_range_note(date: str, instead: str) -> str:
    """What to tell of a page that states the date `date`, before 1995 or after today,
    which is not taken for its date (`page_facts._out_of_range`); the article is indexed
    `instead`."""
    return (f"its page states the date {date}, before 1995 or after today, which is not "
            f"taken from a page (give it in {METADATA_NAME} to use it); the article is "
            f"indexed {instead}")


def _metadata_not_a_file(path: str) -> Skipped | None:
    """Why the metadata.csv at `path` is not read when it is a named pipe or a device (a
    pipe would wait for a writer forever); None when it is absent, or is a folder or a
    link to nothing (the walk reads or tells those)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISDIR(mode):
        return None
    try:
        refuse_non_regular(path, mode)
    except LoadError as exc:
        return Skipped(path, f"{exc.problem}; the articles are read without the ids, "
                             "series and dates it would give (save it as a file)")
    return None


def _spellings(names: set[str]) -> tuple[dict[str, str], dict[str, str]]:
    """The folder's file `names` by how a metadata.csv row may write them: in NFC (macOS
    writes é as e and an accent, a spreadsheet as one character; the two look alike), and
    by that case-folded, where no other name differs from it only in case (Windows and
    macOS match names so, and a list made there writes b.txt as B.TXT all the same)."""
    exact = {unicodedata.normalize("NFC", name): name for name in names}
    alike: dict[str, list[str]] = {}
    for written, name in exact.items():
        alike.setdefault(written.casefold(), []).append(name)
    return exact, {key: same[0] for key, same in alike.items() if len(same) == 1}


def _relative_hint(name: str) -> str:
    """For a file a metadata.csv row lists that the folder lacks: how it is to be written,
    when it is written as a full path (which is not in the folder)."""
    if PurePosixPath(name).is_absolute() or re.match(r"[A-Za-z]:/", name):
        return f" (write its path relative to the folder {METADATA_NAME} is in)"
    return ""


def _blank(row: dict[str, str]) -> bool:
    """Whether a metadata.csv row holds nothing but separators (",,,"): a spreadsheet
    saves one for each row it formatted or emptied below the last, as a blank line is."""
    return all(not cell.strip() for cell in row.values() if isinstance(cell, str))


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


_SEPARATOR_LINE = re.compile(r"sep=(.)", re.IGNORECASE)
# What ends a file's name as its type: a dot, a letter, up to nine letters or digits more.
_EXTENSION = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,9}")
# A name of digits alone, or with a date's separators between them: 2023-03-09, 2023年3月.
_DATE_PARTS = re.compile(r"\d+(?:[-_.年月]\d+)*[月日]?")
# A folder of a month's articles: 2023-03, 2023_03, 2023.3, 2023年3月.
_YEAR_MONTH = re.compile(r"(\d{4})(?:[-_.](\d{1,2})|年(\d{1,2})月)")


def _without_extension(relative: PurePosixPath) -> str:
    """The file at `relative` (below the source) as an id: its path without its extension,
    when it has one. A name with no extension may hold a dot all the same: cut at it, "Mr.
    Smith goes" was "Mr", and the pages wget saves as "article.php?id=5" and "?id=6" were
    both "article", which stopped the run as an id used twice."""
    if _EXTENSION.fullmatch(relative.suffix):
        return relative.with_suffix("").as_posix()
    return relative.as_posix()


def _saved_page(folder: str, names: set[str]) -> str:
    """The page (among `names`, beside it) a browser saved the folder `folder` with, when
    it is one's "NAME_files"; else ""."""
    if not folder.endswith(_PAGE_PARTS_FOLDER):
        return ""
    stem = folder.removesuffix(_PAGE_PARTS_FOLDER)
    return next((stem + suffix for suffix in _PAGE_NAMES if stem + suffix in names), "")


def _is_data_file(name: PurePosixPath) -> bool:
    """Whether the file `name` is tabular or JSON data, gzipped too (feed.jsonl.gz, as
    passim's exports are): told "a gzip archive (unpack it first)", it was then skipped
    unpacked as a data file all the same; one named .gz but not gzipped was read as an
    article of JSON."""
    inner = name.with_suffix("") if name.suffix.lower() == ".gz" else name
    return inner.suffix.lower() in _DATA_SUFFIXES


def _editor_copy(name: str) -> str:
    """What an editor's own file named `name` is ("" for any other name): a backup
    (report.txt~) or auto-save (#report.txt#) beside the article, read as an article with
    its id would make the run refuse the id as used twice; Word's lock file (~$report.docx)
    holds no text."""
    if name.startswith("~$"):
        return "the lock file Word keeps beside an open document"
    if name.endswith("~") or len(name) > 2 and name.startswith("#") and name.endswith("#"):
        return "an editor's backup or auto-save copy"
    return ""


def _system_file(name: str) -> str:
    """What a file named `name` that the system, not the user, put among the articles is
    ("" for any other name): read as text, a folder's settings or a saved link to a page
    was listed as an article titled "[InternetShortcut]"; Windows' thumbnail cache was
    skipped as "an old Word (.doc) or Office file", which its format is."""
    if name.lower() in _SYSTEM_FILES:
        return _SYSTEM_FILES[name.lower()]
    if PurePosixPath(name).suffix.lower() in _LINK_SUFFIXES:
        return "a link to a web page (save the page itself to read it)"
    return ""


def _folders_date(folders: tuple[str, ...]) -> str:
    """The date the names of `folders` (below the source) give: the last folder's that
    writes one, else one written across them, 2023/03/05/ as a site's archive lays it out,
    or 2023/0305/ and 202303/05/ (People's Daily's and China Daily's pages' paths)."""
    return (next((d for d in map(date_in_name, reversed(folders)) if d), "")
            or date_in_name("-".join(folders)) or date_in_name(_digits_joined(folders)))


def _day_named(stem: str) -> tuple[str, ...]:
    """The file name `stem` as the last part of a date laid out across folders, when it is
    a day or a month and day alone, written as dates are, with two digits each
    (2023/03/09.txt, 2023/0309.txt); else (). Other numbers are articles': 2023/03/7.txt is
    the seventh of March's articles as often as the seventh of March, and
    2023/03/120000.txt is no 12 March."""
    return (stem,) if stem.isdigit() and len(stem) in (2, 4) else ()


def _dated_folder_name(folder: str) -> tuple[str, ...]:
    """The name of the source `folder` when it is a date or part of one and nothing else
    (2023-03-09, 20230309, 2023年3月9日; 2023 or 2023-03 above 03/09/ or 09/), to date its
    files as a sub-folder so named does; else (). A name with words too (crawl_2024-05-01)
    may tell when the collection was made rather than when its articles were written."""
    name = os.path.basename(os.path.abspath(folder))
    return (name,) if _DATE_PARTS.fullmatch(name) else ()


def _digits_joined(folders: tuple[str, ...]) -> str:
    """`folders` joined with "-", but those next to each other that are digits alone with
    nothing between them (2023/0305 -> "20230305")."""
    joined = ""
    for before, folder in zip(("", *folders), folders, strict=False):
        joined += "" if not before or (before.isdigit() and folder.isdigit()) else "-"
        joined += folder
    return joined


def _series_folder(folders: tuple[str, ...]) -> str:
    """The series of a file in `folders` (below the source): the first of them that is no
    date and no part of one (2023-03-05, 2023/03/05 give dates, not series), else ""."""
    return next((f for f in folders
                 if not (f.isdigit() or date_in_name(f) or _is_month(f))), "")


def _is_month(folder: str) -> bool:
    """Whether a folder's name is a year and month (2023-03, 2023年3月), part of a date."""
    match = _YEAR_MONTH.fullmatch(folder)
    return match is not None and 1 <= int(match.group(2) or match.group(3)) <= 12


#: The code pages a spreadsheet saves "CSV" in, by the system's language: Chinese
#: (simplified, traditional), Japanese, Korean, Cyrillic, Western.
_CODE_PAGES = ("gb18030", "cp950", "cp932", "cp949", "cp1251", "cp1252")


def _strictly(data: bytes, encoding: str) -> str | None:
    """`data` decoded in `encoding`, or None when it holds bytes that encoding has not."""
    try:
        return data.decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError:
        return None


def _csv_rows(text: str) -> tuple[csv.DictReader[str], dict[str, str], int]:
    """The rows of metadata.csv's `text`, its columns by their names (stripped and in
    lower case), and how many lines come before the one naming them."""
    handle = io.StringIO(text, newline="")
    # Excel writes, and reads, a first line "sep=;" naming the separator: the columns are
    # named on the line after it.
    first = handle.readline()
    hint = _SEPARATOR_LINE.fullmatch(first.rstrip("\r\n"))
    if hint:
        delimiter, skipped = hint.group(1), 1
    else:
        delimiter, skipped = _delimiter(first), 0
        handle.seek(0)
    rows = csv.DictReader(handle, delimiter=delimiter)
    columns = {(name or "").strip().lower(): name for name in rows.fieldnames or ()}
    return rows, columns, skipped


def _delimiter(header: str) -> str:
    """The separator of a CSV file whose first line is `header`: a comma, or what names a
    "file" column (a spreadsheet set to a European language writes semicolons); a column's
    name may be quoted, with spaces inside the quotes ("File ") as outside."""
    for separator in ",;\t":
        if "file" in (name.strip().strip('"').strip().lower()
                      for name in header.split(separator)):
            return separator
    return ","
