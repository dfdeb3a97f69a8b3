"""Which aligned passages of a collection are listed as reuse: the rules, one passage or one
pair at a time.

The matcher finds every passage two articles share; a collection lists only the copies.
A passage goes when most of a side is a series' boilerplate; when it is set phrasing (short,
and its n-grams recur across the collection: `long_set_phrasing`, `short_set_phrasing`),
unless it lies inside a longer copy of the same stretch (`in_copy`); when it is a formula
that two copies each hold, filled in its own way (`formula_between_copies`); and, once
formulations are known, when it is short and mostly a formulation (`dropped_as_formulaic`).
A pair is listed, with what is left of `MIN_PAIR_WORDS` or more (`listed_passages`,
`pair_entry`), when one passage is long enough and, if short
(by the words its two sides share, less those in boilerplate, formulations or the
collection's furniture: `furniture`), that long in one unbroken run, or, inside one
sentence copied on each side, with most of the sentence's words shared in order
(`lists_its_pair`, which
needs the passage's tokens: the Spark job carries those of passages under twice a
formulation's length from where it aligns the pair to where formulations are known), and
not when its two sides state different numbers or name different people in short runs
(two census counts, two score lines, two kings' deaths in one formula: `passage_figures`),
nor by pieces that a long stretch of other words parts (two
verses on one frame) unless the two state the same numbers.

Each rule looks at one passage (or one pair) and a few facts about its two documents, so the
embedded engine applies them over its whole collection (`viewer.collection.results`) and the
Spark engine applies the very same functions per partition (`viewer.spark.core_calls`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypedDict

import numpy as np
from rapidfuzz.distance import LCSseq

from viewer.core.collection.boilerplate import FURNITURE_SHARE
from viewer.core.collection.edited_sentences import SentenceTokens, copied_sentence
from viewer.core.collection.index import IndexParams
from viewer.core.edge_marks import begins_a_sentence, ends_a_sentence
from viewer.core.figures import Figures, compare_figures
from viewer.core.grams import gram_hashes
from viewer.core.model import Span
from viewer.core.phrases import tokens_in_spans
from viewer.core.shared import CJK_CHARS_PER_WORD, covered_text_share
from viewer.core.tokenize import TokenStream

#: A passage is left out of the pairs when this share of either side is boilerplate or a
#: formulation: those recur by design and say nothing about copying.
EXCLUDED_SHARE = 0.5
#: A passage this share of an article's tokens long on one side is that article copied
#: (`copies_an_article`): what is left, a headline and a byline, is no text of its own,
#: as lines a series repeats are its furniture only up to that share of an article.
ARTICLE_SHARE = FURNITURE_SHARE
#: A pair is listed when one of its passages has at least this many words. `compare()`
#: reports shorter runs of rare words between two texts; among the millions of pairs of a
#: collection such runs meet by chance.
MIN_PAIR_WORDS = 8
#: Inside a short passage, a stretch of this many words on either side that shares no run
#: of `SHARED_RUN_TOKENS` with the other side parts the passage in two, each measured on its
#: own by `lists_its_pair`: as long as the shortest copy listed, and far longer than the
#: word or two a copy's edits change in a row.
APART_WORDS = MIN_PAIR_WORDS
#: Tokens in a row the two sides must share for `APART_WORDS` to count them as shared: one
#: word met alone in such a stretch (the, of, 的) is chance.
SHARED_RUN_TOKENS = 2
#: A formulation occurrence inside a passage this many times its length is part of a copy.
COPY_LENGTH = 1.5
#: A shared passage of this many words (on its shorter side) is a copy even when its
#: text recurs like a formulation (formulations run up to about 20 words; most far less).
COPY_WORDS = 15
#: Set phrasing, not a copy: a passage shorter than `SET_PHRASE_WORDS` (words on its
#: shorter side) whose n-grams are mostly found in `RECURRING_DOCUMENTS` articles or more,
#: or one shorter than `FORMULATION_WORDS` found in `WIDELY_RECURRING_DOCUMENTS` or more
#: (a formulation, listed or not). Most set phrases run to a dozen words, a few to twenty;
#: a sentence copied along a chain of a few articles is longer or in fewer articles.
SET_PHRASE_WORDS = 12
FORMULATION_WORDS = 20
RECURRING_DOCUMENTS = 3
WIDELY_RECURRING_DOCUMENTS = 8
#: A short passage inside one sentence on each side is a copy when the two sentences
#: share `MIN_PAIR_WORDS` words in order and this share of the longer one's: a sentence
#: copied and edited keeps most of its words in order wherever the edits fall, where two
#: sentences alike by chance share a run of a few words.
SENTENCE_SHARE = 0.7


class SentenceBounds(TypedDict):
    """What `copied_sentence` asks of one sentence copied (`sentence_bounds`)."""

    words: float
    share: float


def sentence_bounds(cjk: bool) -> SentenceBounds:
    """What this rule asks of one sentence copied (`copied_sentence`'s `words` and `share`):
    `MIN_PAIR_WORDS` words in order, in a language's tokens (characters where `cjk`), and
    `SENTENCE_SHARE` of the longer sentence's. The candidate stage asks the same of the
    sentences around the n-grams two documents alone hold, in both engines."""
    return {"words": MIN_PAIR_WORDS * (CJK_CHARS_PER_WORD if cjk else 1.0),
            "share": SENTENCE_SHARE}


#: (start, end, long, other): a stretch of a document that a shared passage covers, `long`
#: when that passage is a copy by its length alone, `other` the document on its other side.
Stretch = tuple[int, int, bool, int]


def side_tokens(stream: TokenStream, span: Span) -> TokenStream:
    """The tokens of a stream that lie inside `span`."""
    t0, t1 = _token_range(stream, span)
    return TokenStream(stream.ids[t0:t1], stream.starts[t0:t1], stream.ends[t0:t1],
                       stream.codes[:0])


@dataclass(frozen=True)
class AroundPassage:
    """The sentences around a short passage (`SentencesAround.of`): how many of their tokens
    lie outside it on each side, and what their numbers and names say (`passage_figures`
    of the whole sentences)."""

    beyond: tuple[int, int]
    figures: Figures


class SentencesAround:
    """The sentences around the passages of many documents (`of`), each document's
    sentences read once, when first asked for. `text` and `stream` give a document's text
    and tokens by its key, `keys` what the tokens' ids stand for."""

    def __init__(self, text: Callable[[int], str], stream: Callable[[int], TokenStream],
                 keys: Sequence[str]) -> None:
        self._text, self._stream, self._keys = text, stream, keys
        self._read: dict[int, SentenceTokens] = {}

    def of(self, x: int, span_x: Span, y: int, span_y: Span) -> AroundPassage:
        """The sentences around a passage: `span_x` of document `x`, `span_y` of `y`."""
        beyond_x, sentences_x = self._side(x, span_x)
        beyond_y, sentences_y = self._side(y, span_y)
        return AroundPassage((beyond_x, beyond_y), passage_figures(
            sentences_x, sentences_y, self._keys, self._text(x), self._text(y)))

    def _side(self, doc: int, span: Span) -> tuple[int, TokenStream]:
        # (tokens of the sentences outside the side, the sentences' tokens)
        stream = self._stream(doc)
        if doc not in self._read:
            self._read[doc] = SentenceTokens.of(self._text(doc), stream.ids, stream.starts,
                                                stream.ends)
        first, end = _token_range(stream, span)
        lo, hi = self._read[doc].bounds(first, end)
        return ((hi - lo) - (end - first),
                TokenStream(stream.ids[lo:hi], stream.starts[lo:hi], stream.ends[lo:hi],
                            stream.codes[:0]))


def _token_range(stream: TokenStream, span: Span) -> tuple[int, int]:
    return (int(np.searchsorted(stream.starts, span[0])),
            int(np.searchsorted(stream.ends, span[1], side="right")))


def side_grams(stream: TokenStream, span: Span, n: int) -> np.ndarray:
    """The n-gram hashes of a passage side, in order (an n-gram met twice counts twice):
    the n-grams whose document frequencies tell set phrasing."""
    return gram_hashes(side_tokens(stream, span).ids, n)


def furniture(frequencies: Sequence[int] | np.ndarray, tokens: int,
              params: IndexParams, *, article_copy: bool = False) -> np.ndarray:
    """Which of a passage side's `tokens` are the collection's furniture: the tokens of a
    run of consecutive n-grams (their document `frequencies`, in order) each found in more
    articles than the index's cap (a sentence in most articles, a set phrase: what the cap
    sets aside when pairs are made). A run holding as many n-grams of at most `wide_df`
    articles as pair articles above the cap is copied text, as the index takes it (a press
    release run by fifty outlets); text in more articles than that pairs nothing, however
    long (a disclaimer in most articles), unless the passage is an article copied
    (`article_copy`, see `copies_an_article`): furniture stands around an article's own
    text, and a story run by a third of the collection is copied however often."""
    counts = np.asarray(frequencies)
    marked = np.zeros(tokens, dtype=bool)
    common = counts > params.max_df
    if article_copy or not common.any():
        return marked
    edges = np.flatnonzero(np.diff(np.concatenate(([0], common.astype(np.int8), [0]))))
    for lo, hi in zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True):
        if np.count_nonzero(counts[lo:hi] <= params.wide_df) < params.min_wide_shared:
            marked[lo:hi - 1 + params.n] = True  # n-gram k covers tokens k .. k + n - 1
    return marked


