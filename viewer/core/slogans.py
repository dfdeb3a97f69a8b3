"""Slogans: the set phrases two texts use, found in both or in one of them.

The two texts go through the phrase machinery the collection's formulations use
(`viewer.core.phrases`): maximal recurring stretches of up to about 20 words (Chinese:
about 30 characters), never cut at a length limit (a longer stretch that recurs is a copied
passage), starting and ending where a phrase can (not on a dangling "of the", not mid-word:
Chinese ends are checked on jieba's words and their classes, a stretch that opens or closes
on a function word giving way to the phrase inside it, 改革开放 of 改革开放和, and one short Chinese
word, a name or 研讨会, is no phrase), judged by how much they look like a set phrase (capped
surprise of their content words, and whether they are used freely: a piece of a passage the
two share stands in the same context in both, which neighbour variety sees), and ranked by
that and how often they recur, phrases in both texts first. A phrase inside a listed one is
left out unless it recurs clearly more often on its own, and one every occurrence of which
lies inside longer listed ones is a fragment. Two-text rules besides (the collection's
formulations do not use them): a stretch that always comes straight after a modifier (the
first words of a longer phrase vary: "modern socialist / socialist modern" country in an
all-round way; a word used only twice, before a content word both times, modifies too:
"powerful") or after a figure (the unit of a quantity: "trillion yuan") is a piece, not a
phrase; a run opening on a manner adverb ("thoroughly implement") is a verb run, and one
holding "is" / "are" that ends no clause at any use is a clause cut short; a comma or
a figure-like word ("5G, big data", "4G base stations") does not make a word a compound's
tail; a rare hyphenated compound of two content words ("self-reliance") is a term; a short
run whose head word the texts use at about its rate in the language at large ("in recent
years", "second in the world"), or in which a word takes an object with an article
("promote the construction" of ...), is an ordinary word run; a phrase ending on a
possessive each time ("enhance my country's") is cut short, and so is one ending on a word
written small that may be an adjective or can only be a verb, straight before a content
word at every use ("overall national" security / strength, "strive to achieve"
breakthroughs), and so is one whose nearest content word on one side is always the same,
past varying small words or in varying forms (from three uses, or two where it comes
straight after a word written small: "key core" technology / technologies), unless that
word is a verb, one the texts inflect ("adhere / adhering to the" people-centered
development); where that word comes after it and each writing up to it is used once, the
phrase is completed instead, listed whole in its writings ("... with Comrade Xi Jinping at
the core / as the core / at its core"); a phrase seen once in each text that is, but for
one word, made of listed phrases much more frequent is those phrases in a context ("improve
network security"), and so is one that is a more frequent candidate, used on its own too,
plus one word ("construction of a network power"), which would otherwise hide it as a
piece; so is one seen once in each text across a comma (a list that is a formulation
recurs), and one used twice, across a comma once only (but for a comma before "and" /
"or"), and one across a comma that ends a stretch used more often, at each of its uses,
where the stretch after it is too ("Since the 18th National Congress ...," the Party
Central Committee); a piece of a
name always has another capitalized word of the name beside it ("World / China Internet
Conference"). A stretch a comma ends at every use is whole, whatever
clause follows; and a name of several capitalized words is as fixed as any context it
stands in, so it is listed even from inside a passage the texts repeat ("Xi Jinping Thought
on Socialism with Chinese Characteristics for a New Era, especially ..."). A hyphen makes a
phrase end inside a word where most of its uses have it (not a title's
"Modernization-General"); a phrase may end before "and" or "or" when the next conjunct
varies; for a phrase both texts use, a line one of them writes out again (a page header) is
one use when judging its neighbours' variety. Every word form of a listed phrase is counted
with it, even a form that on its own is a piece of longer listed phrases. Near-variants
(one word swapped or added, two content words kept; or the same words with other endings:
plurals, verb forms; or a compound and its "of" form: "digital China construction",
"construction of digital China") are one slogan with its variants counted together; forms
one word apart are two phrases when the head differs, or a content word is added ("national
[network] security"); two Chinese forms one text uses side by side are two phrases (出口买方信贷,
出口卖方信贷). The user's watch-list is always searched with the same normalization.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, partial

import numpy as np

from viewer.core import english_lexicon
from viewer.core.english_lexicon import Readings
from viewer.core.grams import gram_hashes
from viewer.core.han_script import key_characters
from viewer.core.model import KnownForms, Slogan, Span
from viewer.core.normalize import APOSTROPHES, Normalizer, plain_key
from viewer.core.phrase_scorer import (
    CONTENT_CAP,
    COORDINATORS,
    HYPHEN_TERM_BITS,
    HYPHENATED_SHARE,
    MIN_CONTENT_BITS,
    Candidates,
    PhraseScorer,
    select_phrases,
)
from viewer.core.phrases import COMMA_CHARS, RecurringGrams, breaks_after, joined_after
from viewer.core.rarity import frequencies, is_number
from viewer.core.tokenize import (
    TokenStream,
    Vocabulary,
    as_written,
    token_offsets,
    word_spans,
)
from viewer.core.translations import content_at_first_use, join_translated
from viewer.core.variants import group_variants
from viewer.core.word_bounds import PhraseLocator

_POSSESSIVES = tuple(f"{mark}s" for mark in APOSTROPHES)
_LINE_ENDS = np.array([ord("\n"), ord("\r")], dtype=np.uint32)
_DIGIT = re.compile(r"\d")
#: More variants than this make a template ("cited the X", "praised the X"), not a slogan.
MAX_VARIANTS = 3
#: How much rarer than its -ly adverb a word may be and still be its stem.
STEM_RARER = 4.0
#: A Chinese variant changes a word of up to this many characters and keeps this share.
CJK_LONGEST_WORD = 4
CJK_VARIANT_KEPT = 0.6
#: Distinct words two forms sharing a single content word must both follow (see
#: `_frames`) to be one formulation.
SHARED_FRAMES = 2


@dataclass(frozen=True)
class SloganContext:
    """What the slogan finder needs of one document."""

    text: str
    tokens: TokenStream


def find_slogans(a: SloganContext, b: SloganContext, vocabulary: Vocabulary,
                 bits: np.ndarray, is_stop: np.ndarray, *, min_words: int,
                 max_words: int, min_count: int, limit: int,
                 cjk: bool = False, rates_known: bool = False,
                 english: bool = False) -> list[Slogan]:
    """The set phrases of `a` and `b`, best first, at most `limit`. `english`: the texts
    are English, so translations of one Chinese formulation are joined."""
    split = len(a.tokens)
    ids = np.concatenate((a.tokens.ids, b.tokens.ids))
    if len(ids) < 2:
        return []
    stops = np.concatenate((breaks_after(a.tokens), breaks_after(b.tokens)))
    doc_of = np.repeat(np.arange(2), (split, len(b.tokens)))
    lemmas = base_forms(vocabulary) if not cjk else np.arange(len(vocabulary.keys))
    grams = RecurringGrams(ids, stops, np.zeros(len(ids), dtype=bool), doc_of, max_words + 1,
                           min_docs=1, min_count=min_count)
    grams.paragraph_ends = np.concatenate([breaks_after(c.tokens, _LINE_ENDS, symbols=False)
                                           for c in (a, b)])
    scorer = PhraseScorer(grams, bits, is_stop, is_number(vocabulary.keys), cjk=cjk)
    joined = scorer.joined = np.concatenate((joined_after(a.tokens), joined_after(b.tokens)))
    scorer.compounds = scorer.hyphens_by_uses = True
    if english:
        # Words, not stems ("technolog"): the lexicon is looked up by word.
        spellings = vocabulary.spellings
        scorer.english_keys = [plain_key(spellings[k]) if k < len(spellings) and spellings[k]
                               else key for k, key in enumerate(vocabulary.keys)]
    if not cjk:
        scorer.coordinator = np.fromiter(map(COORDINATORS["en"].__contains__, vocabulary.keys),
                                         dtype=bool, count=len(vocabulary.keys))
    scorer.capitalized = np.concatenate([_capitalized(c.text, c.tokens) for c in (a, b)])
    coded = np.fromiter((m is not None for m in map(_DIGIT.search, vocabulary.keys)),
                        dtype=bool, count=len(vocabulary.keys))[ids]
    commas = np.concatenate([breaks_after(c.tokens, COMMA_CHARS, symbols=False) for c in (a, b)])
    scorer.apart = commas | coded | np.concatenate((coded[1:], [True]))
    scorer.commas = commas
    if not cjk:
        scorer.comma_after = commas
    table = scorer.table(max_words, min_words, few=True)
    count_a = grams.counts_before(table.n, table.index, split)
    both = (count_a > 0) & (count_a < table.count)
    strength = scorer.strength(table)
    if not cjk:
        strength = _with_whole_names(table, grams, scorer, strength)
    score = strength * np.log2(1 + table.count) * np.where(both, 2.0, 1.0)
    # Uses of pieces run on into the word that completes them: (first, last) token by
    # first token (see `_goes_on_into_one_word`).
    completed: dict[tuple[int, int], dict[int, tuple[int, int]]] = {}
    if not cjk:
        score[_cut_at_commas(table, grams, scorer, score)] = 0.0
        score[_always_after_modifier(table, grams, scorer)] = 0.0
        score[_hyphen_words(table, grams, scorer, joined)] = 0.0
        # A run opening on a manner adverb is a verb with its manner ("thoroughly
        # implement", "vigorously promote"), not a formulation.
        score[manner_adverbs(scorer.english_keys or vocabulary.keys,
                             english_lexicon.readings() if english else None
                             )[ids[table.first]]] = 0.0
        articles = np.fromiter((k in _ARTICLES for k in vocabulary.keys), dtype=bool,
                               count=len(vocabulary.keys))
        if rates_known:
            score[_ordinary_runs(table, grams, scorer, articles)] = 0.0
        # A phrase that ends on a possessive each time ("enhance my country's") is cut
        # before what the possessive qualifies.
        possessive = np.concatenate([_possessives(c.tokens) for c in (a, b)])
        # The costlier checks look only at candidates still in the running.
        alive = np.flatnonzero(score > 0)
        left = table.take(alive)
        ends_possessive = _every_occurrence(left, grams,
                                            lambda where, n: possessive[where + n - 1])
        negations = np.fromiter((k in _NEGATIONS for k in vocabulary.keys), dtype=bool,
                                count=len(vocabulary.keys))
        piece, whole = _goes_on_into_one_word(left, grams, scorer, lemmas, articles,
                                              verb_forms(vocabulary.keys, lemmas), max_words,
                                              negations)
        completed.update({(int(left.n[row]), int(left.index[row])): reach
                          for row, reach in whole.items()})
        open_end = _open_ended(left, grams, scorer) if english else np.zeros(len(left), bool)
        open_end[list(whole)] = False
        score[alive[ends_possessive | piece | open_end | _inside_names(left, grams, scorer)]] \
            = 0.0
        # Seen once in each text across a comma: a piece of a passage they share, since
        # a list that is a formulation recurs ("stronger, better and bigger").
        counted = np.concatenate(([0], np.cumsum(commas)))
        across = counted[table.first + table.n - 1] > counted[table.first]
        score[across & both & (table.count == 2)] = 0.0
        # Used twice, across a comma once and straight on once: two runs of words that
        # meet by chance ("with informatization, promote new development", "use
        # informatization Promote ..."), for a set phrase is written one way; but for a
        # comma before "and" / "or", which lists take or leave ("new tasks, and new
        # requirements").
        if english:
            score[_clauses_cut_short(table, grams, scorer,
                                     np.maximum(count_a, table.count - count_a))] = 0.0
        serial = commas & np.concatenate((scorer.coordinator[ids[1:]], [False]))
        score[_whole_before_a_comma(table, grams, commas, commas & ~serial)] = 0.0
        twice = np.flatnonzero((score > 0) & (table.count == 2))
        pair = table.take(twice)
        if len(pair):
            plain = np.concatenate(([0], np.cumsum(commas & ~serial)))

            def within(where: np.ndarray, n: int) -> np.ndarray:
                return plain[where + n - 1] == plain[where]

            score[twice[~_every_occurrence(pair, grams, within) & ~_every_occurrence(
                pair, grams, lambda where, n: ~within(where, n))]] = 0.0
    order = np.lexsort((table.first, -score, ~both))
    order = order[score[order] > 0]
    ranked = list(zip(table.n[order].tolist(), table.index[order].tolist(), strict=True))
    rows: Iterable[tuple[int, int]]
    located: PhraseLocator | None = None
    if cjk:
        located = PhraseLocator((a.text, b.text), token_offsets((a.tokens, b.tokens)), grams)
        # One short word (研讨会, 进一步, a name) recurs, but is no set phrase.
        rows = (form for form in _on_words(ranked, grams, located) if located.is_phrase(*form))
    else:
        # Seen once in each text, a phrase candidate used more often in it plus one word
        # ("construction of a network power" beside "network power", also used on its
        # own): that phrase in a context, which would otherwise hide it as a piece.
        contexts = _phrases_in_context(ranked, grams, scorer, _CANDIDATE_CONTEXT_RATIO,
                                       single=True)
        ranked = [form for form in ranked if form not in contexts]
        rows = ranked
    # A few spare candidates, since fragments of listed phrases are dropped after.
    forms = select_phrases(scorer, rows, limit=limit + limit // 2)
    forms = _without_fragments(forms, grams, limit + limit // 2)
    # Phrases in a context are dropped once grouped, unless variants of another phrase.
    in_context = _phrases_in_context(forms, grams, scorer) if not cjk else set()
    texts = (a.text, b.text)
    starts = np.concatenate((a.tokens.starts, b.tokens.starts))
    ends = np.concatenate((a.tokens.ends, b.tokens.ends))

    def reach(form: tuple[int, int], p: int) -> tuple[int, int]:
        """The first and last token of the use of `form` at `p`, completed or not."""
        return completed.get(form, {}).get(p, (p, p + form[0] - 1))

    def written(form: tuple[int, int], doc: int | None = None,
                most: int | None = 8) -> list[str]:
        """The phrase as its first `most` uses (in `doc`, if given) write it."""
        return [text for text, _ in writings(form, doc, most)]

    def writings(form: tuple[int, int], doc: int | None = None,
                 most: int | None = 8) -> list[tuple[str, int]]:
        """`written`, each with its length in tokens, in the order of the texts."""
        where = np.sort(grams.levels[form[0]].occurrences(form[1]))
        if doc is not None:
            where = where[doc_of[where] == doc]
        out = []
        for p in where[:most].tolist():
            first, last = reach(form, p)
            text = texts[int(doc_of[p])]
            out.append((as_written(text[int(starts[first]):int(ends[last])]),
                        last - first + 1))
        return out

    def shown(form: tuple[int, int], doc: int | None = None) -> str:
        """The phrase as written (in `doc`, if given: "" where it is not used there): as
        most of its uses without a possessive at its end write it, the first such use on
        a tie, so a stray capital of one use ("the new Development concept") is not the
        phrase's name (a completed one: at its first use, in the canonical order of the
        texts, each writing being used once, its other writings being its variants)."""
        uses = written(form, doc, most=None)
        plain = [w for w in uses if not w.endswith(_POSSESSIVES)] or uses[:1]
        return max(plain, key=Counter(plain).__getitem__, default="")

    def in_two_scripts(form: tuple[int, int]) -> tuple[str, str] | None:
        """The phrase as A and as B write it, where their letters differ in script only
        (互联网, 互聯網); None otherwise (a case, a hyphen or a comma apart is one
        spelling, shown as before)."""
        in_a, in_b = shown(form, 0), shown(form, 1)
        letters_a, letters_b = (
            "".join(c for c in spelled.casefold() if c.isalnum()) for spelled in (in_a, in_b))
        if in_a and in_b and letters_a != letters_b and key_characters(
                letters_a) == key_characters(letters_b):
            return in_a, in_b
        return None

    # Two forms sharing one content word are grouped only where they stand in the same
    # frames (`_frames`): neither their words nor the shipped embeddings tell
    # "network power" / "cyber power" (cosine 0.48) from "digital technology" / "digital
    # society" (0.75), but the sentences they are written into do.
    # Forms whose words differ only in their endings ("core technology / technologies",
    # "promote / promoting Chinese-style modernization"), or in the order of a compound
    # and its "of" form ("digital China construction / construction of digital China"),
    # are one phrase before anything.
    small_words = np.zeros(len(vocabulary.keys), dtype=bool)
    if not cjk:
        small_words[[vocabulary.ids[w] for w in (*_ARTICLES, "of") if w in vocabulary.ids]] \
            = True
    of = vocabulary.ids.get("of", -1) if not cjk else -1

    @cache
    def same_phrase(form: tuple[int, int]) -> tuple[int, ...]:
        words = scorer.words(*form)
        if of in words and all(small_words[w] or not scorer.no_content[w] for w in words):
            at = words.index(of)
            head = [w for w in words[:at] if not small_words[w]]
            rest = [w for w in words[at + 1:] if not small_words[w]]
            if head and rest and of not in words[at + 1:]:
                words = tuple(rest + head)
        return tuple(lemmas[list(words)].tolist())

    @cache
    def frames(form: tuple[int, int]) -> frozenset[int]:
        return _frames(form, grams, scorer, lemmas)

    inflections: dict[tuple[int, ...], list[tuple[int, int]]] = {}
    for form in forms:
        inflections.setdefault(same_phrase(form), []).append(form)
    if not cjk:
        # Another form of a listed phrase is counted with it even when, on its own, it
        # was left out as a piece of longer listed phrases ("core technologies", each
        # use inside "key core technologies" or a longer stretch, beside a listed "core
        # technology"): the phrase is listed, so all of its forms are.
        chosen = set(forms)
        for form in ranked:
            if form not in chosen and (same := inflections.get(same_phrase(form))):
                same.append(form)
    grouped = group_variants([same[0] for same in inflections.values()],
                             lambda form: scorer.words(*form),
                             lambda word: not scorer.no_content[word],
                             lambda one, other: not cjk and len(
                                 frames(one) & frames(other)) >= SHARED_FRAMES,
                             widest=CJK_LONGEST_WORD if cjk else 1, strong=4 if cjk else 2,
                             kept=CJK_VARIANT_KEPT if cjk else 0.0,
                             apart=(lambda one, other: _used_side_by_side(one, other, grams))
                             if cjk else lambda one, other: _other_phrases(
                                 scorer.words(*one), scorer.words(*other), scorer.no_content))
    groups = [[form for head in group for form in inflections[same_phrase(head)]]
              for group in grouped]
    listed = set(forms)
    kept: list[list[tuple[int, int]]] = []
    for heads, group in zip(grouped, groups, strict=True):
        if in_context.issuperset(f for f in group if f in listed):
            continue
        group.sort(key=lambda f: -int(grams.levels[f[0]].count[f[1]]))
        # Many phrases differing in one place are a template with a slot, not one phrase
        # (word forms of one phrase are not counted apart).
        if len(heads) > MAX_VARIANTS + 1 or len(group) > 2 * (MAX_VARIANTS + 1):
            del group[1:]
        kept.append(group)
    if english:
        # One Chinese formulation translated a compound and a character at a time
        # ("network power", "strong network country"): see `translations`.
        kept = join_translated(kept, content_at_first_use(
            grams, texts, (a.tokens, b.tokens), scorer.no_content))
    slogans: list[Slogan] = []
    for group in kept:
        if len(slogans) == limit:
            break
        occurrences: list[set[Span]] = [set(), set()]
        for form in group:
            for p in grams.levels[form[0]].occurrences(form[1]).tolist():
                # A Chinese use that cuts a word (话剧艺术 of 话剧艺术家) is no use of the
                # phrase, however most of its uses read.
                if located is not None and not located.at(form[0], p).on_word_edges:
                    continue
                first, last = reach(form, p)
                occurrences[int(doc_of[p])].add((int(starts[first]), int(ends[last])))
        # Two forms of the group read at one place (加快建设网络强国 inside 加快建设网络强国、
        # 数字中国) are one use of the slogan.
        uses_a, uses_b = (apart_spans(list(spans)) for spans in occurrences)
        if len(uses_a) + len(uses_b) < min_count:
            continue
        phrase, phrase_b = (cjk and in_two_scripts(group[0])) or (shown(group[0]), "")
        forms_written = [shown(f) for f in group[1:]]
        # A completed form's other writings are its variants too.
        forms_written += [w for f in group if f in completed for w in written(f, most=None)]
        variants = tuple(v for v in dict.fromkeys(forms_written) if v != phrase)
        words = dict(writings(group[0], most=None)).get(phrase, group[0][0])
        slogans.append(Slogan(phrase=phrase, words=words,
                              occurrences_a=uses_a, occurrences_b=uses_b,
                              variants=variants, phrase_b=phrase_b))
    return slogans


def _on_words(ranked: Iterable[tuple[int, int]], grams: RecurringGrams,
              located: PhraseLocator) -> Iterator[tuple[int, int]]:
    """The `ranked` Chinese candidates on word boundaries, a candidate that opens or
    closes on a function word (改革开放和, 在人民大会堂) giving way to the phrase inside it,
    where that recurs on word boundaries: the stretch every use of which goes on with a
    conjunction or comes after a preposition is whole without it. Each once, lazily: the
    caller takes the first few."""
    seen: set[tuple[int, int]] = set()
    for n, index in ranked:
        form: tuple[int, int] | None = (n, index)
        if not located.on_words(n, index, samples=3):
            form = None
            first = int(grams.levels[n].first[index])
            inner = located.without_function_ends(n, first)
            if inner is not None and inner[1] in grams.levels:
                lead, length = inner
                kept = int(grams.levels[length].gram_at(np.array([first + lead]))[0])
                if kept >= 0 and located.on_words(length, kept, samples=3):
                    form = (length, kept)
        if form is not None and form not in seen:
            seen.add(form)
            yield form


def _frames(form: tuple[int, int], grams: RecurringGrams, scorer: PhraseScorer,
            lemmas: np.ndarray) -> frozenset[int]:
    """The frames a form stands in: the nearest content words before its uses, as base
    forms. Two forms sharing a single content word are one formulation when their frames
    share `SHARED_FRAMES` words: a formulation translated two ways is written into the same
    sentences ("building a / construction of a cyber power", "... network power"); two
    phrases that share a word ("economic / social development") are said of different
    things."""
    n, index = form
    before = _nearest_content(grams, scorer, grams.levels[n].occurrences(index), -1)
    return frozenset(lemmas[grams.ids[before[before >= 0]]].tolist())


def _used_side_by_side(one: tuple[int, int], other: tuple[int, int],
                       grams: RecurringGrams) -> bool:
    """Whether two Chinese forms (as grams) of one length, one swapping letters of the
    other, are both used in one text: a writer who writes both means two things
    (出口买方信贷 and 出口卖方信贷, 儿童文学作家 and 儿童文学作品), where one phrase is
    written differently by two writers. A word added (国民的素质, 国民的整体素质) may be
    the writer's own variation."""
    if one[0] != other[0]:
        return False
    docs = [set(grams.doc_of[grams.levels[n].occurrences(i)].tolist()) for n, i in (one, other)]
    return bool(docs[0] & docs[1])


