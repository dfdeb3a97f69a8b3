"""Whole words around phrases in Chinese and Japanese text.

The phrase finders count characters there (offsets stay in characters), but a phrase a
reader is shown must begin and end on whole words: 实事求是, not 实事求; and not on a
dangling particle (的, 了). Segmenting a whole
collection with jieba would cost a minute per ten million characters, so only occurrences
of the phrases that are candidates are segmented, each with a margin of context on both
sides. In a collection a phrase may open with a preposition (比批评更容易使人) but not close
on one. Between two texts, whose phrases have a use or two, no phrase opens or closes on a
word of a closed class (`NO_OPENING_TAGS`, `NO_CLOSING_TAGS`: 我们将继续, 在人民大会堂,
联合政府中 are pieces of clauses). Text is read as the dictionary is written: traditional
characters as simplified (`han_script`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache, cached_property

import numpy as np

from viewer.core import segment
from viewer.core.phrases import RecurringGrams
from viewer.core.stopwords import stop_words

#: Characters of context segmented on each side of a phrase.
MARGIN = 8
#: Share of the sampled occurrences of a phrase that must lie on word boundaries.
ON_WORDS_SHARE = 0.6
#: A single word shorter than this is a word (a name, a term), not a phrase; four-character
#: words are idioms (实事求是), which are set phrases.
SHORTEST_ONE_WORD_PHRASE = 4
#: A function word and the word beside it are one word of the collection's own, which
#: the segmenter does not know (再 | 就业 of 再就业服务中心, re-employment), when they
#: come together outside the phrase at least this many times...
GLUED_USES = 5
#: ... and this many times as often as chance would put them side by side.
GLUED_LIFT = 20.0

#: jieba's tags of the aspect particles (了 ul, 着 uz, 过 ug).
ASPECT_TAGS = frozenset({"ul", "uz", "ug"})

#: Whether two words side by side (a function word and its neighbour, as spans of the
#: text) are used as one word in the collection.
Glued = Callable[[tuple[int, int], tuple[int, int]], bool]


#: jieba's tags of the words no phrase of two texts opens on: pronouns (我国, 这些),
#: conjunctions (如果, 可以), prepositions (在, 对, 随着), particles (等, 的), modal and
#: interjection words. A collection's varied contexts fix its phrases' edges; between two
#: texts a use or two of a clause ("我们将继续", "在人民大会堂") must not pass for one.
NO_OPENING_TAGS = frozenset({"r", "c", "p", "u", "uj", "ul", "uz", "ug", "uv", "ud", "y", "e"})
#: ... nor closes on: those, adverbs (将, 就, 进一步: the verb they qualify follows) and
#: locality words (中, 里, 期间: "in the course of" what precedes). An adverb may open one
#: (全面深化改革).
NO_CLOSING_TAGS = NO_OPENING_TAGS | {"d", "f"}
#: ... nor names the subject of a passage: those, time words (目前, 九月), numerals and
#: measure words (一位), adjectives used as adverbs (迅速).
NO_SUBJECT_TAGS = NO_CLOSING_TAGS | {"t", "m", "q", "ad"}
#: Numerals for ten thousand and a hundred million, written after figures (50万, 3亿).
_LARGE_NUMBERS = frozenset("万亿")
#: Reflexive and reciprocal pronouns, which open compounds as a prefix would (自我革命,
#: 自身建设, 彼此尊重): no piece of a clause.
COMPOUNDING_PRONOUNS = frozenset({"自我", "自身", "彼此"})


@cache
def _dictionary_tags() -> dict[str, str]:
    """The part of speech jieba's dictionary gives each of the words whose tags are read
    here: the stop words, the words of one letter and the words of the classes that no
    phrase of two texts opens or closes on, or that name no subject (its 350,000 lines are
    read once)."""
    import jieba  # loaded only for Chinese, as in `segment`

    stops = stop_words("zh")
    found = {}
    with jieba.get_dict_file() as lines:
        for line in lines:
            parts = line.decode("utf-8").split()
            if len(parts) == 3 and (len(parts[0]) == 1 or parts[0] in stops
                                    or parts[2] in NO_SUBJECT_TAGS):
                found[parts[0]] = parts[2]
    return found


def opens_no_phrase(word: str) -> bool:
    """Whether no phrase of two texts opens on `word` (see `NO_OPENING_TAGS`)."""
    return word not in COMPOUNDING_PRONOUNS and (
        word in stop_words("zh") or _dictionary_tags().get(word, "") in NO_OPENING_TAGS)


def closes_no_phrase(word: str) -> bool:
    """Whether no phrase of two texts closes on `word` (see `NO_CLOSING_TAGS`), nor on a
    verb of one letter, which takes what follows (江泽民说, 调整要), nor on an adjective
    or a distinguishing word of one letter, which qualifies it (建设取得新, 提高全)."""
    tag = _dictionary_tags().get(word, "")
    return (word in stop_words("zh") or tag in NO_CLOSING_TAGS
            or (len(word) == 1 and tag.startswith(("v", "a", "b"))))


def names_no_subject(word: str) -> bool:
    """Whether `word` names no subject a passage is about (see `NO_SUBJECT_TAGS`), nor
    does a word holding a figure (１００多, ９月)."""
    return (word in stop_words("zh") or _dictionary_tags().get(word, "") in NO_SUBJECT_TAGS
            or any(c.isdigit() for c in word))


@cache
def _stop_word_tags() -> dict[str, str]:
    """The part of speech jieba's dictionary gives each Chinese stop word (比 p, 的 uj)."""
    tags = _dictionary_tags()
    return {word: tags[word] for word in stop_words("zh") if word in tags}


