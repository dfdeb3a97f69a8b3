"""Highlight colours of the window for light and dark palettes.

Shared phrases and slogans take the colours of `viewer.core.palette`, which the reports use
too, so a passage has one colour on screen and on paper; the marks only the window has
(active passage, flash, find hits) are defined here."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

from viewer.core import palette as shared


@dataclass(frozen=True)
class Scheme:
    phrases: tuple[QColor, ...]
    slogan: QColor
    watch: QColor
    active: QColor
    flash: QColor
    find: QColor
    theme: QColor


LIGHT = Scheme(
    phrases=tuple(QColor(c) for c in shared.LIGHT.shared),
    slogan=QColor(shared.LIGHT.slogan_underline), watch=QColor(shared.LIGHT.watch_underline),
    active=QColor("#ffab40"), flash=QColor("#ff7043"), find=QColor("#9ccc65"),
    theme=QColor("#7e57c2"),
)
DARK = Scheme(
    phrases=tuple(QColor(c) for c in shared.DARK.shared),
    slogan=QColor(shared.DARK.slogan_underline), watch=QColor(shared.DARK.watch_underline),
    active=QColor("#b36b00"), flash=QColor("#d84315"), find=QColor("#33691e"),
    theme=QColor("#b39ddb"),
)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def scheme_for(palette: QPalette) -> Scheme:
    return DARK if is_dark(palette) else LIGHT
