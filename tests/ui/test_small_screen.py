"""The two-text window as a reader with large fonts on a 1024×768 screen sees it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QToolBar,
    QToolButton,
    QWidget,
)

from tests.ui.conftest import wait_rendered


def _whole_and_apart(buttons: list[QPushButton]) -> None:
    for button in buttons:
        assert button.width() >= button.sizeHint().width(), button.text()
        assert button.parentWidget().rect().contains(button.geometry()), button.text()
    for n, button in enumerate(buttons):
        for other in buttons[n + 1:]:
            assert not button.geometry().intersects(other.geometry()), (button.text(),
                                                                          other.text())


def test_the_window_opens_inside_the_screen_it_is_shown_on(qtbot, settings_ini) -> None:  # type: ignore[no-untyped-def]
    # A 1920x1080 laptop at 150 % is a 1280x720 screen: a window opened 1280x800 put its
    # status line and the bottom of its panes below the screen's edge. (`make_window`
    # makes every window 1280x800, as the other tests expect: this one is made as the app
    # makes it.)
    from viewer.ui.main_window import MainWindow

    window = MainWindow(settings_ini)
    qtbot.addWidget(window)
    room = window.screen().availableGeometry()
    assert room.width() < 1280 or room.height() < 800  # the offscreen screen is small
    window.show()
    qtbot.waitExposed(window)
    assert window.width() <= room.width() and window.height() <= room.height()
    assert window.width() >= window.minimumSizeHint().width()
    assert window.height() >= window.minimumSizeHint().height()
    window.close()


def test_the_window_fits_a_small_screen_in_large_fonts(make_window, qtbot, large_font) -> None:  # type: ignore[no-untyped-def]
    # The welcome's buttons, the slogans' filters and the collection's (hidden) tabs made
    # the window at least 1062 pixels wide at 14 pt, 1155 at 16.
    window = make_window()
    window.resize(1024, 700)
    qtbot.wait(50)
    assert window.width() <= 1024
    _whole_and_apart(window.welcome.findChildren(QPushButton))
    window.action_try_sample()
    wait_rendered(qtbot, window)
    panel = window.side_panel
    panel.setCurrentIndex(1)
    window.resize(1024, 700)
    qtbot.wait(50)
    assert window.width() <= 1024
    _whole_and_apart(list(panel.slogan_filters.buttons()))


def test_the_settings_read_whole_unscrolled_in_large_fonts(make_window, qtbot, large_font) -> None:  # type: ignore[no-untyped-def]
    # The settings needed 395 pixels at 14 pt and 437 at 16 of a dock 366 wide: a sideways
    # scroll bar, and the spin boxes and "Match word stems (nations = nation)" cut off.
    window = make_window()
    window.resize(1024, 768)
    qtbot.wait(50)
    scroller = window.findChild(QScrollArea, "settings_scroller")
    viewport = scroller.viewport()
    assert not scroller.horizontalScrollBar().isVisible()
    panel = window.settings_panel
    labels = [label for label in panel.findChildren(QLabel) if label.isVisibleTo(panel)]
    shown: list[QWidget] = [*panel.widgets.values(), *labels]
    for widget in shown:
        name = widget.objectName() or widget.text()
        assert widget.width() >= widget.sizeHint().width(), name
        place = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
        assert place.left() >= 0 and place.right() < viewport.width(), name
    for label in labels:
        if label.buddy() is not None:  # a label put above its control stays clear of it
            assert not label.geometry().intersects(label.buddy().geometry()), label.text()


def _counts(window) -> list[str]:  # type: ignore[no-untyped-def]
    comparison = window.rendered.comparison
    return [f"({len(comparison.shared_phrases)})", f"({comparison.slogans_used})",
            f"({len(comparison.themes)})"]


@pytest.mark.parametrize("dock_width", [None, 240])
def test_match_tabs_too_wide_for_the_panel_scroll_with_their_titles_whole(
        make_window, qtbot, large_font, dock_width) -> None:  # type: ignore[no-untyped-def]
    # Where the shortest titles did not fit (at 14 and 16 pt in the dock as it opens on a
    # 1024×768 screen), each word lost its end: "Sha… (9)", "Sl… (99)", "Th… (40)", names
    # no reader could tell apart.
    window = make_window()
    window.resize(1024, 768)
    window.action_try_sample()
    wait_rendered(qtbot, window)
    if dock_width is not None:  # a dock made narrower
        dock = window.findChild(QDockWidget, "matches_dock")
        window.resizeDocks([dock], [dock_width], Qt.Orientation.Horizontal)
    qtbot.wait(50)
    panel = window.side_panel
    bar = panel.tabBar()
    words = ["Shared", "Slogans", "Themes"]
    for index, (word, count) in enumerate(zip(words, _counts(window), strict=True)):
        assert panel.tabText(index) == f"{word} {count}"
        panel.setCurrentIndex(index)
        qtbot.wait(20)
        shown = bar.tabRect(index)
        assert shown.width() >= bar.tabSizeHint(index).width()  # drawn whole, not elided
        assert bar.rect().contains(shown)
        for arrow in bar.findChildren(QToolButton):
            assert not (arrow.isVisible() and arrow.geometry().intersects(shown)), word


def test_the_match_tabs_read_whole_in_the_default_font(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.action_try_sample()
    wait_rendered(qtbot, window)
    phrases, slogans, themes = _counts(window)
    panel = window.side_panel
    assert [panel.tabText(i) for i in range(3)] == [
        f"Shared phrases {phrases}", f"Slogans {slogans}", f"Themes {themes}"]


def test_the_welcome_reads_in_whole_lines_in_large_fonts(make_window, qtbot, large_font) -> None:  # type: ignore[no-untyped-def]
    # Beside its buttons the invitation was a column of two or three words a line (13 lines
    # at 16 pt): the buttons took their width first and left it the rest.
    window = make_window()
    window.resize(1024, 768)
    qtbot.wait(50)
    invitation = window.welcome.invitation
    assert invitation.width() >= 40 * invitation.fontMetrics().averageCharWidth()
    assert invitation.height() <= 4 * invitation.fontMetrics().lineSpacing()
    buttons = window.welcome.findChildren(QPushButton)
    _whole_and_apart(buttons)
    for button in buttons:
        assert not button.geometry().intersects(invitation.geometry()), button.text()
    assert window.welcome.rect().contains(invitation.geometry())


def test_the_welcome_keeps_its_buttons_beside_it_where_there_is_room(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    qtbot.wait(50)
    invitation = window.welcome.invitation
    tops = {button.y() for button in window.welcome.findChildren(QPushButton)}
    assert len(tops) == 1 and all(top < invitation.geometry().bottom() for top in tops)
    assert all(button.x() > invitation.geometry().right()
               for button in window.welcome.findChildren(QPushButton))


def _toolbar_shows_every_action(window) -> None:  # type: ignore[no-untyped-def]
    bar = window.findChild(QToolBar, "main_toolbar")
    extension = bar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert extension is None or not extension.isVisible()
    menus = [a for menu in window.menuBar().findChildren(QMenu) for a in menu.actions()]
    for action in bar.actions():
        if not action.isVisible() or action.isSeparator():
            continue
        button = bar.widgetForAction(action)
        assert button.isVisible(), action.text()
        assert bar.rect().contains(button.geometry()), action.text()
        assert button.width() >= button.sizeHint().width(), action.text()
        assert action in menus, action.text()  # and the keyboard finds it there


def test_every_toolbar_action_is_in_sight_in_large_fonts(make_window, qtbot, large_font) -> None:  # type: ignore[no-untyped-def]
    # At 16 pt Next passage, Link scrolling and Find (at 14 pt the last two) went into the
    # toolbar's "»" menu, where a reader does not look for them.
    window = make_window()
    window.resize(1024, 768)
    window.action_try_sample()
    wait_rendered(qtbot, window)
    qtbot.wait(50)
    assert window.width() <= 1024
    _toolbar_shows_every_action(window)
    window.back_act.setVisible(True)  # as with a collection open
    qtbot.wait(50)
    _toolbar_shows_every_action(window)


def test_the_toolbar_shows_whole_labels_where_there_is_room(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.action_try_sample()
    wait_rendered(qtbot, window)
    qtbot.wait(50)
    _toolbar_shows_every_action(window)
    next_button = window.findChild(QToolBar, "main_toolbar").widgetForAction(window.next_act)
    assert next_button.text() == "Next passage"
    window.resize(700, 700)
    qtbot.wait(50)
    _toolbar_shows_every_action(window)
    assert next_button.text() == "Next"
    window.resize(1280, 800)
    qtbot.wait(50)
    assert next_button.text() == "Next passage"


def test_a_heading_too_wide_for_its_column_ends_in_an_ellipsis(
        make_window, qtbot, large_font) -> None:  # type: ignore[no-untyped-def]
    # At 16 pt the themes' "Shared terms" column was narrower than its heading, which,
    # centred and not shortened, lost letters at both ends: "hared term". (Narrower still
    # in a dock made narrow.)
    window = make_window()
    window.resize(1024, 768)
    window.action_try_sample()
    wait_rendered(qtbot, window)
    dock = window.findChild(QDockWidget, "matches_dock")
    # As narrow as it goes: at 300 pixels the counts' short headings leave the others room.
    window.resizeDocks([dock], [dock.minimumSizeHint().width()], Qt.Orientation.Horizontal)
    panel = window.side_panel
    narrow = 0
    for index, table in enumerate((panel.phrases, panel.slogans, panel.themes)):
        panel.setCurrentIndex(index)
        qtbot.wait(20)
        header = table.horizontalHeader()
        model = table.model()
        for column in range(model.columnCount()):
            heading = model.headerData(column, Qt.Orientation.Horizontal)
            if header.sectionSize(column) >= header.sectionSizeHint(column):
                continue
            narrow += 1
            assert header.textElideMode() != Qt.TextElideMode.ElideNone, heading
            # Whole in the tooltip, as it is or shortened ("Line A" for "A").
            assert heading in model.headerData(column, Qt.Orientation.Horizontal,
                                               Qt.ItemDataRole.ToolTipRole)
    assert narrow  # some heading was too wide for its column


def test_the_toolbar_keeps_every_action_in_sight_as_a_label_grows(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    # Previous use (an article's uses stepped through) fitted whole; as it became
    # Previous passage again, the bar measured its button before it took the longer
    # label, kept the labels whole, and Find went into the "»" menu.
    from viewer.ui.main_window import STEP_PASSAGES, STEP_USES

    window = make_window()
    window.action_try_sample()
    wait_rendered(qtbot, window)
    bar = window.findChild(QToolBar, "main_toolbar")
    (next_passage, _), (previous_passage, _) = STEP_PASSAGES
    (_, _), (previous_use, _) = STEP_USES
    window.prev_act.setText(previous_use)
    qtbot.wait(50)
    assert bar.tier == 0 and window.next_act.text() == next_passage
    # The window as narrow as the bar with every label whole.
    window.resize(window.width() - bar.width() + bar.sizeHint().width(), window.height())
    qtbot.wait(50)
    assert bar.tier == 0
    window.prev_act.setText(previous_passage)
    qtbot.wait(50)
    _toolbar_shows_every_action(window)
    assert bar.tier == 1  # Next, Previous: short labels
    window.prev_act.setText(previous_use)
    qtbot.wait(50)
    _toolbar_shows_every_action(window)
    assert bar.tier == 0


def _within(widget: QWidget, page: QWidget) -> bool:
    """Whether `widget` is drawn whole inside `page`."""
    return page.rect().contains(QRect(widget.mapTo(page, QPoint(0, 0)), widget.size()))


#: A window as short as the 800x600 one where the slogans' list kept two rows, and wide
#: enough that the docks keep their whole width beside the texts at 16 pt (narrower, they
#: give the texts some: `test_dock_width.py`), so the list has a dock's full width.
SHORT_WINDOW = (1200, 600)


def _slogans_in_a_small_window(make_window, qtbot, small_first: bool = False):  # type: ignore[no-untyped-def]
    """The sample compared in a `SHORT_WINDOW` (made so before the sample is read where
    `small_first`), its Slogans tab shown."""
    window = make_window()
    if small_first:
        window.resize(*SHORT_WINDOW)
    window.action_try_sample()
    wait_rendered(qtbot, window)
    window.resize(*SHORT_WINDOW)
    window.side_panel.setCurrentIndex(1)
    qtbot.wait(50)
    return window


def test_in_large_fonts_in_a_small_window_the_slogans_list_keeps_six_rows(
        make_window, qtbot, large_font) -> None:  # type: ignore[no-untyped-def]
    # At 16 pt in an 800x600 window the watch-list's editor, its title and its button took
    # the Slogans tab's height beside the Settings: the list showed about two rows.
    window = _slogans_in_a_small_window(make_window, qtbot)
    panel = window.side_panel
    table = panel.slogans
    one_line = min(table.rowHeight(row) for row in range(table.model().rowCount()))
    assert table.viewport().height() >= 6 * one_line
    # The watch-list is a click away, and opened, it is whole in the tab.
    page = panel.currentWidget()
    fold = page.findChild(QWidget, "watchlist_fold")
    assert fold.button.isVisible() and _within(fold.button, page)
    assert not panel.watch_edit.isVisible()
    qtbot.mouseClick(fold.button, Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    save = page.findChild(QPushButton, "watchlist_save")
    for widget in (panel.watch_edit, save):
        assert widget.isVisible() and _within(widget, page)
    # Opened by the reader, it stays open as the window changes size.
    window.resize(SHORT_WINDOW[0] + 20, SHORT_WINDOW[1] + 20)
    qtbot.wait(50)
    assert panel.watch_edit.isVisible()


@pytest.mark.parametrize("small_first", [False, True])
def test_in_large_fonts_in_a_small_window_six_slogans_are_whole_the_settings_giving_room(
        make_window, qtbot, large_font, small_first) -> None:  # type: ignore[no-untyped-def]
    # At 16 pt in an 800x600 window the Settings dock kept its share of the height under
    # the Matches dock: with two slogans on two lines, the list showed four whole rows.
    from viewer.ui.side_panel import SLOGAN_ROWS

    window = _slogans_in_a_small_window(make_window, qtbot, small_first)
    table = window.side_panel.slogans
    one_line = min(table.rowHeight(row) for row in range(table.model().rowCount()))
    assert max(table.rowHeight(row) for row in range(SLOGAN_ROWS)) > one_line  # wrapped

    def whole_rows() -> int:
        bottom = table.viewport().height()
        return sum(table.visualRect(table.model().index(row, 0)).bottom() < bottom
                   for row in range(table.model().rowCount()))

    # Once the docks are laid out anew (where the list had room, at once: the reader acts
    # once the window has settled, not while it is still laying out its docks).
    qtbot.waitUntil(lambda: whole_rows() >= SLOGAN_ROWS, timeout=2000)
    qtbot.wait(50)
    # The Settings dock still shows its first settings, and scrolls to the others.
    settings = window.findChild(QDockWidget, "settings_dock")
    scroller = settings.findChild(QScrollArea, "settings_scroller")
    assert scroller.viewport().height() >= 2 * window.settings_panel.fontMetrics().height()
    assert scroller.verticalScrollBar().maximum() > 0
    # The reader makes the Settings taller again: that stands.
    matches = window.findChild(QDockWidget, "matches_dock")
    taller = settings.height() + 60
    window.resizeDocks([matches, settings], [matches.height() - 60, taller],
                       Qt.Orientation.Vertical)
    qtbot.waitUntil(lambda: whole_rows() < SLOGAN_ROWS, timeout=2000)
    qtbot.wait(50)
    assert settings.height() == taller


def test_where_there_is_room_the_watch_list_editor_is_open_beside_the_slogans(
        make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    settings = window.findChild(QDockWidget, "settings_dock")
    height = settings.height()
    window.action_try_sample()
    wait_rendered(qtbot, window)
    window.side_panel.setCurrentIndex(1)
    qtbot.wait(50)
    assert window.side_panel.watch_edit.isVisible()
    assert settings.height() == height  # the list has room: the docks keep their shares


def test_the_settings_never_scroll_sideways_in_a_dock_made_narrow(
        make_window, qtbot, any_font) -> None:  # type: ignore[no-untyped-def]
    # The docks made narrow (their edge dragged, or fitted to a narrow window), the
    # Settings scrolled sideways: the spin boxes and the checkboxes' words cut at the right.
    window = make_window()
    window.resize(1024, 768)
    qtbot.wait(50)
    dock = window.findChild(QDockWidget, "matches_dock")
    window.resizeDocks([dock], [100], Qt.Orientation.Horizontal)
    qtbot.wait(50)
    assert dock.width() < 380  # it did get narrower
    scroller = window.findChild(QScrollArea, "settings_scroller")
    assert scroller.horizontalScrollBar().maximum() == 0
    assert scroller.viewport().width() >= window.settings_panel.minimumSizeHint().width()
