"""The scroll map keeps matched passages level and ignores a passage moved out of order."""

from viewer.ui.sync import ScrollMap


def test_positions_inside_and_between_passages() -> None:
    m = ScrollMap([((100, 200), (1000, 1100)), ((300, 400), (1500, 1600))], 500, 2000)
    assert m.a_to_b(100) == 1000
    assert m.a_to_b(150) == 1050
    assert m.a_to_b(250) == 1300  # halfway between the two passages
    assert m.b_to_a(1550) == 350
    assert m.a_to_b(500) == 2000


def test_moved_passage_does_not_fold_the_map() -> None:
    pairs = [((0, 100), (0, 100)), ((200, 210), (50, 60)), ((300, 400), (300, 400))]
    m = ScrollMap(pairs, 500, 500)
    mapped = [m.a_to_b(x) for x in range(0, 501, 10)]
    assert mapped == sorted(mapped)
    assert m.a_to_b(350) == 350
