"""Which legacy encoding a short text is in, where the detector cannot tell.

In a few characters, bytes above ASCII decode in many encodings, and `charset_normalizer`
guesses from too little. GBK, Big5, Shift-JIS and the Korean code page all write a
character as two bytes in one range: a GBK title of six characters, or a metadata.csv
whose only Chinese is a few series names (新华社), read as Korean or as Big5 one time in
two (陔貌扦). A Windows-1252 "déjà vu" or "«Bonjour»" read as Urdu, Arabic or half-width
kana one time in four. Read rightly, a text is made of what its language writes most;
read in another encoding, of what no one writes. So each encoding the bytes decode in
is weighed by how common its reading is in the languages written in it (wordfreq's
lists, `viewer.core.rarity`): whole words in alphabetic scripts ("dйjа", Cyrillic
letters inside a Latin word, is no word of any language), characters in Chinese,
Japanese and Korean (traditional characters looked up as their simplified forms). The
likeliest reading wins. A text of a word or two ("Да.", "教授!") the detector may not
guess at all: it is weighed the same way, and taken when its likeliest reading is made of
words or characters its language uses (`READS_AS_TEXT`); what reads as none, a few bytes
of binary data read as rare letters of some code page, is left to be called binary.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from itertools import islice, pairwise

from viewer.core.han_script import to_simplified
from viewer.core.rarity import commonest_words, per_character

#: The encodings weighed, as Windows writes them, with the languages written in each
#: (wordfreq's codes). Where two read a text alike (`_ALIKE`), the first is kept.
ENCODINGS = (
    ("cp1252", ("en", "fr", "de", "es", "pt", "it", "nl", "sv", "da", "nb", "fi", "ca", "is")),
    ("cp1250", ("cs", "pl", "hu", "ro", "sk", "sl", "sh")),
    ("cp1251", ("ru", "uk", "bg")),
    # Unix's Cyrillic (KOI8-U adds Ukrainian's letters): its letters are Windows-1251's
    # of the other case, out of order ("рТЙЧЕФ"), which the word lists tell apart.
    ("koi8_r", ("ru", "uk", "bg")), ("koi8_u", ("ru", "uk", "bg")),
    ("cp1253", ("el",)),
    ("cp1254", ("tr",)),
    # Classic Mac OS text: its curly quotes (0xD2-0xD5) and accented letters (é 0x8E) are
    # Cyrillic letters in cp1251, read inside Latin words ("cafЋ"), which no language writes.
    ("mac_roman", ("en", "fr", "de", "es", "pt", "it", "nl", "sv", "da", "nb", "fi", "ca")),
    ("gb18030", ("zh",)), ("cp950", ("zh",)), ("big5hkscs", ("zh",)),
    ("cp932", ("ja",)), ("shift_jis_2004", ("ja",)), ("euc_jp", ("ja",)),
    ("cp949", ("ko",)),
)
#: Commonness per item weighed by which a reading must beat one in an encoding listed
#: before it to be taken: closer, the two read alike (an Icelandic name the lists lack,
#: "Þingvellir", and a Turkish one, "Şingvellir", weigh as their first letters do,
#: within 0.01).
_ALIKE = 0.05
#: Languages read a character at a time: they write no spaces between words (Korean
#: does, but its syllables are as telling one by one).
_BY_CHARACTER = frozenset({"zh", "ja", "ko"})
#: The detector's names of the double-byte encodings weighed, of those they include, and
#: of the Korean one (johab) it takes them for.
_EAST_ASIAN = ("gb", "big5", "cp950", "cp932", "shift_jis", "euc_j", "cp949", "euc_kr",
               "johab")
#: Bytes above ASCII up to which a text is too short for the detector alone.
SHORT = 256
#: Commonness (mean log10 frequency, `_evidence`) a reading needs to be taken for text
#: where the detector makes no guess: a word or two of any language weighed reads above
#: -4.5, bytes of no text mostly below (a cp1251 reading of random bytes: "Ьx(-в!ХsuЦЏb").
READS_AS_TEXT = -5.0
#: log10 of the frequency given to a word or character its language's list lacks.
_UNLISTED = -8.0
#: Commonness a reading of a few stray bytes in an ASCII text needs to be taken for text:
#: above that of bytes no language weighed writes there ("costÿ", "costя", "cost˙").
READS_AS_ANYTHING = _UNLISTED + 1.0
#: What a word its language's list lacks costs beyond its letters (log10): a run of
#: common letters is no word for that ("Fährbahnhof" is, "ваеп" is not).
_UNLISTED_WORD = -3.0
#: log10 of the frequency given to a punctuation mark: every language uses them, and
#: the signs of money and © ® ° ™ too, and white space (a no-break space: weighed as a
#: rare letter, it lost to Mac Roman's "†", "10†%"); wordfreq's lists hold none of them.
_PUNCTUATION = -3.0
_COMMON_SIGNS = frozenset("\u00a9\u00ae\u00b0\u2122")
#: C1 control characters: a code page that reads one (cp932, byte 0x80) reads no text.
_C1_CONTROLS = re.compile("[\x80-\x9f]")
#: Words of each language's list read: its commonest, enough to tell its texts.
_WORDS = 20_000
_LETTERS = re.compile(r"[^\W\d_]+")
#: Unicode's categories of opening marks (‚ „), of other punctuation (· ‡ ‰ ¿ ¡) and of
#: currency signs ("citt€": "città" read as Windows-1251).
_NOT_AFTER_LETTERS = ("Ps", "Po", "Sc")
#: The ASCII bytes, deleted to count the others at C speed.
_ASCII = bytes(range(128))


def needs_weighing(encoding: str, data: bytes) -> bool:
    """Whether the detector's `encoding` for `data` is to be weighed against the others:
    `data` is short, or the encoding is a double-byte East Asian one (their readings of
    one text are alike to it), or UTF-16. Bytes with a NUL in them are none of these
    encodings' text: UTF-16 (or 32) writes one for every ASCII character, line breaks
    included, and without a NUL its guess is a few Chinese characters taken for it."""
    return b"\x00" not in data and (is_short(data)
                                     or encoding.startswith((*_EAST_ASIAN, "utf_16")))


def is_short(data: bytes) -> bool:
    """Whether `data` has too few bytes beyond ASCII (`SHORT`) for the detector alone."""
    return len(data.translate(None, _ASCII)) <= SHORT


def likeliest(data: bytes, least: float = -math.inf) -> str | None:
    """The text `data` decodes to in the encoding (of `ENCODINGS`) whose reading is made
    of the most common words or characters of its languages; None when it decodes in
    none, or (`least`: e.g. `READS_AS_TEXT`) when no reading is that common."""
    reading = likeliest_reading(data, least)
    return reading[1] if reading is not None else None


def likeliest_reading(data: bytes, least: float = -math.inf,
                      among: tuple[str, ...] | None = None) -> tuple[str, str] | None:
    """`likeliest`, with the encoding it is read in: (encoding, text); `among`: only
    these of `ENCODINGS` are weighed."""
    # A short text's other lines read alike in every encoding, and what is weighed (a word,
    # a mark, a character with its neighbours) lies within one line: they are left out, or
    # a long ASCII text with one stray byte took minutes, read word by word.
    weighed = lines_holding(_READ_APART, data) if is_short(data) else _sampled(data)
    best, best_score, best_mean = None, -math.inf, -math.inf
    for encoding, languages in ENCODINGS:
        if among is not None and encoding not in among:
            continue
        try:
            text = weighed.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _C1_CONTROLS.search(text):
            continue
        text = text.translate(_ascii_read_otherwise(encoding))
        score, mean, count = max(_evidence(text, language) for language in languages)
        if score > best_score + _ALIKE * count:
            best, best_score, best_mean = encoding, score, mean
    # How common a reading's items are tells text from binary, however many they are.
    if best is None or best_mean < least:
        return None
    return best, data.decode(best)


#: The double-byte encodings weighed (Chinese, Japanese, Korean).
_DOUBLE_BYTE = tuple(encoding for encoding, languages in ENCODINGS
                     if _BY_CHARACTER.intersection(languages))
#: Code pages whose letters beyond ASCII are those their languages write: Windows' and
#: Unix's, Mac Roman, Kazakh's, and ISO's for the Latin letters those lack (Maltese ħ,
#: Esperanto ĥ, Sami ŧ, Welsh ŵ).
_LETTER_CODE_PAGES = ("cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256",
                      "cp1257", "cp1258", "koi8_r", "koi8_u", "mac_roman", "kz1048",
                      "ptcp154", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_10",
                      "iso8859_13", "iso8859_14", "iso8859_16")
_WRITTEN = frozenset("".join(bytes(range(0x80, 0x100)).decode(page, "ignore")
                             for page in _LETTER_CODE_PAGES))


def _script(ch: str) -> str:
    """The script of a letter, by the first word of its Unicode name (LATIN, CYRILLIC)."""
    return unicodedata.name(ch, "?").split(" ", 1)[0]


#: The scripts (and modifier letters) those code pages write: of a script none of them
#: writes (Armenian), a letter they lack tells nothing.
_WRITTEN_SCRIPTS = frozenset(_script(ch) for ch in _WRITTEN
                             if unicodedata.category(ch)[0] == "L" or
                             unicodedata.category(ch) == "Sk")
_BEYOND_ASCII_CHARACTER = re.compile("[^\x00-\x7f]")


def double_byte_read_as_utf8(data: bytes, text: str) -> str | None:
    """The reading of a short text `data` in a double-byte code page, when its bytes are
    valid UTF-8 too (`text`) and that reading is no text: GBK's "医学" is UTF-8's "ҽѧ".
    Taken when the UTF-8 reading holds a character no text writes (`_unwritten`: a letter
    of a script the code pages write that none of them has, as Abkhaz ҽ and Old Church
    Slavonic ѧ, a modifier mark or a combining one on no letter, an unassigned code
    point) and the double-byte reading is made of characters its language uses
    (`READS_AS_TEXT`). Real UTF-8 text of any language those code pages write is made of
    their letters; else None."""
    if data.isascii() or not is_short(data):
        return None
    if not any(_unwritten(text, found.start())
               for found in _BEYOND_ASCII_CHARACTER.finditer(text)):
        return None
    reading = likeliest_reading(data, READS_AS_TEXT, among=_DOUBLE_BYTE)
    return reading[1] if reading is not None else None


def _unwritten(text: str, at: int) -> bool:
    """Whether `text[at]` is a character that no code page of `_LETTER_CODE_PAGES` has and
    no text of theirs writes there (`double_byte_read_as_utf8`)."""
    ch = text[at]
    if ch in _WRITTEN:
        return False
    category = unicodedata.category(ch)
    if category[0] == "M":  # a combining mark on a letter composes with it: "é" as e + ́
        return at == 0 or not text[at - 1].isalpha()
    return category in ("Cn", "Co") or \
        ((category[0] == "L" or category == "Sk") and _script(ch) in _WRITTEN_SCRIPTS)


#: Bytes that read otherwise in the encodings weighed: those beyond ASCII ("\\" and "~",
#: which Shift-JIS 2004 reads as ¥ and ‾, weigh as the ASCII they are: `_ascii_read_otherwise`).
_READ_APART = re.compile(rb"[\x80-\xff]")


@cache
def _ascii_read_otherwise(encoding: str) -> dict[int, str]:
    """The characters `encoding` reads ASCII bytes as that are not ASCII (Shift-JIS 2004:
    "\\" as ¥, "~" as ‾), mapped back to those bytes for weighing: every text writes
    them, so they are no evidence of the encoding; weighed as its marks, they made a
    Windows-1252 text with a path or a "~" in it Japanese ("Straﾟe")."""
    readings = ((byte, bytes([byte]).decode(encoding)) for byte in range(128))
    return {ord(ch): chr(byte) for byte, ch in readings if ch != chr(byte)}


def lines_holding(byte: re.Pattern[bytes], data: bytes, limit: int | None = None) -> bytes:
    """The lines of `data` holding a byte `byte` finds, joined by line feeds; with `limit`,
    the first of them up to about that many bytes. Of a line longer than `_WINDOW` bytes
    each side of such a byte, only those bytes are kept, cut where no word or character
    is (`_CUT`): what is weighed lies within them, and a page of one 1 MB line with one
    stray byte was weighed whole, word by word (6 s). Each search passes the bytes
    between at C speed, so a text costs its length however long its lines."""
    kept: list[bytes] = []
    size = at = 0
    start = -1
    while limit is None or size < limit:
        found = byte.search(data, at)
        if found is None:
            break
        begin = _window_start(data, found.start(), at)
        if begin == at and kept:  # within or next to the last one: one piece
            begin = start
            size -= len(kept.pop())
        start, at = begin, _window_end(data, found.end())
        kept.append(data[start:at])
        size += len(kept[-1])
    return b"\n".join(kept)


#: Bytes kept each side of a byte weighed, in a line longer than that (`lines_holding`).
_WINDOW = 256
#: Bytes a long line is cut at: ASCII white space and punctuation, which every encoding
#: weighed reads as themselves and none as part of a character (the second byte of a
#: double-byte one is from 0x40 up, GB18030's digits in a four-byte one excepted).
_CUT = re.compile(rb"[\x00-\x2f\x3a-\x3f]")


def _window_start(data: bytes, at: int, floor: int) -> int:
    """Where the piece kept around byte `at` starts: its line's start if within
    `_WINDOW` bytes (or `floor`, the end of the last piece), else right after a `_CUT`
    byte about that far back, looked for in ever longer stretches."""
    line = data.rfind(b"\n", max(floor, at - _WINDOW), at)
    if line >= 0:
        return line + 1
    if at - _WINDOW <= floor:
        return floor
    stretch = _WINDOW
    while True:
        low = max(floor, at - stretch)
        cut = _CUT.search(data, low, at)
        if cut is not None:
            return cut.end()
        if low == floor:
            return floor
        stretch *= 8


def _window_end(data: bytes, at: int) -> int:
    """Where the piece kept around the byte ending at `at` ends: its line's end if within
    `_WINDOW` bytes, else at the first `_CUT` byte beyond that."""
    line = data.find(b"\n", at, at + _WINDOW)
    if line >= 0:
        return line
    cut = _CUT.search(data, at + _WINDOW) if at + _WINDOW < len(data) else None
    return cut.start() if cut is not None else len(data)


def _evidence(text: str, language: str) -> tuple[float, float, int]:
    """How likely `text` is in `language`, summed over what it writes beyond ASCII (its
    words holding such a letter, or, `_BY_CHARACTER`, its characters, and its other
    marks), and their mean log10 frequency. Every reading weighed is of the same bytes,
    so the sum tells which makes them likeliest; a mean let a run of common marks
    ("спорта" in KOI8-R as "”–œ“‘¡") outweigh one rarer word."""
    scorer = _characters_scored if language in _BY_CHARACTER else _words_scored
    total = evidence = 0.0
    count = 0
    for score, weight in scorer(text, language):
        total += score
        evidence += weight
        count += 1
    return (evidence, total / count, count) if count else (0.0, 0.0, 0)


#: Bytes beyond ASCII of a long text weighed: as telling as all of them.
_SAMPLE_BYTES = 4000


def _sampled(data: bytes) -> bytes:
    """`data` up to about `_SAMPLE_BYTES` bytes beyond ASCII, cut at a `_CUT` byte, which
    no encoding weighed reads as part of a character: every reading weighs the same bytes."""
    past = next(islice(_READ_APART.finditer(data), _SAMPLE_BYTES, None), None)
    if past is None:
        return data
    cut = _CUT.search(data, past.start())
    return data[:cut.start()] if cut is not None else data


def _characters_scored(text: str, language: str) -> Iterator[tuple[float, float]]:
    """log10 frequency of each character beyond ASCII, in a language written a character
    at a time, twice: as it counts to the mean and to the sum (`_evidence`). One inside a
    Latin word ("Lagerh舫ser") is no character of that text, and one alone glued to small
    Latin letters ("羽ins") is part of a word its list lacks."""
    frequencies = _tables(language)[1]
    for at, ch in enumerate(text):
        if ord(ch) <= 127:
            continue
        before = at > 0 and _ascii_letter(text[at - 1])
        after = at < len(text) - 1 and _ascii_letter(text[at + 1])
        if before and after:
            yield _UNLISTED, _UNLISTED
            continue
        score = _scored(to_simplified(ch) if language == "zh" else ch, frequencies)
        # Alone among Latin letters, glued to a run of small ones, it is part of a word
        # the list lacks ("羽ins": "Óðins" read as GB18030); a text in these languages
        # glues whole Latin words to its characters, in capitals or with one ("PC방",
        # "Windows上", "B超").
        glued = (before and _small_run(text[max(0, at - 32):at][::-1])) or \
            (after and _small_run(text[at + 1:at + 33]))
        alone = not (at > 0 and ord(text[at - 1]) > 127) and \
            not (at < len(text) - 1 and ord(text[at + 1]) > 127)
        score += _UNLISTED_WORD if glued and alone else 0.0
        yield score, score


_ASCII_LETTERS = re.compile("[A-Za-z]+")


def _small_run(text: str) -> bool:
    """Whether the ASCII letters `text` opens with are all small ones."""
    found = _ASCII_LETTERS.match(text)
    return found is not None and found.group().islower()


def _words_scored(text: str, language: str) -> Iterator[tuple[float, float]]:
    """log10 frequency of each word holding a letter beyond ASCII, in an alphabetic
    language, and of each other character beyond ASCII, as it counts to the mean and to
    the sum (`_evidence`). A word the list lacks (a rare compound: "Fährbahnhof") is
    weighed by its letters beyond ASCII (their mean, and to the sum all of them), for more
    in capitals, unless it mixes scripts ("dйjа"), which no word does; nor does one with a
    ligature or presentation form (`_presentation_form`: "ﬁingvellir", "Þingvellir" read
    as Mac Roman), though folded it may be listed ("ﬁx" as "fix"). Such a word counts to
    the sum as rare as its letters beyond ASCII, each."""
    words, letters, _ = _tables(language)
    quotes = _Quotes(text)
    at = 0
    word = ""
    for found in _LETTERS.finditer(text):
        split = _split_marks(text, at, found.start(), word, found.group(), language)
        yield from _marks_scored(text, at, found.start(), letters, quotes, split)
        at = found.end()
        word = found.group()
        if word.isascii():
            continue
        beyond_ascii = sum(ord(ch) > 127 for ch in word)
        if any(map(_presentation_form, word)):
            yield _UNLISTED, _UNLISTED * beyond_ascii
            continue
        folded = _folded(word, language)
        listed = words.get(folded)
        if listed is not None:
            yield math.log10(listed), math.log10(listed)
        elif len({_script(ch) for ch in word}) > 1 or _case_broken(word) or \
                _out_of_company(word, language):
            yield _UNLISTED, _UNLISTED * beyond_ascii
        else:
            beyond = [_scored(_folded_letter(ch, language), letters) for ch in word
                      if ord(ch) > 127]
            # Texts write small letters: a word of capitals the list lacks is more likely
            # a word of small letters read in a code page whose capitals are there (KOI8's
            # and Windows-1251's cases are each other's: "склады" as "ЯЙКЮДШ").
            capitals = len(word) > 1 and word.isupper()
            cost = _UNLISTED_WORD * (2 if capitals else 1)
            # Its likelihood is that of all its letters: a mean made a word the list
            # lacks ("ρεμενΰ": "семена" read as Greek) as likely as a listed one.
            yield sum(beyond) / len(beyond) + cost, sum(beyond) + cost
    yield from _marks_scored(text, at, len(text), letters, quotes,
                             _split_marks(text, at, len(text), word, "", language))


#: Unicode's tags of the compatibility forms that are a presentation of a letter (Arabic's
#: joined forms, half- and full-width ones), not a letter a writer types.
_PRESENTATION_TAGS = frozenset({"<initial>", "<medial>", "<final>", "<isolated>", "<wide>",
                                "<narrow>", "<small>", "<vertical>"})


def _presentation_form(ch: str) -> bool:
    """Whether `ch` is a ligature of several letters (ﬁ, ﬂ: Unicode decomposes it so for
    compatibility) or another presentation form (`_PRESENTATION_TAGS`). Typed text writes
    the letters; a code page's ligature in a reading is a letter of another one (Mac
    Roman's ﬁ is Windows-1252's Þ). Œ, a letter of its own, is none."""
    tag, *parts = unicodedata.decomposition(ch).split() or ("",)
    return tag in _PRESENTATION_TAGS or (tag == "<compat>" and len(parts) > 1)


def _case_broken(word: str) -> bool:
    """Whether a capital follows a small letter in `word`: no language writes a word so
    ("NuÒez", "ﬁÛr": Windows-1252's small letters read as Mac Roman's capitals)."""
    return any(a.islower() and b.isupper() for a, b in pairwise(word))


def _folded(word: str, language: str) -> str:
    """`word` case-folded as `language` writes it: Turkish's capital of i is İ and of ı
    is I, which folded as other languages fold them ("i̇stanbul") are no word of its list."""
    if language == "tr":
        word = word.replace("I", "ı").replace("İ", "i")
    return word.casefold()


#: Characters beyond ASCII in a row: a mark or marks glued to what is around them.
_BEYOND_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def _split_marks(text: str, start: int, end: int, before: str, after: str,
                 language: str) -> set[int]:
    """Which marks beyond ASCII between the words `before` and `after`, `text[start:end]`,
    are glued to one of them and leave it a piece of a word (`_splits`): those between
    them when nothing else is, else those right after `before` and right before `after`."""
    runs = list(_BEYOND_ASCII_RUN.finditer(text, start, end))
    if not runs:
        return set()
    first, last = runs[0], runs[-1]
    if first.span() == (start, end) and before and after:
        return set(range(start, end)) if _splits(before, first.group(), after, language) \
            else set()
    split: set[int] = set()
    if before and first.start() == start and _splits(before, first.group(), "", language):
        split.update(range(*first.span()))
    if after and last.end() == end and _splits("", last.group(), after, language):
        split.update(range(*last.span()))
    return split


def _splits(before: str, marks: str, after: str, language: str) -> bool:
    """Whether `marks`, glued to the letters of `before` and `after` (one may be none),
    leave a piece of a word: one made of ASCII letters that `language`'s list lacks,
    where the list lacks the whole too. A letter read as a mark so ("página" in Mac Roman
    as Windows-1252 "p‡gina", "tripulación" as "tripulaci—n", "comenzó" as "comenz—")
    leaves pieces of a word, which were never weighed: only the mark was, as common as
    one, and it outweighed the word read whole. A text glues marks to words ("it—and",
    "l’homme", "then—") or writes them in one ("isn’t": listed with an ASCII apostrophe);
    a word its list lacks ("Kowalczyk—the") costs what one does beyond its letters, no
    more: its other reading may be no word either."""
    whole = _folded(before + marks.replace("\u2019", "'") + after, language)
    listed = _ascii_words(language)
    if whole in listed or whole in _tables(language)[0]:
        return False
    return any(piece.isascii() and _folded(piece, language) not in listed
               for piece in (before, after) if piece)


@cache
def _ascii_words(language: str) -> frozenset[str]:
    """The words of `language`'s list (`_WORDS`) made of ASCII alone, read when first
    asked for (`_splits`): most texts weighed glue no mark to a word."""
    return frozenset(word for word in commonest_words(language, _WORDS) if word.isascii())


def _marks_scored(text: str, start: int, end: int, letters: dict[str, float],
                  quotes: _Quotes, split: set[int] | None = None) -> Iterator[tuple[float, float]]:
    """log10 frequency of each character beyond ASCII between two words, `text[start:end]`,
    as it counts to the mean and to the sum (`_evidence`).
    An opening mark, a "·", "‡" or "‰", a currency sign, or a symbol but the common signs
    (a "№", "¦", "╧": "Windows™" is written) right after a letter is no mark of any text: it
    is a letter read in another code page ("Ch‚teau", "pasar·": Windows-1252 read as Mac
    Roman; "A№Й": the GBK "A股" as Windows-1251). Nor is a quotation mark that opens a word
    and is never closed (`_Quotes`): "‹berstunden", "›stanbul" are "Überstunden",
    "İstanbul" read so."""
    for at in range(start, end):
        ch = text[at]
        if ord(ch) <= 127:
            continue
        glued = at == start and start > 0 and ch != "\u2026"  # an ellipsis may end a word
        category = unicodedata.category(ch)
        if (glued and (category in _NOT_AFTER_LETTERS or
                       (category == "So" and ch not in _COMMON_SIGNS))) or \
                (ch in _OPENING_QUOTES and quotes.unclosed(at)):
            yield _UNLISTED, _UNLISTED
        else:
            # A mark that leaves a piece of a word costs what a word its list lacks does.
            score = _scored(ch, letters) + (_UNLISTED_WORD if split and at in split else 0.0)
            yield score, score


#: Quotation marks and brackets beyond ASCII the code pages weighed a word at a time read:
#: what may open a quote (’ is an apostrophe too: "’tis"), and what may close one.
_QUOTE_MARKS = "".join(sorted({
    ch for encoding, languages in ENCODINGS if not _BY_CHARACTER.intersection(languages)
    for ch in bytes(range(0x80, 0x100)).decode(encoding, "ignore")
    if unicodedata.category(ch) in ("Pi", "Pf", "Ps", "Pe")}))
_OPENING_QUOTES = frozenset(_QUOTE_MARKS) - {"\u2019"}
#: A quotation mark closing: glued to what it follows, and to no letter after it.
_CLOSING_QUOTE = re.compile(r"(?<=\S)[" + re.escape(_QUOTE_MARKS) + r"](?![^\W\d_])")
#: Characters after a quotation mark its closing one is looked for in.
_QUOTE_REACH = 2000


class _Quotes:
    """Which quotation marks in a text open a quote never closed: a mark after white space
    (or at the start of the text) and before other than white space, with no closing mark
    (`_CLOSING_QUOTE`) in the `_QUOTE_REACH` characters after it. A text does not write
    one so; a letter read in another code page is one (Windows-1252's Ü, Windows-1254's İ
    are Mac Roman's ‹ and ›). The marks are asked about in order, and the text is searched
    for closing ones once, however many ask."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._closing = -1  # the last closing mark found
        self._searched = 0  # no closing mark lies between the last one and this

    def unclosed(self, at: int) -> bool:
        text = self._text
        if (at > 0 and not text[at - 1].isspace()) or at + 1 >= len(text) or \
                text[at + 1].isspace():
            return False
        reach = min(len(text), at + 1 + _QUOTE_REACH)
        if self._closing > at:
            return self._closing >= reach
        found = _CLOSING_QUOTE.search(text, max(at + 1, self._searched), reach)
        if found is None:
            self._searched = reach
            return True
        self._closing, self._searched = found.start(), found.start() + 1
        return False


def written_in_western_text(text: str) -> bool:
    """Whether every letter beyond ASCII of `text` (a word, or a few with what is around
    them) may stand where it does in a text of the languages Windows-1252 writes: any but
    a Latin letter none of their lists holds (ÿ: a byte of damage read so), or one in a
    word that none of them lists and whose letters there keep no company its list shows
    (`_out_of_company`: an Icelandic þ glued to the end of "cost")."""
    for found in _LETTERS.finditer(text):
        word = found.group()
        latin = [ch for ch in word if ord(ch) > 127 and _script(ch) == "LATIN"]
        if latin and not any(_western_word(word, latin, language)
                             for language in ENCODINGS[0][1]):
            return False
    return True


def _western_word(word: str, latin: list[str], language: str) -> bool:
    """Whether `language` may write `word`, whose Latin letters beyond ASCII are `latin`."""
    words, letters, _ = _tables(language)
    if any(_folded_letter(ch, language) not in letters for ch in latin):
        return False
    return _folded(word, language) in words or not _out_of_company(word, language)


#: Share of a letter's uses in its language's list below which it is out of company at
#: a word's start or end (the lists' words open with "ð" one time in 10,000, end on "þ"
#: one in 150, mostly "þ.", an abbreviation): where a stray byte read as a letter
#: stands, glued to a word.
_EDGE_SHARE = 0.01


def _out_of_company(word: str, language: str) -> bool:
    """Whether a letter beyond ASCII of `word` keeps company its language's list never, or
    at the word's start or end hardly ever, shows it in: "costş" (no Turkish word writes
    "tş"), "costþ" (an Icelandic þ opens words). Such a word is a stray byte read as a
    letter, not a word the list lacks. A letter the list lacks is weighed as such. Company
    never shown tells only of a letter alone beyond ASCII, as a stray byte is: a rare word
    of several ("zażółć") may well join two letters the list's commonest words never do."""
    _, letters, pairs = _tables(language)
    spelled = [" ", *(_folded_letter(ch, language) for ch in word), " "]
    alone = sum(not ch.isascii() for ch in word) == 1
    for at in range(1, len(spelled) - 1):
        letter = spelled[at]
        if letter.isascii() or letter not in letters:  # ß as "ss", Turkish İ as "i"
            continue
        for pair in (spelled[at - 1] + letter, letter + spelled[at + 1]):
            share = pairs.get(pair, 0.0) / letters[letter]
            if (share == 0.0 and alone) or (" " in pair and share < _EDGE_SHARE):
                return True
    return False


def _folded_letter(ch: str, language: str) -> str:
    """A letter as the lists of `language` spell it (`_folded`: Greek's final ς as σ), or,
    where they spell it as several, as the first of them: ß ("ss") as s. Weighed as itself,
    which no list holds, ß made a German word they lack rarer than its Windows-1251 reading
    ("FaЯbinder")."""
    return _folded(ch, language)[0]


def _ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _scored(ch: str, frequencies: dict[str, float]) -> float:
    value = frequencies.get(ch)
    if value is not None:
        return math.log10(value)
    category = unicodedata.category(ch)
    if category.startswith(("P", "Z")) or category == "Sc" or ch in _COMMON_SIGNS:
        return _PUNCTUATION
    return _UNLISTED


@cache
def _tables(language: str) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    """The commonest words of `language` that hold a letter beyond ASCII (the only ones
    looked up: all of a Cyrillic or Greek list, a few thousand of a Western one), its
    letters' frequencies, and those of the pairs a letter beyond ASCII makes with the
    letter before or after it (a space: the word's start or end), as shares of its letters
    as `per_character` counts them, from one reading of its list. The lists are
    case-folded, so a word is looked up so: "Straße" as "strasse", "της" as "τησ"; words
    with "ss" are kept for it."""
    commonest = commonest_words(language, _WORDS)
    total = sum(value * len(word) for word, value in commonest.items()) or 1.0
    pairs: dict[str, float] = {}
    for word, value in commonest.items():
        if word.isascii():
            continue
        # Most words are letters alone: only the others are spelled a letter at a time.
        letters_only = word if word.isalpha() else "".join(
            ch if ch.isalpha() else " " for ch in word)
        spelled = f" {letters_only} "
        share = value / total
        for at in range(len(spelled) - 1):
            pair = spelled[at:at + 2]
            if not pair.isascii():
                pairs[pair] = pairs.get(pair, 0.0) + share
    return ({word: value for word, value in commonest.items()
             if not word.isascii() or "ss" in word},
            per_character(commonest), pairs)
