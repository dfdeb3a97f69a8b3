"""What the PDF and HTML reports show, computed once from a `Comparison`.

Both writers render the same pieces: the summary (names, date, settings, figures), the two
texts cut into aligned rows (a shared passage and its counterpart start level), styled runs
of each text, and the three tables. Marks, their overlap rule and the alignment come from
`viewer.present`, as in the window; each writer maps the `Style`s to colours of
`viewer.present.palette`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import datetime

from viewer.core.bylines import is_byline, is_name_alone
from viewer.core.document import UNDETERMINED, Document
from viewer.core.model import Comparison, Span
from viewer.core.tokenize import as_written, cut_at_word, is_cjk
from viewer.present.alignment import alignment_chain
from viewer.present.marks import MarkKind, Run, Style, resolve, side_marks
from viewer.present.script_note import document_notes
from viewer.present.shares import percent
from viewer.present.wording import slogan_tally


@dataclass(frozen=True)
class RichText:
    """`text` with styled runs in its own offsets; unstyled between runs."""

    text: str
    runs: tuple[Run, ...] = ()

    def pieces(self) -> list[tuple[str, Style | None]]:
        """The text cut at style changes, in order; `None` for plain stretches."""
        out: list[tuple[str, Style | None]] = []
        at = 0
        for start, end, style in self.runs:
            if start > at:
                out.append((self.text[at:start], None))
            out.append((self.text[start:end], style))
            at = end
        if at < len(self.text):
            out.append((self.text[at:], None))
        return out


@dataclass(frozen=True)
class AlignedRow:
    """One row of the side-by-side texts: A[a] beside B[b]; `passage` set on matched rows."""

    a: Span
    b: Span
    passage: int | None


class StyledText:
    """One document's text with its runs, sliced cheaply into `RichText` segments."""

    def __init__(self, text: str, runs: list[Run]) -> None:
        self.text = text
        self.runs = runs
        self._starts = [r[0] for r in runs]
        self._ends = [r[1] for r in runs]

    def segment(self, start: int, end: int, *, tabs_kept: bool = False) -> RichText:
        """Text [start, end) with leading and trailing blank space trimmed off; with
        `tabs_kept`, the tabs that open it stay (they put its first word at a tab stop)."""
        text = self.text
        while start < end and text[start].isspace() and not (tabs_kept and text[start] == "\t"):
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        first = bisect_right(self._ends, start)
        last = bisect_left(self._starts, end)
        runs = []
        for r0, r1, style in self.runs[first:last]:
            r0, r1 = max(r0, start), min(r1, end)
            if r1 > r0:
                runs.append((r0 - start, r1 - start, style))
        return RichText(text[start:end], tuple(runs))


def styled_texts(comparison: Comparison) -> tuple[StyledText, StyledText]:
    """Both texts with their marks resolved into runs (see `viewer.present.marks`)."""
    return (StyledText(comparison.document_a.text, resolve(side_marks(comparison, 0))),
            StyledText(comparison.document_b.text, resolve(side_marks(comparison, 1))))


def _after_punctuation(text: str, end: int, limit: int) -> int:
    """`end` moved over punctuation that directly follows it, so a row does not open
    with the "." or "," that closes the passage before it."""
    while end < limit and not text[end].isspace() and not text[end].isalnum():
        end += 1
    return end


def aligned_rows(comparison: Comparison) -> list[AlignedRow]:
    """The texts cut at the chained passages: gap rows between matched rows, in A's order."""
    phrases = comparison.shared_phrases
    text_a, text_b = comparison.document_a.text, comparison.document_b.text
    rows: list[AlignedRow] = []
    at_a = at_b = 0
    chain = alignment_chain(phrases)
    for k, i in enumerate(chain):
        phrase = phrases[i]
        if phrase.a[0] > at_a or phrase.b[0] > at_b:
            rows.append(AlignedRow((at_a, phrase.a[0]), (at_b, phrase.b[0]), None))
        following = phrases[chain[k + 1]] if k + 1 < len(chain) else None
        end_a = _after_punctuation(text_a, phrase.a[1],
                                   following.a[0] if following else len(text_a))
        end_b = _after_punctuation(text_b, phrase.b[1],
                                   following.b[0] if following else len(text_b))
        rows.append(AlignedRow((phrase.a[0], end_a), (phrase.b[0], end_b), i))
        at_a, at_b = end_a, end_b
    end_a, end_b = len(comparison.document_a.text), len(comparison.document_b.text)
    if end_a > at_a or end_b > at_b:
        rows.append(AlignedRow((at_a, end_a), (at_b, end_b), None))
    return rows


