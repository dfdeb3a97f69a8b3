"""The garbage-collector policy of the window process, in one place.

A comparison of two long texts leaves hundreds of thousands of small objects that live until
the next one; every full collection walked them all, stalling the event loop 50-100 ms.
Frozen, the collector skips them; reference counting still frees them when the next
comparison replaces them. Frozen objects are never collected, so whatever earlier results
left in reference cycles is freed once per request, before freezing anew.

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


def before_comparison() -> None:
    """Free what earlier results left in cycles, then freeze what is alive now."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def after_comparison() -> None:
    """Freeze the new result, so full collections no longer walk it."""
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
