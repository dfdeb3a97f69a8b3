"""A theme list holding only the closest pair, below the threshold, says so in every view:
the HTML report, the PDF report read back, and the window's Themes tab."""

from __future__ import annotations

import itertools
from pathlib import Path

from pypdf import PdfReader

from viewer.core.compare import compare
from viewer.core.document import Document
from viewer.export.html_report import write_html
from viewer.export.pdf_report import write_pdf
from viewer.present.theme_note import closest_only_note

ASH = "Volcanic ash grounded flights across the northern islands for two days running."
# The closest pair of these two shares "island(s)", at a score below the threshold (one
# sharing nothing is not listed at all).
SYMPHONY = "The island orchestra rehearsed a new symphony by a young Estonian composer all week."
PANDAS_A = ("Two giant panda babies born at the municipal zoo are thriving, say keepers who "
            "weigh them every morning and will show them to the public in summer.")
PANDAS_B = ("The city zoo welcomed twin panda cubs this spring; keepers say both are healthy, "
            "feeding well and gaining weight, and visitors can see them in summer.")


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_a_closest_pair_below_the_threshold_is_told_in_both_reports(tmp_path: Path) -> None:
    comparison = compare(Document(ASH, "a"), Document(SYMPHONY, "b"))
    assert len(comparison.themes) == 1
    assert comparison.themes[0].score < comparison.settings.theme_min_score
    note = closest_only_note(comparison)
    assert "closest" in note and f"{comparison.settings.theme_min_score:.2f}" in note
    write_html(comparison, tmp_path / "r.html")
    assert note in (tmp_path / "r.html").read_text(encoding="utf-8")
    write_pdf(comparison, tmp_path / "r.pdf")
    printed = _flat(" ".join(p.extract_text() for p in PdfReader(tmp_path / "r.pdf").pages))
    assert _flat(note) in printed


def test_pairs_above_the_threshold_carry_no_such_note(tmp_path: Path) -> None:
    comparison = compare(Document(PANDAS_A, "a"), Document(PANDAS_B, "b"))
    assert comparison.themes[0].score >= comparison.settings.theme_min_score
    assert closest_only_note(comparison) == ""
    write_html(comparison, tmp_path / "r.html")
    assert "closest the two texts come" not in (tmp_path / "r.html").read_text("utf-8")


def test_the_note_stands_on_the_page_of_the_pair_it_speaks_of(tmp_path: Path) -> None:
    # However far down its page the theme table ends (it comes after more slogans, each
    # a phrase said twice in A), the note is not left alone on a page of its own, cut off
    # from the pair it speaks of.
    syllables = ["ka", "lo", "mi", "ru", "te", "zo", "qua", "ne", "bi", "fe"]
    words = [a + b + c for a, b, c in itertools.product(syllables, repeat=3)]
    for count in range(30, 50):
        phrases = [f"{words[2 * k]} {words[2 * k + 1]}" for k in range(count)]
        text_a = ASH + "\n" + "\n".join(f"{p} here. Then {p} there." for p in phrases)
        comparison = compare(Document(text_a, "a"), Document(SYMPHONY, "b"))
        note = _flat(closest_only_note(comparison))
        assert note and comparison.slogans
        path = tmp_path / f"r{count}.pdf"
        write_pdf(comparison, path)
        pages = [_flat(p.extract_text()) for p in PdfReader(path).pages]
        holding = [text for text in pages if note in text]
        assert len(holding) == 1 and SYMPHONY in holding[0], count
        assert f"Theme overlap ({len(comparison.themes)})" in holding[0], count
