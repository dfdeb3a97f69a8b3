"""Rare forms: variants of listed formulations used too seldom to recur on their own.

A formulation found on its own evidence may have forms written in one or two documents
(a word swapped or added, a word left out). They are searched for in the collection's
tokens (`viewer.core.variants.rare_variants`) and join their formulation on what the
collection says of them: when they are first used, the documents they share with it,
whether they are cited whole between quotation marks, and whether many of them fill one
place (a template's slot, then, not variants).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from viewer.core.collection import co_use, evidence
from viewer.core.collection.candidate_scores import CITED_UNIT
from viewer.core.collection.evidence import MIN_SCORE
from viewer.core.collection.form_shapes import (
    CJK_CHARS_PER_WORD,
    CJK_CHARS_PER_WORD_SHARED,
    MAX_VARIANTS,
    in_slot,
    one_place,
    variant_shape,
)
from viewer.core.collection.kept_words import (
    beside_beyond_kept,
    kept_part,
    shorter_keeps_own_words,
    swap_keeps_own_words,
)
from viewer.core.variants import Likeness, rare_variants
from viewer.core.word_bounds import (
    Segmented,
    kindred,
    one_word_apart,
    related_change,
    word_change,
)

if TYPE_CHECKING:
    from viewer.core.collection.formulations import RankedGroups
    from viewer.core.phrase_scorer import PhraseScorer

#: Edge evidence (bits, `evidence.unit_bits`) that sets a Chinese likeness used once into
#: its sentence as a unit (`_set_in_as_unit`): about what its two edges give when
#: neither is a pair used elsewhere in a collection of news (2 to 3 bits each).
SET_IN_BITS = 4.0


def add_rare_word_variants(forms: list[list[tuple[int, np.ndarray]]],
                            listed: list[list[tuple[int, int]]], ranked: RankedGroups,
                            dates: Sequence[str]) -> None:
    """Languages written in words: add to each group of `forms` ((length, start positions)
    per form; `listed` the same forms as grams) the variants of its forms too rare to
    recur on their own, each first found no earlier than the group's first appearance
    (its first article may hold both forms), unless it shares more than one content word
    with its form and is used in as many documents as the best form (the older form,
    then). One that varies a variant must be used in `RARE_DOCUMENTS` documents, as in
    Chinese, unless the variant was in use before the best form (which is then the
    variant).
    One sharing a single content word with its form joins only where it is used beside
    the formulation (`co_use.used_beside`) or cited whole (`_cited_whole`); many such in
    one place are a template's slot, and none join. One leaving a word of its
    form out must be used in `RARE_DOCUMENTS` documents and share documents with the
    formulation beyond chance (`co_use.recurs_beside`), as a shorter form must in
    Chinese, unless it keeps words of the formulation written nowhere else
    (`shorter_keeps_own_words`), whenever it is used. One keeping only a number of its
    form ("four consciousnesses" of "four months") counts toward a slot, and goes."""
    grams, scorer = ranked.grams, ranked.scorer
    # Words are read as their units ("an" as "a"): a word added after an article may
    # change it ("building an overall fair market" of "building a fair market").
    unit = scorer.word_unit
    words = [[tuple(unit[list(scorer.words(*form))].tolist()) for form in group]
             for group in listed]
    shape = variant_shape(False)
    # Sharing a single content word ("curiosity and perplexity", "curiosity and
    # country"), a likeness may as well be another phrase: it joins only where it is
    # used beside the formulation (see `co_use.together`).
    content = ~scorer.no_content
    found_for = _likenesses_by_group(words, lambda varied: rare_variants(
        unit[grams.ids], ranked.stops, ranked.blocked, content, varied,
        {w for ws in words for w in ws}, widest=shape["widest"], strong=1,
        kept=shape["kept"]))
    rank = co_use.date_ranks(dates)
    for g, group in enumerate(forms):
        # A rare likeness met before the formulation itself is not one of its forms; one
        # met in the formulation's first article is not met before it. A likeness in as
        # many documents as the formulation's main form is no rare one: it may be the
        # older form, the formulation its variant ("accelerating the common construction
        # of new civilization journey", 12 documents, below the gate for want of edge
        # evidence, of "the sound construction", 6; see `group_members.earlier_forms_apart`), unless
        # it shares a single content word with it ("every thing", older and wider than
        # "every day"): then it is likelier another phrase of the language.
        # Each recurring form's first use (date rank), the best form's first.
        firsts = [int(rank[grams.doc_of[at]].min()) for _, at in group]
        since = min(firsts)
        main_documents = len(np.unique(grams.doc_of[group[0][1]]))
        used_docs = np.unique(np.concatenate([grams.doc_of[at] for _, at in group]))
        used = set(used_docs.tolist())
        # A likeness met inside a use of a form is a piece of that form in its context
        # ("standard and important" of "standard and important homeland"), not a form.
        taken = {int(p) + k for n, at in group for p in at.tolist() for k in range(n)}
        slot = []  # weak likenesses joined
        # (length, first position) of the likenesses that are other phrases: they go last.
        others: set[tuple[int, int]] = set()
        shapes = [scorer.words(*form) for form in listed[g]]
        joined: set[tuple[int, ...]] = set()
        for k, form, at in _in_weighing_order(found_for[g], words[g]):
            # Content words shared, each once ("four four" of "four mechanisms" keeps one).
            loose = int(content[list(set(form) & set(words[g][k]))].sum()) < shape["strong"]
            at = np.array([p for p in at.tolist()
                           if not any(p + n in taken for n in range(len(form)))],
                          dtype=at.dtype)
            docs = np.unique(grams.doc_of[at])
            # A word of the formulation left out ("provisional government" of
            # "provisional city government"): most often a phrase of the language it
            # was built of, a variant only used beside it; unless it keeps words of
            # the formulation written nowhere else, whenever it is used (see the
            # Chinese forms below).
            shorter = len(form) < len(words[g][k])
            own = shorter_keeps_own_words(grams, words[g][k], form, at, group,
                                          content, shape["strong"], 1.0)
            if form not in joined and len(at) and (
                    own or rank[docs].min() >= since
                    or len(docs) >= main_documents and not loose) and (
                    not loose or _cited_whole(ranked, len(form), at)
                    or co_use.used_beside(used, set(docs.tolist()), rank)) and (
                    # A likeness of a variant rests on the variant's own evidence:
                    # it must recur ("accelerating the higher common construction",
                    # of "the common construction", of "the sound construction"),
                    # unless that form was in use before the group's best: the best,
                    # used in more articles, is then the variant, and the form the
                    # formulation it varies.
                    not k or len(docs) >= co_use.RARE_DOCUMENTS
                    or firsts[k] < firsts[0]) and (
                    not shorter or own
                    or co_use.recurs_beside(used_docs, docs, len(dates))):
                group.append((len(form), at))
                shapes.append(form)
                joined.add(form)
                taken.update(int(p) + n for p in at.tolist() for n in range(len(form)))
                if loose:
                    slot.append(len(group) - 1)
                if (_other_name(ranked, listed[g][k], words[g][k], form, at)
                        or _counts_other_things(scorer, words[g][k], form)):
                    others.add((len(form), int(at[0])))
        if len(group) > MAX_VARIANTS + 1 and slot:
            # Many weak likenesses are a slot of a template ("Miss Crawford's", "Miss
            # Bates", "Miss Elliot"), not variants.
            group[:] = [form for k, form in enumerate(group) if k not in slot]
            shapes[:] = [form for k, form in enumerate(shapes) if k not in slot]
        filling = in_slot(shapes, scorer.word_unit)
        if filling:
            # A template ("Mr Nelson said", "Mr Fawzi said", "Mr Gerber said"): the forms
            # filling its slot go, and what is left is judged again
            # (see `formulations.rank_groups`).
            group[:] = [form for k, form in enumerate(group) if k not in filling]
            if ranked.judge([f for k, f in enumerate(listed[g]) if k not in filling]) \
                    < MIN_SCORE:
                group.clear()
        # Another name in the place of one ("Mrs Clay", "Mrs Smith"), or other things
        # counted ("four consciousnesses" of "four months"), is another phrase; such
        # likenesses counted above all the same, as fillers of a template's slot.
        group[:] = [form for form in group if (form[0], int(form[1][0])) not in others]


def _counts_other_things(scorer: PhraseScorer, head: tuple[int, ...],
                         likeness: tuple[int, ...]) -> bool:
    """Whether the only content words a likeness (word ids) keeps of its form `head` are
    numbers ("four consciousnesses" of "four months", "two militias" of "two laws"): a
    number heads many set phrases ("four confidences", "two centenaries"), and the thing
    it counts is what makes each one."""
    kept = [w for w in set(head) & set(likeness) if not scorer.no_content[w]
            or scorer.is_number_word[w]]
    return bool(kept) and all(scorer.is_number_word[w] for w in kept)


def _built_on_one_word(varied: Segmented, seen: Segmented, change: tuple[str, str] | None,
                       letters: int, strong: int) -> bool:
    """Whether a Chinese likeness (`seen`, of so many `letters`) keeps a single word of its
    form (`varied`) and swaps the rest for letters of another stem (`change`, see
    `word_change`): fewer than `strong` letters kept. Where the segmenter reads no one
    word changed (a compound of its dictionary, 火炬计划 of 春蕾计划), the two are
    compared letter by letter: a single word's letters kept at the ends, and none shared
    by what differs."""
    if change is not None:
        return not kindred(change) and letters - len(change[1]) < strong
    one = varied.text[varied.start:varied.end]
    other = seen.text[seen.start:seen.end]
    lead = len(os.path.commonprefix([one, other]))
    tail = len(os.path.commonprefix([one[lead:][::-1], other[lead:][::-1]]))
    return (0 < lead + tail <= CJK_CHARS_PER_WORD_SHARED
            and not set(one[lead:len(one) - tail]) & set(other[lead:len(other) - tail]))


def _cited_whole(ranked: RankedGroups, length: int, at: np.ndarray) -> bool:
    """Whether a likeness (its length in tokens, the positions of its uses) is cited whole
    between quotation marks as chance cites hardly any stretch of text (`CITED_UNIT`).
    Its writers hold it for a set phrase: one word apart from a formulation, it is that
    formulation written another way, however seldom it is used and wherever its ends
    fall (香港的持续气派 of 香港的持续繁荣; "progress belt" of "progress
    sovereignty")."""
    return evidence.cited_bits(ranked.edges, at, np.full(len(at), length)) >= CITED_UNIT


def _set_in_as_unit(ranked: RankedGroups, length: int, at: np.ndarray) -> bool:
    """Whether a likeness (its `length` in tokens, the positions `at` of its uses) is set
    into its sentences as a unit (`SET_IN_BITS`). Swapping a kindred word of its form
    (共获得海洛因 of 共缴获海洛因), its writers wrote the formulation another way, if only
    once and far from it; a likeness met by chance in running text (多的学者 of 多的读者,
    in 更多的学者型人才) keeps its usual pairs at its edges. A swap at an end that keeps a
    single word of the form (空运救助 of 空运援救) asks more: any stretch cut on words
    looks set in at its ends (see `evidence.unit_bits`), and that word with another after
    it may well be another phrase."""
    return bool(_set_in_each(ranked, [(length, at)])[0])


def _set_in_each(ranked: RankedGroups, likenesses: list[tuple[int, np.ndarray]]
                 ) -> np.ndarray:
    """`_set_in_as_unit` of many likenesses ((length, positions) each) at once."""
    return evidence.unit_bits_each(ranked.edges, likenesses) >= SET_IN_BITS


def _other_name(ranked: RankedGroups, head: tuple[int, int], head_words: tuple[int, ...],
                likeness: tuple[int, ...], at: np.ndarray) -> bool:
    """Whether a likeness (its words, the positions of its uses) puts another name in the
    place of one of its form's (see `viewer.core.collection.names`), or a name where its
    form has a word written small ("Last Judgment" of "last night", "Pacific in
    alphabetical order" of "provinces in alphabetical order"): another phrase, either
    way. A capital opening a sentence tells nothing of the likeness's first word. (A word
    written small where the form has a name may be a variant: the form may be lifted
    from a sentence naming a place, "little intercourse with the Parsonage", and vary
    it, "… with the peace".)"""
    names = ranked.names
    if names is None or not len(at):
        return False
    place = one_place(head_words, likeness, ranked.scorer.word_unit)
    if place is None:
        return False
    told = at if place else at[(at > 0) & ~ranked.stops[np.maximum(at - 1, 0)]]
    if not len(told):
        return names.is_name(head, place) and names.capitalized(at, place)
    return names.capitalized(told, place)


def add_rare_chinese_variants(forms: list[list[tuple[int, np.ndarray]]],
                               listed: list[list[tuple[int, int]]], ranked: RankedGroups,
                               dates: Sequence[str], *, older: bool) -> None:
    """Add to each group of `forms` ((length, start positions) per form; `listed` the
    same forms as grams) the variants of it too rare to recur on their own, each first
    found no earlier than the group's first appearance: a likeness met before is one of
    its forms only when the two share documents beyond doubt (`co_use.used_beside`) and it
    changes a kindred word or keeps more than one word of its form, or (with `older`, for
    formulations listed on their own evidence) when it changes a kindred word and is used
    in as many documents as the formulation's main form, or recurs and is cited whole
    between quotation marks (`_cited_whole`): it is the older form. Cited whole
    between quotation marks (`_cited_whole`), a later likeness needs neither documents
    shared with the formulation nor a whole word apart (below): its writers hold it for
    a set phrase, and it is this one unless it keeps a single word of its form and swaps
    the other for one of another stem (`_built_on_one_word`). None that begins or ends
    inside a word where it is written joins (苏 | 维埃政权 of 维希政权). Set into its
    sentences as a unit, one swapping a kindred word needs no documents shared with it either
    (`_set_in_as_unit`; at an end keeping a single word, only where it is written in the
    formulation's articles).

    A rare variant may vary any form of its group (所有国有职业 varies
    所有国有企业, not the group's best form 所有私有企业) and must be one whole word
    apart from it (`one_word_apart`; at an end, leaving one word or bringing one of
    another stem only when `co_use.surely_together`, or when the words the two keep meet the
    formulation's documents with no other word as often, `beside_beyond_kept`, or, for a
    kindred word leaving one, when it is used beside the formulation, `co_use.used_beside`,
    or beyond chance when it recurs on its own, `co_use.recurs_beyond_chance`); one
    that varies a variant, or keeps a single content word of its form (应有的治疗,
    呼应的治疗), must be used in `RARE_DOCUMENTS` documents, and the latter must also
    share a morpheme with the
    word it replaces and be used beside the formulation, as `formulations.rank_groups` asks of two
    forms that share little: its own few documents are thin evidence. So must one
    shorter than its form (学校教育 of 学校有着传统教育: the shorter, the likelier a
    phrase of the language met by chance), unless it leaves a word out and keeps words of
    the formulation written nowhere else (`shorter_keeps_own_words`): then it is one of
    its forms whenever it is used. More rare forms than a formulation has
    variants fill a template's slot, and none joins; so do as many rare words in the
    place of one of its words, save a kindred one (unless that leaves more rare forms
    than a formulation has variants)."""
    grams, scorer = ranked.grams, ranked.scorer
    words = [[scorer.words(*form) for form in group] for group in listed]
    rank = co_use.date_ranks(dates)
    located = ranked.located
    assert located is not None, "rank_groups locates the words of CJK candidates"
    sources = _form_sources(words)  # `may_join` is told a form by its place in these
    docs_of = [np.unique(np.concatenate([grams.doc_of[at] for _, at in group]))
               for group in forms]
    main_documents = [len(np.unique(grams.doc_of[group[0][1]])) for group in forms]
    own_docs = list(docs_of)  # the recurring forms' documents (`docs_of` grows below)
    own_forms = [list(group) for group in forms]  # the recurring forms (`forms` grows)

    def may_join(likenesses: list[Likeness]) -> list[bool]:
        # Uses overlapping the formulation's are none of a form's (see below).
        uses = [at[~overlapping(len(form), at, forms[sources[source][0]])]
                for source, form, at in likenesses]
        set_in = _set_in_each(ranked, [(len(form), at) for (_, form, _), at
                                       in zip(likenesses, uses, strict=True)])
        return [joins(source, form, at, bool(unit)) for (source, form, _), at, unit
                in zip(likenesses, uses, set_in, strict=True)]

    def joins(source: int, form: tuple[int, ...], at: np.ndarray, set_in: bool) -> bool:
        g, k = sources[source]
        docs = np.unique(grams.doc_of[at])
        cited = _cited_whole(ranked, len(form), at)
        shared = cited or co_use.recurs_beside(docs_of[g], docs, len(dates))
        if not (shared or set_in):
            return False
        varied = located.at_whole(*listed[g][k])
        seen = located.at(len(form), int(at[0]))
        if not shared:
            return related_change(varied, seen, any_end=written_beside(g, docs))
        # Leaving one word (抢救国家, 营救国家) or bringing one of another stem (继续用于灾,
        # 继续用于岛) asks more: see `beside_at_end`.
        return cited or related_change(varied, seen) or beside_at_end(
            g, k, varied, word_change(varied, seen, any_end=True), (len(form), at))

    def written_beside(g: int, docs: np.ndarray) -> bool:
        # A kindred word swapped at an end keeping a single word of the form, set in as a
        # unit, counts where the likeness is written only in articles that use the
        # formulation (空运救助 beside 空运援救): there its writer varies the phrase;
        # elsewhere 空运 and what follows may as well be another one.
        return bool(np.isin(docs, own_docs[g]).all())

    def beside_at_end(g: int, k: int, varied: Segmented, change: tuple[str, str] | None,
                      likeness: tuple[int, np.ndarray]) -> bool:
        # A word changed at an end (`change`, what `varied` has and what the likeness has
        # in its place) may make another phrase in that context: the form joins where it
        # is used beside its formulation far beyond chance, or beyond what the words the
        # two keep bring with any other word (`beside_beyond_kept`). A kindred word
        # (海水文件 of 海关文件) says much the same: used beside the formulation beyond
        # doubt, as a likeness keeping a single word must be, it joins. Beyond doubt is
        # asked of a form of one or two documents, which meets a popular formulation by
        # chance; one that recurs on its own, in as many documents as a candidate
        # (说明人心 of 说明人们), is judged as two candidate forms are: beyond chance.
        # Words kept that the collection writes nowhere else say it too, however seldom
        # the likeness is used (`swap_keeps_own_words`): nowhere but in the recurring
        # forms, so that two rare likenesses are judged alike whichever comes first.
        if change is None:
            return False
        docs = np.unique(grams.doc_of[likeness[1]])
        if co_use.surely_together(docs_of[g], docs, len(dates)):
            return True
        if kindred(change):
            used, beside = set(docs_of[g].tolist()), set(docs.tolist())
            if (co_use.used_beside(used, beside, rank)
                    or co_use.recurs_beyond_chance(used, beside, rank)):
                return True
        part = kept_part(varied, change, listed[g][k][0])
        return part is not None and (
            beside_beyond_kept(grams, len(rank), listed[g][k], part, docs)
            or swap_keeps_own_words(grams, varied, part,
                                    int(grams.levels[listed[g][k][0]].first[listed[g][k][1]]),
                                    own_forms[g], likeness, content, shape["strong"]))

    shape = variant_shape(True)
    content = ~scorer.no_content
    found_for = _likenesses_by_group(words, lambda varied: rare_variants(
        grams.ids, ranked.stops, ranked.blocked, content, varied,
        {w for ws in words for w in ws}, **shape, may_join=may_join,
        # A variant may keep a single content word (checked by `may_join`), and the word
        # it brings is checked as a word (`one_word_apart`), not by its characters
        # (进一步, 用人).
        fewest=CJK_CHARS_PER_WORD_SHARED, brought_content=False))
    for g, group in enumerate(forms):
        since = min(int(rank[grams.doc_of[at]].min()) for _, at in group)
        recurring = len(group)
        taken: set[tuple[int, ...]] = set()
        # (form, word) -> the rare forms in its place: (index in the group, kindred)
        swapped: dict[tuple[int, str], list[tuple[int, bool]]] = {}
        # Likenesses that are other phrases (built on one word, or cut from other words).
        others: set[int] = set()
        for k, form, at in _in_weighing_order(found_for[g], words[g]):
            # A use overlapping a use of a form is that form in its context (比批评更容易
            # 切实 of 比批评更容易切实使人; 总统总统 of 现任总统总统和副总统), not a
            # variant written in its place.
            at = at[~overlapping(len(form), at, group)]
            if form in taken or not len(at):
                continue
            docs = np.unique(grams.doc_of[at])
            # Shorter than its form (a word left out, 学校教育 of 学校有着传统教育, or
            # swapped for a shorter one, 农村基层组织建设 of 农村基层干部队伍建设), a
            # likeness is likelier a phrase of the language met by chance: it must be
            # used in `RARE_DOCUMENTS` documents and share documents with the
            # formulation beyond chance, as one keeping a single word must
            # (`may_join`), unless it keeps words of the formulation written nowhere
            # else: then it is the formulation, whenever it is used (maybe the older
            # form).
            shorter = len(form) < len(words[g][k])
            own = shorter_keeps_own_words(grams, words[g][k], form, at, group,
                                          content, shape["strong"], CJK_CHARS_PER_WORD)
            early = rank[docs].min() < since and not own
            if ((k and len(docs) < co_use.RARE_DOCUMENTS)
                    or (shorter and not own
                        and not co_use.recurs_beside(docs_of[g], docs, len(dates)))):
                continue
            varied = located.at_whole(*listed[g][k])
            seen = located.at(len(form), int(at[0]))
            change = word_change(varied, seen, any_end=True)
            kin = kindred(change)
            # Met before the formulation, a likeness is one of its forms only where
            # its writers use the two together beyond doubt (事情要数角马 of 情景要数
            # 角马: four of its five articles use both), or where it is the older form:
            # a kindred word, in as many documents as the formulation's main form
            # (强大的凝聚力, 8 articles since 2020-03, of 强大的感召力, 4 since 2020-07,
            # cited whole between quotation marks), as in `add_rare_word_variants`; or
            # one fewer articles use, but which recurs and is cited whole between
            # quotation marks itself: a set phrase to its writers before the formulation
            # was (创作的花鼓戏精品, three articles from 2019-08, once between quotation
            # marks, of 创作的花鸟画精品, four from 2021-03).
            older_form = older and kin and (
                len(docs) >= main_documents[g]
                or len(docs) >= co_use.RECURRING_DOCUMENTS
                and _cited_whole(ranked, len(form), at))
            if early and not older_form and not co_use.used_beside(
                    set(docs_of[g].tolist()), set(docs.tolist()), rank):
                continue
            by_words = (one_word_apart(varied, seen)
                        or beside_at_end(g, k, varied, change, (len(form), at))
                        or kin and written_beside(g, docs)
                        and _set_in_as_unit(ranked, len(form), at))
            if not (by_words or _cited_whole(ranked, len(form), at)):
                continue
            # Cited whole, a likeness is a set phrase to its writers; keeping a single word
            # of the formulation and swapping the other for one of another stem (国家会议
            # of 国家计委, 减速计划 of 春蕾计划), it is likelier another set phrase built
            # on that word, as the language builds many. One beginning or ending inside a
            # word where it is written (以江泽民同志为核心的党和国 | 家的第三代, read one
            # word from …的党中央 the other way round by `word_change`; 苏 | 维埃政权 of
            # 维希政权) is a piece of other words, as no use of a formulation is. Either
            # still counts toward a template's slot (below), then goes: the words met in
            # that place are many all the same.
            another = (not by_words and _built_on_one_word(varied, seen, change, len(form),
                                                           shape["strong"])
                       or not seen.on_word_edges)
            if early and not kin and (
                    change is None or len(form) - len(change[1]) < shape["strong"]):
                # One keeping a single word of it (结算公司 of 证券公司) may be another
                # phrase met beside it, as a likeness is asked to be (`may_join`).
                continue
            if change is not None and change[0]:
                # A kindred word (活动号称全国 of 活动号召全国) is a variant wherever it
                # stands (`related_change`); the others are counted as fillers below.
                swapped.setdefault((k, change[0]), []).append((len(group), kin))
            if another:
                others.add(len(group))
            else:
                docs_of[g] = np.union1d(docs_of[g], grams.doc_of[at])
            group.append((len(form), at))
            taken.add(form)
        # As many rare words in the place of one word as a formulation has variants at
        # most (社会发展问题, 社会就业问题, 社会稳定问题 of 社会治安问题) fill a template's
        # slot. A kindred one counts among them, as a word in that place, but stays: it is
        # a variant wherever it stands. A slot says nothing of the formulation's other
        # words: a rare swap of one of them stays (企业党建分工 beside the slot of
        # 企业管理工作, 企业档案工作, 企业清洁工作 of 企业党建工作).
        in_slots = {(n, kin) for fillers in swapped.values() if len(fillers) >= MAX_VARIANTS
                    for n, kin in fillers}
        keep = [n for n in range(len(group)) if (n, False) not in in_slots]
        if len(keep) > MAX_VARIANTS + 1:
            # Too many left: the kindred words of a slot go too, one character alike being
            # common among a slot's fillers (中美两国, 中俄两国 in the place of 中日 in
            # 中日关系的发展, beside 中日关系的进展 and 中日关系的发售) ...
            keep = [n for n in keep if (n, True) not in in_slots]
        if len(keep) > MAX_VARIANTS + 1:
            # ... and rare forms beyond that, spread over its words (深化税收改革,
            # 深化金融体制改革 beside 深化农村改革): a template's; the variants that recur
            # on their own stay.
            keep = keep[:recurring]
        group[:] = [group[n] for n in keep if n not in others]


Likenesses = dict[tuple[int, ...], np.ndarray]


def _weighing_order(varied: tuple[int, ...]
                    ) -> Callable[[tuple[tuple[int, ...], np.ndarray]], tuple[bool, int, int]]:
    """The order in which the likenesses of a form (`varied`, its word ids) are weighed,
    as a sort key of (likeness, its positions): most used first; of two used alike, the
    longer (a form before its pieces); those shorter than the form last, so that the
    words they keep are checked against every form joined (`shorter_keeps_own_words`)."""
    return lambda item: (len(item[0]) < len(varied), -len(item[1]), -len(item[0]))


def _in_weighing_order(found: list[tuple[int, Likenesses]], forms: list[tuple[int, ...]],
                       ) -> list[tuple[int, tuple[int, ...], np.ndarray]]:
    """The likenesses of all the forms of one group ((form's index, its likenesses) each;
    `forms` their word ids) as (form's index, likeness, positions), in `_weighing_order`
    over the whole group: a likeness of one form may be a piece of a likeness of another
    (切实分为熊, 观测分为熊 with its first word swapped, inside 预测切实分为熊, 预测分为熊
    with a word added), and the longer, used alike, is weighed first."""
    items = [(k, form, at) for k, likenesses in found for form, at in likenesses.items()]
    return sorted(items, key=lambda item: (*_weighing_order(forms[item[0]])(item[1:]),
                                           item[0]))


def _likenesses_by_group(words: list[list[tuple[int, ...]]],
                         search: Callable[[list[tuple[int, ...]]], list[Likenesses]],
                         ) -> list[list[tuple[int, Likenesses]]]:
    """The rare likenesses of every form of every group (`words`: each group's forms as
    word ids), searched in one pass (`search(forms)`: `rare_variants` over them, a dict
    per form) and handed back per group as (form's index in its group, its likenesses).
    The order of the forms is `_form_sources`'."""
    found_for: list[list[tuple[int, Likenesses]]] = [[] for _ in words]
    sources = _form_sources(words)
    for (g, k), found in zip(sources, search([words[g][k] for g, k in sources]),
                             strict=True):
        found_for[g].append((k, found))
    return found_for


def _form_sources(words: list[list[tuple[int, ...]]]) -> list[tuple[int, int]]:
    """(group, form's index in it) of every form of every group, in order."""
    return [(g, k) for g, forms in enumerate(words) for k in range(len(forms))]


def overlapping(n: int, at: np.ndarray, group: list[tuple[int, np.ndarray]]) -> np.ndarray:
    """Which occurrences of `n` tokens from the positions `at` overlap an occurrence of a
    form of `group` ((length, sorted start positions) each)."""
    hit = np.zeros(len(at), dtype=bool)
    for length, starts in group:
        # The last start before an occurrence's end reaches furthest: forms have one length.
        before = np.searchsorted(starts, at + n, side="left") - 1
        ok = before >= 0
        hit[ok] |= starts[before[ok]] + length > at[ok]
    return hit
