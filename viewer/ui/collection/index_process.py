"""Indexing a collection in a child process, so the window never waits and Cancel is instant.

The engine runs seconds to minutes of Python over thousands of articles; in a thread it would
hold the interpreter lock long enough to freeze the window. In a child process the window only
reads progress messages. Cancel terminates the child: SIGTERM becomes `SystemExit` inside it,
so the store's transaction rolls back and the alignment pool is stopped; the store is left as
it was before. Once the store commits, SIGTERM is let pass: the run ends as finished, and
says so. Qt-free: the child imports only the engine.

A first run that fails or is cancelled removes the store it created, before it says so.
Messages on the queue: ("progress", stage, fraction), ("finished", skipped_count),
("failed", one-line reason), ("unusable", one-line reason) when the store is there but no
store this version can read (`UnusableStore`).
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from types import FrameType

#: How much lower than the window's the indexing's scheduling priority is.
BACKGROUND_NICENESS = 10


class _Stop:
    """SIGTERM ends the run, unless it comes while the store commits: the work is then
    saved whatever happens, and the run ends as finished, so the window can say so (a
    stop that came a moment too late is no cancel). `commit_event` (the window reads it)
    is set when the commit begins."""

    def __init__(self, commit_event: Event | None = None) -> None:
        self.committing = False
        self.commit_event = commit_event

    def __call__(self, _signum: int, _frame: FrameType | None) -> None:
        if not self.committing:
            sys.exit(1)

    def commit_begins(self) -> None:
        self.committing = True
        if self.commit_event is not None:
            self.commit_event.set()


def run(store_path: str, sources: Sequence[str], sync: bool, messages: Queue,
        committing: Event | None = None) -> None:
    """Add `sources` to the store at `store_path` (created if needed), reporting on `messages`
    and setting `committing` once the store commits."""
    if hasattr(os, "nice"):
        # Background work: on a busy machine the window is served first (its pool inherits).
        os.nice(BACKGROUND_NICENESS)
    # Until the engine is imported a Cancel ends the child as SIGTERM does by default: an
    # exit raised inside an import (numpy's) would surface as an ImportError traceback.
    from viewer.collection.engine import add_sources
    from viewer.collection.store import CollectionStore, UnusableStore, remove_unused_store
    from viewer.core.errors import TandemError

    stop = _Stop(committing)
    signal.signal(signal.SIGTERM, stop)

    last_stage, last_fraction = "", -1.0

    def progress(stage: str, fraction: float) -> None:
        nonlocal last_stage, last_fraction
        # Hundredths are enough for a progress bar: fewer messages for the window to read.
        if stage != last_stage or fraction - last_fraction >= 0.01 or fraction >= 1.0:
            last_stage, last_fraction = stage, fraction
            messages.put(("progress", stage, fraction))

    existed = os.path.exists(store_path)
    outcome: tuple[str, object] | None = None
    try:
        with CollectionStore.create_or_open(store_path) as store:
            # The window indexes into its cache of the source (see `CollectionMode.open`).
            summary = add_sources(store, list(sources), progress, sync=sync, cache=True,
                                  committing=stop.commit_begins)
        outcome = ("finished", summary.skipped)
    except UnusableStore as error:
        outcome = ("unusable", str(error))
    except TandemError as error:
        outcome = ("failed", str(error))
    except Exception as error:  # noqa: BLE001 - reported to the window, never a traceback
        outcome = ("failed", f"indexing failed: {type(error).__name__}: {error}")
    finally:
        if (outcome is None or outcome[0] != "finished") and not existed:
            # A first run that failed or was cancelled leaves nothing.
            remove_unused_store(store_path)
    # Only now: the window takes the message as the run's end, when a failed first run's
    # store must already be gone.
    messages.put(outcome)
