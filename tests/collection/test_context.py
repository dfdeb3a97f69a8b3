"""`tandem compare A B --collection STORE`: what the collection says of each shared passage
(viewer.collection.context)."""

from __future__ import annotations

import contextlib
import json
import random
import sqlite3
from pathlib import Path

from tests.collection.planted import (
    _paragraph,
    embedded_report,
    make_collection,
    with_press_release,
)
from viewer.cli import run_compare
from viewer.collection.context import collection_context, compare_in_collection
from viewer.collection.engine import add_sources
from viewer.collection.store import CollectionStore
from viewer.core.loading import load_document
from viewer.core.settings import Settings

#: The article compared, X, reprinted whole by one article and in its first half by two
#: earlier ones (dated before it: its first half came from them).
X, WHOLE, HALVES = "d021", "d022", ("d023", "d024")


def _reprints(tmp_path: Path) -> tuple[Path, str]:
    """A collection where X's whole reprint and its half reprints make one cluster, and
    X's last paragraph; its JSON-lines file."""
    planted = make_collection()
    rows = planted.by_id()
    rng = random.Random(89)
    paragraphs = [_paragraph(rng, 4) for _ in range(4)]
    rows[X]["text"] = "Title of x\n\n" + "\n\n".join(paragraphs) + "\n"
    rows[WHOLE]["text"] += "\n" + "\n\n".join(paragraphs) + "\n"
    for doc in HALVES:
        rows[doc]["text"] += "\n" + "\n\n".join(paragraphs[:2]) + "\n"
        rows[doc]["date"] = "2021-02-01"
    return planted.write(tmp_path / "c.jsonl"), paragraphs[-1]


