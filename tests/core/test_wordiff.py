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


def test_a_changed_figure_is_shown_whole() -> None:
    a = "output grew by 27.3 percent to 1.5 million tonnes, and 3,000 jobs in 2019"
    b = "output grew by 17.3 percent to 2.5 million tonnes, and 3,500 jobs in 2019"
    shown = [(a[d.a[0]:d.a[1]], b[d.b[0]:d.b[1]]) for d in differences(a, b)]
    assert shown == [("27.3", "17.3"), ("1.5", "2.5"), ("3,000", "3,500")]


def test_a_figure_with_a_digit_more_and_a_list_after_a_comma_stay_apart() -> None:
    a, b = "rates of 1.5 and 4,5 or 6 rose", "rates of 1.55 and 4, 5 or 7 rose"
    shown = [(a[d.a[0]:d.a[1]], b[d.b[0]:d.b[1]]) for d in differences(a, b)]
    assert shown == [("1.5", "1.55"), ("6", "7")]


def chinese_differences(text_a: str, text_b: str) -> list[tuple[str, str]]:
    vocabulary, normalizer = Vocabulary(), Normalizer()
    a, b = tokenize(text_a, normalizer, vocabulary), tokenize(text_b, normalizer, vocabulary)
    return [(text_a[slice(*d.a)], text_b[slice(*d.b)])
            for d in word_differences(a, b, 0, len(a), 0, len(b), chinese=True)]


def test_a_chinese_edit_is_shown_as_the_whole_words_it_changes() -> None:
    # Character by character the edit is 能 -> 慧 and 络 -> 路; read as words, it is
    # 人工智能 -> 人工智慧 and 网络安全 -> 网路安全 (each one word to the segmenter).
    a = "加快发展人工智能产业，提升网络安全防护能力。"
    b = "加快发展人工智慧产业，提升网路安全防护能力。"
    assert chinese_differences(a, b) == [("人工智能", "人工智慧"), ("网络安全", "网路安全")]
    # A word added between two others widens nothing.
    assert chinese_differences("推动经济发展", "推动经济高质量发展") == [("", "高质量")]
