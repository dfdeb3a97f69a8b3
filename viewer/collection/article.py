"""The records a collection source produces: `Article`, `Skipped`, and `SourceError`.

They live apart from `sources` so that each reader (folders, JSON lines) can use them;
`viewer.collection.sources` is where the rest of the program imports them from.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from viewer.core.errors import TandemError


@dataclass(frozen=True)
class Article:
    """One article of a collection. `text` is the single reference for its offsets."""

    id: str
    series: str
    #: ISO date "YYYY-MM-DD", or "" when the source gives none.
    date: str
    text: str
    #: Where it came from: a file path, or "FILE:LINE" for a JSON line.
    path: str
    title: str = ""


@dataclass(frozen=True)
class Skipped:
    """A file or line left out, and why (one line a user can act on)."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class SourceError(TandemError):
    """A source that cannot be used at all (missing, empty, duplicate ids)."""


OnSkip = Callable[[Skipped], None]


_TITLE_CHARS = 200
_FIRST_LINE = re.compile(r"\S[^\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]*")


def first_line(text: str) -> str:
    """The first non-blank line of `text`, spaces collapsed, cut to a title's length: the
    title of an article whose source gives none."""
    match = _FIRST_LINE.search(text)
    line = " ".join(match.group().split()) if match else ""
    return line if len(line) <= _TITLE_CHARS else line[:_TITLE_CHARS - 1] + "…"
