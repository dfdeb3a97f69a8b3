"""Index a collection without blocking the window: a child process (see `index_process`)
whose messages a timer reads on the GUI thread. One run at a time; Cancel stops it at once
and the store keeps what it held before, unless the run was already committing its work:
then it ends as finished, and the window shows what it saved."""

from __future__ import annotations

import multiprocessing
import multiprocessing.queues  # noqa: F401 - imported with the window, not mid-run
import multiprocessing.synchronize  # noqa: F401
import os
import queue
import threading
from collections.abc import Sequence
from multiprocessing.process import BaseProcess
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from viewer.collection.store import remove_unused_store
from viewer.ui.collection import index_process

#: How often the window looks for the child's messages (ms): short enough for a smooth bar,
#: long enough to cost nothing.
POLL_MS = 40
#: After Cancel the child gets this long (s) to roll back and stop its pool before it is killed.
STOP_GRACE_S = 5.0
#: How long (ms) to wait for the last messages of a child that has exited.
DEAD_WAIT_MS = 1000


class CollectionIndexer(QObject):
    progress = Signal(str, float)
    finished = Signal(str, int)   # store path, skipped files or lines
    failed = Signal(str)
    unusable = Signal(str)  # the store is there, but damaged or of another version
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._child: BaseProcess | None = None
        self._messages: Any = None
        self._committing: Any = None
        self.store_path = ""
        #: Whether the run going on makes its store (there was none when it began).
        self._first = False
        self._dead_polls = 0
        self._starter: threading.Thread | None = None
        self._running = False
        #: Children that reported their end and are left to exit on their own.
        self._ending: list[BaseProcess] = []
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self._poll)

    @property
    def running(self) -> bool:
        return self._running

    def start(self, store_path: str, sources: Sequence[str], sync: bool = True) -> None:
        """Index `sources` into `store_path`; `sync` also drops articles no longer there."""
        self.cancel()
        self._running = True
        self._child = None
        self._dead_polls = 0
        self.store_path = store_path
        self._first = not os.path.exists(store_path)
        # Making the queue (the first one starts multiprocessing's resource tracker) and
        # starting a Python process take tens of milliseconds: not on the GUI thread.
        self._starter = threading.Thread(target=self._launch,
                                         args=(store_path, list(sources), sync),
                                         name="tandem-index-start", daemon=True)
        self._starter.start()
        self._timer.start()

    def _launch(self, store_path: str, sources: list[str], sync: bool) -> None:
        context = multiprocessing.get_context("spawn")
        self._messages = context.Queue()
        self._committing = context.Event()
        # Not a daemon: the engine aligns pairs in a pool of its own processes.
        child = context.Process(target=index_process.run, name="tandem-index",
                                args=(store_path, sources, sync, self._messages,
                                      self._committing))
        child.start()
        self._child = child

    def cancel(self, report_saved: bool = False) -> bool:
        """Stop the run (if any). Emits `cancelled` when it is undone; a run whose commit had
        begun cannot be, and is let finish: it emits `finished` when `report_saved` (the
        user's Cancel came too late: the window shows what was saved), else nothing (the
        window is closing, or another run starts). True when the run was saved."""
        if not self._running:
            return False
        self._stop_child()
        skipped = _finished(self._messages)
        if skipped is None:
            self.cancelled.emit()
            return False
        if report_saved:
            self.finished.emit(self.store_path, skipped)
        return True

    def wait(self) -> None:
        """Block until the run ends (tests and benchmarks only)."""
        while self._running:
            if self._child is not None:
                self._child.join(0.05)
            self._poll()

    def _poll(self) -> None:
        for ended in [c for c in self._ending if not c.is_alive()]:
            ended.join(0)  # reaped: no zombie left behind
            self._ending.remove(ended)
        if not self._running:
            if not self._ending:
                self._timer.stop()
            return
        if self._starter is not None and self._starter.is_alive():
            return
        child = self._child
        if child is None:  # it could not be started
            self._stop_child()
            self.failed.emit("the indexing could not start a process")
            return
        while True:
            try:
                kind, *args = self._messages.get_nowait()
            except queue.Empty:
                break
            except (EOFError, OSError):
                kind, args = "failed", ["the indexing process stopped unexpectedly"]
            if kind == "progress":
                self.progress.emit(*args)
                continue
            self._stop_child(ended=True)
            if kind == "finished":
                self.finished.emit(self.store_path, int(args[0]))
            elif kind == "unusable":
                self.unusable.emit(str(args[0]))
            else:
                self.failed.emit(str(args[0]))
            return
        if child.is_alive():
            self._dead_polls = 0
            return
        # Messages put just before the child exits can arrive a little after it is gone.
        self._dead_polls += 1
        if self._dead_polls * POLL_MS >= DEAD_WAIT_MS:
            self._stop_child()
            self.failed.emit(f"the indexing stopped unexpectedly (exit code {child.exitcode}); "
                             + self._left_after_death())

    def _left_after_death(self) -> str:
        """What a run killed midway left (it ended no transaction, and removed nothing)."""
        if not self._first:
            return "the store is as it was before"
        # The store its first run made is removed as a failed first run's is, unless it
        # holds articles (it died once its commit was done).
        remove_unused_store(self.store_path)
        if os.path.exists(self.store_path):
            return "the store holds what it had saved"
        return "nothing of it was kept"

    def _stop_child(self, ended: bool = False) -> None:
        """Forget the child; terminate it unless it has `ended` its work (it then exits on its
        own, and a timer tick reaps it: waiting here would stall the window)."""
        if not self._running:
            return
        self._running = False
        if self._starter is not None:
            self._starter.join()
        child, self._child = self._child, None
        if child is None:
            return
        if ended:
            self._ending.append(child)
            return
        self._timer.stop()
        if child.is_alive():
            child.terminate()
            child.join(STOP_GRACE_S)
            if child.is_alive() and self._committing is not None and self._committing.is_set():
                child.join()  # the store is committing: killed now, it might say "cancelled"
            if child.is_alive():
                child.kill()
                child.join(1)
        else:
            child.join(1)


def _finished(messages: Any) -> int | None:
    """The skipped count a stopped child's `finished` message gives, if it left one."""
    while messages is not None:
        try:
            kind, *args = messages.get_nowait()
        except (queue.Empty, EOFError, OSError, ValueError):
            break
        if kind == "finished":
            return int(args[0])
    return None
