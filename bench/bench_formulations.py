"""Score `find_formulations` on a collection benchmark set, before `tandem corpus` exists.

Reads SETDIR/collection.jsonl, tokenizes every article with one shared vocabulary, marks
lines repeated in >= 20 % of a series' articles as excluded (a stand-in for the collection
engine's boilerplate finder), finds the formulations, writes the contract's JSON (pairs,
clusters and boilerplate empty) and runs the benchmark's scorer on it.

    PYTHONPATH=$PWD python bench/bench_formulations.py SETDIR [--out OUT.json] [--details]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from viewer.core.collection.formulations import find_formulations
from viewer.core.normalize import shared_normalizer
from viewer.core.tokenize import Vocabulary, tokenize

SCORER = str(Path(__file__).resolve().parents[2] / "shared/eval/collection/score_collection.py")


def boilerplate_spans(articles: list[dict]) -> list[list[tuple[int, int]]]:
    """Spans of lines repeated in >= 20 % of the articles of their series."""
    per_series: dict[str, Counter] = defaultdict(Counter)
    sizes: Counter = Counter()
    for a in articles:
        sizes[a["series"]] += 1
        per_series[a["series"]].update({line.strip() for line in a["text"].split("\n")
                                        if line.strip()})
    spans = []
    for a in articles:
        common = per_series[a["series"]]
        out, at = [], 0
        for line in a["text"].split("\n"):
            stripped = line.strip()
            if stripped and common[stripped] >= max(3, 0.2 * sizes[a["series"]]):
                out.append((at, at + len(line)))
            at += len(line) + 1
        spans.append(out)
    return spans


def _rss_mb() -> float:
    """The process's resident memory now (Linux), in MB."""
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[1]) * resource.getpagesize() / 2**20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("setdir")
    parser.add_argument("--out", default="/tmp/phrase-formulations.json")
    parser.add_argument("--details", action="store_true")
    args = parser.parse_args()
    with open(f"{args.setdir}/collection.jsonl", encoding="utf-8") as lines:
        articles = [json.loads(line) for line in lines if line.strip()]
    language = "zh" if "zh" in args.setdir.rsplit("/", 1)[-1] or any(
        "\u4e00" <= c <= "\u9fff" for c in articles[0]["text"][:200]) else "en"
    started = time.perf_counter()
    normalizer = shared_normalizer(language=language)
    vocabulary = Vocabulary()
    streams = [tokenize(a["text"], normalizer, vocabulary) for a in articles]
    tokenized = time.perf_counter()
    excluded = boilerplate_spans(articles)
    before = _rss_mb()
    found = find_formulations([a["text"] for a in articles], streams, vocabulary,
                              [a.get("date", "") for a in articles], excluded, language,
                              series=[a.get("series", "") for a in articles])
    done = time.perf_counter()
    words = sum(len(s) for s in streams)
    print(f"{len(articles)} articles, {words} tokens: tokenize {tokenized - started:.2f} s, "
          f"formulations {done - tokenized:.2f} s, peak RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB "
          f"({before:.0f} MB before finding formulations), {len(found)} listed")
    ids = [a["id"] for a in articles]
    out = {"version": 1, "kind": "collection",
           "documents": [{"id": a["id"], "series": a["series"], "date": a.get("date", ""),
                          "chars": len(a["text"])} for a in articles],
           "pairs": [], "clusters": [], "boilerplate": [],
           "formulations": [{"phrase": f.phrase, "variants": list(f.variants),
                             "documents": f.documents, "count": f.count,
                             "first": {"doc": ids[f.first],
                                       "date": articles[f.first].get("date", "")},
                             "per_month": f.per_month,
                             "occurrences": [{"doc": ids[d], "spans": [list(s) for s in spans]}
                                             for d, spans in f.occurrences]}
                            for f in found]}
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(out, handle, ensure_ascii=False)
    command = [sys.executable, SCORER, args.setdir, "--prediction", args.out]
    if args.details:
        command.append("--details")
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    lines = result.stdout.splitlines()
    wanted = ("formulation", "first appearance", "junk", "missed")
    print("\n".join(line for line in lines if any(w in line.lower() for w in wanted)))
    if result.returncode:
        print(result.stderr[-2000:])


if __name__ == "__main__":
    main()
