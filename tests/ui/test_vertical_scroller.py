"""The scroll area that scrolls up and down only: its layout never makes it narrower than
its content, whose font may grow."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from viewer.ui.vertical_scroller import VerticalScroller


def test_a_narrow_layout_leaves_the_content_its_width_even_as_its_font_grows(qtbot) -> None:  # type: ignore[no-untyped-def]
    content = QLabel("A line of words that does not wrap")
    scroller = VerticalScroller(content)
    holder = QWidget()
    qtbot.addWidget(holder)
    QHBoxLayout(holder).addWidget(scroller)
    holder.resize(40, 200)
    holder.show()
    qtbot.waitExposed(holder)
    assert scroller.horizontalScrollBar().maximum() == 0
    font = content.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    content.setFont(font)
    qtbot.waitUntil(lambda: scroller.viewport().width() >= content.minimumSizeHint().width())
    assert scroller.horizontalScrollBar().maximum() == 0
