"""Formulations of a small collection written here: planted phrases are found whole, with
their variant, first appearance, timeline and occurrences; boilerplate and chance runs are
not."""

import random
import re
from collections import Counter
from collections.abc import Callable

import numpy as np
import pytest

from viewer.core.collection.candidate_scores import CandidateRows
from viewer.core.collection.edges import EdgeEvidence, quote_marks
from viewer.core.collection.evidence import unit_bits
from viewer.core.collection.formulations import (
    MIN_SCORE,
    Formulation,
    find_formulations,
    rank_groups,
)
from viewer.core.han_script import to_simplified
from viewer.core.normalize import shared_normalizer
from viewer.core.phrase_scorer import LEAD_SHARE
from viewer.core.phrases import breaks_after
from viewer.core.tokenize import Vocabulary, tokenize


def _words(count: int) -> list[str]:
    """Made-up words of two or three syllables (so no two articles share a run of them
    by chance)."""
    rng = random.Random(3)
    syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
    return sorted({"".join(rng.choices(syllables, k=rng.randint(2, 3))) for _ in range(count)})


WORDS = _words(3000)
FORM = "harmonious prosperity of quantum unity"
VARIANT = "harmonious prosperity of lasting quantum unity"
BOILERPLATE = "Editor in charge: Wang Lin"


def _collection(form: str = FORM, *variants: str, share: float = 0.4, since: int = 70,
                spoken: bool = True) -> tuple[list[str], list[str]]:
    """120 dated articles of random made-up words; `form` appears from article 30 on in about
    half of them (with `spoken`, also in a sentence of its own in a third of them),
    `variants` (VARIANT if none) from article `since` on, in place of the form `share` of
    the time; every article ends with a boilerplate line."""
    rng = random.Random(7)
    texts, dates = [], []
    for i in range(120):
        sentences = []
        for _ in range(12):
            words = rng.sample(WORDS, 9)
            if i >= 30 and rng.random() < 0.08:
                words.insert(4, rng.choice(variants or (VARIANT,))
                             if i >= since and rng.random() < share else form)
            sentences.append(" ".join(words).capitalize() + ".")
        if spoken and (i in (30, 75) or (i > 30 and i % 3 == 0)):
            sentences.insert(3, f"They spoke of {form} again.")
        texts.append(" ".join(sentences) + "\n\n" + BOILERPLATE + "\n")
        dates.append(f"2021-{1 + i // 10:02d}-{1 + i % 10:02d}")
    return texts, dates


def _find(texts: list[str], dates: list[str], excluded: list[list[tuple[int, int]]]):
    normalizer = shared_normalizer(language="en")
    vocabulary = Vocabulary()
    streams = [tokenize(t, normalizer, vocabulary) for t in texts]
    return find_formulations(texts, streams, vocabulary, dates, excluded, "en")


def test_a_planted_formulation_is_found_whole_with_its_variant_and_first_appearance():
    texts, dates = _collection()
    excluded = [[(t.index(BOILERPLATE), t.index(BOILERPLATE) + len(BOILERPLATE))]
                for t in texts]
    found = _find(texts, dates, excluded)
    assert [f.phrase for f in found] == [FORM]
    [formulation] = found
    assert formulation.variants == (VARIANT,)
    assert formulation.first == 30
    holding = [i for i, t in enumerate(texts) if FORM in t or VARIANT in t]
    assert [d for d, _ in formulation.occurrences] == holding
    assert formulation.documents == len(holding)
    spans = [(d, s, e) for d, ss in formulation.occurrences for s, e in ss]
    assert {texts[d][s:e] for d, s, e in spans} == {FORM, VARIANT}
    assert formulation.count == len(spans) == sum(t.count(FORM) + t.count(VARIANT)
                                                  for t in texts)
    assert sum(formulation.per_month.values()) == formulation.count
    assert min(formulation.per_month) == "2021-04"


def test_a_phrase_carried_by_one_distinctive_word_is_a_formulation_of_its_collection():
    # Two texts need two content words to tell a set phrase; a collection has its
    # documents and dates: "out of" + one coined word, from article 30 on in half of them.
    form = "out of zandrevity"
    texts, dates = _collection(form, share=0.0)
    excluded = [[(t.index(BOILERPLATE), t.index(BOILERPLATE) + len(BOILERPLATE))]
                for t in texts]
    [formulation] = _find(texts, dates, excluded)
    assert (formulation.phrase, formulation.variants, formulation.first) == (form, (), 30)
    assert formulation.documents == sum(1 for t in texts if form in t)


@pytest.mark.parametrize("after, listed", [(" ", False), (". ", True), (", ", True)],
                         ids=["word", "sentence-end", "comma"])
def test_a_phrase_ending_on_an_adjective_that_modifies_the_next_word_is_no_formulation(
        after: str, listed: bool) -> None:
    # "scientific and technological" straight before a different word in each use is a
    # piece of many phrases; ending its sentence or clause, an adjective completes its
    # phrase ("... kept safe and controllable.").
    form = "scientific and technological"
    texts, dates = _collection(form, share=0.0, spoken=False)
    texts = [re.sub(f"{form} ([a-z]+)", lambda m: f"{form}{after}{m[1]}", t) for t in texts]
    excluded = [[(t.index(BOILERPLATE), t.index(BOILERPLATE) + len(BOILERPLATE))]
                for t in texts]
    phrases = [item.phrase.casefold() for item in _find(texts, dates, excluded)]
    assert (form in phrases) is listed


@pytest.mark.parametrize("form, variant", [
    ("the free spirit of initiatives", "the national free spirit of initiatives"),
    # The article takes the form the word after it asks for: "an" is "a" there.
    ("an open spirit of initiatives", "a national open spirit of initiatives"),
])
def test_a_leading_determiner_stays_when_the_variant_puts_a_word_after_it(form, variant):
    # The determiner comes with the phrase every time, once with a word between: the phrase
    # keeps it, rather than losing it to the variant and being judged as a piece of a
    # context.
    texts, dates = _collection(form, variant)
    excluded = [[(t.index(BOILERPLATE), t.index(BOILERPLATE) + len(BOILERPLATE))]
                for t in texts]
    [formulation] = _find(texts, dates, excluded)
    assert (formulation.phrase, formulation.variants) == (form, (variant,))
    assert formulation.first == 30


def test_the_determiner_stays_when_variants_after_it_are_used_more_than_the_phrase():
    # Two variants together used more than twice as often as the phrase: without "the" the
    # phrase would be "free spirit of initiatives", always led by "the" or one of the
    # variants' words, a piece of a fixed context.
    form = "the free spirit of initiatives"
    variants = ("the national free spirit of initiatives", "the lasting free spirit of initiatives")
    texts, dates = _collection(form, *variants, share=0.8, since=50, spoken=False)
    excluded = [[(t.index(BOILERPLATE), t.index(BOILERPLATE) + len(BOILERPLATE))]
                for t in texts]
    used = Counter(p for t in texts for p in (form, *variants) for _ in range(t.count(p)))
    assert used[variants[0]] + used[variants[1]] > used[form]
    [formulation] = _find(texts, dates, excluded)
    assert (formulation.phrase, set(formulation.variants)) == (form, set(variants))
    assert formulation.first == 30


def test_excluded_text_gives_no_formulation():
    texts, dates = _collection()
    excluded = []
    for text in texts:
        spans, at = [], text.find("harmonious")
        while at >= 0:
            spans.append((at, text.index("unity", at) + len("unity")))
            at = text.find("harmonious", at + 1)
        excluded.append(spans)
    assert _find(texts, dates, excluded) == []


def test_a_line_in_every_article_stands_in_one_context_and_is_not_a_formulation():
    texts, dates = _collection()
    assert BOILERPLATE not in [f.phrase for f in _find(texts, dates, [[] for _ in texts])]


OPENERS = ("The", "In", "It", "This", "But", "We", "They", "A")
LINE = "The council will print its whole report on the public website before the summer ends."


@pytest.mark.parametrize("seed", [1, 5])
def test_a_sentence_standing_as_a_line_of_its_own_is_a_formulation(seed: int) -> None:
    # The word after such a line opens a paragraph: one of the few words sentences start
    # with. Weighed against all the text's words, that looked like a fixed context.
    rng = random.Random(seed)
    texts, dates = [], []
    for i in range(200):
        paragraphs = [" ".join(f"{rng.choice(OPENERS)} {' '.join(rng.sample(WORDS, 8))}."
                               for _ in range(4)) for _ in range(5)]
        if i >= 20 and rng.random() < 0.3:
            paragraphs.insert(rng.randint(1, len(paragraphs)), LINE)
        texts.append("\n\n".join(paragraphs) + "\n")
        dates.append(f"2021-{1 + i // 20:02d}-{1 + i % 20:02d}")
    found = _find(texts, dates, [[] for _ in texts])
    assert [(f.phrase, f.documents) for f in found] == [
        (LINE.rstrip("."), sum(LINE in text for text in texts))]
    assert found[0].first == next(i for i, text in enumerate(texts) if LINE in text)


def test_a_collection_without_recurring_phrases_has_no_formulations():
    assert _find(["One short text.", "Another one here."], ["", ""], [[], []]) == []
    assert _find([], [], []) == []


LOCAL = "velvet orchard keeper"


def _with_series() -> tuple[list[str], list[str], list[str]]:
    """The collection in four series; one of them, from article 40 on, also writes LOCAL
    in most of its articles, twice in some (as a formulation would be used, but by one
    outlet only)."""
    texts, dates = _collection()
    series = [f"s{i % 4}" for i in range(len(texts))]
    rng = random.Random(11)
    for i, text in enumerate(texts):
        if series[i] == "s0" and i >= 40 and rng.random() < 0.9:
            words = rng.sample(WORDS, 6)
            texts[i] = text.replace(". ", f". {' '.join(words[:3]).capitalize()} {LOCAL} "
                                          f"{' '.join(words[3:])}. ", 1 + i % 2)
    return texts, dates, series


def _find_in_series(texts: list[str], dates: list[str], series: list[str] | None):
    normalizer = shared_normalizer(language="en")
    vocabulary = Vocabulary()
    streams = [tokenize(t, normalizer, vocabulary) for t in texts]
    return find_formulations(texts, streams, vocabulary, dates, [[] for _ in texts], "en",
                             series=series)


def test_a_phrase_kept_within_one_series_is_not_a_formulation():
    texts, dates, series = _with_series()
    assert LOCAL in [f.phrase for f in _find_in_series(texts, dates, None)]
    phrases = [f.phrase for f in _find_in_series(texts, dates, series)]
    assert LOCAL not in phrases
    assert FORM in phrases


def _in_registers(alike: bool) -> tuple[list[str], list[str], list[str]]:
    """400 dated articles in eight series, of short sentences drawn from 60 words, so that
    many two-word phrases recur: all series draw from the same words (`alike`), or the
    first four from one set and the others from another (two registers). FORM is in six
    late articles of two series."""
    rng = random.Random(9)
    registers = [WORDS[:60], WORDS[:60] if alike else WORDS[60:120]]
    texts, dates, series = [], [], []
    for i in range(400):
        words = registers[i % 8 >= 4]
        sentences = [" ".join(rng.choices(words, k=8)).capitalize() + "." for _ in range(12)]
        if i >= 300 and i % 8 in (0, 1) and i % 16 < 8:
            sentences[5] = f"{' '.join(rng.choices(words, k=3)).capitalize()} {FORM}."
        texts.append(" ".join(sentences) + "\n")
        dates.append(f"{2020 + i // 200}-{1 + i // 17 % 12:02d}-{1 + i % 17:02d}")
        series.append(f"s{i % 8}")
    return texts, dates, series


@pytest.mark.parametrize("alike", [True, False])
def test_spread_across_series_counts_only_where_the_series_write_differently(alike: bool):
    # The ordinary phrases of series that write alike cover as many series as chance
    # would: a formulation found in two of eight is no less one. In two registers they
    # keep to their own series, and so does a phrase of one register: not listed,
    # though it would be were the series unknown.
    texts, dates, series = _in_registers(alike)
    assert FORM in [f.phrase for f in _find_in_series(texts, dates, None)]
    assert (FORM in [f.phrase for f in _find_in_series(texts, dates, series)]) is alike


def _planted(uses: dict[str, list[int]], count: int = 200,
             twice: str = "") -> tuple[list[str], list[str]]:
    """`count` dated articles of made-up words; each phrase of `uses` is written into
    each of the articles listed for it (in a sentence of its own words) as many times as
    listed, at most twice; `twice` twice."""
    rng = random.Random(5)
    texts, dates = [], []
    for i in range(count):
        sentences = [" ".join(rng.sample(WORDS, 9)).capitalize() + "."
                     for _ in range(max(10, 2 * len(uses) + 2))]
        for k, (phrase, articles) in enumerate(uses.items()):
            for at in range(2 if phrase == twice and i in articles
                            else min(2, articles.count(i))):
                words = rng.sample(WORDS, 6)
                sentences[1 + 2 * k + at] = (f"{' '.join(words[:3]).capitalize()} {phrase} "
                                             f"{' '.join(words[3:])}.")
        texts.append(" ".join(sentences) + "\n")
        dates.append(f"{2020 + i // 336}-{1 + i // 28 % 12:02d}-{1 + i % 28:02d}")
    return texts, dates


def test_two_popular_forms_used_together_far_beyond_chance_are_one_formulation() -> None:
    # 600 articles. "medieval rediscovery" in 40 of the first 300 and 80 of the rest;
    # "medieval mission" in 50 of the last 300. While both are in use, chance has them
    # meet in 13.3 articles: 25 is less than twice that, no clear sign on its own. Over
    # the whole collection chance gives 10, and 25 is far beyond doubt: writers who use
    # one form use the other beside it, one phrase written two ways. Meeting as chance
    # has them, the two are two phrases.
    early = list(range(0, 300, 7))[:40]
    late = list(range(300, 600, 3))[:80]

    def found(shared: int) -> list[tuple[str, tuple[str, ...]]]:
        mission = late[:shared] + [i for i in range(301, 600, 3)][:50 - shared]
        texts, dates = _planted({"medieval rediscovery": early + late,
                                 "medieval mission": mission}, count=600)
        return [(f.phrase, f.variants) for f in _find(texts, dates, [[] for _ in texts])]

    assert found(25) == [("medieval rediscovery", ("medieval mission",))]
    assert sorted(found(12)) == [("medieval mission", ()), ("medieval rediscovery", ())]


@pytest.mark.parametrize("one, other", [("and zandrevity", "and bolikora"),
                                         ("of the zandrevity", "of the bolikora")])
def test_phrases_that_share_only_function_words_are_never_one_formulation(one, other):
    # Always used in the same articles, far beyond chance, but what the two share is the
    # grammar of the language ("and sometimes", "and Harriet" in one novel's chapters):
    # not one phrase written two ways.
    articles = list(range(20, 200, 4))
    texts, dates = _planted({one: articles, other: articles})
    found = _find(texts, dates, [[] for _ in texts])
    assert not any({one, other} <= {f.phrase, *f.variants} for f in found)


