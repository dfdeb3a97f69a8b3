"""The wrapping row of buttons: one line as a box layout lays it out, more when narrow."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from viewer.ui.flow_row import FlowRow

LABELS = ("Open collection…", "Open…", "Try the sample")


def _row(qtbot, layout):  # type: ignore[no-untyped-def]
    holder = QWidget()
    qtbot.addWidget(holder)
    outer = QHBoxLayout(holder)
    buttons = [QPushButton(label) for label in LABELS]
    for button in buttons:
        layout.addWidget(button)
    outer.addLayout(layout)
    outer.addStretch(1)
    holder.show()
    qtbot.waitExposed(holder)
    return holder, buttons


def test_a_wide_row_is_laid_out_as_a_box_layout_lays_it_out(qtbot) -> None:  # type: ignore[no-untyped-def]
    boxed, box_buttons = _row(qtbot, QHBoxLayout())
    flowed, flow_buttons = _row(qtbot, FlowRow())
    for holder in (boxed, flowed):
        holder.resize(800, 100)
    qtbot.wait(20)
    assert [b.geometry() for b in flow_buttons] == [b.geometry() for b in box_buttons]


def test_a_narrow_row_wraps_its_buttons_whole(qtbot) -> None:  # type: ignore[no-untyped-def]
    holder, buttons = _row(qtbot, FlowRow())
    widest = max(b.sizeHint().width() for b in buttons)
    margins = holder.layout().contentsMargins()
    holder.resize(widest + margins.left() + margins.right(), 300)
    qtbot.wait(20)
    assert holder.width() < sum(b.sizeHint().width() for b in buttons)
    tops = [b.y() for b in buttons]
    assert tops == sorted(tops) and len(set(tops)) == len(buttons)  # a line each
    for button in buttons:
        assert button.size() == button.sizeHint()
        assert holder.rect().contains(button.geometry())
    # The row asks for the lines' height, not one line's.
    flow = holder.layout().itemAt(0).layout()
    lines = buttons[-1].geometry().bottom() + 1 - buttons[0].y()
    assert flow.heightForWidth(flow.geometry().width()) == lines
