"""The `tandem` command: `tandem [A B]` opens the window, `tandem compare A B` runs headless.

The headless path imports no Qt, so it starts fast and runs on machines without a display.
Bad input ends with exit code 2 and one line naming the file and the problem.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Iterator, Sequence
from itertools import chain
from typing import TYPE_CHECKING

from viewer import __version__
from viewer.arguments import OneLineParser
from viewer.core.errors import LoadError, TandemError, printable
from viewer.core.settings import (
    DECLARED,
    Declared,
    Settings,
    checked_settings,
    watchlist_phrases,
)

if TYPE_CHECKING:
    from viewer.core.model import Comparison
    from viewer.core.slogans import PassedOver

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for Ctrl-C
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: the reader of our output went away
#: Largest --max-size accepted: inputs are read into memory whole.
MAX_SIZE_LIMIT_MB = 4096.0


#: The PDF report's papers, as --page-size names them.
PAPERS = ("A4", "Letter")


def _paper(value: str) -> str:
    """argparse type of --page-size: a paper of `PAPERS` however it is cased ("a4",
    "letter"), else `value` as given (then refused among the choices)."""
    return next((paper for paper in PAPERS if paper.casefold() == value.casefold()), value)


def _megabytes(value: str) -> float:
    """argparse type of --max-size: a finite number of MB, above 0 and at most 4096."""
    import math

    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not (math.isfinite(number) and 0 < number <= MAX_SIZE_LIMIT_MB):
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a size; give a number of MB above 0 and at most "
            f"{MAX_SIZE_LIMIT_MB:.0f}")
    return number


def _settings_arguments(parser: argparse.ArgumentParser) -> None:
    """One option per declared setting (`viewer.core.settings.DECLARED`), grouped."""
    groups: dict[str, argparse._ArgumentGroup] = {}
    for declared in DECLARED:
        group = groups.get(declared.group)
        if group is None:
            group = groups[declared.group] = parser.add_argument_group(declared.group)
        if declared.flag is None:
            if declared.name == "watchlist":
                group.add_argument("--watchlist", metavar="FILE",
                                   help="phrases of your own, one per line (#: a comment; "
                                        "variants after a phrase: 'a | b'): each is always "
                                        "searched and listed among the slogans, used or not")
            continue
        if declared.kind is bool:
            group.add_argument(declared.flag, dest=declared.name, default=declared.default,
                               action="store_false" if declared.default else "store_true",
                               help=declared.flag_help or declared.help)
        else:
            group.add_argument(declared.flag, dest=declared.name, default=declared.default,
                               type=declared.kind, metavar="N" if declared.kind is int else "X",
                               help=f"{declared.help} (default %(default)s{_range(declared)})")


def _range(declared: Declared) -> str:
    return "" if declared.minimum is None else f";{declared.range_text()}"


def refuse_blank_path(option: str, path: str | None, what: str) -> None:
    """`LoadError` for an option given an empty or blank path (a shell variable never set,
    as in `--collection "$STORE"`), which would otherwise pass for the option not given."""
    if path is not None and not path.strip():
        raise LoadError(f"{option} {path!r}", "names no file", f"give the path of {what}")


def read_watchlist(path: str) -> tuple[str, ...]:
    """Phrases of a watch-list file, one per line; blank lines and #-comments skipped."""
    from viewer.core.loading import decode_text, read_bytes

    refuse_blank_path("--watchlist", path, "the watch-list file")
    shown = f"--watchlist {path}"  # said of the watch list, which is never an article
    try:
        data = read_bytes(path)
    except LoadError as error:  # the path's problem: its advice holds
        raise LoadError(shown, error.problem, error.hint) from None
    try:
        text = decode_text(data, path)
    except LoadError as error:  # the content's: the advice for articles does not
        raise LoadError(shown, error.problem,
                        "give a plain-text file with one phrase per line") from None
    return watchlist_phrases(text)


def tell_watch_lines_passed_over(path: str, passed_over: Sequence[PassedOver]) -> None:
    """One note on standard error naming the lines of the watch-list file at `path` that
    are not watched (`read_watch_lines`), as the window's watch-list says them."""
    from viewer.present.wording import passed_over_note

    note = passed_over_note(passed_over)
    if note:
        print(f"tandem: note: --watchlist {path}: {note[:1].lower()}{note[1:]}",
              file=sys.stderr)


