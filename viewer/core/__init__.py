"""The comparison engine: Python and numpy, Qt-free, typed and deterministic.

Everything the window, the command line and the reports show is computed here, once.
Per-word work is done on numpy arrays (token ids, offsets, n-gram hashes); Python loops
run only over what is already few (distinct spellings, seed chains, listed phrases).
"""
