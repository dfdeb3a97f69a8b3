"""Counts as the reader reads them: "1 pair", "2 pairs", "1,204 articles"."""

from __future__ import annotations


def counted(count: int, noun: str) -> str:
    """`count` with thousands separated and `noun` (given in the singular, made plural with
    an "s") agreeing with it."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
