"""Benchmark: the collection job on the embedded engine and on Spark (local[2]), same input.

    python bench/bench_spark.py [SOURCE.jsonl ...] [--master local[2]] [--keep DIR]

Without sources: the collection benchmark's dev set and the 10,000-article scale set
(../shared/eval/collection; the scale set is made with the command its README gives, under
/tmp/tandem-eval/collection/scale10k, if it is not there yet). For each source it prints the
embedded engine's wall clock (`tandem corpus`, fresh store), the Spark job's (session start
apart), the job's stages by wall clock, Spark's own stages from its event log (tasks,
executor time, shuffle), and whether every part of the two JSON reports is the same.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: ../shared next to the project (or next to the folder of worktrees holding it).
EVAL = next((base / "shared" / "eval" / "collection" for base in (ROOT.parent, ROOT.parent.parent)
             if (base / "shared" / "eval" / "collection").is_dir()),
            ROOT.parent / "shared" / "eval" / "collection")
DEV = EVAL / "sets" / "dev" / "collection.jsonl"
SCALE = Path("/tmp/tandem-eval/collection/scale10k")
PARTS = ("documents", "pairs", "clusters", "formulations", "boilerplate", "skipped")


def _scale_set() -> Path:
    if not (SCALE / "collection.jsonl").exists():
        subprocess.run([sys.executable, str(EVAL / "make_collection.py"), "--docs", "10000",
                        "--seed", "101", "--out", str(SCALE)], check=True)
    return SCALE / "collection.jsonl"


def _embedded(source: Path, work: Path) -> tuple[float, dict]:
    out = work / "embedded.json"
    store = work / "embedded.sqlite"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "viewer", "corpus", str(source), "--store", str(store),
                    "--json", str(out), "--quiet"], check=True, cwd=ROOT,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    seconds = time.perf_counter() - started
    return seconds, json.loads(out.read_text(encoding="utf-8"))


def _spark_stages(event_dir: Path) -> list[dict]:
    """Spark's completed stages from the event log: name, tasks, seconds, executor seconds,
    shuffle bytes written and read."""
    stages: dict[int, dict] = {}
    for log in event_dir.rglob("*"):
        if not log.is_file() or log.name.startswith((".", "appstatus")) or not log.stat().st_size:
            continue
        with open(log, encoding="utf-8") as handle:
            for line in handle:
                event = json.loads(line)
                kind = event.get("Event")
                if kind == "SparkListenerStageCompleted":
                    info = event["Stage Info"]
                    stage = stages.setdefault(info["Stage ID"], defaultdict(float))
                    stage["name"] = info["Stage Name"].split(" at ")[0]
                    stage["tasks"] = info["Number of Tasks"]
                    stage["seconds"] = (info.get("Completion Time", 0)
                                        - info.get("Submission Time", 0)) / 1000
                elif kind == "SparkListenerTaskEnd" and event.get("Task Metrics"):
                    metrics = event["Task Metrics"]
                    stage = stages.setdefault(event["Stage ID"], defaultdict(float))
                    stage["executor"] += metrics.get("Executor Run Time", 0) / 1000
                    stage["written"] += metrics.get("Shuffle Write Metrics", {}).get(
                        "Shuffle Bytes Written", 0)
                    read = metrics.get("Shuffle Read Metrics", {})
                    stage["read"] += (read.get("Remote Bytes Read", 0)
                                      + read.get("Local Bytes Read", 0))
    return [dict(stages[k], id=k) for k in sorted(stages) if "name" in stages[k]]


def _spark(source: Path, work: Path, master: str) -> tuple[float, float, object, dict, list]:
    from viewer.spark.job import run_job
    from viewer.spark.session import spark_session
    from viewer.spark.tables import report_from_tables

    events = work / "events"
    events.mkdir()
    started = time.perf_counter()
    spark = spark_session(master, conf={"spark.eventLog.enabled": "true",
                                        "spark.eventLog.dir": events.as_uri(),
                                        "spark.eventLog.compress": "false",
                                        "spark.eventLog.rolling.enabled": "false"})
    spark.range(1).count()  # the JVM and first Python worker are up
    startup = time.perf_counter() - started
    result = run_job(str(source), str(work / "tables"), spark=spark)
    report = report_from_tables(str(work / "tables"))
    spark.stop()
    return startup, result.seconds, result, report, _spark_stages(events)


def _same(embedded: dict, spark: dict) -> dict[str, str]:
    out = {}
    for part in PARTS:
        a, b = embedded[part], spark[part]
        out[part] = ("same" if a == b else
                     f"DIFFERENT ({len(a)} vs {len(b)}, "
                     f"{sum(x != y for x, y in zip(a, b, strict=False))} differ)")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", nargs="*", type=Path)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--keep", type=Path, help="keep the outputs under this folder")
    args = parser.parse_args()
    sources = args.sources or [DEV, _scale_set()]
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} "
          "(shared: figures vary with what else runs)")
    for source in sources:
        work = Path(tempfile.mkdtemp(prefix="bench-spark-", dir=args.keep))
        size = source.stat().st_size / 1e6
        print(f"\n== {source} ({size:.0f} MB)")
        embedded_s, embedded = _embedded(source, work)
        print(f"embedded engine (tandem corpus, fresh store): {embedded_s:7.1f} s")
        startup, job_s, result, report, stages = _spark(source, work, args.master)
        print(f"Spark {args.master}: session start {startup:.1f} s, job {job_s:.1f} s "
              f"({result.documents} documents, {result.candidates} candidate pairs, "
              f"{result.passages} passages, {result.rounds} connected-component rounds)")
        print("  job stages (wall clock, s): " + ", ".join(
            f"{name} {seconds:.1f}" for name, seconds in result.stages.items()))
        busiest = sorted(stages, key=lambda s: -s["executor"])[:10]
        executor = sum(s["executor"] for s in stages)
        written = sum(s["written"] for s in stages) / 1e6
        print(f"  Spark stages: {len(stages)}; executor time {executor:.1f} s, "
              f"shuffle written {written:.1f} MB; busiest:")
        for stage in busiest:
            print(f"    #{stage['id']:<4} {stage['name'][:34]:<34} tasks {int(stage['tasks']):>3}"
                  f"  wall {stage['seconds']:6.1f} s  executor {stage['executor']:6.1f} s"
                  f"  shuffle w/r {stage['written'] / 1e6:6.1f}/{stage['read'] / 1e6:6.1f} MB")
        for part, verdict in _same(embedded, report).items():
            print(f"  {part:<13} {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
