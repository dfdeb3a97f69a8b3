"""Comparisons of the small fixture pairs and what the report tests look for in them."""

from __future__ import annotations

from pathlib import Path

import pytest

from viewer.core.compare import compare
from viewer.core.loading import load_document
from viewer.core.model import Comparison

REPORT_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "report"

#: Known content of the English pair (harbour_a.txt / harbour_b.txt).
PASSAGE = "restoring the pier would cost four million pounds over two seasons"
SLOGAN = "common prosperity for all districts"
#: The Chinese pair's shared sentence (silk_a.txt / silk_b.txt).
CHINESE_PASSAGE = "这些文物见证了东西方文化交流的悠久历史，值得每一位市民前来参观"


def compare_pair(name_a: str, name_b: str) -> Comparison:
    return compare(load_document(str(REPORT_FIXTURES / name_a)),
                   load_document(str(REPORT_FIXTURES / name_b)))


@pytest.fixture(scope="session")
def english() -> Comparison:
    return compare_pair("harbour_a.txt", "harbour_b.txt")


@pytest.fixture(scope="session")
def chinese() -> Comparison:
    return compare_pair("silk_a.txt", "silk_b.txt")


@pytest.fixture(scope="session")
def written_three_ways() -> Comparison:
    """A pair whose one slogan is written "at the core", "as the core", "at its core"."""
    return compare_pair("core_a.txt", "core_b.txt")


def forms_written(comparison: Comparison) -> tuple[str, str]:
    """The pair's one slogan, written in three ways, and its two other forms as a report
    writes them under it."""
    [slogan] = comparison.slogans
    assert len(slogan.variants) == 2
    return slogan.phrase, "also: " + "; ".join(slogan.variants)


def passage_index(comparison: Comparison, words: str) -> int:
    """Index of the shared phrase whose A text contains `words`."""
    text = comparison.document_a.text
    for i, phrase in enumerate(comparison.shared_phrases):
        if words in text[phrase.a[0]:phrase.a[1]]:
            return i
    raise AssertionError(f"no shared phrase contains {words!r}")
