"""`tandem corpus --engine spark` before its job runs: what it says when Java cannot start
Spark, in one line rather than a traceback."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.collection.planted import make_collection
from viewer.collection.cli import run_corpus
from viewer.spark.cli import LOCK_NAME, WHAT_SPARK_READS, java_told, out_locked

ROOT = Path(__file__).parents[2]


def _source(tmp_path: Path) -> Path:
    source = tmp_path / "three.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in make_collection(3).rows),
                      encoding="utf-8")
    return source


def test_a_java_home_that_holds_no_java_is_told_before_spark_starts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    # A JDK removed by an upgrade, JAVA_HOME left naming it: Spark's launcher runs
    # $JAVA_HOME/bin/java whatever java is on PATH, and fails.
    gone = tmp_path / "jdk-11"
    monkeypatch.setenv("JAVA_HOME", str(gone))
    out = tmp_path / "tables"
    code = run_corpus([str(_source(tmp_path)), "--engine", "spark", "--out", str(out),
                       "--master", "spark://cluster:7077", "--quiet"])
    assert code == 2
    assert capsys.readouterr().err == (
        f"tandem: JAVA_HOME is {gone}, which holds no bin/java: set it to a Java 17 (or "
        "later) installation, or unset it to use the java on PATH\n")
    assert not out.exists()


def test_a_java_that_cannot_start_spark_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    # A Java too old for Spark 4 exits at once with its own message; a Python traceback
    # after it told nothing more.
    home = tmp_path / "jdk"
    (home / "bin").mkdir(parents=True)
    java = home / "bin" / "java"
    java.write_text("#!/bin/sh\necho 'java.lang.UnsupportedClassVersionError: class file "
                    "version 61.0' >&2\nexit 1\n", encoding="utf-8")
    java.chmod(0o755)
    env = {**os.environ, "JAVA_HOME": str(home), "PYTHONPATH": str(ROOT),
           "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-m", "viewer", "corpus", str(_source(tmp_path)),
                           "--engine", "spark", "--out", str(tmp_path / "tables"), "--quiet"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "UnsupportedClassVersionError" in done.stderr  # Java's own word on it stays
    assert done.stderr.splitlines()[-1] == (
        "tandem: Java did not start Spark (see above); the Spark engine needs Java 17 or "
        "later: install openjdk-17-jre-headless (Debian/Ubuntu) or set JAVA_HOME")


def test_a_call_into_java_that_fails_as_ctrl_c_cancels_it_is_the_ctrl_c() -> None:
    # Ctrl-C in the middle of a call into Java: py4j's cancel of that call met the
    # connection pyspark's own Ctrl-C handler had just closed, and raised this in the
    # interrupt's place: a traceback and exit code 1, where Ctrl-C is one line and 130.
    from py4j.protocol import Py4JError

    with pytest.raises(KeyboardInterrupt), java_told():
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            raise Py4JError("Gateway must be connected to send cancel cmd.") from None
    # Any other failure of a call into Java is itself.
    with pytest.raises(Py4JError), java_told():
        raise Py4JError("An error occurred while calling o42.select")


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("host", ["nohost.invalid", "127.0.0.1"])
def test_a_master_that_cannot_be_reached_is_told_before_spark_starts(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], host: str) -> None:
    # A mistyped master: Spark tried it for a minute, then printed hundreds of lines of
    # Java and Python stacks.
    master = f"spark://{host}:{_closed_port()}"
    out = tmp_path / "tables"
    started = time.monotonic()
    code = run_corpus([str(_source(tmp_path)), "--engine", "spark", "--out", str(out),
                       "--master", master, "--quiet"])
    err = capsys.readouterr().err
    assert code == 2 and time.monotonic() - started < 15
    assert err.startswith(f"tandem: --master {master}: cannot reach {master[8:]} (")
    assert err.endswith("); check the host and port, and that the Spark master runs there\n")
    assert "\n" not in err[:-1] and not out.exists()


def test_a_spark_setting_java_refuses_is_told_as_the_setting_not_as_a_missing_java(
        tmp_path: Path) -> None:
    # Java 17 is there; the JVM exits at once on the driver memory it is given. The line
    # told to install Java, as if none were there.
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-m", "viewer", "corpus", str(_source(tmp_path)),
                           "--engine", "spark", "--out", str(tmp_path / "tables"), "--quiet",
                           "--conf", "spark.driver.memory=lots"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2
    assert "-Xmxlots" in done.stderr  # Java's own word on it stays
    assert done.stderr.splitlines()[-1] == (
        "tandem: Java did not start Spark (see above): check the --conf settings "
        "(spark.driver.memory=lots); the Spark engine also needs Java 17 or later: install "
        "openjdk-17-jre-headless (Debian/Ubuntu) or set JAVA_HOME")


def test_a_driver_memory_spark_cannot_start_with_is_one_line_naming_it(tmp_path: Path) -> None:
    # Java starts; Spark's context refuses under 450 MB, and the terminal had 76 lines of
    # Java's and Python's stacks, exit 1.
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-m", "viewer", "corpus", str(_source(tmp_path)),
                           "--engine", "spark", "--out", str(tmp_path / "tables"), "--quiet",
                           "--conf", "spark.driver.memory=64m"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert (done.returncode, done.stdout) == (2, "")
    [line] = done.stderr.splitlines()
    assert re.fullmatch(r"tandem: Spark cannot start with its settings: Insufficient driver "
                        r"memory: System memory \d+ must be at least \d+ \(check the --conf "
                        r"settings: spark\.driver\.memory=64m\)", line), line
    assert not (tmp_path / "tables").exists()


@pytest.mark.parametrize("content", [b"", b"\n  \n\n"], ids=["no bytes", "blank lines"])
def test_a_source_holding_nothing_is_told_before_spark_starts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        content: bytes) -> None:
    # Told as the embedded engine tells it, but only once Spark had started, ten seconds
    # on. A Java that notes it was run shows whether Spark was started.
    source = tmp_path / "nothing.jsonl"
    source.write_bytes(content)
    home, ran = tmp_path / "jdk", tmp_path / "java-ran"
    (home / "bin").mkdir(parents=True)
    (home / "bin" / "java").write_text(f"#!/bin/sh\ntouch '{ran}'\nexit 1\n", encoding="utf-8")
    (home / "bin" / "java").chmod(0o755)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # the embedded store's
    assert run_corpus([str(source), "--json", str(tmp_path / "embedded.json")]) == 2
    embedded = capsys.readouterr().err.splitlines()[-1]
    env = {**os.environ, "JAVA_HOME": str(home), "PYTHONPATH": str(ROOT),
           "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-m", "viewer", "corpus", str(source),
                           "--engine", "spark", "--out", str(tmp_path / "tables"),
                           "--json", str(tmp_path / "spark.json"), "--quiet"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2 and not ran.exists()
    told = f"tandem: {source}: "
    if content:  # the hint names what each engine reads: the Spark engine reads no folder
        told += "no readable article found; give "
        assert embedded.startswith(told)
        assert done.stderr == f"{told}{WHAT_SPARK_READS}\n"
    else:
        assert done.stderr == f"{embedded}\n" == (
            f"{told}is empty (a JSON-lines file needs one article a line)\n")


def test_a_second_run_into_the_same_out_is_refused_while_the_first_runs(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Both ran and said they were done: the later's tables replaced the earlier's, whose
    # --json described tables no longer there.
    source, out = _source(tmp_path), tmp_path / "tables"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    first = subprocess.Popen([sys.executable, "-m", "viewer", "corpus", str(source),
                              "--engine", "spark", "--out", str(out),
                              "--json", str(tmp_path / "first.json")],
                             stderr=subprocess.PIPE, text=True, env=env,
                             start_new_session=True)
    try:
        assert first.stderr is not None
        assert first.stderr.readline() == "tandem spark: read\n"  # its job has begun
        code = run_corpus([str(source), "--engine", "spark", "--out", str(out), "--quiet",
                           "--json", str(tmp_path / "second.json")])
        assert code == 2 and capsys.readouterr().err == (
            f"tandem: {out}: another run (process {first.pid}) is writing its tables "
            "there; wait for it to end, or give --out another folder\n")
        assert not (tmp_path / "second.json").exists()
    finally:
        os.killpg(first.pid, signal.SIGKILL)  # the run and its Java, killed outright
        first.wait()
    # Its lock file is left behind, but a killed run holds no lock.
    assert (out / LOCK_NAME).read_text(encoding="utf-8") == f"{first.pid}\n"
    with out_locked(str(out)):
        assert (out / LOCK_NAME).read_text(encoding="utf-8") == f"{os.getpid()}\n"
    assert not (out / LOCK_NAME).exists()


def test_the_lock_on_out_goes_with_a_run_that_fails_and_a_new_out_with_it(
        tmp_path: Path) -> None:
    out = tmp_path / "tables"
    with pytest.raises(KeyboardInterrupt), out_locked(str(out)):
        assert (out / LOCK_NAME).is_file()
        raise KeyboardInterrupt
    assert not out.exists()


def test_an_article_too_large_for_the_driver_memory_is_one_line_saying_what_to_give(
        tmp_path: Path) -> None:
    # One article of 40 MB of text with a driver of 512 MB (as one of 50 MB with the 1g
    # tandem gives it): Java's OutOfMemoryError stack and pyspark's traceback, exit 1.
    words = [f"{a}{b}{c}" for a in ("lo", "mi", "bo", "ren", "lin", "tem", "dor", "shu")
             for b in ("te", "zu", "fin", "mar", "sa", "gra", "nak", "vel")
             for c in ("ex", "pi", "ol", "ta", "ki", "nu", "ro", "ga")]
    text = " ".join(words[(k * 7919) % len(words)] for k in range(6_000_000))
    rows = [*make_collection(3).rows, {"id": "huge", "date": "2021-02-01", "text": text}]
    source = tmp_path / "huge.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    assert source.stat().st_size > 40_000_000
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-m", "viewer", "corpus", str(source),
                           "--engine", "spark", "--out", str(tmp_path / "tables"), "--quiet",
                           "--conf", "spark.driver.memory=512m"],
                          capture_output=True, text=True, env=env, timeout=900)
    assert (done.returncode, done.stdout) == (2, "")
    assert "OutOfMemoryError" not in done.stderr and "Py4JJavaError" not in done.stderr
    assert "Traceback" not in done.stderr
    assert re.fullmatch(r"tandem: Spark ran out of memory \(.+\) with spark\.driver\.memory="
                        r"512m: give it more, e\.g\. --conf spark\.driver\.memory=4g \(an "
                        r"article of 50 MB of text needs about 4g; on a cluster, also "
                        r"spark\.executor\.memory\)", done.stderr.splitlines()[-1])
    assert not (tmp_path / "tables").exists()