def test_a_variant_ranked_above_its_older_form_still_joins_it() -> None:
    # 600 articles. "tidal efficiency" in 20 articles from article 100 on, "tidal unity"
    # in 40 from article 300 on, 5 of them beside it where chance gives 1.6 in that time.
    # The younger form is used more and ranks first, so it is the one met first when the
    # two are grouped. The older one, a formulation on its own evidence, is still its
    # form, and the formulation's first appearance is the older one's.
    efficiency = list(range(100, 600, 25))
    unity = ([e for e in efficiency if e >= 300][:5]
             + [i for i in range(301, 600, 8) if i not in efficiency][:35])
    texts, dates = _planted({"tidal efficiency": efficiency, "tidal unity": unity}, count=600)
    [found] = _find(texts, dates, [[] for _ in texts])
    assert (found.phrase, found.variants, found.first) == ("tidal unity",
                                                           ("tidal efficiency",), 100)

def test_a_formulation_translated_two_ways_is_one_entry():
    # 网络强国, rendered whole ("network power") and character by character ("strong
    # network country") by other translators: the forms share one word.
    texts, dates = _collection("network power", "strong network country")
    excluded = [[(t.index(BOILERPLATE), t.index(BOILERPLATE) + len(BOILERPLATE))]
                for t in texts]
    [formulation] = _find(texts, dates, excluded)
    assert (formulation.phrase, formulation.variants) == ("network power",
                                                          ("strong network country",))
    assert formulation.documents == sum(1 for t in texts if "network" in t)


def test_two_phrases_one_word_apart_used_independently_by_many_stay_two():
    # Each is used in a tenth to a fifth of the articles of its time, drawn independently:
    # they share what chance gives, far fewer than a variant and its formulation would.
    rng = random.Random(2)
    economy = sorted(rng.sample(range(40, 400), 60))
    space = sorted(rng.sample(range(200, 400), 40))
    texts, dates = _planted({"expanding new economy": economy, "expanding new space": space},
                            count=400, twice="expanding new economy")
    found = {f.phrase: f for f in _find(texts, dates, [[] for _ in texts])}
    assert set(found) == {"expanding new economy", "expanding new space"}
    assert found["expanding new economy"].variants == ()
    assert found["expanding new space"].first == space[0]


def test_forms_of_one_phrase_mixed_within_articles_that_use_it_twice_stay_one():
    # From article 30 on, three articles in five use the phrase, a third of them twice,
    # each time in one form or the other (the second from article 100 on, a third of the
    # time). An article using it once holds one form: the two meet only where it is used
    # twice, no more often than two phrases that common would by chance, and as often as
    # one phrase's forms do.
    form, variant = "expanding digital economy", "expanding digital market"
    rng = random.Random(4)
    uses: dict[str, list[int]] = {form: [], variant: []}
    for article in range(30, 400):
        if rng.random() < 0.6:
            for _ in range(rng.choice((1, 1, 2))):
                uses[variant if article >= 100 and rng.random() < 0.35 else form].append(article)
    texts, dates = _planted(uses, count=400)
    [formulation] = _find(texts, dates, [[] for _ in texts])
    assert (formulation.phrase, formulation.variants) == (form, (variant,))
    assert formulation.documents == len(set(uses[form]) | set(uses[variant]))


def test_two_names_used_together_in_one_story_are_two_phrases() -> None:
    # The chapters of one novel (articles 100 to 159 of 400) name its two colonels, each
    # in most chapters, together far beyond chance, as one phrase's two forms would be;
    # but a name in the place of another is another person, not the phrase written two
    # ways.
    rng = random.Random(8)
    chapters = range(100, 160)
    uses = {"Colonel Zandrevity": [c for c in chapters if rng.random() < 0.7],
            "Colonel Kolbera": [c for c in chapters if rng.random() < 0.5]}
    texts, dates = _planted(uses, count=400)
    found = {f.phrase: f for f in _find(texts, dates, [[] for _ in texts])}
    assert set(found) == set(uses)
    for phrase, formulation in found.items():
        assert formulation.variants == ()
        assert formulation.documents == len(uses[phrase])
        assert formulation.first == uses[phrase][0]


def test_a_rare_likeness_naming_another_person_is_not_a_variant() -> None:
    # "Colonel Mertova", in two chapters beside "Colonel Zandrevity", is too rare to recur
    # on its own; a likeness that rare joins its formulation where used beside it, but
    # not one that names someone else.
    rng = random.Random(8)
    chapters = [c for c in range(100, 160) if rng.random() < 0.7]
    texts, dates = _planted({"Colonel Zandrevity": chapters,
                             "Colonel Mertova": chapters[5:7]}, count=1000)
    [formulation] = _find(texts, dates, [[] for _ in texts])
    assert (formulation.phrase, formulation.variants) == ("Colonel Zandrevity", ())
    assert formulation.documents == len(chapters)


def test_two_phrases_one_word_apart_each_used_once_per_article_stay_two():
    # Drawn independently, used once in each article: they share the articles chance
    # gives, where one phrase, a form picked for each use, would mix its forms in fewer
    # (none of its articles uses it twice, and half of those using it twice hold one
    # form twice).
    rng = random.Random(6)
    economy = sorted(rng.sample(range(30, 400), 110))
    market = sorted(rng.sample(range(100, 400), 70))
    texts, dates = _planted({"expanding digital economy": economy,
                             "expanding digital market": market}, count=400)
    found = {f.phrase: f for f in _find(texts, dates, [[] for _ in texts])}
    assert set(found) == {"expanding digital economy", "expanding digital market"}
    assert found["expanding digital market"].first == market[0]


@pytest.mark.parametrize(("variant", "joins"), [
    # A modifier added inside: the variant still names all that the phrase names.
    ("expanding green digital economy", True),
    # A word swapped may name another thing: two phrases, by how they are used.
    ("expanding digital market", False),
])
def test_forms_used_twice_in_articles_of_their_own_are_one_phrase_when_one_adds_a_modifier(
        variant: str, joins: bool) -> None:
    # Drawn independently, each used twice in each of its articles: they share the
    # articles chance gives, where one phrase, a form picked for each use, would mix its
    # forms in far more.
    rng = random.Random(6)
    form = "expanding digital economy"
    economy = sorted(rng.sample(range(30, 400), 110))
    other = sorted(rng.sample(range(100, 400), 70))
    texts, dates = _planted({form: economy * 2, variant: other * 2}, count=400)
    found = {f.phrase: f for f in _find(texts, dates, [[] for _ in texts])}
    if joins:
        assert (set(found), found[form].variants) == ({form}, (variant,))
        assert found[form].documents == len(set(economy) | set(other))
    else:
        assert set(found) == {form, variant}


def test_a_variant_of_few_documents_joins_even_when_never_beside_its_formulation():
    # Two forms of 12 and 7 articles in 200 would share 0.4 articles by chance: that they
    # share none says nothing, so the later form is a variant, whatever its rank.
    form, variant = "marx became a leading figure", "marx became a leading great figure"
    texts, dates = _planted({form: list(range(30, 150, 10)),
                             variant: list(range(125, 195, 10))})
    [formulation] = _find(texts, dates, [[] for _ in texts])
    assert {formulation.phrase, *formulation.variants} == {form, variant}
    assert formulation.first == 30


def test_an_older_form_as_widely_used_joins_the_formulation_with_its_first_appearance():
    # The older form, in 17 articles from article 1 on, scores under the gate on its own
    # (no onset, used once in each article); the later one, twice in each of its 7
    # articles, is listed. The older is no rare likeness met before the formulation: it
    # is the formulation's first form, and the formulation first appears with it. (Seven
    # words: a long stretch would be listed on its own, `LONG_STRETCH_WORDS`.)
    old = "accelerating the common construction of civilization journey"
    new = "accelerating the sound construction of civilization journey"
    texts, dates = _planted({old: list(range(1, 200, 12)), new: list(range(110, 200, 14))},
                            twice=new)
    [formulation] = _find(texts, dates, [[] for _ in texts])
    assert {formulation.phrase, *formulation.variants} == {old, new}
    assert formulation.first == 1
    assert formulation.documents == sum(1 for t in texts if old in t or new in t)


def test_a_rare_variant_first_written_in_the_formulations_first_article_joins_it():
    # The writer who brings the formulation in writes it both ways there: that use is not
    # before the formulation, as a likeness in earlier articles would be.
    form, variant = "marx became a leading figure", "marx became a leading great figure"
    texts, dates = _planted({form: list(range(30, 150, 10)), variant: [30, 110]})
    [formulation] = _find(texts, dates, [[] for _ in texts])
    assert (formulation.phrase, formulation.variants) == (form, (variant,))
    assert formulation.first == 30


def test_an_earlier_form_clearly_used_beside_a_higher_ranked_one_is_its_variant():
    # "urban health" ranks first (used twice where used, with a clear onset), but "urban
    # revolution" came first and most articles with the one also hold the other.
    rng = random.Random(4)
    revolution = sorted(rng.sample(range(10, 400), 50))
    later = [d for d in revolution if d >= 200]
    health = sorted(later[:14] + rng.sample([d for d in range(200, 400) if d not in later], 6))
    texts, dates = _planted({"urban revolution": revolution, "urban health": health},
                            count=400, twice="urban health")
    [formulation] = _find(texts, dates, [[] for _ in texts])
    assert {formulation.phrase, *formulation.variants} == {"urban revolution", "urban health"}
    assert formulation.first == revolution[0]


def test_an_earlier_formulation_met_beside_a_later_one_only_as_chance_has_it_stays_apart():
    # "tidal efficiency" in 27 articles from article 50 on, two of them late; "tidal
    # unity" in 16 of the last 200, twice in each. Both are formulations on their own
    # evidence. One article holding both, where chance gives 0.16 in that time, is a
    # lift of six but comes one time in seven by chance: two formulations. Two articles
    # holding both come one time in a hundred: the writers use them as one phrase.
    efficiency = [*range(50, 700, 27), 850, 950]
    others = [i for i in range(801, 1000, 11) if i not in efficiency]

    def found(shared: int) -> list[tuple[str, tuple[str, ...], int]]:
        unity = [850, 950][:shared] + others[:16 - shared]
        texts, dates = _planted({"tidal efficiency": efficiency + efficiency[::3],
                                 "tidal unity": unity}, count=1000, twice="tidal unity")
        return sorted((f.phrase, f.variants, f.first)
                      for f in _find(texts, dates, [[] for _ in texts]))

    assert found(1) == [("tidal efficiency", (), 50), ("tidal unity", (), 801)]
    assert found(2) == [("tidal efficiency", ("tidal unity",), 50)]


def test_a_popular_formulations_variant_used_beside_it_twice_as_often_as_chance_joins():
    # "trade leadership" is in a fifth of the articles: a variant sharing one content word
    # cannot meet it 2.5 times as often as chance would; twice as often, far beyond what
    # chance gives, is enough.
    rng = random.Random(6)
    trade = sorted(rng.sample(range(20, 600), 116))
    since = [d for d in trade if d >= 150]
    coordination = sorted(rng.sample(since, 20)
                          + rng.sample([d for d in range(150, 600) if d not in trade], 25))
    expected = len(since) * len(coordination) / (600 - coordination[0])
    assert 2.0 * expected < 20 < 2.5 * expected
    texts, dates = _planted({"trade leadership": trade, "coordination leadership": coordination},
                            count=600, twice="trade leadership")
    [formulation] = _find(texts, dates, [[] for _ in texts])
    assert (formulation.phrase, formulation.variants) == ("trade leadership",
                                                          ("coordination leadership",))
    assert formulation.first == trade[0]


@pytest.mark.parametrize(("phrase", "uses"), [
    # Without "until" the rest would always stand after one same word: a piece of a
    # fixed context, not a phrase.
    ("until now the kingdom of heaven suffereth violence",
     {"until now the kingdom of heaven suffereth violence": list(range(50, 200, 7))}),
    # "ought not to have" leads every use but one, a chance run of the rest: the phrase
    # keeps them (trimmed, it would always follow "have").
    ("ought not to have sealed the harbour quorum",
     {"ought not to have sealed the harbour quorum": list(range(20, 200, 4)),
      "sealed the harbour quorum": [150]}),
    # One content word, which is used alone too: trimmed to it, the phrase would be no
    # phrase, but "for her zandrevity" is always led by "too", and so on.
    ("too for her zandrevity",
     {"too for her zandrevity": list(range(60, 200, 3)), "zandrevity": list(range(1, 200, 5))}),
], ids=["always", "all-but-once", "one-content-word"])
def test_function_words_a_phrase_comes_with_stay_in_a_collection(
        phrase: str, uses: dict[str, list[int]]) -> None:
    texts, dates = _planted(uses)
    [formulation] = _find(texts, dates, [[] for _ in texts])
    assert formulation.phrase == phrase
    assert formulation.first == uses[phrase][0]


def test_a_formulation_is_shown_as_most_of_its_uses_write_it():
    # Its first use writes it otherwise (capitals here; a possessive, "nation's road" once
    # beside "nation road" in seven articles, on a generated collection): the tokens are
    # one phrase, shown as the many write it, not as the first.
    form = "harmonious prosperity of quantum unity"
    texts, dates = _planted({form: list(range(20, 200, 4))})
    texts[20] = texts[20].replace(form, form.title())
    [formulation] = _find(texts, dates, [[] for _ in texts])
    assert formulation.first == 20
    assert formulation.phrase == form
    assert sum(form.title() in t for t in texts) == 1


def test_a_conjunction_leading_one_content_word_makes_no_phrase_of_it():
    # As "too for her zandrevity" is a phrase (above), "and zandrevity" would be one, but
    # "and" carries nothing of the word, only its link to what goes before ("and
    # sometimes" in a novel's chapters).
    texts, dates = _planted({"and zandrevity": list(range(60, 200, 3)),
                             "zandrevity": list(range(1, 200, 5))})
    assert _find(texts, dates, [[] for _ in texts]) == []


def test_function_words_the_rest_is_used_without_go_one_by_one():
    # "her zandrevity" is used without "for" as often as with it, and "zandrevity" alone
    # too: each leading word goes. One word is no phrase; kept with its leading words, the
    # stretch is a piece of a context ("her zandrevity", led by "for" half the time) or
    # too weak a phrase ("for her zandrevity", in a quarter of the articles, from the
    # tenth of them on).
    texts, dates = _planted({"for her zandrevity": list(range(20, 200, 4)),
                             "her zandrevity": list(range(22, 200, 4)),
                             "zandrevity": list(range(1, 200, 5))})
    assert _find(texts, dates, [[] for _ in texts]) == []


@pytest.mark.parametrize("phrase", ["until zandrevity", "same zandrevity"])
def test_function_words_leading_one_content_word_stay_though_the_word_is_used_alone(
        phrase: str) -> None:
    # "zandrevity" is used alone in one article in seven, and from article 60 on "until"
    # (or "same") leads it in one article in three: trimmed, the phrase would be one
    # word, no phrase; with its function word, it is a formulation coined at article 60.
    uses = {phrase: list(range(60, 200, 3)), "zandrevity": list(range(1, 200, 7))}
    texts, dates = _planted(uses)
    used = sum(t.count("zandrevity") for t in texts)
    assert sum(t.count(phrase) for t in texts) < LEAD_SHARE * used
    [formulation] = _find(texts, dates, [[] for _ in texts])
    assert (formulation.phrase, formulation.first) == (phrase, 60)
    assert formulation.documents == len(uses[phrase])


