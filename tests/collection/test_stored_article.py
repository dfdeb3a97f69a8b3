"""Tests of viewer.collection.stored_article: finding a loaded text among a store's
articles, and its passages on the stored text's offsets."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.collection.planted import make_collection
from viewer.collection.engine import add_sources
from viewer.collection.store import CollectionStore
from viewer.collection.stored_article import article_of


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> CollectionStore:
    folder = tmp_path_factory.mktemp("stored")
    planted = make_collection()
    # One article stored as a Windows file writes it: every line break "\r\n".
    planted.rows[5]["text"] = planted.rows[5]["text"].replace("\n", "\r\n")
    opened = CollectionStore.create_or_open(folder / "store.sqlite")
    add_sources(opened, [planted.write(folder / "c.jsonl")], workers=1)
    return opened


def _stored(store: CollectionStore, doc_id: str) -> str:
    (text,) = store.connection.execute("SELECT text FROM documents WHERE id = ?",
                                       (doc_id,)).fetchone()
    return str(text)


def _span_of(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


@pytest.mark.parametrize(("doc_id", "saved"), [
    ("d002", lambda text: text),
    ("d002", lambda text: text.rstrip() + "\n\n"),
    ("d002", lambda text: text.replace("\n", "\r\n")),
    ("d002", lambda text: text.replace("\n", "\r")),
    ("d006", lambda text: text.replace("\r\n", "\n")),
    ("d006", lambda text: text.replace("\r\n", "\n").rstrip()),
])
def test_a_text_saved_with_other_line_breaks_is_the_article_at_its_offsets(
        store: CollectionStore, doc_id: str, saved: Callable[[str], str]) -> None:
    stored = _stored(store, doc_id)
    text = saved(stored)
    found = article_of(store, text)
    assert found is not None and found.id == doc_id
    # Its last paragraph, wherever the line breaks before it put it in either text.
    paragraph = stored.replace("\r\n", "\n").rstrip().rsplit("\n", 1)[1]
    at = _span_of(text, paragraph)
    assert found.span(at) == _span_of(stored, paragraph)
    title = stored.split("\r")[0].split("\n")[0]
    assert found.span(_span_of(text, title)) == _span_of(stored, title)


def test_an_edited_text_is_no_article(store: CollectionStore) -> None:
    stored = _stored(store, "d002")
    assert article_of(store, stored.replace("\n", "\r\n").replace("Title", "Headline")) is None
    assert article_of(store, "\r\n\r\n") is None
