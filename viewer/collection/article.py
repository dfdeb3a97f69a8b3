"""The records a collection source produces: `Article`, `Skipped`, and `SourceError`.

They live apart from `sources` so that each reader (folders, JSON lines) can use them;
`viewer.collection.sources` is where the rest of the program imports them from.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from viewer.core.errors import TandemError

_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_text(value: str) -> str:
    """`value` as text a store can hold. A file name that is not UTF-8 (an archive from
    Chinese Windows: GBK) comes from the system with its bytes escaped as lone surrogates:
    it is read as GB 2312 when its bytes are that (two bytes from 0xA1 each per character:
    GBK's common characters, where a Latin-1 name seldom fits), else shown with its bytes
    as \\xNN. A
    lone surrogate escaped in JSON (half of a broken emoji) is no character at all: it
    becomes U+FFFD, one for one, so offsets into a text keep their place."""
    if not _SURROGATE.search(value):
        return value
    try:
        raw = value.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", value)
    try:
        return raw.decode("gb2312")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "backslashreplace")


def _make_valid(record: object) -> None:
    for name, value in vars(record).items():
        if isinstance(value, str) and _SURROGATE.search(value):
            object.__setattr__(record, name, valid_text(value))


@dataclass(frozen=True)
class Article:
    """One article of a collection. `text` is the single reference for its offsets; every
    field is valid text (`valid_text`)."""

    id: str
    series: str
    #: ISO date "YYYY-MM-DD", or "" when the source gives none.
    date: str
    text: str
    #: Where it came from: a file path, or "FILE:LINE" for a JSON line.
    path: str
    title: str = ""
    #: Whether the id was made from the file's path in its folder (no metadata.csv id):
    #: two folders laid out alike make the same ids for different articles.
    id_from_path: bool = False

    def __post_init__(self) -> None:
        _make_valid(self)


@dataclass(frozen=True)
class Skipped:
    """A file or line left out, and why (one line a user can act on); or, when `indexed`,
    a note on an article that is indexed all the same (a date not read as one).
    `unreadable`: a file or folder that is there but cannot be read now (emptied,
    damaged, its permissions), not one gone nor one that is no article: what a store read
    from it before stays (`engine`). `gone`: a file or folder the walk listed that was
    renamed or removed before its turn: what a store read from it stays only as an add
    keeps what its sources no longer hold. `problem`: for an `unreadable` file whose
    `reason` ends with the loader's hint on what to open instead ("choose a file with
    text in it"), what is wrong alone: a note on the article kept from it says that."""

    path: str
    reason: str
    indexed: bool = False
    unreadable: bool = False
    gone: bool = False
    problem: str = ""

    def __post_init__(self) -> None:
        _make_valid(self)

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class SourceError(TandemError):
    """A source that cannot be used at all (missing, empty, duplicate ids)."""


OnSkip = Callable[[Skipped], None]


_TITLE_CHARS = 200
# A UTF-8 byte-order mark, kept in the text as U+FEFF, opens no title.
_FIRST_LINE = re.compile(r"[^\s\ufeff][^\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]*")


# Control characters but those `str.split` takes for white space (tab, line ends, U+001C to
# U+001F, U+0085): a NUL or a bell a scraper left in a text, which a title would show as "�".
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")


# A terminal's escape sequences (ECMA-48) in text captured from one: a control sequence
# ("\x1b[1m", "\x9b0m"), whose parameters are printable and would stay once the ESC went,
# and an operating system command ("\x1b]8;;URL\x07", a link), ended by BEL or ST.
_TERMINAL_ESCAPE = re.compile(r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"
                              r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


def without_controls(text: str) -> str:
    """`text` without its control characters and terminal escape sequences (white space
    kept)."""
    return _CONTROL.sub("", _TERMINAL_ESCAPE.sub("", text))


def cut_to_title(line: str) -> str:
    """`line` cut to a title's length, "…" marking the cut: a title a source gives may be
    a whole paragraph (a scraper's summary), which no list or report row has room for."""
    return line if len(line) <= _TITLE_CHARS else line[:_TITLE_CHARS - 1] + "…"


# A line that is wholly bracketed notes: "（转载自关东商报，2019-03-31）", "[Photo]",
# "【来源：新华社】【编辑：王林】". Book-title marks (《求是》) name a work, and are no note.
_NOTE = re.compile(r"(?:\s*[(\[（［【〔〖][^()\[\]（）［］【】〔〕〖〗]*[)\]）］】〕〗])+\s*")


def is_note(line: str) -> bool:
    """Whether `line` is wholly bracketed notes (a reprint's source, "(Photo)"): a line
    above a headline that is no headline itself."""
    return _NOTE.fullmatch(line) is not None


def first_line(text: str) -> str:
    """The first line of `text` with more than white space and control characters, spaces
    collapsed and control characters left out, cut to a title's length: the title of an
    article whose source gives none."""
    for match in _FIRST_LINE.finditer(text):
        line = " ".join(without_controls(match.group()).split())
        if line:
            return cut_to_title(line)
    return ""
