"""Drawing laid-out pages into a PDF with reportlab, and saving it atomically.

Shared by the comparison report and the collection report: `Layout` decides where
everything goes; this draws each page's operations, the running header and "page N of M".
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import BinaryIO

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from viewer.export import pdf_stand_in, pdf_tounicode
from viewer.export.atomic import write_report
from viewer.export.pdf_bidi import visual_text
from viewer.export.pdf_layout import STAND_IN, Layout, Measure

pdf_tounicode.install()

Progress = Callable[[float], None]


def save_pdf(path: str | os.PathLike[str], draw: Callable[[BinaryIO], None]) -> None:
    """Run `draw` on a temporary file moved to `path` when it succeeds; `LoadError` naming
    the path when it cannot be written."""
    # ASCII85 only makes the file 7-bit clean at 25% more size, and costs seconds in pure
    # Python on a long report; compressed binary streams are standard PDF.
    saved_a85 = rl_config.useA85
    rl_config.useA85 = 0
    try:
        write_report(path, draw)
    finally:
        rl_config.useA85 = saved_a85


#: Point size of the running header and the page numbers.
RUNNING_SIZE = 7.5


def fitted(text: str, width: float, size: float, measure: Measure) -> str:
    """`text` as it fits `width` at `size`: whole, else cut in the middle ("…"), so both
    its ends are read (a file name's start and its extension)."""
    if measure.width(text, size) <= width:
        return text
    keep = len(text)
    while keep > 1:
        keep -= 1
        head = text[:(keep + 1) // 2]
        tail = text[len(text) - keep // 2:] if keep // 2 else ""
        cut = f"{head}…{tail}"
        if measure.width(cut, size) <= width:
            return cut
    return "…"


def render_pages(layout: Layout, handle: BinaryIO, *, title: str, subject: str, running: str,
                 check: Callable[[], None], report: Progress) -> None:
    """Draw every page of `layout` into `handle`, with `running` as each page's header;
    progress from 0.8 to 0.99 (laying out is the first 80%)."""
    colours = layout.colours
    canvas = Canvas(handle, pagesize=(layout.page_width, layout.page_height))
    canvas.setTitle(title)
    canvas.setAuthor("Tandem")
    canvas.setSubject(subject)
    colour_cache: dict[str, HexColor] = {}

    def colour(value: str) -> HexColor:
        found = colour_cache.get(value)
        if found is None:
            found = colour_cache[value] = HexColor(value)
        return found

    total = len(layout.pages)
    measure = layout.measure
    header = visual_text(fitted(running, layout.content_width, RUNNING_SIZE, measure))
    for number, page in enumerate(layout.pages, start=1):
        check()
        # One text object per page: drawString per line would re-measure and re-shape every
        # line, which costs several seconds on a long pair.
        for name, x, y in page.destinations:
            canvas.bookmarkHorizontalAbsolute(name, y, left=x)
        text = canvas.beginText()
        writer = TextWriter(text, measure)
        lines = []
        for op in page.operations():
            kind = op[0]
            if kind == "rect":
                _, x, y, w, h, fill = op
                canvas.setFillColor(colour(fill))
                canvas.rect(x, y, w, h, stroke=0, fill=1)
            elif kind == "text":
                _, x, y, string, fill, size = op
                writer.write(x, y, string, colour(fill), size)
            else:
                lines.append(op)
        muted = colour(colours.muted)
        writer.write(layout.left, layout.page_height - layout.margin + 2, header, muted,
                     RUNNING_SIZE)
        folio = f"page {number} of {total}"
        writer.write((layout.page_width - measure.width(folio, RUNNING_SIZE)) / 2,
                     layout.margin - 4, folio, muted, RUNNING_SIZE)
        canvas.drawText(text)
        for x, y, size, ch, fill in writer.stand_ins:
            pdf_stand_in.draw(canvas, x, y, size, ch, fill)
        for x1, y1, x2, y2, name in page.links:
            canvas.linkAbsolute("", name, (x1, y1, x2, y2), thickness=0)
        for _, x1, y1, x2, y2, stroke, width in lines:
            canvas.setStrokeColor(colour(stroke))
            canvas.setLineWidth(width)
            canvas.line(x1, y1, x2, y2)
        canvas.showPage()
        report(0.8 + 0.19 * number / total)
    canvas.save()


class TextWriter:
    """Writes strings into one page's text object, each run of CJK characters in the CJK
    font and the rest in the Latin one, setting font and colour only when they change.
    An emoji no font has is written invisibly and kept in `stand_ins`, to be drawn over
    the text (`pdf_stand_in`)."""

    def __init__(self, text, measure: Measure) -> None:  # type: ignore[no-untyped-def]
        self.text = text
        self.measure = measure
        self.font: tuple[str, float] | None = None
        self.fill: HexColor | None = None
        #: (x, baseline, size, character, colour) of each stand-in written.
        self.stand_ins: list[tuple[float, float, float, str, HexColor]] = []

    def write(self, x: float, y: float, string: str, fill: HexColor, size: float) -> None:
        text = self.text
        if self.fill != fill:
            text.setFillColor(fill)
            self.fill = fill
        runs = self.measure.fonts.runs(string)
        for k, (font, run) in enumerate(runs):
            stand_in = font == STAND_IN
            if stand_in:
                latin = self.measure.fonts.latin
                font = pdf_stand_in.text_font(latin, run) or latin
                self.stand_ins.append((x, y, size, run, fill))
                text.setTextRenderMode(3)  # the text layer keeps it; the frame shows it
            if self.font != (font, size):
                text.setFont(font, size)
                self.font = (font, size)
            text.setTextOrigin(x, y)
            text._textOut(run)  # the origin is set per run; no cursor needed
            if stand_in:
                text.setTextRenderMode(0)
            if k + 1 < len(runs):
                x += self.measure.width(run, size)
