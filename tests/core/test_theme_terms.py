"""Theme terms: derivational families in English, words shown rather than stems."""

from pathlib import Path

from viewer.core.compare import compare
from viewer.core.document import Document
from viewer.core.han_script import to_simplified
from viewer.core.model import ThemeOverlap
from viewer.core.normalize import shared_normalizer
from viewer.core.theme_terms import shared_words, stem_terms


def _families(words: list[str]) -> dict[str, int]:
    stems = shared_normalizer(stemming=True).keys(words)
    return dict(zip(words, stem_terms(words, stems, families=True).tolist(), strict=True))


def themes_of(a: str, b: str) -> tuple[ThemeOverlap, ...]:
    return tuple(compare(Document(a, "a"), Document(b, "b")).themes)


def test_places_and_their_peoples_and_causes_and_their_followers_are_one_term():
    family = _families(["iraq", "iraqi", "russia", "russians", "japan", "japanese",
                        "terror", "terrorists", "islam", "islamist"])
    assert family["iraq"] == family["iraqi"]
    assert family["russia"] == family["russians"]
    assert family["japan"] == family["japanese"]
    assert family["terror"] == family["terrorists"]
    assert family["islam"] == family["islamist"]
    assert len(set(family.values())) == 5


def test_words_that_only_look_derived_stay_apart():
    family = _families(["part", "party", "sign", "signal", "state", "statement", "tax", "taxi"])
    assert len(set(family.values())) == 8


def test_a_derived_form_merges_only_when_its_base_is_in_the_texts():
    assert len(set(_families(["russian", "novel", "iraqi", "japanese"]).values())) == 4


def test_a_place_and_its_adjective_link_two_reports_and_are_shown_as_a_word():
    a = Document("Iraqi engineers say the damaged pipelines near Basra will leak for years "
                 "and poison the marshes that fishermen there depend on.", "a")
    b = Document("Pipelines are broken in southern Iraq, and oil is killing fish in the "
                 "Basra marshes, local fishermen told reporters this week.", "b")
    themes = compare(a, b).themes
    assert len(themes) == 1
    # Every term is a word as the texts write it, never a stem ("pipelin") or a case-folded
    # key ("basra"), and in lower case if the texts ever write it so, not as a sentence
    # opens ("Pipelines").
    assert {"Iraq", "pipelines", "Basra", "marshes", "fishermen"} <= set(themes[0].terms)
    plain = compare(Document(a.text.replace("Iraqi", "Kurdish"), "a"), b).themes
    assert themes[0].score > plain[0].score


def test_chinese_pairs_show_the_whole_words_they_share():
    a = ("今年北方小麦丰收，农民收入明显增长，各地粮食价格保持稳定，合作社也扩大了仓储能力。\n\n"
         "城市地铁新线路下个月开通运营，沿线居民出行将更加方便快捷。")
    b = ("受益于粮食价格平稳，种植小麦的农民收入随之增长，丰收景象随处可见，仓储设施不断完善。\n\n"
         "博物馆推出了一批介绍古代青铜器的展览，吸引了许多游客参观。")
    themes = themes_of(a, b)
    assert len(themes) == 1
    # Whole words, never character pairs across a boundary ("民收", "入明").
    assert set(themes[0].terms) == {"农民收入", "粮食价格", "仓储", "丰收", "小麦", "增长"}


def test_a_chinese_pair_that_shares_no_whole_word_is_not_listed():
    # They share the characters 积极 of 积极参加 and 积极参与 ("take part", "join in
    # actively"), read as one word in B: scored 0.29 on that pair of characters, above the
    # threshold, the pair was listed with no shared word at all.
    assert themes_of("各界群众积极参加义务献血活动。", "读者积极回应了这次讨论，积极参与。") == ()


def test_a_term_is_shown_as_the_passages_write_it_not_as_the_texts_mostly_do():
    a = ("Engineers are developing a vaccine against the coastal fever that spread through "
         "fishing villages last summer.\n\nThe development office praised the development "
         "plan, the development budget and the development team for the new stadium.")
    b = ("A team of scientists said they were developing an injection to protect fishing "
         "villages from the coastal fever.\n\nDevelopment grants, development loans and "
         "development advice were offered to farmers growing olives on the hills.")
    themes = themes_of(a, b)
    fever = next(t for t in themes if a[t.a[0]:t.a[1]].startswith("Engineers"))
    assert "developing" in fever.terms and "development" not in fever.terms
    grants = next(t for t in themes if b[t.b[0]:t.b[1]].startswith("Development grants")
                  and a[t.a[0]:t.a[1]].startswith("The development"))
    assert grants.terms == ("development",)


def test_chinese_shared_words_meet_across_scripts_and_show_as_each_text_writes_them():
    fixtures = Path(__file__).parent.parent / "fixtures" / "core"
    traditional = (fixtures / "zh_hant.txt").read_text("utf-8")
    simplified = (fixtures / "zh_hans.txt").read_text("utf-8")
    whole_a, whole_b = (0, len(traditional)), (0, len(simplified))
    as_a, as_b = shared_words(traditional, whole_a, simplified, whole_b)
    assert "自立自強" in as_a  # found in both, as each text writes it
    assert as_b == tuple(to_simplified(w) for w in as_a)
    assert shared_words(simplified, whole_b, traditional, whole_a) == (as_b, as_a)
    assert shared_words(simplified, whole_b, simplified, whole_b)[1] == ()


def terms_of(a: str, b: str) -> list[str]:
    """Every term the theme pairs of `a` and `b` show."""
    return [term for theme in themes_of(a, b) for term in theme.terms]


def test_a_hyphenated_word_is_one_term_and_its_pieces_none():
    # "self" of "self-reliance" and "self-confidence" is no subject the two share.
    terms = terms_of("The plan sets out low-carbon growth and self-reliance in energy for the "
                     "coming decade of the region.",
                     "Officials said low-carbon growth needs self-confidence and new energy "
                     "for the region in the coming decade.")
    assert "low-carbon" in terms
    assert not {"self", "low", "carbon"} & set(terms)


def test_the_function_words_of_the_king_james_bible_name_no_subject():
    terms = terms_of("And he said unto them, Thou hast done well, for thy servant hath gone "
                     "up to the city wherein the king dwelleth.",
                     "Then said she, Thou hast spoken, and thy words shall stand; wherein "
                     "lest thee forget, the harvest is gathered in the field.")
    assert not {"thou", "hast", "thy", "hath", "wherein", "lest", "thee"} & {
        term.lower() for term in terms}


def test_chinese_terms_name_subjects_once_and_no_dates_or_function_words():
    # 自去年９月份以来 gave "９月" and "以来"; 西藏自治区 and 自治区 were both shown.
    terms = terms_of("自去年９月份以来，那曲地区连续出现多次大范围降雪过程，全地区遭受了不同程度的"
                     "雪灾，西藏自治区党委和自治区政府组织救灾。",
                     "那曲地区自９月份以来出现降雪，雪灾严重，西藏自治区各级政府和自治区民政部门"
                     "随后送去救灾物资。")
    assert "那曲地区" in terms and "西藏自治区" in terms
    assert not {"９月", "以来", "随后", "自治区"} & set(terms)
