"""The collection job on Spark (local[2]) against the embedded engine, on a small collection
written here: the same pairs, passages (offsets), clusters, formulations and boilerplate;
its Parquet tables read back and imported into a store the window opens."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from pyspark.sql import SparkSession

from tests.collection.planted import (
    BOILERPLATE,
    CHANCE_RUN_DOCS,
    EDGE_EDITED_DOCS,
    EDITED_DOCS,
    EDITED_SENTENCE_DOCS,
    EVERY_FEW_WORDS_DOCS,
    FRAMES,
    FURNITURE_PAIR,
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
    with_notice_line,
    with_press_release,
    with_rare_run_beside_copy,
    with_sentence_chain,
    with_sentence_edited_at_its_edge,
    with_sentence_edited_every_few_words,
    with_short_edited_copy,
    with_wire_story,
)
from tests.collection.test_readings import mixed_rows
from viewer.cli import run_compare
from viewer.collection.cli import run_corpus
from viewer.collection.engine import add_sources
from viewer.collection.sources import JSON_LINES_FORMAT, read_sources
from viewer.collection.store import CollectionStore, StoreError
from viewer.spark.job import run_job
from viewer.spark.tables import (
    RUN_TABLE,
    TABLES,
    formulations_left_out,
    import_tables,
    read_skipped,
    report_from_tables,
)

#: 61 articles of the collection benchmark's dev set (see its make_dev_small.py): enough uses
#: of its planted set phrases to be listed, and series with their header lines.
DEV_SMALL = Path(__file__).parents[1] / "fixtures" / "collection" / "window" / "dev-small.jsonl.gz"
FEW = Path(__file__).parents[1] / "fixtures" / "collection" / "few" / "en"


def _collection(folder: Path) -> tuple[Path, Planted]:
    planted = make_collection(documents=36)
    with_chance_run_before_footer(planted)  # a pair only if the job ignored the footer
    # In 24 articles, above the cap: the job must set it aside, as the embedded engine does,
    # also where two of them share a few words more.
    with_common_sentence(planted)
    with_furniture_pair(planted)
    with_short_edited_copy(planted)  # a pair by seven words the two articles alone hold
    with_edited_sentence(planted)  # a pair by a whole sentence, in runs of six and five
    with_sentence_edited_every_few_words(planted)  # too few n-grams of their own to pair
    with_sentence_edited_at_its_edge(planted)  # a pair by the sentence around the passage
    for name in FRAMES:  # two reports in one frame, two verses on one frame: no pair
        with_frame(planted, name)
    with_rare_run_beside_copy(planted)  # not listed among the copy's passages
    with_formula_between_copies(planted)  # two copies, not four pairs across them
    lines = [json.dumps(row, ensure_ascii=False) for row in planted.rows]
    # An article indexed undated, with a note on its date (d036 is in no planted pair).
    lines[-1] = lines[-1].replace('"date": "2021-03-08"', '"date": "not-a-date"')
    lines.insert(7, '{"id": "broken", "text": ')  # skipped, with its line number
    path = folder / "collection.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    return path, planted


@pytest.fixture(scope="module")
def both(spark: SparkSession, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("spark-job")
    source, planted = _collection(folder)
    embedded = embedded_report(source, folder / "embedded.sqlite")
    out = folder / "tables"
    result = run_job(str(source), str(out), spark=spark)
    return {"embedded": embedded, "spark": report_from_tables(str(out)), "out": out,
            "folder": folder, "result": result, "source": source, "planted": planted}


def test_spark_reports_exactly_what_the_embedded_engine_reports(both: dict[str, Any]) -> None:
    embedded, spark = both["embedded"], both["spark"]
    assert list(spark) == list(embedded)
    for part in ("documents", "pairs", "clusters", "formulations", "boilerplate", "skipped"):
        assert spark[part] == embedded[part], part
    # The broken line, then the note on the date not read as one.
    assert [s["path"].rsplit(":", 1)[1] for s in embedded["skipped"]] == ["8", "37"]
    assert "has the date 'not-a-date'" in embedded["skipped"][1]["reason"]


def test_what_was_planted_is_found(both: dict[str, Any]) -> None:
    spark = both["spark"]
    pairs = {(p["a"], p["b"]) for p in spark["pairs"]}
    assert ("d002", "d009") in pairs
    assert EDITED_DOCS in pairs
    assert EDITED_SENTENCE_DOCS in pairs
    assert EVERY_FEW_WORDS_DOCS in pairs
    assert EDGE_EDITED_DOCS in pairs
    assert {("d004", "d011"), ("d004", "d017"), ("d011", "d017")} <= pairs
    # The chained passage (and the common sentence, which these three also share).
    chain = [c for c in spark["clusters"] if {"d004", "d011", "d017"} <= {
        p["doc"] for p in c["passages"]}]
    assert chain and all(c["first"] == "d004" for c in chain)
    assert [(b["series"], b["text"]) for b in spark["boilerplate"]] == [("s1", BOILERPLATE)]
    assert {tuple(sorted((p["a"], p["b"]))) for p in spark["pairs"]}.isdisjoint(
        {CHANCE_RUN_DOCS, FURNITURE_PAIR, *(frame.docs for frame in FRAMES.values())})
    # The set phrase's articles share nothing else: no pair among them.
    assert not any({p["a"], p["b"]} <= set(both["planted"].phrase_docs) for p in spark["pairs"])
    assert spark["skipped"][0]["path"].endswith("collection.jsonl.gz:8")
    assert "not valid JSON" in spark["skipped"][0]["reason"]


def test_the_cap_sets_aside_the_sentence_in_most_articles(both: dict[str, Any]) -> None:
    # 24 articles carry it: without the cap every two of them would be a candidate pair.
    result = both["result"]
    assert result.candidates < 24 * 23 // 2
    listed = {(p["a"], p["b"]) for p in both["spark"]["pairs"]}
    assert ("d001", "d003") not in listed and ("d001", "d003") not in {
        (b, a) for a, b in listed}


def test_offsets_are_python_string_indices(both: dict[str, Any]) -> None:
    texts = {}
    with gzip.open(both["source"], "rt", encoding="utf-8") as handle:
        for line in handle:
            try:
                row = json.loads(line)
            except ValueError:
                continue
            texts[row["id"]] = row["text"]
    for pair in both["spark"]["pairs"]:
        for passage in pair["passages"]:
            a0, a1 = passage["a"]
            b0, b1 = passage["b"]
            assert 0 <= a0 < a1 <= len(texts[pair["a"]])
            assert 0 <= b0 < b1 <= len(texts[pair["b"]])
    copy = next(p for p in both["spark"]["pairs"] if (p["a"], p["b"]) == ("d004", "d011"))
    assert copy["passages"]  # the chained passage and the common sentence, both verbatim
    for passage in copy["passages"]:
        assert texts["d004"][slice(*passage["a"])] == texts["d011"][slice(*passage["b"])]


def test_tables_are_parquet_and_import_into_a_store(both: dict[str, Any], tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    out: Path = both["out"]
    assert {name: pq.read_table(out / name).num_rows for name in TABLES} == {
        "documents": 36, "passages": both["result"].passages,
        "pairs": len(both["embedded"]["pairs"]), "clusters": len(both["embedded"]["clusters"]),
        "formulations": len(both["embedded"]["formulations"]),
        "boilerplate": len(both["embedded"]["boilerplate"]), "skipped": 2}
    store_path = tmp_path / "imported.sqlite"
    assert run_corpus(["import", str(out), "--store", str(store_path)]) == 0
    with CollectionStore.open(store_path) as store:
        assert store.report() == both["embedded"]
        assert [s["indexed"] for s in store.skipped()] == [False, True]  # the date's note
        assert store.pair_passages("d011", "d004") == [
            {"a": p["b"], "b": p["a"], "words": p["words"]}
            for p in next(x for x in both["embedded"]["pairs"]
                          if (x["a"], x["b"]) == ("d004", "d011"))["passages"]]
    capsys.readouterr()
    assert run_corpus(["import", str(out), "--store", str(store_path)]) == 2
    assert "already holds 36 articles" in capsys.readouterr().err
    # A store inside the tables would be read as one of them by the next import.
    assert run_corpus(["import", str(out), "--store", str(out / "documents" / "s.db")]) == 2
    assert "is inside the tables' folder" in capsys.readouterr().err
    assert not (out / "documents" / "s.db").exists()
    # A damaged table is told in one line, not with a traceback.
    damaged = tmp_path / "damaged"
    shutil.copytree(out, damaged)
    part = next((damaged / "passages").glob("*.parquet"))
    part.write_bytes(b"not parquet at all" * 10)
    assert run_corpus(["import", str(damaged), "--store", str(tmp_path / "d.sqlite")]) == 2
    err = capsys.readouterr().err.strip()
    assert "its tables cannot be read" in err and "run the Spark job again" in err
    assert "\n" not in err and not (tmp_path / "d.sqlite").exists()
    with pytest.raises(StoreError, match="already holds 36 articles"):
        import_tables(str(out), str(store_path))


def test_the_tables_given_where_a_store_is_asked_for_are_told_to_be_imported(
        both: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The --out folder is what a Spark run leaves: given to compare --collection or to
    # report, it is named as such, not as a folder of articles to index with 'corpus add'.
    out: Path = both["out"]
    rows = both["planted"].by_id()
    for name in ("d004", "d011"):
        (tmp_path / f"{name}.txt").write_text(rows[name]["text"], encoding="utf-8")
    said = (f"tandem: {out}: is not a file; give the path of a collection store (it holds "
            f"the tables of a Spark run: load them into a store with `tandem corpus import "
            f"{out} --store STORE`, and give that store)\n")
    assert run_compare([str(tmp_path / "d004.txt"), str(tmp_path / "d011.txt"),
                        "--collection", str(out), "--json", str(tmp_path / "c.json")]) == 2
    assert capsys.readouterr().err == said
    assert run_corpus(["report", str(out), "--json", "-"]) == 2
    assert capsys.readouterr().err == said
    assert not (tmp_path / "c.json").exists()


def test_an_imported_store_takes_more_articles(both: dict[str, Any], tmp_path: Path) -> None:
    store_path = tmp_path / "grown.sqlite"
    import_tables(str(both["out"]), str(store_path))
    planted = make_collection(documents=38)
    extra = planted.write(tmp_path / "more.jsonl", planted.rows[36:])
    with CollectionStore.create_or_open(store_path) as store:
        summary = add_sources(store, [extra], workers=1)
        assert summary.added == 2 and store.document_count() == 38


def test_command_line_errors_are_one_line(spark: SparkSession, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    rows = make_collection(documents=3).rows
    rows[2]["id"] = rows[0]["id"]
    source = tmp_path / "twice.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    code = run_corpus([str(source), "--engine", "spark", "--out", str(tmp_path / "out"),
                       "--quiet"])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert re.fullmatch(r"tandem: .*twice.jsonl:3: id 'd001' is used twice "
                        r"\(also .*twice.jsonl:1\); give each article its own id "
                        r'\(its "id" on that line\)', err)
    assert run_corpus([str(source), "--engine", "spark", "--quiet"]) == 2
    assert capsys.readouterr().err.strip() == (
        "tandem: the Spark engine needs --out DIR: where its Parquet tables go")
    (tmp_path / "notables").mkdir()
    assert run_corpus(["import", str(tmp_path / "notables"), "--store",
                       str(tmp_path / "s.sqlite")]) == 2
    assert "has no 'documents' table" in capsys.readouterr().err
    assert run_corpus(["import", str(tmp_path / "nosuch"), "--store", "s.sqlite"]) == 2
    assert capsys.readouterr().err.strip().endswith(
        "nosuch: no such folder; give the --out folder of a Spark run")
    # A file: it is there, and is most likely articles meant to be indexed.
    articles = make_collection(documents=2).write(tmp_path / "articles.jsonl")
    assert run_corpus(["import", str(articles), "--store", "s.sqlite"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"tandem: {articles}: is a file; give the --out folder of a Spark run (articles in "
        "a file are indexed with `tandem corpus add STORE FILE`)")
    # Refused before Spark starts: a folder source, a store, a report where the tables go.
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("An article.", encoding="utf-8")
    out = tmp_path / "tables"
    out.mkdir()  # new and empty: fit for the tables
    for args, said in (
            ([str(folder), "--out", str(out)], "is a folder; the Spark engine reads a "
                                               "JSON-lines file"),
            ([str(source), "--out", str(out), "--store", str(tmp_path / "s.sqlite")],
             "--store: only with the embedded engine"),
            ([str(source), "--out", str(out), "--json", str(out / "r.json")],
             "is the tables' folder")):
        assert run_corpus([*args, "--engine", "spark", "--quiet"]) == 2
        err = capsys.readouterr().err.strip()
        assert said in err and "\n" not in err
        assert not any(out.iterdir())
    # The job replaces a folder per table in --out: never the source's folder, nor one
    # holding anything else (a 'documents' folder of the user's would go), nor a file.
    mine = tmp_path / "mine"
    (mine / "documents").mkdir(parents=True)
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    for out, said in ((tmp_path, "holds the source"), (mine, "holds 'notes.txt'"),
                      (source, "is not a folder"),
                      (tmp_path / "no" / "such" / "tables", "is in a folder that does not "
                                                            "exist")):
        assert run_corpus([str(source), "--engine", "spark", "--out", str(out), "--quiet"]) == 2
        err = capsys.readouterr().err.strip()
        assert said in err and "\n" not in err
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "keep me"
    assert not (tmp_path / "no").exists()


def test_command_line_on_parquet_writes_the_json_and_html_reports(spark: SparkSession,
                                                                   tmp_path: Path) -> None:
    planted = make_collection(documents=20)
    lines = planted.write(tmp_path / "twenty.jsonl")
    source = tmp_path / "twenty.parquet"
    # Titles the source gives, which the reports name articles by, as the window does.
    pq.write_table(pa.Table.from_pylist([{**row, "title": f"Story {row['id']}"}
                                         for row in planted.rows]), source)
    out, target, page = tmp_path / "tables", tmp_path / "out.json", tmp_path / "out.html"
    assert run_corpus([str(source), "--engine", "spark", "--out", str(out), "--json",
                       str(target), "--html", str(page), "--quiet"]) == 0
    written = json.loads(target.read_text(encoding="utf-8"))
    assert written == report_from_tables(str(out))
    embedded = embedded_report(lines, tmp_path / "embedded.sqlite")
    for part in ("pairs", "clusters", "formulations", "boilerplate"):
        assert written[part] == embedded[part], part
    assert [d["path"] for d in written["documents"]][:2] == [f"{source}:1", f"{source}:2"]
    assert ("d002", "d009") in {(p["a"], p["b"]) for p in written["pairs"]}
    html = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))
    assert "Articles 20 in 4 series" in html and "Story d009 d009" in html


@pytest.fixture(scope="module")
def dev_small(spark: SparkSession, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """DEV_SMALL indexed by the embedded engine (its store) and run by the job (its tables)."""
    folder = tmp_path_factory.mktemp("dev-small")
    embedded = embedded_report(DEV_SMALL, folder / "embedded.sqlite")
    run_job(str(DEV_SMALL), str(folder / "tables"), spark=spark)
    return {"embedded": embedded, "store": folder / "embedded.sqlite",
            "out": folder / "tables"}


def test_formulations_and_boilerplate_of_benchmark_articles_are_the_embedded_engines(
        dev_small: dict[str, Any]) -> None:
    embedded = dev_small["embedded"]
    spark_report = report_from_tables(str(dev_small["out"]))
    assert embedded["formulations"] and embedded["boilerplate"] and embedded["pairs"]
    for part in ("documents", "pairs", "clusters", "formulations", "boilerplate", "skipped"):
        assert spark_report[part] == embedded[part], part


def test_an_imported_store_keeps_its_formulations_through_an_add_as_an_indexed_one_does(
        dev_small: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A few articles more (fewer than a tenth): the embedded engine's store keeps the
    # formulations it found, counting their uses in them, and says so; the store the
    # job's tables were imported into must do the same, not find them afresh.
    with gzip.open(DEV_SMALL, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle][:3]
    more = tmp_path / "more.jsonl"
    more.write_text("".join(json.dumps(
        {**row, "id": f"more-{k}", "date": "2030-01-0" + str(k + 1),
         "text": row["text"][:len(row["text"]) // 2]}) + "\n"
        for k, row in enumerate(rows)), encoding="utf-8")
    indexed, imported = tmp_path / "indexed.sqlite", tmp_path / "imported.sqlite"
    shutil.copy(dev_small["store"], indexed)
    import_tables(str(dev_small["out"]), str(imported))
    told, reports = [], []
    for store in (indexed, imported):
        capsys.readouterr()
        assert run_corpus(["add", str(store), str(more)]) == 0
        told.append(capsys.readouterr().err)
        with CollectionStore.open(store) as opened:
            reports.append(opened.report())
    count = len(dev_small["embedded"]["documents"])
    assert f"the formulations were found when the store held {count} articles" in told[0]
    assert told[1] == told[0]
    assert reports[1] == reports[0]


def test_a_few_articles_list_the_formulations_the_embedded_engine_lists(
        spark: SparkSession, tmp_path: Path) -> None:
    # Fewer than `FEW_ARTICLES`: both engines read every two articles the same way.
    source = tmp_path / "few.jsonl"
    source.write_text("".join(
        json.dumps({"id": a.id, "series": a.series, "date": a.date, "text": a.text}) + "\n"
        for a in read_sources([FEW])), encoding="utf-8")
    embedded = embedded_report(source, tmp_path / "embedded.sqlite")
    run_job(str(source), str(tmp_path / "tables"), spark=spark)
    spark_report = report_from_tables(str(tmp_path / "tables"))
    assert "greener harbour for every generation" in [
        f["phrase"] for f in spark_report["formulations"]]
    for part in ("documents", "pairs", "clusters", "formulations", "boilerplate", "skipped"):
        assert spark_report[part] == embedded[part], part


def test_a_collection_in_two_languages_lists_what_the_embedded_engine_lists(
        spark: SparkSession, tmp_path: Path) -> None:
    # Each language's formulations and each edition's boilerplate (a series that
    # publishes in both), as in `tests/collection/test_readings.py`.
    source = tmp_path / "mixed.jsonl"
    source.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n"
                              for row in mixed_rows()), encoding="utf-8")
    embedded = embedded_report(source, tmp_path / "embedded.sqlite")
    run_job(str(source), str(tmp_path / "tables"), spark=spark)
    spark_report = report_from_tables(str(tmp_path / "tables"))
    assert {b["text"] for b in spark_report["boilerplate"]} >= {"责任编辑：林海"}
    assert any("绿水青山" in f["phrase"] for f in spark_report["formulations"])
    for part in ("documents", "pairs", "clusters", "formulations", "boilerplate", "skipped"):
        assert spark_report[part] == embedded[part], part


def test_a_line_every_series_writes_is_no_series_boilerplate_as_in_the_embedded_engine(
        spark: SparkSession, tmp_path: Path) -> None:
    # In four of one series' nine articles, no more than chance gives at the rate of the
    # others (two of nine), which the job counts over the whole collection, as the
    # engine does.
    planted = make_collection(documents=36)
    with_notice_line(planted)
    source = planted.write(tmp_path / "notice.jsonl")
    embedded = embedded_report(source, tmp_path / "embedded.sqlite")
    run_job(str(source), str(tmp_path / "tables"), spark=spark)
    spark_report = report_from_tables(str(tmp_path / "tables"))
    assert [(b["series"], b["text"]) for b in spark_report["boilerplate"]] == [
        ("s1", BOILERPLATE)]
    for part in ("documents", "pairs", "clusters", "formulations", "boilerplate", "skipped"):
        assert spark_report[part] == embedded[part], part


def test_one_short_sentence_copied_along_a_chain_pairs_as_in_the_embedded_engine(
        spark: SparkSession, tmp_path: Path) -> None:
    # Short set phrasing by its n-grams, but a whole sentence in five articles: copied.
    planted, docs = with_sentence_chain(5)
    source = planted.write(tmp_path / "chain.jsonl")
    embedded = embedded_report(source, tmp_path / "embedded.sqlite")
    run_job(str(source), str(tmp_path / "tables"), spark=spark)
    spark_report = report_from_tables(str(tmp_path / "tables"))
    assert ("en14", "en18") in {(p["a"], p["b"]) for p in spark_report["pairs"]}
    for part in ("documents", "pairs", "clusters", "formulations", "boilerplate", "skipped"):
        assert spark_report[part] == embedded[part], part


def _press_release() -> tuple[Planted, list[str]]:
    planted = make_collection(documents=40)
    return planted, with_press_release(planted, copies=24)  # the cap is 20 articles


def _wire_story() -> tuple[Planted, list[str]]:
    # 211 of 450 articles are one story, a disclaimer stands under 230 others' own text:
    # both in more articles than the collection's furniture; the story alone is copied.
    planted = make_collection(documents=240)
    with_disclaimer(planted, range(10, 240))
    return planted, with_wire_story(planted, copies=210)


@pytest.mark.parametrize("widely_carried", [_press_release, _wire_story])
def test_a_passage_in_more_articles_than_the_cap_pairs_as_in_the_embedded_engine(
        spark: SparkSession, tmp_path: Path,
        widely_carried: Callable[[], tuple[Planted, list[str]]]) -> None:
    planted, carriers = widely_carried()
    source = planted.write(tmp_path / "carried.jsonl")
    embedded = embedded_report(source, tmp_path / "embedded.sqlite")
    run_job(str(source), str(tmp_path / "tables"), spark=spark)
    spark_report = report_from_tables(str(tmp_path / "tables"))
    assert {("d001", copy) for copy in carriers[1:]} <= {
        (p["a"], p["b"]) for p in spark_report["pairs"]}
    for part in ("pairs", "clusters", "formulations", "boilerplate"):
        assert spark_report[part] == embedded[part], part


def test_without_formulations_the_rest_is_found_all_the_same(
        spark: SparkSession, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = DEV_SMALL
    out, target = tmp_path / "tables", tmp_path / "out.json"
    assert run_corpus([str(source), "--engine", "spark", "--out", str(out), "--no-formulations",
                       "--json", str(target), "--quiet"]) == 0
    written = json.loads(target.read_text(encoding="utf-8"))
    embedded = embedded_report(source, tmp_path / "embedded.sqlite")
    assert written["formulations"] == [] and embedded["formulations"]
    assert written["formulations_left_out"] is True
    assert "formulations_left_out" not in embedded
    assert written["boilerplate"] == embedded["boilerplate"]
    # Passages that are formulations are no longer left out: every listed pair stays.
    listed = {(p["a"], p["b"]): p["passages"] for p in written["pairs"]}
    for pair in embedded["pairs"]:
        assert all(p in listed[(pair["a"], pair["b"])] for p in pair["passages"])
    # The choice is kept with the tables, by the store they are imported into and by its
    # next add, as the embedded engine keeps it: no formulations found over the whole
    # collection in one process after all, the pairs those would drop still listed.
    assert formulations_left_out(str(out))
    with gzip.open(DEV_SMALL, "rt", encoding="utf-8") as handle:
        row = json.loads(handle.readline())
    more = tmp_path / "more.jsonl"
    more.write_text(json.dumps({**row, "id": "more-1", "date": "2030-01-01",
                                "text": row["text"][:len(row["text"]) // 2]}) + "\n",
                    encoding="utf-8")
    imported, indexed = tmp_path / "imported.sqlite", tmp_path / "indexed.sqlite"
    capsys.readouterr()
    assert run_corpus(["import", str(out), "--store", str(imported)]) == 0
    assert "the formulations were left out (--no-formulations)" in capsys.readouterr().err
    assert run_corpus([str(source), "--store", str(indexed), "--no-formulations",
                       "--quiet"]) == 0
    reports = []
    for store in (imported, indexed):
        assert run_corpus(["add", str(store), str(more), "--quiet"]) == 0
        with CollectionStore.open(store) as opened:
            reports.append(opened.report())
    assert reports[0]["formulations"] == [] and reports[0] == reports[1]


def test_a_parquet_folder_is_read_not_refused_as_a_folder(spark: SparkSession,
                                                          tmp_path: Path) -> None:
    # Parquet as Spark, pandas and pyarrow write a dataset: a folder of part files.
    rows = make_collection(documents=6).rows
    dataset = tmp_path / "articles.parquet"
    dataset.mkdir()
    for part, chunk in enumerate((rows[:3], rows[3:])):
        pq.write_table(pa.Table.from_pylist(chunk), dataset / f"part-{part}.parquet")
    out = tmp_path / "tables"
    assert run_corpus([str(dataset), "--engine", "spark", "--out", str(out), "--quiet"]) == 0
    assert sorted(d["id"] for d in report_from_tables(str(out))["documents"]) == sorted(
        row["id"] for row in rows)


@pytest.mark.parametrize("where", ["file", "folder"])
def test_damaged_parquet_is_one_line_naming_the_file_not_a_traceback(
        spark: SparkSession, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        where: str) -> None:
    # A Parquet file cut short (a copy or download stopped): Spark cannot read its footer,
    # and its error, Java's stack and all, was the whole of what the user was told.
    rows = make_collection(documents=4).rows
    whole = tmp_path / "whole.parquet"
    pq.write_table(pa.Table.from_pylist(rows), whole)
    data = whole.read_bytes()
    if where == "file":
        source = damaged = tmp_path / "cut.parquet"
    else:
        source = tmp_path / "articles"
        source.mkdir()
        pq.write_table(pa.Table.from_pylist(rows[:2]), source / "part-0.parquet")
        damaged = source / "part-1.parquet"
    damaged.write_bytes(data[:len(data) // 2])
    code = run_corpus([str(source), "--engine", "spark", "--out", str(tmp_path / "out"),
                       "--quiet"])
    elsewhere = "" if where == "file" else f", or move it out of {source}"
    assert (code, capsys.readouterr().err) == (
        2, f"tandem: {damaged}: cannot be read as Parquet (it is damaged, cut short or not "
           f"Parquet data); write it again{elsewhere}\n")
    assert not (tmp_path / "out").exists()


def _interrupted_at(stage: str, source: Path, out: Path, *options: str,
                    after: float = 0, job: bool = False) -> tuple[int, str, list[int]]:
    """Run `tandem corpus SOURCE --engine spark --out OUT` (`job`: `python -m
    viewer.spark.job SOURCE --out OUT`) in a process of its own, and press Ctrl-C (SIGINT
    to its process group, as a terminal sends it) `after` seconds once it tells `stage`:
    its exit code, what it wrote on stderr, and the processes it had started."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2]),
           "XDG_CACHE_HOME": str(out.parent / "cache")}
    command = (["viewer.spark.job", str(source)] if job
               else ["viewer", "corpus", str(source), "--engine", "spark"])
    run = subprocess.Popen([sys.executable, "-m", *command, "--out", str(out), *options],
                           stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
    assert run.stderr is not None
    said, started = [], []
    for line in run.stderr:
        said.append(line)
        if line == f"tandem spark: {stage}\n":
            time.sleep(after)
            started = _descendants(run.pid)
            os.killpg(run.pid, signal.SIGINT)
            break
    said.append(run.stderr.read())
    return run.wait(timeout=120), "".join(said), started


def _descendants(pid: int) -> list[int]:
    children = [int(child) for task in _listed(Path(f"/proc/{pid}/task"))
                for child in _read(task / "children").split()]
    return children + [grandchild for child in children for grandchild in _descendants(child)]


def _listed(folder: Path) -> list[Path]:
    # A process that has ended meanwhile has no folder left: it has no children either.
    try:
        return list(folder.iterdir())
    except FileNotFoundError:
        return []


def _read(path: Path) -> str:
    # The JVM's threads come and go: one listed a moment ago may have ended before it is read.
    try:
        return path.read_text()
    except FileNotFoundError:
        return ""


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_run_stopped_while_writing_leaves_the_earlier_tables_whole(
        spark: SparkSession, tmp_path: Path) -> None:
    # The job replaced one table after another: Ctrl-C while it wrote left the first of
    # this run's tables (or an emptied folder) beside the others of the run before, which
    # `import` and the reports read as one collection.
    planted = make_collection(documents=12)
    out = tmp_path / "tables"
    run_job(str(planted.write(tmp_path / "first.jsonl", planted.rows[:6])), str(out),
            spark=spark)
    before = report_from_tables(str(out))
    code, _, _ = _interrupted_at("write", planted.write(tmp_path / "all.jsonl"), out)
    assert code == 130
    assert report_from_tables(str(out)) == before
    assert sorted(os.listdir(out)) == sorted([*TABLES, RUN_TABLE])


def test_ctrl_c_during_a_run_is_one_line_and_leaves_no_java_running(
        spark: SparkSession, tmp_path: Path) -> None:
    # Ctrl-C while Spark worked: py4j logged the interrupted call, and pyspark's Ctrl-C
    # handler's own call into Java made in its middle, as two Python tracebacks, then
    # tandem said "the store is as it was before" of a run that keeps no store.
    planted = make_collection(documents=12)
    out = tmp_path / "tables"
    # A moment into the stage: Spark at work, Python waiting on Java.
    code, said, started = _interrupted_at("alignment", planted.write(tmp_path / "all.jsonl"),
                                          out, after=1)
    assert code == 130
    assert said.splitlines()[-1] == f"tandem: interrupted; {out} is as it was before"
    assert all(line.startswith("tandem spark: ") for line in said.splitlines()[:-1]), said
    assert not out.exists()
    assert started  # Java, and Spark's Python workers
    deadline = time.monotonic() + 20
    while any(_running(pid) for pid in started) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not [pid for pid in started if _running(pid)]


def test_ctrl_c_during_the_job_run_by_python_is_one_line_as_in_tandem_corpus(
        spark: SparkSession, tmp_path: Path) -> None:
    # `python -m viewer.spark.job` let the interrupt out as Python's traceback.
    planted = make_collection(documents=12)
    out = tmp_path / "tables"
    code, said, _ = _interrupted_at("alignment", planted.write(tmp_path / "all.jsonl"), out,
                                    after=1, job=True)
    assert code == 130
    assert said.splitlines()[-1] == f"tandem: interrupted; {out} is as it was before"
    assert "Traceback" not in said
    assert not out.exists()


def test_each_row_of_a_parquet_folder_is_named_by_its_file_and_its_place_there(
        spark: SparkSession, tmp_path: Path) -> None:
    # As a line of JSON lines is: not by Spark's row ids, which leap at each partition.
    rows = make_collection(documents=5).rows
    dataset = tmp_path / "articles.parquet"
    dataset.mkdir()
    parts = {dataset / "part-0.parquet": rows[:3], dataset / "part-1.parquet": rows[3:]}
    for part, chunk in parts.items():
        pq.write_table(pa.Table.from_pylist(chunk), part)
    run_job(str(dataset), str(tmp_path / "tables"), spark=spark)
    documents = report_from_tables(str(tmp_path / "tables"))["documents"]
    assert [(d["id"], d["path"]) for d in documents] == [
        (row["id"], f"{part}:{k}") for part, chunk in parts.items()
        for k, row in enumerate(chunk, 1)]


def test_the_terminal_lists_what_the_job_skipped(spark: SparkSession, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    rows = make_collection(documents=6).rows
    source = tmp_path / "six.jsonl"
    rows[4]["date"] = "not-a-date"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows[:3]) + "{broken\n"
                      + "".join(json.dumps(r) + "\n" for r in rows[3:]), encoding="utf-8")
    assert run_corpus([str(source), "--engine", "spark", "--out", str(tmp_path / "t")]) == 0
    err = capsys.readouterr().err.splitlines()
    assert any(line.startswith("tandem spark: 6 documents, ")
               and "1 input skipped, 1 note" in line for line in err)
    assert err[-2].startswith(f"tandem: skipped {source}:4: is not valid JSON")
    assert err[-1].startswith(f"tandem: note on {source}:6: has the date 'not-a-date'")


