"""Turn a file on disk into a `Document`, or a `LoadError` that says what is wrong.

Files are only ever opened for reading. The format is chosen by sniffing the content first
(`%PDF-`, a ZIP holding word/document.xml, `<html`) and the extension second; each format has a
reader in `viewer.core.loaders`. Plain text is decoded exactly (no newline translation, nothing
stripped but a byte-order mark) so offsets can be checked by any tool. With `trim=True` the
text also goes through `viewer.core.trim.trim_noise`, and what it removed is in `Document.notes`.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import re
import stat
import unicodedata
from pathlib import Path

from viewer.core.document import Document
from viewer.core.errors import LoadError, TooLarge, os_problem, printable

#: Largest input read by default; `--max-size` raises it (the window cannot).
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
#: Share of control characters above which decoded "text" is taken to be binary data.
_MAX_CONTROL_SHARE = 0.01
#: Unicode's control characters (category Cc is exactly these two ranges) except the white
#: space ones; a regex counts them ten times faster than asking unicodedata per character.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")

#: The hint on a file that nothing makes an article: what to open in its place
#: (`LoadError.instead`).
_OPEN_AN_ARTICLE = "open a text, HTML, DOCX or PDF file"
#: Formats recognised by their first bytes that Tandem does not read, with what to say.
_FOREIGN_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG", "is a PNG image, not an article", "run OCR on it first"),
    (b"\xff\xd8\xff", "is a JPEG image, not an article", "run OCR on it first"),
    (b"GIF8", "is a GIF image, not an article", "run OCR on it first"),
    (b"\xd0\xcf\x11\xe0", "is an old Word (.doc) or Office file", "save it as DOCX or PDF"),
    (b"{\\rtf", "is an RTF document", "save it as DOCX, PDF or text"),
    (b"\x1f\x8b", "is a gzip archive, not an article", "unpack it first"),
    (b"\x7fELF", "is a program, not an article", _OPEN_AN_ARTICLE),
)
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".xht", ".shtml"}
_MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd", ".mkdn"}
_TEXT_SUFFIXES = {".txt", ".text"}
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*(<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*"
                         rb"(<!doctype\s+html|<html[\s>]))", re.DOTALL)
_HTML_TAGS = re.compile(rb"<(html|head|body)[\s>]")
# A news feed or a sitemap: XML that lists a site's articles (their leads, their
# addresses), in a crawl beside them and saved as .xml or as feed/index.html.
_LISTING_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*|<\?xml-stylesheet[^>]*>\s*)*"
                            rb"<(rss|feed|rdf:rdf|urlset|sitemapindex)[\s>]", re.DOTALL)


def _kind_of(mode: int) -> str | None:
    """What a non-regular file is, for the message; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def refuse_non_regular(shown: str, mode: int) -> None:
    """`LoadError` naming what the file `shown` (of stat mode `mode`) is, unless regular."""
    kind = _kind_of(mode)
    if kind == "a folder":
        raise LoadError(shown, "is a folder, not a file", "choose a file inside it",
                        instead=True)
    if kind is not None:
        raise LoadError(shown, f"is {kind}, not a file; only regular files are read",
                        "save the text to a file and open that")


