"""Time the PDF and HTML reports on a generated pair of long texts (300k characters each).

Run from the repository root: `python bench/bench_export.py [--chars N] [--keep DIR]`,
or `--files A B` to report on two real articles instead. The generated pair shares a
passage every few paragraphs, as a lightly edited re-publication does, so the report has
many passages, highlights and table rows. Prints times, sizes and the PDF's page count.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from viewer.core.compare import compare  # noqa: E402
from viewer.core.document import Document  # noqa: E402
from viewer.core.loading import load_document  # noqa: E402
from viewer.export.html_report import write_html  # noqa: E402
from viewer.export.pdf_report import write_pdf  # noqa: E402

_VOCABULARY = """harbour council river terminal pier grain board market district bridge road school
library museum budget vote plan hearing resident engineer season cost million report water station
railway history brick facade hotel access public street north south village farm factory worker
union wage price tax debt trade export import ministry policy reform growth energy coal wind solar
storm flood drought harvest forest"""
WORDS = _VOCABULARY.split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 20))]
    return " ".join(words).capitalize() + "."


def generate_pair(chars: int, seed: int = 7) -> tuple[str, str]:
    rng = random.Random(seed)
    a: list[str] = []
    b: list[str] = []
    size_a = size_b = 0
    while size_a < chars or size_b < chars:
        if rng.random() < 0.3:
            shared = " ".join(_sentence(rng) for _ in range(rng.randint(2, 4)))
            words = shared.split(" ")
            words[rng.randrange(len(words))] = "amended"  # a light edit: one word differs
            edited = " ".join(words)
            a.append(shared)
            b.append(edited)
        else:
            a.append(" ".join(_sentence(rng) for _ in range(rng.randint(2, 5))))
            b.append(" ".join(_sentence(rng) for _ in range(rng.randint(2, 5))))
        size_a += len(a[-1]) + 2
        size_b += len(b[-1]) + 2
    return "\n\n".join(a)[:chars], "\n\n".join(b)[:chars]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=300_000)
    parser.add_argument("--keep", metavar="DIR", help="keep the reports in this folder")
    parser.add_argument("--files", nargs=2, metavar=("A", "B"), help="compare these files")
    args = parser.parse_args()
    if args.files:
        document_a, document_b = (load_document(path) for path in args.files)
    else:
        text_a, text_b = generate_pair(args.chars)
        document_a, document_b = Document(text_a, "long_a.txt"), Document(text_b, "long_b.txt")
    started = time.perf_counter()
    comparison = compare(document_a, document_b)
    print(f"compare: {time.perf_counter() - started:.2f} s, "
          f"{len(comparison.shared_phrases)} shared phrases, {len(comparison.slogans)} slogans, "
          f"{len(comparison.themes)} themes")
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="tandem-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    for label, write, name in (("pdf", write_pdf, "report.pdf"), ("html", write_html,
                                                                   "report.html")):
        started = time.perf_counter()
        write(comparison, folder / name)
        seconds = time.perf_counter() - started
        size = (folder / name).stat().st_size
        pages = f", {len(PdfReader(folder / name).pages)} pages" if label == "pdf" else ""
        print(f"{label}: {seconds:.2f} s, {size / 1e6:.1f} MB{pages}")
    if not args.keep:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
