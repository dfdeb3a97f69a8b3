"""A shared passage takes in the sentence ends and quotation marks both texts have at its
edges, and nothing else."""

import pytest

from viewer.core.compare import compare
from viewer.core.document import Document
from viewer.core.edge_marks import widen_over_marks

#: (text A, text B, the passage as matched in both, what A and B then show of it)
CASES = {
    "a sentence end, whatever its width or the spaces before it": (
        "前言。坚持以人民为中心的发展思想。后记", "序言，坚持以人民为中心的发展思想 .\n后记",
        "坚持以人民为中心的发展思想",
        ("坚持以人民为中心的发展思想。", "坚持以人民为中心的发展思想 .")),
    "quotation marks around both, the full stop inside them": (
        'He said: "The harbour will reopen in May." Then he left.',
        "Officials said “The harbour will reopen in May.” Others doubted it.",
        "The harbour will reopen in May",
        ('"The harbour will reopen in May."', "“The harbour will reopen in May.”")),
    "a comma against a full stop: marks of two kinds": (
        "They built the new bridge over the river, and then they rested.",
        "They built the new bridge over the river. Then they rested.",
        "They built the new bridge over the river",
        ("They built the new bridge over the river",) * 2),
    "a comma in both: the sentence goes on": (
        "我们要建设网络强国，努力奋斗。", "我们要建设网络强国，继续前进。", "我们要建设网络强国",
        ("我们要建设网络强国",) * 2),
    "a straight quote after a space opens the next sentence": (
        'The plan was approved on Monday. "It is late," she said.',
        'The plan was approved on Monday. "We waited," he said.',
        "The plan was approved on Monday",
        ("The plan was approved on Monday.",) * 2),
    "a mark only one text has": (
        "报告指出要大力推进生态文明建设。", "报告指出要大力推进生态文明建设的各项工作",
        "报告指出要大力推进生态文明建设", ("报告指出要大力推进生态文明建设",) * 2),
    "a full stop before a digit is a decimal point": (
        "The economy has grown by 3. Analysts expect more.",
        "The economy has grown by 3.9 percent this year.",
        "The economy has grown by 3", ("The economy has grown by 3",) * 2),
    "a straight quote between two letters, before the passage": (
        '他们都说"我们要深化改革开放', '他们都说"我们要深化改革开放', "他们都说",
        ("他们都说",) * 2),
    "a straight quote between two letters, after the passage": (
        '他们都说"我们要深化改革开放', '他们都说"我们要深化改革开放', "我们要深化改革开放",
        ("我们要深化改革开放",) * 2),
    "a mark one text repeats is taken whole": (
        "They waited for the ferry... Then it came.", "They waited for the ferry… Then it came.",
        "They waited for the ferry",
        ("They waited for the ferry...", "They waited for the ferry…")),
}


@pytest.mark.parametrize(("a", "b", "passage", "shown"), list(CASES.values()), ids=list(CASES))
def test_a_passage_takes_in_the_marks_both_texts_have_at_its_edges(
        a: str, b: str, passage: str, shown: tuple[str, str]) -> None:
    start_a, start_b = a.index(passage), b.index(passage)
    span_a, span_b = widen_over_marks(a, (start_a, start_a + len(passage)),
                                      b, (start_b, start_b + len(passage)))
    assert (a[slice(*span_a)], b[slice(*span_b)]) == shown


def test_a_copied_chinese_sentence_is_listed_with_its_full_stop_in_both_panes():
    copied = "国务院总理主持召开常务会议研究部署进一步做好农村饮水安全工作"
    a = Document("今天天气很好，大家都出去散步。" + copied + "。会议还讨论了其他事项。", "a")
    b = Document("上周的报道说：" + copied + "。记者随后采访了几位村民。", "b")
    (phrase,) = compare(a, b).shared_phrases
    assert a.text[slice(*phrase.a)] == copied + "。"
    assert b.text[slice(*phrase.b)] == copied + "。"
