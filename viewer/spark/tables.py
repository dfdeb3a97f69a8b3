"""The Spark job's Parquet tables, read back: the JSON contract and the collection store.

`report_from_tables(DIR)` is the JSON contract "collection" v1, in the embedded engine's
order (pairs by `pair_rank`, formulations by rank, clusters by first document);
`import_tables(DIR, STORE)` loads the tables into a store the window opens
(`tandem corpus import DIR --store STORE`). Only pyarrow is needed, not Spark.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pyarrow.parquet as pq

from viewer.collection.article import SourceError
from viewer.collection.store import with_left_out
from viewer.core.tokenize import TokenStream

#: The tables of a job's output folder, a folder of Parquet files each.
TABLES = ("documents", "passages", "pairs", "clusters", "formulations", "boilerplate",
          "skipped")
#: The table saying how the job ran: one row, `formulations` (whether it looked for them;
#: false under `--no-formulations`). Tables written before it was are read as having
#: looked for them, and readers that know only `TABLES` pass it by.
RUN_TABLE = "run"
#: The folder in the output folder the job writes its tables in before they replace the
#: earlier ones (left behind only by a run killed outright).
STAGING_PREFIX = ".writing-"


def read_tables(out: str) -> dict[str, list[dict[str, Any]]]:
    """Every table of a job's output folder as rows; a clear error when one is missing."""
    tables = {}
    for name in TABLES:
        path = os.path.join(out, name)
        if not os.path.isdir(path):
            raise SourceError(f"{out}: has no '{name}' table (is it the --out folder of "
                              "`tandem corpus --engine spark`?)")
        tables[name] = pq.read_table(path).to_pylist()
    return tables


def formulations_left_out(out: str) -> bool:
    """Whether the job that wrote the tables in `out` left the formulations out
    (`--no-formulations`): its empty formulations table then lists none looked for."""
    path = os.path.join(out, RUN_TABLE)
    if not os.path.isdir(path):
        return False
    return not all(row["formulations"] for row in pq.read_table(path).to_pylist())


def report_from_tables(out: str) -> dict[str, Any]:
    """The JSON contract "collection", version 1, of a job's output folder."""
    tables = read_tables(out)
    documents = sorted(tables["documents"], key=lambda d: d["num"])
    ids = {d["num"]: d["id"] for d in documents}
    pairs = [json.loads(p["data"]) for p in sorted(tables["pairs"], key=lambda p: p["rank"])]
    return with_left_out({
        "version": 1, "kind": "collection",
        "documents": [{"id": d["id"], "path": d["path"], "series": d["series"],
                       "date": d["date"], "chars": d["chars"]} for d in documents],
        "pairs": [{"a": p["a"], "b": p["b"], "passages": p["passages"],
                   "shared_a": p["shared_a"], "shared_b": p["shared_b"]} for p in pairs],
        "clusters": [_cluster(c, ids) for c in sorted(tables["clusters"],
                                                      key=lambda c: c["id"])],
        "formulations": _ranked(tables["formulations"]),
        "boilerplate": _ranked(tables["boilerplate"]),
        "skipped": [{"path": s["path"], "reason": s["reason"]}
                    for s in _skipped_in_order(tables["skipped"])],
    }, formulations_left_out(out))


def read_skipped(out: str) -> list[dict[str, Any]]:
    """The inputs the job skipped and its notes on articles it indexed all the same
    ("indexed" true), in the order the store's `skipped()` lists them."""
    return _skipped_in_order(pq.read_table(os.path.join(out, "skipped")).to_pylist())


