"""What the PDF draws for an emoji none of its fonts has: its code point in a thin frame.

The symbol font (Symbola) stops at Unicode 9, and no outline font with newer emoji (🥰 🫠)
ships with the app or the system; a colour emoji font is of no use, as reportlab embeds
outlines only. Drawn in a font without it, such an emoji printed as the font's empty box,
which reads as broken output. In its place stands a frame with the code point in two rows
of small digits (as browsers draw a character no font has), in the text's colour; the
character itself is written under it in a copy of the Latin font that gives it the blank
glyph of a space, so the text layer copies and finds it (in a font without it, reportlab
writes glyph 0, read back as U+0000). The digits are drawn as squares, not text, so they
stay out of the text layer.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.colors import Color
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

#: A stand-in's advance, in em.
WIDTH_EM = 1.0

# Hexadecimal digits three squares wide and five high, row by row.
_DIGITS = dict(zip("0123456789ABCDEF", (
    "111101101101111", "010110010010111", "111001111100111", "111001111001111",
    "101101111001001", "111100111001111", "111100111101111", "111001001001001",
    "111101111101111", "111101111001111", "111101111101101", "110101110101110",
    "111100100100111", "110101101101110", "111100111100111", "111100111100100"),
    strict=True))


def text_font(latin: str, ch: str) -> str | None:
    """The registered font to write `ch` in for the text layer, a blank glyph, given the
    report's Latin font `latin`; None when that is no TrueType font."""
    name = _blank_font(latin)
    if name is None:
        return None
    glyphs = pdfmetrics.getFont(name).face.charToGlyph
    glyphs.setdefault(ord(ch), glyphs[32])
    return name


@cache
def _blank_font(latin: str) -> str | None:
    """A copy of the TrueType font `latin`, registered, that stand-ins are mapped into."""
    face = getattr(pdfmetrics.getFont(latin), "face", None)
    filename = getattr(face, "filename", None)
    if face is None or filename is None or 32 not in face.charToGlyph:
        return None
    name = f"{latin}-stand-in"
    font = TTFont(name, filename, subfontIndex=getattr(face, "subfontIndex", 0))
    # reportlab registers a second font of one face name as the first: its own name keeps
    # the Latin font's glyph map as it is.
    font.face.name = font.face.name + b"-StandIn"
    pdfmetrics.registerFont(font)
    return name


def draw(canvas: Canvas, x: float, baseline: float, size: float, ch: str,
         colour: Color) -> None:
    """The frame and digits of `ch` at `x` on `baseline`, in `colour`."""
    code = ord(ch)
    digits = f"{code:04X}" if code <= 0xFFFF else f"{code:06X}"
    rows = (digits[:len(digits) // 2], digits[len(digits) // 2:])
    height = 0.9 * size
    width = 0.9 * size
    left, bottom = x + (WIDTH_EM * size - width) / 2, baseline - 0.17 * size
    canvas.saveState()
    canvas.setStrokeColor(colour)
    canvas.setFillColor(colour)
    canvas.setLineWidth(max(0.3, size / 28))
    canvas.roundRect(left, bottom, width, height, size * 0.12, stroke=1, fill=0)
    dot = height / 14  # two rows of five, a row apart, and two of margin each side
    path = canvas.beginPath()
    for k, row in enumerate(rows):
        row_width = (4 * len(row) - 1) * dot
        x0 = left + (width - row_width) / 2
        top = bottom + height - 2 * dot - k * 6 * dot
        for n, digit in enumerate(row):
            for cell, on in enumerate(_DIGITS[digit]):
                if on == "1":
                    path.rect(x0 + (4 * n + cell % 3) * dot, top - (cell // 3 + 1) * dot,
                              dot, dot)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
