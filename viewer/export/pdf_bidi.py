"""Right-to-left lines for the PDF: characters in the order they are seen, Arabic joined.

reportlab draws a string's characters left to right as given, and each Arabic letter in
its stand-alone form, so a Hebrew or Arabic line came out backwards and, in Arabic,
unjoined. A browser does both itself (the HTML report needs none of this). Here each
drawn line is reordered by a reduced Unicode bidirectional algorithm (no explicit
embeddings or isolates: plain text seldom has them; numbers stay left to right, neutrals
between two runs of one direction take it, brackets are mirrored) and Arabic letters take
their joined forms from the Arabic Presentation Forms, which the Latin font draws.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from typing import TypeVar

S = TypeVar("S")

#: Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic and their presentation forms:
#: a line without any of them is drawn as it is.
_RTL_SCRIPTS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_BREAKS = "\r\n\f\v\x1c\x1d\x1e\x85\u2028\u2029"
#: How far the first strong character of a paragraph is looked for.
_DIRECTION_SCAN = 2000
_MIRRORED = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))
_LAM = "\u0644"
_LAM_ALEF_NAMES = {"\u0622": "ALEF WITH MADDA ABOVE", "\u0623": "ALEF WITH HAMZA ABOVE",
                   "\u0625": "ALEF WITH HAMZA BELOW", "\u0627": "ALEF"}
_TATWEEL = "\u0640"


def has_rtl(text: str) -> bool:
    """True when `text` holds right-to-left letters."""
    return _RTL_SCRIPTS.search(text) is not None


def _strong(ch: str) -> str | None:
    kind = unicodedata.bidirectional(ch)
    if kind == "L":
        return "L"
    if kind in ("R", "AL"):
        return "R"
    return None


def paragraph_is_rtl(text: str, at: int) -> bool:
    """Whether the paragraph of `text` holding offset `at` reads right to left: its first
    strong character is Hebrew or Arabic (Unicode's rule P2)."""
    start = at
    floor = max(0, at - _DIRECTION_SCAN)
    while start > floor and text[start - 1] not in _BREAKS:
        start -= 1
    for ch in text[start:start + _DIRECTION_SCAN]:
        if ch in _BREAKS:
            break
        strong = _strong(ch)
        if strong is not None:
            return strong == "R"
    return False


def _classes(line: str) -> list[str]:
    """Each character as L, R, N (a number) or O (neutral), marks as the character before."""
    out: list[str] = []
    for ch in line:
        kind = unicodedata.bidirectional(ch)
        if kind in ("NSM", "BN") and out:
            out.append(out[-1])
        elif kind in ("R", "AL"):
            out.append("R")
        elif kind in ("EN", "AN"):
            out.append("N")
        elif kind == "L":
            out.append("L")
        else:
            out.append("O")
    # A separator or currency sign inside or beside a number is part of it ("1,000", "5%").
    for i, kind in enumerate(out):
        if kind == "O" and unicodedata.bidirectional(line[i]) in ("ES", "CS", "ET"):
            before = i > 0 and out[i - 1] == "N"
            after = i + 1 < len(out) and out[i + 1] == "N"
            if (before and after) or (unicodedata.bidirectional(line[i]) == "ET"
                                      and (before or after)):
                out[i] = "N"
    return out


def _levels(classes: list[str], rtl: bool) -> list[int]:
    """Embedding levels (rules W7, N1-N2, I1-I2): 0/1 the base, numbers one above."""
    strong: list[str] = []
    last = "R" if rtl else "L"
    for kind in classes:  # W7: a number after left-to-right text is left-to-right text
        if kind in ("L", "R"):
            last = kind
        strong.append("L" if kind == "N" and last == "L" else kind)
    resolved = list(strong)
    i = 0
    while i < len(resolved):  # N1-N2: neutrals between like directions take it
        if resolved[i] != "O":
            i += 1
            continue
        j = i
        while j < len(resolved) and resolved[j] == "O":
            j += 1
        before = ("R" if rtl else "L") if i == 0 else resolved[i - 1]
        after = ("R" if rtl else "L") if j == len(resolved) else resolved[j]
        before, after = ("R" if before == "N" else before), ("R" if after == "N" else after)
        fill = before if before == after else ("R" if rtl else "L")
        resolved[i:j] = [fill] * (j - i)
        i = j
    level_of = {"L": 2, "R": 1, "N": 2} if rtl else {"L": 0, "R": 1, "N": 2}
    return [level_of[kind] for kind in resolved]


def visual_order(levels: Sequence[int]) -> list[int]:
    """The indices of a line with these levels from left to right as drawn (rule L2). A
    right-to-left letter's marks come before it then, where the fonts draw them: their
    marks reach over the glyph after them."""
    order = list(range(len(levels)))
    for level in range(max(levels, default=0), 0, -1):
        k = 0
        while k < len(order):
            if levels[order[k]] < level:
                k += 1
                continue
            j = k
            while j < len(order) and levels[order[j]] >= level:
                j += 1
            order[k:j] = order[k:j][::-1]
            k = j
    return order


@cache
def _form(name: str, position: str) -> str | None:
    """The presentation form called NAME POSITION FORM (ISOLATED, INITIAL, MEDIAL, FINAL)."""
    try:
        return unicodedata.lookup(f"{name} {position} FORM")
    except KeyError:
        return None


def _letter_form(ch: str, position: str) -> str | None:
    return _form(unicodedata.name(ch, ""), position)


def _joins_next(ch: str) -> bool:
    """Dual-joining: the letter has an initial form (or is the tatweel)."""
    return ch == _TATWEEL or _letter_form(ch, "INITIAL") is not None


def _joins_previous(ch: str) -> bool:
    return ch == _TATWEEL or _letter_form(ch, "FINAL") is not None


_POSITIONS = {(False, False): "ISOLATED", (False, True): "INITIAL",
              (True, True): "MEDIAL", (True, False): "FINAL"}


def shaped(line: str) -> list[str]:
    """What to draw for each character of `line`: an Arabic letter's joined form, lam and
    alef as their ligature (on the lam; "" for the alef), anything else itself."""
    out = list(line)
    letters = [i for i, ch in enumerate(line) if not unicodedata.combining(ch)]
    for k, i in enumerate(letters):
        ch = line[i]
        if out[i] == "" or ch == _TATWEEL or not _joins_previous(ch):
            continue  # the alef of a ligature, or no Arabic letter
        before = line[letters[k - 1]] if k > 0 else ""
        after = line[letters[k + 1]] if k + 1 < len(letters) else ""
        joined_before = bool(before) and _joins_next(before)
        if ch == _LAM and after in _LAM_ALEF_NAMES:
            ligature = _form(f"ARABIC LIGATURE LAM WITH {_LAM_ALEF_NAMES[after]}",
                             "FINAL" if joined_before else "ISOLATED")
            if ligature is not None:
                out[i], out[letters[k + 1]] = ligature, ""
                continue
        joined_after = bool(after) and _joins_next(ch) and _joins_previous(after)
        out[i] = _letter_form(ch, _POSITIONS[joined_before, joined_after]) or ch
    return out


def visual_pieces(line: str, pieces: Sequence[tuple[int, int, S]], rtl: bool
                  ) -> list[tuple[str, S]]:
    """The styled `pieces` of `line` ((start, end, style) in its offsets, covering it, in
    order) as (string to draw, style) from left to right as seen; `rtl`: the paragraph
    reads right to left."""
    levels = _levels(_classes(line), rtl)
    forms = shaped(line)
    style_at = [style for p0, p1, style in pieces for _ in range(p0, p1)]
    out: list[tuple[str, S]] = []
    for i in visual_order(levels):
        ch = _MIRRORED.get(forms[i], forms[i]) if levels[i] % 2 else forms[i]
        if out and out[-1][1] == style_at[i]:
            out[-1] = (out[-1][0] + ch, style_at[i])
        else:
            out.append((ch, style_at[i]))
    return [(text, style) for text, style in out if text]


def visual_text(text: str) -> str:
    """One unstyled line as drawn, left to right."""
    if not has_rtl(text):
        return text
    return "".join(piece for piece, _ in visual_pieces(text, [(0, len(text), None)],
                                                       paragraph_is_rtl(text, 0)))
