"""Start the desktop window (built in viewer.ui)."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def run_window(files: Sequence[str]) -> int:
    print("tandem: the window is not built yet; use 'tandem compare A B'", file=sys.stderr)
    return 1
