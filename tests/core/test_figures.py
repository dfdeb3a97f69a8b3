"""The numbers a stretch of text states, as the tokenizer reads them."""

from __future__ import annotations

import pytest

from viewer.collection.words import collection_normalizer
from viewer.core.figures import Figures, compare_figures, figures
from viewer.core.tokenize import Vocabulary, tokenize


def _keys(text: str) -> list[str]:
    vocabulary = Vocabulary()
    return [vocabulary.keys[t] for t in tokenize(text, collection_normalizer(), vocabulary).ids]


def test_numbers_are_runs_of_digits_and_english_number_words() -> None:
    keys = _keys("Crean says 4,000 jobs, up from ３０００ and two hundred; no one knows why.")
    assert figures(keys) == {"4000": 1, "3000": 1, "two": 1, "hundred": 1}


@pytest.mark.parametrize(("x", "y"), [
    # Two score lines of one round, two census counts: each states numbers the other lacks.
    ("上海女排３∶１两胜辽宁女排", "上海女排３∶０两胜福建女排"),
    ("an hundred thousand and eight thousand", "an hundred thousand and six thousand"),
])
def test_two_reports_in_one_frame_state_other_figures(x: str, y: str) -> None:
    assert compare_figures(_keys(x), _keys(y)) is Figures.OTHER


@pytest.mark.parametrize(("x", "y"), [
    ("4,000 jobs were created last month", "4000 new jobs were made last month"),  # edited
    ("In 1998 the rate rose to 3.1 percent", "The rate rose to 3.1 percent"),  # one dropped
    ("the rate rose", "the rate rose 2100 times"),  # one added
    ("no numbers here", "none here either"),
    # One number written in words, then in digits (Newton's Opticks restating a proposition).
    ("the first of an hundred and six arithmetical mean Proportionals",
     "the first of 106 arithmetical mean Proportionals"),
])
def test_a_copy_keeps_its_figures_or_drops_or_adds_one(x: str, y: str) -> None:
    assert compare_figures(_keys(x), _keys(y)) is not Figures.OTHER
    assert compare_figures(_keys(y), _keys(x)) is not Figures.OTHER


@pytest.mark.parametrize(("x", "y", "same"), [
    # One report of a poverty programme, its clauses in another order.
    ("使７万乡亲告别了“山顶洞”生活，解决了３１万人的饮水困难，帮助２０万同胞脱了贫",
     "解决了３１万人的饮水困难，使７万人告别了栖居山洞的生活，２０万同胞脱了贫", True),
    ("4,000 jobs were created in 1998", "In 1998 some 4000 jobs were made", True),
    # A copy may drop one of them.
    ("4,000 jobs were created in 1998", "some 4000 jobs were made", False),
    # One number alike is as often a date or a count any two texts give.
    ("the rate rose in 1998", "in 1998 the dam broke", False),
    # One number stated twice on both sides is still one figure alike.
    ("two turtledoves, or two young pigeons, unto the LORD",
     "two turtledoves, or two young pigeons, such as he is able to get", False),
])
def test_two_stretches_stating_the_same_numbers_report_one_thing(x: str, y: str,
                                                                 same: bool) -> None:
    assert (compare_figures(_keys(x), _keys(y)) is Figures.SAME) is same
    assert (compare_figures(_keys(y), _keys(x)) is Figures.SAME) is same