def copies_an_article(side_tokens: tuple[int, int], article_tokens: tuple[int, int]) -> bool:
    """Whether a passage is most of an article on either side (`ARTICLE_SHARE` of its
    tokens; each side's tokens, and its article's): the article copied, whatever else the
    other holds (a wire story, and a report quoting it whole)."""
    return any(whole and part >= ARTICLE_SHARE * whole
               for part, whole in zip(side_tokens, article_tokens, strict=True))


def recurring_share(frequencies: Sequence[int] | np.ndarray, documents: int) -> float:
    """The share of a side's n-grams (their document frequencies) found in at least
    `documents` articles; 0 for a side shorter than one n-gram."""
    counts = np.asarray(frequencies)
    if not len(counts):
        return 0.0
    return float(np.count_nonzero(counts >= documents)) / len(counts)


def needs_sentence(short_words: int) -> bool:
    """Whether `long_set_phrasing` or `short_set_phrasing` reads if a passage is a whole
    sentence on both sides."""
    return MIN_PAIR_WORDS <= short_words < FORMULATION_WORDS


def long_set_phrasing(short_words: int, frequencies_x: Sequence[int] | np.ndarray,
                      frequencies_y: Sequence[int] | np.ndarray, sentence: bool) -> bool:
    """A passage of up to a formulation's length whose n-grams are mostly in many
    articles: a set phrase, however it was reached. Not one that is a whole sentence on
    both sides (`sentence`, see `whole_sentences`): set phrases are written into
    sentences of their own, and a sentence shared whole (中共中央总书记、国家主席、
    中央军委主席江泽民主持团拜会。, a title and what its holder did) is copied, however
    common its words."""
    return (not sentence and SET_PHRASE_WORDS <= short_words < FORMULATION_WORDS
            and max(recurring_share(frequencies_x, WIDELY_RECURRING_DOCUMENTS),
                    recurring_share(frequencies_y, WIDELY_RECURRING_DOCUMENTS))
            >= EXCLUDED_SHARE)


