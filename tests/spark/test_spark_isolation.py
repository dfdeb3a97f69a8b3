"""The window and the embedded engine never load pyspark: it is an optional extra."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_window_and_embedded_engine_do_not_import_pyspark(tmp_path: Path) -> None:
    source = tmp_path / "two.jsonl"
    source.write_text('{"id": "a", "text": "one short article"}\n'
                      '{"id": "b", "text": "another short article"}\n', encoding="utf-8")
    script = (
        "import sys\n"
        "import viewer.ui.main_window, viewer.cli, viewer.collection.cli\n"
        "from viewer.collection.cli import run_corpus\n"
        f"assert run_corpus([{str(source)!r}, '--store', {str(tmp_path / 's.sqlite')!r}, "
        f"'--json', {str(tmp_path / 'o.json')!r}, '--quiet']) == 0\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('pyspark', 'py4j'))\n"
        "print(loaded)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ROOT, env={"PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
                                         "PATH": "/usr/bin:/bin"}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