def _other_phrases(one: tuple[int, ...], other: tuple[int, ...],
                   no_content: np.ndarray) -> bool:
    """Whether two English forms one word apart say different things however much they
    share: another head (the last word: "network information technology / industry"), a
    content word for a small one ("innovation and / -driven development"), or a content
    word added ("national [network] security", "strong [online] country"). A modifier
    swapped ("strong cyber / network country") or a small word added ("construction of
    [a] digital China") leaves one phrase."""
    if len(one) == len(other):
        changed = [k for k, (x, y) in enumerate(zip(one, other, strict=True)) if x != y]
        return any(k == len(one) - 1 or no_content[one[k]] != no_content[other[k]]
                   for k in changed)
    short, long_ = sorted((one, other), key=len)
    added = next((k for k, w in enumerate(short) if w != long_[k]), len(short))
    return not no_content[long_[added]]


def base_forms(vocabulary: Vocabulary) -> np.ndarray:
    """Per vocabulary id, the id of its base form when it is an English plural or verb
    form whose base is in the vocabulary too ("technologies": "technology", "stations":
    "station", "promoting": "promote", "developed": "develop"), else its own id."""
    ids = vocabulary.ids
    out = np.arange(len(vocabulary.keys))
    for at, key in enumerate(vocabulary.keys):
        if len(key) < 4 or not key.endswith(("s", "ing", "ed")) or key.endswith("ss"):
            continue
        bases: tuple[str, ...]
        if key.endswith("s"):
            bases = (key[:-3] + "y" if key.endswith("ies") else "", key[:-1], key[:-2])
        elif key.endswith("ing"):
            bases = (key[:-3], key[:-3] + "e")
        else:
            bases = (key[:-1], key[:-2])
        for base in bases:
            found = ids.get(base, -1) if len(base) >= 3 else -1
            if found >= 0:
                out[at] = found
                break
    return out


