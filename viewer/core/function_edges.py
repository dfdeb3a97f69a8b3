"""A shared passage does not end on a function word.

The matcher stretches a passage to the last word both texts have in common, and two
texts that copy "…with Comrade Xi Jinping at its core" and "…at the core" have "at" in
common before they part; two that copy a sentence and go on "The 2021 report…" and "The
digital economy…" have "The". Highlighted, such a passage ends on a word that opens
what the texts do not share ("…historically converged. The", "…why and how to build
a"). Words this common carry nothing of what was copied: they are left out at a
passage's end, as long as it keeps the least words a passage has, unless a sentence
ends after them ("…they spake against me."), or both texts close a clause, a quotation
or a line there ("…approved all of it,", a heading): then they complete what was
copied. At its start they stay: an article or a preposition there opens what follows,
which both texts share ("a favorable opportunity for…").

Words are told by how common they are (`FUNCTION_BITS`), so every language written in
words is read alike. Chinese is matched a character at a time, and a common character
may end a word ("国" of "中国"): its passages keep their edges.
"""

from __future__ import annotations

import numpy as np

from viewer.core.edge_marks import closes_after, sentence_ends_after
from viewer.core.extend import text_after
from viewer.core.match import Alignment
from viewer.core.tokenize import TokenStream

#: General-language surprise (bits; see `viewer.core.rarity`) below which a word is a
#: function word: "the" 4.2, "of" 5.3, "at" 7.6, "an" 8.2; the commonest content words
#: ("people", "new", "time") have 9 and more.
FUNCTION_BITS = 8.5


def without_function_edges(passages: list[Alignment], a: TokenStream, b: TokenStream,
                           general_a: np.ndarray, evidence_a: np.ndarray, least: int) -> None:
    """Take the function words both texts have at each passage's end out of it, in
    place, while it keeps `least` tokens (`general_a`: the general surprise of A's
    tokens; `evidence_a`: what each counts in a passage's bits)."""
    common = general_a < FUNCTION_BITS
    for p in passages:
        while (p.a1 - p.a0 > least and a.ids[p.a1 - 1] == b.ids[p.b1 - 1]
               and common[p.a1 - 1] and not _closed(text_after(a, p.a1 - 1),
                                                    text_after(b, p.b1 - 1))):
            # The word was one both texts have: it counted as matched on both sides.
            p.matched = max(0, p.matched - 1)
            p.matched_b = max(0, p.matched_b - 1)
            p.bits -= float(evidence_a[p.a1 - 1])
            p.a1 -= 1
            p.b1 -= 1


def _closed(after_a: str, after_b: str) -> bool:
    """Whether a word both texts have, followed by `after_a` in A and `after_b` in B, ends
    what it says: a sentence ends after it in either text, or each closes something."""
    return (sentence_ends_after(after_a, 0) or sentence_ends_after(after_b, 0)
            or (_closes(after_a) and _closes(after_b)))


def _closes(after: str) -> bool:
    """Whether a mark closing a clause or a quotation, or a line's end, comes next."""
    return closes_after(after, 0) or after.lstrip(" \t\u3000\u00a0")[:1] in ("\n", "\r")
