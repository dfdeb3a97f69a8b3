"""The PDF report of a `Comparison`: title page, the texts side by side, and the tables.

Drawn with reportlab from the engine's data (never by printing a Qt view), in embedded
TrueType fonts so the text layer stays selectable and extracts correctly: a CJK font for CJK
characters and a Latin one for the rest. The file is
written atomically: a failed or cancelled export leaves nothing and replaces nothing.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import TypeVar

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from viewer.core.errors import Cancelled
from viewer.core.model import Comparison, SharedPhrase, Slogan, ThemeOverlap
from viewer.export.pdf_layout import Cell, Fonts, Layout, Measure, glyph_codes
from viewer.export.pdf_render import RUNNING_SIZE, fitted, render_pages, save_pdf
from viewer.export.pdf_side_by_side import lay_out_side_by_side
from viewer.export.report_model import (
    RichText,
    excerpt,
    phrase_cells,
    summary,
)
from viewer.present.collection_figures import CollectionFigures
from viewer.present.forms import also_written
from viewer.present.marks import MarkKind, Style
from viewer.present.palette import PRINT
from viewer.present.theme_note import closest_only_note
from viewer.present.theme_words import shown_words
from viewer.present.wording import NO_SHARED_PHRASES, NO_SLOGANS, NO_THEMES, slogan_tally

PAGE_SIZES = {"A4": A4, "Letter": LETTER}

#: Fonts tried in order: a copy bundled with the app, then system fonts. WenQuanYi Micro Hei
#: covers Latin and CJK and its text layer extracts correctly (Noto CJK's maps some Han
#: characters to radical look-alikes when extracted).
_FONT_NAMES = ("wqy-microhei.ttc", "WenQuanYiMicroHei.ttf", "wqy-microhei.ttf")
_LATIN_FONT = "DejaVuSans.ttf"
_SYSTEM_LATIN_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
)
#: Emoji and other symbols neither font draws (👍, a flag's letters 🇨🇳, ✅): Symbola, whose
#: licence lets it be redistributed (Debian: fonts-symbola); Unicode 9's emoji, in outline.
#: A colour emoji font is of no use here: reportlab embeds outlines only.
_SYMBOL_FONT = "Symbola_hint.ttf"
_SYSTEM_SYMBOL_FONTS = ("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf",)
#: The Latin font comes last: without CJK glyphs it is a CJK font only when nothing else is.
_SYSTEM_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
    *_SYSTEM_LATIN_FONTS,
)

TEXT_SIZE = 8.5
TABLE_SIZE = 8.0

#: Characters without a glyph named on the title page at most (by code point).
MISSING_SHOWN = 8

Progress = Callable[[float], None]
IsCancelled = Callable[[], bool]


T = TypeVar("T")

def _bundled_font_dirs() -> list[Path]:
    package = Path(__file__).resolve().parent.parent
    dirs = [package / "resources" / "fonts", package.parent / "resources" / "fonts"]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        dirs.insert(0, Path(frozen) / "resources" / "fonts")
    return dirs


def font_candidates(folders: Sequence[Path] | None = None) -> list[Path]:
    """Font files to try, best first: bundled CJK fonts, then the system's; given
    `folders`, the fonts in those alone."""
    found: list[Path] = []
    for folder in _bundled_font_dirs() if folders is None else folders:
        found.extend(folder / name for name in _FONT_NAMES)
        if folder.is_dir():
            # A font the user dropped there, but not the bundled Latin and symbol ones (no
            # CJK glyphs), which must not come before a system CJK font.
            found.extend(sorted(p for p in folder.iterdir()
                                if p.suffix.lower() in (".ttf", ".ttc")
                                and p.name not in (_LATIN_FONT, _SYMBOL_FONT)))
    if folders is None:
        found.extend(Path(p) for p in _SYSTEM_FONTS)
    return found


def latin_font_candidates(folders: Sequence[Path] | None = None) -> list[Path]:
    """The Latin font's files to try, best first: bundled, then the system's; given
    `folders`, the one in those alone."""
    return _one_font_candidates(_LATIN_FONT, _SYSTEM_LATIN_FONTS, folders)


def symbol_font_candidates(folders: Sequence[Path] | None = None) -> list[Path]:
    """The symbol font's files to try, as `latin_font_candidates`."""
    return _one_font_candidates(_SYMBOL_FONT, _SYSTEM_SYMBOL_FONTS, folders)


def _one_font_candidates(name: str, system: Sequence[str],
                         folders: Sequence[Path] | None) -> list[Path]:
    found = [folder / name for folder in
             (_bundled_font_dirs() if folders is None else folders)]
    if folders is None:
        found.extend(Path(p) for p in system)
    return found