def whole_sentences(text_x: str, span_x: Span, text_y: str, span_y: Span) -> bool:
    """Whether a passage is a whole sentence on both sides (see `whole_sentence`)."""
    return whole_sentence(text_x, span_x) and whole_sentence(text_y, span_y)


def whole_sentence(text: str, span: Span) -> bool:
    """Whether `span` of `text` is a whole sentence: it begins the text, a line or a
    sentence, and a mark that ends a sentence follows it or ends it (spaces, quotation marks
    and brackets aside on either side)."""
    return begins_a_sentence(text, span[0]) and ends_a_sentence(text, span)


def is_copy_stretch(short_words: int) -> bool:
    """Whether a kept passage is long enough to mark its stretches as copied (a short
    passage inside such a stretch is part of that copy, not set phrasing)."""
    return short_words >= SET_PHRASE_WORDS


def short_set_phrasing(short_words: int, frequencies_x: Sequence[int] | np.ndarray,
                       frequencies_y: Sequence[int] | np.ndarray,
                       inside_copy: bool, sentence: bool = False) -> bool:
    """A short passage found in other articles too, and not part of a longer copy of the
    same stretch: formulaic, not a copy. A whole sentence on both sides (`sentence`, see
    `whole_sentences`) long enough to list its pair is so only where it recurs as a
    formulation does (`WIDELY_RECURRING_DOCUMENTS`, as `long_set_phrasing` asks): one
    sentence copied along a chain of a few articles (他认为，１９９７年是世界经济极不平凡的一年。
    in five) is in all of them, and copied."""
    documents = (WIDELY_RECURRING_DOCUMENTS if sentence and short_words >= MIN_PAIR_WORDS
                 else RECURRING_DOCUMENTS)
    return (short_words < SET_PHRASE_WORDS and not inside_copy
            and max(recurring_share(frequencies_x, documents),
                    recurring_share(frequencies_y, documents)) >= EXCLUDED_SHARE)


