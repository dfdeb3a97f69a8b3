"""The pure collection algorithms: candidate pairs from the n-gram index, clusters,
boilerplate lines, which passages list a pair."""

from __future__ import annotations

import random
from collections import Counter

import numpy as np
import pytest

from tests.collection.planted import EVERY_FEW_WORDS
from viewer.collection.passage_rules import (
    FORMULATION_WORDS,
    MIN_PAIR_WORDS,
    SENTENCE_SHARE,
    AroundPassage,
    SentencesAround,
    copied_from,
    formula_between_copies,
    furniture,
    lists_its_pair,
    passage_figures,
    side_tokens,
    whole_sentence,
    whole_sentences,
)
from viewer.collection.refresh import updated_formulations
from viewer.collection.words import collection_normalizer
from viewer.core.collection.boilerplate import LONGEST_KEY, find_boilerplate, line_keys
from viewer.core.collection.clusters import find_clusters
from viewer.core.collection.edited_sentences import SentenceTokens, copied_sentence_pairs
from viewer.core.collection.index import (
    IndexParams,
    candidate_pairs,
    document_grams,
    index_params,
)
from viewer.core.compare import compare
from viewer.core.document import Document
from viewer.core.figures import Figures
from viewer.core.normalize import Normalizer
from viewer.core.shared import CJK_CHARS_PER_WORD
from viewer.core.tokenize import TokenStream, Vocabulary, tokenize, tokenize_many


def _grams(*docs: list[int]) -> list[np.ndarray]:
    return [np.unique(np.array(d, dtype=np.uint64)) for d in docs]


def test_pairs_need_enough_shared_grams_under_the_cap() -> None:
    common = list(range(1000, 1010))  # in every document: over the cap
    grams = _grams([1, 2, 3, 4, *common], [1, 2, 3, 4, 5, *common], [5, 6, 7, *common],
                   [1, 2, 9, *common])
    found = candidate_pairs(grams, IndexParams(n=5, max_df=3, min_shared=3))
    assert list(zip(found.first.tolist(), found.second.tolist(), found.shared.tolist(),
                    strict=True)) == [(0, 1, 4)]
    # Pair 0-3 shares grams 1 and 2 only; 1-2 shares gram 5 only; `common` never counts.
    loose = candidate_pairs(grams, IndexParams(n=5, max_df=3, min_shared=1))
    assert {(a, b) for a, b in zip(loose.first.tolist(), loose.second.tolist(), strict=True)} \
        == {(0, 1), (0, 3), (1, 2), (1, 3)}


def _run_articles(cjk: bool, runs: list[int]) -> list[np.ndarray]:
    """The index's n-grams of one article per entry of `runs`, each holding the first that
    many units (words, or Chinese characters) of one run amid units of its own."""
    rng = random.Random(5)
    if cjk:
        units = [chr(c) for c in range(0x4E00, 0x9FA6)]
    else:
        units = sorted({"".join(rng.choices("bdfgklmnprstvz", k=3) + ["a"]) for _ in range(900)})
    joiner = "" if cjk else " "
    run = rng.sample(units, max(runs))
    texts = [joiner.join(rng.sample(units, 40) + run[:k] + rng.sample(units, 40)) for k in runs]
    vocabulary = Vocabulary()
    params = index_params(cjk, len(texts))
    return [document_grams(tokenize(t, collection_normalizer(), vocabulary).ids, params.n)
            for t in texts]


def _paired(cjk: bool, runs: list[int]) -> set[tuple[int, int]]:
    found = candidate_pairs(_run_articles(cjk, runs), index_params(cjk, len(runs)))
    return set(zip(found.first.tolist(), found.second.tolist(), strict=True))


@pytest.mark.parametrize(("cjk", "run"), [
    (False, 8),   # English: a run of eight words pairs the articles holding it
    (True, 13),   # Chinese: thirteen characters (eight words' worth)
])
def test_one_run_of_the_pair_length_makes_candidate_pairs(cjk: bool, run: int) -> None:
    assert _paired(cjk, [run, run, run, 0]) == {(0, 1), (0, 2), (1, 2)}
    assert _paired(cjk, [run - 1, run - 1, run - 1, 0]) == set()


@pytest.mark.parametrize(("cjk", "run"), [
    (False, 7),   # English: seven words that two articles alone hold pair them
    (True, 10),   # Chinese: ten characters (edits fall on characters there)
])
def test_a_shorter_run_pairs_two_articles_only_when_no_other_holds_it(cjk: bool,
                                                                      run: int) -> None:
    assert _paired(cjk, [run, run, 0]) == {(0, 1)}
    assert _paired(cjk, [run - 1, run - 1, 0]) == set()
    # Met in a third article too, it is as likely a common turn of phrase.
    assert _paired(cjk, [run, run, run, 0]) == set()


def _sentence_tokens(texts: list[str]) -> tuple[list[np.ndarray], dict[int, SentenceTokens]]:
    """The index's n-grams of each text, and its tokens with their sentences."""
    vocabulary = Vocabulary()
    streams = [tokenize(text, collection_normalizer(), vocabulary) for text in texts]
    n = index_params(False, len(texts)).n
    return ([document_grams(s.ids, n) for s in streams],
            {k: SentenceTokens.of(text, s.ids, s.starts, s.ends)
             for k, (text, s) in enumerate(zip(texts, streams, strict=True))})


