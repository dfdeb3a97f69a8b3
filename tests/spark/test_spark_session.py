"""The local Spark session: what its start prints on the terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.collection.planted import make_collection

ROOT = Path(__file__).parents[2]

def test_quiet_spark_run_prints_nothing(tmp_path: Path) -> None:
    # A fresh process: the driver's JVM logs as it is started, once: Spark's lines on its
    # log level, log lines below errors, and Java's notice of the incubator module Spark's
    # launcher adds were all on the terminal.
    source = tmp_path / "three.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in make_collection(3).rows),
                      encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-m", "viewer", "corpus", str(source), "--engine",
                           "spark", "--out", str(tmp_path / "tables"), "--quiet"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert (tmp_path / "tables" / "documents").is_dir()