@pytest.mark.parametrize("documents", [1, 2])
def test_a_single_article_on_spark_gets_the_note_the_embedded_engine_gives(
        spark: SparkSession, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        documents: int) -> None:
    source = tmp_path / "few.jsonl"
    source.write_text("".join(json.dumps(r) + "\n"
                              for r in make_collection(documents=2).rows[:documents]),
                      encoding="utf-8")
    assert run_corpus([str(source), "--engine", "spark", "--out", str(tmp_path / "t")]) == 0
    err = capsys.readouterr().err
    assert ("tandem: note: the collection holds a single article" in err) == (documents == 1)
    told = f"{documents} document{'' if documents == 1 else 's'}, "  # "1 documents" before
    assert any(line.startswith(f"tandem spark: {told}") for line in err.splitlines())


def test_a_source_named_from_its_folder_is_recorded_as_the_embedded_engine_records_it(
        spark: SparkSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The embedded engine stores a source by its absolute path, so that whether an
    # article's file is still there does not depend on where a later add runs; the job
    # must record the same paths, in its report and in a store imported from its tables.
    shutil.copy(FEW.parents[1] / "en" / "collection.jsonl", tmp_path / "en.jsonl")
    source = os.path.relpath(tmp_path / "en.jsonl")  # as typed in the current folder
    run_job(source, str(tmp_path / "tables"), spark=spark)
    spark_report = report_from_tables(str(tmp_path / "tables"))
    embedded = embedded_report(Path(source), tmp_path / "embedded.sqlite")
    assert spark_report["documents"][0]["path"] == f"{tmp_path / 'en.jsonl'}:1"
    assert spark_report["documents"] == embedded["documents"]
    # Imported, the store refuses another file's text under one of its ids from any folder.
    import_tables(str(tmp_path / "tables"), str(tmp_path / "imported.sqlite"))
    row = json.loads((tmp_path / "en.jsonl").read_text(encoding="utf-8").splitlines()[0])
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "other.jsonl").write_text(
        json.dumps({**row, "text": row["text"] + " A sentence of its own."}) + "\n",
        encoding="utf-8")
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert run_corpus(["add", str(tmp_path / "imported.sqlite"), "other.jsonl"]) == 2