def test_a_sentence_edited_every_few_words_pairs_what_its_short_runs_cannot() -> None:
    sentence = EVERY_FEW_WORDS.format("ulmeno", "garvit")
    copy = EVERY_FEW_WORDS.format("pexlar", "sibrand")
    # The same words, the copy's sentence ended after its run of six and the rest put in
    # another sentence: ten words of the sixteen in order, no longer one sentence.
    cut = copy.replace(" sibrand ", ". Fenlar tobrik ")
    before = ("Wendo parlak misut. Gorvel tanu spirak onder. ", "Lisep oraku. Tanvel mirod. ")
    params = index_params(False, 4)
    for other, paired in ((copy, True), (cut, False)):
        grams, documents = _sentence_tokens([before[0] + sentence, "Kelbru nastor velim.",
                                             before[1] + other, "Tiramo sulveg."])
        found = candidate_pairs(grams, params)
        assert not len(found.first)  # two n-grams of their own, fewer than pair articles
        assert found.lone is not None
        assert found.lone.first.tolist() == [0, 0] and found.lone.second.tolist() == [2, 2]
        assert copied_sentence_pairs(found.lone, documents.__getitem__, params.n,
                                     words=MIN_PAIR_WORDS, share=SENTENCE_SHARE) == (
            {(0, 2)} if paired else set())
    # With one word fewer changed, its runs pair the two, and none of theirs is lone.
    longer = copy.replace(" sibrand ", " garvit ")
    grams, _ = _sentence_tokens([sentence, "Kelbru nastor velim.", longer])
    found = candidate_pairs(grams, params)
    assert list(zip(found.first.tolist(), found.second.tolist(), strict=True)) == [(0, 2)]
    assert found.lone is not None and not len(found.lone.first)


def test_sentences_end_at_their_marks_and_line_breaks_not_at_a_decimal_point() -> None:
    text = "Prices rose 3.5 percent. Then fell\nagain! Why? Done"
    vocabulary = Vocabulary()
    stream = tokenize(text, collection_normalizer(), vocabulary)
    tokens = SentenceTokens.of(text, stream.ids, stream.starts, stream.ends)
    sentences = [text[stream.starts[f]:stream.ends[e - 1]] for f, e in sorted(set(zip(
        tokens.first.tolist(), tokens.end.tolist(), strict=True)))]
    assert sentences == ["Prices rose 3.5 percent", "Then fell", "again", "Why", "Done"]


def test_furniture_is_a_run_of_n_grams_above_the_cap_shorter_than_a_wide_copy() -> None:
    params = index_params(False, 1000)  # 5-grams, a cap of 20, 21 n-grams pair above it
    assert (params.n, params.max_df, params.min_wide_shared, params.wide_df) == (5, 20, 21, 200)
    # A sentence of 19 words in 24 articles, then words of two.
    marked = furniture([24] * 15 + [2] * 11, 30, params)
    assert marked.tolist() == [True] * 19 + [False] * 11
    # A paragraph of 25 words in 50 articles: a press release, copied text.
    assert not furniture([50] * 21 + [2] * 4, 29, params).any()
    # In as many articles as the cap: what pairs articles.
    assert not furniture([20] * 26, 30, params).any()
    # Two sentences of 13 words in 24 articles, side by side in two articles (the n-grams
    # across their meeting held by those two): each is a run of its own, not a copy.
    marked = furniture([24] * 9 + [2] * 4 + [24] * 9, 26, params)
    assert marked.all()
    # A disclaimer of 30 words in 600 articles pairs nothing, however long.
    assert furniture([600] * 26, 30, params).all()


def test_a_long_passage_that_is_furniture_but_for_a_few_words_lists_no_pair() -> None:
    # A series' footer and a disclaimer a fifth of the articles carry (too few of each
    # series' to be its boilerplate): 52 words shared, which listed the pair by length
    # alone, though only the words where the two meet are not the collection's furniture.
    params = index_params(False, 1000)
    footer = "Follow Highland Journal on WeChat and Weibo for more news."
    disclaimer = ("Disclaimer: this article is reproduced from other media for the purpose of "
                  "conveying more information, and does not mean that this website agrees "
                  "with its views or is responsible for its authenticity; if there is any "
                  "infringement please contact us for removal.")
    text = f"{footer}\n\n{disclaimer}"
    vocabulary = Vocabulary()
    stream = tokenize(text, collection_normalizer(), vocabulary)
    side = side_tokens(stream, (0, len(text)))
    words = len(side)
    assert words >= 50
    # The footer's n-grams in its series' 70 articles, those across the two in 17, the
    # disclaimer's in 250.
    frequencies = [70] * 6 + [17] * 4 + [250] * (words - 14)
    marked = furniture(frequencies, words, params)
    assert np.count_nonzero(~marked) < 8
    assert lists_its_pair(side, side, words, False, (), ())  # furniture not measured
    assert not lists_its_pair(side, side, words, False, (), (), marked, marked)
    # A copy of a whole article with that furniture at its end lists its pair.
    story = " ".join(f"word{k}" for k in range(60))
    copy = f"{story}\n\n{text}"
    copied = side_tokens(tokenize(copy, collection_normalizer(), vocabulary), (0, len(copy)))
    marked = furniture([2] * 60 + frequencies, len(copied), params)
    assert lists_its_pair(copied, copied, len(copied), False, (), (), marked, marked)


