"""Tandem's application icon as a QIcon, for the window and the taskbar."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from viewer.resources import resource_path

#: PNG sizes shipped in resources/icons (rendered from tandem.svg by packaging/make_icons.py).
ICON_SIZES = (16, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    """The icon at every shipped size; the PNGs need no SVG plug-in, so a bundle always has them.

    Returns an empty QIcon (Qt then shows its default) if the files are missing, rather than
    failing start-up over an icon.
    """
    icon = QIcon()
    for size in ICON_SIZES:
        png = resource_path("icons", f"tandem-{size}.png")
        if png.is_file():
            icon.addFile(str(png))
    return icon
