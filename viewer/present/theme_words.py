"""What every view shows of what a theme pair's passages have in common.

A pair that shares terms shows them ("panda, zoo"). A pair scored by word meaning alone
shares none: it shows the words of A and B that relate it, and says that they are related,
not shared ("related in meaning, no word in common: snowfall ~ winter, roads ~ highways"),
so that no row reads as an empty list of shared terms (see `viewer.core.theme_related`).
"""

from __future__ import annotations

from viewer.core.model import ThemeOverlap

RELATED_LABEL = "related in meaning, no word in common"


def shown_words(theme: ThemeOverlap) -> str:
    """The shared terms of `theme`, or its related words under their label."""
    if theme.terms or not theme.related:
        return ", ".join(theme.terms)
    return f"{RELATED_LABEL}: " + ", ".join(f"{a} ~ {b}" for a, b in theme.related)