def _letter_tags() -> dict[str, str]:
    """The part of speech jieba's dictionary gives each word of one letter (做 v, 副 b),
    among others."""
    return _dictionary_tags()


def _inflected(word: str) -> bool:
    """Whether `word` is a word of the dictionary followed by an aspect particle (得 | 了,
    看 | 着, 有 | 过), which inflects it as an ending would: the segmenter parts the two, the
    writer swaps them as one word (获得 for 得了)."""
    return (len(word) >= 2 and _letter_tags().get(word[-1]) in ASPECT_TAGS
            and _in_dictionary(word[:-1]))


def _letter_swapped(word: str, other: str, at: int, letters: int) -> bool:
    """Whether `other` is `word` (two letters or more, at letter `at` of a phrase of
    `letters`) with one letter swapped, the others kept in place: a word on the same stem
    (碎画 of 假画, 说是 of 竟是), or a slip of the pen, whether or not the dictionary holds
    it, where the segmenter reads the letters apart (碎 | 画). Where the letters kept make
    a word of their own and the swapped one opens or closes the phrase (村农民 of 做 |
    农民), that one is a word of one letter swapped at an end, which asks more (see
    `_one_way_change`)."""
    if len(word) != len(other) or len(word) < 2:
        return False
    differ = [k for k, (a, b) in enumerate(zip(word, other, strict=True)) if a != b]
    if len(differ) != 1:
        return False
    edge = at + differ[0] in (0, letters - 1)
    kept = word[1:] if differ[0] == 0 else word[:-1]
    return not (edge and len(kept) >= 2 and _is_dictionary_word(kept))


def _is_verb_letter(letter: str) -> bool:
    """Whether jieba's dictionary makes a verb of the letter `letter` (做, 裂, 生)."""
    return _letter_tags().get(letter, "").startswith("v")


@cache
def function_words() -> frozenset[str]:
    """The stop words a phrase may not end on: all but those jieba's dictionary tags as
    nouns or adjectives, which are content words of a phrase as much as any (往往造成人);
    particles, pronouns, adverbs, conjunctions, prepositions, verbs and the like (的, 了,
    我, 很, 和, 在, 是) are not."""
    tags = _stop_word_tags()
    return frozenset(w for w in stop_words("zh") if not tags.get(w, "x").startswith(("n", "a")))


@cache
def _longest_function_word() -> int:
    return max(map(len, function_words()), default=0)


@cache
def openers() -> frozenset[str]:
    """The stop words that may open a phrase, beside nouns and adjectives
    (好国有企业改革攻坚战): prepositions (比批评更容易使人), verbs and the locality
    words that serve as verbs, which open verb-object phrases (起绑扎钢筋, 上省城的主席台)."""
    return frozenset(w for w, tag in _stop_word_tags().items() if tag in ("p", "v", "f"))


def _in_dictionary(word: str) -> bool:
    """Whether jieba's dictionary holds `word`."""
    return bool(segment.segmenter().FREQ.get(word))


def _is_dictionary_word(word: str) -> bool:
    """Whether jieba knows `word` from its dictionary, or it is a number with its unit
    (４００亿, see `segment.words`), rather than stray characters its HMM joined
    (日讯英 of 日讯 + 英双边贸易额)."""
    return _in_dictionary(word) or any(c.isdigit() for c in word)


