"""Shared by the packaging tests: where the repository is, and which parts are not merged yet."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def missing_app_parts() -> list[str]:
    """Parts the full self-test needs that this checkout lacks (built on other branches)."""
    missing = []
    for name in ("sample_a.txt", "sample_b.txt"):
        if not (ROOT / "resources" / "samples" / name).is_file():
            missing.append(f"resources/samples/{name}")
    for module in ("viewer.export.pdf_report", "viewer.export.html_report"):
        if importlib.util.find_spec(module) is None:
            missing.append(module)
    if not any((ROOT / "viewer" / "ui").glob("*window*.py")):
        missing.append("viewer/ui main window")
    return missing
