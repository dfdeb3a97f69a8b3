"""Overlapping highlight ranges are cut into pieces that carry every key covering them."""

from hypothesis import given
from hypothesis import strategies as st

from viewer.ui.range_index import merge_ranges

spans = st.lists(st.tuples(st.integers(0, 30), st.integers(1, 8), st.sampled_from("pqs")),
                 max_size=8)


@given(spans)
def test_pieces_carry_exactly_the_keys_covering_each_character(raw):
    ranges = [(s, s + n, key) for s, n, key in raw]
    pieces = merge_ranges(ranges)
    assert all(start < end for start, end, _ in pieces)
    assert all(a[1] <= b[0] for a, b in zip(pieces, pieces[1:], strict=False))
    for position in range(45):
        expected = {key for s, e, key in ranges if s <= position < e}
        found = [keys for s, e, keys in pieces if s <= position < e]
        assert (found[0] if found else set()) == expected


def test_a_slogan_inside_a_passage_splits_it_in_three():
    pieces = merge_ranges([(0, 10, "passage"), (3, 5, "slogan")])
    assert pieces == [(0, 3, frozenset({"passage"})), (3, 5, frozenset({"passage", "slogan"})),
                      (5, 10, frozenset({"passage"}))]
