"""What the PDF and HTML reports show, computed once from a `Comparison`.

Both writers render the same pieces: the summary (names, date, settings, figures), the two
texts cut into aligned rows (a shared passage and its counterpart start level), styled runs
of each text (passage backgrounds, slogan underlines), and the three tables. Styles are
semantic (`RunStyle`); each writer maps them to colours of `viewer.core.palette`.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import datetime

from viewer.core.model import Comparison, SharedPhrase, Span


@dataclass(frozen=True)
class RunStyle:
    """How a stretch of text is marked: `passage` is a shared-phrase index (background)."""

    passage: int | None = None
    slogan: bool = False
    watch: bool = False
    #: "deleted" (A's words missing or replaced in B) or "inserted" (B's new words).
    change: str | None = None


#: A styled stretch of one text: (start, end, style), half-open, sorted, not overlapping.
Run = tuple[int, int, RunStyle]


@dataclass(frozen=True)
class RichText:
    """`text` with styled runs in its own offsets; unstyled between runs."""

    text: str
    runs: tuple[Run, ...] = ()

    def pieces(self) -> list[tuple[str, RunStyle | None]]:
        """The text cut at style changes, in order; `None` for plain stretches."""
        out: list[tuple[str, RunStyle | None]] = []
        at = 0
        for start, end, style in self.runs:
            if start > at:
                out.append((self.text[at:start], None))
            out.append((self.text[start:end], style))
            at = end
        if at < len(self.text):
            out.append((self.text[at:], None))
        return out


@dataclass(frozen=True)
class AlignedRow:
    """One row of the side-by-side texts: A[a] beside B[b]; `passage` set on matched rows."""

    a: Span
    b: Span
    passage: int | None


class StyledText:
    """One document's text with its runs, sliced cheaply into `RichText` segments."""

    def __init__(self, text: str, runs: list[Run]) -> None:
        self.text = text
        self.runs = runs
        self._starts = [r[0] for r in runs]
        self._ends = [r[1] for r in runs]

    def segment(self, start: int, end: int) -> RichText:
        """Text [start, end) with leading and trailing blank space trimmed off."""
        text = self.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        first = bisect_right(self._ends, start)
        last = bisect_left(self._starts, end)
        runs = []
        for r0, r1, style in self.runs[first:last]:
            r0, r1 = max(r0, start), min(r1, end)
            if r1 > r0:
                runs.append((r0 - start, r1 - start, style))
        return RichText(text[start:end], tuple(runs))


def _sweep(intervals: list[tuple[int, int, str, int]]) -> list[Run]:
    """Non-overlapping runs from possibly overlapping marks (kind 'p' passage, 's', 'w')."""
    events: dict[int, list[tuple[int, str, int]]] = {}
    for start, end, kind, value in intervals:
        if end <= start:
            continue
        events.setdefault(start, []).append((1, kind, value))
        events.setdefault(end, []).append((-1, kind, value))
    active_passages: dict[int, int] = {}
    slogans = watches = 0
    runs: list[Run] = []
    points = sorted(events)
    if not points:
        return runs
    for here, following in zip(points, points[1:] + [None], strict=True):
        for delta, kind, value in events[here]:
            if kind == "p":
                count = active_passages.get(value, 0) + delta
                if count:
                    active_passages[value] = count
                else:
                    active_passages.pop(value, None)
            elif kind == "s":
                slogans += delta
            else:
                watches += delta
        if following is None or not (active_passages or slogans or watches):
            continue
        # Where passages overlap, the earliest-listed one (the longest match) shows.
        style = RunStyle(passage=min(active_passages) if active_passages else None,
                         slogan=slogans > 0 and not watches, watch=watches > 0)
        if runs and runs[-1][1] == here and runs[-1][2] == style:
            runs[-1] = (runs[-1][0], following, style)
        else:
            runs.append((here, following, style))
    return runs


def styled_texts(comparison: Comparison) -> tuple[StyledText, StyledText]:
    """Both texts with passage backgrounds and slogan underlines as runs."""
    marks_a: list[tuple[int, int, str, int]] = []
    marks_b: list[tuple[int, int, str, int]] = []
    for i, phrase in enumerate(comparison.shared_phrases):
        marks_a.append((phrase.a[0], phrase.a[1], "p", i))
        marks_b.append((phrase.b[0], phrase.b[1], "p", i))
    for slogan in comparison.slogans:
        kind = "w" if slogan.watchlist else "s"
        marks_a.extend((s, e, kind, 0) for s, e in slogan.occurrences_a)
        marks_b.extend((s, e, kind, 0) for s, e in slogan.occurrences_b)
    return (StyledText(comparison.document_a.text, _sweep(marks_a)),
            StyledText(comparison.document_b.text, _sweep(marks_b)))


