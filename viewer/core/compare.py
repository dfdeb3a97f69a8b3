"""Compare two documents: tokenize once, then find shared phrases, slogans and themes.

`compare` is the one entry point the command line, the window and the reports use.
It reports progress and can be cancelled between stages (and inside long ones).
"""

from __future__ import annotations

import math
import re
import time
from bisect import bisect_right
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import numpy as np

from viewer.core.document import Document
from viewer.core.errors import Cancelled
from viewer.core.model import Comparison, KnownForms, SharedPhrase, Slogan, Span, Stats
from viewer.core.normalize import Normalizer, plain_key, shared_normalizer
from viewer.core.rarity import Rarity, frequencies
from viewer.core.segment import segmenter
from viewer.core.settings import Settings
from viewer.core.shared import (
    CJK_CHARS_PER_WORD,
    canonical_order,
    covered_text_share,
    find_shared_phrases,
    text_words,
)
from viewer.core.slogans import (
    PassedOver,
    SloganContext,
    find_known,
    find_slogans,
    find_watched,
    phrase_key,
    read_watch_lines,
)
from viewer.core.stopwords import stop_words
from viewer.core.theme_meaning import passage_meanings
from viewer.core.theme_terms import character_pair_terms, shared_words, word_terms
from viewer.core.themes import (
    TermWords,
    ThemeCandidates,
    find_themes,
    passage_spans,
    reweighed,
    score_pairs,
    spread_factors,
    term_vectors,
)
from viewer.core.tokenize import TokenStream, Vocabulary, tokenize_pair

_CJK = frozenset({"zh", "ja"})

#: A phrase seen once in each text inside a passage they share, longer than this (words),
#: is a piece of that copy, not a slogan.
COPIED_PIECE_WORDS = 8
#: ... and so is one the passage holds with more content words than this besides it,
#: unedited: about a sentence's. Two texts may write a formulation into one frame ("the
#: simultaneous development of the four modernizations"); sharing more, they copy.
COPY_AROUND_WORDS = 12

Progress = Callable[[str, float], None]
IsCancelled = Callable[[], bool]


def _quiet(stage: str, fraction: float) -> None:
    pass


def compare(doc_a: Document, doc_b: Document, settings: Settings | None = None,
            progress: Progress | None = None,
            is_cancelled: IsCancelled | None = None,
            known: KnownForms = ()) -> Comparison:
    """Compute the full `Comparison` of two documents.

    `known`: the formulations of a collection behind the two (each its forms, its name
    first), listed among the slogans wherever either text uses them (see `find_known`);
    the shared phrases and the themes are the two texts' own, the same without them.

    The result depends only on the pair, not on which is A: the engine always works in one
    canonical order and mirrors the result, so swapping the inputs swaps the output exactly.
    """
    settings = settings or Settings()
    if not canonical_order(doc_a.text, doc_b.text):
        return _compare(doc_b, doc_a, settings, progress, is_cancelled, known).swapped()
    return _compare(doc_a, doc_b, settings, progress, is_cancelled, known)


def watch_lines_passed_over(settings: Settings, doc_a: Document | None,
                            doc_b: Document | None) -> list[PassedOver]:
    """The lines of the settings' watch-list that comparing the two documents (either may
    not be open yet) does not watch, read as it reads them (see `read_watch_lines`)."""
    normalizer = _pair_normalizer(settings, _pair_language(doc_a, doc_b))
    return read_watch_lines(settings.watchlist, normalizer)[1]


def _pair_language(doc_a: Document | None, doc_b: Document | None) -> str:
    """The language two documents are read in: theirs when they share one, else English."""
    same = doc_a is not None and doc_b is not None and doc_a.language == doc_b.language
    return doc_a.language if same and doc_a is not None else "en"


def _pair_normalizer(settings: Settings, language: str) -> Normalizer:
    return shared_normalizer(case_sensitive=settings.case_sensitive,
                             stemming=settings.stemming, language=language)


