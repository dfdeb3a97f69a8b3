"""Whether a collection store was written since it was read: a window showing a store's
lists must not open article "d00001" of a newer `tandem corpus add` under the title the
lists give an older one.

SQLite's `PRAGMA data_version` tells a connection that another one committed since it last
asked, whichever process did; the connection must stay open to tell it, so a `StoreVersion`
holds one (read-only, in the thread that made it). A file put in the store's place (the
store made afresh, set aside, copied over by rename) is another file: told by its inode.
"""

from __future__ import annotations

import os
import sqlite3

from viewer.collection.store import CollectionStore


def _file_identity(path: str) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino


class StoreVersion:
    """The version of the store at `path` when made: make it before reading the store, so
    a write that lands during the read is told as a change afterwards. `StoreError` when
    the store cannot be opened."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._file = _file_identity(path)
        self._store = CollectionStore.open(path)
        self._data_version = self._read_data_version()

    def _read_data_version(self) -> int | None:
        try:
            return int(self._store.connection.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:
            return None  # the file went or broke: told as a change

    def changed(self) -> bool:
        """Whether anything was committed to the store, or another file put in its place,
        since this version was taken."""
        return (_file_identity(self.path) != self._file
                or self._read_data_version() != self._data_version)

    def close(self) -> None:
        self._store.close()
