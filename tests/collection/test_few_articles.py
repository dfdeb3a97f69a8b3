"""A collection of a few articles (tests/fixtures/collection/few, written here: five English
ones and four Chinese ones; and in `quoted`, four English ones that quote one another) lists
the set phrases most of them use, as `tandem compare` reads set phrases, where the
collection's own figures cannot tell them, as long as the collection is small enough to
read two by two."""

from __future__ import annotations

import json
import random
import re
import shutil
from itertools import combinations
from pathlib import Path

import pytest

from tests.collection.planted import SET_PHRASE, embedded_report, make_collection
from tests.collection.test_corpus_command import ROOT, _env, tandem
from viewer.collection.engine import add_sources
from viewer.collection.refresh import FULL_RUN_GROWTH
from viewer.collection.sources import read_sources
from viewer.collection.store import CollectionStore
from viewer.collection.words import collection_normalizer, tokenize_articles
from viewer.core.collection.few_articles import (
    FEW_ARTICLES,
    MOST_PAIRS,
    PAIR_BUDGET,
    with_pairwise,
)
from viewer.core.tokenize import Vocabulary

FEW = ROOT / "tests" / "fixtures" / "collection" / "few" / "en"
FEW_ZH = FEW.parent / "zh"
QUOTED = FEW.parent / "quoted"
SLOGAN = "greener harbour for every generation"
LONG = "The Harbour Council under the leadership of Mayor Ostrander"
SHORT = "Harbour Council"


def _report(tmp_path: Path, source: Path = FEW) -> dict:
    out = tmp_path / "out.json"
    result = tandem("corpus", str(source), "--json", str(out), "--store",
                    str(tmp_path / "s.sqlite"), "--quiet", env=_env(tmp_path))
    assert result.returncode == 0, result.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def _uses(phrase: str, source: Path = FEW) -> dict[str, list[tuple[int, int]]]:
    """Article id -> spans of `phrase` in it, read here with a regular expression."""
    pattern = re.compile(re.escape(phrase), re.IGNORECASE)
    found = {a.id: [m.span() for m in pattern.finditer(a.text)]
             for a in read_sources([source])}
    return {doc: spans for doc, spans in found.items() if spans}


def _spans(item: dict) -> dict[str, list[tuple[int, int]]]:
    """Article id -> the spans a listed formulation gives of its uses there."""
    return {o["doc"]: [tuple(s) for s in o["spans"]] for o in item["occurrences"]}


def _listed(report: dict, phrase: str) -> dict:
    [item] = [f for f in report["formulations"] if f["phrase"].lower() == phrase.lower()]
    return item


def test_a_phrase_most_of_a_few_articles_use_is_a_formulation(tmp_path: Path) -> None:
    report = _report(tmp_path)
    assert len(report["documents"]) < FEW_ARTICLES
    expected = _uses(SLOGAN)
    assert len(expected) == 4
    found = _listed(report, SLOGAN)
    assert _spans(found) == expected
    assert (found["documents"], found["count"]) == (
        len(expected), sum(len(spans) for spans in expected.values()))
    dates = {d["id"]: d["date"] for d in report["documents"]}
    first = min(expected, key=lambda doc: dates[doc])
    assert found["first"] == {"doc": first, "date": dates[first]}
    # Every formulation listed recurs in three articles, and is what its uses write.
    texts = {a.id: a.text for a in read_sources([FEW])}
    for item in report["formulations"]:
        assert item["documents"] >= 3
        forms = {x.lower() for x in (item["phrase"], *item["variants"])}
        assert len(forms) == 1 + len(item["variants"])  # each form written once
        for occurrence in item["occurrences"]:
            for start, end in occurrence["spans"]:
                assert " ".join(texts[occurrence["doc"]][start:end].split()).lower() in forms