class Segmented:
    """The words in and around one occurrence `text[start:end]` of a phrase.

    With `many_uses` the phrase recurs across the documents of a collection, whose varied
    contexts already fix its edges (it is maximal there): the segmenter's reading of one
    context weighs less, so stray characters its HMM joined across an edge are split,
    and a noun, adjective or verb of the stop list may stand at an edge (see
    `function_words`, `openers`). Between two texts, with a couple of uses, the
    boundaries alone decide (是节日, 到金融 would pass as slogans). `glued` tells a
    function word at an edge that makes one word with its neighbour in the collection
    (see `PhraseLocator`); with it, so does one that makes a word of the dictionary with
    its neighbour: the phrase may open or close on that word."""

    def __init__(self, text: str, start: int, end: int, *, many_uses: bool = False,
                 glued: Glued | None = None) -> None:
        self.text, self.start, self.end = text, start, end
        self.many_uses = many_uses
        self.glued = glued
        # Line breaks and spaces may fall inside words (text wrapped or spaced out):
        # the words are those of the text without them.
        window = range(max(0, start - MARGIN), min(len(text), end + MARGIN))
        letters = [at for at in window if not text[at].isspace()]
        compact = "".join(text[at] for at in letters)
        spans = [(letters[s], letters[e - 1] + 1) for s, e in segment.words(compact)]
        # Stray characters the segmenter's HMM joined across an edge of the phrase are
        # no word the phrase cuts: Markov-like or telegraphic text (日讯 | 英双边贸易额,
        # 吴 | 新的水源) leaves many single characters side by side. A dictionary word
        # across an edge (实事求 | 是) stays whole.
        self.spans = []
        for s, e in spans:
            cuts = [at for at in (start, end) if s < at < e] if many_uses else []
            if cuts and not _is_dictionary_word("".join(text[s:e].split())):
                self.spans += [(a, b) for a, b in zip([s, *cuts], [*cuts, e], strict=True)]
            else:
                self.spans.append((s, e))

    @cached_property
    def _whole_words(self) -> list[tuple[int, int]] | None:
        """The words of the phrase, None when it begins or ends inside a word."""
        inside = [(s, e) for s, e in self.spans if s >= self.start and e <= self.end]
        if not inside or inside[0][0] != self.start or inside[-1][1] != self.end:
            return None
        return inside

    def _may_open(self, words: list[tuple[int, int]], at: int) -> bool:
        # In a collection a preposition (or a verb) may open a phrase (比批评更容易使人),
        # not close it.
        word = self.text[slice(*words[at])]
        if not self.many_uses:
            return not opens_no_phrase(word) and not self._counted(words[at])
        return (word not in function_words() or word in openers()
                or self._glued(words[at], words, at + 1))

    def _counted(self, span: tuple[int, int]) -> bool:
        # A letter written right after a figure is its unit or measure word (200户特困职工,
        # 50万元无息贷款, 5名职工): it belongs to the count before it, not to a phrase
        # after it, whatever the dictionary tags it. Read between two texts only: in a
        # collection the phrase's other uses tell (a formulation set after "第18" once).
        before = self.text[max(0, span[0] - MARGIN):span[0]].rstrip()
        return span[1] - span[0] == 1 and bool(before) and (before[-1].isdigit()
                                                            or before[-1] in _LARGE_NUMBERS)

    def _may_close(self, words: list[tuple[int, int]], at: int) -> bool:
        word = self.text[slice(*words[at])]
        if not self.many_uses:
            return not closes_no_phrase(word)
        return word not in function_words() or self._glued(words[at], words, at - 1)

    def _glued(self, span: tuple[int, int], words: list[tuple[int, int]],
               beside: int) -> bool:
        if self.glued is None or not 0 <= beside < len(words):
            return False
        # The segmenter may split a word of its own dictionary where the letters after
        # it pull one away (当 | 上 | 公司, of 当上): the function word is then a piece
        # of a word, not a word at the phrase's edge.
        one, other = sorted((span, words[beside]))
        return (_in_dictionary("".join(self.text[one[0]:other[1]].split()))
                or self.glued(span, words[beside]))

    @property
    def on_word_edges(self) -> bool:
        """Whether the phrase begins where a word begins and ends where one ends, whatever
        those words are (`on_boundaries` also rules out function words there)."""
        return self._whole_words is not None

    @cached_property
    def on_boundaries(self) -> bool:
        """Whether the phrase begins where a word begins and ends where one ends, and
        neither its first nor its last word is a function word (的, 了, 和)."""
        inside = self._whole_words
        return (inside is not None and self._may_open(inside, 0)
                and self._may_close(inside, len(inside) - 1))

    def without_function_ends(self) -> tuple[int, int] | None:
        """The phrase less the function words at its ends that `on_boundaries` rules out
        there (再优化游动战术 -> 优化游动战术, 了办案人员 -> 办案人员), as offsets in the
        text; None when an end falls inside a word. At least one word is left."""
        inside = self._whole_words
        if inside is None:
            return None
        first, last = 0, len(inside) - 1
        while first < last and not self._may_open(inside, first):
            first += 1
        while last > first and not self._may_close(inside, last):
            last -= 1
        return inside[first][0], inside[last][1]

    @cached_property
    def words(self) -> int:
        """How many words lie wholly inside the phrase."""
        return sum(1 for s, e in self.spans if s >= self.start and e <= self.end)


