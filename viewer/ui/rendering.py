"""What the window draws from a comparison, prepared away from the GUI thread.

Qt-free on purpose: it is built in the comparison's worker, which may be another process.
The marks, the scroll map and the navigation come from `viewer.present`; this only indexes
the marks by text block for the highlighter.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from viewer.core.model import Comparison
from viewer.present.alignment import ScrollMap
from viewer.present.marks import MarkedSpan, MarkKind, side_marks
from viewer.present.navigation import Navigation
from viewer.ui.range_index import RangeIndex

_STRIP_KINDS = ((MarkKind.PASSAGE,), (MarkKind.SLOGAN, MarkKind.WATCH))


@dataclass(frozen=True)
class Rendered:
    """A comparison plus what the window needs to draw it, prepared off the GUI thread."""

    comparison: Comparison
    index_a: RangeIndex
    index_b: RangeIndex
    scroll_map: ScrollMap
    navigation: Navigation
    #: Per side, the spans of passages and of slogans (n x 2 arrays) for the overview strips.
    marks: tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


def prepare(comparison: Comparison) -> Rendered:
    """Build both panes' per-block highlight indexes, the scroll map and the navigation."""
    indexes = []
    strips: list[tuple[np.ndarray, np.ndarray]] = []
    for side, doc in enumerate(comparison.documents):
        marks = side_marks(comparison, side)
        index = RangeIndex(doc.text)
        index.add(((s, e) for s, e, _ in marks), (key for _, _, key in marks))
        indexes.append(index)
        passages, slogans = (_spans_of(marks, kinds) for kinds in _STRIP_KINDS)
        strips.append((passages, slogans))
    scroll_map = ScrollMap(comparison.shared_phrases, len(comparison.document_a.text),
                           len(comparison.document_b.text))
    return Rendered(comparison, indexes[0], indexes[1], scroll_map,
                    Navigation(comparison.shared_phrases), (strips[0], strips[1]))


def _spans_of(marks: list[MarkedSpan], kinds: tuple[MarkKind, ...]) -> np.ndarray:
    """The spans of the marks of `kinds`, as an n x 2 array."""
    return np.array([(s, e) for s, e, key in marks if key.kind in kinds],
                    dtype=np.float64).reshape(-1, 2)
