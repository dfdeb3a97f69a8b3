"""The fast numpy code checked against slow, obvious versions written here.

Each fast function's comment claims an equivalence (a run chained whole changes nothing,
Horner's rule in step equals one token at a time...);
hypothesis draws inputs and the two versions must agree exactly.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.core.grouping import expand
from viewer.core.match import (
    MAX_DRIFT,
    MatchParams,
    _crossed,
    _Runs,
    _runs,
    _significant,
    _without_lone_chance_runs,
)
from viewer.core.tokenize import _HASH_BASE, _spelling_hashes

SEED = 3


@st.composite
def seeds(draw):  # type: ignore[no-untyped-def]
    """Distinct (i, j) seed positions sorted by i then j, as `_seeds` gives them, and a
    prefix sum of word bits long enough for every seed."""
    pairs = sorted(set(draw(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)),
                                     max_size=30))))
    i = np.array([p[0] for p in pairs], dtype=np.int64)
    j = np.array([p[1] for p in pairs], dtype=np.int64)
    bits = draw(st.lists(st.integers(0, 9), min_size=50, max_size=50))
    prefix = np.concatenate(([0.0], np.cumsum(np.array(bits, dtype=np.float64))))
    return i, j, prefix


def slow_runs(i: np.ndarray, j: np.ndarray, n: int, reach: int,
              prefix: np.ndarray) -> list[tuple[int, int, int, int, int, float]]:
    """Runs seed by seed: same diagonal, each within reach of the one before; a run with
    a seed of a nearby diagonal inside its stretch of A is split into single seeds."""
    seeds_list = list(zip(i.tolist(), j.tolist(), strict=True))
    by_diagonal: dict[int, list[tuple[int, int]]] = {}
    for a, b in seeds_list:
        by_diagonal.setdefault(b - a, []).append((a, b))
    runs: list[list[tuple[int, int]]] = []
    for diagonal in sorted(by_diagonal):
        current: list[tuple[int, int]] = []
        for seed in sorted(by_diagonal[diagonal]):
            if current and seed[0] - current[-1][0] > reach:
                runs.append(current)
                current = []
            current.append(seed)
        runs.append(current)
    out = []
    for run in runs:
        d, lo, hi = run[0][1] - run[0][0], run[0][0], run[-1][0]
        crossed = any(0 < abs((b - a) - d) <= MAX_DRIFT and lo <= a <= hi
                      for a, b in seeds_list)
        for piece in ([[s] for s in run] if crossed else [run]):
            matched, bits = 0, 0.0
            for (a0, _), (a1, _) in zip(piece, piece[1:], strict=False):
                matched += min(n, a1 - a0)
                bits += prefix[a1 + n] - prefix[max(a0 + n, a1)]
            out.append((piece[0][0], piece[0][1], piece[-1][0], piece[-1][1], matched, bits))
    return sorted(out, key=lambda r: (r[0], r[1]))


def as_rows(runs: _Runs) -> list[tuple[int, int, int, int, int, float]]:
    return list(zip(runs.first_i.tolist(), runs.first_j.tolist(), runs.last_i.tolist(),
                    runs.last_j.tolist(), runs.matched.tolist(), runs.bits.tolist(),
                    strict=True))


@settings(max_examples=150)
@given(seeds(), st.integers(1, 6))
def test_runs_match_the_seed_by_seed_version(drawn, reach: int) -> None:  # type: ignore[no-untyped-def]
    i, j, prefix = drawn
    assert as_rows(_runs(i, j, SEED, reach, prefix)) == slow_runs(i, j, SEED, reach, prefix)


@given(seeds())
def test_crossed_matches_a_scan(drawn) -> None:  # type: ignore[no-untyped-def]
    i, j, _ = drawn
    if not len(i):
        return
    diagonal = j - i
    order = np.lexsort((i, diagonal))
    i, diagonal = i[order], diagonal[order]
    # Every seed its own run: crossed when a nearby diagonal has a seed at the same i.
    starts = ends = np.arange(len(i))
    expected = [any(0 < abs(diagonal[m] - diagonal[k]) <= MAX_DRIFT and i[m] == i[k]
                    for m in range(len(i))) for k in range(len(i))]
    assert _crossed(diagonal, i, starts, ends).tolist() == expected


@settings(max_examples=150)
@given(seeds(), st.integers(0, 4), st.integers(2, 8), st.booleans(),
       st.floats(0, 20))
def test_lone_chance_runs_match_the_pairwise_version(  # type: ignore[no-untyped-def]
        drawn, gap: int, min_tokens: int, use_rarity: bool, chance_bits: float) -> None:
    i, j, prefix = drawn
    n = SEED
    params = MatchParams(seed=n, min_tokens=min_tokens, gap=gap, rarity_margin=5.0,
                         use_rarity=use_rarity)
    runs = _runs(i, j, n, n + gap, prefix)
    kept = _without_lone_chance_runs(runs, n, params, prefix, chance_bits)
    # Slow: a run is kept if some run starts within reach after it on both sides (or it
    # comes within reach after another), or if it passes on its own.
    join_gap = 2 * gap
    reach = n + max(gap, join_gap)
    count = len(runs.first_i)
    partnered = [False] * count
    for k in range(count):
        for m in range(count):
            step_a = runs.first_i[m] - runs.last_i[k]
            step_b = runs.first_j[m] - runs.last_j[k]
            if 1 <= step_a <= reach and min(1, n - join_gap // 2) <= step_b <= reach:
                partnered[k] = partnered[m] = True
    matched = n + runs.matched
    bits = prefix[runs.first_i + n] - prefix[runs.first_i] + runs.bits
    unmatched = runs.last_i + n - runs.first_i - matched
    alone = (matched > n) & _significant(matched, unmatched, bits, params, chance_bits)
    expected = runs[np.array(partnered, dtype=bool) | alone]
    assert as_rows(kept) == as_rows(expected)


@given(st.lists(st.text(max_size=12), max_size=20))
def test_spelling_hashes_match_horner_one_token_at_a_time(tokens: list[str]) -> None:
    codes = np.array([ord(c) for c in "".join(tokens)], dtype=np.uint64)
    lengths = np.array([len(t) for t in tokens], dtype=np.int64)
    ends = np.cumsum(lengths)
    starts = ends - lengths
    expected = []
    for token in tokens:
        value = len(token)
        for ch in token:
            value = (value * int(_HASH_BASE) + ord(ch)) % 2**64
        expected.append(value)
    assert _spelling_hashes(codes, starts, ends).tolist() == expected


@given(st.lists(st.integers(0, 6), max_size=30))
def test_expand_lists_each_items_group_and_rank(counts: list[int]) -> None:
    owner, rank = expand(np.array(counts, dtype=np.int64))
    expected = [(g, r) for g, c in enumerate(counts) for r in range(c)]
    assert list(zip(owner.tolist(), rank.tolist(), strict=True)) == expected
