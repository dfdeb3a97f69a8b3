"""Ctrl-C that stops an indexing run before it commits, wherever it lands.

Python raises KeyboardInterrupt wherever the main thread is when SIGINT arrives. When that
is inside a finalizer (a `__del__` the garbage collector runs, of a NumPy array, a SQLite
cursor or a process pool), the exception is printed as "Exception ignored" and dropped,
and the run would go on to commit what the user meant to stop. The handler here also notes
the interrupt, and `Interrupts.check` raises it again: at every progress report and just
before the commit.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class Interrupts:
    """Whether Ctrl-C has come since `noted_interrupts` began."""

    def __init__(self) -> None:
        self.pending = False

    def on_signal(self, signum: int, frame: FrameType | None) -> None:
        self.pending = True
        raise KeyboardInterrupt

    def check(self) -> None:
        """Raise KeyboardInterrupt if Ctrl-C has come, even if it was dropped where it
        landed."""
        if self.pending:
            raise KeyboardInterrupt


@contextmanager
def noted_interrupts() -> Iterator[Interrupts]:
    """Note Ctrl-C (SIGINT) while the block runs, as well as raising it; the handler before
    is restored after. Only the main thread receives signals: elsewhere nothing is noted."""
    interrupts = Interrupts()
    if threading.current_thread() is not threading.main_thread():
        yield interrupts
        return
    previous = signal.signal(signal.SIGINT, interrupts.on_signal)
    try:
        yield interrupts
    finally:
        signal.signal(signal.SIGINT, previous)
