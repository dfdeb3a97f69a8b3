"""The collection job on Apache Spark: `tandem corpus SOURCE --engine spark --out DIR`.

Run by the command line (`run_job`) or by `spark-submit` on a cluster (`main`)::

    spark-submit --master spark://host:7077 -m viewer.spark.job SOURCE --out DIR

(`python -m viewer.spark.job` works as well: it starts a local session.)

The stages, as DataFrame operations (the text work itself is the embedded engine's, called on
Arrow batches through `viewer.spark.core_calls`):

1. read: JSON lines (plain or gzipped, any path Spark reads) line by line with their numbers,
   each parsed by the embedded reader; or Parquet with the same columns;
2. per document: language, words and the n-gram hashes of the index (`mapInArrow`);
3. candidates: explode the hashes, count documents per hash, keep hashes in 2..cap
   documents, self-join on the hash to document pairs, count shared hashes, keep pairs with
   enough of them; hashes in two documents alone pair those two with a few less; hashes
   above the cap (up to the wide cap) pair each document with the first holding them (the
   embedded engine's `index_params` and `candidate_pairs`); pairs with fewer n-grams that
   two documents alone hold, when the sentences around one are one sentence copied (the
   engine's `SentenceTokens.around` per document, `copied_sentence` per pair);
4. alignment of every candidate pair by the matcher of `tandem compare` (`PairAligner`,
   `mapInArrow`);
5. boilerplate: the engine's `find_boilerplate` per series (`groupBy(series)`), each
   edition (its articles in one language) on its own, each line weighed against how many
   of the documents in its language carry it (a count over the collection);
6. copies: each passage side's n-grams looked up in the index's document frequencies (a
   join, keeping their places: a side's furniture is runs of them), its documents'
   boilerplate joined, then the engine's passage rules
   (`viewer.collection.passage_rules`) per passage, and for short passages once more with the
   stretches their documents' longer passages copy (`mapInArrow`);
7. formulations: the engine's own finder over the whole collection, in one task (a cogroup of
   documents and kept passages; see docs/spark.md for what that costs);
8. pairs: passages less what is mostly boilerplate or formulations, turned earlier-first,
   grouped per pair and listed by the engine's `pair_entry` (`mapInArrow`), ranked by its
   `pair_rank`;
9. clusters: connected components of the listed passages' sides by DataFrame rounds
   (`viewer.spark.components`), then the engine's `find_clusters` per component.

Output under DIR: Parquet tables `documents`, `passages` (every aligned passage), `pairs`,
`clusters`, `formulations`, `boilerplate`, `skipped`, and `run` (whether formulations were looked
for); `viewer.spark.tables` turns them into the
JSON contract "collection" v1 and loads them into a store.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import glob
import gzip
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from urllib.parse import unquote, urlparse

from viewer.spark.cli import NEEDS_PYSPARK

try:
    from py4j.java_gateway import is_instance_of  # type: ignore[import-untyped]
    from py4j.protocol import Py4JJavaError  # type: ignore[import-untyped]
    from pyspark import RDD, SparkContext
    from pyspark.errors import AnalysisException
    from pyspark.sql import DataFrame, Row, SparkSession
    from pyspark.sql import functions as F
except ModuleNotFoundError:
    if __name__ != "__main__":
        raise
    # `python -m viewer.spark.job` without the [spark] extra: what to install, no traceback.
    print(f"tandem: {NEEDS_PYSPARK}", file=sys.stderr)
    sys.exit(2)

from viewer.collection.article import SourceError
from viewer.collection.jsonlines import GZIP_MAGIC, empty_file, line_end
from viewer.collection.sources import (
    JSON_LINE_ID,
    id_used_twice,
    no_article_found,
    no_such_source,
    refuse_blank_sources,
)
from viewer.core.collection.index import EVERYWHERE_COPY_SHARE, IndexParams, index_params
from viewer.core.errors import TandemError, printable
from viewer.present.wording import counted
from viewer.spark import core_calls
from viewer.spark.cli import (
    WHAT_SPARK_READS,
    add_spark_options,
    check_master,
    check_out_folder,
    check_spark,
    is_parquet,
    java_told,
    local_files,
    out_locked,
    refuse_nothing_to_read,
    spark_conf,
)
from viewer.spark.components import connected_components
from viewer.spark.session import spark_session, under_spark_submit
from viewer.spark.tables import RUN_TABLE, STAGING_PREFIX

Progress = Callable[[str], None]


@dataclass
class JobResult:
    """Where the tables went and what the run cost."""

    out: str
    documents: int
    candidates: int
    passages: int
    seconds: float
    #: Passages left once boilerplate and set phrasing are out.
    kept: int = 0
    #: Wall-clock seconds of each stage, in order.
    stages: dict[str, float] = field(default_factory=dict)
    rounds: int = 0


def _quiet(stage: str) -> None:
    pass


def run_job(source: str, out: str, *, master: str | None = None,
            conf: dict[str, str] | None = None, progress: Progress | None = None,
            spark: SparkSession | None = None, formulations: bool = True) -> JobResult:
    """Run the whole job on `source` and write its tables under `out` (replaced).
    `formulations=False` leaves out the one stage that needs the whole collection in one
    task: the formulations table is empty, and pairs keep passages that are formulations."""
    report = progress or _quiet
    # A local source is named by its absolute path, as the embedded engine stores one
    # (`add_sources`): the tables' paths (and a store imported from them) then say which
    # file an article came from wherever a later `tandem corpus add` runs, and Spark's
    # JVM, whose folder is the one it started in, reads the file Python was given.
    source = source if urlparse(source).scheme else os.path.abspath(source)
    session = spark or spark_session(master, conf=conf)
    marks: list[tuple[str, float]] = []
    started = time.perf_counter()

    def stage(name: str) -> None:
        marks.append((name, time.perf_counter()))
        # Spark names its stages after this: the event log and status tracker show ours.
        session.sparkContext.setLocalProperty("callSite.short", f"tandem {name}")
        session.sparkContext.setJobDescription(f"tandem {name}")
        report(name)

    stage("read")
    try:
        articles = _read(session, source).localCheckpoint()
    except Py4JJavaError as error:
        raise (_unreadable_parquet(source, error) or _damaged_input(source, error)) from None
    except AnalysisException as error:
        # A URI source (file:, hdfs:, s3a:) is looked for by Spark alone.
        if error.getCondition() != "PATH_NOT_FOUND":
            raise
        raise no_such_source(source) from None
    # Skipped lines and the notes on articles indexed all the same ("indexed"), in one table
    # as the embedded store keeps them.
    skipped = articles.where(F.col("reason").isNotNull()).select("num", "path", "reason",
                                                                 "indexed")
    docs = articles.where(F.col("reason").isNull()).drop("reason", "indexed")
    _check_ids(docs, source, skipped)

    stage("documents")
    docs = docs.mapInArrow(core_calls.with_language,
                           core_calls.DOCUMENT_SCHEMA).localCheckpoint()
    count = docs.count()
    cjk = docs.where(F.col("language").isin(*core_calls.CJK)).count() > count / 2
    params = index_params(cjk, count)
    grams = (docs.select("num", "text")
             .mapInArrow(functools.partial(core_calls.index_grams, n=params.n),
                         "num long, words long, grams array<long>")
             .localCheckpoint())

    stage("candidates")
    postings = grams.select("num", F.explode("grams").alias("hash"))
    counted = (postings.groupBy("hash")
               .agg(F.count("*").alias("count"), F.min("num").alias("first"),
                    F.max("num").alias("last"))
               .where(F.col("count") >= 2)
               .localCheckpoint())
    usable = counted.where(F.col("count") <= params.max_df).select("hash")
    indexed = postings.join(usable, "hash")
    left, right = indexed.alias("l"), indexed.alias("r")
    regular = (left.join(right, (F.col("l.hash") == F.col("r.hash"))
                         & (F.col("l.num") < F.col("r.num")))
               .groupBy(F.col("l.num").alias("x"), F.col("r.num").alias("y")).count()
               .where(F.col("count") >= params.min_shared)
               .select("x", "y"))
    # ... or n-grams that two documents alone hold.
    rare = (counted.where(F.col("count") == 2)
            .groupBy(F.col("first").alias("x"), F.col("last").alias("y")).count()
            .where(F.col("count") >= (params.min_rare_shared or params.min_shared))
            .select("x", "y"))
    # Above the cap: each document with the first holding the n-gram (a star, see
    # `viewer.core.collection.index`).
    wide = counted.where((F.col("count") > params.max_df)
                         & (F.col("count") <= params.wide_df)).select("hash", "first")
    star = (postings.join(wide, "hash").where(F.col("num") != F.col("first"))
            .groupBy(F.col("first").alias("x"), F.col("num").alias("y")).count()
            .where(F.col("count") >= params.min_wide_shared)
            .select("x", "y"))
    # ... and, above `wide_df`, each document made mostly of such n-grams (a story run
    # everywhere) with the first holding each.
    everywhere = postings.join(counted.where(F.col("count") > params.wide_df)
                               .select("hash", "first"), "hash")
    copies = (everywhere.groupBy("num").count()
              .join(grams.select("num", F.size("grams").alias("size")), "num")
              .where(F.col("count") > EVERYWHERE_COPY_SHARE * F.col("size")).select("num"))
    story = (everywhere.join(copies, "num").where(F.col("num") != F.col("first"))
             .groupBy(F.col("first").alias("x"), F.col("num").alias("y")).count()
             .where(F.col("count") >= params.min_wide_shared)
             .select("x", "y"))
    paired = (regular.unionByName(rare).unionByName(star).unionByName(story).distinct()
              .localCheckpoint())
    # ... or one sentence copied and edited, which keeps fewer of the n-grams two documents
    # alone hold: a pair with some, when its sentences around one of them are one
    # sentence (`viewer.core.collection.edited_sentences`).
    lone = (counted.where(F.col("count") == 2)
            .select(F.col("first").alias("x"), F.col("last").alias("y"), "hash")
            .join(paired, ["x", "y"], "left_anti"))
    wanted = (lone.select(F.col("x").alias("num"), "hash")
              .unionByName(lone.select(F.col("y").alias("num"), "hash"))
              .groupBy("num").agg(F.collect_list("hash").alias("hashes")))
    sentences = (wanted.join(docs.select("num", "text"), "num")
                 .select("num", "hashes", "text")
                 .mapInArrow(functools.partial(core_calls.sentences_around, n=params.n),
                             core_calls.SENTENCE_SCHEMA)
                 .localCheckpoint())
    edited = (lone.join(sentences.toDF("x", "hash", "tokens_x"), ["x", "hash"])
              .join(sentences.toDF("y", "hash", "tokens_y"), ["y", "hash"])
              .select("x", "y", "tokens_x", "tokens_y")
              .mapInArrow(functools.partial(core_calls.copied_sentences, cjk=cjk),
                          "x long, y long"))
    candidates = paired.unionByName(edited).distinct().localCheckpoint()
    candidate_count = candidates.count()

    stage("alignment")
    side = docs.select("num", "text", "language")
    passages = (candidates
                .join(side.toDF("x", "text_x", "lang_x"), "x")
                .join(side.toDF("y", "text_y", "lang_y"), "y")
                .select("x", "y", "text_x", "text_y", "lang_x", "lang_y")
                .mapInArrow(functools.partial(core_calls.align_pairs, n=params.n),
                            core_calls.PASSAGE_SCHEMA)
                .localCheckpoint())
    passage_count = passages.count()

    stage("boilerplate")
    # The lines enough of an edition's articles (a series' in one language) carry to be its
    # boilerplate, and how many documents in its language carry each: what an
    # edition's lines are weighed against.
    keyed = docs.select("series", "language", "text").mapInArrow(
        core_calls.line_keys_of, "edition string, reading string, key string")
    sizes = (docs.select("series", "language")
             .mapInArrow(core_calls.editions_of, "edition string, reading string")
             .groupBy("edition", "reading").agg(F.count("*").alias("size")))
    totals = {row["reading"]: row["total"] for row in
              sizes.groupBy("reading").agg(F.sum("size").alias("total")).collect()}
    repeated = (keyed.groupBy("edition", "key").count().join(sizes, "edition")
                .select("key", "count", "size")
                .mapInArrow(core_calls.repeated_enough, "key string").distinct())
    carried = {(row["reading"], row["key"]): row["count"] for row in
               repeated.join(keyed.groupBy("reading", "key").count(), "key").collect()}

    def series_boilerplate(table: object) -> object:
        # Spark reads a grouped function's kind from its type hints: no partial.
        return core_calls.series_boilerplate(table, carried, totals)  # type: ignore[arg-type]

    boilerplate = (docs.select("num", "series", "language", "text").groupBy("series")
                   .applyInArrow(series_boilerplate, core_calls.BOILERPLATE_SCHEMA)
                   .localCheckpoint())
    boiler_occurrences = (boilerplate.select(F.explode(F.from_json(
        "occurrences", "array<array<long>>")).alias("o")).select(
        F.col("o")[0].alias("num"), F.col("o")[1].alias("start"), F.col("o")[2].alias("end")))
    boiler_spans = _spans_by_document(boiler_occurrences).localCheckpoint()

    stage("copies")
    kept, kept_count = _copies(passages, counted, boiler_spans, params)

    stage("formulations")
    found = session.createDataFrame([], core_calls.FORMULATION_SCHEMA)
    if formulations:
        found = (docs.select("num", "id", "date", "series", "language", "text")
                 .join(boiler_spans.withColumnRenamed("spans", "boiler"), "num", "left")
                 .withColumn("g", F.lit(0)).groupBy("g")
                 .cogroup(kept.select(*core_calls.PASSAGE_COLUMNS)
                          .withColumn("g", F.lit(0)).groupBy("g"))
                 .applyInArrow(_formulations_group, core_calls.FORMULATION_SCHEMA)
                 .localCheckpoint())

    stage("pairs")
    excluded = _spans_by_document(boiler_occurrences.unionByName(
        found.where(F.col("kind") == "span").select("num", "start", "end")))
    pairs = _listed_pairs(session, kept, excluded, docs)

    stage("clusters")
    clusters, rounds = _clusters(session, pairs, docs)

    stage("write")
    tables: dict[str, DataFrame] = {
        "documents": docs.join(grams.select("num", "words"), "num").select(
            "num", "id", "series", "date", "path", "title", "text", "chars", "words",
            "language"),
        "passages": passages.select(*core_calls.PASSAGE_COLUMNS),
        "pairs": pairs.select("rank", "data"),
        "clusters": clusters,
        "formulations": found.where(F.col("kind") == "formulation").select("rank", "data"),
        "boilerplate": _ranked_boilerplate(session, boilerplate),
        "skipped": skipped,
        # Whether formulations were looked for: an empty table is "none found" or "left out".
        RUN_TABLE: session.createDataFrame([(formulations,)], "formulations boolean"),
    }
    with _written_whole(out) as folder:
        for name, frame in tables.items():
            frame.write.mode("overwrite").parquet(os.path.join(folder, name))
    stage("done")
    # None clears them (pyspark's stubs say str).
    session.sparkContext.setLocalProperty("callSite.short", None)  # type: ignore[arg-type]
    session.sparkContext.setJobDescription(None)  # type: ignore[arg-type]
    stages = {name: round(marks[k + 1][1] - at, 3) for k, (name, at) in enumerate(marks[:-1])}
    return JobResult(out=out, documents=count, candidates=candidate_count,
                     passages=passage_count, kept=kept_count, seconds=time.perf_counter() - started,
                     stages=stages, rounds=rounds)


@contextlib.contextmanager
def _written_whole(out: str) -> Iterator[str]:
    """The folder to write the tables in, whose tables then replace those in `out`
    together: a run stopped or failed while writing leaves `out` as it was, never this
    run's first tables beside an earlier run's others. A local `out` only: a cluster's
    (hdfs://...) is written in place."""
    if urlparse(out).scheme:
        yield out
        return
    made = not os.path.exists(out)
    os.makedirs(out, exist_ok=True)
    # Inside `out`: on its file system, where renaming is instant, and writable as it is.
    staging = tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out)
    try:
        yield staging
        with _interrupts_held():
            for name in os.listdir(staging):
                shutil.rmtree(os.path.join(out, name), ignore_errors=True)
                os.rename(os.path.join(staging, name), os.path.join(out, name))
            made = False
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if made:
            os.rmdir(out)


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """Ctrl-C within the block raised once it is done, not in its middle."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signals reach the main thread alone
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: caught.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


def _formulations_group(documents: object, passages: object) -> object:
    return core_calls.collection_formulations(documents, passages)  # type: ignore[arg-type]


# -- the finished results -------------------------------------------------------------------

def _spans_by_document(spans: DataFrame) -> DataFrame:
    """(num, start, end, ...) rows -> (num, spans: array of (start, end, ...), sorted)."""
    fields = [name for name in spans.columns if name != "num"]
    return (spans.groupBy("num")
            .agg(F.sort_array(F.collect_list(F.struct(*fields))).alias("spans")))


def _copies(passages: DataFrame, counted: DataFrame, boiler_spans: DataFrame,
            params: IndexParams) -> tuple[DataFrame, int]:
    """The aligned passages that are copies, by the engine's rules (`passage_rules`): each
    side's n-grams looked up in the index's document frequencies (with their places: the
    furniture of a side is runs of them), each side's boilerplate joined, then one pass per
    passage, and for short ones one more with the stretches its documents' longer passages
    copy (and the documents those copy: a formula two copies meet by)."""
    numbered = passages.withColumn("pid", F.monotonically_increasing_id()).localCheckpoint()
    frequencies = counted.select("hash", "count")
    dfs = {}
    for side in ("x", "y"):
        dfs[side] = (numbered.select("pid", F.posexplode(f"grams_{side}").alias("pos", "hash"))
                     .join(frequencies, "hash", "left")
                     .groupBy("pid")
                     .agg(F.collect_list(F.struct(
                         "pos", F.coalesce("count", F.lit(1)).alias("count")))
                          .alias(f"dfs_{side}")))
    rows = numbered.drop("grams_x", "grams_y")
    for side in ("x", "y"):
        rows = (rows.join(dfs[side], "pid", "left")
                .join(boiler_spans.withColumnRenamed("num", side)
                      .withColumnRenamed("spans", f"boiler_{side}"), side, "left"))
    classified = rows.mapInArrow(functools.partial(core_calls.classify_passages,
                                                   params=params),
                                 core_calls.KEPT_SCHEMA).localCheckpoint()
    stretches = (classified.where("stretch").select(F.col("x").alias("num"),
                                                    F.col("x0").alias("start"),
                                                    F.col("x1").alias("end"),
                                                    F.col("y").alias("other"))
                 .unionByName(classified.where("stretch").select(
                     F.col("y").alias("num"), F.col("y0").alias("start"),
                     F.col("y1").alias("end"), F.col("x").alias("other"))))
    copied = _spans_by_document(stretches)
    asked = classified.where("ask or formula")
    for side in ("x", "y"):
        asked = asked.join(copied.withColumnRenamed("num", side)
                           .withColumnRenamed("spans", f"copied_{side}"), side, "left")
    inside = asked.mapInArrow(core_calls.inside_copies, core_calls.FINAL_SCHEMA)
    kept = (classified.where(~F.col("ask") & ~F.col("formula")).select(*core_calls.CARRIED)
            .unionByName(inside).localCheckpoint())
    return kept, kept.count()


def _listed_pairs(session: SparkSession, kept: DataFrame, excluded: DataFrame,
                  docs: DataFrame) -> DataFrame:
    """The listed pairs (a, b, rank, data), ranked as the embedded engine ranks them
    (`passage_rules.pair_rank`)."""
    rows = kept
    facts = docs.select("num", "id", "date")
    for side in ("x", "y"):
        rows = (rows.join(excluded.withColumnRenamed("num", side)
                          .withColumnRenamed("spans", f"excluded_{side}"), side, "left")
                .join(facts.toDF(side, f"id_{side}", f"date_{side}"), side))
    oriented = rows.mapInArrow(core_calls.orient_passages, core_calls.ORIENTED_SCHEMA)
    texts = docs.select("num", "id", "text")
    grouped = (oriented.groupBy("a", "b")
               .agg(F.collect_list(F.struct("a0", "a1", "b0", "b1", "words", "short_words",
                                            "surplus", "lists")).alias("shared"))
               .join(texts.toDF("a", "id_a", "text_a"), "a")
               .join(texts.toDF("b", "id_b", "text_b"), "b")
               .select("a", "b", "id_a", "id_b", "text_a", "text_b", "shared"))
    listed = grouped.mapInArrow(core_calls.list_pairs, core_calls.LISTED_SCHEMA)
    ranked = (listed.orderBy("rank_words", "rank_share", "rank_other_share", "id_a", "id_b")
              .rdd.zipWithIndex()
              .map(lambda row: (*row[0], row[1])))
    return session.createDataFrame(
        ranked, core_calls.LISTED_SCHEMA + ", rank long").localCheckpoint()


def _ranked_boilerplate(session: SparkSession, boilerplate: DataFrame) -> DataFrame:
    """The boilerplate table (rank, data) in the embedded engine's order: by series, then
    by how many articles carry a line; a series' lines are few, so they are ranked here."""
    rows = [row.asDict() for row in boilerplate.select("series", "text", "documents").collect()]
    rows.sort(key=lambda b: (b["series"], -b["documents"], b["text"]))
    return session.createDataFrame(
        [(rank, json.dumps(row, ensure_ascii=False)) for rank, row in enumerate(rows)],
        "rank long, data string")


