"""The application icon: the SVG renders, the PNGs are the sizes they claim, app_icon has them."""

from __future__ import annotations

import pytest

from tests.packaging_support import ROOT
from viewer.ui.icon import ICON_SIZES

ICONS = ROOT / "resources" / "icons"


def test_svg_is_a_valid_square_drawing(qapp) -> None:
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(ICONS / "tandem.svg"))
    assert renderer.isValid()
    size = renderer.defaultSize()
    assert size.width() == size.height() == 256


@pytest.mark.parametrize("size", ICON_SIZES)
def test_png_sizes_are_drawn_not_blank(qapp, size: int) -> None:
    from PySide6.QtGui import QImage

    image = QImage(str(ICONS / f"tandem-{size}.png"))
    assert (image.width(), image.height()) == (size, size)
    colours = {image.pixel(x, y) for x in range(size) for y in range(size)}
    assert len(colours) > 4  # a blank or single-colour image means the render failed
    corner = image.pixelColor(0, 0)
    assert corner.alpha() == 0  # transparent background, so it sits on any panel colour


def test_app_icon_offers_every_size(qapp) -> None:
    from viewer.ui.icon import app_icon

    icon = app_icon()
    assert not icon.isNull()
    offered = {(s.width(), s.height()) for s in icon.availableSizes()}
    assert offered == {(s, s) for s in ICON_SIZES}
