"""The local Spark session: what its start prints on the terminal."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.collection.planted import make_collection

ROOT = Path(__file__).parents[2]

#: Spark's lines on starting, and a log line of a level below error: not wanted.
_SPARK_NOISE = re.compile(r"Setting default log level|log4j profile|To adjust logging level"
                          r"|^\d\d/\d\d/\d\d \d\d:\d\d:\d\d (?:WARN|INFO) ", re.MULTILINE)


def test_quiet_spark_run_prints_no_log_lines_of_spark(tmp_path: Path) -> None:
    # A fresh process: the driver's JVM logs as it is started, once.
    source = tmp_path / "three.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in make_collection(3).rows),
                      encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-m", "viewer", "corpus", str(source), "--engine",
                           "spark", "--out", str(tmp_path / "tables"), "--quiet"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "tables" / "documents").is_dir()
    assert _SPARK_NOISE.findall(done.stderr) == []
