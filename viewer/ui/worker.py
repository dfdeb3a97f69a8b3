"""Run comparisons on a QThreadPool so the window never waits on the engine.

Each request gets a token; results carrying an older token are dropped, so a quick change of
settings never paints a stale comparison. Cancelling sets an event the engine polls.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from viewer.core.compare import compare
from viewer.core.document import Document
from viewer.core.errors import Cancelled, TandemError
from viewer.core.model import Comparison
from viewer.core.settings import Settings
from viewer.ui.range_index import RangeIndex
from viewer.ui.sync import ScrollMap


@dataclass(frozen=True)
class Rendered:
    """A comparison plus what the window needs to draw it, prepared off the GUI thread."""

    comparison: Comparison
    index_a: RangeIndex
    index_b: RangeIndex
    scroll_map: ScrollMap


def prepare(comparison: Comparison) -> Rendered:
    """Build both panes' per-block highlight indexes and the scroll map."""
    phrases = comparison.shared_phrases
    indexes = []
    for side, doc in (("a", comparison.document_a), ("b", comparison.document_b)):
        index = RangeIndex(doc.text)
        index.add([getattr(p, side) for p in phrases], [("phrase", i) for i in range(len(phrases))])
        for number, slogan in enumerate(comparison.slogans):
            spans = slogan.occurrences_a if side == "a" else slogan.occurrences_b
            index.add(spans, [("slogan", number)] * len(spans))
        indexes.append(index)
    scroll_map = ScrollMap([(p.a, p.b) for p in phrases], len(comparison.document_a.text),
                           len(comparison.document_b.text))
    return Rendered(comparison, indexes[0], indexes[1], scroll_map)


class WorkerSignals(QObject):
    """Lives in the GUI thread; the runnable emits through it (queued across threads)."""

    progress = Signal(int, str, float)
    finished = Signal(int, object)
    failed = Signal(int, str)
    cancelled = Signal(int)


class CompareJob(QRunnable):
    def __init__(self, token: int, doc_a: Document, doc_b: Document, settings: Settings,
                 signals: WorkerSignals) -> None:
        super().__init__()
        self.token = token
        self.doc_a, self.doc_b, self.settings = doc_a, doc_b, settings
        self.signals = signals
        self.cancel_event = threading.Event()

    def run(self) -> None:
        token = self.token
        try:
            comparison = compare(
                self.doc_a, self.doc_b, self.settings,
                progress=lambda stage, fraction: self._emit("progress", token, stage, fraction),
                is_cancelled=self.cancel_event.is_set)
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

    def start(self, doc_a: Document, doc_b: Document, settings: Settings) -> int:
        self.cancel()
        self.token += 1
        job = CompareJob(self.token, doc_a, doc_b, settings, self.signals)
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
