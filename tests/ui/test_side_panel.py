"""The match tables of the side panel as a reader with large fonts sees them."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
)

from tests.ui.conftest import wait_rendered
from viewer.ui.count_columns import COUNT_WIDTH
from viewer.ui.dock_width import DOCKS_WIDTH
from viewer.ui.side_panel import WRAPPED_ROWS_MOST
from viewer.ui.wrapped_cell import broken_lines


def test_the_count_columns_show_their_headings_whole_in_large_fonts(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    # A fixed width sized for the default font cut "Words", "Line A" and "Score" off.
    window = make_window()
    panel = window.side_panel
    font = panel.font()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    panel.setFont(font)
    window.action_try_sample()
    wait_rendered(qtbot, window)
    for table in (panel.phrases, panel.themes):
        header = table.horizontalHeader()
        model = table.model()
        for column in range(3):
            heading = model.headerData(column, header.orientation())
            assert header.fontMetrics().horizontalAdvance(heading) < table.columnWidth(column), \
                heading


def _matches_narrowed_to(make_window, qtbot, width: int | None,  # type: ignore[no-untyped-def]
                         paths: Sequence[Path] = ()) -> QMainWindow:
    """A window comparing `paths` (none: the sample), its Matches dock made `width` pixels
    wide (None: its least width)."""
    window = make_window()
    if paths:
        window.open_paths([str(path) for path in paths])
    else:
        window.action_try_sample()
    wait_rendered(qtbot, window)
    qtbot.wait(50)  # the docks' width fitted once laid out
    dock = window.findChild(QDockWidget, "matches_dock")
    least = dock.minimumSizeHint().width()
    window.resizeDocks([dock], [least if width is None else width], Qt.Orientation.Horizontal)
    qtbot.wait(50)
    return window


def text_room(table: QTableView, index: QModelIndex) -> QRect:
    """Where `table` draws the text of the cell at `index`, as Qt's styles lay a cell out
    (beside its check box, within its margins), cut to the part of the viewport's width."""
    option = QStyleOptionViewItem()
    table.initViewItemOption(option)
    option.rect = table.visualRect(index)
    table.itemDelegateForIndex(index).initStyleOption(option, index)
    style = table.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    room = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, table)
    room = room.adjusted(margin, 0, -margin, 0)
    room.setLeft(max(room.left(), 0))
    room.setRight(min(room.right(), table.viewport().width() - 1))
    return room


def unshown_texts(table: QTableView, column: int) -> list[str]:
    """The texts of `column` not shown whole in the part of their cells in view: broken
    into lines that wide (at spaces where they can), on more lines than their row holds."""
    cut = []
    for row in range(table.model().rowCount()):
        index = table.model().index(row, column)
        text = str(index.data())
        lines = broken_lines(text, table.font(), text_room(table, index).width())
        if lines.boundingRect().height() > table.rowHeight(row):
            cut.append(text)
    return cut


@pytest.mark.parametrize("width", [300, None], ids=["300", "least"])
def test_in_a_narrow_dock_the_differences_and_terms_read_whole(
        make_window, qtbot, any_font, width) -> None:  # type: ignore[no-untyped-def]
    # At 150 % the dock narrowed to 300 pixels: "Words", "Line A" and "Line B" took 80
    # pixels each for figures of one to three digits, and the differences were cut at the
    # dock's edge ("+ imp", "identi") in a table scrolling sideways.
    window = _matches_narrowed_to(make_window, qtbot, width)
    panel = window.side_panel
    for index, table in ((0, panel.phrases), (2, panel.themes)):
        panel.setCurrentIndex(index)
        qtbot.wait(20)
        assert table.model().rowCount()
        assert table.horizontalScrollBar().maximum() == 0
        assert unshown_texts(table, 3) == []
        header = table.horizontalHeader()
        model = table.model()
        for column in range(3):  # a count and its heading shown whole, whole in its tooltip
            heading = model.headerData(column, Qt.Orientation.Horizontal)
            assert header.sectionSize(column) >= header.sectionSizeHint(column), heading
            assert heading in model.headerData(column, Qt.Orientation.Horizontal,
                                               Qt.ItemDataRole.ToolTipRole)
            assert table.sizeHintForColumn(column) <= header.sectionSize(column), heading