# -- reading -------------------------------------------------------------------------------

def _read(spark: SparkSession, source: str) -> DataFrame:
    """Articles and skipped lines: the columns of `core_calls.ARTICLE_SCHEMA`."""
    if is_parquet(source):
        frame = spark.read.parquet(source)
        missing = {"id", "text"} - set(frame.columns)
        if missing:
            raise SourceError(f"{source}: the Parquet data has no column "
                              f"{' and no '.join(sorted(missing))} (it needs id and text, "
                              "and may have series, date and title)")
        # Each row named by its file and its place there, as a JSON line is: Spark's own
        # row ids leap at each partition (a second file's first row was "x.parquet:8589934593").
        files = sorted(row[0] for row in
                       frame.select("_metadata.file_path").distinct().collect())
        return (frame.withColumn("file", F.col("_metadata.file_path"))
                .withColumn("number", F.col("_metadata.row_index") + 1)
                .mapInArrow(functools.partial(core_calls.parse_records, files=files,
                                              names=_parquet_names(source, files)),
                            core_calls.ARTICLE_SCHEMA))
    # A glob of local files: each file read on its own, so that a skipped line or an id
    # used twice is named by its file and its line there, as the embedded engine names
    # them (given the files the shell lists for the glob, in its order).
    paths = local_files(source)
    for path in paths:
        _refuse_empty(path)
        _refuse_unnamed_gzip(path)
        _refuse_zero_padded_gzip(path)
    files = [_raw_lines(spark, path).zipWithIndex().map(functools.partial(_numbered, k))
             for k, path in enumerate(paths)]
    lines = files[0] if len(files) == 1 else spark.sparkContext.union(files)
    frame = spark.createDataFrame(lines, "file long, number long, line binary")
    return frame.mapInArrow(functools.partial(core_calls.parse_lines, paths=paths),
                            core_calls.ARTICLE_SCHEMA)


