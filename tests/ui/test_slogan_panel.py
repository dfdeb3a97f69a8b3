"""The slogans tab: only the slogans both texts use (and the watch-list) are underlined at
first, one click filters by which text uses them, one click on a row jumps."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPushButton

from tests.ui.conftest import wait_rendered
from tests.ui.test_side_panel import text_room, unshown_texts
from tests.ui.test_window import format_at

ONLY_A = "crimson lighthouse charter"
BOTH = "silver tide accord"


def _pair(folder: Path) -> tuple[Path, Path]:
    verbs = ["cited", "doubted", "praised", "questioned", "defended", "mocked", "signed",
             "studied", "quoted"]
    people = ["Delegates", "Critics", "Farmers", "Teachers", "Sailors", "Bankers", "Pupils",
              "Doctors", "Mayors"]
    filler = ["Bakers sold bread before dawn.", "Fishermen waited by the dock.",
              "Rain fell on the old market.", "Trains ran late again."]
    a, b = [], []
    for k in range(9):
        a.append(f"{people[k]} {verbs[k]} the {BOTH} on day {k}. {filler[k % 4]}")
        if k % 2:
            a.append(f"{people[8 - k]} {verbs[(k + 3) % 9]} the {ONLY_A} {filler[k // 2]}")
        b.append(f"In town {k} people spoke of the {BOTH} at length. {filler[(k + 1) % 4]}")
    a += [f"Note {k}." for k in range(200)]  # room to scroll
    pa, pb = folder / "a.txt", folder / "b.txt"
    pa.write_text("\n\n".join(a), encoding="utf-8")
    pb.write_text("\n\n".join(b), encoding="utf-8")
    return pa, pb


def _opened(make_window, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    window = make_window()
    window.open_paths([str(p) for p in _pair(tmp_path)])
    wait_rendered(qtbot, window)
    return window


def test_only_slogans_of_both_texts_are_underlined_until_switched_on(make_window, qtbot,
                                                                    tmp_path) -> None:
    window = _opened(make_window, qtbot, tmp_path)
    slogans = window.rendered.comparison.slogans
    both = next(s for s in slogans if s.phrase.lower() == BOTH)
    only_a = next(i for i, s in enumerate(slogans) if s.phrase.lower() == ONLY_A)
    assert both.presence == "both" and slogans[only_a].presence == "a"
    pane = window.panes[0]
    assert format_at(pane, both.occurrences_a[0][0] + 1).fontUnderline()
    fmt = format_at(pane, slogans[only_a].occurrences_a[0][0] + 1)
    assert fmt is None or not fmt.fontUnderline()
    table = window.side_panel.slogans
    table.model().setData(table.model().index(only_a, 0), Qt.CheckState.Checked,
                          Qt.ItemDataRole.CheckStateRole)
    qtbot.waitUntil(lambda: not window.busy)
    assert format_at(pane, slogans[only_a].occurrences_a[0][0] + 1).fontUnderline()


def test_filter_buttons_and_a_single_click_on_the_phrase(make_window, qtbot,
                                                         tmp_path) -> None:
    window = _opened(make_window, qtbot, tmp_path)
    panel = window.side_panel
    panel.setCurrentIndex(1)
    table = panel.slogans

    def shown() -> list[str]:
        model = table.model()
        return [model.index(r, 0).data().lower() for r in range(model.rowCount())]

    assert BOTH in shown() and ONLY_A in shown()
    QTest.mouseClick(panel.slogan_filters.button(2), Qt.MouseButton.LeftButton)  # only A
    assert ONLY_A in shown() and BOTH not in shown()
    model = table.model()
    assert {model.index(r, 3).data() for r in range(model.rowCount())} == {"A only"}
    QTest.mouseClick(panel.slogan_filters.button(1), Qt.MouseButton.LeftButton)  # both
    assert BOTH in shown() and ONLY_A not in shown()
    QTest.mouseClick(panel.slogan_filters.button(3), Qt.MouseButton.LeftButton)  # only B
    assert shown() and BOTH not in shown() and ONLY_A not in shown()
    QTest.mouseClick(panel.slogan_filters.button(2), Qt.MouseButton.LeftButton)
    # One click on the phrase text (column 0, where the check box also is) jumps.
    slogan = next(s for s in window.rendered.comparison.slogans if s.phrase.lower() == ONLY_A)
    pane = window.panes[0]
    pane.center_on(len(pane.document.text) - 1)
    assert not pane.is_visible(slogan.occurrences_a[0][0])
    rect = table.visualRect(table.model().index(shown().index(ONLY_A), 0))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, rect.center())
    assert pane.is_visible(slogan.occurrences_a[0][0])


def test_the_slogans_table_gets_the_height_and_the_settings_scroll(make_window, qtbot,
                                                                   tmp_path) -> None:
    # The settings' dozen knobs used to claim their full height, leaving the slogans table
    # two rows at 1280 x 800.
    window = _opened(make_window, qtbot, tmp_path)
    window.resize(1280, 800)
    window.side_panel.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.side_panel.slogans.isVisible())
    table = window.side_panel.slogans
    assert table.model().rowCount() >= 2
    qtbot.waitUntil(lambda: table.viewport().height() >= 8 * table.rowHeight(0))
    scroller = window.settings_panel.parentWidget().parentWidget()
    assert scroller.objectName() == "settings_scroller"
    assert scroller.height() < window.settings_panel.sizeHint().height()


def test_choosing_a_slogan_again_steps_through_its_uses(make_window, qtbot,  # type: ignore[no-untyped-def]
                                                         tmp_path: Path) -> None:
    window = _opened(make_window, qtbot, tmp_path)
    slogans = window.rendered.comparison.slogans
    number = next(n for n, s in enumerate(slogans) if s.phrase == BOTH)
    both = slogans[number]
    assert (len(both.occurrences_a), len(both.occurrences_b)) == (9, 9)
    other = next(n for n, s in enumerate(slogans) if s.phrase == ONLY_A)
    panel, (pane_a, pane_b) = window.side_panel, window.panes
    shown = []
    for _ in range(10):
        panel.slogan_chosen.emit(number)
        shown.append((pane_a.active, pane_b.active))
    # Each use in turn, side by side, then the first again.
    assert shown == [*zip(both.occurrences_a, both.occurrences_b, strict=True),
                     (both.occurrences_a[0], both.occurrences_b[0])]
    assert window.statusBar().currentMessage().startswith(
        f"\u201c{BOTH}\u201d: use 1 of 9 in A, use 1 of 9 in B")
    panel.slogan_chosen.emit(number)
    panel.slogan_chosen.emit(other)  # another slogan between: the next choice starts over
    panel.slogan_chosen.emit(number)
    assert pane_a.active == both.occurrences_a[0]


def test_the_status_bar_and_the_tab_count_the_slogans_alike(make_window, qtbot,
                                                            tmp_path) -> None:
    window = _opened(make_window, qtbot, tmp_path)
    panel = window.side_panel
    found = window.rendered.comparison.slogans_used
    assert found >= 2
    tab = panel.tabText(1)
    assert tab == f"Slogans ({found})"
    assert f" · {found} slogans · " in window.figures.text()
    # Two watched phrases neither text prints: listed in the tab, but no slogans of A's or
    # B's; the tab and the status bar say the same figures, not "9" against "7".
    panel.watch_edit.setPlainText(f"{BOTH}\nan unprinted watched phrase\nanother one unseen")
    panel._on_watch_saved()
    wait_rendered(qtbot, window)
    comparison = window.rendered.comparison
    assert comparison.slogans_used == found  # the watched BOTH was a slogan already
    assert len(comparison.slogans) == found + 2
    assert panel.slogans.model().rowCount() == found + 2
    assert panel.tabText(1) == f"Slogans ({found} +2 watched)"
    assert f" · {found} slogans (+2 watched, not found) · " in window.figures.text()
    assert "2 watch-list phrases used by neither" in panel.tabToolTip(1)


def test_a_watch_list_file_pasted_into_the_editor_watches_what_the_command_line_does(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # The file `--watchlist` reads, comments and all, pasted into the Slogans tab: its
    # `#` lines are notes, as on the command line, not phrases watched (and listed as
    # "(watch-list)", used by neither text).
    from viewer.cli import read_watchlist

    listing = tmp_path / "watch.txt"
    listing.write_text(f"\ufeff# Phrases to follow\n{BOTH}\n\n  # {ONLY_A} (not now)\n"
                       f"{ONLY_A} | crimson beacon charter\n", encoding="utf-8")
    window = _opened(make_window, qtbot, tmp_path)
    panel = window.side_panel
    panel.watch_edit.setPlainText(listing.read_text(encoding="utf-8"))
    panel.findChild(QPushButton, "watchlist_save").click()
    wait_rendered(qtbot, window)
    assert panel.edited_watchlist() == read_watchlist(str(listing))
    watched = [s.phrase for s in window.rendered.comparison.slogans if s.watchlist]
    assert sorted(watched) == sorted([BOTH, ONLY_A])
    assert window.settings.watchlist == read_watchlist(str(listing))


def test_a_slogan_of_one_text_leaves_no_mark_of_the_last_choice_in_the_other(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Choosing a slogan both texts use, then one only A uses, left B's pane marking the
    # first slogan's use as if it were the second's.
    window = _opened(make_window, qtbot, tmp_path)
    slogans = window.rendered.comparison.slogans
    both = next(n for n, s in enumerate(slogans) if s.phrase == BOTH)
    only_a = next(n for n, s in enumerate(slogans) if s.phrase == ONLY_A)
    panel, (pane_a, pane_b) = window.side_panel, window.panes
    panel.slogan_chosen.emit(both)
    assert pane_b.active == slogans[both].occurrences_b[0]
    panel.slogan_chosen.emit(only_a)
    assert pane_a.active == slogans[only_a].occurrences_a[0]
    assert pane_b.active is None


def test_choosing_a_slogan_of_one_use_or_none_says_so_not_the_last_ones_use(
        make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # After a slogan of many uses, choosing one used once, or a watched phrase neither
    # text uses, left "“silver tide accord”: use 1 of 9 in A ..." in the status bar.
    window = _opened(make_window, qtbot, tmp_path)
    panel = window.side_panel
    panel.watch_edit.setPlainText("on day 3\nan unprinted watched phrase")
    panel._on_watch_saved()
    wait_rendered(qtbot, window)
    slogans = window.rendered.comparison.slogans
    number = {s.phrase: n for n, s in enumerate(slogans)}
    assert [len(slogans[number["on day 3"]].occurrences_a),
            len(slogans[number["on day 3"]].occurrences_b)] == [1, 0]
    status = window.statusBar()
    for chosen, said in (("on day 3", "use 1 of 1 in A"),
                         ("an unprinted watched phrase", "used by neither text")):
        panel.slogan_chosen.emit(number[BOTH])
        assert BOTH in status.currentMessage()
        panel.slogan_chosen.emit(number[chosen])
        assert status.currentMessage() == f"\u201c{chosen}\u201d: {said}"


def test_every_tab_of_the_matches_panel_is_in_sight(make_window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # With a watch-list the slogans tab's title grows ("Slogans (101 +1 watched)") and the
    # tab bar scrolled: at the window's first size the Themes tab was out of sight behind
    # scroll arrows, as it was with no watch-list in a narrow window.
    window = make_window()
    window.side_panel.watch_edit.setPlainText("silver tide accord\nno such phrase here")
    window.on_watchlist_changed(window.side_panel.edited_watchlist())
    window.open_paths([str(p) for p in _pair(tmp_path)])
    wait_rendered(qtbot, window)
    bar = window.side_panel.tabBar()
    for size in ((1280, 800), (800, 500)):
        window.resize(*size)
        qtbot.waitUntil(lambda s=size: window.size().toTuple() == s)
        for tab in range(bar.count()):
            window.side_panel.setCurrentIndex(tab)
            for other in range(bar.count()):
                assert bar.rect().contains(bar.tabRect(other)), (size, tab, other)


def test_a_watch_list_phrase_keeps_its_mark_in_a_narrow_slogans_tab(make_window, qtbot,
                                                                   tmp_path: Path) -> None:
    # A long watched phrase with variants is wider than the tab's phrase column: shortened
    # at its end, the row lost "(watch-list)", and its tooltip never said it. It goes on
    # to more lines, read whole, the mark with it.
    window = _opened(make_window, qtbot, tmp_path)
    panel = window.side_panel
    panel.setCurrentIndex(1)
    panel.watch_edit.setPlainText(f"the {BOTH} of the nine towns and their many councils | "
                                  f"{ONLY_A} of the nine towns")
    panel._on_watch_saved()
    wait_rendered(qtbot, window)
    table = panel.slogans
    row = next(i for i, s in enumerate(window.rendered.comparison.slogans) if s.watchlist)
    index = table.model().index(row, 0)
    text = index.data()
    assert text.endswith("(watch-list)")
    room = text_room(table, index).width()
    assert table.fontMetrics().horizontalAdvance(text) > room  # it takes more lines
    assert text not in unshown_texts(table, 0)
    assert "(watch-list)" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_tab_leaves_the_match_tables_and_the_watch_list(make_window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # A reader on the keyboard must get past the panel: Tab went from cell to cell of a
    # table whose rows are chosen whole, and typed a tab into the watch-list.
    window = _opened(make_window, qtbot, tmp_path)
    window.activateWindow()
    panel = window.side_panel
    for tab, widget in ((0, panel.phrases), (1, panel.slogans), (2, panel.themes),
                        (1, panel.watch_edit)):
        panel.setCurrentIndex(tab)
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus)
        typed = panel.watch_edit.toPlainText()
        QTest.keyClick(widget, Qt.Key.Key_Tab)
        assert not widget.hasFocus(), widget.objectName()
        assert panel.watch_edit.toPlainText() == typed


def test_a_slogan_longer_than_its_column_is_shown_whole_on_more_lines(
        make_window, qtbot, tmp_path: Path) -> None:
    # Shortened in its middle ("the silver tide … many councils"), a long slogan could not
    # be read but by hovering over it.
    window = _opened(make_window, qtbot, tmp_path)
    panel = window.side_panel
    panel.setCurrentIndex(1)
    panel.watch_edit.setPlainText(f"the {BOTH} of the nine towns and their many councils "
                                  "and harbours along the northern coast")
    panel._on_watch_saved()
    wait_rendered(qtbot, window)
    table = panel.slogans
    row = next(i for i, s in enumerate(window.rendered.comparison.slogans) if s.watchlist)
    index = table.model().index(row, 0)
    short = table.model().index(next(i for i in range(table.model().rowCount()) if i != row), 0)
    room = table.visualRect(index).width() - 40  # less the check box and margins
    metrics = table.fontMetrics()
    assert metrics.horizontalAdvance(index.data()) > 2 * room  # three lines at least
    wrapped = metrics.boundingRect(0, 0, room, 10_000, Qt.TextFlag.TextWordWrap, index.data())
    assert table.wordWrap()
    assert table.rowHeight(row) >= wrapped.height()
    # A phrase of one line keeps a row of one line.
    assert table.rowHeight(short.row()) < wrapped.height()


def test_the_watch_list_says_which_lines_it_does_not_watch(make_window, qtbot,
                                                          tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # A line of no words, and one that reads as an earlier line, were dropped without a word:
    # neither listed nor counted among the phrases "not found".
    window = _opened(make_window, qtbot, tmp_path)
    panel = window.side_panel
    panel.setCurrentIndex(1)  # the Slogans tab, where the watch-list is edited
    again = "  ".join(BOTH.upper().split())
    panel.watch_edit.setPlainText(f"{BOTH}\n.*\n---\n{again}\n{ONLY_A}")
    panel.findChild(QPushButton, "watchlist_save").click()
    wait_rendered(qtbot, window)
    note = panel.findChild(QLabel, "watchlist_note")
    assert note.isVisible()
    assert note.text() == (f'Ignored: ".*" (no words), "---" (no words), '
                           f'"{again}" (same as "{BOTH}")')
    watched = [s.phrase for s in window.rendered.comparison.slogans if s.watchlist]
    assert sorted(watched) == sorted([BOTH, ONLY_A])
    panel.watch_edit.setPlainText(f"{BOTH}\n{ONLY_A}")
    panel.findChild(QPushButton, "watchlist_save").click()
    wait_rendered(qtbot, window)
    assert not note.isVisible() and note.text() == ""
