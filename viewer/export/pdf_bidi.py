"""Right-to-left lines for the PDF: characters in the order they are seen, Arabic joined.

reportlab draws a string's characters left to right as given, and each Arabic letter in
its stand-alone form, so a Hebrew or Arabic line came out backwards and, in Arabic,
unjoined. A browser does both itself (the HTML report needs none of this). Here each
drawn line that holds right-to-left script is reordered by python-bidi's Unicode
Bidirectional Algorithm, and its Arabic letters take their joined forms (Arabic
Presentation Forms, which the Latin font draws) from arabic-reshaper. Both are asked per
character, not for a finished string, because the highlight styles belong to characters.
Lines without right-to-left script never reach either library.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any, TypeVar

from arabic_reshaper import ArabicReshaper
from arabic_reshaper.arabic_reshaper import HARAKAT_RE
from arabic_reshaper.ligatures import LIGATURES
from bidi import algorithm, get_base_level

S = TypeVar("S")

#: Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic and their presentation forms:
#: a line without any of them is drawn as it is.
_RTL_SCRIPTS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
#: Letters arabic-reshaper joins (Arabic, Persian, Urdu, Kurdish).
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_BREAK_CHARS = "\r\n\f\v\x1c\x1d\x1e\x85\u2028\u2029"
_BREAKS = re.compile(f"[{_BREAK_CHARS}]")
#: How far the first strong character of a paragraph is looked for.
_DIRECTION_SCAN = 2000
_ZWJ = "\u200d"
#: The lam-alef ligatures, the one ligature Arabic writing requires (isolated and final
#: forms, with alef, alef with madda, with hamza above and with hamza below).
_LAM_ALEF = frozenset("\ufef5\ufef6\ufef7\ufef8\ufef9\ufefa\ufefb\ufefc")
_LAM_ALEF_NAMES = frozenset(f"ARABIC LIGATURE LAM WITH ALEF{alef}" for alef in (
    "", " WITH MADDA ABOVE", " WITH HAMZA ABOVE", " WITH HAMZA BELOW"))
#: Bidi classes python-bidi's Python algorithm (older than Unicode 6.3) does not know: the
#: isolates and unassigned code points. Taken as neutrals, not left to fail its assertion.
_UNKNOWN_CLASSES = frozenset(("LRI", "RLI", "FSI", "PDI", ""))


def has_rtl(text: str) -> bool:
    """True when `text` holds right-to-left letters."""
    return _RTL_SCRIPTS.search(text) is not None


def paragraph_is_rtl(text: str, at: int) -> bool:
    """Whether the paragraph of `text` holding offset `at` reads right to left: its first
    strong character is Hebrew or Arabic (Unicode's rules P2-P3)."""
    floor = max(0, at - _DIRECTION_SCAN)
    # Asked for every drawn line: the paragraph's start is looked for by str.rfind, not
    # character by character (a text without line breaks would scan 2000 for each line).
    start = max(text.rfind(ch, floor, at) + 1 for ch in _BREAK_CHARS)
    start = max(start, floor)
    paragraph = text[start:start + _DIRECTION_SCAN]
    end = _BREAKS.search(paragraph)
    if end is not None:
        paragraph = paragraph[:end.start()]
    return bool(paragraph) and get_base_level(paragraph) == 1


def _visual_order(line: str, rtl: bool) -> list[tuple[int, str]]:
    """The characters of `line` left to right as seen: (offset in `line`, character,
    mirrored where it reads right to left), by python-bidi's algorithm (rules X1-I2, L1,
    L2 and L4) in a paragraph of the given direction.

    The algorithm drops what rule X9 removes (embedding controls, joiners, soft hyphens);
    they are kept here at the level of the character before them, as UAX #9 section 5.2
    allows, so that every offset is drawn once and keeps its style. A right-to-left
    letter's marks come before it then, where the fonts draw them: their marks reach
    over the glyph after them."""
    storage: dict[str, Any] = algorithm.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    algorithm.get_embedding_levels(line, storage)
    chars: list[dict[str, Any]] = storage["chars"]
    for offset, char in enumerate(chars):
        char["offset"] = offset
        if char["type"] in _UNKNOWN_CLASSES:
            char["type"] = char["orig"] = "ON"
    algorithm.explicit_embed_and_overrides(storage)
    algorithm.resolve_weak_types(storage)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    kept = {id(char) for char in storage["chars"]}
    level = storage["base_level"]
    for char in chars:
        if id(char) in kept:
            level = char["level"]
        else:
            char["level"] = level
    storage["chars"] = chars
    algorithm.reorder_resolved_levels(storage, False)
    algorithm.apply_mirroring(storage, False)
    return [(char["offset"], char["ch"]) for char in storage["chars"]]


@cache
def _reshaper(lam_alef: bool) -> ArabicReshaper:
    """arabic-reshaper keeping every character where it is: marks (harakat) and the
    tatweel stay, ligatures are off, or only lam-alef when `lam_alef`."""
    configuration: dict[str, Any] = {
        "language": "Arabic", "delete_harakat": False, "shift_harakat_position": False,
        "delete_tatweel": False, "support_zwj": True,
        "use_unshaped_instead_of_isolated": False, "support_ligatures": lam_alef}
    if lam_alef:
        configuration.update({name: name in _LAM_ALEF_NAMES for name, _ in LIGATURES})
    return ArabicReshaper(configuration=configuration)


def _shaped(line: str) -> list[str]:
    """What to draw for each character of `line`: an Arabic letter's joined form, lam and
    alef as their ligature (on the lam; "" for the alef), a joiner as "", anything else
    itself."""
    plain = _reshaper(False).reshape(line)  # one form per character but the joiners
    if len(plain) != len(line) - line.count(_ZWJ):
        return list(line)  # not one to one after all: drawn unjoined rather than misplaced
    rest = iter(plain)
    forms = ["" if ch == _ZWJ else next(rest) for ch in line]
    if _ZWJ in line:
        # arabic-reshaper 3.1 finds ligatures at offsets that count the joiners it has
        # dropped: wrong letters, or an IndexError. Such a line goes without them.
        return forms
    joined = _reshaper(True).reshape(line)
    if len(joined) == len(plain):
        return forms  # no lam-alef
    out: list[str] = []
    j = 0
    alef_to_come = False
    for form in forms:
        if not form:
            out.append("")  # a joiner
        elif alef_to_come and not HARAKAT_RE.match(form):
            out.append("")  # the alef, drawn by the ligature on its lam
            alef_to_come = False
        elif j < len(joined) and joined[j] == form:
            out.append(form)
            j += 1
        elif j < len(joined) and joined[j] in _LAM_ALEF:
            out.append(joined[j])
            j += 1
            alef_to_come = True
        else:
            return forms  # the two shapings disagree: no ligatures then
    return out


def visual_pieces(line: str, pieces: Sequence[tuple[int, int, S]], rtl: bool
                  ) -> list[tuple[str, S]]:
    """The styled `pieces` of `line` ((start, end, style) in its offsets, covering it, in
    order) as (string to draw, style) from left to right as seen; `rtl`: the paragraph
    reads right to left."""
    forms = _shaped(line) if _ARABIC.search(line) else list(line)
    style_at = [style for p0, p1, style in pieces for _ in range(p0, p1)]
    out: list[tuple[str, S]] = []
    for i, seen in _visual_order(line, rtl):
        ch = seen if seen != line[i] else forms[i]  # a mirrored bracket is no letter
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