def verb_forms(keys: Sequence[str], lemmas: np.ndarray) -> np.ndarray:
    """Per key, whether the texts use its word in a verb form: its base form (see
    `base_forms`) is that of a word of the vocabulary ending in -ing or -ed ("adhere",
    "adhering"; not "technology", whose "technologies" is a plural)."""
    inflected = np.fromiter((k.endswith(("ing", "ed")) for k in keys), dtype=bool,
                            count=len(keys)) & (lemmas != np.arange(len(keys)))
    out = np.zeros(len(keys), dtype=bool)
    out[lemmas[inflected]] = True
    return out[lemmas]


def manner_adverbs(keys: Sequence[str], lexicon: Readings | None = None) -> np.ndarray:
    """Per key, whether it is an English adverb made from another word with -ly
    (thorough-ly, vigorous-ly, full-y, eas-ily, possib-ly): a word ending in -ly whose
    stem is a word of the language nearly as common (not "family", "supply", "Italy").
    A word too rare for the word list is judged by the `lexicon`, when given: an adverb
    it lists as nothing else, or a word it lacks whose stem it lists as an adjective
    ("unswerving-ly")."""
    freq = frequencies("en")
    out = np.zeros(len(keys), dtype=bool)
    for at, key in enumerate(keys):
        if len(key) < 5 or not key.endswith("ly"):
            continue
        stems = (key[:-2], key[:-1], key[:-3] + "y", key[:-2] + "e",
                 key[:-1] + "e" if key.endswith("bly") else "")
        # The stem may be somewhat rarer than its adverb ("thorough" < "thoroughly").
        own = freq.get(key, 0.0) / STEM_RARER
        out[at] = any(len(stem) >= 4 and freq.get(stem, 0.0) > own for stem in stems)
        if lexicon is not None and not own:
            out[at] |= key in lexicon.adverbs_only or (
                key not in lexicon.adverbs and key not in lexicon.adjectives
                and any(len(stem) >= 4 and stem in lexicon.adjectives for stem in stems))
    return out


