"""Where a CSV file opens a quoted cell it never closes.

Python's csv module, as lenient as a spreadsheet, reads such a cell on to the end of the
file: every row after it became part of one cell, and metadata.csv was told as listing a
file named "art0.txt,x0\\nart1.txt,x1", the quote never named. The file's text is walked
cell by cell as csv reads it (a quote opens a cell only at its start; "" inside one is a
quote written; after the closing quote, the rest up to the separator is the cell's).
"""

from __future__ import annotations

import re

# A line break as csv (and a file opened with newline="") counts one.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def quote_left_open(text: str, delimiter: str) -> int:
    """The line (from 1) of the CSV `text`, its cells separated by `delimiter`, on which
    a quoted cell opens that the text never closes; 0 when none does."""
    if '"' not in text:
        return 0  # most files: nothing to walk
    rest = f"[^{re.escape(delimiter)}\r\n]*"
    cell = re.compile(f'"(?:[^"]|"")*(?P<closed>"?){rest}|{rest}')
    at = 0
    while at < len(text):
        match = cell.match(text, at)
        assert match is not None  # the second choice matches the empty cell
        if text.startswith('"', at) and not match.group("closed"):
            return len(_LINE_BREAK.findall(text, 0, at)) + 1
        # Past the separator or line break that ends the cell ("\r\n" is read as "\r"
        # then an empty cell before "\n", which opens no quote).
        at = match.end() + 1
    return 0