def test_a_phrase_inside_a_longer_one_is_listed_where_it_recurs_on_its_own(
        tmp_path: Path) -> None:
    report = _report(tmp_path)
    long_uses, short_uses = _uses(LONG), _uses(SHORT)
    assert len(long_uses) == 3 and len(short_uses) == 4
    assert len(short_uses) > len(long_uses) or any(
        len(spans) > len(long_uses.get(doc, ())) for doc, spans in short_uses.items())
    long = _listed(report, LONG)
    assert {o["doc"] for o in long["occurrences"]} == set(long_uses)
    short = _listed(report, SHORT)
    # All its uses, those inside the longer phrase too.
    assert _spans(short) == short_uses
    # The other pieces of the longer phrase are used nowhere else: no formulation of
    # their own.
    pieces = [f["phrase"] for f in report["formulations"]
              if f["phrase"].lower() in LONG.lower() and f["phrase"].lower() != LONG.lower()]
    assert pieces == [SHORT]


def test_a_phrase_two_of_the_articles_share_is_no_formulation(tmp_path: Path) -> None:
    report = _report(tmp_path)
    for phrase in ("Quay Street", "sea wall", "auction house", "net loft"):
        assert 1 <= len(_uses(phrase)) <= 2
        assert not [f for f in report["formulations"] if phrase.lower() in f["phrase"].lower()]
    assert report["pairs"] == []  # the articles share set phrases, nothing copied


def test_a_phrase_whose_writers_also_quote_it_is_listed_with_every_use(
        tmp_path: Path) -> None:
    # Three articles quote the first one's sentence that holds the slogan, and each of
    # the four uses it once more in its own words: four writings of it, not one copied.
    report = _report(tmp_path, QUOTED)
    quote = "Mayor Lindqvist told the opening meeting that the works would give"
    slogan = "cleaner river for every household"
    assert len(_uses(quote, QUOTED)) == 4
    expected = _uses(slogan, QUOTED)
    assert len(expected) == 4 and all(len(spans) == 2 for spans in expected.values())
    quoting = {frozenset(pair) for pair in combinations(expected, 2)}
    assert quoting <= {frozenset((p["a"], p["b"])) for p in report["pairs"]}
    found = _listed(report, slogan)
    assert _spans(found) == expected


def test_a_phrase_every_use_of_which_goes_on_into_one_word_is_listed_whole(
        tmp_path: Path) -> None:
    # Three articles write of the riverbank flood barrier(s): no two of them in one form
    # but a pair, so two texts show "riverbank flood" alone; the collection shows the
    # phrase goes on into one word each time.
    report = _report(tmp_path, QUOTED)
    expected = _uses("riverbank flood barrier", QUOTED)
    assert len(expected) == 3
    found = _listed(report, "riverbank flood barrier")
    assert found["variants"] == ["riverbank flood barriers"]
    assert _spans(found) == {
        doc: [(start, end + len("s") * _plural(doc, end)) for start, end in spans]
        for doc, spans in expected.items()}
    assert not [f for f in report["formulations"] if f["phrase"] == "riverbank flood"]


def test_a_short_passage_two_articles_share_around_a_phrase_is_no_copy_of_it(
        tmp_path: Path) -> None:
    # Two of the three articles on the riverbank flood barrier write it into one same
    # clause: a passage of their pair, too short to be a copy that makes the two one
    # writing of the phrase.
    report = _report(tmp_path, QUOTED)
    texts = {a.id: a.text for a in read_sources([QUOTED])}
    clause = "the new riverbank flood barrier at the footbridge"
    holders = _uses(clause, QUOTED)
    assert len(holders) == 2
    [pair] = [p for p in report["pairs"] if {p["a"], p["b"]} == set(holders)]
    shared = [" ".join(texts[pair["a"]][s:e].split()) for s, e in
              (passage["a"] for passage in pair["passages"])]
    assert any(clause in passage and len(passage.split()) < 15 for passage in shared)
    found = _listed(report, "riverbank flood barrier")
    assert found["documents"] == 3 and set(holders) < {o["doc"] for o in found["occurrences"]}