def _parquet_names(source: str, files: list[str]) -> list[str]:
    """How the report names each of Spark's Parquet `files` (URIs) of `source`: a file
    given by its path as given, a local folder's (or glob's) files by their local paths,
    any other by its URI."""
    if len(files) == 1 and not os.path.isdir(source) and not glob.has_magic(source):
        return [source]
    return [unquote(urlparse(file).path) if file.startswith("file:") and "://" not in source
            else file for file in files]


def _refuse_empty(path: str) -> None:
    """The embedded reader's error for a local file of no bytes."""
    if "://" not in path and os.path.isfile(path) and os.path.getsize(path) == 0:
        raise empty_file(path)


def _refuse_unnamed_gzip(path: str) -> None:
    """`SourceError` for a local file of gzip data not named ".gz": Spark's reader knows
    gzip by the name alone and would read the compressed bytes as lines, every one
    skipped as not JSON (the embedded reader knows it by its first bytes)."""
    if "://" in path or path.lower().endswith(".gz") or not os.path.isfile(path):
        return
    with open(path, "rb") as handle:
        if handle.read(2) == GZIP_MAGIC:
            raise SourceError(f"{path}: is gzip data, but its name does not end in .gz, by "
                              "which Spark knows to decompress it: rename it to "
                              f"{os.path.basename(path)}.gz")


