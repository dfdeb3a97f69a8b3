"""The Spark parts of `tandem corpus`: `--engine spark` and `tandem corpus import`.

    tandem corpus SOURCE --engine spark [--master URL] --out DIR [--no-formulations]
        [--json OUT] [--html OUT]
    tandem corpus import DIR --store STORE

Nothing here imports pyspark until the Spark engine is asked for, so `tandem corpus` with
the embedded engine (and the window) never loads it.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import glob
import gzip
import importlib.util
import os
import re
import shutil
import socket
import subprocess
import sys
import zlib
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from viewer.arguments import OneLineParser
from viewer.collection.article import SourceError
from viewer.collection.jsonlines import GZIP_MAGIC, empty_file
from viewer.collection.sources import (
    JSON_LINES_FORMAT,
    lies_in,
    no_article_found,
    no_such_source,
)
from viewer.core.errors import TandemError, os_problem, printable
from viewer.present.wording import counted

ENGINES = ("embedded", "spark")


class SparkUnavailable(TandemError):
    """pyspark or Java is missing: what to install."""


def add_engine_options(parser: argparse.ArgumentParser) -> None:
    """`--engine`, and the Spark engine's `--out` and its options (`add_spark_options`)."""
    parser.add_argument("--engine", choices=ENGINES, default="embedded",
                        help="embedded (default: one machine, a store) or spark (a PySpark "
                             "application writing Parquet tables under --out)")
    parser.add_argument("--out", metavar="DIR",
                        help="with --engine spark: where the Parquet tables go")
    add_spark_options(parser, "with --engine spark: ")


def add_spark_options(parser: argparse.ArgumentParser, note: str = "") -> None:
    """The Spark job's `--master`, `--conf` and `--no-formulations`, for `tandem corpus`
    and for the job's own command line (`note` opens the Spark settings' help texts)."""
    parser.add_argument("--master", metavar="URL",
                        help=f"{note}the Spark master (default: spark-submit's, else "
                             "local[2])")
    parser.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE",
                        help=f"{note}a Spark setting, e.g. spark.sql.shuffle.partitions=200 "
                             "(repeatable)")
    add_no_formulations(parser)


def add_no_formulations(parser: argparse.ArgumentParser) -> None:
    """`--no-formulations`, which either engine takes."""
    parser.add_argument("--no-formulations", action="store_true",
                        help="do not look for formulations, which take the whole collection "
                             "in one task or process (about 150 bytes a word: for millions "
                             "of articles; see docs/spark.md); recorded with the results, so "
                             "later adds to their store leave them out too, until --refind")


def spark_conf(items: list[str]) -> dict[str, str]:
    """The `--conf KEY=VALUE` items as Spark settings."""
    conf = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep:
            raise TandemError(f"--conf {item!r}: expected KEY=VALUE")
        conf[key] = value
    return conf


#: Why the embedded engine takes none of the Spark engine's options, said of each.
_EMBEDDED_HAS = {
    "--master": "runs on this machine without Spark",
    "--out": "keeps its results in the store that --store PATH names",
    "--conf": "runs on this machine without Spark",
}


def check_embedded(args: argparse.Namespace) -> None:
    """The Spark engine's options given to the embedded engine: a clear error, not a run
    that silently ignores them, saying for each option given why it does not apply."""
    given = [option for option, value in (
        ("--master", args.master), ("--out", args.out), ("--conf", args.conf)) if value]
    if given:
        reasons = list(dict.fromkeys(_EMBEDDED_HAS[option] for option in given))
        said = reasons[0] if len(reasons) == 1 else (
            f"{', '.join(reasons[:-1])} and {reasons[-1]}")
        raise TandemError(f"{', '.join(given)}: only with --engine spark (the embedded "
                          f"engine {said})")


def import_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="tandem corpus import",
        description="Load the Parquet tables of `tandem corpus --engine spark --out DIR` into "
                    "a new collection store, which the window opens.")
    parser.add_argument("tables", metavar="DIR",
                        help="the --out folder of a 'tandem corpus --engine spark' run")
    parser.add_argument("--store", required=True, metavar="STORE",
                        help="the collection store to make (a new file, or a store that holds "
                             "no articles yet)")
    parser.add_argument("--quiet", action="store_true",
                        help="no summary line (errors are still told)")
    return parser


