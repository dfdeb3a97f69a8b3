"""The grouping helpers agree with plain Python counting on arbitrary arrays."""

from collections import Counter

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from viewer.core.grouping import distinct, group

small_ints = st.lists(st.integers(min_value=-5, max_value=5), max_size=40)


@given(small_ints)
def test_groups_match_counter(values):
    keys = np.array(values, dtype=np.int64)
    groups = group(keys)
    counted = Counter(values)
    assert groups.keys.tolist() == sorted(counted)
    assert groups.counts.tolist() == [counted[k] for k in sorted(counted)]
    assert groups.first.tolist() == [values.index(k) for k in sorted(counted)]
    assert groups.keys[groups.which].tolist() == values
    assert groups.sums(keys * 2).tolist() == [2 * k * counted[k] for k in sorted(counted)]


@given(small_ints)
def test_distinct_is_the_sorted_set(values):
    assert distinct(np.array(values, dtype=np.int64)).tolist() == sorted(set(values))