#: The zero bytes a gzip file may end in as data: its trailer (CRC-32, length) is 8 bytes.
_GZIP_TRAILER = 8


def _refuse_zero_padded_gzip(path: str) -> None:
    """`SourceError` for a local gzip file whose data is followed by zero bytes, as tape
    and backup tools pad a file: the embedded reader (Python's gzip) reads past them, but
    Hadoop's takes them for a damaged file and reads none of it (told as "damaged or ends
    early", though no line is lost)."""
    if "://" in path or not path.lower().endswith(".gz") or not os.path.isfile(path):
        return
    with open(path, "rb") as handle:
        handle.seek(max(0, os.path.getsize(path) - (1 << 16)))
        tail = handle.read()
    if len(tail) - len(tail.rstrip(b"\x00")) <= _GZIP_TRAILER or not _gzip_reads_whole(path):
        return
    raise SourceError(f"{path}: the gzip data is followed by zero bytes (padding, as tape "
                      "and backup tools leave), which Spark's reader takes for damage: "
                      "compress it again without them (gzip -dc FILE | gzip > NEW.gz), "
                      "or index it with the embedded engine (without --engine spark)")


def _gzip_reads_whole(path: str) -> bool:
    """Whether Python's gzip reads `path` to its end without finding it damaged."""
    try:
        with gzip.open(path) as stream:
            while stream.read(1 << 20):
                pass
    except (OSError, EOFError, zlib.error):
        return False
    return True