class PhraseLocator:
    """Whether the recurring grams of CJK documents begin and end on whole words, at
    (most of) a few of their occurrences."""

    def __init__(self, texts: Sequence[str], offsets: tuple[np.ndarray, np.ndarray],
                 grams: RecurringGrams, *, many_uses: bool = False) -> None:
        """`offsets`: the start and end offsets of the tokens `grams` lays end to end
        (`viewer.core.tokenize.token_offsets`)."""
        self.texts = texts
        self._read: dict[int, str] = {}
        self.many_uses = many_uses  # see `Segmented`
        self.grams = grams
        self.starts, self.ends = offsets
        self._first: dict[tuple[int, int], Segmented] = {}
        self._seen: dict[tuple[int, int], Segmented] = {}
        self._whole: dict[tuple[int, int], Segmented] = {}

    def at(self, n: int, position: int) -> Segmented:
        """The occurrence of `n` tokens from token `position`, segmented (kept, between
        two texts, whose few phrases are asked about the same uses again and again)."""
        found = self._seen.get((n, position))
        if found is not None:
            return found
        doc = int(self.grams.doc_of[position])
        glued = self._glued_at(n, position) if self.many_uses else None
        found = Segmented(self._reading(doc), int(self.starts[position]),
                          int(self.ends[position + n - 1]), many_uses=self.many_uses,
                          glued=glued)
        if not self.many_uses:
            self._seen[(n, position)] = found
        return found

    def _reading(self, doc: int) -> str:
        """Document `doc` as the dictionary and the stop words read it: traditional
        characters as simplified (see `viewer.core.han_script`), full-width letters and
        digits as half-width (`segment.as_in_dictionary`), offsets unchanged."""
        read = self._read.get(doc)
        if read is None:
            read = self._read[doc] = segment.as_in_dictionary(self.texts[doc])
        return read

    def _glued_at(self, n: int, position: int) -> Glued:
        """Whether two words side by side inside the `n` tokens from `position` are one
        word of the collection's own: used together outside this phrase `GLUED_USES`
        times or more, `GLUED_LIFT` times as often as their own counts give by chance. A
        prefix the segmenter splits off (再就业, 再就业工程, 再就业率) passes; an adverb
        that happens to lead every use of a phrase (再 | 优化游动战术) does not."""
        grams = self.grams
        starts = self.starts[position:position + n]

        def tokens(span: tuple[int, int]) -> tuple[int, int]:
            first = int(np.searchsorted(starts, span[0]))
            last = int(np.searchsorted(starts, span[1]))
            return position + first, last - first

        def glued(one: tuple[int, int], other: tuple[int, int]) -> bool:
            (at_a, len_a), (at_b, len_b) = sorted((tokens(one), tokens(other)))
            if not len_a or not len_b:
                return False
            together = int(grams.counts_of(np.array([at_a]), len_a + len_b)[0])
            outside = together - int(grams.counts_of(np.array([position]), n)[0])
            if outside < GLUED_USES:
                return False
            apart = (int(grams.counts_of(np.array([at_a]), len_a)[0])
                     * int(grams.counts_of(np.array([at_b]), len_b)[0]))
            return outside * len(grams.ids) >= GLUED_LIFT * apart

        return glued

    def _at_first(self, n: int, index: int) -> Segmented:
        found = self._first.get((n, index))
        if found is None:
            found = self.at(n, int(self.grams.levels[n].first[index]))
            self._first[(n, index)] = found
        return found

    def at_whole(self, n: int, index: int) -> Segmented:
        """The first of the first few occurrences of gram `index` of `n` tokens that
        begins and ends on word boundaries (else the first), segmented: the form as
        written, where one context may read its first letter into the word before it
        (投资质配置效率 of 资质配置效率), which would hide the word a variant changes."""
        found = self._whole.get((n, index))
        if found is None:
            where = self.grams.levels[n].occurrences(index)[:WHOLE_SAMPLES].tolist()
            found = next((seen for seen in (self.at(n, int(p)) for p in where)
                          if seen.on_boundaries), None) or self._at_first(n, index)
            self._whole[(n, index)] = found
        return found

    def without_function_ends(self, n: int, position: int) -> tuple[int, int] | None:
        """The `n` tokens from `position` less the function words at their ends
        (`Segmented.without_function_ends`), as (tokens left off at the start, tokens
        kept); None where an end falls inside a word or nothing is left off."""
        seen = self.at(n, position)
        words = seen.without_function_ends()
        if words is None or words == (seen.start, seen.end):
            return None
        lead = int(np.searchsorted(self.starts[position:position + n], words[0]))
        kept = int(np.searchsorted(self.ends[position:position + n], words[1], side="right"))
        return lead, kept - lead

    def function_word_ends(self, n: int, position: int) -> list[tuple[int, int]]:
        """The ways the `n` tokens from `position` may open or close with a function
        word, judged by letters alone (no segmenting): (tokens at the start, tokens at the
        end) that such a word would take, one end at a time."""
        text = self._reading(int(self.grams.doc_of[position]))
        tokens = range(position, position + n)
        letters = [text[int(self.starts[p]):int(self.ends[p])] for p in tokens]
        words = function_words()
        ends = []
        for k in range(1, min(n - 1, _longest_function_word()) + 1):
            if "".join(letters[:k]) in words:
                ends.append((k, 0))
            if "".join(letters[-k:]) in words:
                ends.append((0, k))
        return ends

    def is_phrase(self, n: int, index: int) -> bool:
        """Whether the gram, at its first occurrence, is more than one short word (a
        name such as 盛云龙 or a word such as 玻璃 recurs, but is not a formulation)."""
        return n >= SHORTEST_ONE_WORD_PHRASE or self._at_first(n, index).words >= 2

    def on_words(self, n: int, index: int, samples: int) -> bool:
        """Whether the gram is on word boundaries at most of `samples` occurrences
        spread over its uses (the first among them): the segmenter now and then joins a
        phrase's first character to the word before it (欧未 | 采取), so one odd
        occurrence does not decide."""
        where = self.grams.levels[n].occurrences(index)
        count = min(samples, len(where))
        picks = sorted({round(k * (len(where) - 1) / max(1, count - 1)) for k in range(count)})
        agree = [self._at_first(n, index).on_boundaries]
        agree += [self.at(n, int(where[k])).on_boundaries for k in picks[1:]]
        return sum(agree) >= ON_WORDS_SHARE * len(agree)