def test_in_a_narrow_dock_a_long_list_of_passages_keeps_rows_of_one_line(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Wrapped, each row is laid out again at every resize: 300 passages held each step
    # of a drag of the dock's edge 0.3 to 0.7 s. A list that long keeps rows of one line
    # (its tooltips say each passage whole), a short one wraps (the tests above).
    draw = random.Random(7)
    words = [f"term{k}" for k in range(3000)]
    paragraphs = [" ".join(draw.choice(words) for _ in range(30)) + "." for _ in range(400)]
    # Each paragraph edited midway, and ended on words of B's own: a passage each.
    edited = [p.replace(p.split()[15], "changed", 1) + " "
              + " ".join(f"own{draw.randrange(10**6)}" for _ in range(12)) for p in paragraphs]
    paths = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for path, text in zip(paths, ("\n\n".join(paragraphs), "\n\n".join(edited)), strict=True):
        path.write_text(text, encoding="utf-8")
    window = _matches_narrowed_to(make_window, qtbot, 300, paths)
    table = window.side_panel.phrases
    assert table.model().rowCount() > WRAPPED_ROWS_MOST
    assert not table.wordWrap()
    one_line = table.verticalHeader().defaultSectionSize()
    assert {table.rowHeight(row) for row in range(table.model().rowCount())} == {one_line}


@pytest.mark.parametrize("width", [300, None], ids=["300", "least"])
def test_in_a_narrow_dock_the_slogans_read_whole(
        make_window, qtbot, any_font, width) -> None:  # type: ignore[no-untyped-def]
    # At 150 % in a 300-pixel dock the slogans' column kept some 75 pixels beside the
    # check box and the counts; its phrases wrapped at spaces, and a word too long for a
    # line lost its middle: "General Sec…ry Xi Jinping".
    window = _matches_narrowed_to(make_window, qtbot, width)
    panel = window.side_panel
    panel.setCurrentIndex(1)
    qtbot.wait(20)
    table = panel.slogans
    assert table.model().rowCount()
    assert table.horizontalScrollBar().maximum() == 0
    assert unshown_texts(table, 0) == []


def test_in_a_narrow_dock_the_slogans_keep_their_words_whole(
        make_window, qtbot, large_font) -> None:  # type: ignore[no-untyped-def]
    # At 150 % in a 300-pixel dock "In" took 70 pixels for "both" and "A only", and left the
    # phrases so little that "Secretar / y", "develop / ment" were broken across lines.
    window = _matches_narrowed_to(make_window, qtbot, 300)
    panel = window.side_panel
    panel.setCurrentIndex(1)
    qtbot.wait(20)
    table = panel.slogans
    model = table.model()
    metrics = table.fontMetrics()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        # A line may end at a space or after a hyphen: "High-" / "quality" is no word cut.
        words = re.split(r"\s+|(?<=-)", str(index.data()))
        widest = max(metrics.horizontalAdvance(word) for word in words)
        assert widest <= text_room(table, index).width(), index.data()
    header = table.horizontalHeader()
    for column in range(1, model.columnCount()):  # the counts and presence whole
        assert table.sizeHintForColumn(column) <= header.sectionSize(column)
        assert header.sectionSizeHint(column) <= header.sectionSize(column)
    assert table.horizontalScrollBar().maximum() == 0


#: Two paragraphs of one theme whose shared terms are words longer than a narrow dock's
#: column of terms.
LONG_WORDS_A = ("Telecommunications infrastructure modernization accelerates "
                "internationalization, and counterterrorism cooperation deepens between "
                "neighbouring governments, policymakers said on Tuesday after a long meeting "
                "in the capital about budgets.\n")
LONG_WORDS_B = ("Policymakers expect counterterrorism cooperation plus internationalization to "
                "follow once modernization of telecommunications infrastructure spreads across "
                "neighbouring regions, officials told reporters after the budget talks ended "
                "late.\n")


def _long_terms(make_window, qtbot, folder: Path, width: int | None) -> QTableView:  # type: ignore[no-untyped-def]
    """The themes' table of `LONG_WORDS_A` and `_B` compared, the Matches dock `width`
    pixels wide (None: its least width), the tab shown."""
    paths = [folder / "a.txt", folder / "b.txt"]
    for path, text in zip(paths, (LONG_WORDS_A, LONG_WORDS_B), strict=True):
        path.write_text(text, encoding="utf-8")
    panel = _matches_narrowed_to(make_window, qtbot, width, paths).side_panel
    panel.setCurrentIndex(2)
    qtbot.wait(20)
    assert panel.themes.model().rowCount() == 1
    return panel.themes


def test_in_a_narrow_dock_a_word_longer_than_its_column_is_broken_not_cut(
        make_window, qtbot, tmp_path, large_font) -> None:  # type: ignore[no-untyped-def]
    # At 150 % in a 300-pixel dock the themes' terms wrapped at spaces, and a word wider
    # than the column was cut short: "comprehe…", "breakthrou…". (Made as narrow as it
    # goes, for words wider than that column.)
    table = _long_terms(make_window, qtbot, tmp_path, None)
    terms = str(table.model().index(0, 3).data())
    room = text_room(table, table.model().index(0, 3)).width()
    assert max(table.fontMetrics().horizontalAdvance(word) for word in terms.split()) > room
    assert table.horizontalScrollBar().maximum() == 0
    assert unshown_texts(table, 3) == []


def test_in_the_docks_own_width_the_themes_terms_keep_one_line(
        make_window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Wrapped at the default 380 pixels too, a pair's terms took three lines where they
    # took one: with room, fewer pairs in sight and the tab not as it was.
    table = _long_terms(make_window, qtbot, tmp_path, DOCKS_WIDTH)
    terms = table.model().index(0, 3)
    assert table.fontMetrics().horizontalAdvance(str(terms.data())) > \
        text_room(table, terms).width()  # the terms are longer than their line
    assert table.rowHeight(0) == table.verticalHeader().defaultSectionSize()


def test_in_the_docks_own_width_the_tables_are_as_they_were(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    # Headings whole, counts as wide as they were, rows of one line as high, a difference
    # too long for its column cut as it was (whole in its tooltip): wrapped rows are laid
    # out again at every resize (`_wrap_texts`).
    window = _matches_narrowed_to(make_window, qtbot, DOCKS_WIDTH)
    panel = window.side_panel
    for table, headings in ((panel.phrases, ["Words", "Line A", "Line B", "Differences"]),
                            (panel.themes, ["Score", "Line A", "Line B", "Shared terms"])):
        model = table.model()
        assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == headings
        for column in range(3):
            assert table.columnWidth(column) == max(
                COUNT_WIDTH, table.horizontalHeader().sectionSizeHint(column))
        one_line = table.verticalHeader().defaultSectionSize()
        assert not table.wordWrap()
        assert {table.rowHeight(row) for row in range(model.rowCount())} == {one_line}
    slogans = panel.slogans.model()  # where they are, whole
    assert {slogans.index(row, 3).data() for row in range(slogans.rowCount())} <= {
        "both", "A only", "B only", "none"}
