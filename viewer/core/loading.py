"""Turn a file on disk into a `Document`, or a `LoadError` that says what is wrong.

Files are only ever opened for reading. Plain text is decoded exactly (no newline
translation, nothing stripped but a byte-order mark) so offsets can be checked by any tool.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from viewer.core.document import Document
from viewer.core.errors import LoadError

#: Largest input read by default; `--max-size` (and the window's setting) raise it.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)


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


def decode_text(data: bytes, shown: str) -> str:
    """Decode plain text in any encoding: BOMs first, then strict UTF-8, then detection."""
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


def document_from_text(text: str, shown: str, name: str, path: str = "") -> Document:
    """Wrap loaded text as a `Document`, refusing text with nothing to compare."""
    if not text.strip():
        raise LoadError(shown, "is empty", "choose a file with text in it")
    if not any(ch.isalnum() for ch in text):
        raise LoadError(shown, "has no words in it", "choose a file with text in it")
    return Document(text=text, name=name, path=path)


def load_document(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Load any supported file as a `Document`; raise `LoadError` naming the problem."""
    shown = str(path)
    data = read_bytes(path, max_bytes)
    if not data:
        raise LoadError(shown, "is empty", "choose a file with text in it")
    text = decode_text(data, shown)
    return document_from_text(text, shown, Path(path).name, os.path.abspath(path))
