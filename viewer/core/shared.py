"""The shared-phrase step of two token streams: the one matcher of `tandem compare` and of
collections.

`compare()` calls `find_shared_phrases` for its two documents, and the collection engine
calls it for every candidate pair of its articles, so a pair opened side by side shows
the passages the collection listed (and those it leaves out of its listing: see
`viewer.collection.passage_rules`). Both sides must be tokenized with one shared
`Vocabulary` and one normalizer; `bits` gives the general-language surprise of every
vocabulary key (see `viewer.core.rarity`).

The result depends on which text is A (the evidence is summed over A's words), so both
callers put the pair in `canonical_order` first and mirror the result back.

A collection aligns thousands of pairs of a few hundred documents: what depends on one
document only (its words' general surprise, `general_bits`) can be computed once per
document and passed in, and the word-level differences (only the two-text views show them)
can be left out.
"""

from __future__ import annotations

import numpy as np

from viewer.core.edge_marks import widen_over_marks
from viewer.core.function_edges import without_function_edges
from viewer.core.match import Alignment, MatchParams, align
from viewer.core.model import SharedPhrase
from viewer.core.rarity import cjk_token_bits
from viewer.core.settings import Settings
from viewer.core.tokenize import TokenStream
from viewer.core.wordiff import word_differences

#: CJK text is tokenized per character; this many characters make one "word" of settings.
CJK_CHARS_PER_WORD = 1.6

#: Raised whenever the passages found for a pair change (how runs join, what their spans
#: take in), or which pairs of a collection are aligned (3: a shorter run makes a candidate
#: pair of the two articles that alone hold it; 4: a passage trimmed where a stronger one
#: claimed its edge keeps the least words or goes; 5: whole other sentences between two runs
#: keep them apart; 6: two passages whose stretched ends lie an edit apart join; 7: a
#: copy takes its sentence's last words edited unevenly; 8: one sentence copied and edited
#: every few words is a candidate pair by the n-grams its two articles alone hold, too few
#: to pair them otherwise; 9: a passage whose edge a stronger one claimed beyond a few
#: words gives up what lies past a paragraph break both texts have; 10: a passage ends on
#: no function word, `function_edges`): a collection store
#: aligned by another version aligns all of its pairs again when articles are next added,
#: so that its pairs are those a fresh run would list.
MATCHER_VERSION = 10


def text_words(tokens: int, cjk: bool) -> int:
    """A text's length in words as shared phrases count theirs: a CJK text's tokens are
    its characters, `CJK_CHARS_PER_WORD` of them to a word."""
    return round(tokens / CJK_CHARS_PER_WORD) if cjk else tokens


def canonical_order(text_a: str, text_b: str) -> bool:
    """Whether the pair is already in the order the matcher works in (shorter text first,
    then the smaller text); if not, swap the two and mirror the result."""
    return not (len(text_b), text_b) < (len(text_a), text_a)


def match_params(settings: Settings, cjk: bool) -> MatchParams:
    """The matcher's parameters, in tokens, for these settings."""
    scale = CJK_CHARS_PER_WORD if cjk else 1.0
    return MatchParams(
        seed=4 if cjk else 3,
        min_tokens=max(2, round(settings.min_words * scale)),
        gap=max(1, round(settings.gap_words * scale)),
        rarity_margin=settings.rarity_margin,
        use_rarity=settings.ignore_stop_words,
    )


def general_bits(tokens: TokenStream, keys: list[str], bits: np.ndarray,
                 cjk: bool) -> np.ndarray:
    """The general-language surprise of each token of one document, in bits. For CJK text,
    characters are read as the dictionary words they form (`cjk_token_bits`)."""
    general = bits[tokens.ids]
    if cjk:
        general = np.array(cjk_token_bits([keys[t] for t in tokens.ids.tolist()],
                                          general.tolist()), dtype=np.float64)
    return general


def evidence_bits(tokens_a: TokenStream, tokens_b: TokenStream,
                  general_a: np.ndarray) -> np.ndarray:
    """How much each word of A, matched in B, argues against chance, in bits.

    The general-language surprise of a word is capped by its frequency in these two texts:
    "saith" is rare in English but not in two chapters of the Bible, where a shared
    "thus saith the Lord" is chance. One occurrence is discounted on each side, since a
    copied passage itself brings every one of its words into both texts.
    """
    size = int(max(tokens_a.ids.max(initial=-1), tokens_b.ids.max(initial=-1))) + 1
    count_a = np.bincount(tokens_a.ids, minlength=size)
    count_b = np.bincount(tokens_b.ids, minlength=size)
    share = np.maximum((count_a - 1) / max(1, len(tokens_a)),
                       (count_b - 1) / max(1, len(tokens_b)))
    caps = np.where(share > 0, -np.log2(np.maximum(share, 1e-300)), np.inf)
    return np.minimum(general_a, caps[tokens_a.ids])


