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
