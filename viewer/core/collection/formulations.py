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
(`rare_forms`); such forms, when they recur and keep the formulation's words, also bring
a group near the gate to it. Each comes with its document frequency, total count, first
appearance by date, counts per month and every occurrence.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, cast

import numpy as np

from viewer.core.collection import co_use, evidence
from viewer.core.collection.bridges import bridged
from viewer.core.collection.candidate_scores import CITED_UNIT, CJK, score_candidates
from viewer.core.collection.edges import EdgeEvidence
from viewer.core.collection.evidence import MIN_SCORE
from viewer.core.collection.form_shapes import (
    CJK_CHARS_PER_WORD,
    MAX_VARIANTS,
    added_inside,
    one_place,
    swapped_at_end,
    swapped_inside,
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
from viewer.core.collection.rare_forms import (
    add_rare_chinese_variants,
    add_rare_word_variants,
    overlapping,
)
from viewer.core.collection.time_order import earliest
from viewer.core.model import Span
from viewer.core.phrase_scorer import PhraseScorer
from viewer.core.phrases import RecurringGrams
from viewer.core.tokenize import TokenStream, Vocabulary, as_written
from viewer.core.translations import content_at_first_use, join_translated
from viewer.core.variants import group_variants
from viewer.core.word_bounds import (
    PhraseLocator,
    one_word_apart,
    related_change,
    word_change,
)

#: Documents a formulation recurs in, at the least.
MIN_DOCUMENTS = co_use.RECURRING_DOCUMENTS
#: The version of what this module finds (2: a lone content word keeps the function words
#: leading it, repeats chance explains are no evidence, recurring rare variants bring a
#: group near the gate to it; 3: an earlier formulation joins a later one only where the
#: two share documents beyond chance, rare variants are searched with "an" read as "a",
#: a likeness of the form the best one varies joins it, and spread across series
#: counts only where the series write differently; 4: in Chinese, a function word at an
#: end may give way to a content word in a variant; 5: in Chinese, an older kindred form
#: as widely used joins a listed formulation; 6: in Chinese, a kindred word changed at an
#: end joins beyond chance when its form recurs on its own, and full-width letters are
#: read as words the way half-width ones are; 7: a form used in two documents, one of
#: them using it again, is a candidate, and a formulation recurs in `MIN_DOCUMENTS`
#: documents with all its forms; 8: in Chinese, a rare form swapping a word of a group
#: near the gate for a kindred one lifts it as one keeping more of its words does; 9: a
#: rare form varying two formulations is counted in the one ranked first only; 10: in
#: Chinese, a rare form swapping a kindred word (at an end keeping a single word, only in
#: the formulation's articles) joins when set in as a unit; 11: two forms sharing no
#: content word are never variants, a conjunction carries no lone word into a phrase, a
#: form is shown as most of its uses write it, a group keeps the form that vouched for
#: it, a long stretch's contexts are also weighed over a few uses, and in Chinese a
#: function word before a phrase used mostly without it is its context; 12: the words two
#: forms keep at an end may be used a time or two beyond them; 13: a long stretch set
#: inside sentences weighs double; 14: and one cited between quotation marks is no
#: sentence of its own; 15: a longer one weighs more in proportion to its length; 16: a
#: rare form keeping two words of each of two formulations joins them, `bridges`; 17:
#: a rare form sharing no content unit with its formulation's main form leaves it; 18:
#: so does a Chinese one cited whole keeping a single word of its form; 19: also where
#: the segmenter reads no one word changed; 20: a form keeping nothing of its group's
#: most used form stands on its own; 21: a rare likeness bringing a name where its form
#: has a word written small is another phrase; 22: a Chinese rare likeness beginning or
#: ending inside a word where it is written joins no formulation; 23: an English one
#: keeping only a number of its form is another phrase; 24: a collection of fewer than
#: `few_articles.FEW_ARTICLES` articles also lists the set phrases the two-text slogan
#: finder reads in them; 25: an article that uses a formulation outside passages of 15
#: words or more it shares is a writing of its own, `results.not_copies`, which the stored
#: formulations have been through; 26: the articles of each language are read on their
#: own, `readings`; 27: a collection small enough to read two by two is read so however
#: many its articles, a sentence written whole in half its uses is no formulation there,
#: and forms that are variants of one another join; 28: a Chinese likeness swapping the
#: first word of a formulation whose other words are written nowhere else joins it,
#: `kept_words.swap_keeps_own_words`, and a form two groups read two by two hold is
#: listed once; 29: no English phrase ends on an adjective that modifies what follows
#: (`english_lexicon`), and forms read two by two whose words have one base form join;
#: 30: of the articles of the earliest date, the first appearance is the one of the lowest
#: id, as a cluster's source is (`time_order`), not the one stored first); 31: a Chinese
#: form with a letter swapped at an end joins the formulation whose forms it is used
#: beside beyond doubt (`form_shapes.swapped_at_end`); 32: an older Chinese form that
#: recurs and is cited whole joins as the formulation's older form
#: (`rare_forms.add_rare_chinese_variants`); 33: a group further below the gate is
#: weighed with likenesses that recur on their own (`RECURRING_LIFT_SHARE`): a collection
#: store whose formulations another version found finds them afresh when next brought up
#: to date.
FINDER_VERSION = 33
#: Share of the score a formulation needs (`MIN_SCORE`) that a group must reach on its
#: recurring forms for its rare forms to be weighed with it (see `_recurring_likenesses`):
#: further below, a phrase of the language with a likeness or two met by chance would
#: pass (中国科学院, at 92 of the 140, with 中国科学学 in two articles).
RARE_LIFT_SHARE = 0.7
#: The share from which a group is weighed with likenesses that recur on their own, each in
#: as many documents as a formulation needs (`MIN_DOCUMENTS`) and no more than the group
#: (`_recurring_on_their_own`): chance does not write one phrase's likeness into three
#: articles ("Sheldon says the financial situation", 76 of the 140 in four articles,
#: "... the great financial situation" in three more).
RECURRING_LIFT_SHARE = 0.5
#: Words the main form of such a group has at the least (`_recurring_on_their_own`).
LIFTED_WORDS = 3


@dataclass(frozen=True)
class Formulation:
    """A set phrase of the collection, with its variants counted together."""

    phrase: str
    variants: tuple[str, ...]
    documents: int
    count: int
    #: Index of the document where it first appears (`time_order.earliest`).
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
                      series: Sequence[str] | None = None,
                      ids: Sequence[str] | None = None) -> list[Formulation]:
    """The formulations of a collection, best first.

    `streams[i]` are the tokens of `texts[i]` (one `vocabulary` for all), `dates[i]` its
    ISO date ("" if unknown), `excluded[i]` character spans of it to ignore (boilerplate),
    `series[i]` its series (outlet) and `ids[i]` its id, when known (the id breaks a tie
    of dates for the first appearance, `time_order`)."""
    ranked = rank_groups(texts, streams, vocabulary, dates, excluded, language,
                         min_documents=min_documents, max_words=max_words, series=series)
    if ranked is None:
        return []
    grams = ranked.grams
    ranked_groups = list(zip(ranked.groups[:limit], ranked.scores, strict=False))
    listed = [(group, score) for group, score in ranked_groups if score >= MIN_SCORE]
    # A form may be a candidate in fewer documents than a formulation has
    # (`candidate_scores.FORM_DOCUMENTS`): the formulation, all its forms together, has
    # as many.
    def recurs(uses: list[tuple[int, np.ndarray]]) -> bool:
        return bool(uses) and len(np.unique(np.concatenate(
            [grams.doc_of[at] for _, at in uses]))) >= min_documents

    def rare_flags(group: list[tuple[int, int]], uses: list[tuple[int, np.ndarray]]
                   ) -> list[bool]:
        # Which of a group's forms were found as rare forms, not among its candidates.
        recurring = _first_uses(grams, group)
        return [(n, int(at[0])) not in recurring for n, at in uses]

    found = [(score, uses, rare_flags(group, uses)) for (group, score), uses in
             zip(listed, _with_rare_forms([g for g, _ in listed], ranked, dates, language,
                                          older=True), strict=True) if recurs(uses)]
    # A group near the gate on its recurring forms is weighed with its rare forms too,
    # unless it is a form or a piece of a formulation listed already.
    taken = [form for _, uses, _ in found for form in uses]
    strong = variant_shape(language in CJK)["strong"]
    near = [(group, score) for group, score in ranked_groups
            if MIN_SCORE * RECURRING_LIFT_SHARE <= score < MIN_SCORE
            and not any(overlapping(n, grams.levels[n].occurrences(i), taken).any()
                        for n, i in group)]
    for (group, own), uses in zip(near, _with_rare_forms([g for g, _ in near], ranked, dates,
                                                         language, older=False), strict=True):
        rare = [(n, at) for n, at in _recurring_likenesses(group, uses, ranked, strong)
                if not overlapping(n, at, taken).any()]
        if own < MIN_SCORE * RARE_LIFT_SHARE:
            rare = _recurring_on_their_own(group, rare, ranked, min_documents)
        score = ranked.judge(group, rare) if uses and rare else 0.0
        if score >= MIN_SCORE and recurs(uses):
            found.append((score, uses, rare_flags(group, uses)))
    found.sort(key=lambda item: -item[0])
    unit, no_content = ranked.scorer.word_unit, ranked.scorer.no_content
    located = ranked.located
    joined = bridged([(uses, flags) for _, uses, flags in found],
                     lambda n, at: _words_at(grams, unit, n, at), grams.doc_of,
                     lambda word: not no_content[word], variant_shape(language in CJK),
                     None if located is None else lambda one, other: one_word_apart(
                         located.at(one[0], int(one[1][0])),
                         located.at(other[0], int(other[1][0])), any_end=True))
    starts, ends = ranked.offsets
    return [_formulation(uses, grams, texts, starts, ends, dates, ids)
            for uses in _each_form_once(joined, grams) if recurs(uses)]