def _compare(doc_a: Document, doc_b: Document, settings: Settings, progress: Progress | None,
             is_cancelled: IsCancelled | None, known: KnownForms) -> Comparison:
    report = progress or _quiet

    def step(stage: str, fraction: float) -> None:
        if is_cancelled is not None and is_cancelled():
            raise Cancelled()
        report(stage, fraction)

    started = time.perf_counter()
    language = _pair_language(doc_a, doc_b)
    cjk = doc_a.language in _CJK or doc_b.language in _CJK
    step("Reading words", 0.0)
    normalizer = _pair_normalizer(settings, language)
    vocabulary = Vocabulary()
    tokens_a, tokens_b = tokenize_pair(doc_a.text, doc_b.text, normalizer, vocabulary)
    # Word frequencies are of words: a stem ("technolog") is looked up as its word.
    words = ([plain_key(s) for s in vocabulary.spellings] if settings.stemming
             else vocabulary.keys)
    bits, is_stop = word_weights(words, "zh" if cjk else language, settings)
    # Slogans are trimmed of the language's function words whatever the settings: with
    # none, "of the Communist Party of China" could not be trimmed and was dropped.
    functions = is_stop if settings.ignore_stop_words else function_words(
        words, "zh" if cjk else language)

    # Theme scoring needs no shared phrases until its last step: it runs beside the matcher
    # and the slogan finder (their array work releases the interpreter lock). Splitting the
    # two texts side by side as well gained 0.1 s on 1 MB but held the lock so that the
    # window's event loop stalled 75 ms instead of 48: they are split one after the other.
    with ThreadPoolExecutor(max_workers=1) as pool:
        theme_job = pool.submit(_theme_candidates, doc_a, doc_b, tokens_a, tokens_b,
                                vocabulary, bits, is_stop, cjk, language)
        phrases, slogans, weighed = _phrases_and_slogans(
            doc_a, doc_b, tokens_a, tokens_b, vocabulary, bits, functions, cjk, normalizer,
            settings, step, language=language, known=known)
        step("Finding theme overlap", 0.75)
        candidates = theme_job.result()
    if cjk:  # the finder counts characters; settings and shared phrases count words
        slogans = [replace(s, words=text_words(s.words, True)) for s in slogans]
    # What the two texts say in the same words: their shared phrases and the set phrases
    # both use. A set phrase of one text alone is its own wording, like any other.
    in_both = [s for s in weighed if s.count_a and s.count_b]
    copied = ([p.a for p in phrases], [p.b for p in phrases])
    themes = find_themes(candidates,
                         copied[0] + [o for s in in_both for o in s.occurrences_a],
                         copied[1] + [o for s in in_both for o in s.occurrences_b],
                         copied=copied, min_score=settings.theme_min_score,
                         limit=settings.max_themes, texts=(doc_a.text, doc_b.text))
    if _chinese(doc_a, doc_b):
        # A pair whose character pairs make no word both passages write (社会 of A's 社会主义)
        # names nothing they have in common: it is not listed.
        themes = [replace(t, terms=terms, terms_b=terms_b) for t in themes
                  for terms, terms_b in [shared_words(doc_a.text, t.a, doc_b.text, t.b,
                                                      copied)] if terms]
    step("Done", 1.0)

    stats = Stats(
        shared_chars_a=covered_text_share([p.a for p in phrases], doc_a.text),
        shared_chars_b=covered_text_share([p.b for p in phrases], doc_b.text),
        seconds=round(time.perf_counter() - started, 4),
        words_a=text_words(len(tokens_a), doc_a.language in _CJK),
        words_b=text_words(len(tokens_b), doc_b.language in _CJK),
    )
    return Comparison(doc_a, doc_b, settings, tuple(phrases), tuple(slogans), tuple(themes),
                      stats)


