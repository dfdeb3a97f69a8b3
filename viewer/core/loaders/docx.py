"""DOCX: the text of a Word document's paragraphs and tables, in the order of its body.

A DOCX is a ZIP archive. Its declared sizes are checked first so a "zip bomb" (a few KB that
would expand to gigabytes) is refused; Python's zipfile never inflates a member beyond its
declared size, so the check is binding. The main document part is then streamed (lxml
iterparse, each element dropped once read) and reading stops at the text size limit, so memory
stays a bounded multiple of that limit whatever the part's size.
"""

from __future__ import annotations

import io
import zipfile
from typing import IO, Any

from viewer.core.errors import LoadError
from viewer.core.loaders.common import describe, join_paragraphs

#: Largest total the archive may declare once uncompressed (a 50 MB novel is ~5 MB of XML).
MAX_UNCOMPRESSED = 512 * 1024 * 1024
#: Largest expansion ratio accepted for a member bigger than `_RATIO_FLOOR`. Word XML
#: compresses about 5-20 times; bombs compress thousands of times.
MAX_RATIO = 200
_RATIO_FLOOR = 8 * 1024 * 1024
_DOCUMENT_PART = "word/document.xml"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _T = (f"{_W}{name}" for name in ("p", "tbl", "tr", "tc", "t"))
#: Elements of a paragraph that are its text; the value is what a non-text one stands for.
#: Word writes a non-breaking hyphen ("e‑commerce") as an element of its own; a soft hyphen
#: (w:softHyphen, a place the word may break) is no character of the word, so not read.
_TEXT_TAGS = {_T: "", f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n",
              f"{_W}noBreakHyphen": "\u2011"}
#: Content not read: what Word writes a second time for readers without a feature (a
#: text box again as VML, after its DrawingML shape in mc:Choice), and tracked changes'
#: old text: a deletion, and a move's old place (w:moveFrom holds its runs as w:t, not
#: w:delText, and the same text stands again in w:moveTo at the new place).
_UNREAD = frozenset({"{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
                     f"{_W}del", f"{_W}moveFrom"})
_READ_TAGS = (_P, _TBL, _TR, _TC, *_UNREAD, *_TEXT_TAGS)


def is_docx(data: bytes) -> bool:
    """True when the bytes are a ZIP archive holding a Word main document part."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _DOCUMENT_PART in archive.namelist()
    except Exception:  # a damaged archive: let extract_docx say what is wrong
        return False


def check_archive(data: bytes, shown: str) -> None:
    """Refuse an archive that is damaged, is not Word, or would expand to gigabytes."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except NotImplementedError as exc:  # a newer ZIP version or compression method
        raise LoadError(shown, f"is a DOCX file packed in a way Tandem cannot unpack "
                        f"({describe(exc)})", "re-save it from Word or LibreOffice") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
        raise LoadError(shown, f"is a damaged DOCX file ({describe(exc)})",
                        "re-save it from Word or LibreOffice") from None
    if _DOCUMENT_PART not in {m.filename for m in members}:
        raise LoadError(shown, "is a ZIP archive but not a Word document (no word/document.xml)",
                        "open a DOCX, PDF, HTML or text file")
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED:
        raise LoadError(
            shown, f"would expand to {total / 1048576:.0f} MB when unpacked (a zip bomb?)",
            f"the limit is {MAX_UNCOMPRESSED // 1048576} MB")
    for m in members:
        if m.file_size > _RATIO_FLOOR and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise LoadError(
                shown,
                f"has a part ({m.filename}) that expands {m.file_size // max(m.compress_size, 1)}"
                f" times to {m.file_size / 1048576:.0f} MB (a zip bomb?)",
                "open a DOCX saved by a word processor")