def _with_rare_forms(listed: list[list[tuple[int, int]]], ranked: RankedGroups,
                     dates: Sequence[str], language: str, *,
                     older: bool) -> list[list[tuple[int, np.ndarray]]]:
    """The forms of each group of `listed` (length, start positions), with the variants
    used too seldom to recur on their own that join the formulation they vary. With
    `older`, the groups are formulations on their own evidence, and a Chinese form older
    and as widely used may join them (see `add_rare_chinese_variants`); a group near the
    gate that has one is likelier a variant of a phrase of the language (采取有效措施,
    beside 采取有力措施) than a formulation it would lift."""
    grams = ranked.grams
    forms = [[(n, grams.levels[n].occurrences(i)) for n, i in group] for group in listed]
    if language in CJK:
        add_rare_chinese_variants(forms, listed, ranked, dates, older=older)
    else:
        add_rare_word_variants(forms, listed, ranked, dates)
    # A rare form varies one form of its group, maybe a variant, and may keep only what
    # the variant brought (形象工程 of 希望工程, a variant of 希望小学): sharing no content
    # unit with the formulation's main form, it is another phrase, as two candidate forms
    # sharing none are (`viewer.core.variants.group_variants`). It goes once the group
    # is whole: as a likeness it still counts toward a template's slot.
    unit, no_content = ranked.scorer.word_unit, ranked.scorer.no_content
    for group, recurring in zip(forms, listed, strict=True):
        if not group:
            continue
        head = _words_at(grams, unit, *group[0])
        own = _first_uses(grams, recurring)
        group[:] = [(n, at) for n, at in group if (n, int(at[0])) in own
                    or _share_content(head, _words_at(grams, unit, n, at), no_content)]
    return forms


