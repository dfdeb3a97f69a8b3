"""Articles from a JSON-lines file in passim's schema, plain or gzipped.

One JSON object per line: `{"id", "series", "date", "text"}`, with an optional "title"
(else the text's first line); other fields are ignored. A series is read without the white
space around it; the "text" field is the article's text exactly (its offsets are the
collection's). A line that is not such an object is skipped with "FILE:LINE" and why.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
import zlib
from collections.abc import Iterator

from viewer.collection.article import Article, Skipped, SourceError, first_line
from viewer.collection.dates import epoch_day, iso_date, unread_date
from viewer.core.errors import os_problem

GZIP_MAGIC = b"\x1f\x8b"
#: Endings that mark a file as JSON lines rather than one article.
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json", ".jsonl.gz", ".ndjson.gz", ".json.gz", ".gz")
# The bytes read at least (and then on to the first line end) to tell how lines end.
_SNIFF_BYTES = 1 << 16


def looks_like_json_lines(path: str) -> bool:
    """True for a file named like JSON lines, gzipped, or whose first byte opens an object."""
    if path.lower().endswith(JSONL_SUFFIXES):
        return True
    try:
        with open(path, "rb") as handle:
            head = handle.read(64)
    except OSError:
        return False
    return head.startswith(GZIP_MAGIC) or head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


class JsonLinesSource:
    """One JSON-lines file; `read()` yields (article or skipped line, bytes read so far)."""

    def __init__(self, path: str) -> None:
        self.path = path
        try:
            self.size = os.path.getsize(path)
            with open(path, "rb") as handle:
                self.gzipped = handle.read(2) == GZIP_MAGIC
        except OSError as exc:
            raise SourceError(f"{path}: cannot be read ({os_problem(exc)})") from None
        if self.size == 0:
            raise empty_file(path)

    def read(self) -> Iterator[tuple[Article | Skipped, int]]:
        end = line_end(self.path)
        with open(self.path, "rb") as raw:
            stream: io.BufferedIOBase = gzip.GzipFile(fileobj=raw) if self.gzipped else raw
            number = 0
            try:
                for number, line in enumerate(_lines(stream, end), 1):  # noqa: B007 (used after the loop)
                    if line.strip():
                        for item in read_line(self.path, line, number):
                            yield item, raw.tell()
            except (OSError, EOFError, zlib.error) as exc:
                yield Skipped(f"{self.path}:{number + 1}",
                              f"the gzip data is damaged or ends early ({exc}); "
                              "the lines from here on were not read"), self.size


def line_end(path: str) -> bytes:
    """The byte that ends the lines of the JSON-lines file `path`, plain or gzipped: "\r"
    when its head holds carriage returns and no line feed (classic Mac OS line ends), else
    "\n" (a carriage return within a line of a file of line feeds ends no line). The
    Spark engine splits a file's lines at it too."""
    head = bytearray()
    try:
        with open(path, "rb") as raw:
            gzipped = raw.read(2) == GZIP_MAGIC
            raw.seek(0)
            stream: io.BufferedIOBase = gzip.GzipFile(fileobj=raw) if gzipped else raw
            ended = False
            while not (ended and len(head) >= _SNIFF_BYTES):
                chunk = stream.read(_SNIFF_BYTES)
                if not chunk:
                    break
                head += chunk
                ended = ended or b"\n" in chunk or b"\r" in chunk
    except (OSError, EOFError, zlib.error):
        pass  # reading the file tells what is wrong with it
    return b"\r" if b"\r" in head and b"\n" not in head else b"\n"


def _lines(stream: io.BufferedIOBase, end: bytes) -> Iterator[bytes]:
    """The lines of `stream`, each with the `end` that ends it."""
    if end == b"\n":
        yield from stream
        return
    pending = bytearray()
    while chunk := stream.read(_SNIFF_BYTES):
        pending += chunk
        if end in chunk:
            *lines, rest = bytes(pending).split(end)
            yield from (line + end for line in lines)
            pending = bytearray(rest)
    if pending:
        yield bytes(pending)


def empty_file(path: str) -> SourceError:
    """The error of a JSON-lines file of no bytes at all (the Spark engine says it too)."""
    return SourceError(f"{path}: is empty (a JSON-lines file needs one article a line)")