def test_gzip_data_that_ends_early_is_one_line_not_a_traceback(
        spark: SparkSession, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A download cut short: the embedded engine indexes the lines before the damage and
    # lists the rest as skipped; Hadoop's reader fails the whole read, which is told so.
    source = FEW.parents[1] / "damaged" / "truncated.jsonl.gz"
    code = run_corpus([str(source), "--engine", "spark", "--out", str(tmp_path / "out"),
                       "--quiet"])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert err == (f"tandem: {source}: the gzip data is damaged or ends early (Unexpected "
                   "end of input stream); the Spark engine reads none of it: compress the "
                   "file again, or index the lines before the damage with the embedded "
                   "engine (without --engine spark)")


def test_a_glob_of_files_names_each_line_by_its_file(spark: SparkSession, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    # The broken line is the third of part-2.jsonl: so the job says, as the embedded engine
    # given the two files does, not line 8 of "part-*.jsonl".
    parts = FEW.parents[1] / "parts"
    code = run_corpus([str(parts / "part-*.jsonl"), "--engine", "spark", "--out",
                       str(tmp_path / "out"), "--quiet"])
    assert code == 0
    assert capsys.readouterr().err.strip().startswith(
        f"tandem: skipped {parts / 'part-2.jsonl'}:3: is not valid JSON")
    spark_report = report_from_tables(str(tmp_path / "out"))
    with CollectionStore.create_or_open(tmp_path / "embedded.sqlite") as store:
        add_sources(store, [parts / "part-1.jsonl", parts / "part-2.jsonl"], workers=1)
        embedded = store.report()
    for part in ("documents", "pairs", "clusters", "formulations", "boilerplate", "skipped"):
        assert spark_report[part] == embedded[part], part
    assert run_corpus([str(parts / "nothing-*.jsonl"), "--engine", "spark", "--out",
                       str(tmp_path / "none"), "--quiet"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"tandem: {parts / 'nothing-*.jsonl'}: no file matches (check the path)")


@pytest.mark.parametrize("name", ["nope.jsonl", "present.jsonl, "])
def test_a_uri_source_that_is_not_there_is_one_line_not_a_traceback(
        spark: SparkSession, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        name: str) -> None:
    # Spark alone looks for a URI's file: its "path does not exist" is told as a missing
    # local path is (a file pasted with the comma after it names no file either).
    (tmp_path / "present.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in make_collection(3).rows), encoding="utf-8")
    source = (tmp_path / "x").as_uri()[:-1] + name
    code = run_corpus([source, "--engine", "spark", "--out", str(tmp_path / "out"),
                       "--quiet"])
    assert (code, capsys.readouterr().err) == (
        2, f"tandem: {source}: no such file or folder (check the path)\n")


def test_lines_are_read_as_their_bytes_and_split_at_newlines_as_the_embedded_engine_does(
        spark: SparkSession, tmp_path: Path) -> None:
    # A line a scraper wrote in Windows-1252 is skipped as not UTF-8 (Spark's text reader
    # must not decode it into U+FFFD and index the mangled text), and a bare carriage return
    # between two fields of a line ends no line (so the lines after it keep their numbers).
    rows = [json.dumps(row) for row in make_collection(documents=4).rows]
    rows[1] = rows[1].replace('", "series"', '",\r"series"', 1)
    cp1252 = json.dumps({"id": "quoted", "text": "\u201cA quote\u201d, said twice."},
                        ensure_ascii=False).encode("cp1252")
    source = tmp_path / "scraped.jsonl"
    source.write_bytes(b"\n".join([*(row.encode() for row in rows[:3]), cp1252, rows[3].encode()])
                       + b"\n")
    run_job(str(source), str(tmp_path / "tables"), spark=spark)
    spark_report = report_from_tables(str(tmp_path / "tables"))
    embedded = embedded_report(source, tmp_path / "embedded.sqlite")
    assert [s["path"] for s in embedded["skipped"]] == [f"{source}:4"]
    for part in ("documents", "skipped"):
        assert spark_report[part] == embedded[part], part


@pytest.mark.parametrize("name", ["mac.jsonl", "mac.jsonl.gz"])
def test_lines_ended_by_carriage_returns_alone_are_split_as_the_embedded_engine_splits_them(
        spark: SparkSession, tmp_path: Path, name: str) -> None:
    # Classic Mac OS line ends: each line an article (the third skipped), numbered alike.
    rows = [json.dumps(row) for row in make_collection(documents=4).rows]
    rows[2] = rows[2][:40]
    source = tmp_path / name
    data = "\r".join(rows).encode("utf-8")
    source.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    run_job(str(source), str(tmp_path / "tables"), spark=spark)
    spark_report = report_from_tables(str(tmp_path / "tables"))
    embedded = embedded_report(source, tmp_path / "embedded.sqlite")
    assert [s["path"] for s in embedded["skipped"]] == [f"{source}:3"]
    assert len(embedded["documents"]) == 3
    for part in ("documents", "skipped"):
        assert spark_report[part] == embedded[part], part


def test_gzip_data_not_named_gz_is_told_so(spark: SparkSession, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    # Saved by a browser or curl that kept the server's compression, under the name it
    # asked for: the embedded engine reads it by its first bytes; Spark's reader knows
    # gzip by the name alone, and read every compressed line as "not valid JSON".
    source = tmp_path / "collection.jsonl"
    with gzip.open(source, "wt", encoding="utf-8") as handle:
        handle.write("".join(json.dumps(row) + "\n" for row in make_collection(3).rows))
    assert len(embedded_report(source, tmp_path / "embedded.sqlite")["documents"]) == 3
    code = run_corpus([str(source), "--engine", "spark", "--out", str(tmp_path / "out"),
                       "--quiet"])
    assert code == 2
    assert capsys.readouterr().err == (
        f"tandem: {source}: is gzip data, but its name does not end in .gz, by which Spark "
        "knows to decompress it: rename it to collection.jsonl.gz\n")


def test_gzip_data_padded_with_zero_bytes_is_told_so_not_as_damaged(
        spark: SparkSession, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A tape or backup tool pads the file with zero bytes: the embedded engine reads every
    # line; Hadoop's reader failed the whole read as "damaged or ends early", though no line
    # is lost and there is no "before the damage" to index.
    source = tmp_path / "restored.jsonl.gz"
    source.write_bytes(gzip.compress("".join(
        json.dumps(row) + "\n" for row in make_collection(3).rows).encode()) + bytes(512))
    assert len(embedded_report(source, tmp_path / "embedded.sqlite")["skipped"]) == 0
    code = run_corpus([str(source), "--engine", "spark", "--out", str(tmp_path / "out"),
                       "--quiet"])
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"tandem: {source}: the gzip data is followed by zero bytes")
    assert "damaged" not in err and err.count("\n") == 1


def _errors_of_both_engines(source: Path, tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """The one line each engine exits 2 with on `source`: (embedded, Spark)."""
    said = []
    for engine in (["--store", str(tmp_path / "embedded.sqlite")],
                   ["--engine", "spark", "--out", str(tmp_path / "out")]):
        assert run_corpus([str(source), *engine, "--quiet"]) == 2
        said.append(capsys.readouterr().err.strip())
    return said[0], said[1]


def test_a_source_of_no_article_is_told_as_the_embedded_engine_tells_it(
        spark: SparkSession, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty, blank, broken = (tmp_path / f"{name}.jsonl" for name in ("empty", "blank", "broken"))
    empty.write_bytes(b"")
    blank.write_bytes(b"\n  \n\n")
    # Eleven lines not read: the first is line 2, which "broken.jsonl:10" sorts before.
    broken.write_text("\n" + "".join(f'{{"id": "d{k}", "text": \n' for k in range(2, 12)),
                      encoding="utf-8")
    for source in (empty, broken):
        embedded, on_spark = _errors_of_both_engines(source, tmp_path, capsys)
        assert on_spark == embedded
    embedded, on_spark = _errors_of_both_engines(blank, tmp_path, capsys)
    # The hint names what each engine reads: the Spark engine reads no folder.
    told = f"tandem: {blank}: no readable article found; give "
    assert embedded.startswith(told) and on_spark.startswith(told)
    assert on_spark.endswith(f"{JSON_LINES_FORMAT}, or Parquet with those columns")


def test_an_id_used_twice_is_told_as_the_embedded_engine_tells_it(
        spark: SparkSession, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = make_collection(documents=3).rows
    rows[2]["id"] = rows[0]["id"]
    source = tmp_path / "twice.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    embedded, on_spark = _errors_of_both_engines(source, tmp_path, capsys)
    assert on_spark == embedded
    # Parquet, which the embedded engine does not read, has rows, not lines.
    table = tmp_path / "twice.parquet"
    pq.write_table(pa.Table.from_pylist(rows), table)
    assert run_corpus([str(table), "--engine", "spark", "--out", str(tmp_path / "t"),
                       "--quiet"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"tandem: {table}:3: id {rows[0]['id']!r} is used twice (also {table}:1); give each "
        'article its own id (its "id" in that row)')


def _fake_java_home(folder: Path) -> Path:
    """A JAVA_HOME whose java exits at once, as one too old for Spark 4 does."""
    java = folder / "bin" / "java"
    java.parent.mkdir(parents=True)
    java.write_text("#!/bin/sh\necho 'java.lang.UnsupportedClassVersionError' >&2\nexit 1\n",
                    encoding="utf-8")
    java.chmod(0o755)
    return folder


@pytest.mark.parametrize("home", ["missing", "too old"])
def test_the_job_run_by_python_checks_java_as_tandem_corpus_does(tmp_path: Path,
                                                                  home: str) -> None:
    # `python -m viewer.spark.job` starts its own local session, as `tandem corpus
    # --engine spark` does: the same one line when Java cannot start Spark.
    source = tmp_path / "three.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in make_collection(3).rows),
                      encoding="utf-8")
    java_home = tmp_path / "jdk-gone" if home == "missing" else _fake_java_home(tmp_path / "jdk")
    env = {**os.environ, "JAVA_HOME": str(java_home), "PYTHONPATH": str(Path(__file__).parents[2]),
           "XDG_CACHE_HOME": str(tmp_path / "cache")}
    said = []
    for command in (["viewer.spark.job", str(source)],
                    ["viewer", "corpus", str(source), "--engine", "spark"]):
        done = subprocess.run([sys.executable, "-m", *command, "--out", str(tmp_path / "t")],
                              capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 2 and "Traceback" not in done.stderr
        said.append(done.stderr.splitlines()[-1])
    assert said[0] == said[1] and said[0].startswith("tandem: ")


def test_the_job_run_by_python_refuses_a_blank_source_as_tandem_corpus_does(
        tmp_path: Path) -> None:
    # "" is the current folder to Spark and the file system: told as holding --out.
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    done = subprocess.run([sys.executable, "-m", "viewer.spark.job", "", "--out",
                           str(tmp_path / "t")], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=120)
    assert (done.returncode, done.stderr) == (
        2, "tandem: SOURCE '': names no file or folder; give the path of the articles\n")
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("name", ["nope.jsonl", "nope-*.jsonl", "nope.parquet"])
def test_a_missing_source_is_told_before_spark_starts(tmp_path: Path, name: str) -> None:
    # Told alone and at once, not after the seconds the JVM takes to start and its
    # warning line (nor, for Parquet, as Spark's "path does not exist").
    source = str(tmp_path / name)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2]),
           "XDG_CACHE_HOME": str(tmp_path / "cache")}
    said = "no file matches" if "*" in name else "no such file or folder"
    for command in (["viewer.spark.job", source],
                    ["viewer", "corpus", source, "--engine", "spark"]):
        done = subprocess.run([sys.executable, "-m", *command, "--out", str(tmp_path / "t")],
                              capture_output=True, text=True, env=env, timeout=120)
        assert (done.returncode, done.stderr) == (
            2, f"tandem: {source}: {said} (check the path)\n")
    assert not (tmp_path / "t").exists()


def test_the_job_run_by_python_leaves_a_folder_of_the_users_alone(tmp_path: Path) -> None:
    # The job replaces a folder per table under --out: a folder of the user's holding a
    # "documents" folder of their own would lose it. `tandem corpus --engine spark`
    # refuses such an --out; so does the job run by python, before Spark starts.
    source = tmp_path / "three.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in make_collection(3).rows),
                      encoding="utf-8")
    kept = tmp_path / "kept"
    (kept / "documents").mkdir(parents=True)
    (kept / "documents" / "letter.txt").write_text("mine", encoding="utf-8")
    (kept / "notes.txt").write_text("mine too", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2]),
           "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-m", "viewer.spark.job", str(source), "--out",
                           str(kept), "--quiet"], capture_output=True, text=True, env=env,
                          timeout=300)
    assert (done.returncode, done.stderr) == (
        2, f"tandem: {kept}: holds 'notes.txt', which is none of the job's tables; give "
           "--out a new or empty folder (the tables in it are replaced)\n")
    assert sorted(p.name for p in kept.rglob("*")) == ["documents", "letter.txt", "notes.txt"]


def test_the_job_run_by_python_without_pyspark_says_what_to_install(tmp_path: Path) -> None:
    # It imports pyspark first: a ModuleNotFoundError traceback, where `tandem corpus
    # --engine spark` says in one line what to install. pyspark is made unimportable as
    # an environment without the [spark] extra has it.
    source = tmp_path / "three.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in make_collection(3).rows),
                      encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2]),
           "XDG_CACHE_HOME": str(tmp_path / "cache")}
    said = []
    for module, command in (("viewer.spark.job", [str(source)]),
                            ("viewer", ["corpus", str(source), "--engine", "spark"])):
        without_pyspark = ("import runpy, sys; sys.modules['pyspark'] = None; "
                           f"runpy.run_module({module!r}, run_name='__main__', alter_sys=True)")
        done = subprocess.run([sys.executable, "-c", without_pyspark, *command, "--out",
                               str(tmp_path / "t")], capture_output=True, text=True, env=env,
                              timeout=120)
        assert done.returncode == 2 and len(done.stderr.splitlines()) == 1, done.stderr
        said.append(done.stderr)
    assert said[0] == said[1] and "pip install" in said[0]