#: What to install when pyspark is missing (`tandem corpus --engine spark`, and `python -m
#: viewer.spark.job`, which imports it first).
NEEDS_PYSPARK = ("the Spark engine needs pyspark: pip install -e '.[spark]' (or pip install "
                 "'pyspark[sql]>=4,<5')")
#: The one-folder bundle leaves the Spark engine out (see packaging/tandem.spec).
NOT_IN_BUNDLE = ("the Spark engine is not part of this bundle: run it from a source install "
              "with the [spark] extra (pip install -e '.[spark]'; see docs/spark.md)")
#: What to install for `tandem corpus import`, which reads the tables with pyarrow alone.
NEEDS_PYARROW = ("tandem corpus import reads the Spark run's Parquet tables with pyarrow: "
                 "pip install -e '.[spark]' (or pip install 'pyarrow>=15')")
_JAVA = "Java 17 or later: install openjdk-17-jre-headless (Debian/Ubuntu) or set JAVA_HOME"
_NEEDS_JAVA = f"the Spark engine needs {_JAVA}"


def _not_installed(what_to_install: str) -> SparkUnavailable:
    """A part of the [spark] extra is missing: what to install, or, in the bundle, which
    leaves them all out and where nothing can be installed, that it is not part of it."""
    return SparkUnavailable(NOT_IN_BUNDLE if getattr(sys, "frozen", False) else what_to_install)


def check_spark() -> None:
    """A clear error, before Spark starts, when pyspark or Java is missing. Java is needed
    whatever the master: the driver runs in a JVM on this machine."""
    if importlib.util.find_spec("pyspark") is None:
        raise _not_installed(NEEDS_PYSPARK)
    # Spark's launcher runs $JAVA_HOME/bin/java when JAVA_HOME is set, else java on PATH.
    home = os.environ.get("JAVA_HOME")
    if home:
        java = os.path.join(home, "bin", "java")
        if not (os.path.isfile(java) and os.access(java, os.X_OK)):
            raise SparkUnavailable(f"JAVA_HOME is {home}, which holds no bin/java: set it to "
                                   "a Java 17 (or later) installation, or unset it to use "
                                   "the java on PATH")
    elif shutil.which("java") is None:
        raise SparkUnavailable(_NEEDS_JAVA)


#: How long to wait for a Spark master to answer before telling it cannot be reached.
MASTER_TIMEOUT = 5.0


def check_master(master: str | None) -> None:
    """`SparkUnavailable`, before Spark starts, for a standalone master (spark://HOST:PORT,
    or several for a highly available one) none of whose hosts can be reached: Spark would
    try it for a minute, then print Java's and Python's stacks."""
    if not master or not master.startswith("spark://"):
        return
    failures = []
    for address in master.removeprefix("spark://").split(","):
        why = _unreachable(address)
        if why is None:
            return
        failures.append(f"{address} ({why})")
    raise SparkUnavailable(f"--master {master}: cannot reach {', '.join(failures)}; check "
                           "the host and port, and that the Spark master runs there")


def _unreachable(address: str) -> str | None:
    """Why nothing answers at HOST:PORT, or None when something does."""
    host, _, port = address.rpartition(":")
    if not port.isdigit():
        return "no port number"
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=MASTER_TIMEOUT).close()
    except socket.gaierror:
        return "no such host"
    except TimeoutError:
        return f"no answer in {MASTER_TIMEOUT:g} s"
    except OSError as error:
        return os_problem(error)
    return None


def java_did_not_start(error: Exception) -> bool:
    """True for pyspark's error when the JVM it launches exits at once (a Java too old
    for Spark, or one that is no Java): its launcher's own lines are on stderr above."""
    condition = getattr(error, "getCondition", None)
    return callable(condition) and condition() == "JAVA_GATEWAY_EXITED"