def in_copy(span: Span, stretches: list[Stretch]) -> bool:
    """Whether most of `span` lies in one of the sorted `stretches` that is long or
    clearly longer than it."""
    return bool(copied_from(span, stretches))


def copied_from(span: Span, stretches: list[Stretch], *, longer: bool = False) -> set[int]:
    """The documents on the other side of those of the sorted `stretches` that hold most
    of `span` and are long or clearly longer than it: the copies `span` is a piece of.
    `longer`: only those clearly longer (`COPY_LENGTH` times), a passage of the same
    length (this one, seen from another pair) being no copy that holds it."""
    start, end = span
    length = end - start
    k = bisect_right(stretches, end, key=lambda stretch: stretch[0])
    return {other for lo, hi, long, other in stretches[max(0, k - 16):k]
            if min(hi, end) - max(lo, start) >= 0.8 * length
            and (long and not longer or hi - lo >= COPY_LENGTH * length)}


def holding_copies(span: Span, stretches: list[Stretch], pair_other: int) -> set[int]:
    """The documents of the clearly longer copies that hold a passage side `span` (in its
    document's sorted `stretches`), less the document on the passage's other side
    (`pair_other`): what `formula_between_copies` compares for the two sides."""
    return copied_from(span, stretches, longer=True) - {pair_other}


def may_join_copies(short_words: int) -> bool:
    """Whether a passage is short enough to be a formula that two copies meet by
    (`formula_between_copies`), and long enough to list a pair if it is not."""
    return MIN_PAIR_WORDS <= short_words < FORMULATION_WORDS


def formula_between_copies(side_x: TokenStream, side_y: TokenStream, cjk: bool,
                           copies_x: set[int], copies_y: set[int]) -> bool:
    """Whether a short passage (`may_join_copies`; its tokens on each side, `side_x` and
    `side_y`) is a set formula that two copies each hold, filled in its own way, not a
    copy: its two sides share no run of `MIN_PAIR_WORDS`, and each lies inside a clearly
    longer copy of its own article (`copies_x`, `copies_y`: the documents on the other
    side of those, see `holding_copies`) with no document in common. Two
    reprinted chapters, each with its prophet's formula ("the word of the LORD unto
    Jeremiah, saying, Thus saith the LORD of hosts, the God of Israel", "the word of the
    LORD came unto me, saying, Thus saith the LORD, the God of Israel"), align across it
    as one sentence lightly edited, and would make four pairs of the four articles. A
    passage copied from one article into another is carried by the copies that hold it:
    two of those share the article it came from (a chain, a cluster), and a sentence
    quoted keeps runs of its words."""
    if not copies_x or not copies_y or copies_x & copies_y:
        return False
    scale = CJK_CHARS_PER_WORD if cjk else 1.0
    return _longest_common_run(side_x.ids, side_y.ids) / scale < MIN_PAIR_WORDS


def mostly_in(span: Span, excluded: Sequence[Span]) -> bool:
    """Whether at least `EXCLUDED_SHARE` of `span` lies in the sorted spans `excluded`."""
    return excluded_share(span, excluded) >= EXCLUDED_SHARE


