"""The collection store itself: opening and making one (`viewer.collection.store`)."""

from __future__ import annotations

import _thread
import os
import shlex
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from viewer.cli import run_compare
from viewer.collection.store import CollectionStore, StoreError, UnusableStore


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


def _files_beside(path: Path) -> list[str]:
    return sorted(entry.name for entry in path.parent.iterdir()
                  if entry.name.startswith(path.name))


def test_a_store_written_then_read_is_one_file_again(tmp_path: Path) -> None:
    # A read-only reader (`tandem corpus report`, the window) of a store left in WAL mode
    # made its -wal and -shm files beside it, and could not remove them on closing.
    path = tmp_path / "s.sqlite"
    with CollectionStore.create_or_open(path) as store, store.transaction():
        store.set_meta("note", "written")
    assert _files_beside(path) == ["s.sqlite"]
    with CollectionStore.open(path) as store:
        assert store.meta("note") == "written"
    assert _files_beside(path) == ["s.sqlite"]


def test_a_write_while_a_reader_has_the_store_open_is_in_the_store_file_itself(
        tmp_path: Path) -> None:
    # The write stayed in the -wal file while the window had the store open: a copy of
    # the store file alone (what a user mails) lacked it.
    path = tmp_path / "s.sqlite"
    with CollectionStore.create_or_open(path):
        pass
    with CollectionStore.open(path) as reader:
        with CollectionStore.create_or_open(path) as store, store.transaction():
            store.set_meta("note", "written")
        assert reader.meta("note") == "written"
        copy = tmp_path / "copy.sqlite"
        copy.write_bytes(path.read_bytes())
    with CollectionStore.open(copy) as store:
        assert store.meta("note") == "written"


@pytest.mark.parametrize("lands_in", ["the writes", "the commit"])
def test_ctrl_c_in_a_transaction_is_told_by_whether_it_committed(
        tmp_path: Path, lands_in: str) -> None:
    # Ctrl-C is raised once the call it lands in returns: one landing in the commit found
    # the writes committed, and the add said "the store is as it was before".
    path = tmp_path / "s.sqlite"
    with CollectionStore.create_or_open(path) as store:
        with pytest.raises(KeyboardInterrupt), store.transaction() as connection:
            store.set_meta("note", "written")
            if lands_in == "the writes":
                _thread.interrupt_main()
                time.sleep(1)  # where Python raises it
            # SQLite calls the handler as the commit works: Ctrl-C pressed meanwhile.
            connection.set_progress_handler(_thread.interrupt_main, 1)
        connection.set_progress_handler(None, 1)
        assert store.written == (lands_in == "the commit")
    with CollectionStore.open(path) as store:
        assert store.meta("note", "") == ("written" if lands_in == "the commit" else "")


def _command_in(message: str) -> list[str]:
    """The words of the `tandem corpus add ...` command a message suggests, as a shell
    would read it when pasted."""
    start = message.index("tandem corpus add")
    end = message.index("SOURCE...", start)
    return shlex.split(message[start:end])


def test_the_command_to_make_a_missing_store_names_a_path_with_spaces_as_one_word(
        tmp_path: Path) -> None:
    missing = tmp_path / "my stores" / "news #2.sqlite"
    with pytest.raises(StoreError) as error:
        CollectionStore.open(missing)
    assert _command_in(str(error.value)) == ["tandem", "corpus", "add", str(missing)]


def test_a_store_another_program_holds_locked_is_busy_not_damaged(tmp_path: Path) -> None:
    # A store in rollback-journal mode (as one rests) that another program is committing
    # to cannot be read until it is done: that is no damaged store to index afresh (the
    # window offers to set a damaged cache store aside), only a busy one.
    path = tmp_path / "s.sqlite"
    with CollectionStore.create_or_open(path):
        pass
    holder = sqlite3.connect(path, isolation_level=None, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError) as raised:
            CollectionStore.open(path)
    finally:
        holder.rollback()
        holder.close()
    assert not isinstance(raised.value, UnusableStore)
    assert "is busy" in str(raised.value) and "damaged" not in str(raised.value)
    with CollectionStore.open(path) as store:  # once let go, it reads as ever
        assert store.document_count() == 0


