"""The window defects a new user hit (issue 16, section 2), each pinned by a test."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QMessageBox, QToolTip

from tests.present.test_present_palette import _contrast
from tests.ui.articles import SLOGAN, write_pair
from tests.ui.conftest import wait_rendered
from tests.ui.test_window import format_at, opened
from viewer.ui.recent import recent_labels
from viewer.ui.side_panel import differences_tip

ROOT = Path(__file__).resolve().parents[2]


def test_the_window_has_its_icon(make_window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = opened(make_window, qtbot, tmp_path)
    assert not window.windowIcon().isNull()


def test_f7_and_f8_show_in_the_menus(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    assert window.next_act.shortcut().toString() == "F8"
    assert window.prev_act.shortcut().toString() == "F7"
    assert "Alt+Down" in [s.toString() for s in window.next_act.shortcuts()]


def test_both_panes_open_at_the_top(make_window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.action_try_sample()
    wait_rendered(qtbot, window)
    # A second pair: setting B's text scrolled B, and linked scrolling moved the new A
    # through the previous comparison's map, a few lines down.
    a, b = write_pair(tmp_path)
    window.open_paths([str(a), str(b)])
    wait_rendered(qtbot, window)
    qtbot.wait(100)
    assert [p.view.verticalScrollBar().value() for p in window.panes] == [0, 0]


def test_hidden_slogans_stay_hidden_by_phrase(make_window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = opened(make_window, qtbot, tmp_path)
    slogans = window.rendered.comparison.slogans
    number = next(n for n, s in enumerate(slogans) if s.phrase == SLOGAN)
    window.view.on_slogan_toggled(number, False)
    # A watch-list phrase is listed first: every found slogan moves down one row.
    window.side_panel.watch_edit.setPlainText("covered hall")
    window.side_panel._on_watch_saved()
    wait_rendered(qtbot, window)
    slogans = window.rendered.comparison.slogans
    now = next(n for n, s in enumerate(slogans) if s.phrase == SLOGAN)
    assert now != number
    # Hidden: the slogan the reader unticked, and by default those not used by both texts.
    expected = {n for n, s in enumerate(slogans)
                if s.phrase == SLOGAN or (not s.watchlist and s.presence != "both")}
    assert slogans[number].phrase != SLOGAN
    hidden = window.panes[0].highlighter.hidden
    assert {mark.number for mark in hidden} == expected
    assert window.side_panel._slogan_rows().unchecked == expected


def test_one_click_on_a_slogan_jumps_and_the_phrase_gets_the_width(  # type: ignore[no-untyped-def]
        make_window, qtbot, tmp_path) -> None:
    window = opened(make_window, qtbot, tmp_path)
    panel = window.side_panel
    panel.setCurrentIndex(1)
    table = panel.slogans
    index = table.model().index(0, 0)
    rect = table.visualRect(index)
    with qtbot.waitSignal(panel.slogan_chosen, timeout=2000):
        # On the phrase, right of the check box: before, only other columns jumped.
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(rect.left() + 60, rect.center().y()))
    assert table.columnWidth(0) > table.columnWidth(1) + table.columnWidth(2)


def test_word_differences_show_inside_passages(make_window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    a, b = write_pair(tmp_path)
    text_b = b.read_text(encoding="utf-8").replace("binding timetable", "firm timetable")
    b.write_text(text_b, encoding="utf-8")
    window = make_window()
    window.open_paths([str(a), str(b)])
    wait_rendered(qtbot, window)
    comparison = window.rendered.comparison
    phrase = next(p for p in comparison.shared_phrases if p.differences
                  and "timetable" in comparison.document_a.text[p.a[0]:p.a[1]])
    changed = next(d for d in phrase.differences if d.a[1] > d.a[0])
    qtbot.waitUntil(lambda: not window.busy)
    fmt = format_at(window.panes[0], changed.a[0])
    assert fmt is not None and fmt.fontStrikeOut()
    assert fmt.background().style() != Qt.BrushStyle.NoBrush  # still inside its passage
    tip = differences_tip(phrase, comparison.document_a.text, comparison.document_b.text)
    assert "binding" in tip and "firm" in tip and "line-through" in tip


def test_unsaved_watchlist_edits_are_offered_on_quit(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.side_panel.watch_edit.setPlainText("ferry timetable")

    def answer() -> None:
        box = window.last_message
        assert isinstance(box, QMessageBox) and "watch-list" in box.text()
        box.button(QMessageBox.StandardButton.Save).click()

    QTimer.singleShot(100, answer)
    window.close()
    assert window.settings.watchlist == ("ferry timetable",)
    assert window.store.load_settings().watchlist == ("ferry timetable",)


def test_recent_entries_with_the_same_names_show_their_folders() -> None:
    labels = recent_labels([("/news/mon/article.txt", "/news/tue/article.txt"),
                            ("/x/a.txt", "/x/b.txt")])
    assert labels == ["article.txt (mon)  ↔  article.txt (tue)", "a.txt  ↔  b.txt"]


def test_without_a_display_the_window_says_so() -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "viewer"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env={**env, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 2
    assert "no display" in done.stderr.lower() and "libxcb" not in done.stderr
    assert done.stderr.count("\n") == 1


def _free_x_display() -> str:
    """A DISPLAY no X server listens on here."""
    number = next(n for n in range(4207, 4307) if not os.path.exists(f"/tmp/.X11-unix/X{n}"))
    return f":{number}"


def test_a_display_that_is_gone_is_told_not_a_qt_abort(tmp_path: Path) -> None:
    # DISPLAY left behind (a closed `ssh -X`, a display server that stopped) and a Wayland
    # socket that is not there: Qt aborted (SIGABRT), blaming a missing libxcb-cursor0.
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    gone = {"DISPLAY": _free_x_display(), "WAYLAND_DISPLAY": str(tmp_path / "wayland-0")}
    for display in ({"DISPLAY": gone["DISPLAY"]}, gone):
        without = {k: v for k, v in env.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
        done = subprocess.run([sys.executable, "-m", "viewer"], cwd=ROOT, capture_output=True,
                              text=True, timeout=60,
                              env={**without, **display, "PYTHONPATH": str(ROOT)})
        assert done.returncode == 2, done.stderr
        assert "no display" in done.stderr.lower() and "libxcb" not in done.stderr
        assert gone["DISPLAY"] in done.stderr and done.stderr.count("\n") == 1


def test_panes_underline_only_slogans_of_both_texts_until_one_is_ticked(  # type: ignore[no-untyped-def]
        make_window, qtbot, tmp_path) -> None:
    window = opened(make_window, qtbot, tmp_path)
    slogans = window.rendered.comparison.slogans
    one_sided = [n for n, s in enumerate(slogans) if s.presence != "both" and not s.watchlist]
    both = [n for n, s in enumerate(slogans) if s.presence == "both"]
    assert one_sided and both, [(s.phrase, s.presence) for s in slogans]
    hidden = {mark.number for mark in window.panes[0].highlighter.hidden}
    assert hidden == set(one_sided)
    window.view.on_slogan_toggled(one_sided[0], True)
    assert one_sided[0] not in {mark.number for mark in window.panes[0].highlighter.hidden}


def test_long_file_names_never_widen_the_window(make_window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    a, b = write_pair(tmp_path)
    names = [tmp_path / (side * 150 + "_report.txt") for side in "ab"]
    for source, name in zip((a, b), names, strict=True):
        name.write_bytes(source.read_bytes())
    window = make_window()
    window.open_paths([str(n) for n in names])
    wait_rendered(qtbot, window)
    window.resize(1000, 700)
    qtbot.wait(50)
    assert window.width() <= 1000
    for pane, name in zip(window.panes, names, strict=True):
        header = pane.header
        assert header.full_text().endswith(name.name)
        assert header.text() != header.full_text() and header.text().endswith("_report.txt")
        assert header.fontMetrics().horizontalAdvance(header.text()) <= header.width()
    # The window can be narrower than most screens, whichever page it shows.
    assert window.minimumSizeHint().width() <= 900


def test_word_differences_in_a_passages_tooltip_read_on_a_dark_tooltip(  # type: ignore[no-untyped-def]
        make_window, qtbot, tmp_path) -> None:
    a, b = write_pair(tmp_path)
    b.write_text(b.read_text(encoding="utf-8").replace("binding timetable", "firm timetable"),
                 encoding="utf-8")
    window = make_window()
    window.open_paths([str(a), str(b)])
    wait_rendered(qtbot, window)
    comparison = window.rendered.comparison
    row = next(n for n, p in enumerate(comparison.shared_phrases) if p.differences)
    model = window.side_panel.phrases.model()
    light = QToolTip.palette()
    dark = QPalette(light)
    dark.setColor(QPalette.ColorRole.ToolTipBase, QColor("#31363b"))
    dark.setColor(QPalette.ColorRole.ToolTipText, QColor("#eff0f1"))
    for palette in (dark, light):
        QToolTip.setPalette(palette)
        try:
            tip = model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
        finally:
            QToolTip.setPalette(light)
        colours = re.findall(r"color:(#[0-9a-fA-F]{6})", tip)
        behind = palette.color(QPalette.ColorRole.ToolTipBase).name()
        assert colours and all(_contrast(c, behind) >= 4.5 for c in colours), (colours, behind)
