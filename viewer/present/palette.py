"""The colours of every view, light, dark and print, defined once and Qt-free ("#rrggbb").

Shared passages take a background from a small family of colours, cycling by passage index
so neighbouring passages differ and a passage and its counterpart share one colour. Found
slogans are underlined orange, watch-list phrases blue-green, theme passages purple: three
hues far apart, so a watch-list phrase is never taken for a theme mark. Word-level
differences inside a passage are red (A's words deleted or replaced) and green (B's new words).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

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


#: Every colour of both screen themes, side by side: dark keeps each passage's hue in a
#: deep tone under light text; light passage colours stay light enough for black text, and
#: the colours drawn as text (deleted, inserted, theme) keep a contrast of 4.5:1 on them,
#: and on the marks of the passage read (active, its brief flash) and of find hits.
_TABLE = """
field           light     dark
shared          #ffe58f   #6b5300
shared          #b5d8ff   #1f4a78
shared          #c3f0c8   #225c2e
shared          #ffc9e3   #6e2448
shared          #dcd0ff   #46377a
shared          #ffd5b0   #744214
slogan          #d9480f   #ff922b
watch           #0b7285   #3bc9db
theme           #5b30a6   #d4c4f5
deleted         #9b1c1c   #ffbdbd
inserted        #17632a   #8ce99a
text            #1a1a1a   #e8e8e8
background      #ffffff   #1e1e1e
muted           #6b6b6b   #a0a0a0
rule            #c8c8c8   #4a4a4a
active          #ffc274   #7a4900
flash           #ffbfaa   #99300f
find            #c5e1a5   #2e601b
strip_passage   #7fa7d6   #5b8fd0
"""


def _palettes(table: str) -> tuple[Palette, Palette]:
    rows = [line.split() for line in table.strip().splitlines()[1:]]
    made = []
    for column in (1, 2):
        values: dict[str, Any] = {"shared": tuple(r[column] for r in rows if r[0] == "shared")}
        values.update((r[0], r[column]) for r in rows if r[0] != "shared")
        made.append(Palette(**values))
    return made[0], made[1]


LIGHT, DARK = _palettes(_TABLE)

#: Paper: the light colours, with black text (grey text prints faint).
PRINT = replace(LIGHT, text="#000000", muted="#555555")


def hex_to_rgb(colour: str) -> tuple[int, int, int]:
    """'#rrggbb' as integers 0..255."""
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
