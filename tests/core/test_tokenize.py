"""Tokens keep the offsets of the characters they came from; keys fold spelling variants."""

from viewer.core.normalize import Normalizer
from viewer.core.tokenize import tokens


def test_words_keep_their_offsets():
    text = "The nation\u2019s  well-known  goal."
    toks = tokens(text)
    assert [t.text for t in toks] == ["The", "nation\u2019s", "well", "known", "goal"]
    for t in toks:
        assert text[t.start:t.end] == t.text


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
