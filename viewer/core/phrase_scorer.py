"""Which recurring grams are phrases, and how fixed and distinctive each is.

`PhraseScorer` reads the grams `viewer.core.phrases.RecurringGrams` counts: their
content (the capped surprise of their content words), the variety of their neighbours,
where a phrase may start and end (not on a dangling function word, a modifier or half a
hyphenated word), and which grams are maximal. `select_phrases` keeps, best first, those
not inside a listed one unless used clearly more often on their own. The slogans of two
texts and the formulations of a collection both score their candidates here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields

import numpy as np

from viewer.core import english_lexicon
from viewer.core.figures import NUMBER_WORDS
from viewer.core.grouping import expand
from viewer.core.phrases import Level, RecurringGrams
from viewer.core.rarity import Rarity, is_number
from viewer.core.stopwords import stop_words
from viewer.core.tokenize import Vocabulary

#: A phrase inside a listed one is left out unless it occurs this much more often alone.
ECHO_RATIO = 1.5
#: A gram kept with its leading determiner may be used without it, in forms that put a
#: word after the determiner, up to this many times as often as with it (a formulation
#: and up to three such variants, each used about as often as it).
LED_FORMS = 4
#: Share of a trimmed gram's uses that must come with its leading function words for
#: those to stay ("ought not to have formed the engagement" 192 times, "formed the
#: engagement" once more by chance): nearly always, as for `maximal`'s extension.
LEAD_SHARE = 0.9
#: Surprise counted per word at most (bits): rarer words are names and terms, which make a
#: phrase no more of a formulation than a word of the language does.
WORD_BITS_CAP = 12.0
#: Content (capped bits of its content words) a phrase needs, and beyond which more
#: content no longer counts.
MIN_CONTENT_BITS = 18.0
CONTENT_CAP = 30.0
#: Neighbour variety (1: as varied as chance) below which a stretch is a piece of a fixed
#: context, not a phrase used on its own.
MIN_VARIETY = 0.6
#: A word used this often, followed straight on by a content word at least this share of
#: its uses, is a modifier, on which no phrase ends.
MODIFIER_USES = 3
MODIFIER_SHARE = 0.8
#: Share of its uses in which a hyphen joins two words for them to be one hyphenated word
#: (judged on the uses: see `PhraseScorer.hyphens_by_uses`).
HYPHENATED_SHARE = 0.5
#: Bits of surprise (both parts together) from which a hyphenated compound of two content
#: words is a term of its own in two texts.
HYPHEN_TERM_BITS = 27.5
#: Determiners, which may lead a phrase they always come with (match keys).
_DETERMINERS = {"en": frozenset({"the", "a", "an", "both", "either", "neither", "this",
                                  "these", "that", "those", "all", "every", "each"})}

#: Forms of one article, by language: the one before a vowel sound counts as the other
#: ("a fair market", "an overall fair market": a variant that puts a word after the
#: article may change its form).
ARTICLE_FORMS = {"en": {"an": "a"}}

#: Coordinating conjunctions, after which a phrase may end (see `maximal`; match keys).
COORDINATORS = {"en": frozenset({"and", "or", "nor", "but"})}


@dataclass(frozen=True)
class Candidates:
    """Maximal recurring grams and their features, one row each: length, index in the
    level of that length, first position, documents, occurrences, content (capped bits of
    the content words) and neighbour variety."""

    n: np.ndarray
    index: np.ndarray
    first: np.ndarray
    documents: np.ndarray
    count: np.ndarray
    content: np.ndarray
    variety: np.ndarray

    def __len__(self) -> int:
        return len(self.n)

    def take(self, rows: np.ndarray) -> Candidates:
        """The candidates `rows` (indices or a mask)."""
        return Candidates(*(getattr(self, f.name)[rows] for f in fields(Candidates)))

    def followed_by(self, more: Candidates) -> Candidates:
        """These candidates, then `more`."""
        return Candidates(*(np.concatenate((getattr(self, f.name), getattr(more, f.name)))
                            for f in fields(Candidates)))


class PhraseScorer:
    """Which recurring grams are phrases, and how fixed and distinctive each is."""

    def __init__(self, grams: RecurringGrams, bits: np.ndarray, is_stop: np.ndarray,
                 is_number: np.ndarray, *, cjk: bool) -> None:
        """Per vocabulary id: `bits` of surprise, whether a function word, whether a
        number; `cjk`: tokens are characters."""
        self.grams = grams
        self.bits = bits
        self.is_stop = is_stop
        self.no_content = is_stop | is_number
        self.is_figure = is_number
        #: Per vocabulary id, whether a number, in figures or written as a word ("four"):
        #: words only where the language is known (see `mark_articles`).
        self.is_number_word = is_number
        self.trim_ends = not cjk
        self.may_lead = np.zeros(len(is_stop), dtype=bool)
        #: Per vocabulary id, the word it counts as when phrases are compared (the forms
        #: of an article are one word, see `mark_articles`).
        self.word_unit = np.arange(len(is_stop), dtype=np.int64)
        self.coordinator = np.zeros(len(is_stop), dtype=bool)
        #: Per position, whether a hyphen joins the token to the next (None: unknown).
        self.joined: np.ndarray | None = None
        #: Whether phrases may not end on a modifier nor begin on a compound's head
        #: (see `modifiers`): two texts, where a piece of a passage they share is
        #: otherwise as good as a phrase; in a collection, usage decides.
        self.compounds = False
        #: Content a phrase needs (see `strength`): two texts have nothing but their
        #: words to tell a set phrase, so two words' worth (`MIN_CONTENT_BITS`); a
        #: collection may ask less, its documents and dates being evidence of their own.
        self.min_content = MIN_CONTENT_BITS
        #: Whether a hyphen inside or at an end of a gram counts where at least half of
        #: its uses have it (two texts, see `_hyphen_links`), not only at its first use.
        self.hyphens_by_uses = False
        #: Tokens from which a gram is a long stretch, whose variety of contexts is also
        #: weighed over a few uses (see `RecurringGrams.neighbour_variety`); None: no gram
        #: is (two texts, where phrases have a few uses each).
        self.long_stretch: int | None = None
        #: Per position, whether the token is written with a capital (None: unknown).
        self.capitalized: np.ndarray | None = None
        #: Per position, whether a comma follows the token (None: commas do not end a
        #: phrase that goes on past them).
        self.comma_after: np.ndarray | None = None
        #: The words the vocabulary ids stand for, where the language is English: no
        #: phrase then ends on an adjective that modifies what follows (`_modifying`).
        #: None: the lexicon does not apply.
        self.english_keys: Sequence[str] | None = None
        #: Per position, whether a comma follows the token, for `_modifying` (None:
        #: unknown). Unlike `comma_after`, it cuts no phrase.
        self.commas: np.ndarray | None = None
        #: Per position, whether the token and the next are no compound for `modifiers`
        #: (a comma between, or a figure-like word: "5G, big data", "4G base stations")
        #: (None: unknown).
        self.apart: np.ndarray | None = None

    def mark_articles(self, vocabulary: Vocabulary, language: str) -> PhraseScorer:
        """Note the determiners of `language`, which may lead a phrase (see `maximal`),
        its conjunctions, which carry no lone word into one, its numbers written as words
        (`is_number_word`), and the forms of its articles (`word_unit`)."""
        determiners = _DETERMINERS.get(language, frozenset())
        self.may_lead = np.fromiter(map(determiners.__contains__, vocabulary.keys),
                                    dtype=bool, count=len(vocabulary.keys))
        if language == "en":
            self.is_number_word = self.is_figure | np.fromiter(
                map(NUMBER_WORDS.__contains__, vocabulary.keys), dtype=bool,
                count=len(vocabulary.keys))
        conjunctions = COORDINATORS.get(language, frozenset())
        self.coordinator = np.fromiter(map(conjunctions.__contains__, vocabulary.keys),
                                       dtype=bool, count=len(vocabulary.keys))
        for form, word in ARTICLE_FORMS.get(language, {}).items():
            if form in vocabulary.ids and word in vocabulary.ids:
                self.word_unit[vocabulary.ids[form]] = vocabulary.ids[word]
        if language == "en":
            self.english_keys = vocabulary.keys
        return self

    @classmethod
    def for_language(cls, grams: RecurringGrams, vocabulary: Vocabulary,
                     language: str) -> PhraseScorer:
        """A scorer with the word facts of `language` (word frequencies, function words)."""
        keys = vocabulary.keys
        stops = stop_words(language)
        return cls(grams, Rarity(language).bits_of(keys),
                   np.fromiter(map(stops.__contains__, keys), dtype=bool, count=len(keys)),
                   is_number(keys), cjk=language in ("zh", "ja")).mark_articles(vocabulary,
                                                                               language)

    def maximal(self, top: int, min_words: int) -> dict[int, np.ndarray]:
        """Maximal recurring grams trimmed of function words at their ends, as indices into
        the level of their (trimmed) length. A gram that nearly always continues into one
        same longer gram is not maximal; one that continues past `top` words is a copied
        passage and is left out, never cut. Function words at the ends go ("of the"), but
        leading determiners stay when the gram never occurs without them ("the rule of
        law"); in a collection, leading function words stay where they lead a lone content
        word ("same explanation").
        (Not for Chinese, whose tokens are characters: 则 is a function word alone but
        not in 原则; there the ends are judged on whole words, `viewer.core.word_bounds`.)"""
        grams, ids = self.grams, self.grams.ids
        found: dict[int, list[np.ndarray]] = {}
        modifier, headed = self.modifiers(), self.modifiers(before=True)
        for n in range(2, min(top, grams.longest) + 1):
            level = grams.levels[n]
            goes_on, goes_back = grams.nearly_always_extended(n)
            if self.comma_after is not None:
                # Two texts: a stretch each use of which a comma ends is whole, whatever
                # clause follows ("Xi Jinping Thought on ... for a New Era, especially").
                counts = level.count
                ends = self.comma_after[level._grouped + n - 1]  # gram after gram
                goes_on &= ~np.logical_and.reduceat(ends, np.cumsum(counts) - counts)
            absorbed = goes_on | goes_back
            maximal = np.flatnonzero(~absorbed)
            first = level.first[maximal]
            words_at = ids[first[:, None] + np.arange(n)]
            content = ~self.is_stop[words_at]
            lead = np.argmax(content, axis=1) * self.trim_ends
            tail = np.argmax(content[:, ::-1], axis=1) * self.trim_ends
            trimmed_count = grams.counts_of_each(first + lead, n - lead - tail)
            # Determiners that always come with the phrase stay ("the rule of law", "both
            # the digestive and reproductive systems"); between two texts, where a few
            # uses make "always" cheap, a preposition never leads. In a collection usage
            # decides: any function word the phrase always comes with stays ("until now
            # the kingdom of heaven suffereth violence", "own happy thoughts"); trimmed,
            # the rest would look like a piece of a fixed context.
            last_lead = (np.arange(len(first)), np.maximum(lead - 1, 0))
            determined = (lead > 0) & np.logical_and.accumulate(
                self.may_lead[words_at], axis=1)[last_lead]
            may_stay = determined if self.compounds else lead > 0
            with_lead = level.count[maximal].copy()
            # A determiner stays also where a variant puts a word after it ("the national
            # free spirit of initiatives" beside "the free spirit of initiatives").
            loose = np.flatnonzero(determined & (trimmed_count > with_lead)
                                   & (trimmed_count <= LED_FORMS * with_lead))
            with_lead[loose] += self._led_after_one(first[loose], lead[loose],
                                                    n - lead[loose] - tail[loose])
            fixed = may_stay & (trimmed_count * LEAD_SHARE <= with_lead)
            lead = np.where(fixed, 0, lead)
            if not self.compounds:
                lead = self._bound_lead(first, lead, n - lead - tail, level.count[maximal])
                # One content word is no phrase, but with the function words that lead it
                # the stretch may be one ("same explanation", "until security" beside
                # "until ovulation"): in a collection its documents and dates decide.
                # Determiners alone are the word with its article ("the greatest", "the
                # Politburo"): they stay only where it always has them (above). A
                # conjunction carries nothing of the word it leads, only its link to what
                # goes before ("and sometimes", "And Fanny" in a novel's chapters).
                conjoined = self.coordinator[words_at[:, 0]]
                lone = ((lead > 0) & ~determined & ~conjoined & (n - lead - tail < min_words)
                        & (n - tail >= min_words))
                lead = np.where(lone, 0, lead)
            rows = np.arange(len(first))
            if self.joined is not None:
                links = self._hyphen_links(level, maximal)
                # Not inside a hyphenated word: "all-round way", not "round way".
                for _ in range(3):
                    lead = lead - ((lead > 0) & links[rows, lead])
                for _ in range(3):
                    tail = tail - ((tail > 0) & links[rows, n - tail])
            length = n - lead - tail
            ok = content.any(axis=1) & (length >= min_words)
            start, last = first + lead, first + lead + length - 1
            if self.joined is not None:
                # Nor does a phrase begin or end inside one ("self-reliance and self").
                ok &= ~links[rows, lead] & ~links[rows, n - tail]
                # A hyphenated word is one word: "long-term" alone is not a phrase.
                inner = np.concatenate((np.zeros((len(first), 1), dtype=np.int64),
                                        np.cumsum(links, axis=1)), axis=1)
                words = length - (inner[rows, lead + length] - inner[rows, lead + 1])
                # ... unless, for two texts, it is a compound of two content words rare
                # enough to be a term ("e-commerce", "self-reliance"), not a word of the
                # language ("long-term", "high-quality", "multi-level").
                term = np.zeros(len(ok), dtype=bool)
                if self.compounds:
                    pair = (length == 2) & (words == 1)
                    head, tail_word = ids[start], ids[np.minimum(start + 1, len(ids) - 1)]
                    term = pair & ~self.no_content[head] & ~self.no_content[tail_word] \
                        & (self.bits[head] + self.bits[tail_word] >= HYPHEN_TERM_BITS)
                ok &= (words >= min_words) | term
            if self.trim_ends and self.compounds:
                # Nor does it end on a word that goes on into another nearly always (a
                # modifier: "construction of digital" China, "Xi Jinping's important"
                # thought): its end is the head word that follows, which varies.
                ok &= ~modifier[ids[np.maximum(last, 0)]]
                # Nor begin on a word that nearly always ends a compound a content word
                # opens ("country in an all-round way" of "modern socialist country").
                ok &= ~headed[ids[start]]
            if self.english_keys is not None:
                # Nor, in English, on an adjective that modifies what follows it in most of
                # the phrase's uses ("scientific and technological" innovation), however
                # seldom the word is used (see `modifiers`).
                ok &= ~self._attributive(words_at, lead, length, first)
            # A stretch that nearly always goes on with a function word ("accelerate the
            # construction" of ..., "give full play" to ...) is cut short, not a phrase;
            # for two texts, not when that word is a conjunction, which joins whole
            # phrases ("building a modern socialist country in an all-round way" and
            # promoting ... / and unswervingly ...: the next conjunct varies).
            coordinated = self.compounds & self.coordinator[
                words_at[rows, np.minimum(n - tail, n - 1)]]
            ok &= (tail == 0) | coordinated
            # Dates and figures ("1 January", "5 million") are not set phrases.
            ok &= ~self.is_figure[ids[first[:, None] + np.arange(n)]].any(axis=1)
            for m in np.unique(length[ok]).tolist():
                pick = ok & (length == m)
                index = grams.levels[m].gram_at(first[pick] + lead[pick])
                found.setdefault(m, []).append(index[index >= 0])
        return {m: np.unique(np.concatenate(parts)) for m, parts in found.items()}

    def _attributive(self, words_at: np.ndarray, lead: np.ndarray, length: np.ndarray,
                     first: np.ndarray) -> np.ndarray:
        """Per maximal gram (its words `words_at`, first position `first`, trimmed to
        `length` words from `lead`), whether the phrase it trims to ends on an adjective
        the lexicon lists as nothing else, not predicative (`english_lexicon.predicative`),
        that modifies what follows in most of the phrase's uses (`_modifying`), or on an
        adverb in -ly it lists as nothing else, straight before a verb in most of them
        (`_before_verb`)."""
        keys = self.english_keys
        assert keys is not None
        rows = np.arange(len(first))
        out = np.zeros(len(first), dtype=bool)
        end = lead + length
        found = english_lexicon.readings()
        last_words = words_at[rows, np.maximum(end - 1, 0)]
        # Adverbs of manner or degree in -ly stand before the verb they qualify; others
        # ("afterwards", "therefore", "thereof") end a phrase wherever they are.
        adverb = (length >= 2) & english_lexicon.listed_in(keys, last_words, found.ly_adverbs)
        candidates = rows[(length >= 2) & english_lexicon.listed_in(
            keys, last_words, found.adjectives_only)]
        candidates = np.array([r for r in candidates.tolist() if not english_lexicon.predicative(
            [keys[k] for k in words_at[r, lead[r]:end[r] - 1].tolist()])], dtype=np.int64)
        for found_rows, modifies in ((candidates, self._modifying),
                                     (rows[adverb], self._before_verb)):
            for m in np.unique(length[found_rows]).tolist():
                picked = found_rows[length[found_rows] == m]
                # Judged on the phrase's own uses, which a maximal gram holds only some of.
                phrase = self.grams.levels[m].gram_at(first[picked] + lead[picked])
                known = phrase >= 0
                out[picked[known]] = modifies(self.grams.levels[m], phrase[known])
        return out

    def straight_on(self, at: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per token position `at`, whether it runs on into the next (no break, comma or
        hyphen), and that next token's id."""
        ids, size = self.grams.ids, len(self.grams.ids)
        at = np.minimum(at, size - 1)
        runs = (at + 1 < size) & ~self.grams.stops[at]
        for apart in (self.commas, self.joined):
            if apart is not None:
                runs &= ~apart[at]
        return runs, ids[np.minimum(at + 1, size - 1)]

    def _before_verb(self, level: Level, index: np.ndarray) -> np.ndarray:
        """Per gram `index` of `level`, whether its last word goes straight on into a word
        that may be a verb in more than half of its uses: an adverb there qualifies that
        verb ("necessary to fully | implement"), where one after its verb ends the phrase
        ("develop steadily.", "thrust him out from thence")."""
        keys = self.english_keys
        assert keys is not None
        runs, following = self.straight_on(level.grouped_at(index) + level.n - 1)
        verb = english_lexicon.listed_in(keys, following, english_lexicon.readings().verbs)
        return level.per_gram(index, runs & verb) * 2 > level.count[index]

    def _modifying(self, level: Level, index: np.ndarray) -> np.ndarray:
        """Per gram `index` of `level`, whether its last word goes straight on (no break,
        comma or hyphen) into a content word that is no adverb in more than half of its
        uses, or through a conjunction into a word that may be an adjective ("major
        theoretical | and practical questions", not "remain vigilant | and act")."""
        keys = self.english_keys
        assert keys is not None
        last = level.grouped_at(index) + level.n - 1
        runs, following = self.straight_on(last)
        runs_twice, after_that = self.straight_on(last + 1)
        found = english_lexicon.readings()
        adverb = english_lexicon.listed_in(keys, following, found.adverbs_only)
        adjective = english_lexicon.listed_in(keys, after_that, found.adjectives)
        goes_on = runs & ((~self.no_content[following] & ~adverb) | (
            self.coordinator[following] & runs_twice & ~self.no_content[after_that]
            & adjective))
        return level.per_gram(index, goes_on) * 2 > level.count[index]

    def _hyphen_links(self, level: Level, index: np.ndarray) -> np.ndarray:
        """Per gram `index` of `level` (length n), whether a hyphen joins the word
        before it to its first word (column 0), and each of its words to the next
        (column k: word k - 1; column n: its last word to the word after it). Judged on
        the first use, or with `hyphens_by_uses` on the uses (`HYPHENATED_SHARE`): a title
        that writes a dash as a hyphen ("Chinese-style Modernization-General Secretary")
        does not make the phrase end inside a word everywhere else."""
        joined, n = self.joined, level.n
        assert joined is not None
        size = len(joined)
        if not self.hyphens_by_uses:
            where = level.first[index].astype(np.int64)
            counts = np.ones(len(index), dtype=np.int64)
        else:
            where = level.grouped_at(index).astype(np.int64)
            counts = level.count[index]
        at = where[:, None] + np.arange(-1, n)
        links = joined[np.clip(at, 0, size - 1)] & (at >= 0)
        if not self.hyphens_by_uses:
            return links
        return level.per_gram(index, links) >= HYPHENATED_SHARE * counts[:, None]

    def _bound_lead(self, first: np.ndarray, lead: np.ndarray, rest: np.ndarray,
                    count: np.ndarray) -> np.ndarray:
        """Per gram (its first position, its `lead` leading function words, the `rest`
        after them, its `count`), how many of those words go: one at a time from the
        first, each only while what follows it is used without it too (more than
        `LEAD_SHARE` allows). A function word the rest of the stretch (nearly) always
        comes with stays with the words after it ("too for her opposition": "for her
        opposition" is always so led; "of the people": "the people" is not), as a
        determiner does when the whole rest always comes with it ("the rule of law")."""
        out = np.zeros_like(lead)
        going = lead > 0
        before = count
        for j in range(1, int(lead.max(initial=0)) + 1):
            rows = np.flatnonzero(going & (lead >= j))
            after = self.grams.counts_of_each(first[rows] + j, rest[rows] + lead[rows] - j)
            loose = after * LEAD_SHARE > before[rows]
            out[rows[loose]] = j
            going = np.zeros_like(going)
            going[rows[loose]] = True
            before = np.zeros_like(count)
            before[rows] = after
        return out

    def _led_after_one(self, first: np.ndarray, lead: np.ndarray,
                       length: np.ndarray) -> np.ndarray:
        """Per gram (its first position, its `lead` leading function words and the
        `length` of the rest), how often the rest occurs with those leading words one
        word further back, in the same stretch ("the national free spirit of
        initiatives" for "the free spirit of initiatives"; "a strong equality of basic
        supply" for "an equality of basic supply", the article's form following the word
        put after it)."""
        grams, ids = self.grams, self.grams.ids
        out = np.zeros(len(first), dtype=np.int64)
        for m, k in {(int(m), int(k)) for m, k in zip(length, lead, strict=True)}:
            rows = np.flatnonzero((length == m) & (lead == k))
            level = grams.levels.get(m)
            if level is None:
                continue
            index = level.gram_at(first[rows] + k)
            known = index >= 0
            rows, index = rows[known], index[known]
            owner, _ = expand(level.count[index])
            where = level.grouped_at(index).astype(np.int64)
            start = where - k - 1
            ok = start >= 0
            start = np.maximum(start, 0)
            for j in range(k + 1):
                ok &= ~grams.stops[start + j]
            for j in range(k):
                ok &= (self.word_unit[ids[start + j]]
                       == self.word_unit[ids[first[rows][owner] + j]])
            out[rows] = np.bincount(owner[ok], minlength=len(rows))
        return out

    def modifiers(self, *, before: bool = False, least: int = MODIFIER_USES,
                  share: float = MODIFIER_SHARE) -> np.ndarray:
        """Per vocabulary id, whether the word is a modifier: used at least `least`
        times and followed straight on (no break, no hyphen) by a content word at least
        the share `share` of them; or, `before`, whether it is so preceded (the head of
        a compound)."""
        grams = self.grams
        ids = grams.ids
        out = np.zeros(len(self.is_stop), dtype=bool)
        if len(ids) < 2:
            return out
        goes_on = ~grams.stops[:-1] & ~self.no_content[ids[1:] if not before else ids[:-1]]
        if self.joined is not None:
            goes_on &= ~self.joined[:-1]
        if self.apart is not None:
            goes_on &= ~self.apart[:-1]
        uses = np.bincount(ids, minlength=len(out))[:len(out)]
        if self.capitalized is not None and not before:
            # A capitalized word that mostly opens sentences opens one here too, its full
            # stop missing ("the crimson charter Bakers sold bread"): no continuation.
            opening = np.bincount(ids[1:][grams.stops[:-1]], minlength=len(out))[:len(out)]
            opener = opening * 2 >= np.maximum(uses, 1)
            goes_on &= ~(self.capitalized[1:] & opener[ids[1:]])
        word = ids[1:] if before else ids[:-1]
        followed = np.bincount(word[goes_on], minlength=len(out))[:len(out)]
        out = (uses >= least) & (followed >= share * np.maximum(uses, 1))
        if self.capitalized is not None:
            # A name goes on into varied words too, as the subject of verbs ("General
            # Secretary Zembrowski spoke", "... left"): names are not modifiers.
            capitals = np.bincount(ids[self.capitalized], minlength=len(out))[:len(out)]
            out &= capitals * 2 < uses
        return out

    def table(self, top: int, min_words: int, *, few: bool = False) -> Candidates:
        """Every maximal trimmed gram (see `maximal`) with its features. Variety is that
        of the adjacent words on the side where they vary least; or, with `few` (two
        texts, where phrases occur a few times each), of the nearest content words on the
        side where they vary most: with two occurrences "of" after a phrase is grammar,
        and a set phrase has its usual continuations ("General Secretary Xi Jinping's
        important thought"); a copied passage's pieces stand in the same context on both
        sides. With `few`, a use repeated in one document in the same context (a page
        header) counts once for variety."""
        return self.candidates(self.maximal(top, min_words), few=few)

    def candidates(self, grams_by_length: dict[int, np.ndarray], *,
                   few: bool = False) -> Candidates:
        """The grams of each length (indices into their level) with their features, as
        `table` gives them."""
        neighbours = ~self.is_stop if few else np.ones(len(self.is_stop), dtype=bool)
        found = sorted(grams_by_length.items())
        grams = self.grams
        parts = []
        for n, index in found:
            level = grams.levels[n]
            first = level.first[index]
            words = grams.ids[first[:, None] + np.arange(n)]
            capped = np.minimum(self.bits[words], WORD_BITS_CAP)
            content = np.where(self.no_content[words], 0.0, capped).sum(axis=1)
            parts.append((np.full(len(index), n), index, first, level.documents[index],
                          level.count[index], content,
                          (np.maximum if few else np.minimum)(
                              *grams.neighbour_variety(n, index, neighbours,
                                                       repeats_once=few,
                                                       across_breaks=not few,
                                                       long=(self.long_stretch is not None
                                                             and n >= self.long_stretch)))))
        if not parts:
            empty = np.zeros(0, dtype=np.int64)
            return Candidates(empty, empty, empty, empty, empty, empty.astype(float),
                              empty.astype(float))
        columns = [np.concatenate(c) for c in zip(*parts, strict=True)]
        return Candidates(*columns)

    def cohesion(self, lengths: np.ndarray, index: np.ndarray,
                 rank: np.ndarray | None = None) -> np.ndarray:
        """Per gram (its length and index in that level): over every way to cut it in two,
        the least of the larger share of a part's uses that lie inside the gram. 1 for a
        fixed unit; low for two common pieces that each go their own way (作出 + 贡献).

        With `rank` (each document's place in date order) a part's uses are counted from
        the gram's first document on: a phrase coined late (全省经济 in the last quarter of
        a collection) cannot hold the uses of its words before it existed, and those would
        make any new phrase of common words look loose. A collocation of the language is
        in use from the start, and is judged on every use as before."""
        out = np.ones(len(index))
        for n in np.unique(lengths).tolist():
            rows = np.flatnonzero(lengths == n)
            level = self.grams.levels[n]
            first = level.first[index[rows]]
            count = level.count[index[rows]].astype(np.float64)
            since = None if rank is None else self._earliest(n, index[rows], rank)
            for k in range(1, n):
                parts = np.minimum(self._part_counts(first, k, since, rank),
                                   self._part_counts(first + k, n - k, since, rank))
                out[rows] = np.minimum(out[rows], count / np.maximum(1, parts))
        return out

    def _earliest(self, n: int, index: np.ndarray, rank: np.ndarray) -> np.ndarray:
        """Per gram of length n, the date rank of its first document."""
        level = self.grams.levels[n]
        counts = level.count[index]
        heads = np.cumsum(counts) - counts
        return np.minimum.reduceat(rank[self.grams.doc_of[level.grouped_at(index)]], heads)

    def _part_counts(self, starts: np.ndarray, n: int, since: np.ndarray | None,
                     rank: np.ndarray | None) -> np.ndarray:
        """Occurrences of the n-grams at `starts`, only in documents ranked at or after
        `since` (per gram) when given. Single characters are counted everywhere: they are
        the common side of any cut and hardly ever the one that decides."""
        grams = self.grams
        if since is None or rank is None or n == 1 or n not in grams.levels:
            return grams.counts_of(starts, n)
        level = grams.levels[n]
        part = level.gram_at(starts)
        out = np.zeros(len(starts), dtype=np.int64)
        known = np.flatnonzero(part >= 0)
        if not len(known):
            return out
        unique, inverse = np.unique(part[known], return_inverse=True)
        owner, _ = expand(level.count[unique])
        scale = int(rank.max(initial=0)) + 2
        keys = np.sort(owner.astype(np.int64) * scale
                       + rank[grams.doc_of[level.grouped_at(unique)]])
        ends = np.searchsorted(keys, (inverse.astype(np.int64) + 1) * scale)
        out[known] = ends - np.searchsorted(keys, inverse.astype(np.int64) * scale
                                            + since[known])
        return out

    def strength(self, table: Candidates, plain: np.ndarray | None = None) -> np.ndarray:
        """How much each candidate looks like a set phrase, whatever its frequency: its
        content (capped: a name is not more of a formulation than a word of the language)
        times the square of the variety of its neighbours; 0 for candidates that carry
        too little content (save the rows `plain`, which the caller knows to be set
        phrases of common words) or always stand in one same context."""
        enough = table.content >= self.min_content
        if plain is not None:
            enough[plain] = True
        ok = enough & (table.variety >= MIN_VARIETY)
        return np.where(ok, np.minimum(table.content, CONTENT_CAP) * table.variety ** 2, 0.0)

    def words(self, n: int, index: int) -> tuple[int, ...]:
        start = int(self.grams.levels[n].first[index])
        return tuple(self.grams.ids[start:start + n].tolist())


def select_phrases(scorer: PhraseScorer, ordered: Iterable[tuple[int, int]],
                   *, limit: int) -> list[tuple[int, int]]:
    """The best of `ordered` (length, level index) candidates, leaving out a phrase inside
    a listed one unless it recurs clearly more often on its own."""
    selected: list[tuple[int, int]] = []
    inside: dict[tuple[int, ...], int] = {}  # sub-phrase -> occurrences inside listed ones
    for n, index in ordered:
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