def _hyphen_words(table: Candidates, grams: RecurringGrams, scorer: PhraseScorer,
                  joined: np.ndarray) -> np.ndarray:
    """Per candidate, whether it is two words joined by a hyphen in its uses
    (`HYPHENATED_SHARE`: "high-quality", whatever its first use, such as a title's "High
    Quality"), as a phrase may not end inside it (`PhraseScorer.hyphens_by_uses`), and not
    a term (see `HYPHEN_TERM_BITS`): one word of the language, not a phrase."""
    out = np.zeros(len(table), dtype=bool)
    rows = np.flatnonzero(table.n == 2)
    if not len(rows):
        return out
    level = grams.levels[2]
    index = table.index[rows]
    hyphened = level.per_gram(index, joined[level.grouped_at(index)])
    words = grams.ids[table.first[rows][:, None] + np.arange(2)]
    rare = (~scorer.no_content[words]).all(axis=1) \
        & (scorer.bits[words].sum(axis=1) >= HYPHEN_TERM_BITS)
    out[rows] = (hyphened >= HYPHENATED_SHARE * level.count[index]) & ~rare
    return out


#: How much more often than in the language at large (bits: log2 of the ratio of rates)
#: the two texts must use a phrase's head word for the phrase to be of their own language.
HEAD_KEYNESS = 3.0
SHORT_CONTENT_WORDS = 2


def _ordinary_runs(table: Candidates, grams: RecurringGrams, scorer: PhraseScorer,
                   articles: np.ndarray) -> np.ndarray:
    """Per candidate, whether it is an ordinary word run rather than a formulation of
    the two texts' discourse: a short phrase (at most `SHORT_CONTENT_WORDS` content words,
    a hyphenated word counting as one) either

    - whose head (last word: English phrases end on their head) the two texts use at
      about its rate in the language at large, less than 2 ** `HEAD_KEYNESS` times it
      ("in recent years", "second in the world", "in an all-round way", "put forward"),
      where a formulation's head is what the texts are about ("network security", "new
      era"); or
    - in which a word takes an object with an article ("promote the construction" of,
      "promote the integration" of): a verb with its object, whose own object follows.

    In a longer phrase the other words carry it ("building a modern socialist country in
    an all-round way")."""
    ids = grams.ids
    rate = grams.word_count / max(1, len(ids))
    with np.errstate(divide="ignore"):
        keyness = scorer.bits[:len(rate)] + np.log2(rate)
    last = table.first + table.n - 1
    content = ~scorer.no_content[ids]
    words = content if scorer.joined is None else content & ~scorer.joined
    counted = np.concatenate(([0], np.cumsum(words)))
    short = counted[last + 1] - counted[table.first] <= SHORT_CONTENT_WORDS
    takes = np.concatenate((content[:-1] & articles[ids[1:]] & ~grams.stops[:-1], [False]))
    taking = np.concatenate(([0], np.cumsum(takes)))
    verb_run = taking[last] - taking[table.first] > 0
    return short & ((keyness[ids[last]] < HEAD_KEYNESS) | verb_run)


def _cut_at_commas(table: Candidates, grams: RecurringGrams, scorer: PhraseScorer,
                   score: np.ndarray) -> np.ndarray:
    """Per candidate, whether it is whole only because a comma ends it (a comma follows
    every use, and its one-word longer form across the comma takes nearly all of them,
    see `PhraseScorer.maximal`) while a longer candidate with a score holds every use of
    it ("make the digital economy stronger" of "... stronger, better and bigger"): then
    it is a piece of that."""
    out = np.zeros(len(table), dtype=bool)
    commas = scorer.comma_after
    if commas is None:
        return out
    live = np.flatnonzero(score > 0)
    ended = live[_every_occurrence(table.take(live), grams,
                                   lambda where, n: commas[where + n - 1])]
    cut: dict[tuple[int, int], int] = {}  # form -> its row
    for n in np.unique(table.n[ended]).tolist():
        rows = ended[table.n[ended] == n]
        counts = table.count[rows]
        heads = np.cumsum(counts) - counts
        # The commonest one-word longer form across the comma, from the uses themselves.
        longer = grams.counts_of(grams.levels[n].grouped_at(table.index[rows]), n + 1)
        over = rows[np.maximum.reduceat(longer, heads) * 10 >= counts * 9]
        cut.update(((n, int(table.index[r])), int(r)) for r in over.tolist())
    if not cut:
        return out
    candidates = set(zip(table.n[live].tolist(), table.index[live].tolist(), strict=True))
    out[[cut[form] for form in _inside_longer(list(cut), candidates, grams)]] = True
    return out


def _with_whole_names(table: Candidates, grams: RecurringGrams, scorer: PhraseScorer,
                      strength: np.ndarray) -> np.ndarray:
    """`strength`, with full variety for names: every content word capitalized at every
    use, more than `SHORT_CONTENT_WORDS` of them. A name is as fixed as any context it
    stands in, even a passage the texts repeat, where its neighbours hardly vary ("Xi
    Jinping Thought on Socialism with Chinese Characteristics for a New Era", always
    inside "we must adhere to the guidance of ..., especially ..."). A short name ("Xi
    Jinping") is a person or a place, not a doctrine or a title."""
    capital = scorer.capitalized
    if capital is None:
        return strength
    # Only those written with capitals at their first use need a look at every use.
    rich = np.flatnonzero((table.content >= MIN_CONTENT_BITS) & capital[table.first]
                          & capital[table.first + table.n - 1])
    if not len(rich):
        return strength
    rows = table.take(rich)
    ids = grams.ids
    written = capital | scorer.no_content[ids]
    name = _every_occurrence(rows, grams, lambda where, n: written[
        where[:, None] + np.arange(n)].all(axis=1) & capital[where] & capital[where + n - 1])
    counted = np.concatenate(([0], np.cumsum(~scorer.no_content[ids])))
    name &= counted[rows.first + rows.n] - counted[rows.first] > SHORT_CONTENT_WORDS
    out = strength.copy()
    out[rich[name]] = np.minimum(table.content[rich[name]], CONTENT_CAP)
    return out


