"""The numbers a stretch of text states, as the tokenizer reads them."""

from __future__ import annotations

import pytest

from viewer.collection.words import collection_normalizer
from viewer.core.figures import figures, state_other_figures
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
    assert state_other_figures(_keys(x), _keys(y))


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
    assert not state_other_figures(_keys(x), _keys(y))
    assert not state_other_figures(_keys(y), _keys(x))