def test_a_determiner_leading_one_content_word_used_without_it_goes():
    # As above, but "the": the phrase is the word with its article, no set phrase; the
    # article would stay only if the word always had it.
    texts, dates = _planted({"the zandrevity": list(range(60, 200, 3)),
                             "zandrevity": list(range(1, 200, 7))})
    assert _find(texts, dates, [[] for _ in texts]) == []


def test_a_phrase_whose_uses_meet_in_articles_only_as_chance_puts_them_is_no_formulation():
    # "the zandrevity", 150 uses scattered at random over 400 articles: some articles
    # hold two, as chance puts them, which says nothing of writers adopting a phrase. The
    # same phrase written twice in each article that uses it recurs where it is used, as
    # a formulation does.
    rng = random.Random(11)
    scattered = sorted(rng.choices(range(400), k=150))
    texts, dates = _planted({"the zandrevity": scattered}, count=400)
    assert sum(t.count("the zandrevity") >= 2 for t in texts) >= 15
    assert _find(texts, dates, [[] for _ in texts]) == []
    twice = sorted(list(range(2, 400, 5)) * 2)
    texts, dates = _planted({"the zandrevity": twice}, count=400)
    [formulation] = _find(texts, dates, [[] for _ in texts])
    assert (formulation.phrase, formulation.documents, formulation.count) == (
        "the zandrevity", 80, 160)


@pytest.mark.parametrize("variant_articles, listed", [([150, 190], True), ([150], False)],
                         ids=["two-articles", "one-article-twice"])
def test_a_rare_variant_recurring_in_articles_of_its_own_brings_its_formulation_to_the_gate(
        variant_articles: list[int], listed: bool) -> None:
    # The formulation is in five articles, too few to be listed on its own; its variant,
    # a word swapped, in two more: seven articles use the phrase, and it is listed, the
    # variant with it. Used twice in one article, the variant is no such evidence.
    form, variant = FORM, "harmonious prosperity of lasting unity"
    texts, dates = _planted({form: list(range(120, 200, 16)), variant: variant_articles},
                            twice=variant)
    assert sum(t.count(variant) for t in texts) == 2 * len(variant_articles)
    found = _find(texts, dates, [[] for _ in texts])
    if not listed:
        assert found == []
        return
    [formulation] = found
    assert (formulation.phrase, formulation.variants) == (form, (variant,))
    assert (formulation.documents, formulation.first) == (7, 120)


FOUR_ARTICLES, SIX_ARTICLES = [79, 295, 623, 853], [79, 200, 295, 400, 623, 853]


@pytest.mark.parametrize(("form", "articles", "variant", "variant_articles", "listed"), [
    (FORM, FOUR_ARTICLES, "harmonious prosperity of lasting quantum unity", [225, 573, 853],
     True),
    (FORM, FOUR_ARTICLES, "harmonious prosperity of lasting quantum unity", [225, 573], False),
    (FORM, FOUR_ARTICLES, "harmonious prosperity of lasting unity", [225, 573, 853], False),
    ("quantum unity", SIX_ARTICLES, "quantum lasting unity", [225, 573, 853], False),
    ("quantum lasting unity", SIX_ARTICLES, "quantum unity", [225, 573, 853], False)],
    ids=["three-articles", "two-articles", "word-swapped", "two-words", "word-left-out"])
def test_a_likeness_recurring_on_its_own_brings_a_formulation_far_below_the_gate_to_it(
        form: str, articles: list[int], variant: str, variant_articles: list[int],
        listed: bool) -> None:
    # In 1,000 articles the formulation is in four, from an early one (79): far below the
    # gate on its own, further than a likeness or two met by chance may lift it. Its
    # variant, a word added, in three more articles recurs as a formulation must: six
    # articles use the phrase, and it is listed with its variant. In two more, the
    # variant is what chance may write beside any phrase. A word swapped may name another
    # thing, and a word put inside two (in six articles, as far below the gate) another
    # name, as one left out of three may leave: none is such evidence.
    texts, dates = _planted({form: articles, variant: variant_articles}, count=1000)
    found = [(f.phrase, f.variants, f.documents, f.first)
             for f in _find(texts, dates, [[] for _ in texts])]
    assert found == ([(form, (variant,), 6, 79)] if listed else [])


@pytest.mark.parametrize(("twice", "variant_articles", "listed"), [
    (True, [190], True), (True, [], False), (False, [190], False)],
    ids=["used-again-and-varied", "two-articles-alone", "once-in-each"])
def test_a_form_of_two_articles_used_again_is_a_formulation_when_its_variant_carries_it_on(
        twice: bool, variant_articles: list[int], listed: bool) -> None:
    # The formulation is written twice in each of two articles, its variant (a word
    # swapped) in a third: three articles use the phrase, as a formulation's must. Alone
    # in its two articles, it is a fragment they share; written once in each, it is what
    # a passage copied between two articles is.
    variant = "harmonious prosperity of lasting unity"
    texts, dates = _planted({FORM: [150, 170], variant: variant_articles},
                            twice=FORM if twice else "")
    assert sum(t.count(FORM) for t in texts) == (4 if twice else 2)
    found = [(f.phrase, f.variants, f.documents, f.first)
             for f in _find(texts, dates, [[] for _ in texts])]
    assert found == ([(FORM, (variant,), 3, 150)] if listed else [])


def test_a_phrase_of_last_months_meets_a_popular_one_by_chance_of_that_time():
    # "six openings" is in half the articles of the last quarter: "six powers", new
    # there, meets it in about half of its own by chance alone, not as its variant.
    rng = random.Random(6)
    openings = sorted(rng.sample(range(300, 400), 50))
    powers = sorted(rng.sample(range(340, 400), 10))
    texts, dates = _planted({"six openings": openings, "six powers": powers}, count=400)
    found = {f.phrase: f for f in _find(texts, dates, [[] for _ in texts])}
    assert set(found) == {"six openings", "six powers"}
    assert found["six powers"].first == powers[0]


def test_a_rare_likeness_sharing_one_content_word_joins_only_beside_the_formulation():
    # "curiosity and country" is in two articles, both with the formulation (used in one
    # article in 25); "curiosity and harvest" once, without it, and so is "curiosity and
    # curiosity" (which keeps one word, if twice).
    form = "curiosity and perplexity"
    uses = list(range(30, 400, 25))
    texts, dates = _planted({form: uses, "curiosity and country": uses[8:10],
                             "curiosity and harvest": [uses[9] + 1],
                             "curiosity and curiosity": [uses[5] + 1]}, count=400, twice=form)
    [formulation] = _find(texts, dates, [[] for _ in texts])
    assert (formulation.phrase, formulation.variants) == (form, ("curiosity and country",))
    assert (formulation.documents, formulation.count) == (len(uses), 2 * len(uses) + 2)


@pytest.mark.parametrize(("likeness", "joins"), [("curiosity and country", True),
                                                ("curiosity and Country", False)])
def test_a_rare_likeness_bringing_a_name_where_the_formulation_has_a_word_is_not_its_form(
        likeness: str, joins: bool) -> None:
    # In two articles that hold the formulation, "curiosity and country" is its variant.
    # "curiosity and Country", capitalized in mid-sentence, names something where the
    # formulation has a word of the language: another phrase ("Last Judgment" beside
    # "last night").
    form = "curiosity and perplexity"
    [formulation] = _with_likeness(form, likeness, EVERY_25TH[8:10])
    assert formulation.variants == ((likeness,) if joins else ())


#: Where `_with_likeness` writes its formulation: every 25th of 400 articles from 30 on.
EVERY_25TH = list(range(30, 400, 25))


def _with_likeness(form: str, likeness: str, articles: list[int]) -> list[Formulation]:
    """The formulations of 400 articles of made-up words, `form` written twice into each
    of `EVERY_25TH`, `likeness` once into each of `articles`."""
    texts, dates = _planted({form: EVERY_25TH, likeness: articles}, count=400, twice=form)
    return _find(texts, dates, [[] for _ in texts])


def test_a_rare_likeness_capitalized_only_where_it_opens_a_sentence_names_nothing() -> None:
    # "Harvest and perplexity" opens a sentence in two articles that hold the formulation:
    # its capital is the sentence's, and it is a variant as it would be written small.
    form, likeness = "curiosity and perplexity", "harvest and perplexity"
    uses = list(range(30, 400, 25))
    texts, dates = _planted({form: uses, likeness: uses[8:10]}, count=400, twice=form)
    texts = [re.sub(r"[A-Z]\w* \w+ \w+ " + likeness, likeness.capitalize(), text)
             for text in texts]
    assert sum(likeness.capitalize() in text for text in texts) == 2
    [formulation] = _find(texts, dates, [[] for _ in texts])
    assert (formulation.phrase, formulation.variants) == (form, (likeness.capitalize(),))


@pytest.mark.parametrize(("quoted", "late"), [(True, True), (False, True), (True, False)])
def test_a_rare_likeness_cited_whole_once_its_formulation_is_in_use_is_its_variant(
        quoted: bool, late: bool) -> None:
    # "curiosity and harvest", once, in an article without the formulation: as written
    # plainly, maybe another phrase. Cited whole between quotation marks, after the
    # formulation came up, it is held for a set phrase: a form of the formulation. Cited
    # before it, it is a phrase of its own.
    form, likeness = "curiosity and perplexity", "curiosity and harvest"
    uses = list(range(30, 400, 25))
    written = f"\u201c{likeness}\u201d" if quoted else likeness
    texts, dates = _planted({form: uses, written: [uses[9] + 1 if late else 20]}, count=400,
                            twice=form)
    [formulation] = _find(texts, dates, [[] for _ in texts])
    assert (formulation.phrase, formulation.variants) == (
        form, (likeness,) if quoted and late else ())


@pytest.mark.parametrize("likeness", ["harvest and country", "curiosity and harvest"])
def test_a_rare_likeness_of_a_variant_keeping_nothing_of_the_formulation_is_not_its_form(
        likeness: str) -> None:
    # "curiosity and country" is used beside "curiosity and perplexity" in ten of its 15
    # articles: one formulation. "harvest and country", in two of them, varies the
    # variant and keeps only the word the variant brought: another phrase (as 形象工程
    # is, of 希望工程 beside 希望小学). One keeping a word of the formulation
    # ("curiosity and harvest") is one of its forms.
    form, variant = "curiosity and perplexity", "curiosity and country"
    uses = list(range(30, 400, 25))
    texts, dates = _planted({form: uses, variant: uses[3:13], likeness: uses[6:8]},
                            count=400, twice=form)
    [formulation] = _find(texts, dates, [[] for _ in texts])
    kept = likeness.startswith("curiosity")
    assert (formulation.phrase, set(formulation.variants)) == (
        form, {variant} | ({likeness} if kept else set()))


def test_forms_chained_through_a_variant_keeping_nothing_of_the_best_form_stay_apart(
) -> None:
    # "curiosity and country" is a variant of "curiosity and perplexity", used beside it
    # in ten of its articles, and "harvest and country" one of "curiosity and country",
    # used beside it in the same ten: one word from it, but nothing kept of the
    # formulation ("mine eyes", "mine enemies", "thine enemies"). It is another phrase.
    form, variant, other = ("curiosity and perplexity", "curiosity and country",
                            "harvest and country")
    uses = list(range(30, 400, 25))
    texts, dates = _planted({form: uses, variant: uses[3:13], other: uses[3:13]},
                            count=400, twice=form)
    found = _find(texts, dates, [[] for _ in texts])
    assert (found[0].phrase, found[0].variants) == (form, (variant,))
    assert all(other not in (f.phrase, *f.variants) or form not in (f.phrase, *f.variants)
               for f in found)


def test_a_rare_form_varying_two_formulations_is_counted_in_one_of_them() -> None:
    # "curiosity and harvest", cited whole once after both came up, is one word from
    # "curiosity and perplexity" and one from "courage and harvest": a form of either.
    # Its use is counted once, with the formulation ranked first, not in both.
    first, second = "curiosity and perplexity", "courage and harvest"
    pivot = "curiosity and harvest"
    uses = list(range(30, 400, 25))
    others = [at for at in range(42, 400, 25) for _ in range(2)]
    texts, dates = _planted({first: uses, second: others, f"\u201c{pivot}\u201d": [390]},
                            count=400, twice=first)
    found = _find(texts, dates, [[] for _ in texts])
    assert {f.phrase for f in found} == {first, second}
    holding = [f for f in found if pivot in f.variants]
    assert len(holding) == 1
    assert holding[0] is found[0]
    for formulation in found:
        written = [texts[d][s:e] for d, spans in formulation.occurrences for s, e in spans]
        assert (pivot in written) == (formulation is holding[0])


@pytest.mark.parametrize(("likeness", "joins"), [("four harvests", False),
                                                ("five perplexities", True)])
def test_a_rare_form_keeping_only_the_number_of_its_formulation_is_another_phrase(
        likeness: str, joins: bool) -> None:
    # "four perplexities" in every 25th article; a likeness cited whole once, late.
    # Keeping "perplexities" and swapping the number, it is the formulation written
    # another way; keeping only "four", it counts other things: a number heads many set
    # phrases ("four consciousnesses", "four months"), each made by what it counts.
    form = "four perplexities"
    found = _with_likeness(form, f"\u201c{likeness}\u201d", [390])
    assert (found[0].phrase, found[0].variants) == (form, (likeness,) if joins else ())


def _made_up_articles(seed: int, place: Callable[[int, list[str]], None]
                      ) -> tuple[list[str], list[str]]:
    """200 articles of twelve sentences of nine random made-up words, 20 a month from
    January 2021, `place(i, sentences)` writing what article i holds into its sentences
    (see `_set_into`)."""
    rng = random.Random(seed)
    texts, dates = [], []
    for i in range(200):
        sentences = [" ".join(rng.sample(WORDS[:2000], 9)).capitalize() + "."
                     for _ in range(12)]
        place(i, sentences)
        texts.append(" ".join(sentences))
        dates.append(f"2021-{1 + i // 20:02d}-{1 + i % 20:02d}")
    return texts, dates


def _set_into(sentence: str, at: int, phrase: str) -> str:
    """`sentence` with `phrase` set in after its first `at` words."""
    words = sentence.rstrip(".").split()
    words.insert(at, phrase)
    return " ".join(words) + "."


@pytest.mark.parametrize("articles", [2, 1])
def test_a_rare_form_one_word_from_two_formulations_joins_them_when_it_recurs(
        articles: int) -> None:
    # "A Y B and D" adds a word to "A B and D", "A X and D" swaps one: each is two words
    # from the other, and both are formulations on their own (20 and 18 of 200
    # articles), never used together. "A B and D", in two articles, is too rare to be a
    # candidate; found beside one of them, it keeps three words of each: one phrase
    # written three ways, and one formulation. Used once, it may be met by chance, and
    # the two stay apart.
    a, b, x, y, d = WORDS[2500:2505]
    main, swapped, added = f"{a} {b} and {d}", f"{a} {x} and {d}", f"{a} {y} {b} and {d}"
    plan = ((range(20, 200, 9), swapped), (range(25, 200, 10), added),
            ((120, 160)[2 - articles:], main))

    def place(i: int, sentences: list[str]) -> None:
        for k, (picked, form) in enumerate(plan):
            if i in picked:
                sentences[3 + 2 * k] = _set_into(sentences[3 + 2 * k], 2 + i % 5, form)

    texts, dates = _made_up_articles(24, place)
    found = _find(texts, dates, [[] for _ in texts])
    if articles == 2:
        assert [(f.phrase, sorted(f.variants), f.documents) for f in found] == [
            (swapped, sorted([added, main]), 38)]
    else:
        assert [(f.phrase, f.variants) for f in found] == [(swapped, (main,)), (added, ())]


