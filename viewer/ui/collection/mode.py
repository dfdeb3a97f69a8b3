"""The collection side of the window: open, index, show, read a pair, go back, export.

`CollectionMode` holds the open collection and the `CollectionView`; the main window gives it
its progress bar, its comparison view (`show_documents`) and the page switch, and routes
Cancel here while an indexing run is going. A folder or JSON-lines file is indexed into a
store in the user's cache (the one `tandem corpus` uses for the same source), so opening it
again only reads what changed; a store is opened as it is.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

import shiboken6
from PySide6.QtCore import QModelIndex, QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QMenu

from viewer.collection.clashes import refuse_report_among_inputs
from viewer.collection.cli import default_store
from viewer.collection.context import known_forms
from viewer.collection.sources import collection_name, no_such_source
from viewer.collection.store import (
    SET_ASIDE_SUFFIX,
    STORE_SUFFIXES,
    CollectionStore,
    NotAStore,
    is_database,
    set_aside,
)
from viewer.collection.store_version import StoreVersion
from viewer.collection.titles import stored_titles, with_titles
from viewer.collection.words import SETTINGS
from viewer.core.document import Document
from viewer.core.errors import TandemError, os_problem
from viewer.core.model import Comparison, KnownForms
from viewer.present.collection_figures import CollectionFigures, collection_figures
from viewer.present.wording import dated_title, not_a_store, settings_apart
from viewer.ui import gc_policy
from viewer.ui.collection.data import CollectionData, load
from viewer.ui.collection.indexer import CollectionIndexer
from viewer.ui.collection.skipped_dialog import SkippedDialog
from viewer.ui.collection.view import CollectionView
from viewer.ui.exporting import ask_export_path
from viewer.ui.menus import menu_text

if TYPE_CHECKING:
    from viewer.ui.main_window import MainWindow

MAX_RECENT = 8
#: Articles a shared passage's menu lists: a story run by hundreds of articles made a menu
#: of columns far wider than the screen. The rest are read in the Clusters tab.
MENU_ARTICLES = 20
#: Files the window opens as a collection of JSON lines rather than as an article. A plain
#: `.json` may be an article's text; a `.json.gz` (as passim's dumps are often named, and as
#: the Open collection file dialog offers) is never one: the loader refuses a gzip archive.
JSON_LINES_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".json.gz")


def named_as_store(path: str) -> bool:
    """Whether `path` is a file to open as a store: an SQLite file, or any file named as
    a store (`STORE_SUFFIXES`), which is then told it is not one rather than read as an
    article."""
    return is_database(path) or (os.path.isfile(path) and path.lower().endswith(STORE_SUFFIXES))


def is_collection_source(path: str) -> bool:
    """Whether the window should open `path` as a collection: a folder, a JSON-lines file
    or a store, or a file named as one, which is told it is not one, or a source indexed
    before that is gone, which is told so as a collection (anything else is an article)."""
    if os.path.isdir(path) or was_indexed(path):
        return True
    return path.lower().endswith(JSON_LINES_SUFFIXES) or named_as_store(path)


def was_indexed(path: str) -> bool:
    """Whether `path` is gone but the window indexed it before (its store is in the
    cache): a folder deleted is not a file, and "no such file" would call it one."""
    return not os.path.lexists(path) and os.path.isfile(default_store([path]))


def collection_report_path(name: str, kind: str) -> str:
    """The collection report's default path: 'NAME-collection.html' in the home folder,
    NAME without the suffix of the file it was opened from ('news.jsonl.gz' -> 'news'); a
    folder's name is kept whole ('news.2023')."""
    for suffix in sorted(JSON_LINES_SUFFIXES + STORE_SUFFIXES, key=len, reverse=True):
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            name = name[:-len(suffix)]
            break
    return os.path.join(os.path.expanduser("~"), f"{name}-collection.{kind}")


class _JobSignals(QObject):
    done = Signal(object)
    failed = Signal(str)


class _Job(QRunnable):
    """Run `work()` on a pool thread; `done(result)` or `failed(one line)` on the GUI thread.
    Each job opens its own read-only store connection (SQLite's stay in their thread)."""

    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = _JobSignals()

    def run(self) -> None:
        # The pool keeps the job for good: what the work holds (the collection shown, read
        # again) is let go once it is done.
        work = self.work
        del self.work
        try:
            result = work()
        except TandemError as error:
            self._emit("failed", str(error))
        except Exception as error:  # noqa: BLE001 - reported, never a traceback
            self._emit("failed", f"{type(error).__name__}: {error}")
        else:
            self._emit("done", result)

    def _emit(self, name: str, value: object) -> None:
        # The window closed and the app exited while this ran: its signals went with them
        # ("Signal source has been deleted"), and there is nobody left to tell. The result
        # is dropped.
        with contextlib.suppress(RuntimeError):
            getattr(self.signals, name).emit(value)