#: Spark's conditions for a memory setting it cannot start with (a driver memory under
#: 450 MB): told as what they are, not as Java's stack and pyspark's.
_REFUSED_SETTINGS = ("INVALID_DRIVER_MEMORY", "INVALID_EXECUTOR_MEMORY")


def setting_refused(error: Exception) -> str:
    """The first sentence of Spark's own words (its condition's name left out) when
    starting it failed on a memory setting, else ""."""
    java = getattr(error, "java_exception", None)
    if java is None:
        return ""
    try:
        condition = str(java.getCondition())
        message = str(java.getMessage()) if condition.startswith(_REFUSED_SETTINGS) else ""
    except Exception:  # noqa: BLE001 - a Java exception with no condition: not ours to tell
        return ""
    message = re.sub(r"^\[[A-Z_.]+\]\s*", "", message.strip())
    # Its first sentence: the next says how to give spark-submit more memory, which is
    # not how tandem is given it (and Spark writes its line break as "\\n").
    return re.split(r"\n|\\n", message)[0].strip().rstrip(".")


#: What a failure's Java stack says when a task or the driver ran out of heap, or Spark's
#: memory manager could not give a task what it asked for.
_OUT_OF_MEMORY = re.compile(r"(?:java\.lang\.OutOfMemoryError|SparkOutOfMemoryError)"
                            r"(?::\s*([^\n]*))?")


def out_of_memory(error: Exception) -> str:
    """Java's word on why, when `error` is Spark failing for want of memory, else "". A
    task that runs out fails its job with Java's error in the stack; a thread of Spark's
    own that does stops the JVM (its exit code 52), and the job fails with whatever the
    call into Java that was under way then meets (a job cancelled, a scheduler gone, a
    connection refused)."""
    if isinstance(error, TandemError):
        return ""
    said = ""
    if type(error).__module__.startswith(("py4j", "pyspark")):
        with contextlib.suppress(Exception):  # the JVM gone: its exit code tells why
            said = str(error)  # the stack, asked of the JVM
    found = _OUT_OF_MEMORY.search(said)
    if found is not None:
        return (found.group(1) or "").strip() or "out of memory"
    return "its JVM stopped" if _jvm_exit_code() == _JVM_OUT_OF_MEMORY else ""


#: The exit code of Spark's JVM stopped by an OutOfMemoryError (Spark's SparkExitCode.OOM).
_JVM_OUT_OF_MEMORY = 52


def _jvm_exit_code() -> int | None:
    """The exit code of the JVM this process launched once it has stopped, waited for
    while its SparkContext is stopped (the JVM is on its way out); else None."""
    from pyspark import SparkContext

    process = getattr(SparkContext._gateway, "proc", None)
    if process is None:
        return None
    if process.poll() is None:
        context = SparkContext._active_spark_context
        try:
            stopped = context is None or bool(context._jsc.sc().isStopped())
        except Exception:  # noqa: BLE001 - no answer from the JVM: it is going
            stopped = True
        if not stopped:
            return None
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            return None
    return int(process.returncode)


def _driver_memory(conf: Mapping[str, str] | None) -> str:
    """The driver memory this run has: its --conf setting, else its session's."""
    from pyspark import SparkContext

    given = (conf or {}).get("spark.driver.memory")
    context = SparkContext._active_spark_context
    if given is None and context is not None:
        with contextlib.suppress(Exception):  # its JVM may be gone
            given = context.getConf().get("spark.driver.memory")
    return given or "1g"  # Spark's default