def phrase_cells(comparison: Comparison, index: int) -> tuple[RichText, RichText]:
    """Passage `index` in A and in B, A's dropped words marked deleted, B's new ones inserted."""
    phrase = comparison.shared_phrases[index]
    text_a, text_b = comparison.document_a.text, comparison.document_b.text
    runs_a: list[Run] = []
    runs_b: list[Run] = []
    for diff in phrase.differences:
        if diff.a[1] > diff.a[0]:
            runs_a.append((diff.a[0] - phrase.a[0], diff.a[1] - phrase.a[0],
                           Style(change=MarkKind.DELETED)))
        if diff.b[1] > diff.b[0]:
            runs_b.append((diff.b[0] - phrase.b[0], diff.b[1] - phrase.b[0],
                           Style(change=MarkKind.INSERTED)))
    return (RichText(text_a[phrase.a[0]:phrase.a[1]], tuple(sorted(runs_a))),
            RichText(text_b[phrase.b[0]:phrase.b[1]], tuple(sorted(runs_b))))


#: A line break, and the blank lines after it: with them, a paragraph break.
_LINE_BREAK = re.compile(r"\n(?:[^\S\n]*\n)*")
#: A full stop of Chinese: a line holding one is prose, not a headline.
_CHINESE_STOP = re.compile("[。！？]")
#: What a paragraph's last line ends on: a stop, and the quotes or brackets closing on it.
_SENTENCE_END = frozenset("。！？.!?…”’」』）)\"'")
#: The widest a text is wrapped at, in columns (a Chinese character two): mail and plain
#: text wrap at 60 to 80, Chinese at 26 to 40 characters. A wider line ending a sentence
#: is a paragraph on a line of its own, as scraped articles and JSON lines hold them.
_WIDEST_WRAP = 100
#: What stands for a paragraph break in an excerpt on one line.
PARAGRAPH_MARK = " ¶ "


def excerpt(text: str, span: Span, limit: int = 320) -> str:
    """The span's text on one line, its paragraphs parted by `PARAGRAPH_MARK` (joined, a
    headline ran into its story: "港口新闻渡船黎明出发", "Harbour news The ferry"), cut
    between words (`cut_at_word`) to the room of `limit` Latin characters: a Chinese
    character takes the room of two, and cut to as many characters an excerpt of Chinese
    ran twice as many lines as one of English. Paragraphs end at a blank line, and at a
    line break alone but where it wraps a line (`_wraps`)."""
    # Every character of the span but white space is shown, so the line of the span up to
    # its (limit + 1)th such character is the start of the whole span's, and as long as
    # the room: the rest (a story of 150,000 characters) is not read. A line is cut to
    # one character at the least (`_characters_within`): it is then cut if it holds two.
    past = re.compile(rf"(?:\s*\S){{{max(limit, 1) + 1}}}").match(text, span[0], span[1])
    end = past.end() if past else span[1]
    paragraphs, at = [], span[0]
    for brk in _LINE_BREAK.finditer(text, span[0], end):
        if brk.group().count("\n") == 1 and _wraps(text, brk.start()):
            continue
        paragraphs.append(text[at:brk.start()])
        at = brk.end()
    paragraphs.append(text[at:end])
    line = PARAGRAPH_MARK.join(paragraph for paragraph in map(as_written, paragraphs)
                               if paragraph)
    return cut_at_word(line, _characters_within(line, limit))


