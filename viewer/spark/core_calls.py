"""The embedded engine's own functions, called on Arrow batches inside Spark's executors.

Everything the collection job computes about text goes through here: parsing a JSON line
(`viewer.collection.jsonlines.read_line`), tokenizing and the n-gram hashes of the index
(`viewer.core.tokenize`, `viewer.core.collection.index`), aligning a pair
(`viewer.collection.align.PairAligner`, the matcher of `tandem compare`), boilerplate per
series (`viewer.core.collection.boilerplate`), which passages are copies and which pairs are
listed (`viewer.collection.passage_rules`, one passage or pair at a time), formulations
(`viewer.collection.results.fresh_formulations` and `not_copies`) and clusters
(`viewer.core.collection.clusters`). Nothing is re-implemented: these are thin adapters from
Arrow columns to those functions' arguments and back. No pyspark here, so the adapters can be
read and tested on their own.

One thing differs by necessity: the embedded engine numbers words with one vocabulary for
the whole collection, built in document order. Executors cannot share one, so for the
n-gram index (and the document frequencies of a passage's n-grams) a word's id is a 64-bit
hash of its match key: the same words get the same id everywhere, so the same n-grams get
the same hash and the same counts. Alignment tokenizes each batch with a vocabulary of its
own, as `compare()` does for two texts; the matcher does not depend on how words are
numbered. Formulations run in one task over the whole collection, tokenized in document
order as the embedded engine does.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np
import pyarrow as pa

from viewer.collection import passage_rules, results
from viewer.collection.align import PairAligner, pair_language
from viewer.collection.article import Skipped
from viewer.collection.jsonlines import read_line
from viewer.collection.words import CJK_LANGUAGES, tokenize_articles
from viewer.core.collection.boilerplate import (
    articles_needed,
    edition,
    find_boilerplate,
    line_keys,
)
from viewer.core.collection.clusters import find_clusters
from viewer.core.collection.edited_sentences import SentenceTokens, copied_sentence
from viewer.core.collection.index import IndexParams, document_grams
from viewer.core.collection.readings import reading_of
from viewer.core.collection.time_order import order_key
from viewer.core.document import detect_language
from viewer.core.figures import Figures
from viewer.core.tokenize import TokenStream, Vocabulary, char_codes

CJK = CJK_LANGUAGES
_SPARK_TYPES = {pa.int64(): "long", pa.string(): "string", pa.float64(): "double",
                pa.bool_(): "boolean", pa.list_(pa.int64()): "array<long>"}


def _ddl(schema: pa.Schema) -> str:
    """A table's schema as Spark reads it (DDL), from the one Arrow schema it is written
    with."""
    return ", ".join(f"{field.name} {_SPARK_TYPES[field.type]}" for field in schema)


# -- reading: each line by the embedded reader's `read_line` (same checks, same text) --------


#: A document's number: its file's place among the files read, then its line in the file.
FILE_SHIFT = 40


def parse_lines(batches: Iterable[pa.RecordBatch], paths: Sequence[str]
                ) -> Iterator[pa.RecordBatch]:
    """(file, number, line) -> article columns, a skipped line or a note (see `_articles`):
    `paths[file]` and the line's number in it name the line, as the embedded reader names
    a line of each file it is given."""
    for batch in batches:
        numbered = zip(batch.column("file").to_pylist(), batch.column("number").to_pylist(),
                       batch.column("line").to_pylist(), strict=True)
        # Spark hands lines without their end; the embedded reader parses them with it
        # (which shows in the column of a JSON error at the end of a line).
        yield _articles(((file << FILE_SHIFT) + number, paths[file], number, line + b"\n")
                        for file, number, line in numbered if line.strip())


def parse_records(batches: Iterable[pa.RecordBatch], files: Sequence[str],
                  names: Sequence[str]) -> Iterator[pa.RecordBatch]:
    """Parquet rows (id, text, and optionally series, date, title; `file` among `files`,
    `number` its place there) -> article columns, each row checked by the same rules as
    a JSON line and named by `names[file]` and its number, as a line of a file is."""
    place = {file: k for k, file in enumerate(files)}
    for batch in batches:
        yield _articles(((place[row["file"]] << FILE_SHIFT) + row["number"],
                         names[place[row["file"]]], row["number"], json.dumps(
            {k: _in_utc(v) for k, v in row.items()
             if k in ("id", "series", "date", "text", "title")},
            default=str).encode("utf-8")) for row in batch.to_pylist())


def _in_utc(value: object) -> object:
    """A Parquet time stamp (an instant, which Spark hands over in its session's time zone:
    the machine's) as its UTC time, so an article's day is the same wherever the job runs,
    as a JSON line's Unix time is read to its UTC day; any other value as it is."""
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.astimezone(datetime.UTC)
    return value


ARTICLE_COLUMNS = ("num", "id", "series", "date", "text", "path", "title", "reason", "indexed")
_ARTICLE_ARROW = pa.schema([("num", pa.int64())]
                           + [(name, pa.string()) for name in ARTICLE_COLUMNS[1:-1]]
                           + [("indexed", pa.bool_())])
ARTICLE_SCHEMA = _ddl(_ARTICLE_ARROW)


def _articles(lines: Iterable[tuple[int, str, int, bytes]]) -> pa.RecordBatch:
    """A row for each article, skipped line and note the embedded reader yields
    (`read_line`) of each (document number, file, line number, line): a skipped line or a
    note has `reason` set, a note also `indexed`."""
    rows = []
    for num, path, number, line in lines:
        for parsed in read_line(path, line, number):
            if isinstance(parsed, Skipped):
                rows.append({"num": num, "id": "", "series": "", "date": "", "text": "",
                             "path": parsed.path, "title": "", "reason": parsed.reason,
                             "indexed": parsed.indexed})
            else:
                rows.append({"num": num, "id": parsed.id, "series": parsed.series,
                             "date": parsed.date, "text": parsed.text, "path": parsed.path,
                             "title": parsed.title, "reason": None, "indexed": False})
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


def sentences_around(batches: Iterable[pa.RecordBatch], n: int) -> Iterator[pa.RecordBatch]:
    """(num, hashes, text) -> (num, hash, tokens): for each n-gram (`hashes`, as the index
    hashes them) the sentence around it (`SentenceTokens.around`), its words as the
    index numbers them."""
    for batch in batches:
        rows = batch.to_pydict()
        vocabulary = Vocabulary()
        streams = tokenize_articles(rows["text"], vocabulary)
        table = stable_ids(vocabulary)
        out: dict[str, list[Any]] = {"num": [], "hash": [], "tokens": []}
        for num, hashes, stream, text in zip(rows["num"], rows["hashes"], streams, rows["text"],
                                             strict=True):
            document = SentenceTokens.of(text, table[stream.ids], stream.starts, stream.ends)
            wanted = np.array(hashes, dtype=np.int64)
            begins, lengths = document.around(wanted.view(np.uint64), n)
            signed = document.ids.view(np.int64)  # Spark's long
            for value, begin, length in zip(wanted.tolist(), begins.tolist(), lengths.tolist(),
                                            strict=True):
                out["num"].append(num)
                out["hash"].append(value)
                out["tokens"].append(signed[begin:begin + length].tolist())
        yield pa.RecordBatch.from_pydict(out, schema=_SENTENCE_ARROW)


_SENTENCE_ARROW = pa.schema([("num", pa.int64()), ("hash", pa.int64()),
                             ("tokens", pa.list_(pa.int64()))])
SENTENCE_SCHEMA = _ddl(_SENTENCE_ARROW)


def copied_sentences(batches: Iterable[pa.RecordBatch], cjk: bool) -> Iterator[pa.RecordBatch]:
    """(x, y, tokens_x, tokens_y): the sentences of two documents around an n-gram they
    alone hold -> (x, y) where they are one sentence copied (`copied_sentence`, with the
    listing rule's figures)."""
    bounds = passage_rules.sentence_bounds(cjk)
    for batch in batches:
        rows = batch.to_pydict()
        kept = [copied_sentence(x, y, **bounds)
                for x, y in zip(rows["tokens_x"], rows["tokens_y"], strict=True)]
        yield pa.RecordBatch.from_pydict(
            {"x": [x for x, keep in zip(rows["x"], kept, strict=True) if keep],
             "y": [y for y, keep in zip(rows["y"], kept, strict=True) if keep]},
            schema=pa.schema([("x", pa.int64()), ("y", pa.int64())]))


# -- pairs: the two-text matcher -------------------------------------------------------------


def align_pairs(batches: Iterable[pa.RecordBatch], n: int) -> Iterator[pa.RecordBatch]:
    """(x, y, text_x, text_y, lang_x, lang_y) -> one row per passage the engine's
    `PairAligner` finds: (x, y, x0, x1, y0, y1, words, short_words, surplus), with the
    index's n-gram hashes of each side (`passage_rules.side_grams`; empty for a passage too
    long for them to matter) to look their document frequencies up, and whether it is a
    whole sentence on both sides (`sentence`, `passage_rules.whole_sentences`) and the
    sentences around it (`beyond`, `figures_around`: see `passage_rules.AroundPassage`)."""
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
            texts, {num: TokenStream(s.ids, s.starts, s.ends, char_codes(texts[num]))
                    for num, s in zip(nums, streams, strict=True)}, langs, vocabulary.keys)
        found: list[tuple[Any, ...]] = []
        for x, y in zip(rows["x"], rows["y"], strict=True):
            found.extend(aligner.align(x, y))
        stable = stable_ids(vocabulary)
        hashed = {num: TokenStream(stable[s.ids], s.starts, s.ends, s.codes)
                  for num, s in aligner.streams.items()}
        columns: dict[str, list[Any]] = {name: [row[k] for row in found]
                                         for k, name in enumerate(PASSAGE_COLUMNS)}
        # What `passage_rules.lists_its_pair` reads, carried to where the boilerplate and
        # formulations it leaves out are known (`orient_passages`).
        columns["cjk"] = [pair_language(langs[row[0]], langs[row[1]]) in CJK for row in found]
        # Every passage's tokens (its furniture is measured on them); the words, numbers
        # and sentences of those `needs_side_tokens` reads.
        tokens = [(passage_rules.side_tokens(aligner.streams[row[0]], (row[2], row[3])),
                   passage_rules.side_tokens(aligner.streams[row[1]], (row[4], row[5])))
                  for row in found]
        sides = [pair if passage_rules.needs_side_tokens(row[7]) else None
                 for pair, row in zip(tokens, found, strict=True)]
        columns["tokens_x"] = [_carried_tokens(pair[0]) for pair in tokens]
        columns["tokens_y"] = [_carried_tokens(pair[1]) for pair in tokens]
        # Read with the words themselves, which only this vocabulary has.
        columns["figures"] = [(passage_rules.passage_figures(*pair, vocabulary.keys,
                                                            texts[row[0]], texts[row[1]])
                               if pair else Figures.NEITHER).value
                              for pair, row in zip(sides, found, strict=True)]
        # Known once the n-grams' document frequencies are (`classify_passages`), by then
        # without the articles' lengths.
        columns["furniture_x"] = columns["furniture_y"] = [[] for _ in found]
        columns["article_copy"] = [
            passage_rules.copies_an_article(
                (len(x.ids), len(y.ids)),
                (len(aligner.streams[row[0]].ids), len(aligner.streams[row[1]].ids)))
            for (x, y), row in zip(tokens, found, strict=True)]
        # Whether a passage is a whole sentence on both sides, where it may matter
        # (`passage_rules.long_set_phrasing`, `short_set_phrasing`; the text is at hand
        # only here) ...
        columns["sentence"] = [
            passage_rules.needs_side_tokens(row[7])  # holds where `needs_sentence` does
            and passage_rules.whole_sentences(texts[row[0]], (row[2], row[3]),
                                              texts[row[1]], (row[4], row[5]))
            for row in found]
        # ... and the sentences around it (`lists_its_pair`).
        sentences = passage_rules.SentencesAround(texts.__getitem__,
                                                  aligner.streams.__getitem__, vocabulary.keys)
        around = [sentences.of(row[0], (row[2], row[3]), row[1], (row[4], row[5]))
                  if pair else None for row, pair in zip(found, sides, strict=True)]
        columns["beyond"] = [list(near.beyond) if near else [] for near in around]
        columns["figures_around"] = [(near.figures if near else Figures.NEITHER).value
                                     for near in around]
        for side, (num_at, start_at) in (("grams_x", (0, 2)), ("grams_y", (1, 4))):
            columns[side] = [
                passage_rules.side_grams(hashed[row[num_at]],
                                         (row[start_at], row[start_at + 1]), n)
                .view(np.int64).tolist() for row in found]
        yield pa.RecordBatch.from_pydict(columns, schema=_PASSAGE_ARROW)


