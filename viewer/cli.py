"""The `tandem` command: `tandem [A B]` opens the window, `tandem compare A B` runs headless.

The headless path imports no Qt, so it starts fast and runs on machines without a display.
Bad input ends with exit code 2 and one line naming the file and the problem.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from viewer import __version__
from viewer.core.errors import LoadError, TandemError
from viewer.core.settings import Settings

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def _settings_arguments(parser: argparse.ArgumentParser) -> None:
    d = Settings()
    g = parser.add_argument_group("matching")
    g.add_argument("--min-words", type=int, default=d.min_words, metavar="N",
                   help="shortest shared passage, in words (default %(default)s)")
    g.add_argument("--gap", type=int, default=d.gap_words, metavar="N", dest="gap_words",
                   help="edited words tolerated inside one passage (default %(default)s)")
    g.add_argument("--stem", action="store_true", dest="stemming",
                   help="match words by their stem (nations = nation)")
    g.add_argument("--case-sensitive", action="store_true", help="tell Digital from digital")
    g.add_argument("--keep-stop-words", action="store_false", dest="ignore_stop_words",
                   help="report short passages of common words too, and count function words "
                        "in slogans and themes")
    g.add_argument("--rarity-margin", type=float, default=d.rarity_margin, metavar="BITS",
                   help="how improbable a short passage must be beyond chance "
                        "(default %(default)s)")
    g = parser.add_argument_group("slogans")
    g.add_argument("--slogan-min-words", type=int, default=d.slogan_min_words, metavar="N")
    g.add_argument("--slogan-max-words", type=int, default=d.slogan_max_words, metavar="N")
    g.add_argument("--slogan-min-count", type=int, default=d.slogan_min_count, metavar="N",
                   help="occurrences in both texts together (default %(default)s)")
    g.add_argument("--max-slogans", type=int, default=d.max_slogans, metavar="N")
    g.add_argument("--watchlist", metavar="FILE",
                   help="phrases always searched, one per line")
    g = parser.add_argument_group("themes")
    g.add_argument("--theme-min-score", type=float, default=d.theme_min_score, metavar="S",
                   help="smallest theme score listed, 0..1 (default %(default)s)")
    g.add_argument("--max-themes", type=int, default=d.max_themes, metavar="N")


def read_watchlist(path: str) -> tuple[str, ...]:
    """Phrases of a watch-list file, one per line; blank lines and #-comments skipped."""
    from viewer.core.loading import decode_text, read_bytes

    text = decode_text(read_bytes(path), path)
    return tuple(line.strip() for line in text.splitlines()
                 if line.strip() and not line.lstrip().startswith("#"))


def settings_from_args(args: argparse.Namespace) -> Settings:
    values = {k: v for k, v in vars(args).items() if k in Settings.__dataclass_fields__}
    if args.watchlist:
        values["watchlist"] = read_watchlist(args.watchlist)
    else:
        values.pop("watchlist", None)
    settings = Settings(**values)
    if settings.min_words < 1 or settings.gap_words < 0:
        raise TandemError("--min-words must be at least 1 and --gap at least 0")
    if not 1 <= settings.slogan_min_words <= settings.slogan_max_words:
        raise TandemError("--slogan-min-words must be between 1 and --slogan-max-words")
    return settings


def compare_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tandem compare",
        description="Compare two articles without the window and write the result.")
    parser.add_argument("a", metavar="A", help="first article")
    parser.add_argument("b", metavar="B", help="second article")
    parser.add_argument("--json", metavar="OUT", help="write the comparison as JSON ('-': stdout)")
    parser.add_argument("--pdf", metavar="OUT", help="write the report as PDF")
    parser.add_argument("--html", metavar="OUT", help="write the report as one HTML file")
    parser.add_argument("--page-size", choices=("A4", "Letter"), default="A4",
                        help="paper of the PDF report (default %(default)s)")
    parser.add_argument("--max-size", type=float, default=50, metavar="MB",
                        help="largest input file read, in MB (default %(default)s)")
    parser.add_argument("--trim", action="store_true",
                        help="trim scraped-text noise (repeated title lines, trailing link "
                             "lists, stray tokens); what went is listed in each document's notes")
    _settings_arguments(parser)
    return parser


def run_compare(argv: Sequence[str]) -> int:
    parser = compare_parser()
    args = parser.parse_args(argv)
    try:
        from viewer.core.compare import compare
        from viewer.core.loading import load_document

        settings = settings_from_args(args)
        limit = int(args.max_size * 1024 * 1024)
        doc_a = load_document(args.a, max_bytes=limit, trim=args.trim)
        doc_b = load_document(args.b, max_bytes=limit, trim=args.trim)
        comparison = compare(doc_a, doc_b, settings)
        write_outputs(comparison, args)
    except TandemError as exc:
        print(f"tandem: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def write_outputs(comparison, args: argparse.Namespace) -> None:  # type: ignore[no-untyped-def]
    """Write every output the command line asked for; stdout JSON when none was named.

    The report writers are imported only when asked for: reportlab costs start-up time
    and the JSON path stays free of it (and of Qt)."""
    pdf, html = getattr(args, "pdf", None), getattr(args, "html", None)
    if pdf:
        from viewer.export.pdf_report import write_pdf

        write_pdf(comparison, pdf, page_size=getattr(args, "page_size", "A4"))
    if html:
        from viewer.export.html_report import write_html

        write_html(comparison, html)
    if args.json or not (pdf or html):
        _write_json(comparison, args.json or "-")


def _write_json(comparison, target: str) -> None:  # type: ignore[no-untyped-def]
    from viewer.export.json_report import comparison_to_json

    text = comparison_to_json(comparison)
    if target == "-":
        sys.stdout.write(text + "\n")
        return
    from viewer.export.atomic import write_atomically

    try:
        write_atomically(target, lambda handle: handle.write(text.encode("utf-8")))
    except OSError as exc:
        raise LoadError(target, f"cannot be written: {exc.strerror or exc}") from None


def window_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tandem",
        description="Read two articles side by side and see what they share. "
                    "Run 'tandem compare A B --json OUT' to compare without the window.")
    parser.add_argument("files", nargs="*", metavar="FILE", help="one or two articles to open")
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


def main(argv: Sequence[str] | None = None) -> int:
    import multiprocessing

    # In the frozen bundle the window's comparison process starts this same executable.
    multiprocessing.freeze_support()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "compare":
        return run_compare(argv[1:])
    if argv and argv[0] == "corpus":
        from viewer.collection.cli import run_corpus

        return run_corpus(argv[1:])
    parser = window_parser()
    args = parser.parse_args(argv)
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