def report_font() -> str:
    """Register the first usable CJK-capable font and return its reportlab name (Helvetica
    if none)."""
    return report_fonts().cjk


@cache
def report_fonts() -> Fonts:
    """The report's fonts: a Latin one (DejaVu Sans, bundled or the system's) for all but
    CJK characters, which keep the CJK-capable font; one font for both if that is all; and
    Symbola for the emoji and symbols neither has, when it is found."""
    return fonts_among(font_candidates(), latin_font_candidates(), symbol_font_candidates())


def fonts_among(cjk_files: Sequence[Path], latin_files: Sequence[Path],
                symbol_files: Sequence[Path] = ()) -> Fonts:
    """The report's fonts from these candidates, each the first file that loads
    (registered with reportlab); Helvetica, which has no CJK glyphs, when none does; no
    symbol font when none of `symbol_files` does."""
    cjk = _first_usable(cjk_files) or "Helvetica"
    return Fonts(latin=_first_usable(latin_files) or cjk, cjk=cjk,
                 symbols=_first_usable(symbol_files))


def font_file(name: str) -> str | None:
    """The file a registered TrueType font was read from (None for a standard PDF font)."""
    return getattr(getattr(pdfmetrics.getFont(name), "face", None), "filename", None)


def draws_chinese(fonts: Fonts, sample: str = "中文漢字") -> bool:
    """Whether `fonts` have glyphs for Chinese characters (`sample`, simplified and
    traditional): without, the report shows them as empty boxes. A standard PDF font such
    as Helvetica has none."""
    glyphs = getattr(getattr(pdfmetrics.getFont(fonts.of(sample[0])), "face", None),
                     "charToGlyph", None)
    return glyphs is not None and all(ord(ch) in glyphs for ch in sample)


def _first_usable(paths: Sequence[Path]) -> str | None:
    """Register the first font file that loads; its reportlab name."""
    for path in paths:
        if not path.is_file():
            continue
        name = f"Tandem-{path.stem}"
        try:
            if path.suffix.lower() == ".ttc":
                font = TTFont(name, str(path), subfontIndex=0)
            else:
                font = TTFont(name, str(path))
            pdfmetrics.registerFont(font)
        except Exception:  # a damaged or unsupported font file: try the next one
            continue
        return name
    return None


def write_pdf(comparison: Comparison, path: str | os.PathLike[str], *, page_size: str = "A4",
              progress: Progress | None = None, is_cancelled: IsCancelled | None = None,
              figures: CollectionFigures | None = None, fonts: Fonts | None = None) -> str:
    """Write the report of `comparison` as a PDF at `path`, atomically; with a collection
    behind the comparison (`figures`), its word on each slogan and shared passage. Drawn
    in `fonts`, by default the ones found (`report_fonts`); what it returns, "" or the
    title page's note on characters they have no glyph for, is for the user to be told.

    Raises `Cancelled` when `is_cancelled()` turns true (no file is left), `LoadError`
    naming the path when it cannot be written, and `ValueError` for an unknown page size."""
    if page_size not in PAGE_SIZES:
        raise ValueError(f"page size must be one of {', '.join(PAGE_SIZES)}, not {page_size!r}")
    report = progress or (lambda fraction: None)

    def check() -> None:
        if is_cancelled is not None and is_cancelled():
            raise Cancelled()

    fonts = fonts or report_fonts()
    note = missing_glyphs_note(fonts, missing_glyphs(
        fonts, (comparison.document_a.text, comparison.document_b.text)))
    layout = _lay_out(comparison, PAGE_SIZES[page_size], fonts, check, report, figures, note)
    save_pdf(path, lambda handle: _render(layout, comparison, handle, check, report))
    report(1.0)
    return note


def _lay_out(comparison: Comparison, page_size: tuple[float, float], fonts: Fonts,
             check: Callable[[], None], report: Progress,
             figures: CollectionFigures | None = None, glyphs_note: str = "") -> Layout:
    colours = PRINT
    layout = Layout(page_size, Measure(fonts), colours, check=check)
    facts = summary(comparison)
    _title_page(layout, facts, glyphs_note, _collection_rows(figures))

    # The two texts side by side, each flowing in its own column.
    gutter = 16.0
    column = (layout.content_width - gutter) / 2
    left_a, left_b = layout.left, layout.left + column + gutter

    def column_heads() -> None:
        layout.row([Cell(left_a, column, RichText(f"A: {facts.name_a}"), colours.muted),
                    Cell(left_b, column, RichText(f"B: {facts.name_b}"), colours.muted)],
                   TABLE_SIZE)
        layout.space(1)
        layout.rule()
        layout.space(4)

    layout.new_page()
    layout.text("The texts side by side", 13)
    layout.space(4)
    above_heads = layout.y
    column_heads()
    layout.on_new_page = column_heads
    passage_pages = lay_out_side_by_side(layout, comparison, (left_a, left_b), column,
                                         above_heads - layout.y, TEXT_SIZE, check, report)
    layout.on_new_page = None

    _tables(layout, comparison, passage_pages, check, figures)
    report(0.8)
    return layout