def _raw_lines(spark: SparkSession, path: str) -> RDD[Row]:
    """The lines of `path` as their bytes, in the file's order, split at the byte the
    embedded reader splits them at (`line_end`: "\n", or "\r" in a file of carriage
    returns alone; a URI's lines at "\n"). `SparkContext.textFile` would not do: it
    decodes in the JVM, turning bytes that are not UTF-8 into U+FFFD (an article of mangled
    text where the embedded reader skips the line), and it also ends a line at a bare "\r"
    in a file of line feeds."""
    end = "\n" if "://" in path else line_end(path).decode("ascii")
    return (spark.read.option("lineSep", end).text(path)
            .select(F.col("value").cast("binary").alias("line")).rdd)


def _numbered(file: int, pair: tuple[Row, int]) -> tuple[int, int, bytes]:
    """(file, line number, the line's bytes) of a line of `zipWithIndex`."""
    return file, pair[1] + 1, bytes(pair[0]["line"])


#: What Hadoop's gzip reader says of a file that ends early or is no gzip data.
_DAMAGED = re.compile(r"Caused by: (?:java\.io\.EOFException|java\.util\.zip\.ZipException"
                      r"|java\.io\.IOException: (?:Not in GZIP format|not a gzip file))"
                      r"(?::\s*([^\n]*))?")


