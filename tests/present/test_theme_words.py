"""A theme pair that shares no term shows, in the reports, the words that relate it under
a label saying they are related, not shared; a pair that shares terms shows its terms."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from viewer.core.compare import compare
from viewer.core.loading import load_document
from viewer.export.html_report import write_html
from viewer.export.pdf_report import write_pdf
from viewer.present.theme_words import RELATED_LABEL, shown_words

SNOW = ("Heavy snowfall closed the mountain roads on Sunday and stranded hundreds of skiers "
        "in their hotels overnight.\n")
BLIZZARD = ("A blizzard blocked alpine highways, leaving winter sports fans stuck in "
            "guesthouses until morning.\n")
PANDAS_A = ("Two giant panda babies born at the municipal zoo are thriving, say keepers who "
            "weigh them every morning and will show them to the public in summer.\n")
PANDAS_B = ("The city zoo welcomed twin panda cubs this spring; keepers say both are healthy, "
            "feeding well and gaining weight, and visitors can see them in summer.\n")


def _compared(folder: Path, a: str, b: str):  # type: ignore[no-untyped-def]
    paths = [folder / "a.txt", folder / "b.txt"]
    for path, text in zip(paths, (a, b), strict=True):
        path.write_text(text, encoding="utf-8")
    return compare(*(load_document(str(p)) for p in paths))


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_both_reports_show_the_related_words_of_a_pair_sharing_no_term(tmp_path: Path) -> None:
    # Their terms cell was empty.
    comparison = _compared(tmp_path, SNOW, BLIZZARD)
    [theme] = comparison.themes
    shown = shown_words(theme)
    assert shown.startswith(f"{RELATED_LABEL}: ") and "roads ~ highways" in shown
    write_html(comparison, tmp_path / "r.html")
    assert "roads ~ highways" in (tmp_path / "r.html").read_text(encoding="utf-8")
    write_pdf(comparison, tmp_path / "r.pdf")
    printed = _flat(" ".join(p.extract_text() for p in PdfReader(tmp_path / "r.pdf").pages))
    assert _flat(RELATED_LABEL) in printed and "highways" in printed


def test_a_pair_sharing_terms_shows_them_alone(tmp_path: Path) -> None:
    comparison = _compared(tmp_path, PANDAS_A, PANDAS_B)
    theme = comparison.themes[0]
    assert theme.terms and theme.related == ()
    assert shown_words(theme) == ", ".join(theme.terms)
