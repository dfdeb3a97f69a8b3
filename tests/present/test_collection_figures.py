"""A slogan's collection label: whole for reports and tooltips, short for a table's cell."""

from __future__ import annotations

from pathlib import Path

import pytest

from viewer.cli import run_compare
from viewer.collection.context import compare_in_collection
from viewer.collection.store import CollectionStore
from viewer.core.document import Document
from viewer.core.loading import load_document
from viewer.core.model import Comparison, Slogan, Stats
from viewer.core.settings import Settings
from viewer.present.collection_figures import collection_figures, outside_note, slogan_label

FIGURES = {"documents": 5, "of": 30, "first": {"doc": "x", "date": "2023-03-02"}}


@pytest.mark.parametrize("spans_a,spans_b,whole,short", [
    (((0, 5),), ((0, 5),), "common formulation · in 5/30 articles · first 2023-03-02",
     "common · 5/30"),
    (((0, 5),), (), "used by A only · in 5/30 articles · first 2023-03-02", "A only · 5/30"),
    ((), ((0, 5),), "used by B only · in 5/30 articles · first 2023-03-02", "B only · 5/30"),
    ((), (), "used by neither · in 5/30 articles · first 2023-03-02", "neither · 5/30"),
])
def test_a_label_whole_and_short(spans_a, spans_b, whole, short) -> None:  # type: ignore[no-untyped-def]
    slogan = Slogan("key core technologies", 3, spans_a, spans_b)
    assert slogan_label(FIGURES, slogan) == whole
    assert slogan_label(FIGURES, slogan, short=True) == short
    assert slogan_label(None, slogan, short=True) == ""


def test_the_figures_carry_the_short_labels_in_the_slogans_order() -> None:
    # Whole, the label wrapped every row of the window's Slogans tab to four lines.
    slogans = (Slogan("one", 1, ((0, 3),), ((0, 3),)), Slogan("two", 1, ((4, 7),), ()))
    comparison = Comparison(Document("one two", "a"), Document("one", "b"), Settings(), (),
                            slogans, (), Stats(0.0, 0.0, 0.0, 2, 1))
    context = {"slogans": [{"documents": 2, "of": 9}, None], "shared_phrases": [],
               "collection": {"documents": 9, "store": "/x/c.sqlite", "a": "x", "b": "y"}}
    figures = collection_figures(context, comparison)
    assert figures.slogans == ("shared only by these two · in 2/9 articles", "")
    assert figures.slogans_short == ("these two only · 2/9", "")


@pytest.mark.parametrize("a,b,documents,kind", [
    ("x", "y", 2, "shared only by these two"),  # A and B are the two
    ("x", "y", 3, "common formulation"),
    (None, None, 2, "common formulation"),  # neither is an article: two others use it
    (None, None, 0, "shared only by these two"),
    ("x", None, 2, "common formulation"),  # A and one other article
    ("x", None, 1, "shared only by these two"),
    ("x", "x", 2, "common formulation"),  # B is a copy of A: one article, and another
])
def test_a_slogan_both_use_is_theirs_only_when_no_other_article_uses_it(
        a: str | None, b: str | None, documents: int, kind: str) -> None:
    # The count is of the collection's articles: A and B are among them only when they are
    # its articles, so two that are not share with two others what two articles use.
    slogans = (Slogan("key core technologies", 3, ((0, 21),), ((0, 21),)),)
    text = "key core technologies"
    comparison = Comparison(Document(text, "a"), Document(text, "b"), Settings(), (),
                            slogans, (), Stats(0.0, 0.0, 0.0, 3, 3))
    context = {"slogans": [{"documents": documents, "of": 9}], "shared_phrases": [],
               "collection": {"documents": 9, "store": "/x/c.sqlite", "a": a, "b": b}}
    figures = collection_figures(context, comparison)
    assert figures.slogans == (f"{kind} · in {documents}/9 articles",)
    assert figures.slogans_short[0].startswith(
        "common · " if kind == "common formulation" else "these two only · ")


def test_a_store_holding_no_article_yet_says_so_not_that_a_and_b_are_none_of_its_own(
        tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # A store made and never filled (or whose every file was skipped) was told as one A and
    # B are not articles of "(0 articles; none has the same text)", with every slogan
    # "shared only by these two · in 0/0 articles".
    store = tmp_path / "empty.sqlite"
    with CollectionStore.create_or_open(store):
        pass
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Ferries\n\nThe board backed key core technologies for its boats. Crews "
                 "start earlier, and key core technologies cut the fuel they burn.\n",
                 encoding="utf-8")
    b.write_text("Harbour news\n\nFares stay the same while key core technologies arrive. "
                 "The mayor said key core technologies would bring the ferries back.\n",
                 encoding="utf-8")
    with CollectionStore.open(store) as opened:
        comparison, context = compare_in_collection(
            load_document(str(a)), load_document(str(b)), Settings(), opened)
    assert comparison.slogans
    note = "the store empty.sqlite holds no article yet, so it has no figures for the " \
           "slogans or the shared passages"
    assert outside_note(context, "empty.sqlite") == note
    figures = collection_figures(context, comparison)
    assert figures.outside == f"T{note[1:]}."
    assert set(figures.slogans) == set(figures.slogans_short) == {""}
    assert run_compare([str(a), str(b), "--collection", str(store), "--json",
                        str(tmp_path / "out.json")]) == 0
    assert capsys.readouterr().err == f"tandem: note: {note.replace('empty.sqlite', str(store))}\n"


