"""Formulations: set phrases that recur across the documents of a collection.

A formulation is a maximal recurring stretch of up to about 20 words (Chinese: about 30
characters) found in several documents: it is never cut at a length limit (a longer stretch
that recurs is a copied passage, not a formulation), starts and ends where a phrase can
(`viewer.core.phrases`), and is fixed (its words occur together far more often than apart)
and distinctive (its words are rare in the language, or, common, were put together within
the collection and are hardly used apart since); it is also set into sentences as a
unit, where a chance recurrence of running text keeps the usual word pairs at its edges,
and now and then cited as a whole between quotation marks
(`viewer.core.collection.edges`). Near-variants (a word swapped or added, `form_shapes`)
are one formulation, found among the candidates (`co_use`, `kept_words`,
`group_members`) and, when used too seldom to recur on their own, in the text
(`rare_forms`). Each comes with its document frequency, total count, first appearance by
date, counts per month and every occurrence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from viewer.core.collection import co_use, evidence
from viewer.core.collection.edges import EdgeEvidence, quote_marks
from viewer.core.collection.evidence import MIN_SCORE
from viewer.core.collection.form_shapes import (
    CJK_CHARS_PER_WORD,
    MAX_VARIANTS,
    added_inside,
    one_place,
    variant_shape,
)
from viewer.core.collection.group_members import (
    earlier_forms_apart,
    used_with_groups,
    word_variants,
)
from viewer.core.collection.kept_words import (
    ListedEdges,
    beside_beyond_kept,
    kept_only_in,
    kept_part,
)
from viewer.core.collection.names import NameSlots
from viewer.core.collection.rare_forms import add_rare_chinese_variants, add_rare_word_variants
from viewer.core.model import Span
from viewer.core.phrases import (
    MIN_VARIETY,
    WORD_BITS_CAP,
    Candidates,
    PhraseScorer,
    RecurringGrams,
    breaks_after,
    joined_after,
    select_phrases,
    tokens_in_spans,
)
from viewer.core.tokenize import TokenStream, Vocabulary
from viewer.core.translations import content_at_first_use, join_translated
from viewer.core.variants import group_variants
from viewer.core.word_bounds import (
    PhraseLocator,
    one_word_apart,
    related_change,
    word_change,
)

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
#: Documents a formulation recurs in, at the least.
MIN_DOCUMENTS = 3
#: A weaker candidate, with this share of that score, is listed as a variant of a
#: formulation (a two-word one sharing documents with it beyond chance, `co_use`).
VARIANT_SHARE = 0.5
_CJK = frozenset({"zh", "ja"})


@dataclass(frozen=True)
class Formulation:
    """A set phrase of the collection, with its variants counted together."""

    phrase: str
    variants: tuple[str, ...]
    documents: int
    count: int
    #: Index of the document where it first appears (earliest date, then order).
    first: int
    #: "YYYY-MM" -> occurrences in documents of that month (undated ones left out).
    per_month: dict[str, int]
    #: (document index, spans in that document), documents in order.
    occurrences: tuple[tuple[int, tuple[Span, ...]], ...]


def find_formulations(texts: Sequence[str], streams: Sequence[TokenStream],
                      vocabulary: Vocabulary, dates: Sequence[str],
                      excluded: Sequence[Sequence[Span]], language: str, *,
                      min_documents: int = MIN_DOCUMENTS, max_words: int = 20,
                      limit: int = 500,
                      series: Sequence[str] | None = None) -> list[Formulation]:
    """The formulations of a collection, best first.

    `streams[i]` are the tokens of `texts[i]` (one `vocabulary` for all), `dates[i]` its
    ISO date ("" if unknown), `excluded[i]` character spans of it to ignore (boilerplate),
    `series[i]` its series (outlet), when known."""
    ranked = rank_groups(texts, streams, vocabulary, dates, excluded, language,
                         min_documents=min_documents, max_words=max_words, series=series)
    if ranked is None:
        return []
    grams = ranked.grams
    listed = [group for group, score in zip(ranked.groups[:limit], ranked.scores,
                                            strict=False) if score >= MIN_SCORE]
    forms = [[(n, grams.levels[n].occurrences(i)) for n, i in group] for group in listed]
    # Variants used too seldom to recur on their own join the formulation they vary.
    if language in _CJK:
        add_rare_chinese_variants(forms, listed, ranked, dates)
    else:
        add_rare_word_variants(forms, listed, ranked, dates)
    starts = np.concatenate([s.starts for s in streams])
    ends = np.concatenate([s.ends for s in streams])
    return [_formulation(group, grams, texts, starts, ends, dates) for group in forms if group]


@dataclass(frozen=True)
class RankedGroups:
    """Candidate formulations (forms as (length, level index) of `grams`), best first,
    with their scores."""

    grams: RecurringGrams
    scorer: PhraseScorer
    groups: list[list[tuple[int, int]]]
    scores: list[float]
    #: Per position: no phrase runs on into the next; the token is excluded.
    stops: np.ndarray
    blocked: np.ndarray
    #: The score of a group of forms.
    judge: Callable[[list[tuple[int, int]]], float]
    #: The word bounds of the candidates (CJK), with what they have segmented so far;
    #: None for languages written in words.
    located: PhraseLocator | None
    #: Which words of the candidates are names (None for CJK, which has no capitals).
    names: NameSlots | None


def rank_groups(texts: Sequence[str], streams: Sequence[TokenStream], vocabulary: Vocabulary,
                dates: Sequence[str], excluded: Sequence[Sequence[Span]], language: str, *,
                min_documents: int, max_words: int,
                series: Sequence[str] | None = None) -> RankedGroups | None:
    """Every candidate formulation with its variants, scored, best first (None when the
    collection has no two words)."""
    cjk = language in _CJK
    cohesive: set[tuple[int, int]] = set()
    top = round(max_words * CJK_CHARS_PER_WORD) if cjk else max_words
    lengths = np.array([len(s) for s in streams], dtype=np.int64)
    if lengths.sum() < 2:
        return None
    ids = np.concatenate([s.ids for s in streams])
    stops = np.concatenate([breaks_after(s) for s in streams])
    blocked = np.concatenate([tokens_in_spans(s, spans)
                              for s, spans in zip(streams, excluded, strict=True)])
    doc_of = np.repeat(np.arange(len(streams), dtype=np.int32), lengths)
    grams = RecurringGrams(ids, stops, blocked, doc_of, top + 1, min_docs=min_documents,
                           min_count=min_documents)
    scorer = PhraseScorer.for_language(grams, vocabulary, "zh" if cjk else language)
    scorer.min_content = CANDIDATE_CONTENT_BITS
    scorer.joined = np.concatenate([joined_after(s) for s in streams])
    table = scorer.table(top, min_words=2)
    rank = co_use.date_ranks(dates)
    dated = sum(1 for d in dates if d) * 2 >= len(dates)

    def first_scores(table: Candidates) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                 np.ndarray]:
        onset = evidence.onset_bits(grams, table, rank) if dated else np.zeros(len(table))
        strength = scorer.strength(table, _coined_of_common_words(scorer, table, onset, rank)
                                   if dated else None)
        repeats = evidence.repeat_bits(table.count, table.documents, len(streams))
        return strength, onset, repeats, evidence.score(
            table.documents, strength, onset, len(streams), repeats, np.ones(len(table)))

    strength, onset, repeats, score = first_scores(table)
    # A phrase set into its sentences as a unit, and cited whole between quotation marks.
    edges = EdgeEvidence(ids, stops, blocked, doc_of, quote_marks(streams))
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
        located = PhraseLocator(texts, streams, grams, many_uses=True)
        # Characters are tokens, so a maximal stretch may open or close on a function
        # word its every use has (再 | 优化游动战术): the phrase is the stretch without it.
        # Reading words costs: only stretches their edges lift far enough are read.
        lifted = score * evidence.edge_factor(units, cited)
        kept, added = _cut_to_whole_words(scorer, table, np.flatnonzero(
            np.maximum(score, lifted) >= MIN_SCORE * VARIANT_SHARE), located)
        table = table.take(kept).followed_by(added)
        firsts = first_scores(added)
        strength, onset, repeats, score, units, cited = (
            np.concatenate((before[kept], new)) for before, new in
            zip((strength, onset, repeats, score, units, cited),
                (*firsts, *edge_bits(added, firsts[3])), strict=True))
    spread = evidence.SeriesSpread(series, len(streams))
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
    row = {form: k for k, form in enumerate(zip(table.n.tolist(), table.index.tolist(),
                                                 strict=True))}

    def related(head: tuple[int, int], form: tuple[int, int]) -> bool:
        # Chinese: a word swapped for one of the same morpheme (所有国有企业, 所有私有
        # 企业) is a variant even when the two forms are not used together. At an end,
        # leaving one word (测量月球, 预测月球), only between two formulations each
        # listed on its own evidence, or cited whole as a unit (祖国事迹 of 祖坟事迹): one
        # phrase written two ways, where a form of a few documents (抢救国民 of 抢救国家)
        # may be another phrase met beside it.
        if not cjk:
            return False
        both_set = all(score[row[f]] >= MIN_SCORE or cited[row[f]] >= CITED_UNIT
                       for f in (head, form))
        return related_change(located.at_whole(*head), located.at_whole(*form),
                              any_end=both_set)


    def together(head: tuple[int, int], form: tuple[int, int]) -> bool:
        # Chinese forms are ranked by their characters' evidence, not by age: the
        # variant may rank above the form it varies (性能问题, 能力问题). That earlier
        # form is then a formulation by its own evidence; a phrase of the language met
        # before the formulation and once beside it by chance (扫除青壮年文盲 of
        # 扫除剩余文盲) is not, and would give the formulation its first appearance.
        return (co_use.together(grams, rank, head, form)
                or (cjk and co_use.together(grams, rank, form, head)
                    and score[row[form]] >= MIN_SCORE))

    unit = scorer.word_unit
    listed = ListedEdges(grams, forms)

    levels = grams.levels

    def kept_words(head: tuple[int, int], form: tuple[int, int]) -> bool:
        # A word changed at an end, where what the two keep says they are one phrase.
        # English: the words kept are no phrase of their own (`ListedEdges`). Chinese,
        # compared by characters: the same, or the kept words meet the formulation's
        # documents with no other word as often (`kept_only_in`, `beside_beyond_kept`).
        if not cjk:
            return listed.hold_kept(head, scorer.words(*head), scorer.words(*form))
        varied = located.at_whole(*head)
        part = kept_part(varied, word_change(varied, located.at_whole(*form),
                                              any_end=True), head[0])
        if part is None:
            return False
        uses = levels[head[0]].count[head[1]] + levels[form[0]].count[form[1]]
        docs = np.unique(grams.doc_of[levels[form[0]].occurrences(form[1])])
        return (kept_only_in(grams, varied, part, int(levels[head[0]].first[head[1]]),
                              int(uses), listed)
                or beside_beyond_kept(grams, len(rank), head, part, docs))

    def words_of(form: tuple[int, int]) -> tuple[int, ...]:
        return tuple(unit[list(scorer.words(*form))].tolist())

    names = None if cjk else NameSlots(grams, texts, streams, scorer.words, unit)

    def named_apart(head: tuple[int, int], form: tuple[int, int]) -> bool:
        # "Miss Woodhouse", "Miss Bates": two people, used together as one novel's are.
        return names is not None and names.differ_by_a_name(head, form)

    groups = group_variants(forms, words_of,
                            lambda word: not scorer.no_content[word],
                            lambda head, form: (together(head, form) or related(head, form)
                                                or kept_words(head, form)),
                            **variant_shape(cjk),
                            apart=lambda head, form: (
                                named_apart(head, form)
                                or (co_use.apart(grams, rank, head, form)
                                    and not related(head, form)
                                    and not added_inside(words_of(head), words_of(form)))))
    if cjk:
        # Forms none of which is cohesive stand on their own evidence: a form's score is
        # scaled down by its cohesion already, and they are kept only if the best of them
        # scores high all the same (结构住房: common words, but in 21 articles, several
        # times in each, now and then between quotation marks).
        def alone(group: list[tuple[int, int]]) -> bool:
            best = max(group, key=lambda form: score[row[form]])
            if score[row[best]] < MIN_SCORE:
                return False
            return located.on_words(*best, samples=5) and located.is_phrase(*best)

        groups = [[f for f in g if f in cohesive or located.on_words(*f, samples=1)]
                  for g in groups if any(form in cohesive for form in g) or alone(g)]
        groups = [sorted(g, key=lambda f: (f not in cohesive, -int(levels[f[0]].documents[f[1]])))
                  for g in groups]
        groups = word_variants(groups, located, cohesive,
                               lambda head, form: (co_use.used_together(grams, rank, head, form)
                                                   or related(head, form)
                                                   or kept_words(head, form)))
        if dated:
            groups = earlier_forms_apart(
                groups, cohesive,
                lambda form: int(rank[grams.doc_of[levels[form[0]].occurrences(form[1])]].min()),
                lambda head, form: (score[row[form]] >= MIN_SCORE
                                    or levels[form[0]].documents[form[1]]
                                    >= levels[head[0]].documents[head[1]]
                                    or co_use.together(grams, rank, head, form)
                                    or kept_words(head, form)),
                # A kindred word (两岸事务性商谈, 会谈): the same phrase written two
                # ways, whichever came first.
                related)
    else:
        groups = [sorted(g, key=lambda f: -int(levels[f[0]].documents[f[1]])) for g in groups]

    def one_apart(member: tuple[int, int], form: tuple[int, int]) -> bool:
        if cjk:
            return one_word_apart(located.at_whole(*member), located.at_whole(*form),
                                  any_end=True)
        head, other = scorer.words(*member), scorer.words(*form)
        place = one_place(head, other, unit)
        return place is not None and not (scorer.no_content[head[place]]
                                          or scorer.no_content[other[place]]
                                          or named_apart(member, form))

    groups = used_with_groups(groups, one_apart, lambda form: np.unique(
        grams.doc_of[levels[form[0]].occurrences(form[1])]), len(streams))
    # Many forms differing in one place are a template with a slot ("said Mrs", "cried
    # Mr", "said Elinor"; datelines), not one formulation: its best form stands alone.
    groups = [g if len(g) <= MAX_VARIANTS + 1 else g[:1] for g in groups]
    if language == "en":
        # One Chinese formulation translated a compound and a character at a time
        # ("network power", "strong network country"): see `translations`.
        groups = join_translated(groups, content_at_first_use(grams, texts, streams,
                                                              scorer.no_content))
    # A group is judged as one formulation: all its forms' documents and its first date.
    position = row
    def judge(whole: list[tuple[int, int]]) -> float:
        # Forms kept only as variants (see above: lifted by their edges alone, or not
        # cohesive) do not add to the evidence, unless none stands otherwise.
        group = [f for f in whole if standing[position[f]]] or whole
        group = ([f for f in group if f in cohesive] or group) if cjk else group
        at = [grams.levels[n].occurrences(i) for n, i in group]
        docs = np.unique(np.concatenate([grams.doc_of[a] for a in at]))
        best = max(strength[position[form]] for form in group)
        starts = np.concatenate(at)
        lengths = np.concatenate([np.full(len(a), n) for a, (n, _) in
                                  zip(at, group, strict=True)])
        set_in = evidence.unit_bits(edges, starts, lengths, against_only=cjk)
        quoted = evidence.cited_bits(edges, starts, lengths)
        start = evidence.onset(rank[docs].min(), len(docs), len(dates)) if dated else 0.0
        count = sum(int(levels[n].count[i]) for n, i in group)
        repeats = evidence.repeat_bits(np.array([count]), np.array([len(docs)]),
                                       len(streams))
        return float(evidence.score(np.array([len(docs)]), np.array([best]),
                                    np.array([start]), len(streams), repeats,
                                    np.array([spread.of_documents(docs)]),
                                    np.array([set_in]), np.array([quoted]))[0])

    groups = [group for group in groups if any(standing[row[form]] for form in group)]
    scores = [judge(group) for group in groups]
    ranked = sorted(range(len(groups)), key=lambda g: -scores[g])
    return RankedGroups(grams, scorer, [groups[g] for g in ranked], [scores[g] for g in ranked],
                        stops, blocked, judge, located if cjk else None, names)


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
    use of it comes with the function word."""
    grams = scorer.grams
    listed = set(zip(table.n.tolist(), table.index.tolist(), strict=True))
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
    # and whose rest is such a gram, are segmented to see whether it is a word there.
    maybe = _held_inside(grams, table, [
        (r, lead, int(table.n[r]) - lead - tail) for r in rows.tolist()
        for lead, tail in located.function_word_ends(int(table.n[r]), int(table.first[r]))])
    replaced = np.zeros(len(table), dtype=bool)
    added: dict[int, list[int]] = {}
    variety: dict[tuple[int, int], float] = {}
    for r in maybe:
        n, first = int(table.n[r]), int(table.first[r])
        seen = located.at(n, first)
        words = seen.without_function_ends()
        if words is None or words == (seen.start, seen.end):
            continue
        lead = int(np.searchsorted(located.starts[first:first + n], words[0]))
        length = int(np.searchsorted(located.ends[first:first + n], words[1],
                                     side="right")) - lead
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


