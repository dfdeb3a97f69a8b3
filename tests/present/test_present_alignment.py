"""One alignment for window and reports: the word-weighted chain drives the scroll map."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from viewer.core.model import SharedPhrase
from viewer.present.alignment import ScrollMap, alignment_chain


def _phrase(a: tuple[int, int], b: tuple[int, int], words: int = 5) -> SharedPhrase:
    return SharedPhrase(a, b, words, True)


def test_positions_inside_and_between_passages() -> None:
    m = ScrollMap([_phrase((100, 200), (1000, 1100)), _phrase((300, 400), (1500, 1600))],
                  500, 2000)
    assert m.a_to_b(100) == 1000
    assert m.a_to_b(150) == 1050
    assert m.a_to_b(250) == 1300  # halfway between the two passages
    assert m.b_to_a(1550) == 350
    assert m.a_to_b(500) == 2000


def test_moved_passage_does_not_fold_the_map() -> None:
    phrases = [_phrase((0, 100), (0, 100), 20), _phrase((200, 210), (50, 60), 2),
               _phrase((300, 400), (300, 400), 20)]
    m = ScrollMap(phrases, 500, 500)
    mapped = [m.a_to_b(x) for x in range(0, 501, 10)]
    assert mapped == sorted(mapped)
    assert m.a_to_b(350) == 350


def test_window_and_report_line_up_the_same_passage() -> None:
    # The example: p1 is longer in characters of A, p2 has more words. The report
    # lined up p2 while the window's scroll map anchored p1; now both follow the words.
    p1 = _phrase((0, 100), (500, 600), 5)
    p2 = _phrase((200, 260), (0, 60), 12)
    assert alignment_chain((p1, p2)) == [1]
    m = ScrollMap((p1, p2), 1000, 1000)
    assert m.a_to_b(200) == 0 and m.a_to_b(260) == 60


def test_chain_prefers_the_heavier_order_when_passages_cross() -> None:
    long = _phrase((100, 200), (0, 100), 20)
    short = _phrase((0, 50), (300, 350), 6)
    after = _phrase((300, 350), (400, 450), 6)
    assert alignment_chain((short, long, after)) == [1, 2]
    assert alignment_chain(()) == []


def _in_order(chain: list[SharedPhrase]) -> bool:
    return all(x.a[1] <= y.a[0] and x.b[1] <= y.b[0]
               for x, y in zip(chain, chain[1:], strict=False))


def _slow_best_weight(phrases: list[SharedPhrase]) -> int:
    """Every subset, checked: the heaviest one in order in both texts."""
    best = 0
    n = len(phrases)
    for mask in range(1 << n):
        chosen = sorted((phrases[i] for i in range(n) if mask >> i & 1), key=lambda p: p.a)
        if _in_order(chosen):
            best = max(best, sum(max(1, p.words) for p in chosen))
    return best


span = st.tuples(st.integers(0, 60), st.integers(1, 15)).map(lambda t: (t[0], t[0] + t[1]))


@given(st.lists(st.builds(_phrase, span, span, st.integers(1, 9)), max_size=7))
def test_chain_is_in_order_and_as_heavy_as_any(phrases) -> None:  # type: ignore[no-untyped-def]
    chain = [phrases[i] for i in alignment_chain(phrases)]
    assert _in_order(chain)
    assert sum(max(1, p.words) for p in chain) == _slow_best_weight(phrases)
