"""Highlight colours shared by the window and the reports, defined once and Qt-free.

Shared phrases take a background from a small family of light colours, cycling by passage
index so neighbouring passages differ and a passage and its counterpart share one colour.
Slogans are underlined (watch-list phrases in their own colour). Word-level differences
inside a passage are red (deleted from A) and green (inserted in B). Colours are "#rrggbb".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Palette:
    """One theme's colours; `shared` cycles per passage index."""

    shared: tuple[str, ...]
    slogan_underline: str
    watch_underline: str
    deleted: str
    inserted: str
    text: str
    background: str
    muted: str
    rule: str

    def shared_colour(self, index: int) -> str:
        """Background of shared passage `index` (its position in `Comparison.shared_phrases`)."""
        return self.shared[index % len(self.shared)]


LIGHT = Palette(
    # Light enough that black text on them stays readable in print and on screen.
    shared=("#ffe58f", "#b5d8ff", "#c3f0c8", "#ffc9e3", "#dcd0ff", "#ffd5b0"),
    slogan_underline="#d9480f",
    watch_underline="#7b2cbf",
    deleted="#c92a2a",
    inserted="#2b8a3e",
    text="#1a1a1a",
    background="#ffffff",
    muted="#6b6b6b",
    rule="#c8c8c8",
)

DARK = Palette(
    # Deep tones under light text: the same hue order as LIGHT so a passage keeps its hue.
    shared=("#6b5300", "#1f4a78", "#225c2e", "#6e2448", "#46377a", "#744214"),
    slogan_underline="#ff922b",
    watch_underline="#c77dff",
    deleted="#ff6b6b",
    inserted="#69db7c",
    text="#e8e8e8",
    background="#1e1e1e",
    muted="#a0a0a0",
    rule="#4a4a4a",
)


def palette(dark: bool = False) -> Palette:
    return DARK if dark else LIGHT


def shared_colour(index: int, dark: bool = False) -> str:
    """Background colour of shared passage `index` in the light or dark theme."""
    return palette(dark).shared_colour(index)


def hex_to_rgb(colour: str) -> tuple[int, int, int]:
    """'#rrggbb' as integers 0..255."""
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
