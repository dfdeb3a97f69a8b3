"""The palette: watch-list, slogan and theme marks are far apart in hue in every scheme."""

from __future__ import annotations

import colorsys

import pytest

from viewer.present.palette import DARK, LIGHT, PRINT, Palette, hex_to_rgb


def _hue(colour: str) -> float:
    r, g, b = (v / 255 for v in hex_to_rgb(colour))
    return colorsys.rgb_to_hsv(r, g, b)[0] * 360


def _apart(x: str, y: str) -> float:
    d = abs(_hue(x) - _hue(y)) % 360
    return min(d, 360 - d)


@pytest.mark.parametrize("palette", [LIGHT, DARK, PRINT])
def test_marks_are_told_apart(palette: Palette) -> None:
    assert _apart(palette.watch, palette.theme) > 60
    assert _apart(palette.watch, palette.slogan) > 60
    assert _apart(palette.slogan, palette.theme) > 60
    assert palette.passage(0) == palette.passage(len(palette.shared))


def test_print_is_light_with_black_text() -> None:
    assert PRINT.shared == LIGHT.shared and PRINT.text == "#000000"


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in hex_to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(x: str, y: str) -> float:
    high, low = sorted((_luminance(x), _luminance(y)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("palette", [LIGHT, DARK, PRINT])
def test_changed_words_read_on_every_passage_colour(palette: Palette) -> None:
    # Word changes and theme passages are drawn as coloured text inside highlighted
    # passages: WCAG's 4.5:1 for body text, on every passage background.
    # So on the passage being read (bold on its own background, flashed when jumped to)
    # and on find hits.
    backgrounds = (*palette.shared, palette.active, palette.flash, palette.find)
    for colour in (palette.deleted, palette.inserted, palette.theme, palette.text):
        assert min(_contrast(colour, bg) for bg in backgrounds) >= 4.5
