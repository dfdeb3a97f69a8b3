"""Time the reading of a few articles two by two (`viewer.core.collection.few_articles`).

For the first 5, 12, 24, 36 and 48 articles of the benchmark's dev and zh-dev sets, and for 24
documents of 20 dev articles each (over the budget: not read), prints the articles, their
tokens, the tokens the reading goes through ((articles - 1) x tokens), the seconds
`with_pairwise` takes after the finder and the formulations it adds. The machine is shared:
the load average is printed with the figures.

    PYTHONPATH=$PWD python bench/bench_few_articles.py [--sets DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from viewer.collection.words import collection_normalizer, tokenize_articles
from viewer.core.collection.few_articles import PAIR_BUDGET, with_pairwise
from viewer.core.tokenize import Vocabulary

SETS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "collection" / "sets"


def _articles(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _time(rows: list[dict], language: str) -> tuple[int, float, int]:
    """(tokens, seconds, formulations added) of the reading of `rows`."""
    texts = [row["text"] for row in rows]
    vocabulary = Vocabulary()
    streams = tokenize_articles(texts, vocabulary, collection_normalizer())
    started = time.perf_counter()
    added = with_pairwise([], texts, streams, vocabulary, [row.get("date", "") for row in rows],
                          [[] for _ in rows], language)
    return sum(len(s) for s in streams), time.perf_counter() - started, len(added)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=Path, default=SETS)
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
          f"budget {PAIR_BUDGET:,} tokens read")
    dev = _articles(args.sets / "dev" / "collection.jsonl")
    zh = _articles(args.sets / "zh-dev" / "collection.jsonl")
    long = [{"text": "\n\n".join(row["text"] for row in dev[k * 20:(k + 1) * 20])}
            for k in range(24)]
    runs = [(f"dev, first {n}", dev[:n], "en") for n in (5, 12, 24, 36, 48)]
    runs += [(f"zh-dev, first {n}", zh[:n], "zh") for n in (5, 12, 24, 36, 48)]
    runs.append(("24 documents of 20 dev articles", long, "en"))
    print(f"{'articles':34}{'tokens':>10}{'read':>12}{'seconds':>9}{'added':>7}")
    for name, rows, language in runs:
        tokens, seconds, added = _time(rows, language)
        print(f"{name:34}{tokens:>10,}{(len(rows) - 1) * tokens:>12,}{seconds:>9.2f}"
              f"{added:>7}")
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