def _held_inside(grams: RecurringGrams, table: Candidates,
                 pieces: list[tuple[int, int, int]]) -> list[int]:
    """The candidates (rows) of `pieces` (row, tokens from its start, length) whose piece
    recurs with (nearly) all of its uses inside the candidate: the test of
    `_cut_to_whole_words` that needs no segmenting."""
    found: set[int] = set()
    for length in {piece[2] for piece in pieces if piece[2] >= 2}:
        level = grams.levels.get(length)
        if level is None:
            continue
        rows = np.array([r for r, _, m in pieces if m == length], dtype=np.int64)
        leads = np.array([lead for _, lead, m in pieces if m == length], dtype=np.int64)
        index = level.gram_at(table.first[rows] + leads)
        held = (index >= 0) & (table.count[rows] * 10
                               >= level.count[np.maximum(index, 0)] * 9)
        found.update(rows[held].tolist())
    return sorted(found)


def _formulation(forms: list[tuple[int, np.ndarray]], grams: RecurringGrams,
                 texts: Sequence[str], starts: np.ndarray, ends: np.ndarray,
                 dates: Sequence[str]) -> Formulation:
    """One formulation from its forms, (length in tokens, start positions) each, the main
    form first."""
    phrases = []
    spans_by_doc: dict[int, list[Span]] = {}
    for n, where in forms:
        docs = grams.doc_of[where]
        phrases.append(_shown(texts[int(docs[0])], int(starts[where[0]]),
                              int(ends[where[0] + n - 1])))
        for d, s, e in zip(docs.tolist(), starts[where].tolist(),
                           ends[where + n - 1].tolist(), strict=True):
            spans_by_doc.setdefault(d, []).append((s, e))
    occurrences = tuple((d, tuple(sorted(set(spans)))) for d, spans in sorted(spans_by_doc.items()))
    first = min(spans_by_doc, key=lambda d: (dates[d] or "\uffff", d))
    per_month: dict[str, int] = {}
    for d, spans in occurrences:
        month = dates[d][:7]
        if len(month) == 7:
            per_month[month] = per_month.get(month, 0) + len(spans)
    return Formulation(phrase=phrases[0], variants=tuple(dict.fromkeys(phrases[1:])),
                       documents=len(occurrences), count=sum(len(s) for _, s in occurrences),
                       first=first, per_month=dict(sorted(per_month.items())),
                       occurrences=occurrences)


def _shown(text: str, start: int, end: int) -> str:
    """A phrase as written at one occurrence, its white space made single spaces."""
    return " ".join(text[start:end].split())
