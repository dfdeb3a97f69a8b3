"""Start (or join) the Spark session the collection job runs in.

Local mode is for one machine and the tests: two cores, few shuffle partitions, no web UI,
everything bound to the loopback interface so Spark never reaches for the network. With a
cluster master URL, or under `spark-submit`, the cluster's own settings win: only what the
user passes in `conf` and the Python interpreter are set here.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

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
    builder = SparkSession.builder.appName(app_name)
    if master or not under_spark_submit():
        master = master or "local[2]"
        builder = builder.master(master)
    if master and master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        for key, value in LOCAL_CONF.items():
            builder = builder.config(key, value)
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def under_spark_submit() -> bool:
    """spark-submit starts the driver's JVM and hands Python its gateway: its --master wins."""
    return "PYSPARK_GATEWAY_PORT" in os.environ
