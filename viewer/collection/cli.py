"""`tandem corpus`: index a collection of articles and report what they share.

    tandem corpus SOURCE... --json OUT [--html OUT] [--pdf OUT] [--store PATH]   one shot
    tandem corpus add STORE SOURCE... [--replace]            add new or changed articles
    tandem corpus report STORE [--json OUT] [--html OUT] [--pdf OUT]   write the results

`--watchlist FILE` (one shot and report) adds the user's own phrases, each counted across
the articles, to the results.

The one-shot form keeps its store in the user's cache folder (one per set of sources), so
running it again only indexes what changed; `--store` chooses the store. With no --json,
--html or --pdf, the one shot and report print a summary of the results and where the
store is (on stderr, as every other line they tell; nothing under --quiet) instead of a
report. Bad input exits 2 with one line; Ctrl-C exits 130 and leaves the store as it was
(once the store is written, while the reports are, it says so).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shlex
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain
from typing import TYPE_CHECKING, Any, TextIO

from viewer.arguments import OneLineParser
from viewer.core.errors import TandemError, printable
from viewer.present.wording import counted
from viewer.spark.cli import (
    add_engine_options,
    add_no_formulations,
    check_embedded,
    import_parser,
    run_import,
    run_spark,
)

if TYPE_CHECKING:
    from viewer.collection.engine import AddSummary
    from viewer.collection.store import CollectionStore

#: Said when a collection holds one article: it has nothing to find reuse in.
ALONE = ("the collection holds a single article, with no other to share text with: give "
         "a folder of articles or a JSON-lines file, or add articles with 'tandem corpus "
         "add STORE SOURCE' (two files side by side: tandem compare A B)")
#: Said when a store holds no article: its first add was stopped before it wrote any.
EMPTY = ("the store holds no articles (its first add was stopped before it wrote any): "
         "add them with 'tandem corpus add STORE SOURCE'")
EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
#: Skipped inputs named on the terminal at most; the report lists them all.
SKIPPED_SHOWN = 10


class ProgressBar:
    """A one-line progress bar on a terminal (stderr); silent when quiet or not a terminal."""

    def __init__(self, stream: TextIO, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled and stream.isatty()
        self._last = 0.0
        self._shown = False

    def __call__(self, stage: str, fraction: float) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and fraction < 1.0:
            return
        self._last = now
        width = 30
        filled = round(width * max(0.0, min(1.0, fraction)))
        line = f"\r[{'#' * filled}{'.' * (width - filled)}] {fraction * 100:3.0f}% {stage:<30}"
        self.stream.write(line)
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        if self._shown:
            self.stream.write("\r" + " " * 72 + "\r")
            self.stream.flush()
            self._shown = False


def default_store(sources: Sequence[str]) -> str:
    """The cache store of the one-shot command for these sources."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    key = "\n".join(sorted(os.path.abspath(s) for s in sources))
    name = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
    return os.path.join(base, "tandem", "collections", f"{name}.sqlite")


def _parser(prog: str, description: str) -> argparse.ArgumentParser:
    parser = OneLineParser(prog=prog, description=description)
    parser.add_argument("--quiet", action="store_true",
                        help="no progress bar and no summary (skipped inputs are still told)")
    return parser


def _outputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", metavar="OUT", help="write the results as JSON ('-': stdout)")
    parser.add_argument("--html", metavar="OUT",
                        help="write the results as an HTML report ('-': stdout)")
    parser.add_argument("--pdf", metavar="OUT",
                        help="write the results as a PDF report ('-': stdout)")
    parser.add_argument("--watchlist", metavar="FILE",
                        help="phrases of your own, one per line (#: a comment; variants "
                             "after a phrase: 'a | b'): each is counted across the articles "
                             "and listed under \"watched\" with its articles, uses, first "
                             "appearance and uses per month")