def test_a_parquet_timestamp_is_dated_by_its_utc_day_wherever_spark_runs(
        spark: SparkSession, tmp_path: Path) -> None:
    # Parquet keeps a time stamp as an instant; Spark hands it to Python in its session's
    # time zone (the machine's, by default), so the same file was dated a day apart on a
    # machine in Shanghai and one in London. A JSON line's Unix time is read to its UTC day.
    from datetime import datetime

    rows = make_collection(documents=3).rows
    stamps = [datetime(2023, 3, 9, 23, 30, tzinfo=UTC),
              datetime(2023, 3, 10, 1, 0, tzinfo=UTC),
              datetime(2023, 3, 11, 12, 0, tzinfo=UTC)]
    table = pa.table({"id": [row["id"] for row in rows], "text": [row["text"] for row in rows],
                      "date": pa.array(stamps, pa.timestamp("us", tz="UTC"))})
    source = tmp_path / "stamped.parquet"
    pq.write_table(table, source)
    zone = spark.conf.get("spark.sql.session.timeZone")
    spark.conf.set("spark.sql.session.timeZone", "Asia/Shanghai")
    try:
        run_job(str(source), str(tmp_path / "tables"), spark=spark)
    finally:
        spark.conf.set("spark.sql.session.timeZone", zone)
    documents = report_from_tables(str(tmp_path / "tables"))["documents"]
    assert {d["id"]: d["date"] for d in documents} == {
        row["id"]: stamp.date().isoformat() for row, stamp in zip(rows, stamps, strict=True)}


def test_the_jobs_skipped_inputs_are_told_in_the_stores_order(tmp_path: Path) -> None:
    # The store tells failures before notes, and the operating system's files last; the
    # job's report listed them as read, so the two engines' "skipped" differed.
    read = [("c.jsonl:3", "has the date 'soon' (written as YYYY-MM-DD?)", True),
            ("c.jsonl:8", "is not valid JSON", False),
            ("d/Thumbs.db", "is a thumbnail cache Windows keeps, not an article", False),
            ("d/z.pdf", "is an empty file", False)]
    out = tmp_path / "tables"
    (out / "skipped").mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist([{"num": k, "path": path, "reason": reason,
                                          "indexed": note}
                                         for k, (path, reason, note) in enumerate(read)]),
                   out / "skipped" / "part-0.parquet")
    with CollectionStore.create_or_open(tmp_path / "s.sqlite") as store:
        store.set_skipped(read)
        told = store.skipped()
    assert [s["path"] for s in told] == ["c.jsonl:8", "d/z.pdf", "c.jsonl:3", "d/Thumbs.db"]
    assert read_skipped(str(out)) == told
