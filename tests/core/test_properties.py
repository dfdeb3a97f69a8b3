"""Properties of every comparison: spans inside the texts, slices that read as the passage,
and a result that does not depend on which text is A."""

from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.core.compare import compare
from viewer.core.document import Document
from viewer.core.loading import load_document
from viewer.export.json_report import comparison_to_dict

ROOT = Path(__file__).resolve().parents[2]

WORDS = ["harbour", "council", "ferry", "the", "of", "a", "quay", "dredging", "\u6570\u5b57",
         "\u4e2d\u56fd", "caf\u00e9", "r\u00e9sum\u00e9", "Zembla", "2024", "\U0001f600", "and"]
SEPARATORS = [" ", "  ", "\n", ", ", ". ", "\r\n", " \u2014 ", "\n\n"]

texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)),
                 min_size=1, max_size=120).map(lambda parts: "".join(w + s for w, s in parts))


@st.composite
def pairs(draw):
    a, b = draw(texts), draw(texts)
    shared = draw(texts)
    # Put one stretch of text into both, at drawn places, so there is usually a match.
    i, j = draw(st.integers(0, len(a))), draw(st.integers(0, len(b)))
    return a[:i] + " " + shared + " " + a[i:], b[:j] + " " + shared + " " + b[j:]


def _valid(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs())
def test_every_span_lies_inside_its_text_and_slices_as_reported(pair):
    text_a, text_b = pair
    result = compare(Document(text_a, "a"), Document(text_b, "b"))
    data = comparison_to_dict(result)
    for phrase, entry in zip(result.shared_phrases, data["shared_phrases"], strict=True):
        assert 0 <= phrase.a[0] < phrase.a[1] <= len(text_a)
        assert 0 <= phrase.b[0] < phrase.b[1] <= len(text_b)
        assert entry["text_a"] == text_a[phrase.a[0]:phrase.a[1]]
        assert entry["text_b"] == text_b[phrase.b[0]:phrase.b[1]]
    for slogan in result.slogans:
        assert all(0 <= s < e <= len(text_a) for s, e in slogan.occurrences_a)
        assert all(0 <= s < e <= len(text_b) for s, e in slogan.occurrences_b)
    for theme in result.themes:
        assert 0 <= theme.a[0] < theme.a[1] <= len(text_a)
        assert 0 <= theme.b[0] < theme.b[1] <= len(text_b)
        assert 0.0 <= theme.score <= 1.0
    assert data["documents"][0]["chars"] == len(text_a)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs())
def test_swapping_a_and_b_swaps_the_result(pair):
    text_a, text_b = pair
    forward = compare(Document(text_a, "a"), Document(text_b, "b"))
    backward = compare(Document(text_b, "b"), Document(text_a, "a"))

    def key(result):
        return (sorted((p.a, p.b, p.words, p.exact) for p in result.shared_phrases),
                sorted((s.phrase.casefold(), s.occurrences_a, s.occurrences_b)
                       for s in result.slogans),
                sorted((t.a, t.b, t.score) for t in result.themes))

    mirrored = backward.swapped()
    assert key(forward) == key(mirrored)
    # Either way round, the shared phrases come in A's reading order, as they are navigated.
    for result in (forward, backward, mirrored):
        assert [p.a for p in result.shared_phrases] == sorted(
            p.a for p in result.shared_phrases)
    assert replace(forward.stats, seconds=0) == replace(mirrored.stats, seconds=0)


def test_the_samples_shared_phrases_come_in_the_reading_order_of_either_text() -> None:
    # The two samples cross: B tells A's passages in another order. The text that is not
    # first in the canonical order gets its passages in its own order too.
    samples = ROOT / "resources" / "samples"
    a = load_document(str(samples / "sample_a.txt"))
    b = load_document(str(samples / "sample_b.txt"))
    for first, second in ((a, b), (b, a)):
        phrases = compare(first, second).shared_phrases
        assert len(phrases) >= 3
        assert [p.a for p in phrases] == sorted(p.a for p in phrases)
        assert [p.b for p in phrases] != sorted(p.b for p in phrases)  # they do cross
