"""What every view says of a theme pair below the threshold.

Theme overlap always lists the closest pair of passages, however weak, so the reader sees
how near two texts come (see `viewer.core.themes.find_themes`); every other pair scores at
least the threshold. A list holding only such a pair must say so, or a pair on no shared
subject passes for one.
"""

from __future__ import annotations

from viewer.core.model import Comparison


def closest_only_note(comparison: Comparison) -> str:
    """The note for a theme list whose one pair scores below the threshold, else ""."""
    themes, threshold = comparison.themes, comparison.settings.theme_min_score
    if not themes or themes[0].score >= threshold:
        return ""
    return (f"No passages reach the theme threshold ({threshold:.2f}): the pair listed is "
            "only the closest the two texts come.")


def closest_only_mark(comparison: Comparison) -> str:
    """The short mark a table row of such a pair carries beside its terms, else ""."""
    if not closest_only_note(comparison):
        return ""
    return f"(closest only, below {comparison.settings.theme_min_score:.2f})"
