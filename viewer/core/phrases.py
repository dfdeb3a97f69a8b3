"""Recurring word n-grams of many documents, counted by occurrences and by documents.

The phrase finders (slogans of two texts, formulations of a collection) share this: the
token streams of all documents laid end to end, where a phrase may not run (across a
sentence or paragraph break, into excluded text, from one document into the next), and
the n-grams that recur, grown level by level. An n-gram can recur only if both of its
(n-1)-word parts recur, so each level looks only at positions whose two shorter grams
survived the level below; in running text that set shrinks fast, and only recurring
stretches are ever counted. Which of them are phrases, `viewer.core.phrase_scorer` judges.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from viewer.core.grouping import expand
from viewer.core.model import Span
from viewer.core.tokenize import TokenStream, blank_line_starts, char_mask, pictographs

# Sentence ends, clause marks, quotes and brackets end a phrase; commas do not, since set
# formulations list things ("peaceful, secure, open, cooperative and orderly"), except the
# Chinese full-width comma, which ends a clause (lists take the enumeration comma 、).
BREAK_CHARS = np.array([ord(c) for c in ".;:!?()[]{}\"\u201c\u201d\u00ab\u00bb\u3002\uff1b"
                        "\uff1a\uff01\uff1f\uff08\uff09\u300a\u300b\u300c\u300d\u300e\u300f"
                        "\u2014|\uff0c"],
                       dtype=np.uint32)


#: Commas, which part the items of a list ("5G, big data, cloud computing").
COMMA_CHARS = np.array([ord(c) for c in ",\u3001\uff0c"], dtype=np.uint32)


def breaks_after(stream: TokenStream, chars: np.ndarray = BREAK_CHARS, *,
                 symbols: bool = True) -> np.ndarray:
    """For each token, whether punctuation (one of `chars`), a paragraph break or, with
    `symbols`, a pictograph follows it (the last token always counts as followed by a
    break). Writers set emoji and dingbats (`tokenize.is_pictograph`) between clauses,
    "the harbour 👍 team won", never inside a set phrase."""
    starts = stream.starts
    flags = np.zeros(len(starts), dtype=bool)
    if not len(starts):
        return flags
    codes = stream.codes
    marks = char_mask(codes, chars) if len(codes) else np.zeros(0, dtype=bool)
    if symbols and len(codes):
        marks |= pictographs(codes)
    marks[blank_line_starts(codes)] = True
    after = np.searchsorted(starts, np.flatnonzero(marks), side="right") - 1
    flags[after[after >= 0]] = True
    flags[-1] = True
    return flags


_HYPHENS = np.array([ord(c) for c in "-\u2010\u2011"], dtype=np.uint32)

#: Uses of grams `RecurringGrams.neighbour_variety` weighs at once (see there): its
#: arrays then take about a hundred MB at most, where a collection's peak lies.
VARIETY_BATCH_USES = 1 << 20
#: Uses a long stretch's neighbours are weighed over at most (see `neighbour_variety`).
LONG_STRETCH_DRAWS = 8


def joined_after(stream: TokenStream) -> np.ndarray:
    """For each token, whether a hyphen joins it to the next ("all-round", "long-term"):
    a phrase neither starts nor ends inside such a word."""
    flags = np.zeros(len(stream), dtype=bool)
    if len(stream) < 2 or not len(stream.codes):
        return flags
    gap = stream.ends[:-1]
    hyphen = char_mask(stream.codes, _HYPHENS)[np.minimum(gap, len(stream.codes) - 1)]
    flags[:-1] = hyphen & (stream.starts[1:] == gap + 1) & (gap < len(stream.codes))
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


def _order_by_key(keys: np.ndarray) -> np.ndarray:
    """The stable order of non-negative `keys`: each key and its index packed in one
    integer and sorted, which is several times quicker than a stable argsort (used when
    the keys leave room for the index)."""
    shift = max(1, (len(keys) - 1).bit_length())
    if len(keys) and int(keys.max()) >= 1 << (62 - shift):
        return np.argsort(keys, kind="stable")
    # Packed in 64 bits whatever the keys came in: shifted in 32, they would wrap.
    packed = (keys.astype(np.int64, copy=False) << shift) | np.arange(len(keys))
    return np.sort(packed) & ((1 << shift) - 1)


class Level:
    """The recurring n-grams of one length.

    `positions` (sorted) are where a recurring gram starts in the concatenated stream and
    `gram` the gram number at each; grams are numbered in the order of their keys (word
    ids), so numbering never depends on hashes. Per gram: `count` (occurrences),
    `documents` (how many documents hold it) and `first` (its earliest position)."""

    def __init__(self, n: int, positions: np.ndarray, keys: np.ndarray, doc_of: np.ndarray,
                 min_docs: int, min_count: int) -> None:
        self.n = n
        order = _order_by_key(keys)
        ordered = keys[order]
        heads = np.concatenate(([True], ordered[1:] != ordered[:-1])) if len(ordered) else \
            np.zeros(0, dtype=bool)
        starts = np.flatnonzero(heads)
        counts = np.diff(starts, append=len(order))
        by_gram = positions[order]
        docs = doc_of[by_gram]
        # Within a gram, positions (and so documents) are in order: a new document starts
        # a run wherever the gram or the document changes.
        new_doc = heads | np.concatenate(([True], docs[1:] != docs[:-1]))
        per_gram_docs = np.add.reduceat(new_doc.astype(np.int64), starts) if len(starts) \
            else np.zeros(0, dtype=np.int64)
        keep = (per_gram_docs >= min_docs) & (counts >= min_count)
        in_kept = np.repeat(keep, counts)
        grouped = by_gram[in_kept]  # by gram, each gram's in order
        del by_gram
        self.count = counts[keep]
        self.documents = per_gram_docs[keep]
        self._at = np.cumsum(self.count) - self.count
        self._grouped = grouped
        self.first = grouped[self._at] if len(grouped) else grouped
        # Back in position order without sorting again: `positions` came sorted.
        number = np.empty(len(positions), dtype=np.int32)
        taken = order[in_kept]
        number[taken] = np.repeat(np.arange(len(self.count), dtype=np.int32), self.count)
        kept = np.zeros(len(positions), dtype=bool)
        kept[taken] = True
        self.positions = positions[kept]
        self.gram = number[kept]

    def __len__(self) -> int:
        return len(self.count)

    def occurrences(self, index: int) -> np.ndarray:
        """The positions of gram `index`, in order."""
        at = int(self._at[index])
        return self._grouped[at:at + int(self.count[index])]

    def grouped_at(self, index: np.ndarray) -> np.ndarray:
        """The positions of all grams `index`, gram after gram, each in order."""
        owner, rank = expand(self.count[index])
        return self._grouped[self._at[index][owner] + rank]

    def per_gram(self, index: np.ndarray, values: np.ndarray) -> np.ndarray:
        """The sums of `values` (one row per use of the grams `index`, in the order of
        `grouped_at(index)`) over each gram's uses."""
        counts = self.count[index]
        if not len(counts):
            return np.zeros((0, *values.shape[1:]), dtype=np.int64)
        return np.add.reduceat(values.astype(np.int64), np.cumsum(counts) - counts, axis=0)

    def gram_at(self, positions: np.ndarray) -> np.ndarray:
        """The gram starting at each of `positions`, -1 where none recurs."""
        # In the levels' own width: a query of another would have numpy copy the whole
        # level into a common type at every call (tens of ms and MB for one position).
        at = np.searchsorted(self.positions, positions.astype(self.positions.dtype, copy=False))
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
        self.doc_of = doc_of
        self.stops = stops
        self.blocked = blocked
        self.levels: dict[int, Level] = {}
        self._neighbours: tuple[np.ndarray, np.ndarray] | None = None
        self._stretch_cache: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        #: Per position, whether a paragraph ends after it (None: unknown, the breaks
        #: stand for them).
        self.paragraph_ends: np.ndarray | None = None
        # Per (content mask, side across breaks or None): the mask, and how many words
        # have each frequency among them.
        self._spectra: dict[tuple[int, int | None],
                            tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        self.word_count = np.bincount(ids[~blocked], minlength=int(ids.max(initial=0)) + 1)
        if len(ids) < 2:
            return
        words = int(ids.max(initial=0)) + 1
        free = ~blocked
        # Positions and gram numbers as int32 (a collection stays under 2**31 tokens):
        # half the memory of the levels.
        positions = np.flatnonzero(~stops[:-1] & free[:-1] & free[1:]).astype(np.int32)
        keys = ids[positions].astype(np.int64, copy=False) * words + ids[positions + 1]
        for n in range(2, top + 1):
            if n > 2:
                below = self.levels[n - 1]
                # Positions are sorted and distinct: p + 1 survived if it comes next.
                at = np.flatnonzero(below.positions[1:] == below.positions[:-1] + 1)
                positions = below.positions[at]
                keys = below.gram[at].astype(np.int64) * words + ids[positions + n - 1]
            if not len(positions):
                break
            level = Level(n, positions, keys, doc_of, min_docs, min_count)
            if not len(level):
                break
            self.levels[n] = level

    @property
    def longest(self) -> int:
        return max(self.levels, default=1)

    def forget_contexts(self) -> None:
        """Let go of the tables `neighbour_variety` keeps (a few bytes a token: hundreds
        of MB for a large collection); they are made again if asked for."""
        self._neighbours = None
        self._stretch_cache = None

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

    def nearly_always_extended(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """Per gram of length n, whether nine in ten of its uses go on into one same
        longer gram, to the right and to the left: such a gram is not maximal."""
        right, left = self.extended(n)
        count = self.levels[n].count
        return right * 10 >= count * 9, left * 10 >= count * 9

    def neighbour_variety(self, n: int, index: np.ndarray, content: np.ndarray, *,
                          repeats_once: bool = False,
                          across_breaks: bool = False,
                          long: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """For grams `index` of length n: how many different content words come before
        them, and after them, over how many would if their neighbours were drawn at random
        from the text (about 1 for a phrase used freely; low for a piece of a fixed
        context, such as a copied passage or "States" of "the United States"). Only words
        with `content[id]` count as neighbours: the others are passed over, so with all
        but function words "X" of "X of the" is judged by what follows "of the". An
        occurrence with no neighbour in its document, or with a blocked one (boilerplate),
        counts as a neighbour of its own.
        With `across_breaks`, a side most uses of which cross a break (a phrase that ends
        its sentence, or stands as a line of its own) is weighed against the words found
        across breaks: the word after a sentence's end is drawn from the few that open
        sentences ("The", "In"), not from all the text's (a collection's phrases have uses
        enough for that to tell; two texts' have a few).
        With `repeats_once`, for a gram in several documents, uses in one document in
        the same line written out again count as one (a page header repeated five times
        is one use of the phrase in it): a passage two documents share still stands in
        one context in both.
        With `long` (the grams are long stretches), a side is also weighed as if the gram
        had at most `LONG_STRETCH_DRAWS` uses, the better of the two counting: chance
        does not repeat a long stretch, and one met in as many different contexts as a few
        random draws would give is used freely, even where most of its uses stand in a
        few set frames (团结在 | 以江泽民同志为核心的党中央 | 周围, 在 | … | 领导下),
        which its many uses would otherwise weigh as a piece of a longer stretch. A
        piece of a copied passage or of a longer phrase has one or two contexts, however
        many its uses."""
        # Each gram is judged on its own uses: the grams are weighed a bounded number of
        # uses at a time, as the arrays below hold a few numbers per use and a
        # collection's shortest grams have tens of millions of uses.
        total = np.cumsum(self.levels[n].count[index])
        bounds = [0]
        while bounds[-1] < len(index):
            done = int(total[bounds[-1] - 1]) if bounds[-1] else 0
            bounds.append(max(bounds[-1] + 1, int(np.searchsorted(
                total, done + VARIETY_BATCH_USES, side="right"))))
        if len(bounds) <= 2:
            return self._variety_of(n, index, content, repeats_once, across_breaks, long)
        parts = [self._variety_of(n, index[start:stop], content, repeats_once, across_breaks,
                                  long)
                 for start, stop in itertools.pairwise(bounds)]
        return (np.concatenate([before for before, _ in parts]),
                np.concatenate([after for _, after in parts]))

    def _variety_of(self, n: int, index: np.ndarray, content: np.ndarray,
                    repeats_once: bool, across_breaks: bool,
                    long: bool) -> tuple[np.ndarray, np.ndarray]:
        """`neighbour_variety` of the grams `index`, all weighed at once."""
        level = self.levels[n]
        owner, _ = expand(level.count[index])
        where = level.grouped_at(index)
        before, after = self._content_neighbours(content)
        size = len(self.ids)
        words = len(self.word_count)
        sides = []
        # Per side, whether each use's neighbour lies across a break (`across_breaks`).
        crossing: list[np.ndarray] | None = [] if across_breaks else None
        for neighbour, edge in ((before[np.maximum(where - 1, 0)] * (where > 0) - (where == 0),
                                 where),
                                (after[np.minimum(where + n, size - 1)] * (where + n < size)
                                 + size * (where + n >= size), where + n - 1)):
            inside = (neighbour >= 0) & (neighbour < size)
            safe = np.clip(neighbour, 0, size - 1)
            # A line of boilerplate beside a use is no context of the phrase (a notice
            # set as a line of its own after a series' header), as the document's edge is
            # none.
            inside &= (self.doc_of[safe] == self.doc_of[where]) & ~self.blocked[safe]
            # Outside the document: a value no word has, one per occurrence.
            sides.append(np.where(inside, self.ids[safe], words + where))
            if crossing is not None:
                crossing.append(self._across(np.minimum(safe, edge), np.maximum(safe, edge),
                                             inside))
        uses = level.count[index]
        if repeats_once and len(where):
            # Only where both documents use the phrase: the question is then whether
            # the two share a passage, and one of them writing a line out again is no
            # second context (a phrase of one document keeps all of its uses).
            kept = self._first_of_repeats(owner, where) \
                | (level.documents[index] < 2)[owner]
            # A line the other document copies word for word is one context too, where
            # the phrase recurs without its copies ("Chinese-style modernization" 41 times
            # in a text compared with its republished copy): its uses in the one text are
            # its evidence. One used only in the copied line keeps both, a piece of it.
            uncopied = self._first_of_repeats(owner, where, across_documents=True)
            recurs = (np.bincount(owner[uncopied], minlength=len(index)) > 1) \
                & (level.documents[index] > 1)
            kept = np.where(recurs[owner], uncopied, kept)
            owner, sides = owner[kept], [side[kept] for side in sides]
            if crossing is not None:
                crossing = [side[kept] for side in crossing]
            uses = np.bincount(owner, minlength=len(index))
        out = []
        for side, word in enumerate(sides):
            keys = owner * (words + size + 1) + word
            ordered = np.sort(keys)
            new = np.concatenate(([True], ordered[1:] != ordered[:-1]))
            distinct = np.bincount(ordered[new] // (words + size + 1), minlength=len(index))
            across = (np.bincount(owner[crossing[side]], minlength=len(index)) * 2 > uses
                      if crossing is not None else None)
            variety = distinct / self._expected_beside(uses, content, across, side)
            if long:
                few = np.minimum(uses, LONG_STRETCH_DRAWS)
                variety = np.maximum(variety, np.minimum(
                    1.0, distinct / self._expected_beside(few, content, across, side)))
            out.append(variety)
        return out[0], out[1]

    def _expected_beside(self, drawn: np.ndarray, content: np.ndarray,
                         across: np.ndarray | None, side: int) -> np.ndarray:
        """`expected_distinct` of `drawn` neighbours per gram on `side`, drawn from the
        words across breaks for the grams `across` (see `neighbour_variety`)."""
        expected = self.expected_distinct(drawn, content)
        if across is not None and across.any():
            expected[across] = self.expected_distinct(drawn[across], content,
                                                      across_breaks=side)
        return expected

    def _first_of_repeats(self, owner: np.ndarray, where: np.ndarray, *,
                          across_documents: bool = False) -> np.ndarray:
        """Per use (of gram `owner`, at `where`), whether it is not a repeat of an earlier
        use in the same document (or, `across_documents`, in any) at the same place of the
        same stretch (the words between two breaks, word for word): one passage written
        out again (a page header), not another use."""
        stretch, fingerprint, start = self._stretches()
        at = stretch[where]
        document = np.zeros_like(where) if across_documents else self.doc_of[where]
        columns = (owner, document, fingerprint[at], where - start[at])
        order = np.lexsort(columns[::-1])
        repeated = np.ones(max(len(order) - 1, 0), dtype=bool)
        for column in columns:
            repeated &= column[order[1:]] == column[order[:-1]]
        kept = np.ones(len(where), dtype=bool)
        kept[order[1:][repeated]] = False
        return kept

    def _stretches(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per position, the number of its stretch (words between two breaks); per
        stretch, a fingerprint of its words and its first position."""
        if self._stretch_cache is None:
            size = len(self.ids)
            ends = self.stops if self.paragraph_ends is None else self.paragraph_ends
            stretch = np.concatenate(([0], np.cumsum(ends[:-1]))).astype(np.int64)
            start = np.flatnonzero(np.concatenate(([True], ends[:-1])))
            offset = np.arange(size) - start[stretch]
            weights = np.random.default_rng(0).integers(
                1, 2 ** 63, size=int(offset.max(initial=0)) + 1, dtype=np.uint64)
            with np.errstate(over="ignore"):
                values = (self.ids.astype(np.uint64) + np.uint64(1)) * weights[offset]
                fingerprint = np.add.reduceat(values, start) if size else values
            self._stretch_cache = (stretch, fingerprint, start)
        return self._stretch_cache

    def _content_neighbours(self, content: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per position, the nearest content word at or before it (-1 for none) and at or
        after it (len for none)."""
        cached = self._neighbours
        if cached is None:
            size = len(self.ids)
            is_content = content[self.ids]
            at = np.arange(size, dtype=np.int32)
            before = np.maximum.accumulate(np.where(is_content, at, -1))
            after = np.minimum.accumulate(np.where(is_content, at, size)[::-1])[::-1]
            cached = self._neighbours = (before, after)
        return cached

    def expected_distinct(self, counts: np.ndarray, content: np.ndarray, *,
                          across_breaks: int | None = None) -> np.ndarray:
        """How many different content words `counts` of them drawn at random from the
        text hold; with `across_breaks`, drawn from the content words nearest a break
        before it (0) or after it (1), as a phrase's neighbours across breaks are."""
        values, inverse = np.unique(counts, return_inverse=True)
        # The mask is kept with its figures, so its id names no other mask meanwhile.
        key = (id(content), across_breaks)
        if key not in self._spectra:
            present = (self.word_count[content[:len(self.word_count)]]
                       if across_breaks is None else self._across_counts(content, across_breaks))
            frequencies, words = np.unique(present[present > 0], return_counts=True)
            self._spectra[key] = (content, frequencies / max(1, int(present.sum())), words)
        _, p, words = self._spectra[key]
        seen = 1.0 - np.power.outer(1.0 - p, values.astype(np.float64))
        expected = (words[:, None] * seen).sum(axis=0)
        return np.maximum(expected[inverse], 1.0)

    def _across(self, low: np.ndarray, high: np.ndarray, inside: np.ndarray) -> np.ndarray:
        """Per pair of positions (where `inside`), whether a break follows one of the tokens
        from `low` up to `high` (excluded): whether a word and its neighbour lie on two
        sides of a break."""
        out = inside & self.stops[low]
        # Neighbours past words a content mask passes over (none when every word counts).
        for k in np.flatnonzero(inside & ~out & (high - low > 1)).tolist():
            out[k] = bool(self.stops[low[k]:high[k]].any())
        return out

    def _across_counts(self, content: np.ndarray, side: int) -> np.ndarray:
        """Per word, how often it is the content word nearest a break, before it (side
        0) or after it (side 1), in the same document and not blocked."""
        before, after = self._content_neighbours(content)
        size = len(self.ids)
        at = np.flatnonzero(self.stops[:-1])
        near = before[at] if side == 0 else after[at + 1]
        ok = (near >= 0) & (near < size)
        ok[ok] &= (self.doc_of[near[ok]] == self.doc_of[at[ok]]) & ~self.blocked[near[ok]]
        return np.bincount(self.ids[near[ok]], minlength=len(self.word_count))

    def counts_before(self, lengths: np.ndarray, index: np.ndarray,
                      split: int) -> np.ndarray:
        """Per gram (its length and index in that level), how many of its occurrences
        start before position `split`."""
        out = np.zeros(len(index), dtype=np.int64)
        for n in np.unique(lengths).tolist():
            rows = np.flatnonzero(lengths == n)
            level = self.levels[n]
            out[rows] = level.per_gram(index[rows], level.grouped_at(index[rows]) < split)
        return out

    def counts_of_each(self, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Occurrences of the grams of the given starts and lengths (0 for none)."""
        out = np.zeros(len(starts), dtype=np.int64)
        for n in np.unique(lengths[lengths > 0]).tolist():
            pick = lengths == n
            out[pick] = self.counts_of(starts[pick], n)
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