def test_a_store_given_with_a_slash_at_its_end_is_told_to_drop_it(
        tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # `--collection store.sqlite/` was "no such collection store (make one with 'tandem
    # corpus add store.sqlite/ ...')", while that add read store.sqlite (SQLite drops the
    # slash) and a new `n.sqlite/` made n.sqlite, which report then called missing.
    path = tmp_path / "s.sqlite"
    with CollectionStore.create_or_open(path):
        pass
    before = path.read_bytes()
    for opening in (CollectionStore.open, CollectionStore.create_or_open):
        with pytest.raises(StoreError) as told:
            opening(f"{path}/")
        assert str(told.value) == f"{path}/: {path} is a file, not a folder; drop the " \
                                  "slash at the end"
        with pytest.raises(StoreError, match="a collection store is a file; give its path "
                                             "without the slash"):
            opening(f"{tmp_path / 'n.sqlite'}/")
    assert path.read_bytes() == before
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["s.sqlite"]
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("One short article about the harbour and its ferries.\n", encoding="utf-8")
    b.write_text("Another short article about the harbour and its fares.\n", encoding="utf-8")
    assert run_compare([str(a), str(b), "--collection", f"{path}/", "--json",
                        str(tmp_path / "out.json")]) == 2
    assert capsys.readouterr().err == f"tandem: {path}/: {path} is a file, not a folder; " \
                                      "drop the slash at the end\n"


def _in_wal_mode(path: Path) -> None:
    """The store at `path` left in WAL mode, as a copy taken while an add wrote it is."""
    with CollectionStore.create_or_open(path) as store, store.transaction():
        store.set_meta("note", "written")
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA journal_mode = WAL").fetchone() == ("wal",)
    connection.close()


def test_reading_a_store_left_in_wal_mode_leaves_no_log_files_beside_it(
        tmp_path: Path) -> None:
    # `compare --collection` (or `corpus report`) left an empty s.sqlite-wal and a
    # s.sqlite-shm beside such a store for good: a read-only connection cannot remove them.
    path = tmp_path / "s.sqlite"
    _in_wal_mode(path)
    assert _files_beside(path) == ["s.sqlite"]
    with CollectionStore.open(path) as store:
        assert store.meta("note") == "written"
    assert _files_beside(path) == ["s.sqlite"]
    with CollectionStore.open(path) as store:
        assert store.meta("note") == "written"


def test_reading_a_store_through_a_symlink_leaves_no_log_files_beside_it(
        tmp_path: Path) -> None:
    # SQLite keeps a store's -wal and -shm beside the file a symlink leads to; they were
    # looked for beside the link, and so left beside the store for good.
    shelf, links = tmp_path / "shelf", tmp_path / "links"
    shelf.mkdir()
    links.mkdir()
    path = shelf / "s.sqlite"
    _in_wal_mode(path)
    link = links / "s.sqlite"
    link.symlink_to(os.path.relpath(path, links))
    with CollectionStore.open(link) as store:
        assert store.meta("note") == "written"
    assert _files_beside(path) == ["s.sqlite"]
    assert _files_beside(link) == ["s.sqlite"]


def test_log_files_another_connection_keeps_beside_a_store_stay_with_its_writes(
        tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    _in_wal_mode(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('note', 'in the log')")
    assert (tmp_path / "s.sqlite-wal").stat().st_size > 0
    with CollectionStore.open(path) as store:
        assert store.meta("note") == "in the log"
    assert _files_beside(path) == ["s.sqlite", "s.sqlite-shm", "s.sqlite-wal"]
    assert holder.execute("SELECT value FROM meta WHERE key = 'note'").fetchone() == (
        "in the log",)
    holder.close()
    with CollectionStore.open(path) as store:
        assert store.meta("note") == "in the log"
    assert _files_beside(path) == ["s.sqlite"]