def excluded_share(span: Span, excluded: Sequence[Span]) -> float:
    """The share of `span` lying in the sorted spans `excluded` (which may overlap)."""
    start, end = span
    if end <= start or not excluded:
        return 0.0
    covered, reach = 0, start
    for lo, hi in excluded:
        if lo >= end:
            break
        lo, hi = max(lo, reach), min(hi, end)
        if hi > lo:
            covered += hi - lo
            reach = hi
    return covered / (end - start)


def dropped_as_formulaic(short_words: int, span_x: Span, span_y: Span,
                         excluded_x: Sequence[Span], excluded_y: Sequence[Span]) -> bool:
    """A passage too short to be a copy by length whose side is mostly boilerplate or
    formulations."""
    return short_words < COPY_WORDS and (mostly_in(span_x, excluded_x)
                                         or mostly_in(span_y, excluded_y))


#: One passage of a pair: (span in a, span in b, words, short words, surplus bits).
PairPassage = tuple[Span, Span, int, int, float]


def needs_side_tokens(short_words: int) -> bool:
    """Whether `lists_its_pair` reads a passage's tokens: its length alone decides for
    the others (one of twice a formulation's length or more is taken as long enough by
    itself: were a formulation in it, as much again would lie outside)."""
    return MIN_PAIR_WORDS <= short_words < 2 * FORMULATION_WORDS


def passage_figures(side_x: TokenStream, side_y: TokenStream, keys: Sequence[str],
                    text_x: str, text_y: str) -> Figures:
    """What the numbers of a passage's two sides (their tokens, ids into `keys`, offsets
    into `text_x` and `text_y`) say of it (`viewer.core.figures`): what `lists_its_pair`
    reads as `figures`. Names say it too, unless the numbers are the same: two sides that
    each name someone the other does not mention are two reports in one frame, as two
    counts are ("And Jotham slept with his fathers ... and Ahaz his son reigned in his
    stead", "And Solomon slept with his fathers ... and Rehoboam his son ..."), where an
    edited copy keeps its names or drops one."""
    words_x = [keys[t] for t in side_x.ids.tolist()]
    words_y = [keys[t] for t in side_y.ids.tolist()]
    found = compare_figures(words_x, words_y)
    if found is Figures.NEITHER and (_names(text_x, side_x, words_x) - set(words_y)
                                     and _names(text_y, side_y, words_y) - set(words_x)):
        return Figures.OTHER
    return found


def _names(text: str, side: TokenStream, words: list[str]) -> set[str]:
    """The words of a side (`words`, its tokens' keys) written with a capital where no
    sentence begins: names, in languages written in capitals and small letters."""
    return {word for word, start in zip(words, side.starts.tolist(), strict=True)
            if text[start].isupper() and not begins_a_sentence(text, start)}


