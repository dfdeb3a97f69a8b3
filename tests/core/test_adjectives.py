"""The English lexicon's adjectives: which phrase ends are attributive adjectives."""

import numpy as np

from viewer.core.adjectives import adjectives_only, ends_on_adjective


def test_a_word_with_any_other_reading_or_unlisted_is_no_adjective_only():
    adjectives = adjectives_only()
    assert {"technological", "theoretical", "controllable"} <= adjectives
    # "green" is also a noun and a verb, "major" a noun; the lexicon lacks "low-carbon".
    assert not {"green", "major", "low-carbon", "economy"} & adjectives


def test_an_adjective_after_a_form_of_be_is_predicative():
    keys = ["scientific", "and", "technological", "are", "green", "Controllable"]
    # Phrases ending: "and technological", "are technological", "and green",
    # "and Controllable" (keys are matched whatever their case).
    last, before = np.array([2, 2, 4, 5]), np.array([1, 3, 1, 1])
    assert ends_on_adjective(keys, last, before).tolist() == [True, False, False, True]