@pytest.mark.parametrize("articles", [2, 1])
def test_a_rare_likeness_of_a_variant_joins_when_it_recurs(articles: int) -> None:
    # "accelerating the higher common construction" adds a word to the variant "the
    # common construction" of "the sound construction": two changes from the formulation,
    # one from its variant. In two articles (too few to recur on its own) it is the
    # variant varied; in one, its own evidence is too thin.
    form = "accelerating the sound construction of the journey"
    variant = "accelerating the common construction of the journey"
    likeness = "accelerating the higher common construction of the journey"
    uses = list(range(30, 400, 20))
    texts, dates = _planted({form: uses, variant: [u + 7 for u in uses[4:]],
                             likeness: [u + 3 for u in uses[10:10 + articles]]}, count=400)
    [formulation] = _find(texts, dates, [[] for _ in texts])
    assert formulation.phrase == form
    assert set(formulation.variants) == {variant} | ({likeness} if articles > 1 else set())


@pytest.mark.parametrize("beside", [True, False])
def test_a_rare_likeness_leaving_a_word_out_joins_only_beside_the_formulation(
        beside: bool) -> None:
    # "provisional government" is "provisional city government" with a word left out:
    # most often the phrase the formulation was built of. In two articles that hold the
    # formulation (one in 25 does) it is its variant; in two of their own, not.
    form, shorter = "provisional city government", "provisional government"
    uses = list(range(30, 400, 25))
    texts, dates = _planted({form: uses, shorter: uses[8:10] if beside
                             else [uses[8] + 1, uses[9] + 1]}, count=400, twice=form)
    [formulation] = _find(texts, dates, [[] for _ in texts])
    assert (formulation.phrase, formulation.variants) == (form, (shorter,) if beside else ())


@pytest.mark.parametrize("alone", [False, True])
def test_a_rare_likeness_leaving_a_word_out_and_keeping_words_used_nowhere_else_joins(
        alone: bool) -> None:
    # "lasting harbour and port authority" leaves "quantum" out of the formulation, in
    # two articles of its own, and keeps "harbour and port authority", written nowhere
    # else: the formulation without its modifier. Written alone in three more articles,
    # it may be a phrase of the language the likeness was met with.
    form = "lasting quantum harbour and port authority"
    shorter = "lasting harbour and port authority"
    uses = list(range(30, 400, 25))
    planted = {form: uses, shorter: [uses[8] + 1, uses[9] + 1]}
    if alone:
        planted["harbour and port authority"] = [uses[2] + 3, uses[5] + 3, uses[11] + 3]
    texts, dates = _planted(planted, count=400, twice=form)
    [formulation] = _find(texts, dates, [[] for _ in texts])
    assert (formulation.phrase, formulation.variants) == (form, () if alone else (shorter,))


@pytest.mark.parametrize("elsewhere", [False, True])
def test_a_word_changed_at_an_end_is_a_variant_where_the_words_kept_are_no_phrase_alone(
        elsewhere: bool) -> None:
    # The two forms share one content word and meet in no article: "cohering by" is used
    # only in them, so "unity" fills the place of "attraction" in one formulation. Met
    # with other words in a few articles, "cohering by" may be a phrase of its own.
    form, variant = "cohering by attraction", "cohering by unity"
    uses = {form: list(range(30, 400, 12)), variant: list(range(181, 400, 30))}
    if elsewhere:
        uses |= {f"cohering by {word}": [article] for word, article
                 in zip(WORDS[-5:], range(52, 400, 70), strict=True)}
    texts, dates = _planted(uses, count=400)
    found = {f.phrase: f for f in _find(texts, dates, [[] for _ in texts])}
    assert found[form].variants == (() if elsewhere else (variant,))


def test_a_variant_whose_added_word_turns_a_into_an_is_one_word_apart():
    form, variant = ("building a fair market of balanced era",
                     "building an overall fair market of balanced era")
    texts, dates = _collection(form, variant)
    excluded = [[(t.index(BOILERPLATE), t.index(BOILERPLATE) + len(BOILERPLATE))]
                for t in texts]
    [formulation] = _find(texts, dates, excluded)
    assert (formulation.phrase, formulation.variants) == (form, (variant,))


def test_a_rare_variant_whose_added_word_turns_a_into_an_joins_its_formulation():
    # Written in two articles only, the variant is searched for in the text: the
    # article before the added word is read as the one word it is.
    form, variant = ("building a fair market of balanced era",
                     "building an overall fair market of balanced era")
    texts, dates = _planted({form: list(range(30, 150, 10)), variant: [75, 125]})
    [formulation] = _find(texts, dates, [[] for _ in texts])
    assert (formulation.phrase, formulation.variants) == (form, (variant,))
    assert formulation.documents == 14


@pytest.mark.parametrize(("since", "joins"), [(20, True), (100, False)])
def test_a_rare_likeness_of_the_form_the_best_one_varies_joins(since: int, joins: bool):
    # The form with a word added leads (13 articles from article 60 on); the shorter
    # form is in 10 articles from article `since` on. A likeness of the shorter form
    # written once joins when that form came first (the leading form is its variant,
    # it the formulation) and stays out when it is a later variant of the leading form.
    form = "the responsible tradition of the infrastructure"
    lead = "the responsible tradition of the strong infrastructure"
    likeness = "the mutual tradition of the infrastructure"
    texts, dates = _planted({form: list(range(since, since + 180, 18)),
                             lead: list(range(60, 200, 11)), likeness: [150]}, count=300)
    [formulation] = _find(texts, dates, [[] for _ in texts])
    assert formulation.phrase == lead
    assert (likeness in formulation.variants) is joins
    assert form in formulation.variants


def test_one_place_filled_by_many_words_is_a_template_not_a_formulation():
    # "mr nelson said" comes with "mr fawzi said", "mr gerber said" and six more names
    # used once or twice: a slot, not a formulation with variants.
    uses = {"mr nelson said": list(range(100, 200, 9)), "mr fawzi said": [103, 131, 162],
            "mr gerber said": [115, 147, 178]}
    for k, name in enumerate(["dewar", "peres", "baker", "foley", "hoon", "sutton"]):
        uses[f"mr {name} said"] = [120 + 11 * k, 125 + 11 * k]
    texts, dates = _planted(uses)
    found = _find(texts, dates, [[] for _ in texts])
    assert [f for f in found if len({f.phrase, *f.variants}) > 1] == []



def _random_articles(count: int, seed: int, planted: str,
                     place: Callable[[int, list[str]], None],
                     date: Callable[[int], str]) -> tuple[list[str], list[str]]:
    """`count` dated Chinese articles of ten sentences of random characters (none of
    `planted`, nor their traditional forms), `place(i, sentences)` writing what article i
    holds into its sentences."""
    rng = random.Random(seed)
    letters = [chr(c) for c in range(0x4E00, 0x9FA6) if to_simplified(chr(c)) not in planted]
    texts, dates = [], []
    for i in range(count):
        sentences = ["".join(rng.choices(letters, k=14)) for _ in range(10)]
        place(i, sentences)
        texts.append("。".join(sentences) + "。")
        dates.append(date(i))
    return texts, dates


def _two_years(per_year: int) -> Callable[[int], str]:
    """Dates for articles over two years, `per_year` a year, ten a month."""
    return lambda i: f"20{19 + i // per_year}-{1 + i % per_year // 10:02d}-{1 + i % 10:02d}"


def _find_chinese(texts: list[str], dates: list[str]) -> list[tuple[str, tuple[str, ...], int]]:
    vocabulary = Vocabulary()
    streams = [tokenize(t, shared_normalizer(language="zh"), vocabulary) for t in texts]
    found = find_formulations(texts, streams, vocabulary, dates, [[] for _ in texts], "zh")
    return [(f.phrase, f.variants, f.first) for f in found]


def _insert(sentence: str, at: int, phrase: str) -> str:
    return sentence[:at] + phrase + sentence[at:]


COINED, COMMON = "全省经济", "加强管理"


def test_a_phrase_of_common_words_coined_late_is_judged_over_its_time_of_use() -> None:
    # 240 articles. 全省 and 经济 stand apart in every other article throughout: over the
    # whole collection four times as often as together, but less than twice since
    # 全省经济 was coined (in two of every three articles from article 180). 加强 and 管理
    # stand apart in the others, and 加强管理, in use from the start as often as
    # 全省经济 in its time, stays a loose collocation.
    def place(i: int, sentences: list[str]) -> None:
        first, second = ("全省", "经济") if i % 2 == 0 else ("加强", "管理")
        sentences[1] = _insert(sentences[1], 5, first)
        sentences[2] = _insert(sentences[2], 7, second)
        if i >= 180 and i % 3:
            sentences[4] = _insert(sentences[4], 6, COINED)
        if i % 6 == 1:
            sentences[5] = _insert(sentences[5], 6, COMMON)

    texts, dates = _random_articles(240, 3, COINED + COMMON, place, _two_years(120))
    assert _find_chinese(texts, dates) == [(COINED, (), 181)]


def _placed(*rules: tuple[Callable[[int], bool], int, int, str]
            ) -> Callable[[int, list[str]], None]:
    """A `place` for `_random_articles`: each rule (which articles, sentence, offset,
    phrase) writes its phrase into that sentence of the articles it picks."""
    def place(i: int, sentences: list[str]) -> None:
        for picks, line, at, phrase in rules:
            if picks(i):
                sentences[line] = _insert(sentences[line], at, phrase)
    return place


PLAIN, SAID = "只有好处", "我们认为"


def test_a_phrase_of_words_too_common_to_carry_it_is_listed_when_coined_in_the_collection(
) -> None:
    # 只有好处 is all common characters (only 处 carries content, too little for a
    # candidate), but from article 120 on two of every three articles write it, and its
    # words never stand apart. 我们认为, as common, in use from the start, is not listed.
    place = _placed((lambda i: i >= 120 and i % 3 > 0, 3, 4, PLAIN),
                    (lambda i: i % 3 == 0, 6, 5, SAID))
    texts, dates = _random_articles(240, 5, PLAIN + SAID, place, _two_years(120))
    assert _find_chinese(texts, dates) == [(PLAIN, (), 121)]


BRACED, REQUIRED, QUAKE = "必要的抗震加固措施", "重要的抗震加固措施", "必要的防震加固措施"


@pytest.mark.parametrize("quoted", [True, False])
def test_a_kindred_variant_of_few_articles_is_lifted_by_its_quotation_marks(quoted: bool
                                                                         ) -> None:
    # 必要的防震加固措施 in three articles, the first before the formulation (every sixth
    # article from 60 on): too few for its words and documents to make it a variant's
    # candidate. Cited between quotation marks each time, it is one; written plainly, not.
    place = _placed((lambda i: i >= 60 and i % 6 == 0, 3, 4, BRACED),
                    (lambda i: i in (40, 90, 150), 5, 3, f"“{QUAKE}”" if quoted else QUAKE))
    texts, dates = _random_articles(240, 11, BRACED + QUAKE + "“”", place, _two_years(120))
    assert _find_chinese(texts, dates) == ([(BRACED, (QUAKE,), 40)] if quoted
                                           else [(BRACED, (), 60)])


def test_an_earlier_form_changing_a_kindred_word_of_a_form_kept_stays_in_the_group() -> None:
    # 必要的防震加固措施, from article 40, before the formulation 重要的抗震加固措施 (from
    # 60), is two words apart from it, but one kindred word apart from its variant
    # 必要的抗震加固措施 (from 93): the same phrase written another way.
    place = _placed((lambda i: i >= 60 and i % 6 == 0, 3, 4, REQUIRED),
                    (lambda i: i >= 90 and i % 6 == 3, 4, 4, BRACED),
                    (lambda i: i in (40, 100, 130, 160, 190, 220), 5, 3, QUAKE))
    texts, dates = _random_articles(240, 11, REQUIRED + BRACED + QUAKE, place,
                                    _two_years(120))
    assert _find_chinese(texts, dates) == [(REQUIRED, (BRACED, QUAKE), 40)]


SMOKING = "吸烟的日子"


@pytest.mark.parametrize(("likeness", "lifted"), [("吸烟的原子", True), ("吸烟的电脑", False)],
                         ids=["kindred-word", "other-word"])
def test_a_kindred_likeness_recurring_lifts_its_formulation_to_the_gate(likeness: str,
                                                                       lifted: bool) -> None:
    # 吸烟的日子, in four articles from 130 on, is near the gate on its own. 吸烟的原子
    # swaps its last word for a kindred one (日子, 原子) in three more, one beside it:
    # written as a common word apart, 原子 leaves the form too loose to be a candidate,
    # but it joins the formulation and is evidence of it, as a variant keeping more of
    # its words would be. 吸烟的电脑, keeping as much of it with an unrelated word, is
    # another phrase met beside it: no such evidence.
    place = _placed((lambda i: i in (130, 160, 190, 220), 3, 4, SMOKING),
                    (lambda i: i in (160, 200, 235), 5, 3, likeness),
                    (lambda i: i % 3 == 1, 7, 6, likeness[-2:]))
    texts, dates = _random_articles(240, 11, SMOKING + likeness, place, _two_years(120))
    assert _find_chinese(texts, dates) == ([(SMOKING, (likeness,), 130)] if lifted else [])


THRIVING, FLAIR = "香港的持续繁荣", "香港的持续气派"


@pytest.mark.parametrize("quoted", [True, False])
def test_a_rare_form_changing_its_last_word_is_a_variant_when_cited_whole(quoted: bool
                                                                          ) -> None:
    # 香港的持续气派, once, swaps the last word of 香港的持续繁荣 (every sixth article
    # from 60 on) for one of another stem: written plainly, likelier 香港的持续 followed by
    # another phrase. Cited whole between quotation marks, it is the formulation's form.
    place = _placed((lambda i: i >= 60 and i % 6 == 0, 3, 4, THRIVING),
                    (lambda i: i == 200, 5, 3, f"“{FLAIR}”" if quoted else FLAIR))
    texts, dates = _random_articles(240, 11, THRIVING + FLAIR + "“”", place, _two_years(120))
    assert _find_chinese(texts, dates) == [(THRIVING, (FLAIR,) if quoted else (), 60)]


SPRING_BUDS = "春蕾计划"


@pytest.mark.parametrize(("likeness", "joins"), [("减速计划", False), ("火炬计划", False),
                                                ("春雨计划", True)])
def test_a_rare_form_cited_whole_keeping_a_single_word_is_a_variant_only_if_kindred(
        likeness: str, joins: bool) -> None:
    # 春蕾计划 in every sixth article from 60 on; a likeness keeping 计划 alone, cited whole
    # once. Quotation marks make it a set phrase to its writers, and the language builds
    # many on one word: swapping 春蕾 for a word of another stem (减速; 火炬, which the
    # segmenter reads with 计划 as one word) it is another; for a kindred one (春雨), the
    # formulation written another way.
    place = _placed((lambda i: i >= 60 and i % 6 == 0, 3, 4, SPRING_BUDS),
                    (lambda i: i == 200, 5, 3, f"“{likeness}”"))
    texts, dates = _random_articles(240, 11, SPRING_BUDS + likeness + "“”", place,
                                    _two_years(120))
    assert _find_chinese(texts, dates) == [(SPRING_BUDS, (likeness,) if joins else (), 60)]