def one_shot_parser() -> argparse.ArgumentParser:
    parser = _parser("tandem corpus",
                     "Find what the articles of a collection share: copied passages, "
                     "clusters, formulations and boilerplate, and write them with --json, "
                     "--html or --pdf (with none of them, the store is built and a summary "
                     "printed). Also: 'tandem corpus add STORE SOURCE...' and 'tandem corpus "
                     "report STORE --json OUT'.")
    parser.add_argument("sources", nargs="+", metavar="SOURCE",
                        help="a folder of articles or a JSON-lines file (.jsonl, .jsonl.gz)")
    parser.add_argument("--store", metavar="PATH",
                        help="the collection store to use, made to hold exactly these sources "
                             "(default: one in your cache folder); 'tandem corpus add' adds to "
                             "a store instead")
    _outputs(parser)
    _refind(parser)
    add_engine_options(parser)
    return parser


def add_parser() -> argparse.ArgumentParser:
    parser = _parser("tandem corpus add",
                     "Add new or changed articles to a collection store and refresh its "
                     "results (the store is created if needed). An article under an id the "
                     "store has from the same source file replaces it (a newer dump); one "
                     "under an id it has from another source file still there is refused "
                     "(exit 2), unless --replace.")
    parser.add_argument("store", metavar="STORE",
                        help="the collection store to add to (a file; made if it does not exist)")
    parser.add_argument("sources", nargs="+", metavar="SOURCE",
                        help="a folder of articles or a JSON-lines file (.jsonl, .jsonl.gz)")
    parser.add_argument("--replace", action="store_true",
                        help="let the articles of SOURCE replace those the store read from "
                             "another file under the same ids (given in the JSON lines or "
                             "metadata.csv): a newer dump kept under another file name")
    _refind(parser)
    add_no_formulations(parser)
    return parser


def _refind(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--refind", action="store_true",
                        help="find the formulations afresh now (also when they were left "
                             "out with --no-formulations); otherwise, until the "
                             "collection has grown by a tenth since they were found, the "
                             "ones found are kept, with their uses in new articles counted")


def report_parser() -> argparse.ArgumentParser:
    parser = _parser("tandem corpus report",
                     "Write the results of a collection store with --json, --html or --pdf "
                     "(with none of them, a summary of them is printed).")
    parser.add_argument("store", metavar="STORE",
                        help="a collection store, made by 'tandem corpus add', 'tandem corpus "
                             "--store' or 'tandem corpus import'")
    _outputs(parser)
    return parser


#: `tandem corpus COMMAND ...`; without one, `tandem corpus SOURCE...` (`one_shot_parser`).
COMMANDS = ("add", "report", "import")


def _command_first(argv: list[str]) -> list[str]:
    """`argv` with a command given after options that take no value (`corpus --quiet add
    S SRC`) put first, where it is looked for: after them it was read as a source named
    "add". A file of that name there is a source all the same."""
    if not argv or not argv[0].startswith("-"):
        return argv
    flags = {option for action in one_shot_parser()._actions if action.nargs == 0
             for option in action.option_strings}
    for at, arg in enumerate(argv):
        if arg in COMMANDS and at > 0 and not os.path.exists(arg):
            return [arg, *argv[:at], *argv[at + 1:]]
        if arg not in flags:
            break
    return argv


