"""The collection engine end to end on small collections written here: pairs equal what
`compare()` finds, clusters, boilerplate, formulations, incremental adds."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from functools import partial
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest

from tests.collection.planted import (
    BOILERPLATE,
    CHAIN_SENTENCE,
    COMMON_SENTENCE,
    EDGE_EDITED,
    EDGE_EDITED_DOCS,
    EDITED_DOCS,
    EDITED_SENTENCE,
    EDITED_SENTENCE_DOCS,
    EDITED_SOURCE,
    EVERY_FEW_WORDS,
    EVERY_FEW_WORDS_DOCS,
    FORMULA_COPIES,
    FURNITURE_PAIR,
    RARE_RUN,
    REPRINTED_SLOGAN,
    SET_PHRASE,
    Planted,
    embedded_report,
    make_collection,
    with_chance_run_before_footer,
    with_common_sentence,
    with_disclaimer,
    with_edited_sentence,
    with_formula_between_copies,
    with_frame,
    with_furniture_pair,
    with_press_release,
    with_rare_run_beside_copy,
    with_reprinted_slogan,
    with_sentence_chain,
    with_sentence_edited_at_its_edge,
    with_sentence_edited_every_few_words,
    with_short_edited_copy,
    with_wire_story,
)
from tests.conftest import FIXTURES as ALL_FIXTURES
from viewer.collection.engine import add_sources
from viewer.collection.store import CollectionStore
from viewer.core.collection.formulations import FINDER_VERSION
from viewer.core.collection.index import document_grams
from viewer.core.compare import compare
from viewer.core.document import Document
from viewer.core.han_script import to_simplified
from viewer.core.normalize import KEYS_VERSION
from viewer.core.shared import MATCHER_VERSION

FIXTURES = ALL_FIXTURES / "collection"


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict]:
    folder = tmp_path_factory.mktemp("collection")
    planted = make_collection()
    source = planted.write(folder / "all.jsonl")
    report = embedded_report(source, folder / "store.sqlite")
    return report, {"planted": planted, "folder": folder}


def _listed_pairs(planted: Planted, folder: Path) -> set[frozenset[str]]:
    """The pairs the embedded engine lists for `planted`, indexed into a store in `folder`."""
    report = embedded_report(planted.write(folder / "all.jsonl"), folder / "store.sqlite")
    return {frozenset((p["a"], p["b"])) for p in report["pairs"]}


def _passages(report: dict, a: str, b: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    for pair in report["pairs"]:
        if {pair["a"], pair["b"]} == {a, b}:
            flip = pair["a"] != a
            return sorted((tuple(p["b"]), tuple(p["a"])) if flip else (tuple(p["a"]), tuple(p["b"]))
                          for p in pair["passages"])
    return []


def test_contract_fields(indexed: tuple[dict, dict]) -> None:
    report, _ = indexed
    assert list(report) == ["version", "kind", "documents", "pairs", "clusters",
                            "formulations", "boilerplate", "skipped"]
    assert report["version"] == 1 and report["kind"] == "collection"
    texts = {row["id"]: row["text"] for row in indexed[1]["planted"].rows}
    for doc in report["documents"]:
        assert doc["chars"] == len(texts[doc["id"]])
    for pair in report["pairs"]:
        assert set(pair) == {"a", "b", "passages", "shared_a", "shared_b"}
        assert 0 < pair["shared_a"] <= 1 and 0 < pair["shared_b"] <= 1


def test_every_pair_lists_exactly_what_compare_finds(indexed: tuple[dict, dict]) -> None:
    report, extra = indexed
    texts = {row["id"]: row["text"] for row in extra["planted"].rows}
    assert report["pairs"]
    for pair in report["pairs"]:
        a, b = pair["a"], pair["b"]
        comparison = compare(Document(texts[a], a), Document(texts[b], b))
        expected = sorted((p.a, p.b) for p in comparison.shared_phrases)
        assert _passages(report, a, b) == expected
        words = sorted(p.words for p in comparison.shared_phrases)
        assert sorted(p["words"] for p in pair["passages"]) == words
        # The pair list's shares are the ones the opened pair shows.
        stats = comparison.stats
        assert (pair["shared_a"], pair["shared_b"]) == (stats.shared_chars_a,
                                                        stats.shared_chars_b)


def test_a_pair_lists_no_passage_shorter_than_a_copy_that_lists_pairs(tmp_path: Path) -> None:
    # Six rare words met by chance in the two articles of the planted copy, far from it:
    # compare() shows them, the collection lists the copy alone (and clusters only it).
    planted = make_collection(documents=36)
    with_rare_run_beside_copy(planted)
    texts = [planted.by_id()[doc]["text"] for doc in ("d002", "d009")]
    shared = compare(Document(texts[0], "d002"), Document(texts[1], "d009")).shared_phrases
    chance = [p.a for p in shared if RARE_RUN in texts[0][slice(*p.a)]]
    assert chance and len(shared) == 2
    report = embedded_report(planted.write(tmp_path / "all.jsonl"), tmp_path / "s.sqlite")
    listed = _passages(report, "d002", "d009")
    assert [a for a, _ in listed] == [p.a for p in shared if p.a not in chance]
    clustered = {tuple(p["span"]) for c in report["clusters"] for p in c["passages"]
                 if p["doc"] == "d002"}
    assert not clustered & set(chance)


def test_planted_copies_and_chain_are_found_with_direction(indexed: tuple[dict, dict]) -> None:
    report, extra = indexed
    planted = extra["planted"]
    texts = {row["id"]: row["text"] for row in planted.rows}
    listed = {(p["a"], p["b"]) for p in report["pairs"]}
    for source, copy, passage in planted.copies:
        assert (source, copy) in listed  # the earlier article is `a`
        (span_a, span_b), = _passages(report, source, copy)
        start = texts[source].index(passage)
        assert span_a == (start, start + len(passage))  # with the full stop both have
    chain = planted.chain
    assert {(chain[0], chain[1]), (chain[0], chain[2]), (chain[1], chain[2])} <= listed
    holding = [c for c in report["clusters"]
               if {p["doc"] for p in c["passages"]} >= set(chain)]
    assert len(holding) == 1 and holding[0]["first"] == chain[0]
    assert [p["doc"] for p in holding[0]["passages"]] == chain


def test_pairs_of_equal_words_rank_by_their_larger_share_then_by_id(tmp_path: Path) -> None:
    # The chain's passage also makes up most of a short brief whose id sorts last: its
    # pairs share as many words as the chain's others, and far more of the brief.
    planted = make_collection()
    passage = planted.by_id()[planted.chain[0]]["text"].split("\n\n")[3]
    planted.rows.append({"id": "d999", "series": "s2", "date": "2021-03-27",
                         "text": f"Brief\n\n{passage}\n"})
    pairs = embedded_report(planted.write(tmp_path / "all.jsonl"),
                            tmp_path / "store.sqlite")["pairs"]
    keys = [(-sum(p["words"] for p in pair["passages"]),
             -max(pair["shared_a"], pair["shared_b"]),
             -min(pair["shared_a"], pair["shared_b"]), pair["a"], pair["b"])
            for pair in pairs]
    brief = [k for k, pair in enumerate(pairs) if "d999" in (pair["a"], pair["b"])]
    tied = [k for k, pair in enumerate(pairs) if keys[k][0] == keys[brief[0]][0]]
    assert len(brief) == 3 and len(tied) == 6 and brief == tied[:3]
    assert keys == sorted(keys)
    # A store an older Tandem wrote ranked them by words and ids alone: read, it ranks
    # them as a new one does.
    with sqlite3.connect(tmp_path / "store.sqlite") as connection:
        connection.execute("UPDATE result_pairs SET rank = -rank")
    with CollectionStore.open(tmp_path / "store.sqlite") as opened:
        assert [(p.a, p.b) for p in opened.pairs()] == [(p["a"], p["b"]) for p in pairs]


def test_boilerplate_listed_once_and_kept_out_of_pairs(indexed: tuple[dict, dict]) -> None:
    report, extra = indexed
    planted = extra["planted"]
    assert report["boilerplate"] == [
        {"series": planted.boilerplate_series, "text": BOILERPLATE,
         "documents": sum(r["series"] == planted.boilerplate_series for r in planted.rows)}]
    texts = {row["id"]: row["text"] for row in planted.rows}
    for pair in report["pairs"]:
        for p in pair["passages"]:
            assert BOILERPLATE not in texts[pair["a"]][p["a"][0]:p["a"][1]]


def test_a_set_phrase_shared_by_articles_is_not_a_pair(indexed: tuple[dict, dict]) -> None:
    report, extra = indexed
    planted = extra["planted"]
    phrase_pairs = [p for p in report["pairs"]
                    if {p["a"], p["b"]} <= set(planted.phrase_docs)]
    assert phrase_pairs == []
    texts = {row["id"]: row["text"] for row in planted.rows}
    for pair in report["pairs"]:
        for p in pair["passages"]:
            assert SET_PHRASE not in texts[pair["a"]][p["a"][0]:p["a"][1]]
    for item in report["formulations"]:  # what the finder lists comes in the contract's form
        assert set(item) == {"phrase", "variants", "documents", "count", "first",
                             "per_month", "occurrences"}


def test_a_passage_in_more_articles_than_the_cap_is_paired_with_its_first(
        tmp_path: Path) -> None:
    planted = make_collection(documents=50)
    carriers = with_press_release(planted, copies=30)  # the cap is 20 articles
    source = planted.write(tmp_path / "release.jsonl")
    report = embedded_report(source, tmp_path / "store.sqlite")
    texts = {row["id"]: row["text"] for row in planted.rows}
    release = max(texts["d001"].split("\n\n")[1:], key=lambda p: len(p.split()))
    start, length = texts["d001"].index(release), len(release)  # the paragraph, full stop too
    for copy in carriers[1:]:
        at = texts[copy].index(release)
        assert _passages(report, "d001", copy) == [((start, start + length), (at, at + length))]
    cluster = next(c for c in report["clusters"]
                   if {p["doc"] for p in c["passages"]} == set(carriers))
    assert cluster["first"] == "d001"
    assert not any(item["phrase"] in release for item in report["formulations"])


def test_a_story_in_more_articles_than_the_furniture_pairs_each_copy_with_its_source(
        tmp_path: Path) -> None:
    # 211 of 450 articles are one story: above the share of the collection that is its
    # furniture, as a disclaimer under 230 others' own text is. The disclaimer pairs none
    # of those; the story, the whole of each article carrying it, is a copy.
    planted = make_collection(documents=240)
    disclaimed = with_disclaimer(planted, range(10, 240))
    carriers = with_wire_story(planted, copies=210)
    report = embedded_report(planted.write(tmp_path / "wire.jsonl"), tmp_path / "s.sqlite")
    texts = {row["id"]: row["text"] for row in planted.rows}
    story = texts["d001"].rstrip("\n")
    for copy in carriers[1:]:
        at = texts[copy].index(story)
        assert _passages(report, "d001", copy) == [((0, len(story)), (at, at + len(story)))]
    cluster = next(c for c in report["clusters"] if c["first"] == "d001")
    assert {p["doc"] for p in cluster["passages"]} == set(carriers)
    assert not any(item["phrase"] in story for item in report["formulations"])
    planted_pairs = {frozenset(("d002", "d009")), *map(frozenset, combinations(planted.chain, 2))}
    listed = {frozenset((p["a"], p["b"])) for p in report["pairs"]}
    assert {pair for pair in listed if pair <= set(disclaimed)} <= planted_pairs


def test_a_passage_in_more_articles_than_the_cap_added_first_later_pairs_as_at_once(
        tmp_path: Path) -> None:
    # The press release's first article comes in a later dump: paired with the first
    # article holding it, as indexing the dump afresh pairs them, not with the first of
    # those the store held before.
    planted = make_collection(documents=50)
    carriers = with_press_release(planted, copies=30)
    fresh = embedded_report(planted.write(tmp_path / "fresh.jsonl"), tmp_path / "fresh.sqlite")
    dump = tmp_path / "dump.jsonl"
    with CollectionStore.create_or_open(tmp_path / "store.sqlite") as store:
        add_sources(store, [planted.write(dump, planted.rows[1:])], workers=1)
        add_sources(store, [planted.write(dump)], workers=1)
        report = store.report()
    assert {p["a"] for p in fresh["pairs"] if p["b"] in carriers[1:]} == {carriers[0]}
    assert report["pairs"] == fresh["pairs"]
    assert report["clusters"] == fresh["clusters"]


def test_a_story_one_outlet_files_three_times_is_reuse_not_boilerplate(
        tmp_path: Path) -> None:
    # Every line of the three copies is in three of the outlet's articles; the copies
    # share all of it, so it is one story carried three times, the first by date first.
    story = (FIXTURES / "few" / "en" / "gazette" / "2024-03-04-harbour-plan.txt").read_text(
        encoding="utf-8")
    rows = [{"id": f"copy{k}", "series": "gazette", "date": f"2024-03-0{4 + k}",
             "text": story} for k in range(3)]
    report = embedded_report(Planted(rows=rows).write(tmp_path / "copies.jsonl"),
                             tmp_path / "store.sqlite")
    assert report["boilerplate"] == []
    assert [(p["a"], p["b"], p["shared_a"] > 0.95) for p in report["pairs"]] == [
        ("copy0", "copy1", True), ("copy0", "copy2", True), ("copy1", "copy2", True)]
    [cluster] = report["clusters"]
    assert cluster["first"] == "copy0"
    assert [p["doc"] for p in cluster["passages"]] == ["copy0", "copy1", "copy2"]


def test_a_formulation_in_articles_reprinted_whole_is_listed_by_its_writings(
        tmp_path: Path) -> None:
    # Seven articles hold the slogan, four of them as two articles reprinted whole: most of
    # its uses lie inside copies, but it recurs in five writings.
    reprints = ((60, 65), (80, 85))
    planted = with_reprinted_slogan((60, 70, 80, 90, 100), reprints)
    report = embedded_report(planted.write(tmp_path / "all.jsonl"), tmp_path / "store.sqlite")
    assert {frozenset((f"a{a:03d}", f"a{b:03d}")) for a, b in reprints} <= {
        frozenset((p["a"], p["b"])) for p in report["pairs"]}
    found = [item for item in report["formulations"] if item["phrase"] == REPRINTED_SLOGAN]
    holding = sorted(row["id"] for row in planted.rows if REPRINTED_SLOGAN in row["text"])
    assert [(item["documents"], item["first"]["doc"],
             [o["doc"] for o in item["occurrences"]]) for item in found] == [
        (len(holding), holding[0], holding)]


@pytest.mark.parametrize("name", ["en", "zh"])
@pytest.mark.parametrize("form", ["collection.jsonl", "articles"])
def test_fixture_collections_planted_reuse_is_found(tmp_path: Path, name: str,
                                                    form: str) -> None:
    folder = FIXTURES / name
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    with CollectionStore.create_or_open(tmp_path / "store.sqlite") as store:
        add_sources(store, [folder / form], workers=1)
        report = store.report()
    ids = {Path(d["file"]).name: d["id"] for d in truth["documents"]}
    by_path = {d["id"]: d["path"] for d in report["documents"]}

    def named(doc: str) -> str:  # folders name articles by file, JSON lines by id
        return ids.get(Path(by_path[doc]).name, doc) if form == "articles" else doc

    listed = {frozenset((named(p["a"]), named(p["b"]))) for p in report["pairs"]}
    planted = {frozenset((p["a"], p["b"])) for p in truth["pairs"]}
    assert listed == planted
    for chain in truth["clusters"]:
        members = [p["doc"] for p in chain["passages"]]
        holding = [c for c in report["clusters"]
                   if {named(p["doc"]) for p in c["passages"]} >= set(members)]
        assert len(holding) == 1 and named(holding[0]["first"]) == chain["first"]
    assert [(b["series"], b["text"]) for b in report["boilerplate"]] == [
        (b["series"], b["text"]) for b in truth["boilerplate"]]


def test_adding_articles_later_gives_what_indexing_all_at_once_gives(
        indexed: tuple[dict, dict], tmp_path: Path) -> None:
    report, extra = indexed
    planted = extra["planted"]
    first = planted.write(tmp_path / "first.jsonl", planted.rows[:12])
    everything = planted.write(tmp_path / "all.jsonl")
    with CollectionStore.create_or_open(tmp_path / "store.sqlite") as store:
        add_sources(store, [first], workers=1)
        assert store.document_count() == 12
        summary = add_sources(store, [everything], workers=2)
        assert (summary.added, summary.unchanged, summary.changed) == (18, 12, 0)
        assert store.report()["pairs"] == report["pairs"]
        assert store.report()["clusters"] == report["clusters"]
        again = add_sources(store, [everything], workers=1)
        assert (again.added, again.aligned_pairs) == (0, 0)


def test_tokens_read_compact_are_the_stored_tokens_in_half_the_memory(
        indexed: tuple[dict, dict]) -> None:
    with CollectionStore.open(indexed[1]["folder"] / "store.sqlite") as store:
        wide, compact = store.token_arrays(), store.token_arrays(compact=True)
        texts = store.texts()
    assert wide.keys() == compact.keys() and len(wide) == 30
    for num, arrays in wide.items():
        for full, half in zip(arrays, compact[num], strict=True):
            assert full.dtype == np.int64 and half.dtype == np.int32
            assert np.array_equal(full, half)
        # The offsets read back the words of the stored text.
        _, starts, ends = compact[num]
        assert all(texts[num][s:e].strip() for s, e in zip(starts.tolist(), ends.tolist(),
                                                            strict=True))


def test_a_changed_article_is_aligned_again(tmp_path: Path) -> None:
    planted = make_collection(documents=20)
    source = planted.write(tmp_path / "a.jsonl")
    with CollectionStore.create_or_open(tmp_path / "store.sqlite") as store:
        add_sources(store, [source], workers=1)
        copy_id = planted.copies[0][1]
        assert any(copy_id in (p.a, p.b) for p in store.pairs())
        rows = [dict(r) for r in planted.rows]
        changed = next(r for r in rows if r["id"] == copy_id)
        changed["text"] = "A rewritten article with nothing copied at all."
        summary = add_sources(store, [planted.write(source, rows)], workers=1)
        assert summary.changed == 1
        assert not any(copy_id in (p.a, p.b) for p in store.pairs())
        assert store.text(copy_id) == changed["text"]


def test_an_article_given_another_date_gives_what_a_fresh_index_gives(tmp_path: Path) -> None:
    # The dump written again with a date corrected: the text is the same, but the
    # slogan's first article (a060) now comes after its others.
    planted = with_reprinted_slogan((60, 70, 80, 90, 100), ())
    with CollectionStore.create_or_open(tmp_path / "store.sqlite") as store:
        add_sources(store, [planted.write(tmp_path / "a.jsonl")], workers=1)
        [before] = store.report()["formulations"]
        assert before["first"]["doc"] == "a060"
        relabelled = planted.write(tmp_path / "a.jsonl", [
            dict(row, date="2021-12-31") if row["id"] == "a060" else row
            for row in planted.rows])
        summary = add_sources(store, [relabelled], workers=1)
        assert (summary.added, summary.changed, summary.unchanged) == (0, 1, 119)
        again = store.report()
    fresh = embedded_report(relabelled, tmp_path / "fresh.sqlite")
    assert fresh["formulations"][0]["first"]["doc"] == "a070"
    for part in ("documents", "pairs", "clusters", "formulations", "boilerplate"):
        assert again[part] == fresh[part], part


def test_a_store_aligned_by_another_matcher_version_is_aligned_again(
        indexed: tuple[dict, dict], tmp_path: Path) -> None:
    # A store whose passages an older matcher found (here: none kept, as if it had found
    # none, and no version noted) gets every pair aligned again by the next `add`, and
    # lists what indexing all at once lists.
    report, extra = indexed
    planted = extra["planted"]
    first = planted.write(tmp_path / "first.jsonl", planted.rows[:-1])
    everything = planted.write(tmp_path / "all.jsonl")
    with CollectionStore.create_or_open(tmp_path / "store.sqlite") as store:
        add_sources(store, [first], workers=1)
        with store.transaction():
            store.remove_all_passages()
            store.connection.execute("DELETE FROM meta WHERE key = 'matcher'")
        add_sources(store, [everything], workers=1)
        assert store.report()["pairs"] == report["pairs"]
        assert store.meta("matcher") == str(MATCHER_VERSION)


def test_a_store_whose_formulations_another_finder_version_found_finds_them_afresh(
        tmp_path: Path) -> None:
    # Formulations an older finder listed (here: none, as if it had found none) stay as
    # they are while its version is noted, only updated with new articles' uses; with
    # another version (here: none noted) the next `add` finds them afresh, though no
    # article changed, and lists what indexing all at once lists.
    planted = with_reprinted_slogan((60, 70, 80, 90, 100), ((60, 65), (80, 85)))
    source = planted.write(tmp_path / "all.jsonl")
    report = embedded_report(source, tmp_path / "once.sqlite")
    assert [item["phrase"] for item in report["formulations"]] == [REPRINTED_SLOGAN]
    with CollectionStore.create_or_open(tmp_path / "store.sqlite") as store:
        add_sources(store, [source], workers=1)
        with store.transaction():
            store.connection.execute("DELETE FROM result_formulations")
        add_sources(store, [source], workers=1)
        assert store.report()["formulations"] == []
        with store.transaction():
            store.connection.execute("DELETE FROM meta WHERE key = 'formulations_finder'")
        add_sources(store, [source], workers=1)
        assert store.report()["formulations"] == report["formulations"]
        assert store.meta("formulations_finder") == str(FINDER_VERSION)


def test_a_formulation_counts_no_use_in_boilerplate_of_articles_added_later(
        tmp_path: Path) -> None:
    # The set phrase in a sentence of a third of the other series' articles, and in the
    # footer (boilerplate) of every article of the boilerplate's series: indexed at once,
    # its uses in the footer are not counted. Five articles of that series added later,
    # too few to find formulations afresh, must not count theirs either.
    planted = make_collection(documents=100)
    for row in planted.rows:
        row["text"] = row["text"].replace(BOILERPLATE, f"{BOILERPLATE}. Motto: {SET_PHRASE}.")
        if row["series"] != planted.boilerplate_series and int(row["id"][1:]) % 3 == 0:
            head, rest = row["text"].split("\n\n", 1)
            words = rest.split(" ")
            row["text"] = f"{head}\n\n" + " ".join([*words[:9], SET_PHRASE, *words[9:]])
    late = [row["id"] for row in planted.rows[20:]
            if row["series"] == planted.boilerplate_series][:5]
    _late_uses_are_not_counted(planted, late, tmp_path)


def _late_uses_are_not_counted(planted: Planted, late: list[str], tmp_path: Path) -> None:
    """Indexed at once, the articles `late` hold no use of SET_PHRASE; added later, too
    few to find formulations afresh, they gain none either: the formulations are those
    of indexing at once."""
    first = planted.write(tmp_path / "first.jsonl",
                          [row for row in planted.rows if row["id"] not in late])
    rest = planted.write(tmp_path / "rest.jsonl",
                         [row for row in planted.rows if row["id"] in late])
    once = embedded_report(planted.write(tmp_path / "all.jsonl"), tmp_path / "once.sqlite")
    [found] = [f for f in once["formulations"] if f["phrase"] == SET_PHRASE]
    assert not set(late) & {o["doc"] for o in found["occurrences"]}
    with CollectionStore.create_or_open(tmp_path / "store.sqlite") as store:
        add_sources(store, [first], workers=1)
        add_sources(store, [rest], workers=1)
        assert store.report()["formulations"] == once["formulations"]


def test_a_formulation_counts_no_words_across_a_sentence_end_in_articles_added_later(
        tmp_path: Path) -> None:
    # The set phrase in a sentence of a third of the articles; the last five hold its
    # words too, but across the end of a paragraph: indexed at once, no use of it there.
    # Added later, too few to find formulations afresh, they must not gain one either.
    planted = make_collection(documents=100)
    late = [row["id"] for row in planted.rows[-5:]]
    for row in planted.rows:
        if int(row["id"][1:]) % 3 == 0 or row["id"] in late:
            phrase = (SET_PHRASE.replace(" governance", ".\n\nGovernance")
                      if row["id"] in late else SET_PHRASE)
            head, rest = row["text"].split("\n\n", 1)
            words = rest.split(" ")
            row["text"] = f"{head}\n\n" + " ".join([*words[:9], phrase, *words[9:]])
    _late_uses_are_not_counted(planted, late, tmp_path)


#: A phrase of formulation length.
LONG_PHRASE = ("upholding the comprehensive coordinated development of green rural "
               "infrastructure across every province and region")
#: The three articles that open with a sentence made of it and three words.
WHOLE = ["d030", "d033", "d036"]
#: The four articles that open with it as a sentence of its own.
QUOTED = ["d030", "d033", "d036", "d039"]


def _long_phrase_in(inside: int, opening: Sequence[str] = WHOLE,
                    then: str = " drew wide praise.") -> Planted:
    """40 articles: LONG_PHRASE written into a sentence of `inside` of them, and opening
    the articles `opening` in a sentence made of it and `then`, copied whole."""
    planted = make_collection(documents=40)
    rows = planted.by_id()
    for doc in [f"d{k:03d}" for k in range(21, 21 + inside)]:
        head, first, rest = rows[doc]["text"].split("\n\n", 2)
        cut = first.index(" ", len(first) // 2)
        rows[doc]["text"] = f"{head}\n\n{first[:cut]} {LONG_PHRASE}{first[cut:]}\n\n{rest}"
    for doc in opening:
        head, rest = rows[doc]["text"].split("\n\n", 1)
        sentence = LONG_PHRASE.capitalize() + then
        rows[doc]["text"] = f"{head}\n\n{sentence} {rest}"
    return planted


def test_a_sentence_copied_whole_is_a_pair_however_common_its_words(tmp_path: Path) -> None:
    # Its n-grams are in eight articles, as set phrasing's are; but it is a whole
    # sentence on both sides, and the phrase, in four other articles, is no formulation:
    # a sentence of its own in half of its uses, it is quoted as much as it is set down.
    planted = _long_phrase_in(4, QUOTED, ".")
    listed = _listed_pairs(planted, tmp_path)
    assert {frozenset((a, b)) for a in QUOTED for b in QUOTED if a < b} <= listed
    assert not [pair for pair in listed if pair & {f"d{k:03d}" for k in range(21, 25)}]


def test_a_sentence_made_of_a_formulation_and_three_words_is_no_copy(tmp_path: Path) -> None:
    # Written freely into nine more articles, the phrase is a formulation of the
    # collection: the three sentences share nothing else but "drew wide praise".
    planted = _long_phrase_in(9)
    report = embedded_report(planted.write(tmp_path / "all.jsonl"), tmp_path / "store.sqlite")
    # Beside it, the set phrase planted in five articles (`make_collection`).
    assert [f["phrase"] for f in report["formulations"]] == [LONG_PHRASE, SET_PHRASE]
    assert not [p for p in report["pairs"] if {p["a"], p["b"]} & set(WHOLE)]


def test_a_sentence_copied_with_a_word_swapped_is_a_pair_as_compare_shows_it(
        tmp_path: Path) -> None:
    # Its runs of six and five words are each shorter than a copy's (`MIN_PAIR_WORDS`),
    # but they make up a whole sentence on both sides.
    planted = make_collection(documents=36)
    with_edited_sentence(planted)
    report = embedded_report(planted.write(tmp_path / "all.jsonl"), tmp_path / "store.sqlite")
    assert _one_passage_as_compare_shows_it(planted, report, EDITED_SENTENCE_DOCS) == \
        EDITED_SENTENCE.format("ostiva")


def test_a_sentence_copied_with_a_word_of_its_own_at_its_edge_is_a_pair_as_compare_shows_it(
        tmp_path: Path) -> None:
    # Its runs of three and seven words are shorter than a copy's, and the passage the
    # matcher aligns leaves out the word opening the copy's sentence: no whole sentence
    # there, but the sentence around it is the source's, one word swapped.
    planted, _, report = _indexed_with(with_sentence_edited_at_its_edge, tmp_path)
    assert _one_passage_as_compare_shows_it(planted, report, EDGE_EDITED_DOCS) == \
        EDGE_EDITED.format("pelgrove")


def _one_passage_as_compare_shows_it(planted: Planted, report: dict,
                                     pair: tuple[str, str]) -> str:
    """Asserts that the report lists the pair with exactly the passages `compare()` finds
    for its two texts, one passage; returns its text in the first."""
    a, b = pair
    rows = planted.by_id()
    shared = compare(Document(rows[a]["text"], a), Document(rows[b]["text"], b)).shared_phrases
    spans = [(phrase.a, phrase.b) for phrase in shared]
    assert _passages(report, a, b) == spans
    (span_a, _), = spans
    return rows[a]["text"][slice(*span_a)]


def _indexed_with(plant: Callable[[Planted], object], folder: Path) -> tuple[Planted, Path, dict]:
    """A collection of 36 articles with what `plant` writes, its JSON lines and the report
    of its store (`once.sqlite` in `folder`)."""
    planted = make_collection(documents=36)
    plant(planted)
    source = planted.write(folder / "all.jsonl")
    return planted, source, embedded_report(source, folder / "once.sqlite")


def _dropped_once_a_third_holds(planted: Planted, pair: tuple[str, str], run: str,
                                store: Path, folder: Path) -> None:
    """Asserts that once a later article holds `run`, neither a fresh run of everything
    nor `store` brought up to date lists the pair."""
    third = {"id": "d099", "series": "s0", "date": "2021-03-30",
             "text": f"Title of d099\n\nWe read {run} only.\n"}
    everything = planted.write(folder / "more.jsonl", [*planted.rows, third])
    fresh = embedded_report(everything, folder / "fresh.sqlite")
    assert frozenset(pair) not in {frozenset((p["a"], p["b"])) for p in fresh["pairs"]}
    with CollectionStore.create_or_open(store) as indexed:
        add_sources(indexed, [everything], workers=1)
        assert indexed.report()["pairs"] == fresh["pairs"]


def test_a_sentence_edited_every_few_words_is_a_pair_at_once_or_added_later(
        tmp_path: Path) -> None:
    # Its runs give the two articles two n-grams of their own, fewer than pair articles by
    # the index alone; the sentence around them is one sentence on both sides.
    planted, everything, report = _indexed_with(with_sentence_edited_every_few_words, tmp_path)
    assert _one_passage_as_compare_shows_it(planted, report, EVERY_FEW_WORDS_DOCS) == \
        EVERY_FEW_WORDS.format("ulmeno", "garvit")
    # Added after its source, the copy is paired, and kept as more articles come, as in
    # one run of everything.
    with CollectionStore.create_or_open(tmp_path / "later.sqlite") as store:
        for end in (16, 20):
            add_sources(store, [planted.write(tmp_path / f"first{end}.jsonl",
                                              planted.rows[:end])], workers=1)
        add_sources(store, [everything], workers=1)
        assert store.report()["pairs"] == report["pairs"]
    # Once a third article holds its run of six, the two hold no n-gram of their own: the
    # store drops the pair, as a fresh run of the whole collection does not list it.
    _dropped_once_a_third_holds(planted, EVERY_FEW_WORDS_DOCS,
                                " ".join(EVERY_FEW_WORDS.split()[5:11]),
                                tmp_path / "later.sqlite", tmp_path)


@pytest.mark.parametrize("plant", [
    # The boilerplate's five words say nothing about copying; seven words are chance.
    with_chance_run_before_footer,
    # Two census counts align across their names and numbers as one sentence edited: 22
    # words from end to end, but each states numbers the other does not, and the longest
    # run the two share is five words.
    partial(with_frame, name="census-counts"),
    # Two verses on one frame align as one sentence edited: 23 words from end to end, but
    # ten words of what each says part the runs they share, of six words and four.
    partial(with_frame, name="verses"),
    # Two verses with one formula, each edited, align as one sentence: 21 words, but its
    # runs of six words are parted by twelve of 14:22 that 5:7 has not. "two turtledoves,
    # or two young pigeons" is one figure alike, not the two that would make them one report.
    partial(with_frame, name="offerings"),
    # Two kings' deaths in one formula: 23 words from end to end, 19 shared, but each
    # names two kings the other does not, and the longest run is six words.
    partial(with_frame, name="kings"),
], ids=["chance-run-beside-boilerplate", "census-counts-in-one-frame", "verses-on-one-frame",
        "offerings-with-one-formula", "kings-in-one-formula"])
def test_what_only_looks_like_a_copy_makes_no_pair(
        plant: Callable[[Planted], tuple[str, str]], tmp_path: Path) -> None:
    planted = make_collection(documents=36)
    documents = plant(planted)
    listed = _listed_pairs(planted, tmp_path)
    assert frozenset(documents) not in listed
    assert frozenset(("d002", "d009")) in listed  # the planted copy


def test_two_copies_that_each_hold_one_formula_are_no_pairs_of_one_another(
        tmp_path: Path) -> None:
    # Each article of one copy aligns with each of the other by its formula, as a sentence
    # lightly edited (17 words), with runs of five.
    planted = make_collection(documents=36)
    with_formula_between_copies(planted)
    listed = _listed_pairs(planted, tmp_path)
    (source_1, copy_1, _), (source_2, copy_2, _) = FORMULA_COPIES
    assert {frozenset((source_1, copy_1)), frozenset((source_2, copy_2))} <= listed
    assert not {frozenset((x, y)) for x in (source_1, copy_1)
                for y in (source_2, copy_2)} & listed
    # Opened side by side, the two show their formula.
    rows = planted.by_id()
    shared = compare(Document(rows[source_1]["text"], "a"),
                     Document(rows[source_2]["text"], "b")).shared_phrases
    assert any(rows[source_1]["text"][slice(*p.a)].startswith("the word of the LORD")
               for p in shared)


def test_a_sentence_in_most_articles_lists_no_pair_that_something_else_made_a_candidate(
        tmp_path: Path) -> None:
    # Two articles follow the sentence of 24 articles in 36 with the same seven words:
    # a run of 26 words, of which all but seven are the collection's furniture, which
    # pairs no articles.
    planted = make_collection(documents=36)
    with_common_sentence(planted)
    with_furniture_pair(planted)
    report = embedded_report(planted.write(tmp_path / "all.jsonl"), tmp_path / "store.sqlite")
    listed = {frozenset((p["a"], p["b"])) for p in report["pairs"]}
    assert frozenset(FURNITURE_PAIR) not in listed
    # A copy between two of those articles is listed, the sentence among its passages.
    assert frozenset(("d002", "d009")) in listed
    text = planted.by_id()["d002"]["text"]
    start = text.index(COMMON_SENTENCE)
    assert ((start, start + len(COMMON_SENTENCE)), ) == tuple(
        span for span, _ in _passages(report, "d002", "d009") if span[0] == start)


@pytest.mark.parametrize(("copies", "whole", "paired"), [
    (5, True, True),  # one sentence copied along a chain of five articles
    (9, True, False),  # a sentence in as many articles as a formulation is
    (5, False, False),  # the same words inside a sentence of each article: set phrasing
])
def test_one_short_sentence_copied_along_a_chain_pairs_its_articles(
        tmp_path: Path, copies: int, whole: bool, paired: bool) -> None:
    # Its n-grams recur in five articles, as a set phrase's do; but set phrases are
    # written into sentences, and a sentence shared whole is copied.
    planted, docs = with_sentence_chain(copies, whole=whole)
    report = embedded_report(planted.write(tmp_path / "chain.jsonl"), tmp_path / "s.sqlite")
    chained = {frozenset(pair) for pair in combinations(docs, 2)}
    listed = {frozenset((p["a"], p["b"])) for p in report["pairs"]}
    assert (chained & listed) == (chained if paired else set())
    for pair in combinations(docs, 2) if paired else ():
        # Each pair shows the sentence, as the two opened side by side show it.
        assert CHAIN_SENTENCE.rstrip(".") in _one_passage_as_compare_shows_it(
            planted, report, pair)


def test_a_short_copy_edited_every_few_words_is_a_pair_until_a_third_holds_its_run(
        tmp_path: Path) -> None:
    # Its longest unchanged run is seven words, held by the two articles alone; once a
    # later article holds that run too, the run is as likely a common turn of phrase, and
    # the store drops the pair as a fresh run of the whole collection would not list it.
    planted, _, once = _indexed_with(with_short_edited_copy, tmp_path)
    pair = frozenset(EDITED_DOCS)
    assert pair in {frozenset((p["a"], p["b"])) for p in once["pairs"]}
    _dropped_once_a_third_holds(planted, EDITED_DOCS, " ".join(EDITED_SOURCE.split()[:7]),
                                tmp_path / "once.sqlite", tmp_path)


def test_two_census_counts_still_show_what_they_share_side_by_side() -> None:
    # Not a pair of the collection, but opened side by side the two show their frame.
    planted = make_collection(documents=36)
    texts = [planted.by_id()[doc]["text"] for doc in with_frame(planted, "census-counts")]
    shared = compare(Document(texts[0], "a"), Document(texts[1], "b")).shared_phrases
    assert any(texts[0][slice(*p.a)].startswith("All that were numbered") for p in shared)


def _chinese_rows() -> list[dict]:
    """The small Chinese collection, then a Taiwan article and its mainland edition."""
    lines = (FIXTURES / "zh" / "collection.jsonl").read_text("utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    for doc_id, name, date in (("tw", "zh_hant.txt", "2023-05-01"),
                               ("cn", "zh_hans.txt", "2023-05-03")):
        rows.append({"id": doc_id, "series": doc_id, "date": date,
                     "text": (ALL_FIXTURES / "core" / name).read_text("utf-8")})
    return rows


def _write_rows(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def test_a_traditional_article_and_its_mainland_edition_are_a_pair(tmp_path: Path) -> None:
    rows = _chinese_rows()
    with CollectionStore.create_or_open(tmp_path / "store.sqlite") as store:
        add_sources(store, [_write_rows(tmp_path / "all.jsonl", rows)], workers=1)
        pair = next(p for p in store.pairs() if {p.a, p.b} == {"tw", "cn"})
        assert min(pair.shared_a, pair.shared_b) > 0.95
        expected = compare(Document(rows[-2]["text"], "tw"), Document(rows[-1]["text"], "cn"))
        assert [(tuple(p["a"]), tuple(p["b"])) for p in store.pair_passages("tw", "cn")] == [
            (p.a, p.b) for p in expected.shared_phrases]


def test_a_store_of_older_keys_reads_its_texts_again(tmp_path: Path) -> None:
    # Version 1 keyed a Chinese character as written: 國 and 国 were two words. A store it
    # wrote (made here from a current one, its keys put back as written) gets every text
    # tokenized again by the next `add`, and lists what indexing all at once lists.
    rows = _chinese_rows()
    with CollectionStore.create_or_open(tmp_path / "fresh.sqlite") as fresh:
        add_sources(fresh, [_write_rows(tmp_path / "all.jsonl", rows)], workers=1)
        expected = fresh.report()
    with CollectionStore.create_or_open(tmp_path / "old.sqlite") as store:
        add_sources(store, [_write_rows(tmp_path / "first.jsonl", rows[:-1])], workers=1)
        _key_as_version_one(store)
        assert "國" in store.vocabulary_keys()
        summary = add_sources(store, [tmp_path / "all.jsonl"], workers=1)
        assert (summary.added, summary.unchanged) == (1, len(rows) - 1)
        assert store.meta("keys") == str(KEYS_VERSION)
        assert "國" not in store.vocabulary_keys()
        report = store.report()
        for part in ("pairs", "clusters", "formulations", "boilerplate"):
            assert report[part] == expected[part]
        assert any({p["a"], p["b"]} == {"tw", "cn"} for p in report["pairs"])


def _key_as_version_one(store: CollectionStore) -> None:
    """Rewrite the store's vocabulary and tokens as version 1 keyed them: a Chinese
    character by itself (its simplified reading only since version 2)."""
    texts, old_keys = store.texts(), store.vocabulary_keys()
    keys: dict[str, int] = {}
    gram_n = int(store.meta("gram_n"))
    with store.transaction():
        for num, (ids, starts, ends) in sorted(store.token_arrays().items()):
            written = [texts[num][s:e] for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]
            as_one = [w if len(w) == 1 and to_simplified(w) != w else old_keys[k]
                      for w, k in zip(written, ids.tolist(), strict=True)]
            new_ids = np.array([keys.setdefault(key, len(keys)) for key in as_one])
            store.put_tokens(num, new_ids, starts, ends, document_grams(new_ids, gram_n))
        store.replace_vocabulary(list(keys))
        store.connection.execute("DELETE FROM meta WHERE key = 'keys'")


def test_notes_on_articles_indexed_all_the_same_are_kept_apart_from_skipped_inputs(
        tmp_path: Path) -> None:
    rows = [{"id": f"a{k}", "series": "s", "date": "2021-05-01", "text": f"Article {k}."}
            for k in range(3)]
    rows[1]["date"] = "May 2nd"
    first = _write_rows(tmp_path / "first.jsonl", rows)
    with first.open("a", encoding="utf-8") as stream:
        stream.write("not json\n")
    second = _write_rows(tmp_path / "second.jsonl", [{"id": "b", "text": "Another one."}])
    with CollectionStore.create_or_open(tmp_path / "store.sqlite") as store:
        add_sources(store, [first], workers=1)
        # A later add of another source keeps what the first one said, each as it was
        # (what was left out told before the notes).
        add_sources(store, [second], workers=1)
        assert [(row["path"], row["indexed"]) for row in store.skipped()] == [
            (f"{first}:4", False), (f"{first}:2", True)]
        assert store.report()["skipped"] == [{"path": row["path"], "reason": row["reason"]}
                                             for row in store.skipped()]
        # A store written before notes were kept apart reads them all as skipped, until
        # its next add writes the list again.
        with store.transaction():
            store.connection.execute("ALTER TABLE skipped DROP COLUMN indexed")
        assert [row["indexed"] for row in store.skipped()] == [False, False]
        add_sources(store, [first], workers=1)
        assert [(row["path"], row["indexed"]) for row in store.skipped()] == [
            (f"{first}:4", False), (f"{first}:2", True)]


def _news_folder(tmp_path: Path, articles: int) -> Path:
    """A folder "news" of `articles` short articles, a0.txt on."""
    folder = tmp_path / "news"
    folder.mkdir()
    for k in range(articles):
        (folder / f"a{k}.txt").write_text(f"Article {k} on the harbour plan.\n",
                                          encoding="utf-8")
    return folder


@pytest.mark.parametrize("sync", [False, True], ids=["add", "one-shot"])
def test_a_file_that_goes_away_while_the_folder_is_read_is_told_once(
        tmp_path: Path, sync: bool) -> None:
    # An add told such a file twice: skipped as gone, and again among the articles its
    # sources no longer hold (a note --quiet dropped, with what it said of the store).
    folder = _news_folder(tmp_path, 3)
    leaving = folder / "a2.txt"

    def remove_once_reading(stage: str, fraction: float) -> None:
        if stage == "Reading articles" and fraction > 0 and leaving.exists():
            leaving.unlink()

    with CollectionStore.create_or_open(tmp_path / "store.sqlite") as store:
        add_sources(store, [folder], sync=sync, workers=1)
        summary = add_sources(store, [folder], remove_once_reading, sync=sync, workers=1)
        assert not leaving.exists()
        assert (summary.skipped, summary.noted, summary.left) == (1, 0, ())
        [line] = summary.reported
        assert line.path == str(leaving) and line.reason.startswith("went away while")
        stays = "the article read from it before stays in the store as it was"
        assert (stays in line.reason) is not sync
        assert (summary.removed, "a2" in {d.id for d in store.documents()}) == (
            (1, False) if sync else (0, True))
        assert [(row["path"], row["reason"], row["indexed"]) for row in store.skipped()] == [
            (line.path, line.reason, False)]
        assert store.report()["skipped"] == [{"path": line.path, "reason": line.reason}]


@pytest.mark.parametrize("sync", [False, True], ids=["add", "one-shot"])
def test_the_note_on_an_article_kept_from_an_unreadable_file_says_how_to_drop_it(
        tmp_path: Path, sync: bool) -> None:
    # The note carried the loader's hint for someone opening one file ("choose a file
    # with text in it", "open a text, HTML, DOCX or PDF file"), which fits no file of a
    # folder whose article is kept, and said nothing of how to drop that article.
    folder = _news_folder(tmp_path, 4)
    with CollectionStore.create_or_open(tmp_path / "store.sqlite") as store:
        add_sources(store, [folder], sync=sync, workers=1)
        (folder / "a1.txt").write_bytes(b"")
        (folder / "a2.txt").write_bytes(b"PK\x03\x04 no archive")
        summary = add_sources(store, [folder], sync=sync, workers=1)
        drop = ("remove the file: the next run does" if sync else
                "remove the file, then run 'tandem corpus SOURCE... --store STORE'")
        reasons = {Path(item.path).name: item.reason for item in summary.reported}
        assert sorted(reasons) == ["a1.txt", "a2.txt"]
        assert reasons["a1.txt"].startswith("is empty; the article read from it before stays")
        assert reasons["a2.txt"].startswith("is a ZIP archive, not a Word document or an "
                                            "article; the article read from it before stays")
        for reason in reasons.values():
            assert "choose a file" not in reason and "open a" not in reason
            assert f"to drop it, {drop}" in reason
        # As it says: removed, the file's article goes with the run it names.
        (folder / "a1.txt").unlink()
        summary = add_sources(store, [folder], sync=True, workers=1)
        assert summary.removed == 1
        assert sorted(d.id for d in store.documents()) == ["a0", "a2", "a3"]


@pytest.mark.parametrize("sync", [False, True], ids=["add", "one-shot"])
def test_a_file_still_there_but_now_unreadable_keeps_its_article_with_one_note(
        tmp_path: Path, sync: bool) -> None:
    # An article file emptied (or damaged) after it was indexed kept its article unsaid
    # on add, and was listed both as an article and as skipped; the one-shot command
    # dropped it as though the file were gone.
    folder = _news_folder(tmp_path, 3)
    emptied = folder / "a1.txt"
    with CollectionStore.create_or_open(tmp_path / "store.sqlite") as store:
        add_sources(store, [folder], sync=sync, workers=1)
        emptied.write_bytes(b"")
        summary = add_sources(store, [folder], sync=sync, workers=1)
        assert (summary.removed, summary.unchanged, summary.kept) == (0, 2, 1)
        assert (summary.skipped, summary.noted) == (0, 1)
        assert store.text("a1") == "Article 1 on the harbour plan.\n"
        [note] = store.skipped()
        assert (note["path"], note["indexed"]) == (str(emptied), True)
        assert note["reason"].startswith("is empty")
        assert "the article read from it before stays in the store" in note["reason"]
        # Read again once it holds text: an article changed, the note gone.
        emptied.write_text("Article 1, rewritten.\n", encoding="utf-8")
        summary = add_sources(store, [folder], sync=sync, workers=1)
        assert (summary.changed, summary.kept, store.skipped()) == (1, 0, [])
    # A file never indexed that cannot be read is still skipped, as before.
    (folder / "a3.txt").write_bytes(b"")
    with CollectionStore.create_or_open(tmp_path / "store.sqlite") as store:
        summary = add_sources(store, [folder], sync=sync, workers=1)
        assert (summary.skipped, summary.kept) == (1, 0)
        assert [row["indexed"] for row in store.skipped()] == [False]
