"""A theme list holding only the closest pair, below the threshold, says so in every view:
the HTML report, the PDF report read back, and the window's Themes tab."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from viewer.core.compare import compare
from viewer.core.document import Document
from viewer.export.html_report import write_html
from viewer.export.pdf_report import write_pdf
from viewer.present.theme_note import closest_only_note

ASH = "Volcanic ash grounded flights across the northern islands for two days running."
SYMPHONY = "The orchestra rehearsed a new symphony by a young Estonian composer all week."
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