def read_line(path: str, line: bytes, number: int) -> list[Article | Skipped]:
    """Line `number` (from 1) of the JSON-lines file `path` as the reader yields it: the
    line skipped, or its article, after a note on it when its "date" is given but not read
    as one. The Spark engine reads its lines with this too, so both list the same."""
    item = parse_line(path, line, number)
    if isinstance(item, Article) and not item.date:
        note = _date_note(item.path, line)
        if note is not None:
            return [note, item]
    return [item]


def _date_note(where: str, line: bytes) -> Skipped | None:
    """A note on an article line whose "date" is given but not read as one."""
    reason = unread_date(_mongo_date(json.loads(line.decode("utf-8-sig")).get("date")),
                         "undated")
    return Skipped(where, reason, indexed=True) if reason else None


def _mongo_date(value: object) -> object:
    """A "date" as mongoexport writes it, {"$date": "2023-03-09T08:20:00Z"}, as that
    string, and one given as milliseconds since 1970 ({"$date": {"$numberLong": "..."}},
    as MongoDB's Extended JSON defines it; {"$date": 1678350000000} in older exports) as
    its day in UTC; any other value as it is."""
    if not (isinstance(value, dict) and set(value) == {"$date"}):
        return value
    given = value["$date"]
    if isinstance(given, dict) and set(given) == {"$numberLong"}:
        given = given["$numberLong"]
        given = int(given) if isinstance(given, str) and given.lstrip("-").isdigit() else None
    if isinstance(given, str):
        return given
    if isinstance(given, int) and not isinstance(given, bool):
        return epoch_day(given) or value
    return value


def _mongo_id(row: dict[str, object]) -> object:
    """The id of a line without "id" that mongoexport wrote: its "_id", the document's key
    in MongoDB ({"$oid": "640997e0..."} as that string)."""
    ident = row["_id"]
    if isinstance(ident, dict) and set(ident) == {"$oid"}:
        return ident["$oid"]
    return ident


def _json_kind(value: object) -> str:
    """What a JSON value is, as its writer would say it ("null", "a number", "a list")."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "an object"


def json_problem(error: json.JSONDecodeError) -> str:
    """What is wrong with a JSON line, said for the person who wrote it: the parser's
    "Invalid control character at: line 1 column 73 (char 72)" is, at the end of the line,
    a string left open, and its "line 1" is not the file's line. Columns count characters
    from 1 on the file's line."""
    found = error.doc[error.pos:error.pos + 1]
    column = error.pos + 1
    if error.msg.startswith("Unterminated string") or (
            error.msg.startswith("Invalid control character") and found in ("\n", "\r")):
        # A raw line break inside a string splits it across two lines of the file.
        return "a string is not closed (or holds a raw line break)"
    if error.msg.startswith("Invalid control character"):
        return f"a string holds a raw control character at column {column} (write a tab as \\t)"
    if error.msg == "Extra data":
        return f"the object is followed by more at column {column}"
    if error.pos >= len(error.doc.rstrip()):
        return f"the line ends early ({error.msg.lower()})"
    return f"{error.msg.lower()} at column {column}"


#: Why a line whose lists or objects nest deeper than the parser goes is not read.
_TOO_DEEP = ("holds lists or objects nested too deeply to read; write that field flatter, "
             "or leave it out")


def _too_long_number(text: str, error: ValueError) -> str:
    """Why the JSON line `text`, whose syntax is valid, is not read (`error`): it holds a
    whole number of more digits than Python reads (`sys.get_int_max_str_digits`), whose
    own message advised "use sys.set_int_max_str_digits()"."""
    most, longest = sys.get_int_max_str_digits(), 0

    def measured(number: str) -> int:
        nonlocal longest
        longest = max(longest, len(number.lstrip("-")))
        return 0

    try:
        json.loads(text, parse_int=measured)
    except RecursionError:  # nested too deeply as well: refused for that, whatever its digits
        return _TOO_DEEP
    if not most or longest <= most:
        return f"is not valid JSON ({error})"  # no other refusal is known
    return (f"holds a number of {longest:,} digits, more than a number may have "
            f"({most:,} at most); write it in quotes, as a string, or leave it out")