def lists_its_pair(side_x: TokenStream, side_y: TokenStream, short_words: int, cjk: bool,
                   excluded_x: Sequence[Span], excluded_y: Sequence[Span],
                   furniture_x: np.ndarray | None = None,
                   furniture_y: np.ndarray | None = None, *,
                   figures: Figures = Figures.NEITHER,
                   around: AroundPassage | None = None) -> bool:
    """Whether a passage is enough to list its pair: `MIN_PAIR_WORDS` words, and if it
    is short (set phrasing could be that long), as many of them in one unbroken run. Two
    datelines of one city (新华社阿布扎比１月１３日讯记者, ...１月８日讯记者) or two
    sessions of one body (第一次全体会议, 第二次) align across the word they differ in,
    but each run of them alone is the length chance meets among many pairs. Short is
    what the two share: a passage of formulation length whose two sides share fewer than
    `SET_PHRASE_WORDS` words (in order) is short however long the gap inside it (a
    dateline and a common title aligned across a name in one text and a line break in
    the other). Words in boilerplate or a formulation (the sorted spans `excluded_x`,
    `excluded_y`) are shared by design, not copied: they are taken out before the two sides
    are measured (a chance run of five words and a formulation of seven, aligned across
    the gap between them, is a run of five). So is a passage's length, up to twice a
    formulation's (`needs_side_tokens`): it is measured without them (a formulation of
    twelve characters and a set phrase of seven, aligned across a dozen characters that
    differ, are not a passage of 21 words). The collection's furniture (`furniture_x`,
    `furniture_y`: masks over the sides' tokens, see `furniture`) is taken out the same way:
    two articles that share a sentence found in most articles are not paired by it, nor
    listed by it once something else has paired them.

    Nor is a passage of that length whose sides each state a number the other does not
    (`figures`, see `passage_figures`) and share no run of `MIN_PAIR_WORDS`: two reports in
    one frame, not a copy, which keeps its figures. Two census counts ("All that were
    numbered of the camp of Ephraim were an hundred thousand and eight thousand and an
    hundred, throughout their armies", "... in the camp of Judah were an hundred thousand
    and fourscore thousand and six thousand and four hundred ...") align across their names
    and numbers, as two score lines of one volleyball round do.

    Nor is a passage of that length that a stretch of other words parts: `APART_WORDS` on
    either side sharing no run with the other cut it into pieces, and one piece must be
    enough by itself. Two verses built on one frame align across what each says in it
    ("thou shouldest not have looked on the day of thy brother in the day that he became a
    stranger; neither shouldest thou have", "thou shouldest not have looked on their
    affliction in the day of their calamity, nor have laid hands on their substance in the
    day of their calamity; neither shouldest thou have"): runs of six and four words.
    Unless the two state the same numbers (`figures`): one report, its clauses put in
    another order (使７万乡亲告别了“山顶洞”生活，解决了３１万人的饮水困难, 解决了３１万人的
    饮水困难，使７万人告别了栖居山洞、草棚的生活).

    A passage inside one sentence on each side is a copy when the two sentences are one
    sentence copied (`copied_sentence`: what they share in order, `SENTENCE_SHARE` of the
    longer's words), however its edits break its runs: 他认为，１９９７年是世界经济极不平凡的
    一年。 and ...世界经济不社会平凡的一年。 The sentences are `around` (see
    `SentencesAround`; None where no side is read). Their words outside the passage count
    as words not shared: an edit at a sentence's edge leaves the aligned passage short of
    it (１月１４日，连降一天一夜瑞雪的京城银装素裹，空气清新湿润。 and １４日，连降一天一夜计划
    的京城银装素裹，总部清新空气湿润。), while two sentences of one frame share a clause and
    little else. Nor are two sentences that state different numbers or name different
    people one sentence copied, wherever those stand in them: two tables of one report
    under one heading (表３：镇区企业的经济类型企业（个）比重（％）..., 表４：镇区企业的行业
    构成企业（个）比重（％）...).

    `side_x`, `side_y`: the passage's tokens on each side (`side_tokens`), read only when
    `needs_side_tokens`."""
    if short_words < MIN_PAIR_WORDS:
        return False
    scale = CJK_CHARS_PER_WORD if cjk else 1.0
    if not needs_side_tokens(short_words):
        # Long enough by itself, unless it is the collection's furniture but for a few
        # words: a disclaimer found in too many articles to pair them, a series' footer
        # before it.
        return not any(mask is not None and np.count_nonzero(~mask) / scale < MIN_PAIR_WORDS
                       for mask in (furniture_x, furniture_y))
    if (figures is Figures.OTHER
            and _longest_common_run(side_x.ids, side_y.ids) / scale < MIN_PAIR_WORDS):
        return False
    # Taken out, not marked: a formulation inside a sentence copied whole leaves the words
    # around it one run, as they are in both texts.
    kept_x, kept_y = ~tokens_in_spans(side_x, excluded_x), ~tokens_in_spans(side_y, excluded_y)
    if furniture_x is not None:
        kept_x &= ~furniture_x
    if furniture_y is not None:
        kept_y &= ~furniture_y
    ids_x, ids_y = side_x.ids[kept_x], side_y.ids[kept_y]
    pieces = _pieces(ids_x.tolist(), ids_y.tolist(), APART_WORDS * scale)
    if len(pieces) > 1 and figures is not Figures.SAME:
        return any(_shares_enough(np.asarray(x), np.asarray(y), min(len(x), len(y)) / scale,
                                  scale) for x, y in pieces)
    kept = min(kept_x.mean(), kept_y.mean()) if len(kept_x) and len(kept_y) else 0.0
    return (_shares_enough(ids_x, ids_y, short_words * kept, scale)
            or around is not None and around.figures is not Figures.OTHER
            and copied_sentence(ids_x.tolist(), ids_y.tolist(), beyond=around.beyond,
                                **sentence_bounds(cjk)))


