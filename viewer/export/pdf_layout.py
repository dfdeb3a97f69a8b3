"""A small, fast page layout for the PDF report: wrapped rows of styled text cells.

reportlab's Platypus paragraphs parse markup and are too slow for two 300k-character texts,
so the report lays out lines itself: words are measured from a per-character width cache,
rows of cells advance line by line and break across pages, and every page is kept as a list
of drawing operations. Knowing all pages first gives "page N of M" for free.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property

from reportlab.pdfbase import pdfmetrics

from viewer.core.tokenize import PICTOGRAPH_BLOCKS, is_pictograph
from viewer.export import pdf_stand_in
from viewer.export.pdf_bidi import has_rtl, paragraph_is_rtl, visual_pieces
from viewer.export.report_model import RichText
from viewer.present.marks import MarkKind, Style
from viewer.present.palette import Palette

# Break opportunities: newlines, blank space, each CJK character alone, and other runs.
_CJK_RANGES = ((0x2E80, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F),
               (0xFF00, 0xFFEF))
_CJK = "".join(f"{chr(a)}-{chr(b)}" for a, b in _CJK_RANGES)
_BREAKS = "\r\n\f\v\x1c-\x1e\x85\u2028\u2029"
_TOKEN = re.compile(rf"\r\n|[{_BREAKS}]|[^\S{_BREAKS}]+|[{_CJK}]|[^\s{_CJK}]+")
# CJK punctuation that must not begin a line.
_NO_LINE_START = frozenset("，。、；：？！）」』》〉】〕”’…·．,.;:?!)]}")
# Control characters have no glyph: they are drawn as spaces (same width as measured).
# A soft hyphen shows only where a line breaks at it, which no line here does; the Latin
# font would draw it as a hyphen inside the word ("inf-ormation"). The other invisible
# format characters (zero-width space and joiners, direction marks, embeddings and
# isolates around a name, word joiner, byte-order mark) have no glyph in either font and
# showed as boxes ("Monday ▯Beijing▯"), and so did the tag characters that spell a
# flag of a country's part (🏴 and "gbsct" for Scotland). A skin tone after an emoji
# colours it, which an outline font cannot: the symbol font drew a dark square beside the
# hand. All of them are drawn as nothing.
_INVISIBLE = frozenset(chr(c) for c in (0x00AD, 0x180E, *range(0x200B, 0x2010),
                                        *range(0x202A, 0x202F), *range(0x2060, 0x2065),
                                        *range(0x2066, 0x206A), 0xFEFF,
                                        *range(0x1F3FB, 0x1F400), *range(0xE0000, 0xE0080)))
_CONTROLS = ({c: " " for c in range(32)} | {0x7f: " ", 0x85: " ", 0x2028: " ", 0x2029: " "}
             | {ord(ch): None for ch in _INVISIBLE})

#: Tab stops stand eight digits apart from a line's start, a text editor's eight columns,
#: so the columns of a tabbed list stay columns.
TAB_COLUMNS = 8
_TAB_APART = re.compile("(\t)")

#: How often long loops ask whether the export was cancelled.
_CHECK_EVERY = 64
#: Lines a row may have and still be kept on one page: the second line of a table row
#: ("also: …", its variants), the end of a theme pair's excerpts or the last lines of a
#: short paragraph alone at the top of the next page read as something else. A theme
#: pair's row is up to seven lines; a page holds about sixty.
KEEP_TOGETHER_LINES = 8


#: The font name of a stand-in's run (`Fonts.runs`): no font, a frame drawn instead.
STAND_IN = ""
# Characters that may be stand-ins: those of the pictographs' blocks.
_MAYBE_STAND_IN = re.compile(
    "[" + "".join(f"{chr(low)}-{chr(high - 1)}" for low, high in PICTOGRAPH_BLOCKS) + "]")


# Compiling a class of CJK ranges costs 10-20 ms (the compiler visits every code point):
# one pattern serves both to test a character and to find runs.
_CJK_RUN = re.compile(f"[{_CJK}]+")


def glyph_codes(name: str) -> Collection[int]:
    """The code points the registered font `name` has a glyph for: a TrueType font's by its
    map; a standard PDF font's (Helvetica, when no TrueType font was found) those of its
    encoding, WinAnsi (Windows-1252)."""
    glyphs = getattr(getattr(pdfmetrics.getFont(name), "face", None), "charToGlyph", None)
    if glyphs is not None:
        return glyphs
    return _WIN_ANSI


_WIN_ANSI = frozenset(map(ord, bytes(range(256)).decode("cp1252", "ignore")))


@dataclass(frozen=True)
class Fonts:
    """The report's fonts: CJK characters in `cjk`, everything else in `latin`; but a
    character the font of its kind has no glyph for and the other has (circled numbers
    ⑪-⑳ only in the CJK font, the hexagrams ䷀-䷿ only in the Latin one) in the other,
    rather than as an empty box; and one neither has but `symbols` has (emoji such as 👍,
    a flag's letters 🇨🇳) in that one, when there is one.

    An emoji none of them has is drawn as a stand-in (`pdf_stand_in`): its run's font is
    `STAND_IN`.

    A CJK font draws curly quotes and apostrophes full-width, as Chinese typesetting wants
    ("country’ s"); in Latin text they need a Latin font. Both may be the same font."""

    latin: str
    cjk: str
    symbols: str | None = None

    @cached_property
    def _drawn(self) -> frozenset[int]:
        """The code points some font of the report has a glyph for."""
        return frozenset().union(*(glyph_codes(name) for name in
                                   (self.latin, self.cjk, self.symbols) if name))

    def stands_in(self, ch: str) -> bool:
        """Whether `ch` is an emoji no font here draws, drawn as a stand-in."""
        return ord(ch) not in self._drawn and is_pictograph(ch)

    @cached_property
    def _cjk_run(self) -> re.Pattern[str]:
        """Runs of the characters drawn in the CJK font."""
        if self.latin == self.cjk:
            return _CJK_RUN
        return _cjk_run(glyph_codes(self.latin), glyph_codes(self.cjk))

    @cached_property
    def _symbol_run(self) -> re.Pattern[str] | None:
        """Runs of the characters drawn in the symbol font: those only it has a glyph for."""
        if self.symbols is None:
            return None
        codes = set(glyph_codes(self.symbols)).difference(glyph_codes(self.latin),
                                                          glyph_codes(self.cjk))
        return _run_of({code for code in codes
                        if unicodedata.category(chr(code)) not in ("Cc", "Cs")})

    def of(self, ch: str) -> str:
        symbol_run = self._symbol_run
        if symbol_run is not None and self.symbols is not None and symbol_run.match(ch):
            return self.symbols
        return self.cjk if self._cjk_run.match(ch) else self.latin

    def runs(self, text: str) -> list[tuple[str, str]]:
        """`text` cut into (font, run) pieces, in order; each stand-in alone, its font
        `STAND_IN`."""
        if not _MAYBE_STAND_IN.search(text):
            return self._font_runs(text)
        pieces: list[tuple[str, str]] = []
        at = 0
        for k, ch in enumerate(text):
            if self.stands_in(ch):
                if k > at:
                    pieces.extend(self._font_runs(text[at:k]))
                pieces.append((STAND_IN, ch))
                at = k + 1
        if at < len(text):
            pieces.extend(self._font_runs(text[at:]))
        return pieces

    def _font_runs(self, text: str) -> list[tuple[str, str]]:
        """`text` cut into pieces of the symbol, Latin and CJK fonts, in order."""
        symbol_run, symbols = self._symbol_run, self.symbols
        if symbol_run is None or symbols is None or not symbol_run.search(text):
            return self._two_runs(text)
        pieces, at = [], 0
        for m in symbol_run.finditer(text):
            if m.start() > at:
                pieces.extend(self._two_runs(text[at:m.start()]))
            pieces.append((symbols, m.group()))
            at = m.end()
        if at < len(text):
            pieces.extend(self._two_runs(text[at:]))
        return pieces

    def _two_runs(self, text: str) -> list[tuple[str, str]]:
        """`text` cut into Latin and CJK pieces, in order."""
        cjk_run = self._cjk_run
        if self.latin == self.cjk or not cjk_run.search(text):
            return [(self.latin, text)]
        pieces, at = [], 0
        for m in cjk_run.finditer(text):
            if m.start() > at:
                pieces.append((self.latin, text[at:m.start()]))
            pieces.append((self.cjk, m.group()))
            at = m.end()
        if at < len(text):
            pieces.append((self.latin, text[at:]))
        return pieces


def _cjk_run(latin: Collection[int], cjk: Collection[int]) -> re.Pattern[str]:
    """Runs of the characters to draw in the CJK font, given the code points each font has
    a glyph for: the CJK ranges, less what only the Latin font draws, and what only the CJK
    font draws. A character neither draws keeps the font of its kind; control characters
    are drawn as spaces, whatever either font maps them to."""
    kind = set().union(*(range(a, b + 1) for a, b in _CJK_RANGES))
    latin_only, cjk_only = set(latin).difference(cjk), set(cjk).difference(latin)
    moved = {code for code in (latin_only & kind) | (cjk_only - kind)
             if unicodedata.category(chr(code)) not in ("Cc", "Cs")}
    if not moved:
        return _CJK_RUN
    return _run_of(kind ^ moved) or _CJK_RUN


def _run_of(codes: Collection[int]) -> re.Pattern[str] | None:
    """A pattern of runs of the characters `codes` (None for none), as ranges."""
    ranges: list[list[int]] = []
    for code in sorted(codes):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    if not ranges:
        return None
    return re.compile("[" + "".join(
        re.escape(chr(a)) + ("" if a == b else "-" + re.escape(chr(b))) for a, b in ranges)
        + "]+")


class Measure:
    """Widths of strings in the report's fonts, cached per character (units of 1/1000 em)."""

    def __init__(self, fonts: Fonts) -> None:
        self.fonts = fonts
        self._chars: dict[str, float] = {}
        self._words: dict[str, float] = {}

    def units(self, text: str) -> float:
        chars = self._chars
        total = 0.0
        for ch in text:
            width = chars.get(ch)
            if width is None:
                probe = " " if ord(ch) < 32 else ch
                width = chars[ch] = (
                    0.0 if ch in _INVISIBLE
                    else pdf_stand_in.WIDTH_EM * 1000 if self.fonts.stands_in(ch)
                    else pdfmetrics.stringWidth(probe, self.fonts.of(ch), 1000))
            total += width
        return total

    def word(self, text: str) -> float:
        width = self._words.get(text)
        if width is None:
            if len(self._words) > 200_000:
                self._words.clear()
            width = self._words[text] = self.units(text)
        return width

    def width(self, text: str, size: float) -> float:
        return self.units(text) * size / 1000.0


def wrap(text: str, width: float, size: float, measure: Measure,
         check: Callable[[], None] | None = None) -> list[tuple[int, int]]:
    """Greedy line breaking of `text` into (start, end) spans no wider than `width`."""
    limit = width * 1000.0 / size
    lines: list[tuple[int, int]] = []
    line_start, x = 0, 0.0
    count = 0
    for m in _TOKEN.finditer(text):
        count += 1
        if check is not None and count % 4096 == 0:
            check()
        token = m.group()
        start = m.start()
        first = token[0]
        if first in "\r\n\f\v\x1c\x1d\x1e\x85\u2028\u2029":
            lines.append((line_start, start))
            line_start, x = m.end(), 0.0
            continue
        if "\t" in token:
            x = _after_blank(token, x, measure)
            continue
        w = measure.word(token)
        if first.isspace() or (first in _NO_LINE_START and x > 0):
            # Blank space and closing punctuation hang past the margin rather than start
            # a line of their own (a lone "。" opening a line reads as an error).
            x += w
            continue
        if x + w <= limit:
            x += w
            continue
        if x > 0:
            lines.append((line_start, start))
            line_start, x = start, 0.0
        if w <= limit:
            x = w
            continue
        for offset, ch in enumerate(token):  # a word wider than the column: cut anywhere
            cw = measure.word(ch)
            if x + cw > limit and x > 0:
                lines.append((line_start, start + offset))
                line_start, x = start + offset, 0.0
            x += cw
    lines.append((line_start, len(text)))
    return lines


def _tab_stop_after(x: float, column: float) -> float:
    """The first tab stop right of `x` (measured from the line's start), the stops
    `TAB_COLUMNS` columns `column` wide apart."""
    stop = TAB_COLUMNS * column
    return (x // stop + 1) * stop


def _after_blank(blank: str, x: float, measure: Measure) -> float:
    """Where a line goes on (in measure units) after the blank space `blank` from `x`:
    a tab to the next tab stop, any other space by its width. Blank space hangs past the
    margin, so it never breaks the line."""
    for ch in blank:
        x = _tab_stop_after(x, measure.word("0")) if ch == "\t" else x + measure.word(ch)
    return x


@dataclass
class Cell:
    """One cell of a row: styled text placed at `x` with room `width`."""

    x: float
    width: float
    text: RichText
    colour: str | None = None
    #: Whether the paragraph `text` is cut from reads right to left; None when `text`
    #: holds its paragraphs whole, which then tell.
    rtl: bool | None = None
    #: The name of a destination (`Page.destinations`) its lines link to; "" for none.
    link: str = ""
    #: The name of the destination its first line is, for links to it; "" for none.
    anchor: str = ""


@dataclass
class Page:
    """Drawing operations of one page; backgrounds first, then text column by column."""

    backgrounds: list[tuple] = field(default_factory=list)
    columns: dict[float, list[tuple]] = field(default_factory=dict)
    #: Named places to jump to: (name, x, y of the top).
    destinations: list[tuple[str, float, float]] = field(default_factory=list)
    #: Clickable areas: (x1, y1, x2, y2, name of the destination).
    links: list[tuple[float, float, float, float, str]] = field(default_factory=list)

    def rect(self, x: float, y: float, w: float, h: float, colour: str) -> None:
        self.backgrounds.append(("rect", x, y, w, h, colour))

    def add(self, column: float, op: tuple) -> None:
        self.columns.setdefault(column, []).append(op)

    def operations(self) -> list[tuple]:
        # Text is emitted column by column so text extraction reads each column in order.
        ops = list(self.backgrounds)
        for column in sorted(self.columns):
            ops.extend(self.columns[column])
        return ops


class Layout:
    """Places rows on pages of the given size, top to bottom, starting new pages as needed."""

    def __init__(self, page_size: tuple[float, float], measure: Measure, colours: Palette,
                 margin: float = 40.0, check: Callable[[], None] | None = None) -> None:
        self.page_width, self.page_height = page_size
        self.measure = measure
        self.colours = colours
        self.margin = margin
        self.left = margin
        self.right = self.page_width - margin
        self.top = self.page_height - margin - 14  # room for the running header
        self.bottom = margin + 14  # room for the page number
        self.check = check or (lambda: None)
        self.pages: list[Page] = []
        self.on_new_page: Callable[[], None] | None = None
        self.y = self.top
        self.page = self.new_page()

    @property
    def content_width(self) -> float:
        return self.right - self.left

    def drawn_text(self) -> Iterator[str]:
        """Every string drawn on the pages so far."""
        for page in self.pages:
            for ops in page.columns.values():
                yield from (op[3] for op in ops if op[0] == "text")

    def new_page(self) -> Page:
        self.page = Page()
        self.pages.append(self.page)
        self.y = self.top
        if self.on_new_page is not None:
            self.on_new_page()
        return self.page

    def ensure(self, height: float) -> None:
        if self.y - height < self.bottom and self.y < self.top:
            self.new_page()

    def space(self, height: float) -> None:
        self.y -= height

    def rule(self, colour: str | None = None, width: float = 0.5) -> None:
        self.page.add(self.left, ("line", self.left, self.y, self.right, self.y,
                                  colour or self.colours.rule, width))

    def text(self, text: str, size: float, colour: str | None = None, x: float | None = None,
             width: float | None = None, leading: float | None = None, link: str = "") -> None:
        """A plain wrapped paragraph across the content width (or from `x`), a link to the
        destination named `link` when given."""
        left = self.left if x is None else x
        self.row([Cell(left, width or self.right - left, RichText(text), colour, link=link)],
                 size, leading)

    def height(self, text: str, size: float, leading: float | None = None) -> float:
        """How tall `text` comes out as a paragraph across the content width."""
        lines = wrap(text, self.content_width, size, self.measure, self.check)
        return len(lines) * (leading or size * 1.3)

    def kept_height(self, cells: list[Cell], size: float, leading: float | None = None) -> float:
        """The room `row` needs where it starts: all its lines when it is kept together,
        else its first."""
        leading = leading or size * 1.3
        lines = max(len(wrap(cell.text.text, cell.width, size, self.measure, self.check))
                    for cell in cells)
        return (lines if lines <= KEEP_TOGETHER_LINES else 1) * leading

    def row(self, cells: list[Cell], size: float, leading: float | None = None) -> None:
        """Cells side by side, starting level. A row of `KEEP_TOGETHER_LINES` lines or
        fewer starts a new page rather than break; a longer one breaks line by line."""
        leading = leading or size * 1.3
        cells = [_left_to_right_unless_rtl(cell) for cell in cells]
        wrapped = [wrap(cell.text.text, cell.width, size, self.measure, self.check)
                   for cell in cells]
        height = max(len(lines) for lines in wrapped)
        if height <= KEEP_TOGETHER_LINES:
            self.ensure(height * leading)
        elif self.y - leading < self.bottom:
            self.new_page()
        for k in range(height):
            if k % _CHECK_EVERY == _CHECK_EVERY - 1:
                self.check()
            if self.y - leading < self.bottom:
                self.new_page()
            for cell, lines in zip(cells, wrapped, strict=True):
                if k < len(lines):
                    self.line(self.page, self.y, cell, lines[k], size, leading)
            self.y -= leading

    def line(self, page: Page, top: float, cell: Cell, span: tuple[int, int], size: float,
             leading: float) -> None:
        """Draw cell.text[span] as one line on `page`, its line box starting at `top`."""
        text = cell.text.text
        start, end = span
        if cell.anchor and start == 0:
            page.destinations.append((cell.anchor, cell.x, top))
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            return
        colours = self.colours
        baseline = top - size
        measure = self.measure
        pieces: list[tuple[int, int, Style | None]] = []
        at = start
        for r0, r1, run_style in cell.text.runs:
            if r1 <= start:
                continue
            if r0 >= end:
                break
            r0, r1 = max(r0, start), min(r1, end)
            if r0 > at:
                pieces.append((at, r0, None))
            pieces.append((r0, r1, run_style))
            at = r1
        if at < end:
            pieces.append((at, end, None))
        drawn, rtl = _drawn_pieces(text, start, end, pieces, cell.rtl)
        # A tab reaches to the next tab stop; right to left, it stays one space wide.
        tabbed = not rtl and any("\t" in piece for piece, _ in drawn)
        if tabbed:
            drawn = [(part, style) for piece, style in drawn
                     for part in _TAB_APART.split(piece) if part]
        left = cell.x
        if rtl:  # a right-to-left paragraph is flush right, ragged on the left
            width = sum(measure.width(piece, size) for piece, _ in drawn)
            left = max(cell.x, cell.x + cell.width - width)
        plain_colour = cell.colour or colours.text
        if cell.link:
            reach = sum(measure.width(piece, size) for piece, _ in drawn)
            page.links.append((left, top - leading, left + reach, top, cell.link))
        one_colour = all(style is None or style.change is None for _, style in drawn)
        whole = one_colour and not tabbed  # the line drawn as one string
        if whole:
            page.add(cell.x, ("text", left, baseline,
                              "".join(piece for piece, _ in drawn).translate(_CONTROLS),
                              plain_colour, size))
            if len(drawn) == 1 and drawn[0][1] is None:
                return  # plain line: no widths needed
        x = left
        column = measure.width("0", size)
        for piece, style in drawn:
            if piece == "\t":
                w = _tab_stop_after(x - left, column) - (x - left)
            else:
                w = measure.width(piece, size)
            if style is not None:
                if style.passage is not None:
                    page.rect(x, top - leading, w, leading,
                              colours.passage(style.passage))
                if style.underline is not None:
                    colour = colours.mark(style.underline)
                    page.add(cell.x, ("line", x, baseline - 1.6, x + w, baseline - 1.6,
                                      colour, 0.9))
            if not whole:
                change = style.change if style is not None else None
                colour = colours.mark(change) if change is not None else plain_colour
                page.add(cell.x, ("text", x, baseline, piece.translate(_CONTROLS),
                                  colour, size))
                if change is MarkKind.DELETED:
                    y = baseline + size * 0.3
                    page.add(cell.x, ("line", x, y, x + w, y, colour, 0.7))
                elif change is MarkKind.INSERTED:
                    page.add(cell.x, ("line", x, baseline - 1.2, x + w, baseline - 1.2,
                                      colour, 0.6))
            x += w


def _left_to_right_unless_rtl(cell: Cell) -> Cell:
    """`cell`, known to read left to right when it holds no right-to-left letter at all:
    then no line of it asks for its paragraph's direction (a passage of a whole text can
    be a row)."""
    if cell.rtl is None and not has_rtl(cell.text.text):
        return replace(cell, rtl=False)
    return cell


def _drawn_pieces(text: str, start: int, end: int, pieces: list[tuple[int, int, Style | None]],
                  rtl: bool | None = None) -> tuple[list[tuple[str, Style | None]], bool]:
    """The strings to draw for text[start:end], cut into its styled `pieces`, left to right:
    as written, or reordered and joined where the line holds right-to-left script or its
    paragraph reads right to left (`rtl`; None: found in `text`); and that direction.
    A wrapped line of a Hebrew paragraph that holds only digits or Latin words is still
    right to left: flush right, its neutrals placed as in the rest of the paragraph."""
    line = text[start:end]
    if rtl is None:
        rtl = paragraph_is_rtl(text, start)
    if not rtl and not has_rtl(line):
        return [(text[p0:p1], style) for p0, p1, style in pieces], False
    return visual_pieces(line, [(p0 - start, p1 - start, style) for p0, p1, style in pieces],
                         rtl), rtl
