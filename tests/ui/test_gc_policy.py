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


def test_a_comparison_collects_in_full_only_once_the_frozen_objects_have_grown(
        monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # With a 10,000-article collection open, every pair opened walked its millions of
    # objects in a full collection first: a quarter of a second, for a few cycles.
    from viewer.ui import gc_policy

    full: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(1)

    monkeypatch.setattr(gc_policy, "_alive_after_collection", 0)
    kept = [[] for _ in range(50_000)]  # a collection open: alive, and frozen
    gc_policy.after_comparison()
    gc.callbacks.append(note)
    try:
        gc_policy.before_comparison()  # the first: whatever is frozen is collected
        assert full
        full.clear()
        seen: list[str] = []
        _Cycle(seen)  # what an earlier result left in a cycle
        kept.extend([] for _ in range(100))  # a comparison's result, small beside them
        gc_policy.after_comparison()
        gc_policy.before_comparison()
        assert not full and not seen  # no full walk for so little
        kept.extend([] for _ in range(gc.get_freeze_count()))  # grown by half and more
        gc_policy.after_comparison()
        gc_policy.before_comparison()
        assert full and seen  # the walk, and the cycle left freed
    finally:
        gc.callbacks.remove(note)
        gc.unfreeze()
    assert len(kept) > 100_000  # kept alive to the end