#: A word at least this long may hold a variant's change inside it: the segmenter keeps
#: names of bodies whole (中国人民解放军总后勤部), so 中国人民新四军总后勤部 changes a
#: part of one word of its formulation.
COMPOUND_WORD = 5
#: A word this long is often two words kept as one (财政部门, 国有企业): a change may
#: begin or end at its middle (财政门类, 所有私有企业).
PAIR_WORD = 4
#: Conjunctions that join two words into one the dictionary keeps whole (党和人民,
#: 党和国家): a change may begin or end at one (血和人民 of 党和人民).
COORDINATORS = frozenset("和与及或")
#: The most letters a word added inside a form may have when the segmenter glued its
#: last one to the next word (更好地 of 华南更好地为多云, read 更好 | 地为).
MAX_ADDED = 4
#: Occurrences looked at for one that lies on word boundaries (see `PhraseLocator.at_whole`).
WHOLE_SAMPLES = 5


def one_word_apart(head: Segmented, variant: Segmented, *, any_end: bool = False) -> bool:
    """Whether `variant` is `head` with one whole word changed (see `word_change`)."""
    return word_change(head, variant, any_end=any_end) is not None


def related_change(head: Segmented, variant: Segmented, *, any_end: bool = False) -> bool:
    """Whether `variant` is `head` with one word swapped for a word sharing a character
    with it (国有 and 私有, 应有 and 呼应, 会议 and 议会): words built on one morpheme are
    akin, so the two forms say much the same, where 组成单位 and 组成规模 do not."""
    return kindred(word_change(head, variant, any_end=any_end))


def kindred(change: tuple[str, str] | None) -> bool:
    """Whether a word change (see `word_change`) swaps a word for one sharing a character
    with it (see `related_change`)."""
    return change is not None and bool(set(change[0]) & set(change[1]))


def word_change(head: Segmented, variant: Segmented, *,
                any_end: bool = False) -> tuple[str, str] | None:
    """(what `head` has, what `variant` has in its place) when one is the other with one
    whole word changed (see `_one_way_change`), else None: the segmenter may keep a
    word whole in one form (所有 | 国有企业) and not in the other (所有 | 私有 | 企业)."""
    change = _one_way_change(head, variant, any_end)
    if change is None:
        back = _one_way_change(variant, head, any_end)
        change = None if back is None else (back[1], back[0])
    return change


