"""The window's indexing child: SIGTERM (Cancel) rolls a run back until its store commits;
once it commits, the run ends as finished, and the indexer says so."""

from __future__ import annotations

import multiprocessing
import multiprocessing.queues
import os
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from viewer.collection.engine import add_sources
from viewer.collection.store import CollectionStore
from viewer.ui.collection import index_process
from viewer.ui.collection.index_process import _Stop
from viewer.ui.collection.indexer import CollectionIndexer

EN_ARTICLES = FIXTURES / "collection" / "en" / "articles"


@pytest.fixture
def stop() -> Iterator[_Stop]:
    """The child's SIGTERM handler, installed in this process for the test."""
    handler = _Stop()
    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield handler
    finally:
        signal.signal(signal.SIGTERM, previous)


def _terminate_self() -> None:
    os.kill(os.getpid(), signal.SIGTERM)


def _documents(path: Path) -> int:
    with CollectionStore.open(path) as store:
        return len(store.report()["documents"])


def _empty_store(path: Path) -> None:
    with CollectionStore.create_or_open(path) as store, store.transaction():
        pass


@pytest.mark.parametrize("stage", ["Reading articles", "Aligning pairs"])
def test_a_stop_before_the_commit_leaves_the_store_as_it_was(
        stop: _Stop, tmp_path: Path, stage: str) -> None:
    path = tmp_path / "c.tandem"
    _empty_store(path)
    seen: list[str] = []

    def progress(at: str, _fraction: float) -> None:
        seen.append(at)
        if at.startswith(stage) and seen.count(at) == 1:
            _terminate_self()

    with CollectionStore.create_or_open(path) as store, pytest.raises(SystemExit):
        add_sources(store, [EN_ARTICLES], progress, workers=1,
                    committing=stop.commit_begins)
    assert any(at.startswith(stage) for at in seen)
    assert _documents(path) == 0


def test_a_stop_while_the_store_commits_lets_the_run_finish(stop: _Stop,
                                                             tmp_path: Path) -> None:
    path = tmp_path / "c.tandem"
    _empty_store(path)
    committing: Callable[[], None] = lambda: (stop.commit_begins(), _terminate_self())  # noqa: E731
    with CollectionStore.create_or_open(path) as store:
        summary = add_sources(store, [EN_ARTICLES], workers=1, committing=committing)
    assert stop.committing
    assert _documents(path) == len(list(EN_ARTICLES.glob("*.txt"))) - summary.skipped


@pytest.mark.parametrize("report_saved", [True, False])
def test_cancel_after_the_run_saved_its_work_reports_it_finished(  # type: ignore[no-untyped-def]
        qtbot, tmp_path: Path, report_saved: bool) -> None:
    # The window reads the child's messages on a timer. A Cancel that comes after the run
    # committed, before its "finished" was read, cannot undo it: the indexer says
    # finished when asked to report it (the user's Cancel: the window then shows the
    # store), and nothing when the window is closing; never cancelled.
    indexer = CollectionIndexer()
    finished: list[tuple[str, int]] = []
    cancelled: list[bool] = []
    indexer.finished.connect(lambda path, skipped: finished.append((path, skipped)))
    indexer.cancelled.connect(lambda: cancelled.append(True))
    path = tmp_path / "c.tandem"
    indexer.start(str(path), [str(EN_ARTICLES)])
    # No events are processed meanwhile: the timer never reads the child's messages.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (
            not path.exists() or multiprocessing.active_children()):
        time.sleep(0.05)
    assert indexer.running and not multiprocessing.active_children()
    assert indexer.cancel(report_saved=report_saved)
    assert not indexer.running
    assert cancelled == []
    assert finished == ([(str(path), 0)] if report_saved else [])
    assert _documents(path) == len(list(EN_ARTICLES.glob("*.txt")))


class _StoreWitness:
    """The child's message queue, noting with each message whether the store was there."""

    def __init__(self, store: str, messages: multiprocessing.queues.Queue) -> None:
        self.store = store
        self.messages = messages

    def put(self, message: tuple[object, ...]) -> None:
        self.messages.put((message[0], os.path.exists(self.store)))


def test_a_failed_first_run_removes_its_store_before_it_reports(tmp_path: Path) -> None:
    # The window takes "failed" as the run's end (and a test then looks in the cache): the
    # store the run made must be gone by the time the message is sent, not just after.
    empty = tmp_path / "empty"
    empty.mkdir()
    store = str(tmp_path / "c.tandem")
    context = multiprocessing.get_context("spawn")
    messages = context.Queue()
    child = context.Process(target=index_process.run,
                            args=(store, [str(empty)], True, _StoreWitness(store, messages)))
    child.start()
    try:
        reported = messages.get(timeout=120)
        while reported[0] == "progress":
            reported = messages.get(timeout=120)
    finally:
        child.join(60)
    assert reported == ("failed", False)
    assert not os.path.exists(store)


@pytest.mark.parametrize("first", [True, False])
def test_a_child_killed_midway_says_what_became_of_the_store(  # type: ignore[no-untyped-def]
        qtbot, tmp_path: Path, first: bool) -> None:
    # The indexing process killed (out of memory, a kill from outside) ends no transaction:
    # a store it had was as it was before; one its first run made held nothing, and was
    # left behind, while the window said "the store is as it was before" of a store there
    # never was (and took the leftover for the collection's store the next time).
    path = tmp_path / "c.tandem"
    if not first:
        _empty_store(path)
    indexer = CollectionIndexer()
    failed: list[str] = []
    stages: list[str] = []
    indexer.failed.connect(failed.append)
    indexer.progress.connect(lambda stage, _fraction: stages.append(stage))
    indexer.start(str(path), [str(EN_ARTICLES)])
    qtbot.waitUntil(lambda: bool(stages), timeout=120000)
    child = indexer._child
    assert child is not None and child.pid is not None
    os.kill(child.pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: not indexer.running, timeout=30000)
    assert len(failed) == 1 and "stopped unexpectedly" in failed[0]
    if first:
        assert failed[0].endswith("nothing of it was kept")
        assert not any(tmp_path.glob("c.tandem*"))
    else:
        assert failed[0].endswith("the store is as it was before")
        assert _documents(path) == 0
