"""The `Comparison` model: what two documents share, in character offsets of their texts.

Every view (window, JSON, PDF/HTML report) renders these immutable records; none recomputes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from viewer.core.document import Document
from viewer.core.settings import Settings

#: A half-open range [start, end) of Python string indices into `Document.text`.
Span = tuple[int, int]
#: The formulations of a collection behind two texts, as a comparison takes them: each
#: its forms, its name first.
KnownForms = Sequence[Sequence[str]]


@dataclass(frozen=True)
class WordDifference:
    """One word-level edit inside a shared passage: `kind` is replace, delete or insert.

    `a` and `b` are the edited words' spans; an empty span marks where words are missing."""

    kind: str
    a: Span
    b: Span

    def swapped(self) -> WordDifference:
        return WordDifference(_FLIPPED.get(self.kind, self.kind), self.b, self.a)


_FLIPPED = {"insert": "delete", "delete": "insert"}


@dataclass(frozen=True)
class SharedPhrase:
    """A passage of A and its counterpart in B: the same words, verbatim or lightly edited."""

    a: Span
    b: Span
    words: int
    exact: bool
    differences: tuple[WordDifference, ...] = ()

    # The constructors are called directly: dataclasses.replace inspects the fields on
    # every call, which cost milliseconds for a comparison's hundreds of items.
    def swapped(self) -> SharedPhrase:
        return SharedPhrase(self.b, self.a, self.words, self.exact,
                            tuple(d.swapped() for d in self.differences))


@dataclass(frozen=True)
class Slogan:
    """A set phrase that recurs within or across the documents, with every occurrence."""

    phrase: str
    words: int
    occurrences_a: tuple[Span, ...]
    occurrences_b: tuple[Span, ...]
    watchlist: bool = False
    #: Other forms of the phrase counted with it (a word swapped or added).
    variants: tuple[str, ...] = ()
    #: The phrase as B writes it where B writes it in the other Chinese script (互聯網
    #: against A's 互联网); empty otherwise.
    phrase_b: str = ""

    def swapped(self) -> Slogan:
        return Slogan(self.phrase_b or self.phrase, self.words, self.occurrences_b,
                      self.occurrences_a, self.watchlist, self.variants,
                      self.phrase if self.phrase_b else "")

    @property
    def presence(self) -> str:
        """Which texts use the phrase: "both", "a" or "b" ("" for neither)."""
        return {(True, True): "both", (True, False): "a",
                (False, True): "b"}.get((bool(self.occurrences_a), bool(self.occurrences_b)),
                                        "")

    @property
    def count_a(self) -> int:
        return len(self.occurrences_a)

    @property
    def count_b(self) -> int:
        return len(self.occurrences_b)


@dataclass(frozen=True)
class ThemeOverlap:
    """Two passages that discuss the same thing in other words; `score` lies in [0, 1]."""

    a: Span
    b: Span
    score: float
    terms: tuple[str, ...]
    #: The terms as B writes them, where B writes any otherwise (國家 against 国家); empty
    #: otherwise.
    terms_b: tuple[str, ...] = ()
    #: For a pair that shares no term (scored by word meaning alone), what relates them:
    #: pairs of words, one of A's passage and one of B's, nearest in meaning first
    #: (snowfall ~ winter); empty for a pair that shares terms.
    related: tuple[tuple[str, str], ...] = ()

    def swapped(self) -> ThemeOverlap:
        return ThemeOverlap(self.b, self.a, self.score, self.terms_b or self.terms,
                            self.terms if self.terms_b else (),
                            tuple((b, a) for a, b in self.related))


@dataclass(frozen=True)
class Stats:
    """Overlap figures: the share of each text's characters (whitespace aside) inside shared
    phrases."""

    shared_chars_a: float
    shared_chars_b: float
    seconds: float
    words_a: int
    words_b: int


@dataclass(frozen=True)
class Comparison:
    """Everything one comparison found; the single input of every view."""

    document_a: Document
    document_b: Document
    settings: Settings
    shared_phrases: tuple[SharedPhrase, ...]
    slogans: tuple[Slogan, ...]
    themes: tuple[ThemeOverlap, ...]
    stats: Stats

    @property
    def documents(self) -> tuple[Document, Document]:
        return (self.document_a, self.document_b)

    @property
    def slogans_used(self) -> int:
        """How many of the slogans either text uses: a watch-list phrase neither uses is
        listed among them ("used by neither"), but is no slogan of theirs. The figures
        count these; a list's heading counts its rows."""
        return sum(1 for s in self.slogans if s.occurrences_a or s.occurrences_b)

    def swapped(self) -> Comparison:
        """The same comparison seen from B's side: every pair of spans exchanged, the shared
        phrases in the reading order of the new A."""
        return replace(
            self,
            document_a=self.document_b,
            document_b=self.document_a,
            shared_phrases=tuple(sorted((p.swapped() for p in self.shared_phrases),
                                        key=lambda p: (p.a, p.b))),
            slogans=tuple(s.swapped() for s in self.slogans),
            themes=tuple(t.swapped() for t in self.themes),
            stats=replace(self.stats, shared_chars_a=self.stats.shared_chars_b,
                          shared_chars_b=self.stats.shared_chars_a,
                          words_a=self.stats.words_b, words_b=self.stats.words_a),
        )
