"""The passage the reader is on, as the window moves through a comparison and its re-runs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.conftest import wait_rendered


def test_a_setting_changed_keeps_the_passage_the_reader_is_on(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    # The comparison ran again with the new setting and forgot the passage shown: nothing
    # was set apart any more and F8 went back to the first passage at the top of the text.
    window = make_window()
    window.action_try_sample()
    wait_rendered(qtbot, window)
    navigation = window.rendered.navigation
    assert len(navigation) >= 4
    window.panes[0].view.setFocus()
    for _ in range(3):
        QTest.keyClick(window.panes[0].view, Qt.Key.Key_F8)
    reading = window.rendered.comparison.shared_phrases[window.active_phrase]
    scrolled = [pane.view.verticalScrollBar().value() for pane in window.panes]
    old = window.rendered

    spin = window.settings_panel.widgets["max_themes"]
    spin.setValue(spin.value() - 1)
    window.settings_panel.apply_now()
    qtbot.waitUntil(lambda: window.rendered is not old and window.rendered is not None
                    and not window.busy, timeout=30000)

    phrases = window.rendered.comparison.shared_phrases
    assert window.active_phrase is not None
    assert phrases[window.active_phrase].a == reading.a
    assert [pane.active for pane in window.panes] == [reading.a, reading.b]
    assert [pane.view.verticalScrollBar().value() for pane in window.panes] == scrolled
    assert [i.row() for i in window.side_panel.phrases.selectionModel().selectedRows()] \
        == [window.active_phrase]
    rank = window.rendered.navigation.rank(window.active_phrase)
    QTest.keyClick(window.panes[0].view, Qt.Key.Key_F8)
    assert window.rendered.navigation.rank(window.active_phrase) == rank + 1
