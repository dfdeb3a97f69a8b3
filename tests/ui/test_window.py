"""Drive the real window: open, highlight, click-to-counterpart, walk, toggle, drop, errors,
settings persistence, stale results and cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QPalette,
    QTextCharFormat,
)
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.present.test_present_palette import _contrast
from tests.ui.articles import PASSAGE, SLOGAN, article_a, article_b, write_pair
from tests.ui.conftest import wait_rendered


def format_at(pane, offset: int):  # type: ignore[no-untyped-def]
    """The highlighter's char format covering Python offset `offset`, or None."""
    position = pane.utf16.to_utf16(offset)
    block = pane.view.document().findBlock(position)
    within = position - block.position()
    ranges = block.layout().formats()
    for r in ranges:
        if r.start <= within < r.start + r.length:
            return QTextCharFormat(r.format)  # a copy: the range list is a temporary
    return None


def opened(make_window, qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    a, b = write_pair(tmp_path)
    window = make_window()
    window.open_paths([str(a), str(b)])
    wait_rendered(qtbot, window)
    return window


def passage_number(window) -> int:  # type: ignore[no-untyped-def]
    text_a = window.documents[0].text
    for number, p in enumerate(window.rendered.comparison.shared_phrases):
        if PASSAGE[:40] in text_a[p.a[0]:p.a[1]]:
            return number
    raise AssertionError("the known passage was not found")


def test_known_passage_is_highlighted_in_both_panes(make_window, qtbot, tmp_path) -> None:
    window = opened(make_window, qtbot, tmp_path)
    pa, pb = window.panes
    start_a = article_a().index(PASSAGE)
    start_b = article_b().index(PASSAGE)
    for pane, start in ((pa, start_a), (pb, start_b)):
        for offset in (start, start + len(PASSAGE) // 2, start + len(PASSAGE) - 1):
            fmt = format_at(pane, offset)
            assert fmt is not None and fmt.background().style() != Qt.BrushStyle.NoBrush
        assert format_at(pane, start - 3) is None or \
            format_at(pane, start - 3).background().style() == Qt.BrushStyle.NoBrush
    # The slogan is underlined (and the emoji before it did not shift the underline).
    slogan_at = article_a().index(SLOGAN)
    assert format_at(pa, slogan_at + 2).fontUnderline()
    assert format_at(pa, slogan_at - 2) is None


def test_click_scrolls_other_pane_to_counterpart(make_window, qtbot, tmp_path) -> None:
    window = opened(make_window, qtbot, tmp_path)
    window.link_act.setChecked(False)
    pa, pb = window.panes
    start_b = article_b().index(PASSAGE)
    assert not pb.is_visible(start_b)
    rect = pa.view.cursorRect(pa.cursor_at(article_a().index(PASSAGE) + 5))
    from PySide6.QtTest import QTest

    QTest.mouseClick(pa.view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, rect.center())
    assert window.active_phrase == passage_number(window)
    assert pb.is_visible(start_b)
    assert pb.active is not None and pb.active[0] <= start_b < pb.active[1]


def test_enter_on_highlight_jumps(make_window, qtbot, tmp_path) -> None:
    window = opened(make_window, qtbot, tmp_path)
    pa, pb = window.panes
    pa.place_cursor(article_a().index(PASSAGE) + 3)
    pa.view.setFocus()
    from PySide6.QtTest import QTest

    QTest.keyClick(pa.view, Qt.Key.Key_Return)
    assert pb.is_visible(article_b().index(PASSAGE))


def test_alt_down_walks_passages_in_order(make_window, qtbot, tmp_path) -> None:
    window = make_window()
    window.action_try_sample()
    wait_rendered(qtbot, window)
    phrases = window.rendered.comparison.shared_phrases
    assert len(phrases) >= 3
    window.activateWindow()
    window.panes[0].view.setFocus()
    from PySide6.QtTest import QTest

    seen = []
    for _ in range(len(phrases)):
        QTest.keyClick(window.panes[0].view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
        seen.append(phrases[window.active_phrase].a[0])
        assert window.panes[1].is_visible(phrases[window.active_phrase].b[0])
    assert seen == sorted(seen) and len(set(seen)) == len(phrases)
    QTest.keyClick(window.panes[0].view, Qt.Key.Key_F7)
    assert phrases[window.active_phrase].a[0] == seen[-2]


def test_passage_steps_are_offered_only_when_there_are_passages(make_window, qtbot,
                                                                tmp_path) -> None:
    # Two texts sharing no passage: F7/F8 and their buttons did nothing, enabled all the same.
    a, b = tmp_path / "cats.txt", tmp_path / "quarks.txt"
    a.write_text("The cat sat on the mat all afternoon and purred at the garden birds.\n",
                 encoding="utf-8")
    b.write_text("Quantum chromodynamics describes the strong force binding quarks.\n",
                 encoding="utf-8")
    window = make_window()
    window.open_paths([str(a), str(b)])
    wait_rendered(qtbot, window)
    assert window.rendered.comparison.shared_phrases == ()
    assert not window.next_act.isEnabled() and not window.prev_act.isEnabled()
    window.action_try_sample()
    wait_rendered(qtbot, window)
    assert window.rendered.comparison.shared_phrases
    assert window.next_act.isEnabled() and window.prev_act.isEnabled()


def test_slogan_row_toggles_its_highlight(make_window, qtbot, tmp_path) -> None:
    window = opened(make_window, qtbot, tmp_path)
    slogans = window.rendered.comparison.slogans
    number = next(i for i, s in enumerate(slogans) if s.phrase.lower() == SLOGAN)
    at = slogans[number].occurrences_b[0][0] + 1
    pb = window.panes[1]
    assert format_at(pb, at).fontUnderline()
    model = window.side_panel.slogans.model()
    index = model.index(number, 0)
    model.setData(index, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    qtbot.waitUntil(lambda: not window.busy)
    fmt = format_at(pb, at)
    assert fmt is None or not fmt.fontUnderline()
    model.setData(index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    qtbot.waitUntil(lambda: not window.busy)
    assert format_at(pb, at).fontUnderline()


def test_theme_row_moves_both_panes(make_window, qtbot, tmp_path) -> None:
    window = opened(make_window, qtbot, tmp_path)
    window.link_act.setChecked(False)
    themes = window.rendered.comparison.themes
    assert themes
    number = max(range(len(themes)), key=lambda i: themes[i].b[0])
    theme = themes[number]
    pa, pb = window.panes
    assert not pb.is_visible(theme.b[0])
    window.side_panel.setCurrentIndex(2)
    table = window.side_panel.themes
    index = table.model().index(number, 0)
    table.scrollTo(index)
    from PySide6.QtTest import QTest

    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, table.visualRect(index).center())
    assert pa.is_visible(theme.a[0])
    assert pb.is_visible(theme.b[0])


def drop(widget, paths: list[Path]) -> None:  # type: ignore[no-untyped-def]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    # Qt delivers a drop only to the widget that accepted the drag's entry.
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def test_drop_one_file_replaces_that_side(make_window, qtbot, tmp_path) -> None:
    window = opened(make_window, qtbot, tmp_path)
    other = tmp_path / "other.txt"
    other.write_text("Entirely different words about glaciers, moss and reindeer herding "
                     "in the far north during a long polar night.", encoding="utf-8")
    old_a = window.documents[0]
    drop(window.panes[1].view.viewport(), [other])
    qtbot.waitUntil(lambda: window.documents[1].name == "other.txt")
    assert window.documents[0] is old_a
    assert window.documents[1].name == "other.txt"
    assert window.panes[1].header.text().endswith("other.txt")
    wait_rendered(qtbot, window)
    assert window.rendered.comparison.document_b.name == "other.txt"


def drop_target(widget):  # type: ignore[no-untyped-def]
    """The widget a drag over `widget` is delivered to, found as Qt finds it: the first
    one accepting drops from there up to the window."""
    while not widget.acceptDrops() and not widget.isWindow():
        widget = widget.parentWidget()
    return widget


def test_a_file_dropped_on_a_panes_header_or_strip_replaces_that_pane(
        make_window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = opened(make_window, qtbot, tmp_path)
    other = tmp_path / "other.txt"
    other.write_text("Entirely different words about glaciers, moss and reindeer herding "
                     "in the far north during a long polar night.", encoding="utf-8")
    old_b = window.documents[1]
    drop(drop_target(window.panes[0].header), [other])
    qtbot.waitUntil(lambda: window.documents[0].name == "other.txt")
    assert window.documents[1] is old_b
    wait_rendered(qtbot, window)
    drop(drop_target(window.panes[1].overview), [tmp_path / "harbour_a.txt"])
    qtbot.waitUntil(lambda: window.documents[1].name == "harbour_a.txt")
    assert window.documents[0].name == "other.txt"
    wait_rendered(qtbot, window)


def test_drop_two_files_replaces_both(make_window, qtbot, tmp_path) -> None:
    window = make_window()
    window.action_try_sample()
    wait_rendered(qtbot, window)
    a, b = write_pair(tmp_path)
    drop(window.panes[1].view.viewport(), [a, b])
    qtbot.waitUntil(lambda: [d.name for d in window.documents] == ["harbour_a.txt",
                                                                   "harbour_b.txt"])
    wait_rendered(qtbot, window)
    assert window.rendered.comparison.document_a.name == "harbour_a.txt"


def test_bad_file_gives_a_dialog_and_window_stays_usable(make_window, qtbot, tmp_path) -> None:
    window = make_window()
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    window.open_paths([str(binary)], 0)
    qtbot.waitUntil(lambda: window.last_message is not None)
    box = window.last_message
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "photo.txt" in box.text() and "binary" in box.text()
    box.close()  # what the user's OK does
    qtbot.waitUntil(lambda: window.last_message is None)
    missing = tmp_path / "gone.txt"
    window.open_paths([str(missing)], 1)
    qtbot.waitUntil(lambda: window.last_message is not None)
    assert "gone.txt" in window.last_message.text()
    assert "no such file" in window.last_message.text()
    window.last_message.close()
    assert window.documents == [None, None]
    a, b = write_pair(tmp_path)
    window.open_paths([str(a), str(b)])
    wait_rendered(qtbot, window)
    assert window.rendered.comparison.shared_phrases


def test_paste_as_a_and_b(make_window, qtbot) -> None:
    window = make_window()
    clipboard = QGuiApplication.clipboard()
    clipboard.setText(article_a())
    window.action_paste(0)
    clipboard.setText(article_b())
    window.action_paste(1)
    wait_rendered(qtbot, window)
    assert window.documents[0].name == "Pasted text"
    assert any(PASSAGE[:30] in window.documents[0].text[p.a[0]:p.a[1]]
               for p in window.rendered.comparison.shared_phrases)
    clipboard.setText("   ")
    window.action_paste(1)
    assert "clipboard" in window.last_message.text().lower()
    window.last_message.close()


def test_settings_survive_a_restart(make_window, qtbot, settings_ini) -> None:
    window = make_window()
    window.settings_panel.widgets["min_words"].setValue(9)
    window.settings_panel.widgets["stemming"].setChecked(True)
    window.side_panel.watch_edit.setPlainText("ferry timetable\n\nwinter programme")
    window.side_panel._on_watch_saved()
    window.apply_zoom(3)
    window.close()
    again = make_window(settings_ini)
    assert again.settings.min_words == 9 and again.settings.stemming
    assert again.settings_panel.widgets["min_words"].value() == 9
    assert again.settings.watchlist == ("ferry timetable", "winter programme")
    assert "ferry timetable" in again.side_panel.watch_edit.toPlainText()
    assert again.zoom == 3


def test_settings_that_contradict_each_other_are_said_and_not_applied(
        make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    panel = window.settings_panel
    panel.widgets["slogan_min_words"].setValue(6)
    panel.widgets["slogan_max_words"].setValue(3)
    panel.apply_now()
    assert (window.settings.slogan_min_words, window.settings.slogan_max_words) == (2, 20)
    assert not panel.problem.isHidden()
    assert panel.problem.text() == ("“Slogan: fewest words” must not exceed “Slogan: most "
                                    "words”: not applied until that is fixed.")
    panel.widgets["slogan_max_words"].setValue(8)
    panel.apply_now()
    assert (window.settings.slogan_min_words, window.settings.slogan_max_words) == (6, 8)
    assert panel.problem.isHidden()


def test_corrupt_settings_fall_back_to_defaults(make_window, qtbot, tmp_path) -> None:
    ini = tmp_path / "broken.ini"
    ini.write_text('[compare]\nsettings="{\\"min_words\\": \\"lots\\"}"\n', encoding="utf-8")
    window = make_window(str(ini))
    assert window.settings.min_words == 5
    qtbot.waitUntil(lambda: window.last_message is not None)
    assert "defaults" in window.last_message.text()
    window.last_message.close()


def test_watchlist_phrase_is_found_and_highlighted(make_window, qtbot, tmp_path) -> None:
    window = opened(make_window, qtbot, tmp_path)
    window.side_panel.watch_edit.setPlainText("covered hall")
    window.side_panel._on_watch_saved()
    wait_rendered(qtbot, window)
    watched = [s for s in window.rendered.comparison.slogans if s.watchlist]
    assert watched and watched[0].count_b == 60
    assert format_at(window.panes[1], watched[0].occurrences_b[0][0]).fontUnderline()
    # A phrase neither text uses is listed on the watch-list, and counts as no slogan.
    used = len(window.rendered.comparison.slogans)
    assert f" · {used} slogan" in window.figures.text()
    window.side_panel.watch_edit.setPlainText("covered hall\na phrase neither text prints")
    window.side_panel._on_watch_saved()
    wait_rendered(qtbot, window)
    assert len(window.rendered.comparison.slogans) == used + 1
    assert f" · {used} slogan" in window.figures.text()


def big_pair(folder: Path, repeats: int) -> tuple[Path, Path]:
    a, b = folder / "big_a.txt", folder / "big_b.txt"
    text_a, text_b = article_a(), article_b().replace("\r\n", "\n")
    a.write_text("\n\n".join(text_a.replace("ferry", f"ferry{i}") for i in range(repeats)),
                 encoding="utf-8")
    b.write_text("\n\n".join(text_b.replace("stall", f"stall{i}") for i in range(repeats)),
                 encoding="utf-8")
    return a, b


def test_a_newer_request_discards_the_stale_result(make_window, qtbot, tmp_path) -> None:
    a, b = write_pair(tmp_path)
    window = make_window()
    window.open_paths([str(a), str(b)])
    first = window.comparer.token
    window.settings_panel.widgets["min_words"].setValue(12)
    window.settings_panel.apply_now()
    assert window.comparer.token == first + 1
    wait_rendered(qtbot, window)
    assert window.rendered.comparison.settings.min_words == 12


def test_cancel_stops_a_long_comparison(make_window, qtbot, tmp_path) -> None:
    a, b = big_pair(tmp_path, 120)
    window = make_window()
    with qtbot.waitSignal(window.comparer.signals.cancelled, timeout=30000):
        window.open_paths([str(a), str(b)])
        assert window.cancel_button.isVisible()
        qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
        assert not window.cancel_button.isVisible()
    assert window.comparer.wait(30000)
    QApplication.processEvents()
    assert window.rendered is None
    assert "cancelled" in window.figures.text().lower()


def test_a_cancelled_comparison_with_new_settings_says_the_highlights_are_the_earlier(
        make_window, qtbot, tmp_path) -> None:
    a, b = big_pair(tmp_path, 40)
    window = make_window()
    window.open_paths([str(a), str(b)])
    wait_rendered(qtbot, window)
    shown = window.rendered
    window.settings_panel.widgets["min_words"].setValue(12)
    with qtbot.waitSignal(window.comparer.signals.cancelled, timeout=30000):
        window.settings_panel.apply_now()
        qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    assert window.comparer.wait(30000)
    QApplication.processEvents()
    assert window.rendered is shown and shown.comparison.settings.min_words == 5
    assert "earlier settings" in window.figures.text()


def test_highlights_survive_zoom_and_resize(make_window, qtbot, tmp_path) -> None:
    """Formats are written into the block layouts; laying the blocks out again (new font
    size, new width) must keep them."""
    window = opened(make_window, qtbot, tmp_path)
    start = article_a().index(PASSAGE)
    window.apply_zoom(window.zoom + 3)
    window.resize(window.width() + 160, window.height())
    qtbot.wait(50)
    pane = window.panes[0]
    fmt = format_at(pane, start + 5)
    assert fmt is not None and fmt.background().style() != Qt.BrushStyle.NoBrush
    # And they are painted: the pixels just above the glyphs carry the passage colour.
    pane.center_on(start + 5)
    qtbot.wait(50)
    rect = pane.view.cursorRect(pane.cursor_at(start + 5))
    image = pane.view.viewport().grab().toImage()
    wanted = fmt.background().color()
    row = [image.pixelColor(x, rect.top() + 1) for x in range(rect.left() + 1, rect.left() + 30)]
    assert sum(c == wanted for c in row) > len(row) // 2


def test_very_large_texts_are_compared_in_a_child_process(make_window, qtbot, tmp_path,
                                                           monkeypatch) -> None:
    """Above the size limit the comparison runs in another process: its result highlights
    the window like any other, and Cancel stops it."""
    from viewer.ui import worker

    monkeypatch.setattr(worker, "CHILD_PROCESS_CHARS", 1000)
    window = opened(make_window, qtbot, tmp_path)
    start = article_a().index(PASSAGE)
    fmt = format_at(window.panes[0], start + 5)
    assert fmt is not None and fmt.background().style() != Qt.BrushStyle.NoBrush
    a, b = big_pair(tmp_path, 120)
    with qtbot.waitSignal(window.comparer.signals.cancelled, timeout=30000):
        window.open_paths([str(a), str(b)])
        qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    assert window.comparer.wait(30000)


def test_files_open_off_the_gui_thread_with_progress_and_cancel(make_window, qtbot,
                                                              tmp_path) -> None:
    # Reliability issue item 8: a 100-page PDF froze the window for 18 s while it loaded.
    a, b = write_pair(tmp_path)
    window = make_window()
    window.open_paths([str(a), str(b)])
    # open_paths returned before the files were read: the loading shows, with Cancel.
    assert window.documents == [None, None]
    assert window.progress.isVisible() and window.cancel_button.isVisible()
    assert window.progress.format().startswith(("Opening", "Comparing"))
    window.cancel_button.click()
    assert not window.progress.isVisible()
    qtbot.wait(300)  # the job ends on its own; what it found is dropped
    assert window.rendered is None and window.last_message is None
    window.open_paths([str(a), str(b)])
    wait_rendered(qtbot, window)
    assert [d.name for d in window.documents] == ["harbour_a.txt", "harbour_b.txt"]


def test_a_recent_pair_whose_file_is_gone_is_shown_missing_and_not_offered(
        make_window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = opened(make_window, qtbot, tmp_path)
    kept = tmp_path / "kept"
    kept.mkdir()
    a, b = write_pair(kept)
    window.open_paths([str(a), str(b)])
    wait_rendered(qtbot, window)
    (tmp_path / "harbour_b.txt").unlink()  # of the pair opened first
    window.on_recent_menu()
    actions = window.recent_menu.actions()
    assert [action.isEnabled() for action in actions] == [True, False]
    assert actions[1].text().endswith("(missing)")
    assert not actions[0].text().endswith("(missing)")
    # Back where it was (a drive mounted again): offered again.
    write_pair(tmp_path)
    window.on_recent_menu()
    assert all(action.isEnabled() for action in window.recent_menu.actions())


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#2b2b2b"),
                         (QPalette.ColorRole.WindowText, "#e0e0e0"),
                         (QPalette.ColorRole.Base, "#1e1e1e"),
                         (QPalette.ColorRole.Text, "#e0e0e0"),
                         (QPalette.ColorRole.Button, "#353535"),
                         (QPalette.ColorRole.ButtonText, "#e0e0e0")):
        palette.setColor(role, QColor(colour))
    return palette


def test_the_settings_problem_reads_on_a_dark_palette(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.setPalette(dark_palette())
    panel = window.settings_panel
    panel.widgets["slogan_min_words"].setValue(6)
    panel.widgets["slogan_max_words"].setValue(3)
    panel.apply_now()
    assert not panel.problem.isHidden()
    panel.problem.ensurePolished()
    said = panel.problem.palette().color(QPalette.ColorRole.WindowText).name()
    behind = panel.palette().color(QPalette.ColorRole.Window).name()
    assert _contrast(said, behind) >= 4.5, (said, behind)
    window.setPalette(QPalette())  # and back on a light one
    panel.problem.ensurePolished()
    said = panel.problem.palette().color(QPalette.ColorRole.WindowText).name()
    behind = panel.palette().color(QPalette.ColorRole.Window).name()
    assert _contrast(said, behind) >= 4.5, (said, behind)


def test_each_export_of_the_file_menu_has_an_alt_letter_no_other_entry_has(
        make_window) -> None:  # type: ignore[no-untyped-def]
    # "Export collection as HTML…" and "…as PDF…" had no Alt letter, unlike "Export as
    # &PDF…" and "Export as &HTML…": a reader on the keyboard could not reach them at once.
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QMenu

    window = make_window()

    def letter(text: str) -> str:
        return QKeySequence.mnemonic(text).toString()

    file_menu = window.menuBar().actions()[0].menu()
    exports = [a for a in file_menu.actions() if a.text().replace("&", "").startswith("Export")]
    assert len(exports) == 5
    # Every entry of the File menu, the exports and "Paste as A/B" too.
    entries = [a.text() for a in file_menu.actions() if a.text()]
    assert all(letter(text) for text in entries), entries
    # No two entries of one menu (nor two menus of the bar) share a letter.
    for menu in [window.menuBar(), *window.menuBar().findChildren(QMenu)]:
        letters = [letter(a.text()) for a in menu.actions() if letter(a.text())]
        assert len(letters) == len(set(letters)), (menu.title(), letters)


def test_what_loading_changed_in_a_text_is_noted_above_its_pane(make_window, qtbot,
                                                                 tmp_path) -> None:
    # A byte no encoding reads shows as U+FFFD in the text; the exports said why, the
    # window said nothing.
    a, b = write_pair(tmp_path)
    data = a.read_bytes()
    cut = data.index(b". ") + 1
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes(data[:cut] + b"\xff" + data[cut:])
    window = make_window()
    window.open_paths([str(damaged), str(b)])
    wait_rendered(qtbot, window)
    note_a, note_b = (pane.note for pane in window.panes)
    assert window.documents[0].notes
    assert note_a.isVisible() and not note_b.isVisible()
    assert note_a.text() == "\n".join(f"Note: {n}" for n in window.documents[0].notes)
    assert "not valid UTF-8" in note_a.text()
    # The clean text in its place takes the note away.
    window.open_paths([str(a)], side=0)
    qtbot.waitUntil(lambda: window.documents[0].name == a.name)
    wait_rendered(qtbot, window)
    assert not note_a.isVisible() and note_a.text() == ""


def test_a_text_in_traditional_characters_beside_simplified_is_noted(make_window, qtbot,
                                                                     tmp_path) -> None:
    # Read alike, each script as the other: said on the traditional side once the two are
    # compared, as the exports say it.
    simplified = "我们在会议上讨论了国家经济发展的问题，并且决定继续推进改革开放。"
    traditional = "我們在會議上討論了國家經濟發展的問題，並且決定繼續推進改革開放。"
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(traditional, encoding="utf-8")
    b.write_text(simplified, encoding="utf-8")
    window = make_window()
    window.open_paths([str(a), str(b)])
    wait_rendered(qtbot, window)
    note_a, note_b = (pane.note for pane in window.panes)
    assert note_a.isVisible() and "traditional Chinese characters" in note_a.text()
    assert not note_b.isVisible()
