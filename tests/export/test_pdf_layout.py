"""Tests of viewer.export.pdf_layout: where rows go on the pages."""

from __future__ import annotations

from viewer.export.pdf_layout import KEEP_TOGETHER_LINES, Cell, Fonts, Layout, Measure, Page
from viewer.export.report_model import RichText
from viewer.present.palette import LIGHT

SIZE = 10.0
LEADING = SIZE * 1.3


def _texts(page: Page) -> list[str]:
    return [op[3] for ops in page.columns.values() for op in ops if op[0] == "text"]


def _near_the_bottom() -> Layout:
    """A layout whose first page has room for one more line, not two."""
    layout = Layout((300.0, 300.0), Measure(Fonts("Helvetica", "Helvetica")), LIGHT)
    while layout.y - 2 * LEADING >= layout.bottom:
        layout.row([Cell(layout.left, 200.0, RichText("filler"))], SIZE)
    assert layout.y - LEADING >= layout.bottom
    return layout


def _lines(count: int) -> RichText:
    # One word a line in a cell too narrow for two.
    return RichText(" ".join(f"word{k}" for k in range(count)))


def test_a_row_of_a_few_lines_goes_whole_to_the_next_page() -> None:
    # A slogan's row: its name and counts, then "also: …" on a second line.
    layout = _near_the_bottom()
    layout.row([Cell(layout.left, 40.0, _lines(2)), Cell(layout.left + 60, 40.0,
                                                         RichText("3"))], SIZE)
    assert len(layout.pages) == 2
    assert sorted(_texts(layout.pages[1])) == ["3", "word0", "word1"]
    assert "word0" not in _texts(layout.pages[0])


def test_a_long_row_fills_the_page_and_breaks_line_by_line() -> None:
    layout = _near_the_bottom()
    layout.row([Cell(layout.left, 40.0, _lines(KEEP_TOGETHER_LINES + 2))], SIZE)
    assert len(layout.pages) == 2
    assert "word0" in _texts(layout.pages[0])
    assert "word1" in _texts(layout.pages[1])


def test_a_row_taller_than_a_page_is_not_moved_off_an_empty_one() -> None:
    # Room for three lines a page: a new page would be no taller.
    layout = Layout((300.0, 150.0), Measure(Fonts("Helvetica", "Helvetica")), LIGHT)
    layout.row([Cell(layout.left, 40.0, _lines(KEEP_TOGETHER_LINES))], SIZE)
    assert "word0" in _texts(layout.pages[0])


def test_a_table_title_goes_to_the_next_page_with_a_first_row_kept_whole() -> None:
    # A theme pair's row of several lines, the title and the column heads near a page's
    # bottom: the row goes whole to the next page, and so do they, not left alone.
    from viewer.export.pdf_report import _table

    layout = Layout((300.0, 300.0), Measure(Fonts("Helvetica", "Helvetica")), LIGHT)
    while layout.y - 70 >= layout.bottom:
        layout.row([Cell(layout.left, 200.0, RichText("filler"))], SIZE)
    _table(layout, "Theme overlap", [(layout.left, 60.0, "score"), (layout.left + 80, 40.0, "A")],
           ["pair"], lambda _, __: [RichText("0.41"), _lines(6)], "none", lambda: None)
    assert "Theme overlap (1)" not in _texts(layout.pages[0])
    assert "Theme overlap (1)" in _texts(layout.pages[1])
