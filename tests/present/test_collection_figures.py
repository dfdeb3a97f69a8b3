"""A slogan's collection label: whole for reports and tooltips, short for a table's cell."""

from __future__ import annotations

import pytest

from viewer.core.document import Document
from viewer.core.model import Comparison, Slogan, Stats
from viewer.core.settings import Settings
from viewer.present.collection_figures import collection_figures, slogan_label

FIGURES = {"documents": 5, "of": 30, "first": {"doc": "x", "date": "2023-03-02"}}


@pytest.mark.parametrize("spans_a,spans_b,whole,short", [
    (((0, 5),), ((0, 5),), "common formulation · in 5/30 articles · first 2023-03-02",
     "common · 5/30"),
    (((0, 5),), (), "used by A only · in 5/30 articles · first 2023-03-02", "A only · 5/30"),
    ((), ((0, 5),), "used by B only · in 5/30 articles · first 2023-03-02", "B only · 5/30"),
    ((), (), "used by neither · in 5/30 articles · first 2023-03-02", "neither · 5/30"),
])
def test_a_label_whole_and_short(spans_a, spans_b, whole, short) -> None:  # type: ignore[no-untyped-def]
    slogan = Slogan("key core technologies", 3, spans_a, spans_b)
    assert slogan_label(FIGURES, slogan) == whole
    assert slogan_label(FIGURES, slogan, short=True) == short
    assert slogan_label(None, slogan, short=True) == ""


def test_the_figures_carry_the_short_labels_in_the_slogans_order() -> None:
    # Whole, the label wrapped every row of the window's Slogans tab to four lines.
    slogans = (Slogan("one", 1, ((0, 3),), ((0, 3),)), Slogan("two", 1, ((4, 7),), ()))
    comparison = Comparison(Document("one two", "a"), Document("one", "b"), Settings(), (),
                            slogans, (), Stats(0.0, 0.0, 0.0, 2, 1))
    context = {"slogans": [{"documents": 2, "of": 9}, None], "shared_phrases": [],
               "collection": {"documents": 9, "store": "/x/c.sqlite"}}
    figures = collection_figures(context, comparison)
    assert figures.slogans == ("shared only by these two · in 2/9 articles", "")
    assert figures.slogans_short == ("these two only · 2/9", "")
