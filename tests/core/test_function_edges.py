"""Tests of viewer.core.function_edges: where a shared passage ends, seen through
`compare` on texts that go their own ways after a copied stretch."""

from __future__ import annotations

from viewer.core.compare import compare
from viewer.core.document import Document

COPIED = ("The harbour board approved the long delayed plan to rebuild the eastern "
          "breakwater after three winters of storm damage had closed the ferry berth twice")
BEFORE_A = "Local news from the coast.\n\nCouncillors argued for an hour. "
BEFORE_B = "Weekly bulletin of the port authority.\n\nThe vote came late. "


def _ends(after_a: str, after_b: str) -> tuple[str, str]:
    """What the one shared passage of two texts, the copied stretch followed by
    `after_a` and `after_b`, ends on in A and in B (its last 12 characters)."""
    a = Document(BEFORE_A + COPIED + after_a, "a.txt")
    b = Document(BEFORE_B + COPIED + after_b, "b.txt")
    (phrase,) = compare(a, b).shared_phrases
    return a.text[phrase.a[1] - 12:phrase.a[1]], b.text[phrase.b[1] - 12:phrase.b[1]]


def test_a_passage_does_not_end_on_the_word_opening_the_next_sentence() -> None:
    # Both texts copy the sentence, then each says something of its own.
    assert _ends(". The engineers expect work to start in May.",
                 ". The mayor said nothing about the cost.") == ("berth twice.",
                                                                 "berth twice.")


def test_a_passage_does_not_end_on_the_preposition_the_texts_part_after() -> None:
    assert _ends(" in a single season, officials said.",
                 " in the autumn gales of last year.") == (" berth twice", " berth twice")


def test_a_sentence_ending_on_a_function_word_keeps_it() -> None:
    # "…had closed the ferry berth twice over it." is copied whole.
    assert _ends(" over it. Rates rise in June.", " over it. Nobody was hurt.") == (
        "ice over it.", "ice over it.")


def test_a_clause_ending_on_function_words_keeps_them() -> None:
    # "…twice over all of it," closes its clause: "all of it" opens nothing that follows.
    assert _ends(" over all of it, engineers said.", " over all of it, and nobody was hurt.") == (
        "er all of it", "er all of it")


def test_a_quotation_ending_on_a_function_word_keeps_it() -> None:
    assert _ends(' over it"\nRates rise in June.', ' over it"\nNobody was hurt.') == (
        'ice over it"', 'ice over it"')


def test_a_line_both_texts_end_on_a_function_word_keeps_it() -> None:
    # A heading copied whole ("…What We Are Fighting For") has no full stop.
    assert _ends(" over it\nRates rise in June.", " over it\nNobody was hurt.") == (
        "wice over it", "wice over it")
