"""Chinese word boundaries from jieba's shipped dictionary, as offsets into the text."""

from pathlib import Path

from viewer.core.segment import _cached_table, _loaded, words


def test_chinese_words_are_whole_and_offsets_point_into_the_text():
    text = "前言：坚持实事求是，全面提高全民族素质。"
    spans = words(text)
    shown = [text[s:e] for s, e in spans]
    assert "实事求是" in shown and "坚持" in shown
    assert "：" not in shown and "。" not in shown  # punctuation is not a word
    assert spans == sorted(spans)


def test_a_slice_is_segmented_with_offsets_into_the_whole_text():
    text = "Xi said: 实事求是 matters"
    spans = words(text, 9, 13)
    assert spans == [(9, 13)]
    assert [text[s:e] for s, e in words(text)] == ["Xi", "said", "实事求是", "matters"]


def test_a_number_and_its_unit_characters_are_one_word():
    # People's Daily's own segmentation: ４００亿 | 美元; jieba alone cuts the digits apart
    # and reads 亿美元 as a word, so a slogan could start inside the number.
    text = "出口额达３．４亿美元，接待１２万人次。１９９７年股市回升，５０００多元。"
    shown = [text[s:e] for s, e in words(text)]
    assert shown == ["出口额", "达", "３．４亿", "美元", "接待", "１２万", "人次", "１９９７年",
                     "股市", "回升", "５０００多", "元"]


def test_traditional_text_is_segmented_as_its_simplified_reading():
    # jieba's dictionary is simplified: read as written, 習近平 falls apart (以習 | 近平).
    traditional = "堅持以習近平同志為核心的黨中央集中統一領導"
    simplified = "坚持以习近平同志为核心的党中央集中统一领导"
    assert words(traditional) == words(simplified)
    assert (3, 6) in words(traditional)  # 習近平


def test_full_width_letters_and_digits_are_segmented_as_their_half_width_reading():
    # Chinese texts often write Latin letters full-width: read as written, jieba cuts
    # them letter by letter (Ｂ | Ｐ | 机, Ｇ | Ｄ | Ｐ), where BP机 is a word of its
    # dictionary and GDP a run of letters.
    wide = "东方红牌履带ＢＰ机生产线，ＧＤＰ增长１２％。"
    narrow = "东方红牌履带BP机生产线，GDP增长12％。"
    assert words(wide) == words(narrow)
    assert [wide[s:e] for s, e in words(wide)] == ["东方", "红牌", "履带", "ＢＰ机", "生产线",
                                                  "ＧＤＰ", "增长", "１２"]


def test_the_dictionary_read_from_jiebas_cache_is_the_one_jieba_builds(tmp_path: Path) -> None:
    built = _loaded(str(tmp_path))  # no cache there yet: jieba builds its table and caches it
    assert (tmp_path / "jieba.cache").is_file()
    cached = _loaded(str(tmp_path))
    assert cached.FREQ == built.FREQ and cached.total == built.total
    sentence = "中华人民共和国国务院总理在北京会见了来访的外国客人"
    assert cached.lcut(sentence) == built.lcut(sentence)


def test_a_damaged_cache_is_built_again_from_the_dictionary(tmp_path: Path) -> None:
    cache = tmp_path / "jieba.cache"
    cache.write_bytes(b"not a table")
    assert _cached_table(cache) is None
    loaded = _loaded(str(tmp_path))
    assert loaded.FREQ["中华人民共和国"] > 0
    assert _cached_table(cache) == (loaded.FREQ, loaded.total)
