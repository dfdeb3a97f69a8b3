"""Bits of surprise: rare words carry more, numbers and unknown words fixed figures."""

from __future__ import annotations

import numpy as np

from viewer.core.rarity import NUMBER_BITS, UNLISTED_BITS, Rarity, cjk_token_bits, is_number


def test_rare_words_are_more_surprising_than_common_ones() -> None:
    bits = Rarity("en").bits_of(["the", "harbour", "zwitterionic", "2024", "qqzzxv"])
    the, harbour, rare, number, unknown = bits.tolist()
    assert the < harbour < rare <= UNLISTED_BITS
    assert number == NUMBER_BITS and unknown == UNLISTED_BITS


def test_an_unknown_language_makes_every_word_alike() -> None:
    bits = Rarity("xx").bits_of(["alpha", "beta"])
    assert bits[0] == bits[1]


def test_numbers_are_all_digits() -> None:
    assert is_number(["12", "1.5", "x1", ""]).tolist() == [True, False, False, False]


def test_a_chinese_word_shares_its_bits_among_its_characters() -> None:
    keys = list("社会主义")
    char_bits = Rarity("zh").bits_of(keys)
    shared = cjk_token_bits(keys, char_bits.tolist())
    assert np.allclose(shared, shared[0])  # one word: equal shares
    assert sum(shared) < char_bits.sum()  # less surprising than four lone characters
