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

from viewer.core.errors import LoadError, TooLarge
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
_SYM = f"{_W}sym"
_READ_TAGS = (_P, _TBL, _TR, _TC, _SYM, *_UNREAD, *_TEXT_TAGS)

#: The Symbol font's characters (codes 0x20-0x7E, then 0xA0-0xFE) as Unicode, after the
#: Unicode Consortium's mapping (Apple's SYMBOL.TXT) with today's characters for the
#: pieces it put in the private-use area; NUL where there is none (an extender glyph).
_SYMBOL_FONT = {code: ch for code, ch in zip(
    (*range(0x20, 0x7F), *range(0xA0, 0xFF)),
    " !\u2200#\u2203%&\u220b()\u2217+,\u2212./0123456789:;<=>?\u2245"
    "\u0391\u0392\u03a7\u0394\u0395\u03a6\u0393\u0397\u0399\u03d1\u039a\u039b\u039c"
    "\u039d\u039f\u03a0\u0398\u03a1\u03a3\u03a4\u03a5\u03c2\u03a9\u039e\u03a8\u0396"
    "[\u2234]\u22a5_\x00"
    "\u03b1\u03b2\u03c7\u03b4\u03b5\u03c6\u03b3\u03b7\u03b9\u03d5\u03ba\u03bb\u03bc"
    "\u03bd\u03bf\u03c0\u03b8\u03c1\u03c3\u03c4\u03c5\u03d6\u03c9\u03be\u03c8\u03b6"
    "{|}\u223c"
    "\u20ac\u03d2\u2032\u2264\u2044\u221e\u0192\u2663\u2666\u2665\u2660\u2194\u2190"
    "\u2191\u2192\u2193"
    "\u00b0\u00b1\u2033\u2265\u00d7\u221d\u2202\u2022\u00f7\u2260\u2261\u2248\u2026"
    "\u23d0\u23af\u21b5"
    "\u2135\u2111\u211c\u2118\u2297\u2295\u2205\u2229\u222a\u2283\u2287\u2284\u2282"
    "\u2286\u2208\u2209"
    "\u2220\u2207\u00ae\u00a9\u2122\u220f\u221a\u22c5\u00ac\u2227\u2228\u21d4\u21d0"
    "\u21d1\u21d2\u21d3"
    "\u25ca\u27e8\u00ae\u00a9\u2122\u2211\u239b\u239c\u239d\u23a1\u23a2\u23a3\u23a7"
    "\u23a8\u23a9\u23aa"
    "\x00\u27e9\u222b\u2320\u23ae\u2321\u239e\u239f\u23a0\u23a4\u23a5\u23a6\u23ab"
    "\u23ac\u23ad", strict=True) if ch != "\x00"}


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
        if depth and (tag in _TEXT_TAGS or tag == _SYM):
            piece = (element.text or "") if tag == _T else (
                _symbol(element) if tag == _SYM else _TEXT_TAGS[tag])
            pieces.append(piece)
            total += len(piece)
            if total > max_chars:
                raise TooLarge(shown, f"has more than {_megabytes(max_chars)} MB of text")
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


def _symbol(element: Any) -> str:
    """The character a w:sym (Insert > Symbol) stands for. Word writes a symbol font's
    character as its code plus 0xF000, in Unicode's private-use area: the Symbol font's
    are read as their Unicode equivalents (a bullet, a minus, Greek letters); a pictorial
    font's (Wingdings) have none and are dropped, as is a code that is no character."""
    try:
        code = int(element.get(f"{_W}char") or "", 16)
    except ValueError:
        return ""
    if (element.get(f"{_W}font") or "").strip().lower() == "symbol":
        return _SYMBOL_FONT.get(code - 0xF000 if code >= 0xF000 else code, "")
    if 0xE000 <= code <= 0xF8FF or 0xD800 <= code <= 0xDFFF or not 0 < code <= 0x10FFFF:
        return ""
    return chr(code)


def _drop(element: Any) -> None:
    """Read once: drop the element and the siblings before it, so memory stays flat."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _megabytes(count: int) -> str:
    return f"{count / 1048576:.3f}".rstrip("0").rstrip(".")
