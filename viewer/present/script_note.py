"""What every report says of two Chinese texts written in different scripts.

A traditional text (個, 國) and a simplified one (个, 国) are matched as one text would be
(`viewer.core.han_script`), and each is shown as written: a shared passage then pairs
characters that differ, with no difference marked. The traditional text's notes say why.
"""

from __future__ import annotations

from viewer.core.han_script import (
    SIMPLIFIED,
    TRADITIONAL,
    commonest_traditional,
    han_script,
    to_simplified,
)
from viewer.core.model import Comparison


def document_notes(comparison: Comparison) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The notes on A and on B: what loading changed (`Document.notes`), and on a text in
    traditional characters compared with one in simplified, that the scripts read alike."""
    a, b = comparison.documents
    notes = [a.notes, b.notes]
    if a.language == b.language == "zh":
        scripts = [han_script(a.text), han_script(b.text)]
        if sorted(scripts) == [SIMPLIFIED, TRADITIONAL]:
            side = scripts.index(TRADITIONAL)
            notes[side] += (_scripts_note("AB"[1 - side], comparison.documents[side].text),)
    return notes[0], notes[1]


def _scripts_note(other: str, traditional: str) -> str:
    example = commonest_traditional(traditional)
    return (f"written in traditional Chinese characters, {other} in simplified: the two "
            f"scripts are matched as one ({example} as {to_simplified(example)}), unmarked "
            "in the shared phrases, and each text is shown as written")