def _damaged_input(source: str, error: Py4JJavaError) -> Exception:
    """The error of a read that failed: for compressed data that is damaged or ends early,
    one line saying so (Hadoop's reader stops the whole job there, where the embedded
    engine keeps the lines before the damage); any other failure as it came."""
    found = _DAMAGED.search(str(error))
    if found is None:
        return error
    said = f" ({found.group(1).strip()})" if found.group(1) else ""
    return SourceError(f"{source}: the gzip data is damaged or ends early{said}; the Spark "
                       "engine reads none of it: compress the file again, or index the lines "
                       "before the damage with the embedded engine (without --engine spark)")


def _unreadable_parquet(source: str, error: Py4JJavaError) -> SourceError | None:
    """For a Parquet source of which Spark cannot read a file (a footer cut short, data
    that is no Parquet): one line naming that file; else None."""
    path = _file_not_read(error) if is_parquet(source) else None
    if path is None:
        return None
    if path.startswith("file:") and "://" not in source:
        path = unquote(urlparse(path).path)
    elsewhere = "" if path == source else f", or move it out of {source}"
    return SourceError(f"{path}: cannot be read as Parquet (it is damaged, cut short or not "
                       f"Parquet data); write it again{elsewhere}")


def _file_not_read(error: Py4JJavaError) -> str | None:
    """The file of Spark's FAILED_READ_FILE error in `error` or its causes, else None."""
    gateway = SparkContext._gateway
    failure = error.java_exception
    while failure is not None:
        if (is_instance_of(gateway, failure, "org.apache.spark.SparkThrowable")
                and str(failure.getCondition()).startswith("FAILED_READ_FILE")):
            return str(failure.getMessageParameters().get("path"))
        failure = failure.getCause()
    return None


