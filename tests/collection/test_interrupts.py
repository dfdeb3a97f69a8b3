"""Ctrl-C during an indexing run is noted as well as raised: one that lands in a finalizer,
where Python drops it, still stops the run at its next check."""

import os
import signal
import sys

import pytest

from viewer.collection.interrupts import noted_interrupts


class _InterruptedWhileCollected:
    """Receives Ctrl-C while the garbage collector finalizes it."""

    def __del__(self) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(100_000):  # Python runs the handler here, inside the finalizer
            pass


def test_a_ctrl_c_dropped_in_a_finalizer_still_stops_the_run_at_its_next_check(monkeypatch):
    dropped = []
    monkeypatch.setattr(sys, "unraisablehook", lambda raised: dropped.append(raised.exc_type))
    with noted_interrupts() as interrupts:
        interrupts.check()  # nothing yet
        _InterruptedWhileCollected()
        assert dropped == [KeyboardInterrupt]  # Python dropped it where it landed...
        with pytest.raises(KeyboardInterrupt):
            interrupts.check()  # ... the run stops all the same


def test_the_handler_before_is_back_after_the_run():
    before = signal.getsignal(signal.SIGINT)
    with noted_interrupts():
        assert signal.getsignal(signal.SIGINT) is not before
    assert signal.getsignal(signal.SIGINT) is before
