"""How well theme scores agree with people: the Lee et al. (2005) news-similarity ratings.

    pip download --no-deps -d /tmp/lee "gensim==4.4.0"
    python bench/bench_themes.py /tmp/lee/gensim-4.4.0-*.whl      # or a folder of the files

Lee, Pincombe and Welsh (2005) had people rate the similarity of every pair of 50 short ABC
news stories; gensim's test data ships the stories (lee.cor, one a line) and the mean
ratings (similarities0-1.txt, a 50 x 50 matrix). Each pair is compared as Tandem compares
two articles, with the default settings, and the top theme score (0 when no pair is listed)
is that pair's similarity. Prints Pearson's r over the 1,225 pairs, and the time taken;
first, how long the word-meaning model and the Chinese segmenter take to load (once per
process, on first use).
"""

from __future__ import annotations

import argparse
import sys
import time
import zipfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from viewer.core import embeddings, segment  # noqa: E402
from viewer.core.compare import compare  # noqa: E402
from viewer.core.document import Document  # noqa: E402

STORIES = "lee.cor"
RATINGS = "similarities0-1.txt"


def read_lee(source: Path) -> tuple[list[str], np.ndarray]:
    """The 50 stories and the 50 x 50 ratings, from gensim's wheel or a folder of the files."""
    def read(name: str) -> str:
        if source.is_dir():
            return (source / name).read_text(encoding="utf-8", errors="replace")
        with zipfile.ZipFile(source) as wheel:
            return wheel.read(f"gensim/test/test_data/{name}").decode("utf-8", "replace")

    stories = [line.strip() for line in read(STORIES).splitlines() if line.strip()]
    ratings = np.array([[float(x) for x in line.split()]
                        for line in read(RATINGS).splitlines() if line.strip()])
    if len(stories) != 50 or ratings.shape != (50, 50):
        raise SystemExit(f"{source}: expected 50 stories and 50 x 50 ratings, "
                         f"got {len(stories)} and {ratings.shape}")
    return stories, ratings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="gensim wheel, or folder with lee.cor and "
                        "similarities0-1.txt")
    args = parser.parse_args()
    for name, load in (("word-meaning model", embeddings.model),
                       ("Chinese segmenter", segment.segmenter)):
        started = time.perf_counter()
        load()
        print(f"{name} loaded in {time.perf_counter() - started:.2f} s")
    stories, ratings = read_lee(args.source)
    documents = [Document(text, f"lee{i}") for i, text in enumerate(stories)]
    upper = np.triu_indices(len(stories), 1)
    started = time.perf_counter()
    scores = []
    for i, j in zip(*upper, strict=True):
        themes = compare(documents[i], documents[j]).themes
        scores.append(themes[0].score if themes else 0.0)
    elapsed = time.perf_counter() - started
    r = float(np.corrcoef(scores, ratings[upper])[0, 1])
    print(f"Lee et al. (2005): {len(scores)} pairs, Pearson r = {r:.3f} "
          f"(top theme score vs mean human rating); {elapsed:.1f} s, "
          f"{1000 * elapsed / len(scores):.1f} ms a pair")


if __name__ == "__main__":
    main()
