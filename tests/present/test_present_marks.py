"""Marks of each side and the one overlap rule, shared by the window and the reports."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from viewer.core.document import Document
from viewer.core.model import Comparison, SharedPhrase, Slogan, Stats, WordDifference
from viewer.core.settings import Settings
from viewer.present.marks import (
    Mark,
    MarkKind,
    Style,
    resolve,
    segments,
    side_marks,
    style_of,
)

P, S, W = MarkKind.PASSAGE, MarkKind.SLOGAN, MarkKind.WATCH
keys = st.builds(Mark, st.sampled_from(list(MarkKind)), st.integers(0, 3))
spans = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 8), keys), max_size=8)


@given(spans)
def test_pieces_carry_exactly_the_marks_covering_each_character(raw) -> None:  # type: ignore[no-untyped-def]
    marks = [(s, s + n, key) for s, n, key in raw]
    pieces = segments(marks)
    assert all(start < end for start, end, _ in pieces)
    assert all(a[1] <= b[0] for a, b in zip(pieces, pieces[1:], strict=False))
    for position in range(45):
        expected = {key for s, e, key in marks if s <= position < e}
        found = [keys for s, e, keys in pieces if s <= position < e]
        assert (found[0] if found else set()) == expected


@given(spans)
def test_resolved_runs_style_each_character_by_the_rule(raw) -> None:  # type: ignore[no-untyped-def]
    marks = [(s, s + n, key) for s, n, key in raw]
    runs = resolve(marks)
    assert all(a[1] <= b[0] for a, b in zip(runs, runs[1:], strict=False))
    for position in range(45):
        covering = [key for s, e, key in marks if s <= position < e]
        found = [style for s, e, style in runs if s <= position < e]
        assert (found[0] if found else None) == (style_of(covering) if covering else None)


def test_a_slogan_inside_a_passage_splits_it_in_three() -> None:
    pieces = segments([(0, 10, Mark(P, 0)), (3, 5, Mark(S, 1))])
    assert pieces == [(0, 3, frozenset({Mark(P, 0)})), (3, 5, frozenset({Mark(P, 0), Mark(S, 1)})),
                      (5, 10, frozenset({Mark(P, 0)}))]


def test_watch_list_over_slogan_over_passage() -> None:
    assert style_of([Mark(P, 2), Mark(S, 0), Mark(W, 1)]) == Style(2, W)
    assert style_of([Mark(W, 1), Mark(S, 0)]) == Style(None, W)
    assert style_of([Mark(P, 3), Mark(P, 1), Mark(S, 4)]) == Style(1, S)  # earliest passage
    assert style_of([Mark(P, 0), Mark(MarkKind.DELETED, 0)]) == Style(0, None, MarkKind.DELETED)


def _comparison() -> Comparison:
    text_a, text_b = "the old harbour wall fell", "the new harbour wall fell"
    phrase = SharedPhrase((0, 25), (0, 25), 5, False,
                          (WordDifference("replace", (4, 7), (4, 7)),))
    slogan = Slogan("harbour wall", 2, ((8, 20),), ((8, 20),))
    watched = Slogan("wall fell", 2, ((16, 25),), ((16, 25),), watchlist=True)
    return Comparison(Document(text_a, "a.txt"), Document(text_b, "b.txt"), Settings(),
                      (phrase,), (slogan, watched), (), Stats(1.0, 1.0, 0.0, 5, 5))


def test_side_marks_name_every_kind_on_its_side() -> None:
    comparison = _comparison()
    a, b = side_marks(comparison, 0), side_marks(comparison, 1)
    assert (4, 7, Mark(MarkKind.DELETED, 0)) in a and (4, 7, Mark(MarkKind.INSERTED, 0)) in b
    assert (8, 20, Mark(S, 0)) in a and (16, 25, Mark(W, 1)) in b
    def style_at(position: int) -> Style:
        return next(style for s, e, style in resolve(a) if s <= position < e)

    assert style_at(10) == Style(0, S)
    assert style_at(17) == Style(0, W)  # the watch-list phrase wins over the slogan
    assert style_at(5) == Style(0, None, MarkKind.DELETED)
