"""Fixtures of the report tests (made in report_fixtures.py and crossing_fixtures.py)."""

from crossing_fixtures import crossing, crossing_chinese, level  # noqa: F401  (pytest fixtures)
from report_fixtures import chinese, english, written_three_ways  # noqa: F401  (fixtures)
