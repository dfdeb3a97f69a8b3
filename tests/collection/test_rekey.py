"""The note a store another version of Tandem indexed gets (viewer.collection.rekey)."""

from __future__ import annotations

from pathlib import Path

from tests.collection.test_store import _command_in
from viewer.collection.rekey import other_version_note
from viewer.collection.store import CollectionStore
from viewer.core.shared import MATCHER_VERSION


def test_the_command_to_update_an_older_store_names_a_path_with_spaces_as_one_word(
        tmp_path: Path) -> None:
    path = tmp_path / "my stores" / "news #2.sqlite"
    with CollectionStore.create_or_open(path) as store, store.transaction():
        store.set_meta("matcher", str(MATCHER_VERSION - 1))
    with CollectionStore.open(path) as store:
        note = other_version_note(store)
    assert _command_in(note) == ["tandem", "corpus", "add", str(path)]