def _check_ids(docs: DataFrame, source: str, skipped: DataFrame) -> None:
    """No article at all, or one id used twice: the embedded reader's errors."""
    twice = (docs.groupBy("id").agg(F.sort_array(F.collect_list(F.struct("num", "path")))
                                    .alias("places"))
             .where(F.size("places") > 1).limit(1).collect())
    if twice:
        first, second = twice[0]["places"][:2]
        where = 'its "id" in that row' if is_parquet(source) else JSON_LINE_ID
        raise id_used_twice(second["path"], twice[0]["id"], first["path"], where)
    if not docs.limit(1).count():
        # The first in reading order, as the embedded reader says (a line's number is in
        # `num`: "f:10" sorts before "f:2" as text).
        reasons = skipped.orderBy("num").limit(1).collect()
        raise no_article_found(source, f"{reasons[0]['path']}: {reasons[0]['reason']}"
                               if reasons else "", readable=WHAT_SPARK_READS)


# -- clusters ------------------------------------------------------------------------------

def _clusters(spark: SparkSession, pairs: DataFrame, docs: DataFrame) -> tuple[DataFrame, int]:
    """Clusters of the listed pairs' passages, numbered in the order of their first document."""
    passage = "struct<a:array<long>,b:array<long>,words:long>"
    links = (pairs.select("a", "b", F.explode(F.from_json(
                 F.get_json_object("data", "$.passages"), f"array<{passage}>")).alias("p"))
             .select("a", "b", F.col("p.a")[0].alias("a0"), F.col("p.a")[1].alias("a1"),
                     F.col("p.b")[0].alias("b0"), F.col("p.b")[1].alias("b1"))
             .withColumn("link", F.monotonically_increasing_id())
             .localCheckpoint())
    sides = (links.select((F.col("link") * 2).alias("node"), F.col("a").alias("doc"),
                          F.col("a0").alias("start"), F.col("a1").alias("end"))
             .unionByName(links.select((F.col("link") * 2 + 1).alias("node"),
                                       F.col("b").alias("doc"), F.col("b0").alias("start"),
                                       F.col("b1").alias("end"))))
    one, two = sides.alias("s"), sides.alias("t")
    overlapping = (one.join(two, (F.col("s.doc") == F.col("t.doc"))
                            & (F.col("s.node") < F.col("t.node"))
                            & (F.col("s.start") < F.col("t.end"))
                            & (F.col("t.start") < F.col("s.end")))
                   .select(F.col("s.node").alias("src"), F.col("t.node").alias("dst")))
    edges = links.select((F.col("link") * 2).alias("src"),
                         (F.col("link") * 2 + 1).alias("dst")).unionByName(overlapping)
    labels, rounds = connected_components(sides.select("node"), edges)
    facts = docs.select("num", "id", "date")
    grouped = (links.join(labels.withColumnRenamed("node", "a_node"),
                          F.col("a_node") == F.col("link") * 2)
               .join(facts.toDF("a", "id_a", "date_a"), "a")
               .join(facts.toDF("b", "id_b", "date_b"), "b")
               .select("component", "link", "a", "a0", "a1", "b", "b0", "b1", "id_a", "date_a",
                       "id_b", "date_b")
               .groupBy("component")
               .applyInArrow(core_calls.component_clusters, core_calls.CLUSTER_SCHEMA))
    ordered = [row.asDict() for row in grouped.collect()]
    ordered.sort(key=lambda c: (c["first_date"], c["first_id"], c["start"], c["end"]))
    rows = [(k, c["first_id"], c["passages"]) for k, c in enumerate(ordered, 1)]
    clusters = spark.createDataFrame(rows, "id long, first_num_id string, passages string")
    return clusters.withColumnRenamed("first_num_id", "first"), rounds