#: The columns of the `passages` table (what the store keeps of a passage).
PASSAGE_COLUMNS = ("x", "y", "x0", "x1", "y0", "y1", "words", "short_words", "surplus")
#: ... and, carried along to the pair listing, what tells whether it is enough to list its
#: pair (`passage_rules.lists_its_pair`): whether the pair is CJK, the tokens of each
#: side of a passage (`_carried_tokens`), which of them are the collection's furniture
#: (their indexes, see `passage_rules.furniture`), what the numbers of its two sides say
#: (the value of `passage_rules.passage_figures`), whether it is a whole sentence on both
#: sides, and the sentences around it (`passage_rules.AroundPassage`: the tokens of each
#: side's outside it, empty where the tokens are not read, and the value of what their
#: figures say).
CARRIED = (*PASSAGE_COLUMNS, "cjk", "tokens_x", "tokens_y", "furniture_x", "furniture_y",
           "figures", "sentence", "beyond", "figures_around")


def _arrow_type(name: str) -> pa.DataType:
    return {"surplus": pa.float64(), "lists": pa.bool_(), "sentence": pa.bool_(),
            "cjk": pa.bool_(), "tokens_x": pa.list_(pa.int64()),
            "tokens_y": pa.list_(pa.int64()), "furniture_x": pa.list_(pa.int64()),
            "furniture_y": pa.list_(pa.int64()),
            "beyond": pa.list_(pa.int64())}.get(name, pa.int64())


