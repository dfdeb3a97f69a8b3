"""`StoreVersion` tells a store written since it was read from one only read again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from tests.collection.planted import make_collection
from viewer.collection.engine import add_sources
from viewer.collection.store import CollectionStore
from viewer.collection.store_version import StoreVersion


def _store(folder: Path, documents: int) -> str:
    source = make_collection(documents=documents).write(folder / f"c{documents}.jsonl")
    path = str(folder / f"c{documents}.sqlite")
    with CollectionStore.create_or_open(path) as store:
        add_sources(store, [source], workers=1)
    return path


def test_a_store_written_or_replaced_since_is_told_one_read_is_not(tmp_path: Path) -> None:
    path = _store(tmp_path, 4)
    version = StoreVersion(path)
    with CollectionStore.open(path) as store:
        store.documents()
    assert not version.changed()
    more = make_collection(documents=6, seed=8)
    more.rows = [dict(row, id=f"more-{row['id']}") for row in more.rows]
    with CollectionStore.create_or_open(path) as store:
        add_sources(store, [more.write(tmp_path / "more.jsonl")], workers=1)
    assert version.changed()
    version.close()
    # Another store put in its place, by rename, is another file.
    other = _store(tmp_path, 5)
    version = StoreVersion(path)
    os.replace(other, path)
    assert version.changed()
    version.close()
    # Nor is a store gone mistaken for one unchanged.
    copy = tmp_path / "copy.sqlite"
    shutil.copy(path, copy)
    version = StoreVersion(str(copy))
    os.remove(copy)
    assert version.changed()
    version.close()