@contextlib.contextmanager
def java_told(conf: Mapping[str, str] | None = None) -> Iterator[None]:
    """Around starting Spark with the `--conf` settings `conf` and running the job: a JVM
    that exits at once is one line (`SparkUnavailable`) rather than pyspark's traceback,
    pointing at those settings first when there are any (a driver memory Java cannot take,
    say); so is a job that runs out of memory (an article of tens of megabytes), saying
    how to give Spark more. A failure raised while a Ctrl-C was handled is that Ctrl-C
    (`KeyboardInterrupt`)."""
    try:
        yield
    except Exception as error:
        if raised_handling_ctrl_c(error):
            raise KeyboardInterrupt from None
        short = out_of_memory(error)
        if short:
            raise SparkUnavailable(
                f"Spark ran out of memory ({short}) with spark.driver.memory="
                f"{_driver_memory(conf)}: give it more, e.g. --conf spark.driver.memory=4g "
                "(an article of 50 MB of text needs about 4g; on a cluster, also "
                "spark.executor.memory)") from None
        refused = setting_refused(error)
        if refused:
            given = ", ".join(f"{key}={value}" for key, value in (conf or {}).items())
            raise SparkUnavailable(f"Spark cannot start with its settings: {refused}"
                                   + (f" (check the --conf settings: {given})" if given
                                      else "")) from None
        if not java_did_not_start(error):
            raise
        if not conf:
            raise SparkUnavailable(f"Java did not start Spark (see above); {_NEEDS_JAVA}"
                                   ) from None
        given = ", ".join(f"{key}={value}" for key, value in conf.items())
        raise SparkUnavailable(f"Java did not start Spark (see above): check the --conf "
                               f"settings ({given}); the Spark engine also needs {_JAVA}"
                               ) from None


def raised_handling_ctrl_c(error: BaseException) -> bool:
    """Whether `error` was raised while a `KeyboardInterrupt` was being handled. Ctrl-C in
    the middle of a call into Java has py4j cancel that call, on the connection pyspark's
    own Ctrl-C handler has just used and may have closed: py4j then raises "Gateway must be
    connected to send cancel cmd." in the interrupt's place."""
    seen: set[int] = set()
    cause = error.__context__
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return True
        seen.add(id(cause))
        cause = cause.__context__
    return False


Write = Callable[[dict[str, Any], argparse.Namespace, Callable[[str], str],
                  Mapping[str, str] | None], None]


def run_spark(args: argparse.Namespace, write: Write) -> dict[str, Any]:
    """`tandem corpus SOURCE --engine spark --out DIR`; `write(report, args, text_of,
    titles)` writes what --json/--html/--pdf ask for. Returns the report (the JSON
    contract "collection"): its documents, and the inputs the job skipped."""
    if len(args.sources) != 1:
        raise TandemError("the Spark engine reads one SOURCE (a JSON-lines file, a glob of "
                          "them, or Parquet); give one")
    if not args.out:
        raise TandemError("the Spark engine needs --out DIR: where its Parquet tables go")
    source = args.sources[0]
    if os.path.isdir(source) and not is_parquet(source):
        raise TandemError(f"{source}: is a folder; the Spark engine reads a JSON-lines file, "
                          "a glob of them, or Parquet (drop --engine spark to index a folder)")
    if getattr(args, "store", None):
        raise TandemError("--store: only with the embedded engine; the Spark engine's "
                          "results go to --out DIR (load them into a store with 'tandem "
                          "corpus import DIR --store STORE')")
    conf = spark_conf(args.conf)
    refuse_nothing_to_read(source)  # told before Spark takes seconds to start
    check_spark()
    check_master(args.master)
    check_out_folder(args.out, source)
    _refuse_reports_in(args.out, [getattr(args, name, None) for name in ("json", "html", "pdf")])
    from viewer.spark.job import run_job
    from viewer.spark.tables import (
        document_texts,
        document_titles,
        read_skipped,
        report_from_tables,
    )

    def say(stage: str) -> None:
        if not args.quiet:
            print(f"tandem spark: {stage}", file=sys.stderr)

    # Until the reports are written from the tables: another run's must not replace them.
    with out_locked(args.out):
        try:
            with java_told(conf):
                result = run_job(args.sources[0], args.out, master=args.master, conf=conf,
                                 progress=say, formulations=not args.no_formulations)
        except KeyboardInterrupt:
            raise KeyboardInterrupt(f"interrupted; {printable(args.out)} is as it was before"
                                    ) from None
        report = report_from_tables(args.out)
        if args.json or args.html or getattr(args, "pdf", None):
            texts = document_texts(args.out)
            try:
                write(report, args, texts.__getitem__, document_titles(args.out))
            except KeyboardInterrupt:
                raise KeyboardInterrupt(f"interrupted once the tables in "
                                        f"{printable(args.out)} were written, but the reports "
                                        "asked for may not all be written") from None
    noted = sum(row["indexed"] for row in read_skipped(args.out))
    notes = f", {counted(noted, 'note')}" if noted else ""
    say(f"{counted(result.documents, 'document')}, {counted(result.passages, 'passage')}, "
        f"{counted(len(report['skipped']) - noted, 'input')} skipped{notes}, "
        f"{result.seconds:.1f} s; tables in {args.out}")
    return report


