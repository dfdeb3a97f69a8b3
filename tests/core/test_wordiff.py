"""Word-level differences of a passage, in character spans of each text."""

from __future__ import annotations

from viewer.core.normalize import Normalizer
from viewer.core.tokenize import Vocabulary, tokenize
from viewer.core.wordiff import word_differences


def differences(text_a: str, text_b: str):  # type: ignore[no-untyped-def]
    vocabulary, normalizer = Vocabulary(), Normalizer()
    a, b = tokenize(text_a, normalizer, vocabulary), tokenize(text_b, normalizer, vocabulary)
    return word_differences(a, b, 0, len(a), 0, len(b))


def test_replace_delete_and_insert_name_the_words() -> None:
    a = "the harbour wall was built of cheap stone last year"
    b = "the harbour wall was built of low-cost stone in the year"
    found = differences(a, b)
    kinds = [(d.kind, a[d.a[0]:d.a[1]], b[d.b[0]:d.b[1]]) for d in found]
    assert ("replace", "cheap", "low-cost") in kinds
    assert any(kind == "replace" and "last" in old and "in the" in new
               for kind, old, new in kinds)


def test_a_pure_insertion_has_an_empty_span_in_a_where_it_goes() -> None:
    a, b = "quiet harbour pledge", "quiet new harbour pledge"
    [d] = differences(a, b)
    assert d.kind == "insert" and d.a[0] == d.a[1] == a.index("harbour")
    assert b[d.b[0]:d.b[1]] == "new"


def test_identical_passages_have_no_differences() -> None:
    assert differences("one two three", "One two three") == ()