def _shares_enough(ids_x: np.ndarray, ids_y: np.ndarray, words: float, scale: float) -> bool:
    """Whether a passage (or one piece of it) of `words` words (on its shorter side),
    `ids_x` and `ids_y` on its two sides, is a copy: long enough, or sharing
    `SET_PHRASE_WORDS` words in order, or `MIN_PAIR_WORDS` in one unbroken run."""
    if words >= FORMULATION_WORDS:
        return True
    # Short is what the two share: the words of a gap inside the passage are not.
    if LCSseq.similarity(ids_x.tolist(), ids_y.tolist()) / scale >= SET_PHRASE_WORDS:
        return True
    return _longest_common_run(ids_x, ids_y) / scale >= MIN_PAIR_WORDS


def _pieces(ids_x: list[int], ids_y: list[int],
            gap: float) -> list[tuple[list[int], list[int]]]:
    """The pieces of a passage's two sides (token ids): the runs of `SHARED_RUN_TOKENS` or
    more they share in order, joined where fewer than `gap` tokens part them on both
    sides; each piece runs from its first shared token to its last."""
    runs = [(op.src_start, op.src_end, op.dest_start, op.dest_end)
            for op in LCSseq.opcodes(ids_x, ids_y)
            if op.tag == "equal" and op.src_end - op.src_start >= SHARED_RUN_TOKENS]
    bounds: list[list[int]] = []
    for x0, x1, y0, y1 in runs:
        if bounds and x0 - bounds[-1][1] < gap and y0 - bounds[-1][3] < gap:
            bounds[-1][1], bounds[-1][3] = x1, y1
        else:
            bounds.append([x0, x1, y0, y1])
    return [(ids_x[x0:x1], ids_y[y0:y1]) for x0, x1, y0, y1 in bounds]


def _longest_common_run(a: np.ndarray, b: np.ndarray) -> int:
    """The length of the longest run of tokens found, in order, in both `a` and `b`."""
    if not len(a) or not len(b):
        return 0
    same = a[:, None] == b[None, :]
    run = same[0].astype(np.int64)
    best = int(run.max())
    for row in same[1:]:
        run = np.where(row, np.concatenate(([0], run[:-1])) + 1, 0)
        best = max(best, int(run.max()))
    return best


def listed_passages(shared: list[PairPassage]) -> list[PairPassage]:
    """The passages of a pair that are listed (and join clusters): those of
    `MIN_PAIR_WORDS` words or more on their shorter side, in order. A shorter one lists no
    pair, and beside a copy elsewhere in the two texts it is far more often rare words met
    by chance (独联体一体化进程, "variety of small keratinized structures") than a piece of
    the copy. `compare()` shows it all the same when the pair is opened."""
    return sorted(p for p in shared if p[3] >= MIN_PAIR_WORDS)


def pair_rank(words: int, shared_a: float, shared_b: float, id_a: str,
              id_b: str) -> tuple[int, float, float, str, str]:
    """The key that ranks listed pairs, in both engines and so in every view of them: the
    most words shared first; of equal words, the pair whose passages are more of one of its
    articles (the larger share, then the smaller), then by the two ids."""
    return (-words, -max(shared_a, shared_b), -min(shared_a, shared_b), id_a, id_b)


def pair_entry(shared: list[PairPassage], text_a: str, text_b: str,
               visible: tuple[int, int] | None = None) -> dict[str, Any] | None:
    """The listed form of a pair (`a` the earlier article) from its kept passages: the
    `listed_passages` in order with their shares of each text (counted as `compare()`
    counts them, without whitespace: `visible` gives the two texts' `visible_chars` when
    known) and their words; None when no passage is long enough for the pair to be
    listed."""
    ordered = listed_passages(shared)
    if not ordered:
        return None
    total_a, total_b = visible or (None, None)
    return {"shared_a": covered_text_share([p[0] for p in ordered], text_a, total_a),
            "shared_b": covered_text_share([p[1] for p in ordered], text_b, total_b),
            "words": sum(p[2] for p in ordered),
            "passages": [{"a": list(p[0]), "b": list(p[1]), "words": p[2]} for p in ordered]}
