"""How many Chinese slogan occurrences begin and end on the source's own word boundaries.

For every pair of a zh-dev set (default ../shared/eval/sets/zh-dev), compares the two texts
in process and checks each occurrence of each listed slogan (watch-list aside) against the
gold segmentation of People's Daily 1998 (PKU word tags), split into articles by the
benchmark's own `split_articles`. A pair text that is not its article verbatim (copied
passages inserted) is mapped onto its article, or for the inserted parts onto the other
article, by matching blocks; occurrences that map onto neither are counted apart.

    EVAL=../shared/eval PYTHONPATH=$PWD python bench/bench_slogan_bounds.py [SETDIR]
"""

from __future__ import annotations

import bisect
import difflib
import json
import lzma
import os
import sys
from pathlib import Path

from viewer.core.compare import compare
from viewer.core.loading import load_document

#: The benchmark folder: $EVAL, else ../shared/eval beside the checkout (a worktree sits
#: one folder deeper).
EVAL = Path(os.environ["EVAL"]) if os.environ.get("EVAL") else next(
    (p / "shared" / "eval" for p in Path(__file__).resolve().parents
     if (p / "shared" / "eval").is_dir()), Path("eval"))


def gold_articles() -> dict[str, dict]:
    sys.path.insert(0, str(EVAL / "collection"))
    sys.path.insert(0, str(EVAL))
    from make_zh_set import split_articles  # the benchmark's own splitter

    with lzma.open(EVAL / "collection" / "material" / "199801.txt.xz", "rt",
                   encoding="utf-8") as handle:
        return {a["id"]: a for a in split_articles(handle.read())}


class Mapper:
    """Offsets of a text mapped onto a gold article's text through matching blocks."""

    def __init__(self, text: str, gold: str) -> None:
        blocks = difflib.SequenceMatcher(None, text, gold, autojunk=False).get_matching_blocks()
        self.blocks = [(a, b, size) for a, b, size in blocks if size]
        self.starts = [a for a, _, _ in self.blocks]

    def map(self, start: int, end: int) -> tuple[int, int] | None:
        k = bisect.bisect_right(self.starts, start) - 1
        if k < 0:
            return None
        a, b, size = self.blocks[k]
        if not (a <= start and end <= a + size):
            return None  # not inside one unchanged stretch
        return b + start - a, b + end - a


def boundaries(article: dict) -> set[int]:
    out = set()
    for _, _, start, end, _ in article["tokens"]:
        out.add(start)
        out.add(end)
    return out


def main() -> None:
    setdir = Path(sys.argv[1]) if len(sys.argv) > 1 else EVAL / "sets" / "zh-dev"
    truth = json.loads((setdir / "truth.json").read_text(encoding="utf-8"))
    articles = gold_articles()
    on = off = unmapped = slogans = 0
    misses: list[str] = []
    for pair in truth["pairs"]:
        docs = [load_document(setdir / pair[side]) for side in "ab"]
        golds = [articles[pair[f"{side}_article"]] for side in "ab"]
        mappers = [[Mapper(doc.text, gold["text"]) for gold in golds] for doc in docs]
        bounds = [boundaries(g) for g in golds]
        result = compare(*docs)
        for slogan in result.slogans:
            if slogan.watchlist:
                continue
            slogans += 1
            for side, spans in enumerate((slogan.occurrences_a, slogan.occurrences_b)):
                for start, end in spans:
                    # Its own article first, then the other (the source of a copy).
                    for g in (side, 1 - side):
                        mapped = mappers[side][g].map(start, end)
                        if mapped is not None:
                            break
                    if mapped is None:
                        unmapped += 1
                        continue
                    if mapped[0] in bounds[g] and mapped[1] in bounds[g]:
                        on += 1
                    else:
                        off += 1
                        if len(misses) < 25:
                            misses.append(docs[side].text[max(0, start - 3):start] + "[" +
                                          docs[side].text[start:end] + "]" +
                                          docs[side].text[end:end + 3])
    total = on + off
    print(f"{len(truth['pairs'])} pairs, {slogans} slogans, {total + unmapped} occurrences: "
          f"{on / max(1, total):.3f} on gold word boundaries ({off} not), "
          f"{unmapped} not mappable onto the source articles")
    for miss in misses:
        print("  off:", miss.replace("\n", " "))


if __name__ == "__main__":
    main()
