"""The match tables of the side panel as a reader with large fonts sees them."""

from __future__ import annotations

from tests.ui.conftest import wait_rendered


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