#: Slogans found for theme overlap to weigh as set wording, however few are listed (the
#: default number listed).
SLOGANS_WEIGHED = 100


def _phrases_and_slogans(doc_a: Document, doc_b: Document, tokens_a: TokenStream,
                         tokens_b: TokenStream, vocabulary: Vocabulary, bits: np.ndarray,
                         functions: np.ndarray, cjk: bool, normalizer: Normalizer,
                         settings: Settings, step: Progress, *, language: str,
                         known: KnownForms = ()
                         ) -> tuple[list[SharedPhrase], list[Slogan], list[Slogan]]:
    """The shared phrases, the slogans listed, and the slogans theme overlap weighs as set
    wording: at least the first `SLOGANS_WEIGHED` found, however few are listed, so that
    how many are shown does not change the themes; and those the two texts give, whether
    or not a collection's formulations (`known`) take their place in the list, so that a
    collection behind the pair does not change them either. `functions`: per word, whether
    the slogan finder reads it as a function word."""
    step("Finding shared phrases", 0.15)
    scale = CJK_CHARS_PER_WORD if cjk else 1.0
    phrases = find_shared_phrases((doc_a.text, doc_b.text), tokens_a, tokens_b,
                                  vocabulary.keys, bits, cjk, settings,
                                  chinese=_chinese(doc_a, doc_b))

    step("Finding slogans", 0.55)
    context_a = SloganContext(doc_a.text, tokens_a)
    context_b = SloganContext(doc_b.text, tokens_b)
    watched = find_watched(settings.watchlist, context_a, context_b, normalizer, vocabulary)
    named = {phrase_key(w.phrase, normalizer) for w in watched}
    found = set_phrases(context_a, context_b, vocabulary, bits, functions, settings, cjk=cjk,
                        language=language, limit=max(settings.max_slogans, SLOGANS_WEIGHED))
    # A found slogan whose every use a watch-list entry counts already (a line naming the
    # forms the finder grouped, "network power | strong network country") would show the
    # same uses again.
    counted = [(set(w.occurrences_a), set(w.occurrences_b)) for w in watched]
    found = [s for s in found if phrase_key(s.phrase, normalizer) not in named
             and not any((s.occurrences_a or s.occurrences_b)
                         and set(s.occurrences_a) <= uses_a and set(s.occurrences_b) <= uses_b
                         for uses_a, uses_b in counted)]
    # A phrase seen once on each side, inside a passage the two share, is part of that copy
    # rather than a set phrase: a long one is left out, and so is one inside a longer copy
    # (the pieces between the edits of an edited copy: "one hand", "iteration and
    # application of new technologies"). A short one that is most of the passage (which
    # may be a set phrase both happen to use once, with a word or two around it) is listed
    # after the phrases in both that recur on their own, and still before those of one
    # text (the finder ranks phrases in both first).
    in_a = sorted((p.a, [d.a for d in p.differences]) for p in phrases)
    in_b = sorted((p.b, [d.b for d in p.differences]) for p in phrases)

    def copied(s: Slogan) -> tuple[int, int]:
        """For a slogan used once on each side, starting inside a passage on both, its
        words there and the content words the passage shares besides it (each the fewer of
        the two sides');
        (0, 0) otherwise. One that runs on past the passage is judged on its part inside:
        a slogan completed past it ("... Xi Jinping" at / as the core, see
        `slogans._completes`) is as much a piece of it."""
        if not s.count_a == s.count_b == 1:
            return 0, 0
        (inside_a, besides_a), (inside_b, besides_b) = (
            _copy_around(s.occurrences_a[0], in_a, tokens_a, ~functions[tokens_a.ids]),
            _copy_around(s.occurrences_b[0], in_b, tokens_b, ~functions[tokens_b.ids]))
        return min(inside_a, inside_b), min(besides_a, besides_b)

    marked = [(inside, s) for s in found for inside, besides in [copied(s)]
              if inside <= COPIED_PIECE_WORDS * scale and besides <= COPY_AROUND_WORDS * scale]
    # Stable: each part keeps its order.
    found = ([s for c, s in marked if not c and s.presence == "both"]
             + [s for c, s in marked if c]
             + [s for c, s in marked if not c and s.presence != "both"])
    collection = [s for s in find_known(known, context_a, context_b, normalizer, vocabulary)
                  if phrase_key(s.phrase, normalizer) not in named]
    in_collection = {phrase_key(s.phrase, normalizer) for s in collection}
    # A slogan the collection names already, or one each use of which is a piece of a use
    # of a collection's formulation or such a use with a word around, is that one; one
    # used apart from them too ("Communist Party of China", beside "20th National Congress
    # of the Communist Party of China") or holding more ("adhere to ... Xi Jinping Thought
    # ...", of "Xi Jinping") is a phrase of its own.
    uses = [[o for s in collection for o in s.occurrences_a],
            [o for s in collection for o in s.occurrences_b]]
    texts = (doc_a.text, doc_b.text)

    def is_formulation(slogan: Slogan) -> bool:
        return all(_as_used(span, uses[side], texts[side], cjk)
                   for side, spans in enumerate((slogan.occurrences_a, slogan.occurrences_b))
                   for span in spans)

    listed = [s for s in found if not is_formulation(s)
              and phrase_key(s.phrase, normalizer) not in in_collection] if collection else found
    return (phrases, watched + collection + listed[:settings.max_slogans], watched + found)


