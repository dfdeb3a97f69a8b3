"""One local Spark session (two cores) shared by every Spark test: starting one takes seconds."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

pytest.importorskip("pyspark", reason="the Spark engine's tests need the [spark] extra")
if shutil.which("java") is None:
    pytest.skip("the Spark engine's tests need Java 17 (openjdk-17-jre-headless)",
                allow_module_level=True)

from pyspark.sql import SparkSession  # noqa: E402

from viewer.spark.session import spark_session  # noqa: E402


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    session = spark_session("local[2]", app_name="tandem-tests")
    yield session
    session.stop()
