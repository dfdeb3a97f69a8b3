"""A table cell whose text wraps onto as many lines as it needs, a word too long for a line
broken where the line ends: Qt's own cells wrap at spaces only and cut the rest of a long
word short, so in a narrow dock a theme's "comprehensive" read "comprehe…"."""

from __future__ import annotations

from math import ceil

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QSize
from PySide6.QtGui import QFont, QPainter, QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

Index = QModelIndex | QPersistentModelIndex


def broken_lines(text: str, font: QFont, width: float) -> QTextLayout:
    """`text` laid out in lines `width` wide, at spaces where it can, else within a word."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    height = 0.0
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        line.setPosition(QPointF(0, height))
        height += line.height()
    layout.endLayout()
    return layout


def _text_margin(option: QStyleOptionViewItem) -> int:
    """The room a cell keeps on each side of its text, as Qt's styles draw it."""
    return _style(option).pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None,
                                      option.widget) + 1


def _text_room(option: QStyleOptionViewItem) -> QRect:
    """Where a cell's text goes: beside its check box, if any, within its margins."""
    margin = _text_margin(option)
    room = _style(option).subElementRect(QStyle.SubElement.SE_ItemViewItemText, option,
                                         option.widget)
    return room.adjusted(margin, 0, -margin, 0)


def _wraps(option: QStyleOptionViewItem) -> bool:
    """Whether the view wraps its cells' text (`QAbstractItemView.wordWrap`)."""
    return bool(option.features & QStyleOptionViewItem.ViewItemFeature.WrapText)


def _style(option: QStyleOptionViewItem) -> QStyle:
    return option.widget.style() if option.widget is not None else QApplication.style()


def _colour_group(option: QStyleOptionViewItem) -> QPalette.ColorGroup:
    """The palette's colours a cell's text takes, as Qt's styles choose them."""
    if not option.state & QStyle.StateFlag.State_Enabled:
        return QPalette.ColorGroup.Disabled
    return (QPalette.ColorGroup.Active if option.state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive)


class WrappedCell(QStyledItemDelegate):
    """Draws a cell's text on the lines `broken_lines` makes at the cell's width, and asks
    for their height (the table's rows are fitted to their contents)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        cell = QStyleOptionViewItem(option)
        self.initStyleOption(cell, index)
        if not _wraps(cell):
            super().paint(painter, option, index)
            return
        room = _text_room(cell)
        text, cell.text = cell.text, ""
        _style(cell).drawControl(QStyle.ControlElement.CE_ItemViewItem, cell, painter,
                                 cell.widget)
        lines = broken_lines(text, cell.font, room.width())
        # Placed as Qt's styles place a cell's text: in a row of one line, where they did.
        height = ceil(lines.boundingRect().height())
        at = QStyle.alignedRect(cell.direction, cell.displayAlignment,
                                QSize(room.width(), height), room).topLeft()
        painter.save()
        painter.setPen(cell.palette.color(_colour_group(cell), QPalette.ColorRole.HighlightedText
                                          if cell.state & QStyle.StateFlag.State_Selected
                                          else QPalette.ColorRole.Text))
        painter.setClipRect(cell.rect)
        lines.draw(painter, QPointF(at.x(), max(at.y(), room.top())))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802 (Qt override)
        hint = super().sizeHint(option, index)
        cell = QStyleOptionViewItem(option)
        self.initStyleOption(cell, index)
        if not _wraps(cell) or option.rect.width() <= 0:  # no rows fitted to the column
            return hint
        lines = broken_lines(cell.text, cell.font, _text_room(cell).width())
        return QSize(hint.width(), max(hint.height(), ceil(lines.boundingRect().height())))
