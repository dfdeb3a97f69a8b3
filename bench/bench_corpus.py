"""Speed and memory of `tandem corpus`: prints figures, asserts nothing.

    python bench/bench_corpus.py [--sets DIR] [--skip-scale] [--skip-add] [--chinese]

- dev and zh-dev (the benchmark's 1,000-article sets): end to end, a fresh store each time;
- 1k / 3k / 10k articles of the scale sets (made with the benchmark's generator, seed 101,
  when missing: the 10k set takes about two minutes) with the growth exponent (the slope of
  log time over log articles: 1 is linear);
- adding 100 articles to an indexed store of the other 9,900 of the 10k set;
- with `--chinese`, the benchmark README's Chinese 10k set too (seed 102; about four minutes
  to make): Chinese is indexed by characters, so the same articles make more tokens.

Every run is the command itself in a fresh process: wall-clock time and the peak resident
memory of the largest process (its pool workers included). The machine is shared: say so
when quoting figures, and run twice.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval" / "collection"
SCALE = Path("/tmp/tandem-eval/collection")

#: Runs a command and prints its wall time and the largest child's peak RSS, as JSON.
_MEASURE = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:]).returncode
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": time.perf_counter() - start, "rss_mb": rss / 1024, "code": code}))
"""


def measure(args: list[str]) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", _MEASURE, *args], env=env, cwd=ROOT,
                         capture_output=True, text=True, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["code"] != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{out.stderr}")
    return result


def corpus(store: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "viewer", "corpus", *args, "--store", str(store), "--quiet"]


def one_shot(source: Path, work: Path, name: str) -> dict[str, float]:
    store = work / f"{name}.sqlite"
    return measure(corpus(store, str(source), "--json", str(work / f"{name}.json")))


def make_set(docs: int, chinese: bool = False) -> Path:
    folder = SCALE / f"scale{docs // 1000}k{'-zh' if chinese else ''}"
    if not (folder / "collection.jsonl").exists():
        print(f"making {folder} ...", flush=True)
        subprocess.run([sys.executable, str(EVAL / "make_collection.py"), "--docs", str(docs),
                        "--seed", "102" if chinese else "101", "--out", str(folder),
                        "--source", "chinese" if chinese else "english"], check=True,
                       stdout=subprocess.DEVNULL)
    return folder / "collection.jsonl"


def line(label: str, figures: dict[str, float]) -> None:
    print(f"{label:<34} {figures['seconds']:7.1f} s  {figures['rss_mb']:7.0f} MB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=Path, default=EVAL / "sets")
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--skip-add", action="store_true")
    parser.add_argument("--chinese", action="store_true")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="bench-corpus-") as tmp:
        work = Path(tmp)
        for name in ("dev", "zh-dev"):
            line(f"{name} end to end", one_shot(args.sets / name / "collection.jsonl", work,
                                                name))
        if not args.skip_scale:
            points = []
            for docs in (1000, 3000, 10000):
                figures = one_shot(make_set(docs), work, f"scale{docs}")
                line(f"{docs:,} articles end to end", figures)
                points.append((docs, figures["seconds"]))
            xs = [math.log(d) for d, _ in points]
            ys = [math.log(s) for _, s in points]
            mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
            slope = (sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
                     / sum((x - mx) ** 2 for x in xs))
            print(f"growth exponent (time ~ articles^k)  k = {slope:.2f}")
        if args.chinese:
            line("10,000 Chinese articles end to end",
                 one_shot(make_set(10000, chinese=True), work, "scale10000-zh"))
        if not args.skip_add:
            rows = make_set(10000).read_text(encoding="utf-8").splitlines()
            first, last = work / "first.jsonl", work / "last100.jsonl"
            first.write_text("\n".join(rows[:-100]) + "\n", encoding="utf-8")
            last.write_text("\n".join(rows[-100:]) + "\n", encoding="utf-8")
            store = work / "incremental.sqlite"
            line("index 9,900 articles (add)", measure(
                [sys.executable, "-m", "viewer", "corpus", "add", str(store), str(first),
                 "--quiet"]))
            line("add 100 articles to it", measure(
                [sys.executable, "-m", "viewer", "corpus", "add", str(store), str(last),
                 "--quiet"]))
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
