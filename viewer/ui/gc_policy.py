"""The garbage-collector policy of the window process, in one place.

A comparison of two long texts leaves hundreds of thousands of small objects that live until
the next one; every full collection walked them all, stalling the event loop 50-100 ms.
Frozen, the collector skips them; reference counting still frees them when the next
comparison replaces them. Frozen objects are never collected, so whatever earlier results
left in reference cycles is freed by a full collection before a comparison; but only once
the frozen objects have grown by half since the last one: with a collection of 10,000
articles open, millions of objects, each full collection took a quarter of a second of
every pair opened, for the few cycles a comparison leaves. A collection shown is frozen
as well (`after_collection_shown`): the timer's full collections walked its 10,000 articles,
a pause of a tenth of a second after it was shown. The collection it replaced is freed by
reference counting all the same: its lists hold no cycles.

Python collects cycles in whichever thread's allocation crosses its threshold: in a worker
comparing two texts as well. A Qt object left in a cycle (a closed window's, a dialog's)
destroyed there crashes the process, so while the window runs only the GUI thread collects
(`GuiThreadCollector`).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

#: How often the GUI thread looks whether a collection is due (milliseconds).
CHECK_MS = 500
#: How much the frozen objects grow, as a share of those alive after the last full
#: collection, before a comparison collects them again (see the module's docstring).
FROZEN_GROWTH = 0.5

_alive_after_collection = 0


def before_comparison() -> None:
    """Free what earlier results left in cycles, when the frozen objects have grown enough
    since this last did (`FROZEN_GROWTH`), then freeze what is alive now."""
    global _alive_after_collection
    grown = gc.get_freeze_count() > _alive_after_collection * (1 + FROZEN_GROWTH)
    if grown:
        gc.unfreeze()
        gc.collect()
    gc.freeze()
    if grown:
        _alive_after_collection = gc.get_freeze_count()


def after_comparison() -> None:
    """Freeze the new result, so full collections no longer walk it."""
    gc.freeze()


def after_collection_shown() -> None:
    """Freeze the collection just shown (its lists and its tables' rows), so full
    collections no longer walk it."""
    gc.freeze()


class GuiThreadCollector(QObject):
    """Turns Python's automatic collection off and collects from a timer of the GUI
    thread instead, each time the generation Python would have collected: the oldest
    whose count has passed its threshold, once the youngest's has (`gc.get_threshold`).
    `stop` turns the automatic collection back on."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.was_enabled = gc.isenabled()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect_due)
        self.timer.start(CHECK_MS)

    def collect_due(self) -> None:
        counts = gc.get_count()
        if counts[0] > self.thresholds[0]:
            gc.collect(max(g for g in range(3) if counts[g] > self.thresholds[g]))

    def stop(self) -> None:
        self.timer.stop()
        if self.was_enabled:
            gc.enable()


def collect_in_gui_thread(app: QObject) -> GuiThreadCollector:
    """The collector of `app`'s process, made when first asked for."""
    return app.findChild(GuiThreadCollector) or GuiThreadCollector(app)
