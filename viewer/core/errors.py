"""The errors the engine raises for the user: each names the file, the problem and a remedy."""

from __future__ import annotations


class TandemError(Exception):
    """A problem the user can act on; its text is shown as is, never with a traceback."""


class LoadError(TandemError):
    """A file that cannot be read as an article."""

    def __init__(self, path: str, problem: str, hint: str = "") -> None:
        self.path = path
        self.problem = problem
        self.hint = hint
        message = f"{path}: {problem}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)


class Cancelled(TandemError):
    """The comparison was cancelled before it finished."""

    def __init__(self) -> None:
        super().__init__("cancelled")