def _one_way_change(head: Segmented, variant: Segmented,
                    any_end: bool = False) -> tuple[str, str] | None:
    """(what `head` has, what `variant` has in its place) when `variant` is `head`
    with one whole word swapped, or one added or removed inside, at these two
    occurrences, else None. The variant begins and ends on word boundaries, its change
    is one content word of it (成果 for 成就, not 果 for 就), and the change begins and
    ends where words of the head do (or inside one of its compounds). A form that holds
    the head with something before or after it (中中国人民解放军总后勤部), or lies
    inside it, is that phrase in a context, not a variant; so is one with punctuation
    where the head has words (中国人民解放军、新疆北部). White space inside either is
    ignored."""
    heads, kept = _letters(head), _letters(variant)
    head_text = "".join(head.text[at] for at in heads)
    variant_text = "".join(variant.text[at] for at in kept)
    if (head_text == variant_text or head_text in variant_text or variant_text in head_text
            or not _on_edges(variant, kept)
            or _marks(head, heads) != _marks(variant, kept)):  # 艺术家和旅游者, 艺术家、记者
        return None
    same = 0
    while same < min(len(heads), len(kept)) and head_text[same] == variant_text[same]:
        same += 1
    tail = 0
    while (tail < min(len(heads), len(kept)) - same
           and head_text[-1 - tail] == variant_text[-1 - tail]):
        tail += 1
    if len(kept) > len(heads) and same + tail == len(heads):
        same = _added_on_words(variant, kept, head_text, variant_text, same)
        tail = len(heads) - same
    if same + tail == len(kept):  # a word removed: the variant must part there
        if not same or not tail or not _parts_at(variant.spans, kept[same]):
            return None
        if any(s < kept[same] < e for s, e in variant.spans):
            return None
        before, after = same, tail
        as_head = []
        read_apart = False
    else:
        as_head = _read_as_head(head, variant, heads, kept, same, tail)
        changed = as_head or [(s, e) for s, e in variant.spans
                              if s < kept[len(kept) - tail - 1] + 1 and e > kept[same]]
        read_apart = (len(changed) == 2 and same + tail == len(heads)
                      and _added_word(variant, changed, kept, same, tail))
        if read_apart:
            # A word added inside that the segmenter split (京 | 更好 | 地 | 会见) or glued
            # in part to the next word (华南 | 更好 | 地为 | 多云 of 华南为多云): the added
            # letters are one word of it, which parts the head there (see `parted`).
            changed = [(changed[0][0], kept[len(kept) - tail - 1] + 1)]
        swap = same + tail < len(heads)  # the head has letters of its own there
        if len(changed) != 1 or _function_word(variant.text[changed[0][0]:changed[0][1]],
                                               swap=swap):
            return None
        before = sum(1 for at in kept if at < changed[0][0])
        after = sum(1 for at in kept if at >= changed[0][1])
    # At an end, what is kept must be more than one word: 中国人民解放军 | 总参谋长 is
    # the name in another context, not a variant of 中国人民解放军总后勤部 (unless
    # `any_end`: the caller knows more, such as how the two forms are used).
    if not before and not after:
        return None
    if not (before and after):
        rest = kept[:before] if before else kept[len(kept) - after:]
        # Read with the head's words, the head's own must show more than one kept word.
        head_rest = heads[:before] if before else heads[len(heads) - after:]
        one_word = ((rest[0], rest[-1] + 1) in variant.spans
                    or bool(as_head) and (head_rest[0], head_rest[-1] + 1) in head.spans)
        if one_word and (not any_end or variant.text[rest[0]:rest[-1] + 1] in stop_words("zh")):
            return None
    first, last = before, len(heads) - after  # the head's changed letters: [first, last)
    if first == last and not (first and after):  # a word added, but not inside
        return None
    inside = bool(first and after)
    # A letter the variant swaps for a word of one letter may open a word the dictionary
    # keeps whole (做 | 广告 in 做广告, 照 | 广告; 反 | 腐败 in 反腐败, 裂 | 腐败): the
    # head parts there as the variant does, when one of the two letters is a verb, whose
    # object the rest of the word is. A title's prefix is not (副 | 研究员 in 副研究员,
    # 女 | 研究员): that is another title.
    letter_off = (last - first == 1 and len(kept) - before - after == 1
                  and _letter_off(head, heads[first])
                  and (_is_verb_letter(head.text[heads[first]])
                       or _is_verb_letter(variant.text[kept[before]])))
    # A word added inside that the variant reads as a word of its own between two others
    # parts the head there too, where the segmenter read the head's letters as one word
    # (奉献给 of 作品奉献给广大观众; 奉献 | 大力 | 给).
    # So does one `_added_word` reads as a word of its own (石油 | 更好 | 地换 of
    # 执行石油更好地换食品计划, where the dictionary holds 石油换).
    parted = letter_off or first == last and (read_apart or (
        _parts_at(variant.spans, kept[before])
        and _parts_at(variant.spans, kept[len(kept) - after])))
    if first and not parted and not _parts_or_compound(head, heads[first], inside):
        return None
    if after and not parted and not _parts_or_compound(head, heads[last], inside):
        return None
    touched = [(s, e) for s, e in head.spans if s < heads[last - 1] + 1 and e > heads[first]]
    if first < last and len(touched) > 1:
        return None
    change = (head_text[first:last], variant_text[before:len(kept) - after])
    # Either way the change is a content word: 实现税利 and 实现了税利 are one phrase. At
    # an end, though, a function word a phrase may open or close on may give way to a
    # content word where the caller knows more of the two forms (`any_end`): the phrase
    # is the words kept (凭名气和包装, 迈名气和包装; not 的流动性, which no phrase opens
    # so). Inside, a function word joins the words around it, and a content word in its
    # place makes another phrase (经营的发展, 经营健康发展).
    at_end = not (before and after)
    if _function_word(change[0], swap=all(change)) and not (
            any_end and at_end and all(change) and head.on_boundaries):
        return None
    # At an end, a word of another stem makes the kept part a phrase in another context
    # (政协的组成 | 单位, 包括, 依然); one of the same stem varies it (取得阶段性成就, 成果).
    if at_end and not kindred(change) and not any_end:
        return None
    # A word cut short (翻版 → 版, 训练 → 训) is a typing slip or a cut, not a variant.
    if all(change) and (change[0] in change[1] or change[1] in change[0]):
        return None
    return change