CORE = "以人民群众为核心的党中央"


def test_a_rare_form_ending_inside_a_word_is_no_variant() -> None:
    # 以人民群众为核心的党中央 in every sixth article from 60 on. Article 200 writes
    # 以人民群众为核心的党和国家的第三代: its first twelve letters are the formulation with
    # its last word swapped, read one way, but they end inside 党和国家, a word: a piece
    # of another phrase, not a form of this one.
    place = _placed((lambda i: i >= 60 and i % 6 == 0, 3, 4, CORE),
                    (lambda i: i == 200, 5, 3, "以人民群众为核心的党和国家的第三代"))
    texts, dates = _random_articles(240, 11, CORE + "和国家第三代", place, _two_years(120))
    assert _find_chinese(texts, dates) == [(CORE, (), 60)]


SEIZED, OBTAINED = "共缴获海洛因", "共获得海洛因"


def _walk(rng: random.Random, follow: dict[str, list[str]], length: int) -> list[str]:
    """`length` units of running text: each one of those `follow` lets come after the last."""
    unit = rng.choice(list(follow))
    run = [unit]
    for _ in range(length - 1):
        unit = rng.choice(follow[unit])
        run.append(unit)
    return run


def _chinese_running_text(seed: int, head: str, once: str, in_running_text: bool = False,
                          article: int = 52) -> tuple[list[str], list[str]]:
    """200 dated Chinese articles of running text: 300 characters, each followed by one
    of three, so the pairs of neighbouring characters recur as a language's words and
    collocations do; the first and last characters of `once` are among them, as common
    as a language's most common ones (each follows one in twenty). `head` is set into
    every fifth article, `once` into `article`: between characters that stand before and
    after its ends nowhere else, or (`in_running_text`) between ones that do."""
    rng = random.Random(seed)
    letters = [chr(c) for c in range(0x4E00, 0x9FA6)
               if chr(c) not in head + once and to_simplified(chr(c)) == chr(c)]
    chain = [*rng.sample(letters, 298), once[0], once[-1]]
    follow = {letter: rng.sample(chain, 3) for letter in chain}
    for common in (once[0], once[-1]):
        for letter in rng.sample(chain, 15):
            follow[letter][0] = common
    texts, dates = [], []
    for i in range(200):
        sentences = []
        for line in range(10):
            run = _walk(rng, follow, 14)
            if line == 3 and i % 5 == 0:
                run.insert(6, head)
            sentences.append("".join(run))
        texts.append("。".join(sentences) + "。")
        dates.append(f"2021-{1 + i // 20:02d}-{1 + i % 20:02d}")
    # The characters standing before `once[0]` and after `once[-1]` anywhere in the text.
    met = {text[at - 1] for text in texts for at in range(1, len(text)) if text[at] == once[0]}
    then = {text[at + 1] for text in texts for at in range(len(text) - 1)
            if text[at] == once[-1]}
    left = sorted(set(chain) & met if in_running_text else set(chain) - met)
    right = sorted(set(chain) & then if in_running_text else set(chain) - then)
    sentences = texts[article].split("。")
    sentences[8] = sentences[8][:5] + rng.choice(left) + once + rng.choice(right)
    texts[article] = "。".join(sentences)
    return texts, dates


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("in_running_text", [False, True])
def test_a_kindred_word_swapped_inside_once_is_a_variant_where_it_is_set_in_as_a_unit(
        seed: int, in_running_text: bool) -> None:
    # 共获得海洛因 swaps the middle word of 共缴获海洛因 (every fifth article) for a
    # kindred one (缴获, 获得), once, in an article without it. Set into its sentence as
    # a unit, with whatever happened to stand there before and after it, it is the
    # formulation written another way. Between characters that the running text has
    # before 共 and after 因 elsewhere, it reads as running text that happens to hold it.
    texts, dates = _chinese_running_text(seed, SEIZED, OBTAINED, in_running_text)
    assert _find_chinese(texts, dates) == [
        (SEIZED, () if in_running_text else (OBTAINED,), 0)]


AIRLIFT, RELIEF = "空运援救", "空运救助"


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize(("article", "joins"), [(50, True), (52, False)],
                         ids=["beside", "apart"])
def test_a_kindred_word_swapped_at_an_end_once_is_a_variant_set_in_beside_the_formulation(
        seed: int, article: int, joins: bool) -> None:
    # 空运救助 swaps the last word of 空运援救 (every fifth article) for a kindred one
    # (援救, 救助), once, set into its sentence as a unit. Keeping a single word, it may
    # be another phrase (空运 and what follows): written in an article that uses the
    # formulation, it is the writer varying it; in one that does not, it stays out.
    texts, dates = _chinese_running_text(seed, AIRLIFT, RELIEF, article=article)
    assert _find_chinese(texts, dates) == [(AIRLIFT, (RELIEF,) if joins else (), 0)]


@pytest.mark.parametrize(("formulation", "earlier", "from_article", "joins"), [
    # 扫除青壮年文盲, a phrase of the language one word apart, in five articles from
    # article 10 on, three of them beside the formulation: not enough to make it a variant,
    # which would give the formulation a first appearance 50 articles too early.
    ("扫除剩余文盲", "扫除青壮年文盲", 10, False),
    # A word changed for one of the same morpheme (商谈 for 会谈), never beside the
    # formulation: the same phrase written two ways, first written the other way.
    ("两岸事务性会谈未取得预期", "两岸事务性商谈未取得预期", 12, True),
    # The last word changed for one of another stem, never beside the formulation, but
    # the words the two keep (医院及技术) are written nowhere else: no phrase of their own
    # met in another context, so one phrase whose last word is written two ways.
    ("医院及技术咨询", "医院及技术排污", 12, True),
])
def test_a_form_in_use_before_the_formulation_is_its_variant_only_if_shown_one(
        formulation: str, earlier: str, from_article: int, joins: bool) -> None:
    # The formulation from article 60 on, in two of every three articles; the earlier
    # form in every thirtieth article from `from_article` on.
    def place(i: int, sentences: list[str]) -> None:
        if i >= 60 and i % 3:
            sentences[3] = _insert(sentences[3], 6, formulation)
        if i % 30 == from_article:
            sentences[6] = _insert(sentences[6], 4, earlier)

    texts, dates = _random_articles(150, 11, formulation + earlier, place,
                                    lambda i: f"2021-{1 + i // 25:02d}-{1 + i % 25:02d}")
    expected = (formulation, (earlier,), from_article) if joins else (formulation, (), 61)
    assert _find_chinese(texts, dates) == [expected]


APPEAL, COHESION = "强大的感召力", "强大的凝聚力"


@pytest.mark.parametrize(("older", "joins"), [
    # In eight articles from article 5 on, more than the formulation: its older form.
    (lambda i: i % 30 == 5, True),
    # In three: a phrase of the language met once beside it.
    (lambda i: i in (5, 65, 125), False),
])
def test_an_older_kindred_form_as_widely_used_joins_a_formulation_cited_whole(
        older: Callable[[int], bool], joins: bool) -> None:
    # 强大的感召力 cited whole in every twentieth article from 120 on, and in article 125;
    # 强大的凝聚力, whose pieces 强大的 and 的凝聚力 stand apart in every article (too loose
    # to be a candidate of its own), swaps its last word for one of the same morpheme
    # (感召力, 凝聚力) and shares article 125 with it.
    place = _placed((lambda i: True, 7, 3, "的凝聚力"), (lambda i: True, 8, 5, "强大的"),
                    (lambda i: i >= 120 and i % 20 == 0, 3, 4, f"“{APPEAL}”"),
                    (lambda i: i == 125, 3, 4, APPEAL), (older, 5, 6, COHESION))
    texts, dates = _random_articles(240, 13, APPEAL + COHESION + "“”", place,
                                    _two_years(120))
    assert _find_chinese(texts, dates) == ([(APPEAL, (COHESION,), 5)] if joins
                                           else [(APPEAL, (), 120)])


@pytest.mark.parametrize(("quoted", "joins"), [((5,), True), ((), False)],
                         ids=["cited", "not cited"])
def test_an_older_kindred_form_in_three_articles_joins_a_formulation_if_cited_whole(
        quoted: tuple[int, ...], joins: bool) -> None:
    # As above, 强大的凝聚力 in three articles (5, 65, 95), fewer than the formulation and
    # none beside it, followed by 的 in two: too little to be a candidate of its own.
    # Cited whole between quotation marks in one, as chance cites hardly any stretch, it
    # is a set phrase to its writers, in use before 强大的感召力: the older form, which
    # gives the formulation its first appearance. Not cited, it may be a phrase of the
    # language.
    place = _placed((lambda i: True, 7, 3, "的凝聚力"), (lambda i: True, 8, 5, "强大的"),
                    (lambda i: i >= 120 and i % 20 == 0, 3, 4, f"“{APPEAL}”"),
                    (lambda i: i == 125, 3, 4, APPEAL),
                    (lambda i: i in (5, 65, 95) and i not in quoted, 5, 6, COHESION + "的"),
                    (lambda i: i in quoted, 5, 6, f"“{COHESION}”"))
    texts, dates = _random_articles(240, 13, APPEAL + COHESION + "“”", place,
                                    _two_years(120))
    assert _find_chinese(texts, dates) == ([(APPEAL, (COHESION,), 5)] if joins
                                           else [(APPEAL, (), 120)])


TACTIC = "优化游动战术"


def test_a_formulation_always_written_after_an_adverb_is_listed_without_it() -> None:
    # 再优化游动战术 from article 60 on, in two of every three articles: every use of
    # 优化游动战术 has 再 before it, so the longest stretch that recurs opens on an adverb,
    # where no phrase opens. The formulation is the stretch without it.
    def place(i: int, sentences: list[str]) -> None:
        if i >= 60 and i % 3:
            sentences[3] = _insert(sentences[3], 6, "再" + TACTIC)

    texts, dates = _random_articles(150, 5, "再" + TACTIC, place,
                                    lambda i: f"2021-{1 + i // 25:02d}-{1 + i % 25:02d}")
    assert _find_chinese(texts, dates) == [(TACTIC, (), 61)]


CENTRE = "再就业服务中心"


def test_a_function_word_the_collection_uses_as_part_of_a_word_stays_with_it() -> None:
    # 再就业服务中心 (re-employment service centre) from article 60 on, in two of every
    # three articles. The segmenter reads 再 | 就业, an adverb where no phrase opens, but
    # the collection writes 再就业 in other contexts too (再就业工程, 再就业率): there it
    # is one word, and the formulation is the whole name, not 就业服务中心.
    tails = ["工程", "率", "补贴", "培训", "政策"]

    def place(i: int, sentences: list[str]) -> None:
        if i >= 60 and i % 3:
            sentences[3] = _insert(sentences[3], 6, CENTRE)
        if i % 4 == 1:
            sentences[6] = _insert(sentences[6], 4, "再就业" + tails[i % 5])

    texts, dates = _random_articles(150, 5, CENTRE + "".join(tails), place,
                                    lambda i: f"2021-{1 + i // 25:02d}-{1 + i % 25:02d}")
    assert _find_chinese(texts, dates) == [(CENTRE, (), 61)]


@pytest.mark.parametrize("phrase", ["当上村干部", "当上班主任"])
@pytest.mark.parametrize("seed", [5, 6])
def test_a_function_word_that_opens_a_word_of_the_dictionary_stays_with_it(
        phrase: str, seed: int) -> None:
    # 当上 (to become) opens the phrase, from article 60 on, in two of every three
    # articles. The segmenter reads 当 | 上 | 村干部 (the letters after 上 pull it away),
    # and 当 alone is a function word, where no phrase opens; but 当上 is a word of its
    # dictionary, so 当 is a piece of a word and the formulation is the whole phrase.
    def place(i: int, sentences: list[str]) -> None:
        if i >= 60 and i % 3:
            sentences[3] = _insert(sentences[3], 6, phrase)

    texts, dates = _random_articles(150, seed, phrase, place,
                                    lambda i: f"2021-{1 + i // 25:02d}-{1 + i % 25:02d}")
    assert _find_chinese(texts, dates) == [(phrase, (), 61)]


NOTICE = "本报将在官方网站上全文公布调查组的最终调查结论。"
EDITORS = ("责任编辑：王杰", "责任编辑：李强", "责任编辑：张凯", "责任编辑：刘涛")


@pytest.mark.parametrize("seed", [1, 2])
def test_a_line_set_after_a_series_header_is_a_formulation(seed: int) -> None:
    # A notice as a line of its own, in three of ten articles from article 20 on, right
    # below the header line each series opens with (boilerplate, left out). The header's
    # last letters (杰, 强, 凯, 涛) are no context of the notice: read as its neighbours,
    # four letters before hundreds of uses looked like a fixed context.
    rng = random.Random(seed)
    body, dates = _random_articles(200, seed, NOTICE + "".join(EDITORS), lambda i, s: None,
                                   lambda i: f"2021-{1 + i // 20:02d}-{1 + i % 20:02d}")
    texts = []
    for i, text in enumerate(body):
        notice = NOTICE + "\n" if i >= 20 and rng.random() < 0.3 else ""
        texts.append(f"{EDITORS[i % 4]}\n{notice}{text}")
    excluded = [[(0, len(EDITORS[i % 4]))] for i in range(len(texts))]
    vocabulary = Vocabulary()
    streams = [tokenize(t, shared_normalizer(language="zh"), vocabulary) for t in texts]
    found = find_formulations(texts, streams, vocabulary, dates, excluded, "zh")
    holding = [i for i, text in enumerate(texts) if NOTICE in text]
    assert [(f.phrase, f.documents, f.first) for f in found] == [
        (NOTICE.rstrip("。"), len(holding), holding[0])]


RESERVE, PYRAMID, TOWERS = "银行准备金", "银行金字塔", "银行大楼群"


def _every_fifth_and(head: str, others: dict[str, set[int]], seed: int, *,
                     since: int = 0) -> list[tuple[str, tuple[str, ...], int]]:
    """The formulations of 200 articles of random characters: `head` in every fifth from
    article `since` on, each of `others` in the articles given."""
    def place(i: int, sentences: list[str]) -> None:
        if i % 5 == 0 and i >= since:
            sentences[3] = _insert(sentences[3], 6, head)
        for phrase, articles in others.items():
            if i in articles:
                sentences[8] = _insert(sentences[8], 5, phrase)

    texts, dates = _random_articles(200, seed, head + "".join(others), place,
                                    lambda i: f"2021-{1 + i // 20:02d}-{1 + i % 20:02d}")
    return _find_chinese(texts, dates)


@pytest.mark.parametrize("seed", [1, 2])
def test_a_two_word_formulation_with_its_longer_word_swapped_is_one_entry(seed: int) -> None:
    # 银行金字塔 keeps two of the five characters of 银行准备金 (one whole word of two,
    # swapped for one sharing 金 with it), in 20 articles, ten of them beside it (four
    # would by chance): one formulation, not two. A word of another stem swapped at the
    # end (银行大楼群) may make another phrase: as often beside it, not far beyond
    # chance, it stays one of its own.
    beside = set(range(10, 200, 10)) | set(range(3, 200, 20))
    assert _every_fifth_and(RESERVE, {PYRAMID: beside}, seed) == [(RESERVE, (PYRAMID,), 0)]
    assert _every_fifth_and(RESERVE, {TOWERS: beside}, seed) == [(RESERVE, (), 0),
                                                                 (TOWERS, (), 3)]