# -- command line ------------------------------------------------------------------------------

def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="viewer.spark.job",
        description="The collection job of `tandem corpus` on Apache Spark: writes Parquet "
                    "tables under --out (load them with `tandem corpus import DIR --store S`).")
    parser.add_argument("source", metavar="SOURCE",
                        help="JSON lines (.jsonl, .jsonl.gz; any path Spark reads) or Parquet")
    parser.add_argument("--out", required=True, metavar="DIR", help="where the tables go")
    add_spark_options(parser)
    parser.add_argument("--json", metavar="OUT",
                        help="also write the JSON contract 'collection' ('-': stdout)")
    parser.add_argument("--quiet", action="store_true", help="no stage lines on stderr")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for spark-submit and `python -m viewer.spark.job`; returns the exit code."""
    args = parser().parse_args(argv)

    def say(stage: str) -> None:
        if not args.quiet:
            print(f"tandem spark: {stage}", file=sys.stderr)

    try:
        refuse_blank_sources([args.source])
        refuse_nothing_to_read(args.source)  # before Spark takes seconds to start
        if "://" not in args.out:  # a cluster's (hdfs://...) is Spark's to check
            # The job replaces a folder per table under --out: one of the user's own
            # there (documents/) would go, as `tandem corpus --engine spark` refuses.
            check_out_folder(args.out, args.source)
        if not under_spark_submit():  # else spark-submit has started the JVM already
            check_spark()
            check_master(args.master)
        conf = spark_conf(args.conf)
        with out_locked(args.out):
            try:
                with java_told(conf):
                    result = run_job(args.source, args.out, master=args.master,
                                     conf=conf, progress=say,
                                     formulations=not args.no_formulations)
            except KeyboardInterrupt:
                raise KeyboardInterrupt(f"interrupted; {printable(args.out)} is as it was "
                                        "before") from None
            if args.json:
                from viewer.spark.tables import write_report_json

                try:
                    write_report_json(args.out, args.json)
                except KeyboardInterrupt:
                    raise KeyboardInterrupt(f"interrupted once the tables in "
                                            f"{printable(args.out)} were written, before "
                                            f"{printable(args.json)} was") from None
    except TandemError as error:
        print(f"tandem: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as interruption:
        # As `tandem corpus --engine spark` tells it: one line, not Python's traceback.
        print(f"tandem: {interruption or 'interrupted'}", file=sys.stderr)
        return 130
    say(f"{counted(result.documents, 'document')}, "
        f"{counted(result.candidates, 'candidate pair')}, "
        f"{counted(result.passages, 'passage')} in {result.seconds:.1f} s ("
        + ", ".join(f"{name} {seconds:.1f}" for name, seconds in result.stages.items()) + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