def find_shared_phrases(texts: tuple[str, str], tokens_a: TokenStream, tokens_b: TokenStream,
                        keys: list[str], bits: np.ndarray, cjk: bool, settings: Settings, *,
                        general_a: np.ndarray | None = None, differences: bool = True,
                        chinese: bool = False) -> list[SharedPhrase]:
    """Every passage A and B share (`texts` the two texts), ordered by position in A (the
    pair in canonical order).

    `keys` are the shared vocabulary's keys and `bits` their surprise; `general_a`, when
    given, is `general_bits` of A computed beforehand. Without `differences` the phrases
    carry no word-level edits (and cost less); with `chinese`, edits are whole Chinese
    words (see `word_differences`)."""
    alignments = shared_alignments(tokens_a, tokens_b, keys, bits, cjk, settings,
                                   general_a=general_a)
    return phrases_of(texts, alignments, tokens_a, tokens_b, cjk, differences=differences,
                      chinese=chinese)


def shared_alignments(tokens_a: TokenStream, tokens_b: TokenStream, keys: list[str],
                      bits: np.ndarray, cjk: bool, settings: Settings, *,
                      general_a: np.ndarray | None = None) -> list[Alignment]:
    """The passages of `find_shared_phrases` in token indices, with their evidence."""
    if general_a is None:
        general_a = general_bits(tokens_a, keys, bits, cjk)
    evidence = evidence_bits(tokens_a, tokens_b, general_a)
    params = match_params(settings, cjk)
    passages = align(tokens_a, tokens_b, evidence, params)
    if not cjk:
        without_function_edges(passages, tokens_a, tokens_b, general_a, evidence,
                               params.min_tokens)
    return passages


def phrases_of(texts: tuple[str, str], alignments: list[Alignment], tokens_a: TokenStream,
               tokens_b: TokenStream, cjk: bool, *, differences: bool = True,
               chinese: bool = False) -> list[SharedPhrase]:
    """The shared phrases, in character offsets of `texts`, of passages in token indices:
    from the first word to the last, and over the marks both texts have at the edges
    (`widen_over_marks`)."""
    scale = CJK_CHARS_PER_WORD if cjk else 1.0
    phrases = []
    for al in alignments:
        exact = np.array_equal(tokens_a.ids[al.a0:al.a1], tokens_b.ids[al.b0:al.b1])
        span_a, span_b = widen_over_marks(
            texts[0], (int(tokens_a.starts[al.a0]), int(tokens_a.ends[al.a1 - 1])),
            texts[1], (int(tokens_b.starts[al.b0]), int(tokens_b.ends[al.b1 - 1])))
        phrases.append(SharedPhrase(
            a=span_a,
            b=span_b,
            words=round((al.a1 - al.a0) / scale),
            exact=exact,
            differences=() if exact or not differences else word_differences(
                tokens_a, tokens_b, al.a0, al.a1, al.b0, al.b1, chinese=chinese),
        ))
    return phrases


def apart(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches the (possibly overlapping) spans cover, each character once."""
    out, reach = [], 0
    for start, end in sorted(spans):
        start = max(start, reach)
        if end > start:
            out.append((start, end))
            reach = end
    return out


def visible_chars(text: str) -> int:
    """How many characters of `text` are not whitespace."""
    return _visible(text, 0, len(text))


def covered_text_share(spans: list[tuple[int, int]], text: str,
                       total: int | None = None) -> float:
    """The share of `text` that the (possibly overlapping) spans cover, counted in
    characters other than whitespace (`total`: `visible_chars(text)`, when the caller
    has it already), rounded to 4 places.

    Whitespace is left out of both counts: no passage takes in the line break that ends a
    file or the blank lines around it, so counting them would keep two identical texts
    under 100%.

    Rounded, but never to none of a text that a passage covers, nor to all of one it does
    not wholly cover (a quotation in a book, a word left out of a copy): those keep their
    exact share, which `viewer.present.shares.percent` writes "<0.1%" or ">99.9%"."""
    if total is None:
        total = visible_chars(text)
    if total == 0:
        return 0.0
    covered = sum(_visible(text, start, end) for start, end in apart(spans))
    share = round(covered / total, 4)
    if share in (0.0, 1.0) and 0 < covered < total:
        return covered / total
    return share


def _visible(text: str, start: int, end: int) -> int:
    """How many characters of `text[start:end]` are not whitespace."""
    # str.split() cuts at the characters `\s` matches, three times faster than removing
    # them: the window counts every paired article of a collection as it opens it.
    return sum(map(len, text[start:end].split()))
