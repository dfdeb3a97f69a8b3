"""The embedded engine's own functions, called on Arrow batches inside Spark's executors.

Everything the collection job computes about text goes through here: parsing a JSON line
(`viewer.collection.jsonlines`), tokenizing and the n-gram hashes of the index
(`viewer.core.tokenize`, `viewer.core.collection.index`), aligning a pair
(`viewer.collection.align.PairAligner`, the matcher of `tandem compare`), the finished
results (`viewer.collection.results.derive`: boilerplate, formulations, which passages are
copies, the listed pairs) and clusters (`viewer.core.collection.clusters`). Nothing is
re-implemented: these are thin adapters from Arrow columns to those functions' arguments and
back. No pyspark here, so the adapters can be read and tested on their own.

One thing differs by necessity: the embedded engine numbers words with one vocabulary for
the whole collection, built in document order. Executors cannot share one, so for the
n-gram index a word's id is a 64-bit hash of its match key: the same words get the same
id everywhere, so the same n-grams get the same hash and the index pairs the same
documents. Alignment tokenizes each batch with a vocabulary of its own, as `compare()`
does for two texts; the matcher does not depend on how words are numbered. `derive` runs
in one task over the collection, on a private store filled by the engine's own indexing.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
import pyarrow as pa

from viewer.collection import results
from viewer.collection.align import PairAligner
from viewer.collection.article import Skipped
from viewer.collection.jsonlines import parse_line
from viewer.collection.words import CJK_LANGUAGES, tokenize_articles
from viewer.core.collection.clusters import find_clusters
from viewer.core.collection.index import document_grams
from viewer.core.document import detect_language
from viewer.core.tokenize import TokenStream, Vocabulary

CJK = CJK_LANGUAGES

# -- reading: each line by the embedded reader's `parse_line` (same checks, same text) -------


def parse_lines(batches: Iterable[pa.RecordBatch], path: str) -> Iterator[pa.RecordBatch]:
    """(number, line) -> article columns, or a skipped line (`reason` set)."""
    for batch in batches:
        numbered = zip(batch.column("number").to_pylist(), batch.column("line").to_pylist(),
                       strict=True)
        # Spark hands lines without their end; the embedded reader parses them with it
        # (which shows in the column of a JSON error at the end of a line).
        yield _articles(path, ((number, line + b"\n") for number, line in numbered
                               if line.strip()))


def parse_records(batches: Iterable[pa.RecordBatch], path: str) -> Iterator[pa.RecordBatch]:
    """Parquet rows (id, text, and optionally series, date, title; `number` their order) ->
    article columns, each row checked by the same rules as a JSON line."""
    for batch in batches:
        yield _articles(path, ((row["number"], json.dumps(
            {k: v for k, v in row.items() if k in ("id", "series", "date", "text", "title")},
            default=str).encode("utf-8")) for row in batch.to_pylist()))


ARTICLE_COLUMNS = ("num", "id", "series", "date", "text", "path", "title", "reason")
ARTICLE_SCHEMA = ("num long, id string, series string, date string, text string, "
                  "path string, title string, reason string")
_ARTICLE_ARROW = pa.schema([("num", pa.int64())] + [(name, pa.string())
                                                     for name in ARTICLE_COLUMNS[1:]])


def _articles(path: str, lines: Iterable[tuple[int, bytes]]) -> pa.RecordBatch:
    rows = []
    for number, line in lines:
        parsed = parse_line(path, line, number)
        if isinstance(parsed, Skipped):
            rows.append({"num": number, "id": "", "series": "", "date": "", "text": "",
                         "path": parsed.path, "title": "", "reason": parsed.reason})
        else:
            rows.append({"num": number, "id": parsed.id, "series": parsed.series,
                         "date": parsed.date, "text": parsed.text, "path": parsed.path,
                         "title": parsed.title, "reason": None})
    return pa.RecordBatch.from_pylist(rows, schema=_ARTICLE_ARROW)


# -- per document: language, words, n-gram hashes of the index -------------------------------


DOCUMENT_SCHEMA = ("num long, id string, series string, date string, text string, "
                   "path string, title string, language string, chars long")


def with_language(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Document rows (with `text`) -> the same rows plus `language` (the engine's language
    detection) and `chars` (the length in Python characters, the unit of every offset).
    The rows pass through, so the texts are not shuffled to join them back."""
    for batch in batches:
        texts = batch.column("text").to_pylist()
        yield batch.append_column(
            "language", pa.array([detect_language(text) for text in texts], type=pa.string())
        ).append_column("chars", pa.array([len(text) for text in texts], type=pa.int64()))


