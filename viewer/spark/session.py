"""Start (or join) the Spark session the collection job runs in.

Local mode is for one machine and the tests: two cores, few shuffle partitions, no web UI,
everything bound to the loopback interface so Spark never reaches for the network. With a
cluster master URL, or under `spark-submit`, the cluster's own settings win: only what the
user passes in `conf` and the Python interpreter are set here.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import py4j
from py4j.java_gateway import JavaGateway
from pyspark import SparkConf, SparkContext
from pyspark.java_gateway import launch_gateway
from pyspark.sql import SparkSession

#: Settings for `local[...]` masters: small and quick to start on a laptop or in CI.
LOCAL_CONF: Mapping[str, str] = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "4",
    "spark.default.parallelism": "4",
    "spark.driver.memory": "1g",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
    "spark.sql.adaptive.enabled": "true",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    "spark.python.worker.reuse": "true",
    # The driver's log: errors only from its start (see the file), not Spark's lines on
    # its log level and Hadoop's warnings. A URI: the launcher splits options at spaces.
    "spark.driver.extraJavaOptions":
        f"-Dlog4j2.configurationFile={Path(__file__).with_name('log4j2.properties').as_uri()}",
}


def spark_session(master: str | None = None, app_name: str = "tandem-corpus",
                  conf: Mapping[str, str] | None = None) -> SparkSession:
    """The session for `master` ("local[2]" when neither it nor spark-submit names one)."""
    # Executors must run the same interpreter (and so the same viewer package) as the driver.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    settings = {"spark.app.name": app_name}
    if master or not under_spark_submit():
        master = master or "local[2]"
        settings["spark.master"] = master
    if master and master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        settings.update(LOCAL_CONF)
    settings.update(conf or {})
    # Not yet started in this process (pyspark keeps its JVM's gateway here): start it
    # ourselves, its settings fixed at launch as the builder would fix them.
    if not under_spark_submit() and SparkContext._gateway is None:
        spark_conf = SparkConf().setAll(list(settings.items()))
        SparkContext(conf=spark_conf, gateway=_launch_without_notice(spark_conf))
    builder = SparkSession.builder
    for key, value in settings.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    logging.getLogger().addFilter(_not_py4j)
    server = getattr(session.sparkContext, "_accumulatorServer", None)
    if server is not None:
        server.handle_error = functools.partial(_unless_jvm_gone, server.handle_error)
    return session


def _unless_jvm_gone(handle_error: Callable[[Any, Any], None], request: Any,
                     address: Any) -> None:
    """pyspark's accumulator server's handler of a failed request, but for the JVM's
    connection ending: a JVM stopped by want of memory, which tandem tells in one line,
    else printed as Python's EOFError traceback."""
    if not isinstance(sys.exc_info()[1], (EOFError, ConnectionError)):
        handle_error(request, address)


_PY4J = os.path.dirname(py4j.__file__) + os.sep


def _not_py4j(record: logging.LogRecord) -> bool:
    """False for what py4j logs through the root logger (which Python then prints): a
    call into Java stopped by Ctrl-C, and pyspark's Ctrl-C handler's own call made in the
    middle of it, each with a traceback. The interrupt goes on to tandem, which tells it
    in one line."""
    return not record.pathname.startswith(_PY4J)


#: What Java prints on its error stream at every start of Spark 4, whose launcher adds a
#: module still in incubation: nothing a user can act on, and `--quiet` must be quiet.
JVM_START_NOTICE = b"WARNING: Using incubator modules:"


def _launch_without_notice(conf: SparkConf) -> JavaGateway:
    """pyspark's gateway to a new JVM, whose error stream is passed on but for
    `JVM_START_NOTICE`. Passed on as it comes: when Java cannot start Spark, its own word
    on why is on the terminal before the launch fails."""
    read_end, write_end = os.pipe()
    passing = threading.Thread(target=_pass_on, args=(read_end,), daemon=True)
    passing.start()
    try:
        return launch_gateway(conf, popen_kwargs={"stderr": write_end})
    except Exception:
        os.close(write_end)
        write_end = -1
        passing.join(timeout=5)  # Java has exited: what it wrote is read to the end
        raise
    finally:
        if write_end != -1:
            os.close(write_end)


def _pass_on(read_end: int) -> None:
    with os.fdopen(read_end, "rb") as stream:
        for line in stream:
            if not line.startswith(JVM_START_NOTICE):
                sys.stderr.write(line.decode(errors="replace"))
                sys.stderr.flush()


def under_spark_submit() -> bool:
    """spark-submit starts the driver's JVM and hands Python its gateway: its --master wins."""
    return "PYSPARK_GATEWAY_PORT" in os.environ
