"""A pair read side by side shows each passage's own text under its highlight: the pane
holds the text exactly as loaded, so the engine's offsets land on the same characters,
whatever the file opens with (a UTF-8 byte-order mark, as Windows Notepad writes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor

from tests.ui.articles import PASSAGE, article_a, article_b
from tests.ui.conftest import wait_rendered
from viewer.collection.engine import add_sources
from viewer.collection.store import CollectionStore


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def write_articles(folder: Path) -> tuple[Path, Path]:
    """A saved by Notepad (UTF-8 with a byte-order mark, CRLF), B plain UTF-8."""
    folder.mkdir()
    a, b = folder / "harbour_a.txt", folder / "harbour_b.txt"
    a.write_bytes(b"\xef\xbb\xbf" + article_a().replace("\n", "\r\n").encode())
    b.write_text(article_b(), encoding="utf-8", newline="")
    return a, b


def shown(pane, span: tuple[int, int]) -> str:  # type: ignore[no-untyped-def]
    """The characters the view holds where the engine's span is (as plain text)."""
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition(pane.utf16.to_utf16(span[0]))
    cursor.setPosition(pane.utf16.to_utf16(span[1]), QTextCursor.MoveMode.KeepAnchor)
    return cursor.selection().toPlainText()


def as_shown(text: str) -> str:
    return text.replace("\r\n", " \n").replace("\r", "\n")


def assert_passages_under_their_highlights(window) -> None:  # type: ignore[no-untyped-def]
    comparison = window.rendered.comparison
    assert comparison.shared_phrases
    for pane, document in zip(window.panes, (comparison.document_a, comparison.document_b),
                              strict=True):
        text = document.text
        assert pane.view.document().characterCount() - 1 == pane.utf16.utf16_length
        for phrase in comparison.shared_phrases:
            span = phrase.a if document is comparison.document_a else phrase.b
            assert shown(pane, span) == as_shown(text[span[0]:span[1]])


def test_a_pair_from_the_collection_shows_each_passage_under_its_highlight(
        make_window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "articles"
    write_articles(folder)
    store_path = str(tmp_path / "store.sqlite")
    with CollectionStore.create_or_open(store_path) as store:
        add_sources(store, [folder], workers=1)
        (pair,) = store.pairs()
        listed = store.pair_passages(pair.a, pair.b)
        assert store.text("harbour_a").startswith("\ufeff")
    window = make_window()
    window.open_paths([store_path])
    qtbot.waitUntil(lambda: window.collection.data is not None
                    and not window.collection.indexer.running, timeout=60000)
    assert window.collection.open_pair(pair.a, pair.b)
    wait_rendered(qtbot, window)
    comparison = window.rendered.comparison
    assert {(tuple(p["a"]), tuple(p["b"])) for p in listed} <= {
        (p.a, p.b) for p in comparison.shared_phrases}
    assert_passages_under_their_highlights(window)
    assert any(PASSAGE in as_shown(shown(pane, span)).replace("\n", " ")
               for phrase in comparison.shared_phrases
               for pane, span in zip(window.panes, (phrase.a, phrase.b), strict=True))


def test_two_files_one_opening_with_a_byte_order_mark_keep_their_highlights(
        make_window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    a, b = write_articles(tmp_path / "articles")
    window = make_window()
    window.open_paths([str(a), str(b)])
    wait_rendered(qtbot, window)
    assert window.rendered.comparison.document_a.text.startswith("\ufeff")
    assert_passages_under_their_highlights(window)