def word_weights(words: Sequence[str], language: str, settings: Settings
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Per word of `words` (match keys, "zh" for any CJK `language`): its bits of surprise
    in the language, and whether it is a stop word `settings` ignore."""
    return (Rarity(language).bits_of(words),
            function_words(words, language) if settings.ignore_stop_words
            else np.zeros(len(words), dtype=bool))


def function_words(words: Sequence[str], language: str) -> np.ndarray:
    """Per word of `words` (match keys), whether it is a stop word of `language`."""
    stops = stop_words(language)
    return np.fromiter(map(stops.__contains__, words), dtype=bool, count=len(words))


def set_phrases(a: SloganContext, b: SloganContext, vocabulary: Vocabulary, bits: np.ndarray,
                is_stop: np.ndarray, settings: Settings, *, cjk: bool, language: str,
                limit: int) -> list[Slogan]:
    """The slogan finder on two texts as `settings` size its phrases (in words: CJK
    characters scaled by `CJK_CHARS_PER_WORD`), at most `limit`, best first."""
    scale = CJK_CHARS_PER_WORD if cjk else 1.0
    return find_slogans(a, b, vocabulary, bits, is_stop,
                        min_words=max(2, round(settings.slogan_min_words * scale)),
                        max_words=max(2, round(settings.slogan_max_words * scale)),
                        min_count=settings.slogan_min_count, limit=limit, cjk=cjk,
                        rates_known=not cjk and bool(frequencies(language)),
                        english=language == "en")


def _copy_around(span: Span, passages: Sequence[tuple[Span, Sequence[Span]]],
                 tokens: TokenStream, content: np.ndarray) -> tuple[int, int]:
    """The tokens of `span` inside the one of `passages` (each its span and its edited
    spans, in order) it starts in, and the content words (`content`: per token) that
    passage shares besides it: outside `span` and the edits ((0, 0) for none)."""
    k = bisect_right(passages, span[0], key=lambda passage: passage[0][0]) - 1
    if k < 0 or not span[0] < passages[k][0][1]:
        return 0, 0
    (start, end), edits = passages[k]
    first, last = np.searchsorted(tokens.starts, (span[0], min(span[1], end))).tolist()
    low, high = np.searchsorted(tokens.starts, (start, end)).tolist()
    shared = content[low:high].copy()
    shared[first - low:last - low] = False
    for edit in edits:
        edited = np.searchsorted(tokens.starts, edit) - low
        shared[max(int(edited[0]), 0):max(int(edited[1]), 0)] = False
    return last - first, int(shared.sum())


def _as_used(span: tuple[int, int], uses: list[tuple[int, int]], text: str,
             cjk: bool) -> bool:
    """Whether `span` of `text` lies inside one of `uses`, or holds one with at most a
    word around it (in CJK text, a word's worth of characters: `CJK_CHARS_PER_WORD`,
    rounded up)."""
    for start, end in uses:
        if start <= span[0] and span[1] <= end:
            return True
        if span[0] <= start and end <= span[1]:
            around = text[span[0]:start] + " " + text[end:span[1]]
            if (len("".join(around.split())) <= math.ceil(CJK_CHARS_PER_WORD) if cjk
                    else len(re.findall(r"\w+", around)) <= 1):
                return True
    return False


def _theme_candidates(doc_a: Document, doc_b: Document, tokens_a: TokenStream,
                      tokens_b: TokenStream, vocabulary: Vocabulary, bits: np.ndarray,
                      is_stop: np.ndarray, cjk: bool, language: str) -> ThemeCandidates:
    if cjk:
        terms = character_pair_terms(tokens_a, tokens_b, vocabulary.keys, bits, is_stop)
    else:
        terms = word_terms(tokens_a, tokens_b, vocabulary, bits, is_stop, language)
    vectors, passages = [], []
    for doc, stream, token_terms in ((doc_a, tokens_a, terms.terms_a),
                                     (doc_b, tokens_b, terms.terms_b)):
        spans = passage_spans(doc.text, doc.paragraphs, stream)
        vectors.append(term_vectors(spans, stream.starts, token_terms, terms.bits))
        passages.append((spans, stream))
    factor = spread_factors(vectors[0], vectors[1], len(terms.bits))
    a, b = reweighed(vectors[0], factor), reweighed(vectors[1], factor)
    # The model's vocabulary is English-centred (most CJK characters are bytes to it), so
    # Chinese and Japanese are scored by shared terms alone, and shown by whole words: the
    # segmenter loads here (seconds, once) beside the matcher rather than after it.
    if cjk:
        if _chinese(doc_a, doc_b):
            segmenter()
        return score_pairs(a, b, terms.names)
    if factor is not None:  # boilerplate words (names, titles) carry no meaning either
        passages = [(spans, _without(stream, _boilerplate(token_terms, factor)))
                    for (spans, stream), token_terms in zip(
                        passages, (terms.terms_a, terms.terms_b), strict=True)]
    meaning_a, meaning_b = passage_meanings(passages, vocabulary.spellings)
    spellings = [*vocabulary.spellings, *terms.more_spellings]
    spelled = terms.spelled or (tokens_a.ids, tokens_b.ids)
    words = (TermWords(tokens_a.starts, terms.terms_a, spelled[0], spellings),
             TermWords(tokens_b.starts, terms.terms_b, spelled[1], spellings))
    return score_pairs(a, b, terms.names, (meaning_a, meaning_b), words)


def _chinese(doc_a: Document, doc_b: Document) -> bool:
    """Whether theme terms are shown as Chinese words (Japanese keeps character pairs: the
    segmenter knows Chinese only)."""
    languages = {doc_a.language, doc_b.language}
    return "zh" in languages and "ja" not in languages


def _boilerplate(token_terms: np.ndarray, factor: np.ndarray) -> np.ndarray:
    """Which tokens have a term that weighs nothing (see `spread_factors`)."""
    dropped = np.zeros(len(token_terms), dtype=bool)
    has_term = token_terms >= 0
    dropped[has_term] = factor[token_terms[has_term]] == 0
    return dropped


def _without(stream: TokenStream, dropped: np.ndarray) -> TokenStream:
    keep = ~dropped
    return TokenStream(stream.ids[keep], stream.starts[keep], stream.ends[keep], stream.codes)
