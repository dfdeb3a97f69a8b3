"""Read the articles of a collection from its sources: folders of files or JSON lines.

Contract (used by the store, the command line, the window and the Spark job):
`read_sources(sources, on_skip)` yields one `Article` per readable article, in the order found;
every file or line that cannot be read is passed to `on_skip` as a `Skipped` and left out.
A source that holds no article at all, or two articles with one id, raise `SourceError`,
whose text names the file(s) and what to do.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Sequence
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


class SourceError(TandemError):
    """A source that cannot be used at all (missing, empty, duplicate ids)."""


OnSkip = Callable[[Skipped], None]


def read_sources(sources: Sequence[str | os.PathLike[str]],
                 on_skip: OnSkip | None = None) -> Iterator[Article]:
    """Yield the articles of every source in turn (see the module's contract)."""
    seen: dict[str, str] = {}
    found = 0
    for source in sources:
        for article in _read_jsonl(os.fspath(source), on_skip or (lambda _s: None)):
            if article.id in seen:
                raise SourceError(f"{article.path}: id {article.id!r} is used twice "
                                  f"(also {seen[article.id]}); give each article its own id")
            seen[article.id] = article.path
            found += 1
            yield article
    if not found:
        raise SourceError(f"{', '.join(map(os.fspath, sources))}: no readable article found")


def _read_jsonl(path: str, on_skip: OnSkip) -> Iterator[Article]:
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                row = json.loads(line)
                yield Article(id=str(row["id"]), series=str(row.get("series", "")),
                              date=str(row.get("date", ""))[:10], text=row["text"],
                              path=where, title=str(row.get("title", "")))
            except (ValueError, KeyError, TypeError) as error:
                on_skip(Skipped(where, f"not an article line ({error})"))