def test_grams_above_the_cap_pair_each_document_with_the_first_that_holds_them() -> None:
    passage = list(range(500, 530))  # a long passage in eight documents, over the cap of 3
    phrase = list(range(900, 905))   # a set phrase in the same eight: too short to count
    grams = _grams([1, 2], *([10 * k, *phrase, *passage] for k in range(1, 8)),
                   [99, *phrase, *passage[:12]], [77, *phrase, *passage])
    params = IndexParams(n=5, max_df=3, min_shared=3, wide_df=20, min_wide_shared=20)
    found = candidate_pairs(grams, params)
    pairs = list(zip(found.first.tolist(), found.second.tolist(), strict=True))
    # Star pairs with document 1, the first holding the passage; document 8 holds too
    # little of it (12 + 5 of the phrase); nothing pairs through the set phrase alone.
    assert pairs == [(1, k) for k in (2, 3, 4, 5, 6, 7, 9)]
    assert found.shared.tolist() == [35] * 7
    # Over `wide_df` it is the collection's furniture in documents with more of their own.
    own = [np.union1d(g, np.arange(10_000 * (k + 1), 10_000 * (k + 1) + 60, dtype=np.uint64))
           for k, g in enumerate(grams)]
    assert not len(candidate_pairs(own, IndexParams(n=5, max_df=3, min_shared=3,
                                                    wide_df=7, min_wide_shared=20)).first)


def test_grams_above_the_furniture_pair_only_documents_made_mostly_of_them() -> None:
    # A story (40 n-grams) in twelve documents, over `wide_df` of 10: documents 0 to 8 are
    # little else, 9 to 11 hold more of their own than of it (a disclaimer under them).
    story = list(range(500, 540))
    grams = _grams(*([k, *story] for k in range(9)),
                   *([*range(1000 * k, 1000 * k + 41), *story] for k in (1, 2, 3)))
    params = IndexParams(n=5, max_df=3, min_shared=3, wide_df=10, min_wide_shared=20)
    found = candidate_pairs(grams, params)
    assert list(zip(found.first.tolist(), found.second.tolist(), strict=True)) == [
        (0, k) for k in range(1, 9)]
    assert found.shared.tolist() == [len(story)] * 8


def test_clusters_join_overlapping_spans_and_start_with_the_earliest() -> None:
    order = [("2021-01-03", "c"), ("2021-01-01", "a"), ("2021-01-02", "b"), ("", "z")]
    links = [(0, (100, 200), 1, (10, 110)),     # c-a
             (0, (105, 200), 2, (50, 145)),     # c-b, same stretch of c
             (2, (500, 560), 3, (0, 60))]       # b-z elsewhere: its own cluster
    clusters = find_clusters(links, [(d or "\uffff", i) for d, i in order])
    assert [c.first for c in clusters] == [1, 2]
    assert clusters[0].passages == ((1, (10, 110)), (2, (50, 145)), (0, (100, 200)))
    assert clusters[1].passages == ((2, (500, 560)), (3, (0, 60)))


def test_a_line_inside_a_shared_chapter_is_a_cluster_of_its_own() -> None:
    # Chapter 0 is copied whole into 1 and 4 (4's copy a few words shorter); a formula line
    # inside it is also in 2 and 3, which are aligned with each other too; 5 took the
    # chapter with one edit that split its passage in two. The line's own carriers make
    # its cluster: joined to the chapter's, every chapter with the formula would be one.
    order = [(f"2021-01-0{d + 1}", str(d)) for d in range(6)]
    links = [(0, (0, 2000), 1, (0, 2000)),
             (0, (3, 60), 2, (300, 357)),
             (0, (5, 1990), 4, (0, 1985)),
             (2, (300, 357), 3, (40, 97)),
             (0, (0, 980), 5, (0, 980)),
             (0, (1010, 2000), 5, (1000, 1990))]
    clusters = find_clusters(links, order)
    assert [sorted({d for d, _ in c.passages}) for c in clusters] == [[0, 1, 4, 5], [0, 2, 3]]
    assert clusters[0].passages[0] == (0, (0, 2000))
    assert clusters[1].passages == ((0, (3, 60)), (2, (300, 357)), (3, (40, 97)))


def test_boilerplate_is_a_line_most_of_a_series_repeats() -> None:
    footer = "Copyright 2021 The Daily. All rights reserved."
    texts = [f"Story {k} about things number {k}.\n\n{footer}\n" for k in range(6)]
    texts += [f"Other story {k}.\n{footer.upper()}\n" for k in range(2)]
    texts += [f"Elsewhere {k}.\n{footer}\n" for k in range(2)]  # two articles: too few
    series = ["daily"] * 6 + ["daily"] * 2 + ["other"] * 2
    (found,) = find_boilerplate(texts, series)
    assert (found.series, found.text, found.documents) == ("daily", footer, 8)
    d, (start, end) = found.occurrences[6]
    assert texts[d][start:end] == footer.upper()


def test_an_article_on_one_line_is_a_key_of_bounded_length() -> None:
    # A scraped page on one line (megabytes of text in one JSON line): its key, which the
    # Spark job shuffles and counts, is no string as long as the article.
    page = " ".join(f"word{k}" for k in range(200_000))
    (key,) = line_keys(page)
    assert len(key) <= LONGEST_KEY
    assert line_keys(page.upper()) == {key}  # one line, case aside
    assert line_keys(page + " more") != {key}


