"""How much of the benchmark's variant grouping any finder can reach: prints figures.

    python bench/grouping_ceiling.py [SET_DIR ...]

The collection scorer counts a planted formulation with variants as "grouped" when one
reported entry lists every one of its forms. The generator plants some forms in no
article at all (a variant introduced late in a formulation of few uses): no finder can
report a form that no article writes, so such a group can never count. For each set
(default: the benchmark's sets beside this repository), this prints its variant groups,
the share whose every form some article uses (the most any finder can reach), and the
share whose every form two articles use (a form written once is thin evidence).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETS = ROOT.parent / "shared" / "eval" / "collection" / "sets"


def form_documents(formulation: dict) -> list[int]:
    """The number of documents using each form of a planted formulation (its phrase
    first, then its variants, as the truth lists them)."""
    used: Counter[int] = Counter()
    for occurrence in formulation["occurrences"]:
        used.update(set(occurrence["forms"]))
    return [used[k] for k in range(1 + len(formulation["variants"]))]


def ceiling(truth: dict) -> tuple[int, float, float]:
    """(variant groups, share with every form in one document or more, in two or more)."""
    groups = [form_documents(f) for f in truth["formulations"] if f["variants"]]
    if not groups:
        return 0, 1.0, 1.0
    return (len(groups), sum(min(g) >= 1 for g in groups) / len(groups),
            sum(min(g) >= 2 for g in groups) / len(groups))


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or sorted(p for p in SETS.iterdir() if p.is_dir())
    print(f"{'set':12s} {'groups':>6s} {'reachable':>9s} {'2+ docs':>8s}")
    for folder in folders:
        truth_file = folder / "truth.json"
        if not truth_file.exists():
            print(f"{folder}: no truth.json, skipped", file=sys.stderr)
            continue
        groups, reachable, twice = ceiling(json.loads(truth_file.read_text(encoding="utf-8")))
        print(f"{folder.name:12s} {groups:6d} {reachable:9.3f} {twice:8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
