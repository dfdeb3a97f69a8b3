"""Recurring word n-grams of many documents, counted by occurrences and by documents.

The phrase finders (slogans of two texts, formulations of a collection) share this: the
token streams of all documents laid end to end, where a phrase may not run (across a
sentence or paragraph break, into excluded text, from one document into the next), and
the n-grams that recur, grown level by level. An n-gram can recur only if both of its
(n-1)-word parts recur, so each level looks only at positions whose two shorter grams
survived the level below; in running text that set shrinks fast, and only recurring
stretches are ever counted.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from viewer.core.model import Span
from viewer.core.rarity import Rarity, is_number
from viewer.core.stopwords import stop_words
from viewer.core.tokenize import TokenStream, Vocabulary, blank_line_starts, char_mask

# Sentence ends, clause marks, quotes and brackets end a phrase; commas do not, since set
# formulations list things ("peaceful, secure, open, cooperative and orderly").
BREAK_CHARS = np.array([ord(c) for c in ".;:!?()[]{}\"\u201c\u201d\u00ab\u00bb\u3002\uff1b"
                        "\uff1a\uff01\uff1f\uff08\uff09\u300a\u300b\u2014|"], dtype=np.uint32)


def breaks_after(stream: TokenStream) -> np.ndarray:
    """For each token, whether punctuation or a paragraph break follows it (the last token
    always counts as followed by a break)."""
    starts = stream.starts
    flags = np.zeros(len(starts), dtype=bool)
    if not len(starts):
        return flags
    codes = stream.codes
    marks = char_mask(codes, BREAK_CHARS) if len(codes) else np.zeros(0, dtype=bool)
    marks[blank_line_starts(codes)] = True
    after = np.searchsorted(starts, np.flatnonzero(marks), side="right") - 1
    flags[after[after >= 0]] = True
    flags[-1] = True
    return flags


def tokens_in_spans(stream: TokenStream, spans: Sequence[Span]) -> np.ndarray:
    """Which tokens of `stream` overlap any of the character `spans`."""
    inside = np.zeros(len(stream), dtype=bool)
    if not spans or not len(stream):
        return inside
    edges = np.array(spans, dtype=np.int64).reshape(-1, 2)
    # A token overlaps [s, e) when it ends after s and starts before e.
    lo = np.searchsorted(stream.ends, edges[:, 0], side="right")
    hi = np.searchsorted(stream.starts, edges[:, 1], side="left")
    marks = np.zeros(len(stream) + 1, dtype=np.int64)
    ok = hi > lo
    np.add.at(marks, lo[ok], 1)
    np.add.at(marks, hi[ok], -1)
    return np.cumsum(marks[:-1]) > 0


class Level:
    """The recurring n-grams of one length.

    `positions` (sorted) are where a recurring gram starts in the concatenated stream and
    `gram` the gram number at each; grams are numbered in the order of their keys (word
    ids), so numbering never depends on hashes. Per gram: `count` (occurrences),
    `documents` (how many documents hold it) and `first` (its earliest position)."""

    def __init__(self, n: int, positions: np.ndarray, keys: np.ndarray, doc_of: np.ndarray,
                 min_docs: int, min_count: int) -> None:
        self.n = n
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        heads = np.concatenate(([True], ordered[1:] != ordered[:-1])) if len(ordered) else \
            np.zeros(0, dtype=bool)
        starts = np.flatnonzero(heads)
        counts = np.diff(starts, append=len(order))
        docs = doc_of[positions[order]]
        # Within a gram, positions (and so documents) are in order: a new document starts
        # a run wherever the gram or the document changes.
        new_doc = heads | np.concatenate(([True], docs[1:] != docs[:-1]))
        per_gram_docs = np.add.reduceat(new_doc.astype(np.int64), starts) if len(starts) \
            else np.zeros(0, dtype=np.int64)
        keep = (per_gram_docs >= min_docs) & (counts >= min_count)
        in_kept = np.repeat(keep, counts)
        grouped = positions[order][in_kept]  # by gram, each gram's in order
        self.count = counts[keep]
        self.documents = per_gram_docs[keep]
        self._at = np.cumsum(self.count) - self.count
        self._grouped = grouped
        self.first = grouped[self._at] if len(grouped) else grouped
        numbers = np.repeat(np.arange(len(self.count), dtype=np.int64), self.count)
        by_position = np.argsort(grouped, kind="stable")
        self.positions = grouped[by_position]
        self.gram = numbers[by_position]

    def __len__(self) -> int:
        return len(self.count)

    def occurrences(self, index: int) -> np.ndarray:
        """The positions of gram `index`, in order."""
        at = int(self._at[index])
        return self._grouped[at:at + int(self.count[index])]

    def gram_at(self, positions: np.ndarray) -> np.ndarray:
        """The gram starting at each of `positions`, -1 where none recurs."""
        at = np.searchsorted(self.positions, positions)
        at = np.minimum(at, max(len(self.positions) - 1, 0))
        if not len(self.positions):
            return np.full(len(positions), -1, dtype=np.int64)
        return np.where(self.positions[at] == positions, self.gram[at], -1)


class RecurringGrams:
    """The recurring n-grams (n = 2..top) of token ids laid end to end.

    `stops[p]` says that no gram runs from token p into token p + 1 (a break, or the end of
    a document); `blocked[p]` keeps token p out of every gram. A gram recurs when it is in
    at least `min_docs` documents and occurs at least `min_count` times."""

    def __init__(self, ids: np.ndarray, stops: np.ndarray, blocked: np.ndarray,
                 doc_of: np.ndarray, top: int, *, min_docs: int = 1,
                 min_count: int = 2) -> None:
        self.ids = ids
        self.levels: dict[int, Level] = {}
        self.word_count = np.bincount(ids[~blocked], minlength=int(ids.max(initial=0)) + 1)
        if len(ids) < 2:
            return
        words = int(ids.max(initial=0)) + 1
        free = ~blocked
        positions = np.flatnonzero(~stops[:-1] & free[:-1] & free[1:])
        keys = ids[positions] * words + ids[positions + 1]
        for n in range(2, top + 1):
            if n > 2:
                below = self.levels[n - 1]
                # Positions are sorted and distinct: p + 1 survived if it comes next.
                at = np.flatnonzero(below.positions[1:] == below.positions[:-1] + 1)
                positions = below.positions[at]
                keys = below.gram[at] * words + ids[positions + n - 1]
            if not len(positions):
                break
            level = Level(n, positions, keys, doc_of, min_docs, min_count)
            if not len(level):
                break
            self.levels[n] = level

    @property
    def longest(self) -> int:
        return max(self.levels, default=1)

    def extended(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """Per gram of length n, the highest count of a gram one word longer that begins
        with it (to the right) and that ends with it (to the left)."""
        level = self.levels[n]
        out = (np.zeros(len(level), dtype=np.int64), np.zeros(len(level), dtype=np.int64))
        longer = self.levels.get(n + 1)
        if longer is None:
            return out
        for part, best in zip((longer.first, longer.first + 1), out, strict=True):
            index = level.gram_at(part)
            np.maximum.at(best, index, longer.count)
        return out

    def counts_of(self, starts: np.ndarray, n: int) -> np.ndarray:
        """Occurrences of the n-grams starting at `starts` (0 where one does not recur)."""
        if n == 1:
            return self.word_count[self.ids[starts]]
        level = self.levels.get(n)
        if level is None:
            return np.zeros(len(starts), dtype=np.int64)
        index = level.gram_at(starts)
        return np.where(index >= 0, level.count[np.maximum(index, 0)], 0)


#: A phrase inside a listed one is left out unless it occurs this much more often alone.
ECHO_RATIO = 1.5


class PhraseScorer:
    """Which recurring grams are phrases, and how fixed and distinctive each is."""

    def __init__(self, grams: RecurringGrams, vocabulary: Vocabulary, language: str) -> None:
        self.grams = grams
        keys = vocabulary.keys
        self.bits = Rarity(language).bits_of(keys)
        stops = stop_words(language)
        self.is_stop = np.fromiter(map(stops.__contains__, keys), dtype=bool, count=len(keys))
        self.no_content = self.is_stop | is_number(keys)

    def words(self, n: int, index: int) -> tuple[int, ...]:
        start = int(self.grams.levels[n].first[index])
        return tuple(self.grams.ids[start:start + n].tolist())

    def maximal(self, top: int, min_words: int) -> dict[int, np.ndarray]:
        """Maximal recurring grams trimmed of function words at both ends, as indices into
        the level of their (trimmed) length. A gram that always continues into one same
        longer gram is not maximal; one that continues past `top` words is a copied
        passage and is left out, never cut."""
        grams, ids = self.grams, self.grams.ids
        found: dict[int, list[np.ndarray]] = {}
        for n in range(2, min(top, grams.longest) + 1):
            level = grams.levels[n]
            right, left = grams.extended(n)
            absorbed = (right * 10 >= level.count * 9) | (left * 10 >= level.count * 9)
            maximal = np.flatnonzero(~absorbed)
            content = ~self.is_stop[ids[level.first[maximal, None] + np.arange(n)]]
            lead = np.argmax(content, axis=1)
            length = n - lead - np.argmax(content[:, ::-1], axis=1)
            ok = content.any(axis=1) & (length >= min_words)
            for m in np.unique(length[ok]).tolist():
                pick = ok & (length == m)
                index = grams.levels[m].gram_at(level.first[maximal[pick]] + lead[pick])
                found.setdefault(m, []).append(index[index >= 0])
        return {m: np.unique(np.concatenate(parts)) for m, parts in found.items()}

    def features(self, n: int, index: np.ndarray) -> dict[str, np.ndarray]:
        """Per gram of length n: documents, count, content bits, and cohesion: over every
        way to cut the gram in two, the least of the larger share of a part's occurrences
        that lie inside the gram."""
        grams = self.grams
        level = grams.levels[n]
        first = level.first[index]
        words = grams.ids[first[:, None] + np.arange(n)]
        content = np.where(self.no_content[words], 0.0, self.bits[words]).sum(axis=1)
        count = level.count[index].astype(np.float64)
        cohesion = np.ones(len(index))
        for k in range(1, n):
            left = grams.counts_of(first, k)
            right = grams.counts_of(first + k, n - k)
            share = count / np.maximum(1, np.minimum(left, right))
            cohesion = np.minimum(cohesion, share)
        return {"documents": level.documents[index], "count": level.count[index],
                "content": content, "cohesion": cohesion}

    def candidates(self, top: int, min_words: int) -> list[tuple[int, int, float]]:
        """Phrase candidates as (length, level index, score), best first."""
        rows = []
        for n, index in sorted(self.maximal(top, min_words).items()):
            f = self.features(n, index)
            score = np.log2(1 + f["documents"]) * f["content"] * f["cohesion"]
            ok = (f["content"] >= 18) & (f["cohesion"] >= 0.3)
            for i, s in zip(index[ok].tolist(), score[ok].tolist(), strict=True):
                rows.append((n, i, s))
        rows.sort(key=lambda r: (-r[2], self.words(r[0], r[1])))
        return rows


def select_phrases(scorer: PhraseScorer, candidates: list[tuple[int, int, float]],
                   *, limit: int) -> list[tuple[int, int]]:
    """The best candidates, leaving out a phrase inside a listed one unless it recurs
    clearly more often on its own."""
    selected: list[tuple[int, int]] = []
    inside: dict[tuple[int, ...], int] = {}  # sub-phrase -> occurrences inside listed ones
    for n, index, _ in candidates:
        if len(selected) >= limit:
            break
        words = scorer.words(n, index)
        count = int(scorer.grams.levels[n].count[index])
        if count <= ECHO_RATIO * inside.get(words, 0):
            continue
        selected.append((n, index))
        for m in range(1, n):
            for k in range(n - m + 1):
                part = words[k:k + m]
                inside[part] = inside.get(part, 0) + count
    return selected


def group_variants(scorer: PhraseScorer, selected: list[tuple[int, int]],
                   ) -> list[list[tuple[int, int]]]:
    """Selected phrases grouped with their near-variants (one word swapped in a phrase of
    three or more words, or one word added), each group led by its best-ranked form."""
    words = [scorer.words(n, i) for n, i in selected]
    owner = list(range(len(selected)))
    for j in range(len(selected)):
        for i in range(j):
            if owner[i] == i and _one_edit(words[i], words[j]):
                owner[j] = i
                break
    groups: dict[int, list[tuple[int, int]]] = {}
    for j, o in enumerate(owner):
        groups.setdefault(o, []).append(selected[j])
    return list(groups.values())


def _one_edit(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    if len(a) == len(b):
        return len(a) >= 3 and sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(long_) != len(short) + 1 or len(short) < 2:
        return False
    return any(long_[:k] + long_[k + 1:] == short for k in range(len(long_)))
