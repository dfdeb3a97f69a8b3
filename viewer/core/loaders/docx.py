"""DOCX: the text of a Word document's paragraphs and tables, in the order of its body.

A DOCX is a ZIP archive. Before python-docx sees it, the archive's declared sizes are checked
so a "zip bomb" (a few KB that would expand to gigabytes) is refused instead of filling memory;
Python's zipfile never inflates a member beyond its declared size, so the check is binding.
"""

from __future__ import annotations

import io
import zipfile

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


def extract_docx(data: bytes, shown: str) -> tuple[str, tuple[str, ...]]:
    """Paragraph and table text of a DOCX in body order, paragraphs separated by blank lines."""
    check_archive(data, shown)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        blocks = list(_body_blocks(document.element.body))
    except LoadError:
        raise
    except Exception as exc:  # python-docx, lxml and zipfile raise many kinds for bad files
        raise LoadError(shown, f"is a damaged DOCX file ({describe(exc)})",
                        "re-save it from Word or LibreOffice") from None
    return join_paragraphs(blocks), ()


def _body_blocks(body):  # type: ignore[no-untyped-def]
    """Yield one text block per paragraph and one per table row, in document order."""
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            yield _paragraph_text(child)
        elif child.tag == f"{_W}tbl":
            yield from _table_rows(child)
        elif child.tag == f"{_W}sdt":  # content controls wrap ordinary paragraphs/tables
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _body_blocks(content)


def _paragraph_text(p) -> str:  # type: ignore[no-untyped-def]
    """The visible characters of a w:p: runs' text, tabs and breaks, in order (including the
    text inside hyperlinks, insertions and fields, which python-docx's `.text` can skip)."""
    parts: list[str] = []
    for el in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}delText"):
        if el.tag == f"{_W}t":
            parts.append(el.text or "")
        elif el.tag == f"{_W}tab":
            parts.append("\t")
        elif el.tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        # w:delText is deleted (tracked-change) text: not part of what a reader sees.
    return "".join(parts)


def _table_rows(tbl):  # type: ignore[no-untyped-def]
    """One line per row, cells separated by tabs; nested tables follow their row."""
    for tr in tbl.iterchildren(f"{_W}tr"):
        cells: list[str] = []
        nested: list[str] = []
        for tc in tr.iterchildren(f"{_W}tc"):
            texts: list[str] = []
            for child in tc.iterchildren():
                if child.tag == f"{_W}p":
                    texts.append(_paragraph_text(child))
                elif child.tag == f"{_W}tbl":
                    nested.extend(_table_rows(child))
            cells.append(" ".join(t.strip() for t in texts if t.strip()))
        row = "\t".join(c for c in cells if c)
        if row:
            yield row
        yield from nested
