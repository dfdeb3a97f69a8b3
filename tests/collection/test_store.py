"""The collection store itself: opening and making one (`viewer.collection.store`)."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from viewer.collection.store import CollectionStore, StoreError


def test_two_tandems_making_one_new_store_at_once_both_get_it(tmp_path: Path) -> None:
    # Two first adds into one new store (two terminals, or the window and a terminal on
    # one folder's cache store): both found it empty, both made its tables, and the one
    # that came second failed with "cannot create the store (table meta already exists)".
    path = tmp_path / "s.sqlite"
    path.touch()  # as SQLite leaves a store file it has just made, its tables to come
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # both wait until it lets go, then make at once
    failures: list[str] = []
    made: list[int] = []

    def make() -> None:
        try:
            with CollectionStore.create_or_open(path) as store:
                made.append(store.document_count())
        except StoreError as error:
            failures.append(str(error))

    makers = [threading.Thread(target=make) for _ in range(2)]
    for maker in makers:
        maker.start()
    time.sleep(0.5)
    holder.rollback()
    holder.close()
    for maker in makers:
        maker.join(timeout=60)
    assert failures == []
    assert made == [0, 0]
    with CollectionStore.open(path) as store:
        assert store.report()["documents"] == []
