"""The collection store: one SQLite database on disk holding a collection and its results.

Why SQLite: it is in the standard library, it is a real transactional database in one file
(an interrupted write, even `kill -9`, leaves the store as it was at the last commit), and
the window reads it while nothing else runs. The engine writes; everyone else reads.

Layout (schema version `SCHEMA_VERSION`, in `PRAGMA user_version`; `APPLICATION_ID` marks
the file as a Tandem store):
- `documents`: one row per article: `num` (the engine's document number), `id`, `series`,
  `date`, `path`, `title`, `text`, `hash` (of the text), `chars`, `words`, `language`.
- `vocabulary`: the match key of every token id; `tokens`: per document its token ids,
  starts and ends and its distinct n-gram hashes (numpy arrays as BLOBs).
- `passages`: what the two-text matcher found for every aligned pair (`x` < `y` are
  document numbers), before boilerplate and formulations are taken out; `words` as
  `compare()` counts them, `short_words` on the shorter side, `surplus` the bits of
  evidence beyond chance for the two texts.
- `meta`: facts about how the store was built: `gram_n` (the index's n-gram length),
  `matcher` (the `MATCHER_VERSION` that aligned its passages; another one aligns them all
  again at the next `add`), `keys` (the `KEYS_VERSION` of the vocabulary's match keys;
  another one reads every stored text again at the next `add`, see `rekey`),
  `formulations_readings` (articles of each reading, `readings.by_reading`, at the last full
  search, as JSON), `formulations_pairwise` (the readings that search read two by two,
  `few_articles.reads_two_by_two`, as JSON), `formulations_finder` (the `FINDER_VERSION`
  that found the formulations; another one finds them afresh at the next `add`),
  `formulations_left_out` ("1" when they were left out, `--no-formulations`: every `add`
  leaves them out too, until `--refind`).
- `result_*`: the finished results, in the order they are shown: `result_pairs`,
  `result_clusters`, `result_formulations`, `result_boilerplate`, plus `skipped`.
  The window lists these directly, so opening an indexed store is fast.

Read API (what the window and `tandem compare --collection` use)::

    store = CollectionStore.open(path)              # read-only; StoreError if unusable
    with store.snapshot(): ...                      # reads that must agree with each other
    store.documents()  -> list[DocumentRow]
    store.pairs()      -> list[PairRow]              # ranked, contract fields
    store.clusters()   -> list[dict]                 # contract dicts
    store.formulations() -> list[dict]
    store.boilerplate() -> list[dict]
    store.skipped()    -> list[dict]                 # path, reason, indexed (a note)
    store.pair_passages(id_a, id_b) -> list[dict]    # {"a": [s, e], "b": [s, e], "words"}
    store.partners(id) -> list[str]                  # the articles listed pairs join to it
    store.text(doc_id) -> str
    store.passage_text(doc_id, span) -> str
    store.report()     -> dict                       # the JSON contract "collection", v1

Write API (the engine, `viewer.collection.engine`; another engine such as the Spark job can
fill a store the same way), always inside `with store.transaction():`::

    store = CollectionStore.create_or_open(path)
    store.put_document(num, values, ids, starts, ends, grams)   # text, tokens, n-grams
    store.add_vocabulary(first_id, keys)
    store.replace_vocabulary(keys)   # every text read again (`viewer.collection.rekey`)
    store.put_tokens(num, ids, starts, ends, grams)
    store.add_passages(rows)         # (x, y, x0, x1, y0, y1, words, short_words, surplus)
    store.set_results(pairs, clusters, formulations, boilerplate)   # the finished tables
    store.set_skipped(rows)
"""

from __future__ import annotations

import contextlib
import json
import os
import pathlib
import shlex
import sqlite3
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

from viewer.core.errors import OutputError, TandemError, os_problem, printable

SCHEMA_VERSION = 1
#: "Tndm" as a 32-bit integer: tells a Tandem store from any other SQLite file.
APPLICATION_ID = 0x546E646D

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    num INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, series TEXT NOT NULL,
    date TEXT NOT NULL, path TEXT NOT NULL, title TEXT NOT NULL, text TEXT NOT NULL,
    hash TEXT NOT NULL, chars INTEGER NOT NULL, words INTEGER NOT NULL,
    language TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS documents_hash ON documents (hash);