def _function_word(word: str, *, swap: bool) -> bool:
    """Whether `word`, changed in a variant, is a function word: one of `function_words`
    (the stop list less its nouns and adjectives, content words as much as any: 人 for 书
    in 人的卫生饮用水), save (where one word is swapped for another) a verb, which carries
    the phrase's action as any verb does (让人民群众满意, 使人民群众满意; 体育项目要让观众,
    体育项目要付观众)."""
    return word in function_words() and not (swap and _stop_word_tags().get(word) == "v")


def _read_as_head(head: Segmented, variant: Segmented, heads: list[int], kept: list[int],
                  same: int, tail: int) -> list[tuple[int, int]]:
    """The variant's changed word read where the head has its word, for a swap of as
    many letters: [(start, end)] in the variant when the letters in place of one head word
    make a dictionary word there, else []. The segmenter may glue a swapped word to its
    neighbour in one form and not in the other (需要 | 全 | 社会 | 的参与, 需要 | 全会 |
    长 | 的参与 for 会长 in place of 社会): a swap keeps the words around it, so the
    variant is read with the head's word bounds, a word and its aspect particle as one
    (获得, 得 | 了: `_inflected`), and the head's word with one letter swapped as a word on
    its stem (假画, 碎 | 画: `_letter_swapped`). Where the head's word is a compound of
    two dictionary words (保险行业: 保险 + 行业), the letters in place of the part that
    holds the change are read too, when they make a word of that part's stem (业态 for
    行业, read 保险业 | 态): a word of another stem there may be another compound's part
    (武装警察, 武装维和)."""
    if len(heads) != len(kept) or same + tail >= len(heads):
        return []
    inside = [(s, e) for s, e in head.spans
              if s <= heads[same] and heads[len(heads) - tail - 1] < e]
    if len(inside) != 1 or not head.start <= inside[0][0] < inside[0][1] <= head.end:
        return []
    first = [k for k, at in enumerate(heads) if inside[0][0] <= at < inside[0][1]]
    # A single letter is a word in any reading (学生会 | 主席, 学生将主席): only a word of
    # two letters or more says where the variant's word lies.
    if len(first) < 2:
        return []
    word = "".join(variant.text[kept[k]] for k in first)
    if _is_dictionary_word(word) or _inflected(word):
        return [(kept[first[0]], kept[first[-1]] + 1)]
    for cut in range(2, len(first) - 1):
        for part in (first[:cut], first[cut:]):
            own = "".join(head.text[heads[k]] for k in part)
            rest = "".join(head.text[heads[k]] for k in first if k not in part)
            changed = "".join(variant.text[kept[k]] for k in part)
            if (same >= part[0] and len(heads) - tail <= part[-1] + 1
                    and _is_dictionary_word(own) and _is_dictionary_word(rest)
                    and _is_dictionary_word(changed) and set(changed) & set(own)):
                return [(kept[part[0]], kept[part[-1]] + 1)]
    lo, hi = kept[first[0]], kept[first[-1]] + 1
    # Letters the variant reads into a word beyond the head's (乒乓球拍 | 买 of 乒乓球 |
    # 拍卖) belong to that word: no word of one letter swapped.
    apart = all(lo <= s and e <= hi for s, e in variant.spans if s < hi and e > lo)
    if apart and _letter_swapped("".join(head.text[heads[k]] for k in first), word,
                                 first[0], len(heads)):
        return [(lo, hi)]
    return []


