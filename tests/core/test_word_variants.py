"""Chinese variants of a formulation are one whole word apart from it: a form holding the
phrase with a stray character, or a different word cut in half, is not one."""

import pytest

from viewer.core.word_bounds import Segmented, one_word_apart, related_change, word_change

HEAD = "中国人民解放军总后勤部"


def _at(phrase: str, before: str = "昨天", after: str = "召开会议。") -> Segmented:
    """`phrase` as it stands in a sentence."""
    text = before + phrase + after
    return Segmented(text, len(before), len(before) + len(phrase))


@pytest.mark.parametrize(("head", "variant"), [
    (HEAD, "中国人民新四军总后勤部"),  # a word swapped inside a name kept whole
    ("取得阶段性成就", "取得阶段性成果"),  # the last word swapped
    ("所有国有企业", "所有私有企业"),  # half of a two-word compound swapped
    ("比批评更容易使人", "比批评更容易切实使人"),  # a word added inside
    ("建设深入是教育事业", "建设是教育事业"),  # a word taken out
])
def test_a_one_word_change_is_a_variant(head: str, variant: str) -> None:
    assert one_word_apart(_at(head), _at(variant))


@pytest.mark.parametrize("variant", [
    "中中国人民解放军总后勤部",  # a stray character before the phrase
    "中央中国人民解放军总后勤部",  # a word before it: the phrase in a context
    "中国人民解放军总后勤部部",  # a stray character after it
    "中国人民解放军总参谋长",  # the name in another title
    "中国人民解放军仓库条例",  # two words in place of one
    "中国人民解放军副主席张",  # ends inside a name
    "中国人民解放军",  # shorter: lies inside the phrase
])
def test_a_form_that_only_overlaps_the_phrase_is_not_a_variant(variant: str) -> None:
    assert not one_word_apart(_at(HEAD), _at(variant))


def test_a_character_added_to_a_word_is_not_a_variant() -> None:
    assert not one_word_apart(_at("进一步解决农业"), _at("进进一步解决农业"))
    assert not one_word_apart(_at("关键环节加大考核力度"), _at("环节积极加大考核力度"))


def test_a_phrase_with_punctuation_where_words_were_is_not_a_variant() -> None:
    assert not one_word_apart(_at(HEAD), _at("中国人民解放军、新疆北部"))


def test_spaces_and_line_breaks_inside_a_form_are_read_through() -> None:
    assert one_word_apart(_at(HEAD), _at("中国人民新四\n军总后勤部"))
    assert not one_word_apart(_at(HEAD), _at("中国人民解放军总 参谋长"))


def test_the_segmenter_may_keep_either_form_whole() -> None:
    # 所有 | 国有企业 against 所有 | 私有 | 企业: one word swapped, read either way.
    assert word_change(_at("所有私有企业"), _at("所有国有企业")) == ("私有", "国有")
    assert word_change(_at("所有国有企业"), _at("所有私有企业")) == ("国有", "私有")


def test_at_an_end_only_a_word_of_the_same_stem_varies_the_phrase() -> None:
    assert related_change(_at("应有的治疗"), _at("呼应的治疗"))
    assert not one_word_apart(_at("政协的组成单位"), _at("政协的组成规模"))
    assert not related_change(_at("政协的组成单位"), _at("政协的组成规模"))


def test_a_word_cut_short_is_not_a_variant() -> None:
    assert not one_word_apart(_at("采用大亚湾核电站的翻版"), _at("采用大亚湾核电站的版"))
    assert not one_word_apart(_at("训练水平刻不容缓"), _at("训水平刻不容缓"))