def _first_uses(grams: RecurringGrams, group: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """(length, first position) of each form of `group` (as grams): how its recurring
    forms are told among forms given by their uses."""
    return {(n, int(grams.levels[n].first[i])) for n, i in group}


def _words_at(grams: RecurringGrams, unit: np.ndarray, n: int,
              at: np.ndarray) -> tuple[int, ...]:
    """The words (as `unit` compares them) of a form of `n` tokens used from `at[0]`."""
    return tuple(unit[grams.ids[int(at[0]):int(at[0]) + n]].tolist())


def _share_content(one: Sequence[int], other: Sequence[int], no_content: np.ndarray) -> bool:
    """Whether two forms (word ids) have a content unit in common."""
    return not no_content[list(set(one) & set(other))].all()


def _each_form_once(forms: list[list[tuple[int, np.ndarray]]],
                    grams: RecurringGrams) -> list[list[tuple[int, np.ndarray]]]:
    """The forms of each formulation (length, start positions), best first, less the
    rare forms that one ranked above has already, or that it holds twice (two joined by
    a `bridges` link may have found one alike): a rare form may vary two of them
    ("curiosity and harvest" of "curiosity and perplexity" and of "courage and
    harvest"), and a use is counted in one formulation only. Recurring forms are in one
    group each already (`rank_groups`), so each keeps its main form."""
    seen: set[tuple[int, ...]] = set()
    out = []
    for group in forms:
        kept = []
        for n, at in group:
            key = tuple(grams.ids[int(at[0]):int(at[0]) + n].tolist())
            if key not in seen:
                kept.append((n, at))
                seen.add(key)
        out.append(kept)
    return out


def _recurring_on_their_own(group: list[tuple[int, int]], rare: list[tuple[int, np.ndarray]],
                             ranked: RankedGroups, min_documents: int
                             ) -> list[tuple[int, np.ndarray]]:
    """The likenesses of `rare` that recur on their own, in `min_documents` documents or
    more, as a variant does: in no more documents than `group`'s own forms, and putting a
    word inside its main form (`added_inside`) of `LIFTED_WORDS` words or more. One used
    more widely than the formulation it would vary, and never a candidate itself, is a
    phrase of the language (对外开放水平, in 25 articles, of 对外交流水平 in four); one
    swapping a word may name another thing (交通部部长 of 中联部部长: a title's slot); and
    a word put inside two ("US Vice-President" of "US President") makes another title or
    name, which recur as such."""
    grams, scorer = ranked.grams, ranked.scorer
    unit = scorer.word_unit
    head = tuple(unit[list(scorer.words(*group[0]))].tolist())
    cjk = ranked.located is not None
    if len(head) < (math.ceil(LIFTED_WORDS * CJK_CHARS_PER_WORD) if cjk else LIFTED_WORDS):
        return []
    own = len(np.unique(np.concatenate([grams.doc_of[grams.levels[n].occurrences(i)]
                                        for n, i in group])))

    def adds_inside(n: int, at: np.ndarray) -> bool:
        likeness = tuple(unit[grams.ids[int(at[0]):int(at[0]) + n]].tolist())
        return len(likeness) > len(head) and added_inside(head, likeness)

    return [(n, at) for n, at in rare
            if min_documents <= len(np.unique(grams.doc_of[at])) <= own and adds_inside(n, at)]


def _recurring_likenesses(group: list[tuple[int, int]], uses: list[tuple[int, np.ndarray]],
                          ranked: RankedGroups, strong: int) -> list[tuple[int, np.ndarray]]:
    """The rare forms that joined `group` (its forms as grams; `uses`, every form's length
    and start positions) that are evidence of it: used in `co_use.RARE_DOCUMENTS`
    documents or more, and keeping `strong` of its main form's content tokens or more, as
    a strong variant does ("historic cooperation science" of "historic cooperation
    information"), or, in Chinese, swapping one of its words for a kindred one (吸烟的原子
    of 吸烟的日子: the same phrase written another way, as `rank_groups` holds two such
    forms to be). One used once, or keeping fewer with another word ("every man" of
    "every one", "forty days" of "seven days": one word each), may be any phrase met by
    chance."""
    grams, scorer = ranked.grams, ranked.scorer
    recurring = _first_uses(grams, group)
    content = ~scorer.no_content
    head = Counter(w for w in scorer.words(*group[0]) if content[w])
    located = ranked.located
    out = []
    for n, at in uses:
        if (n, int(at[0])) in recurring:
            continue
        if len(np.unique(grams.doc_of[at])) < co_use.RARE_DOCUMENTS:
            continue
        words = Counter(int(w) for w in grams.ids[int(at[0]):int(at[0]) + n] if content[w])
        if sum((words & head).values()) >= strong or (located is not None and related_change(
                located.at_whole(*group[0]), located.at(n, int(at[0])), any_end=True)):
            out.append((n, at))
    return out


class Judge(Protocol):
    """The score of a group of forms (as (length, level index) of the collection's grams),
    with the uses of `rare` forms (length, start positions) weighed beside them."""

    def __call__(self, whole: list[tuple[int, int]],
                 rare: Sequence[tuple[int, np.ndarray]] = ()) -> float: ...


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
    #: The start and end offsets of the tokens `grams` lays end to end.
    offsets: tuple[np.ndarray, np.ndarray]
    #: The score of a group of forms, with the uses of rare forms (length, start
    #: positions) weighed beside them.
    judge: Judge
    #: The word bounds of the candidates (CJK), with what they have segmented so far;
    #: None for languages written in words.
    located: PhraseLocator | None
    #: Which words of the candidates are names (None for CJK, which has no capitals).
    names: NameSlots | None
    #: The collection's edges: what stands around a phrase, quotation marks among it.
    edges: EdgeEvidence


def rank_groups(texts: Sequence[str], streams: Sequence[TokenStream], vocabulary: Vocabulary,
                dates: Sequence[str], excluded: Sequence[Sequence[Span]], language: str, *,
                min_documents: int, max_words: int,
                series: Sequence[str] | None = None) -> RankedGroups | None:
    """Every candidate formulation with its variants, scored, best first (None when the
    collection has no two words)."""
    candidates = score_candidates(texts, streams, vocabulary, dates, excluded, language,
                                  min_documents=min_documents, max_words=max_words,
                                  series=series)
    if candidates is None:
        return None
    cjk = language in CJK
    grams, scorer, score, row, cited = (candidates.grams, candidates.scorer, candidates.score,
                                        candidates.row, candidates.cited)
    forms, cohesive, rank, dated = (candidates.forms, candidates.cohesive, candidates.rank,
                                    candidates.dated)
    # Read only where the tokens are characters (`cjk`).
    located = cast(PhraseLocator, candidates.located)
    strength, standing, edges, spread = (candidates.strength, candidates.standing,
                                         candidates.edges, candidates.spread)

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
        # Two popular forms meet in many articles by chance while both are in use: less
        # than twice that is no sign there ("medieval rediscovery", "medieval mission":
        # 12 where 6.2 were expected), but over the whole collection far beyond doubt
        # (3.6 expected) it is one phrase written two ways (`used_together`).
        # Forms are ranked by their evidence, not by age: the variant may rank above
        # the form it varies (性能问题, 能力问题; "environment unity", used more than
        # "environment efficiency"). That earlier form is then a formulation by its own
        # evidence; a phrase of the language met before the formulation and once beside
        # it by chance (扫除青壮年文盲 of 扫除剩余文盲) is not, and would give the
        # formulation its first appearance. Nor is one met beside it no more often than
        # chance allows ("six confidences" and "six nations", one article together where
        # 0.24 were expected: a lift, but one time in five by chance): two formulations,
        # each listed on its own, are one only when their writers show it.
        return (co_use.together(grams, rank, head, form)
                or co_use.used_together(grams, rank, head, form)
                or (co_use.together(grams, rank, form, head)
                    and score[row[form]] >= MIN_SCORE
                    and co_use.beyond_chance(grams, rank, head, form)))

    unit = scorer.word_unit
    listed = ListedEdges(grams, forms)

    levels = grams.levels

    def most_used_first(group: list[tuple[int, int]]) -> list[tuple[int, int]]:
        return sorted(group, key=lambda f: -int(levels[f[0]].documents[f[1]]))

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

    def documents(form: tuple[int, int]) -> np.ndarray:
        return np.unique(grams.doc_of[levels[form[0]].occurrences(form[1])])

    # Content units two forms keep alike at the least to be one phrase written two ways.
    strong = variant_shape(cjk)["strong"]

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
        def alone(group: list[tuple[int, int]]) -> tuple[int, int] | None:
            # The form the group stands on, if it does.
            best = max(group, key=lambda form: score[row[form]])
            if score[row[best]] < MIN_SCORE:
                return None
            return best if located.on_words(*best, samples=5) and located.is_phrase(*best) \
                else None

        standing_groups = []
        for group in groups:
            held = any(form in cohesive for form in group)
            best = None if held else alone(group)
            if held or best is not None:
                # The form that vouched for its group stays, even where its first use is
                # read off words (结构 | 住 | 房间): most of its uses were read on them.
                standing_groups.append([f for f in group if f in cohesive or f == best
                                        or located.on_words(*f, samples=1)])
        groups = standing_groups
        groups = [sorted(g, key=lambda f: (f not in cohesive, -int(levels[f[0]].documents[f[1]])))
                  for g in groups]

        groups = word_variants(groups, located, cohesive,
                               lambda head, form: (co_use.used_together(grams, rank, head, form)
                                                   or related(head, form)
                                                   or kept_words(head, form)),
                               # A letter or two swapped inside, the forms used beside
                               # each other beyond chance, whichever came first; at an
                               # end, beyond doubt (see `one_apart` below).
                               lambda head, form: (
                                   swapped_inside(words_of(head), words_of(form))
                                   and (co_use.together(grams, rank, head, form)
                                        or co_use.together(grams, rank, form, head))
                                   or swapped_at_end(words_of(head), words_of(form), strong)
                                   and co_use.surely_together(documents(head),
                                                              documents(form),
                                                              len(streams))))
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
        groups = [most_used_first(g) for g in groups]

    def keeps(best: tuple[int, int], form: tuple[int, int]) -> bool:
        # Whether `form` keeps a content unit of a group's `best` form.
        return _share_content(words_of(best), words_of(form), scorer.no_content)

    # Variants of variants join (`group_variants`), and a form two changes from the group's
    # most used one may keep nothing of it ("thine enemies", of "mine enemies", of "mine
    # eyes"): another phrase, which stands on its own.
    groups = [part for group in groups
              for part in ([group[0], *(f for f in group[1:] if keeps(group[0], f))],
                           *([f] for f in group[1:] if not keeps(group[0], f)))]

    def one_apart(member: tuple[int, int], form: tuple[int, int]) -> bool:
        if cjk:
            # A letter or two swapped at an end cuts a word in one of the forms, as a
            # stray letter beside a phrase does: the two are one formulation only where
            # the writers use them together beyond doubt, as `used_with_groups` asks.
            return (one_word_apart(located.at_whole(*member), located.at_whole(*form),
                                   any_end=True)
                    or swapped_at_end(words_of(member), words_of(form), strong))
        head, other = scorer.words(*member), scorer.words(*form)
        place = one_place(head, other, unit)
        return place is not None and not (scorer.no_content[head[place]]
                                          or scorer.no_content[other[place]]
                                          or named_apart(member, form))

    groups = used_with_groups(groups, one_apart, documents, len(streams), keeps)
    # Many forms differing in one place are a template with a slot ("said Mrs", "cried
    # Mr", "said Elinor"; datelines), not one formulation: its best form stands alone.
    groups = [g if len(g) <= MAX_VARIANTS + 1 else g[:1] for g in groups]
    if language == "en":
        # One Chinese formulation translated a compound and a character at a time
        # ("network power", "strong network country"): see `translations`.
        groups = join_translated(groups, content_at_first_use(grams, texts, streams,
                                                              scorer.no_content))
        # Joined, the group is led by its most used form, as any English group is (above),
        # whichever of the two translations scored higher on its own.
        groups = [most_used_first(g) for g in groups]
    # A group is judged as one formulation: all its forms' documents and its first date.
    position = row
    def judge(whole: list[tuple[int, int]],
              rare: Sequence[tuple[int, np.ndarray]] = ()) -> float:
        # Forms kept only as variants (see above: lifted by their edges alone, or not
        # cohesive) do not add to the evidence, unless none stands otherwise. The uses of
        # `rare` forms count among the group's (documents, count, edges), not their words.
        group = [f for f in whole if standing[position[f]]] or whole
        group = ([f for f in group if f in cohesive] or group) if cjk else group
        uses = [(n, grams.levels[n].occurrences(i)) for n, i in group] + list(rare)
        at = [a for _, a in uses]
        docs = np.unique(np.concatenate([grams.doc_of[a] for a in at]))
        best = max(strength[position[form]] for form in group)
        starts = np.concatenate(at)
        lengths = np.concatenate([np.full(len(a), n) for n, a in uses])
        set_in = evidence.unit_bits(edges, starts, lengths, against_only=cjk)
        quoted = evidence.cited_bits(edges, starts, lengths)
        start = evidence.onset(rank[docs].min(), len(docs), len(dates)) if dated else 0.0
        count = len(starts)
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
                        candidates.stops, candidates.blocked, candidates.offsets, judge,
                        candidates.located, names, edges)




