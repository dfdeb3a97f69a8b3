"""Navigation: reading order, next/previous with wrap-round, the passage at a position."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from viewer.core.model import SharedPhrase
from viewer.present.navigation import Navigation


def _phrase(a: tuple[int, int], b: tuple[int, int]) -> SharedPhrase:
    return SharedPhrase(a, b, 5, True)


def test_order_follows_a_and_steps_wrap_round() -> None:
    nav = Navigation((_phrase((50, 60), (0, 10)), _phrase((0, 10), (50, 60)),
                      _phrase((20, 30), (20, 30))))
    assert nav.order == [1, 2, 0]
    assert nav.step(None, 1) == 1 and nav.step(None, -1) == 0
    assert nav.step(1, 1) == 2 and nav.step(0, 1) == 1 and nav.step(1, -1) == 0
    assert nav.rank(0) == 2 and len(nav) == 3
    assert Navigation(()).step(None, 1) is None


def test_a_long_passage_is_found_behind_many_short_ones() -> None:
    # The old look-back stopped 16 passages back: a long passage holding many short ones
    # (possible in B, where several passages of A can land) was missed past the 16th.
    phrases = (_phrase((0, 5), (0, 1000)),) + tuple(
        _phrase((10 + 10 * k, 15 + 10 * k), (10 + 20 * k, 15 + 20 * k)) for k in range(40))
    nav = Navigation(phrases)
    assert nav.passage_at(1, 999) == 0
    assert nav.passage_at(1, 12) == 1  # the innermost wins
    assert nav.passage_at(0, 7) is None


span = st.tuples(st.integers(0, 80), st.integers(1, 30)).map(lambda t: (t[0], t[0] + t[1]))


@given(st.lists(st.builds(_phrase, span, span), max_size=12), st.integers(0, 1),
       st.integers(0, 120))
def test_passage_at_matches_a_scan(phrases, side, offset) -> None:  # type: ignore[no-untyped-def]
    nav = Navigation(tuple(phrases))
    found = nav.passage_at(side, offset)
    spans = [(p.a, p.b)[side] for p in phrases]
    covering = [i for i, (start, end) in enumerate(spans) if start <= offset < end]
    if not covering:
        assert found is None
    else:
        latest = max(spans[i][0] for i in covering)
        assert found in covering and spans[found][0] == latest