ENCOURAGED, WITH_ADVERB = "国家鼓励单位", "国家积极鼓励单位"


@pytest.mark.parametrize("seed", [1, 2])
def test_a_word_written_twice_before_a_variant_is_not_another_variant(seed: int) -> None:
    # 国家鼓励单位 in every fifth article, 国家积极鼓励单位 (an adverb added) in five
    # others, and twice with 国家 written twice (某些国家国家积极鼓励单位). 国家国家积极鼓励单位
    # differs from the formulation by one stretch too, but its uses are uses of the
    # variant in a context, not a third form.
    others = {WITH_ADVERB: {41, 76, 111, 151, 186}, "国家" + WITH_ADVERB: {121, 161}}
    assert _every_fifth_and(ENCOURAGED, others, seed) == [(ENCOURAGED, (WITH_ADVERB,), 0)]


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize(("form", "shorter"), [
    ("学校有着传统教育", "学校教育"),  # words left out
    ("农村基层干部队伍建设", "农村基层组织建设"),  # a word swapped for a shorter one
])
def test_a_shorter_rare_likeness_is_a_variant_only_used_beside_the_formulation(
        form: str, shorter: str, seed: int) -> None:
    # The shorter a likeness, the likelier it is a phrase of the language met by chance
    # (学校教育, the phrase 学校有着传统教育 was built of). In two articles of their own
    # it is that phrase; in four, three of them beside the formulation (0.8 would by
    # chance), a variant.
    assert _every_fifth_and(form, {shorter: {37, 121}}, seed) == [(form, (), 0)]
    assert _every_fifth_and(form, {shorter: {35, 120, 150, 163}}, seed) == [
        (form, (shorter,), 0)]


HOIST, HOIST_PLAIN = "拉线不断作起重牵引", "拉线作起重牵引"


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("alone", [False, True])
def test_a_shorter_likeness_keeping_words_written_nowhere_else_is_the_formulation(
        alone: bool, seed: int) -> None:
    # 拉线作起重牵引 (two articles, never beside the formulation, the first before it) is
    # 拉线不断作起重牵引 with the adverb left out, and keeps 作起重牵引, which is written
    # nowhere else: the formulation's own words, not a phrase met by chance, so its
    # first use is the formulation's first appearance. Written alone in three more
    # articles, 作起重牵引 may be a phrase of the language that the likeness uses.
    others = {HOIST_PLAIN: {1, 121}}
    if alone:
        others["作起重牵引"] = {12, 58, 104}
    expected = (HOIST, (), 5) if alone else (HOIST, (HOIST_PLAIN,), 1)
    assert _every_fifth_and(HOIST, others, seed, since=5) == [expected]
    if not alone:
        # Another rare form (one article) writes 作起重牵引 too: weighed first, though used
        # less, it is among the forms the shorter one's words are checked against.
        further = "拉线进一步作起重牵引"
        assert _every_fifth_and(HOIST, {**others, further: {77}}, seed, since=5) == [
            (HOIST, (further, HOIST_PLAIN), 1)]
        # Two words kept may be a term the collection writes in one phrase only
        # (特级大师): 女子特级大师 is another title, met before the formulation.
        assert _every_fifth_and("女子国际特级大师", {"女子特级大师": {1, 121}}, seed,
                                since=5) == [("女子国际特级大师", (), 5)]


PORT, PORT_GOODS, WHARF = "港口装卸效率", "港口货物装卸效率", "码头装卸效率"


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("alone", [False, True])
def test_a_word_of_another_stem_at_the_start_is_a_variant_where_the_rest_is_no_phrase_alone(
        alone: bool, seed: int) -> None:
    # 码头装卸效率 (five articles, never beside the formulation) swaps 港口 for a word of
    # another stem at the start. 装卸效率 is used only in the three forms, more often than
    # in the two: it is no phrase of its own, so 码头 fills the place of 港口. Used alone in
    # three more articles, it may be a phrase that 码头 is a context of.
    others = {PORT_GOODS: {31, 66, 92, 133, 171}, WHARF: {43, 87, 118, 142, 176}}
    if alone:
        others["装卸效率"] = {12, 58, 104}
    variants = (PORT_GOODS,) if alone else (WHARF, PORT_GOODS)
    assert _every_fifth_and(PORT, others, seed) == [(PORT, variants, 0)]


ORDER = "社会治安问题"


@pytest.mark.parametrize("seed", [1, 2])
def test_three_rare_words_in_the_place_of_one_fill_a_templates_slot(seed: int) -> None:
    # 社会发展问题, 社会就业问题 and 社会稳定问题, two articles each: three words in the
    # place of 治安, as many as a formulation has variants at most, are the slot of a
    # template (社会…问题), not variants. Two are variants. A kindred word (治理 for
    # 治安, sharing 治) is a variant wherever it stands.
    slot = {"社会发展问题": {41, 97}, "社会就业问题": {66, 133}}
    assert _every_fifth_and(ORDER, slot, seed) == [(ORDER, tuple(slot), 0)]
    assert _every_fifth_and(ORDER, {**slot, "社会稳定问题": {88, 171}}, seed) == [(ORDER, (), 0)]
    assert _every_fifth_and(ORDER, {**slot, "社会治理问题": {88, 171}}, seed) == [
        (ORDER, ("社会治理问题",), 0)]
    # The slot says nothing of the formulation's other words: a rare swap of one of them
    # (社区 for 社会) stays beside it.
    filled = {**slot, "社会稳定问题": {88, 171}}
    assert _every_fifth_and(ORDER, {**filled, "社区治安问题": {52, 150}}, seed) == [
        (ORDER, ("社区治安问题",), 0)]


RELATIONS = "中日关系的发展"


@pytest.mark.parametrize("seed", [1, 2])
def test_kindred_fillers_of_a_slot_go_before_the_variants_of_other_words(seed: int) -> None:
    # Six words in the place of 中日, two articles each, fill a template's slot; three of
    # them share 中 with it (中美, 中俄, 中法), kindred words that would stay. With them
    # the formulation would have more rare forms than variants (MAX_VARIANTS), all of which
    # would go; one character alike is common among a slot's fillers, so they go first,
    # and 中日关系的进展 (发展 swapped for a kindred word) stays.
    slot = {f"{word}关系的发展": {20 + 31 * k, 27 + 31 * k}
            for k, word in enumerate(("中美", "中俄", "中法", "两岸", "美俄", "双边"))}
    progress = {"中日关系的进展": {52, 153}}
    assert _every_fifth_and(RELATIONS, {**slot, **progress}, seed) == [
        (RELATIONS, ("中日关系的进展",), 0)]


OBSERVED, FORECAST, FORECAST_ADDED = "观测分为熊", "预测分为熊", "预测切实分为熊"


@pytest.mark.parametrize("seed", [1, 2])
def test_a_rare_form_of_one_variant_is_weighed_before_its_piece_that_likens_another(
        seed: int) -> None:
    # 400 articles: 观测分为熊 in every twentieth, its variant 预测分为熊 (a kindred word) in
    # five others, and 预测切实分为熊 (预测分为熊 with 切实 added) in three of the first
    # ones. Its piece 切实分为熊 is 观测分为熊 with its first word swapped, used as often
    # and beside it: weighed first, it took those uses, and the form written went missing.
    def place(i: int, sentences: list[str]) -> None:
        if i % 20 == 0:
            sentences[3] = _insert(sentences[3], 6, OBSERVED)
        if i in {7, 51, 131, 182, 262}:
            sentences[8] = _insert(sentences[8], 5, FORECAST)
        if i in {120, 240, 300}:
            sentences[6] = _insert(sentences[6], 4, FORECAST_ADDED)

    texts, dates = _random_articles(400, seed, OBSERVED + FORECAST_ADDED, place,
                                    _two_years(200))
    assert _find_chinese(texts, dates) == [(OBSERVED, (FORECAST, FORECAST_ADDED), 0)]


COMMITTEE = " ".join(WORDS[2000:2009])


def test_a_long_phrase_standing_mostly_after_a_few_set_words_is_a_formulation():
    # A nine-word phrase in 60 of 200 articles, three uses in four after one of three
    # set words ("under", "for", "to" it), the others set freely into sentences.
    # Weighed over its 60 uses the words before it are few, as those before a piece of a
    # longer stretch would be; but chance does not repeat nine words, and 18 different
    # neighbours are more than a few uses drawn at random would give. It is listed whole,
    # from its first article.
    rng = random.Random(11)
    texts, dates = [], []
    users = sorted(rng.sample(range(40, 200), 60))
    for i in range(200):
        sentences = [rng.sample(WORDS[:2000], 9) for _ in range(12)]
        if i in users:
            use = users.index(i)
            if use % 4 == 3:
                sentences[5].insert(rng.randint(1, 8), COMMITTEE)
            else:
                sentences[5][4:4] = [("under", "for", "to")[use % 4], COMMITTEE]
        texts.append(" ".join(" ".join(words).capitalize() + "." for words in sentences))
        dates.append(f"2021-{1 + i // 20:02d}-{1 + i % 20:02d}")
    found = _find(texts, dates, [[] for _ in texts])
    assert [(f.phrase, f.first) for f in found] == [(COMMITTEE, users[0])]


PATTERN = "以科学发展观为统领的工作格局"


def test_a_long_chinese_phrase_standing_mostly_after_a_few_set_words_is_a_formulation() -> None:
    # The same in Chinese: fourteen letters (about nine words) in 60 of 200 articles, three
    # uses in four after 在, 同 or 与, the others set freely into sentences. 在, 同 and 与
    # are its contexts, not variants of a phrase that opens with them: 与 | 以科学…,
    # 同 | 以科学… (the segmenter guesses 同以 is one word) are that phrase.
    users = sorted(random.Random(12).sample(range(40, 200), 60))

    def place(i: int, sentences: list[str]) -> None:
        if i in users:
            use = users.index(i)
            sentences[5] = _insert(sentences[5], 3 + use % 7,
                                   ("在", "同", "与", "")[use % 4] + PATTERN)

    texts, dates = _random_articles(200, 17, PATTERN, place, _two_years(100))
    assert _find_chinese(texts, dates) == [(PATTERN, (), users[0])]


#: The words of running text (`_running_text`), and a phrase set into it whose first and
#: last words are among them (they pair in the usual way elsewhere).
CHAIN = WORDS[:300]
UNIT = f"{CHAIN[7]} harbour of quiet {CHAIN[11]}"


def _running_text(uses: dict[str, list[int]], count: int = 200,
                  natural: str = "") -> tuple[list[str], list[str]]:
    """`count` dated articles of running text: each word of `CHAIN` is followed by one of
    three, so the pairs of neighbouring words recur as a language's collocations do; each
    phrase of `uses` is set, as one piece, into a sentence of each article listed (after a
    word the phrase `natural` starts with follows elsewhere, every third time)."""
    rng = random.Random(8)
    vocabulary = CHAIN
    follow = {word: rng.sample(vocabulary, 3) for word in vocabulary}
    before = [w for w in vocabulary if natural.split()[0] in follow[w]] if natural else []
    texts, dates = [], []
    for i in range(count):
        sentences = []
        for s in range(10):
            words = _walk(rng, follow, 12)
            for k, (phrase, articles) in enumerate(uses.items()):
                if i in articles and s == 1 + k:
                    if phrase == natural and articles.index(i) % 3 == 0:
                        words[5] = rng.choice(before)
                    words.insert(6, phrase)
            sentences.append(" ".join(words).capitalize() + ".")
        texts.append(" ".join(sentences) + "\n")
        dates.append(f"{2020 + i // 336}-{1 + i // 28 % 12:02d}-{1 + i % 28:02d}")
    return texts, dates


def test_a_phrase_set_into_running_text_as_a_unit_is_listed_and_its_chance_runs_are_not():
    # In seven articles of 200, the phrase alone would not be surely a formulation; the
    # pairs across its edges, met nowhere else, show it was set into its sentences as one
    # piece, while the chain's own stretches that recur keep its usual pairs at their edges.
    uses = list(range(120, 200, 13))
    texts, dates = _running_text({UNIT: uses})
    found = _find(texts, dates, [[] for _ in texts])
    assert [f.phrase for f in found] == [UNIT]
    assert found[0].first == uses[0]


def _edges(texts: list[str]) -> tuple[EdgeEvidence, np.ndarray, Vocabulary]:
    normalizer = shared_normalizer(language="en")
    vocabulary = Vocabulary()
    streams = [tokenize(t, normalizer, vocabulary) for t in texts]
    ids = np.concatenate([s.ids for s in streams])
    stops = np.concatenate([breaks_after(s) for s in streams])
    doc_of = np.repeat(np.arange(len(streams)), [len(s) for s in streams])
    return EdgeEvidence(ids, stops, np.zeros(len(ids), dtype=bool), doc_of), ids, vocabulary


def _starts(ids: np.ndarray, vocabulary: Vocabulary, phrase: str) -> np.ndarray:
    words = [vocabulary.ids[w] for w in phrase.split()]
    return np.array([p for p in range(len(ids) - len(words) + 1)
                     if ids[p:p + len(words)].tolist() == words])


def test_edges_of_a_unit_weigh_for_it_and_those_of_running_text_against():
    texts, _ = _running_text({UNIT: list(range(120, 200, 13))})
    edges, ids, vocabulary = _edges(texts)
    at = _starts(ids, vocabulary, UNIT)
    assert len(at) == 7
    bits, used, _ = edges.weigh(at, np.full(len(at), 5))
    assert bits > 10 and used == 0
    # The commonest three-word stretch of the running text itself.
    runs = Counter(tuple(ids[p:p + 3].tolist()) for p in range(len(ids) - 2))
    run = " ".join(vocabulary.keys[w] for w in runs.most_common(1)[0][0])
    at = _starts(ids, vocabulary, run)
    bits, used, _ = edges.weigh(at, np.full(len(at), 3))
    assert bits < -10 and used > len(at)


def test_edges_used_elsewhere_far_more_than_a_units_give_no_evidence_for_one():
    # Every third use of the phrase comes after a word its first word follows in the
    # running text: fewer of its edges are pairs used elsewhere than running text's,
    # but far more than a unit's would be.
    texts, _ = _running_text({UNIT: list(range(20, 200, 4))}, natural=UNIT)
    edges, ids, vocabulary = _edges(texts)
    at = _starts(ids, vocabulary, UNIT)
    bits, used, expected = edges.weigh(at, np.full(len(at), 5))
    assert bits > 0 and used > 4 * expected
    assert unit_bits(edges, at, np.full(len(at), 5)) == 0.0