def _draws(name: str) -> Callable[[str], bool]:
    """Whether the font `name` has a glyph for a character."""
    glyphs = glyph_codes(name)
    return lambda ch: ord(ch) in glyphs


def missing_glyphs(fonts: Fonts, texts: Iterable[str]) -> list[str]:
    """The characters of `texts` that the font drawing them has no glyph for (they show as
    empty boxes, or emoji as stand-ins: `Fonts.stands_in`), by code point."""
    draws = {name: _draws(name) for name in {fonts.latin, fonts.cjk, fonts.symbols} if name}
    present = set().union(*map(set, texts))
    return sorted(ch for ch in present if not ch.isspace()
                  and (unicodedata.category(ch)[0] not in "CZ" or fonts.stands_in(ch))
                  and not draws[fonts.of(ch)](ch))


def missing_glyphs_note(fonts: Fonts, missing: Sequence[str]) -> str:
    """What a report says of the characters its `fonts` have no glyph for ("" for none):
    how many, the first few by code point, and how they show: the emoji among them as
    their code point in a frame, the others as empty boxes; and when no TrueType font
    was found, that."""
    emoji = [ch for ch in missing if fonts.stands_in(ch)]
    boxes = [ch for ch in missing if not fonts.stands_in(ch)]
    parts = []
    if boxes:
        one = len(boxes) == 1
        parts.append(f"{_counted_chars(boxes, 'character', ' of the texts')} "
                     f"{'has' if one else 'have'} no glyph in this report's fonts and "
                     f"show{'s' if one else ''} as {'an empty box' if one else 'empty boxes'}")
    if emoji:
        one = len(emoji) == 1
        parts.append(f"{_counted_chars(emoji, 'emoji', '' if boxes else ' of the texts')} "
                     f"{'has' if one else 'have'} no glyph in this report's fonts and "
                     f"{'is drawn as its code point' if one else 'are drawn as their code points'}"
                     " in a frame")
    if not parts:
        return ""
    none_found = ("; no TrueType font was found: install the fonts-wqy-microhei and "
                  "fonts-dejavu-core packages" if font_file(fonts.cjk) is None else "")
    return "; ".join(parts) + none_found


def _counted_chars(chars: Sequence[str], noun: str, where: str = "") -> str:
    """"3 characters of the texts (U+0928, U+0E2A, U+0E27)": how many, `where`, and the
    first few by code point."""
    shown = ", ".join(f"U+{ord(ch):04X}" for ch in chars[:MISSING_SHOWN])
    more = ", …" if len(chars) > MISSING_SHOWN else ""
    plural = "" if len(chars) == 1 or noun == "emoji" else "s"
    return f"{len(chars)} {noun}{plural}{where} ({shown}{more})"


def _collection_rows(figures: CollectionFigures | None) -> tuple[tuple[str, str], ...]:
    """The title page's rows on the collection behind the comparison, if any."""
    if figures is None:
        return ()
    return (("Collection", figures.collection),) + (
        (("", figures.outside),) if figures.outside else ())


