"""Fixtures of the report tests (the helpers live in report_fixtures.py)."""

from report_fixtures import chinese, english  # noqa: F401  (pytest fixtures)
