"""Kept words: whether two forms that differ at one place are one phrase.

Two forms alike but for the word at one end ("cohering by Attraction", "cohering by
unity"; 争吵的事情, 争吵的画面), or one with a word of the other left out (拉线作起重牵引,
拉线不断作起重牵引), may be one formulation written two ways or the words they keep met
in two contexts. What tells them apart is how the kept words are used elsewhere in the
collection: only at that side of listed forms, only in the two forms, or hardly anywhere
but beside the formulation, they are no phrase of their own.
"""

from __future__ import annotations

import numpy as np

from viewer.core.collection import co_use
from viewer.core.collection.form_shapes import MAX_VARIANTS, common_head
from viewer.core.phrases import RecurringGrams
from viewer.core.word_bounds import Segmented

#: Words a shorter form keeps on one side, written nowhere else, to be its formulation's
#: own (see `shorter_keeps_own_words`).
SIDE_WORDS = 3


def kept_part(head: Segmented, change: tuple[str, str] | None,
               n: int) -> tuple[int, int] | None:
    """(first token, tokens) of the words `head` (`n` tokens, one per character) keeps
    where a form swaps one whole word of it at an end (`change`, from `word_change`),
    else None."""
    if change is None or not all(change) or head.end - head.start != n:
        return None
    cut = len(change[0])
    if head.text.startswith(change[0], head.start):
        return cut, n - cut
    if head.text.endswith(change[0], head.start, head.end):
        return 0, n - cut
    return None


class ListedEdges:
    """Where the candidate forms of a collection begin and end, to tell the words two
    forms keep when they change the word at one end ("cohering by" of "cohering by
    Attraction" and "cohering by unity") from a phrase of its own. Kept words used
    nowhere but at that side of a longer listed form ("cohering by new Attraction" too)
    are not met with other words: the changed word is a slot of one formulation, though
    the forms meet in no more documents than chance gives (unless `co_use.apart` finds
    them too few for one phrase). Kept words met with other words too say nothing: the
    two forms may be the phrase in two contexts; so do kept words that the listed forms
    fill with more words than a formulation has variants (再就业 | 工程, 补贴, 培训, 政策,
    服务中心): a template's slot, or a word of the language."""

    def __init__(self, grams: RecurringGrams, forms: list[tuple[int, int]]) -> None:
        self.grams = grams
        self.forms = forms
        self.cache: dict[tuple[int, bool], np.ndarray] = {}

    def hold_kept(self, head: tuple[int, int], words: tuple[int, ...],
                  other: tuple[int, ...]) -> bool:
        """Whether `other` is `words` (the words of form `head`, a token each) with the
        word at one end changed, and the two or more words they keep are used only at
        that side of listed forms longer than them (`hold`)."""
        n = len(words)
        if len(other) != n or n < 3:
            return False
        at_start = words[1:] == other[1:]
        if not at_start and words[:-1] != other[:-1]:
            return False
        first = int(self.grams.levels[head[0]].occurrences(head[1])[0])
        return self.hold(first + int(at_start), n - 1, ends=at_start)

    def hold(self, at: int, length: int, *, ends: bool) -> bool:
        """Whether every use of the gram of `length` tokens at position `at` starts (or,
        with `ends`, ends) a use of a listed form longer than it, and those forms have at
        most `MAX_VARIANTS` + 1 words beside it (told by their tokens next to it)."""
        level = self.grams.levels.get(length)
        if level is None:
            return False
        index = int(level.gram_at(np.array([at]))[0])
        if index < 0:
            return False
        uses = level.occurrences(index)
        if not np.isin(uses + length if ends else uses, self._edges(length, ends)).all():
            return False
        # Inside the longer forms, so the token beside each use is in its document.
        beside = self.grams.ids[uses - 1 if ends else uses + length]
        return len(np.unique(beside)) <= MAX_VARIANTS + 1

    def _edges(self, shorter: int, ends: bool) -> np.ndarray:
        """The starts (or `ends`) of the uses of the listed forms longer than `shorter`."""
        if (shorter, ends) not in self.cache:
            parts = [self.grams.levels[n].occurrences(index) + (n if ends else 0)
                     for n, index in self.forms if n > shorter]
            self.cache[(shorter, ends)] = (np.unique(np.concatenate(parts)) if parts
                                           else np.zeros(0, dtype=np.int64))
        return self.cache[(shorter, ends)]


def kept_only_in(grams: RecurringGrams, head: Segmented, part: tuple[int, int],
                  head_at: int, uses: int, listed: ListedEdges) -> bool:
    """Whether the words a form keeps of `head` (one of its uses at token `head_at`),
    changing a word at an end (`part`, see `kept_part`), are more than one and used beyond
    the two forms (`uses`) fewer times than a phrase recurs on its own
    (`co_use.RECURRING_DOCUMENTS`), or only at that side of listed forms (`ListedEdges`):
    no phrase of their own, so the changed word is no context of them (离 | 通货膨胀的重要手段
    of 反通货膨胀的重要手段, where 中国人民解放军 | 总参谋长 is the name in a title). A
    third form written once (公正 | 训练水平刻不容缓, beside 科学 | … in 18 articles and
    乐观 | … in 11) does not make them a phrase of their own."""
    start, length = part
    if sum(1 for s, e in head.spans
           if head.start + start <= s and e <= head.start + start + length) < 2:
        return False
    kept = int(grams.counts_of(np.array([head_at + start]), length)[0])
    return (kept - uses < co_use.RECURRING_DOCUMENTS
            or listed.hold(head_at + start, length, ends=start > 0))