def _plural(doc: str, end: int) -> bool:
    """Whether the word ending at `end` in article `doc` of QUOTED goes on with an "s"."""
    text = next(a.text for a in read_sources([QUOTED]) if a.id == doc)
    return text[end:end + 1] == "s"


def test_a_chinese_phrase_is_listed_and_a_word_or_a_piece_of_a_clause_is_not(
        tmp_path: Path) -> None:
    report = _report(tmp_path, FEW_ZH)
    phrase = "绿色港口建设新格局"
    expected = _uses(phrase, FEW_ZH)
    assert len(expected) == 3
    found = _listed(report, phrase)
    assert _spans(found) == expected
    # 越来越 ("more and more") is in three articles too, a word the two-text slogan finder
    # reads as set where two texts use it; in a collection it is a word of the language.
    assert len(_uses("越来越", FEW_ZH)) == 3
    assert not [f for f in report["formulations"] if "越来越" in f["phrase"]]
    # ... and 等问题 ("and such problems"), closing three clauses, opens on a particle: a
    # piece of its clause.
    assert len(_uses("等问题", FEW_ZH)) == 3
    assert not [f for f in report["formulations"] if "等问题" in f["phrase"]]


def test_articles_in_two_languages_are_each_read_in_their_own(tmp_path: Path) -> None:
    # Three English articles and four Chinese ones in one folder: most are Chinese, and
    # the English ones still list their slogan as they do on their own.
    mixed = tmp_path / "mixed"
    shutil.copytree(FEW / "gazette", mixed / "en")
    shutil.copytree(FEW_ZH, mixed / "zh")
    report = _report(tmp_path, mixed)
    for phrase in (SLOGAN, "绿色港口建设新格局"):
        expected = _uses(phrase, mixed)
        assert len(expected) >= 3
        assert _spans(_listed(report, phrase)) == expected


def test_past_the_articles_the_finders_figures_need_a_small_collection_is_still_read(
        ) -> None:
    # The five articles written out again and again: from FEW_ARTICLES on, the finder's
    # figures could list a phrase every article uses, but not one that most of them use.
    # Read two by two, the slogan is listed all the same: no step where they begin.
    articles = list(read_sources([FEW]))
    vocabulary = Vocabulary()
    texts = [a.text for a in articles]
    streams = tokenize_articles(texts, vocabulary, collection_normalizer())

    def listed(count: int) -> list[str]:
        picked = [k % len(texts) for k in range(count)]
        return [f.phrase for f in with_pairwise(
            [], [texts[k] for k in picked], [streams[k] for k in picked], vocabulary,
            [articles[k].date for k in picked], [[] for _ in picked], "en")]

    for count in (len(texts), FEW_ARTICLES - 1, FEW_ARTICLES, FEW_ARTICLES + 5):
        assert SLOGAN in listed(count), count


def test_the_planted_fixtures_slogan_and_its_variant_are_one_formulation(tmp_path: Path) -> None:
    # The English fixture: 30 articles, a slogan in 8 of them, one word swapped in 3 of
    # those from July on; no two of its articles show the two forms together.
    fixture = ROOT / "tests" / "fixtures" / "collection" / "en"
    [planted] = json.loads((fixture / "truth.json").read_text(encoding="utf-8"))["formulations"]
    report = _report(tmp_path, fixture / "collection.jsonl")
    assert len(report["documents"]) > FEW_ARTICLES
    [found] = [f for f in report["formulations"]
               if planted["phrase"].endswith(f["phrase"]) or f["phrase"] == planted["phrase"]]
    assert len(found["variants"]) == 1 and found["variants"][0].endswith("every craft")
    assert (found["documents"], found["count"]) == (planted["documents"], planted["count"])
    assert found["first"] == planted["first"]