def _title_page(layout: Layout, facts, glyphs_note: str = "",  # type: ignore[no-untyped-def]
                collection: tuple[tuple[str, str], ...] = ()) -> None:
    colours = layout.colours
    layout.text(facts.title, 18)
    layout.space(2)
    layout.text(f"Generated {facts.date} by Tandem", 9, colours.muted)
    layout.space(10)
    key_width = 150.0
    value_x = layout.left + key_width
    value_width = layout.content_width - key_width

    def pairs(heading: str, items: tuple[tuple[str, str], ...]) -> None:
        layout.text(heading, 12)
        layout.space(3)
        for key, value in items:
            layout.row([Cell(layout.left, key_width - 8, RichText(key), colours.muted),
                        Cell(value_x, value_width, RichText(value))], 9)
        layout.space(10)

    pairs("Documents", facts.documents + collection)
    pairs("Overlap", facts.figures)
    pairs("Settings", facts.settings)
    layout.text("How to read the report", 12)
    layout.space(3)
    sample = "shared passage"
    legend = RichText(
        f"{sample} (one colour per passage and its counterpart)   slogan   watch-list phrase"
        "   deleted   inserted",
        ((0, len(sample), Style(passage=0)),))
    text = legend.text
    runs = list(legend.runs)
    for word, style in (("slogan", Style(underline=MarkKind.SLOGAN)),
                        ("watch-list phrase", Style(underline=MarkKind.WATCH)),
                        ("deleted", Style(change=MarkKind.DELETED)),
                        ("inserted", Style(change=MarkKind.INSERTED))):
        at = text.index(word, runs[-1][1])
        runs.append((at, at + len(word), style))
    layout.row([Cell(layout.left, layout.content_width, RichText(text, tuple(runs)))], 9)
    layout.space(3)
    layout.text("Each text flows in its own column. In the margin beside a shared passage, "
                "\u201c3 \u2192 p.7\u201d is its number (as in the table of shared phrases) and "
                "the page where its counterpart in the other text starts. Passages stand level "
                "where both texts have them in the same order and little paper is lost.", 9,
                colours.muted)
    glyphs_paragraph(layout, glyphs_note)


def glyphs_paragraph(layout: Layout, glyphs_note: str) -> None:
    """A title page's word on the characters no font draws (`missing_glyphs_note`), if
    any."""
    if glyphs_note:
        layout.space(3)
        layout.text(f"{glyphs_note}. The HTML report leaves them to the browser's fonts.", 9,
                    layout.colours.muted)


def _table_head(layout: Layout, cells: list[Cell]) -> None:
    layout.row(cells, TABLE_SIZE)
    layout.space(1)
    layout.rule(layout.colours.text, 0.7)
    layout.space(3)


def _table(layout: Layout, title: str, columns: Sequence[tuple[float, float, str]],
           items: Sequence[T], cells: Callable[[int, T], list[RichText]], empty: str,
           check: Callable[[], None], heading: str | None = None, note: str = "") -> None:
    """A titled table: its heading row repeats on every page, and a rule follows each row.
    `columns` are (x, width, heading); `cells(i, item)` gives one row's contents. The
    title is written with the count of `items`, or as `heading` when that counts them
    otherwise. A `note` under the table goes to the next page with the last row, if kept
    whole, rather than stand alone on a page of its own."""
    shown = heading or f"{title} ({len(items)})"
    colours = layout.colours

    def head() -> None:
        _table_head(layout, [Cell(x, w, RichText(label), colours.muted)
                             for x, w, label in columns])

    def row(i: int, item: T) -> list[Cell]:
        return [Cell(x, w, content)
                for (x, w, _), content in zip(columns, cells(i, item), strict=True)]

    note_room = layout.height(note, 9) + 3 if note else 0.0
    if items:
        # The title and the heads go where the first row goes, which may be kept whole
        # (with the note, when it is the last).
        layout.ensure(layout.height(shown, 13) + 4 + TABLE_SIZE * 1.3 + 4
                      + layout.kept_height(row(0, items[0]), TABLE_SIZE)
                      + (note_room if len(items) == 1 else 0.0))
    layout.text(shown, 13)
    layout.space(4)
    if not items:
        layout.text(empty, 9, colours.muted)
        return
    head()
    layout.on_new_page = head
    for i, item in enumerate(items):
        check()
        cells_of = row(i, item)
        if note_room and i == len(items) - 1:
            layout.ensure(layout.kept_height(cells_of, TABLE_SIZE) + 4 + note_room)
        layout.row(cells_of, TABLE_SIZE)
        layout.space(1)
        layout.rule()
        layout.space(3)
    layout.on_new_page = None
    if note:
        layout.space(3)
        layout.text(note, 9, colours.muted)