def test_a_line_too_long_for_its_key_is_boilerplate_as_a_short_one_is() -> None:
    # Told by the same keys whether the series' articles are all at hand (the embedded
    # engine) or the collection's counts are passed in (the Spark job).
    notice = " ".join(f"Clause {k} of the terms of reuse applies." for k in range(60))
    assert len(notice) > LONGEST_KEY
    texts = [" ".join(f"story{k}word{j}" for j in range(400))
             + f"\n{notice.upper() if k == 0 else notice}\n" for k in range(6)]
    texts += [f"Elsewhere {k}.\n{notice}\n" for k in range(2)]
    series = ["daily"] * 6 + ["other"] * 2
    carried = Counter(("en", key) for text in texts for key in line_keys(text))
    for found in (find_boilerplate(texts, series),
                  find_boilerplate(texts[:6], series[:6], carried=carried,
                                   totals={"en": len(texts)})):
        assert [(b.series, b.text, b.documents) for b in found] == [("daily", notice, 6)]
        assert [texts[d][s:e] for d, (s, e) in found[0].occurrences] == [
            notice.upper()] + [notice] * 5


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_a_boilerplate_lines_spans_leave_out_the_white_space_around_it(newline: str) -> None:
    # Windows and old Mac line ends, an indent of tabs and no-break spaces, trailing
    # blanks: the line is the same footer, and its spans hold it exactly.
    footer = "Copyright 2021 The Daily.  All rights reserved."
    texts = [newline.join([f"Story {k} about things.", f" \t\u00a0{footer}\u3000 ", "  ", ""])
             for k in range(5)]
    (found,) = find_boilerplate(texts, ["daily"] * 5)
    assert (found.text, found.documents) == (footer, 5)
    assert [texts[d][start:end] for d, (start, end) in found.occurrences] == [footer] * 5


def test_a_line_written_in_either_chinese_script_is_one_line() -> None:
    # An outlet whose articles come in both scripts: its footer is one line of 8 articles,
    # shown as most of them write it.
    footer, traditional = "本文来源：南国早报", "本文來源：南國早報"
    texts = [f"第{k}篇报道的正文。\n{footer if k < 5 else traditional}\n" for k in range(8)]
    texts += [f"第{k}篇报道的正文。\n" for k in range(8, 20)]
    (found,) = find_boilerplate(texts, ["早报"] * 20)
    assert (found.text, found.documents) == (footer, 8)
    assert {texts[d][start:end] for d, (start, end) in found.occurrences} == {
        footer, traditional}


def test_each_language_of_a_series_has_its_own_boilerplate() -> None:
    # An outlet's Chinese edition heads its 4 articles with its name, its English edition
    # ends 4 of its 12 with a notice: in 16 articles neither line reaches the share that
    # makes boilerplate (5), in each edition's articles both do (3 of 4, 4 of 12).
    header, notice = "本报北京电 南国日报记者", "Follow The Daily on its website."
    texts = [f"{header}\n第{k}篇报道的正文，讲港口的事。\n" for k in range(4)]
    texts += [f"Story {k} about the harbour, told plainly.\n" + (notice if k < 4 else "")
              for k in range(12)]
    languages = ["zh"] * 4 + ["en"] * 12
    assert find_boilerplate(texts, ["daily"] * 16) == []
    found = find_boilerplate(texts, ["daily"] * 16, languages=languages)
    assert [(b.series, b.text, b.documents) for b in found] == [
        ("daily", notice, 4), ("daily", header, 4)]
    assert [d for d, _ in found[1].occurrences] == [0, 1, 2, 3]


def test_a_small_series_has_boilerplate_in_three_of_its_articles() -> None:
    header = "Source: Star City Evening News"
    texts = [f"{header}\nStory {k} about the harbour, told plainly.\n" for k in range(3)]
    texts.append("A story without the header.\n")
    (found,) = find_boilerplate(texts, ["star"] * 4)
    assert (found.text, found.documents) == (header, 3)
    # In three of ten articles a paragraph is more likely one story copied along a chain.
    story = "The harbour board met on Monday and agreed to dredge the northern channel."
    texts = [f"Story {k} of the week.\n{story}\n" if k < 3 else f"Story {k} of the week.\n"
             for k in range(10)]
    assert find_boilerplate(texts, ["star"] * 10) == []


def test_copies_of_one_story_in_a_series_are_no_boilerplate_of_it() -> None:
    # One story filed three times by a small outlet: every line is in three of its
    # articles, and every line is the story, so none is furniture.
    header = "Source: Star City Evening News"
    story = ["Harbour board agrees to dredge the northern channel",
             "The board met on Monday and voted to dredge before the autumn storms.",
             "Fishing crews will keep their berths while the work goes on."]
    copy = "\n".join([header, *story]) + "\n"
    assert find_boilerplate([copy] * 3, ["star"] * 3) == []
    # Beside three articles of its own, the outlet's header is its furniture, in the
    # copies too; the story is not.
    texts = [copy] * 3 + [f"{header}\nStory {k} about the market, told plainly.\n"
                          for k in range(3)]
    (found,) = find_boilerplate(texts, ["star"] * 6)
    assert (found.text, found.documents) == (header, 6)
    assert [d for d, _ in found.occurrences] == list(range(6))


