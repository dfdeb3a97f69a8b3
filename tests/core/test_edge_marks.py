"""A shared passage takes in the sentence ends and quotation marks both texts have at its
edges, and nothing else."""

from viewer.core.compare import compare
from viewer.core.document import Document
from viewer.core.edge_marks import widen_over_marks


def widened(a: str, b: str, passage_a: str, passage_b: str | None = None) -> tuple[str, str]:
    passage_b = passage_a if passage_b is None else passage_b
    start_a, start_b = a.index(passage_a), b.index(passage_b)
    span_a, span_b = widen_over_marks(a, (start_a, start_a + len(passage_a)),
                                      b, (start_b, start_b + len(passage_b)))
    return a[slice(*span_a)], b[slice(*span_b)]


def test_a_sentence_end_both_texts_have_is_taken_in_whatever_its_width_or_spacing():
    a = "前言。坚持以人民为中心的发展思想。后记"
    b = "序言，坚持以人民为中心的发展思想 .\n后记"
    assert widened(a, b, "坚持以人民为中心的发展思想") == (
        "坚持以人民为中心的发展思想。", "坚持以人民为中心的发展思想 .")


def test_quotation_marks_around_both_are_taken_in_with_the_full_stop_inside_them():
    a = 'He said: "The harbour will reopen in May." Then he left.'
    b = "Officials said “The harbour will reopen in May.” Others doubted it."
    assert widened(a, b, "The harbour will reopen in May") == (
        '"The harbour will reopen in May."', "“The harbour will reopen in May.”")


def test_a_comma_or_a_mark_of_another_kind_stays_out():
    a = "They built the new bridge over the river, and then they rested."
    b = "They built the new bridge over the river. Then they rested."
    assert widened(a, b, "They built the new bridge over the river") == (
        "They built the new bridge over the river", "They built the new bridge over the river")
    a = "我们要建设网络强国，努力奋斗。"
    b = "我们要建设网络强国，继续前进。"
    assert widened(a, b, "我们要建设网络强国") == ("我们要建设网络强国", "我们要建设网络强国")


def test_a_straight_quote_after_a_space_opens_the_next_sentence_and_stays_out():
    a = 'The plan was approved on Monday. "It is late," she said.'
    b = 'The plan was approved on Monday. "We waited," he said.'
    assert widened(a, b, "The plan was approved on Monday") == (
        "The plan was approved on Monday.", "The plan was approved on Monday.")


def test_a_mark_only_one_text_has_is_left_out():
    a = "报告指出要大力推进生态文明建设。"
    b = "报告指出要大力推进生态文明建设的各项工作"
    assert widened(a, b, "报告指出要大力推进生态文明建设") == (
        "报告指出要大力推进生态文明建设", "报告指出要大力推进生态文明建设")


def test_a_copied_chinese_sentence_is_listed_with_its_full_stop_in_both_panes():
    copied = "国务院总理主持召开常务会议研究部署进一步做好农村饮水安全工作"
    a = Document("今天天气很好，大家都出去散步。" + copied + "。会议还讨论了其他事项。", "a")
    b = Document("上周的报道说：" + copied + "。记者随后采访了几位村民。", "b")
    (phrase,) = compare(a, b).shared_phrases
    assert a.text[slice(*phrase.a)] == copied + "。"
    assert b.text[slice(*phrase.b)] == copied + "。"


def test_a_full_stop_before_a_digit_is_a_decimal_point_and_stays_out():
    a = "The economy has grown by 3. Analysts expect more."
    b = "The economy has grown by 3.9 percent this year."
    assert widened(a, b, "The economy has grown by 3") == (
        "The economy has grown by 3", "The economy has grown by 3")


def test_a_straight_quote_between_two_letters_is_taken_by_neither_passage():
    text = '他们都说"我们要深化改革开放'
    assert widened(text, text, "他们都说") == ("他们都说", "他们都说")
    assert widened(text, text, "我们要深化改革开放") == ("我们要深化改革开放",) * 2


def test_a_mark_one_text_repeats_is_taken_in_whole():
    a = "They waited for the ferry... Then it came."
    b = "They waited for the ferry… Then it came."
    assert widened(a, b, "They waited for the ferry") == (
        "They waited for the ferry...", "They waited for the ferry…")
