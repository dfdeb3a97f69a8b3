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