def _skipped_in_order(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The job's skipped inputs and notes in the order the store tells them
    (`folder.in_told_order`: failures before notes), each kind in the order read."""
    from viewer.collection.folder import in_told_order

    # Tables of a version that kept no notes have no "indexed" column: all were skipped.
    return in_told_order([{"path": s["path"], "reason": s["reason"],
                           "indexed": bool(s.get("indexed"))}
                          for s in sorted(rows, key=lambda s: s["num"])])


def _ranked(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [json.loads(row["data"]) for row in sorted(rows, key=lambda row: row["rank"])]


def _cluster(row: dict[str, Any], ids: dict[int, str]) -> dict[str, Any]:
    return {"id": row["id"], "first": row["first"],
            "passages": [{"doc": ids[num], "span": [start, end]}
                         for num, start, end in json.loads(row["passages"])]}


def write_report_json(out: str, target: str) -> None:
    """Write the JSON contract of a job's output folder to `target` ('-': stdout), atomically."""
    from viewer.cli import write_json_text

    write_json_text(json.dumps(report_from_tables(out), ensure_ascii=False), target)


def document_texts(out: str) -> dict[str, str]:
    """Every document's text by id, for the reports that quote passages."""
    table = pq.read_table(os.path.join(out, "documents"), columns=["id", "text"])
    return dict(zip(table.column("id").to_pylist(), table.column("text").to_pylist(),
                    strict=True))


def document_titles(out: str) -> dict[str, str]:
    """Every document's title by id (its source's, else its first line), which the
    reports name articles by."""
    table = pq.read_table(os.path.join(out, "documents"), columns=["id", "title"])
    return dict(zip(table.column("id").to_pylist(),
                    [title or "" for title in table.column("title").to_pylist()], strict=True))


def import_tables(out: str, store_path: str) -> int:
    """Load a job's tables into a new (or empty) collection store, as the embedded engine
    would have left it: documents with their tokens and n-gram index (so `tandem corpus add`
    can carry on from there), every aligned passage, and the finished results. Returns the
    number of documents. A store that already holds articles is refused, never replaced."""
    from viewer.collection.results import leave_formulations_out, mark_formulations_found
    from viewer.collection.store import CollectionStore, PairRow, StoreError

    report = report_from_tables(out)
    tables = read_tables(out)
    documents = sorted(tables["documents"], key=lambda d: d["num"])
    with CollectionStore.create_or_open(store_path) as store:
        held = store.document_count()
        if held:
            raise StoreError(f"{store_path}: already holds {held} articles; import into a new "
                             "store (or add the articles with `tandem corpus add`)")
        with store.transaction():
            streams = fill_store(store, documents, [
                (p["x"], p["y"], p["x0"], p["x1"], p["y0"], p["y1"], p["words"],
                 p["short_words"], p["surplus"]) for p in tables["passages"]])
            store.set_skipped([(s["path"], s["reason"], s["indexed"])
                               for s in _skipped_in_order(tables["skipped"])])
            pairs = [PairRow(a=p["a"], b=p["b"], shared_a=p["shared_a"], shared_b=p["shared_b"],
                             words=sum(passage["words"] for passage in p["passages"]),
                             passages=p["passages"]) for p in report["pairs"]]
            store.set_results(pairs, report["clusters"], report["formulations"],
                              report["boilerplate"])
            # Found as the embedded engine records it, so that an `add` keeps them as it
            # would (an unmarked store finds them afresh, over the whole collection in one
            # process). An empty table from tables older than `RUN_TABLE` marks none. Left
            # out, they stay out through an `add` until `--refind`, as the embedded
            # engine's `--no-formulations` records it.
            if report.get("formulations_left_out"):
                leave_formulations_out(store, True)
            elif report["formulations"] or os.path.isdir(os.path.join(out, RUN_TABLE)):
                mark_formulations_found(store, [d["language"] for d in documents], streams)
    return len(documents)


def fill_store(store: Any, documents: list[dict[str, Any]],
               passages: list[tuple[Any, ...]]) -> list[TokenStream]:
    """Put documents (in number order) and aligned passages (rows as the store's
    `raw_passages`) into an empty store, inside its transaction: each document with its
    tokens and n-gram hashes in the store's vocabulary, as the embedded engine indexes
    (`engine._add`), so that `derive` and later `add`s work on it as on their own.
    Returns the documents' tokens, in order."""
    from viewer.collection.rekey import mark_keys
    from viewer.collection.words import (
        CJK_LANGUAGES,
        content_hash,
        stored_vocabulary,
        tokenize_articles,
    )
    from viewer.core.collection.index import document_grams, index_params
    from viewer.core.shared import MATCHER_VERSION

    keys = store.vocabulary_keys()
    known = len(keys)  # the vocabulary grows in place: `keys` is its list
    vocabulary = stored_vocabulary(keys)
    cjk = sum(d["language"] in CJK_LANGUAGES for d in documents) > len(documents) / 2
    gram_n = index_params(cjk, 0).n
    store.set_meta("gram_n", str(gram_n))
    # The job aligned the passages with this version's matcher (`shared.MATCHER_VERSION`)
    # on this version's keys.
    store.set_meta("matcher", str(MATCHER_VERSION))
    mark_keys(store)
    streams = tokenize_articles([d["text"] for d in documents], vocabulary)
    for doc, stream in zip(documents, streams, strict=True):
        store.put_document(doc["num"], {
            "id": doc["id"], "series": doc["series"], "date": doc["date"],
            "path": doc["path"], "title": doc["title"], "text": doc["text"],
            "hash": content_hash(doc["text"]), "chars": doc["chars"],
            "words": len(stream), "language": doc["language"],
        }, stream.ids, stream.starts, stream.ends, document_grams(stream.ids, gram_n))
    store.add_vocabulary(known, vocabulary.keys[known:])
    store.add_passages(passages)
    return streams