class _CollectionReportWriter(Protocol):
    """How `_write_report` calls a collection report writer (PDF or HTML)."""

    def __call__(self, result: dict[str, Any], path: str, *, name: str = "",
                 text_of: Callable[[str], str | None] | None = None) -> str | None: ...


def _collection_report_writer(kind: str) -> _CollectionReportWriter:
    if kind == "pdf":
        from viewer.export.collection_pdf import write_collection_pdf

        return write_collection_pdf
    from viewer.export.collection_html import write_collection_html

    return write_collection_html


def _write_report(store_path: str, name: str, kind: str, target: str,
                  watchlist: tuple[str, ...]) -> str:
    """Write the collection report; the writer's note on it for the user ("" for none)."""
    write = _collection_report_writer(kind)
    with CollectionStore.open(store_path) as store:
        report = with_titles(store.report(), store.text, stored_titles(store))
        if watchlist:  # the window's watch-list, counted across the articles as well
            from viewer.collection.watched import watched_phrases

            report["watched"] = watched_phrases(store, watchlist)
        return write(report, target, name=name, text_of=store.text) or ""


def _watched(store_path: str, watchlist: tuple[str, ...]) -> list[dict[str, Any]]:
    from viewer.collection.watched import watched_phrases

    with CollectionStore.open(store_path) as store:
        return watched_phrases(store, watchlist)


def _context(store_path: str, comparison: Comparison, watchlist: tuple[str, ...],
             counted: list[dict[str, Any]] | None,
             known: tuple[str | None, str | None]) -> dict[str, Any]:
    from viewer.collection.context import collection_context

    with CollectionStore.open(store_path) as store:
        return collection_context(comparison, store, watchlist, counted, known=known)


