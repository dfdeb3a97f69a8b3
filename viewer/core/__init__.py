"""The comparison engine: pure Python, Qt-free, typed and deterministic.

Everything the window, the command line and the reports show is computed here, once.
"""
