"""Turn a file on disk into a `Document`, or a `LoadError` that says what is wrong.

Files are only ever opened for reading. The format is chosen by sniffing the content first
(`%PDF-`, a ZIP holding word/document.xml, `<html`) and the extension second; each format has a
reader in `viewer.core.loaders`. Plain text is decoded exactly (no newline translation, nothing
stripped but a byte-order mark) so offsets can be checked by any tool. With `trim=True` the
text also goes through `viewer.core.trim.trim_noise`, and what it removed is in `Document.notes`.
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

from viewer.core.document import Document
from viewer.core.errors import LoadError

#: Largest input read by default; `--max-size` (and the window's setting) raise it.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
#: Share of control characters above which decoded "text" is taken to be binary data.
_MAX_CONTROL_SHARE = 0.01
#: Unicode's control characters (category Cc is exactly these two ranges) except the white
#: space ones; a regex counts them ten times faster than asking unicodedata per character.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")

#: Formats recognised by their first bytes that Tandem does not read, with what to say.
_FOREIGN_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG", "is a PNG image, not an article", "run OCR on it first"),
    (b"\xff\xd8\xff", "is a JPEG image, not an article", "run OCR on it first"),
    (b"GIF8", "is a GIF image, not an article", "run OCR on it first"),
    (b"\xd0\xcf\x11\xe0", "is an old Word (.doc) or Office file", "save it as DOCX or PDF"),
    (b"{\\rtf", "is an RTF document", "save it as DOCX, PDF or text"),
    (b"\x1f\x8b", "is a gzip archive, not an article", "unpack it first"),
    (b"\x7fELF", "is a program, not an article", "open a text, HTML, DOCX or PDF file"),
)
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".xht", ".shtml"}
_MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd", ".mkdn"}
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*(<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*"
                         rb"(<!doctype\s+html|<html[\s>]))", re.DOTALL)
_HTML_TAGS = re.compile(rb"<(html|head|body)[\s>]")


def read_bytes(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a whole input file, turning every OS-level failure into a `LoadError`."""
    shown = str(path)
    p = Path(path)
    try:
        if p.is_dir():
            raise LoadError(shown, "is a folder, not a file", "choose a file inside it")
        size = p.stat().st_size
    except FileNotFoundError:
        raise LoadError(shown, "no such file", "check the path") from None
    except PermissionError:
        raise LoadError(shown, "permission denied", "check the file's permissions") from None
    except OSError as exc:
        raise LoadError(shown, f"cannot be read: {exc.strerror or exc}") from None
    if size > max_bytes:
        raise LoadError(
            shown,
            f"is too large ({size / 1048576:.1f} MB; the limit is {max_bytes / 1048576:.0f} MB)",
            "raise the limit with --max-size MB",
        )
    try:
        with open(p, "rb") as handle:
            return handle.read(max_bytes + 1)
    except PermissionError:
        raise LoadError(shown, "permission denied", "check the file's permissions") from None
    except OSError as exc:
        raise LoadError(shown, f"cannot be read: {exc.strerror or exc}") from None


def has_bom(data: bytes) -> bool:
    """True when the bytes start with a UTF-8, UTF-16 or UTF-32 byte-order mark."""
    return data.startswith((codecs.BOM_UTF8, *_UTF16_BOMS, *_UTF32_BOMS))


def decode_text(data: bytes, shown: str) -> str:
    """Decode plain text in any encoding: BOMs first, then strict UTF-8, then detection;
    refuse bytes that decode only to control characters (binary data)."""
    return _refuse_binary(_decode(data, shown), shown)


def _refuse_binary(text: str, shown: str) -> str:
    sample = text[:65536]
    controls = len(_CONTROL_CHARS.findall(sample))
    if sample and controls > _MAX_CONTROL_SHARE * len(sample):
        raise LoadError(shown, "is binary, not text", "open a text, HTML, DOCX or PDF file")
    return text