CREATE TABLE IF NOT EXISTS vocabulary (id INTEGER PRIMARY KEY, key TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tokens (num INTEGER PRIMARY KEY, ids BLOB NOT NULL,
    starts BLOB NOT NULL, ends BLOB NOT NULL, grams BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS passages (x INTEGER NOT NULL, y INTEGER NOT NULL,
    x0 INTEGER NOT NULL, x1 INTEGER NOT NULL, y0 INTEGER NOT NULL, y1 INTEGER NOT NULL,
    words INTEGER NOT NULL, short_words INTEGER NOT NULL, surplus REAL NOT NULL);
CREATE INDEX IF NOT EXISTS passages_x ON passages (x);
CREATE INDEX IF NOT EXISTS passages_y ON passages (y);
CREATE TABLE IF NOT EXISTS skipped (path TEXT NOT NULL, reason TEXT NOT NULL,
    indexed INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS result_pairs (rank INTEGER PRIMARY KEY, a TEXT NOT NULL,
    b TEXT NOT NULL, shared_a REAL NOT NULL, shared_b REAL NOT NULL, words INTEGER NOT NULL,
    passages TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS result_pairs_a ON result_pairs (a);
CREATE INDEX IF NOT EXISTS result_pairs_b ON result_pairs (b);
CREATE TABLE IF NOT EXISTS result_clusters (id INTEGER PRIMARY KEY, first TEXT NOT NULL,
    documents INTEGER NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS result_formulations (rank INTEGER PRIMARY KEY,
    phrase TEXT NOT NULL, documents INTEGER NOT NULL, count INTEGER NOT NULL,
    data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS result_boilerplate (rank INTEGER PRIMARY KEY, series TEXT NOT NULL,
    text TEXT NOT NULL, documents INTEGER NOT NULL);
"""


#: A row of the `passages` table: (x, y, x0, x1, y0, y1, words, short_words, surplus).
PassageRow = tuple[int, int, int, int, int, int, int, int, float]


#: The meta entry saying the formulations were left out (`--no-formulations`): "1".
FORMULATIONS_LEFT_OUT = "formulations_left_out"


def with_left_out(report: dict[str, Any], left_out: bool) -> dict[str, Any]:
    """`report` (the JSON contract "collection"), with "formulations_left_out": true after
    its formulations when they were left out; as it was otherwise."""
    if not left_out:
        return report
    at = list(report).index("formulations") + 1
    items = list(report.items())
    return dict([*items[:at], ("formulations_left_out", True), *items[at:]])


class StoreError(TandemError):
    """A store that cannot be used: missing, corrupt, not a Tandem store, another version."""


class UnusableStore(StoreError):
    """A file where a store is that no Tandem of this version can read: damaged, not a
    Tandem store, or a store of another version. It is left as it is; where it is only a
    cache (the one-shot command's, the window's), the user may set it aside
    (`set_aside`) and index the sources afresh."""


class NotAStore(UnusableStore):
    """A file where a store is asked for that is no Tandem collection store at all: another
    SQLite database (`database`), or no database (a text, an article, a report). Its
    message is the command line's; the window says it in its own terms."""

    def __init__(self, message: str, path: str, database: bool) -> None:
        super().__init__(message)
        self.path = path
        self.database = database


#: What a store's file is named with. A file so named is taken for a store (and told it
#: is none when it is not), never for a collection's articles.
STORE_SUFFIXES = (".sqlite", ".sqlite3", ".db", ".tandem")


#: What a store set aside is renamed with (its SQLite side files follow it).
SET_ASIDE_SUFFIX = ".damaged"


#: The files of a store at a path: itself and its SQLite side files.
_SIDE_FILES = ("", "-wal", "-shm", "-journal")


def refuse_side_file_output(out: str, store: str) -> None:
    """`OutputError` when the output `out` names one of the SQLite side files of the store
    at `store` ("-wal", "-shm", "-journal"), there or not: SQLite deletes such a file when
    a transaction ends, or reads what it finds there as the store's unfinished changes."""
    given = os.path.realpath(out)
    for side in _SIDE_FILES[1:]:
        if given in (os.path.realpath(store + side), os.path.realpath(store) + side):
            raise OutputError(printable(out), f"is the store's SQLite {side} file, which "
                              "SQLite deletes or reads as the store's own",
                              "choose another name for the output")


def remove_unused_store(path: str) -> None:
    """Remove the store at `path` with its side files (a store a failed first run made),
    unless another tandem has made it its own meanwhile: it holds articles, or another
    connection has it open (an add into it still under way)."""
    if os.path.exists(path) and (_holds_articles(path) or _open_elsewhere(path)):
        return
    for side in _SIDE_FILES:
        with contextlib.suppress(OSError):
            os.remove(path + side)


def _holds_articles(path: str) -> bool:
    try:
        with contextlib.closing(sqlite3.connect(path, timeout=0)) as connection:
            return bool(connection.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:  # no table yet, or no database: nothing of anyone's
        return False


def _open_elsewhere(path: str) -> bool:
    """Whether another connection has the store at `path` open: SQLite leaves the WAL
    journal mode only for a connection that has the database to itself."""
    try:
        with contextlib.closing(sqlite3.connect(path, timeout=0)) as connection:
            connection.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.OperationalError as error:
        return _is_lock(error)
    except sqlite3.Error:
        return False
    return False


def set_aside(path: str) -> str:
    """Rename the store at `path`, with its SQLite side files, to `path` +
    `SET_ASIDE_SUFFIX` (replacing one set aside before), so a new store can be made
    there; the new name."""
    aside = path + SET_ASIDE_SUFFIX
    for side in _SIDE_FILES:
        if os.path.exists(path + side):
            os.replace(path + side, aside + side)
        elif os.path.exists(aside + side):
            os.remove(aside + side)  # an older one's side file would be read with it
    return aside


@dataclass(frozen=True)
class DocumentRow:
    """A document of the store, without its text."""

    num: int
    id: str
    series: str
    date: str
    path: str
    title: str
    chars: int
    words: int
    language: str


@dataclass(frozen=True)
class PairRow:
    """A listed pair: `a` is the earlier document when the dates differ."""

    a: str
    b: str
    shared_a: float
    shared_b: float
    words: int
    passages: list[dict[str, Any]]


def _blob(array: np.ndarray, dtype: type) -> bytes:
    return np.ascontiguousarray(array, dtype=dtype).tobytes()


def store_path(path: str | os.PathLike[str]) -> str:
    """`path` as a string; `StoreError` when it names something that is not a file (a
    folder given where the store goes)."""
    path = os.fspath(path)
    if os.path.exists(path) and not os.path.isfile(path):
        raise StoreError(f"{path}: is not a file; give the path of a collection store"
                         f"{_source_hint(path)}")
    _refuse_folder_form(path)
    return path


def _refuse_folder_form(path: str) -> None:
    """`StoreError` for a path that ends in a slash, as only a folder's does, where no
    folder is: the file system finds no file there, where SQLite opens the file without
    the slash (an add made or read "store.sqlite" that report then called missing)."""
    separators = os.sep + (os.altsep or "")
    bare = path.rstrip(separators)
    if not bare or bare == path:
        return
    if os.path.isfile(bare):
        raise StoreError(f"{path}: {bare} is a file, not a folder; drop the slash at the "
                         "end")
    raise StoreError(f"{path}: ends in a slash, as a folder does, but a collection store is "
                     "a file; give its path without the slash")


#: The first bytes of every SQLite database file.
_SQLITE_HEADER = b"SQLite format 3\x00"


def is_database(path: str, *, unreadable: bool = False) -> bool:
    """Whether the file at `path` begins as an SQLite database does (an empty file, which
    SQLite reads as an empty database, does not); `unreadable` when it cannot be looked
    at."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    except OSError:
        return unreadable


def _is_damage(error: sqlite3.Error) -> bool:
    """Whether SQLite found the store's file damaged (or no database), rather than a write
    refused (a lock, a full disk)."""
    return getattr(error, "sqlite_errorcode", None) in (sqlite3.SQLITE_CORRUPT,
                                                        sqlite3.SQLITE_NOTADB)


def _damaged(path: str, error: sqlite3.Error) -> str:
    """What to tell of a store SQLite cannot read (`error`)."""
    return (f"{path}: is damaged or not a collection store ({error}); it is left as it is: "
            f"index the collection into a new store{_source_hint(path)}")


def _unreadable(path: str, error: sqlite3.DatabaseError, writing: bool) -> UnusableStore:
    """What to tell of a file SQLite cannot read where a store is asked for: a file that
    is no database at all (an article, a report) is the user's own, not a damaged store,
    and is named as what it is not (`NotAStore`); one that is a database is told as
    `_damaged`."""
    if is_database(path, unreadable=True):  # cannot look: say what SQLite said
        return UnusableStore(_damaged(path, error))
    remedy = ("give a new file name for the store" if writing
              else "give the path of a collection store")
    return NotAStore(f"{path}: is not a collection store (nor any database); it is left as "
                     f"it is: {remedy}{_source_hint(path)}", path, database=False)


def _sqlite_file(path: str) -> str:
    """The file SQLite keeps the store at `path` in, with its side files beside it: a
    symlink's target."""
    return os.path.realpath(path)


def _folder_of(path: str) -> str:
    return os.path.dirname(_sqlite_file(path))


def _in_read_only_folder(path: str) -> bool:
    return not os.access(_folder_of(path), os.W_OK)


def _refuse_unreadable(path: str) -> None:
    """`StoreError` for a store its user may not read (its permissions; another user's
    store): SQLite said "unable to open database file", and an add called it read-only."""
    if not os.access(path, os.R_OK):
        raise StoreError(f"{path}: cannot be read (permission denied); check the file's "
                         "permissions (it is left as it is)")


def _refuse_unwritable(path: str) -> None:
    """`StoreError` for a store that cannot be written where it is: a read-only file, or
    one in a folder that cannot be written, where SQLite cannot keep its journal. (SQLite
    says "attempt to write a readonly database", which read as a damaged or busy store.)"""
    if not os.access(path, os.W_OK):
        cause = "the file is read-only"
    elif _in_read_only_folder(path):
        cause = (f"its folder {_folder_of(path)} cannot be written "
                 "(the store keeps its journal beside it)")
    else:
        return
    raise StoreError(f"{path}: cannot be written: {cause}; make it writable or copy the "
                     "store to a folder you can write to (it is left as it is; 'tandem "
                     "corpus report' reads it where it is)")


def _has_side_files(path: str, sides: tuple[str, ...] = _SIDE_FILES[1:]) -> bool:
    """Whether any of `sides` (by default every side file, the rollback journal too) is
    beside the store's file."""
    return any(os.path.exists(f"{_sqlite_file(path)}{side}") for side in sides)


def _has_log_files(path: str) -> bool:
    return _has_side_files(path, ("-wal", "-shm"))


def _read_only_in_wal_mode(path: str) -> bool:
    """Whether the store at `path` cannot be written and was left in WAL mode (by an add
    made while another connection read it, see `_leave_one_file`)."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(20)
    except OSError:
        return False
    # Bytes 18 and 19 of the header are the file format's write and read versions: 2 in
    # WAL mode.
    return header[18:20] == b"\x02\x02" and not os.access(path, os.W_OK)


def _remove_log_files_made(path: str) -> None:
    """Remove the -wal and -shm files that reading a store left in WAL mode made beside it
    (a copy of a store an add was writing): a read-only connection cannot. SQLite's own
    closing of a connection that may write removes them, when it is the store's last
    connection, after folding into the store whatever the log holds; while another
    connection has the store open they stay, as that one's."""
    path = _sqlite_file(path)
    if not os.path.exists(f"{path}-wal"):
        return
    uri = pathlib.Path(path).as_uri()
    with contextlib.suppress(sqlite3.Error), contextlib.closing(
            sqlite3.connect(f"{uri}?mode=rw", uri=True, timeout=0)) as connection:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()


#: A write-ahead log's header: its magic number (the last bit: the checksums' byte order),
#: format version, page size, checkpoint sequence and salts, then its checksum.
_WAL_HEADER = struct.Struct(">IIIIII")
_WAL_MAGIC = (0x377F0682, 0x377F0683)
#: A log frame's header: page number, the database's size in pages after a commit (0 in
#: the frames a transaction writes before it commits), the log's salts, the checksum.
_WAL_FRAME = struct.Struct(">IIII")
_WAL_FRAME_BYTES = 24


def _unsaved_changes(path: str) -> bool:
    """Whether the store's write-ahead log holds committed changes not yet in the store
    itself: a frame that ends a transaction (its commit size set) written since the log
    last began again (the salts of its header). A run killed in its transaction (an add
    stopped by SIGKILL) leaves a log of frames none of which commits, which SQLite
    discards: the store file alone is then the store as its last write left it. Any
    doubt (a log that cannot be read through) counts as changes."""
    try:
        with open(f"{_sqlite_file(path)}-wal", "rb") as log:
            header = log.read(32)
            if len(header) < 32:
                return False  # SQLite reads no log in it
            magic, _, page_size, _, *salts = _WAL_HEADER.unpack_from(header)
            if magic not in _WAL_MAGIC or page_size & (page_size - 1) or \
                    not 512 <= page_size <= 65536:
                return False  # not a log SQLite reads: it is ignored
            offset = 32
            while True:
                log.seek(offset)
                frame = log.read(_WAL_FRAME_BYTES)
                if len(frame) < _WAL_FRAME_BYTES:
                    return False
                _, committed, *frame_salts = _WAL_FRAME.unpack_from(frame)
                if committed and frame_salts == salts:
                    return True
                offset += _WAL_FRAME_BYTES + page_size
    except FileNotFoundError:  # no log
        return False
    except OSError:
        return True


def _source_hint(path: str) -> str:
    """A word for a path that looks like a collection's articles where a store is asked
    for (the two swapped: `tandem corpus add new.jsonl store.sqlite`), else ""."""
    looks = False
    if os.fspath(path).lower().endswith(STORE_SUFFIXES) and not os.path.isdir(path):
        return ""  # named as a store: whatever it holds, it is no collection's articles
    if spark_tables(path):
        return (f" (it holds the tables of a Spark run: {import_tables(path)}, and give that "
                "store)")
    with contextlib.suppress(OSError):
        if os.path.isdir(path):  # a folder with files in it (an empty one holds none)
            with os.scandir(path) as entries:
                looks = any(not entry.name.startswith(".") for entry in entries)
        elif os.path.isfile(path):  # not a named pipe or a device: opening those may hang
            with open(path, "rb") as handle:
                head = handle.read(512).lstrip()
            # JSON lines, gzip, or text (a store's pages hold NUL bytes from the first).
            looks = (head.startswith((b"{", b"[", b"\x1f\x8b"))
                     or b"\n" in head and b"\x00" not in head)
    if not looks:
        return ""
    return (" (it looks like a collection's articles: index them with `tandem corpus add "
            "STORE SOURCE...`, the store first, and give that store)")


def import_tables(path: str) -> str:
    """What to do with the tables of a Spark run at `path`, given where articles or a
    store are asked for."""
    return f"load them into a store with `tandem corpus import {path} --store STORE`"


def spark_tables(path: str) -> bool:
    """Whether `path` is the --out folder of `tandem corpus --engine spark`: a folder of
    its tables, a folder of Parquet files each (`viewer.spark.tables.TABLES`)."""
    return all(os.path.isdir(os.path.join(path, table))
               for table in ("documents", "pairs", "clusters", "formulations"))


class CollectionStore:
    """An open store. Use `open` to read and `create_or_open` to write."""

    def __init__(self, connection: sqlite3.Connection, path: str, writable: bool) -> None:
        self.connection = connection
        self.path = path
        self.writable = writable
        #: After `close`, why the write-ahead log could not be folded into the store ("" if
        #: it was, or a reader held it): then the store holds its last writes only with its
        #: -wal file beside it (`log_kept_note`).
        self.log_kept = ""
        #: Whether a -wal or -shm file was beside the store when it was opened to read.
        self.had_log_files = True
        #: Whether a `transaction` has committed since the store was opened: then an
        #: interruption, even one that lands as the commit returns, leaves its writes.
        self.written = False

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> CollectionStore:
        """Open an existing store read-only."""
        path = store_path(path)
        if not os.path.exists(path):
            raise StoreError(f"{path}: no such collection store (make one with "
                             f"'tandem corpus add {shlex.quote(path)} SOURCE...')")
        _refuse_unreadable(path)
        # As a URI, quoted: a '#' or '?' in a file name would end its path there.
        uri = pathlib.Path(os.path.abspath(path)).as_uri()
        had_log_files = _has_log_files(path)
        # A reader of a store in WAL mode makes -wal and -shm files beside it, which no
        # one may remove from a read-only store; nor can it change: read it as it stands.
        mode = ("immutable=1" if _read_only_in_wal_mode(path)
                and not _has_side_files(path) else "mode=ro")
        store = cls(_connect(f"{uri}?{mode}", path, uri=True), path, writable=False)
        store.had_log_files = had_log_files
        try:
            store._check()
        except UnusableStore:
            if not _in_read_only_folder(path):
                raise
            # Reading a store kept in WAL mode writes beside it (its -shm index); in a
            # folder no one may write to, nothing can change it either, and it is read
            # as it stands, unless it holds changes only its -wal file has.
            if _unsaved_changes(path):
                raise UnusableStore(
                    f"{path}: cannot be read where it is: its folder cannot be written and "
                    f"it holds changes not yet saved into it ({path}-wal); copy the store "
                    "with its -wal file to a folder you can write to") from None
            store = cls(_connect(f"{uri}?immutable=1", path, uri=True), path, writable=False)
            store._check()
        return store

    @classmethod
    def create_or_open(cls, path: str | os.PathLike[str]) -> CollectionStore:
        """Open a store for writing, creating it (and its folder) if it does not exist."""
        path = store_path(path)
        folder = os.path.dirname(os.path.abspath(path))
        exists = os.path.exists(path)
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as error:
            raise StoreError(f"{path}: cannot create its folder ({os_problem(error)})") from None
        if exists:
            _refuse_unreadable(path)
            _refuse_unwritable(path)
        connection = _connect(path, path)
        store = cls(connection, path, writable=True)
        if exists and os.path.getsize(path) > 0:
            store._check()
        else:
            try:
                # Another tandem may be making this store at the same moment (two first
                # adds at once): one waits for the other, then finds its tables made.
                with connection:
                    connection.executescript(
                        "BEGIN IMMEDIATE;" + _SCHEMA
                        + f"PRAGMA application_id = {APPLICATION_ID};"
                        + f"PRAGMA user_version = {SCHEMA_VERSION};COMMIT;")
            except sqlite3.Error as error:
                connection.close()
                raise StoreError(f"{path}: cannot create the store ({error})") from None
        try:
            # A store at rest is in rollback-journal mode (see `close`): going into WAL
            # mode waits for another writer as a write does.
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.OperationalError as error:
            connection.close()
            raise _busy(path, error) if _is_lock(error) else StoreError(
                f"{path}: cannot be written ({error})") from None
        except sqlite3.Error as error:
            connection.close()
            raise StoreError(f"{path}: cannot be written ({error})") from None
        return store

    def _check(self) -> None:
        try:
            application = self.connection.execute("PRAGMA application_id").fetchone()[0]
            version = self.connection.execute("PRAGMA user_version").fetchone()[0]
            if application != APPLICATION_ID:
                raise NotAStore(f"{self.path}: is not a Tandem collection store; "
                                "give another path (it is left as it is)", self.path,
                                database=is_database(self.path, unreadable=True))
            if version > SCHEMA_VERSION:
                raise UnusableStore(
                    f"{self.path}: was written by a later Tandem version (format {version}, "
                    f"this version reads {SCHEMA_VERSION}); update Tandem to open it (the "
                    "store is left as it is)")
            if version != SCHEMA_VERSION:
                raise UnusableStore(
                    f"{self.path}: is a collection store of another Tandem version "
                    f"(format {version}, this version reads {SCHEMA_VERSION}); index the "
                    "collection again into a new store (the old one is left as it is)")
            self.connection.execute("SELECT count(*) FROM documents").fetchone()
        except sqlite3.DatabaseError as error:
            self.connection.close()
            if isinstance(error, sqlite3.OperationalError) and _is_lock(error):
                raise _busy(self.path, error) from None  # held by another program: not damaged
            raise _unreadable(self.path, error, self.writable) from None

    def close(self) -> None:
        if self.writable:
            self._leave_one_file()
        self.connection.close()
        if not (self.writable or self.had_log_files):
            _remove_log_files_made(self.path)

    def _leave_one_file(self) -> None:
        """End a write as one file: the write-ahead log folded into the store, and the
        store back in SQLite's rollback-journal mode, so it holds everything by itself
        (a user copies or mails the store alone) and a read-only reader makes no -wal and
        -shm files beside it, which it could not remove. With another connection open
        (the window reading the store) WAL mode stays, its log emptied all the same."""
        try:
            self.connection.execute("PRAGMA busy_timeout = 0")  # a reader is not waited for
            self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.OperationalError as error:
            # A full disk (the store grows as the log goes into it): the writes are safe in
            # the log, but only while it stays beside the store, which the user must know.
            if not _is_lock(error):
                self.log_kept = str(error)
            return
        except sqlite3.Error:
            return
        with contextlib.suppress(sqlite3.Error):
            self.connection.execute("PRAGMA journal_mode = DELETE")

    def __enter__(self) -> CollectionStore:
        return self

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> None:
        self.close()
        if isinstance(error, sqlite3.DatabaseError) and not isinstance(
                error, sqlite3.OperationalError):  # a lock or a full disk is no damage
            # A page damaged past the header read when the store was opened.
            raise UnusableStore(_damaged(self.path, error)) from None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All writes inside commit together or not at all (Ctrl-C and kill included)."""
        connection = self.connection
        try:
            connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise _busy(self.path, error) from None
        try:
            yield connection
            connection.commit()
            self.written = True
        except sqlite3.Error as error:
            connection.rollback()
            if _is_damage(error):  # a page read inside the transaction: no failed write
                raise UnusableStore(_damaged(self.path, error)) from None
            raise StoreError(f"{self.path}: could not be written ({error}); it is left as "
                             "it was before") from None
        except BaseException:
            # Ctrl-C is raised once the call it lands in returns: one landing in the
            # commit finds it done, with nothing left to roll back.
            self.written = self.written or not connection.in_transaction
            connection.rollback()
            raise

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads inside see the store as one commit left it: an add committing meanwhile
        (from another process) is not seen, where between two reads it would mix its
        results with the earlier ones (clusters naming an article the documents read
        before do not hold). Inside a snapshot already, that one holds."""
        if self.connection.in_transaction:
            yield
            return
        self.connection.execute("BEGIN")  # the first read takes the snapshot
        try:
            yield
        finally:
            self.connection.rollback()  # nothing was written: ending it releases the read

    # -- reading ---------------------------------------------------------------------------

    def meta(self, key: str, default: str = "") -> str:
        row = self.connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def documents(self) -> list[DocumentRow]:
        rows = self.connection.execute(
            "SELECT num, id, series, date, path, title, chars, words, language "
            "FROM documents ORDER BY num")
        return [DocumentRow(*row) for row in rows]

    def document_count(self) -> int:
        return int(self.connection.execute("SELECT count(*) FROM documents").fetchone()[0])

    def text(self, doc_id: str) -> str:
        row = self.connection.execute("SELECT text FROM documents WHERE id = ?",
                                      (doc_id,)).fetchone()
        if row is None:
            raise StoreError(f"{self.path}: has no document {doc_id!r}")
        return str(row[0])

    def passage_text(self, doc_id: str, span: tuple[int, int]) -> str:
        """The text of document `doc_id` at `span` (character offsets; "" for no such
        document), read without the rest of the document."""
        row = self.connection.execute("SELECT substr(text, ?, ?) FROM documents WHERE id = ?",
                                      (span[0] + 1, span[1] - span[0], doc_id)).fetchone()
        return "" if row is None else str(row[0])

    def texts(self) -> dict[int, str]:
        """Every document's text by number."""
        return dict(self.connection.execute("SELECT num, text FROM documents"))

    def text_of(self, num: int) -> str:
        """The text of document number `num`."""
        (text,), = self.connection.execute("SELECT text FROM documents WHERE num = ?", (num,))
        return str(text)

    def hashes(self) -> dict[str, tuple[int, str]]:
        """Each document id's number and text hash."""
        return {doc_id: (num, digest) for num, doc_id, digest in
                self.connection.execute("SELECT num, id, hash FROM documents")}

    def vocabulary_keys(self) -> list[str]:
        return [key for (key,) in self.connection.execute(
            "SELECT key FROM vocabulary ORDER BY id")]

    def token_arrays(self, nums: list[int] | None = None, *, compact: bool = False
                     ) -> dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """Token ids, starts and ends (int64) of the given documents (all when None).
        `compact`: the int32 arrays as stored, read-only: half the memory, for a caller
        that holds a whole collection's tokens at once."""
        query = "SELECT num, ids, starts, ends FROM tokens"
        rows = (self.connection.execute(query) if nums is None else
                (row for num in nums for row in self.connection.execute(
                    query + " WHERE num = ?", (num,))))

        def array(blob: bytes) -> np.ndarray:
            stored = np.frombuffer(blob, dtype=np.int32)
            return stored if compact else stored.astype(np.int64)

        return {num: (array(ids), array(starts), array(ends))
                for num, ids, starts, ends in rows}

    def grams(self) -> dict[int, np.ndarray]:
        """Every document's distinct n-gram hashes (sorted uint64)."""
        return {num: np.frombuffer(blob, dtype=np.uint64)
                for num, blob in self.connection.execute("SELECT num, grams FROM tokens")}

    def raw_passages(self) -> list[PassageRow]:
        """Every aligned passage: (x, y, x0, x1, y0, y1, words, short_words, surplus),
        x < y document numbers."""
        return list(self.connection.execute(
            "SELECT x, y, x0, x1, y0, y1, words, short_words, surplus FROM passages "
            "ORDER BY x, y, x0, y0"))

    def pairs(self) -> list[PairRow]:
        """The listed pairs, ranked (`passage_rules.pair_rank`) as they are read: a store
        an older Tandem wrote holds pairs of equal words ranked by id alone."""
        from viewer.collection.passage_rules import pair_rank

        rows = [PairRow(a, b, shared_a, shared_b, words, json.loads(passages))
                for a, b, shared_a, shared_b, words, passages in self.connection.execute(
                    "SELECT a, b, shared_a, shared_b, words, passages FROM result_pairs "
                    "ORDER BY rank")]
        rows.sort(key=lambda p: pair_rank(p.words, p.shared_a, p.shared_b, p.a, p.b))
        return rows

    def pair_passages(self, id_a: str, id_b: str) -> list[dict[str, Any]]:
        """The listed passages of a pair, spans given as (id_a's, id_b's) in that order."""
        row = self.connection.execute(
            "SELECT a, passages FROM result_pairs WHERE (a = ? AND b = ?) OR (a = ? AND b = ?)",
            (id_a, id_b, id_b, id_a)).fetchone()
        if row is None:
            return []
        passages: list[dict[str, Any]] = json.loads(row[1])
        if row[0] != id_a:
            passages = [{"a": p["b"], "b": p["a"], "words": p["words"]} for p in passages]
        return passages

    def partners(self, doc_id: str) -> list[str]:
        """The articles a listed pair joins to `doc_id`, sorted."""
        return [other for (other,) in self.connection.execute(
            "SELECT b FROM result_pairs WHERE a = ? UNION SELECT a FROM result_pairs "
            "WHERE b = ? ORDER BY 1", (doc_id, doc_id))]

    def clusters(self) -> list[dict[str, Any]]:
        return [json.loads(data) for (data,) in self.connection.execute(
            "SELECT data FROM result_clusters ORDER BY id")]

    def formulations(self) -> list[dict[str, Any]]:
        return [json.loads(data) for (data,) in self.connection.execute(
            "SELECT data FROM result_formulations ORDER BY rank")]

    def boilerplate(self) -> list[dict[str, Any]]:
        return [{"series": series, "text": text, "documents": documents}
                for series, text, documents in self.connection.execute(
                    "SELECT series, text, documents FROM result_boilerplate ORDER BY rank")]

    def skipped(self) -> list[dict[str, Any]]:
        """The inputs left out, with the reason, and the notes on articles indexed all the
        same ("indexed" true), in the order they are told (`folder.in_told_order`)."""
        from viewer.collection.folder import in_told_order

        indexed = "indexed" if self._notes_apart() else "0"
        return in_told_order([{"path": path, "reason": reason, "indexed": bool(note)}
                              for path, reason, note in self.connection.execute(
                                  f"SELECT path, reason, {indexed} FROM skipped "  # noqa: S608
                                  "ORDER BY rowid")])

    def _notes_apart(self) -> bool:
        # Stores written before notes were told from skipped inputs have no such column;
        # their notes read as skipped until the next `add` writes the list again.
        return any(column[1] == "indexed"
                   for column in self.connection.execute("PRAGMA table_info(skipped)"))

    def report(self) -> dict[str, Any]:
        """The JSON contract "collection", version 1; "formulations_left_out": true when
        they were not looked for (`--no-formulations`), as an empty list does not say."""
        return with_left_out({
            "version": 1, "kind": "collection",
            "documents": [{"id": d.id, "path": d.path, "series": d.series, "date": d.date,
                           "chars": d.chars} for d in self.documents()],
            "pairs": [{"a": p.a, "b": p.b, "passages": p.passages, "shared_a": p.shared_a,
                       "shared_b": p.shared_b} for p in self.pairs()],
            "clusters": self.clusters(),
            "formulations": self.formulations(),
            "boilerplate": self.boilerplate(),
            "skipped": [{"path": row["path"], "reason": row["reason"]}
                        for row in self.skipped()],
        }, self.formulations_left_out())

    def formulations_left_out(self) -> bool:
        """Whether the formulations were left out (`--no-formulations`), not looked for:
        an empty list then says nothing of what recurs."""
        return self.meta(FORMULATIONS_LEFT_OUT) == "1"

    # -- writing (inside `transaction`) ------------------------------------------------------

    def set_meta(self, key: str, value: str) -> None:
        self.connection.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                                (key, value))

    def add_vocabulary(self, first_id: int, keys: list[str]) -> None:
        self.connection.executemany("INSERT INTO vocabulary (id, key) VALUES (?, ?)",
                                    enumerate(keys, first_id))

    def next_number(self) -> int:
        row = self.connection.execute("SELECT max(num) FROM documents").fetchone()
        return 0 if row[0] is None else int(row[0]) + 1

    def put_document(self, num: int, values: dict[str, Any], ids: np.ndarray,
                     starts: np.ndarray, ends: np.ndarray, grams: np.ndarray) -> None:
        """Insert or replace document `num` with its tokens; its old passages go."""
        self.remove_passages(num)
        self.connection.execute(
            "INSERT OR REPLACE INTO documents (num, id, series, date, path, title, text, hash, "
            "chars, words, language) VALUES (:num, :id, :series, :date, :path, :title, :text, "
            ":hash, :chars, :words, :language)", {"num": num, **values})
        self.connection.execute(
            "INSERT OR REPLACE INTO tokens (num, ids, starts, ends, grams) VALUES (?, ?, ?, ?, ?)",
            (num, _blob(ids, np.int32), _blob(starts, np.int32), _blob(ends, np.int32),
             _blob(grams, np.uint64)))

    def put_tokens(self, num: int, ids: np.ndarray, starts: np.ndarray, ends: np.ndarray,
                   grams: np.ndarray) -> None:
        """Replace the tokens of stored document `num` (its text read again)."""
        self.connection.execute(
            "UPDATE tokens SET ids = ?, starts = ?, ends = ?, grams = ? WHERE num = ?",
            (_blob(ids, np.int32), _blob(starts, np.int32), _blob(ends, np.int32),
             _blob(grams, np.uint64), num))

    def replace_vocabulary(self, keys: list[str]) -> None:
        self.connection.execute("DELETE FROM vocabulary")
        self.add_vocabulary(0, keys)

    def remove_document(self, num: int) -> None:
        self.remove_passages(num)
        self.connection.execute("DELETE FROM documents WHERE num = ?", (num,))
        self.connection.execute("DELETE FROM tokens WHERE num = ?", (num,))

    def remove_all_passages(self) -> None:
        self.connection.execute("DELETE FROM passages")

    def remove_passages(self, num: int) -> None:
        self.connection.execute("DELETE FROM passages WHERE x = ? OR y = ?", (num, num))

    def passage_pairs(self) -> set[tuple[int, int]]:
        """The (x, y) document numbers of the pairs with stored passages."""
        return set(self.connection.execute("SELECT DISTINCT x, y FROM passages"))

    def remove_pair_passages(self, pairs: set[tuple[int, int]]) -> None:
        self.connection.executemany("DELETE FROM passages WHERE x = ? AND y = ?", sorted(pairs))

    def add_passages(self, rows: list[PassageRow]) -> None:
        """Rows as `raw_passages` gives them."""
        self.connection.executemany(
            "INSERT INTO passages (x, y, x0, x1, y0, y1, words, short_words, surplus) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def set_skipped(self, rows: list[tuple[str, str, bool]]) -> None:
        """The inputs left out (path, reason, False) and the notes on articles indexed all
        the same (path, note, True)."""
        if not self._notes_apart():
            self.connection.execute(
                "ALTER TABLE skipped ADD COLUMN indexed INTEGER NOT NULL DEFAULT 0")
        self.connection.execute("DELETE FROM skipped")
        self.connection.executemany(
            "INSERT INTO skipped (path, reason, indexed) VALUES (?, ?, ?)",
            [(path, reason, int(indexed)) for path, reason, indexed in rows])

    def set_results(self, pairs: list[PairRow], clusters: list[dict[str, Any]],
                    formulations: list[dict[str, Any]],
                    boilerplate: list[dict[str, Any]]) -> None:
        """Replace the finished result tables."""
        c = self.connection
        for table in ("result_pairs", "result_clusters", "result_formulations",
                      "result_boilerplate"):
            c.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed names)
        c.executemany(
            "INSERT INTO result_pairs (rank, a, b, shared_a, shared_b, words, passages) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            ((k, p.a, p.b, p.shared_a, p.shared_b, p.words, json.dumps(p.passages))
             for k, p in enumerate(pairs)))
        c.executemany(
            "INSERT INTO result_clusters (id, first, documents, data) VALUES (?, ?, ?, ?)",
            ((cl["id"], cl["first"], len({p["doc"] for p in cl["passages"]}),
              json.dumps(cl, ensure_ascii=False)) for cl in clusters))
        c.executemany(
            "INSERT INTO result_formulations (rank, phrase, documents, count, data) "
            "VALUES (?, ?, ?, ?, ?)",
            ((k, f["phrase"], f["documents"], f["count"], json.dumps(f, ensure_ascii=False))
             for k, f in enumerate(formulations)))
        c.executemany(
            "INSERT INTO result_boilerplate (rank, series, text, documents) VALUES (?, ?, ?, ?)",
            ((k, b["series"], b["text"], b["documents"]) for k, b in enumerate(boilerplate)))


def _busy(path: str, error: sqlite3.OperationalError) -> StoreError:
    # A reader holds the store too: an add cannot commit while the window or a
    # `compare --collection` reads it in one transaction.
    return StoreError(f"{path}: is busy ({error}): another tandem is using it (an add "
                      "writing to it, or the window or a comparison reading it); try again "
                      "when it has finished")


def log_kept_note(store: CollectionStore) -> str:
    """What to tell of a store closed with its last writes in its -wal file only
    (`CollectionStore.log_kept`); "" when it holds them itself."""
    if not store.log_kept:
        return ""
    return (f"{store.path}: its last writes are kept in {store.path}-wal, which could not "
            f"be folded into the store ({store.log_kept}): keep the two files together (the "
            "store alone may read as damaged), free some space, and the next 'tandem corpus "
            "add' folds it in")


def _is_lock(error: sqlite3.OperationalError) -> bool:
    return "locked" in str(error) or "busy" in str(error)


def _connect(target: str, shown: str, uri: bool = False) -> sqlite3.Connection:
    try:
        # Transactions are managed explicitly (`transaction`), not by the module.
        return sqlite3.connect(target, uri=uri, isolation_level=None)
    except sqlite3.Error as error:
        folder = os.path.dirname(os.path.abspath(shown))
        if not os.path.exists(target) and not os.access(folder, os.W_OK):
            raise StoreError(f"{shown}: cannot be created: its folder {folder} cannot be "
                             "written; give the store another place") from None
        raise StoreError(f"{shown}: cannot be opened ({error})") from None
