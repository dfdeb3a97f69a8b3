"""Labels of the Recent comparisons menu: file names, and folders where names repeat; and
how the recent menus show an entry whose file or folder is gone."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path


def _label(path: str, repeated: Counter[str]) -> str:
    p = Path(path)
    if repeated[p.name] > 1:
        return f"{p.name} ({p.parent.name or p.parent})"
    return p.name


def recent_labels(pairs: Sequence[tuple[str, str]]) -> list[str]:
    """'a.txt ↔ b.txt' per pair; a file name that stands for different files in the menu
    gets its folder, so 'article.txt (monday) ↔ article.txt (tuesday)' can be told apart."""
    paths = {path for pair in pairs for path in pair}
    repeated = Counter(Path(path).name for path in paths)
    return [f"{_label(a, repeated)}  ↔  {_label(b, repeated)}" for a, b in pairs]


def gone(*paths: str) -> bool:
    """True when one of `paths` is not there (deleted, moved, or on a drive not mounted):
    the recent menus show its entry disabled, marked `missing`, rather than drop it, so it
    is back when the file is."""
    return not all(os.path.exists(path) for path in paths)


def missing(label: str) -> str:
    """The label of a recent entry whose file or folder is gone."""
    return f"{label} (missing)"