def _decode(data: bytes, shown: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", shown)
    if data.startswith(_UTF32_BOMS):
        return _strict(data, "utf-32", shown)
    if data.startswith(_UTF16_BOMS):
        return _strict(data, "utf-16", shown)
    if b"\x00" not in data:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes  # only legacy encodings pay for detection

    best = from_bytes(data).best()
    if best is None or (b"\x00" in data and not best.encoding.startswith("utf_16")):
        raise LoadError(shown, "is binary, not text", "open a text, HTML, DOCX or PDF file")
    return str(best)


def _strict(data: bytes, encoding: str, shown: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise LoadError(
            shown,
            f"has invalid bytes for its {encoding.upper()} byte-order mark at byte {exc.start}",
            "re-save the file with one encoding",
        ) from None


def document_from_text(text: str, shown: str, name: str, path: str = "",
                       notes: tuple[str, ...] = ()) -> Document:
    """Wrap loaded text as a `Document`, refusing text with nothing to compare."""
    if not text.strip():
        raise LoadError(shown, "is empty", "choose a file with text in it")
    if not any(ch.isalnum() for ch in text):
        raise LoadError(shown, "has no words in it", "choose a file with text in it")
    return Document(text=text, name=name, path=path, notes=notes)


def sniff_format(data: bytes, suffix: str, shown: str) -> str:
    """"pdf", "docx", "html", "markdown" or "text": content first, then the extension.

    Raises `LoadError` for formats Tandem recognises but does not read, and for a file whose
    extension promises PDF or DOCX while its content is something else (damaged or misnamed).
    """
    from viewer.core.loaders.docx import is_docx

    suffix = suffix.lower()
    # PDF readers accept the header anywhere in the first KB; a text that merely quotes it
    # is not a PDF, so that leniency is kept for files named .pdf.
    if data.startswith(b"%PDF-") or (suffix == ".pdf" and b"%PDF-" in data[:1024]):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if suffix == ".docx" or is_docx(data):
            return "docx"
        raise LoadError(shown, "is a ZIP archive, not a Word document or an article",
                        "open a text, HTML, DOCX or PDF file")
    for magic, problem, hint in _FOREIGN_MAGIC:
        if data.startswith(magic):
            raise LoadError(shown, problem, hint)
    if suffix == ".pdf":
        raise LoadError(shown, "is not a PDF file (it does not start with %PDF-)",
                        "the file is damaged or misnamed")
    if suffix == ".docx":
        raise LoadError(shown, "is not a DOCX file (it is not a ZIP archive)",
                        "the file is damaged or misnamed")
    head = data[:4096].replace(b"\x00", b"").lower()
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    if suffix in _HTML_SUFFIXES or _HTML_START.match(head) or _HTML_TAGS.search(head):
        return "html"
    if suffix in _MARKDOWN_SUFFIXES:
        return "markdown"
    return "text"


def extract_text(data: bytes, kind: str, shown: str) -> tuple[str, tuple[str, ...]]:
    """The article text of `data` read as format `kind`, and the reader's notes."""
    if kind == "pdf":
        from viewer.core.loaders.pdf import extract_pdf

        return extract_pdf(data, shown)
    if kind == "docx":
        from viewer.core.loaders.docx import extract_docx

        return extract_docx(data, shown)
    if kind == "html":
        from viewer.core.loaders.html import extract_html

        return extract_html(data, shown)
    text = decode_text(data, shown)
    if kind == "markdown":
        from viewer.core.loaders.markdown import extract_markdown

        return extract_markdown(text, shown)
    return text, ()


def load_document(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES,
                  trim: bool = False) -> Document:
    """Load any supported file as a `Document`; raise `LoadError` naming the problem.

    `trim` removes scraped-text noise (see `viewer.core.trim`) and notes what went.
    """
    shown = str(path)
    data = read_bytes(path, max_bytes)
    if not data:
        raise LoadError(shown, "is empty", "choose a file with text in it")
    try:
        kind = sniff_format(data, Path(path).suffix, shown)
        text, notes = extract_text(data, kind, shown)
    except LoadError:
        raise
    except (RecursionError, MemoryError) as exc:
        raise LoadError(shown, f"is too complex to read ({type(exc).__name__})") from None
    except Exception as exc:  # a reader library's bug must still end in one clear message
        from viewer.core.loaders.common import describe

        raise LoadError(shown, f"could not be read ({describe(exc)})") from None
    if trim:
        from viewer.core.trim import trim_noise

        result = trim_noise(text)
        text, notes = result.text, notes + result.notes
    return document_from_text(text, shown, Path(path).name, os.path.abspath(path), notes)
