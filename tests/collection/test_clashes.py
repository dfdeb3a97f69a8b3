"""A store's articles of other sources are never quietly replaced or removed (`clashes`):
two crawls laid out alike share ids, and the one-shot command syncs its store."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest

from viewer.collection.article import SourceError
from viewer.collection.engine import add_sources
from viewer.collection.store import CollectionStore

ONE = ("The harbour board approved the new ferry timetable on Monday after a long debate "
       "about winter crossings, fares for students and the cost of a second boat. ") * 4
TWO = ("Farmers in the valley reported a record apple harvest after a mild autumn, and "
       "cider makers expect to hire more seasonal workers than in any year before. ") * 4


def crawl(folder: Path, text: str) -> Path:
    """A crawl laid out as outlets lay them out: outlet/date.txt."""
    (folder / "xinhua").mkdir(parents=True)
    (folder / "xinhua" / "2021-06-15.txt").write_text(text, encoding="utf-8")
    (folder / "xinhua" / "2021-06-16.txt").write_text(text[::-1], encoding="utf-8")
    return folder


def texts(store_path: Path) -> dict[str, str]:
    with CollectionStore.open(str(store_path)) as store:
        return {row.id: store.text(row.id) for row in store.documents()}


def refused_after(first: Path, second: Path, store: Path) -> tuple[str, dict[str, str]]:
    """Add `first` to a new `store`, then `second`: the message that refuses it, and the
    store's texts, checked unchanged by the refused add."""
    with CollectionStore.create_or_open(str(store)) as opened:
        add_sources(opened, [str(first)], workers=1)
    before = texts(store)
    with CollectionStore.create_or_open(str(store)) as opened, \
            pytest.raises(SourceError) as refused:
        add_sources(opened, [str(second)], workers=1)
    assert texts(store) == before
    return str(refused.value), before


def test_an_add_never_puts_another_sources_text_in_place_of_an_article(tmp_path: Path) -> None:
    first, second = crawl(tmp_path / "crawl1", ONE), crawl(tmp_path / "crawl2", TWO)
    message, _ = refused_after(first, second, tmp_path / "s.sqlite")
    assert str(second / "xinhua") in message and str(first / "xinhua") in message
    assert "is already in" in message and "its own id" in message


def test_an_article_whose_file_moved_is_replaced_as_before(tmp_path: Path) -> None:
    first = crawl(tmp_path / "crawl1", ONE)
    store = tmp_path / "s.sqlite"
    with CollectionStore.create_or_open(str(store)) as opened:
        add_sources(opened, [str(first)], workers=1)
    moved = tmp_path / "moved"
    shutil.move(first, moved)
    (moved / "xinhua" / "2021-06-15.txt").write_text(TWO, encoding="utf-8")
    with CollectionStore.create_or_open(str(store)) as opened:
        summary = add_sources(opened, [str(moved)], workers=1)
    assert summary.changed == 1
    assert TWO in texts(store).values()


def test_the_one_shot_sync_keeps_other_sources_unless_the_store_is_its_cache(
        tmp_path: Path) -> None:
    first, second = crawl(tmp_path / "crawl1", ONE), tmp_path / "other"
    second.mkdir()
    (second / "harvest.txt").write_text(TWO, encoding="utf-8")
    store = tmp_path / "s.sqlite"
    with CollectionStore.create_or_open(str(store)) as opened:
        add_sources(opened, [str(first)], workers=1)
        add_sources(opened, [str(second)], workers=1)
    before = texts(store)
    assert len(before) == 3
    with CollectionStore.create_or_open(str(store)) as opened, \
            pytest.raises(SourceError, match="holds 2 articles of other sources"):
        add_sources(opened, [str(second)], sync=True, workers=1)
    with CollectionStore.create_or_open(str(store)) as opened, \
            pytest.raises(SourceError, match=r"holds 1 article of other sources \(first"):
        add_sources(opened, [str(first)], sync=True, workers=1)
    assert texts(store) == before
    # A file deleted from the source itself goes, as the sync is for.
    (first / "xinhua" / "2021-06-16.txt").unlink()
    with CollectionStore.create_or_open(str(store)) as opened:
        summary = add_sources(opened, [str(first), str(second)], sync=True, workers=1)
    assert summary.removed == 1 and len(texts(store)) == 2
    # A cache of exactly the given sources drops what they no longer hold.
    with CollectionStore.create_or_open(str(store)) as opened:
        summary = add_sources(opened, [str(second)], sync=True, cache=True, workers=1)
    assert summary.removed == 1 and list(texts(store).values()) == [TWO]


