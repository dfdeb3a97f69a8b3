"""The English lexicon: which words are only adjectives, which adjectives are predicative,
and which base forms it gives a word."""

import numpy as np
import pytest

from viewer.core.english_lexicon import base_forms_of, listed_in, predicative, readings


def test_a_word_with_any_other_reading_or_unlisted_is_no_adjective_only():
    adjectives = readings().adjectives_only
    assert {"technological", "theoretical", "controllable"} <= adjectives
    # "green" is also a noun and a verb, "major" and "practical" nouns; "informatization"
    # is not listed.
    assert not {"green", "major", "practical", "informatization", "economy"} & adjectives


def test_phrase_ends_are_looked_up_whatever_their_case():
    keys = ["Technological", "green", "controllable"]
    assert listed_in(keys, np.array([0, 1, 2, 0]), readings().adjectives_only).tolist() == [
        True, False, True, True]


@pytest.mark.parametrize("before, is_predicative", [
    (["reactor", "design", "is"], True),
    (["is", "inherently"], True),
    (["remain", "extraordinarily"], True),
    (["Are", "not", "very"], True),
    (["a", "very"], False),
    (["scientific", "and"], False),
    ([], False),
])
def test_an_adjective_after_a_linking_verb_past_adverbs_is_predicative(before, is_predicative):
    assert predicative(before) is is_predicative


def test_the_lexicon_tells_a_words_base_forms_and_lacks_some_words():
    found = base_forms_of({"metals", "economics", "informatizations"})
    assert "metal" in found["metals"]
    assert "economic" not in found["economics"]
    assert "informatizations" not in found
