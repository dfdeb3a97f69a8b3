"""Jumps land on their target however little of the text has been laid out (issue 16:
theme row 1 landed several screens short on a fresh start)."""

from __future__ import annotations

import pytest

from viewer.core.document import Document
from viewer.ui.offsets import display_text
from viewer.ui.pane import Pane, text_pieces


def long_text() -> str:
    paragraph = ("The harbour committee met again on Tuesday to weigh the cost of the sea wall, "
                 "the ferry timetable and the winter programme for the island's schools. ")
    return "\n\n".join(f"Paragraph {k}. " + paragraph * 4 for k in range(400))


@pytest.mark.parametrize("fraction", [0.3, 0.62, 0.97])
def test_center_on_a_far_offset_shows_it(qtbot, fraction: float) -> None:  # type: ignore[no-untyped-def]
    pane = Pane("A")
    qtbot.addWidget(pane)
    pane.resize(420, 360)
    pane.show()
    qtbot.waitExposed(pane)
    text = long_text()
    pane.set_document(Document(text, "long.txt"))
    qtbot.waitUntil(lambda: not pane.loading)  # a long text goes in piece by piece
    target = text.index(f"Paragraph {int(400 * fraction)}.")
    pane.center_on(target)
    assert pane.is_visible(target)
    top, bottom = pane.visible_range()
    assert top <= target <= bottom


def test_a_long_text_goes_in_by_pieces_and_arrives_whole(qtbot) -> None:  # type: ignore[no-untyped-def]
    text = long_text().replace("\n\n", "\r\n", 7) + " 🙂 end"
    pieces = text_pieces(display_text(text), 5_000)
    assert len(pieces) > 10 and "".join(pieces) == display_text(text)
    assert all(piece.endswith("\n") for piece in pieces[:-1])
    pane = Pane("B")
    qtbot.addWidget(pane)
    pane.set_document(Document(text, "long.txt"))
    assert pane.loading  # the first piece is shown at once, the rest follow
    qtbot.waitUntil(lambda: not pane.loading)
    assert pane.view.toPlainText() == display_text(text)


def test_a_text_set_while_another_goes_in_replaces_it_whole(qtbot) -> None:  # type: ignore[no-untyped-def]
    pane = Pane("A")
    qtbot.addWidget(pane)
    pane.set_document(Document(long_text(), "long.txt"))
    assert pane.loading
    short = "A short article that fits in one piece."
    pane.set_document(Document(short, "short.txt"))
    qtbot.wait(50)  # the long text's next piece was due at once
    assert not pane.loading
    assert pane.view.toPlainText() == short


SHARED = ("the lighthouse keepers of the northern cape signed a charter on salt, lamps, "
          "wages and the long night watches of the coming winter")


def _resize_pair(folder):  # type: ignore[no-untyped-def]
    filler = ("Farmers counted sheep on the hill while the council argued over the bridge, "
              "the school roof and the bus that never came on time. ")
    other = ("Sailors mended nets in the harbour as gulls quarrelled above the fish market "
             "and the ferry waited for the tide. ")
    a = [f"Item {k}. " + filler * 3 for k in range(60)]
    b = [f"Note {k}. " + other * 3 for k in range(80)]
    # The passage ends a long paragraph deep in each text: narrowing the window re-wraps
    # the lines above it within its own paragraph.
    a[40] = filler * 8 + SHARED + "."
    b[55] = other * 8 + SHARED + "."
    pa, pb = folder / "a.txt", folder / "b.txt"
    pa.write_text("\n\n".join(a), encoding="utf-8")
    pb.write_text("\n\n".join(b), encoding="utf-8")
    return pa, pb


def test_the_passage_shown_stays_in_view_when_the_window_is_resized(make_window, qtbot,
                                                                    tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Narrowing the window after a jump used to push the passage out of both panes: each
    # kept its top line while the lines above the passage re-wrapped, and linked scrolling
    # then moved the other pane after the first.
    from tests.ui.conftest import wait_rendered

    window = make_window()
    window.open_paths([str(p) for p in _resize_pair(tmp_path)])
    wait_rendered(qtbot, window)
    assert len(window.rendered.comparison.shared_phrases) == 1
    window.jump_to_phrase(0)
    for size in ((1100, 740), (900, 600), (800, 500), (1280, 800)):
        window.resize(*size)
        qtbot.waitUntil(lambda s=size: window.size().toTuple() == s)
        qtbot.wait(20)
        for pane in window.panes:
            assert pane.active is not None
            assert pane.is_visible(pane.active[0]), (size, pane.side)