def _inside_names(table: Candidates, grams: RecurringGrams,
                  scorer: PhraseScorer) -> np.ndarray:
    """Per candidate written with capitals, whether on one side every occurrence has a
    capitalized content word straight beside it (no break): a piece of longer names
    ("Internet Conference" of the World / China Internet Conference), not a name."""
    ids, stops, doc_of = grams.ids, grams.stops, grams.doc_of
    size = len(ids)
    if scorer.capitalized is None or size < 2:
        return np.zeros(len(table), dtype=bool)
    name = scorer.capitalized & ~scorer.no_content[ids]
    linked = ~stops[:-1] & (doc_of[:-1] == doc_of[1:])
    glued_before = np.concatenate(([False], name[:-1] & linked))
    glued_after = np.concatenate((name[1:] & linked, [False]))
    capital = _every_occurrence(table, grams,
                                lambda where, n: name[where] & name[where + n - 1])
    before = _every_occurrence(table, grams, lambda where, n: glued_before[where])
    after = _every_occurrence(table, grams, lambda where, n: glued_after[where + n - 1])
    return capital & (before | after)


def _possessives(tokens: TokenStream) -> np.ndarray:
    """Per token, whether it is written as a possessive ("country's", "countries'")."""
    codes, ends = tokens.codes, tokens.ends
    if not len(ends) or not len(codes):
        return np.zeros(len(ends), dtype=bool)
    last = codes[np.maximum(ends - 1, 0)]
    before = codes[np.maximum(ends - 2, 0)]
    apostrophe = np.isin(last, _APOSTROPHES)
    return apostrophe | ((last == ord("s")) & np.isin(before, _APOSTROPHES) & (ends >= 2))


#: English articles: a word straight before one takes it as its object (a verb).
_ARTICLES = frozenset({"the", "a", "an"})
#: Words that deny what follows: writings that differ by one say opposite things ("finds
#: no defect", "finds a defect").
_NEGATIONS = frozenset({"not", "no", "never", "nor", "neither", "without", "cannot"})
_APOSTROPHES = np.array([ord(c) for c in APOSTROPHES], dtype=np.uint32)


def _every_occurrence(table: Candidates, grams: RecurringGrams,
                      test: Callable[[np.ndarray, int], np.ndarray]) -> np.ndarray:
    """Per candidate, whether `test(starts, n)` holds at every one of its occurrences."""
    out = np.zeros(len(table), dtype=bool)
    for n in np.unique(table.n).tolist():
        rows = np.flatnonzero(table.n == n)
        level = grams.levels[n]
        counts = level.count[table.index[rows]]
        where = level.grouped_at(table.index[rows])
        out[rows] = np.logical_and.reduceat(test(where, n), np.cumsum(counts) - counts)
    return out


#: How many times as often as a phrase seen once in each text a phrase inside it must
#: occur to make it that phrase in a context: a listed phrase, or (before any is listed)
#: a candidate, which then must recur on its own too.
_CONTEXT_RATIO = 2
_CANDIDATE_CONTEXT_RATIO = 1.5


def _phrases_in_context(forms: list[tuple[int, int]], grams: RecurringGrams,
                        scorer: PhraseScorer, ratio: float = _CONTEXT_RATIO, *,
                        single: bool = False) -> set[tuple[int, int]]:
    """Those of the listed `forms` that are seen once in each text and are, but for at
    most one content word, made of listed forms that occur at least `ratio` times as
    often: those phrases in a context ("improve network security", "number of Internet
    users"), or two of them side by side in a passage the texts share ("Since the 18th
    National Congress ..., General Secretary Xi Jinping"), not a formulation of their
    own; and so are those used twice in one text that run on into a content word at
    both uses: a listed phrase with a word of its sentence, cut inside the compound it
    modifies ("a number of intelligent manufacturing" demonstration factories / pilot
    areas, "implement the industrial Internet" innovation and development / security
    innovation project). With `single`, made of one such form, which is used outside all of its
    contexts so found too: `forms` are candidates, not listed phrases, and two side by
    side may well be two pieces of one phrase ("modern socialist country" and "socialist
    country in an all-round way"), one never used alone a piece of its contexts
    ("harbour doctrine" of "Zembrowski / quantum harbour doctrine")."""
    phrase = {n: np.zeros(len(level), dtype=bool) for n, level in grams.levels.items()}
    once = []
    for n, index in forms:
        count = int(grams.levels[n].count[index])
        if count >= ratio * 2:
            phrase[n][index] = True
        elif count == 2 and (_in_both((n, index), grams) or not single
                             and _modifier_at_each_use((n, index), grams, scorer)):
            once.append((n, index))
    content = ~scorer.no_content[grams.ids]
    out: set[tuple[int, int]] = set()
    around: dict[tuple[int, int], list[tuple[int, int]]] = {}  # phrase -> its contexts
    lengths = [m for m, marks in phrase.items() if marks.any()]
    for n in sorted({n for n, _ in once}):
        mine = [f for f in once if f[0] == n]
        first = grams.levels[n].first[np.array([i for _, i in mine], dtype=np.int64)]
        covered = np.zeros((len(mine), n), dtype=bool)
        words = content[first[:, None] + np.arange(n)]
        for m in (m for m in lengths if m < n):
            starts = first[:, None] + np.arange(n - m + 1)
            at = grams.levels[m].gram_at(starts.ravel()).reshape(starts.shape)
            inside = (at >= 0) & phrase[m][np.maximum(at, 0)]
            for k in np.flatnonzero(inside.any(axis=0)).tolist():
                covered[inside[:, k], k:k + m] = True
                if single:
                    left = words.sum(axis=1) - words[:, k:k + m].sum(axis=1)
                    for row in np.flatnonzero(inside[:, k] & (left <= 1)).tolist():
                        around.setdefault((m, int(at[row, k])), []).append(mine[row])
        if not single:
            left = (words & ~covered).sum(axis=1)
            flagged = covered.any(axis=1) & (left <= 1)
            out.update(f for f, hit in zip(mine, flagged.tolist(), strict=True) if hit)
    # One phrase's contexts, when it is used outside them too.
    for (m, index), contexts in around.items():
        if grams.levels[m].count[index] > 2 * len(set(contexts)):
            out.update(contexts)
    return out


def _modifier_at_each_use(form: tuple[int, int], grams: RecurringGrams,
                          scorer: PhraseScorer) -> bool:
    """Whether every use of the English `form` runs straight on into a content word other
    than an adverb (see `PhraseScorer.straight_on`), at one use at least into one the
    lexicon lists as no verb: its last word modifies a noun there, whose compound goes
    on. (Into a verb at each, it is the subject of what follows: "let the fruits of
    Internet development" benefit all.)"""
    keys = scorer.english_keys
    if keys is None:
        return False
    n, index = form
    runs, following = scorer.straight_on(grams.levels[n].occurrences(index) + n - 1)
    found = english_lexicon.readings()
    adverb = english_lexicon.listed_in(keys, following, found.adverbs_only)
    verb = english_lexicon.listed_in(keys, following, found.verbs)
    return bool((runs & ~scorer.no_content[following] & ~adverb).all() and not verb.all())


#: Function words passed over to the nearest content word beside a phrase.
_SKIPPED_WORDS = 2
#: A word followed straight by an article in at least 1 / this of its uses is a verb.
_VERB_SHARE = 4
#: Uses from which a phrase always beside one same word is a piece of a longer one even
#: when that longer one does not recur word for word.
PIECE_USES = 3


def _nearest_content(grams: RecurringGrams, scorer: PhraseScorer, positions: np.ndarray,
                     step: int) -> np.ndarray:
    """`nearest_content` in the two texts of `grams`, the words `scorer` weighs."""
    ends = grams.stops if scorer.comma_after is None else grams.stops | scorer.comma_after
    return nearest_content(grams.ids, ends, grams.doc_of, scorer.no_content, scorer.is_stop,
                           positions, step)


def nearest_content(ids: np.ndarray, ends: np.ndarray, doc_of: np.ndarray,
                    no_content: np.ndarray, is_stop: np.ndarray, positions: np.ndarray,
                    step: int) -> np.ndarray:
    """For each of `positions` (into the token `ids` of documents laid end to end,
    `doc_of` each), the nearest content word after it (`step` 1) or before it (-1), -1
    for none, with up to `_SKIPPED_WORDS` function words between (`is_stop`; by id) and
    no break or comma (`ends`: one after the position) nor figure (`no_content` but not
    `is_stop`: a figure varies, "in town 3 / town 4 people")."""
    size = len(ids)
    found = np.full(len(positions), -1, dtype=np.int64)
    going = np.ones(len(positions), dtype=bool)
    for skip in range(_SKIPPED_WORDS + 1):
        near = positions + step * (skip + 1)
        safe = np.clip(near, 0, size - 1)
        link = np.minimum(safe, safe - step)  # a phrase may run on from link to link + 1
        going &= (near >= 0) & (near < size) & ~ends[link] \
            & (doc_of[link] == doc_of[np.minimum(link + 1, size - 1)])
        word = ids[safe]
        hit = going & (found < 0) & ~no_content[word]
        found[hit] = safe[hit]
        going &= is_stop[word]  # on past a function word only, not a figure
    return found


