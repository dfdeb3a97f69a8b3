"""`tandem compare A B --collection STORE` where A is reprinted whole by another article and
B carries two paragraphs of it: the collection clusters the reprint on its own and each
paragraph with its own carriers (`find_clusters`: a short span inside a far longer one is
another text), and each shared passage gets the figures of its paragraph's cluster, not
the reprint's (fixtures: tests/fixtures/collection/nested)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NESTED = ROOT / "tests" / "fixtures" / "collection" / "nested"
QUAY = NESTED / "gazette" / "2023-04-03_quay.txt"  # reprinted whole by the courier
DIGEST = NESTED / "herald" / "2023-04-06_digest.txt"  # two of its paragraphs
ENGINEERS = "Engineers from the county office"  # also in the ledger's letters


def tandem(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"), PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "viewer", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_each_shared_passage_gets_its_own_clusters_figures(tmp_path: Path) -> None:
    store = tmp_path / "nested.sqlite"
    made = tandem(tmp_path, "corpus", str(NESTED), "--store", str(store), "--json",
                  str(tmp_path / "nested.json"), "--quiet")
    assert made.returncode == 0, made.stderr
    clusters = json.loads((tmp_path / "nested.json").read_text(encoding="utf-8"))["clusters"]
    # The reprint, then each paragraph with its carriers.
    assert [sorted({p["doc"] for p in c["passages"]}) for c in clusters] == [
        ["courier/2023-04-04_quay-reprint", "gazette/2023-04-03_quay"],
        ["courier/2023-04-04_quay-reprint", "gazette/2023-04-03_quay",
         "herald/2023-04-06_digest", "ledger/2023-04-10_letters"],
        ["courier/2023-04-04_quay-reprint", "gazette/2023-04-03_quay",
         "herald/2023-04-06_digest"]]
    for a, b in ((QUAY, DIGEST), (DIGEST, QUAY)):
        result = tandem(tmp_path, "compare", str(a), str(b), "--collection", str(store),
                        "--json", "-")
        assert (result.returncode, result.stderr) == (0, "")
        phrases = json.loads(result.stdout)["shared_phrases"]
        figures = {phrase["text_a"].startswith(ENGINEERS) or phrase["text_b"].startswith(
            ENGINEERS): phrase["collection"] for phrase in phrases}
        # The engineers' paragraph: also in the reprint and the letters; the traders':
        # also in the reprint alone.
        assert {engineers: (f["cluster"], f["documents"], f["others"])
                for engineers, f in figures.items()} == {True: (2, 4, 2), False: (3, 3, 1)}
