"""Highlight colours for light and dark palettes: one warm family for shared phrases, a
distinct underline for slogans, strong marks for the active passage and find hits."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette


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
    phrases=(QColor("#ffe08a"), QColor("#ffc98f"), QColor("#fff0a8"), QColor("#ffd1a3")),
    slogan=QColor("#1565c0"), watch=QColor("#c2185b"),
    active=QColor("#ffab40"), flash=QColor("#ff7043"), find=QColor("#9ccc65"),
    theme=QColor("#7e57c2"),
)
DARK = Scheme(
    phrases=(QColor("#6b5310"), QColor("#7a4515"), QColor("#5e5a14"), QColor("#70401f")),
    slogan=QColor("#64b5f6"), watch=QColor("#f48fb1"),
    active=QColor("#b36b00"), flash=QColor("#d84315"), find=QColor("#33691e"),
    theme=QColor("#b39ddb"),
)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def scheme_for(palette: QPalette) -> Scheme:
    return DARK if is_dark(palette) else LIGHT