def open_regular_file(path: str | os.PathLike[str]) -> int:
    """Open `path` for reading and return the descriptor, if it is a regular file.

    The file is opened without blocking and checked through the open descriptor, so a named
    pipe or a device can neither hang the caller nor be swapped in after the check.
    Raises `LoadError` naming what the path is instead."""
    shown = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except FileNotFoundError:
        if shown == "-":  # many tools read standard input for "-"; Tandem reads files only
            raise LoadError(shown, "standard input is not read, only files are",
                            "save the text to a file and give its path") from None
        raise LoadError(shown, "no such file", "check the path") from None
    except PermissionError:
        raise LoadError(shown, "permission denied", "check the file's permissions") from None
    except IsADirectoryError:
        raise LoadError(shown, "is a folder, not a file", "choose a file inside it",
                        instead=True) from None
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket, or a terminal that is not ours
            raise LoadError(shown, "is a socket or device, not a file; only regular files are read",
                            "save the text to a file and open that") from None
        raise LoadError(shown, f"cannot be read: {os_problem(exc)}") from None
    try:
        refuse_non_regular(shown, os.fstat(fd).st_mode)
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_bytes(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a whole input file, turning every OS-level failure into a `LoadError`.
    Only regular files are read (see `open_regular_file`)."""
    shown = str(path)
    fd = open_regular_file(path)
    with open(fd, "rb") as handle:
        size = os.fstat(fd).st_size
        if size <= max_bytes:
            try:
                # In pieces: a file can grow while read, or claim 0 bytes (/proc).
                chunks: list[bytes] = []
                total = 0
                while total <= max_bytes:
                    chunk = handle.read(min(max_bytes + 1 - total, 16 * 1048576))
                    if not chunk:
                        return b"".join(chunks)
                    chunks.append(chunk)
                    total += len(chunk)
                size = total
            except OSError as exc:
                raise LoadError(shown, f"cannot be read: {os_problem(exc)}") from None
        raise TooLarge(
            shown,
            f"is too large ({_megabytes(size, 1 if size >= 1048576 else 3)} MB; the limit is "
            f"{_megabytes(max_bytes)} MB)",
        )


def _megabytes(count: int, places: int = 3) -> str:
    """A byte count in MB as people write it: 50, 0.5, 0.001 (at most `places` decimals)."""
    return f"{count / 1048576:.{places}f}".rstrip("0").rstrip(".")


def has_bom(data: bytes) -> bool:
    """True when the bytes start with a UTF-8, UTF-16 or UTF-32 byte-order mark."""
    return data.startswith((codecs.BOM_UTF8, *_UTF16_BOMS, *_UTF32_BOMS))


def decode_text(data: bytes, shown: str) -> str:
    """Decode plain text in any encoding: BOMs first, then strict UTF-8, then detection;
    refuse bytes that decode only to control characters (binary data)."""
    return decode_text_with_notes(data, shown)[0]


def decode_text_with_notes(data: bytes, shown: str,
                           whole: str = "file") -> tuple[str, tuple[str, ...]]:
    """`decode_text`, with a note when bytes had to be replaced; `whole` is what the notes
    call the input ("file", or "page" for an HTML page)."""
    text, notes = _decode(data, shown, whole)
    return _refuse_binary(text, shown), notes


def _refuse_binary(text: str, shown: str) -> str:
    sample = text[:65536]
    controls = len(_CONTROL_CHARS.findall(sample))
    if sample and controls > _MAX_CONTROL_SHARE * len(sample):
        raise LoadError(shown, "is binary, not text", _OPEN_AN_ARTICLE, instead=True)
    return text


def _decode(data: bytes, shown: str, whole: str) -> tuple[str, tuple[str, ...]]:
    padded = _nul_padded(data, shown, whole)
    if padded is not None:
        return padded
    if data.startswith(codecs.BOM_UTF8):
        # The mark stays, as U+FEFF: a UTF-8 reader (the contract's outside tool) keeps it,
        # so offsets past it would be one off. It is zero-width and matches as nothing.
        return _by_bom(data, "utf-8", shown, whole)
    if data.startswith(_UTF32_BOMS):
        return _by_bom(data, "utf-32", shown, whole)
    if data.startswith(_UTF16_BOMS):
        return _by_bom(data, "utf-16", shown, whole)
    wide = _utf32_without_bom(data)
    if wide is not None:
        return wide, ()
    nuls = data.count(b"\x00")
    if nuls and nuls * 100 <= len(data):
        # A few stray NULs (a truncated write, a bad copy), not UTF-16's every other byte:
        # each becomes U+FFFD, one for one, so the rest reads as the UTF-8 it is.
        try:
            text = data.decode("utf-8").replace("\x00", "\ufffd")
        except UnicodeDecodeError:
            stray = _with_stray_nuls(data, shown, whole)
            if stray is not None:
                return stray[0], (*stray[1], _nuls_note(nuls))
        else:
            return text, (_nuls_note(nuls),)
    if nuls * 100 > len(data):
        damaged_wide = _damaged_utf16(data, whole)
        if damaged_wide is not None:
            return damaged_wide
    if b"\x00" not in data:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            damaged = damaged_utf8(data, whole)
        else:
            from viewer.core.short_text_decoding import double_byte_read_as_utf8

            return double_byte_read_as_utf8(data, text) or text, ()
        if damaged is not None:
            return damaged
    return _legacy_with_stray_bytes(data, shown, whole)


#: The bytes Windows-1252 leaves undefined.
_NOT_CP1252 = b"\x81\x8d\x8f\x90\x9d"
#: Share of the bytes beyond ASCII that may be undefined in Windows-1252 (though always
#: one) in a text still read in it.
_CP1252_MAX_UNDEFINED = 0.01


def _legacy_with_stray_bytes(data: bytes, shown: str,
                             whole: str) -> tuple[str, tuple[str, ...]]:
    """`_legacy`, but a Windows-1252 text with a stray byte or two that code page lacks
    is read in it, each such byte as U+FFFD with a note, not wholly in another code page
    (a French text with one 0x81 was read as Mac Roman, "approuvÈ"): the bytes stand in
    as an ASCII control byte while the text is weighed, and Windows-1252 is taken only if
    it is what the text then reads as. Those bytes open many a double-byte character
    (Shift-JIS's 、 is 0x81 0x41): a text that reads whole in such a code page is left
    as it is."""
    undefined = sum(data.count(byte) for byte in _NOT_CP1252)
    beyond_ascii = len(data.translate(None, bytes(range(128))))
    stand_in = next((byte for byte in _NUL_STAND_INS if byte not in data), None)
    # Bytes beyond ASCII besides them are what tells Windows-1252; the stand-ins tell nothing.
    if undefined and stand_in is not None and beyond_ascii > undefined and \
            undefined <= max(1.0, _CP1252_MAX_UNDEFINED * beyond_ascii) and \
            not any(_decodes(data, encoding) for encoding in _DOUBLE_BYTE):
        patched = data.translate(
            bytes.maketrans(_NOT_CP1252, bytes([stand_in]) * len(_NOT_CP1252)))
        try:
            text = _legacy(patched, shown)
        except LoadError:
            text = None
        if text is not None and text == patched.decode("cp1252"):
            first = re.search(b"[" + re.escape(_NOT_CP1252) + b"]", data)
            line = line_at(text, first.start() if first else 0)
            return text.replace(chr(stand_in), "\ufffd"), (
                replaced_note(undefined, "cp1252", line, whole),)
    stray = _stray_in_ascii(data, whole)
    if stray is not None:
        return stray
    return _legacy(data, shown), ()


#: Bytes beyond ASCII an ASCII text may hold for them to be weighed as stray bytes: more
#: are a text in a code page, or binary data.
_STRAY_BYTES = 8
#: The code pages weighed that write the Latin script.
_LATIN_CODE_PAGES = ("cp1252", "cp1250", "cp1254", "mac_roman")
_ASCII_WORD = re.compile(rb"[A-Za-z]{3}")
_BEYOND_ASCII_PAIR = re.compile(rb"[\x80-\xff]{2}")


def _stray_in_ascii(data: bytes, whole: str) -> tuple[str, tuple[str, ...]] | None:
    """An ASCII text with a few bytes beyond ASCII (`_STRAY_BYTES`) that no code page reads
    as anything its languages write (0xFF as "costÿ", "done я", "cost˙"): damage, each
    byte read as U+FFFD with a note, as bad bytes in UTF-8 text are, not a code page picked
    silently. Bytes that each stand alone among ASCII ones are weighed as Latin letters or
    marks only (one Cyrillic or Greek letter alone in a Latin text, "я", is no word), and
    are Windows-1252 when they read there as no Latin letter its languages lack, or hold
    only where a stray byte stands (a sign the lists hold no words for: "±", "½"; not the
    Icelandic þ of "costþ"). Bytes that read (a Windows-1252 "café", a
    Windows-1251 "город") are read so, as the weighing of short texts reads them; None
    for other texts."""
    from viewer.core.short_text_decoding import (
        READS_AS_ANYTHING,
        likeliest_reading,
        written_in_western_text,
    )

    beyond = len(data) - _ascii_bytes(data)
    if not beyond or beyond > _STRAY_BYTES or b"\x00" in data or \
            not _ASCII_WORD.search(data):
        return None
    lone = _BEYOND_ASCII_PAIR.search(data) is None
    reading = likeliest_reading(data, READS_AS_ANYTHING,
                                among=_LATIN_CODE_PAGES if lone else None)
    if reading is not None:
        return reading[1], ()
    if lone:
        with contextlib.suppress(UnicodeDecodeError):  # 0x81, 0x8D, 0x8F, 0x90, 0x9D
            # Each byte is weighed with the word it stands in: the lines holding them.
            if written_in_western_text(_non_ascii_lines(data).decode("cp1252")):
                return data.decode("cp1252"), ()
    text, bad, line = replaced_reading(data, "utf-8")
    return text, (replaced_note(bad, "utf-8", line, whole),)


#: The double-byte code pages Windows writes: Japanese, Chinese (both), Korean.
_DOUBLE_BYTE = ("cp932", "gb18030", "cp950", "cp949")


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _nuls_note(nuls: int) -> str:
    return f"{nuls} NUL byte{'s' if nuls > 1 else ''} replaced with \ufffd"


#: ASCII control bytes that stand in for stray NULs while a legacy text is decoded: each
#: is one character in every code page, and never the second byte of a double-byte one
#: (ISO-2022's and HZ's shifts, 0x0E, 0x0F and 0x1B, are left out).
_NUL_STAND_INS = (0x1A, *range(0x01, 0x09), *range(0x10, 0x1A), *range(0x1C, 0x20))


def _with_stray_nuls(data: bytes, shown: str,
                     whole: str) -> tuple[str, tuple[str, ...]] | None:
    """Text that is not UTF-8 (legacy-encoded, or UTF-8 with bad bytes too) with a few
    stray NUL bytes (a bad copy, a C string's terminator at its head), each read as
    U+FFFD, one for one, as in UTF-8 text; None for UTF-16 without a byte-order mark (its
    own NULs, few in Chinese text), or when every stand-in byte is in the text already."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding.startswith("utf_16"):
        return None
    stand_in = next((byte for byte in _NUL_STAND_INS if byte not in data), None)
    if stand_in is None:
        return None
    text, notes = _decode(data.replace(b"\x00", bytes([stand_in])), shown, whole)
    return text.replace(chr(stand_in), "\ufffd"), notes


def damaged_utf8(data: bytes, whole: str = "file") -> tuple[str, tuple[str, ...]] | None:
    """UTF-8 text cut inside its last character or with a few bad bytes, read with U+FFFD
    for them and a note (calling the input `whole`: file, page); None when the bytes are
    valid UTF-8, or are not UTF-8."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return (_utf8_cut_short(data, error, whole)
                or _utf8_with_windows_1252_bytes(data, whole) or _mostly_utf8(data, whole))
    return None


def _nul_padded(data: bytes, shown: str, whole: str) -> tuple[str, tuple[str, ...]] | None:
    """Text followed by NUL bytes and holding none itself: a file a crash or a preallocating
    download left zero-filled at its end, or a C string's terminator. The text is decoded
    as any is, each NUL then read as U+FFFD, one for one, with a note. None for other bytes
    (UTF-16 and UTF-32 text hold NULs of their own)."""
    text_bytes = data.rstrip(b"\x00")
    padding = len(data) - len(text_bytes)
    if not padding or not text_bytes or b"\x00" in text_bytes:
        return None
    text, notes = _decode(text_bytes, shown, whole)
    return text + "\ufffd" * padding, (
        *notes, f"{padding} NUL byte{'s' if padding > 1 else ''} replaced with \ufffd")


def _utf32_without_bom(data: bytes) -> str | None:
    """UTF-32 text without a byte-order mark: every fourth byte zero, each unit a code point."""
    if len(data) < 8 or len(data) % 4:
        return None
    for encoding, high, plane in (("utf-32-le", 3, 2), ("utf-32-be", 0, 1)):
        if not any(data[high::4]) and max(data[plane::4]) <= 0x10:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


#: Share of UTF-16 code units that may be bad (a lone surrogate) in damaged UTF-16 text;
#: binary data read as UTF-16 has one in 32.
_UTF16_MAX_BAD = 0.01
_LONE_SURROGATES = re.compile("[\ud800-\udfff]")


def _damaged_utf16(data: bytes, whole: str) -> tuple[str, tuple[str, ...]] | None:
    """UTF-16 without a byte-order mark that does not decode as a whole, as the detector
    needs: a few lone surrogates (a string cut between the halves of an emoji) or an odd
    last byte, each decoded as U+FFFD with a note. The byte order is the one whose high
    bytes hold the zeros (ASCII's). None when the text decodes whole (the detector reads
    it) or is not UTF-16."""
    zeros_even, zeros_odd = data[0::2].count(0), data[1::2].count(0)
    encoding = "utf-16-le" if zeros_odd > zeros_even else "utf-16-be"
    odd = len(data) % 2
    try:
        text = data[:len(data) - odd].decode(encoding, "surrogatepass")
    except UnicodeDecodeError:
        return None
    bad = len(_LONE_SURROGATES.findall(text)) + odd
    if not bad or bad > _UTF16_MAX_BAD * len(text):
        return None
    first = _LONE_SURROGATES.search(text)
    return _LONE_SURROGATES.sub("\ufffd", text) + "\ufffd" * odd, (
        replaced_note(bad, encoding, line_at(text, first.start() if first else len(text)),
                      whole),)


def _utf8_cut_short(data: bytes, error: UnicodeDecodeError,
                    whole: str) -> tuple[str, tuple[str, ...]] | None:
    """UTF-8 text cut inside its last character (`head -c`, an interrupted download): valid
    up to an unfinished sequence at its very end, with a U+FFFD for that and a note. One
    whole non-ASCII character before it is evidence enough: Windows-1252 text hardly ever
    holds a valid UTF-8 sequence ("Ã©"), though it may end on a byte that opens one ("é").
    None when the text is not that."""
    if error.reason != "unexpected end of data":  # the first error: the rest is valid
        return None
    head = data[:error.start].decode("utf-8")
    if head.isascii():
        return None
    return head + "\ufffd", (
        f"the {whole} is cut short inside its last character: its last "
        f"{len(data) - error.start} byte{'s' if len(data) - error.start > 1 else ''} "
        "replaced with \ufffd",)


#: Valid non-ASCII characters needed per invalid byte to call a file damaged UTF-8.
_UTF8_EVIDENCE = 10


def _mostly_utf8(data: bytes, whole: str) -> tuple[str, tuple[str, ...]] | None:
    """Text that is overwhelmingly valid UTF-8 with a few bad bytes, decoded with U+FFFD for
    them and a note; None when the bytes look like a legacy encoding instead."""
    text, bad, line = replaced_reading(data, "utf-8")
    replaced = _inserted(text, data, "utf-8")
    if replaced <= 0:
        return None
    # Every ASCII byte is one ASCII character, and no other byte reads as one.
    valid = len(text) - _ascii_bytes(data) - replaced
    # The long characters are counted only when they may tip the scale: that takes a pass.
    if valid < _UTF8_EVIDENCE * replaced and valid + (_UTF8_EVIDENCE - 1) * \
            _long_characters_valid_alone(data) < _UTF8_EVIDENCE * replaced:
        return None
    return text, (replaced_note(bad, "utf-8", line, whole),)


_BEYOND_ASCII = bytes(range(0x80, 0x100))


def _ascii_bytes(data: bytes) -> int:
    return len(data.translate(None, _BEYOND_ASCII))


#: Bytes not valid UTF-8, as `surrogateescape` reads them: one lone surrogate per byte.
_ESCAPED_BYTES = re.compile("[\udc80-\udcff]+")
#: Bytes pasted from Windows-1252 text allowed per other non-ASCII character in the file.
_PASTED_PER_UTF8_CHARACTER = 2


def _utf8_with_windows_1252_bytes(data: bytes,
                                  whole: str) -> tuple[str, tuple[str, ...]] | None:
    """UTF-8 text with a byte or two pasted from a Windows-1252 text ("caf\xe9",
    "board\x92s"), each read as Windows-1252 with a note: with few other non-ASCII
    characters ("today’s") the file was read wholly as Windows-1252, every ’ as "â€™".
    None unless the stray bytes are few, read as Western punctuation or as letters inside a
    word (a lone 0xFF after a full stop is damage, left to `_mostly_utf8`), and the rest
    reads as Western text: a legacy text's chance UTF-8 ("à\xa0»" is U+083B) does not.
    Bytes glued to a word that read as letters no Western language writes, or writes
    there (`written_in_western_text`), are no pasted text but damage (FF FE, a UTF-16
    byte-order mark, as "wordÿþ"; "wordþ"): each is U+FFFD, with the note bad bytes get."""
    from viewer.core.short_text_decoding import written_in_western_text

    escaped = data.decode("utf-8", "surrogateescape")
    runs = list(_ESCAPED_BYTES.finditer(escaped))
    stray = sum(len(run.group()) for run in runs)
    utf8_characters = len(escaped) - _ascii_bytes(data) - stray
    if not utf8_characters or stray > _PASTED_PER_UTF8_CHARACTER * utf8_characters \
            or _NOT_WESTERN.search(escaped):
        return None
    pieces: list[str] = []
    done = pasted = bad = 0
    first_bad = -1
    for run in runs:
        try:
            reading = run.group().encode("utf-8", "surrogateescape").decode("cp1252")
        except UnicodeDecodeError:  # a byte Windows-1252 lacks: damage, not pasted text
            return None
        in_word = escaped[run.start() - 1:run.start()].isalpha() or \
            escaped[run.end():run.end() + 1].isalpha()
        if not all(map(_is_western, reading)) or _cut_utf8_character(reading) or \
                (not in_word and any(ch.isalpha() for ch in reading)):
            return None
        pieces.append(escaped[done:run.start()])
        if written_in_western_text(_word_end(escaped, run.start()) + reading +
                                   _word_start(escaped, run.end())):
            pieces.append(reading)
            pasted += len(reading)
        else:
            pieces.append("\ufffd" * len(reading))
            bad += len(reading)
            first_bad = run.start() if first_bad < 0 else first_bad
        done = run.end()
    pieces.append(escaped[done:])
    notes: tuple[str, ...] = ()
    if pasted:
        notes = (f"{pasted} byte{'s that are' if pasted > 1 else ' that is'} not valid UTF-8 "
                 f"read as Windows-1252; the rest of the {whole} is UTF-8",)
    if bad:
        notes += (replaced_note(bad, "utf-8", line_at(escaped, first_bad), whole),)
    return "".join(pieces), notes


_WORD_END = re.compile(r"[^\W\d_]*\Z")
_WORD_START = re.compile(r"[^\W\d_]*")
#: Letters of a word weighed each side of bytes read in it: enough to tell its language.
_WORD_REACH = 40


def _word_end(text: str, at: int) -> str:
    """The letters of the word ending at `at` in `text` (its last `_WORD_REACH`)."""
    found = _WORD_END.search(text, max(0, at - _WORD_REACH), at)
    return found.group() if found else ""


def _word_start(text: str, at: int) -> str:
    """The letters of the word starting at `at` in `text` (its first `_WORD_REACH`)."""
    found = _WORD_START.match(text, at, at + _WORD_REACH)
    return found.group() if found else ""


def _cut_utf8_character(reading: str) -> bool:
    """Whether stray bytes (as Windows-1252) open with two bytes of a Western UTF-8
    character whose last byte is missing ("â€" of a ’ cut short): damage, not pasted text.
    A character the rest of the text could not hold is no evidence: "é”" (E9 94) opens
    only Chinese characters, and "“é" (93 E9) opens none."""
    opening = reading[:2].encode("cp1252")
    if len(opening) < 2:
        return False
    for last in range(0x80, 0xC0):
        try:
            character = (opening + bytes([last])).decode("utf-8")
        except UnicodeDecodeError:  # no character, or one of four bytes: none is Western
            continue
        if _is_western(character):
            return True
    return False


def _is_western(character: str) -> bool:
    """Whether a character is one Western text in Windows-1252 is written with."""
    if character.isascii():
        return True
    try:
        character.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return character not in _RARE_IN_WESTERN and unicodedata.category(character) != "Cc"


def _is_wide(encoding: str) -> bool:
    return encoding.startswith(("utf-16", "utf-32"))


def replaced_reading(data: bytes, encoding: str) -> tuple[str, int, int]:
    """`data` in `encoding`, each run of bytes (code unit, in UTF-16 and UTF-32) not valid
    in it read as U+FFFD as decoders do; how many bytes (code units) were not valid, as a
    U+FFFD may stand for two or three bytes (a U+FFFD the text itself writes is not
    counted); and the line of the first (0 for none)."""
    text = data.decode(encoding, "replace")
    try:
        data.decode(encoding)
    except UnicodeDecodeError as error:
        before = data[:error.start].decode(encoding, "replace")
    else:
        return text, 0, 0
    bad = _inserted(text, data, encoding)
    # A bad run holding an ASCII byte (in a double-byte code page) is not escaped: its
    # U+FFFD are counted then.
    with contextlib.suppress(UnicodeDecodeError):
        if not _is_wide(encoding):
            bad = len(_ESCAPED_BYTES_EACH.findall(data.decode(encoding, "surrogateescape")))
    return text, bad, line_at(before, len(before))


def _inserted(text: str, data: bytes, encoding: str) -> int:
    """How many U+FFFD decoding `data` with "replace" inserted in `text` (one may stand for
    a run of bytes), not counting those the text itself writes."""
    if encoding == "utf-8":  # the text's own are its EF BF BD, which always read as one
        return text.count("\ufffd") - data.count("\ufffd".encode())
    return text.count("\ufffd") - data.decode(encoding, "ignore").count("\ufffd")


#: One byte not valid in its encoding, as `surrogateescape` reads it.
_ESCAPED_BYTES_EACH = re.compile("[\udc80-\udcff]")


def line_at(text: str, at: int) -> int:
    """The line (from 1) of `text`'s character `at`, as editors count lines (LF, CR LF or
    CR ends one)."""
    return text.count("\n", 0, at) + text.count("\r", 0, at) - text.count("\r\n", 0, at) + 1


def replaced_note(bad: int, encoding: str, line: int, whole: str = "file") -> str:
    """The note on `bad` bytes (code units, in UTF-16 and UTF-32) not valid in `encoding`,
    the first on `line`, read as U+FFFD in a `whole` (file, page) that is otherwise in it:
    what a reader can look for in the file."""
    unit = "code unit" if _is_wide(encoding) else "byte"
    name = encoding.upper()
    return (f"{bad} {unit}{'s that are' if bad > 1 else ' that is'} not valid {name} "
            f"replaced with \ufffd (the first on line {line}); the rest of the {whole} is "
            f"{name}")


def _long_characters_valid_alone(data: bytes) -> int:
    """UTF-8 characters of three or four bytes in runs of non-ASCII bytes that are valid
    UTF-8 whole ("today’s", "’”"): each outweighs a bad byte alone. Legacy text hardly
    ever has one: a single-byte code page needs a lowercase letter and two symbols for it
    ("é…”"), and a double-byte one's run is a phrase of characters that fails somewhere.
    An English text's curly quotes are such, and may be all its non-ASCII characters."""
    # Valid UTF-8 writes such a character with one byte from 0xE0 up, its first: all of
    # those bytes count but the ones in runs that hold a bad byte (few, as bad bytes are).
    count = len(data.translate(None, _BELOW_E0))
    escaped = data.decode("utf-8", "surrogateescape")
    end = 0
    for bad in _ESCAPED_BYTES.finditer(escaped):
        if bad.start() < end:  # in the run just counted
            continue
        start = bad.start() - _non_ascii_run(escaped, bad.start(), backwards=True)
        end = bad.end() + _non_ascii_run(escaped, bad.end())
        count -= len(escaped[start:end].encode("utf-8", "surrogateescape")
                     .translate(None, _BELOW_E0))
    return count


_BELOW_E0 = bytes(range(0xE0))
_NON_ASCII_CHARACTERS = re.compile("[^\x00-\x7f]*")


def _non_ascii_run(text: str, at: int, backwards: bool = False) -> int:
    """How many characters beyond ASCII `text` has in a row from `at` on, or (`backwards`)
    right before it: looked for in ever larger pieces, so a run costs its length, not the
    text's."""
    size = 64
    while True:
        piece = text[max(0, at - size):at][::-1] if backwards else text[at:at + size]
        found = _NON_ASCII_CHARACTERS.match(piece)
        run = found.end() if found else 0
        if run < len(piece) or len(piece) < size:
            return run
        size *= 8


#: Languages usually written in Windows-1252 (charset_normalizer's names).
_WESTERN_LANGUAGES = frozenset({
    "English", "French", "German", "Spanish", "Portuguese", "Italian", "Dutch", "Danish",
    "Norwegian", "Swedish", "Finnish", "Catalan", "Indonesian", "Unknown", ""})
#: What Windows actually writes for an encoding the detector names: its superset.
_SUPERSETS = {"gb2312": ("gb18030",), "gbk": ("gb18030",), "hz": ("gb18030",),
              "big5": ("cp950", "big5hkscs"), "cp950": ("cp950", "big5hkscs"),
              "shift_jis": ("cp932", "shift_jis_2004"), "cp932": ("cp932", "shift_jis_2004")}
#: Characters Windows-1252 text of a Western language hardly ever holds, though the
#: encoding has them; many of them mean the bytes are another code page.
_RARE_IN_WESTERN = frozenset("\u0192\u02c6\u02dc\u2030\u2039\u203a\u00a4\u00a6\u00a8\u00ac"
                             "\u00af\u00b4\u00b8\u00b9\u00b2\u00b3\u00bc\u00bd\u00be\u0178")
#: A character beyond ASCII that is neither Western (`_is_western`) nor a byte not valid
#: UTF-8 (as `surrogateescape` reads it): the characters Windows-1252 encodes are those
#: its bytes decode to.
_NOT_WESTERN = re.compile("[^\x00-\x7f\udc80-\udcff" + "".join(
    filter(_is_western, _BEYOND_ASCII.decode("cp1252", "ignore"))) + "]")


def _legacy(data: bytes, shown: str) -> str:
    """Decode a legacy-encoded text, preferring what people actually write when the detector
    is unsure: Windows-1252 for Western languages, GB18030, Big5 (cp950), Shift-JIS (cp932)."""
    from charset_normalizer import from_bytes  # only legacy encodings pay for detection

    from viewer.core.short_text_decoding import (
        READS_AS_TEXT,
        is_short,
        likeliest,
        needs_weighing,
    )

    best = from_bytes(data).best()
    if b"\x00" in data and (best is None or not best.encoding.startswith("utf_16")):
        raise LoadError(shown, "is binary, not text", _OPEN_AN_ARTICLE, instead=True)
    if best is None:
        # The detector gives up on a word or two ("Да.", "教授!"): a short text is weighed
        # as one it guesses for is, and taken when it reads as words of its language;
        # else it is Windows-1252 text or binary (what reads, as control characters, is
        # refused after: `_refuse_binary`). Nearly any bytes decode in some code page.
        text = likeliest(data, READS_AS_TEXT) if is_short(data) else None
        western = text if text is not None else _as_western(data)
        if western is None:
            raise LoadError(shown, "is binary, not text", _OPEN_AN_ARTICLE, instead=True)
        return western
    if needs_weighing(best.encoding, data):
        # A short text gives the detector too little to go on.
        text = likeliest(data)
        if text is not None:
            return text
    for encoding in _SUPERSETS.get(best.encoding, ()):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    if best.language in _WESTERN_LANGUAGES and not _is_multibyte(best.encoding):
        western = _as_western(data)
        if western is not None:
            return western
    return str(best)


def _is_multibyte(encoding: str) -> bool:
    return encoding.startswith(("utf", "gb", "big5", "cp9", "shift", "euc", "iso2022", "hz",
                                "johab"))


#: The code pages Western text is written in: Windows', and classic Mac OS's (whose
#: curly quotes and accented letters are other accented letters in Windows-1252).
_WESTERN_CODE_PAGES = ("cp1252", "mac_roman")
#: Bytes of a text's lines beyond ASCII weighed to tell which of them it is in: as
#: telling as all of them, and a 50 MB text is weighed in a moment.
_WESTERN_SAMPLE = 65_536
_BEYOND_ASCII_BYTE = re.compile(rb"[\x80-\xff]")


def _non_ascii_lines(data: bytes) -> bytes:
    """The lines of `data` holding a byte beyond ASCII, up to about `_WESTERN_SAMPLE`."""
    from viewer.core.short_text_decoding import lines_holding

    return lines_holding(_BEYOND_ASCII_BYTE, data, _WESTERN_SAMPLE)


def _as_western(data: bytes) -> str | None:
    """The bytes as Windows-1252 or Mac Roman, whichever reads as more common words, if
    that reads as Western text: most letters ASCII, the rest accented letters and
    typographic punctuation, hardly any rare symbols."""
    from viewer.core.short_text_decoding import likeliest_reading

    readings = {}
    for encoding in _WESTERN_CODE_PAGES:
        try:
            readings[encoding] = data.decode(encoding)
        except UnicodeDecodeError:  # Windows-1252 lacks 0x81, 0x8D, 0x8F, 0x90 and 0x9D
            continue
    reading = likeliest_reading(_non_ascii_lines(data), among=tuple(readings))
    if reading is None:
        return None
    text = readings[reading[0]]
    high = [ch for ch in text if ord(ch) > 127]
    letters = sum(1 for ch in text if ch.isalpha())
    if letters == 0:
        return None
    high_letters = sum(1 for ch in high if ch.isalpha())
    rare = sum(1 for ch in high if ch in _RARE_IN_WESTERN or unicodedata.category(ch) == "Cc")
    if high_letters > 0.3 * letters or rare > 0.02 * max(len(high), 1):
        return None
    return text


#: Share of characters that may be bad in a file whose byte-order mark names its encoding;
#: beyond it the file is two encodings in one, not a damaged one.
_BOM_MAX_BAD = 0.01


def _by_bom(data: bytes, encoding: str, shown: str,
            whole: str) -> tuple[str, tuple[str, ...]]:
    """Text in the encoding its byte-order mark names. A few bytes (UTF-8) or code units
    (UTF-16, UTF-32) that are not valid in it (a bad copy, a string cut inside a
    character) are each read as U+FFFD with a note, as in a file without a mark; more
    than `_BOM_MAX_BAD` of the text (though always one) is refused."""
    try:
        return data.decode(encoding), ()
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    text, bad, line = replaced_reading(data, encoding)
    if _inserted(text, data, encoding) > max(1.0, _BOM_MAX_BAD * len(text)):
        raise LoadError(
            shown,
            f"has invalid bytes for its {encoding.upper()} byte-order mark at byte {first_bad}",
            "re-save the file with one encoding",
        )
    return text, (replaced_note(bad, encoding, line, whole),)


def document_from_text(text: str, shown: str, name: str, path: str = "",
                       notes: tuple[str, ...] = (), *,
                       hint: str = "choose a file with text in it") -> Document:
    """Wrap loaded text as a `Document`, refusing text with nothing to compare (`hint`:
    what to do instead)."""
    if not text.strip():
        raise LoadError(shown, "is empty", hint, instead=True)
    if not any(ch.isalnum() for ch in text):
        raise LoadError(shown, "has no words in it", hint, instead=True)
    return Document(text=text, name=name, path=path, notes=notes)


#: ZIP-based formats Tandem does not read, by the `mimetype` entry OpenDocument and EPUB
#: files begin with: what the file is, and what to do.
_PACKED_BY_MIMETYPE = {
    "application/vnd.oasis.opendocument.text": (
        "an OpenDocument text (.odt)", "save it as DOCX or PDF, or export it as text"),
    "application/vnd.oasis.opendocument.spreadsheet": (
        "an OpenDocument spreadsheet (.ods)", "copy the article's text into a text file"),
    "application/vnd.oasis.opendocument.presentation": (
        "an OpenDocument presentation (.odp)", "export it as PDF"),
    "application/epub+zip": (
        "an EPUB e-book", "convert it to text or PDF with an e-book tool such as Calibre"),
}
#: Office Open XML files other than Word, by their main part.
_PACKED_BY_PART = {
    "xl/workbook.xml": ("an Excel workbook (.xlsx)", "copy the article's text into a text file"),
    "ppt/presentation.xml": ("a PowerPoint presentation (.pptx)", "export it as PDF"),
}
_MAX_MIMETYPE_BYTES = 200


def _packed_format(data: bytes) -> tuple[str, str] | None:
    """What a ZIP archive that is no DOCX is (an OpenDocument file, an EPUB book, an Excel
    workbook), and what to do with it; None when it is none of those, or is damaged."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            for part, known in _PACKED_BY_PART.items():
                if part in names:
                    return known
            if "mimetype" not in names or \
                    archive.getinfo("mimetype").file_size > _MAX_MIMETYPE_BYTES:
                return None
            mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
    except Exception:  # a damaged archive: the generic message stands
        return None
    return _PACKED_BY_MIMETYPE.get(mimetype)


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
        if is_docx(data):
            return "docx"
        packed = _packed_format(data)
        if packed is not None:
            raise LoadError(shown, f"is {packed[0]}, a format Tandem does not read", packed[1])
        if suffix == ".docx":  # a damaged one: the DOCX reader says what is wrong
            return "docx"
        raise LoadError(shown, "is a ZIP archive, not a Word document or an article",
                        _OPEN_AN_ARTICLE, instead=True)
    # Editors that add a byte-order mark put it before any format's first bytes (RTF's).
    unmarked = data.removeprefix(codecs.BOM_UTF8)
    for magic, problem, hint in _FOREIGN_MAGIC:
        if unmarked.startswith(magic):
            raise LoadError(shown, problem, hint, instead=hint == _OPEN_AN_ARTICLE)
    if suffix == ".pdf":
        raise LoadError(shown, "is not a PDF file (it does not start with %PDF-)",
                        "the file is damaged or misnamed")
    if suffix == ".docx":
        raise LoadError(shown, "is not a DOCX file (it is not a ZIP archive)",
                        "the file is damaged or misnamed")
    head = data[:4096].replace(b"\x00", b"").lower()
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    # A text or Markdown file is HTML only when it starts as a page does: an article may
    # well mention "<head>" or "<body>" (web developers do), and read as a page it would
    # lose nearly all its text.
    listing = _LISTING_START.match(head)
    if listing:
        if listing.group(3) in (b"urlset", b"sitemapindex"):
            raise LoadError(shown, "is a sitemap (a list of a site's pages), not an article",
                            "open the pages it lists")
        raise LoadError(shown, "is a news feed (RSS or Atom), not an article",
                        "open the articles it links to")
    named_text = suffix in _TEXT_SUFFIXES or suffix in _MARKDOWN_SUFFIXES
    if (suffix in _HTML_SUFFIXES or _HTML_START.match(head)
            or (not named_text and _HTML_TAGS.search(head))):
        return "html"
    if suffix in _MARKDOWN_SUFFIXES:
        return "markdown"
    return "text"


def extract_text(data: bytes, kind: str, shown: str,
                 max_chars: int = DEFAULT_MAX_BYTES) -> tuple[str, tuple[str, ...]]:
    """The article text of `data` read as format `kind`, and the reader's notes.
    `max_chars` bounds the text a compressed format (DOCX) may unpack to."""
    if kind == "pdf":
        from viewer.core.loaders.pdf import extract_pdf

        return extract_pdf(data, shown)
    if kind == "docx":
        from viewer.core.loaders.docx import extract_docx

        return extract_docx(data, shown, max_chars)
    if kind == "html":
        from viewer.core.loaders.html import extract_html

        return extract_html(data, shown)
    text, notes = decode_text_with_notes(data, shown)
    if kind == "markdown":
        from viewer.core.loaders.markdown import extract_markdown

        markdown_text, markdown_notes = extract_markdown(text, shown)
        return markdown_text, notes + markdown_notes
    return text, notes


def load_document(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES,
                  trim: bool = False) -> Document:
    """Load any supported file as a `Document`; raise `LoadError` naming the problem.

    `trim` removes scraped-text noise (see `viewer.core.trim`) and notes what went.
    """
    shown = str(path)
    data = read_bytes(path, max_bytes)
    if not data:
        raise LoadError(shown, "is empty", "choose a file with text in it", instead=True)
    try:
        kind = sniff_format(data, Path(path).suffix, shown)
        text, notes = extract_text(data, kind, shown, max_bytes)
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
    # Names are shown and exported as UTF-8 text: undecodable bytes become escapes.
    return document_from_text(text, shown, printable(Path(path).name),
                              printable(os.path.abspath(path)), notes)