def _noticed_series(story: str, notice: str, footer: str, network: str | None = None,
                    ) -> tuple[list[str], list[str]]:
    """Texts and series of a small series (14 articles) and six large ones (40 each): each
    article a `story` line (formatted with its `name` and number `k`), `notice` as a line
    in half the small series' articles and a quarter of each large one's, `footer` in
    every other article of the small series, and `network` in two of every five."""
    texts, series = [], []
    for name, size, holding in [("small", 14, 7)] + [(f"large{k}", 40, 10) for k in range(6)]:
        for k in range(size):
            lines = [story.format(name=name, k=k)]
            lines += [notice] if k < holding else []
            lines += [footer] if name == "small" and k % 2 else []
            lines += [network] if network and k % 5 < 2 else []
            texts.append("\n".join(lines) + "\n")
            series.append(name)
    return texts, series


def test_a_line_the_whole_collection_writes_is_no_series_boilerplate() -> None:
    # A notice set as a line of its own in a quarter of the articles of every series
    # reaches half of a small series' articles by chance: the collection's, not theirs.
    # The series' own footer, and a network's footer in two of five articles of every
    # series (as often as a series' boilerplate), are boilerplate.
    notice = "The committee will publish its findings on the official website."
    footer, network = "Copyright 2021 The Small Daily.", "Share this story with a friend."
    texts, series = _noticed_series("Story {k} of the {name} paper, told plainly.", notice,
                                    footer, network)
    found = {(b.series, b.text) for b in find_boilerplate(texts, series)}
    assert {text for _, text in found} == {footer, network}
    assert ("small", footer) in found
    assert {name for name, text in found if text == network} == set(series)


def test_a_line_the_articles_of_one_language_write_is_weighed_among_them() -> None:
    # The collection above in Chinese, a fifth of a collection in English: the notice is
    # in a quarter of the Chinese articles, a twentieth of all. Weighed against every
    # article, half of the small series looked like the series' own line.
    notice, footer = "委员会将在官方网站公布调查结果。", "版权所有 南国小报"
    texts, series = _noticed_series("{name}报第{k}篇报道，讲港口的事。", notice, footer)
    alone = find_boilerplate(texts, series, languages=["zh"] * len(texts))
    assert [(b.series, b.text) for b in alone] == [("small", footer)]
    english = [f"Story {k} of the wire, told plainly.\n" for k in range(1000)]
    beside = find_boilerplate(texts + english, series + ["wire"] * len(english),
                              languages=["zh"] * len(texts) + ["en"] * len(english))
    assert beside == alone


def test_listed_formulations_gain_the_uses_in_new_articles() -> None:
    texts = ["Old news of the great harbour plan.",             # d1, listed before
             "Gone article with the great harbour plan.",       # d2, no longer stored
             "The Great  Harbour Plan, and the grand harbour plan again.",  # d3, new
             "Nothing to see."]                                 # d4, new
    ids, dates = ["d1", "d3", "d4"], ["2021-02-01", "2021-01-15", "2021-03-01"]
    normalizer = Normalizer()
    vocabulary = Vocabulary()
    streams = tokenize_many([texts[0], texts[2], texts[3]], normalizer, vocabulary)
    listed = [{"phrase": "great harbour plan", "variants": ["grand harbour plan"],
               "documents": 2, "count": 2, "first": {"doc": "d1", "date": "2021-02-01"},
               "per_month": {"2021-02": 1},
               "occurrences": [{"doc": "d1", "spans": [[18, 36]]},
                               {"doc": "d2", "spans": [[22, 40]]}]}]
    (item,) = updated_formulations(listed, ids, dates, streams, [1, 2], normalizer,
                                   vocabulary.ids, [texts[0], texts[2], texts[3]],
                                   [[], [], []])
    assert item.occurrences == ((0, ((18, 36),)), (1, ((4, 23), (33, 51))))
    assert texts[2][33:51] == "grand harbour plan"
    assert (item.documents, item.count, item.first) == (2, 3, 1)
    assert item.per_month == {"2021-01": 2, "2021-02": 1}


@pytest.mark.parametrize(("text", "passage", "whole"), [
    ("前言。会议在北京召开。后记", "会议在北京召开", True),  # the mark after it
    ("前言。会议在北京召开。后记", "会议在北京召开。", True),  # the mark taken in
    ("前言。会议在北京召开\n。后记", "会议在北京召开", True),  # a line break before it
    ("前言。“会议在北京召开。”后记", "会议在北京召开。", True),  # inside quotation marks
    ("前言。昨天会议在北京召开。后记", "会议在北京召开", False),  # begins inside one
    ("前言。会议在北京召开，后记。", "会议在北京召开", False),  # ends inside one
    ("It grew by 3.5 percent. Then", "It grew by 3", False),  # a decimal point
])
def test_a_whole_sentence_begins_and_ends_one(text: str, passage: str, whole: bool) -> None:
    start = text.index(passage)
    assert whole_sentence(text, (start, start + len(passage))) is whole