def alignment_chain(phrases: tuple[SharedPhrase, ...]) -> list[int]:
    """Indices of the heaviest chain of passages in the same order in A and in B.

    Only passages that keep order in both texts can stand level; the chain maximises the
    words aligned (a heaviest increasing subsequence, O(n log n) with a Fenwick tree over
    B positions). Passages out of order stay highlighted but are not aligned."""
    if not phrases:
        return []
    order = sorted(range(len(phrases)), key=lambda i: (phrases[i].a[0], phrases[i].a[1]))
    b_ends = sorted({p.b[1] for p in phrases})
    size = len(b_ends)
    tree_best = [0] * (size + 1)
    tree_at = [-1] * (size + 1)

    def update(pos: int, weight: int, index: int) -> None:
        pos += 1
        while pos <= size:
            if weight > tree_best[pos]:
                tree_best[pos], tree_at[pos] = weight, index
            pos += pos & -pos

    def query(limit: int) -> tuple[int, int]:
        """Best chain among inserted passages whose B end rank is < limit."""
        best, at = 0, -1
        while limit > 0:
            if tree_best[limit] > best:
                best, at = tree_best[limit], tree_at[limit]
            limit -= limit & -limit
        return best, at

    weight = [0] * len(phrases)
    previous = [-1] * len(phrases)
    waiting: list[tuple[int, int]] = []  # (a end, index): insertable once A passes its end
    for i in order:
        phrase = phrases[i]
        while waiting and waiting[0][0] <= phrase.a[0]:
            _, j = heapq.heappop(waiting)
            update(bisect_left(b_ends, phrases[j].b[1]), weight[j], j)
        best, at = query(bisect_right(b_ends, phrase.b[0]))
        weight[i] = best + max(1, phrase.words)
        previous[i] = at
        heapq.heappush(waiting, (phrase.a[1], i))
    last = max(range(len(phrases)), key=lambda i: weight[i])
    chain = []
    while last != -1:
        chain.append(last)
        last = previous[last]
    return chain[::-1]


def _after_punctuation(text: str, end: int, limit: int) -> int:
    """`end` moved over punctuation that directly follows it, so a row does not open
    with the "." or "," that closes the passage before it."""
    while end < limit and not text[end].isspace() and not text[end].isalnum():
        end += 1
    return end


def aligned_rows(comparison: Comparison) -> list[AlignedRow]:
    """The texts cut at the chained passages: gap rows between matched rows, in A's order."""
    phrases = comparison.shared_phrases
    text_a, text_b = comparison.document_a.text, comparison.document_b.text
    rows: list[AlignedRow] = []
    at_a = at_b = 0
    chain = alignment_chain(phrases)
    for k, i in enumerate(chain):
        phrase = phrases[i]
        if phrase.a[0] > at_a or phrase.b[0] > at_b:
            rows.append(AlignedRow((at_a, phrase.a[0]), (at_b, phrase.b[0]), None))
        following = phrases[chain[k + 1]] if k + 1 < len(chain) else None
        end_a = _after_punctuation(text_a, phrase.a[1],
                                   following.a[0] if following else len(text_a))
        end_b = _after_punctuation(text_b, phrase.b[1],
                                   following.b[0] if following else len(text_b))
        rows.append(AlignedRow((phrase.a[0], end_a), (phrase.b[0], end_b), i))
        at_a, at_b = end_a, end_b
    end_a, end_b = len(comparison.document_a.text), len(comparison.document_b.text)
    if end_a > at_a or end_b > at_b:
        rows.append(AlignedRow((at_a, end_a), (at_b, end_b), None))
    return rows


def phrase_cells(comparison: Comparison, index: int) -> tuple[RichText, RichText]:
    """Passage `index` in A and in B, A's dropped words marked deleted, B's new ones inserted."""
    phrase = comparison.shared_phrases[index]
    text_a, text_b = comparison.document_a.text, comparison.document_b.text
    runs_a: list[Run] = []
    runs_b: list[Run] = []
    for diff in phrase.differences:
        if diff.a[1] > diff.a[0]:
            runs_a.append((diff.a[0] - phrase.a[0], diff.a[1] - phrase.a[0],
                           RunStyle(change="deleted")))
        if diff.b[1] > diff.b[0]:
            runs_b.append((diff.b[0] - phrase.b[0], diff.b[1] - phrase.b[0],
                           RunStyle(change="inserted")))
    return (RichText(text_a[phrase.a[0]:phrase.a[1]], tuple(sorted(runs_a))),
            RichText(text_b[phrase.b[0]:phrase.b[1]], tuple(sorted(runs_b))))


def excerpt(text: str, span: Span, limit: int = 320) -> str:
    """The span's text on one line, cut to `limit` characters with an ellipsis."""
    piece = " ".join(text[span[0]:span[1]].split())
    return piece if len(piece) <= limit else piece[: limit - 1].rstrip() + "…"


def percent(fraction: float) -> str:
    return f"{fraction * 100:.1f}%"


@dataclass(frozen=True)
class Summary:
    """The header's facts: title, documents, date, figures and settings, as text pairs."""

    title: str
    name_a: str
    name_b: str
    date: str
    documents: tuple[tuple[str, str], ...]
    figures: tuple[tuple[str, str], ...]
    settings: tuple[tuple[str, str], ...]


def _setting_value(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value) or "none"
    return str(value)


def summary(comparison: Comparison, now: datetime | None = None) -> Summary:
    a, b = comparison.document_a, comparison.document_b
    stats = comparison.stats
    documents = tuple(
        (label, f"{doc.name} — {doc.path or 'pasted text'} · {len(doc.text):,} characters, "
                f"{words:,} words, language {doc.language}")
        for label, doc, words in (("A", a, stats.words_a), ("B", b, stats.words_b)))
    figures = (
        ("Shared phrases", f"{len(comparison.shared_phrases):,}"),
        ("Text of A in shared phrases", percent(stats.shared_chars_a)),
        ("Text of B in shared phrases", percent(stats.shared_chars_b)),
        ("Slogans", f"{len(comparison.slogans):,}"),
        ("Theme-overlap pairs", f"{len(comparison.themes):,}"),
        ("Comparison time", f"{stats.seconds:.2f} s"),
    )
    settings = tuple((key.replace("_", " "), _setting_value(value))
                     for key, value in comparison.settings.to_dict().items())
    return Summary(
        title="Tandem comparison report", name_a=a.name, name_b=b.name,
        date=(now or datetime.now()).strftime("%Y-%m-%d %H:%M"),
        documents=documents, figures=figures, settings=settings)