def _added_on_words(variant: Segmented, kept: list[int], head_text: str, variant_text: str,
                    same: int) -> int:
    """Where the letters a variant adds begin (after how many letters of the head), for a
    variant that adds letters to its head (`same`: the head's letters it begins with).
    Next to a letter the added word repeats (我国 | 进一步 | 进行 of 我国进行), the added
    letters may also be read a letter off (我国进 | 一步进 | 行): of the readings, the
    first (from the end of the shared start) whose added letters begin and end on words
    of the variant, else `same`."""
    added = len(variant_text) - len(head_text)
    for start in range(same, -1, -1):
        if not variant_text.endswith(head_text[start:]):
            break
        first, last = kept[start], kept[start + added - 1] + 1
        if _parts_at(variant.spans, first) and any(e == last for _, e in variant.spans):
            return start
    return same


def _added_word(variant: Segmented, changed: list[tuple[int, int]], kept: list[int],
                same: int, tail: int) -> bool:
    """Whether the few letters `variant` adds (`kept[same:len(kept) - tail]`) are read as
    two words (更好 | 地) or as a word and the first letter of the next one (更好 | 地为):
    the first of the two begins where the added letters do, the second ends with them or
    in the kept part after them."""
    first, last = kept[same], kept[len(kept) - tail - 1]
    (start, _), (_, end) = changed
    return start == first and end > last and last - first < MAX_ADDED


def _on_edges(found: Segmented, letters: list[int]) -> bool:
    """Whether an occurrence begins where a word begins and ends where one ends (its
    first word may be a function word, as its formulation's may: 比批评更容易使人)."""
    return (bool(letters) and _parts_at(found.spans, letters[0])
            and any(e == letters[-1] + 1 for _, e in found.spans))


def _marks(found: Segmented, letters: list[int]) -> str:
    """The punctuation of an occurrence: its letters outside every word, in order."""
    return "".join(found.text[at] for at in letters
                   if not any(s <= at < e for s, e in found.spans))


def _letters(found: Segmented) -> list[int]:
    """Offsets of the characters of an occurrence that are not white space."""
    return [at for at in range(found.start, found.end) if not found.text[at].isspace()]


def _parts_at(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether a word begins at offset `at`."""
    return any(s == at for s, _ in spans)


def _letter_off(words: Segmented, at: int) -> bool:
    """Whether the letter at offset `at` opens a word of `words` whose other letters, two
    or more, make a word of the dictionary, as a verb of one letter and its object do (做 |
    广告, 反 | 腐败), which the dictionary keeps whole. A closing letter is no such word:
    it makes a noun of the word before it (学生会, 经济学)."""
    return any(at == s and e - s >= 3 and _in_dictionary(words.text[s + 1:e])
               for s, e in words.spans)


def _parts_or_compound(words: Segmented, at: int, compound: bool) -> bool:
    """Whether a word of `words` begins at `at`, or `at` is the middle of a pair of words
    kept as one, or next to the conjunction of a coordination kept as one (党 | 和人民 of
    党和人民), or (if `compound`) `at` lies inside a compound name, or inside a word the
    segmenter's HMM made of characters its dictionary does not join (获应 of 客人获应中联部,
    where the dictionary reads 获 | 应 as it reads 是 | 应 in 客人是应中联部)."""
    return any(s == at or (e - s == PAIR_WORD and at == s + PAIR_WORD // 2)
               or (s < at < e and COORDINATORS.intersection(words.text[at - 1:at + 1]))
               or (compound and s < at < e and e - s >= COMPOUND_WORD)
               or (s < at < e and not _is_dictionary_word("".join(words.text[s:e].split())))
               for s, e in words.spans)
