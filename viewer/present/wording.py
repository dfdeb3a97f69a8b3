"""Counts as the reader reads them: "1 pair", "2 pairs", "1,204 articles"; an article
listed by its date and title."""

from __future__ import annotations


def counted(count: int, noun: str) -> str:
    """`count` with thousands separated and `noun` (given in the singular, made plural with
    an "s") agreeing with it."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


#: What stands where an article's date goes when it has none (as the timelines' notes
#: name the uses no month shows).
UNDATED = "undated"


def dated_title(date: str, title: str) -> str:
    """An article in a list of articles: "2023-07-14  Title", "undated  Title" when it has
    no date (not a blank, as though its date had failed to show)."""
    return f"{date or UNDATED}  {title}"