def test_a_passage_only_a_reprint_carries_is_not_credited_to_the_half_reprints(
        tmp_path: Path) -> None:
    source, last = _reprints(tmp_path)
    store = tmp_path / "store.sqlite"
    clusters = embedded_report(source, store)["clusters"]
    # The half reprints join the whole one's cluster, through X's first half.
    assert any({p["doc"] for p in c["passages"]} == {X, WHOLE, *HALVES} for c in clusters)
    a, b = tmp_path / "x.txt", tmp_path / "quoting.txt"
    x_text = next(json.loads(line)["text"] for line in source.read_text().splitlines()
                  if json.loads(line)["id"] == X)
    a.write_text(x_text, encoding="utf-8")
    b.write_text(f"A letter\n\nAs the article put it: {last}\n", encoding="utf-8")
    out = tmp_path / "out.json"
    assert run_compare([str(a), str(b), "--collection", str(store), "--json", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["collection"]["a"] == X
    (phrase,) = data["shared_phrases"]
    figures = phrase["collection"]
    # Only the whole reprint carries X's last paragraph, and X came before it.
    assert (figures["documents"], figures["others"], figures["first"]["doc"]) == (2, 1, X)
    assert figures["articles"] == [WHOLE]


ZH_COLLECTION = Path(__file__).resolve().parents[1] / "fixtures" / "collection" / "zh" / (
    "collection.jsonl")


def test_texts_in_a_language_none_of_the_store_articles_is_in_are_told_so(
        tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # Every slogan of two English texts is "in 0/8 articles" of a Chinese collection: not
    # a rare phrase, but one the collection could never count.
    store = tmp_path / "zh.sqlite"
    embedded_report(ZH_COLLECTION, store)
    said = "The harbour board approved the new ferry timetable on Monday evening."
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(f"Ferries\n\n{said} Crews will start earlier.\n", encoding="utf-8")
    b.write_text(f"Harbour news\n\n{said} Fares stay the same.\n", encoding="utf-8")
    html = tmp_path / "out.html"
    assert run_compare([str(a), str(b), "--collection", str(store), "--json",
                        str(tmp_path / "out.json"), "--html", str(html)]) == 0
    note = capsys.readouterr().err
    assert "A and B are in en" in note and "no article in en" in note
    assert "A and B are in en" in html.read_text(encoding="utf-8")


def _store_and_pair(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A planted collection indexed into a store, and the documents of its first pair:
    (planted, source, store path, the pair's two documents, the pair)."""
    planted = make_collection()
    source = planted.write(tmp_path / "c.jsonl")
    store_path = tmp_path / "store.sqlite"
    pair = embedded_report(source, store_path)["pairs"][0]
    rows = planted.by_id()
    documents = []
    for side, name in (("a", "a.txt"), ("b", "b.txt")):
        (tmp_path / name).write_text(rows[pair[side]]["text"], encoding="utf-8")
        documents.append(load_document(str(tmp_path / name)))
    return planted, source, store_path, documents, pair


def _add_between_reads(planted, source: Path, store_path: Path,  # type: ignore[no-untyped-def]
                       pair, added: list[int]):
    """A statement trace for a reading connection that, at its first read of the tokens,
    commits an add taking out one article (not of `pair`), its count of removed articles
    put in `added`: another tandem's add committing between two reads. The store is put
    in WAL mode, as an add leaves it while a reader has it open, so the add can commit
    while the other connection still reads."""
    with contextlib.closing(sqlite3.connect(store_path)) as connection:
        connection.execute("PRAGMA journal_mode = WAL")
    gone = next(row for row in planted.rows if row["id"] not in (pair["a"], pair["b"]))
    planted.write(source, [row for row in planted.rows if row is not gone])

    def trace(statement: str) -> None:
        if "FROM tokens" in statement and not added:
            with CollectionStore.create_or_open(store_path) as writer:
                added.append(add_sources(writer, [source], sync=True, workers=1).removed)
    return trace


def test_an_add_committing_while_a_comparison_reads_the_store_is_not_seen_by_it(
        tmp_path: Path) -> None:
    # `compare --collection` reads the store in many statements; another tandem's add may
    # commit between two of them. Here it does, from inside the reads (SQLite's statement
    # trace on the reading connection), taking out an article the first reads listed.
    planted, source, store_path, (doc_a, doc_b), pair = _store_and_pair(tmp_path)
    with CollectionStore.open(store_path) as store:
        before = compare_in_collection(doc_a, doc_b, Settings(), store)[1]
    added: list[int] = []
    with CollectionStore.open(store_path) as store:
        store.connection.set_trace_callback(
            _add_between_reads(planted, source, store_path, pair, added))
        during = compare_in_collection(doc_a, doc_b, Settings(), store)[1]
    assert added == [1]
    assert during == before  # the store as it was when the reading began
    with CollectionStore.open(store_path) as store:
        after = compare_in_collection(doc_a, doc_b, Settings(), store)[1]
    assert after["collection"]["documents"] == before["collection"]["documents"] - 1


def test_the_figures_of_a_comparison_made_earlier_are_read_from_one_snapshot(
        tmp_path: Path) -> None:
    # The window makes its comparison first, then reads the collection's figures for it
    # (`collection_context` alone): an add committing between those reads must not show.
    planted, source, store_path, (doc_a, doc_b), pair = _store_and_pair(tmp_path)
    with CollectionStore.open(store_path) as store:
        comparison, before = compare_in_collection(doc_a, doc_b, Settings(), store)
    added: list[int] = []
    with CollectionStore.open(store_path) as store:
        store.connection.set_trace_callback(
            _add_between_reads(planted, source, store_path, pair, added))
        during = collection_context(comparison, store)
    assert added == [1]
    assert during == before


def test_two_copies_of_a_release_paired_only_with_its_source_count_every_other_copy(
        tmp_path: Path) -> None:
    # A release run by more articles than the index's cap pairs each copy with its first
    # article alone. Two copies compared were said to share a passage "also in 1 other
    # article" (the source, the only one a pair linked to them), not in all the others.
    planted = make_collection(documents=50)
    carriers = with_press_release(planted, copies=30)
    source = planted.write(tmp_path / "release.jsonl")
    store = tmp_path / "store.sqlite"
    report = embedded_report(source, store)
    first, second = carriers[1], carriers[2]
    assert not any({p["a"], p["b"]} == {first, second} for p in report["pairs"])
    texts = {row["id"]: row["text"] for row in planted.rows}
    a, b = tmp_path / "first.txt", tmp_path / "second.txt"
    a.write_text(texts[first], encoding="utf-8")
    b.write_text(texts[second], encoding="utf-8")
    out = tmp_path / "out.json"
    assert run_compare([str(a), str(b), "--collection", str(store), "--json", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    [figures] = [p["collection"] for p in data["shared_phrases"] if p.get("collection")]
    others = set(carriers) - {first, second}
    assert (figures["documents"], figures["others"]) == (len(carriers), len(others))
    assert set(figures["articles"]) == others
    assert figures["first"]["doc"] == carriers[0]


def test_two_reprints_of_one_text_compared_are_two_articles_each_by_its_own_file(
        tmp_path: Path) -> None:
    # A story run word for word by two outlets is stored twice; compared, the two files
    # are those two articles, not one of them twice (which made the other "also" carry
    # the pair's passage, and the story common to more than the pair).
    planted = make_collection()
    rows = planted.by_id()
    original, reprint = "d021", "d022"
    rows[reprint]["text"] = rows[original]["text"]
    folder = tmp_path / "articles"
    folder.mkdir()
    lines = ["file,id,series,date"]
    for row in planted.rows:
        (folder / f"{row['id']}.txt").write_text(row["text"], encoding="utf-8")
        lines.append(f"{row['id']}.txt,{row['id']},{row['series']},{row['date']}")
    (folder / "metadata.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = tmp_path / "store.sqlite"
    embedded_report(folder, store)
    out = tmp_path / "out.json"
    # The reprint first: each file is the article read from it, whatever their order.
    assert run_compare([str(folder / f"{reprint}.txt"), str(folder / f"{original}.txt"),
                        "--collection", str(store), "--json", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["collection"]["a"], data["collection"]["b"]) == (reprint, original)
    (phrase,) = data["shared_phrases"]
    assert phrase["collection"] is None  # no article but the two carries it
    # Copies outside the store are the two articles all the same, one each.
    copies = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for copy in copies:
        copy.write_text(rows[original]["text"], encoding="utf-8")
    assert run_compare([*map(str, copies), "--collection", str(store), "--json",
                        str(out)]) == 0
    ours = json.loads(out.read_text(encoding="utf-8"))["collection"]
    assert {ours["a"], ours["b"]} == {original, reprint}
