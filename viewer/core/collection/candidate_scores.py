"""Candidate scores: the recurring stretches of a collection that may be formulations,
each with the evidence that it is one.

Every recurring stretch of two words or more (`viewer.core.phrases`) is scored on its
words and documents (`evidence.score`: content, documents, onset, repeats), on how freely
it crosses the series, on its edges (set into sentences as a unit, cited between
quotation marks) and, in Chinese, whose tokens are characters, on its cohesion and on
where its words begin and end. The best are selected, a phrase inside a listed one left
out unless it recurs on its own (`select_phrases`): these are the forms
`formulations.rank_groups` groups into formulations.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from viewer.core.collection import co_use, evidence
from viewer.core.collection.edges import EdgeEvidence, quote_marks
from viewer.core.collection.evidence import MIN_SCORE
from viewer.core.collection.form_shapes import CJK_CHARS_PER_WORD
from viewer.core.model import Span
from viewer.core.phrase_scorer import (
    ECHO_RATIO,
    MIN_VARIETY,
    WORD_BITS_CAP,
    PhraseScorer,
    select_phrases,
)
from viewer.core.phrases import (
    COMMA_CHARS,
    RecurringGrams,
    breaks_after,
    joined_after,
    tokens_in_spans,
)
from viewer.core.tokenize import TokenStream, Vocabulary, token_offsets
from viewer.core.word_bounds import PhraseLocator

if TYPE_CHECKING:
    from viewer.core.phrase_scorer import Candidates

#: Cohesion (see `PhraseScorer.cohesion`) a Chinese form needs to give evidence for a
#: group of forms; a form alone below it is listed on its score (scaled by its cohesion).
CJK_MIN_COHESION = 0.3
#: Cohesion below which a Chinese candidate's strength is scaled down in proportion.
CJK_FULL_COHESION = 0.6
#: Evidence of being cited between quotation marks (bits, see `evidence.cited_bits`)
#: that makes a Chinese phrase a unit whatever its cohesion: chance cites one candidate
#: in a thousand so.
CITED_UNIT = 10.0
#: Onset evidence (bits, see `evidence.onset`) that a phrase was coined within the
#: collection: a first appearance that late comes by chance to one candidate in a
#: thousand.
CLEAR_ONSET = 10.0
#: Cohesion (see `PhraseScorer.cohesion`, since its first use) that makes a phrase of
#: common words coined within the collection a candidate however little content it has.
COINED_COHESION = 0.6
#: Candidate forms considered at most, best first (a bound on the work of large
#: collections; variants of listed formulations are among the first few thousand).
MAX_FORMS = 3000
#: Content (bits, see `PhraseScorer.strength`) a candidate needs: one distinctive word
#: may carry a phrase ("out of temptation", coined in the collection and in 150 of its
#: articles), as what tells a set phrase from a phrase of the language is how the
#: collection uses it (documents, onset, edges), not more words.
CANDIDATE_CONTENT_BITS = WORD_BITS_CAP
#: Words from which a stretch is long: chance does not repeat a run of eight words (the
#: n-gram by which reuse is told), so a long stretch in many contexts is a set phrase
#: even where most of its uses stand in a few set frames (see
#: `RecurringGrams.neighbour_variety`).
LONG_STRETCH_WORDS = 8
#: What a long stretch set inside sentences multiplies its strength by (see
#: `_long_stretches_in_sentences`) at `LONG_STRETCH_WORDS`: as much as being cited whole
#: between quotation marks does at most (`evidence.QUOTE_CAP`), its recurring being as
#: little chance's. Longer stretches weigh more in proportion to their length: content is
#: capped (`PhraseScorer.strength`) since names and terms recur, but none runs that long,
#: and beyond it content grows with the words again, as chance's odds fall with them
#: (building an integrated corridor of agricultural innovation in the new era, three
#: articles; 改革开放和社会主义现代化建设).
LONG_STRETCH_WEIGHT = 1 + evidence.QUOTE_CAP / 10
#: Words at its ends by which a long stretch may go beyond a phrase used more often on
#: its own and still be that phrase in a context ("use | departmental report which
#: recommends Australia outsource information").
CONTEXT_WORDS = 2
#: A weaker candidate, with this share of that score, is listed as a variant of a
#: formulation (a two-word one sharing documents with it beyond chance, `co_use`).
VARIANT_SHARE = 0.5
#: Languages written without spaces, whose tokens are characters.
CJK = frozenset({"zh", "ja"})
#: Documents a candidate form is used in, at the least, when it is used as many times in
#: all as a formulation has documents (`min_documents`): an article using it again is
#: what a passage copied between two articles does not do, and a form of two articles may
#: be carried into a third by its variant (长期围困敌人的战略方针, four uses in two
#: articles, and 长期围困敌人的战略伊方 in a third). The formulation, all its forms
#: together, needs `min_documents` (see `formulations.find_formulations`).
FORM_DOCUMENTS = 2


class CandidateRows:
    """The row of a candidate table that holds each form (length, level index), looked up
    as in a dict (`rows[form]`, `form in rows`). A collection has a million candidates
    or more: a dict of their tuples takes over 150 MB, their keys packed and sorted 12."""

    def __init__(self, lengths: np.ndarray, indices: np.ndarray) -> None:
        self._width = int(indices.max(initial=0)) + 1
        keys = lengths.astype(np.int64) * self._width + indices
        self._rows = np.argsort(keys, kind="stable")
        self._keys = keys[self._rows]

    def _find(self, form: tuple[int, int]) -> int:
        n, index = form
        if not 0 <= index < self._width:
            return -1
        key = n * self._width + index
        at = int(np.searchsorted(self._keys, key))
        found = at < len(self._keys) and int(self._keys[at]) == key
        return int(self._rows[at]) if found else -1

    def __getitem__(self, form: tuple[int, int]) -> int:
        row = self._find(form)
        if row < 0:
            raise KeyError(form)
        return row

    def __contains__(self, form: object) -> bool:
        return (isinstance(form, tuple) and len(form) == 2
                and self._find((int(form[0]), int(form[1]))) >= 0)


@dataclass(frozen=True)
class ScoredCandidates:
    """The candidate forms of a collection (as (length, level index) of `grams`), best
    first, with the evidence each was weighed on (arrays by row of `row`)."""

    grams: RecurringGrams
    scorer: PhraseScorer
    #: Per position: no phrase runs on into the next; the token is excluded.
    stops: np.ndarray
    blocked: np.ndarray
    #: Each document's place in date order (`co_use.date_ranks`); whether most are dated.
    rank: np.ndarray
    dated: bool
    edges: EdgeEvidence
    spread: evidence.SeriesSpread
    #: The start and end offsets of the tokens `grams` lays end to end.
    offsets: tuple[np.ndarray, np.ndarray]
    #: The word bounds of the candidates (CJK); None for languages written in words.
    located: PhraseLocator | None
    forms: list[tuple[int, int]]
    row: CandidateRows
    score: np.ndarray
    strength: np.ndarray
    cited: np.ndarray
    #: Whether a form stands on its words and documents (not lifted by its edges alone).
    standing: np.ndarray
    #: The Chinese forms cohesive enough to give evidence for a group.
    cohesive: set[tuple[int, int]]


def score_candidates(texts: Sequence[str], streams: Sequence[TokenStream],
                     vocabulary: Vocabulary, dates: Sequence[str],
                     excluded: Sequence[Sequence[Span]], language: str, *,
                     min_documents: int, max_words: int,
                     series: Sequence[str] | None = None) -> ScoredCandidates | None:
    """The candidate forms of a collection, scored and selected (None when the collection
    has no two words). Arguments as `formulations.find_formulations`."""
    cjk = language in CJK
    cohesive: set[tuple[int, int]] = set()
    top = round(max_words * CJK_CHARS_PER_WORD) if cjk else max_words
    lengths = np.array([len(s) for s in streams], dtype=np.int64)
    if lengths.sum() < 2:
        return None
    # int64 whatever the streams hold: grams are keyed by products of ids.
    ids = np.concatenate([s.ids for s in streams], dtype=np.int64)
    stops = np.concatenate([breaks_after(s) for s in streams])
    blocked = np.concatenate([tokens_in_spans(s, spans)
                              for s, spans in zip(streams, excluded, strict=True)])
    doc_of = np.repeat(np.arange(len(streams), dtype=np.int32), lengths)
    offsets = token_offsets(streams)
    grams = RecurringGrams(ids, stops, blocked, doc_of, top + 1,
                           min_docs=min(FORM_DOCUMENTS, min_documents), min_count=min_documents)
    scorer = PhraseScorer.for_language(grams, vocabulary, "zh" if cjk else language)
    scorer.min_content = CANDIDATE_CONTENT_BITS
    long_stretch = round(LONG_STRETCH_WORDS * CJK_CHARS_PER_WORD) if cjk \
        else LONG_STRETCH_WORDS
    scorer.long_stretch = long_stretch
    scorer.joined = np.concatenate([joined_after(s) for s in streams])
    if scorer.english_keys is not None:
        scorer.commas = np.concatenate([breaks_after(s, COMMA_CHARS, symbols=False)
                                        for s in streams])
    table = scorer.table(top, min_words=2)
    rank = co_use.date_ranks(dates)
    dated = sum(1 for d in dates if d) * 2 >= len(dates)
    quoted = quote_marks(streams)

    def first_scores(table: Candidates) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                 np.ndarray]:
        onset = evidence.onset_bits(grams, table, rank) if dated else np.zeros(len(table))
        strength = scorer.strength(table, _coined_of_common_words(scorer, table, onset, rank)
                                   if dated else None)
        longs = _long_stretches_in_sentences(grams, table, stops, quoted, strength > 0,
                                             long_stretch, cjk)
        strength[longs] *= LONG_STRETCH_WEIGHT * table.n[longs] / long_stretch
        repeats = evidence.repeat_bits(table.count, table.documents, len(streams))
        return strength, onset, repeats, evidence.score(
            table.documents, strength, onset, len(streams), repeats, np.ones(len(table)))

    strength, onset, repeats, score = first_scores(table)
    # A phrase set into its sentences as a unit, and cited whole between quotation marks.
    edges = EdgeEvidence(ids, stops, blocked, doc_of, quoted)
    # The evidence of edges can raise a score (`evidence.EDGE_RAISE`), the spread across
    # series and the cohesion of Chinese only lower it: a candidate is weighed further
    # where the edges may lift it to a variant's share of the score a formulation needs
    # (必要的防震加固措施, 53 on its words and documents, cited between quotation marks
    # as chance would cite hardly any).
    reach = MIN_SCORE * VARIANT_SHARE / evidence.EDGE_RAISE

    def edge_bits(table: Candidates, score: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        # (units, cited) of the rows within reach, 0 elsewhere.
        units, cited = np.zeros(len(table)), np.zeros(len(table))
        rows = np.flatnonzero(score >= reach)
        units[rows], cited[rows] = evidence.edge_bits_of(edges, grams, table, rows,
                                                         against_only=cjk)
        return units, cited

    units, cited = edge_bits(table, score)
    if cjk:
        located = PhraseLocator(texts, offsets, grams, many_uses=True)
        # Characters are tokens, so a maximal stretch may open or close on a function
        # word its every use has (再 | 优化游动战术): the phrase is the stretch without it.
        # Reading words costs: only stretches their edges lift far enough are read.
        lifted = score * evidence.edge_factor(units, cited)
        kept, added = _cut_to_whole_words(scorer, table, np.flatnonzero(
            np.maximum(score, lifted) >= MIN_SCORE * VARIANT_SHARE), located)
        # One step at a time: the table of a large collection is tens of MB a copy.
        table = table.take(kept)
        table = table.followed_by(added)
        firsts = first_scores(added)
        strength, onset, repeats, score, units, cited = (
            np.concatenate((before[kept], new)) for before, new in
            zip((strength, onset, repeats, score, units, cited),
                (*firsts, *edge_bits(added, firsts[3])), strict=True))
    # The variety of every candidate's contexts is weighed: what was kept for that can go.
    grams.forget_contexts()
    spread = evidence.SeriesSpread(series, len(streams))
    spread.weigh_against_chance(grams, table)
    near = np.flatnonzero(score >= reach)
    variety = np.ones(len(table))
    variety[near] = spread.of_candidates(grams, table, near)
    cohesion = np.ones(len(table))
    if cjk:
        # Characters are tokens: a stretch whose pieces are common words used apart more
        # often (向前 + 发展, 筹集 + 资金) is more likely an ordinary collocation.
        cohesion[near] = scorer.cohesion(table.n[near], table.index[near])
        if dated:
            # A phrase coined within the collection is judged over the time it is in use
            # (see `PhraseScorer.cohesion`); one whose first use chance explains may have
            # been in use all along. Only a loose one can gain: only those are redone.
            loose = near[(cohesion[near] < CJK_FULL_COHESION) & (onset[near] >= CLEAR_ONSET)]
            cohesion[loose] = scorer.cohesion(table.n[loose], table.index[loose], rank)
        # A phrase cited whole between quotation marks, as chance would cite hardly any,
        # is a unit to its writers however common its words (认识农业, 科学训练).
        held = np.where(cited[near] >= CITED_UNIT, 1.0, cohesion[near])
        strength[near] *= np.minimum(1.0, held / CJK_FULL_COHESION)
    # Edges back up what the words and documents say: a form they lift from below a
    # variant's share of the score ("whose son", "Tarkovsky's films") joins a group as
    # its variant, but a group needs a form standing on its words and documents, and
    # only those give it evidence (see `judge`).
    standing = score >= MIN_SCORE * VARIANT_SHARE
    score[near] = evidence.score(table.documents[near], strength[near], onset[near],
                                 len(streams), repeats[near], variety[near], units[near],
                                 cited[near])
    order = np.lexsort((table.first, -score))
    order = order[score[order] >= MIN_SCORE * VARIANT_SHARE][:MAX_FORMS]
    if cjk:
        # Characters are tokens: a stretch whose pieces are common words used apart far
        # more often (作出 + 贡献, 采取 + 措施) is an ordinary collocation.
        # A variant's pieces are used in its formulation too (落实提供坚强有力的 | 小组,
        # 所有 | 国有企业): a form that is not cohesive itself is kept as long as it joins
        # a group with one that is. A form cited whole between quotation marks far more
        # often than chance would cite it is a unit to its writers (see above): it is
        # cohesive however common its words (环境部长, 环境 + 部长).
        cohesive = {(int(table.n[r]), int(table.index[r]))
                    for r in order[(cohesion[order] >= CJK_MIN_COHESION)
                                   | (cited[order] >= CITED_UNIT)].tolist()}
        # The others are checked once they have joined a group (below).
        order = order[[(int(table.n[r]), int(table.index[r])) not in cohesive
                       or (located.on_words(int(table.n[r]), int(table.index[r]),
                                            samples=5 if score[r] >= MIN_SCORE else 3)
                           and located.is_phrase(int(table.n[r]), int(table.index[r])))
                       for r in order.tolist()]]
    forms = select_phrases(scorer, list(zip(table.n[order].tolist(),
                                            table.index[order].tolist(), strict=True)),
                           limit=len(order))
    row = CandidateRows(table.n, table.index)
    return ScoredCandidates(grams, scorer, stops, blocked, rank, dated, edges, spread, offsets,
                            located if cjk else None, forms, row, score, strength, cited,
                            standing, cohesive)


def _long_stretches_in_sentences(grams: RecurringGrams, table: Candidates, stops: np.ndarray,
                                 quoted: tuple[np.ndarray, np.ndarray], live: np.ndarray,
                                 long_stretch: int, cjk: bool) -> np.ndarray:
    """The rows of `table` (among those `live`) that are long stretches set inside
    sentences: `long_stretch` tokens or more, a whole sentence in fewer than half
    of their uses (one right between quotation marks, `quoted` as `quote_marks` gives
    them, is cited, not a sentence), and no part of them used clearly more often on its
    own (`ECHO_RATIO`), neither a long one nor all of them but `CONTEXT_WORDS` at the
    ends.

    A candidate's content is capped (`PhraseScorer.strength`): a name or a term is no
    more of a formulation than a word of the language, since recurring is what names
    do. Chance repeats no stretch that long, and one standing among varied neighbours
    (which `live` rows do) is no piece of a longer one, so it recurs as writers set it
    down: a formulation of three articles (长途汽车赶回吉林市参加婚礼). A sentence
    written whole in several articles is quoted, a passage's reuse; a stretch holding a
    phrase used more often on its own is that phrase in a context."""
    context = round(CONTEXT_WORDS * CJK_CHARS_PER_WORD) if cjk else CONTEXT_WORDS
    found = [np.zeros(0, dtype=np.int64)]
    for n in np.unique(table.n[table.n >= long_stretch]).tolist():
        rows = np.flatnonzero((table.n == n) & live)
        level = grams.levels[n]
        index = table.index[rows]
        first = table.first[rows]
        at = level.grouped_at(index)
        # A use is a whole sentence where a break (or the document's start) comes just
        # before it and just after it; the last token of a document is followed by one.
        # Quotation marks make breaks too, but a stretch standing right between them is
        # cited whole, as a set phrase is (a sentence quoted ends on its own stop mark).
        opens = np.ones(len(at), dtype=bool)
        opens[at > 0] = stops[at[at > 0] - 1]
        cited = quoted[0][at] & quoted[1][at + n - 1]
        whole = (level.per_gram(index, opens & stops[at + n - 1] & ~cited) * 2
                 >= level.count[index])
        most = np.zeros(len(rows), dtype=np.int64)
        for m in range(max(2, min(long_stretch, n - context)), n):
            starts = first[:, None] + np.arange(n - m + 1)
            most = np.maximum(most, grams.counts_of(starts.ravel(), m)
                              .reshape(starts.shape).max(axis=1))
        found.append(rows[~whole & (most < ECHO_RATIO * level.count[index])])
    return np.concatenate(found)


def _coined_of_common_words(scorer: PhraseScorer, table: Candidates, onset: np.ndarray,
                            rank: np.ndarray) -> np.ndarray:
    """The rows of `table` with less content than a candidate needs that the collection
    shows to be set phrases all the same: coined within it (a clear onset, `onset` per
    row), set among varied neighbours, and their words used together far more than apart
    since (只有好处, in 291 articles from a date on, its words hardly ever apart). A phrase
    of the language made of such words is in use from the start, or its words go their
    own ways."""
    rows = np.flatnonzero((table.content > 0) & (table.content < scorer.min_content)
                          & (table.variety >= MIN_VARIETY) & (onset >= CLEAR_ONSET))
    cohesion = scorer.cohesion(table.n[rows], table.index[rows], rank)
    return rows[cohesion >= COINED_COHESION]


def _cut_to_whole_words(scorer: PhraseScorer, table: Candidates, rows: np.ndarray,
                        located: PhraseLocator) -> tuple[np.ndarray, Candidates]:
    """Which candidates stay (a mask), and the grams that replace the others: each of
    `rows` that opens or closes on a function word (at its first use) is replaced by the
    gram without it, where that gram is no candidate of its own because (nearly) every
    use of it comes with the function word. Where that gram is a candidate of its own,
    used without the function word at least as often as with it, the stretch is that
    candidate in one of its contexts (与 | 以科学发展观为统领的工作格局, used after 在, 同
    and 与 and on its own): it goes, and the candidate is judged on its own uses, as
    English stretches are trimmed of such words (`PhraseScorer.maximal`)."""
    grams = scorer.grams
    listed = CandidateRows(table.n, table.index)
    extended: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def cut_off(row: int, lead: int, length: int) -> int | None:
        """The gram left of candidate `row` without `lead` tokens at its start and what
        is beyond `length` tokens at its end, if it is such a gram."""
        if length < 2:
            return None
        first, n = int(table.first[row]), int(table.n[row])
        index = int(grams.levels[length].gram_at(np.array([first + lead]))[0])
        if index < 0 or (length, index) in listed:
            return None
        if length not in extended:
            extended[length] = grams.nearly_always_extended(length)
        goes_on, goes_back = (side[index] for side in extended[length])
        if (goes_on and lead + length == n) or (goes_back and lead == 0):
            return None  # a piece of a longer stretch on the side that was not cut
        if table.count[row] * 10 < grams.levels[length].count[index] * 9:
            return None  # used without it too: judged in its own contexts
        return index

    # Segmenting costs: only candidates whose letters at an end spell a function word,
    # and whose rest is a candidate or such a gram, are segmented to see whether it is
    # a word there.
    pieces = [(r, lead, int(table.n[r]) - lead - tail) for r in rows.tolist()
              for lead, tail in located.function_word_ends(int(table.n[r]), int(table.first[r]))]
    recurring = _pieces_recurring(grams, table, pieces)
    replaced = np.zeros(len(table), dtype=bool)
    for r, lead, length, rest in recurring:
        if (length, rest) not in listed:
            continue
        if table.count[r] * 2 > grams.levels[length].count[rest]:
            continue  # most of its uses have the word: part of the phrase (凭 | 名气和包装)
        # The candidate, segmented there, begins and ends on words (同 | 以科学…, which
        # the segmenter's guesses would read 同以 | 科学…; not 再 | 就业服务中心).
        seen = located.at(length, int(table.first[r]) + lead)
        if (seen.start in {s for s, _ in seen.spans}
                and seen.end in {e for _, e in seen.spans}):
            replaced[r] = True  # a candidate in one of its contexts
    # The pieces (nearly) all of whose uses lie inside their candidate.
    maybe = sorted({r for r, _, length, rest in recurring
                    if table.count[r] * 10 >= grams.levels[length].count[rest] * 9})
    added: dict[int, list[int]] = {}
    variety: dict[tuple[int, int], float] = {}
    for r in maybe:
        if replaced[r]:
            continue
        inner = located.without_function_ends(int(table.n[r]), int(table.first[r]))
        if inner is None:
            continue
        lead, length = inner
        index = cut_off(r, lead, length)
        if index is None:
            continue
        replaced[r] = True
        added.setdefault(length, []).append(index)
        variety[(length, index)] = max(variety.get((length, index), 0.0),
                                       float(table.variety[r]))
    cut = scorer.candidates({n: np.unique(np.array(indices, dtype=np.int64))
                             for n, indices in added.items()})
    # The cut gram's neighbours on that side are the function word, always: the variety
    # of its contexts is that of the stretch it was cut from.
    forms = zip(cut.n.tolist(), cut.index.tolist(), strict=True)
    return ~replaced, replace(cut, variety=np.array([variety[f] for f in forms], dtype=float))


def _pieces_recurring(grams: RecurringGrams, table: Candidates,
                      pieces: list[tuple[int, int, int]]) -> list[tuple[int, int, int, int]]:
    """The `pieces` (row, tokens from its start, length) that are recurring grams, each with
    its index in its level: what `_cut_to_whole_words` tests before it segments."""
    found: list[tuple[int, int, int, int]] = []
    for length in sorted({piece[2] for piece in pieces if piece[2] >= 2}):
        level = grams.levels.get(length)
        if level is None:
            continue
        rows = [r for r, _, m in pieces if m == length]
        leads = [lead for _, lead, m in pieces if m == length]
        index = level.gram_at(table.first[np.array(rows, dtype=np.int64)]
                              + np.array(leads, dtype=np.int64))
        found += [(r, lead, length, i) for r, lead, i in zip(rows, leads, index.tolist(),
                                                              strict=True) if i >= 0]
    return found
