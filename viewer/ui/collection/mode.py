"""The collection side of the window: open, index, show, read a pair, go back, export.

`CollectionMode` holds the open collection and the `CollectionView`; the main window gives it
its progress bar, its comparison view (`show_documents`) and the page switch, and routes
Cancel here while an indexing run is going. A folder or JSON-lines file is indexed into a
store in the user's cache (the one `tandem corpus` uses for the same source), so opening it
again only reads what changed; a store is opened as it is.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QFileDialog

from viewer.collection.cli import default_store
from viewer.collection.store import CollectionStore
from viewer.core.document import Document
from viewer.core.errors import TandemError
from viewer.ui.collection.data import CollectionData, load
from viewer.ui.collection.indexer import CollectionIndexer
from viewer.ui.collection.skipped_dialog import SkippedDialog
from viewer.ui.collection.view import CollectionView

if TYPE_CHECKING:
    from viewer.ui.main_window import MainWindow

MAX_RECENT = 8
JSON_LINES_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
STORE_SUFFIXES = (".sqlite", ".sqlite3", ".db", ".tandem")
_SQLITE_MAGIC = b"SQLite format 3\x00"


def is_store(path: str) -> bool:
    """Whether `path` is an SQLite file (a collection store, or a file that will be told it
    is not one), as opposed to a source of articles."""
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == _SQLITE_MAGIC
    except OSError:
        return False


def is_collection_source(path: str) -> bool:
    """Whether the window should open `path` as a collection: a folder, a JSON-lines file
    or a store (anything else is an article)."""
    if os.path.isdir(path):
        return True
    lower = path.lower()
    return lower.endswith(JSON_LINES_SUFFIXES) or (lower.endswith(STORE_SUFFIXES)
                                                   and is_store(path))


def collection_name(path: str) -> str:
    """What the title bar calls a collection: its folder or file name."""
    return os.path.basename(os.path.normpath(path)) or path


class _ExportSignals(QObject):
    done = Signal(str)  # "" when written, else the problem


class _ExportJob(QRunnable):
    """Write the collection report on a pool thread (its own read-only store connection)."""

    def __init__(self, store_path: str, name: str, kind: str, target: str) -> None:
        super().__init__()
        self.args = (store_path, name, kind, target)
        self.signals = _ExportSignals()

    def run(self) -> None:
        store_path, name, kind, target = self.args
        try:
            with CollectionStore.open(store_path) as store:
                if kind == "pdf":
                    from viewer.export.collection_pdf import write_collection_pdf as write
                else:
                    from viewer.export.collection_html import write_collection_html as write
                write(store.report(), target, name=name, text_of=store.text)
        except TandemError as error:
            self.signals.done.emit(str(error))
        except Exception as error:  # noqa: BLE001 - reported, never a traceback
            self.signals.done.emit(f"the report could not be written: "
                                   f"{type(error).__name__}: {error}")
        else:
            self.signals.done.emit("")


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
        self.indexer.cancelled.connect(self._on_cancelled)
        self.view.pair_requested.connect(self.open_pair)
        self.view.article_requested.connect(self.open_article)
        self.view.skipped_requested.connect(self.show_skipped)
        self.data: CollectionData | None = None
        self.skipped_dialog: SkippedDialog | None = None
        self._pending_name = ""
        self._pending_source = ""
        self._exports: list[_ExportJob] = []
        #: Documents opened from the collection: id(document) -> (collection id, document).
        self._opened: dict[int, tuple[str, Document]] = {}

    # -- opening -------------------------------------------------------------------------------
    def open(self, path: str) -> None:
        """Open a folder, JSON-lines file or store: stores at once, sources after indexing."""
        path = os.path.abspath(path)
        name = collection_name(path)
        if is_store(path):
            self._show_store(path, name, path)
            return
        self._pending_name, self._pending_source = name, path
        self.window.begin_progress(f"Indexing {name}…")
        self.indexer.start(default_store([path]), [path], sync=True)

    def _on_progress(self, stage: str, fraction: float) -> None:
        self.window.report_progress(f"{self._pending_name}: {stage}", fraction)

    def _on_indexed(self, store_path: str, skipped: int) -> None:
        self.window.end_progress("")
        if self._show_store(store_path, self._pending_name, self._pending_source) and skipped:
            self.show_skipped()

    def _on_failed(self, message: str) -> None:
        self.window.end_progress("Indexing failed.")
        self.window.show_error("Cannot open collection", message)

    def _on_cancelled(self) -> None:
        self.window.end_progress("Indexing cancelled; the collection is as it was before.")

    def cancel(self) -> bool:
        """Stop an indexing run; False when none was running."""
        if not self.indexer.running:
            return False
        self.indexer.cancel()
        return True

    def _show_store(self, store_path: str, name: str, source: str) -> bool:
        try:
            data = load(store_path, name)
        except TandemError as error:
            self.window.show_error("Cannot open collection", str(error))
            return False
        self.data = data
        self.view.show_collection(data)
        self._add_recent(source)
        self.window.show_collection_page()
        self.opened.emit()
        return True

    def close(self) -> None:
        self.cancel()
        self.data = None
        self.view.show_collection(None)

    # -- reading pairs and articles --------------------------------------------------------
    def _document(self, store: CollectionStore, doc_id: str) -> Document:
        assert self.data is not None
        row = self.data.by_id.get(doc_id)
        title = row.title if row is not None and row.title else ""
        name = f"{title} ({doc_id})" if title and title != doc_id else doc_id
        document = Document(text=store.text(doc_id), name=name)
        # Kept with the document itself: an id of a dead object may be reused.
        shown = self.window.documents
        self._opened = {k: v for k, v in self._opened.items()
                        if any(v[1] is d for d in shown)}
        self._opened[id(document)] = (doc_id, document)
        return document

    def _documents(self, ids: list[str]) -> list[Document] | None:
        if self.data is None:
            return None
        try:
            with CollectionStore.open(self.data.store_path) as store:
                return [self._document(store, doc_id) for doc_id in ids]
        except TandemError as error:
            self.window.show_error("Cannot open article", str(error))
            return None

    def open_pair(self, id_a: str, id_b: str) -> None:
        """Read two articles side by side: the comparison finds the passages the collection
        listed (the same matcher); Back returns to the collection."""
        documents = self._documents([id_a, id_b])
        if documents is not None:
            self.window.show_documents(documents[0], documents[1])

    def open_article(self, doc_id: str, spans: list[tuple[int, int]]) -> None:
        """Read one article with `spans` highlighted (a formulation's uses)."""
        documents = self._documents([doc_id])
        if documents is not None:
            self.window.show_documents(documents[0], None, highlight=spans)

    def pair_ids(self, doc_a: Document | None, doc_b: Document | None) -> tuple[str, str] | None:
        """The collection ids of two documents opened from it, else None."""
        ids = [self._opened.get(id(d), ("", None)) for d in (doc_a, doc_b)]
        if any(doc is not d for (_, doc), d in zip(ids, (doc_a, doc_b), strict=True)):
            return None
        return ids[0][0], ids[1][0]

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
            default = os.path.join(os.path.expanduser("~"),
                                   f"{os.path.splitext(self.data.name)[0]}-collection.{kind}")
            target, _ = QFileDialog.getSaveFileName(self.window, f"Export collection as "
                                                    f"{kind.upper()}", default,
                                                    f"{kind.upper()} (*.{kind})")
            if not target:
                return
        job = _ExportJob(self.data.store_path, self.data.name, kind, target)
        job.setAutoDelete(False)
        self._exports.append(job)
        self.window.begin_progress(f"Writing {os.path.basename(target)}…", cancellable=False)

        def finished(problem: str) -> None:
            self._exports.remove(job)
            self.window.end_progress("" if problem else f"Exported {target}")
            if problem:
                self.window.show_error("Export failed", problem)
            if done is not None:
                done(problem)

        job.signals.done.connect(finished)
        QThreadPool.globalInstance().start(job)

    def wait_exports(self, msecs: int = 30000) -> bool:
        return QThreadPool.globalInstance().waitForDone(msecs)


