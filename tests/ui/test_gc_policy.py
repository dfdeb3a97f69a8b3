"""While the window runs, cyclic garbage is collected in the GUI thread only: a Qt object
left in a cycle and destroyed by a collection a worker's allocations set off crashes the
process."""

from __future__ import annotations

import gc
import threading

from viewer.ui.gc_policy import GuiThreadCollector, collect_in_gui_thread


class _Cycle:
    """An object in a reference cycle that notes the thread it is destroyed in."""

    def __init__(self, seen: list[str]) -> None:
        self.seen = seen
        self.me = self

    def __del__(self) -> None:
        self.seen.append(threading.current_thread().name)


def _allocate(kept: list[list[int]]) -> None:
    # Tracked objects kept alive, as a comparison's results are: far past the youngest
    # generation's threshold (700), which sets a collection off in this thread when the
    # automatic collector is on.
    kept.extend([] for _ in range(20_000))


def test_a_cycle_left_while_a_worker_allocates_is_collected_in_the_gui_thread(qtbot, qapp
                                                                              ) -> None:
    was = gc.isenabled()
    collector = GuiThreadCollector(qapp)
    try:
        seen: list[str] = []
        _Cycle(seen)
        kept: list[list[int]] = []
        worker = threading.Thread(target=_allocate, args=(kept,), name="worker")
        worker.start()
        worker.join()
        assert seen == []  # nothing collected in the worker
        qtbot.waitUntil(lambda: seen != [], timeout=5000)
        assert seen == [threading.main_thread().name]
    finally:
        collector.stop()
    assert gc.isenabled() == was


def test_stopping_a_collector_gives_python_its_automatic_collection_back(qapp) -> None:
    gc.enable()
    collector = GuiThreadCollector(qapp)
    assert not gc.isenabled()
    collector.stop()
    assert gc.isenabled()
    gc.disable()  # as this test found it (tests/ui collect in the GUI thread)


def test_the_window_process_has_one_collector(qapp) -> None:
    collector = collect_in_gui_thread(qapp)
    assert collect_in_gui_thread(qapp) is collector
    assert not gc.isenabled()
