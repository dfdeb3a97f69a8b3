"""The garbage-collector policy of the window process, in one place.

A comparison of two long texts leaves hundreds of thousands of small objects that live until
the next one; every full collection walked them all, stalling the event loop 50-100 ms.
Frozen, the collector skips them; reference counting still frees them when the next
comparison replaces them. Frozen objects are never collected, so whatever earlier results
left in reference cycles is freed once per request, before freezing anew.
"""

from __future__ import annotations

import gc


def before_comparison() -> None:
    """Free what earlier results left in cycles, then freeze what is alive now."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def after_comparison() -> None:
    """Freeze the new result, so full collections no longer walk it."""
    gc.freeze()
