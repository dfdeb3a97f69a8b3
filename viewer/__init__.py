"""Tandem: read two articles side by side and see what they share."""

__version__ = "0.1.0"
