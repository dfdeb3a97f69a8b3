"""Formulations of a collection too small to tell them by its own figures.

The finder judges a phrase by what the collection says of it: how many articles use it,
how freely, since when (`candidate_scores`, `evidence.score`). A small collection cannot
say enough: a phrase of d articles scores at most log2(1 + d) times the content cap on its
articles and content alone, which reaches the finder's gate from `FEW_ARTICLES` (25)
articles on, whatever the collection's size. Below 25 articles nothing would be listed on
those figures, and in a collection of 30, a slogan 8 of them use would not either. So
wherever the collection is small enough (`reads_two_by_two`), a phrase is also judged as
`tandem compare` judges it, against the language at large: every two articles of one
language (Chinese originals beside their English translations are two sets, `readings`)
are read by the two-text slogan finder (`viewer.core.slogans`, with its default
settings), and a phrase it finds in both is searched in every article, word for word as
the matcher reads them, outside boilerplate and within a sentence. It is a formulation
when it recurs in `min_documents` articles and, in Chinese, is a phrase as the finder has
it: two words or more, or an idiom's four characters (the slogan finder reads a word such
as 越来越 set in two texts; across a collection it is vocabulary), that neither opens nor
closes on a particle or a preposition of one letter (据新华社, 江泽民等). A sentence written
whole in half its uses (but for function words before it) is a passage quoted,
not a phrase set into sentences, as the finder has it too.

The forms the slogan finder counts together (a word swapped or added) are one
formulation, led by the form most articles use; so are forms that are variants of one
another (`variants.group_variants`) though no two articles showed them together ("a fair
and open harbour for every trade", "... every craft"). Where every use of a phrase (three
or more) goes on into one same word, in varying forms or past varying small words ("key
core" technologies / technology), the phrase is that longer one: two articles did not
show it whole, the collection does. One inside a longer formulation is listed only where
it recurs on its own in so many articles ("General Secretary" beside "General Secretary
Xi Jinping"). Best first: most articles, then most uses.

Reading every two articles goes through (articles - 1) times their tokens: beyond
`PAIR_BUDGET`, or `MOST_PAIRS` pairs, it is not done. A collection that large has the
figures the finder needs, and documents that long use their phrases again and again,
which gives the finder the evidence a few articles lack.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from itertools import combinations
from typing import NamedTuple

import numpy as np

from viewer.core import english_lexicon, segment
from viewer.core.collection.clusters import DisjointSets
from viewer.core.collection.edges import quote_marks
from viewer.core.collection.evidence import MIN_SCORE
from viewer.core.collection.form_shapes import MAX_VARIANTS, variant_shape
from viewer.core.collection.formulations import MIN_DOCUMENTS, Formulation, formulation_of
from viewer.core.collection.phrase_search import TokenSearch
from viewer.core.collection.readings import reading_of
from viewer.core.compare import set_phrases, word_weights
from viewer.core.edge_marks import SENTENCE_ENDS
from viewer.core.model import Span
from viewer.core.phrase_scorer import CONTENT_CAP
from viewer.core.phrases import COMMA_CHARS, breaks_after, tokens_in_spans
from viewer.core.rarity import is_number
from viewer.core.settings import Settings
from viewer.core.slogans import (
    PIECE_USES,
    SloganContext,
    apart_spans,
    base_forms,
    nearest_content,
)
from viewer.core.tokenize import TokenStream, Vocabulary, as_written
from viewer.core.variants import group_variants
from viewer.core.word_bounds import (
    SHORTEST_ONE_WORD_PHRASE,
    closes_no_phrase,
    opens_no_phrase,
)

#: Fewest articles in which a phrase every one of them uses can reach the finder's gate on
#: its articles and content alone (`evidence.score`: log2(1 + articles) times the content,
#: at most `CONTENT_CAP`): 25.
FEW_ARTICLES = math.ceil(2 ** (MIN_SCORE / CONTENT_CAP) - 1)
#: Most tokens the reading of every two articles may go through ((articles - 1) x their
#: tokens; about 7 s on two cores, 9 s for Chinese, whose words are looked up too): 24
#: articles of 2,700 words or 3,000 characters. Longer documents, 20
#: articles' worth each, use their phrases again and again, which gives the finder the
#: evidence few articles lack (24 of them: 35 formulations found, where reading every
#: two would take 24 s and add 1,700 phrases).
PAIR_BUDGET = 1_500_000
#: The marks that end a sentence (a clause between commas, colons or brackets goes on).
SENTENCE_END_CHARS = np.array([ord(c) for c in sorted(SENTENCE_ENDS)], dtype=np.uint32)
#: Most pairs of articles read (45 articles make 990): each costs about 1.3 ms however
#: short its articles, so that 250 headlines, well within `PAIR_BUDGET`, would take 18 s.
MOST_PAIRS = 1000


def reads_two_by_two(streams: Sequence[TokenStream]) -> bool:
    """Whether articles of these tokens (one reading, `readings`) are read two by two:
    every two of them make no more than `MOST_PAIRS` pairs, and reading them stays within
    `PAIR_BUDGET`."""
    count = len(streams)
    return (count * (count - 1) // 2 <= MOST_PAIRS
            and (count - 1) * sum(len(s) for s in streams) <= PAIR_BUDGET)


def with_pairwise(listed: list[Formulation], texts: Sequence[str],
                  streams: Sequence[TokenStream], vocabulary: Vocabulary,
                  dates: Sequence[str], excluded: Sequence[Sequence[Span]], language: str, *,
                  min_documents: int = MIN_DOCUMENTS,
                  ids: Sequence[str] | None = None) -> list[Formulation]:
    """The formulations the finder `listed` for `texts`, all of one reading
    (`readings.reading_of`; arguments as `formulations.find_formulations`) and, where
    they are read two by two (`reads_two_by_two`), after them those of
    `pairwise_formulations` that recur outside them."""
    if not reads_two_by_two(streams):
        return listed
    held: dict[int, list[Span]] = {}
    for item in listed:
        for k, spans in item.occurrences:
            held.setdefault(k, []).extend(spans)
    return listed + pairwise_formulations(texts, streams, vocabulary, dates, excluded,
                                          language, min_documents=min_documents, held=held,
                                          ids=ids)


def pairwise_formulations(texts: Sequence[str], streams: Sequence[TokenStream],
                          vocabulary: Vocabulary, dates: Sequence[str],
                          excluded: Sequence[Sequence[Span]], language: str, *,
                          min_documents: int, held: Mapping[int, Sequence[Span]] | None = None,
                          ids: Sequence[str] | None = None) -> list[Formulation]:
    """The set phrases the slogan finder reads in two articles or more that recur in
    `min_documents` of `texts` (arguments as `formulations.find_formulations`), best
    first (as many as the two-text finder lists), outside the uses of formulations listed
    already (`held`: document index -> spans). Meant for articles `reads_two_by_two`
    reads, all in `language`'s reading (a collection in two languages is read one
    language at a time: `readings`): it reads every two of them as `tandem compare`
    reads them."""
    if len(texts) < min_documents:
        return []
    settings = Settings()  # what `tandem compare` reads two texts with by default
    reading = reading_of(language)
    cjk = reading == "zh"
    bits, is_stop = word_weights(vocabulary.keys, reading, settings)
    words = None if cjk else _Words(base_forms(vocabulary),
                                    is_stop | is_number(vocabulary.keys), is_stop)
    search = _SentenceSearch(streams, excluded)
    found = []
    for group in _slogan_forms(texts, streams, vocabulary, reading, settings, bits, is_stop):
        recurring = _recurring(group, search, texts, words, is_stop, cjk, min_documents,
                               settings.slogan_max_words)
        if recurring is not None:
            found.append(recurring)
    content = ~(is_stop if words is None else words.no_content)
    found = _variants_joined(found, lambda word: isinstance(word, int) and bool(content[word]),
                             cjk, min_documents,
                             None if words is None else _inflections(vocabulary.keys,
                                                                     words.lemmas))
    # Longest first: a phrase inside a longer one is judged on its uses outside it.
    found.sort(key=lambda item: -max(e - s for spans in item.merged.values() for s, e in spans))
    taken = {k: list(spans) for k, spans in (held or {}).items()}
    listed = []
    for _, form_uses, merged in found:
        alone = [k for k, spans in merged.items()
                 if any(not _inside(span, taken.get(k, ())) for span in spans)]
        if len(alone) < min_documents:
            continue
        for k, spans in merged.items():
            taken.setdefault(k, []).extend(spans)
        written = [_most_written(by_doc, texts) for by_doc in form_uses]
        listed.append(formulation_of(written[0], tuple(dict.fromkeys(written[1:])), merged,
                                     dates, ids))
    listed.sort(key=lambda f: (-f.documents, -f.count, f.first))
    return listed[:settings.max_slogans]


class _Found(NamedTuple):
    """A group of slogan forms as the articles use them: the forms (token ids) and their
    uses (document index -> spans) by form, the form most articles use first, and all
    their uses merged."""

    forms: list[tuple[int, ...]]
    uses: list[dict[int, list[Span]]]
    merged: dict[int, list[Span]]


def _variants_joined(found: list[_Found], is_content: Callable[[Hashable], bool],
                     cjk: bool, min_documents: int,
                     lemmas: np.ndarray | None = None) -> list[_Found]:
    """`found` with the groups whose leading forms are variants of one another
    (`variants.group_variants`: a word swapped or added, most content kept) made one. The
    two-text finder groups the forms two articles write; the trade of one and the craft of
    another are one formulation only the collection shows. A form inside longer found
    forms that does not recur on its own in `min_documents` articles is left out of the
    grouping: it is the part two forms share, read where two articles write them
    differently, not a phrase whose contexts they are (as one recurring on its own is:
    "Mayor Ostrander said", "Mayor Ostrander warned"). No more than `MAX_VARIANTS` forms
    join one: more make a template with a slot. With `lemmas` (per token id, its base
    form's, English: `_inflections`) forms are compared word by base form, as the two-text
    finder counts them: "alkali metals" of two articles and "alkali metal" of two others
    are one."""
    leading = [item.forms[0] for item in found]
    compared = leading if lemmas is None else [
        tuple(lemmas[list(form)].tolist()) for form in leading]

    def grouped(k: int) -> bool:
        # A form inside longer found forms is grouped only where it recurs on its own.
        holders = [j for j, other in enumerate(leading)
                   if j != k and len(other) > len(leading[k]) and _within(leading[k], other)]
        alone = [doc for doc, spans in found[k].merged.items()
                 if any(not _inside(span, [held for j in holders
                                           for held in found[j].merged.get(doc, ())])
                        for span in spans)]
        return not holders or len(alone) >= min_documents

    whole = [k for k in range(len(found)) if grouped(k)]
    whole.sort(key=lambda k: -len(found[k].merged))
    grouping = set(whole)
    items = [item for k, item in enumerate(found) if k not in grouping]
    for group in group_variants(whole, compared.__getitem__, is_content, lambda *_: False,
                                **variant_shape(cjk)):
        if len(group) > MAX_VARIANTS + 1:
            items.extend(found[k] for k in group)
            continue
        # Two groups may hold one form (two pairs of articles each read it beside another
        # variant): it is one form of the joined group, with the uses of both.
        by_form: dict[tuple[int, ...], dict[int, list[Span]]] = {}
        for k in group:
            for form, uses in zip(found[k].forms, found[k].uses, strict=True):
                into = by_form.setdefault(form, {})
                for doc, spans in uses.items():
                    into[doc] = sorted({*into.get(doc, ()), *spans})
        parts = sorted(by_form.items(), key=lambda part: (-len(part[1]), -len(part[0])))
        items.append(_Found([form for form, _ in parts], [uses for _, uses in parts],
                            _merged([uses for _, uses in parts])))
    return items


def _inflections(keys: Sequence[str], bases: np.ndarray) -> np.ndarray:
    """`bases` (per id of `keys`, the id of its base form by its ending,
    `slogans.base_forms`) less the bases the English lexicon denies ("economics" is no form
    of "economic", "news" none of "new"); a word the lexicon lacks keeps its base."""
    varied = np.flatnonzero(bases != np.arange(len(bases)))
    known = english_lexicon.base_forms_of({keys[k] for k in varied.tolist()})
    out = bases.copy()
    for k in varied.tolist():
        lemmas = known.get(keys[k])
        if lemmas is not None and keys[int(bases[k])] not in lemmas:
            out[k] = k
    return out


def _within(short: tuple[int, ...], long: tuple[int, ...]) -> bool:
    n = len(short)
    return any(long[k:k + n] == short for k in range(len(long) - n + 1))


def _recurring(group: list[tuple[int, ...]], search: _SentenceSearch, texts: Sequence[str],
               words: _Words | None, filler: np.ndarray, cjk: bool, min_documents: int,
               longest: int) -> _Found | None:
    """The uses of a group of slogan forms in every article, if they recur in
    `min_documents` articles and (Chinese) make a phrase, else None; the uses run on into
    the word each goes on into, given the `words` (English) to tell it."""
    group_uses = [use for form in group for use in search.uses(np.array(form, dtype=np.int64))]
    if words is not None:
        group_uses = search.completed(group_uses, words, longest)
    # A sentence written whole in half its uses is quoted: a passage's reuse, not a phrase
    # set into sentences (as the finder weighs long stretches, `candidate_scores`).
    if sum(search.whole_sentence(at, n, filler) for _, at, n, _ in group_uses) * 2 >= len(
            group_uses):
        return None
    by_form: dict[tuple[int, ...], dict[int, list[Span]]] = {}
    for k, at, n, span in group_uses:
        by_form.setdefault(search.ids_at(at, n), {}).setdefault(k, []).append(span)
    written_forms = list(by_form)
    uses = [by_form[form] for form in written_forms]
    merged = _merged(uses)
    if len(merged) < min_documents or (cjk and _no_phrase(uses, texts)):
        return None
    # The form most articles use leads its group.
    order = sorted(range(len(uses)), key=lambda f: (-len(uses[f]), -len(written_forms[f])))
    return _Found([written_forms[f] for f in order], [uses[f] for f in order], merged)


def _merged(uses: list[dict[int, list[Span]]]) -> dict[int, list[Span]]:
    """The uses of a group's forms (document index -> spans, by form) as one, by
    document: a form's use inside another's is that use (`apart_spans`)."""
    merged: dict[int, list[Span]] = {}
    for by_doc in uses:
        for k, spans in by_doc.items():
            merged.setdefault(k, []).extend(spans)
    return {k: list(apart_spans(spans)) for k, spans in merged.items()}


def _slogan_forms(texts: Sequence[str], streams: Sequence[TokenStream],
                  vocabulary: Vocabulary, language: str, settings: Settings,
                  bits: np.ndarray, is_stop: np.ndarray) -> list[list[tuple[int, ...]]]:
    """The forms (token ids) of the slogans `tandem compare` reads in both of any two
    articles of `texts` (all in the reading `language`: "zh" for Chinese and Japanese),
    those it counts together in one group (`bits`, `is_stop`: its weights of the words,
    `compare.word_weights`)."""
    contexts = [SloganContext(text, stream) for text, stream in zip(texts, streams, strict=True)]
    number: dict[tuple[int, ...], int] = {}
    joins: list[tuple[int, int]] = []
    for a, b in combinations(range(len(contexts)), 2):
        for slogan in set_phrases(contexts[a], contexts[b], vocabulary, bits, is_stop, settings,
                                  cjk=language == "zh", language=language,
                                  limit=settings.max_slogans):
            if not (slogan.occurrences_a and slogan.occurrences_b):
                continue
            ids = {_ids_at(streams[k], span) for k, spans in
                   ((a, slogan.occurrences_a), (b, slogan.occurrences_b)) for span in spans}
            seen = [number.setdefault(form, len(number)) for form in sorted(ids) if form]
            joins.extend((seen[0], other) for other in seen[1:])
    groups = DisjointSets(len(number))
    for one, other in joins:
        groups.union(one, other)
    by_root: dict[int, list[tuple[int, ...]]] = {}
    for form, k in number.items():
        by_root.setdefault(groups.find(k), []).append(form)
    return list(by_root.values())


def _ids_at(stream: TokenStream, span: Span) -> tuple[int, ...]:
    """The token ids of `stream` within the character `span`."""
    first = int(np.searchsorted(stream.starts, span[0], side="left"))
    last = int(np.searchsorted(stream.ends, span[1], side="right"))
    return tuple(stream.ids[first:last].tolist())


class _Words(NamedTuple):
    """Per vocabulary id (English): its base form (`slogans.base_forms`), whether it is
    no content word (a function word or a figure), and whether it is a function word."""

    lemmas: np.ndarray
    no_content: np.ndarray
    is_stop: np.ndarray


#: A use found: (document index, position in the tokens laid end to end, length in
#: tokens, character span).
_Use = tuple[int, int, int, Span]


class _SentenceSearch:
    """Token-id phrases found in every document, none across a sentence end nor into
    boilerplate, and what stands beside their uses."""

    def __init__(self, streams: Sequence[TokenStream], excluded: Sequence[Sequence[Span]]) -> None:
        self.search = TokenSearch(streams, range(len(streams)))
        ends = np.concatenate([breaks_after(s) for s in streams] or [np.zeros(0, bool)])
        blocked = np.concatenate([tokens_in_spans(s, spans) for s, spans in
                                  zip(streams, excluded, strict=True)] or [np.zeros(0, bool)])
        commas = np.concatenate([breaks_after(s, COMMA_CHARS, symbols=False) for s in streams]
                                or [np.zeros(0, bool)])
        self.clause_ends = ends | commas  # per position: a phrase goes on past none
        self.sentence_ends = np.concatenate(
            [breaks_after(s, SENTENCE_END_CHARS, symbols=False) for s in streams]
            or [np.zeros(0, bool)])
        self.quoted = quote_marks(streams)
        self.doc_of = np.repeat(np.arange(len(streams)), [len(s) for s in streams])
        # Per position: how many sentence ends and boilerplate tokens lie before it.
        self.ends = np.concatenate(([0], np.cumsum(ends)))
        self.blocked = np.concatenate(([0], np.cumsum(blocked)))

    def uses(self, sequence: np.ndarray) -> list[_Use]:
        n = len(sequence)
        return [(k, at, n, span) for k, at, span in self.search.occurrences(sequence)
                if self._clear(at, n)]

    def _clear(self, at: int, n: int) -> bool:
        """Whether the `n` tokens from `at` hold no sentence end nor boilerplate."""
        return bool(self.ends[at + n - 1] == self.ends[at]
                    and self.blocked[at + n] == self.blocked[at])

    def whole_sentence(self, at: int, n: int, filler: np.ndarray) -> bool:
        """Whether the `n` tokens from `at` are a sentence of their own, but for words
        that are `filler` (per vocabulary id: function words) before them ("The harbour
        master said ..."): a sentence's end mark or a paragraph break (or the document's
        start) before those, and one right after them; a clause between commas, colons or
        brackets is set into its sentence. Not one cited whole between quotation marks, as
        a set phrase is."""
        if self.quoted[0][at] and self.quoted[1][at + n - 1]:
            return False
        ids, first, ends = self.search.joined.ids, at, self.sentence_ends
        while (first > 0 and not ends[first - 1]
               and self.doc_of[first - 1] == self.doc_of[at] and filler[ids[first - 1]]):
            first -= 1
        opens = first == 0 or bool(ends[first - 1]) or self.doc_of[first - 1] != self.doc_of[at]
        return opens and bool(ends[at + n - 1])

    def ids_at(self, at: int, n: int) -> tuple[int, ...]:
        return tuple(self.search.joined.ids[at:at + n].tolist())

    def completed(self, uses: list[_Use], words: _Words, longest: int) -> list[_Use]:
        """`uses` run on, word by word, into the content word that comes next after every
        one of them (past up to two function words, within a clause), when they are
        `PIECE_USES` or more: the phrase goes on there in varying forms or by varying small
        words ("key core" technologies / technology), so it is a piece of that longer one,
        which two articles alone did not show recurring. At most `longest` words."""
        ids = self.search.joined.ids
        while len(uses) >= PIECE_USES:
            last = np.array([at + n - 1 for _, at, n, _ in uses])
            after = nearest_content(ids, self.clause_ends, self.doc_of,
                                    words.no_content, words.is_stop, last, 1)
            if (after < 0).any() or len(np.unique(words.lemmas[ids[after]])) > 1:
                break
            longer = [(k, at, int(to) - at + 1, (span[0], int(self.search.joined.ends[to])))
                      for (k, at, _, span), to in zip(uses, after.tolist(), strict=True)]
            if any(n > longest or not self._clear(at, n) for _, at, n, _ in longer):
                break
            uses = longer
        return uses


def _no_phrase(uses: list[dict[int, list[Span]]], texts: Sequence[str]) -> bool:
    """Whether no form of a Chinese group (`uses` of each, in `texts`), as written at its
    first use, is a phrase as the finder has it: each is one word shorter than an idiom
    (`word_bounds.PhraseLocator.is_phrase`), or opens or closes on a word that is a piece
    of its clause (据新华社, 比赛中, 江泽民等; `word_bounds.opens_no_phrase`,
    `word_bounds.closes_no_phrase`)."""
    def not_phrase(k: int, start: int, end: int) -> bool:
        words = [texts[k][s:e] for s, e in segment.words(texts[k], start, end)]
        if not words:
            return True
        if end - start < SHORTEST_ONE_WORD_PHRASE and len(words) < 2:
            return True
        return opens_no_phrase(words[0]) or closes_no_phrase(words[-1])

    return all(not_phrase(k, *by_doc[k][0]) for by_doc in uses if by_doc
               for k in [min(by_doc)])


def _inside(span: Span, spans: Sequence[Span]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)


def _most_written(uses: dict[int, list[Span]], texts: Sequence[str]) -> str:
    """A form as most of its uses write it (the first of them on a tie), on one line
    (`as_written`)."""
    written = Counter(as_written(texts[k][s:e])
                      for k in sorted(uses) for s, e in uses[k])
    return max(written, key=written.__getitem__)
