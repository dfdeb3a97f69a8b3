"""Tokens keep the offsets of the characters they came from; keys fold spelling variants."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from viewer.core.normalize import Normalizer
from viewer.core.tokenize import (
    Vocabulary,
    as_written,
    tokenize,
    tokenize_many,
    tokenize_pair,
    tokens,
)


def test_words_keep_their_offsets():
    text = "The nation\u2019s  well-known  goal."
    toks = tokens(text)
    assert [t.text for t in toks] == ["The", "nation\u2019s", "well", "known", "goal"]
    for t in toks:
        assert text[t.start:t.end] == t.text


def test_a_word_broken_at_a_line_end_is_one_token_keyed_as_the_unbroken_word():
    text = "I mea-\nsured the dista- nces, the brigh-\r\n  test parts."
    toks = tokens(text)
    assert [(t.text, t.key) for t in toks] == [
        ("I", "i"), ("mea-\nsured", "measured"), ("the", "the"), ("dista- nces", "distances"),
        ("the", "the"), ("brigh-\r\n  test", "brightest"), ("parts", "parts")]
    assert [(t.start, t.end) for t in toks][1] == (2, 12)
    for t in toks:
        assert text[t.start:t.end] == t.text


def test_a_zero_width_character_inside_a_word_is_in_its_span_not_its_key():
    text = "Net\u200bwork power, infor\u200dmation age \u200b and \ufeffnetwork."
    toks = tokens(text)
    assert [(t.text, t.key) for t in toks] == [
        ("Net\u200bwork", "network"), ("power", "power"), ("infor\u200dmation", "information"),
        ("age", "age"), ("and", "and"), ("network", "network")]
    for t in toks:
        assert text[t.start:t.end] == t.text


def test_a_hyphenated_compound_keys_as_its_closed_form_when_that_is_a_word():
    keys = [t.key for t in tokens("data-base database Fight\u2010ing fighting soft\u00adware")]
    assert keys == ["database", "database", "fighting", "fighting", "software"]


def test_two_words_joined_by_a_hyphen_stay_two_words_matching_them_written_apart():
    # No closed word "goodnatured" or "jewswhich": the halves stay words of their own.
    text = "good-natured Jews-which pre- and post-war son of-Pleuratus"
    assert [(t.text, t.key) for t in tokens(text)] == [
        ("good", "good"), ("natured", "natured"), ("Jews", "jews"), ("which", "which"),
        ("pre", "pre"), ("and", "and"), ("post-war", "postwar"), ("son", "son"),
        ("of", "of"), ("Pleuratus", "pleuratus")]


def test_ordinary_hyphens_and_dashes_still_separate_words():
    text = "COVID-19 in 2019-2020 - a word -- another\u2014end-\n\nnext -x y-"
    assert [t.text for t in tokens(text)] == [
        "COVID", "19", "in", "2019", "2020", "a", "word", "another", "end", "next", "x", "y"]


def test_keys_fold_case_quotes_width_and_possessives():
    keys = [t.key for t in tokens("Nation\u2019s NATION's Ｄｉｇｉｔａｌ 2０２４")]
    assert keys == ["nation", "nation", "digital", "2024"]


def test_chinese_is_one_token_per_character_with_numbers_kept_whole():
    text = "数字中国2024年"
    toks = tokens(text)
    assert [t.text for t in toks] == ["数", "字", "中", "国", "2024", "年"]
    assert [(t.start, t.end) for t in toks][-2:] == [(4, 8), (8, 9)]


def test_stemming_is_optional():
    plain, stemmed = Normalizer(), Normalizer(stemming=True)
    assert plain.key("Nations") == "nations"
    assert stemmed.key("Nations") == stemmed.key("nation") == "nation"


def test_case_sensitive_keys_keep_case():
    sensitive = Normalizer(case_sensitive=True)
    assert sensitive.key("Digital") != sensitive.key("digital")


def test_offsets_count_characters_beyond_the_basic_plane():
    text = "\U0001f600 emoji\U00020000\U00020001 word"
    assert [(t.text, t.start) for t in tokens(text)] == [
        ("emoji", 2), ("\U00020000", 7), ("\U00020001", 8), ("word", 10)]


def test_apostrophes_join_latin_letters_only_and_underscores_split():
    assert [t.text for t in tokens("don't x''y a_b \u4e2d'\u6587")] == [
        "don't", "x", "y", "a", "b", "\u4e2d", "\u6587"]


def test_every_apostrophe_the_keys_fold_is_inside_a_word():
    toks = tokens("world\u2018s China\u00b4s don`t Chinaʼs")
    assert [t.text for t in toks] == ["world\u2018s", "China\u00b4s", "don`t", "Chinaʼs"]
    assert [t.key for t in toks] == ["world", "china", "don't", "china"]


def test_equal_spellings_share_one_key_and_many_spellings_are_keyed_at_once():
    normalizer = Normalizer(stemming=True)
    words = ["Nations", "nation's", "Ｎａｔｉｏｎ", "running", "RUNS"]
    assert normalizer.keys(words) == [normalizer.key(w) for w in words]
    assert normalizer.keys(words)[:3] == ["nation"] * 3


_PIECES = st.sampled_from(["Nation", "nation's", "don't", "'quoted'", "中国", "数字", "2024",
                           "-", " ", "\n", ".", "\u2019s", "x", "Ｘ", "\u00ad", "\r"])


@given(st.lists(_PIECES, max_size=12).map("".join), st.lists(_PIECES, max_size=12).map("".join))
def test_a_pair_tokenized_together_equals_each_text_tokenized_in_turn(text_a, text_b):
    one_by_one = Vocabulary()
    separately = (tokenize(text_a, Normalizer(), one_by_one),
                  tokenize(text_b, Normalizer(), one_by_one))
    together = Vocabulary()
    pair = tokenize_pair(text_a, text_b, Normalizer(), together)
    assert together.keys == one_by_one.keys
    assert together.spellings == one_by_one.spellings
    for joint, alone, text in zip(pair, separately, (text_a, text_b), strict=True):
        assert np.array_equal(joint.ids, alone.ids)
        assert np.array_equal(joint.starts, alone.starts)
        assert np.array_equal(joint.ends, alone.ends)
        assert np.array_equal(joint.codes, alone.codes)
        assert [text[s:e] for s, e in zip(joint.starts, joint.ends, strict=True)] == [
            t.text for t in tokens(text)]


def test_a_hyphen_at_the_end_of_one_text_does_not_join_the_next_text():
    first, second = tokenize_many(["It was mea-", "sured twice."], Normalizer(), Vocabulary())
    assert (int(first.starts[-1]), int(first.ends[-1])) == (7, 10)
    assert (int(second.starts[0]), int(second.ends[0])) == (0, 5)


@pytest.mark.parametrize("piece, shown", [
    ("江泽民\n同志", "江泽民同志"),
    (" 定 居 点 ", "定居点"),
    ("digital\n  economy", "digital economy"),
    ("中国 WTO 谈判", "中国 WTO 谈判"),
    # Full-width punctuation is Chinese too: a line may end before or after it.
    ("使用\n，市政府", "使用，市政府"),
    ("二十万元。\n翻开档案", "二十万元。翻开档案"),
    ("他说：\n我们", "他说：我们"),
    ("（完）\n 新华社", "（完）新华社"),
    ("数字经济， WTO 谈判", "数字经济， WTO 谈判"),
    ("한국 경제", "한국 경제"),
    ("", ""),
])
def test_a_stretch_is_shown_on_one_line_with_no_space_between_chinese_characters(piece, shown):
    assert as_written(piece) == shown