def _one_document(first: bytes) -> str:
    """Why a file whose first line is `first` is one JSON document rather than JSON lines
    (an array, as json.dump and pandas write one; an object indented over several lines),
    said with what to write instead; "" when it may be JSON lines."""
    head = first.decode("utf-8-sig", "replace").strip()
    if head.startswith("["):
        return ('opens a JSON array: the file is one JSON document, not JSON lines (write '
                'one object {"id", "series", "date", "text"} a line, as jq -c ".[]" does)')
    if head == "{":
        return ('holds "{" alone: an object written over several lines; JSON lines hold '
                'each object on one line (as jq -c . writes them)')
    return ""


def _wide_text(line: bytes) -> bool:
    """Whether `line` is UTF-16 (or UTF-32) text saved without a byte-order mark: a NUL
    byte beside each ASCII letter, as no UTF-8 line holds (nor any JSON: a NUL is no
    white space, and a raw one in a string is a control character)."""
    letters = line.strip(b"\r\n\x00")
    return bool(letters) and line.count(b"\x00") * 4 >= len(letters)


def parse_line(path: str, line: bytes, number: int) -> Article | Skipped:
    """Line `number` (from 1) of the JSON-lines file `path`, as an article or as a skipped
    line saying why (`read_line` adds the note on a date not read as one)."""
    where = f"{path}:{number}"
    if number == 1:
        whole = _one_document(line)
        if whole:
            return Skipped(where, whole)
    if _wide_text(line):
        return Skipped(where, "is not UTF-8 text but UTF-16 (NUL bytes between its letters); "
                              "save the file as UTF-8")
    try:
        # Any line may open with a byte-order mark: files saved with one, then joined
        # (cat a.jsonl b.jsonl), carry each one's at the head of its first line.
        row = json.loads(line.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        return Skipped(where, f"is not UTF-8 text (bad byte at column {exc.start + 1}); "
                              "save the file as UTF-8")
    except json.JSONDecodeError as exc:
        return Skipped(where, f"is not valid JSON: {json_problem(exc)}")
    except ValueError as exc:  # valid syntax the parser refuses: a 5,000-digit number
        return Skipped(where, _too_long_number(line.decode("utf-8-sig"), exc))
    except RecursionError:  # valid syntax the parser refuses: [[[[... a 100,000 deep
        return Skipped(where, _TOO_DEEP)
    if not isinstance(row, dict):
        return Skipped(where, f"is {_json_kind(row)}, not an object "
                              '{"id", "series", "date", "text"}')
    missing = [name for name in ("id", "text") if name not in row
               and not (name == "id" and "_id" in row)]
    if missing:
        return Skipped(where, "has no " + " and no ".join(f'"{m}"' for m in missing)
                       + " field")
    ident, text = row["id"] if "id" in row else _mongo_id(row), row["text"]
    if isinstance(ident, float) and ident.is_integer():
        # A whole number written as a float is an integer id: pandas writes an integer
        # column holding a blank so ("id": 12.0). 4.5 is no id.
        ident = int(ident)
    if isinstance(ident, bool) or not isinstance(ident, str | int):
        # A number that is not whole is shown as written (4.5, NaN): "a number" alone
        # read as a refusal of the whole numbers that are accepted.
        shown = json.dumps(ident) if isinstance(ident, float) else _json_kind(ident)
        return Skipped(where, f'has an "id" that is {shown}, not a string or a whole number')
    if not str(ident).strip():
        return Skipped(where, 'has an empty "id"')
    if not isinstance(text, str):
        return Skipped(where, f'has a "text" that is {_json_kind(text)}, not a string')
    if not text.strip():
        return Skipped(where, 'has an empty "text"')
    series, title = row.get("series"), row.get("title")
    if isinstance(series, list | dict):
        # A list's Python text (['a']) is no outlet's name: no series, rather than that.
        series = None
    # As a metadata.csv cell is: "Xinhua " or "Xinhua\n" from a scrape is the series
    # Xinhua, and white space alone is none.
    return Article(id=str(ident), series="" if series is None else str(series).strip(),
                   date=iso_date(_mongo_date(row.get("date"))), text=text, path=where,
                   title=title if isinstance(title, str) and title.strip()
                   else first_line(text))
