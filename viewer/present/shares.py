"""A share of a text as every view writes it: the window's tables and status line, the HTML
and the PDF reports.

A share is rounded, but never to a claim the figures do not make: "0%" only when nothing is
shared and "100%" only when the whole text is; a share that rounds to either end reads
"<1%" or ">99%" (at one decimal "<0.1%" or ">99.9%").
"""

from __future__ import annotations


def percent(fraction: float, decimals: int = 1) -> str:
    """`fraction` (0 to 1) as a percentage with `decimals` decimals: "99.5%", "42%"."""
    shown = f"{fraction * 100:.{decimals}f}"
    least = f"{10 ** -decimals:.{decimals}f}"
    if fraction > 0 and float(shown) == 0:
        return f"<{least}%"
    if fraction < 1 and float(shown) == 100:
        return f">{100 - 10 ** -decimals:.{decimals}f}%"
    return f"{shown}%"