def _lists_its_pair_whole(a: str, b: str, *, sentence: bool = False) -> bool:
    """`lists_its_pair` for a passage that is the whole of `a` and of `b` (Chinese), read
    as a passage of whole sentences with `sentence`."""
    vocabulary = Vocabulary()
    stream_a, stream_b = (tokenize(t, collection_normalizer(), vocabulary) for t in (a, b))
    short_words = round(min(len(stream_a), len(stream_b)) / CJK_CHARS_PER_WORD)
    return lists_its_pair(side_tokens(stream_a, (0, len(a))), side_tokens(stream_b, (0, len(b))),
                          short_words, True, (), (),
                          around=AroundPassage((0, 0), Figures.NEITHER) if sentence else None)


@pytest.mark.parametrize(("other", "copied"), [
    # Edited in the middle: 16 of its 17 tokens kept in order (１９９７ is one), the
    # longest run 10.
    ("他认为，１９９７年是世界经济不社会平凡的一年。", True),
    # Another sentence on the same frame: 10 tokens shared, the longest run 6.
    ("他认为，１９９７年是中国农业极为困难的一年。", False),
])
def test_a_whole_sentence_lists_its_pair_by_what_its_sides_share_in_all(
        other: str, copied: bool) -> None:
    sentence = "他认为，１９９７年是世界经济极不平凡的一年。"
    assert whole_sentences(sentence, (0, len(sentence)), other, (0, len(other)))
    # Its runs alone are too short to list a pair, and so is the same text inside a
    # sentence (a passage of running text may be a set phrase met by chance).
    assert not _lists_its_pair_whole(sentence, other)
    assert _lists_its_pair_whole(sentence, other, sentence=True) is copied


#: A sentence whose copy swaps one word: runs of six and four words.
SOURCE_SENTENCE = ("velsamir torkand ulpheno brisket madrevol quintash odelric sarvanto plemix "
                   "ordavun taskel.")
COPIED_WORDS = SOURCE_SENTENCE.replace("odelric", "gelmarit")


@pytest.mark.parametrize(("source", "copy", "listed"), [
    # The copy's sentence opens with a word of its own: the passage the matcher aligns
    # leaves it out, and the two sentences share 10 of the longer one's 12 words in order.
    (SOURCE_SENTENCE.capitalize(), f"Yesterday {COPIED_WORDS}", True),
    # The same passage in a sentence that runs on in words of its own: a clause shared.
    (SOURCE_SENTENCE.capitalize(),
     COPIED_WORDS.capitalize()[:-1] + ", since the harbour board met on the first day of spring.",
     False),
    # Two sentences that open on other numbers, 11 of the longer one's 13 words shared in
    # order: two tables under one heading, not a copy.
    (f"Table 3 {SOURCE_SENTENCE}", f"Table 4 {COPIED_WORDS}", False),
])
def test_a_passage_inside_one_sentence_lists_its_pair_by_the_sentence_around_it(
        source: str, copy: str, listed: bool) -> None:
    vocabulary = Vocabulary()
    texts = (f"Title\n\n{source} Then it rained.", f"Another title\n\n{copy}")
    streams = [tokenize(text, collection_normalizer(), vocabulary) for text in texts]
    # The passage: from the source's first word to its last, in both.
    spans = [(text.lower().index("velsamir"), text.index("taskel") + len("taskel"))
             for text in texts]
    sides = [side_tokens(stream, span) for stream, span in zip(streams, spans, strict=True)]
    around = SentencesAround(texts.__getitem__, streams.__getitem__, vocabulary.keys).of(
        0, spans[0], 1, spans[1])
    assert sum(around.beyond) > 0
    short_words = min(len(side) for side in sides)
    # Its runs alone are too short to list the pair.
    assert not lists_its_pair(*sides, short_words, False, (), ())
    assert lists_its_pair(*sides, short_words, False, (), (), around=around) is listed
    # Read as whole sentences, the sides alone would be a copy in every case.
    assert lists_its_pair(*sides, short_words, False, (), (),
                          around=AroundPassage((0, 0), Figures.NEITHER))


def test_a_passage_long_only_by_the_gap_inside_it_lists_its_pair_only_with_a_long_run(
        ) -> None:
    # A dateline and a common title, aligned across the reporter's name in one text and a
    # line break in the other: 14 words from end to end, but the two share only 17 of
    # their 22 characters, and 10 of them in one run, which chance meets among many pairs.
    dateline_and_title = ("本报哈尔滨１月５日电记者张宿堂国务院副总理兼",
                          "本报哈尔滨１月５日电\n党中央、国务院副总理兼")
    assert not _lists_its_pair_whole(*dateline_and_title)
    # A sentence copied with two characters changed shares 28 of its 30: a copy.
    assert _lists_its_pair_whole("国务院总理主持召开常务会议研究部署进一步做好农村饮水安全工作",
                                 "国务院总理主持召开常务会议研究部署进一步抓好农村用水安全工作")


