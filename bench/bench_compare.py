"""Speed and memory of the engine: prints figures, asserts nothing.

    python bench/bench_compare.py                      # two 5k-word pairs
    python bench/bench_compare.py A.txt B.txt [...]    # any pairs of files

For each pair: tokenizing alone (the floor), each stage of the comparison, the whole
comparison (its first run in this process, and the best of a few), and the process's peak
memory. Theme scoring runs on a thread beside the shared-phrase and slogan stages, so its
own line shows only the wait for it once they are done.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from viewer.core.compare import compare  # noqa: E402
from viewer.core.document import Document  # noqa: E402
from viewer.core.loading import load_document  # noqa: E402
from viewer.core.normalize import Normalizer  # noqa: E402
from viewer.core.tokenize import Vocabulary, tokenize_pair  # noqa: E402
from viewer.resources import resource_path  # noqa: E402

#: Debian's license texts (package base-files, on every Debian system): real prose, and
#: two of them share much of their wording, as a press release and its rewrite do.
LICENSES = Path("/usr/share/common-licenses")


def _babble(words: list[str], count: int, rng: random.Random) -> list[str]:
    """Text that reads like the samples: a word-bigram chain over their words."""
    following: dict[str, list[str]] = {}
    for first, second in zip(words, words[1:], strict=False):
        following.setdefault(first, []).append(second)
    out = [rng.choice(words)]
    while len(out) < count:
        out.append(rng.choice(following.get(out[-1]) or words))
    return out


def five_thousand_word_pair() -> tuple[Document, Document]:
    """About 5,000 words a side in the samples' style, sharing six passages."""
    rng = random.Random(5)
    words = " ".join(resource_path("samples", name).read_text(encoding="utf-8")
                     for name in ("sample_a.txt", "sample_b.txt")).split()
    a = _babble(words, 5000, rng)
    b = _babble(words, 4800, rng)
    for _ in range(6):
        start, length = rng.randrange(len(a) - 60), rng.randrange(15, 60)
        at = rng.randrange(len(b))
        b[at:at] = a[start:start + length]
    return Document(" ".join(a), "a5k"), Document(" ".join(b), "b5k")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(doc_a: Document, doc_b: Document, label: str, repeats: int) -> None:
    started = time.perf_counter()
    vocabulary = Vocabulary()
    tokens_a, tokens_b = tokenize_pair(doc_a.text, doc_b.text, Normalizer(), vocabulary)
    tokenizing = time.perf_counter() - started

    best, stages, first = float("inf"), [], None
    for _ in range(repeats):
        marks: list[tuple[str, float]] = []
        t0 = time.perf_counter()
        def mark(stage: str, _: float, marks: list = marks) -> None:
            marks.append((stage, time.perf_counter()))

        result = compare(doc_a, doc_b, progress=mark)
        elapsed = time.perf_counter() - t0
        first = elapsed if first is None else first
        if elapsed < best:
            best = elapsed
            stages = [(marks[i][0], marks[i + 1][1] - marks[i][1]) for i in range(len(marks) - 1)]
    print(f"{label}: {len(tokens_a)} + {len(tokens_b)} words, "
          f"{len(doc_a.text) / 1e6:.2f} + {len(doc_b.text) / 1e6:.2f} MB")
    print(f"  tokenizing alone   {tokenizing:8.3f} s")
    for stage, seconds in stages:
        print(f"  {stage:<22} {seconds:8.3f} s")
    print(f"  whole comparison   {best:8.3f} s  (best of {repeats}; first run {first:.3f} s)")
    print(f"  found: {len(result.shared_phrases)} shared phrases, {len(result.slogans)} slogans, "
          f"{len(result.themes)} themes")
    print(f"  peak memory        {peak_mb():8.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", help="pairs of files: A1 B1 A2 B2 ...")
    parser.add_argument("--repeats", type=int, default=0, help="runs per pair (best is shown)")
    args = parser.parse_args()
    if len(args.files) % 2:
        parser.error("give files in pairs")
    if not args.files:
        licenses = [LICENSES / name for name in ("GPL-3", "LGPL-2.1")]
        if all(path.exists() for path in licenses):
            a, b = (load_document(path) for path in licenses)
            measure(a, b, "real 5k-word pair, GPL-3 | LGPL-2.1 (much shared wording)",
                    args.repeats or 10)
        a, b = five_thousand_word_pair()
        measure(a, b, "built-in 5k-word stress pair (babble over 850 words: chance matches "
                "everywhere)", args.repeats or 10)
    for a_path, b_path in zip(args.files[::2], args.files[1::2], strict=True):
        a, b = load_document(a_path), load_document(b_path)
        size = len(a.text) + len(b.text)
        measure(a, b, f"{a_path} | {b_path}", args.repeats or (5 if size < 200_000 else 3))


if __name__ == "__main__":
    main()
