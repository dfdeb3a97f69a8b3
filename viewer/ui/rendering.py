"""What the window draws from a comparison, prepared away from the GUI thread.

Qt-free on purpose: it is built in the comparison's worker, which may be another process.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from viewer.core.model import Comparison
from viewer.ui.range_index import RangeIndex
from viewer.ui.sync import ScrollMap


@dataclass(frozen=True)
class Rendered:
    """A comparison plus what the window needs to draw it, prepared off the GUI thread."""

    comparison: Comparison
    index_a: RangeIndex
    index_b: RangeIndex
    scroll_map: ScrollMap
    #: Per side, the spans of passages and of slogans (n x 2 arrays) for the overview strips.
    marks: tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


def prepare(comparison: Comparison) -> Rendered:
    """Build both panes' per-block highlight indexes and the scroll map."""
    phrases = comparison.shared_phrases
    indexes = []
    marks = []
    for side, doc in (("a", comparison.document_a), ("b", comparison.document_b)):
        phrase_spans = [getattr(p, side) for p in phrases]
        slogan_spans = [s.occurrences_a if side == "a" else s.occurrences_b
                        for s in comparison.slogans]
        index = RangeIndex(doc.text)
        index.add(phrase_spans, [("phrase", i) for i in range(len(phrases))])
        for number, spans in enumerate(slogan_spans):
            index.add(spans, [("slogan", number)] * len(spans))
        indexes.append(index)
        marks.append(tuple(np.array(spans, dtype=np.float64).reshape(-1, 2) for spans in (
            phrase_spans, [span for spans in slogan_spans for span in spans])))
    scroll_map = ScrollMap([(p.a, p.b) for p in phrases], len(comparison.document_a.text),
                           len(comparison.document_b.text))
    return Rendered(comparison, indexes[0], indexes[1], scroll_map, (marks[0], marks[1]))