def run_corpus(argv: Sequence[str]) -> int:
    """`tandem corpus ...`: returns the exit code."""
    argv = _command_first(list(argv))
    command = argv[0] if argv and argv[0] in COMMANDS else ""
    parser = {"add": add_parser, "report": report_parser,
              "import": import_parser}.get(command, one_shot_parser)()
    args = parser.parse_args(argv[1:] if command else argv)
    progress = ProgressBar(sys.stderr, not args.quiet)
    try:
        _check_outputs(args, command)
        watchlist = _watchlist(args)
        if command == "report":
            _report(args, watchlist)
        elif command == "import":
            run_import(args)
        elif getattr(args, "engine", "embedded") == "spark":
            _refuse_refind_on_spark(args)

            report = run_spark(args, _write)
            # Only now: its pyarrow is the [spark] extra's, which run_spark checked for.
            from viewer.spark.tables import read_skipped

            tell_skipped(read_skipped(args.out), sys.stderr)
            _note_if_alone(len(report["documents"]), args)
        else:
            if not command:
                check_embedded(args)
            if args.refind and args.no_formulations:
                raise TandemError("--refind and --no-formulations: give one (--refind finds "
                                  "the formulations, --no-formulations leaves them out)")
            _index(args, command, progress, watchlist)
    except KeyboardInterrupt as interruption:
        progress.close()
        # Said of what was written (a Spark run's tables), else of the store.
        said = str(interruption) or "interrupted; the store is as it was before"
        print(f"tandem: {said}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except TandemError as error:
        progress.close()
        # One line, whatever a file it names is called (a name may hold a newline).
        print(f"tandem: {printable(str(error))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    progress.close()
    return EXIT_OK


def _check_outputs(args: argparse.Namespace, command: str) -> None:
    """Before any work, `OutputError` for a report that cannot be written (see
    `refuse_unwritable`) or would replace an input: a source file, any file in a source
    folder (an article, its metadata.csv), the watch-list or the store; `SourceError` for
    a blank SOURCE, a store that is a source or inside a source folder
    (`refuse_store_in_sources`), or a
    PDF sent to standard output that is a terminal (`refuse_binary_on_terminal`)."""
    from viewer.collection.clashes import article_folders, stored_inputs
    from viewer.collection.sources import (
        SourceError,
        input_files,
        refuse_blank_sources,
        refuse_output_in_sources,
        refuse_store_in_sources,
    )
    from viewer.collection.store import refuse_side_file_output, store_path
    from viewer.core.errors import OutputError
    from viewer.export.atomic import (
        refuse_binary_on_terminal,
        refuse_overwriting_inputs,
        refuse_shared_targets,
        refuse_unwritable,
    )

    refuse_shared_targets({f"--{name}": getattr(args, name, None)
                          for name in ("json", "html", "pdf")})
    refuse_binary_on_terminal({"--pdf": getattr(args, "pdf", None)})
    sources = list(getattr(args, "sources", None) or [])
    refuse_blank_sources(sources)
    given = getattr(args, "store", None)
    if given is not None and not given.strip():
        raise SourceError(f"--store {given!r}: names no file; give the path of the store")
    store = given or (default_store(sources) if not command else None)
    if store:
        store_path(store)  # a folder given for the store is told as such, first
        refuse_store_in_sources(store, sources)
    folders, kind = (sources, "source folder")
    if command == "report" and store and _asks_for_a_report(args):
        # Given no source: the folders its store read articles from are.
        folders, kind = (article_folders(store), "article folder")
    for name in ("json", "html", "pdf"):
        out = getattr(args, name, None)
        if out and out != "-":
            # Before the store exists too: the report would be written over the new store.
            if store and os.path.realpath(out) == os.path.realpath(store):
                raise OutputError(printable(out), "is the store; it would be overwritten",
                                  "choose another name for the output")
            if store:
                refuse_side_file_output(out, store)
            # An input is told as such before whether it could be written: making it
            # writable would not make it an output.
            refuse_overwriting_inputs(out, chain(input_files(
                [store, *sources, getattr(args, "watchlist", None)]),
                # `report` is given no source: the files its store was read from are.
                stored_inputs(store) if command == "report" and store else ()))
            refuse_unwritable(out)
            refuse_output_in_sources(f"--{name}", out, folders, kind)


def _watchlist(args: argparse.Namespace) -> tuple[str, ...] | None:
    """The phrases of `--watchlist`, read before any work (a bad file is told at once);
    None when none was given."""
    from viewer.cli import read_watchlist, tell_watch_lines_passed_over
    from viewer.collection.words import collection_normalizer
    from viewer.core.slogans import read_watch_lines

    path = getattr(args, "watchlist", None)
    if path is None:
        return None
    if getattr(args, "engine", "embedded") == "spark":
        raise TandemError("--watchlist: the Spark engine keeps no store to count the phrases "
                          "in; load its tables with 'tandem corpus import DIR --store STORE', "
                          "then run 'tandem corpus report STORE --watchlist FILE'")
    phrases = read_watchlist(path)
    tell_watch_lines_passed_over(path, read_watch_lines(phrases, collection_normalizer())[1])
    return phrases


def _refuse_refind_on_spark(args: argparse.Namespace) -> None:
    """`--refind` with the Spark engine: a clear error before Spark starts, not a run that
    ignores it (with --no-formulations it would ask for what the run does not do)."""
    if args.refind:
        raise TandemError("--refind: only with the embedded engine (the Spark engine keeps "
                          "no store, and finds the formulations afresh on every run "
                          "unless --no-formulations)")


def _results(store: CollectionStore, watchlist: tuple[str, ...] | None) -> dict[str, Any]:
    """The store's results, with the watch-list's phrases counted ("watched") when one
    was given."""
    report = store.report()
    if watchlist is not None:
        from viewer.collection.watched import watched_phrases

        report["watched"] = watched_phrases(store, watchlist)
    return report


def _index(args: argparse.Namespace, command: str, progress: ProgressBar,
           watchlist: tuple[str, ...] | None) -> None:
    from viewer.collection.engine import add_sources
    from viewer.collection.store import CollectionStore, log_kept_note, remove_unused_store

    cached = not (command == "add" or args.store)
    path = default_store(args.sources) if cached else args.store
    existed = os.path.exists(path)
    store: CollectionStore | None = None
    try:
        with _in_cache_told(cached), CollectionStore.create_or_open(path) as store:
            summary = add_sources(store, args.sources, progress, sync=command != "add",
                                  cache=cached, replace=getattr(args, "replace", False),
                                  refind=args.refind,
                                  formulations=not args.no_formulations)
            progress.close()
            _tell(summary, sys.stderr, quiet=args.quiet)
            _note_if_alone(store.document_count(), args)
            _note_formulations_kept(store, args)
            if command == "add":
                _note_left_out(store.formulations_left_out(), store.path, args)
            if command != "add":
                _write_or_sum_up(store, args, watchlist)
    except KeyboardInterrupt:
        # Told by whether the add committed, not by how far the run got: Ctrl-C can land
        # in the commit itself, in the last progress frame or in closing the store.
        if store is not None and store.written:
            raise InterruptedOnceWritten(store.path, _asks_for_a_report(args)) from None
        raise
    finally:
        if not (existed or store is not None and store.written):
            # A first run that failed or was stopped leaves no empty store.
            remove_unused_store(path)
    if log_kept_note(store):
        print(f"tandem: note: {log_kept_note(store)}", file=sys.stderr)


class InterruptedOnceWritten(KeyboardInterrupt):
    """Ctrl-C once an add has committed: the store holds the articles (it is not as it
    was before), but the reports asked for may not all be written."""

    def __init__(self, store: str, reports: bool) -> None:
        said = f"interrupted once {printable(store)} was written: it holds the articles"
        if reports:
            said += (", but the reports asked for may not all be written; 'tandem corpus "
                     "report' writes them from the store")
        super().__init__(said)


@contextlib.contextmanager
def _in_cache_told(cached: bool) -> Iterator[None]:
    """A store found unusable, on opening or while adding to it (a damaged page read only
    then), told as the cache it is when `cached`."""
    from viewer.collection.store import UnusableStore

    try:
        yield
    except UnusableStore as error:
        if not cached:
            raise
        # The user never named this file: say what it is and how to get past it.
        raise UnusableStore(f"{error}; it is the index Tandem keeps in its cache for these "
                            "sources: delete it to index them afresh, or give --store PATH"
                            ) from None


def _tell(summary: AddSummary, stream: TextIO, *, quiet: bool) -> None:
    """What a run did, on `stream`: the articles it indexed (not when `quiet`), the inputs
    it skipped with the reason, and its notes on articles it indexed all the same (the
    first `SKIPPED_SHOWN`; the report lists them all), then (not when `quiet`) the stored
    articles the sources no longer hold, which an add keeps. A skipped input is told
    however quiet the run: it is a fault in what the user gave, which a script should
    show."""
    if not quiet:
        notes = f"; notes {summary.noted:,}" if summary.noted else ""
        kept = f", kept as read before {summary.kept:,}" if summary.kept else ""
        print(f"tandem: articles added {summary.added:,}, changed {summary.changed:,}, "
              f"removed {summary.removed:,}, unchanged {summary.unchanged:,}{kept}; "
              f"inputs skipped {summary.skipped:,}{notes}", file=stream)
    tell_skipped([{"path": s.path, "reason": s.reason, "indexed": s.indexed}
                  for s in summary.reported], stream)
    if summary.left and not quiet:
        stay = "stays" if len(summary.left) == 1 else "stay"
        print(f"tandem: note: {counted(len(summary.left), 'article')} these sources no "
              f"longer hold {stay} in the store (such as {summary.left[0]}): an add removes "
              "none; 'tandem corpus SOURCE... --store STORE', given every source the store "
              "holds, makes it hold exactly those", file=stream)


def _note_if_alone(documents: int, args: argparse.Namespace) -> None:
    """Tell (unless quiet) that a collection of fewer than two articles has nothing to
    share text with, whichever engine indexed it; a store of none (its first add
    stopped before it wrote one) is told so."""
    if documents < 2 and not args.quiet:
        print(f"tandem: note: {ALONE if documents else EMPTY}", file=sys.stderr)


def _note_formulations_kept(store: CollectionStore, args: argparse.Namespace) -> None:
    """Tell (unless quiet) that the formulations were found when the store held fewer
    articles than now (`viewer.collection.refresh`): their uses in the articles added
    since are counted, but a phrase only those use is not looked for yet."""
    from viewer.collection.results import formulations_found_at

    found_at, now = formulations_found_at(store), store.document_count()
    if args.quiet or not 0 < found_at < now:
        return
    print(f"tandem: note: the formulations were found when the store held "
          f"{counted(found_at, 'article')}; their uses in the {now - found_at:,} added since "
          "are counted, but a phrase only those use is looked for once the collection has "
          "grown by a tenth, or now with --refind", file=sys.stderr)


def tell_skipped(skipped: list[dict[str, Any]], stream: TextIO) -> None:
    """The inputs a run skipped, with the reason, and its notes on articles it indexed
    (rows with "indexed" true), on `stream` (the first `SKIPPED_SHOWN`; the report lists
    them all), in the order `in_told_order` gives; the files the operating system keeps
    are summed up in one line."""
    from viewer.collection.folder import in_told_order, kept_by_the_system, system_kept

    told: list[dict[str, Any]] = []
    system: list[dict[str, Any]] = []
    for row in in_told_order(skipped):
        kept = not row.get("indexed") and kept_by_the_system(str(row["path"]))
        (system if kept else told).append(row)
    for row in told[:SKIPPED_SHOWN]:
        kind = "note on" if row.get("indexed") else "skipped"
        print(f"tandem: {kind} {printable(row['path'])}: {printable(row['reason'])}",
              file=stream)
    if len(told) > SKIPPED_SHOWN:
        print(f"tandem: {len(told) - SKIPPED_SHOWN:,} more skipped or noted (the report "
              "lists them all)", file=stream)
    if system:
        print(f"tandem: skipped {system_kept([str(row['path']) for row in system])}, not "
              "articles", file=stream)


def _report(args: argparse.Namespace, watchlist: tuple[str, ...] | None) -> None:
    from viewer.collection.rekey import other_version_note
    from viewer.collection.store import CollectionStore

    with CollectionStore.open(args.store) as store:
        _write_or_sum_up(store, args, watchlist)
        note = other_version_note(store)
        _note_if_alone(store.document_count(), args)
    if note and not args.quiet:
        print(f"tandem: note: {note}", file=sys.stderr)


def _asks_for_a_report(args: argparse.Namespace) -> bool:
    return any(getattr(args, name, None) for name in ("json", "html", "pdf"))


def _write_or_sum_up(store: CollectionStore, args: argparse.Namespace,
                     watchlist: tuple[str, ...] | None) -> None:
    """The reports asked for; with none, the summary (`results_summary`) on stderr, unless
    quiet: a whole collection's JSON is no reading for a terminal."""
    from viewer.collection.titles import stored_titles

    results = _results(store, watchlist)
    if _asks_for_a_report(args):
        _write(results, args, store.text, stored_titles(store))
    elif not args.quiet:
        print(results_summary(results, store.path), file=sys.stderr)
    _note_left_out(bool(results.get("formulations_left_out")), store.path, args)


def _note_left_out(left_out: bool, store: str, args: argparse.Namespace) -> None:
    """Tell (unless quiet) that the formulations were `left_out`, and how to find them."""
    if left_out and not args.quiet:
        print(f"tandem: note: {left_out_note(store)}", file=sys.stderr)


def left_out_note(store: str) -> str:
    """What a store whose formulations were left out (`--no-formulations`) is told by."""
    return ("the formulations were left out (--no-formulations), and each add leaves them "
            "out too; to find them (the whole collection in one process): tandem corpus add "
            f"{shlex.quote(printable(store))} SOURCE... --refind")


def results_summary(report: Mapping[str, Any], store: str) -> str:
    """Two lines for a run that wrote no report: what the results hold, where the store
    is, and how to write them."""
    found = [counted(len(report["documents"]), "article"),
             counted(len(report["pairs"]), "pair"),
             counted(len(report["clusters"]), "cluster"),
             "formulations left out" if report.get("formulations_left_out")
             else counted(len(report["formulations"]), "formulation"),
             counted(len(report["boilerplate"]), "boilerplate line")]
    if "watched" in report:
        found.append(counted(len(report["watched"]), "watched phrase"))
    shown = printable(store)
    return (f"tandem: {', '.join(found)}; store {shown}\n"
            "tandem: no report written (give --json OUT, --html OUT or --pdf OUT); to write "
            f"one from the store: tandem corpus report {shlex.quote(shown)} --json OUT")


def _write(report: dict[str, Any], args: argparse.Namespace, text_of: Callable[[str], str],
           titles: Mapping[str, str] | None = None) -> None:
    """Every output asked for. The reports name articles by their titles (`titles`, a
    store's, else their first lines) and quote passages from the stored texts."""
    from viewer.cli import tell_pdf_note, write_json_text
    from viewer.collection.titles import with_titles

    titled = with_titles(report, text_of, titles) if args.html or args.pdf else report
    name = _collection_named(args, report)
    if args.html:
        from viewer.export.collection_html import write_collection_html

        write_collection_html(titled, args.html, name=name, text_of=text_of)
    if args.pdf:
        from viewer.export.collection_pdf import write_collection_pdf

        note = write_collection_pdf(titled, args.pdf, name=name, text_of=text_of)
        if not args.quiet:
            tell_pdf_note(note)
    if args.json:
        write_json_text(json.dumps(report, ensure_ascii=False), args.json)


def store_name(store_path: str, paths: Iterable[str]) -> str:
    """What reports and the window call the collection of the store at `store_path`, given
    no source: the store's file name. A store the one-shot command keeps in the cache has
    a name no one chose (a hash, which the summary tells to pass to `report`): it is named
    after the file or folder its articles (at `paths`) were read from, as the one-shot
    command's reports were."""
    from viewer.collection.sources import collection_name, named_after_articles

    if os.path.dirname(os.path.abspath(store_path)) == os.path.dirname(default_store([])):
        return named_after_articles(paths) or collection_name(store_path)
    return collection_name(store_path)


def _collection_named(args: argparse.Namespace, report: Mapping[str, Any]) -> str:
    """What the HTML and PDF reports call the collection, as the window's exports do: its
    sources' folder or file names, or the store's (`report` is given no source,
    `store_name`)."""
    from viewer.collection.sources import collection_name

    sources = getattr(args, "sources", None)
    if sources:
        return ", ".join(map(collection_name, sources))
    return store_name(args.store, (d.get("path", "") for d in report["documents"]))
