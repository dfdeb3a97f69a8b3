"""A traditional Chinese text compared with a simplified one says, where its notes are
shown (JSON, HTML, PDF, the terminal), that the two scripts are matched as one and shown
as written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from viewer.core.compare import compare
from viewer.core.han_script import to_simplified
from viewer.core.loading import load_document
from viewer.export.report_model import summary
from viewer.present.script_note import document_notes

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "core"


@pytest.fixture
def texts(tmp_path: Path) -> dict[str, Path]:
    """zh_hant.txt (Taiwan) and zh_hans.txt (the same text published on the mainland),
    and a second simplified article."""
    paths = {}
    for name in ("zh_hant", "zh_hans", "zh_a"):
        paths[name] = tmp_path / f"{name}.txt"
        paths[name].write_bytes((FIXTURES / f"{name}.txt").read_bytes())
    return paths


def test_the_traditional_text_says_it_is_matched_as_the_simplified_one(texts) -> None:
    done = subprocess.run([sys.executable, "-m", "viewer", "compare", str(texts["zh_hant"]),
                           str(texts["zh_hans"]), "--json", "-"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    [note], others = (document["notes"] for document in data["documents"])
    assert others == []
    assert note.startswith("written in traditional Chinese characters, B in simplified: ")
    # The terminal is told too: a JSON written to a file keeps it out of sight.
    assert done.stderr == f"tandem: note: {texts['zh_hant']}: {note}\n"
    # Its example is a character of A read as one of B, as the shared phrases pair them.
    traditional, simplified = note.split("(")[1].split(")")[0].split(" as ")
    assert to_simplified(traditional) == simplified != traditional
    assert traditional in texts["zh_hant"].read_text(encoding="utf-8")
    assert simplified in texts["zh_hans"].read_text(encoding="utf-8")
    assert any(traditional in p["text_a"] and simplified in p["text_b"]
               for p in data["shared_phrases"])


def test_the_note_follows_the_traditional_text_and_is_in_the_reports(texts) -> None:
    hans, hant = load_document(texts["zh_hans"]), load_document(texts["zh_hant"])
    comparison = compare(hans, hant)
    notes_a, notes_b = document_notes(comparison)
    assert notes_a == () and len(notes_b) == 1 and "A in simplified" in notes_b[0]
    assert ("Notes on B", notes_b[0]) in summary(comparison).documents


def test_texts_in_one_script_get_no_note(texts) -> None:
    simplified = compare(load_document(texts["zh_hans"]), load_document(texts["zh_a"]))
    traditional = compare(load_document(texts["zh_hant"]), load_document(texts["zh_hant"]))
    for comparison in (simplified, traditional):
        assert document_notes(comparison) == ((), ())
