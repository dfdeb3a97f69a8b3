"""The window's colours: `viewer.present.palette` as QColors, light or dark by the Qt palette.

Nothing is defined here: a passage, a slogan, a watch-list phrase has one colour on screen
and on paper."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

from viewer.present import palette as colours
from viewer.present.marks import MarkKind


@dataclass(frozen=True)
class Scheme:
    phrases: tuple[QColor, ...]
    marks: dict[MarkKind, QColor]
    active: QColor
    flash: QColor
    find: QColor
    theme: QColor
    strip_passage: QColor


def scheme_of(palette: colours.Palette) -> Scheme:
    return Scheme(
        phrases=tuple(QColor(c) for c in palette.shared),
        marks={kind: QColor(palette.mark(kind)) for kind in MarkKind},
        active=QColor(palette.active), flash=QColor(palette.flash), find=QColor(palette.find),
        theme=QColor(palette.theme), strip_passage=QColor(palette.strip_passage))


LIGHT = scheme_of(colours.LIGHT)
DARK = scheme_of(colours.DARK)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def scheme_for(palette: QPalette) -> Scheme:
    return DARK if is_dark(palette) else LIGHT
