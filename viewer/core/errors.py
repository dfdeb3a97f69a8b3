"""The errors the engine raises for the user: each names the file, the problem and a remedy."""

from __future__ import annotations


def printable(text: str) -> str:
    """`text` (a file name) safe to print and to write as UTF-8 on one line: bytes that are
    not UTF-8 (kept by Python as surrogates) and control characters such as a newline are
    shown as backslash escapes."""
    if text.isprintable():
        return text
    raw = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")
                   for ch in raw)


#: The remedy for a file over the size limit, as the command line takes it.
RAISE_LIMIT = "raise the limit with --max-size MB"


def os_problem(error: OSError) -> str:
    """What the operating system says of `error`, written as Tandem writes a problem, in
    lower case: "permission denied", as the loader says it, not "Permission denied"."""
    said = error.strerror or str(error)
    return said[:1].lower() + said[1:]


class TandemError(Exception):
    """A problem the user can act on; its text is shown as is, never with a traceback."""


class LoadError(TandemError):
    """A file that cannot be read as an article. `instead`: the hint says what to open in
    its place ("choose a file with text in it"), which fits one who chose this file, not a
    file met in a folder of articles."""

    def __init__(self, path: str, problem: str, hint: str = "", *,
                 instead: bool = False) -> None:
        self.path = path
        self.problem = problem
        self.hint = hint
        self.instead = instead
        message = f"{printable(path)}: {problem}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)


class TooLarge(LoadError):
    """A file over the size limit. Its hint is the command line's remedy (`RAISE_LIMIT`);
    where the limit cannot be raised (the window, a collection) the caller gives its own."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(path, problem, RAISE_LIMIT)


class Cancelled(TandemError):
    """The comparison was cancelled before it finished."""

    def __init__(self) -> None:
        super().__init__("cancelled")


class OutputError(LoadError):
    """An output file that must not or cannot be written (an input, a read-only file...)."""