class CollectionMode(QObject):
    opened = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.view = CollectionView()
        self.indexer = CollectionIndexer(self)
        self.indexer.progress.connect(self._on_progress)
        self.indexer.finished.connect(self._on_indexed)
        self.indexer.failed.connect(self._on_failed)
        self.indexer.unusable.connect(self._on_unusable)
        self.indexer.cancelled.connect(self._on_cancelled)
        self.view.pair_requested.connect(self.open_pair)
        self.view.passage_requested.connect(self.open_pair_at)
        self.view.article_requested.connect(self.open_article)
        self.view.skipped_requested.connect(self.show_skipped)
        self.data: CollectionData | None = None
        #: The version of the store `data` was read from: told when it is written.
        self._version: StoreVersion | None = None
        #: Told to choose again, for the rest of the click that was refused.
        self._choosing_again = False
        self.skipped_dialog: SkippedDialog | None = None
        self._pending_name = ""
        self._pending_source = ""
        #: Whether the indexing run going on is its source's first (it had no store yet).
        self._first_indexing = False
        #: The articles shown when indexing began: another pair opened since stays in front.
        self._reading_at_start: list[Document | None] = [None, None]
        #: What the shown collection was opened from: a folder, a JSON-lines file or a store.
        self.source = ""
        self._jobs: list[_Job] = []
        #: Counts the stores read to be shown: only the last one asked for is shown.
        self._reading = 0
        #: The shown collection's store being read again off the GUI thread, else None.
        self._rereading: object | None = None
        #: Articles chosen while it is read again, opened once it is: (ids, how to show
        #: them, the lists they were chosen from, what the window showed or was opening
        #: then: texts the user opened meanwhile are not replaced).
        self._waiting: tuple[list[str], Callable[[list[Document]], Any], CollectionData,
                             tuple[Document | str | None, ...]] | None = None
        self.context: dict[str, Any] | None = None
        #: The watch-list last counted: (in the collection, the phrases, their lines).
        self.watched: tuple[CollectionData | None, tuple[str, ...], list[dict[str, Any]]] = (
            None, (), [])
        #: (stage, fraction done) of the indexing run going on, for the progress bar.
        self._indexing: tuple[str, float] | None = None
        #: A's document and the span of it to make active once the pair is compared.
        self._passage_at: tuple[Document, tuple[int, int]] | None = None
        #: The comparison `context` is of.
        self.context_of: Comparison | None = None
        self.cluster_menu: QMenu | None = None
        window.side_panel.phrases.clicked.connect(self._on_phrase_clicked)
        #: Documents opened from a collection: id(document) -> (its store, collection id,
        #: document). A pair left in front as another collection is shown is none of its.
        self._opened: dict[int, tuple[str, str, Document]] = {}

    # -- opening -------------------------------------------------------------------------------
    def open(self, path: str) -> None:
        """Open a folder, JSON-lines file or store: stores at once, sources after indexing.
        A file named as a store is opened as one, so one that is not gets the store's
        message (as `--store` does on the command line), not indexed as an article."""
        path = os.path.abspath(path)
        name = collection_name(path)
        if named_as_store(path):
            self._show_store(path, name, path)
            return
        if not os.path.lexists(path):  # told at once, the indexing going on left alone
            self._open_failed(name, str(no_such_source(path)))
            return
        self.cancel()  # before the progress bar is shown: a cancel hides it
        self._reading += 1  # a store being read is not shown over this one
        self._pending_name, self._pending_source = name, path
        self._reading_at_start = list(self.window.documents)
        self.window.begin_progress(f"Indexing {name}…")
        self._indexing = (f"Indexing {name}…", 0.0)
        store = default_store([path])
        self._first_indexing = not os.path.exists(store)
        self.indexer.start(store, [path], sync=True)

    def indexing_progress(self) -> tuple[str, float] | None:
        """(stage, fraction done) of the indexing run going on, else None."""
        return self._indexing if self.indexer.running else None

    def _on_progress(self, stage: str, fraction: float) -> None:
        # The bar is narrow: the collection's name is in the status line beside it.
        self._indexing = (stage, fraction)
        # While a comparison runs, the bar and Cancel are its own (the pair in front is what
        # the user waits for); the indexing goes on behind and has them back when it ends.
        if self.window.comparing_progress() is None:
            self.window.report_progress(stage, fraction)

    def _on_indexed(self, store_path: str, skipped: int) -> None:
        self._indexing = None
        self.window.end_progress("")
        # A pair the user opened while the collection was indexed stays in front.
        moved_on = any(now is not then for now, then in
                       zip(self.window.documents, self._reading_at_start, strict=True))
        self._show_store(store_path, self._pending_name, self._pending_source,
                         in_front=not moved_on, skipped=bool(skipped) and not moved_on)

    def _on_failed(self, message: str) -> None:
        self._indexing = None
        self.window.end_progress(self._failure(f"Indexing {self._pending_name}"))
        self.window.show_error("Cannot open collection", message)

    def _failure(self, what: str) -> str:
        """The status line when `what` ("Indexing news") failed, and what is shown still."""
        said = f"{what} failed."
        if self.data is not None and self.window.showing_collection:
            said += f" Shown: {self.data.name}, as it was."
        return said

    def _on_unusable(self, message: str) -> None:
        # The store is the window's own cache of this source, not a file the user chose:
        # offer to set it aside and index afresh, rather than lock the source out for good.
        self._indexing = None
        self.window.end_progress(self._failure(f"Indexing {self._pending_name}"))
        store_path, source = self.indexer.store_path, self._pending_source
        self.window.ask(
            "Index the collection afresh?",
            f"{message}.\n\nIt is the index Tandem keeps in its cache for "
            f"{self._pending_name}. Index the collection afresh? The old file is kept as "
            f"{os.path.basename(store_path)}{SET_ASIDE_SUFFIX} beside it.",
            "Index afresh", lambda: self._index_afresh(store_path, source))

    def _index_afresh(self, store_path: str, source: str) -> None:
        try:
            set_aside(store_path)
        except OSError as error:
            self.window.show_error("Cannot open collection",
                                   f"{store_path}: cannot be set aside ({os_problem(error)})")
            return
        self.open(source)

    def _on_cancelled(self) -> None:
        self._indexing = None
        # A first run cancelled leaves no store: there was no collection as it was before.
        self.window.end_progress(
            f"Indexing {self._pending_name} cancelled; nothing of it was kept."
            if self._first_indexing else
            "Indexing cancelled; the collection is as it was before.")
        # The store shown may have been written meanwhile (`tandem corpus add`): its lists,
        # left alone while the window indexed it, are read again now, not once the window
        # is next activated. On the next turn: a cancel as another source opens, or as the
        # window closes, has gone on by then.
        QTimer.singleShot(0, self, self.reload_if_changed)

    def cancel(self, show_saved: bool = False) -> bool:
        """Stop an indexing run; False when none was running. A run that was already
        committing is saved all the same: shown when `show_saved` (the user's Cancel), else
        left in its store."""
        if not self.indexer.running:
            return False
        if self.indexer.cancel(report_saved=show_saved) and not show_saved:
            self._indexing = None
            self.window.end_progress("")
        return True

    def _show_store(self, store_path: str, name: str, source: str, in_front: bool = True,
                    skipped: bool = False) -> None:
        """Read the store at `store_path` off the GUI thread (a large one's lists take a
        second to read), then show it (`skipped`: and what was skipped); a file that is no
        store is told at once."""
        try:
            version = StoreVersion(store_path)  # first: a write during the read is seen after
        except NotAStore as error:  # its message is the command line's
            self._open_failed(name, not_a_store(error.path, error.database))
            return
        except TandemError as error:
            self._open_failed(name, str(error))
            return
        self._reading += 1
        reading = self._reading
        # The bar is an indexing run's or a comparison's while one goes on.
        bar = not self.indexer.running and self.window.comparing_progress() is None
        if bar:
            self.window.begin_progress(f"Opening {name}…", cancellable=False, measured=False)

        def read(data: CollectionData) -> None:
            if reading != self._reading:  # another was opened since, or the window closed
                version.close()
                return
            if bar and not self.indexer.running:
                self.window.end_progress("")
            self._shown_read(data, version, source, in_front)
            if skipped:
                self.show_skipped()

        def failed(message: str) -> None:
            version.close()
            if reading == self._reading:
                self._open_failed(name, message)

        # A store opened by itself is named once read: one of the cache is named after
        # the sources of its articles, not by its hash.
        self._start(lambda: load(store_path, "" if source == store_path else name), read,
                    failed)

    def _shown_read(self, data: CollectionData, version: StoreVersion, source: str,
                    in_front: bool) -> None:
        self._set_shown(data, version)
        self.source = source
        self.count_watchlist()
        self._add_recent(source)
        if in_front:
            self.window.show_collection_page()
            self.view.start_reading()
        else:
            self.window.update_state()
            self.window.statusBar().showMessage(
                f"{data.name} is indexed: Back to collection (Alt+Left) shows it", 10000)
        self.opened.emit()

    def _open_failed(self, name: str, message: str) -> None:
        # The status line says this failure, not an earlier one's ("Indexing … failed.").
        self.window.end_progress(self._failure(f"Opening {name}"))
        self.window.show_error("Cannot open collection", message)

    def count_watchlist(self) -> None:
        """Count the window's watch-list across the shown collection, off the GUI thread
        (a large store's tokens take seconds to read): its phrases join the Formulations
        tab when counted."""
        data, phrases = self.data, self.window.settings.watchlist
        if data is None:
            return
        if not phrases:
            self.view.show_watched([])
            return

        def counted(entries: list[dict[str, Any]]) -> None:
            if self.data is data and self.window.settings.watchlist == phrases:
                self.watched = (data, phrases, entries)
                self.view.show_watched(entries)

        self._start(lambda: _watched(data.store_path, phrases), counted,
                    lambda problem: self.window.statusBar().showMessage(
                        f"The watch-list was not counted in the collection: {problem}", 10000))

    def _set_shown(self, data: CollectionData, version: StoreVersion,
                   again: bool = False) -> None:
        """Show `data`, read from the store at `version`; `again`: the collection shown,
        read again, in the lists' order and series as the reader left them."""
        if self._version is not None:
            self._version.close()
        if not again:
            # Another collection: the read of the one before (or of this one, opened
            # afresh) and what was chosen from its lists no longer concern what is shown.
            self._rereading = self._waiting = None
        other = self.data is not None and self.data.store_path != data.store_path
        self.data, self._version = data, version
        self.view.show_collection(data, again=again)
        if other:
            self._forget_articles()
        self.window.collection_changed()
        gc_policy.after_collection_shown()

    def _forget_articles(self) -> None:
        """Another collection is shown: the articles read from the one before (a pair left
        in front) are none of its, whatever their ids, and their figures are that one's."""
        self.context = self.context_of = None
        self.window.side_panel.set_collection_figures(None, None)
        self.window.note_of_pair("")  # what the pair's figures lacked in that one
        if self.window.progress.isHidden():  # else it says what is being done
            self.window.show_figures()  # no longer "listed in the collection"
        if self.window.rendered is not None:
            self._look_up(self.window.rendered.comparison)

    # -- the store written while shown -------------------------------------------------------
    def _written(self) -> bool:
        """Whether the shown collection's store was written since it was read."""
        return self._version is not None and self._version.changed()

    def reload_if_changed(self) -> None:
        """Read the shown collection again if its store was written since it was read
        (`tandem corpus add` in a terminal), off the GUI thread as opening it is, so the
        lists name what a click opens; said in the status line."""
        if (self.data is None or self._being_indexed() or self._rereading is not None
                or not self._written()):
            return
        data = self.data
        try:
            version = StoreVersion(data.store_path)  # first: a write during the read is seen
        except TandemError as error:
            self._say_read_again(data.name, str(error))
            self._answer_waiting(str(error))
            return
        rereading = self._rereading = object()
        doing = f"Reading {data.name} again…"
        if not self.indexer.running and self.window.comparing_progress() is None:
            self.window.begin_progress(doing, cancellable=False, measured=False)

        def ended(problem: str, read: CollectionData | None = None) -> None:
            # Another collection shown since forgot this read: a read of its own may go on.
            ours = self._rereading is rereading
            if ours:
                self._rereading = None
            progress = self.window.progress
            if progress.isVisible() and progress.format() == doing:  # not another's
                self.window.end_progress("")
            # Another collection shown (or none) since: this one's lists are not shown; nor
            # while the window indexes its store, which shows it when done (or, cancelled,
            # leaves it to be read again): then nothing is said of this read.
            indexed = self._being_indexed()
            if read is None or self.data is not data or indexed:
                version.close()
            else:
                self._show_read_again(read, version)
            if not indexed and (self.data is data or read is not None and self.data is read):
                self._say_read_again(data.name, problem)
            if ours:
                self._answer_waiting(problem)

        self._start(lambda: load(data.store_path, data.name),
                    lambda read: ended("", read), ended)

    def _say_read_again(self, name: str, problem: str) -> None:
        self.window.statusBar().showMessage(
            f"{name} changed on disk and cannot be read again: {problem}" if problem else
            f"{name} changed on disk (articles were added to it): the lists show it as it "
            "is now", 30000)

    def _being_indexed(self) -> bool:
        """Whether the shown collection's store is being written by the window itself
        (its source opened again): shown again when that is done."""
        return (self.indexer.running and self.data is not None
                and os.path.abspath(self.indexer.store_path)
                == os.path.abspath(self.data.store_path))

    def _show_read_again(self, data: CollectionData, version: StoreVersion) -> None:
        """Show the collection read again, as the reader left its lists."""
        self._set_shown(data, version, again=True)
        # The figures of the pair shown were looked up in the collection as it was: they
        # are looked up again, or the side panel would keep them while its clicks and the
        # exports no longer have them.
        self.context = None
        if self.window.rendered is not None:
            self._look_up(self.window.rendered.comparison)
        self.count_watchlist()
        self.window.update_state()

    def _as_listed(self, ids: list[str], listed: CollectionData) -> bool:
        """Whether the articles `ids` of the collection shown are those `listed` named when
        the user chose them; the user is told when they are not."""
        now = self.data
        assert now is not None
        if all(doc_id in now.by_id and listed.title(doc_id) == now.title(doc_id)
               for doc_id in ids):
            return True
        self.window.show_error(
            "The collection changed",
            f"{listed.name} was changed on disk after its lists were shown (articles "
            "were added to it), and what you chose is no longer what was listed. The "
            "lists now show the collection as it is: choose again.")
        # A double-click is also an `activated`: the rest of the gesture opens nothing.
        self._choosing_again = True
        QTimer.singleShot(0, lambda: setattr(self, "_choosing_again", False))
        return False

    def _wait_read_again(self, ids: list[str], show: Callable[[list[Document]], Any],
                         listed: CollectionData) -> bool:
        """Open the articles `ids` once the store, written since `listed` was read, is read
        again off the GUI thread (10,000 articles take a second; the window answers
        meanwhile). The last articles chosen are those opened."""
        if self._being_indexed():
            self._cannot_read_again(listed, "it is being indexed; wait until it is done")
            return False
        self._waiting = (ids, show, listed, self.window.sources)
        self.reload_if_changed()  # or the read going on, begun before the store was written
        return True

    def _answer_waiting(self, problem: str) -> None:
        """Open the articles chosen while the store was read again, now it is read."""
        waiting, self._waiting = self._waiting, None
        if waiting is None:
            return
        ids, show, listed, sources = waiting
        if self.data is None or self.data.store_path != listed.store_path:
            return  # another collection shown (or none): what was chosen in it is not
        if any(now is not then for now, then in zip(self.window.sources, sources,
                                                       strict=True)):
            return  # the user opened other texts meanwhile: they stay in front
        if problem:
            self._cannot_read_again(listed, problem)
        else:
            self._open(ids, show, listed)

    def _cannot_read_again(self, listed: CollectionData, problem: str) -> None:
        self.window.show_error("The collection changed", f"{listed.name} was changed "
                               f"on disk after its lists were shown, and cannot be read "
                               f"again: {problem}")

    def close(self) -> None:
        self.cancel()
        self._reading += 1  # a store being read is not shown
        self._rereading = self._waiting = None
        if self._version is not None:
            self._version.close()
            self._version = None
        self.data = None
        self.watched = (None, (), [])
        self.view.show_collection(None)

    # -- reading pairs and articles --------------------------------------------------------
    def _document(self, store: CollectionStore, doc_id: str) -> Document:
        assert self.data is not None
        row = self.data.by_id.get(doc_id)
        title = row.title if row is not None and row.title else ""
        name = f"{title} ({doc_id})" if title and title != doc_id else doc_id
        document = Document(text=store.text(doc_id), name=name)
        # Kept with the document itself: an id of a dead object may be reused.
        self._opened[id(document)] = (self.data.store_path, doc_id, document)
        return document

    def _title(self, doc_id: str) -> str:
        return self.data.title(doc_id) if self.data is not None else doc_id

    def _open(self, ids: list[str], show: Callable[[list[Document]], Any],
              listed: CollectionData | None = None) -> bool:
        """Read the articles `ids` and `show` them, once they are known to be those the
        lists (`listed`, else those shown) named when the user chose them: if the store was
        written since, after it is read again, and the user told when what they chose is no
        longer there under the name they saw. False when they are not opened."""
        listed = listed or self.data
        if listed is None or self.data is None or self._choosing_again:
            return False
        if self._written():
            return self._wait_read_again(ids, show, listed)
        if not self._as_listed(ids, listed):
            return False
        # Those no longer shown are forgotten, before the new ones are noted (both of a pair).
        shown = self.window.documents
        self._opened = {k: v for k, v in self._opened.items() if any(v[2] is d for d in shown)}
        try:
            with CollectionStore.open(self.data.store_path) as store:
                documents = [self._document(store, doc_id) for doc_id in ids]
        except TandemError as error:
            self.window.show_error("Cannot open article", str(error))
            return False
        if self._written():  # while the texts were read: they may be others than the titles'
            return self._wait_read_again(ids, show, listed)
        self._waiting = None  # chosen now: an earlier choice waiting is not opened over it
        show(documents)
        return True

    def open_pair(self, id_a: str, id_b: str) -> bool:
        """Read two articles side by side at the first passage the Pairs tab lists for them
        (what the pair was listed for, wherever it lies in the texts): the comparison finds
        the passages the collection listed (the same matcher), and the short runs it leaves
        out; Back returns to the collection. False when they are not opened (the user is
        told why); True also when they are opened once the store, written since its lists
        were shown, is read again."""
        listed = self.data.listed_passages(id_a, id_b) if self.data is not None else []
        return self._open_pair(id_a, id_b, listed[0][0] if listed else None)

    def _open_pair(self, id_a: str, id_b: str, at: tuple[int, int] | None) -> bool:
        if id_a == id_b:
            # Every word of an article is shared with itself: such a pair tells nothing.
            self.window.statusBar().showMessage(
                f"{self._title(id_a)} is one article: it is not compared with itself", 10000)
            return False

        def show(documents: list[Document]) -> None:
            self.window.show_documents(documents[0], documents[1])
            if at is not None:
                self._passage_at = (documents[0], at)

        return self._open([id_a, id_b], show)

    def open_pair_at(self, id_a: str, id_b: str, start: int, end: int) -> None:
        """`open_pair`, the passage of A at [start, end) made active once it is compared (a
        cluster's text, where the collection found it)."""
        self._open_pair(id_a, id_b, (start, end))

    def _open_beside(self, document: Document, side: int, doc_id: str,
                     at: tuple[int, int]) -> None:
        """Read the article `doc_id` beside `document`, a text that is none of the
        collection's articles, kept on its `side` (0: A, 1: B), its passage at `at` made
        active once compared."""
        def show(documents: list[Document]) -> None:
            article = documents[0]
            self.window.show_documents(*((article, document) if side else (document, article)))
            self._passage_at = (document, at)

        self._open([doc_id], show)

    def open_article(self, doc_id: str, spans: list[tuple[int, int]]) -> None:
        """Read one article with `spans` highlighted (a formulation's uses)."""
        self._open([doc_id], lambda documents: self.window.show_documents(
            documents[0], None, highlight=spans))

    def formulations_behind(self, source_a: object,
                            source_b: object) -> KnownForms:
        """The open collection's formulations (each its forms, its name first) when both
        sides were opened from it: the comparison lists them among its slogans wherever
        either text uses them (see `compare`); none for other documents."""
        if (self.data is None or not isinstance(source_a, Document)
                or not isinstance(source_b, Document) or self.pair_ids(source_a, source_b) is None):
            return ()
        return known_forms(self.data.formulations)

    def listed_of(self, comparison: Comparison) -> int | None:
        """How many of `comparison`'s passages the Pairs tab lists for the pair, when both
        texts were opened from the collection, else None."""
        ids = self.pair_ids(comparison.document_a, comparison.document_b)
        if ids is None or self.data is None:
            return None
        listed = set(self.data.listed_passages(*ids))
        return sum((p.a, p.b) in listed for p in comparison.shared_phrases)

    def _opened_id(self, document: Document | None) -> str | None:
        """The collection id of `document` when it was opened from the collection shown,
        else None."""
        store, ident, opened = self._opened.get(id(document), ("", "", None))
        shown = self.data.store_path if self.data is not None else None
        return ident if opened is document and store == shown else None

    def pair_ids(self, doc_a: Document | None, doc_b: Document | None) -> tuple[str, str] | None:
        """The collection ids of two documents opened from the collection shown, else None."""
        id_a, id_b = self._opened_id(doc_a), self._opened_id(doc_b)
        return None if id_a is None or id_b is None else (id_a, id_b)

    # -- skipped, recent, export -----------------------------------------------------------------
    def show_skipped(self) -> None:
        if self.data is None:
            return
        if self.skipped_dialog is not None:
            self.skipped_dialog.close()
        self.skipped_dialog = SkippedDialog(self.data.name, self.data.skipped, self.window)
        self.skipped_dialog.show()

    def recent(self) -> list[str]:
        value = self.window.store.value("recent/collections", [])
        if not isinstance(value, list):
            return []
        return [p for p in value if isinstance(p, str)][:MAX_RECENT]

    def _add_recent(self, path: str) -> None:
        paths = [path] + [p for p in self.recent() if p != path]
        self.window.store.set_value("recent/collections", paths[:MAX_RECENT])

    def export(self, kind: str, target: str | None = None,
               done: Callable[[str], Any] | None = None) -> None:
        """Write the collection report (`kind` "html" or "pdf") at `target`, asked for when
        None; off the GUI thread. `done(problem)` is called with "" when written."""
        if self.data is None:
            self.window.show_error("Nothing to export", "Open a collection first.")
            return
        if target is None:
            target = ask_export_path(self.window, f"Export collection as {kind.upper()}",
                                     collection_report_path(self.data.name, kind), kind)
            if not target:
                return
        try:
            # Never onto the store or what it was read from, whatever the dialog allowed.
            refuse_report_among_inputs(target, self.data.store_path, self.source)
        except TandemError as error:
            self.window.show_error("Export refused", str(error))
            if done is not None:
                done(str(error))
            return
        self.window.begin_progress(f"Writing {os.path.basename(target)}…", cancellable=False,
                                   measured=False)

        def finished(problem: str, note: str = "") -> None:
            # Said as the pair reports' exports are: a pair shown keeps its figures.
            self.window.end_progress("")
            if not problem:
                self.window.show_exported(target, note)
            if problem:
                self.window.show_error("Export failed", f"{target}: {problem}")
            if done is not None:
                done(problem)

        data, watchlist = self.data, self.window.settings.watchlist
        self._start(lambda: _write_report(data.store_path, data.name, kind, target, watchlist),
                    lambda note: finished("", note), finished)

    def _start(self, work: Callable[[], Any], done: Callable[[Any], Any],
               failed: Callable[[str], Any]) -> None:
        job = _Job(work)
        job.setAutoDelete(False)  # Python keeps it until it has reported
        self._jobs.append(job)

        def end() -> bool:
            self._jobs.remove(job)
            # Its slots hold this function, which holds the job: a cycle through Qt that
            # Python's collector cannot see, which kept what the callbacks hold for good (a
            # collection read again: the one it replaced).
            job.signals.done.disconnect()
            job.signals.failed.disconnect()
            # A job may outlive the window (closed while a lookup ran): nothing to show it in.
            return shiboken6.isValid(self)

        job.signals.done.connect(lambda result: end() and done(result))
        job.signals.failed.connect(lambda message: end() and failed(message))
        QThreadPool.globalInstance().start(job)

    # -- comparisons with the collection behind them ----------------------------------------
    def on_compared(self, comparison: Comparison) -> None:
        """Look up the comparison's slogans and passages in the open collection."""
        self.context = None
        self._go_to_passage(comparison)
        self._look_up(comparison)

    def _look_up(self, comparison: Comparison) -> None:
        """Look up `comparison`'s slogans and passages in the open collection, if either
        text is one of its articles, and show them when found."""
        # The articles opened, by id: two reprints of one text are told apart so.
        known = (self._opened_id(comparison.document_a), self._opened_id(comparison.document_b))
        if self.data is None or known == (None, None):
            return  # neither text is one of its articles: it has nothing to say of them
        # The collection listed the pair's passages with its own matching settings.
        self.window.note_of_pair(settings_apart(comparison.settings, SETTINGS))
        store_path, watchlist = self.data.store_path, self.window.settings.watchlist
        # The watch-list as the Formulations tab counted it, not read again per pair.
        data, phrases, entries = self.watched
        counted = entries if data is self.data and phrases == watchlist else None
        self._start(lambda: _context(store_path, comparison, watchlist, counted, known),
                    lambda context: self._show_context(comparison, context, store_path),
                    lambda message: self._unavailable(comparison, store_path, message))

    def _unavailable(self, comparison: Comparison, store_path: str, message: str) -> None:
        if self._still_of(comparison, store_path):
            self.window.statusBar().showMessage(
                f"Collection figures unavailable: {message}", 8000)

    def _still_of(self, comparison: Comparison, store_path: str) -> bool:
        """Whether `comparison` is the one shown, and the collection at `store_path` the
        one shown: a lookup ended for a pair read before, or in a collection shown before
        (of articles none of this one's), says nothing of the pair shown now."""
        rendered = self.window.rendered
        return (rendered is not None and rendered.comparison is comparison
                and self.data is not None and self.data.store_path == store_path)

    def _go_to_passage(self, comparison: Comparison) -> None:
        """Make active the passage `open_pair_at` asked for, once its pair is compared."""
        wanted, self._passage_at = self._passage_at, None
        if wanted is None or not any(wanted[0] is d for d in comparison.documents):
            return
        side = 0 if wanted[0] is comparison.document_a else 1
        start, end = wanted[1]
        spans = [(p.a, p.b)[side] for p in comparison.shared_phrases]
        overlap = [max(0, min(end, span[1]) - max(start, span[0])) for span in spans]
        if overlap and max(overlap) > 0:
            self.window.jump_to_phrase(overlap.index(max(overlap)))

    def _show_context(self, comparison: Comparison, context: dict[str, Any],
                      store_path: str) -> None:
        if not self._still_of(comparison, store_path):
            return
        self.context = context
        self.context_of = comparison
        figures = self.figures(comparison)
        if figures is not None:
            self.window.side_panel.set_collection_figures(
                list(figures.slogans), list(figures.phrases), list(figures.slogans_short))
            # Which side has no figures, and why: the exports' line, said of the pair for
            # as long as it is shown, after what `_look_up` said of its settings.
            apart = settings_apart(comparison.settings, SETTINGS)
            self.window.note_of_pair(f"{apart}. {figures.outside}" if apart and figures.outside
                                     else apart or figures.outside)

    def figures(self, comparison: Comparison) -> CollectionFigures | None:
        """The collection's labels for `comparison`, when they are in for it (the window's
        exports carry them as the side panel shows them)."""
        if self.context is None or self.context_of is not comparison or self.data is None:
            return None
        return collection_figures(self.context, comparison, self.data.title, self.data.name)

    def context_for(self, comparison: Comparison) -> dict[str, Any] | None:
        """The collection's figures for `comparison` as its JSON carries them, when they
        are in for it."""
        return self.context if self.context_of is comparison else None

    def cluster_articles(self, row: int) -> list[str]:
        """The other articles carrying shared passage `row` of the comparison shown."""
        if self.context is None or self.data is None:
            return []
        figures = self.context["shared_phrases"][row]
        if not figures:
            return []
        ours = {self.context["collection"].get("a"), self.context["collection"].get("b")}
        cluster = next((c for c in self.data.clusters if c.get("id") == figures["cluster"]), None)
        if cluster is None:
            return []
        return [m.doc for m in self.data.cluster_members(cluster)
                if m.doc not in ours and m.doc in figures["articles"]]

    def _on_phrase_clicked(self, index: QModelIndex) -> None:
        if index.column() != 4 or self.data is None:
            return
        others = self.cluster_articles(index.row())
        if not others:
            return
        menu = QMenu(self.window)
        menu.setObjectName("cluster_menu")
        ours = self.context["collection"] if self.context else {}
        comparison = self.context_of
        assert comparison is not None  # `cluster_articles` found figures of it
        # Read beside A at this passage, which the other article carries too: the first
        # passage their pair lists may be another. A text of the user's own (none of the
        # collection's articles) stays on its side, the article read beside it.
        phrase, left, right = comparison.shared_phrases[index.row()], ours.get("a"), ours.get("b")
        own = 1 if left and not right else 0
        kept = comparison.documents[own]  # the menu keeps it, not the whole comparison
        at = (phrase.a, phrase.b)[own]

        def read(doc: str) -> None:
            if left and right:
                self.open_pair_at(left, doc, *at)
            else:
                self._open_beside(kept, own, doc, at)

        for doc in others[:MENU_ARTICLES]:
            row = self.data.by_id.get(doc)
            action = menu.addAction(
                menu_text(dated_title(row.date if row else "", self.data.title(doc))))
            action.triggered.connect(lambda _=False, doc=doc: read(doc))
        if len(others) > MENU_ARTICLES:
            menu.addSeparator()
            cluster = self.context["shared_phrases"][index.row()]["cluster"] \
                if self.context else None
            every = menu.addAction(
                f"All {len(others):,} other articles: the cluster in the Clusters tab")
            every.triggered.connect(lambda: self.show_cluster(cluster))
        self.cluster_menu = menu
        menu.popup(QCursor.pos())

    def show_cluster(self, cluster_id: object) -> None:
        """Show the collection's Clusters tab at the cluster `cluster_id`, its articles
        listed."""
        self.window.show_collection_page()
        self.view.show_cluster(cluster_id)

    def wait_jobs(self, msecs: int = 30000) -> bool:
        return QThreadPool.globalInstance().waitForDone(msecs)