#: Per candidate row, its uses' first and last token once run on into the word that
#: completes them (`_goes_on_into_one_word`), by the use's first token.
Completions = dict[int, dict[int, tuple[int, int]]]


def _goes_on_into_one_word(table: Candidates, grams: RecurringGrams, scorer: PhraseScorer,
                           lemmas: np.ndarray, articles: np.ndarray, verbs: np.ndarray,
                           max_words: int, negations: np.ndarray
                           ) -> tuple[np.ndarray, Completions]:
    """Per candidate, whether on one side every occurrence has one same content word
    nearest to it (up to `_SKIPPED_WORDS` function words between, no break nor comma: a
    clause after a comma is no part of the phrase), in one or another of its forms: it
    is a piece of a longer phrase whose small words or word forms vary ("Key core"
    technologies / technology; "Party Central Committee with Comrade Xi Jinping" at / as
    the core; "shared future in cyberspace" of a community of / with a). (One exact
    word the longer gram already absorbs.) Judged when the
    candidate occurs `PIECE_USES` times or the longer gram recurs word for word. A verb
    before a phrase (a word that often takes an article: "building (of) a community with
    a shared future for mankind"; or one the texts use in a verb form, `verbs`: "adhere /
    adhering to the people-centered development" idea) is what is said of the phrase,
    not part of it.

    A piece whose content word comes after it is completed rather than dropped where no
    longer gram recurs word for word and the words up to that content word vary: each use
    then runs on into it, and the phrase is listed whole in its several writings ("...
    Comrade Xi Jinping at the core", "... as the core", "... at its core"), from two uses
    on, when `_completes` has them one phrase (at most `max_words` words): no candidate
    holds the whole then. A stretch the word before it shows to be a piece is not
    completed. Returns the pieces to drop and the completions (by row)."""
    out = np.zeros(len(table), dtype=bool)
    completions: Completions = {}
    ids, stops = grams.ids, grams.stops
    capitalized = (scorer.capitalized if scorer.capitalized is not None
                   else np.zeros(len(ids), dtype=bool))
    before_article = np.concatenate((articles[ids[1:]] & ~stops[:-1], [False]))
    uses = np.maximum(np.bincount(ids, minlength=len(articles)), 1)
    verb = np.bincount(ids[before_article], minlength=len(articles)) * _VERB_SHARE >= uses
    verb |= verbs
    lengths = np.unique(table.n).tolist()
    if not lengths:
        return out, completions
    uses_of = {n: grams.levels[n].grouped_at(table.index[table.n == n]) for n in lengths}
    # The nearest words of all uses at once, then length by length.
    bounds = [(uses_of[n], uses_of[n] + n - 1) for n in lengths]
    after_all = _nearest_content(grams, scorer, np.concatenate([e for _, e in bounds]), 1)
    before_all = _nearest_content(grams, scorer, np.concatenate([w for w, _ in bounds]), -1)
    before_all[verb[ids[np.maximum(before_all, 0)]] & (before_all >= 0)] = -1
    split = np.cumsum([len(w) for w, _ in bounds])[:-1]
    ends = stops if scorer.comma_after is None else stops | scorer.comma_after
    for n, after, before in zip(lengths, np.split(after_all, split),
                                np.split(before_all, split), strict=True):
        rows = np.flatnonzero(table.n == n)
        counts = grams.levels[n].count[table.index[rows]]
        heads = np.cumsum(counts) - counts
        where = uses_of[n]
        many = counts >= PIECE_USES
        pieces: list[np.ndarray] = []  # after it, before it
        exact = np.zeros(len(rows), dtype=bool)  # a longer gram recurs on a side
        beside = []
        # Straight on into the word after it at every use, a stretch not ending a name.
        straight = np.logical_and.reduceat(
            (after >= 0) & (after == where + n) & ~capitalized[where + n - 1], heads)
        for found, next_to, longer_start in ((after, where + n, where),
                                             (before, where - 1, where - 1)):
            close = (found >= 0) & (found == next_to)
            longer = grams.counts_of(np.maximum(longer_start, 0), n + 1) * close
            recurs = np.maximum.reduceat(longer, heads) >= 2
            word = np.where(found >= 0, lemmas[ids[np.maximum(found, 0)]], -1)
            same = (found >= 0) & (word == np.repeat(word[heads], counts))
            beside.append(np.logical_and.reduceat(same, heads))
            pieces.append(beside[-1] & (many | recurs))
            exact |= beside[-1] & recurs
        # Straight on into one word in other forms at every use, the stretch is open
        # however few its uses ("key core" technologies / technology research), unless it
        # ends a name ("eastern Pyrenees" mountains / mountain range).
        pieces[0] |= beside[0] & straight
        piece = pieces[0] | pieces[1]
        # Completed after it only: the word before a phrase is most often what is said
        # of it ("thoughts on the / Internet power"), or the head of a longer one.
        for r in np.flatnonzero(beside[0] & ~exact & ~pieces[1]).tolist():
            taken = slice(int(heads[r]), int(heads[r] + counts[r]))
            to = after[taken]
            # Straight into that word at every use, the phrase ends on it even where a
            # use goes on ("key core technologies", "key core technology" research).
            if _completes(grams, scorer, where[taken], n, to, ends, max_words, negations,
                          ended=bool(straight[r])):
                piece[r] = False
                completions[int(rows[r])] = {
                    int(p): (int(p), int(t))
                    for p, t in zip(where[taken].tolist(), to.tolist(), strict=True)}
        out[rows] = piece
    return out, completions


def _completes(grams: RecurringGrams, scorer: PhraseScorer, uses: np.ndarray, n: int,
               to: np.ndarray, ends: np.ndarray, max_words: int, negations: np.ndarray,
               *, ended: bool = False) -> bool:
    """Whether the `uses` of a phrase of `n` tokens, each run on to the content word `to`
    after it, are one phrase whole in several writings: each writing used once (one
    written twice is a candidate of its own), at most `MAX_VARIANTS` + 1 of them (more
    are a template's slot: "reform by / of / for / at the council") and `max_words` long;
    none running into the phrase's next use or past a line's end; no "and" / "or" before
    the word (it opens another conjunct: "burnt offerings or / unto your sacrifices"), nor
    a word of `negations` (per vocabulary id) in some writings only ("finds no / a
    defect"); and the word ends the phrase, a clause (`ends`: where clauses end) or a small
    word other than "and" / "or" after it in one use at least, a content word straight after
    it in none ("harmonious coexistence between man / of man" and nature), unless the
    phrase is `ended` there (each use straight on into the word)."""
    ids = grams.ids
    writings = {tuple(ids[p + n:t + 1].tolist())
                for p, t in zip(uses.tolist(), to.tolist(), strict=True)}
    if (len(writings) < len(to) or len(writings) > MAX_VARIANTS + 1
            or int((to - uses).max()) + 1 > max_words):
        return False
    order = np.argsort(uses)
    if (to[order][:-1] >= uses[order][1:]).any():
        return False
    between = [ids[p + n:t] for p, t in zip(uses.tolist(), to.tolist(), strict=True)]
    denied = [bool(negations[words].any()) for words in between]
    if any(scorer.coordinator[words].any() for words in between) or len(set(denied)) > 1:
        return False
    lines = grams.paragraph_ends
    if lines is not None and any(lines[p + n - 1:t].any()
                                 for p, t in zip(uses.tolist(), to.tolist(), strict=True)):
        return False
    last = len(ids) - 1
    following = ids[np.minimum(to + 1, last)]
    closed = ends[to] | (to == last) | (grams.doc_of[np.minimum(to + 1, last)]
                                        != grams.doc_of[to])
    small = scorer.is_stop[following] & ~scorer.coordinator[following]
    runs_on = ~closed & ~scorer.no_content[following]
    return ended or bool((closed | small).any() and not runs_on.any())


