"""The PDF text layer of characters beyond the Basic Multilingual Plane (emoji, rare Han).

reportlab writes each glyph's Unicode value in a font's ToUnicode map as plain hex, which
is right for U+0000-U+FFFF only: 😀 (U+1F600) became <1F600>, five digits a reader cuts to
U+1F60 ("ὠ"), so the character copied, searched or extracted from the report was wrong.
A PDF wants UTF-16 there: <D83DDE00>. `install()` rewrites those entries of every map
reportlab makes from then on."""

from __future__ import annotations

import re

from reportlab.pdfbase import ttfonts

_ASTRAL = re.compile(r"^(<[0-9A-F]+> )<([0-9A-F]{5,6})>$", re.MULTILINE)


def utf16_entries(cmap: str) -> str:
    """`cmap` with each destination above U+FFFF written as its UTF-16 surrogate pair."""
    return _ASTRAL.sub(lambda m: m.group(1) + "<"
                       + chr(int(m.group(2), 16)).encode("utf-16-be").hex().upper() + ">", cmap)


def install() -> None:
    """Make reportlab's ToUnicode maps right for every character (once)."""
    original = ttfonts.makeToUnicodeCMap
    if getattr(original, "tandem_utf16", False):
        return

    def make(fontname, subset):  # type: ignore[no-untyped-def]
        return utf16_entries(original(fontname, subset))

    make.tandem_utf16 = True  # type: ignore[attr-defined]
    ttfonts.makeToUnicodeCMap = make