def local_files(source: str) -> list[str]:
    """The files a SOURCE on this machine names (a glob's, sorted), `SourceError` when
    there are none; a URI (file:, hdfs:...) is Spark's to look for: `[source]`."""
    if "://" in source:
        return [source]
    if any(ch in source for ch in "*?["):
        paths = sorted(path for path in glob.glob(source) if os.path.isfile(path))
        if not paths:
            raise SourceError(f"{source}: no file matches (check the path)")
        return paths
    if not os.path.exists(source):
        raise no_such_source(source)
    return [source]


#: What the Spark engine reads, as its error for a source of no article says.
WHAT_SPARK_READS = f"{JSON_LINES_FORMAT}, or Parquet with those columns"


def refuse_nothing_to_read(source: str) -> None:
    """`SourceError` for a missing local SOURCE (`local_files`) and, as the embedded reader
    words them, for JSON lines holding nothing: a file of no bytes, or files of blank lines
    alone. The job finds these too, but only once Spark has started, seconds later."""
    paths = [os.path.abspath(path) for path in local_files(source)
             if "://" not in path and os.path.isfile(path)]
    if not paths or is_parquet(source):
        return
    for path in paths:
        if os.path.getsize(path) == 0:
            raise empty_file(path)
    if all(_blank_lines_alone(path) for path in paths):
        raise no_article_found(os.path.abspath(source), readable=WHAT_SPARK_READS)


def _blank_lines_alone(path: str) -> bool:
    """Whether the JSON-lines file `path` (plain or gzipped) holds white space alone: read
    up to its first other byte. A file that cannot be read is not: the job tells why."""
    try:
        with open(path, "rb") as raw:
            gzipped = raw.read(2) == GZIP_MAGIC
            raw.seek(0)
            with gzip.GzipFile(fileobj=raw) if gzipped else contextlib.nullcontext(raw) as data:
                while chunk := data.read(1 << 16):
                    if chunk.strip():
                        return False
    except (OSError, EOFError, zlib.error):
        return False
    return True


def is_parquet(source: str) -> bool:
    """Whether the job reads `source` as Parquet: a file or folder named .parquet, or a
    folder of .parquet files (as Spark, pandas or pyarrow write a dataset)."""
    if source.rstrip("/").endswith(".parquet"):
        return True
    return os.path.isdir(source) and any(name.endswith(".parquet")
                                         for name in os.listdir(source))


def check_out_folder(out: str, source: str) -> None:
    """`TandemError` unless `out` may take the job's tables: the job replaces a folder per
    table in it (documents, pairs...), so it must be new, empty, or hold only such tables
    (an earlier run's), and must neither hold the source nor lie inside it."""
    from viewer.spark.tables import RUN_TABLE, STAGING_PREFIX, TABLES

    if os.path.exists(out) and not os.path.isdir(out):
        raise TandemError(f"{out}: is not a folder; give --out a folder for the tables")
    parent = os.path.dirname(os.path.abspath(out))
    if not os.path.isdir(parent):
        raise TandemError(f"{out}: is in a folder that does not exist ({parent}); create "
                          "it first, or choose another place")
    real_out = os.path.realpath(out)
    for path in glob.glob(source) or [source]:
        if os.path.realpath(path) == real_out or lies_in(path, out) or lies_in(out, path):
            raise TandemError(f"{out}: holds the source {path} or lies inside it; give --out "
                              "a folder of its own")
    others = sorted(name for name in set(os.listdir(out)) - {*TABLES, RUN_TABLE, LOCK_NAME}
                    if not name.startswith(STAGING_PREFIX)) if os.path.isdir(out) else []
    if others:
        raise TandemError(f"{out}: holds {others[0]!r}, which is none of the job's tables; "
                          "give --out a new or empty folder (the tables in it are replaced)")


