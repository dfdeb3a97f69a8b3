"""Open files and run comparisons on a QThreadPool so the window never waits on either.

A job first loads the files it was given as paths (a 100-page PDF takes seconds), reporting
each document as it arrives, then compares when both sides have one. Each request gets a
token; results carrying an older token are dropped, so a quick change of
settings never paints a stale comparison. Cancelling sets an event the engine polls. Large
texts are compared in a child process (see `compare_process`), which Cancel stops at once.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from viewer.core.compare import compare
from viewer.core.document import Document
from viewer.core.errors import Cancelled, LoadError, TandemError, TooLarge
from viewer.core.loading import load_document
from viewer.core.model import KnownForms
from viewer.core.settings import Settings
from viewer.ui import compare_process
from viewer.ui.rendering import prepare

#: Texts longer than this (both together, in characters) are compared in a child process.
#: Below it a thread is better: starting the child costs about 0.6 s, and the engine's array
#: work lets the event loop run (it holds the interpreter lock for 25 ms at most on 2 MB);
#: above it Cancel must stop minutes of work at once and return their memory.
CHILD_PROCESS_CHARS = 4_000_000
#: The remedy the window gives for a file over the size limit, which it cannot raise.
WINDOW_LIMIT = ("the window cannot raise the limit; compare it on the command line with "
                "tandem compare A B --max-size MB")


class WorkerSignals(QObject):
    """Lives in the GUI thread; the runnable emits through it (queued across threads)."""

    progress = Signal(int, str, float)
    loaded = Signal(int, int, object)  # token, side, Document
    load_failed = Signal(int, str)  # token, one line per file that could not be opened
    finished = Signal(int, object)  # token, Rendered (None: only one side has a document)
    failed = Signal(int, str)
    cancelled = Signal(int)


#: A side of a job: a document already loaded, a path to load, or nothing yet.
Source = Document | str | None


class CompareJob(QRunnable):
    def __init__(self, token: int, source_a: Source, source_b: Source, settings: Settings,
                 signals: WorkerSignals, known: KnownForms = ()) -> None:
        super().__init__()
        self.token = token
        self.sources = (source_a, source_b)
        self.settings = settings
        #: The formulations of a collection behind the pair (see `compare`).
        self.known = known
        self.signals = signals
        self.cancel_event = threading.Event()

    def run(self) -> None:
        try:
            documents = self._load()
            if documents is None:
                return
            doc_a, doc_b = documents
            if doc_a is None or doc_b is None:
                self._emit("finished", self.token, None)
            elif len(doc_a.text) + len(doc_b.text) > CHILD_PROCESS_CHARS:
                self._run_in_child(doc_a, doc_b)
            else:
                self._run_here(doc_a, doc_b)
        except Exception as exc:  # noqa: BLE001 - e.g. no child process could be started
            self._emit("failed", self.token, f"the comparison could not run: {exc}")

    def _load(self) -> list[Document | None] | None:
        """Both sides as documents, loading those given as paths; None when a file could
        not be opened (`load_failed` says why) or the job was cancelled."""
        documents: list[Document | None] = []
        problems = []
        paths = [s for s in self.sources if isinstance(s, str)]
        for side, source in enumerate(self.sources):
            if not isinstance(source, str):
                documents.append(source)
                continue
            self._emit("progress", self.token, f"Opening {Path(source).name}",
                       paths.index(source) / len(paths))
            document = None
            try:
                document = load_document(source)
            except LoadError as exc:
                problems.append(str(_said_in_the_window(exc)))
            except TandemError as exc:
                problems.append(str(exc))
            except Exception as exc:  # noqa: BLE001 - a loader bug must not crash the window
                problems.append(f"{source}: could not be read ({type(exc).__name__}: {exc})")
            if self.cancel_event.is_set():
                self._emit("cancelled", self.token)
                return None
            if document is not None:
                self._emit("loaded", self.token, side, document)
            documents.append(document)
        if problems:
            self._emit("load_failed", self.token, "\n".join(problems))
            return None
        return documents

    def _run_in_child(self, doc_a: Document, doc_b: Document) -> None:
        token = self.token
        context = multiprocessing.get_context("spawn")
        messages = context.Queue()
        child = context.Process(target=compare_process.run, daemon=True,
                                args=(doc_a, doc_b, self.settings, messages,
                                      self.known))
        child.start()
        try:
            while True:
                if self.cancel_event.is_set():
                    self._emit("cancelled", token)
                    return
                try:
                    message = messages.get(timeout=0.05)
                except queue.Empty:
                    if not child.is_alive() and messages.empty():
                        self._emit("failed", token, "the comparison stopped unexpectedly "
                                   f"(exit code {child.exitcode}); try smaller files")
                        return
                    continue
                kind, *args = message
                if kind == "progress":
                    self._emit("progress", token, *args)
                    continue
                if kind == "finished":
                    # The child sent the result without the documents; the window knows its
                    # documents by identity, so the originals go back in.
                    [rendered] = args
                    args = [replace(rendered, comparison=replace(
                        rendered.comparison, document_a=doc_a, document_b=doc_b))]
                self._emit(kind, token, *args)
                return
        finally:
            if child.is_alive():
                child.terminate()
            child.join(5)
            messages.close()

    def _run_here(self, doc_a: Document, doc_b: Document) -> None:
        token = self.token
        try:
            comparison = compare(
                doc_a, doc_b, self.settings,
                progress=lambda stage, fraction: self._emit("progress", token, stage, fraction),
                is_cancelled=self.cancel_event.is_set, known=self.known)
            if self.cancel_event.is_set():
                raise Cancelled()
            self._emit("progress", token, "Preparing highlights", 1.0)
            rendered = prepare(comparison)
        except Cancelled:
            self._emit("cancelled", token)
        except TandemError as exc:
            self._emit("failed", token, str(exc))
        except Exception as exc:  # noqa: BLE001 - an engine bug must not kill the window
            self._emit("failed", token, f"the comparison failed: {type(exc).__name__}: {exc}")
        else:
            self._emit("finished", token, rendered)

    def _emit(self, name: str, *args: object) -> None:
        try:
            getattr(self.signals, name).emit(*args)
        except RuntimeError:
            # The window closed while this job ran: nobody is left to tell, and a late
            # progress report must not turn into a failure.
            self.cancel_event.set()


class Comparer(QObject):
    """Starts jobs, remembers the newest token, and cancels superseded jobs."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.signals = WorkerSignals(self)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1 if QThreadPool.globalInstance().maxThreadCount() < 2 else 2)
        self.token = 0
        self._job: CompareJob | None = None

    def start(self, source_a: Source, source_b: Source, settings: Settings,
              known: KnownForms = ()) -> int:
        """Load the sides given as paths, then compare if both sides have a document
        (`known`: the formulations of a collection behind them, see `compare`)."""
        self.cancel()
        self.token += 1
        job = CompareJob(self.token, source_a, source_b, settings, self.signals, known)
        job.setAutoDelete(False)  # Python keeps it: the cancel event outlives run()
        self._job = job
        self.pool.start(job)
        return self.token

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel_event.set()
            self._job = None

    def is_current(self, token: int) -> bool:
        return token == self.token and self._job is not None

    def done(self, token: int) -> None:
        if token == self.token:
            self._job = None

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)


def _said_in_the_window(error: LoadError) -> LoadError:
    """`error` with a remedy the window offers: it takes no --max-size, so a file over
    the limit is compared on the command line."""
    if not isinstance(error, TooLarge):
        return error
    return LoadError(error.path, error.problem, WINDOW_LIMIT)