def _key_hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8", "surrogatepass"),
                                          digest_size=8).digest(), "little")


def stable_ids(vocabulary: Vocabulary) -> np.ndarray:
    """For each id of `vocabulary`, a hash of its match key: ids that are the same
    everywhere (index a stream's `ids` with it)."""
    return np.fromiter(map(_key_hash, vocabulary.keys), dtype=np.uint64,
                       count=len(vocabulary.keys))


def index_grams(batches: Iterable[pa.RecordBatch], n: int) -> Iterator[pa.RecordBatch]:
    """(num, text) -> (num, words, grams): the distinct n-gram hashes the engine indexes
    (as signed 64-bit integers, Spark's long)."""
    for batch in batches:
        vocabulary = Vocabulary()
        streams = tokenize_articles(batch.column("text").to_pylist(), vocabulary)
        table = stable_ids(vocabulary)
        grams = [document_grams(table[s.ids], n).view(np.int64) for s in streams]
        offsets = np.concatenate(([0], np.cumsum([len(g) for g in grams]))).astype(np.int32)
        values = np.concatenate(grams) if grams else np.zeros(0, dtype=np.int64)
        yield pa.RecordBatch.from_pydict({
            "num": batch.column("num"),
            "words": pa.array([len(s) for s in streams], type=pa.int64()),
            "grams": pa.ListArray.from_arrays(pa.array(offsets), pa.array(values))})


# -- pairs: the two-text matcher -------------------------------------------------------------


