"""How fast a collection's sources are read: prints figures, asserts nothing.

    python bench/bench_read_sources.py                    # 1,000 and 10,000 articles
    python bench/bench_read_sources.py SOURCE [...]       # any folders or JSON-lines files

Without arguments it writes the English fixture collection (tests/fixtures/collection/en)
over and over into a temporary folder, as .txt files with metadata.csv and as gzipped JSON
lines, and reads each form twice with `read_sources`: articles, characters, skipped items,
wall and CPU time, articles per second, and the process's peak memory (reading streams, so
it should stay flat as the collection grows).
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from viewer.collection.sources import Skipped, read_sources  # noqa: E402

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "collection" / "en"


def scaled_collection(folder: Path, count: int) -> tuple[Path, Path]:
    """`count` articles (the fixture's texts repeated under new ids) as a folder with
    metadata.csv and as collection.jsonl.gz."""
    rows = [json.loads(line) for line in
            (FIXTURE / "collection.jsonl").read_text(encoding="utf-8").splitlines()]
    articles = folder / "articles"
    articles.mkdir(parents=True)
    metadata = ["file,id,series,date"]
    with gzip.open(folder / "collection.jsonl.gz", "wt", encoding="utf-8") as lines:
        for k in range(count):
            row = dict(rows[k % len(rows)], id=f"a{k:06d}")
            name = f"{row['series']}/{row['id']}.txt"
            (articles / row["series"]).mkdir(exist_ok=True)
            (articles / name).write_bytes(row["text"].encode("utf-8"))
            metadata.append(f"{name},{row['id']},{row['series']},{row['date']}")
            lines.write(json.dumps(row) + "\n")
    (articles / "metadata.csv").write_text("\n".join(metadata) + "\n", encoding="utf-8")
    return articles, folder / "collection.jsonl.gz"


def measure(source: Path) -> None:
    for run in (1, 2):
        skipped: list[Skipped] = []
        wall, cpu = time.perf_counter(), time.process_time()
        articles = chars = 0
        for article in read_sources([source], skipped.append):
            articles += 1
            chars += len(article.text)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"  {source.name:<22} run {run}: {articles:>7,} articles, {chars:>12,} chars, "
              f"{len(skipped):>4} skipped, {wall:6.2f} s wall, {cpu:6.2f} s CPU, "
              f"{articles / max(wall, 1e-9):>9,.0f} articles/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="*", type=Path)
    args = parser.parse_args()
    if args.sources:
        for source in args.sources:
            measure(source)
    else:
        for count in (1_000, 10_000):
            with tempfile.TemporaryDirectory() as temp:
                print(f"{count:,} articles (the English fixture repeated):")
                for source in scaled_collection(Path(temp), count):
                    measure(source)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