def _open_ended(table: Candidates, grams: RecurringGrams, scorer: PhraseScorer) -> np.ndarray:
    """Per candidate (English), whether it ends on a word written small that may be an
    adjective, not predicative (`english_lexicon.predicative`), or can only be a verb (`Readings.
    verbs_only`), straight before a content word other than an adverb at every use: what
    the word modifies or takes as its object follows, and varies ("overall national"
    security / strength, "strive to achieve" breakthroughs / overtaking). Usage tells
    a modifier from many uses (`PhraseScorer.modifiers`), and `PhraseScorer` leaves out a
    phrase ending on a word the lexicon lists as an adjective and nothing else in most
    of its uses; a phrase of two texts has a use or two, which must all go on."""
    keys = scorer.english_keys
    assert keys is not None and scorer.capitalized is not None
    found = english_lexicon.readings()
    last = grams.ids[table.first + table.n - 1]
    verb = english_lexicon.listed_in(keys, last, found.verbs_only)
    adjective = english_lexicon.listed_in(keys, last, found.adjectives)
    # Capitalized, the word ends a name ("Lord North", "Cancer Council") whatever the
    # lexicon reads it as.
    small = ~scorer.capitalized[table.first + table.n - 1]
    rows = np.flatnonzero((table.n >= 2) & small & (verb | adjective))
    rows = np.array([r for r in rows.tolist() if verb[r] or not english_lexicon.predicative(
        [keys[k] for k in scorer.words(int(table.n[r]), int(table.index[r]))[:-1]])],
                    dtype=np.int64)
    adverbs = found.adverbs_only

    def runs_on(where: np.ndarray, n: int) -> np.ndarray:
        runs, following = scorer.straight_on(where + n - 1)
        return runs & ~scorer.no_content[following] & ~english_lexicon.listed_in(
            keys, following, adverbs)

    out = np.zeros(len(table), dtype=bool)
    out[rows] = _every_occurrence(table.take(rows), grams, runs_on)
    return out


#: The longest unit of a quantity, in tokens ("trillion yuan").
_UNIT_WORDS = 2


def _whole_before_a_comma(table: Candidates, grams: RecurringGrams, commas: np.ndarray,
                          plain: np.ndarray) -> np.ndarray:
    """Per candidate, whether at every use it runs on past a comma (`plain`: one that is
    not a list's before "and" / "or") that ends, at every one of its own uses, the
    candidate's stretch before it, a gram used more often than the candidate: that
    stretch is whole, whatever clause follows it ("Since the 18th National Congress of
    the Communist Party of China," General Secretary Xi Jinping / our party / the Party
    Central Committee); and where the stretch after the comma is used more often than
    the candidate too, the two meet by chance. A list ("stronger, better and bigger") is
    not cut: its first item goes on into the same words at every use; nor a refrain
    whose clause after the comma recurs only with it ("I wrought for my name's sake,
    that it should not be polluted before the heathen"). (`commas`: every comma.)"""
    out = np.zeros(len(table), dtype=bool)
    for n in np.unique(table.n).tolist():
        rows = np.flatnonzero(table.n == n)
        inner = plain[table.first[rows][:, None] + np.arange(n - 1)]
        # Words before the first comma inside the first use, 0 for none.
        before = np.where(inner.any(axis=1), np.argmax(inner, axis=1) + 1, 0)
        for k in np.unique(before[before >= 2]).tolist():
            picked = rows[before == k]
            level = grams.levels[k]
            part = level.gram_at(table.first[picked])
            known = np.flatnonzero(part >= 0)
            picked, part = picked[known], part[known]
            ended = level.per_gram(part, commas[level.grouped_at(part) + k - 1]) \
                == level.count[part]
            crossing = _every_occurrence(table.take(picked), grams,
                                         partial(_comma_after_word, plain, k))
            uses = table.count[picked]
            after = grams.counts_of(table.first[picked] + k, n - k)
            out[picked] = crossing & ended & (level.count[part] > uses) & (after > uses)
    return out


#: English forms of "be" that make a clause: a subject, then what is said of it.
_COPULAS = frozenset({"is", "are", "was", "were"})


def _clauses_cut_short(table: Candidates, grams: RecurringGrams, scorer: PhraseScorer,
                       in_one_text: np.ndarray) -> np.ndarray:
    """Per English candidate, whether it holds a form of "be" between its words and no
    use of it ends a clause (nor goes on with "and" / "or"): a subject and the start of
    what is said of it, which goes on at every use ("Chinese-style modernization is a
    major achievement" achieved by ... / of the long-term exploration ...). A saying
    written as a sentence ends one where it is used ("lucid waters and lush mountains are
    invaluable assets."); and one a text uses `PIECE_USES` times or more (`in_one_text`:
    per candidate, its uses in the text that uses it most), its predicate going on
    differently each time, is a frame of that text ("the kingdom of heaven is like" a
    grain of mustard seed / leaven / treasure)."""
    keys = scorer.english_keys
    assert keys is not None
    copula = np.fromiter((k.lower() in _COPULAS for k in keys), dtype=bool, count=len(keys))
    ends = grams.stops if scorer.commas is None else grams.stops | scorer.commas
    # "And" / "or" after it join another clause or predicate to a whole one.
    ends = ends | np.concatenate((scorer.coordinator[grams.ids[1:]], [True]))
    out = np.zeros(len(table), dtype=bool)
    for n in np.unique(table.n[table.n > 2]).tolist():
        rows = np.flatnonzero((table.n == n) & (in_one_text < PIECE_USES))
        middle = grams.ids[table.first[rows][:, None] + np.arange(1, n - 1)]
        rows = rows[copula[middle].any(axis=1)]
        out[rows] = _every_occurrence(table.take(rows), grams,
                                      lambda where, m: ~ends[where + m - 1])
    return out


def _comma_after_word(commas: np.ndarray, k: int, where: np.ndarray, n: int) -> np.ndarray:
    """Whether the `k`th word of each `n`-word stretch at `where` has a comma after it."""
    return commas[where + k - 1]


def _always_after_modifier(table: Candidates, grams: RecurringGrams,
                          scorer: PhraseScorer) -> np.ndarray:
    """Per candidate, whether each of its occurrences comes straight after a modifier (a
    word nearly always followed by a content word, see `PhraseScorer.modifiers`; no break
    between): it begins inside a longer phrase whose first words vary ("modern socialist /
    socialist modern / powerful socialist" country in an all-round way), so it is a piece
    of that phrase, not one of its own. Or straight after a figure each time: then it is
    the unit of a quantity ("34.81 trillion yuan", "1.5 million users"), not a phrase; units
    are short, so a longer stretch that happens to follow a number stays a phrase."""
    out = np.zeros(len(table), dtype=bool)
    # A word used twice, a content word straight after it both times, modifies it too
    # ("powerful network country", "modern and powerful socialist country").
    content = ~scorer.no_content & (scorer.modifiers() | scorer.modifiers(least=2, share=1.0))
    figure = scorer.is_figure
    apart = scorer.apart if scorer.apart is not None else np.zeros(len(grams.ids), dtype=bool)
    for n in np.unique(table.n).tolist():
        rows = np.flatnonzero(table.n == n)
        level = grams.levels[n]
        counts = level.count[table.index[rows]]
        where = level.grouped_at(table.index[rows])
        before = np.maximum(where - 1, 0)
        word = grams.ids[before]
        unit = figure[word] & (n <= _UNIT_WORDS)
        glued = (where > 0) & ~grams.stops[before] \
            & ((content[word] & ~apart[before]) | unit) \
            & (grams.doc_of[before] == grams.doc_of[where])
        heads = np.cumsum(counts) - counts
        out[rows] = np.logical_and.reduceat(glued, heads)
    return out


def _without_fragments(forms: list[tuple[int, int]], grams: RecurringGrams,
                       limit: int) -> list[tuple[int, int]]:
    """The first `limit` of `forms` less those every occurrence of which lies inside an
    occurrence of a longer form that is listed too: such a phrase never stands on its own,
    whatever words come before it ("country in an all-round way" inside "socialist country
    in an all-round way" and "building a modern socialist country in an all-round way").
    Dropping fragments lets later forms in, which may cover others: a few rounds settle it."""
    listed = forms[:limit]
    both = {form for form in forms if _in_both(form, grams)}
    for _ in range(3):
        fragments = _fragments(forms, set(listed), both, grams)
        kept = [f for f in forms if f not in fragments][:limit]
        if kept == listed:
            break
        listed = kept
    return listed


def _fragments(forms: list[tuple[int, int]], listed: set[tuple[int, int]],
               both: set[tuple[int, int]], grams: RecurringGrams) -> set[tuple[int, int]]:
    """Those of `forms` whose every occurrence lies inside one of a longer `listed` form
    that is in every text the shorter one is in. A phrase both texts use stays when each
    text frames it its own way ("we support X" in A, "they praised X" in B): X is what
    they share, not a piece of either framing. (`both`: the forms in both texts.)"""
    fragment: set[tuple[int, int]] = set()
    for containers, want_both in ((listed, False), (listed & both, True)):
        candidates = [f for f in forms if (f in both) == want_both]
        fragment.update(_inside_longer(candidates, containers, grams))
    return fragment