def beside_beyond_kept(grams: RecurringGrams, total: int, head: tuple[int, int],
                        part: tuple[int, int], others: np.ndarray) -> bool:
    """Whether the documents `others` of a form that changes a word of `head` at an end,
    keeping `part` of it (see `kept_part`), share documents with `head` more often than
    chance brings the kept words with any other word there into them. One document
    holding 争吵的事情 and 争吵的画面 says much when 争吵的 is used hardly anywhere else;
    one holding 乘坐火车 and 乘坐卡车 says little when 乘坐 goes with many words in many
    documents, any of which may meet 乘坐火车."""
    start, length = part
    level = grams.levels.get(length)
    at = grams.levels[head[0]].occurrences(head[1])
    if level is None or length < 2:
        return False
    index = int(level.gram_at(at[:1] + start)[0])
    if index < 0:
        return False
    uses = level.occurrences(index)
    elsewhere = np.unique(grams.doc_of[uses[~np.isin(uses - start, at)]])
    docs = np.unique(grams.doc_of[at])
    both = len(np.intersect1d(docs, others))
    # Over the whole collection: a time span starting where the form is first used
    # would often start at the very document that holds both.
    return (both >= 1 and co_use.poisson_tail(both, len(docs) * len(elsewhere) / total)
            < co_use.TOGETHER_P)


def shorter_keeps_own_words(grams: RecurringGrams, head: tuple[int, ...],
                            form: tuple[int, ...], at: np.ndarray,
                            group: list[tuple[int, np.ndarray]], content: np.ndarray,
                            least: int, per_word: float) -> bool:
    """Whether `form` (token ids, used at the tokens `at` in `RARE_DOCUMENTS` documents
    or more) is `head` with a stretch of it left out, keeping on one side `SIDE_WORDS`
    words or more (`per_word` tokens a word), `least` of its tokens content
    (`content[id]`), that the collection uses only in the uses of `group`'s forms
    ((length, start positions) each) and in its own: the formulation's words with a
    modifier left out, then, not a phrase of the language met by chance (拉线作起重牵引
    of 拉线不断作起重牵引, where 作起重牵引 is written nowhere else; 学校教育 of
    学校有着传统教育 keeps words used everywhere). Two words may be a term a collection
    uses in one phrase only (特级大师 of 女子国际特级大师, where 女子特级大师 is another
    title). A shorter word swapped in (农村基层组织建设 of 农村基层干部队伍建设) may name
    another thing: not this."""
    if len(form) >= len(head) or len(np.unique(grams.doc_of[at])) < co_use.RARE_DOCUMENTS:
        return False
    same = common_head(form, head)
    tail = min(common_head(form[::-1], head[::-1]), len(form) - same)
    if same + tail != len(form):
        return False
    uses = [*group, (len(form), at)]
    return any(length >= SIDE_WORDS * per_word
               and int(content[list(form[start:start + length])].sum()) >= least
               and _only_inside(grams, int(at[0]) + start, length, uses)
               for start, length in ((0, same), (same, tail)))


def swap_keeps_own_words(grams: RecurringGrams, head: Segmented, part: tuple[int, int],
                         head_at: int, group: list[tuple[int, np.ndarray]],
                         likeness: tuple[int, np.ndarray], content: np.ndarray,
                         least: int) -> bool:
    """Whether a rare Chinese likeness (its length and the positions of its uses) that
    swaps the first word of `head` (a use of a form of `group` at token `head_at`;
    `part`, the tokens it keeps, from `kept_part`) keeps `SIDE_WORDS` words or more,
    `least` of their tokens content (`content[id]`), that the collection writes only in
    the uses of `group`'s forms ((length, start positions) each: the formulation's
    recurring forms) and in the likeness's own. Then the swapped word is no context
    those words are met in: the likeness is the formulation with its first word written
    another way, if only once (公正 | 训练水平刻不容缓 of 科学 | 训练水平刻不容缓 and 乐观 |
    训练水平刻不容缓, where 训练水平刻不容缓 is written nowhere else). Two rare likenesses
    in that place write them elsewhere for each other: neither is told a form this way,
    whichever is weighed first. A Chinese phrase ends on what it names or does: a
    likeness swapping its last word (香港的持续 | 气派 of … | 繁荣) names another thing,
    as likely another phrase however its first words are used. Two words kept may be a
    term the collection uses in one phrase only, as `shorter_keeps_own_words` says: not
    enough."""
    start, length = part
    if start == 0:
        return False
    words = sum(1 for s, e in head.spans
                if head.start + start <= s and e <= head.start + start + length)
    at = head_at + start
    return (words >= SIDE_WORDS
            and int(content[grams.ids[at:at + length]].sum()) >= least
            and _only_inside(grams, at, length, [*group, likeness]))


def _only_inside(grams: RecurringGrams, at: int, length: int,
                 uses: list[tuple[int, np.ndarray]]) -> bool:
    """Whether every use of the gram of `length` tokens at token `at` lies inside one of
    `uses` ((length, sorted start positions) each)."""
    level = grams.levels.get(length)
    index = int(level.gram_at(np.array([at]))[0]) if level is not None else -1
    if level is None or index < 0:
        return False
    starts = level.occurrences(index)
    inside = np.zeros(len(starts), dtype=bool)
    for n, begins in uses:
        # The last use starting at or before a gram is the one that may hold it.
        before = np.searchsorted(begins, starts, side="right") - 1
        ok = before >= 0
        inside[ok] |= begins[before[ok]] + n >= starts[ok] + length
    return bool(inside.all())
