"""The collection job as a PySpark application (`tandem corpus --engine spark`).

Nothing here is imported by the window or the embedded engine: pyspark is an optional extra.
"""