def test_a_slogan_of_an_undated_collection_is_said_undated_not_first_in_an_article(
        tmp_path: Path) -> None:
    # With no date, the collection's "first" is its lowest id: the label read "first
    # d006", an article given where a date goes, as though it were the first appearance.
    from tests.collection.planted import SET_PHRASE, make_collection

    planted = make_collection()
    rows = [{**row, "date": ""} for row in planted.rows]
    comparison, context, store, (a, b) = _two_of_the_set_phrase(tmp_path, planted, rows)
    figures = collection_figures(context, comparison)
    [label] = [label for label, slogan in zip(figures.slogans, comparison.slogans, strict=True)
               if slogan.phrase == SET_PHRASE]
    assert label == f"common formulation · in {len(planted.phrase_docs)}/30 articles · " \
                    "all uses undated"
    report = tmp_path / "pair.html"
    assert run_compare([str(a), str(b), "--collection", str(store), "--html",
                        str(report)]) == 0
    assert label in report.read_text(encoding="utf-8")


def test_a_passage_whose_articles_are_all_undated_names_no_first(tmp_path: Path) -> None:
    # With none of its articles dated, a passage's "first" is the lowest id: the label read
    # "first: en03, undated", a first appearance nobody knows. The chain's four articles
    # lose their dates; the others keep theirs.
    comparison, context, store, (a, b) = _two_of_the_chain(tmp_path, set(CHAIN))
    labels = [label for label in collection_figures(context, comparison).phrases if label]
    assert labels == [f"also in {len(CHAIN) - 2} other articles · all undated"]
    report = tmp_path / "pair.html"
    assert run_compare([str(a), str(b), "--collection", str(store), "--html",
                        str(report)]) == 0
    text = report.read_text(encoding="utf-8")
    assert labels[0] in text and "first: " not in text


def test_a_first_among_partly_dated_articles_says_undated_ones_may_be_earlier(
        tmp_path: Path) -> None:
    # Some articles dated, some not: a slogan's and a passage's "first" named the first
    # dated article as though it were the first of all. The chain's last article and two
    # of the set phrase's articles lose their dates; the others keep theirs.

    from tests.collection.planted import SET_PHRASE, make_collection

    planted = make_collection()
    undated = set(planted.phrase_docs[2:4])
    rows = [{**row, "date": ""} if row["id"] in undated else row for row in planted.rows]
    comparison, context, store, (a, b) = _two_of_the_set_phrase(tmp_path, planted, rows)
    [label] = [label for label, slogan in zip(collection_figures(context, comparison).slogans,
                                              comparison.slogans, strict=True)
               if slogan.phrase == SET_PHRASE]
    assert label.endswith(" (2 undated articles may be earlier)"), label
    report = tmp_path / "pair.html"
    assert run_compare([str(a), str(b), "--collection", str(store), "--html",
                        str(report)]) == 0
    assert label in report.read_text(encoding="utf-8")

    chain_folder = tmp_path / "chain"
    chain_folder.mkdir()
    comparison, context, store, (a, b) = _two_of_the_chain(chain_folder, {CHAIN[-1]})
    [label] = [label for label in collection_figures(context, comparison).phrases if label]
    assert "· first: " in label and label.endswith(" (1 undated article may be earlier)")
    pdf = tmp_path / "pair.pdf"
    assert run_compare([str(a), str(b), "--collection", str(store), "--pdf", str(pdf)]) == 0
    from pypdf import PdfReader

    text = " ".join(" ".join((page.extract_text() or "").split())
                    for page in PdfReader(pdf).pages)
    assert "1 undated article may be earlier" in text


def _two_of_the_set_phrase(folder: Path, planted, rows):  # type: ignore[no-untyped-def]
    """The first two articles of the planted set phrase compared within a store of `rows`:
    (comparison, context, store, (file A, file B))."""
    from viewer.collection.engine import add_sources

    store = folder / "store.sqlite"
    with CollectionStore.create_or_open(store) as opened:
        add_sources(opened, [planted.write(folder / "rows.jsonl", rows)], workers=1)
    texts = planted.by_id()
    a, b = (folder / f"{doc}.txt" for doc in planted.phrase_docs[:2])
    for path in (a, b):
        path.write_text(texts[path.stem]["text"], encoding="utf-8")
    with CollectionStore.open(store) as opened:
        comparison, context = compare_in_collection(
            load_document(str(a)), load_document(str(b)), Settings(), opened)
    return comparison, context, store, (a, b)


#: A chain of the English collection fixture: one passage copied on, article to article.
CHAIN = ("en03", "en09", "en15", "en22")


def _two_of_the_chain(folder: Path, undated: set[str]):  # type: ignore[no-untyped-def]
    """The chain's middle two articles compared within a store of the English fixture whose
    `undated` articles lose their dates: (comparison, context, store, (file A, file B))."""
    import json

    from tests.conftest import FIXTURES
    from viewer.collection.engine import add_sources

    source = FIXTURES / "collection" / "en" / "collection.jsonl"
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()]
    rows = [{**row, "date": ""} if row["id"] in undated else row for row in rows]
    jsonl = folder / "rows.jsonl"
    jsonl.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    store = folder / "store.sqlite"
    with CollectionStore.create_or_open(store) as opened:
        add_sources(opened, [jsonl], workers=1)
    texts = {row["id"]: row["text"] for row in rows}
    a, b = (folder / f"{doc}.txt" for doc in CHAIN[1:3])
    for path in (a, b):
        path.write_text(texts[path.stem], encoding="utf-8", newline="")
    with CollectionStore.open(store) as opened:
        comparison, context = compare_in_collection(
            load_document(str(a)), load_document(str(b)), Settings(), opened)
    return comparison, context, store, (a, b)
