"""Locate files shipped in the top-level `resources/` folder, in a checkout or a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    """The `resources/` folder: next to the package, or inside a PyInstaller bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a shipped resource, e.g. `resource_path("samples", "sample_a.txt")`."""
    return resources_root().joinpath(*parts)