def test_words_of_a_formulation_in_a_passage_are_not_counted_as_copied() -> None:
    # A chance run of five words and a formulation of eight, aligned across the words
    # between them: 14 shared words in order, but only six outside the formulation.
    formulation = "safeguarding strong alleviation in an all round way"
    a = f"they shall not be accepted and then the {formulation}"
    b = f"they shall not be accepted so we bind the {formulation}"
    vocabulary = Vocabulary()
    sides = [side_tokens(tokenize(t, collection_normalizer(), vocabulary), (0, len(t)))
             for t in (a, b)]
    short_words = min(len(side) for side in sides)
    uses = [[(t.index(formulation), len(t))] for t in (a, b)]
    assert lists_its_pair(*sides, short_words, False, (), ())
    assert not lists_its_pair(*sides, short_words, False, *uses)
    # Boilerplate or a formulation on one side only is enough: its words match nothing.
    assert not lists_its_pair(*sides, short_words, False, uses[0], ())
    # A sentence copied whole with the formulation inside: the ten words around it are
    # one run in both texts.
    copied = f"the harbour board will review every {formulation} before the spring tide"
    sides = [side_tokens(tokenize(copied, collection_normalizer(), vocabulary),
                         (0, len(copied)))] * 2
    use = [(copied.index(formulation), copied.index(formulation) + len(formulation))]
    assert lists_its_pair(*sides, len(sides[0]), False, use, use)


def test_a_passage_long_only_by_a_formulation_inside_it_is_measured_without_it() -> None:
    # A formulation of 14 characters and a set phrase of 7 (统一大业的完成), aligned
    # across a dozen characters that differ: 20 words from end to end, long enough by
    # length alone, but 11 without the formulation, which share one run of 7 characters.
    formulation = "领导干部报告个人重大事项制度"
    a = formulation + "年，此后又更进一步。要和平统一大业的完成"
    b = formulation + "协议，该建议的待遇，促进祖国统一大业的完成"
    vocabulary = Vocabulary()
    streams = [tokenize(t, collection_normalizer(), vocabulary) for t in (a, b)]
    sides = [side_tokens(stream, (0, len(t))) for stream, t in zip(streams, (a, b), strict=True)]
    short_words = round(min(len(stream) for stream in streams) / CJK_CHARS_PER_WORD)
    assert short_words >= FORMULATION_WORDS
    use = [(0, len(formulation))]
    assert lists_its_pair(*sides, short_words, True, (), ())
    assert not lists_its_pair(*sides, short_words, True, use, use)
    # A sentence copied whole around the formulation is long enough without it.
    copied = "各地要把" + formulation + "的落实情况按时向上级组织报告并接受党员和群众的监督"
    side = side_tokens(tokenize(copied, collection_normalizer(), vocabulary), (0, len(copied)))
    at = [(4, 4 + len(formulation))]
    assert lists_its_pair(side, side, round(len(side) / CJK_CHARS_PER_WORD), True, at, at)


def _whole_passage(a: str, b: str) -> tuple[list[TokenStream], int, Vocabulary]:
    """The two sides of a passage that is the whole of `a` and of `b` (English), its words
    on its shorter side, and the vocabulary of their tokens."""
    vocabulary = Vocabulary()
    streams = [tokenize(t, collection_normalizer(), vocabulary) for t in (a, b)]
    sides = [side_tokens(stream, (0, len(t))) for stream, t in zip(streams, (a, b), strict=True)]
    return sides, min(len(stream) for stream in streams), vocabulary


EPHRAIM = ("All that were numbered of the camp of Ephraim were an hundred thousand and eight "
           "thousand and an hundred, throughout their armies.")
JOTHAM = ("And Jotham slept with his fathers, and they buried him in the city of David: "
          "and Ahaz his son reigned in his stead.")
FUND_REPORT = ("The fund rebuilt 70 schools in the hill counties, and over the winter it gave "
               "clean water to 310 villages and trained 53 doctors")


@pytest.mark.parametrize(("a", "b", "lists", "by_words"), [
    # Another count in the same frame: a name and the numbers differ, in runs of five words.
    (EPHRAIM, "All that were numbered in the camp of Judah were an hundred thousand and "
     "fourscore thousand and six thousand and four hundred, throughout their armies.",
     False, True),
    # The same count with as many words edited: a copy, which keeps its numbers.
    (EPHRAIM, "All that were counted of the host of Ephraim were an hundred thousand and "
     "eight thousand and an hundred, in all their armies.", True, True),
    # A copy that drops a number (and the words around it) keeps the rest.
    (EPHRAIM, "All that were numbered of the camp of Ephraim were an hundred thousand, "
     "throughout all their armies.", True, True),
    # A report retold: what it adds parts the runs the two share into pieces, neither a
    # copy alone, but it keeps the numbers, and with them what it reports.
    (FUND_REPORT, "The fund rebuilt 70 schools, paid for roads, bridges and a market hall in "
     "the poorest towns, brought clean water to 310 villages and also trained 53 doctors",
     True, False),
    # Another report in those words, with numbers of its own.
    (FUND_REPORT, "The fund rebuilt 40 schools, paid for roads, bridges and a market hall in "
     "the poorest towns, brought clean water to 210 villages and also trained 53 doctors",
     False, False),
    # Another king in the same frame: each names two the other does not, and the longest
    # run the two share is six words.
    (JOTHAM, "And Solomon slept with his fathers, and was buried in the city of David his "
     "father: and Rehoboam his son reigned in his stead.", False, True),
    # The same verse with as many words edited: a copy, which keeps its names.
    (JOTHAM, "And Jotham slept with his fathers, and was buried in the city of David his "
     "father: and Ahaz his son reigned in his stead.", True, True),
])
def test_the_numbers_and_names_a_short_passage_states_bear_on_whether_it_lists_its_pair(
        a: str, b: str, lists: bool, by_words: bool) -> None:
    sides, short_words, vocabulary = _whole_passage(a, b)
    figures = passage_figures(*sides, vocabulary.keys, a, b)
    assert lists_its_pair(*sides, short_words, False, (), (), figures=figures) is lists
    # Read by its words alone, without its numbers.
    assert lists_its_pair(*sides, short_words, False, (), ()) is by_words


