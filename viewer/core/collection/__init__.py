"""Pure algorithms over a collection of documents (Qt-free, numpy)."""
