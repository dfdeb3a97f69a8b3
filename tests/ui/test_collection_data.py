"""The collection view's data (Qt-free): what the tabs show of an indexed store."""

from __future__ import annotations

from pathlib import Path

from tests.collection.planted import BOILERPLATE, make_collection
from viewer.collection.engine import add_sources
from viewer.collection.store import CollectionStore
from viewer.ui.collection.cluster_rows import cluster_rows
from viewer.ui.collection.data import load


def test_an_article_opening_with_its_series_header_is_titled_by_its_own_first_line(
        tmp_path: Path) -> None:
    planted = make_collection()
    for row in planted.rows:
        if row["series"] == planted.boilerplate_series:
            row["text"] = f"{BOILERPLATE}\n\n{row['text']}"
    source = planted.write(tmp_path / "all.jsonl")
    with CollectionStore.create_or_open(tmp_path / "store.sqlite") as store:
        add_sources(store, [source], workers=1)
        stored = {d.id: d.title for d in store.documents()}
        assert any(b["text"] == BOILERPLATE for b in store.boilerplate())
    data = load(str(tmp_path / "store.sqlite"))
    headed = [r["id"] for r in planted.rows if r["series"] == planted.boilerplate_series]
    assert headed and all(stored[i] == BOILERPLATE for i in headed)
    assert [data.title(i) for i in headed] == [f"Title of {i}" for i in headed]
    others = [r["id"] for r in planted.rows if r["series"] != planted.boilerplate_series]
    assert [data.title(i) for i in others] == [stored[i] for i in others]


def test_articles_of_one_title_are_told_apart_by_their_ids(tmp_path: Path) -> None:
    # One story filed three times under one title, beside the planted collection: its
    # pairs would read "Title / Title" three times over.
    planted = make_collection()
    story = planted.rows[0]
    copies = [{**story, "id": f"copy{k}", "date": f"2023-05-0{k + 1}"} for k in range(3)]
    source = planted.write(tmp_path / "all.jsonl", planted.rows + copies)
    with CollectionStore.create_or_open(tmp_path / "store.sqlite") as store:
        add_sources(store, [source], workers=1)
        stored = {d.id: d.title for d in store.documents()}
    data = load(str(tmp_path / "store.sqlite"))
    title = stored[story["id"]]
    assert title and {stored[c["id"]] for c in copies} == {title}
    assert [data.title(i) for i in (story["id"], "copy0")] == [
        f"{title} ({story['id']})", f"{title} (copy0)"]
    # The others keep their titles alone.
    others = [r["id"] for r in planted.rows[1:]]
    assert len({stored[i] for i in others}) == len(others)
    assert [data.title(i) for i in others] == [stored[i] for i in others]
    pairs = {(data.title(p.a), data.title(p.b)) for p in data.pairs}
    assert (f"{title} ({story['id']})", f"{title} (copy0)") in pairs


def test_a_share_is_shown_as_neither_none_nor_all_unless_it_is() -> None:
    from viewer.ui.collection.view import _percent

    assert [_percent(v) for v in (0.0, 0.004, 0.005, 0.0051, 0.25, 0.9951, 1.0)] == [
        "0%", "<1%", "<1%", "1%", "25%", ">99%", "100%"]


def test_an_articles_share_counts_text_as_its_pairs_share_does(tmp_path: Path) -> None:
    # Two identical articles ending in blank lines, beside one of their own: the pair list
    # says 100% of each (whitespace counts in neither share), so the Articles tab must too,
    # not the passages' characters over every character of the file (98%).
    import json

    fixtures = Path(__file__).parents[1] / "fixtures" / "core"
    story = (fixtures / "harbour_a.txt").read_text("utf-8").strip() + "\n\n\n\n\n\n"
    other = (fixtures / "zh_a.txt").read_text("utf-8")
    rows = [{"id": "first", "date": "2023-01-02", "text": story},
            {"id": "again", "date": "2023-01-03", "text": story},
            {"id": "other", "date": "2023-01-04", "text": other}]
    source = tmp_path / "c.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    with CollectionStore.create_or_open(tmp_path / "store.sqlite") as store:
        add_sources(store, [source], workers=1)
    data = load(str(tmp_path / "store.sqlite"))
    [pair] = data.pairs
    assert (pair.shared_a, pair.shared_b) == (1.0, 1.0)
    shares = {a.row.id: a.shared for a in data.articles}
    assert shares == {"first": 1.0, "again": 1.0, "other": 0.0}


def test_a_cluster_of_a_quotation_is_shown_in_its_own_marks_once(tmp_path: Path) -> None:
    # A passage carried whole with its quotation marks ("We will …") was listed in the
    # Clusters tab as “"We will …"”: the tab's marks beside the passage's own.
    planted = make_collection()
    chained = [r for r in planted.rows if r["id"] in planted.chain]
    shared = set.intersection(*({p.strip() for p in r["text"].split("\n\n")} for r in chained))
    passage = max(shared, key=len)
    for row in chained:
        row["text"] = row["text"].replace(passage, f'"{passage}"')
    source = planted.write(tmp_path / "all.jsonl")
    with CollectionStore.create_or_open(tmp_path / "store.sqlite") as store:
        add_sources(store, [source], workers=1)
    rows = cluster_rows(load(str(tmp_path / "store.sqlite")))
    texts = [row.texts[0] for row in rows]
    quoted = [text for text in texts if passage[:40] in text]
    assert quoted and all(text.startswith('"') and not text.startswith('“"')
                          and not text.endswith('"”') for text in quoted)
    # A passage with no marks of its own (the copy of d002 in d009) is in the tab's.
    assert any(text.startswith("“") and text.endswith("”") for text in texts)