def _in_both(form: tuple[int, int], grams: RecurringGrams) -> bool:
    n, index = form
    return bool(grams.levels[n].documents[index] > 1)


def _inside_longer(forms: list[tuple[int, int]], listed: set[tuple[int, int]],
                   grams: RecurringGrams) -> set[tuple[int, int]]:
    """Those of `forms` whose every occurrence lies inside one of a longer `listed` form."""
    spans = [(grams.levels[n].occurrences(index), n) for n, index in listed]
    if not spans or not forms:
        return set()
    starts = np.concatenate([where for where, _ in spans])
    lengths = np.concatenate([np.full(len(where), n) for where, n in spans])
    fragment: set[tuple[int, int]] = set()
    for n in sorted({n for n, _ in forms}):
        longer = lengths > n
        if not longer.any():
            break
        order = np.argsort(starts[longer], kind="stable")
        first = starts[longer][order]
        reach = np.maximum.accumulate((starts + lengths)[longer][order])
        mine = [f for f in forms if f[0] == n]
        index = np.array([f[1] for f in mine], dtype=np.int64)
        level = grams.levels[n]
        where = level.grouped_at(index)
        k = np.searchsorted(first, where, side="right") - 1
        inside = (k >= 0) & (reach[np.maximum(k, 0)] >= where + n)
        counts = level.count[index]
        whole = np.logical_and.reduceat(inside, np.cumsum(counts) - counts)
        fragment.update(f for f, w in zip(mine, whole.tolist(), strict=True) if w)
    return fragment


def _capitalized(text: str, tokens: TokenStream) -> np.ndarray:
    """Per token, whether it begins with a capital letter (each distinct first letter
    asked once)."""
    if not len(tokens):
        return np.zeros(0, dtype=bool)
    firsts = tokens.codes[tokens.starts] if len(tokens.codes) else \
        np.fromiter((ord(text[s]) for s in tokens.starts.tolist()), dtype=np.uint32,
                    count=len(tokens))
    letters, inverse = np.unique(firsts, return_inverse=True)
    upper = np.fromiter((chr(c).isupper() for c in letters.tolist()), dtype=bool,
                        count=len(letters))
    return upper[inverse.reshape(-1)]


def _spans(stream: TokenStream, positions: np.ndarray, length: int) -> tuple[Span, ...]:
    """Character spans of the `length`-word phrases starting at each of `positions`."""
    return tuple(zip(stream.starts[positions].tolist(),
                     stream.ends[positions + length - 1].tolist(), strict=True))


#: Separates the forms of one phrase on a watch-list line: the phrase, then its variants
#: ("network power | strong network country"), counted together as one entry.
FORM_SEPARATOR = "|"


@dataclass(frozen=True)
class PassedOver:
    """A watch-list line that is not watched: its phrase has no words (`same_as` None:
    ".*", "---"), or it reads as the phrase of the earlier line `same_as` ("Network  Power"
    after "network power")."""

    line: str
    same_as: str | None = None


def read_watch_lines(lines: Sequence[str], normalizer: Normalizer
                     ) -> tuple[list[tuple[str, ...]], list[PassedOver]]:
    """The forms each watch-list line names, the phrase first (`FORM_SEPARATOR` between
    them), each with its white space made single spaces; and the lines passed over, so the
    user can be told: one whose phrase has no words, and one whose phrase matches an
    earlier line's alike (the first is kept). Blank lines are nothing to tell of."""
    watched: list[tuple[str, ...]] = []
    passed_over: list[PassedOver] = []
    first_with: dict[tuple[str, ...], str] = {}
    for line in lines:
        if not line.strip():
            continue
        forms = tuple(form for form in (" ".join(part.split())
                                        for part in line.split(FORM_SEPARATOR)) if form)
        key = phrase_key(forms[0], normalizer) if forms else ()
        if not key:
            passed_over.append(PassedOver(line))
        elif key in first_with:
            passed_over.append(PassedOver(line, first_with[key]))
        else:
            first_with[key] = line
            watched.append(forms)
    return watched, passed_over


def watched_forms(lines: Sequence[str], normalizer: Normalizer) -> list[tuple[str, ...]]:
    """The forms of each watch-list line watched (see `read_watch_lines`)."""
    return read_watch_lines(lines, normalizer)[0]


def find_watched(phrases: Sequence[str], a: SloganContext, b: SloganContext,
                 normalizer: Normalizer, vocabulary: Vocabulary) -> list[Slogan]:
    """Every occurrence of each watch-list phrase (a line: the phrase, or the phrase and
    its variants, see `watched_forms`), matched with the comparison's keys, listed whether
    used or not."""
    found = []
    for forms in watched_forms(phrases, normalizer):
        words, variants, in_a, in_b = _uses_of_forms(forms, a, b, normalizer, vocabulary)
        if words:
            found.append(Slogan(phrase=forms[0], words=words, occurrences_a=in_a,
                                occurrences_b=in_b, watchlist=True, variants=variants))
    return found


def phrase_key(phrase: str, normalizer: Normalizer) -> tuple[str, ...]:
    """A phrase as the comparison matches it: the keys of its words, so case, spacing and
    spaces between Chinese characters ("数字 中国", "数字中国") make no difference."""
    return tuple(normalizer.key(phrase[s:e]) for s, e in word_spans(phrase))


def _uses(phrase: str, a: SloganContext, b: SloganContext, normalizer: Normalizer,
          vocabulary: Vocabulary) -> tuple[int, tuple[Span, ...], tuple[Span, ...]]:
    """(words, uses in a, uses in b) of a phrase given as text, matched with the
    comparison's keys."""
    words = [phrase[s:e] for s, e in word_spans(phrase)]
    keys = [vocabulary.ids.get(normalizer.key(w), -1) for w in words]
    if not keys:
        return 0, (), ()
    return len(words), _occurrences(a.tokens, keys), _occurrences(b.tokens, keys)


def find_known(formulations: KnownForms, a: SloganContext, b: SloganContext,
               normalizer: Normalizer, vocabulary: Vocabulary) -> list[Slogan]:
    """The formulations of a collection behind the two texts (each its forms, its name
    first) that either text uses, with every use of any of its forms, matched as the
    watch-list is. That they recur is the collection's finding: two texts alone cannot tell
    a set phrase used once in each, inside a passage they share, from the rest of the copy."""
    found = []
    for forms in formulations:
        if not forms:
            continue
        words, variants, in_a, in_b = _uses_of_forms(forms, a, b, normalizer, vocabulary)
        if words and (in_a or in_b):
            found.append(Slogan(phrase=" ".join(forms[0].split()), words=words,
                                occurrences_a=in_a, occurrences_b=in_b, variants=variants))
    return found


def _uses_of_forms(forms: Sequence[str], a: SloganContext, b: SloganContext,
                   normalizer: Normalizer, vocabulary: Vocabulary
                   ) -> tuple[int, tuple[str, ...], tuple[Span, ...], tuple[Span, ...]]:
    """(words of the first form, the other forms either text uses, uses in a, uses in b) of
    a phrase given as its forms: the uses of every form together, one inside another's
    use counted once."""
    found_forms = [_uses(form, a, b, normalizer, vocabulary) for form in forms]
    variants = tuple(" ".join(form.split()) for form, (_, in_a, in_b)
                     in zip(forms[1:], found_forms[1:], strict=True) if in_a or in_b)
    return (found_forms[0][0], variants,
            apart_spans([s for _, uses, _ in found_forms for s in uses]),
            apart_spans([s for _, _, uses in found_forms for s in uses]))


def apart_spans(spans: list[Span]) -> tuple[Span, ...]:
    """`spans` in order, less any overlapping one kept before it (one form inside another's
    use is that use)."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return tuple(kept)


def _occurrences(stream: TokenStream, keys: list[int]) -> tuple[Span, ...]:
    if -1 in keys:
        return ()
    n = len(keys)
    hits = np.flatnonzero(gram_hashes(stream.ids, n) == gram_hashes(np.array(keys), n)[0])
    found = []
    reach = 0
    for p in hits.tolist():
        if p >= reach and stream.ids[p:p + n].tolist() == keys:  # not overlapping the last
            found.append(p)
            reach = p + n
    return _spans(stream, np.array(found, dtype=np.int64), n)