def test_what_other_sources_skipped_stays_listed(tmp_path: Path) -> None:
    first = crawl(tmp_path / "crawl1", ONE)
    empty = first / "xinhua" / "empty.txt"
    empty.write_text("", encoding="utf-8")
    second = tmp_path / "other"
    second.mkdir()
    (second / "harvest.txt").write_text(TWO, encoding="utf-8")
    (second / "junk.txt").write_bytes(b"\x00\x01\x02" * 50)
    store = tmp_path / "s.sqlite"

    def skipped() -> list[str]:
        with CollectionStore.open(str(store)) as opened:
            return [row["path"] for row in opened.skipped()]

    with CollectionStore.create_or_open(str(store)) as opened:
        add_sources(opened, [str(first)], workers=1)
        add_sources(opened, [str(second)], workers=1)
    assert skipped() == [str(empty), str(second / "junk.txt")]
    # Read again, a source's own entries are what it skips now.
    empty.write_text(ONE[::-1] + " and a little more", encoding="utf-8")
    with CollectionStore.create_or_open(str(store)) as opened:
        add_sources(opened, [str(first)], workers=1)
    assert skipped() == [str(second / "junk.txt")]


def _dump(path: Path, texts: dict[str, str]) -> Path:
    """A JSON-lines dump of `texts` by id, written at `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps({"id": doc_id, "date": "2024-05-01", "text": text})
                            + "\n" for doc_id, text in texts.items()), encoding="utf-8")
    return path


def test_an_id_given_in_the_json_names_one_article_a_newer_dump_changes(tmp_path: Path) -> None:
    dump = _dump(tmp_path / "dump.jsonl", {"x1": ONE})
    store = tmp_path / "s.sqlite"
    with CollectionStore.create_or_open(str(store)) as opened:
        add_sources(opened, [str(dump)], workers=1)
        _dump(dump, {"x1": TWO})  # the same file, dumped again
        summary = add_sources(opened, [str(dump)], workers=1)
    assert (summary.added, summary.changed) == (0, 1)
    assert texts(store) == {"x1": TWO}


def test_a_newer_dump_under_another_file_name_replaces_only_when_asked(tmp_path: Path) -> None:
    old = _dump(tmp_path / "dump-2024-05.jsonl", {"x1": ONE})
    new = _dump(tmp_path / "dump-2024-06.jsonl", {"x1": TWO})
    store = tmp_path / "s.sqlite"
    with CollectionStore.create_or_open(str(store)) as opened:
        add_sources(opened, [str(old)], workers=1)
        with pytest.raises(SourceError, match="--replace"):
            add_sources(opened, [str(new)], workers=1)
        assert texts(store) == {"x1": ONE}
        summary = add_sources(opened, [str(new)], workers=1, replace=True)
    assert (summary.added, summary.changed) == (0, 1)
    assert texts(store) == {"x1": TWO}


def test_another_json_files_ids_never_replace_a_stores_articles_unasked(tmp_path: Path) -> None:
    english = _dump(tmp_path / "en" / "collection.jsonl",
                    {"d1": ONE, "d2": ONE[::-1], "d3": ONE.upper()})
    chinese = _dump(tmp_path / "zh" / "collection.jsonl",
                    {"d1": TWO, "d2": TWO[::-1], "d3": TWO.upper(), "d4": ONE + TWO})
    store = tmp_path / "s.sqlite"
    message, before = refused_after(english, chinese, store)  # nor is d4 added: refused whole
    assert "\n" not in message
    assert message.startswith(f"{chinese}: 3 ids (such as 'd1') already in {store} name "
                              f"articles read from {english}, with other texts;")
    assert f"'tandem corpus add {store} {chinese} --replace'" in message
    # Nor does the one-shot command, syncing a store it was given, replace them.
    with CollectionStore.create_or_open(str(store)) as opened, \
            pytest.raises(SourceError, match="3 ids"):
        add_sources(opened, [str(chinese)], sync=True, workers=1)
    assert texts(store) == before


def test_the_refusal_says_how_each_clashing_article_differs_and_where_each_was_read(
        tmp_path: Path) -> None:
    # The store's articles came from two files; the new file gives one of them the same
    # text (but another date), two of them other texts. The line told of "the same texts
    # but other dates or series" for all three, and of the first file alone.
    english = _dump(tmp_path / "en.jsonl", {"d1": ONE, "d2": ONE[::-1]})
    extra = _dump(tmp_path / "extra.jsonl", {"d3": ONE.upper()})
    newer = tmp_path / "newer.jsonl"
    newer.write_text("".join(json.dumps(row) + "\n" for row in (
        {"id": "d1", "date": "2025-01-01", "text": ONE},
        {"id": "d2", "date": "2024-05-01", "text": TWO},
        {"id": "d3", "date": "2024-05-01", "text": TWO[::-1]})), encoding="utf-8")
    store = tmp_path / "s.sqlite"
    with CollectionStore.create_or_open(str(store)) as opened:
        add_sources(opened, [str(english), str(extra)], workers=1)
        with pytest.raises(SourceError) as refused:
            add_sources(opened, [str(newer)], workers=1)
    assert str(refused.value).startswith(
        f"{newer}: 3 ids (such as 'd1') already in {store} name articles read from "
        f"{english} and {extra}, 2 with other texts and 1 with the same text but another "
        "date or series;")
    # Read from two given files, the ids are told of both, and --replace suggested for both.
    newer.write_text(json.dumps({"id": "d1", "text": TWO}) + "\n", encoding="utf-8")
    also = _dump(tmp_path / "also.jsonl", {"d3": TWO.upper()})
    with CollectionStore.create_or_open(str(store)) as opened, \
            pytest.raises(SourceError) as refused:
        add_sources(opened, [str(newer), str(also)], workers=1)
    message = str(refused.value)
    assert message.startswith(f"{newer} and {also}: 2 ids (such as 'd1') already in {store} "
                              f"name articles read from {english} and {extra}, with other "
                              "texts;")
    suggested = re.search(r"run '(tandem corpus add .*? --replace)'", message)
    assert suggested is not None
    assert shlex.split(suggested.group(1))[3:] == [str(store), str(newer), str(also),
                                                   "--replace"]


def test_the_guard_holds_whichever_folder_an_add_runs_from(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A file given as "c.jsonl" was stored so; from another folder it looked gone (moved
    # or deleted), and another file's texts replaced its articles without a word.
    _dump(tmp_path / "c.jsonl", {"d1": ONE, "d2": ONE[::-1]})
    other = _dump(tmp_path / "sub" / "other.jsonl", {"d1": TWO, "d2": TWO[::-1]})
    store = tmp_path / "s.sqlite"
    monkeypatch.chdir(tmp_path)
    with CollectionStore.create_or_open(str(store)) as opened:
        add_sources(opened, ["c.jsonl"], workers=1)
    before = texts(store)
    monkeypatch.chdir(tmp_path / "sub")
    with CollectionStore.create_or_open(str(store)) as opened, \
            pytest.raises(SourceError, match="--replace"):
        add_sources(opened, [other.name], workers=1)
    assert texts(store) == before
    with CollectionStore.open(str(store)) as opened:
        assert {row.path for row in opened.documents()} == {
            f"{tmp_path / 'c.jsonl'}:1", f"{tmp_path / 'c.jsonl'}:2"}


def test_the_replace_command_it_suggests_runs_as_pasted(tmp_path: Path) -> None:
    first = _dump(tmp_path / "dumps" / "may.jsonl", {"d1": ONE})
    second = _dump(tmp_path / "new dumps" / "june.jsonl", {"d1": TWO})
    store = tmp_path / "my store.sqlite"
    message, _ = refused_after(first, second, store)
    suggested = re.search(r"run '(tandem corpus add .*? --replace)'", message)
    assert suggested is not None
    assert shlex.split(suggested.group(1))[3:] == [str(store), str(second), "--replace"]


def _dated(path: Path, date: str, series: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"id": "x1", "series": series, "date": date, "text": ONE})
                    + "\n", encoding="utf-8")
    return path


def test_another_files_id_with_the_same_text_never_relabels_the_article(
        tmp_path: Path) -> None:
    # Another file giving x1 the same text but another date and series took the article
    # over without a word: its date, series and file were the other file's, and the first
    # file's next add was refused as if x1 were never its own.
    first = _dated(tmp_path / "paper-a" / "dump.jsonl", "2019-01-01", "paper-a")
    store = tmp_path / "s.sqlite"
    with CollectionStore.create_or_open(str(store)) as opened:
        add_sources(opened, [str(first)], workers=1)
        before = [(r.id, r.series, r.date, r.path) for r in opened.documents()]
        relabelling = _dated(tmp_path / "paper-b" / "dump.jsonl", "2020-05-05", "paper-b")
        with pytest.raises(SourceError) as refused:
            add_sources(opened, [str(relabelling)], workers=1)
        assert str(refused.value).startswith(
            f"{relabelling}: id 'x1' already in {store} names an article read from "
            f"{first}, with the same text but another date or series; if this is a newer "
            "dump of that article, run ")
        assert [(r.id, r.series, r.date, r.path) for r in opened.documents()] == before
        # The same article in another file, dated and filed alike: it stays its first file's.
        alike = _dated(tmp_path / "mirror" / "dump.jsonl", "2019-01-01", "paper-a")
        summary = add_sources(opened, [str(alike)], workers=1)
        assert (summary.added, summary.changed, summary.unchanged) == (0, 0, 1)
        assert [(r.id, r.series, r.date, r.path) for r in opened.documents()] == before
        # ...and asked to, the newer file's date and series replace them.
        add_sources(opened, [str(relabelling)], workers=1, replace=True)
        assert [(r.series, r.date) for r in opened.documents()] == [("paper-b", "2020-05-05")]


def test_a_file_given_another_id_in_metadata_csv_is_that_article_under_its_new_id(
        tmp_path: Path) -> None:
    # metadata.csv gives ferry.txt the id f1, then (edited) f2: an add keeps the file's
    # article under f2 alone. Kept under f1 too, it made a pair sharing every word with
    # itself. The other file's article, and a JSON-lines article that a newer dump no
    # longer holds, stay: an add removes none of those.
    folder = tmp_path / "paper"
    folder.mkdir()
    (folder / "ferry.txt").write_text(ONE, encoding="utf-8")
    (folder / "harvest.txt").write_text(TWO, encoding="utf-8")
    metadata = folder / "metadata.csv"
    metadata.write_text("file,id,series,date\nferry.txt,f1,paper,2021-06-15\n",
                        encoding="utf-8")
    dump = tmp_path / "dump.jsonl"
    dump.write_text(json.dumps({"id": "x1", "series": "wire", "date": "2021-06-01",
                                "text": TWO[::-1]}) + "\n", encoding="utf-8")
    store = tmp_path / "s.sqlite"
    with CollectionStore.create_or_open(str(store)) as opened:
        add_sources(opened, [str(folder), str(dump)], workers=1)
        assert sorted(texts(store)) == ["f1", "harvest", "x1"]
        metadata.write_text("file,id,series,date\nferry.txt,f2,paper,2021-06-15\n",
                            encoding="utf-8")
        dump.write_text(json.dumps({"id": "x2", "series": "wire", "date": "2021-06-02",
                                    "text": ONE[::-1]}) + "\n", encoding="utf-8")
        summary = add_sources(opened, [str(folder), str(dump)], workers=1)
        assert summary.removed == 1
        assert texts(store) == {"f2": ONE, "harvest": TWO, "x1": TWO[::-1], "x2": ONE[::-1]}
        assert not [pair for pair in opened.pairs() if {pair.a, pair.b} == {"f1", "f2"}]
