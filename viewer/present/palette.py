"""The colours of every view, light, dark and print, defined once and Qt-free ("#rrggbb").

Shared passages take a background from a small family of colours, cycling by passage index
so neighbouring passages differ and a passage and its counterpart share one colour. Found
slogans are underlined orange, watch-list phrases blue-green, theme passages purple: three
hues far apart, so a watch-list phrase is never taken for a theme mark. Word-level
differences inside a passage are red (A's words deleted or replaced) and green (B's new words).
"""

from __future__ import annotations

from dataclasses import dataclass

from viewer.present.marks import MarkKind


@dataclass(frozen=True)
class Palette:
    """One theme's colours; `shared` cycles per passage index."""

    shared: tuple[str, ...]
    slogan: str
    watch: str
    theme: str
    deleted: str
    inserted: str
    text: str
    background: str
    muted: str
    rule: str
    #: Window-only marks: the active passage, its brief flash, find hits.
    active: str
    flash: str
    find: str
    #: Passage marks in the overview strip beside each pane (darker than the backgrounds,
    #: so thin marks still show).
    strip_passage: str

    def passage(self, index: int) -> str:
        """Background of shared passage `index` (its position in `Comparison.shared_phrases`)."""
        return self.shared[index % len(self.shared)]

    def mark(self, kind: MarkKind) -> str:
        """The colour of an underline (slogan, watch-list) or a word change (deleted, inserted)."""
        return {MarkKind.SLOGAN: self.slogan, MarkKind.WATCH: self.watch,
                MarkKind.DELETED: self.deleted, MarkKind.INSERTED: self.inserted}.get(
                    kind, self.text)


LIGHT = Palette(
    # Light enough that black text on them stays readable in print and on screen.
    shared=("#ffe58f", "#b5d8ff", "#c3f0c8", "#ffc9e3", "#dcd0ff", "#ffd5b0"),
    slogan="#d9480f",
    watch="#0b7285",
    theme="#7e57c2",
    deleted="#c92a2a",
    inserted="#2b8a3e",
    text="#1a1a1a",
    background="#ffffff",
    muted="#6b6b6b",
    rule="#c8c8c8",
    active="#ffab40",
    flash="#ff7043",
    find="#9ccc65",
    strip_passage="#7fa7d6",
)

DARK = Palette(
    # Deep tones under light text: the same hue order as LIGHT so a passage keeps its hue.
    shared=("#6b5300", "#1f4a78", "#225c2e", "#6e2448", "#46377a", "#744214"),
    slogan="#ff922b",
    watch="#3bc9db",
    theme="#b39ddb",
    deleted="#ff6b6b",
    inserted="#69db7c",
    text="#e8e8e8",
    background="#1e1e1e",
    muted="#a0a0a0",
    rule="#4a4a4a",
    active="#b36b00",
    flash="#d84315",
    find="#33691e",
    strip_passage="#5b8fd0",
)

#: Paper: the light colours, with black text (grey text prints faint).
PRINT = Palette(**{**LIGHT.__dict__, "text": "#000000", "muted": "#555555"})


def hex_to_rgb(colour: str) -> tuple[int, int, int]:
    """'#rrggbb' as integers 0..255."""
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