OBADIAH_12 = ("thou shouldest not have looked on the day of thy brother in the day that he "
              "became a stranger; neither shouldest thou have")


@pytest.mark.parametrize(("other", "lists"), [
    # The next verse, on the same frame: runs of six and four words across what each says.
    ("thou shouldest not have looked on their affliction in the day of their calamity, nor "
     "have laid hands on their substance in the day of their calamity; neither shouldest "
     "thou have", False),
    # The verse copied with a word changed every few words.
    ("thou shouldest never have looked upon the day of thy brother in the hour that he "
     "became a stranger; nor shouldest thou have", True),
    # The verse copied with a clause of ten words put in: the piece after it is a copy alone.
    ("thou shouldest not have looked on the day of thy brother, as the men of Edom did when "
     "the city fell, in the day that he became a stranger; neither shouldest thou have", True),
])
def test_a_stretch_of_other_words_parts_a_short_passage_into_pieces_measured_alone(
        other: str, lists: bool) -> None:
    sides, short_words, _ = _whole_passage(OBADIAH_12, other)
    assert short_words >= FORMULATION_WORDS  # long enough by its length alone
    assert lists_its_pair(*sides, short_words, False, (), ()) is lists


def test_a_short_passage_lists_its_pair_only_with_an_unbroken_run_of_its_length() -> None:
    # Two datelines of one city align across their day; a sentence copied with words
    # inserted before its end keeps 14 characters unbroken.
    rng = random.Random(3)
    letters = [chr(c) for c in range(0x4E00, 0x9FA6)]

    def filler(k: int) -> str:
        return "".join(rng.choices(letters, k=k)) + "。"

    a = (filler(40) + "据新华社阿布扎比１月１３日讯记者施怀谷" + filler(30)
         + "后来管理所又陆续发现步长公司存在其他一些问题。" + filler(40))
    b = (filler(40) + "新华社阿布扎比１月８日讯记者李涛的" + filler(30)
         + "管理所按时陆续１３日发现步长公司存在其他一些问题。" + filler(40))
    vocabulary = Vocabulary()
    stream_a, stream_b = (tokenize(t, collection_normalizer(), vocabulary) for t in (a, b))
    listed = {}
    for phrase in compare(Document(a, "a"), Document(b, "b")).shared_phrases:
        tokens = min(int(np.searchsorted(s.ends, span[1], side="right")
                         - np.searchsorted(s.starts, span[0]))
                     for s, span in ((stream_a, phrase.a), (stream_b, phrase.b)))
        short_words = round(tokens / CJK_CHARS_PER_WORD)
        assert short_words >= MIN_PAIR_WORDS  # each would have listed the pair before
        listed[a[phrase.a[0]:phrase.a[1]]] = lists_its_pair(
            side_tokens(stream_a, phrase.a), side_tokens(stream_b, phrase.b), short_words,
            True, (), ())
    # The copy reaches back over the inserted words to its first matching ones (管理所, 陆续),
    # and takes in the full stop both texts end it with.
    assert listed == {"新华社阿布扎比１月１３日讯记者": False,
                      "管理所又陆续发现步长公司存在其他一些问题。": True}


JEREMIAH_42 = ("the word of the LORD unto Jeremiah, saying, Thus saith the LORD of hosts, "
               "the God of Israel")
JEREMIAH_24 = "the word of the LORD came unto me, saying, Thus saith the LORD, the God of Israel"


@pytest.mark.parametrize(("other", "copies_y", "formula"), [
    # The formula filled in its own way, inside a copy of another article: runs of five.
    (JEREMIAH_24, {7}, True),
    # ... inside a copy of the same article as the first side: a chain or a cluster.
    (JEREMIAH_24, {5, 7}, False),
    # ... inside no longer copy: a fragment quoted, whatever it shares.
    (JEREMIAH_24, set(), False),
    # The same words quoted: a run of the length that lists a pair.
    (JEREMIAH_42.replace("LORD", "Lord"), {7}, False),
])
def test_a_formula_two_copies_each_hold_is_no_copy_of_either(
        other: str, copies_y: set[int], formula: bool) -> None:
    sides, short_words, _ = _whole_passage(JEREMIAH_42, other)
    assert MIN_PAIR_WORDS <= short_words < FORMULATION_WORDS
    assert lists_its_pair(*sides, short_words, False, (), ())  # by itself, it would list
    assert formula_between_copies(*sides, False, {5}, copies_y) is formula


def test_a_passage_is_held_by_a_clearly_longer_copy_only_where_it_asked_for_one() -> None:
    # Stretches of one document: (start, end, long, the document on their other side).
    stretches = [(0, 400, True, 3), (90, 190, True, 4), (100, 180, True, 5)]
    assert copied_from((100, 180), stretches) == {3, 4, 5}
    # As long as the passage, or barely longer: the same passage seen from other pairs.
    assert copied_from((100, 180), stretches, longer=True) == {3}
