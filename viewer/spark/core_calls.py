"""The embedded engine's own functions, called on Arrow batches inside Spark's executors.

Everything the collection job computes about text goes through here: parsing a JSON line
(`viewer.collection.jsonlines`), tokenizing and the n-gram hashes of the index
(`viewer.core.tokenize`, `viewer.core.collection.index`), aligning a pair
(`viewer.collection.engine.align_pair`, the matcher of `tandem compare`), boilerplate,
formulations and clusters (`viewer.core.collection`). Nothing is re-implemented: these are
thin adapters from Arrow columns to those functions' arguments and back. No pyspark here,
so the adapters can be read and tested on their own.

One thing differs by necessity: the embedded engine numbers words with one vocabulary for
the whole collection, built in document order. Executors cannot share one, so for the
n-gram index a word's id is a 64-bit hash of its match key: the same words get the same
id everywhere, so the same n-grams get the same hash and the index pairs the same
documents. Alignment tokenizes each batch with a vocabulary of its own, as `compare()`
does for two texts; the matcher does not depend on how words are numbered. Formulations
run in one task over the collection with the engine's own vocabulary procedure.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

import numpy as np
import pyarrow as pa

from viewer.collection import engine
from viewer.collection.article import Article, Skipped
from viewer.collection.jsonlines import JsonLinesSource
from viewer.core.collection.boilerplate import find_boilerplate
from viewer.core.collection.clusters import find_clusters
from viewer.core.collection.formulations import find_formulations
from viewer.core.collection.index import document_grams
from viewer.core.document import detect_language
from viewer.core.normalize import Normalizer, shared_normalizer
from viewer.core.rarity import Rarity
from viewer.core.tokenize import TokenStream, Vocabulary, char_codes, tokenize_many

CJK = frozenset({"zh", "ja"})

# -- reading ---------------------------------------------------------------------------------


def parse_line(path: str, line: bytes, number: int) -> Article | Skipped:
    """One JSON line read exactly as the embedded reader reads it (same checks, same text)."""
    reader = object.__new__(JsonLinesSource)  # its line parser needs only the path
    reader.path = path
    return reader._article(line, number)


def parse_lines(batches: Iterable[pa.RecordBatch], path: str) -> Iterator[pa.RecordBatch]:
    """(number, line) -> article columns, or a skipped line (`reason` set)."""
    for batch in batches:
        out: dict[str, list[Any]] = {name: [] for name in ARTICLE_COLUMNS}
        for number, line in zip(batch.column("number").to_pylist(),
                                batch.column("line").to_pylist(), strict=True):
            if not line.strip():
                continue
            # Spark hands lines without their end; the embedded reader parses them with it
            # (which shows in the column of a JSON error at the end of a line).
            parsed = parse_line(path, line + b"\n", number)
            if isinstance(parsed, Skipped):
                _append(out, num=number, id="", series="", date="", text="",
                        path=parsed.path, title="", reason=parsed.reason)
            else:
                _append(out, num=number, id=parsed.id, series=parsed.series, date=parsed.date,
                        text=parsed.text, path=parsed.path, title=parsed.title, reason=None)
        yield pa.RecordBatch.from_pydict(out, schema=_ARTICLE_ARROW)


ARTICLE_COLUMNS = ("num", "id", "series", "date", "text", "path", "title", "reason")
ARTICLE_SCHEMA = ("num long, id string, series string, date string, text string, "
                  "path string, title string, reason string")


def parse_records(batches: Iterable[pa.RecordBatch], path: str) -> Iterator[pa.RecordBatch]:
    """Parquet rows (id, text, and optionally series, date, title; `number` their order) ->
    article columns, each row checked by the same rules as a JSON line."""
    for batch in batches:
        out: dict[str, list[Any]] = {name: [] for name in ARTICLE_COLUMNS}
        for row in batch.to_pylist():
            number = row.pop("number")
            line = json.dumps({k: v for k, v in row.items()
                               if k in ("id", "series", "date", "text", "title")},
                              default=str).encode("utf-8")
            parsed = parse_line(path, line, number)
            if isinstance(parsed, Skipped):
                _append(out, num=number, id="", series="", date="", text="",
                        path=parsed.path, title="", reason=parsed.reason)
            else:
                _append(out, num=number, id=parsed.id, series=parsed.series, date=parsed.date,
                        text=parsed.text, path=parsed.path, title=parsed.title, reason=None)
        yield pa.RecordBatch.from_pydict(out, schema=_ARTICLE_ARROW)


_ARTICLE_ARROW = pa.schema([("num", pa.int64())] + [(name, pa.string())
                                                     for name in ARTICLE_COLUMNS[1:]])


def _sorted_spans(spans: list[dict[str, int]] | None) -> list[tuple[int, int]]:
    """An array of (start, end) structs from Spark, as the sorted span list the engine uses."""
    return sorted((span["start"], span["end"]) for span in spans or [])


def _append(out: dict[str, list[Any]], **values: Any) -> None:
    for name, value in values.items():
        out[name].append(value)


# -- per document: language, words, n-gram hashes of the index -------------------------------


@cache
def _normalizer() -> Normalizer:
    settings = engine.SETTINGS
    return shared_normalizer(case_sensitive=settings.case_sensitive,
                             stemming=settings.stemming, language="en")


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


def _tokenized(texts: list[str], vocabulary: Vocabulary) -> list[TokenStream]:
    streams: list[TokenStream] = []
    for start in range(0, len(texts), engine._TOKENIZE_BATCH):
        streams.extend(tokenize_many(texts[start:start + engine._TOKENIZE_BATCH],
                                     _normalizer(), vocabulary))
    return streams


def _key_hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8", "surrogatepass"),
                                          digest_size=8).digest(), "little")


def stable_ids(stream: TokenStream, vocabulary: Vocabulary, known: dict[int, int]) -> np.ndarray:
    """The token ids of `stream` as hashes of their match keys: the same everywhere."""
    keys = vocabulary.keys
    for k in range(len(known), len(keys)):
        known[k] = _key_hash(keys[k])
    table = np.fromiter((known[k] for k in range(len(keys))), dtype=np.uint64, count=len(keys))
    return table[stream.ids]


def index_grams(batches: Iterable[pa.RecordBatch], n: int) -> Iterator[pa.RecordBatch]:
    """(num, text) -> (num, words, grams): the distinct n-gram hashes the engine indexes
    (as signed 64-bit integers, Spark's long)."""
    for batch in batches:
        vocabulary = Vocabulary()
        known: dict[int, int] = {}
        streams = _tokenized(batch.column("text").to_pylist(), vocabulary)
        grams = [document_grams(stable_ids(s, vocabulary, known), n).view(np.int64)
                 for s in streams]
        offsets = np.concatenate(([0], np.cumsum([len(g) for g in grams]))).astype(np.int32)
        values = np.concatenate(grams) if grams else np.zeros(0, dtype=np.int64)
        yield pa.RecordBatch.from_pydict({
            "num": batch.column("num"),
            "words": pa.array([len(s) for s in streams], type=pa.int64()),
            "grams": pa.ListArray.from_arrays(pa.array(offsets), pa.array(values))})


# -- pairs: the two-text matcher -------------------------------------------------------------


@cache
def _rarity(language: str) -> Rarity:
    return Rarity(language)


def align_pairs(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """(x, y, text_x, text_y, lang_x, lang_y) -> one row per passage the engine's
    `align_pair` finds: (x, y, x0, x1, y0, y1, words, short_words, surplus)."""
    for batch in batches:
        rows = batch.to_pydict()
        texts: dict[int, str] = {}
        langs: dict[int, str] = {}
        for x, y, tx, ty, lx, ly in zip(rows["x"], rows["y"], rows["text_x"], rows["text_y"],
                                        rows["lang_x"], rows["lang_y"], strict=True):
            texts[x], texts[y], langs[x], langs[y] = tx, ty, lx, ly
        nums = sorted(texts)
        vocabulary = Vocabulary()
        streams = _tokenized([texts[num] for num in nums], vocabulary)
        needed = {("zh" if langs[x] in CJK or langs[y] in CJK else
                   langs[x] if langs[x] == langs[y] else "en")
                  for x, y in zip(rows["x"], rows["y"], strict=True)}
        context = engine._AlignContext(
            texts=texts,
            streams={num: TokenStream(s.ids, s.starts, s.ends, np.zeros(0, dtype=np.uint32))
                     for num, s in zip(nums, streams, strict=True)},
            languages=langs, keys=vocabulary.keys,
            bits={lang: _rarity(lang).bits_of(vocabulary.keys) for lang in needed},
            general={})
        found: list[tuple[int, ...]] = []
        # align_pair reads its documents from the engine's per-process context; each
        # Python worker is its own process and handles one batch at a time.
        engine._CONTEXT = context
        try:
            for x, y in zip(rows["x"], rows["y"], strict=True):
                found.extend(engine.align_pair(x, y))
        finally:
            engine._CONTEXT = None
        yield pa.RecordBatch.from_pydict(
            {name: [row[k] for row in found] for k, name in enumerate(_PASSAGE_ARROW.names)},
            schema=_PASSAGE_ARROW)


_PASSAGE_ARROW = pa.schema([(name, pa.int64()) for name in (
    "x", "y", "x0", "x1", "y0", "y1", "words", "short_words")] + [("surplus", pa.float64())])
PASSAGE_SCHEMA = ("x long, y long, x0 long, x1 long, y0 long, y1 long, words long, "
                  "short_words long, surplus double")


# -- boilerplate: one series at a time ---------------------------------------------------------

BOILERPLATE_SCHEMA = ("series string, text string, documents long, "
                      "occ_num array<long>, occ_start array<long>, occ_end array<long>")


def series_boilerplate(table: pa.Table) -> pa.Table:
    """One series' documents (num, series, text) -> its boilerplate lines, by the engine's
    `find_boilerplate` (which treats every series on its own)."""
    table = table.sort_by("num")
    nums = table.column("num").to_pylist()
    items = find_boilerplate(table.column("text").to_pylist(),
                             table.column("series").to_pylist())
    return pa.Table.from_pydict({
        "series": [b.series for b in items],
        "text": [b.text for b in items],
        "documents": [b.documents for b in items],
        "occ_num": [[nums[d] for d, _ in b.occurrences] for b in items],
        "occ_start": [[span[0] for _, span in b.occurrences] for b in items],
        "occ_end": [[span[1] for _, span in b.occurrences] for b in items],
    }, schema=pa.schema([("series", pa.string()), ("text", pa.string()),
                         ("documents", pa.int64()), ("occ_num", pa.list_(pa.int64())),
                         ("occ_start", pa.list_(pa.int64())),
                         ("occ_end", pa.list_(pa.int64()))]))


# -- formulations: the whole collection in one task --------------------------------------------

FORMULATION_SCHEMA = ("rank long, phrase string, variants array<string>, documents long, "
                      "count long, first long, per_month string, "
                      "occ_num array<long>, occ_spans string")


def collection_formulations(documents: pa.Table, passages: pa.Table) -> pa.Table:
    """All documents (num, text, date, language, excluded: boilerplate spans) and every
    aligned passage (`PASSAGE_SCHEMA`) -> the formulations, ranked,
    exactly as the engine derives them (`find_formulations`, then `_not_copies`)."""
    documents = documents.sort_by("num")
    nums = documents.column("num").to_pylist()
    position = {num: k for k, num in enumerate(nums)}
    texts = documents.column("text").to_pylist()
    dates = documents.column("date").to_pylist()
    langs = documents.column("language").to_pylist()
    excluded = [_sorted_spans(spans) for spans in documents.column("excluded").to_pylist()]
    vocabulary = Vocabulary()
    streams = _tokenized(texts, vocabulary)
    # As the engine reads them back from its store: codes from the text, spellings = keys.
    streams = [TokenStream(s.ids, s.starts, s.ends, char_codes(text))
               for s, text in zip(streams, texts, strict=True)]
    cjk = sum(lang in CJK for lang in langs) > len(langs) / 2
    found = find_formulations(texts, streams, engine._vocabulary(vocabulary.keys), dates,
                              excluded, "zh" if cjk else "en") if texts else []
    rows = passages.to_pydict()
    linked = []
    for x, y, x0, x1, y0, y1, words, short_words, surplus in sorted(zip(
            *(rows[name] for name in _PASSAGE_ARROW.names), strict=True),
            key=lambda r: (r[0], r[1], r[2], r[4])):
        kx, ky = position[x], position[y]
        # As the engine: passages mostly in boilerplate do not make a formulation a copy.
        if not engine._mostly_in((x0, x1), excluded[kx]) and not engine._mostly_in(
                (y0, y1), excluded[ky]):
            linked.append((kx, (x0, x1), ky, (y0, y1), words, short_words, surplus))
    kept = engine._not_copies(found, linked, len(nums))
    return pa.Table.from_pydict({
        "rank": list(range(len(kept))),
        "phrase": [f.phrase for f in kept],
        "variants": [list(f.variants) for f in kept],
        "documents": [f.documents for f in kept],
        "count": [f.count for f in kept],
        "first": [nums[f.first] for f in kept],
        "per_month": [json.dumps(f.per_month) for f in kept],
        "occ_num": [[nums[k] for k, _ in f.occurrences] for f in kept],
        "occ_spans": [json.dumps([[list(s) for s in spans] for _, spans in f.occurrences])
                      for f in kept],
    }, schema=pa.schema([("rank", pa.int64()), ("phrase", pa.string()),
                         ("variants", pa.list_(pa.string())), ("documents", pa.int64()),
                         ("count", pa.int64()), ("first", pa.int64()),
                         ("per_month", pa.string()), ("occ_num", pa.list_(pa.int64())),
                         ("occ_spans", pa.string())]))


# -- the listed pairs: one pair at a time ------------------------------------------------------

PAIR_SCHEMA = ("a long, b long, words long, shared_a double, shared_b double, "
               "passages string")


def pairs_of_sorted(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Passages sorted by (x, y) within the partition, every pair's in one partition ->
    the listed pairs (`pair_rows` on each pair's run of rows). One Python call per
    partition rather than one per pair: a collection has tens of thousands of pairs."""
    pending: list[dict[str, Any]] = []
    for batch in batches:
        out: list[pa.Table] = []
        for row in batch.to_pylist():
            if pending and (row["x"], row["y"]) != (pending[0]["x"], pending[0]["y"]):
                out.append(pair_rows(pa.Table.from_pylist(pending)))
                pending = []
            pending.append(row)
        if out:
            yield from pa.concat_tables(out).to_batches()
    if pending:
        yield from pair_rows(pa.Table.from_pylist(pending)).to_batches()


def pair_rows(table: pa.Table) -> pa.Table:
    """One pair's passages, each with the boilerplate spans (`bp_`) and all excluded spans
    (`ex_`: boilerplate and formulations) of its two documents and their order keys -> the
    listed pair, or nothing, as the engine's `derive` lists it (passages mostly boilerplate
    dropped, then short ones mostly excluded; `a` the earlier document, at least
    one passage of `MIN_PAIR_WORDS` on its shorter side, passages of `COPY_WORDS` kept
    whatever they hold)."""
    rows = table.to_pylist()
    if not rows:
        return _empty_pairs()
    first = rows[0]
    x, y = first["x"], first["y"]
    ex_x, ex_y = _sorted_spans(first["ex_x"]), _sorted_spans(first["ex_y"])
    bp_x, bp_y = _sorted_spans(first["bp_x"]), _sorted_spans(first["bp_y"])
    swap = (first["date_y"] or "\uffff", first["id_y"]) < (first["date_x"] or "\uffff",
                                                          first["id_x"])
    shared = []
    for row in sorted(rows, key=lambda r: (r["x0"], r["y0"])):
        span_x, span_y = (row["x0"], row["x1"]), (row["y0"], row["y1"])
        if engine._mostly_in(span_x, bp_x) or engine._mostly_in(span_y, bp_y):
            continue
        if row["short_words"] < engine.COPY_WORDS and (
                engine._mostly_in(span_x, ex_x) or engine._mostly_in(span_y, ex_y)):
            continue
        if swap:
            span_x, span_y = span_y, span_x
        shared.append((span_x, span_y, row["words"], row["short_words"], row["surplus"]))
    if not shared or max(p[3] for p in shared) < engine.MIN_PAIR_WORDS:
        return _empty_pairs()
    shared.sort()
    a, b = (y, x) if swap else (x, y)
    chars_a, chars_b = ((first["chars_y"], first["chars_x"]) if swap else
                        (first["chars_x"], first["chars_y"]))
    return pa.Table.from_pylist([{
        "a": a, "b": b, "words": sum(p[2] for p in shared),
        "shared_a": engine._share([p[0] for p in shared], chars_a),
        "shared_b": engine._share([p[1] for p in shared], chars_b),
        "passages": json.dumps([[p[0][0], p[0][1], p[1][0], p[1][1], p[2]] for p in shared]),
    }], schema=_PAIR_ARROW)


_PAIR_ARROW = pa.schema([("a", pa.int64()), ("b", pa.int64()), ("words", pa.int64()),
                         ("shared_a", pa.float64()), ("shared_b", pa.float64()),
                         ("passages", pa.string())])


def _empty_pairs() -> pa.Table:
    return _PAIR_ARROW.empty_table()


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