def _carried_tokens(side: TokenStream) -> list[int]:
    """A passage side's tokens as one list: id, start, end of each in turn."""
    return np.column_stack((side.ids, side.starts, side.ends)).astype(np.int64).ravel().tolist()


def _side_from(carried: list[int] | None) -> TokenStream:
    """The tokens `_carried_tokens` carried."""
    table = np.array(carried or [], dtype=np.int64).reshape(-1, 3)
    return TokenStream(table[:, 0], table[:, 1], table[:, 2], np.zeros(0, dtype=np.uint32))


_PASSAGE_ARROW = pa.schema([(name, _arrow_type(name)) for name in CARRIED]
                           + [("article_copy", pa.bool_()),
                              ("grams_x", pa.list_(pa.int64())),
                              ("grams_y", pa.list_(pa.int64()))])
PASSAGE_SCHEMA = _ddl(_PASSAGE_ARROW)


# -- the finished results: the engine's rules, a series, a passage or a pair at a time ----

_BOILERPLATE_ARROW = pa.schema([("series", pa.string()), ("text", pa.string()),
                                ("documents", pa.int64()), ("occurrences", pa.string())])
BOILERPLATE_SCHEMA = _ddl(_BOILERPLATE_ARROW)


def editions_of(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Documents (series, language) -> the edition of its series each is in
    (`boilerplate.edition`), the articles whose boilerplate is judged together, and its
    reading (`readings.reading_of`), whose articles its lines are weighed against."""
    for batch in batches:
        editions, readings = _editions(batch)
        yield pa.RecordBatch.from_arrays([pa.array(editions, pa.string()),
                                          pa.array(readings, pa.string())],
                                         names=["edition", "reading"])


def line_keys_of(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Documents (series, language, text) -> the keys of each one's lines
    (`boilerplate.line_keys`), a row (edition, reading, key) per document and key: counted
    over the collection, what `series_boilerplate` weighs an edition's lines against."""
    for batch in batches:
        editions, readings = _editions(batch)
        rows = [(name, reading, key) for name, reading, text in zip(
                    editions, readings, batch.column("text").to_pylist(), strict=True)
                for key in line_keys(text)]
        yield pa.RecordBatch.from_arrays(
            [pa.array([row[k] for row in rows], pa.string()) for k in range(3)],
            names=["edition", "reading", "key"])


def _editions(batch: pa.RecordBatch) -> tuple[list[str], list[str]]:
    """Each document's edition and reading."""
    pairs = list(zip(batch.column("series").to_pylist(), batch.column("language").to_pylist(),
                     strict=True))
    return ([edition(series, language) for series, language in pairs],
            [reading_of(language) for _, language in pairs])


def repeated_enough(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """(key, count, size): a line's articles in an edition of `size` -> the keys of those
    carried in `boilerplate.articles_needed` of them, which the series may list."""
    for batch in batches:
        rows = zip(*(batch.column(name).to_pylist() for name in ("key", "count", "size")),
                   strict=True)
        keys = [key for key, count, size in rows if count >= articles_needed(size)]
        yield pa.RecordBatch.from_arrays([pa.array(keys, pa.string())], names=["key"])


def series_boilerplate(table: pa.Table, carried: dict[tuple[str, str], int],
                       totals: dict[str, int]) -> pa.Table:
    """The documents of one series (num, series, language, text) -> its boilerplate lines
    by the engine's `find_boilerplate` (which treats each edition of a series on its own,
    weighed against how many documents of its reading carry each line, `carried`, of the
    reading's `totals`), each with its occurrences as JSON [[num, start, end], ...]."""
    rows = sorted(table.to_pylist(), key=lambda row: row["num"])
    nums = [row["num"] for row in rows]
    found = find_boilerplate([row["text"] for row in rows], [row["series"] for row in rows],
                             languages=[row["language"] for row in rows],
                             carried=carried, totals=totals)
    return pa.Table.from_pylist([
        {"series": item.series, "text": item.text, "documents": item.documents,
         "occurrences": json.dumps([[nums[d], s, e] for d, (s, e) in item.occurrences])}
        for item in found], schema=_BOILERPLATE_ARROW)


def _in_order(items: list[dict[str, int]] | None) -> list[int]:
    """The document frequencies of a side's n-grams, in the side's order."""
    return [item["count"] for item in sorted(items or (), key=lambda item: item["pos"])]


def _spans(items: list[dict[str, int]] | None) -> list[tuple[int, int]]:
    """Spans as the job gives them (sorted by `job._spans_by_document`)."""
    return [(item["start"], item["end"]) for item in items or ()]


def _passage(row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(row[name] for name in PASSAGE_COLUMNS)


_KEPT_ARROW = pa.schema([(name, _arrow_type(name)) for name in CARRIED]
                        + [("stretch", pa.bool_()), ("ask", pa.bool_()),
                           ("formula", pa.bool_())])
KEPT_SCHEMA = _ddl(_KEPT_ARROW)


def classify_passages(batches: Iterable[pa.RecordBatch],
                      params: IndexParams) -> Iterator[pa.RecordBatch]:
    """Aligned passages with their sides' boilerplate spans (`boiler_x`, `boiler_y`) and
    n-gram document frequencies (`dfs_x`, `dfs_y`: (pos, count) in any order) -> the
    passages that are neither mostly boilerplate nor longer set phrasing, each marked
    `stretch` (it marks its stretches as copied), `ask` (short set phrasing unless it
    lies inside such a stretch) and `formula` (a formula two copies meet by, if it lies
    inside such stretches of its own: `passage_rules.may_join_copies`), with its sides'
    furniture (by the index's `params`)."""
    for batch in batches:
        out = []
        for row in batch.to_pylist():
            span_x, span_y = (row["x0"], row["x1"]), (row["y0"], row["y1"])
            if (passage_rules.mostly_in(span_x, _spans(row["boiler_x"]))
                    or passage_rules.mostly_in(span_y, _spans(row["boiler_y"]))):
                continue
            dfs_x, dfs_y = _in_order(row["dfs_x"]), _in_order(row["dfs_y"])
            if passage_rules.long_set_phrasing(row["short_words"], dfs_x, dfs_y,
                                               sentence=row["sentence"]):
                continue
            furniture = {f"furniture_{side}": np.flatnonzero(passage_rules.furniture(
                dfs, len(_side_from(row[f"tokens_{side}"])), params,
                article_copy=row["article_copy"])).tolist()
                for side, dfs in (("x", dfs_x), ("y", dfs_y)) if row[f"tokens_{side}"]}
            out.append({**{name: row[name] for name in CARRIED}, **furniture,
                        "stretch": passage_rules.is_copy_stretch(row["short_words"]),
                        "ask": passage_rules.short_set_phrasing(
                            row["short_words"], dfs_x, dfs_y, inside_copy=False,
                            sentence=row["sentence"]),
                        "formula": passage_rules.may_join_copies(row["short_words"])})
        yield pa.RecordBatch.from_pylist(out, schema=_KEPT_ARROW)


_FINAL_ARROW = pa.schema([(name, _arrow_type(name)) for name in CARRIED])
FINAL_SCHEMA = _ddl(_FINAL_ARROW)


def inside_copies(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Passages marked `ask` or `formula` (`classify_passages`), with the copied
    stretches of their two documents (`copied_x`, `copied_y`: start, end and the document
    on their other side) -> those kept: not short set phrasing outside a copy, nor a
    formula two copies meet by."""
    for batch in batches:
        out = []
        for row in batch.to_pylist():
            span_x, span_y = (row["x0"], row["x1"]), (row["y0"], row["y1"])
            stretches_x = [(s["start"], s["end"], True, s["other"]) for s in row["copied_x"] or ()]
            stretches_y = [(s["start"], s["end"], True, s["other"]) for s in row["copied_y"] or ()]
            if row["ask"] and not (passage_rules.in_copy(span_x, stretches_x)
                                   or passage_rules.in_copy(span_y, stretches_y)):
                continue
            if row["formula"] and passage_rules.formula_between_copies(
                    _side_from(row["tokens_x"]), _side_from(row["tokens_y"]), row["cjk"],
                    passage_rules.holding_copies(span_x, stretches_x, row["y"]),
                    passage_rules.holding_copies(span_y, stretches_y, row["x"])):
                continue
            out.append({name: row[name] for name in CARRIED})
        yield pa.RecordBatch.from_pylist(out, schema=_FINAL_ARROW)


_FORMULATION_ARROW = pa.schema([("kind", pa.string()), ("rank", pa.int64()),
                                ("num", pa.int64()), ("start", pa.int64()),
                                ("end", pa.int64()), ("data", pa.string())])
FORMULATION_SCHEMA = _ddl(_FORMULATION_ARROW)


def collection_formulations(documents: pa.Table, passages: pa.Table) -> pa.Table:
    """Every document (num, id, date, series, language, text, `boiler`: its boilerplate
    spans) and every kept passage (`FINAL_SCHEMA`) -> the formulations by the engine's own
    `fresh_formulations` and `not_copies`: kind "formulation" rows (rank, contract JSON in
    `data`) and kind "span" rows (num, start, end: an occurrence, which the pair listing
    leaves out like boilerplate). The whole collection's tokens in one task: see
    docs/spark.md for what that costs."""
    docs = sorted(documents.to_pylist(), key=lambda d: d["num"])
    position = {d["num"]: k for k, d in enumerate(docs)}
    texts = [d["text"] for d in docs]
    vocabulary = Vocabulary()
    tokens = tokenize_articles(texts, vocabulary)
    ids, dates = [d["id"] for d in docs], [d["date"] for d in docs]
    listed = results.fresh_formulations(
        texts, tokens, vocabulary, dates, [d["series"] for d in docs],
        [d["language"] for d in docs], [_spans(d["boiler"]) for d in docs], ids) if docs else []
    kept = [(position[p["x"]], (p["x0"], p["x1"]), position[p["y"]], (p["y0"], p["y1"]),
             p["words"], p["short_words"], p["surplus"]) for p in passages.to_pylist()]
    out: list[dict[str, Any]] = []
    for rank, item in enumerate(results.not_copies(listed, kept, len(docs))):
        out.append({"kind": "formulation", "rank": rank, "num": None, "start": None,
                    "end": None, "data": json.dumps(results.formulation_dict(item, ids, dates),
                                                    ensure_ascii=False)})
        out.extend({"kind": "span", "rank": None, "num": docs[k]["num"], "start": s,
                    "end": e, "data": None} for k, spans in item.occurrences for s, e in spans)
    return pa.Table.from_pylist(out, schema=_FORMULATION_ARROW)


_ORIENTED_ARROW = pa.schema([(name, _arrow_type(name))
                             for name in ("a", "b", "a0", "a1", "b0", "b1", "words",
                                          "short_words", "surplus", "lists")])
ORIENTED_SCHEMA = _ddl(_ORIENTED_ARROW)


def orient_passages(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Kept passages with their documents' left-out spans (`excluded_x`, `excluded_y`:
    boilerplate and formulations) and order keys (`date_x`, `id_x`, ...) -> those not
    dropped as formulaic, turned so that `a` is the earlier document, each with whether it
    is enough to list its pair (`lists`, by `passage_rules.lists_its_pair`)."""
    for batch in batches:
        out = []
        for row in batch.to_pylist():
            span_x, span_y = (row["x0"], row["x1"]), (row["y0"], row["y1"])
            if passage_rules.dropped_as_formulaic(row["short_words"], span_x, span_y,
                                                  _spans(row["excluded_x"]),
                                                  _spans(row["excluded_y"])):
                continue
            x, y = row["x"], row["y"]
            side_x, side_y = _side_from(row["tokens_x"]), _side_from(row["tokens_y"])
            if (order_key(row["date_y"], row["id_y"])
                    < order_key(row["date_x"], row["id_x"])):
                x, y, span_x, span_y = y, x, span_y, span_x
            out.append({"a": x, "b": y, "a0": span_x[0], "a1": span_x[1], "b0": span_y[0],
                        "b1": span_y[1], "words": row["words"],
                        "short_words": row["short_words"], "surplus": row["surplus"],
                        "lists": passage_rules.lists_its_pair(
                            side_x, side_y, row["short_words"], row["cjk"],
                            _spans(row["excluded_x"]), _spans(row["excluded_y"]),
                            _marked(row["furniture_x"], len(side_x)),
                            _marked(row["furniture_y"], len(side_y)),
                            figures=Figures(row["figures"]),
                            around=passage_rules.AroundPassage(
                                (row["beyond"][0], row["beyond"][1]),
                                Figures(row["figures_around"])) if row["beyond"] else None)})
        yield pa.RecordBatch.from_pylist(out, schema=_ORIENTED_ARROW)


def _marked(indexes: list[int] | None, tokens: int) -> np.ndarray:
    """A mask over `tokens` tokens, set at `indexes`."""
    mask = np.zeros(tokens, dtype=bool)
    mask[list(indexes or ())] = True
    return mask


_LISTED_ARROW = pa.schema([("a", pa.int64()), ("b", pa.int64()), ("id_a", pa.string()),
                           ("id_b", pa.string()), ("words", pa.int64()),
                           ("data", pa.string()),
                           # `passage_rules.pair_rank`'s figures, to order the pairs by.
                           ("rank_words", pa.int64()), ("rank_share", pa.float64()),
                           ("rank_other_share", pa.float64())])
LISTED_SCHEMA = _ddl(_LISTED_ARROW)


def list_pairs(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Pairs (a, b, their ids and texts, `shared`: their oriented passages) -> the listed
    pairs by the engine's `pair_entry` (and `lists_its_pair`, given in `lists`), the
    contract's fields as JSON in `data`."""
    for batch in batches:
        out = []
        for row in batch.to_pylist():
            shared = [((p["a0"], p["a1"]), (p["b0"], p["b1"]), p["words"], p["short_words"],
                       p["surplus"]) for p in row["shared"]]
            entry = passage_rules.pair_entry(shared, row["text_a"], row["text_b"])
            if entry is None or not any(p["lists"] for p in row["shared"]):
                continue
            rank = passage_rules.pair_rank(entry["words"], entry["shared_a"],
                                           entry["shared_b"], row["id_a"], row["id_b"])
            out.append({"a": row["a"], "b": row["b"], "id_a": row["id_a"],
                        "id_b": row["id_b"], "words": entry["words"],
                        "data": json.dumps({"a": row["id_a"], "b": row["id_b"], **entry},
                                           ensure_ascii=False),
                        "rank_words": rank[0], "rank_share": rank[1],
                        "rank_other_share": rank[2]})
        yield pa.RecordBatch.from_pylist(out, schema=_LISTED_ARROW)


# -- clusters: one connected component at a time ----------------------------------------------

_CLUSTER_ARROW = pa.schema([("first", pa.int64()), ("first_date", pa.string()),
                            ("first_id", pa.string()), ("start", pa.int64()),
                            ("end", pa.int64()), ("passages", pa.string())])
CLUSTER_SCHEMA = _ddl(_CLUSTER_ARROW)


def component_clusters(table: pa.Table) -> pa.Table:
    """The passage links of one connected component (a, a0, a1, b, b0, b1 with each
    document's date and id) -> its clusters by the engine's `find_clusters`. A component
    joins every passage side that overlaps another at all; `find_clusters` then applies its
    own overlap rule inside it, which never joins sides of two components."""
    rows = table.to_pylist()
    order: dict[int, tuple[str, str]] = {}
    for row in rows:
        order[row["a"]] = order_key(row["date_a"], row["id_a"])
        order[row["b"]] = order_key(row["date_b"], row["id_b"])
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
    return pa.Table.from_pylist(out, schema=_CLUSTER_ARROW)