def align_pairs(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """(x, y, text_x, text_y, lang_x, lang_y) -> one row per passage the engine's
    `PairAligner` finds: (x, y, x0, x1, y0, y1, words, short_words, surplus)."""
    for batch in batches:
        rows = batch.to_pydict()
        texts: dict[int, str] = {}
        langs: dict[int, str] = {}
        for x, y, tx, ty, lx, ly in zip(rows["x"], rows["y"], rows["text_x"], rows["text_y"],
                                        rows["lang_x"], rows["lang_y"], strict=True):
            texts[x], texts[y], langs[x], langs[y] = tx, ty, lx, ly
        nums = sorted(texts)
        vocabulary = Vocabulary()
        streams = tokenize_articles([texts[num] for num in nums], vocabulary)
        aligner = PairAligner(
            texts, {num: TokenStream(s.ids, s.starts, s.ends, np.zeros(0, dtype=np.uint32))
                    for num, s in zip(nums, streams, strict=True)}, langs, vocabulary.keys)
        found: list[tuple[Any, ...]] = []
        for x, y in zip(rows["x"], rows["y"], strict=True):
            found.extend(aligner.align(x, y))
        yield pa.RecordBatch.from_pydict(
            {name: [row[k] for row in found] for k, name in enumerate(_PASSAGE_ARROW.names)},
            schema=_PASSAGE_ARROW)


_PASSAGE_ARROW = pa.schema([(name, pa.int64()) for name in (
    "x", "y", "x0", "x1", "y0", "y1", "words", "short_words")] + [("surplus", pa.float64())])
PASSAGE_SCHEMA = ("x long, y long, x0 long, x1 long, y0 long, y1 long, words long, "
                  "short_words long, surplus double")


# -- the finished results: the engine's own derive step ---------------------------------------

RESULT_SCHEMA = "kind string, rank long, a long, b long, data string"


def derive_results(documents: pa.Table, passages: pa.Table) -> pa.Table:
    """All documents (`DOCUMENT_SCHEMA`) and every aligned passage (`PASSAGE_SCHEMA`) -> the
    finished results, by the embedded engine's `derive` itself: boilerplate per series,
    formulations, the passages that are copies rather than set phrasing, the listed pairs.

    `derive` reads a collection store, so the task fills a private one (in its temporary
    folder) exactly as `tandem corpus import` does, runs it, and returns one row per
    result: kind "pair" (a, b: document numbers), "formulation" or "boilerplate", with the
    contract's fields as JSON in `data`, in the engine's order (`rank`)."""
    from viewer.collection.store import CollectionStore
    from viewer.spark.tables import fill_store

    docs = sorted(documents.to_pylist(), key=lambda d: d["num"])
    rows = [tuple(p[name] for name in _PASSAGE_ARROW.names) for p in passages.to_pylist()]
    with (tempfile.TemporaryDirectory(prefix="tandem-derive-") as folder,
          CollectionStore.create_or_open(os.path.join(folder, "derive.sqlite")) as store):
        with store.transaction():
            fill_store(store, docs, rows)
            results.derive(store)
        num_of = {d["id"]: d["num"] for d in docs}
        out: list[dict[str, Any]] = []
        for rank, pair in enumerate(store.pairs()):
            out.append({"kind": "pair", "rank": rank, "a": num_of[pair.a],
                        "b": num_of[pair.b], "data": json.dumps({
                            "a": pair.a, "b": pair.b, "passages": pair.passages,
                            "shared_a": pair.shared_a, "shared_b": pair.shared_b,
                            "words": pair.words}, ensure_ascii=False)})
        for kind, items in (("formulation", store.formulations()),
                            ("boilerplate", store.boilerplate())):
            out.extend({"kind": kind, "rank": rank, "a": None, "b": None,
                        "data": json.dumps(item, ensure_ascii=False)}
                       for rank, item in enumerate(items))
    return pa.Table.from_pylist(out, schema=pa.schema([
        ("kind", pa.string()), ("rank", pa.int64()), ("a", pa.int64()), ("b", pa.int64()),
        ("data", pa.string())]))


# -- clusters: one connected component at a time ----------------------------------------------

CLUSTER_SCHEMA = ("first long, first_date string, first_id string, start long, end long, "
                  "passages string")


def component_clusters(table: pa.Table) -> pa.Table:
    """The passage links of one connected component (a, a0, a1, b, b0, b1 with each
    document's date and id) -> its clusters by the engine's `find_clusters`. A component
    joins every passage side that overlaps another at all; `find_clusters` then applies its
    own overlap rule inside it, which never joins sides of two components."""
    rows = table.to_pylist()
    order: dict[int, tuple[str, str]] = {}
    for row in rows:
        order[row["a"]] = (row["date_a"] or "\uffff", row["id_a"])
        order[row["b"]] = (row["date_b"] or "\uffff", row["id_b"])
    nums = sorted(order)
    position = {num: k for k, num in enumerate(nums)}
    links = [(position[r["a"]], (r["a0"], r["a1"]), position[r["b"]], (r["b0"], r["b1"]))
             for r in sorted(rows, key=lambda r: r["link"])]
    clusters = find_clusters(links, [order[num] for num in nums])
    out = []
    for cluster in clusters:
        first = nums[cluster.first]
        out.append({"first": first, "first_date": order[first][0], "first_id": order[first][1],
                    "start": cluster.passages[0][1][0], "end": cluster.passages[0][1][1],
                    "passages": json.dumps([[nums[d], s, e] for d, (s, e) in cluster.passages])})
    return pa.Table.from_pylist(out, schema=pa.schema([
        ("first", pa.int64()), ("first_date", pa.string()), ("first_id", pa.string()),
        ("start", pa.int64()), ("end", pa.int64()), ("passages", pa.string())]))
