"""Helpers shared by the format readers: paragraph joining and turning library failures into
`LoadError`s."""

from __future__ import annotations

import re
from collections.abc import Iterable

_SPACES = re.compile(r"[ \f\v]+")


def clean_block(text: str) -> str:
    """One paragraph's text with runs of spaces collapsed (tabs kept: they separate table
    cells) and each line stripped."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def join_paragraphs(blocks: Iterable[str]) -> str:
    """Paragraphs separated by one blank line, which `Document.paragraphs` splits on."""
    return "\n\n".join(b for b in (clean_block(block) for block in blocks) if b)


def describe(exc: BaseException) -> str:
    """A short one-line account of a library exception for the user's message."""
    text = " ".join(str(exc).split())
    if len(text) > 160:
        text = text[:157] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