def extract_docx(data: bytes, shown: str,
                 max_chars: int = 50 * 1024 * 1024) -> tuple[str, tuple[str, ...]]:
    """Paragraph and table text of a DOCX in body order, paragraphs separated by blank lines;
    `LoadError` when there is more than `max_chars` of text."""
    check_archive(data, shown)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, \
                archive.open(_DOCUMENT_PART) as part:
            blocks = _stream_blocks(part, max_chars, shown)
    except LoadError:
        raise
    except Exception as exc:  # zipfile and lxml raise many kinds for bad or unusual files
        raise LoadError(shown, f"is a damaged DOCX file ({describe(exc)})",
                        "re-save it from Word or LibreOffice") from None
    return join_paragraphs(blocks), ()


class _Table:
    """A table being read: the current row's cells, the current cell's paragraphs, and the
    rows of tables nested in this row (they follow the row)."""

    def __init__(self) -> None:
        self.rows: list[str] = []
        self.cells: list[str] = []
        self.cell: list[str] | None = None
        self.nested: list[str] = []


def _stream_blocks(part: IO[bytes], max_chars: int, shown: str) -> list[str]:
    """One text block per paragraph and per table row, in document order.

    A paragraph inside a paragraph (a text box) follows the outer one, as its own block
    (the box stands apart from the sentence it is anchored in); a paragraph in a table
    cell is part of that cell; deleted or moved-away text and an mc:Fallback (the
    same content again) are not read (`_UNREAD`)."""
    from lxml import etree

    blocks: list[str] = []
    pieces: list[str] = []  # the current paragraph's text
    outer: list[list[str]] = []  # the text so far of the paragraphs a text box is inside
    boxed: list[str] = []  # the text boxes' paragraphs, set after their outermost one's
    depth = 0  # paragraphs open (text boxes nest them)
    tables: list[_Table] = []
    total = 0
    unread = 0  # `_UNREAD` elements open
    # Only the elements read are reported (filtered in C); the others (runs, properties)
    # go when their paragraph is cleared, so at most one paragraph is held beyond the text.
    events = etree.iterparse(part, events=("start", "end"), tag=_READ_TAGS,
                             resolve_entities=False, no_network=True, load_dtd=False,
                             remove_comments=True, remove_pis=True)
    for event, element in events:
        tag = element.tag
        if tag in _UNREAD or unread:
            if tag in _UNREAD:
                unread += 1 if event == "start" else -1
            if event == "end":
                _drop(element)
            continue
        if event == "start":
            if tag == _P:
                depth += 1
                if depth > 1:
                    outer.append(pieces)
                    pieces = []
            elif tag == _TBL:
                tables.append(_Table())
            elif tag == _TC and tables:
                tables[-1].cell = []
            continue
        if depth and tag in _TEXT_TAGS:
            piece = (element.text or "") if tag == _T else _TEXT_TAGS[tag]
            pieces.append(piece)
            total += len(piece)
            if total > max_chars:
                raise LoadError(shown, f"has more than {_megabytes(max_chars)} MB of text",
                                "raise the limit with --max-size MB")
            continue  # cleared with its paragraph: cheaper than one by one
        elif tag == _P:
            depth -= 1
            text = "".join(pieces)
            if depth:
                boxed.append(text)
                pieces = outer.pop()
            else:
                pieces = []
                if tables and tables[-1].cell is not None:
                    tables[-1].cell.extend((text, *boxed))
                else:
                    blocks.extend((text, *boxed))
                boxed = []
        elif tag == _TC and tables and (cell := tables[-1].cell) is not None:
            tables[-1].cells.append(" ".join(t.strip() for t in cell if t.strip()))
            tables[-1].cell = None
        elif tag == _TR and tables:
            table = tables[-1]
            row = "\t".join(c for c in table.cells if c)
            table.rows.extend(([row] if row else []) + table.nested)
            table.cells, table.nested = [], []
        elif tag == _TBL and tables:
            rows = tables.pop().rows
            (tables[-1].nested if tables else blocks).extend(rows)
        _drop(element)
    return blocks


def _drop(element: Any) -> None:
    """Read once: drop the element and the siblings before it, so memory stays flat."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _megabytes(count: int) -> str:
    return f"{count / 1048576:.3f}".rstrip("0").rstrip(".")