def test_a_phrase_of_few_articles_cited_between_quotation_marks_is_listed():
    # In four articles of 200 the phrase alone is not surely a formulation; cited as a
    # whole in one of them, as a set phrase is and a chance run of words is not, it is.
    phrase = "steady harbour of civic trust"
    uses = [100, 130, 160, 190]
    texts, dates = _planted({phrase: uses})
    assert _find(texts, dates, [[] for _ in texts]) == []
    texts[uses[1]] = texts[uses[1]].replace(phrase, f"\u201c{phrase}\u201d")
    [formulation] = _find(texts, dates, [[] for _ in texts])
    assert (formulation.phrase, formulation.first, formulation.documents) == (phrase, 100, 4)
    # The occurrence cited is found inside its quotation marks.
    [(start, end)] = dict(formulation.occurrences)[uses[1]]
    assert texts[uses[1]][start - 1:end + 1] == f"\u201c{phrase}\u201d"


def test_quotation_marks_are_told_per_token_and_running_text_is_seldom_cited():
    texts = ['He said \u201csteady harbour\u201d twice, then "civic trust" and \u00abdone\u00bb.',
             "No marks here at all, none."]
    normalizer = shared_normalizer(language="en")
    vocabulary = Vocabulary()
    streams = [tokenize(t, normalizer, vocabulary) for t in texts]
    before, after = quote_marks(streams)
    words = [t[s:e] for t, stream in zip(texts, streams, strict=True)
             for s, e in zip(stream.starts, stream.ends, strict=True)]
    assert [w for w, b in zip(words, before, strict=True) if b] == ["steady", "civic", "done"]
    assert [w for w, a in zip(words, after, strict=True) if a] == ["harbour", "trust", "done"]
    ids = np.concatenate([s.ids for s in streams])
    edges = EdgeEvidence(ids, np.concatenate([breaks_after(s) for s in streams]),
                         np.zeros(len(ids), dtype=bool),
                         np.repeat(np.arange(2), [len(s) for s in streams]),
                         (before, after))
    # "steady harbour" and "civic trust" are cited as a whole; "twice" is not.
    cited, expected = edges.quoted(np.array([2, 6, 4]), np.array([2, 2, 1]))
    # Running text: 3 of the 16 tokens come after a mark, 3 before one.
    assert cited == 2 and expected == pytest.approx(3 * (3 / 16) * (3 / 16))


CITED = "稳步推进农村改革"


@pytest.mark.parametrize("marks", ["\u201c\u201d", "\u300c\u300d"])
def test_a_chinese_phrase_of_few_articles_cited_between_quotation_marks_is_listed(
        marks: str) -> None:
    # In four articles of 200 the phrase alone is not surely a formulation; cited as a
    # whole in one of them, between quotation marks or the corner brackets Chinese
    # quotes with, it is.
    uses = [100, 130, 160, 190]

    def place(cited: bool) -> Callable[[int, list[str]], None]:
        def put(i: int, sentences: list[str]) -> None:
            if i in uses:
                quoted = cited and i == uses[1]
                sentences[4] = _insert(sentences[4], 6,
                                       marks[0] + CITED + marks[1] if quoted else CITED)
        return put

    def date(i: int) -> str:
        return f"2021-{1 + i // 20:02d}-{1 + i % 20:02d}"

    texts, dates = _random_articles(200, 12, CITED + marks, place(False), date)
    assert _find_chinese(texts, dates) == []
    texts, dates = _random_articles(200, 12, CITED + marks, place(True), date)
    assert _find_chinese(texts, dates) == [(CITED, (), 100)]


def test_chinese_edges_weigh_only_against_a_phrase() -> None:
    # Between random characters the pairs across a phrase's edges are met nowhere else,
    # as across any stretch cut on words in Chinese: no evidence for a unit there. Edges
    # that are pairs of the running text (的 | 稳, 革 | 的, used elsewhere too) weigh
    # against it as in any language.
    def place(i: int, sentences: list[str]) -> None:
        sentences[4] = _insert(sentences[4], 6, CITED)
        sentences[5] = _insert(sentences[5], 3, "的" + CITED + "的")
        sentences[6] = _insert(sentences[6], 3, "的稳")
        sentences[7] = _insert(sentences[7], 3, "革的")

    texts, _ = _random_articles(60, 13, CITED + "的", place, lambda i: "")
    vocabulary = Vocabulary()
    streams = [tokenize(t, shared_normalizer(language="zh"), vocabulary) for t in texts]
    ids = np.concatenate([s.ids for s in streams])
    edges = EdgeEvidence(ids, np.concatenate([breaks_after(s) for s in streams]),
                         np.zeros(len(ids), dtype=bool),
                         np.repeat(np.arange(len(streams)), [len(s) for s in streams]))
    phrase = [vocabulary.ids[c] for c in CITED]
    at = np.array([p for p in range(len(ids) - len(phrase))
                   if ids[p:p + len(phrase)].tolist() == phrase])
    assert len(at) == 120
    lengths = np.full(60, len(phrase))
    alone, in_running_text = at[::2], at[1::2]
    assert unit_bits(edges, alone, lengths) > 10
    assert unit_bits(edges, alone, lengths, against_only=True) == 0.0
    against = unit_bits(edges, in_running_text, lengths)
    assert against < -10
    assert unit_bits(edges, in_running_text, lengths, against_only=True) == against


HOUSING, LOOSE = "结构住房", "加强管理"


def test_a_phrase_of_common_words_stands_on_its_own_evidence() -> None:
    # 结构 and 住房 stand apart twice in every article: 结构住房, twice in every third
    # article from article 100 on, holds a fifth of their uses even in its time, far
    # too few for a fixed unit. Its many articles, its uses coming back within them and
    # its clear start make it a formulation all the same. 加强管理, in as many articles
    # from the start, once each, stays a loose collocation of its words.
    def place(i: int, sentences: list[str]) -> None:
        for k, word in enumerate(("结构", "住房", "结构", "住房")):
            sentences[k] = _insert(sentences[k], 5, word)
        if i >= 100 and i % 3 == 0:
            sentences[5] = _insert(sentences[5], 6, HOUSING)
            sentences[8] = _insert(sentences[8], 3, HOUSING)
        for k, word in enumerate(("加强", "管理")):
            sentences[6 + k] = _insert(sentences[6 + k], 4, word)
        if i % 6 == 1:
            sentences[9] = _insert(sentences[9], 6, LOOSE)

    texts, dates = _random_articles(200, 14, HOUSING + LOOSE, place, _two_years(100))
    assert _find_chinese(texts, dates) == [(HOUSING, (), 102)]


def test_a_phrase_standing_on_its_own_evidence_is_kept_when_its_first_use_is_misread() -> None:
    # As above, but the segmenter reads the first use of 结构住房 with its last letter
    # glued to the word after it (结构 | 住 | 房间): most of its uses lie on words, so
    # it is still a formulation, first seen there.
    def place(i: int, sentences: list[str]) -> None:
        for k, word in enumerate(("结构", "住房", "结构", "住房")):
            sentences[k] = _insert(sentences[k], 5, word)
        if i >= 100 and i % 3 == 0:
            sentences[5] = _insert(sentences[5], 6, HOUSING + ("间" if i == 102 else ""))
            sentences[8] = _insert(sentences[8], 3, HOUSING)

    texts, dates = _random_articles(200, 14, HOUSING + "间", place, _two_years(100))
    assert _find_chinese(texts, dates) == [(HOUSING, (), 102)]


FARMING = "认识农业"


def test_a_phrase_of_common_words_cited_between_quotation_marks_is_a_unit() -> None:
    # 认识 and 农业 stand apart twice in every article; 认识农业 in every tenth article
    # from article 100 on holds a tenth of their uses in its time: two common words side
    # by side. Cited whole in one of its articles, it is a unit to its writers.
    def place(cited: bool) -> Callable[[int, list[str]], None]:
        def put(i: int, sentences: list[str]) -> None:
            for k, word in enumerate(("认识", "农业", "认识", "农业")):
                sentences[k] = _insert(sentences[k], 5, word)
            if i >= 100 and i % 10 == 5:
                phrase = f"\u201c{FARMING}\u201d" if cited and i == 135 else FARMING
                sentences[5] = _insert(sentences[5], 6, phrase)
        return put

    texts, dates = _random_articles(200, 15, FARMING, place(False), _two_years(100))
    assert _find_chinese(texts, dates) == []
    texts, dates = _random_articles(200, 15, FARMING, place(True), _two_years(100))
    assert _find_chinese(texts, dates) == [(FARMING, (), 105)]


def test_forms_none_of_which_is_cohesive_stand_together_on_their_evidence() -> None:
    # 认识农业 and, later, 认识工业 (a word of the same stem swapped): common words side
    # by side, each cited whole now and then. Neither is cohesive, and the two are still
    # one formulation with its variant.
    def place(i: int, sentences: list[str]) -> None:
        for k, word in enumerate(("认识", "农业", "认识", "工业")):
            sentences[k] = _insert(sentences[k], 5, word)
        if i >= 100 and i % 10 == 5:
            sentences[5] = _insert(sentences[5], 6, f"\u201c{FARMING}\u201d" if i == 135
                                   else FARMING)
        if i >= 150 and i % 10 == 7:
            sentences[6] = _insert(sentences[6], 6, "\u201c认识工业\u201d" if i == 177
                                   else "认识工业")

    texts, dates = _random_articles(200, 16, FARMING + "工", place, _two_years(100))
    assert _find_chinese(texts, dates) == [(FARMING, ("认识工业",), 105)]


def test_edges_of_many_phrases_weighed_at_once_are_those_weighed_one_by_one():
    texts, _ = _running_text({UNIT: list(range(120, 200, 13))})
    texts[133] = texts[133].replace(UNIT, f"\u201c{UNIT}\u201d")
    normalizer = shared_normalizer(language="en")
    vocabulary = Vocabulary()
    streams = [tokenize(t, normalizer, vocabulary) for t in texts]
    ids = np.concatenate([s.ids for s in streams])
    edges = EdgeEvidence(ids, np.concatenate([breaks_after(s) for s in streams]),
                         np.zeros(len(ids), dtype=bool),
                         np.repeat(np.arange(len(streams)), [len(s) for s in streams]),
                         quote_marks(streams))
    runs = Counter(tuple(ids[p:p + 3].tolist()) for p in range(len(ids) - 2))
    phrases = [UNIT] + [" ".join(vocabulary.keys[w] for w in run)
                        for run, _ in runs.most_common(3)]
    at = [_starts(ids, vocabulary, phrase) for phrase in phrases]
    lengths = [np.full(len(a), len(phrase.split())) for a, phrase in zip(at, phrases,
                                                                         strict=True)]
    owner = np.repeat(np.arange(len(phrases)), [len(a) for a in at])
    bits, used, expected = edges.weigh_each(np.concatenate(at), np.concatenate(lengths),
                                            owner, len(phrases))
    cited, chance = edges.quoted_each(np.concatenate(at), np.concatenate(lengths), owner,
                                      len(phrases))
    for k in range(len(phrases)):
        one = edges.weigh(at[k], lengths[k])
        assert (bits[k], used[k], expected[k]) == pytest.approx(one)
        assert (cited[k], chance[k]) == pytest.approx(edges.quoted(at[k], lengths[k]))
    assert cited[0] == 1 and bits[0] > 10 and min(bits[1:]) < -10


def test_chinese_quotation_marks_end_a_phrase_like_any_quotation_mark():
    text = "他说「稳步推进」和『农村改革』以及“两岸谈判”。"
    stream = tokenize(text, shared_normalizer(language="zh"), Vocabulary())
    ends = [text[e - 1] for e, stop in zip(stream.ends, breaks_after(stream), strict=True)
            if stop]
    assert ends == ["说", "进", "和", "革", "及", "判"]


MINISTER = "环境部长"


def test_a_phrase_of_common_words_cited_in_its_uses_is_judged_on_its_own_evidence() -> None:
    # 环境 and 部长 stand apart four times in every article: 环境部长, in every tenth
    # article from article 100 on and always between quotation marks, is a unit to its
    # writers however loosely its words hold together. 处境部长, a likeness used now and
    # then from the start, joins it; judged as one formulation the two must not fall
    # below a formulation's score, as they do when the cited form, not being cohesive,
    # has the likeness's early start and few articles averaged into its evidence.
    def place(i: int, sentences: list[str]) -> None:
        for k, word in enumerate(("环境", "部长", "环境", "部长") * 2):
            sentences[k] = _insert(sentences[k], 5, word)
        if i >= 100 and i % 10 == 5:
            sentences[8] = _insert(sentences[8], 6, f"\u201c{MINISTER}\u201d")
        if i in (20, 45, 135, 155):
            sentences[9] = _insert(sentences[9], 6, "处境部长")

    texts, dates = _random_articles(200, 17, MINISTER + "处", place, _two_years(100))
    vocabulary = Vocabulary()
    streams = [tokenize(t, shared_normalizer(language="zh"), vocabulary) for t in texts]
    ranked = rank_groups(texts, streams, vocabulary, dates, [[] for _ in texts], "zh",
                         min_documents=3, max_words=20)
    assert ranked is not None
    located = ranked.located
    assert located is not None
    forms = {}
    for group in ranked.groups:
        for n, i in group:
            found = located.at_whole(n, i)
            forms[found.text[found.start:found.end]] = (n, i)
    minister, likeness = forms[MINISTER], forms["处境部长"]
    assert ranked.judge([minister]) >= MIN_SCORE
    assert ranked.judge([likeness, minister]) >= MIN_SCORE


def _three_forms(seed: int, *, far_apart: bool) -> list[tuple[str, tuple[str, ...]]]:
    """The formulations of 400 articles where a quarter from article 30 on use "zandric
    strategy" once or twice; with `far_apart` "zandric employment" stands for it in two
    uses of five from article 120 on and "vorpal strategy" is drawn in an eighth of the
    articles on its own, else each use picks one of the three forms (the two others from
    article 120 on, at 0.6 of its weight each)."""
    head, near, far = "zandric strategy", "zandric employment", "vorpal strategy"
    rng = random.Random(seed)
    uses: dict[str, list[int]] = {head: [], near: [], far: []}
    for article in range(30, 400):
        if rng.random() < 0.25:
            for _ in range(rng.choice((1, 2, 2))):
                if far_apart:
                    uses[near if article >= 120 and rng.random() < 0.4 else head].append(article)
                else:
                    weights = (1.0, 0.6, 0.6) if article >= 120 else (1.0, 0.0, 0.0)
                    uses[rng.choices((head, near, far), weights=weights)[0]].append(article)
        if far_apart and article >= 120 and rng.random() < 0.12:
            uses[far].append(article)
    texts, dates = _planted(uses, count=400)
    return [(f.phrase, f.variants) for f in _find(texts, dates, [[] for _ in texts])]


def test_a_form_used_beside_a_formulations_other_variants_joins_it():
    # "vorpal strategy" is one word from the formulation but seldom meets it: articles
    # using the phrase twice often hold "zandric employment" beside it instead. Against
    # all three forms' articles it is used far beyond chance.
    [(phrase, variants)] = _three_forms(1, far_apart=False)
    assert (phrase, set(variants)) == ("zandric strategy",
                                       {"zandric employment", "vorpal strategy"})


@pytest.mark.parametrize("seed", [1, 2])
def test_a_form_drawn_on_its_own_stays_apart_from_a_formulation_with_variants(seed: int):
    assert _three_forms(seed, far_apart=True) == [
        ("zandric strategy", ("zandric employment",)), ("vorpal strategy", ())]