def _formulation(forms: list[tuple[int, np.ndarray]], grams: RecurringGrams,
                 texts: Sequence[str], starts: np.ndarray, ends: np.ndarray,
                 dates: Sequence[str], ids: Sequence[str] | None) -> Formulation:
    """One formulation from its forms, (length in tokens, start positions) each, the main
    form first. Each form is shown as most of its uses write it (the first of them on a
    tie): its tokens are read through case, possessives and Chinese script, and its first
    use may be the odd one ("nation's road" once, "nation road" in seven articles)."""
    phrases = []
    spans_by_doc: dict[int, list[Span]] = {}
    for n, where in forms:
        written: Counter[str] = Counter()
        for d, s, e in zip(grams.doc_of[where].tolist(), starts[where].tolist(),
                           ends[where + n - 1].tolist(), strict=True):
            spans_by_doc.setdefault(d, []).append((s, e))
            written[_shown(texts[d], s, e)] += 1
        phrases.append(max(written, key=written.__getitem__))
    return formulation_of(phrases[0], tuple(dict.fromkeys(phrases[1:])), spans_by_doc, dates,
                          ids)


def formulation_of(phrase: str, variants: tuple[str, ...],
                   spans_by_doc: Mapping[int, Sequence[Span]],
                   dates: Sequence[str], ids: Sequence[str] | None) -> Formulation:
    """A formulation from its uses, the spans of each document that uses it (not empty):
    documents and uses counted, the first appearance (the earliest document by date, then
    id, undated ones last: `time_order.earliest`; `ids` None: texts known by their index
    alone) and the uses per month of the dated documents."""
    occurrences = tuple((d, tuple(sorted(set(spans)))) for d, spans in sorted(spans_by_doc.items()))
    first = earliest(spans_by_doc, dates, ids)
    per_month: dict[str, int] = {}
    for d, spans in occurrences:
        month = dates[d][:7]
        if len(month) == 7:
            per_month[month] = per_month.get(month, 0) + len(spans)
    return Formulation(phrase=phrase, variants=variants,
                       documents=len(occurrences), count=sum(len(s) for _, s in occurrences),
                       first=first, per_month=dict(sorted(per_month.items())),
                       occurrences=occurrences)


def _shown(text: str, start: int, end: int) -> str:
    """A phrase as written at one occurrence, on one line (`as_written`)."""
    return as_written(text[start:end])
