"""Build the one-folder bundle with packaging/build and run it (slow: about a minute)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging_support import ROOT, missing_app_parts
from viewer.spark.cli import NOT_IN_BUNDLE

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(importlib.util.find_spec("PyInstaller") is None,
                       reason="PyInstaller is not installed (pip install -e '.[build]')"),
]


def test_bundle_builds_and_passes_its_checks(tmp_path: Path) -> None:
    if not (ROOT / "resources" / "samples" / "sample_a.txt").is_file():
        pytest.skip("resources/samples (from the window's branch) not merged yet; "
                    "packaging/build compares them from the bundle")
    # --no-install: build with the environment running the tests, which has every dependency.
    result = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build"), "--venv", sys.prefix, "--no-install",
         "--out", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    log = result.stdout + result.stderr
    bundle = tmp_path / "dist" / "tandem"
    executable = bundle / "tandem"
    assert executable.is_file(), log
    # --version and the headless compare run before the self-test; check them on their own.
    assert "tandem 0.1.0" in result.stdout, log
    assert "compare: " in result.stdout and " shared phrases" in result.stdout, log
    internal = bundle / "_internal"
    assert list((internal / "wordfreq" / "data").glob("small_en.msgpack.gz")), log
    assert (internal / "resources" / "icons" / "tandem-256.png").is_file()
    assert "ok    data files" in result.stdout, log
    assert_spark_engine_is_told_missing(executable, tmp_path)
    missing = missing_app_parts()
    if missing:
        pytest.skip(f"bundle built and compares; full self-test needs {', '.join(missing)}")
    assert result.returncode == 0, log
    assert "Self-test passed" in result.stdout, log


def assert_spark_engine_is_told_missing(executable: Path, tmp_path: Path) -> None:
    """The bundle leaves the Spark engine out, even when built in a venv with the [spark]
    extra (as the tests' may be): asked for, it says so in one line, exit 2."""
    source = tmp_path / "c.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "A short article."}) + "\n",
                      encoding="utf-8")
    tables = tmp_path / "tables"
    bare = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    for command in (["corpus", str(source), "--engine", "spark", "--out", str(tables)],
                    ["corpus", "import", str(tables), "--store", str(tmp_path / "s.sqlite")]):
        told = subprocess.run([str(executable), *command], env=bare, capture_output=True,
                              text=True, timeout=120)
        assert (told.returncode, told.stderr) == (2, f"tandem: {NOT_IN_BUNDLE}\n"), command
