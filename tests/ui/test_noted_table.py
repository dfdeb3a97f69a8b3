"""A list of the comparison with no rows says so where its rows would be, in the words the
reports print; before a comparison, and with rows, it draws nothing over the table."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPalette

from tests.ui.articles import write_pair
from tests.ui.conftest import wait_rendered
from viewer.present.wording import NO_SHARED_PHRASES, NO_THEMES

ASH = "Volcanic ash grounded flights across the northern islands for two days running.\n"
SYMPHONY = "The orchestra rehearsed a new symphony by a young Estonian composer all week.\n"


def _drawn(table) -> int:  # type: ignore[no-untyped-def]
    """How many pixels of the table's viewport are not its background."""
    image = table.viewport().grab().toImage()
    base = table.viewport().palette().color(QPalette.ColorRole.Base).rgb()
    return sum(image.pixel(x, y) != base
               for x in range(0, image.width(), 2) for y in range(0, min(60, image.height())))


def _window(make_window, qtbot, paths: list[Path]):  # type: ignore[no-untyped-def]
    window = make_window()
    window.resize(1400, 800)
    window.show()
    window.open_paths([str(p) for p in paths])
    wait_rendered(qtbot, window)
    return window


def test_an_empty_list_says_it_found_none(make_window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Two texts sharing nothing left the Shared phrases tab a blank table, where the PDF
    # and the HTML say "No shared phrases at these settings."
    paths = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for path, text in zip(paths, (ASH, SYMPHONY), strict=True):
        path.write_text(text, encoding="utf-8")
    window = _window(make_window, qtbot, paths)
    phrases = window.side_panel.phrases
    assert phrases.model().rowCount() == 0
    assert phrases.empty_note == NO_SHARED_PHRASES
    assert _drawn(phrases) > 0
    phrases.empty_note = ""  # what was drawn is the note: without it the table is blank
    assert _drawn(phrases) == 0


def test_a_list_with_rows_has_no_note_drawn(make_window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = _window(make_window, qtbot, list(write_pair(tmp_path)))
    phrases = window.side_panel.phrases
    assert phrases.model().rowCount() > 0
    assert window.side_panel.themes.empty_note == NO_THEMES
    # The note is drawn only with no rows: the first rows' pixels are the rows'.
    phrases.empty_note = "X" * 200
    with_note = _drawn(phrases)
    phrases.empty_note = ""
    assert _drawn(phrases) == with_note