def test_a_few_long_documents_are_not_read_two_by_two() -> None:
    # Each article written out again and again, until reading every two of them would go
    # through more tokens than the budget: the finder's figures (repeats) are what count.
    articles = list(read_sources([FEW]))
    vocabulary = Vocabulary()
    texts = [a.text for a in articles]
    tokens = sum(len(s) for s in tokenize_articles(texts, Vocabulary(),
                                                   collection_normalizer()))
    times = PAIR_BUDGET // ((len(texts) - 1) * tokens) + 1
    long = ["\n\n".join([text] * times) for text in texts]
    streams = tokenize_articles(long, vocabulary, collection_normalizer())
    assert (len(long) - 1) * sum(len(s) for s in streams) > PAIR_BUDGET
    assert with_pairwise([], long, streams, vocabulary, [a.date for a in articles],
                         [[] for _ in long], "en") == []


def test_articles_added_to_a_collection_read_two_by_two_give_what_indexing_at_once_gives(
        tmp_path: Path) -> None:
    # 40 articles, three of the five that use the planted set phrase held back: the 37 do
    # not list it. Added, they grow the collection by less than a full run of the finder
    # otherwise waits for; but a collection read two by two is read afresh, and lists it.
    planted = make_collection(documents=40)
    held = set(planted.phrase_docs[2:])
    first = planted.write(tmp_path / "first.jsonl",
                          [r for r in planted.rows if r["id"] not in held])
    rest = planted.write(tmp_path / "rest.jsonl", [r for r in planted.rows if r["id"] in held])
    assert len(held) / (len(planted.rows) - len(held)) <= FULL_RUN_GROWTH

    def listed(report: dict) -> dict[str, tuple[int, int]]:
        return {f["phrase"]: (f["documents"], f["count"]) for f in report["formulations"]}

    once = listed(embedded_report(planted.write(tmp_path / "all.jsonl"),
                                  tmp_path / "once.sqlite"))
    assert SET_PHRASE in once
    with CollectionStore.create_or_open(tmp_path / "grown.sqlite") as store:
        add_sources(store, [first], workers=1)
        assert SET_PHRASE not in listed(store.report())
        add_sources(store, [first, rest], workers=1)
        assert listed(store.report()) == once


def test_a_slogan_set_between_commas_is_no_sentence_of_its_own() -> None:
    # A clause of its own (between commas) in every article that uses it: set into its
    # sentences, not a sentence quoted whole.
    slogan = "全面建成小康社会"
    openings = ["今年经济运行总体平稳", "各地加快推进项目建设", "市场消费持续回暖",
                "农业生产形势良好"]
    texts = [f"{openings[k % 4]}。会议强调，{slogan}，必须坚持第{k + 1}项改革。"
             if k % 2 == 0 else f"{openings[k % 4]}，{slogan}，是第{k + 1}年的任务。"
             for k in range(8)]
    vocabulary = Vocabulary()
    streams = tokenize_articles(texts, vocabulary, collection_normalizer())
    found = {f.phrase: f.documents for f in with_pairwise(
        [], texts, streams, vocabulary, [""] * len(texts), [[] for _ in texts], "zh")}
    assert found.get(slogan) == len(texts)