def _wraps(text: str, at: int) -> bool:
    """Whether the line break `text[at]` wraps a line inside a paragraph: the line before
    it is full, too wide to have taken the next line's first word within the width the
    next line shows, in characters or in columns (a text wrapped by either), one wide
    character hung in the margin (a Chinese comma or stop) aside; or it is Chinese prose
    (it holds a full stop) that ends inside a sentence. A line wider than `_WIDEST_WRAP`
    that ends a sentence is no full line either. A headline is no full line:
    "港口新闻⏎渡船黎明出发，中午……" is two paragraphs, "首先出⏎版了经……" (lines of 26
    characters) one, as is "The ferry left at dawn⏎and came back.". A byline, or a name
    alone (`viewer.core.bylines`), is a paragraph of its own: "焊花如血⏎王文辉",
    "Flood waters rise⏎By Jane Smith"."""
    before = text[text.rfind("\n", 0, at) + 1:at].strip()
    end = text.find("\n", at + 1)
    after = text[at + 1:end if end >= 0 else len(text)].strip()
    if not before or not after:
        return False
    if _CHINESE_STOP.search(before) and before[-1] not in _SENTENCE_END:
        return True  # broken inside a sentence: "……二十万元以上。翻开简世⏎辉的档案"
    if is_byline(after) or is_name_alone(after):
        return False  # shorter than the headline above it, which it makes look full
    if before[-1] in _SENTENCE_END and _columns(before) > _WIDEST_WRAP:
        return False  # longer than the next line, yet no wrap: "…pilot zones.⏎5G on Everest"
    word = after[0] if is_cjk(after[0]) else after.split(maxsplit=1)[0]
    space = 0 if is_cjk(before[-1]) and is_cjk(word[0]) else 1
    return any(width(before) + space + width(word) > width(after) - width("，")
               for width in (len, _columns))


def _columns(line: str) -> int:
    """How many columns `line` takes, a wide (East Asian) character two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def _characters_within(line: str, columns: int) -> int:
    """How many of `line`'s first characters fit in `columns` columns, a wide (East Asian)
    character taking two."""
    used = 0
    for count, ch in enumerate(line):
        used += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used > columns:
            return max(1, count)
    return len(line)


@dataclass(frozen=True)
class Summary:
    """The header's facts: title, documents, date, figures and settings, as text pairs."""

    title: str
    name_a: str
    name_b: str
    date: str
    documents: tuple[tuple[str, str], ...]
    figures: tuple[tuple[str, str], ...]
    settings: tuple[tuple[str, str], ...]


def _setting_value(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value) or "none"
    return str(value)


def _document_rows(label: str, doc: Document, words: int, notes: tuple[str, ...]
                   ) -> tuple[tuple[str, str], ...]:
    """A document's row, then its notes (`document_notes`): what loading took out of or
    replaced in the file (--trim's noise, a PDF's running headers, bad bytes), which the
    texts shown lack, and a script read as the other text's."""
    row = (label, f"{doc.name}{f' — {doc.path}' if doc.path else ''} · "
                  f"{len(doc.text):,} characters, {words:,} words, "
                  f"language {_language_label(doc.language)}")
    return (row, (f"Notes on {label}", "; ".join(notes))) if notes else (row,)


def _language_label(language: str) -> str:
    return "not determined" if language == UNDETERMINED else language


def summary(comparison: Comparison, now: datetime | None = None) -> Summary:
    a, b = comparison.document_a, comparison.document_b
    stats = comparison.stats
    notes_a, notes_b = document_notes(comparison)
    documents = tuple(
        row for label, doc, words, notes in (("A", a, stats.words_a, notes_a),
                                             ("B", b, stats.words_b, notes_b))
        for row in _document_rows(label, doc, words, notes))
    figures = (
        ("Shared phrases", f"{len(comparison.shared_phrases):,}"),
        ("Text of A in shared phrases", percent(stats.shared_chars_a)),
        ("Text of B in shared phrases", percent(stats.shared_chars_b)),
        ("Slogans", slogan_tally(comparison).figure),
        ("Theme-overlap pairs", f"{len(comparison.themes):,}"),
        ("Comparison time", f"{stats.seconds:.2f} s"),
    )
    settings = tuple((key.replace("_", " "), _setting_value(value))
                     for key, value in comparison.settings.to_dict().items())
    return Summary(
        title="Tandem comparison report", name_a=a.name, name_b=b.name,
        date=(now or datetime.now()).strftime("%Y-%m-%d %H:%M"),
        documents=documents, figures=figures, settings=settings)
