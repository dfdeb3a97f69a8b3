"""A shared passage does not end on a function word.

The matcher stretches a passage to the last word both texts have in common, and two
texts that copy "…with Comrade Xi Jinping at its core" and "…at the core" have "at" in
common before they part; two that copy a sentence and go on "The 2021 report…" and "The
digital economy…" have "The". Highlighted, such a passage ends on a word that opens
what the texts do not share ("…historically converged. The", "…why and how to build
a"). Words this common carry nothing of what was copied: they are left out at a
passage's end, as long as it keeps the least words a passage has, unless a sentence
ends after them ("…they spake against me."): then they complete what was copied. At
its start they stay: an article or a preposition there opens what follows, which both
texts share ("a favorable opportunity for…").

Words are told by how common they are (`FUNCTION_BITS`), so every language written in
words is read alike. Chinese is matched a character at a time, and a common character
may end a word ("国" of "中国"): its passages keep their edges.
"""

from __future__ import annotations

import numpy as np

from viewer.core.extend import sentence_ends
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
               and common[p.a1 - 1] and not sentence_ends(a, p.a1 - 1)
               and not sentence_ends(b, p.b1 - 1)):
            # The word was one both texts have: it counted as matched on both sides.
            p.matched = max(0, p.matched - 1)
            p.matched_b = max(0, p.matched_b - 1)
            p.bits -= float(evidence_a[p.a1 - 1])
            p.a1 -= 1
            p.b1 -= 1
