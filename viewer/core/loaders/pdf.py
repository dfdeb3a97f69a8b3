"""PDF: the text layer of every page, joined into paragraphs a reader would recognise.

pypdf gives each page's text line by line with the position of each line. From that:
running headers and footers (a line at the top or bottom of (nearly) every page, page numbers
counted as the same line) are dropped; lines are joined into paragraphs, a paragraph ending at
a wider vertical gap; a word hyphenated at a line end is joined again unless both halves are
words on their own ("well-known"); and pages are joined so a paragraph can run over a page
break. A PDF with pages but no text is a scan: the user is told to run OCR first.
"""

from __future__ import annotations

import io
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass

from viewer.core.errors import LoadError
from viewer.core.loaders.common import describe, join_paragraphs

# pypdf reports recoverable damage as log warnings; the user gets our message instead.
logging.getLogger("pypdf").addHandler(logging.NullHandler())
logging.getLogger("pypdf").propagate = False

#: Lines at each end of a page examined for running headers and footers.
_EDGE_LINES = 2
#: A line gap this many times the page's usual line gap starts a new paragraph.
_PARAGRAPH_GAP = 1.4
_HYPHENATED = re.compile(r"([^\W\d_]+)[-\u00ad]$")
_WORD_START = re.compile(r"^([^\W\d_]+)")
_SENTENCE_END = re.compile(r"[.!?:;。！？…\"'”’)\]]$")
#: Scripts written without spaces between words, and their punctuation (、。「」，：).
_CJK = re.compile(r"[\u2e80-\u2fdf\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
                  r"\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]")
#: A line starting with an ideographic space or two spaces is a paragraph's indented first line.
_INDENTED = re.compile(r"^(\u3000|[ \t]{2})")
#: Type this many times the body's size or larger is a headline's (see `_breaks`).
_LARGER_TYPE = 1.2
#: How far right of the line above (PDF units, about half an em) an indented first line starts.
_INDENT_STEP = 6.0
#: Characters of a line's end examined for a hyphenated word: keeps each join's work bounded.
_HYPHEN_WINDOW = 64
_DIGITS = re.compile(r"\d+")


@dataclass
class _Line:
    text: str
    y: float | None  # baseline height on the page (PDF units, up is larger); None if unknown
    x: float | None = None  # where the line starts (PDF units from the left); None if unknown
    #: Font size of its first fragment as printed (PDF units); None if unknown.
    size: float | None = None


def extract_pdf(data: bytes, shown: str) -> tuple[str, tuple[str, ...]]:
    """Text of a PDF's text layer as blank-line-separated paragraphs, and notes."""
    notes: list[str] = []
    try:
        import pypdf

        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            _decrypt(reader, shown)
            notes.append("the PDF is encrypted without a password to open it; read as is")
        pages = [_page_lines(page) for page in reader.pages]
    except LoadError:
        raise
    except RecursionError:
        raise LoadError(shown, "is a damaged PDF file (its structure loops)",
                        "re-save or print it to a new PDF") from None
    except Exception as exc:  # pypdf raises many kinds for damaged files
        raise LoadError(shown, f"is a damaged PDF file ({describe(exc)})",
                        "re-save or print it to a new PDF") from None
    if not pages:
        raise LoadError(shown, "is a PDF with no pages")
    if not any(line.text.strip() for page in pages for line in page):
        raise LoadError(shown, "has no text layer (its pages are images)", "run OCR first")
    pages, dropped = _drop_running_lines(pages)
    if dropped:
        shown_lines = ", ".join(repr(d) for d in dropped[:4])
        notes.append(f"dropped {len(dropped)} running header/footer line(s): {shown_lines}")
    paragraphs, joined = _paragraphs(pages)
    if joined:
        notes.append(f"joined {joined} word(s) hyphenated at line ends")
    return join_paragraphs(paragraphs), tuple(notes)


def _decrypt(reader, shown: str) -> None:  # type: ignore[no-untyped-def]
    """Open a PDF that is encrypted only against editing (empty user password)."""
    try:
        opened = reader.decrypt("")
    except Exception:  # missing AES support or a broken encryption dictionary
        opened = 0
    if not opened:
        raise LoadError(shown, "is an encrypted PDF that needs a password",
                        "save an unprotected copy and open that")


def _page_lines(page) -> list[_Line]:  # type: ignore[no-untyped-def]
    """A page's text lines, each with the baseline height of its first fragment."""
    lines: list[_Line] = [_Line("", None)]

    def on_text(text: str, cm, tm, font, size) -> None:  # type: ignore[no-untyped-def]
        pieces = text.split("\n")
        for index, piece in enumerate(pieces):
            if index:
                lines.append(_Line("", None))
            current = lines[-1]
            if piece and current.y is None and not current.text.strip():
                try:
                    current.y = float(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])
                    current.x = float(tm[4] * cm[0] + tm[5] * cm[2] + cm[4])
                except (TypeError, ValueError, IndexError):
                    current.y = current.x = None
                current.size = _printed_size(size, tm, cm)
            current.text += piece

    page.extract_text(visitor_text=on_text)
    return [line for line in lines if line.text.strip()]


def _printed_size(size, tm, cm) -> float | None:  # type: ignore[no-untyped-def]
    """A font size as printed: the size set, scaled by the text and page matrices."""
    try:
        scale = math.sqrt(abs((tm[0] * tm[3] - tm[1] * tm[2]) * (cm[0] * cm[3] - cm[1] * cm[2])))
        printed = float(size) * scale
    except (TypeError, ValueError, IndexError):
        return None
    return printed if math.isfinite(printed) and printed > 0 else None


def _edge_key(text: str) -> str:
    """How a header line is recognised on every page: page numbers and case ignored."""
    return _DIGITS.sub("#", " ".join(text.split())).casefold()


