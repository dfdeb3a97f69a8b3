"""Chinese variants of a formulation are one whole word apart from it: a form holding the
phrase with a stray character, or a different word cut in half, is not one. Checked on
pairs of forms and on a small collection written here."""

import random
from collections.abc import Callable

import pytest

from viewer.core.collection.formulations import Formulation, find_formulations
from viewer.core.normalize import shared_normalizer
from viewer.core.tokenize import Vocabulary, tokenize
from viewer.core.word_bounds import Segmented, one_word_apart, related_change, word_change

HEAD = "中国人民解放军总后勤部"


def _at(phrase: str, before: str = "昨天", after: str = "召开会议。", *,
        many_uses: bool = False) -> Segmented:
    """`phrase` as it stands in a sentence."""
    text = before + phrase + after
    return Segmented(text, len(before), len(before) + len(phrase), many_uses=many_uses)


@pytest.mark.parametrize(("head", "variant"), [
    (HEAD, "中国人民新四军总后勤部"),  # a word swapped inside a name kept whole
    ("取得阶段性成就", "取得阶段性成果"),  # the last word swapped
    ("所有国有企业", "所有私有企业"),  # half of a two-word compound swapped
    ("比批评更容易使人", "比批评更容易切实使人"),  # a word added inside
    # added next to a letter it repeats (进一步 | 进行): read on the variant's words, not
    # as 一步进 after the head's 进
    ("我国进行正式访问", "我国进一步进行正式访问"),
    ("华南为多云", "华南更好地为多云"),  # added, its last letter read with the next (地为)
    ("京会见美国国防部长", "京更好地会见美国国防部长"),  # added, read as two words (更好 | 地)
    # added (更好 | 地换) where the dictionary reads the head's letters as one word (石油换)
    ("执行石油换食品计划", "执行石油更好地换食品计划"),
    ("作品奉献给广大观众", "作品奉献大力给广大观众"),  # added inside a word (奉献给) of the head
    ("建设深入是教育事业", "建设是教育事业"),  # a word taken out
    ("需要全社会的参与", "需要全会长的参与"),  # swapped word glued to a neighbour (全会 | 长)
    ("男篮做顾问", "男篮做学问"),  # the last word swapped, read as 做学问
    ("系统和保险行业", "系统和保险业态"),  # a compound's part (保险 | 行业), read 保险业 | 态
    # swapped inside a word the HMM made (获应), which the dictionary reads 获 | 应
    ("客人是应中联部", "客人获应中联部"),
    # a word of a coordination the dictionary keeps whole (党和人民), read 血 | 和 | 人民
    ("牢记党和人民的重托", "牢记血和人民的重托"),
    # a one-letter verb the dictionary keeps whole with its object (做广告, 反腐败),
    # swapped for another read on its own (照 | 广告, 惩 | 腐败)
    ("商家做广告的费用", "商家照广告的费用"),
    ("坚持反腐败斗争", "坚持惩腐败斗争"),
    # a word swapped for a word with its aspect particle, which the segmenter parts (得 | 了)
    ("调整能否获得国会通过", "调整能否得了国会通过"),
    # a letter of a word swapped, the others kept in place, where the segmenter reads the
    # variant's letters apart (碎 | 画, 说 | 是, 就 | 抹): a word on the same stem
    ("艺术家心烦意躁的假画", "艺术家心烦意躁的碎画"),
    ("竟是枣庄市文物", "说是枣庄市文物"),
    ("中央政府也就是国务院", "中央政府也就抹国务院"),
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


@pytest.mark.parametrize(("head", "variant"), [
    ("学生会主席", "学生将主席"),  # read at the head's 会, the name 学生会 would be cut
    ("学生会主席", "学生党主席"),  # a closing letter makes a noun of its word: no verb
    ("研究所副研究员", "研究所女研究员"),  # a title's prefix (副研究员), not a verb: another title
    ("乒乓球拍卖完了", "乒乓球拍买完了"),  # the head's 拍卖 cut to read 卖 as 买
    # the first letter swapped where the rest is a word of its own (做 | 农民 of 村农民): a
    # word of one letter swapped at an end
    ("做农民的思想", "村农民的思想"),
])
def test_a_single_letter_read_at_the_heads_bounds_is_no_swapped_word(head: str,
                                                                      variant: str) -> None:
    assert not one_word_apart(_at(head), _at(variant))
    assert not one_word_apart(_at(variant), _at(head))


def test_a_compounds_part_is_read_as_swapped_only_for_a_word_of_its_stem() -> None:
    # 武装警察 is 武装 + 警察, and 维和 a word: but 武装维和 may be a compound of its own.
    assert word_change(_at("系统和保险行业"), _at("系统和保险业态")) == ("行业", "业态")
    assert not one_word_apart(_at("武装警察部队"), _at("武装维和部队"))
    assert not one_word_apart(_at("武装维和部队"), _at("武装警察部队"))


def test_a_swapped_word_is_read_at_the_heads_bounds_through_a_line_break() -> None:
    assert one_word_apart(_at("需要全社\n会的参与"), _at("需要全会长的参与"))
    assert one_word_apart(_at("需要全社会的参与"), _at("需要全会\n长的参与"))


def test_a_character_added_to_a_word_is_not_a_variant() -> None:
    assert not one_word_apart(_at("进一步解决农业"), _at("进进一步解决农业"))
    assert not one_word_apart(_at("关键环节加大考核力度"), _at("环节积极加大考核力度"))


def test_a_function_word_added_or_taken_out_is_not_a_variant() -> None:
    assert not one_word_apart(_at("实现税利"), _at("实现了税利"))
    assert not one_word_apart(_at("实现了税利"), _at("实现税利"))


@pytest.mark.parametrize(("head", "variant", "apart"), [
    # A verb of the stop list swapped for another verb: the same action said another way.
    ("努力让人民群众满意", "努力使人民群众满意", True),
    ("体育项目要让观众", "体育项目要付观众", True),
    ("他们是我国人民的好儿子", "他们成我国人民的好儿子", True),
    # Added or taken out, it leaves the same phrase; a preposition swapped is no verb.
    ("努力人民群众满意", "努力让人民群众满意", False),
    ("努力让人民群众满意", "努力人民群众满意", False),
    ("始终把人民利益放在首位", "始终将人民利益放在首位", False),
])
def test_a_verb_of_the_stop_list_swapped_for_another_is_a_variant(
        head: str, variant: str, apart: bool) -> None:
    assert one_word_apart(_at(head), _at(variant)) is apart


@pytest.mark.parametrize(("head", "variant"), [
    # A noun or adjective of the stop list is a content word like any other (see
    # `function_words`): swapped at the start, the rest of the phrase stays.
    ("人的卫生饮用水", "书的卫生饮用水"),
    ("好的社会影响", "坏的社会影响"),
])
def test_a_noun_or_adjective_of_the_stop_list_swapped_is_a_variant(head: str,
                                                                   variant: str) -> None:
    assert word_change(_at(head, many_uses=True), _at(variant, many_uses=True),
                       any_end=True) == (head[0], variant[0])
    assert word_change(_at(variant, many_uses=True), _at(head, many_uses=True),
                       any_end=True) == (variant[0], head[0])


def test_a_phrase_with_punctuation_where_words_were_is_not_a_variant() -> None:
    assert not one_word_apart(_at(HEAD), _at("中国人民解放军、新疆北部"))
    assert not one_word_apart(_at("艺术家和旅游者"), _at("艺术家、记者"))
    assert one_word_apart(_at("艺术家、旅游者"), _at("艺术家、记者"))


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


def test_a_swap_leaving_one_word_at_an_end_needs_more_than_the_words() -> None:
    for head, variant in (("具有流动性", "具有紧迫性"), ("继续用于灾", "继续用于岛")):
        assert not one_word_apart(_at(head), _at(variant))
        assert one_word_apart(_at(head), _at(variant), any_end=True)
    assert not one_word_apart(_at("具有流动性"), _at("的流动性"), any_end=True)


@pytest.mark.parametrize(("head", "variant"), [
    ("凭名气和包装", "迈名气和包装"),  # a preposition the phrase opens on
    ("上议事日程", "刻议事日程"),  # a locality word serving as a verb
])
def test_at_an_end_a_function_word_may_give_way_to_a_content_word(head: str,
                                                                  variant: str) -> None:
    # Where the caller knows how the two are used (`any_end`): the phrase is the words
    # kept. Either form may be read first.
    for one, other in ((head, variant), (variant, head)):
        change = word_change(_at(one, many_uses=True), _at(other, many_uses=True),
                             any_end=True)
        assert change == (one[0], other[0])
        assert not one_word_apart(_at(one), _at(other))


def test_inside_a_function_word_swapped_for_a_content_word_makes_another_phrase() -> None:
    assert word_change(_at("经营的发展", many_uses=True), _at("经营健康发展", many_uses=True),
                       any_end=True) is None


def test_a_word_cut_short_is_not_a_variant() -> None:
    assert not one_word_apart(_at("采用大亚湾核电站的翻版"), _at("采用大亚湾核电站的版"))
    assert not one_word_apart(_at("训练水平刻不容缓"), _at("训水平刻不容缓"))


VARIANT = "中国人民新四军总后勤部"
CONTEXTS = ["中央中国人民解放军总后勤部", "中国人民解放军总参谋长"]


def _random_articles(seed: int, planted: str,
                     plant: Callable[[int, int, str, random.Random], str],
                     ) -> tuple[list[list[str]], list[str]]:
    """120 dated articles of ten sentences of random characters (none of `planted`), each
    sentence's characters passed through `plant(article, sentence, characters, rng)`."""
    rng = random.Random(seed)
    letters = [chr(c) for c in range(0x4E00, 0x9FA6) if chr(c) not in set(planted)]
    articles, dates = [], []
    for i in range(120):
        articles.append([plant(i, k, "".join(rng.choices(letters, k=14)), rng) + "。"
                         for k in range(10)])
        dates.append(f"2021-{1 + i // 10:02d}-{1 + i % 10:02d}")
    return articles, dates


def _collection() -> tuple[list[str], list[str]]:
    """120 dated articles of random characters: HEAD from article 30 on, VARIANT (once
    with a line break inside) from article 70 on, and from article 40 on, now and then,
    HEAD with a word before it or the name in another title."""
    def plant(i: int, k: int, words: str, rng: random.Random) -> str:
        if i >= 30 and rng.random() < 0.12:
            words = words[:6] + HEAD + words[6:]
        if i >= 70 and k == 3 and i % 4 == 0:
            variant = VARIANT if i != 100 else VARIANT[:5] + "\n" + VARIANT[5:]
            words = words[:5] + variant + words[5:]
        if i >= 40 and k == 5 and i % 7 == 0:
            words = words[:5] + CONTEXTS[i % 2] + words[5:]
        return words

    articles, dates = _random_articles(5, HEAD + VARIANT + "".join(CONTEXTS) + "他们又谈到",
                                       plant)
    for i, sentences in enumerate(articles):
        if i == 30 or (i > 30 and i % 3 == 0):
            sentences.insert(2, "他们又谈到" + HEAD + "。")
    return ["".join(sentences) for sentences in articles], dates


def _formulations(texts: list[str], dates: list[str],
                  series: list[str] | None = None) -> list[Formulation]:
    vocabulary = Vocabulary()
    streams = [tokenize(t, shared_normalizer(language="zh"), vocabulary) for t in texts]
    return find_formulations(texts, streams, vocabulary, dates, [[] for _ in texts], "zh",
                             series=series)


def test_in_a_collection_a_word_swap_is_grouped_and_the_phrase_in_context_is_not() -> None:
    texts, dates = _collection()
    found = _formulations(texts, dates)
    [formulation] = [f for f in found if f.phrase == HEAD]
    assert formulation.variants == (VARIANT,)
    assert formulation.first == 30
    shown = {"".join(texts[d][s:e].split()) for d, spans in formulation.occurrences
             for s, e in spans}
    assert shown == {HEAD, VARIANT}
    # The variant written across a line break is counted too.
    assert any(texts[100][s:e] == VARIANT[:5] + "\n" + VARIANT[5:]
               for d, spans in formulation.occurrences if d == 100 for s, e in spans)
    for other in found:
        assert not set(other.variants) & set(CONTEXTS)


def test_in_a_collection_a_preposition_at_an_end_swapped_for_a_verb_is_grouped() -> None:
    # 凭名气和包装 from article 30 on, 迈名气和包装 from article 70 on: the words kept,
    # 名气和包装, are written nowhere else.
    head, variant = "凭名气和包装", "迈名气和包装"

    def plant(i: int, k: int, words: str, rng: random.Random) -> str:
        if i >= 30 and rng.random() < 0.12:
            words = words[:6] + head + words[6:]
        if i >= 70 and k == 3 and i % 3 == 0:
            words = words[:5] + variant + words[5:]
        return words

    articles, dates = _random_articles(7, head + variant, plant)
    texts = ["".join(sentences) for sentences in articles]
    found = _formulations(texts, dates)
    [formulation] = [f for f in found if head in (f.phrase, *f.variants)]
    assert {formulation.phrase, *formulation.variants} == {head, variant}


def test_a_phrase_may_open_with_a_preposition_in_a_collection_and_never_with_a_particle(
        ) -> None:
    assert _at("比批评更容易使人", many_uses=True).on_boundaries
    # Between two texts a use or two of "at / to" and a name is a piece of a clause.
    assert not _at("在人民大会堂", "会议", "举行。").on_boundaries
    for many_uses in (True, False):
        assert not _at("的批评更容易使人", many_uses=many_uses).on_boundaries
        assert not _at("批评更容易使人比", after="。", many_uses=many_uses).on_boundaries


@pytest.mark.parametrize(("phrase", "before", "after", "whole"), [
    ("我们将继续", "他说，", "努力。", False),  # a pronoun opening, an adverb closing
    ("这些星云", "天文学家发现", "很远。", False),  # a pronoun of two letters opening
    ("联合政府中", "在", "任职。", False),  # a locality word closing
    ("江泽民说", "", "：", False),  # a verb of one letter closing
    ("建设取得新", "经济", "成就。", False),  # an adjective of one letter closing
    ("如果政府", "", "同意", False),  # a conjunction opening
    ("全面深化改革", "坚持", "。", True),  # an adverb may open
    ("自我革命", "勇于", "。", True),  # a reflexive pronoun opens a compound
    ("人民大会堂", "在", "举行。", True),
])
def test_between_two_texts_a_phrase_is_no_piece_of_its_clause(phrase: str, before: str,
                                                              after: str, whole: bool) -> None:
    assert _at(phrase, before, after).on_boundaries is whole


# A phrase at an edge the segmenter reads against it, in its context: (phrase, before,
# after). In a collection, whose many contexts fix a formulation's edges, these are on
# word boundaries; between two texts, the segmenter's reading stands.
LOOSE_EDGES = [
    # Stray characters the HMM joined across an edge (日讯英, 吴新).
    ("英双边贸易额保持增长势头", "本报珀斯１月１４日讯", "期间"),
    ("新的水源和草地", "余卓成不平凡吴", "学谦满意"),
    # A noun or adjective of the stop list at an edge (人, 好).
    ("往往造成人", "那么", "引起人们广泛"),
    ("好国有企业改革攻坚战", "要认真", "开展"),
    # A verb, or a locality word serving as one, opening a verb-object phrase (起, 上).
    ("起绑扎钢筋", "海上拥军", "周代"),
    ("上省城的主席台", "作为推进", "两个方面"),
]


@pytest.mark.parametrize(("phrase", "before", "after"), LOOSE_EDGES)
def test_a_collection_reads_loose_edges_as_word_boundaries(phrase: str, before: str,
                                                           after: str) -> None:
    assert _at(phrase, before, after, many_uses=True).on_boundaries
    assert not _at(phrase, before, after).on_boundaries


@pytest.mark.parametrize("many_uses", [True, False])
def test_no_edge_cuts_a_dictionary_word_or_ends_on_a_function_word(many_uses: bool) -> None:
    for phrase, before, after in [
            ("实事求", "他们", "是地说"),  # a dictionary word across an edge
            ("亿美元的投资", "增加了４００", "。"),  # a number with its unit (４００亿)
            ("批评更容易使人我", "比", "。"),  # a pronoun
            ("很好的成绩", "我们", "。"),  # an adverb opening
            ("绑扎钢筋是", "他们", "。")]:  # a verb closing
        assert not _at(phrase, before, after, many_uses=many_uses).on_boundaries


# Formulations, each from its first article on, in two of every `every` articles.
PLANTED = {"应有的治疗": (20, 6), "关键环节加大考核力度": (25, 6), "所有私有企业": (30, 6),
           "所有国有企业": (60, 9), "处于无偿使用": (22, 6), "抢救国家": (21, 12),
           # The longer form in articles that use the shorter too (a variant is used beside
           # its formulation: two forms never used together are two phrases).
           "比批评更容易使人": (24, 6), "比批评更容易切实使人": (72, 12),
           # Two variants of 深化财政, each two words apart from the other, used beside
           # it; one of them used most.
           "深化财政": (27, 12), "深思财政": (39, 6), "深化内政": (51, 24),
           # A word swapped at an end for a kindred one, leaving one word (月球).
           "测量月球": (26, 6), "预测月球": (64, 12),
           # A kindred word swapped inside, where rare forms fill the slot of a template.
           "推进农村改革": (29, 6), "推进村庄改革": (66, 12),
           # A five-character word swapped (股份合作制, 艺术工作者), used beside it.
           "发展股份合作制企业集团": (28, 6), "发展艺术工作者企业集团": (70, 12),
           # A kindred word swapped at the start; the first use of the variant is read
           # into the word before it (LEADS), which would hide the word it swaps.
           "资金配置效率": (31, 6), "资质配置效率": (33, 6),
           "反通货膨胀的重要手段": (30, 6)}
# Rare forms (the articles that use them), too few to recur on their own.
RARE = {
    "关键环节进一步加大考核力度": (97, 139),  # a word with a function character added
    "呼应的治疗": (86, 134),  # one content word kept, the other swapped for a kindred one
    "所有国有职业": (105, 141),  # varies a variant (所有国有企业), not the best form
    "处于无偿用人": (100, 142),  # a word of function characters swapped in
    # One word left at an end: another phrase unless used beside it far beyond chance.
    "营救国家": (93, 105, 117, 129, 141, 153),
    # Kindred and beside it, in two articles (0.4 would by chance), but 抢救 goes with
    # other words in other articles (below): a form this rare needs more than that (in
    # three it would recur on its own, and be judged as two candidate forms are).
    "抢救国民": (105, 129),
    "抢救伤员": (8, 52, 118), "抢救病人": (14, 66), "抢救文物": (40, 88, 150),
    "及时的治疗": (92, 146),  # one content word kept, the other of another stem
    "相应的治疗": (23, 35),  # kindred, but never beside the formulation
    "适应的治疗": (122,),  # kindred and beside it, but in one article only
    "对应的治疗": (3, 122, 128),  # kindred and beside it, but used before it
    # Fillers of the slot of a template (推进 … 改革), more than a formulation has variants.
    "推进税收改革": (90, 130), "推进科技体制改革": (95, 131), "推进金融体制改革": (101, 133),
    # A word of another stem swapped at the start, seldom beside the formulation (once,
    # as chance would have it), but what the two keep is used nowhere else.
    "离通货膨胀的重要手段": (90, 99, 105, 111, 117),
}


#: Written before the first use of a phrase: the segmenter reads 投资 | 质配置效率 there.
LEADS = {"资质配置效率": "投"}


def _rare_collection() -> tuple[list[str], list[str]]:
    """160 dated articles of random characters holding PLANTED and RARE (LEADS before
    a phrase's first use)."""
    rng = random.Random(7)
    planted = set("".join(PLANTED) + "".join(RARE) + "".join(LEADS.values()))
    letters = [chr(c) for c in range(0x4E00, 0x9FA6) if chr(c) not in planted]
    texts, dates = [], []
    for i in range(160):
        sentences = ["".join(rng.choices(letters, k=14)) for _ in range(10)]
        uses = [p for p, (first, every) in PLANTED.items()
                if i >= first and (i - first) % every < 2]
        uses += [p for p, articles in RARE.items() if i in articles]
        sentences += ["".join(rng.choices(letters, k=14)) for _ in range(len(uses) - 9)]
        for k, phrase in enumerate(uses, 1):
            lead = LEADS.get(phrase, "") if i == PLANTED.get(phrase, (-1,))[0] else ""
            sentences[k] = sentences[k][:6] + lead + phrase + "，" + sentences[k][6:]
        texts.append("。".join(sentences) + "。")
        dates.append(f"2021-{1 + i // 28:02d}-{1 + i % 28:02d}")
    return texts, dates


def test_rare_variants_one_whole_word_apart_join_their_formulation() -> None:
    found = _formulations(*_rare_collection())
    forms = {f.phrase: set(f.variants) for f in found}
    assert forms["关键环节加大考核力度"] == {"关键环节进一步加大考核力度"}
    assert forms["应有的治疗"] == {"呼应的治疗"}
    assert forms["处于无偿使用"] == {"处于无偿用人"}
    assert forms["抢救国家"] == {"营救国家"}  # not 抢救国民
    # 比批评更容易切实, a piece of the variant, is not a variant of its own.
    assert forms["比批评更容易使人"] == {"比批评更容易切实使人"}
    groups = [{f.phrase, *f.variants} for f in found]
    assert {"所有私有企业", "所有国有企业", "所有国有职业"} in groups
    assert {"深化财政", "深思财政", "深化内政"} in groups
    assert {"测量月球", "预测月球"} in groups
    assert {"推进农村改革", "推进村庄改革"} in groups
    assert {"发展股份合作制企业集团", "发展艺术工作者企业集团"} in groups
    assert {"资金配置效率", "资质配置效率"} in groups
    assert {"反通货膨胀的重要手段", "离通货膨胀的重要手段"} in groups
    listed = set().union(*groups)
    assert not listed & {"及时的治疗", "相应的治疗", "适应的治疗", "对应的治疗"}


def _kept_words_collection(others: int) -> tuple[list[str], list[str]]:
    """200 dated articles of random characters: 争吵的事情 in two of every 16 from the
    20th; 争吵的画面 in two articles, both beside it; and 争吵的 with `others` other
    words (each in one article, spread over the collection)."""
    rng = random.Random(11)
    fillers = ["问题", "双方", "原因", "结果", "声音", "场面", "过程", "内容", "代价", "后果",
               "细节", "经过", "话题", "局面", "邻居", "夫妻", "孩子", "老人", "朋友", "同事",
               "学生", "工人", "农民", "干部", "群众", "家庭", "村民", "市民", "顾客", "乘客"]
    heads = [i for i in range(20, 200) if (i - 20) % 16 < 2]
    uses: dict[int, list[str]] = {i: ["争吵的事情"] for i in heads}
    for i in heads[3], heads[7]:
        uses[i].append("争吵的画面")
    for k, filler in enumerate(fillers[:others]):
        uses.setdefault(7 + k * 6, []).append("争吵的" + filler)
    return _articles_with(uses, 200, rng, "争吵的事情画面" + "".join(fillers))


def _articles_with(uses: dict[int, list[str]], count: int, rng: random.Random,
                   planted: str) -> tuple[list[str], list[str]]:
    """`count` dated articles of random characters (none of `planted`), article i holding
    the phrases `uses[i]`, one to a sentence."""
    letters = [chr(c) for c in range(0x4E00, 0x9FA6) if chr(c) not in set(planted)]
    texts, dates = [], []
    for i in range(count):
        sentences = ["".join(rng.choices(letters, k=14)) for _ in range(10)]
        for k, phrase in enumerate(uses.get(i, []), 1):
            sentences[k] = sentences[k][:6] + phrase + "，" + sentences[k][6:]
        texts.append("。".join(sentences) + "。")
        dates.append(f"2021-{1 + i // 28:02d}-{1 + i % 28:02d}")
    return texts, dates


@pytest.mark.parametrize(("others", "joined"), [
    (0, True),  # the words the two keep are used nowhere else: two documents are many
    (30, False),  # they go with 30 other words: their documents meet the formulation's
])
def test_a_word_changed_at_an_end_joins_when_used_beside_beyond_the_kept_words(
        others: int, joined: bool) -> None:
    found = _formulations(*_kept_words_collection(others))
    forms = {f.phrase: set(f.variants) for f in found}
    assert forms["争吵的事情"] == ({"争吵的画面"} if joined else set())


def _end_swap_collection(others: int) -> tuple[list[str], list[str]]:
    """240 dated articles of random characters: 长的内陆河 in two of every 12 from the
    20th, 痛的内陆河 in two others of every 12 from the 26th (never beside it), and
    的内陆河 after `others` other words (each in one article)."""
    rng = random.Random(13)
    fillers = ["宽", "短", "大", "小", "新", "旧", "深", "浅", "远", "近", "美", "险", "急", "缓",
               "清", "浊", "老", "静", "曲", "直", "冷", "热", "干", "湿", "高", "低", "东", "西",
               "南", "北"]
    uses: dict[int, list[str]] = {}
    for i in range(240):
        if i >= 20 and (i - 20) % 12 < 2:
            uses[i] = ["长的内陆河"]
        if i >= 26 and (i - 26) % 12 < 2:
            uses[i] = ["痛的内陆河"]
    for k, filler in enumerate(fillers[:others]):
        uses.setdefault(5 + k * 8, []).append(filler + "的内陆河")
    return _articles_with(uses, 240, rng, "长痛的内陆河" + "".join(fillers))


@pytest.mark.parametrize(("others", "joined"), [
    # What the two keep (的内陆河) is used nowhere else: one phrase with its first word
    # changed, though the two are never used in one article.
    (0, True),
    (30, False),  # it follows 30 other words: a phrase of its own in two contexts
])
def test_two_formulations_changing_a_word_at_an_end_join_when_nothing_else_keeps_the_rest(
        others: int, joined: bool) -> None:
    found = _formulations(*_end_swap_collection(others))
    groups = [{f.phrase, *f.variants} for f in found]
    if joined:
        assert {"长的内陆河", "痛的内陆河"} in groups
    else:
        assert {"长的内陆河"} in groups and {"痛的内陆河"} in groups


@pytest.mark.parametrize("quoted", [True, False])
def test_a_kindred_word_changed_at_an_end_joins_a_form_its_writers_cite_as_a_unit(
        quoted: bool) -> None:
    # 英雄事迹 in two of every 12 of 240 articles, in six series at random; 英勇事迹 in six
    # others, two in each of three series: kindred (英雄, 英勇) and leaving one word (事迹).
    # So few articles in so few series keep it under the bar of a formulation, where it
    # may be another phrase met by chance; cited whole each time, it is a set phrase to
    # its writers, as its formulation is by its own evidence: one phrase written two ways.
    variant = [61 + 16 * k for k in range(6)]
    uses: dict[int, list[str]] = {i: ["英雄事迹"] for i in range(20, 240) if (i - 20) % 12 < 2}
    for i in variant:
        uses.setdefault(i, []).append("“英勇事迹”" if quoted else "英勇事迹")
    texts, dates = _articles_with(uses, 240, random.Random(17), "英雄勇事迹“”")
    rng = random.Random(5)
    series = [f"v{variant.index(i) % 3}" if i in variant else f"s{rng.randrange(6)}"
              for i in range(240)]
    found = _formulations(texts, dates, series)
    assert {f.phrase: set(f.variants) for f in found} == {
        "英雄事迹": {"英勇事迹"} if quoted else set()}


@pytest.mark.parametrize(("phrase", "kept"), [
    ("再优化游动战术", "优化游动战术"),  # an adverb opening it
    ("了办案人员", "办案人员"),  # a particle opening it
    ("最担心的问题", "担心的问题"),  # an adverb, the particle inside staying
    ("比批评更容易使人", "比批评更容易使人"),  # a preposition may open a phrase
    ("推进生态文明建设的", "推进生态文明建设"),  # a particle closing it
])
def test_a_phrase_is_cut_to_the_words_that_may_open_and_close_it(phrase: str,
                                                                  kept: str) -> None:
    found = _at(phrase, before="他们表示", after="。", many_uses=True)
    start, end = found.without_function_ends()
    assert found.text[start:end] == kept


def test_a_phrase_cutting_a_word_is_not_cut_to_whole_words() -> None:
    assert _at("事求是", before="实", many_uses=True).without_function_ends() is None
