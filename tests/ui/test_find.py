"""Find: every hit of a needle, and which hit Enter, Previous and typing move to."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from viewer.ui.find_bar import MAX_MARKED, find_all
from viewer.ui.find_controller import choose_hit, hits_marked


def test_find_all_ignores_case_unless_asked() -> None:
    text = "Harbour wall; the harbour WALL fell. harbour"
    assert find_all(text, "harbour wall", False) == [(0, 12), (18, 30)]
    assert find_all(text, "harbour wall", True) == []
    assert find_all(text, "", False) == []
    assert find_all("Straße STRASSE", "straße", False) == [(0, 6)]  # casefold changes length


def test_find_all_reads_chinese_in_either_script() -> None:
    text = "建設網絡強國，网络强国"
    assert find_all(text, "网络强国", False) == [(2, 6), (7, 11)]
    assert find_all(text, "網絡強國", True) == [(2, 6), (7, 11)]


def test_find_all_reads_typed_quotes_as_curly_and_a_space_as_a_line_break() -> None:
    # "country's" typed on a keyboard found nothing in a text writing "country’s", nor a
    # phrase the text wraps onto the next line.
    text = "my country’s “China Netcom” and the harbour\r\n  wall; harbour wall"
    assert find_all(text, "country's", False) == [(3, 12)]
    assert find_all(text, "country’s", True) == [(3, 12)]
    assert find_all(text, '"china netcom"', False) == [(13, 27)]
    wrapped, plain = text.index("harbour\r"), text.rindex("harbour")
    assert find_all(text, "harbour wall", False) == [(wrapped, plain - 2),
                                                     (plain, len(text))]
    assert find_all(text, "country.s", False) == []  # typed text, not a pattern


def test_find_all_reads_full_width_letters_and_digits_as_typed_ones() -> None:
    # Chinese texts write "２０２３年" and "５Ｇ": 2023 and 5g typed found nothing.
    text = "截至２０２３年底，全国５Ｇ基站；2023年"
    wide, narrow = text.index("２０２３"), text.index("2023")
    assert find_all(text, "2023", False) == [(wide, wide + 4), (narrow, narrow + 4)]
    assert find_all(text, "２０２３", True) == find_all(text, "2023", True)
    assert find_all(text, "5g", False) == [(text.index("５"), text.index("基"))]
    assert find_all(text, "5g", True) == []
    assert find_all("5G in 2023", "５Ｇ in ２０２３", True) == [(0, 10)]


def test_steps_wrap_round() -> None:
    hits = [(5, 8), (20, 23), (40, 43)]
    assert choose_hit(hits, 0, 1) == 0
    assert choose_hit(hits, 5, 1) == 1  # Enter on a hit moves on
    assert choose_hit(hits, 5, 0) == 0  # typing refines the hit under the cursor
    assert choose_hit(hits, 41, 1) == 0  # past the last: back to the first
    assert choose_hit(hits, 20, -1) == 0
    assert choose_hit(hits, 3, -1) == 2  # before the first: round to the last


@given(st.lists(st.integers(0, 100), min_size=1, max_size=8, unique=True), st.integers(0, 110))
def test_next_is_the_first_hit_after_the_cursor(starts, cursor) -> None:  # type: ignore[no-untyped-def]
    hits = [(s, s + 1) for s in sorted(starts)]
    after = [k for k, h in enumerate(hits) if h[0] > cursor]
    assert choose_hit(hits, cursor, 1) == (after[0] if after else 0)
    before = [k for k, h in enumerate(hits) if h[0] < cursor]
    assert choose_hit(hits, cursor, -1) == (before[-1] if before else len(hits) - 1)


def _window_on_pair(make_window, qtbot, tmp_path, active: bool = False):  # type: ignore[no-untyped-def]
    """A window showing the two harbour articles, rendered (and `active`: the keyboard's)."""
    from tests.ui.articles import write_pair
    from tests.ui.conftest import wait_rendered

    window = make_window()
    window.open_paths([str(p) for p in write_pair(tmp_path)])
    wait_rendered(qtbot, window)
    if active:
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
    return window


def test_the_hit_the_find_is_at_is_set_apart_from_the_others(
        make_window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QFont

    window = _window_on_pair(make_window, qtbot, tmp_path)
    pane = window.panes[0]
    hits = find_all(window.documents[0].text, "harbour", False)
    assert len(hits) >= 3
    for step, at in ((1, 0), (1, 1), (-1, 0)):
        window.finder.on_find("harbour", False, step)
        marked = [s for s in pane.view.extraSelections()
                  if s.format.background().color() == pane.scheme.find]
        bold = [s for s in marked if s.format.fontWeight() == QFont.Weight.Bold]
        assert len(marked) == len(hits) and len(bold) == 1
        assert pane.utf16.to_python(bold[0].cursor.selectionStart()) == hits[at][0]


def test_shift_enter_and_the_platforms_find_keys_step_back_and_on(
        make_window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Shift+Enter in the find bar went on to the next hit, as Enter does; F3 and Shift+F3
    # (the platform's Find Next / Find Previous) did nothing.
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeySequence
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QToolButton

    window = _window_on_pair(make_window, qtbot, tmp_path, active=True)
    hits = find_all(window.documents[0].text, "harbour", False)
    assert len(hits) >= 3
    window.panes[0].view.setFocus()
    window.finder.open()
    bar = window.find_bar
    QTest.keyClicks(bar.edit, "harbour")
    assert bar.status.text() == f"1 of {len(hits)} in A"
    shift = Qt.KeyboardModifier.ShiftModifier
    next_keys, previous_keys = (QKeySequence.keyBindings(k)[0] for k in (
        QKeySequence.StandardKey.FindNext, QKeySequence.StandardKey.FindPrevious))
    find_next, find_previous = next_keys[0], previous_keys[0]
    for key, modifiers, at in ((Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, 2),
                               (Qt.Key.Key_Return, shift, 1),
                               (Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier, 2),
                               (Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier | shift, 1),
                               (find_next.key(), find_next.keyboardModifiers(), 2),
                               (find_next.key(), find_next.keyboardModifiers(), 3),
                               (find_previous.key(), find_previous.keyboardModifiers(), 2)):
        QTest.keyClick(bar.edit, key, modifiers)
        assert bar.status.text() == f"{at} of {len(hits)} in A", (key, modifiers)
    tips = [b.toolTip() for b in bar.findChildren(QToolButton)]
    assert any(t.startswith("Previous hit (Shift+Enter, ") and
               previous_keys.toString(QKeySequence.SequenceFormat.NativeText) in t for t in tips)
    assert any(t.startswith("Next hit (Enter, ") and
               next_keys.toString(QKeySequence.SequenceFormat.NativeText) in t for t in tips)


def test_stepping_visits_every_hit_also_where_hits_touch(
        make_window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # The cursor stood one past a hit shown by Enter and at one shown by Shift+Enter, and
    # each step looked one character further: of touching hits ("o" in "too", 哈 in 哈哈哈)
    # Enter skipped the second, Shift+Enter the one before.
    window = _window_on_pair(make_window, qtbot, tmp_path)
    text = window.documents[0].text
    letter = next(c for c in "eolst" if c * 2 in text)
    hits = find_all(text, letter, False)
    assert any(b[0] == a[1] for a, b in zip(hits, hits[1:], strict=False))
    window.finder.on_find(letter, False, 0)
    seen = [window.find_bar.status.text()]
    for step in [1] * (len(hits) - 1) + [-1] * (len(hits) - 1):
        window.finder.on_find(letter, False, step)
        seen.append(window.find_bar.status.text())
    order = [*range(1, len(hits) + 1), *range(len(hits) - 1, 0, -1)]
    assert seen == [f"{k} of {len(hits)} in A" for k in order]


def test_esc_gives_the_focus_back_to_the_pane_searched(
        make_window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Esc hid the bar and the focus went on to the matches panel's tab bar: Page Down then
    # switched nothing in the text the user was reading.
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QToolButton

    window = _window_on_pair(make_window, qtbot, tmp_path, active=True)
    bar = window.find_bar
    close = next(b for b in bar.findChildren(QToolButton) if b.text() == "✕")
    for side, closing in ((1, lambda: QTest.keyClick(bar.edit, Qt.Key.Key_Escape)),
                          (0, close.click)):
        searched = window.panes[side].view
        searched.setFocus()
        qtbot.waitUntil(searched.hasFocus)
        window.finder.open()
        QTest.keyClicks(bar.edit, "harbour")
        assert bar.status.text().endswith(f"in {'AB'[side]}")
        closing()
        assert bar.isHidden()
        assert QApplication.focusWidget() is searched


def test_the_find_field_is_named_by_its_label(qtbot) -> None:  # type: ignore[no-untyped-def]
    # The "Find:" label was not the field's buddy: a screen reader announced a nameless
    # text field.
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QLabel

    from viewer.ui.find_bar import FindBar

    bar = FindBar()
    qtbot.addWidget(bar)
    bar.show()
    label = next(w for w in bar.findChildren(QLabel) if w.text() == "Find:")
    assert label.buddy() is bar.edit
    field = QAccessible.queryAccessibleInterface(bar.edit)
    assert field.text(QAccessible.Text.Name) == "Find:"


@given(st.integers(1, 60), st.integers(1, 12), st.data())
def test_the_hits_marked_hold_the_one_shown(count, most, data) -> None:  # type: ignore[no-untyped-def]
    hits = [(10 * k, 10 * k + 3) for k in range(count)]
    current = data.draw(st.integers(0, count - 1))
    marked = hits_marked(hits, current, most)
    assert hits[current] in marked
    assert len(marked) == min(count, most)
    assert list(marked) == hits[hits.index(marked[0]):][:len(marked)]  # a run of hits


def test_a_hit_past_the_first_marked_ones_is_marked_when_shown(
        make_window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Only the first MAX_MARKED hits were marked: stepping past them (a common word in a
    # long report), the hit shown had no mark at all, nor had the hits around it.
    from PySide6.QtGui import QFont

    from tests.ui.conftest import wait_rendered

    lines = [f"Line {k}: the harbour ferry left on time." for k in range(MAX_MARKED + 200)]
    paths = [tmp_path / "long.txt", tmp_path / "short.txt"]
    paths[0].write_text("\n".join(lines) + "\n", encoding="utf-8")
    paths[1].write_text("The harbour ferry was late.\n", encoding="utf-8")
    window = make_window()
    window.open_paths([str(p) for p in paths])
    wait_rendered(qtbot, window)
    pane = window.panes[0]
    hits = find_all(window.documents[0].text, "harbour", False)
    assert len(hits) > MAX_MARKED + 100
    pane.place_cursor(hits[MAX_MARKED + 50][0])
    window.finder.on_find("harbour", False, 1)
    shown = hits[MAX_MARKED + 51]
    marked = [(pane.utf16.to_python(s.cursor.selectionStart()), s.format.fontWeight())
              for s in pane.view.extraSelections()
              if s.format.background().color() == pane.scheme.find]
    assert len(marked) == MAX_MARKED
    assert (shown[0], QFont.Weight.Bold) in marked
    assert window.find_bar.status.text() == f"{MAX_MARKED + 52} of {len(hits)} in A"


def test_a_find_in_one_pane_takes_its_marks_out_of_the_other(
        make_window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # A search in A, then another in B: A kept every hit of the first search marked, though
    # the bar spoke only of B's.
    window = _window_on_pair(make_window, qtbot, tmp_path)

    def find_marks(pane) -> int:  # type: ignore[no-untyped-def]
        return sum(1 for s in pane.view.extraSelections()
                   if s.format.background().color() == pane.scheme.find)

    window.finder.side = 0
    window.finder.on_find("harbour", False, 0)
    assert find_marks(window.panes[0]) > 0
    window.finder.side = 1
    window.finder.on_find("the", False, 0)
    assert find_marks(window.panes[1]) > 0
    assert window.find_bar.status.text().endswith("in B")
    assert find_marks(window.panes[0]) == 0


def test_typing_in_a_long_text_searches_once_the_typing_pauses(
        make_window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Each key searched the whole text again: in megabytes of Chinese or accented text a
    # tenth of a second or more per key, and the typing stuttered.
    from pathlib import Path

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from tests.ui.conftest import wait_rendered
    from viewer.ui.find_controller import LONG_TEXT

    article = (Path(__file__).parents[1] / "fixtures" / "core" / "zh_a.txt").read_text(
        encoding="utf-8")
    paths = [tmp_path / "long.txt", tmp_path / "short.txt"]
    paths[0].write_text("\n".join([article] * (LONG_TEXT // len(article) + 1)),
                        encoding="utf-8")
    paths[1].write_text(article, encoding="utf-8")
    window = make_window()
    window.open_paths([str(p) for p in paths])
    wait_rendered(qtbot, window, timeout=120000)
    text = window.documents[0].text
    assert len(text) > LONG_TEXT
    window.panes[0].view.setFocus()
    window.finder.open()
    bar = window.find_bar
    needle = "科技"
    hits = find_all(text, needle, False)
    assert len(hits) > 3
    for character in needle:
        bar.edit.insert(character)
        assert bar.status.text() == ""  # not searched at each key ...
    # ... but once the typing pauses, the hits counted as ever.
    qtbot.waitUntil(lambda: bar.status.text() == f"1 of {len(hits)} in A")
    # Enter at once after typing steps from the first hit of what was typed.
    bar.edit.insert("创新")
    QTest.keyClick(bar.edit, Qt.Key.Key_Return)
    longer = find_all(text, needle + "创新", False)
    assert bar.status.text() == f"2 of {len(longer)} in A"
    for at in (3, 4):
        QTest.keyClick(bar.edit, Qt.Key.Key_Return)
        assert bar.status.text() == f"{at} of {len(longer)} in A"