#: The file in a run's --out that the run holds locked while it writes and reads the tables.
LOCK_NAME = ".tandem-run.lock"


@contextlib.contextmanager
def out_locked(out: str) -> Iterator[None]:
    """The local tables' folder `out` (made if new, and removed again if left empty) for
    this run alone: `TandemError` naming the run that holds it. The lock is the system's
    (flock) on a file in `out`, which it releases however a run ends: a lock file a killed
    run leaves behind holds no lock and blocks nothing. A cluster's `out` is not locked."""
    if "://" in out:
        yield
        return
    made = not os.path.exists(out)
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, LOCK_NAME)
    try:
        lock = _take_lock(path, out)
    except BaseException:
        if made:
            os.rmdir(out)
        raise
    try:
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        os.close(lock)
        if made and not os.listdir(out):
            os.rmdir(out)


def _take_lock(path: str, out: str) -> int:
    """The descriptor of the lock file `path`, locked, holding this process's id."""
    while True:
        lock = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(lock, 32).decode(errors="replace").strip() or "unknown"
            os.close(lock)
            raise TandemError(f"{out}: another run (process {holder}) is writing its tables "
                              "there; wait for it to end, or give --out another folder"
                              ) from None
        # The run that held it may have removed the file between our open and our lock:
        # then a third may lock a new one, so lock that file instead.
        with contextlib.suppress(FileNotFoundError):
            if os.path.samestat(os.fstat(lock), os.stat(path)):
                os.ftruncate(lock, 0)
                os.write(lock, f"{os.getpid()}\n".encode())
                return lock
        os.close(lock)


def _refuse_reports_in(folder: str, reports: list[str | None]) -> None:
    """`TandemError` for a report (--json/--html/--pdf) that is `folder` or inside it:
    where the tables go, and the job (or `import`) would read it as one."""
    real = os.path.realpath(folder)
    for target in reports:
        if target and target != "-" and (os.path.realpath(target) == real
                                         or lies_in(target, folder)):
            raise TandemError(f"{target}: is the tables' folder {folder} or inside it; "
                              "give the report another place")


def run_import(args: argparse.Namespace) -> None:
    """`tandem corpus import DIR --store STORE`."""
    if importlib.util.find_spec("pyarrow") is None:
        raise _not_installed(NEEDS_PYARROW)
    from viewer.spark.tables import import_tables

    if os.path.isfile(args.tables):
        raise TandemError(f"{args.tables}: is a file; give the --out folder of a Spark run "
                          "(articles in a file are indexed with `tandem corpus add STORE "
                          "FILE`)")
    if not os.path.isdir(args.tables):
        raise TandemError(f"{args.tables}: no such folder; give the --out folder of a "
                          "Spark run")
    if lies_in(args.store, args.tables):
        raise TandemError(f"{args.store}: is inside the tables' folder {args.tables}, which "
                          "it would spoil for the next import; put the store elsewhere")
    try:
        count = import_tables(args.tables, args.store)
    except TandemError:
        raise
    except Exception as error:  # noqa: BLE001 - a damaged table: told, never a traceback
        raise TandemError(f"{args.tables}: its tables cannot be read ({type(error).__name__}: "
                          f"{str(error).splitlines()[0] if str(error) else ''}); run the "
                          "Spark job again to make them") from None
    if not args.quiet:
        print(f"tandem: {counted(count, 'article')} and their results imported into "
              f"{args.store}",
              file=sys.stderr)
        from viewer.collection.cli import left_out_note
        from viewer.spark.tables import formulations_left_out

        if formulations_left_out(args.tables):
            print(f"tandem: note: {left_out_note(args.store)}", file=sys.stderr)