@pytest.mark.parametrize(("likeness", "beside", "joins"), [
    # 机制 for 体制 (a kindred word), first written 150 articles before the formulation and
    # then in two of its articles (0.1 would by chance): one phrase written two ways, first
    # written the other way.
    ("全面深化机制改革", True, True),
    # A word of another stem, keeping the rest: as much one phrase.
    ("全面深化农村改革", True, True),
    # Keeping a single word of it: another phrase met beside it may as well be that.
    ("全面深化机构", True, False),
    # In articles of its own, the earlier form is a phrase of the language that the
    # formulation was built on, and gives it no first appearance.
    ("全面深化机制改革", False, False),
])
def test_a_rare_likeness_met_before_the_formulation_joins_only_when_used_beside_it(
        likeness: str, beside: bool, joins: bool) -> None:
    formulation = "全面深化体制改革"
    # 600 articles: the formulation in every twentieth from article 200 on; the likeness
    # in three, the first at article 50.
    articles = {50, 220, 240} if beside else {50, 230, 250}

    def place(i: int, sentences: list[str]) -> None:
        if i >= 200 and i % 20 == 0:
            sentences[3] = _insert(sentences[3], 6, formulation)
        if i in articles:
            sentences[7] = _insert(sentences[7], 5, likeness)

    texts, dates = _random_articles(600, 5, formulation + likeness, place, _two_years(300))
    expected = (formulation, (likeness,), 50) if joins else (formulation, (), 200)
    assert _find_chinese(texts, dates) == [expected]


CUSTOMS, SEAWATER = "海关文件", "海水文件"


@pytest.mark.parametrize("seed", [1, 2])
def test_a_kindred_word_swapped_at_an_end_joins_where_it_is_used_beside_the_formulation(
        seed: int) -> None:
    # 400 articles: 海关文件 in every tenth, 海水文件 (海关 swapped for 海水, which shares
    # 海 with it, keeping only 文件) in five, four of them beside it: chance gives 0.5.
    # Not beyond all doubt, and 文件 stands in every other article, so it brings any word
    # into the formulation's articles: but a kindred word used beside the formulation
    # that often is a variant of it, as a rare form keeping a single word must be
    # (`used_beside`). Used apart from it, the same likeness may be another phrase met
    # by chance.
    def found(seawater: set[int]) -> list[tuple[str, tuple[str, ...], int]]:
        return _find_chinese(*_tenth_and_likeness(seed, CUSTOMS, SEAWATER, seawater,
                                                  _file_alone))

    assert found({100, 200, 300, 350, 333}) == [(CUSTOMS, (SEAWATER,), 0)]
    assert found({111, 213, 307, 353, 333}) == [(CUSTOMS, (), 0)]


def _file_alone(i: int, sentences: list[str]) -> None:
    """文件 in every other article, so that the word kept brings any word into the
    formulation's articles (`beside_beyond_kept` says nothing)."""
    if i % 2:
        sentences[6] = _insert(sentences[6], 7, "文件")


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize(("seawater", "joins"), [
    # In three articles, two of them beside the formulation (0.3 would by chance): not
    # beyond doubt, but a form that recurs on its own is judged as two candidate forms
    # are, and that is beyond chance.
    ({100, 200, 333}, True),
    # The same three, never beside it: another phrase.
    ({111, 213, 333}, False),
    # In two articles, both beside it: a form that rare meets a formulation in a tenth of
    # the articles by chance too often; it needs that beyond doubt.
    ({100, 200}, False),
])
def test_a_kindred_word_swapped_at_an_end_recurring_on_its_own_joins_beyond_chance(
        seawater: set[int], joins: bool, seed: int) -> None:
    texts, dates = _tenth_and_likeness(seed, CUSTOMS, SEAWATER, seawater, _file_alone)
    assert _find_chinese(texts, dates) == [(CUSTOMS, (SEAWATER,) if joins else (), 0)]


def _tenth_and_likeness(seed: int, formulation: str, likeness: str, used: set[int],
                        also: Callable[[int, list[str]], None] = lambda i, sentences: None,
                        ) -> tuple[list[str], list[str]]:
    """400 random articles over two years: `formulation` in every tenth, `likeness` in
    the articles `used`, and what `also` writes."""
    def place(i: int, sentences: list[str]) -> None:
        also(i, sentences)
        if i % 10 == 0:
            sentences[3] = _insert(sentences[3], 6, formulation)
        if i in used:
            sentences[8] = _insert(sentences[8], 5, likeness)
    return _random_articles(400, seed, formulation + likeness, place, _two_years(200))


PRINCIPLE, MISWRITTEN = "各项改革措施早见成效", "各项改革措施早盖成效"


@pytest.mark.parametrize("seed", [5, 6])
def test_a_letter_swapped_inside_a_word_stays_a_variant_where_it_is_used_beside_it(
        seed: int) -> None:
    # 400 articles: 各项改革措施早见成效 in every tenth; 各项改革措施早盖成效 (见
    # swapped for 盖 inside the idiom 早见成效: the segmenter reads 早 | 见成效 in
    # one, 早盖 | 成效 in the other) in eight, five of them beside it where chance gives
    # one. Not one whole word apart, but no stray letter at an edge or word cut in half
    # either: one phrase written two ways by writers who use both. Used apart from it,
    # the likeness is another phrase.
    def found(miswritten: set[int]) -> list[tuple[str, tuple[str, ...], int]]:
        return _find_chinese(*_tenth_and_likeness(seed, PRINCIPLE, MISWRITTEN, miswritten))

    assert found({100, 150, 200, 250, 300, 133, 277, 351}) == [(PRINCIPLE, (MISWRITTEN,), 0)]
    apart = found({103, 157, 209, 251, 303, 133, 277, 351})
    assert all(MISWRITTEN not in variants for _, variants, _ in apart)


LONG_CARE, RED_CARE, LONG_CONTROL = "长时间的精细管理", "红时间的精细管理", "长时间的精细管控"


@pytest.mark.parametrize("seed", [5, 6])
def test_a_letter_swapped_at_an_end_is_a_variant_only_where_used_beside_it_beyond_doubt(
        seed: int) -> None:
    # 400 articles: 长时间的精细管理 in every tenth; 红时间的精细管理 (红 in the place
    # of 长, cutting the word 长时间: the segmenter reads 红 | 时间) in eight, six of them
    # beside it where chance gives one. A stray letter beside a phrase cuts a word as
    # well, so nothing less than a use beside it beyond doubt makes the two one phrase;
    # used apart from it, the likeness is none of its forms.
    def found(likeness: set[int]) -> list[tuple[str, tuple[str, ...], int]]:
        return _find_chinese(*_tenth_and_likeness(seed, LONG_CARE, RED_CARE, likeness))

    assert found({100, 150, 200, 250, 300, 350, 133, 277}) == [(LONG_CARE, (RED_CARE,), 0)]
    assert found({103, 157, 209, 251, 303, 357, 133, 277}) == [(LONG_CARE, (), 0)]


@pytest.mark.parametrize("seed", [5, 6])
def test_a_letter_swapped_at_an_end_joins_a_formulation_whose_forms_it_is_used_beside(
        seed: int) -> None:
    # 长时间的精细管理 in every tenth of 400 articles, 长时间的精细管控 in every
    # twentieth from article 160: one formulation. 红时间的精细管理, a letter swapped at
    # its start, in ten articles, a formulation of its own by its figures: seven of them
    # use one of the two forms, where chance gives one. Its writers use it for the
    # formulation, though no one form is beside it beyond doubt. Seven others used
    # apart, it stands alone.
    def found(likeness: set[int]) -> list[tuple[str, tuple[str, ...], int]]:
        def place(i: int, sentences: list[str]) -> None:
            if i % 10 == 0:
                sentences[3] = _insert(sentences[3], 6, LONG_CARE)
            if i >= 160 and i % 20 == 5:
                sentences[6] = _insert(sentences[6], 4, LONG_CONTROL)
            if i in likeness:
                sentences[8] = _insert(sentences[8], 5, RED_CARE)
        return _find_chinese(*_random_articles(400, seed, LONG_CARE + LONG_CONTROL + RED_CARE,
                                               place, _two_years(200)))

    assert found({200, 300, 350, 240, 185, 265, 345, 211, 233, 377}) == [
        (LONG_CARE, (LONG_CONTROL, RED_CARE), 0)]
    assert found({201, 303, 357, 241, 187, 263, 343, 211, 233, 377}) == [
        (RED_CARE, (), 187), (LONG_CARE, (LONG_CONTROL,), 0)]


def test_candidate_rows_name_the_row_of_each_form_and_of_no_other() -> None:
    # Stands in for a dict of a million (length, index) tuples: every form finds its
    # own row, and a form of no row is absent, whatever its length or index.
    rng = np.random.default_rng(7)
    forms = list(dict.fromkeys(zip(rng.integers(2, 31, size=4000).tolist(),
                                   rng.integers(0, 90_000, size=4000).tolist(), strict=True)))
    rows = CandidateRows(np.array([n for n, _ in forms]), np.array([i for _, i in forms]))
    assert all(rows[form] == k for k, form in enumerate(forms))
    assert all(form in rows for form in forms)
    listed = set(forms)
    others = [(n, i) for n, i in zip(rng.integers(1, 33, size=4000).tolist(),
                                     rng.integers(-5, 95_000, size=4000).tolist(), strict=True)
              if (n, i) not in listed]
    assert others and not any(form in rows for form in others)
    with pytest.raises(KeyError):
        rows[others[0]]


SCIENCE, HOPE = "科学训练水平刻不容缓", "乐观训练水平刻不容缓"
FAIR, EQUAL = "公正训练水平刻不容缓", "平等训练水平刻不容缓"


@pytest.mark.parametrize("kept_words", ["only here", "elsewhere", "two rare forms"])
def test_a_word_changed_at_an_end_is_a_variant_where_the_words_kept_are_written_nowhere_else(
        kept_words: str) -> None:
    # 科学训练水平刻不容缓 in 20 articles, 乐观训练水平刻不容缓 in 12 later ones (one article
    # holds both, no more than chance): 训练水平刻不容缓 is written after nothing else but
    # 公正, once, a third form too rare to recur on its own. The words kept are no phrase
    # of their own: 乐观 fills the place of 科学 in one formulation, and so does 公正,
    # however seldom. Written after three other words in three more articles, they may
    # be a phrase of their own, and neither joins. Written after a second rare word
    # (平等, once), they fill a place that rare words fill too: neither rare form is told
    # a variant by them, whichever comes first.
    rules = [(lambda i: i >= 40 and i % 10 == 0, 3, 4, SCIENCE),
             (lambda i: i == 200 or (i >= 120 and i % 10 == 5), 5, 3, HOPE),
             (lambda i: i == 150, 6, 2, FAIR)]
    planted = SCIENCE + HOPE + FAIR + "优秀提高全面"
    if kept_words == "elsewhere":
        rules += [(lambda i, at=at: i == at, 7, 5, word + SCIENCE[2:])
                  for at, word in ((70, "优秀"), (130, "提高"), (190, "全面"))]
    if kept_words == "two rare forms":
        rules.append((lambda i: i == 170, 6, 2, EQUAL))
        planted += EQUAL
    texts, dates = _random_articles(240, 13, planted, _placed(*rules), _two_years(120))
    assert sorted(_find_chinese(texts, dates)) == {
        "only here": [(SCIENCE, (HOPE, FAIR), 40)],
        "elsewhere": [(HOPE, (), 125), (SCIENCE, (), 40)],
        "two rare forms": [(SCIENCE, (HOPE,), 40)]}[kept_words]


def test_a_long_stretch_in_three_articles_is_a_formulation_but_not_a_sentence_quoted_whole(
) -> None:
    # Ten made-up words, set into a sentence in three of 200 articles: no more documents
    # than a formulation needs, but chance repeats no run of eight words, and its
    # neighbours differ each time. The same length written as a sentence of its own in
    # three articles is a sentence quoted, and a formulation of 40 articles written after
    # the same two words in its last three is that formulation in a context.
    embedded, quoted = " ".join(WORDS[2100:2110]), " ".join(WORDS[2200:2210])
    formulation, context = " ".join(WORDS[2300:2308]), " ".join(WORDS[2400:2402])
    popular = sorted(random.Random(21).sample(range(20, 200), 40))

    def place(i: int, sentences: list[str]) -> None:
        if i in (60, 110, 170):
            sentences[4] = _set_into(sentences[4], 3 + i % 4, embedded)
        if i in popular:
            sentences[4] = _set_into(sentences[4], 2, (
                context + " " if popular.index(i) >= 37 else "") + formulation)
        if i in (70, 120, 180):
            sentences.insert(7, quoted.capitalize() + ".")

    texts, dates = _made_up_articles(21, place)
    found = _find(texts, dates, [[] for _ in texts])
    assert sorted((f.phrase, f.first) for f in found) == sorted(
        [(embedded, 60), (formulation, popular[0])])


def test_a_long_stretch_cited_between_quotation_marks_is_a_formulation_not_a_sentence(
) -> None:
    # Quotation marks break a sentence as a full stop does, but a stretch standing right
    # between them is cited whole, as a set phrase is: eight made-up words in three of
    # 200 articles, cited bare in two of them and set into a sentence in the third, are
    # a formulation. A sentence quoted between quotation marks ends on its own full stop
    # inside them, and stays a sentence quoted, a passage's reuse.
    cited, sentence = " ".join(WORDS[2100:2108]), " ".join(WORDS[2200:2210])

    def place(i: int, sentences: list[str]) -> None:
        if i in (60, 110):
            sentences[4] = _set_into(sentences[4], 3 + i % 4, f'"{cited}"')
        if i == 170:
            sentences[4] = _set_into(sentences[4], 3, cited)
        if i in (70, 120, 180):
            sentences.insert(7, f'"{sentence.capitalize()}."')

    texts, dates = _made_up_articles(22, place)
    found = _find(texts, dates, [[] for _ in texts])
    assert [(f.phrase, f.documents, f.first) for f in found] == [(cited, 3, 60)]


@pytest.mark.parametrize("length", [12, 16])
def test_a_longer_stretch_needs_less_help_from_its_dates(length: int) -> None:
    # A stretch of twelve or sixteen made-up words in three of 200 articles, the first
    # in the collection's first weeks: its onset tells little, but chance's odds of
    # repeating a stretch fall with every word, and content capped for names (no name
    # runs that long) grows with the words again beyond the eight that make it long.
    embedded = " ".join(WORDS[2100:2100 + length])

    def place(i: int, sentences: list[str]) -> None:
        if i in (5, 90, 170):
            sentences[4] = _set_into(sentences[4], 3 + i % 4, embedded)

    texts, dates = _made_up_articles(23, place)
    found = _find(texts, dates, [[] for _ in texts])
    assert [(f.phrase, f.documents, f.first) for f in found] == [(embedded, 3, 5)]


JOURNEY = "长途汽车赶回吉林市参加婚礼"


def test_a_long_chinese_stretch_in_three_articles_is_a_formulation() -> None:
    # Thirteen letters in three of 200 articles, from the second year on, set among other
    # letters each time: chance repeats no stretch that long.
    place = _placed((lambda i: i in (100, 150, 190), 4, 5, JOURNEY))
    texts, dates = _random_articles(200, 17, JOURNEY, place, _two_years(100))
    assert _find_chinese(texts, dates) == [(JOURNEY, (), 100)]