def test_many_short_articles_are_not_read_two_by_two() -> None:
    # The five articles written out again and again, as many as make more pairs than are
    # read: few tokens, but each pair costs its time however short its articles.
    articles = list(read_sources([FEW]))
    vocabulary = Vocabulary()
    texts = [a.text for a in articles]
    streams = tokenize_articles(texts, vocabulary, collection_normalizer())
    count = next(n for n in range(len(texts), 200) if n * (n - 1) // 2 > MOST_PAIRS)
    picked = [k % len(texts) for k in range(count)]
    assert (count - 1) * sum(len(streams[k]) for k in picked) <= PAIR_BUDGET
    assert with_pairwise([], [texts[k] for k in picked], [streams[k] for k in picked],
                         vocabulary, [articles[k].date for k in picked],
                         [[] for _ in picked], "en") == []


def test_two_contexts_of_a_phrase_used_on_its_own_are_not_variants() -> None:
    # "Mayor Ostrander said" in three articles, "Mayor Ostrander warned" in three others:
    # one word swapped at the end. Where "Mayor Ostrander" recurs on its own too, they are
    # the name in two contexts; where it is only their shared part, one phrase's forms.
    from viewer.core.collection.few_articles import _Found, _variants_joined

    said, warned, name = (1, 2, 3), (1, 2, 4), (1, 2)

    def found(form: tuple[int, ...], docs: range, span: tuple[int, int]) -> _Found:
        uses = {k: [span] for k in docs}
        return _Found([form], [uses], uses)

    for alone, joined in ((range(6, 9), False), (range(0), True)):
        inner = found(name, range(6), (0, 15))
        inner.merged.update({k: [(0, 15)] for k in alone})
        groups = _variants_joined([found(said, range(3), (0, 20)),
                                   found(warned, range(3, 6), (0, 22)), inner],
                                  lambda word: True, cjk=False, min_documents=3)
        assert any(said in g.forms and warned in g.forms for g in groups) == joined, alone


def test_a_form_two_joined_groups_hold_is_listed_once_with_the_uses_of_both() -> None:
    # Two pairs of articles read "... as the core" beside two other variants ("... at the
    # core", "... at its core"): the groups join, and the form they share is one form of
    # the formulation, not a variant of itself.
    from viewer.core.collection.few_articles import _Found, _variants_joined

    as_the, at_the, at_its = (1, 2, 3, 4, 5), (1, 2, 6, 4, 5), (1, 2, 6, 7, 5)

    def found(forms: list[tuple[int, ...]], docs: list[range]) -> _Found:
        uses = [{k: [(10 * f, 10 * f + 9)] for k in ks} for f, ks in enumerate(docs)]
        merged: dict[int, list[tuple[int, int]]] = {}
        for by_doc in uses:
            for k, spans in by_doc.items():
                merged.setdefault(k, []).extend(spans)
        return _Found(forms, uses, merged)

    [joined] = _variants_joined([found([as_the, at_the], [range(0, 3), range(3, 5)]),
                                 found([as_the, at_its], [range(2, 4), range(5, 6)])],
                                lambda word: True, cjk=False, min_documents=3)
    assert sorted(joined.forms) == sorted([as_the, at_the, at_its])
    assert joined.forms[0] == as_the
    assert sorted(joined.uses[0]) == [0, 1, 2, 3]
    assert joined.uses[0][2] == [(0, 9)]  # read by both groups, listed once


@pytest.mark.parametrize("one, other, joined", [
    ("alkali metals", "alkali metal", True),
    # The ending says a plural; the lexicon says "economics" is a word of its own.
    ("economics professors", "economic professors", False),
])
def test_forms_of_one_phrase_in_different_articles_are_one_formulation(
        one: str, other: str, joined: bool) -> None:
    # `one` in three articles, `other` in three others: no two articles show both, and the
    # two-text finder counts a word's forms as one: so does the collection.
    rng = random.Random(5)
    consonants, vowels = "bdfgklmnprstvz", "aeiou"
    filler = sorted({rng.choice(consonants) + rng.choice(vowels) + rng.choice(consonants)
                     + rng.choice(vowels) + rng.choice("nrst") for _ in range(400)})

    def sentence() -> str:
        return " ".join(rng.sample(filler, 8)).capitalize() + "."

    texts = []
    for k in range(6):
        form = one if k < 3 else other
        texts.append(" ".join([sentence(), f"The {form} {rng.choice(filler)} again.",
                               sentence(), sentence()]))
    vocabulary = Vocabulary()
    streams = tokenize_articles(texts, vocabulary, collection_normalizer())
    found = with_pairwise([], texts, streams, vocabulary, [""] * len(texts),
                          [[] for _ in texts], "en")
    shared = one.split()[1]
    listed = [(f.phrase, f.variants, f.documents) for f in found if shared in f.phrase]
    assert listed == ([(one, (other,), 6)] if joined else [(one, (), 3), (other, (), 3)])