def settings_from_args(args: argparse.Namespace) -> Settings:
    values = {d.name: d.checked(getattr(args, d.name), flag=True)
              for d in DECLARED if d.flag is not None}
    if args.watchlist is not None:
        values["watchlist"] = read_watchlist(args.watchlist)
    return checked_settings(values, flags=True)


def compare_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="tandem compare",
        description="Compare two articles without the window and write the result.")
    parser.add_argument("a", metavar="A", help="first article")
    parser.add_argument("b", metavar="B", help="second article")
    parser.add_argument("--json", metavar="OUT", help="write the comparison as JSON ('-': stdout)")
    parser.add_argument("--pdf", metavar="OUT", help="write the report as PDF ('-': stdout)")
    parser.add_argument("--html", metavar="OUT",
                        help="write the report as one HTML file ('-': stdout)")
    parser.add_argument("--page-size", type=_paper, choices=PAPERS, default="A4",
                        help="paper of the PDF report (default %(default)s)")
    parser.add_argument("--max-size", type=_megabytes, default=50, metavar="MB",
                        help="largest input file read, in MB (default %(default)s)")
    parser.add_argument("--collection", metavar="STORE",
                        help="an indexed collection store ('tandem corpus add'): list its "
                             "formulations among the slogans where A or B uses them (in place "
                             "of the slogans that are pieces of them), mark each slogan with "
                             "how many of its articles use it and since when, and each shared "
                             "passage that more articles carry; shared phrases and themes "
                             "stay the two texts' own")
    parser.add_argument("--trim", action="store_true",
                        help="trim scraped-text noise (repeated title lines, trailing link "
                             "lists, stray tokens); what went is listed in each document's "
                             "notes, and offsets then index the trimmed text")
    _settings_arguments(parser)
    return parser


def refuse_outputs_onto_inputs(args: argparse.Namespace) -> None:
    """Raise `OutputError`, before any work, when an output names an input, the watch-list
    file or the collection store, lies among the collection's articles, or cannot be
    written (a folder, a missing folder, a read-only file), and when the PDF would go to
    standard output that is a terminal."""
    from viewer.export.atomic import (
        refuse_binary_on_terminal,
        refuse_overwriting_inputs,
        refuse_shared_targets,
        refuse_unwritable,
    )

    inputs = [args.a, args.b] + [path for path in (args.watchlist, args.collection) if path]
    outputs = {"--json": args.json, "--pdf": args.pdf, "--html": args.html}
    refuse_shared_targets(outputs)
    refuse_binary_on_terminal({"--pdf": args.pdf})
    for option, out in outputs.items():
        if out and out != "-":
            refuse_overwriting_inputs(out, chain(inputs, _collection_inputs(args.collection)))
            if args.collection:
                _refuse_output_among_articles(option, out, args.collection)
            refuse_unwritable(out)


def _refuse_output_among_articles(option: str, out: str, store: str) -> None:
    """`OutputError` for an output that is a side file of the collection store, or lies in
    a folder of its articles, where the next `tandem corpus add` of that folder would index
    the comparison (both texts whole) as one of its articles."""
    from viewer.collection.clashes import article_folders
    from viewer.collection.sources import refuse_output_in_sources
    from viewer.collection.store import refuse_side_file_output

    refuse_side_file_output(out, store)
    refuse_output_in_sources(option, out, article_folders(store), "article folder")


def tell_document_notes(comparison: Comparison, paths: tuple[str, str]) -> None:
    """Tell on stderr what loading changed in each text (bytes read as U+FFFD, another
    encoding's) and how the two are read (traditional characters beside simplified), as
    the reports say it: a terminal user who asks for no report, or only the JSON, sees
    the marks in the text with no why."""
    from viewer.present.script_note import document_notes

    for path, notes in zip(paths, document_notes(comparison), strict=True):
        for note in notes:
            print(f"tandem: note: {printable(path)}: {note}", file=sys.stderr)


def _collection_inputs(store: str | None) -> Iterator[str]:
    """The files the collection store was read from (its articles are inputs too: a
    report written over one would destroy it), read only when asked for."""
    if store:
        from viewer.collection.clashes import stored_inputs

        yield from stored_inputs(store)