def _tables(layout: Layout, comparison: Comparison,
            passage_pages: Sequence[tuple[int, int] | None], check: Callable[[], None],
            figures: CollectionFigures | None = None) -> None:
    left, width = layout.left, layout.content_width
    text_a, text_b = comparison.document_a.text, comparison.document_b.text

    # Shared phrases: number (in the passage's colour), words, the pages where the passage
    # stands in A and in B, A with deletions, B with insertions.
    number_w, words_w, pages_w = 26.0, 30.0, 34.0
    rest = (width - number_w - words_w - pages_w - 12) / 2
    x_a = left + number_w + words_w + pages_w

    def phrase_row(i: int, phrase: SharedPhrase) -> list[RichText]:
        label = str(i + 1)
        pages = passage_pages[i]
        return [RichText(label, ((0, len(label), Style(passage=i)),)),
                RichText(f"{phrase.words}" + ("" if phrase.exact else " ~")),
                RichText("" if pages is None else f"A p.{pages[0]}\nB p.{pages[1]}"),
                *phrase_cells(comparison, i)]

    # On the texts' last page if a third of it is free, else on a page of their own.
    layout.space(24)
    layout.ensure(layout.page_height / 3)
    _table(layout, "Shared phrases",
           [(left, number_w, "#"), (left + number_w, words_w, "words"),
            (left + number_w + words_w, pages_w, "pages"),
            (x_a, rest, "in A (deleted words struck)"),
            (x_a + rest + 12, rest, "in B (inserted words underlined)")],
           comparison.shared_phrases, phrase_row, NO_SHARED_PHRASES, check)
    if figures is not None:
        _carried(layout, figures, check)

    # Slogans with their counts in each document (and in the collection behind them).
    count_w = 48.0
    collection_w = 170.0 if figures is not None else 0.0
    phrase_w = width - 2 * count_w - 8 - collection_w

    def slogan_row(k: int, slogan: Slogan) -> list[RichText]:
        name = slogan.phrase
        style = Style(underline=MarkKind.WATCH if slogan.watchlist else MarkKind.SLOGAN)
        also = "\n" + also_written(slogan.variants) if slogan.variants else ""
        return [RichText(name + (" (watch-list)" if slogan.watchlist else "") + also,
                         ((0, len(name), style),)),
                RichText(str(slogan.count_a)), RichText(str(slogan.count_b)),
                *([RichText(figures.slogans[k])] if figures is not None else [])]

    layout.space(12)
    layout.ensure(60)
    columns = [(left, phrase_w, "phrase"), (left + phrase_w + 8, count_w, "in A"),
               (left + phrase_w + 8 + count_w, count_w, "in B")]
    if figures is not None:
        columns.append((left + phrase_w + 8 + 2 * count_w, collection_w, "in the collection"))
    _table(layout, "Slogans", columns, comparison.slogans, slogan_row,
           NO_SLOGANS, check, heading=slogan_tally(comparison).tab)

    # Theme overlap: score, strongest shared terms, and both passages' openings.
    score_w, terms_w = 34.0, 96.0
    excerpt_w = (width - score_w - terms_w - 16) / 2
    x_terms = left + score_w
    x_ea = x_terms + terms_w + 4

    def theme_row(_: int, theme: ThemeOverlap) -> list[RichText]:
        return [RichText(f"{theme.score:.2f}"), RichText(shown_words(theme)),
                RichText(excerpt(text_a, theme.a)), RichText(excerpt(text_b, theme.b))]

    layout.space(12)
    layout.ensure(60)
    _table(layout, "Theme overlap",
           [(left, score_w, "score"), (x_terms, terms_w, "shared terms"),
            (x_ea, excerpt_w, "passage in A"), (x_ea + excerpt_w + 12, excerpt_w, "passage in B")],
           comparison.themes, theme_row, NO_THEMES, check, note=closest_only_note(comparison))


def _carried(layout: Layout, figures: CollectionFigures, check: Callable[[], None]) -> None:
    """The shared passages that other articles of the collection carry too."""
    carried = [(k, label) for k, label in enumerate(figures.phrases) if label]
    number_w = 26.0

    def row(_: int, item: tuple[int, str]) -> list[RichText]:
        label = str(item[0] + 1)
        return [RichText(label, ((0, len(label), Style(passage=item[0])),)),
                RichText(item[1])]

    layout.space(12)
    layout.ensure(60)
    _table(layout, "Shared phrases other articles carry",
           [(layout.left, number_w, "#"),
            (layout.left + number_w, layout.content_width - number_w, "in the collection")],
           carried, row, "No other article of the collection carries these passages.", check)


def _render(layout: Layout, comparison: Comparison, handle,  # type: ignore[no-untyped-def]
            check: Callable[[], None], report: Progress) -> None:
    a, b = comparison.document_a.name, comparison.document_b.name
    # Both names in the header's room, each cut in the middle where the two are longer
    # (the shorter one whole when it takes less than half), so both show.
    measure = layout.measure
    room = layout.content_width - measure.width("Tandem ·  / ", RUNNING_SIZE)
    room_a = max(room / 2, room - measure.width(b, RUNNING_SIZE))
    shown_a = fitted(a, room_a, RUNNING_SIZE, measure)
    shown_b = fitted(b, room - measure.width(shown_a, RUNNING_SIZE), RUNNING_SIZE, measure)
    render_pages(layout, handle, title=f"Tandem: {a} and {b}", subject="Comparison report",
                 running=f"Tandem · {shown_a} / {shown_b}", check=check, report=report)
