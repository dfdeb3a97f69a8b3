"""Jumps land on their target however little of the text has been laid out (issue 16:
theme row 1 landed several screens short on a fresh start)."""

from __future__ import annotations

import pytest

from viewer.core.document import Document
from viewer.ui.pane import Pane


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
    target = text.index(f"Paragraph {int(400 * fraction)}.")
    pane.center_on(target)
    assert pane.is_visible(target)
    top, bottom = pane.visible_range()
    assert top <= target <= bottom
