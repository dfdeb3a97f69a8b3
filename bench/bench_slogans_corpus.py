"""Slogans of the corpus pairs, for a person to judge: prints the top 30 of each pair.

For each pair of the articles in ../shared/corpus/articles (default), compares the two
texts in process and prints its first 30 slogans (watch-list aside) with their counts in A
and B. Then, for a fixed list of formulations written below, measures how many of those
present in both texts of a pair are listed (as a slogan or one of its variants, anywhere in
the list). That list is a hand judgement made for measuring only (it is never used by the
engine, which finds slogans by its own algorithm).

    PYTHONPATH=$PWD python bench/bench_slogans_corpus.py [ARTICLES_DIR]
"""

from __future__ import annotations

import itertools
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from viewer.core.compare import compare  # noqa: E402
from viewer.core.loading import load_document  # noqa: E402

#: ../shared beside the checkout (a worktree sits one folder deeper).
ARTICLES = next((p / "shared" / "corpus" / "articles" for p in Path(__file__).resolve().parents
                 if (p / "shared" / "corpus" / "articles").is_dir()), Path("articles"))
TOP = 30

#: Hand judgement, for measuring only (the engine never sees it): formulations of Chinese
#: official English that a researcher expects listed when both texts of a pair use them.
#: Single words ("cyberspace") are left out: slogans have at least two words by default.
#: "e-commerce" is one token to the tokenizer, so it cannot be listed yet; it is kept here
#: so that the figure shows it.
FORMULATIONS = (
    "Xi Jinping Thought on Socialism with Chinese Characteristics for a New Era",
    "socialism with Chinese characteristics",
    "building a modern socialist country in an all-round way",
    "great rejuvenation of the Chinese nation",
    "National Congress of the Communist Party of China",
    "Communist Party of China",
    "Party Central Committee",
    "General Secretary Xi Jinping",
    "Chinese-style modernization",
    "Chinese path to modernization",
    "people-centered development",
    "high-quality development",
    "new journey",
    "new era",
    "community with a shared future",
    "community of shared future in cyberspace",
    "network security",
    "network power",
    "cyber power",
    "digital economy",
    "digital China",
    "core technologies",
    "information technology",
    "information infrastructure",
    "industrial Internet",
    "artificial intelligence",
    "big data",
    "base stations",
    "e-commerce",
    "self-reliance",
    "World Internet Conference",
    "Xinhua News Agency",
    "economic and social development",
)


def _key(phrase: str) -> str:
    return " ".join(phrase.lower().replace("\u2019", "'").split())


def _has(text: str, key: str) -> bool:
    """Whether `key` occurs in `text` as whole words ("network power" is not in
    "network powerhouse")."""
    return re.search(rf"(?<!\w){re.escape(key)}(?!\w)", text) is not None


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ARTICLES
    docs = [load_document(p) for p in sorted(folder.glob("*.txt"))]
    present = listed = inside = 0
    for a, b in itertools.combinations(docs, 2):
        result = compare(a, b)
        slogans = [s for s in result.slogans if not s.watchlist]
        print(f"== {Path(a.path).name} / {Path(b.path).name}: {len(slogans)} slogans")
        for rank, s in enumerate(slogans[:TOP], 1):
            extra = f"  [{' / '.join(s.variants)}]" if s.variants else ""
            print(f"{rank:3d}. {s.count_a:2d} {s.count_b:2d}  {s.phrase}{extra}")
        names = {_key(v) for s in slogans for v in (s.phrase, *s.variants)}
        text_a, text_b = _key(a.text), _key(b.text)
        for phrase in FORMULATIONS:
            k = _key(phrase)
            if _has(text_a, k) and _has(text_b, k):
                present += 1
                found = k in names
                within = found or any(f" {k} " in f" {n} " for n in names)
                listed += found
                inside += within
                if not found:
                    print(f"     {'inside a listed phrase' if within else 'missing'}: {phrase}")
    share = listed / present if present else 0.0
    print(f"hand-listed formulations in both texts: {present}, listed: {listed} "
          f"({share:.0%}), listed or inside a listed phrase: {inside} "
          f"({inside / max(1, present):.0%})")


if __name__ == "__main__":
    main()
