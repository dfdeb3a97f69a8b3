"""Optional clean-up of scraped-text noise: repeated title lines, link-list tails, spam tokens.

Saved web articles often repeat their title or a navigation line through the text, end with a
list of links to other articles (each a short title, sometimes with a teaser), and carry stray
search-engine tokens stuck to the end of a sentence. `trim_noise` removes these with generic
line-shape rules (no site-specific phrases) and says what it removed, so nothing vanishes
silently. It is off by default: offsets then refer to the file's text exactly.

The trimmed text is made of pieces of the input in their order, whole lines or a line
without its stray token; `TrimResult.kept` says where each piece is in the input, so an
offset of the trimmed text can be taken back to the input's (a collection's stored article
is the untrimmed text: `viewer.collection.stored_article`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate

from viewer.core.tokenize import cut_at_word

#: A line repeated through the text is noise only when it is shaped like a title: this short
#: at most and not ending a sentence (a quotation repeated on purpose does end one).
MAX_REPEATED_LINE = 300
#: A tail of link-like lines is trimmed only inside the last part of the text.
TAIL_SEARCH_FRACTION = 0.5
#: Share of the tail's lines that must look like link titles (the rest may be teasers).
TAIL_LINK_SHARE = 0.6
#: Fewest link-like lines that make a tail worth trimming.
TAIL_MIN_LINKS = 3

_SENTENCE_END = re.compile(r"[.!?。！？…][\"'”’)\]]*$")
_LINK_SEPARATOR = re.compile(r"\s[|»>›·•]\s|[|»>›]$")
# A sentence-ending mark followed by 1-4 lower-case ASCII words and the line's end: a token
# pasted after the last sentence of a paragraph, which real prose never leaves unpunctuated.
_TRAILING_TOKEN = re.compile(
    r"(?<=[.!?:;。！？：；”\"])([ \t]+[a-z][a-z0-9]*(?: [a-z][a-z0-9]*){0,3})[ \t]*$")
_LINE = re.compile(r"[^\n]*\n|[^\n]+$")


@dataclass(frozen=True)
class TrimResult:
    """The trimmed text and one note per kind of noise removed (empty when none was)."""

    text: str
    notes: tuple[str, ...]
    #: The half-open spans of the input that `text` is made of, in order and apart.
    kept: tuple[tuple[int, int], ...]


def trim_noise(text: str) -> TrimResult:
    """Remove a trailing link list, repeats of short lines, and stray end-of-line tokens."""
    lines = _LINE.findall(text)
    starts = list(accumulate(map(len, lines), initial=0))
    notes: list[str] = []
    count, tail = _trim_tail(lines)
    if tail:
        notes.append(f"trimmed a trailing list of {_count(tail, 'link-like line')}: "
                     + _quote(tail))
    kept, repeated = _trim_repeats(lines[:count])
    if repeated:
        notes.append(f"trimmed {_count(repeated, 'repeated line')}: " + _quote(repeated))
    cuts, tokens = _trim_tokens([lines[i] for i in kept])
    if tokens:
        notes.append(f"trimmed {_count(tokens, 'stray end-of-line token')}: "
                     + _quote(tokens))
    spans: list[tuple[int, int]] = []
    for i, (cut, body) in zip(kept, cuts, strict=True):
        for start, end in ((starts[i], starts[i] + cut), (starts[i] + body, starts[i + 1])):
            if start == end:
                continue
            if spans and spans[-1][1] == start:  # the next piece of one run
                start = spans.pop()[0]
            spans.append((start, end))
    return TrimResult("".join(text[start:end] for start, end in spans), tuple(notes),
                      tuple(spans))


def _count(items: list[str], noun: str) -> str:
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"


def _quote(items: list[str], limit: int = 3, width: int = 60) -> str:
    """The first `limit` distinct items, each shortened to `width` and followed by how
    often it went when more than once, then how many others: "'A' (3 times), 'B' and 4
    more". A line repeated through the text is thus shown once, not once per copy."""
    counts: dict[str, int] = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    shown = list(counts.items())[:limit]
    more = len(counts) - len(shown)
    quoted = [repr(cut_at_word(item, width)) + _times(count) for item, count in shown]
    return ", ".join(quoted) + (f" and {more} more" if more > 0 else "")


def _times(count: int) -> str:
    return {1: "", 2: " (twice)"}.get(count, f" ({count} times)")


def _is_link_like(line: str) -> bool:
    """A line shaped like a link title: short and unfinished, or segments joined by '|'."""
    stripped = line.strip()
    if not stripped or len(stripped) > 300:
        return False
    if _LINK_SEPARATOR.search(stripped):
        return True
    return len(stripped) <= 120 and not _SENTENCE_END.search(stripped)


def _trim_tail(lines: list[str]) -> tuple[int, list[str]]:
    """Cut the longest tail that starts with a link-like line and is mostly link-like:
    how many lines are kept (the first ones), and the tail's lines."""
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if len(nonblank) < TAIL_MIN_LINKS + 2:
        return len(lines), []
    total = sum(len(line) for line in lines)
    limit = total * (1 - TAIL_SEARCH_FRACTION)
    before = 0
    offsets: dict[int, int] = {}
    for i, line in enumerate(lines):
        offsets[i] = before
        before += len(line)
    best: int | None = None
    links = 0
    for count, i in enumerate(reversed(nonblank), start=1):
        if offsets[i] < limit or count == len(nonblank):
            break
        if _is_link_like(lines[i]):
            links += 1
            if links >= TAIL_MIN_LINKS and links / count >= TAIL_LINK_SHARE:
                best = i
    if best is None:
        return len(lines), []
    removed = [line.strip() for line in lines[best:] if line.strip()]
    kept = best
    # Keep the text's own last line ending shape: drop only the blank lines left dangling.
    while kept and not lines[kept - 1].strip():
        kept -= 1
    return kept, removed


def _trim_repeats(lines: list[str]) -> tuple[list[int], list[str]]:
    """Keep the first of each short line that recurs; drop later copies and the blank line
    that followed them so paragraphs stay separated by one blank line. The indices of the
    lines kept, and the lines removed."""
    seen: set[str] = set()
    kept: list[int] = []
    removed: list[str] = []
    skip_blank = False
    for i, line in enumerate(lines):
        key = " ".join(line.split())
        if not key:
            if skip_blank:
                skip_blank = False
                continue
            kept.append(i)
            continue
        skip_blank = False
        words = len(key.split())
        if (key in seen and len(key) <= MAX_REPEATED_LINE and (words >= 3 or len(key) >= 12)
                and not _SENTENCE_END.search(key)):
            removed.append(key)
            skip_blank = bool(kept) and not lines[kept[-1]].strip()
            continue
        seen.add(key)
        kept.append(i)
    return kept, removed


def _trim_tokens(lines: list[str]) -> tuple[list[tuple[int, int]], list[str]]:
    """For each line, where its stray token starts and where its text before the line
    break ends (the same when it has none: the line is kept whole), and the tokens."""
    removed: list[str] = []
    cuts: list[tuple[int, int]] = []
    for line in lines:
        body = line.rstrip("\r\n")
        match = _TRAILING_TOKEN.search(body)
        if match and len(body[: match.start()].split()) >= 8:
            removed.append(match.group(1).strip())
            cuts.append((match.start(), len(body)))
        else:
            cuts.append((len(body), len(body)))
    return cuts, removed