def _drop_running_lines(pages: list[list[_Line]]) -> tuple[list[list[_Line]], list[str]]:
    """Remove lines that open or close (nearly) every page: running headers and footers."""
    if len(pages) < 2:
        return pages, []
    needed = max(2, math.ceil(0.75 * len(pages)))
    counts: Counter[str] = Counter()
    for page in pages:
        edges = {_edge_key(line.text) for line in page[:_EDGE_LINES] + page[-_EDGE_LINES:]}
        counts.update(edges)
    running = {key for key, count in counts.items() if count >= needed and key.strip()}
    if not running:
        return pages, []
    dropped: dict[str, None] = {}  # an ordered set: each dropped line once, in order
    kept_pages: list[list[_Line]] = []
    for page in pages:
        edge_ids = {id(line) for line in page[:_EDGE_LINES] + page[-_EDGE_LINES:]}
        kept: list[_Line] = []
        for line in page:
            if id(line) in edge_ids and _edge_key(line.text) in running:
                dropped.setdefault(line.text.strip())
            else:
                kept.append(line)
        kept_pages.append(kept)
    return kept_pages, list(dropped)


def _paragraphs(pages: list[list[_Line]]) -> tuple[list[str], int]:
    """Join lines into paragraphs across pages; return them and the hyphenations undone.

    Each join looks only at the two lines it joins, so the work is linear in the text however
    long a paragraph runs."""
    widths = sorted(len(line.text.strip()) for page in pages for line in page)
    typical = widths[int(len(widths) * 0.8)] if widths else 0
    paragraphs: list[str] = []
    pieces: list[str] = []  # the current paragraph: its lines and the separators between
    last_text = ""  # the previous line as printed, which may be on the previous page
    joined = 0
    gap = _usual_gap(pages)
    size = _usual_size(pages)
    above: _Line | None = None  # the previous line, for the indentation test
    for page in pages:
        previous: _Line | None = None
        for line in page:
            text = line.text.strip()
            if pieces and _breaks(previous, line, gap, last_text, typical, above, size):
                paragraphs.append("".join(pieces))
                pieces = []
            if not pieces:
                pieces.append(text)
            else:
                kept, separator, was_hyphen = _join_lines(pieces[-1], text)
                pieces[-1:] = [kept, separator, text]
                joined += was_hyphen
            previous = above = line
            last_text = text
    if pieces:
        paragraphs.append("".join(pieces))
    return paragraphs, joined


def _usual_gap(pages: list[list[_Line]]) -> float | None:
    """The document's line spacing: its most common gap between consecutive lines."""
    gaps: Counter[float] = Counter()
    for page in pages:
        for a, b in zip(page, page[1:], strict=False):
            if a.y is not None and b.y is not None and a.y - b.y > 0.5:
                gaps[round(a.y - b.y, 1)] += 1
    if not gaps:
        return None
    return min(gaps, key=lambda g: (-gaps[g], g))


def _usual_size(pages: list[list[_Line]]) -> float | None:
    """The body text's font size: the size most lines are printed in."""
    sizes = Counter(round(line.size, 1) for page in pages for line in page if line.size)
    return min(sizes, key=lambda s: (-sizes[s], s)) if sizes else None


def _breaks(previous: _Line | None, line: _Line, gap: float | None, last_text: str,
            typical: int, above: _Line | None = None, size: float | None = None) -> bool:
    """Does `line` start a new paragraph after the line `last_text`?

    `previous` is the line before on the same page (None at a page's top), `above` the line
    before wherever it is; `size` the body text's font size (`_usual_size`)."""
    # An indented first line (Chinese text indents by two ideographic spaces), unless every
    # line is indented alike (a quotation, a code block).
    if _INDENTED.match(line.text) and (
            above is None or not _INDENTED.match(above.text) or len(last_text) < 0.8 * typical):
        return True
    # Lines in a larger type than the body's (a headline wrapped over two or three lines,
    # maybe centred) are set wider apart in proportion, and each may start further right.
    larger = (min(above.size, line.size) / size
              if above is not None and above.size and line.size and size else 1.0)
    if (above is not None and above.x is not None and line.x is not None
            and line.x > above.x + _INDENT_STEP and previous is not None
            and larger <= _LARGER_TYPE):
        return True
    # A short line that ends a sentence ends its paragraph.
    if _SENTENCE_END.search(last_text) and len(last_text) < 0.8 * typical:
        return True
    if previous is not None and previous.y is not None and line.y is not None and gap:
        step = previous.y - line.y
        # A wider gap than usual (at the lines' size), or a jump up the page (a new column).
        return step > gap * _PARAGRAPH_GAP * max(1.0, larger) or step < -gap
    return False


def _join_lines(left: str, right: str) -> tuple[str, str, bool]:
    """How the line `left` and the next line `right` of a paragraph join: `left` as kept
    (without a hyphen that only broke the word), the separator, and whether a hyphenation
    was undone."""
    hyphen = _HYPHENATED.search(left[-_HYPHEN_WINDOW:])
    start = _WORD_START.match(right[:_HYPHEN_WINDOW])
    if hyphen and start and right[:1].islower():
        if left.endswith("\u00ad") or not _is_compound(hyphen.group(1), start.group(1)):
            return left[:-1], "", True
        return left, "", False
    if left and right and (_CJK.match(left[-1]) or _CJK.match(right[0])):
        return left, "", False
    return left, " ", False


def _is_compound(first: str, second: str) -> bool:
    """True when a line-end hyphen belongs to the word (well-known), not to the line break:
    both halves are words and their join is not."""
    from viewer.core.rarity import frequencies

    words = frequencies("en")
    if not words:
        return False
    joined = (first + second).lower()
    return joined not in words and first.lower() in words and second.lower() in words