def run_compare(argv: Sequence[str]) -> int:
    parser = compare_parser()
    args = parser.parse_args(argv)
    try:
        from viewer.core.compare import compare
        from viewer.core.loading import load_document

        refuse_blank_path("--collection", args.collection, "the collection store")
        refuse_outputs_onto_inputs(args)
        settings = settings_from_args(args)
        limit = int(args.max_size * 1024 * 1024)
        doc_a = load_document(args.a, max_bytes=limit, trim=args.trim)
        doc_b = load_document(args.b, max_bytes=limit, trim=args.trim)
        if args.watchlist:
            from viewer.core.compare import watch_lines_passed_over

            tell_watch_lines_passed_over(args.watchlist,
                                         watch_lines_passed_over(settings, doc_a, doc_b))
        extra = None
        if args.collection:
            from viewer.collection.context import compare_in_collection
            from viewer.collection.rekey import other_version_note
            from viewer.collection.store import CollectionStore
            from viewer.present.collection_figures import outside_note

            with CollectionStore.open(args.collection) as store, store.snapshot():
                comparison, extra = compare_in_collection(doc_a, doc_b, settings, store,
                                                          trimmed=args.trim)
                notes = (other_version_note(store),
                         outside_note(extra, printable(args.collection), args.trim,
                                      (doc_a.language, doc_b.language)))
            for note in filter(None, notes):
                print(f"tandem: note: {note}", file=sys.stderr)
        else:
            comparison = compare(doc_a, doc_b, settings)
        tell_document_notes(comparison, (args.a, args.b))
        write_outputs(comparison, args, extra)
    except TandemError as exc:
        print(f"tandem: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt as interruption:  # Ctrl-C, or SIGTERM (_terminate_like_ctrl_c)
        # Said of the outputs written before it (`InterruptedWhileWriting`), if any.
        print(f"tandem: {str(interruption) or 'interrupted'}", file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_OK


def _terminate_like_ctrl_c() -> None:
    """Let SIGTERM unwind like Ctrl-C, so exports remove their temporary files and a
    collection's add rolls back, saying so in one line."""
    import signal

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def write_outputs(comparison, args: argparse.Namespace,  # type: ignore[no-untyped-def]
                  extra: dict | None = None) -> None:
    """Write every output the command line asked for; stdout JSON when none was named.

    The report writers are imported only when asked for: reportlab costs start-up time
    and the JSON path stays free of it (and of Qt)."""
    pdf, html = getattr(args, "pdf", None), getattr(args, "html", None)
    trim = getattr(args, "trim", False)
    figures = None
    if extra is not None and (pdf or html):
        from viewer.present.collection_figures import collection_figures

        figures = collection_figures(extra, comparison, trimmed=trim)

    def write_pdf_report(target: str) -> None:
        from viewer.export.pdf_report import write_pdf

        tell_pdf_note(write_pdf(comparison, target, page_size=getattr(args, "page_size", "A4"),
                                figures=figures))

    def write_html_report(target: str) -> None:
        from viewer.export.html_report import write_html

        write_html(comparison, target, figures=figures)

    outputs = [(name, target, write) for name, target, write in (
        ("pdf", pdf, write_pdf_report), ("html", html, write_html_report),
        ("json", args.json or (None if pdf or html else "-"),
         lambda target: _write_json(comparison, target, extra, trim=trim))) if target]
    done = 0
    try:
        for _, target, write in outputs:
            write(target)
            done += 1
    except KeyboardInterrupt:
        if done:
            shown = [f"--{name} {printable(target)}" for name, target, _ in outputs]
            raise InterruptedWhileWriting(shown[:done], shown[done:]) from None
        raise


class InterruptedWhileWriting(KeyboardInterrupt):
    """Ctrl-C once some of the outputs asked for are written: a user told "interrupted"
    alone would take the files there for none of them, or for all."""

    def __init__(self, written: Sequence[str], unwritten: Sequence[str]) -> None:
        said = f"interrupted once {' and '.join(written)} " + (
            "was" if len(written) == 1 else "were") + " written"
        if unwritten:
            said += (f"; {' and '.join(unwritten)} not (run the command again to write "
                     f"{'it' if len(unwritten) == 1 else 'them'})")
        super().__init__(said)


def tell_pdf_note(note: str) -> None:
    """Tell on stderr what a PDF report's title page says of characters it draws as
    boxes, if anything: a user of the command line may never open it."""
    if note:
        print(f"tandem: note: the PDF report: {note}", file=sys.stderr)


def _write_json(comparison, target: str,  # type: ignore[no-untyped-def]
                extra: dict | None = None, *, trim: bool = False) -> None:
    """The comparison's JSON (`comparison_to_json`), with a collection's figures
    (`extra`, see viewer.collection.context) when there is one."""
    from viewer.export.json_report import comparison_to_json

    write_json_text(comparison_to_json(comparison, extra, trim=trim), target)


def write_json_text(text: str, target: str) -> None:
    """JSON text, in UTF-8, to stdout ("-") or atomically to a file (LoadError if it
    cannot be, a full disk under stdout included). Standard output is written as bytes,
    as the HTML and PDF are: its text encoding (PYTHONIOENCODING, the locale) is not
    JSON's."""
    from viewer.export.atomic import write_report

    ending = "\n" if target == "-" else ""
    write_report(target, lambda handle: handle.write((text + ending).encode("utf-8")))


def _reader_gone() -> int:
    """The program reading our output stopped early (`tandem compare ... | head`): end
    quietly, as a command killed by SIGPIPE does, and keep Python from complaining when it
    flushes the closed stream at exit."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return EXIT_BROKEN_PIPE


def window_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="tandem",
        description="Read two articles side by side and see what they share. "
                    "Run 'tandem compare A B --json OUT' to compare without the window, and "
                    "'tandem corpus SOURCE... --json OUT' to find what the articles of a "
                    "collection share (each has its own --help).")
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="one or two articles to open, or a collection: a folder of "
                             "articles, a JSON-lines file or a collection store")
    parser.add_argument("--version", action="version", version=f"tandem {__version__}")
    setup = parser.add_mutually_exclusive_group()
    setup.add_argument("--install-desktop", action="store_true",
                       help="add Tandem to your application menu (this installation, for you)")
    setup.add_argument("--uninstall-desktop", action="store_true",
                       help="take Tandem out of your application menu again")
    setup.add_argument("--self-test", action="store_true",
                       help="compare the sample articles offscreen, export PDF and HTML, "
                            "and report whether this installation works")
    return parser


#: The commands run without the window: `tandem COMMAND ...`.
COMMANDS = ("compare", "corpus")


def _refuse_mistyped_command(parser: argparse.ArgumentParser, files: Sequence[str]) -> None:
    """A first file that is not there and reads as a command's name mistyped ("comapre")
    is told as such, rather than the window opened on a missing file and the rest."""
    if not files or os.path.exists(files[0]) or any(ch in files[0] for ch in "./\\"):
        return
    meant = difflib.get_close_matches(files[0], COMMANDS, n=1, cutoff=0.7)
    if meant:
        parser.error(f"{files[0]}: no such file, nor a command; did you mean "
                     f"'tandem {meant[0]}'?")


def main(argv: Sequence[str] | None = None) -> int:
    import multiprocessing

    # In the frozen bundle the window's comparison process starts this same executable.
    multiprocessing.freeze_support()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        try:
            _terminate_like_ctrl_c()
            if argv[0] == "compare":
                return run_compare(argv[1:])
            from viewer.collection.cli import run_corpus

            return run_corpus(argv[1:])
        except BrokenPipeError:
            return _reader_gone()
    parser = window_parser()
    args = parser.parse_args(argv)
    _refuse_mistyped_command(parser, args.files)
    if (args.install_desktop or args.uninstall_desktop or args.self_test) and args.files:
        parser.error("--install-desktop, --uninstall-desktop and --self-test take no files")
    if args.install_desktop or args.uninstall_desktop:
        # Qt-free, so it works over ssh and in a bare terminal.
        from viewer import desktop_entry

        if args.install_desktop:
            return desktop_entry.run_install()
        return desktop_entry.run_uninstall()
    if args.self_test:
        from viewer.self_test import run_self_test

        return run_self_test()
    from viewer.app import run_window

    return run_window(args.files)
